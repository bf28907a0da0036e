"""Helpers for the store tests: hand-built briefs (the findings stages may still
be empty, so queries are tested on briefs whose findings we choose) and a small
fixture corpus on disk, with a WARC file written by warcio."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from byline.model import (
    Article,
    Brief,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventDate,
    Mention,
    Meta,
    Quote,
    Span,
    SpeakerRef,
)
from byline.pipeline import article_id

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part))


def make_brief(text: str, *, title: str | None = None, published: str | None = None,
               people: dict[str, list[str]] | None = None, quotes: list[tuple[str, str]] | None = None,
               events: list[tuple[str, str | None, list[str]]] | None = None,
               claims: list[tuple[str, str, str | None]] | None = None) -> Brief:
    """A brief over ``text`` with chosen findings.

    ``people``: entity name -> aliases (each must occur in the text);
    ``quotes``: (quoted text, speaker name as written; an entity name links it);
    ``events``: (trigger text, date value, entity names);
    ``claims``: (claim text, source quality, source name)."""
    b = Brief(article=Article(id=article_id(text), title=title, published=published, text=text,
                              repaired_text=text), meta=Meta(byline_version="test"))
    ids: dict[str, str] = {}
    for i, (name, aliases) in enumerate((people or {}).items(), 1):
        eid = f"e{i}"
        ids[name] = eid
        forms = [name, *aliases]
        b.entities.append(Entity(id=eid, name=name, type="PERSON", aliases=aliases,
                                 mentions=[Mention(span=_span(text, f), text=f) for f in forms if f in text]))
    for i, (qtext, speaker) in enumerate(quotes or [], 1):
        b.quotes.append(Quote(id=f"q{i}", kind="direct", text=qtext, span=_span(text, qtext),
                              speaker=SpeakerRef(entity_id=ids.get(speaker), name=speaker)))
    for i, (trigger, date, names) in enumerate(events or [], 1):
        b.events.append(Event(id=f"v{i}", description=trigger, span=_span(text, trigger),
                              date=EventDate(value=date) if date else None,
                              entities=[ids[n] for n in names], order=i - 1))
    for i, (ctext, quality, source) in enumerate(claims or [], 1):
        b.claims.append(Claim(id=f"c{i}", text=ctext, span=_span(text, ctext), kind="quantity",
                              source=ClaimSource(name=source, quality=quality)))  # type: ignore[arg-type]
    return b


@pytest.fixture
def briefs() -> list[Brief]:
    """Three articles quoting the same person under three written forms, plus a
    second person who shares nothing with her."""
    t1 = ("Claudia Sheinbaum said on Monday that sovereignty is not for sale. "
          "\"We will defend our borders,\" Sheinbaum said. Officials said 40 percent of imports were affected.")
    t2 = ("CLAUDIA SHEINBAUM rejected the tariff offer. \"No deal,\" said President Sheinbaum. "
          "Marcelo Ebrard met trade officials in Washington, where experts said exports fell 3 percent.")
    t3 = ("Mexico's leader met Donald J. Trump in March. \"It was a good meeting,\" Sheinbaum told reporters. "
          "\"We agreed on nothing,\" said Marcelo Ebrard. The deficit reached 12 billion dollars, the ministry said.")
    return [
        make_brief(t1, title="Sovereignty not for sale", published="2025-05-03",
                   people={"Claudia Sheinbaum": ["Sheinbaum"]},
                   quotes=[("We will defend our borders", "Claudia Sheinbaum")],
                   events=[("said", "2025-05-05", ["Claudia Sheinbaum"])],
                   claims=[("40 percent of imports were affected", "vague", "Officials")]),
        make_brief(t2, title="Tariff offer rejected", published="2025-04-02",
                   people={"CLAUDIA SHEINBAUM": ["President Sheinbaum"], "Marcelo Ebrard": []},
                   quotes=[("No deal", "President Sheinbaum")],
                   events=[("rejected", "2025-04", ["CLAUDIA SHEINBAUM"]), ("met", None, ["Marcelo Ebrard"])],
                   claims=[("exports fell 3 percent", "vague", "experts")]),
        make_brief(t3, title="A meeting in March", published="2025-06-01",
                   people={"Donald J. Trump": [], "Marcelo Ebrard": []},
                   quotes=[("It was a good meeting", "Sheinbaum"), ("We agreed on nothing", "Marcelo Ebrard")],
                   events=[("met", "2025-03", ["Donald J. Trump"])],
                   claims=[("The deficit reached 12 billion dollars", "named", "the ministry")]),
    ]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The fixture corpus copied to a temporary folder, plus a small WARC file
    (two HTML responses and one image, which is skipped)."""
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    write_warc(root / "crawl.warc.gz")
    return root


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages: list[tuple[str, str, bytes]] = [
        ("https://example.org/bridge", "text/html; charset=utf-8", _page(
            "Bridge reopens after repairs",
            "The Elm Street bridge reopened on Saturday after eight months of repairs costing 9 million dollars.",
            "\"Traffic will finally flow again,\" said city engineer Priya Nair. Nair said the bridge "
            "would be inspected every year.")),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://example.org/library", "text/html", _page(
            "Library extends opening hours",
            "The central library will stay open until 10 pm on weekdays from next month, the city said on Friday.",
            "\"Students asked for this for years,\" said librarian Joan Mills.")),
    ]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)


def _page(title: str, *paras: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode()


def dump(db_path: Path) -> dict[str, Any]:
    """Every row of every table (sorted), for comparing two stores."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out: dict[str, Any] = {}
        for n in names:
            out[n] = sorted(tuple("" if v is None else str(v) for v in r) for r in conn.execute(f"SELECT * FROM [{n}]"))
        fts = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'the'"
        out["_fts"] = sorted(r[0] for r in conn.execute(fts))
        return out
    finally:
        conn.close()
