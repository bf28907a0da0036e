"""Mojibake repair ("Trumpâ€™s" -> "Trump’s") with ftfy, as minimal changes.

Only ftfy's encoding fixes are switched on: quotes stay curly
(``uncurl_quotes=False``), line breaks, widths, ligatures, control characters
and Unicode normalisation are left alone, so a clean text is never touched.
Lines that ftfy's own badness check finds clean are skipped without decoding.
The fixed line is diffed against the input (piece by piece, so a huge line
stays cheap) so each change covers only the damaged characters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from byline.repair.offsets import Change

try:  # ftfy is a dependency, but repair must still work without it
    import ftfy
    from ftfy.badness import is_bad

    _CONFIG = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
except ImportError:  # pragma: no cover
    ftfy = None


_PIECES = re.compile(r"\s+|\S+")


def _diff(old: str, new: str) -> list[tuple[int, int, str]]:
    """Minimal replaced runs turning ``old`` into ``new`` (ftfy's fixes are local).

    Both are cut at whitespace; when they cut into as many pieces (the usual case)
    the pieces are compared pairwise, else the piece sequences are diffed. Either
    way the work stays linear-ish in the line length, even for a huge line."""
    a = _PIECES.findall(old)
    b = _PIECES.findall(new)
    a_pos = _starts(a)
    b_pos = _starts(b)
    if len(a) == len(b):
        blocks = [(i, i + 1, i, i + 1) for i in range(len(a)) if a[i] != b[i]]
    else:
        sm = SequenceMatcher(None, a, b, autojunk=False)
        blocks = [(a0, a1, b0, b1) for op, a0, a1, b0, b1 in sm.get_opcodes() if op != "equal"]
    out: list[tuple[int, int, str]] = []
    for a0, a1, b0, b1 in blocks:
        sa, sb = old[a_pos[a0]:a_pos[a1]], new[b_pos[b0]:b_pos[b1]]
        if len(sa) + len(sb) <= 400:  # a word or a few: diff the characters
            ops = [(x0, x1, sb[y0:y1]) for op, x0, x1, y0, y1
                   in SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes() if op != "equal"]
        else:
            ops = [(0, len(sa), sb)]
        for x0, x1, rep in ops:
            start, end = a_pos[a0] + x0, a_pos[a0] + x1
            if out and out[-1][1] == start:  # adjacent runs: one change
                out[-1] = (out[-1][0], end, out[-1][2] + rep)
            else:
                out.append((start, end, rep))
    return out


def _starts(pieces: list[str]) -> list[int]:
    pos = [0]
    for p in pieces:
        pos.append(pos[-1] + len(p))
    return pos


def mojibake_changes(text: str) -> list[Change]:
    """Encoding fixes for ``text`` (offsets into ``text``)."""
    if ftfy is None or text.isascii():
        return []
    out: list[Change] = []
    pos = 0
    for line in text.split("\n"):
        if not line.isascii() and is_bad(line):
            fixed = ftfy.fix_text(line, _CONFIG)
            if fixed != line:
                out += [Change("mojibake", pos + a0, pos + a1, rep) for a0, a1, rep in _diff(line, fixed)]
        pos += len(line) + 1
    return out
