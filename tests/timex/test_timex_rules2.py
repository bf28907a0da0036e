"""Resolver rules from the second pass over the TBAQ errors: pluperfect plans, schedules,
'the previous Friday', 'last Oct. 23', 'the morning' of the day in view, 'and a half', titles."""

from __future__ import annotations

import datetime as dt

import pytest

from byline import nlp
from byline.timex.extract import find_times

MONDAY = dt.date(1989, 10, 30)


def _values(text: str, dct: dt.date = MONDAY) -> dict[str, str | None]:
    return {t.text: t.value for t in find_times(text, dct, nlp.load()(text))}


def test_a_plan_in_the_pluperfect_lies_in_the_past() -> None:
    assert _values("The offer had been due to expire Friday evening.")["Friday evening"] == "1989-10-27TEV"
    assert _values("The offer had been scheduled to expire Friday.")["Friday"] == "1989-10-27"
    assert _values("The offer is due to expire Friday.")["Friday"] == "1989-11-03"


def test_a_scheduled_event_lies_ahead() -> None:
    assert _values("The company has scheduled a news conference Thursday.")["Thursday"] == "1989-11-02"


def test_ahead_of_looks_forward() -> None:
    assert _values("Traders had squared positions ahead of the weekend.")["the weekend"] == "1989-W44-WE"


@pytest.mark.parametrize("text, span, value", [
    ("Stocks closed at 2082 on Friday, down 4.5% from the previous Friday.", "the previous Friday", "1989-10-20"),
    ("He was shot to death last Oct. 23 at his home.", "last Oct. 23", "1998-10-23"),
    ("The vote is set for next Nov. 7.", "next Nov. 7", "1989-11-07"),
    ("But a minute and a half later, a pilot landed.", "a minute and a half", "PT1M30S"),
])
def test_relative_dates(text: str, span: str, value: str) -> None:
    dct = dt.date(1999, 4, 19) if "Oct. 23" in text else MONDAY
    assert _values(text, dct)[span] == value


def test_the_morning_is_the_morning_of_the_day_in_view() -> None:
    got = _values("Shares fell on Friday. Dealers placed heavy orders in the morning.")
    assert got["the morning"] == "1989-10-27TMO"


def test_titles_are_not_times() -> None:
    assert _values('Baker said on ABC\'s "This Week" that the talks failed; it was like "High Noon."') == {}


@pytest.mark.parametrize("text, expected", [
    ("Shipments resume within two to three weeks.", [("two", "P2W"), ("three weeks", "P3W")]),
    ("The summit meets on April 24 and 25.", [("April 24", "1989-04-24"), ("25", "1989-04-25")]),
    ("On May 3 and 4 people died.", [("May 3", "1989-05-03")]),
])
def test_ranges_give_both_ends(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(t.text, t.value) for t in find_times(text, dt.date(1989, 4, 19))]
    assert got == expected


def test_a_possessive_weekday_names_a_past_day_when_the_tense_is_silent() -> None:
    got = _values("The notes carry a 24% premium over Thursday's closing price.")
    assert got["Thursday"] == "1989-10-26"
    assert _values("The board awaits next Thursday's vote.")["next Thursday"] == "1989-11-02"
