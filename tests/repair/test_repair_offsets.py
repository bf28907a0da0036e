"""The offset map between original and repaired text, and layer composition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.repair import repair
from byline.repair.offsets import Change, OffsetMap, compose

TEXT = st.text(alphabet=st.sampled_from(list("ab Cd.,“”\"'’\nÃâ€™U.S-:")), max_size=60)


@st.composite
def text_and_changes(draw):
    text = draw(st.text(max_size=40))
    changes, pos = [], 0
    while pos <= len(text):
        if draw(st.booleans()):
            end = min(len(text), pos + draw(st.integers(0, 3)))
            rep = draw(st.text(max_size=3))
            if pos == end and not rep:
                pos += 1
                continue
            changes.append(Change("quote", pos, end, rep))
            pos = end + 1
        else:
            pos += 1
    return text, changes


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_repair_map_round_trips_on_arbitrary_text(text: str) -> None:
    r = repair(text)
    n, m = len(r.original), len(r.text)
    for s in range(0, n + 1, max(1, n // 7)):
        for e in range(s, n + 1, max(1, n // 5)):
            rs, re_ = r.to_repaired(s, e)
            assert 0 <= rs <= re_ <= m
            os_, oe = r.to_original(rs, re_)
            assert 0 <= os_ <= oe <= n
            if rs < re_:  # (a span made only of deleted characters maps to an empty one)
                assert os_ <= s and oe >= e  # mapping there and back never loses characters
    # outside the changes, text is untouched and maps one to one
    touched = set()
    for c in r.changes:
        assert r.original[c.start : c.end] == c.original
        touched.update(range(c.start - 1, c.end + 1))  # a change and the characters touching it
    for i in range(n):
        if i not in touched:
            rs, re_ = r.to_repaired(i, i + 1)
            assert r.text[rs:re_] == r.original[i]
            assert r.to_original(rs, re_) == (i, i + 1)


@settings(max_examples=300, deadline=None)
@given(text_and_changes())
def test_offset_map_spans_survive_round_trip(tc) -> None:
    text, changes = tc
    m = OffsetMap(text, changes)
    n = len(text)
    for s in range(n + 1):
        e = min(n, s + 3)
        rs, re_ = m.to_repaired(s, e)
        assert 0 <= rs <= re_ <= len(m.repaired)
        os_, oe = m.to_original(rs, re_)
        if rs < re_:
            assert os_ <= s and oe >= e


@settings(max_examples=300, deadline=None)
@given(text_and_changes(), st.data())
def test_compose_equals_applying_both_layers(tc, data) -> None:
    text, first = tc
    mid = OffsetMap(text, first).repaired
    second, pos = [], 0
    while pos <= len(mid):
        if data.draw(st.booleans()):
            end = min(len(mid), pos + data.draw(st.integers(0, 2)))
            rep = data.draw(st.sampled_from(["", "x", "yz"]))
            if pos != end or rep:
                second.append(Change("casing", pos, end, rep))
            pos = end + 1
        else:
            pos += 1
    final = OffsetMap(mid, second).repaired
    assert OffsetMap(text, compose(text, first, second)).repaired == final


def test_equal_length_change_maps_character_by_character() -> None:
    m = OffsetMap("The Idea here", [Change("casing", 4, 8, "idea")])
    assert m.repaired == "The idea here"
    assert m.to_repaired(5, 7) == (5, 7)
    assert m.to_original(4, 8) == (4, 8)


def test_deleted_quote_mark_shifts_later_spans() -> None:
    text = "on “Trump” again"
    m = OffsetMap(text, [Change("quote", 3, 4, ""), Change("quote", 9, 10, "")])
    assert m.repaired == "on Trump again"
    os_, oe = m.to_original(3, 8)  # a span touching a deletion grows to cover it
    assert (os_, oe) == (3, 10) and text[os_:oe].strip("“”") == "Trump"
    assert m.to_repaired(11, 16) == (9, 14)


def test_overlapping_changes_are_rejected() -> None:
    with pytest.raises(ValueError):
        OffsetMap("abcdef", [Change("quote", 1, 3, ""), Change("quote", 2, 4, "")])
