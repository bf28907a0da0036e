"""Mojibake repair ("Trumpâ€™s" -> "Trump’s") with ftfy, as minimal changes.

Only ftfy's encoding fixes are switched on: quotes stay curly
(``uncurl_quotes=False``), line breaks, widths, ligatures, control characters
and Unicode normalisation are left alone, so a clean text is never touched.
Lines that ftfy's own badness check finds clean are skipped without decoding.
The fixed line is diffed against the input so each change covers only the
damaged characters.
"""

from __future__ import annotations

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
                sm = SequenceMatcher(None, line, fixed, autojunk=False)
                runs: list[list[int]] = []  # adjacent edits merged: one change per damaged run
                for op, a0, a1, b0, b1 in sm.get_opcodes():
                    if op == "equal":
                        continue
                    if runs and runs[-1][1] == a0 and runs[-1][3] == b0:
                        runs[-1][1], runs[-1][3] = a1, b1
                    else:
                        runs.append([a0, a1, b0, b1])
                out += [Change("mojibake", pos + a0, pos + a1, fixed[b0:b1]) for a0, a1, b0, b1 in runs]
        pos += len(line) + 1
    return out
