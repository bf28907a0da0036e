"""Pipeline stage: repair the text before any model sees it."""

from __future__ import annotations

from byline.pipeline import Context
from byline.repair import repair


def run(ctx: Context) -> None:
    ctx.repair = repair(ctx.text)
    ctx.brief.article.repaired_text = ctx.repair.text
