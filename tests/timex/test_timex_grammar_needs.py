"""The grammar skips rules whose needed words are absent: same results as running every rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.timex import grammar

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"

_VOCAB = ("May", "March", "2024", "1990s", "'90s", "12:30", "p.m.", "noon", "today", "tonight", "Monday", "week",
          "weekend", "the", "last", "next", "early", "late", "mid", "-", "of", "year", "years", "ago", "two", "a",
          "quarter", "half", "fiscal", "nineteen", "ninety-four", "two thousand", "Christmas", "Eve", "every",
          "daily", "now", "current", "recently", "spring", "fall", "century", "21st", "period", "1/2/2024",
          "2024-05-03", "morning", "the following", "day", "for", "over", "ſecond", "ﬁscal", ",", ".", "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=12))
def test_skipping_rules_changes_nothing_on_time_vocabulary(words: list[str]) -> None:
    text = " ".join(words)
    assert grammar.find(text) == grammar.find(text, every_rule=True)


def test_skipping_rules_changes_nothing_on_news() -> None:
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR dev not found at {POLNEAR}")
    for path in sorted(POLNEAR.iterdir())[:40]:
        text = path.read_text(encoding="utf-8")
        assert grammar.find(text) == grammar.find(text, every_rule=True), path.name


def test_every_rule_has_needs() -> None:
    assert all(r.words or r.digit for r in grammar.RULES)
