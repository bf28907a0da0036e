"""Resolution of temporal expressions against a publication date (no parse needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from byline.timex.extract import find_times

DCT = dt.date(2025, 5, 3)  # a Saturday


def one(text: str, dct: dt.date | None = DCT, tense: str | None = None) -> tuple[str, str, str | None]:
    found = find_times(text, dct)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    return t.text, t.type, t.value


@pytest.mark.parametrize("text, span, type_, value", [
    ("Addressing the May 2 Wall Street Journal report", "May 2", "DATE", "2025-05-02"),
    ("during an April 16 phone call", "April 16", "DATE", "2025-04-16"),
    ("Earlier this year, the U.S. designated", "Earlier this year", "DATE", "2025"),
    ("deaths in the U.S. in 2024.", "2024", "DATE", "2024"),
    ("He left last week.", "last week", "DATE", "2025-W17"),
    ("It grew two years ago.", "two years ago", "DATE", "2023"),
    ("Sales rose next month.", "next month", "DATE", "2025-06"),
    ("It took the past three months.", "the past three months", "DURATION", "P3M"),
    ("a 16-hour flight", "16-hour", "DURATION", "PT16H"),
    ("over 2 1/2 years", "over 2 1/2 years", "DURATION", "P2Y6M"),
    ("They meet every Thursday.", "every Thursday", "SET", "XXXX-WXX-4"),
    ("It is paid annually.", "annually", "SET", "P1Y"),
    ("in the third quarter of 2024", "the third quarter of 2024", "DATE", "2024-Q3"),
    ("back in the 1990s", "the 1990s", "DATE", "199"),
    ("at 10:35 a.m. yesterday", "10:35 a.m. yesterday", "TIME", "2025-05-02T10:35"),
    ("on May 3, 2021 at noon", "May 3, 2021 at noon", "TIME", "2021-05-03T12:00"),
    ("posted 2024-12-01T08:30Z", "2024-12-01T08:30Z", "TIME", "2024-12-01T08:30"),
    ("he said yesterday", "yesterday", "DATE", "2025-05-02"),
    ("May 3, 2024 at 4 p.m.", "May 3, 2024 at 4 p.m.", "TIME", "2024-05-03T16:00"),
    ("Mr. Smith, 52 years old, retired.", None, None, None),
    ("It saves $2 million a year.", None, None, None),
    ("It is now clear", "now", "DATE", "PRESENT_REF"),
    ("last fall", "last fall", "DATE", "2024-FA"),
    ("on Christmas Day 2019", "Christmas Day 2019", "DATE", "2019-12-25"),
    ("in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"),
    ("Atlanta, nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
])
def test_values(text: str, span: str | None, type_: str | None, value: str | None) -> None:
    if span is None:  # ages and rates are not temporal expressions
        assert find_times(text, DCT) == []
    else:
        assert one(text) == (span, type_, value)


def test_amounts_are_not_years() -> None:
    assert find_times("It cost $2000 and 1,999 people came; over 2000 troops.", DCT) == []


def test_names_are_not_times() -> None:
    assert find_times("She told BBC Radio 4's Today programme; USA Today agreed.", DCT) == []
    assert find_times("Iraq imports about three-quarters of its food.", DCT) == []


def test_may_the_verb_is_not_a_month() -> None:
    assert find_times("You may go home. In May, they went.", DCT)[0].value == "2025-05"
    assert len(find_times("You May Do It.", DCT)) == 0


def test_anaphora_resolves_from_the_previous_date() -> None:
    found = find_times("The talks began on March 3, 2020. The following day, they ended.", DCT)
    assert [t.value for t in found] == ["2020-03-03", "2020-03-04"]
    assert found[1].anchor == "ref" and found[1].anchor_index == 0


def test_a_year_earlier_compares_quarters() -> None:
    found = find_times("Profit rose in the third quarter of 2024 from a year earlier.", DCT)
    assert [t.value for t in found] == ["2024-Q3", "2023-Q3"]


def test_weekday_needs_the_tense_to_move_forward() -> None:
    # without a parse the nearest Friday is taken; the parse decides past or future
    assert one("on Friday", dt.date(2013, 3, 22))[2] == "2013-03-22"


def test_nothing_is_invented_without_a_publication_date() -> None:
    got = {t.text: t.value for t in find_times("On May 2 last year, two years ago, in 2024, on Friday.", None)}
    assert got["May 2"] == "XXXX-05-02"
    assert got["last year"] is None
    assert got["two years ago"] is None
    assert got["2024"] == "2024"
    assert got["Friday"] == "XXXX-WXX-5"


@pytest.mark.parametrize("text", ["", " ", "\x00\x01\x02", "“”‘’ — ", "🙂" * 500, "((((", "May May May 31 31"])
def test_bad_input_degrades(text: str) -> None:
    for t in find_times(text, DCT):
        assert 0 <= t.start < t.end <= len(text)


@pytest.mark.parametrize("dct", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_calendar_edges_degrade(dct: dt.date) -> None:
    text = ("Last year, two centuries ago, on Friday, next month, the following day, in the third quarter, "
            "a year earlier, last winter, on Christmas, 50 years from now, tomorrow at 5 p.m.")
    found = find_times(text, dct)
    assert len(found) >= 10
    assert all(t.value is None or isinstance(t.value, str) for t in found)


def test_huge_input_is_handled() -> None:
    text = "On May 2, 2025 it rained. " * 4000
    found = find_times(text, DCT)
    assert len(found) == 4000 and all(t.value == "2025-05-02" for t in found)
