"""Finding quoted stretches from quote marks, tolerant of damaged marks.

Real and damaged text has curly and straight marks, wrong-way marks
(``Trump.“This``), odd numbers of marks, quotes that run over several
paragraphs (an opening mark at each paragraph, no closer until the end) and
single-quoted quotes nested in double-quoted ones. The scanner decides each
double mark's role from its glyph *and* its surroundings (a mark after a word
and before a space closes, whatever its glyph), keeps a quote open across a
paragraph break only when the next paragraph opens with a mark, and closes a
dangling quote at the end of its paragraph. It never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE = "\"“”„‟«»″〝〞＂"
OPENERS = "“„‟«〝"
CLOSERS = "”»〞"
SINGLE_OPEN = "‘‚‛‹"
SINGLE_CLOSE = "’›"
_PARA = re.compile(r"\n\s*\n|\n")

#: Share of a content's letters inside quote marks from which it is a direct quote.
DIRECT_SHARE = 0.8
#: Share of reported content held by one quoted stretch from which it is a direct quote
#: (the quote is nearly all of the content).
HOST_SHARE = 0.6


@dataclass
class Quoted:
    """A quoted stretch: ``start``/``end`` include the marks, ``pieces`` are the
    content ranges without marks (one per paragraph for multi-paragraph quotes)."""

    start: int
    end: int
    pieces: list[tuple[int, int]]
    closed: bool = True
    nested: list[Quoted] = field(default_factory=list)

    @property
    def content_start(self) -> int:
        return self.pieces[0][0]

    @property
    def content_end(self) -> int:
        return self.pieces[-1][1]


def _role(text: str, i: int) -> str:
    """'open', 'close' or '?' for the double mark at ``i`` from its context."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    b_space = before.isspace() or before in "([{—–-/" or i == 0
    a_space = after.isspace() or after in ",.;:!?)]}—–-" or i + 1 >= len(text)
    if b_space and not a_space:
        return "open"
    if a_space and not b_space:
        return "close"
    ch = text[i]
    if ch in OPENERS and not (after.isspace() or i + 1 >= len(text)):
        return "open" if b_space else "?"
    if ch in CLOSERS:
        return "close" if not b_space else "?"
    return "?"


def _paragraph_ends(text: str) -> list[int]:
    ends = [m.start() for m in _PARA.finditer(text)]
    ends.append(len(text))
    return ends


def find(text: str) -> list[Quoted]:
    """Top-level double-quoted stretches of ``text`` in order, each with the
    single-quoted stretches nested in it."""
    try:
        return _find(text)
    except Exception:  # pragma: no cover - the scanner must never break the pipeline
        return []


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _find(text: str) -> list[Quoted]:
    marks = [i for i, ch in enumerate(text) if ch in DOUBLE]
    if not marks:
        return []
    para_ends = _paragraph_ends(text)
    out: list[Quoted] = []
    open_at: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = 0
    p_idx = 0

    def para_end_after(pos: int) -> int:
        nonlocal p_idx
        while p_idx < len(para_ends) and para_ends[p_idx] < pos:
            p_idx += 1
        return para_ends[p_idx] if p_idx < len(para_ends) else len(text)

    k = 0
    while k < len(marks):
        i = marks[k]
        role = _role(text, i)
        if open_at is None:
            if role in ("open", "?"):
                open_at, piece_start, pieces = i, i + 1, []
            k += 1
            continue
        # a quote is open: does a paragraph break come before this mark?
        pend = para_end_after(piece_start)
        if pend < i:
            nxt = text[pend:i]
            starts_with_mark = nxt.strip() == "" and role in ("open", "?")
            if starts_with_mark:  # continuation paragraph: "...\n\n“more..."
                pieces.append(_strip(text, piece_start, pend))
                piece_start = i + 1
                k += 1
                continue
            # dangling quote: close it at the end of its paragraph
            pieces.append(_strip(text, piece_start, pend))
            out.append(Quoted(open_at, pend, pieces, closed=False))
            open_at = None
            continue  # re-examine this mark with nothing open
        if role in ("close", "?"):
            pieces.append((piece_start, i))
            out.append(Quoted(open_at, i + 1, pieces))
            open_at = None
        else:  # an opener while open: the earlier opener was stray; restart here
            if i - piece_start > 0 and text[piece_start:i].strip():
                pieces.append(_strip(text, piece_start, i))
                out.append(Quoted(open_at, i, pieces, closed=False))
            open_at, piece_start, pieces = i, i + 1, []
        k += 1
    if open_at is not None:
        pend = para_end_after(piece_start)
        pieces.append(_strip(text, piece_start, pend))
        out.append(Quoted(open_at, pend, pieces, closed=False))
    out = [q for q in out if any(e > s for s, e in q.pieces)]
    for q in out:
        q.nested = _singles(text, q)
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _singles(text: str, q: Quoted) -> list[Quoted]:
    """Single-quoted stretches inside a double-quoted one (``‘...’`` or ``'...'``)."""
    out: list[Quoted] = []
    for s, e in q.pieces:
        open_at: int | None = None
        for i in range(s, e):
            ch = text[i]
            if ch not in SINGLE_OPEN and ch not in SINGLE_CLOSE and ch != "'":
                continue
            if _is_apostrophe(text, i):
                continue
            before = text[i - 1] if i > s else " "
            after = text[i + 1] if i + 1 < e else " "
            if open_at is None:
                if (ch in SINGLE_OPEN or ch == "'") and not after.isspace() and (
                        before.isspace() or before in "(:,—–-" or i == s):
                    open_at = i
            elif ch in SINGLE_CLOSE or ch == "'":
                if not before.isspace() and (after.isspace() or after in ",.;:!?)—–-" or i + 1 >= e):
                    if i - open_at > 1:
                        out.append(Quoted(open_at, i + 1, [(open_at + 1, i)]))
                    open_at = None
    return out


def inside_mask(text: str, quotes: list[Quoted]) -> bytearray:
    """Per character: 0 outside quotes, 1 inside content, 2 a quote mark of a quote."""
    mask = bytearray(len(text))
    for q in quotes:
        for s, e in q.pieces:
            mask[s:e] = b"\x01" * (e - s)
        for pos in (q.start, q.end - 1):
            if 0 <= pos < len(text) and text[pos] in DOUBLE:
                mask[pos] = 2
    return mask
