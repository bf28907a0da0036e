"""The publication date, read from the text itself when no one gave it.

Only the head of the article is read, and only a full date (with a year) is
taken: a "Published May 3, 2025" / "Updated: 2025-05-03" line, a line that is
nothing but a date, or a dateline ("WASHINGTON, May 3, 2025 —"). A date in the
body is what the article is about, not when it was written, so it is not used.
"""

from __future__ import annotations

import re

from byline.timex.grammar import find
from byline.timex.resolve import resolve_all

#: How much of the head of the text is searched.
HEAD_CHARS = 1500
HEAD_LINES = 12

_CUE = re.compile(r"(?i)^\W*(?:(first\s+)?published|posted|updated|last\s+updated|date|dated)\b\s*(?:on|at)?\s*"
                  r"[:\-–—]?\s*")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,60}?(?:\([^)]{1,30}\))?\s*[,—–-]\s*")


def _full_date(fragment: str, max_start: int = 3) -> tuple[str, int, int] | None:
    """(ISO value, start, end) of the first date with a year at the start of ``fragment``."""
    found = find(fragment)
    if not found:
        return None
    tx = resolve_all(found[:1], None, lambda s, e: None, fragment)
    if not tx or tx[0].value is None or tx[0].start > max_start:
        return None
    v = tx[0].value
    if not re.match(r"\d{4}-\d\d-\d\d", v):
        return None
    return v, tx[0].start, tx[0].end


def published_from_text(text: str) -> str | None:
    """ISO date (or date-time) of publication stated at the head of ``text``."""
    found = find_published(text)
    return found[0] if found else None


def find_published(text: str) -> tuple[str, int, int] | None:
    """(ISO value, start, end of its line) of the publication date stated at the head of ``text``."""
    head = text[:HEAD_CHARS]
    best: tuple[str, int, int] | None = None
    pos = 0
    for n, line in enumerate(head.split("\n")):
        start, pos = pos, pos + len(line) + 1
        if n >= HEAD_LINES:
            break
        s = line.strip()
        if not s:
            continue
        span = (start, start + len(line))
        m = _CUE.match(s)
        if m and m.end() > 0 and re.match(r"(?i)\W*(?:first\s+)?(?:published|posted|date)", s):
            got = _full_date(s[m.end():])
            if got:
                return _iso(got[0]), *span
        if m and m.end() > 0 and best is None:
            got = _full_date(s[m.end():])
            if got:
                best = (got[0], *span)
                continue
        got = _full_date(s)
        if got and best is None and re.fullmatch(r"[\W\d_]*(?i:[ap]\.?m\.?|GMT|UTC|[ECMP][SD]T)?[\W\d_]*",
                                                 s[:got[1]] + s[got[2]:]):
            best = (got[0], *span)
            continue
        d = _DATELINE.match(s)
        if d and best is None:
            got = _full_date(s[d.end():], max_start=0)
            if got:
                best = (got[0], *span)
    return (_iso(best[0]), best[1], best[2]) if best else None


def _iso(value: str) -> str:
    if "T" in value and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d$", value):
        return value
    return value[:10]

