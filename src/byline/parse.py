"""Pipeline stage: tag, parse and NER the (repaired) text with spaCy."""

from __future__ import annotations

from byline import nlp
from byline.pipeline import Context


def run(ctx: Context) -> None:
    doc = ctx.data.pop("doc", None)
    ctx.doc = doc if doc is not None else nlp.parse(ctx.repaired)
