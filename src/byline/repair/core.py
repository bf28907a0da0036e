"""Repair driver. (Placeholder until the repair issue lands: detects nothing.)"""

from __future__ import annotations

from byline.repair import Repair


def repair_text(text: str) -> Repair:
    return Repair(text, [])
