"""Repair driver: mojibake, then quotes and punctuation, then casing.

Each layer works on the previous layer's output and reports changes in its own
coordinates; :func:`byline.repair.offsets.compose` folds them into one list of
non-overlapping changes in the *original* text's offsets, which is what the
:class:`~byline.repair.Repair` map needs.
"""

from __future__ import annotations

from byline.repair import Repair
from byline.repair.casing import casing_changes
from byline.repair.model import Model
from byline.repair.model import load as load_model
from byline.repair.mojibake import mojibake_changes
from byline.repair.offsets import Change, OffsetMap, compose
from byline.repair.quotes import quote_changes


def _model() -> Model | None:
    try:
        return load_model()
    except (OSError, ValueError, KeyError):  # a missing or broken model file: repair quotes only
        return None


def repair_text(text: str) -> Repair:
    """Detect and undo mojibake, quote and casing damage in ``text``."""
    if not text or text.isspace():
        return Repair(text, [])
    model = _model()
    moj = mojibake_changes(text)
    t1 = OffsetMap(text, moj).repaired if moj else text
    quotes = quote_changes(t1, model)
    t2 = OffsetMap(t1, quotes).repaired if quotes else t1
    casing = casing_changes(t2, model) if model is not None else []
    later: list[Change] = compose(t1, quotes, casing) if quotes and casing else (quotes or casing)
    changes = compose(text, moj, later) if moj else later
    return Repair(text, changes)
