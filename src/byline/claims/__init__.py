"""Pipeline stage: quantities and claims (placeholder until the stage lands)."""

from __future__ import annotations

from byline.pipeline import Context


def run(ctx: Context) -> None:
    return None
