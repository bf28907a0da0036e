"""Finding and resolving the temporal expressions of a text in one call."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from byline.timex.grammar import find
from byline.timex.resolve import Timex, resolve_all
from byline.timex.tense import tense_at

#: Longest text handled in one piece; longer texts are cut (expressions never
#: span a paragraph, so the cut points are paragraph breaks).
MAX_CHARS = 2_000_000


def find_times(text: str, published: dt.date | None = None, doc: Doc | None = None) -> list[Timex]:
    """Temporal expressions in ``text`` resolved against ``published``.

    ``doc`` (a spaCy parse of exactly ``text``) lets the resolver read the tense
    of each expression's clause; without it bare weekdays and months take the
    reading nearest the publication date.
    """
    if not text:
        return []
    text = text[:MAX_CHARS]
    if doc is not None and doc.text != text:
        doc = None

    def tense(start: int, end: int) -> str | None:
        return tense_at(doc, start, end)

    return resolve_all(find(text), published, tense, text)
