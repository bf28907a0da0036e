"""Quote and punctuation repair: pair double quotes by position and context.

Each double-quote mark in a line gets a *role* from its surroundings, not from
its glyph (the glyph is what damage gets wrong): a mark after a space and
before a word opens, one after a word and before a space or punctuation closes,
one after ``.,!?`` glued to the next word (``Trump.“This``) closes. Marks are
then paired left to right; an opener while a quote is open means the earlier
one was never closed, and a closer with nothing open is stray.

Fixes, each recorded as a change:

* wrong-way glyphs of a pair (``“Sheinbaum“`` -> ``“Sheinbaum”``), or of a lone
  mark whose role is clear from context — ``quote``;
* a closer glued to the next sentence gets a space — ``punctuation``;
* a closer before the final period of an abbreviation moves after it
  (``“U.S”.`` -> ``“U.S.”``) — ``quote``;
* quote marks that only wrap a name or place (one to four capitalised words;
  a single word must be one usually capitalised: ``“Trump”``,
  ``“U.S”.-Mexico”``) or a heading (a short quoted label at the start of a line
  followed by ``:``) are dropped, with a stray closer glued to the same word —
  ``quote``. Dropping needs evidence of damage: a quoted heading label is
  itself damage; a name's quote marks are damaged (wrong-way, glued, misplaced), or the document has at least two such
  quotes and quote damage somewhere. A clean article's scare quotes, and a lone
  “Hartz IV” in an article with one stray mark elsewhere, stay.

The text between real quote marks is never changed here. Straight quotes are
paired the same way but never turned curly. Single quotes are left alone (they
double as apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from byline.repair.model import Model
from byline.repair.offsets import Change
from byline.repair.tokens import WORD_RE, key, shape_of

DQ = frozenset('“”"„‟')
CURLY_OPEN = "“"
CURLY_CLOSE = "”"
_CLOSE_FOLLOW = set(",.;:!?)]}…-–—'’")
_OPEN_PRECEDE = set("([{—–-/")
_ABBREV_END = re.compile(r"(?:^|[^\w.])(?:[^\W\d_]\.)+[^\W\d_]$")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)])?\s*$")
_SENT_PUNCT = re.compile(r"[!?;]|[^\W\d_]{2,}\.(?:\s|$)")
MAX_NAME_WORDS = 4
MAX_HEADING_WORDS = 8


@dataclass(slots=True)
class Mark:
    pos: int  # offset in the line
    glyph: str
    role: str  # open | close | glued | ambig


def _role(line: str, p: int) -> str:
    prev = line[p - 1] if p > 0 else " "
    nxt = line[p + 1] if p + 1 < len(line) else " "
    left_open = prev.isspace() or prev in _OPEN_PRECEDE or prev in DQ
    right_open = nxt.isspace() or nxt in DQ
    if left_open and not right_open and nxt not in _CLOSE_FOLLOW:
        return "open"
    if not left_open and (right_open or nxt in _CLOSE_FOLLOW):
        return "close"
    if prev in ".,!?" and nxt.isalnum():
        return "glued"
    return "ambig"


@dataclass(slots=True)
class Pair:
    open: Mark
    close: Mark


def _scan(line: str) -> tuple[list[Pair], list[Mark], list[Mark]]:
    """(pairs, unclosed openers, stray closers) of one line."""
    pairs: list[Pair] = []
    unclosed: list[Mark] = []
    stray: list[Mark] = []
    cur: Mark | None = None
    for p, ch in enumerate(line):
        if ch not in DQ:
            continue
        m = Mark(p, ch, _role(line, p))
        if cur is None:
            if m.role in ("open", "ambig"):
                cur = m
            else:
                stray.append(m)
        elif m.role == "open":
            unclosed.append(cur)
            cur = m
        else:
            pairs.append(Pair(cur, m))
            cur = None
    if cur is not None:
        unclosed.append(cur)
    return pairs, unclosed, stray


def _name_like(model: Model | None, content: str) -> bool:
    """One to four capitalised words; a single one must also be usually capitalised
    or an abbreviation ("Trump", "U.S" yes; "Sacrosanct" no)."""
    if any(c in content for c in ",;:!?\"“”()"):
        return False
    words = WORD_RE.findall(content)
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    leftover = WORD_RE.sub("", content).replace("-", "").replace(".", "").replace("’", "").replace("'", "")
    if leftover.strip():
        return False
    named = 0
    for w in words:
        sh = shape_of(w)
        if sh not in ("t", "u", "m"):
            return False
        entry = model.uni.get(key(w)) if model is not None and sh == "t" and "." not in w else None
        named += entry is None or entry >= 0.0
    return named == 1 if len(words) == 1 else True


def _heading_like(line: str, pair: Pair) -> bool:
    """A short quoted label opening its line and followed by ':'."""
    if not _BULLET.match(line[: pair.open.pos]):
        return False
    rest = line[pair.close.pos + 1 :].lstrip()
    if not rest.startswith(":"):
        return False
    content = line[pair.open.pos + 1 : pair.close.pos]
    return 1 <= len(WORD_RE.findall(content)) <= MAX_HEADING_WORDS and not _SENT_PUNCT.search(content)


def _chunk_bounds(line: str, p: int) -> tuple[int, int]:
    s = p
    while s > 0 and not line[s - 1].isspace():
        s -= 1
    e = p
    while e < len(line) and not line[e].isspace():
        e += 1
    return s, e


_DQ_RE = re.compile("[" + re.escape("".join(sorted(DQ))) + "]")


def quote_changes(text: str, model: Model | None = None) -> list[Change]:
    """Quote and punctuation fixes for ``text`` (offsets into ``text``)."""
    if not _DQ_RE.search(text):
        return []
    fixes: list[Change] = []
    drops: list[tuple[bool, list[Change]]] = []  # (the quote's own marks are damaged, changes)
    damage = 0
    pos = 0
    for line in text.split("\n"):
        if _DQ_RE.search(line):
            pairs, unclosed, stray = _scan(line)
            dropped_chunks: list[tuple[int, int]] = []
            for pr in pairs:
                o, c = pr.open, pr.close
                content = line[o.pos + 1 : c.pos]
                after = line[c.pos + 1 : c.pos + 2]
                heading = _heading_like(line, pr)
                is_name = not heading and _name_like(model, content.strip())
                if is_name or heading:
                    own = (heading or o.glyph == CURLY_CLOSE or c.glyph == CURLY_OPEN or c.role == "glued"
                           or (after == "." and _ABBREV_END.search(content) is not None))
                    drops.append((own, [Change("quote", pos + o.pos, pos + o.pos + 1, ""),
                                        Change("quote", pos + c.pos, pos + c.pos + 1, "")]))
                    dropped_chunks.append(_chunk_bounds(line, o.pos))
                    damage += own
                    continue
                curly = o.glyph in "“”" or c.glyph in "“”"
                if curly and o.glyph != CURLY_OPEN and o.glyph != '"':
                    fixes.append(Change("quote", pos + o.pos, pos + o.pos + 1, CURLY_OPEN))
                    damage += 1
                close_glyph = CURLY_CLOSE if curly and c.glyph != '"' else c.glyph
                if after == "." and _ABBREV_END.search(content):
                    fixes.append(Change("quote", pos + c.pos, pos + c.pos + 2, "." + close_glyph))
                    damage += 1
                    continue
                if close_glyph != c.glyph:
                    fixes.append(Change("quote", pos + c.pos, pos + c.pos + 1, close_glyph))
                    damage += 1
                if c.role == "glued":
                    fixes.append(Change("punctuation", pos + c.pos + 1, pos + c.pos + 1, " "))
                    damage += 1
            for m in stray:
                if any(s <= m.pos < e for s, e in dropped_chunks):
                    drops.append((True, [Change("quote", pos + m.pos, pos + m.pos + 1, "")]))
                    damage += 1
                elif m.glyph == CURLY_OPEN and m.role == "close":  # a lone closer drawn the wrong way
                    fixes.append(Change("quote", pos + m.pos, pos + m.pos + 1, CURLY_CLOSE))
                    damage += 1
            for m in unclosed:
                if m.glyph == CURLY_CLOSE and m.role == "open":  # a lone opener drawn the wrong way
                    fixes.append(Change("quote", pos + m.pos, pos + m.pos + 1, CURLY_OPEN))
                    damage += 1
        pos += len(line) + 1
    for own, chs in drops:
        if own or (damage and len(drops) >= 2):
            fixes += chs
    return fixes
