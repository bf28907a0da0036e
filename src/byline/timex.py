"""Pipeline stage: timex. (Lands with its own issue; adds nothing yet.)"""

from __future__ import annotations

from byline.pipeline import Context


def run(ctx: Context) -> None:
    return None
