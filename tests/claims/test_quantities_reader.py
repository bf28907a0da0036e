"""The quantity reader: values, units, hedges, rates, ranges, and what it leaves out."""

from __future__ import annotations

import pytest

from byline.claims.quantities import extract


def one(text: str):
    found = [f for f in extract(text) if not f.is_date and f.kind != "ordinal"]
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("over 70,000 overdose deaths", 70000, None, "cardinal"),
        ("seventy thousand people", 70000, None, "cardinal"),
        ("a dozen eggs", 12, None, "cardinal"),
        ("it cost $1.13bn", 1.13e9, "USD", "money"),
        ("a bill of £600m", 6e8, "GBP", "money"),
        ("about 2.1m people", 2.1e6, None, "cardinal"),
        ("around 70% of firearms", 70, "percent", "percent"),
        ("twenty per cent", 20, "percent", "percent"),
        ("420 million finnish markka", 4.2e8, "FIM", "money"),
        ("two hundred and two thousand", 202000, None, "cardinal"),
        ("five and a half million", 5.5e6, None, "cardinal"),
        ("10 1/2 miles", 10.5, "mi", "measure"),
        ("twice as many", 2, None, "multiplier"),
        ("188 miles an hour", 188, "mph", "measure"),
    ],
)
def test_values_and_units(text: str, value: float, unit: str | None, kind: str) -> None:
    f = one(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert f.kind == kind


@pytest.mark.parametrize(
    ("text", "hedge", "relation"),
    [("over 70,000", "over", ">"), ("around 70%", "around", "~"), ("nearly 300", "nearly", "<"),
     ("at least 20 people", "at least", ">="), ("up to 5 years in prison", "up to", "<="),
     ("more than $5m", "more than", ">"), ("roughly 40 tonnes", "roughly", "~"), ("70,000 or more", "or more", ">=")],
)
def test_hedges_are_kept_and_normalised(text: str, hedge: str, relation: str) -> None:
    f = one(text)
    assert f.hedge is not None and f.hedge.lower() == hedge
    assert f.relation == relation


def test_billions_annually_is_money_per_year() -> None:
    f = one("The cartels control the trade, generating billions annually.")
    assert f.kind == "money"
    assert f.per == "year"
    assert isinstance(f.value, tuple) and f.value[0] == 1e9


def test_ranges() -> None:
    f = one("between 3 and 5 per cent")
    assert f.value == (3.0, 5.0) and f.unit == "percent"
    assert one("3 to 4 L of wine").value == (3.0, 4.0)


def test_ordinals_dates_and_identifiers_are_marked() -> None:
    found = {f.text: f for f in extract("The first case, on May 2 in 2024, under Article 50 of the treaty.")}
    assert found["first"].kind == "ordinal"
    assert found["2"].is_date and found["2024"].is_date
    assert found["50"].is_id


@pytest.mark.parametrize("text", ["", "no numbers here", "“unbalanced", "\x00\x01\x02", "½" * 50, "9" * 5000,
                                  "$" * 100, "one " * 2000])
def test_odd_input_degrades_cleanly(text: str) -> None:
    assert isinstance(extract(text), list)


def test_words_that_only_look_like_numbers() -> None:
    found = {f.text: f for f in extract("In the second half of 2004, a half-hearted 9/11 memorial drew Mrs Hassan, 59, "
                                        "who had worked 24/7.")}
    assert "half" not in found and "a half" not in found
    assert found["9"].is_id and found["11"].is_id and found["24"].is_id
    assert found["59"].dimension == "age"


def test_shares_and_margins() -> None:
    share = one("Nearly eight of 10 voters say so")
    assert share.value == pytest.approx(0.8) and share.relation == "<"
    margin = one("a margin of error of plus or minus 4 percentage points")
    assert margin.value == 4 and margin.hedge == "plus or minus" and margin.unit == "percentage point"


def test_units_in_urls_are_not_quantities() -> None:
    assert extract("see https://example.com/search?q=30%25%2020% for details") == []


def test_changes_are_not_ranges_and_scales_carry_over() -> None:
    moves = [f.value for f in extract("Biogen fell $28.63 to $38.65 and rates rose from 5% to 7%.")]
    assert moves == [28.63, 38.65, 5.0, 7.0]
    assert one("$2 to 3 billion").value == (2e9, 3e9)
    assert one("between 2 and 3 million people").value == (2e6, 3e6)


@pytest.mark.parametrize(("text", "value", "unit"), [("he is 2.1m tall", 2.1, "m"), ("won the 100m sprint", 100, "m"),
                                                     ("about 2.1m people", 2.1e6, None), ("a 400m loan", 4e8, None)])
def test_m_is_million_unless_it_measures(text: str, value: float, unit: str | None) -> None:
    f = one(text)
    assert f.value == pytest.approx(value) and f.unit == unit


def test_hyphenated_scales_and_labels() -> None:
    f = one("a $400-million-a-year business")
    assert f.value == 4e8 and f.unit == "USD" and f.per == "year"
    assert all(q.is_id for q in extract("Federal mine No. 2 and Round 3"))
