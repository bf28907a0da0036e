"""The quote-mark scanner: curly, straight, wrong-way, unbalanced, multi-paragraph, nested."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from byline.quotes import marks


def contents(text: str) -> list[str]:
    return [" | ".join(text[s:e] for s, e in q.pieces) for q in marks.find(text)]


def test_curly_and_straight_quotes():
    text = 'She said “we will win” and he said "we will not."'
    assert contents(text) == ["we will win", "we will not."]


def test_wrong_way_closer_after_sentence_end():
    text = "He said: “No, President Trump.“This exchange shows the gap."
    assert contents(text) == ["No, President Trump."]


def test_closer_used_as_opener_and_stray_closer():
    text = "“Sheinbaum“, however, spoke of “U.S”.-Mexico” relations."
    found = contents(text)
    assert found[0] == "Sheinbaum"
    assert "U.S" in found
    assert len(found) == 2  # the stray closer after Mexico opens nothing


def test_unbalanced_opener_closes_at_paragraph_end():
    text = "He said “we are leaving now\n\nNext paragraph has no marks."
    qs = marks.find(text)
    assert len(qs) == 1 and not qs[0].closed
    assert text[qs[0].content_start:qs[0].content_end] == "we are leaving now"


def test_multi_paragraph_quote():
    text = "“First paragraph of the speech.\n\n“Second paragraph, still quoted.”\n\nNarration."
    qs = marks.find(text)
    assert len(qs) == 1
    assert [text[s:e] for s, e in qs[0].pieces] == ["First paragraph of the speech.", "Second paragraph, still quoted."]


def test_nested_single_quotes_skip_apostrophes():
    text = "“In one call, (Trump) said, ‘How can we help you? I can’t wait.’ And I told him no.”"
    (q,) = marks.find(text)
    assert len(q.nested) == 1
    n = q.nested[0]
    assert text[n.content_start:n.content_end] == "How can we help you? I can’t wait."


def test_mask_marks_and_content():
    text = "A “b c” d"
    mask = marks.inside_mask(text, marks.find(text))
    assert mask[2] == 2 and mask[3] == 1 and mask[6] == 2 and mask[0] == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n'\"“”‘’„«»:—")), max_size=80))
def test_never_raises_and_spans_are_valid(text):
    for q in marks.find(text):
        assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)
        for s, e in q.pieces:
            assert 0 <= s <= e <= len(text)
