"""A tiny corpus for the Spark tests: a JSONL file (with a bad line, a record
without text and a repeated article), a WARC.gz with one HTML page and one
non-HTML record, a listing of them plus a missing and an unsupported file."""

from __future__ import annotations

import io
import json
from pathlib import Path

ARTICLES = [
    {"id": "a1", "title": "Council backs bridge", "published": "2024-03-05",
     "text": "“We will build it,” Mayor Jane Doe said on Monday. The council approved $4 million "
             "for the new bridge, which officials said would open in 2026."},
    {"id": "a2", "published": "2024-03-06",
     "text": "Unemployment rose to 5.2 percent last year, according to the national statistics office. "
             "Economists at the Bank of England said the rise was expected."},
    {"id": "a3", "title": "Storm warning",
     "text": "Forecasters warned on Tuesday that a storm would reach the coast by Friday. "
             "“Stay indoors,” said John Smith, a spokesman for the weather service."},
]

PAGE = (b"<html><head><title>Storm hits coast</title></head><body><article>"
        b"<p>A storm hit the coast on Tuesday, the weather service said. More than 2,000 homes lost "
        b"power, according to officials in Brighton.</p>"
        b"<p>\xe2\x80\x9cIt was frightening,\xe2\x80\x9d said resident Tom Hale.</p></article></body></html>")


def write_jsonl(path: Path) -> Path:
    lines = [json.dumps(a) for a in ARTICLES]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"title": "a record without text"}))
    lines.append(json.dumps({**ARTICLES[0], "id": "a1-again"}))  # same text: one article
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        html = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://example.com/storm", "response",
                                            payload=io.BytesIO(PAGE), http_headers=html))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://example.com/logo.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=img))
    return path


def corpus(root: Path) -> dict[str, Path]:
    """Write the corpus under ``root``; returns its files by role."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "jsonl": write_jsonl(root / "news.jsonl"),
        "warc": write_warc(root / "crawl.warc.gz"),
        "missing": root / "missing.jsonl",
        "unsupported": root / "scan.pdf",
    }
    files["unsupported"].write_bytes(b"%PDF-1.4\n")
    listing = root / "inputs.paths"
    listing.write_text("# the corpus\nnews.jsonl\n\ncrawl.warc.gz\nmissing.jsonl\nscan.pdf\n", encoding="utf-8")
    files["listing"] = listing
    return files


def ordered_inputs(files: dict[str, Path]) -> list[str]:
    """The listing's entries as absolute paths, in its order (what ``byline ingest`` is given)."""
    return [str(files[k]) for k in ("jsonl", "warc", "missing", "unsupported")]
