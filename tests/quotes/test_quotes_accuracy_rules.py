"""The attribution rules added in the accuracy pass: transcript turns, quote
continuations after the cue, the tagger's cue kept when a speaker is unresolved,
the CRF-marginal confidence, and a cue governing a quoted stretch only through
its own clause."""

from __future__ import annotations

import byline
from byline.nlp import load
from byline.quotes import stage, tagger


def quotes(text: str):
    return byline.analyze(text).quotes


def test_transcript_turns_are_direct_quotes_of_the_labelled_speaker():
    text = (
        "Mike Pence spoke to Fox News on Sunday. Partial transcript as follows:\n\n"
        "WALLACE: Let's start with breaking news on the debate story tonight.\n\n"
        "PENCE: Well, look, the American people have an enormously important choice to make.\n\n"
        "WALLACE: Do you really see those two as equivalent?\n"
    )
    got = [q for q in quotes(text) if q.inside is None]
    by_source = {(q.source.text if q.source else None, q.text.split()[0].strip(",")) for q in got}
    assert ("PENCE", "Well") in by_source
    assert ("WALLACE", "Let's") in by_source
    for q in got:
        assert q.kind == "direct"
        assert not q.text.startswith(("WALLACE", "PENCE"))


def test_a_lone_capitalised_label_is_not_a_speaker():
    text = "BREAKING: A storm has closed the main highway into the city for the night.\n"
    assert not any(q.source is not None and q.source.text == "BREAKING" for q in quotes(text))


def test_a_quote_continued_after_its_cue_is_one_attribution():
    text = ("The rally ended late. “It’s finished,” she said of the election on Tuesday. “In my head, anyway.”\n"
            "Nobody answered her.")
    got = [q for q in quotes(text) if q.kind == "direct"]
    assert len(got) == 1, [q.text for q in got]
    q = got[0]
    assert len(q.content_spans) == 2
    assert "finished" in q.text and "anyway" in q.text
    assert q.cue is not None and q.cue.text == "said"


def test_the_taggers_cue_and_source_survive_an_unresolved_speaker():
    text = ("The crowd was loud and the speech ran long.\n\n"
            "“I love you,” he said.\n\n"
            "Then the music started.")
    got = [q for q in quotes(text) if "love" in q.text]
    assert got and got[0].cue is not None and got[0].cue.text == "said"
    assert got[0].source is not None and got[0].source.text == "he"


def test_confidence_comes_from_the_crf_marginals():
    t = tagger.load()
    if t is None:
        import pytest

        pytest.skip("quotes model not found in byline/models")
    doc = load()("The mayor said the bridge would reopen next week after repairs.")
    attrs = t.tag(doc)
    assert attrs
    assert all(0.0 < a.score <= 1.0 for a in attrs)


def test_a_cue_does_not_govern_a_quote_inside_a_modifying_clause():
    doc = load()("The dispute has drawn attention, fueling debates on “federal” relations.")
    verb = next(t for t in doc if t.lemma_ == "draw")
    quoted = next(t for t in doc if t.text == "federal")
    assert not stage.Builder.governs(verb, doc[quoted.i:quoted.i + 1])
    doc = load()("She emphasized that sovereignty is “sacrosanct” for the country.")
    verb = next(t for t in doc if t.lemma_ == "emphasize")
    quoted = next(t for t in doc if t.text == "sacrosanct")
    assert stage.Builder.governs(verb, doc[quoted.i:quoted.i + 1])


def test_a_partial_quote_in_a_complement_has_its_reported_host():
    text = ("The minister stressed at a press event in the capital that the northern border is “closed for good.”\n"
            "Officials gave no date for talks.")
    got = quotes(text)
    partial = next((q for q in got if q.kind == "partial" and "closed for good" in q.text), None)
    assert partial is not None, [(q.kind, q.text) for q in got]
    host = next((q for q in got if q.id == partial.inside), None)
    assert host is not None and host.kind == "reported"
    assert "border is" in host.text and host.cue is not None and host.cue.text.startswith("stressed")


def test_a_short_quote_under_a_non_speech_cue_is_a_scare_quote():
    text = ("- The dispute has drawn national attention, fueling debates on “federal”-state relations "
            "and the future of water policy.\n")
    assert not any("federal" == q.text.strip(" .,") for q in quotes(text))


def test_a_horizontal_bar_attributes_a_quote():
    text = ("Readers sent us their views.\n\n"
            "“The debate left me worried about the future of this country.” ― Carla Sanchez\n\n"
            "More letters will follow next week.")
    got = [q for q in quotes(text) if "worried" in q.text]
    assert got and got[0].source is not None and got[0].source.text == "Carla Sanchez"


def test_a_quote_continues_past_the_same_speakers_reported_speech():
    text = ("The film opened on Friday.\n"
            "“You can’t talk about change if you don’t know what we’re changing,” DuVernay said, emphasizing why "
            "understanding our past is crucial to our outlook on our present. “What we need to change is our "
            "overall collective thinking about this moment.”\n")
    got = [q for q in quotes(text) if q.kind == "direct"]
    assert len(got) == 1, [q.text for q in got]
    assert len(got[0].content_spans) == 2
    assert "talk about change" in got[0].text and "collective thinking" in got[0].text
