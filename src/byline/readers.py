"""Reading articles from files: text, HTML, JSON, JSONL and WARC.

Each reader yields *records*: dicts with ``text`` and, when known, ``id``,
``title``, ``published``, ``published_source``, ``url`` and ``source`` (where
the record came from, e.g. ``path:line``). Bad input raises a
:class:`~byline.errors.InputError` with one clear line.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from byline import errors

#: Default limit on one input file (bytes); configurable per call.
MAX_BYTES = 20_000_000
#: HTML deeper than this many nested elements is refused (a "tag bomb").
MAX_HTML_DEPTH = 2_000

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
WARC_EXT = {".warc", ".warc.gz", ".arc", ".arc.gz"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | WARC_EXT


def suffix(path: str | Path) -> str:
    name = Path(path).name.lower()
    for ext in (".warc.gz", ".arc.gz"):
        if name.endswith(ext):
            return ext
    return Path(name).suffix


# -- bytes to text ---------------------------------------------------------------


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 text has NULs too: let the decoder try it when a BOM says so.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode bytes to text: BOMs and UTF-8 first, else the detected encoding."""
    if looks_binary(data):
        raise errors.binary_input(name)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise errors.binary_input(name)
    text = str(best)
    ctrl = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if text and ctrl / min(len(text), 8192) > 0.05:
        raise errors.binary_input(name)
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- HTML --------------------------------------------------------------------------


def html_depth(html: str, limit: int = MAX_HTML_DEPTH) -> int:
    """A cheap upper bound on element nesting: the running count of open tags
    minus close tags, stopping as soon as ``limit`` is passed."""
    import re

    depth = peak = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", html):
        tag = m.group(2).lower()
        if tag in _VOID or m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth > peak:
            peak = depth
            if peak > limit:
                break
    return peak


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "p", "li", "td", "tr", "th", "option", "dt", "dd"}


def from_html(html: str, name: str = "<html>", url: str | None = None) -> dict[str, Any]:
    """Main text and metadata (title, publication date) of an HTML page."""
    if html_depth(html) > MAX_HTML_DEPTH:
        raise errors.LimitError(f"{name}: HTML nested deeper than {MAX_HTML_DEPTH} elements")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_recall=True,
        )
    except Exception as e:
        raise errors.unreadable(name, f"HTML extraction failed ({type(e).__name__})") from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        raise errors.empty_input(name)
    rec: dict[str, Any] = {"text": text}
    if meta.get("title"):
        rec["title"] = meta["title"]
    published = _html_date(html, url) or meta.get("date")
    if published:
        rec["published"] = published
        rec["published_source"] = "metadata"
    if url or meta.get("url"):
        rec["url"] = url or meta.get("url")
    return rec


def _html_date(html: str, url: str | None) -> str | None:
    """Publication date-time from the page's metadata, time and zone kept when given."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:
        return None
    if not found:
        return None
    if found.endswith("T00:00:00"):
        return found[:10]
    if len(found) > 19 and found[-5] in "+-":  # +0000 -> +00:00
        found = found[:-2] + ":" + found[-2:]
    return found


# -- JSON -------------------------------------------------------------------------


def from_obj(obj: Any, name: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise errors.InputError(f"{name}: expected a JSON object with a 'text' field")
    if isinstance(obj.get("html"), str) and not isinstance(obj.get("text"), str):
        rec = from_html(obj["html"], name, url=obj.get("url"))
        for k in ("id", "title", "published", "url"):
            if obj.get(k):
                rec[k] = obj[k]
        if obj.get("published"):
            rec["published_source"] = "given"
        return rec
    text = obj.get("text")
    if not isinstance(text, str):
        raise errors.InputError(f"{name}: expected a JSON object with a string 'text' field")
    rec = {"text": normalise_newlines(text)}
    for k in ("id", "title", "published", "url"):
        v = obj.get(k)
        if v is not None and v != "":
            rec[k] = str(v)
    if "title" not in rec and (title := headline_of(rec["text"])) is not None:
        rec["title"] = title
    if "published" in rec:
        rec["published_source"] = "given"
    return rec


# -- files -------------------------------------------------------------------------


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise errors.is_directory(name)
    if not p.exists():
        raise errors.not_found(name)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise errors.too_large(name, size, max_bytes)
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        raise errors.unreadable(name, e.strerror or str(e)) from None
    if len(data) > max_bytes:
        raise errors.too_large(name, len(data), max_bytes)
    return data


def records_from_bytes(data: bytes, name: str, kind: str) -> Iterator[dict[str, Any]]:
    """Records in ``data``, read as ``kind`` (a file suffix)."""
    if kind in WARC_EXT:
        yield from read_warc(io.BytesIO(data), name)
        return
    text = decode(data, name)
    if kind in HTML_EXT or (kind in TEXT_EXT and _sniff_html(text)):
        rec = from_html(text, name)
        rec.setdefault("source", name)
        yield rec
    elif kind in JSON_EXT:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise errors.bad_json(name, e.msg + f" at line {e.lineno}") from None
        objs = obj if isinstance(obj, list) else [obj]
        for i, o in enumerate(objs):
            rec = from_obj(o, f"{name}[{i}]" if isinstance(obj, list) else name)
            rec.setdefault("source", name if len(objs) == 1 else f"{name}[{i}]")
            yield rec
    elif kind in JSONL_EXT:
        yield from read_jsonl_text(text, name)
    elif kind in TEXT_EXT:
        text = normalise_newlines(text)
        if not text.strip():
            raise errors.empty_input(name)
        rec = {"text": text, "source": name}
        if (title := headline_of(text)) is not None:
            rec["title"] = title
        yield rec
    else:
        raise errors.unsupported_format(name)


def headline_of(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline: short,
    not ending like a sentence, and followed by more text (news files such as
    the BBC's put the title there). The text itself is left as given."""
    first, sep, rest = text.lstrip("\ufeff \t\n").partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > 150 or len(first.split()) < 2:
        return None
    return None if first[-1] in ".,;" else first


def read_jsonl_text(text: str, name: str) -> Iterator[dict[str, Any]]:
    """One record a line. A bad line yields ``{"error": ..., "source": ...}``."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            rec = from_obj(json.loads(line), where)
        except json.JSONDecodeError as e:
            yield {"error": f"{where}: invalid JSON: {e.msg}", "source": where}
            continue
        except errors.InputError as e:
            yield {"error": str(e), "source": where}
            continue
        rec.setdefault("source", where)
        yield rec


def _sniff_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> Iterator[dict[str, Any]]:
    """Records in one file (a JSONL or WARC file may hold many)."""
    name = str(path)
    kind = suffix(path)
    if kind not in SUPPORTED:
        raise errors.unsupported_format(name)
    if kind in WARC_EXT:
        p = Path(path)
        if p.is_dir():
            raise errors.is_directory(name)
        if not p.exists():
            raise errors.not_found(name)
        with open(p, "rb") as fh:
            yield from read_warc(fh, name)
        return
    data = read_bytes(path, max_bytes)
    yield from records_from_bytes(data, name, kind)


def read_one(path: str | Path, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """The single article in ``path`` (the first record of a JSONL file)."""
    for rec in read_path(path, max_bytes):
        if "error" in rec:
            raise errors.InputError(rec["error"])
        return rec
    raise errors.empty_input(str(path))


def read_stdin(data: bytes, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    if len(data) > max_bytes:
        raise errors.too_large("<stdin>", len(data), max_bytes)
    text = decode(data, "<stdin>")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            return from_obj(json.loads(text), "<stdin>")
        except json.JSONDecodeError:
            pass
    if _sniff_html(text):
        return from_html(text, "<stdin>")
    if not text.strip():
        raise errors.empty_input("<stdin>")
    return {"text": normalise_newlines(text), "source": "<stdin>"}


def iter_files(root: str | Path) -> Iterator[Path]:
    """Supported files under ``root`` (recursively, sorted), or ``root`` itself."""
    p = Path(root)
    if p.is_file():
        yield p
        return
    if not p.exists():
        raise errors.not_found(str(root))
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            fp = Path(dirpath) / f
            if not f.startswith(".") and suffix(fp) in SUPPORTED - {""}:
                yield fp


# -- WARC ---------------------------------------------------------------------------


def read_warc(stream: Any, name: str) -> Iterator[dict[str, Any]]:
    """HTML responses in a WARC (or WARC.gz) stream, through trafilatura."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for n, record in enumerate(ArchiveIterator(stream)):
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{url or n}"
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if ctype and "html" not in ctype:
                continue
            try:
                payload = record.content_stream().read(MAX_BYTES + 1)
                if len(payload) > MAX_BYTES:
                    raise errors.too_large(where, len(payload), MAX_BYTES)
                rec = from_html(decode(payload, where), where, url=url)
            except errors.InputError as e:
                yield {"error": str(e), "source": where, "url": url}
                continue
            if "published" not in rec:
                warc_date = record.rec_headers.get_header("WARC-Date")
                if warc_date:
                    rec["published"] = warc_date[:10]
                    rec["published_source"] = "inferred"
            rec.setdefault("source", where)
            yield rec
    except (ArchiveLoadFailed, OSError, gzip.BadGzipFile, EOFError) as e:
        raise errors.unreadable(name, f"not a readable WARC file ({e})") from None
