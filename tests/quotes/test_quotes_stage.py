"""The quotes stage on small synthetic articles: kinds, speakers, nesting, not-quotes, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import byline
from byline.quotes import tagger

needs_model = pytest.mark.skipif(tagger.load() is None, reason="quotes model not built (python -m byline.quotes.train)")


def quotes_of(text: str):
    return byline.analyze(text).quotes


@pytest.mark.parametrize("text", [
    "",
    "“",
    "\" \" \" “ ” ‘ ’",
    "He said “no.\n\n“Maybe.\n\nAnd then “",
    "Trump.“This is wrong-way” and “unbalanced",
    "\x00\x01 binary-ish “\ufffd” text ‘’ '",
    "“" * 500,
    "word " * 3000 + "“ending quote",
])
def test_odd_input_never_raises(text):
    brief = byline.analyze(text)
    for q in brief.quotes:
        assert q.span.start <= q.span.end <= len(text)
        for s in q.content_spans:
            assert 0 <= s.start <= s.end <= len(text)
    assert not any(w.startswith("quotes:") for w in brief.meta.warnings)


@needs_model
def test_direct_quote_with_speaker_after():
    text = ("The senator spoke to reporters on Tuesday.\n\n"
            "“We will pass this bill before the summer recess,” Senator Maria Lopez said.\n")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert qs, "direct quote not found"
    q = qs[0]
    assert q.text.startswith("We will pass this bill")
    assert q.speaker is not None and "Lopez" in q.speaker.name
    assert q.cue is not None and q.cue.text == "said"


@needs_model
def test_reported_speech_with_partial_quote():
    text = "Governor Jane Smith said on Monday that the new budget was “a disaster for schools.”\n"
    qs = quotes_of(text)
    kinds = {q.kind for q in qs}
    assert "partial" in kinds
    partial = next(q for q in qs if q.kind == "partial")
    assert partial.text.rstrip(".") == "a disaster for schools"
    assert partial.inside is not None
    parent = next(q for q in qs if q.id == partial.inside)
    assert parent.speaker is not None and "Smith" in parent.speaker.name


@needs_model
def test_colon_introduced_quote_with_nested_quote():
    text = ("Mayor Tom Baker met the minister last week.\n"
            "Baker recounted:\n"
            "“At the meeting, (Minister Paul Grant) said, ‘We can fund the bridge next year.’ "
            "And I told him that was too late.”\n")
    qs = quotes_of(text)
    direct = [q for q in qs if q.kind == "direct"]
    nested = [q for q in qs if q.kind == "nested"]
    assert direct and nested
    assert direct[0].speaker is not None and "Baker" in direct[0].speaker.name
    assert nested[0].inside == direct[0].id
    assert nested[0].text.startswith("We can fund the bridge")
    assert nested[0].speaker is not None and "Grant" in nested[0].speaker.name


def test_names_headings_and_scare_quotes_are_not_quotes():
    text = ("“Trade Talks”:\n"
            "The so-called “experts” met in “Geneva” to discuss “U.S.”-China relations.\n"
            "The report, titled “The Long Road Home”, was published in March.\n")
    texts = {q.text.strip(" .") for q in quotes_of(text)}
    for bad in ("Trade Talks", "experts", "Geneva", "U.S.", "The Long Road Home"):
        assert bad not in texts


@needs_model
def test_quote_without_speaker_is_flagged():
    text = "“We will never give up on this city, not now and not ever.”\n\nThe rally ended at noon.\n"
    brief = byline.analyze(text)
    orphans = [q for q in brief.quotes if q.speaker is None]
    assert orphans
    flags = [f for f in brief.flags if f.kind == "quote_without_speaker"]
    assert flags and set(flags[0].refs) == {q.id for q in orphans}


@needs_model
def test_multi_paragraph_quote_is_one_quote():
    text = ("The chairman gave a long statement on Friday.\n\n"
            "“We have reviewed every contract signed in the last ten years,” chairman Robert Hale said.\n\n"
            "“We found no evidence of wrongdoing by any member of staff.\n\n"
            "“We will publish the full report next month.”\n")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    multi = [q for q in qs if "no evidence" in q.text]
    assert len(multi) == 1
    assert "publish the full report" in multi[0].text


@needs_model
def test_dash_attribution():
    text = ("The agency published its annual review on Monday.\n\n"
            "“Our rivers are cleaner than at any time in the last fifty years.” — Commissioner Laura Finch\n")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert qs and qs[0].text.startswith("Our rivers are cleaner")
    assert qs[0].speaker is not None and "Finch" in qs[0].speaker.name


@needs_model
def test_speaker_inside_a_split_quote():
    text = ("“We are not going to raise taxes,” Prime Minister Helen Ward said, “and we will not cut pensions "
            "either.”\n")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert qs
    q = qs[0]
    assert "raise taxes" in q.text and "cut pensions" in q.text
    assert len(q.content_spans) == 2
    assert q.speaker is not None and "Ward" in q.speaker.name


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "said", ",", ".", "\n", "'", '"', "“", "”", "‘", "’", ":", "—",
                                 "Smith ", "He "]), max_size=60).map("".join))
def test_stage_never_raises_on_mark_soup(text):
    brief = byline.analyze(text)
    assert not any(w.startswith("quotes:") for w in brief.meta.warnings)
    ids = {q.id for q in brief.quotes}
    assert all(q.inside in ids for q in brief.quotes if q.inside)


def test_nested_quote_opening_before_its_host_content_does_not_raise():
    """Unbalanced marks can put a single-quoted stretch before its host's content
    start; the stage must still answer (found on a 2 MB article)."""
    import byline

    text = "‘He said “we ‘will’ go,” she said’ and then “‘no’ way” he said. " * 3
    brief = byline.analyze(text)
    assert not any(w.startswith("quotes:") for w in brief.meta.warnings)
