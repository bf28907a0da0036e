"""The TIMEX3 modifier (``Time.mod``): what an expression's edge or hedge word says."""

from __future__ import annotations

import datetime as dt

import pytest

import byline
from byline.timex.extract import find_times

DCT = dt.date(2025, 5, 3)


@pytest.mark.parametrize("text, span, mod", [
    ("Sales fell in early 2020.", "early 2020", "START"),
    ("The plant closed in late May.", "late May", "END"),
    ("Talks resumed in mid-March 2024.", "mid-March 2024", "MID"),
    ("The boom of the early 1990s ended.", "the early 1990s", "START"),
    ("The strike lasted about three years.", "about three years", "APPROX"),
    ("The strike lasted more than three years.", "more than three years", "MORE_THAN"),
    ("The strike lasted less than a week.", "less than a week", "LESS_THAN"),
    ("It will take at least two months.", "at least two months", "EQUAL_OR_MORE"),
    ("It happened nearly four years ago.", "nearly four years ago", "LESS_THAN"),
    ("The vote ends at the end of the year.", "the end of the year", "END"),
])
def test_modifier_is_read(text: str, span: str, mod: str) -> None:
    got = {t.text: t.mod for t in find_times(text, DCT)}
    assert got.get(span) == mod, got


@pytest.mark.parametrize("text", ["The talks resumed later this year.", "He left at midnight.",
                                  "Prices rose lately.", "He left on May 2."])
def test_no_modifier_without_one(text: str) -> None:
    assert all(t.mod is None for t in find_times(text, DCT))


def test_brief_times_carry_the_modifier() -> None:
    brief = byline.analyze("The factory opened in early 2020 and ran for about three years.",
                           published="2025-05-03", skip="quotes,claims")
    got = {t.text: (t.value, t.mod) for t in brief.times}
    assert got["early 2020"] == ("2020", "START")
    assert got["about three years"] == ("P3Y", "APPROX")
