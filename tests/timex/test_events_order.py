"""Undated events the text orders ("Earlier, ...", "after the vote, ...") and the timeline order."""

from __future__ import annotations

import byline
from byline.eventorder import timeline


def _timeline(text: str) -> list[tuple[str | None, str, list[str]]]:
    brief = byline.analyze(text, published="2025-05-03", skip="quotes,claims")
    desc = {e.id: e.description for e in brief.events}
    events = sorted(brief.events, key=lambda e: e.order)
    assert [e.order for e in events] == list(range(len(events)))
    for e in events:
        assert brief.article.text[e.span.start:e.span.end]
    return [(e.date.value if e.date else None, e.description, [desc[a] for a in e.after]) for e in events]


def test_earlier_places_an_undated_clause_before_the_dated_one() -> None:
    got = _timeline("The council approved the budget on March 3, 2020. Earlier, the mayor had vetoed a draft.")
    assert got == [
        (None, "the mayor had vetoed a draft", []),
        ("2020-03-03", "The council approved the budget on March 3, 2020", ["the mayor had vetoed a draft"]),
    ]


def test_after_a_noun_finds_the_event_it_names() -> None:
    got = _timeline("After the vote, the party collapsed. The vote was held on Tuesday.")
    assert got == [("2025-04-29", "The vote was held on Tuesday", []),
                   (None, "the party collapsed", ["The vote was held on Tuesday"])]


def test_before_a_noun_with_no_event_makes_the_noun_an_event() -> None:
    got = _timeline("Before the summit, officials met in private.")
    assert got == [(None, "officials met in private", []), (None, "the summit", ["officials met in private"])]


def test_subordinate_clause_orders_the_two_clauses() -> None:
    got = _timeline("The minister resigned on Friday after the coalition collapsed.")
    assert [(v, a) for v, _d, a in got] == [(None, []), ("2025-05-02", ["the coalition collapsed"])]
    assert got[0][1] == "the coalition collapsed"


def test_then_chains_after_the_event_just_told() -> None:
    got = _timeline("Prices rose on Monday. Then the bank raised rates. Later, exporters cut jobs.")
    assert [d for _v, d, _a in got] == ["Prices rose on Monday", "the bank raised rates", "exporters cut jobs"]
    assert got[2][2] == ["the bank raised rates"]


def test_unresolved_following_day_orders_against_the_previous_clause() -> None:
    got = _timeline("The talks collapsed. The following day, the envoy left the capital.")
    assert got == [(None, "The talks collapsed", []), (None, "the envoy left the capital", ["The talks collapsed"])]


def test_no_event_without_an_explicit_connective() -> None:
    assert _timeline("The president said the plan was sound. He spoke to reporters. Critics disagreed.") == []


def test_connectives_that_are_not_about_time_are_ignored() -> None:
    got = _timeline("He appeared before the committee on May 2. The company was named after its founder. "
                    "If prices rise, then the bank will act.")
    assert [v for v, _d, _a in got] == ["2025-05-02"]


def test_timeline_respects_dates_and_relations() -> None:
    # 0: dated 2020, 1: dated 2019, 2: undated after 0, 3: undated before 1, 4 and 5: undated, 5 after 4
    keys = [(2020,), (2019,), None, None, None, None]
    order = timeline(6, keys, [(0, 2), (3, 1), (4, 5)], [0, 10, 20, 30, 40, 50])
    assert order == [3, 1, 0, 2, 4, 5]
    # an undated event placed before another undated one that itself follows a dated one
    assert timeline(3, [(1,), None, None], [(0, 2), (1, 2)], [0, 10, 20]) == [0, 1, 2]


def test_reporting_and_modal_clauses_are_not_ordered() -> None:
    text = "Earlier, she told the BBC the plan was sound. People should be punished only after a trial."
    assert _timeline(text) == []


def test_an_inner_adverb_keeps_the_whole_clause() -> None:
    got = _timeline("Revenue rose 3% on May 2. BA had previously forecast a smaller rise.")
    assert got[0] == (None, "BA had previously forecast a smaller rise", [])
    assert got[1][2] == ["BA had previously forecast a smaller rise"]
