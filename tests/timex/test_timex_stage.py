"""The times and events stages on whole articles."""

from __future__ import annotations

import json

import byline
from byline.events import interval


def _by_value(brief: byline.Brief) -> dict[str, str]:
    return {e.date.value: e.description for e in brief.events if e.date and e.date.value}


def test_shared_example_timeline(shared_example, shared_expected) -> None:
    text = shared_example.read_text(encoding="utf-8")
    expected = json.loads(shared_expected.read_text(encoding="utf-8"))
    brief = byline.analyze(text, published="2025-05-03")
    times = {t.text.lower(): t for t in brief.times}
    assert times["may 2"].value == "2025-05-02" and times["may 2"].precision == "day"
    assert times["april 16"].value == "2025-04-16"
    assert times["earlier this year"].value == "2025" and times["earlier this year"].precision == "year"
    assert times["2024"].value == "2024"
    assert all(t.anchor in (None, "published") for t in brief.times)
    events = _by_value(brief)
    for x in expected["timeline"]:
        assert x["date"] in events, x
    assert "phone call" in events["2025-04-16"].lower()
    assert "journal report" in events["2025-05-02"].lower()
    # timeline order follows the dates
    starts = [interval(e.date.value)[0] for e in sorted(brief.events, key=lambda e: e.order)]  # type: ignore
    assert starts == sorted(starts)
    for e in brief.events:
        assert brief.article.text[e.span.start:e.span.end]
        assert e.date is not None and e.date.time_id in {t.id for t in brief.times}


def test_spans_index_the_text_as_given(shared_example) -> None:
    text = shared_example.read_text(encoding="utf-8")
    brief = byline.analyze(text, published="2025-05-03")
    for t in brief.times:
        if t.repaired_span is None:
            assert text[t.span.start:t.span.end] == t.text
        else:
            assert brief.article.repaired_text[t.repaired_span.start:t.repaired_span.end] == t.text
            assert text[t.span.start:t.span.end].lower() == t.text.lower()


def test_publication_date_from_the_text() -> None:
    brief = byline.analyze("Published May 3, 2025\n\nThe minister resigned on Friday after talks "
                           "collapsed two days earlier.", skip="quotes,claims")
    assert brief.article.published == "2025-05-03"
    assert brief.article.published_source == "text"
    got = {t.text: t.value for t in brief.times}
    assert got["Friday"] == "2025-05-02"  # past tense: the Friday before the Saturday of publication
    # the publication line is metadata, not an event of the story; "two days earlier" is before Friday
    assert [e.date.value for e in brief.events] == ["2025-04-30", "2025-05-02"]  # type: ignore[union-attr]


def test_given_date_is_kept_and_not_overridden() -> None:
    brief = byline.analyze("Published May 3, 2025\n\nThe minister resigned on Friday.", published="2025-06-01")
    assert brief.article.published == "2025-06-01"
    assert brief.article.published_source == "given"


def test_tense_moves_weekdays() -> None:
    text = "The committee met on Friday. The committee will meet again on Friday."
    brief = byline.analyze(text, published="2013-03-20", skip="quotes,claims")  # a Wednesday
    assert [t.value for t in brief.times] == ["2013-03-15", "2013-03-22"]


def test_without_publication_date_values_stay_partial() -> None:
    brief = byline.analyze("The minister resigned on May 2 after talks collapsed last year.", skip="quotes,claims")
    assert brief.article.published_source == "missing"
    got = {t.text: t.value for t in brief.times}
    assert got == {"May 2": "XXXX-05-02", "last year": None}
    assert brief.events == []


def test_events_without_entities_stage() -> None:
    brief = byline.analyze("On March 3, 2020, the council approved the budget.", skip="entities")
    assert len(brief.events) == 1
    assert brief.events[0].entities == []
    assert "approved the budget" in brief.events[0].description


def test_odd_input_gives_a_clean_brief() -> None:
    for text in ["“”", "2024 " * 3000, "May May May 31 31 31", "\u200b\u202e 12/31/1999 \ufeff"]:
        brief = byline.analyze(text, published="2025-05-03")
        for t in brief.times:
            assert 0 <= t.span.start <= t.span.end <= len(text)


def test_repeated_event_keeps_the_finer_date() -> None:
    text = ("April phone call: trade and migration.\n\nDuring an April 16 phone call, the president pushed for "
            "joint patrols.")
    brief = byline.analyze(text, published="2025-05-03", skip="quotes,claims")
    calls = [e for e in brief.events if "call" in e.description.lower()]
    assert [e.date.value for e in calls] == ["2025-04-16"]  # type: ignore[union-attr]
