"""The content-boundary reranker (byline.quotes.rerank): the alternatives it lists for an
attribution's edges, how a model's choice moves the edges, and the shipped model."""

from __future__ import annotations

import copy
import math

import pytest

from byline.nlp import load
from byline.quotes import rerank
from byline.quotes.decode import Attr


@pytest.fixture(scope="module")
def nlp():
    return load()


def tok(doc, word: str, nth: int = 0) -> int:
    return [t.i for t in doc if t.text == word][nth]


def said_that(nlp):
    """``Officials said that the plan, which was drafted in May, will fail badly.`` with the
    content tagged from "that" to "badly" and the cue "said"."""
    doc = nlp("Officials said that the plan, which was drafted in May, will fail badly. Nobody knew why.")
    said, that, badly = tok(doc, "said"), tok(doc, "that"), tok(doc, "badly")
    a = Attr(content=[(that, badly + 1)], cue=[(said, said + 1)], source=[(0, 1)])
    return doc, a


def test_alternatives_include_the_original_and_the_clause_without_that(nlp):
    doc, a = said_that(nlp)
    c = rerank._ctx(doc, set(), None)
    starts = rerank._starts(c, a, rerank._cue_verb(c, a))
    assert "orig" in starts[tok(doc, "that")]
    assert "nomark" in starts[tok(doc, "the")]
    ends = rerank._ends(c, a, rerank._cue_verb(c, a))
    assert "orig" in ends[tok(doc, "badly")]
    assert any(t.startswith("w-") for t in ends[tok(doc, "fail")])


def test_alternatives_never_reach_into_the_cue_or_the_source(nlp):
    doc, a = said_that(nlp)
    c = rerank._ctx(doc, set(), None)
    cue_or_source = {t for i, j in a.cue + a.source for t in range(i, j)}
    assert all(s > max(cue_or_source) for s in rerank._starts(c, a, rerank._cue_verb(c, a)))
    # the sentence start (Officials) and the word before "that" (said) are not offered
    assert 0 not in rerank._starts(c, a, rerank._cue_verb(c, a))


def test_alternatives_are_word_tokens(nlp):
    doc, a = said_that(nlp)
    c = rerank._ctx(doc, set(), None)
    starts, ends = rerank.candidates(doc, a, c)
    assert starts and ends
    assert all(any(ch.isalnum() for ch in doc[k].text) for k in list(starts) + list(ends))


def test_a_model_that_prefers_dropping_that_moves_the_start(nlp):
    doc, a = said_that(nlp)
    model = rerank.Model({"g=nomark": 5.0}, {}, margin=0.2)
    (b,) = rerank.apply(doc, [copy.deepcopy(a)], set(), None, model)
    assert doc[b.content[0][0]:b.content[-1][1]].text.startswith("the plan")
    assert b.content[-1][1] == a.content[-1][1]


def test_the_margin_keeps_the_original_when_the_choice_is_not_clear(nlp):
    doc, a = said_that(nlp)
    model = rerank.Model({"g=nomark": 0.2}, {}, margin=0.9)
    (b,) = rerank.apply(doc, [copy.deepcopy(a)], set(), None, model)
    assert b.content == a.content


def test_a_model_that_prefers_ending_before_the_relative_clause_cuts_it(nlp):
    doc = nlp("Critics noted the deal with Iran, which Obama signed in 2015, and said nothing else.")
    noted, the = tok(doc, "noted"), tok(doc, "the")
    end = tok(doc, "2015") + 1
    a = Attr(content=[(the, end)], cue=[(noted, noted + 1)], source=[(0, 1)])
    model = rerank.Model({}, {"g=before:relcl": 5.0, "g=beforepunct": 5.0}, margin=0.2)
    (b,) = rerank.apply(doc, [a], set(), None, model)
    assert doc[b.content[0][0]:b.content[-1][1]].text == "the deal with Iran"


def test_nothing_to_rerank_is_left_alone(nlp):
    model = rerank.Model({"g=nomark": 5.0}, {}, margin=0.0)
    doc = nlp("No quotes here.")
    assert rerank.apply(doc, [], set(), None, model) == []
    bare = Attr(cue=[(0, 1)])
    assert rerank.apply(doc, [bare], set(), None, model)[0].content == []
    empty = nlp("")
    assert rerank.apply(empty, [Attr(content=[(0, 0)])], set(), None, model)[0].content == [(0, 0)]
    punct = nlp("... !!! ???")
    a = Attr(content=[(0, len(punct))])
    assert rerank.apply(punct, [a], set(), None, model)[0].content == [(0, len(punct))]


def test_edge_marginals_read_starts_and_ends_from_the_crf():
    m = rerank.EdgeMarginals(3)
    table = {("B-CON", 0): 0.9, ("I-CON", 1): 0.8, ("I-CON", 2): 0.1, ("B-CUE", 2): 0.5}
    m.fill(lambda label, k: table.get((label, k), 0.0), 0, 3)
    assert m.con == [0.9, 0.8, 0.1]
    assert m.cue == [0.0, 0.0, 0.5]
    assert m.starts_at(0) == 0.9
    assert math.isclose(m.ends_at(0), 0.1)  # token 1 goes on with the content
    assert math.isclose(m.ends_at(1), 0.7)
    assert math.isclose(m.ends_at(2), 0.1)  # the last token: nothing follows


shipped = pytest.mark.skipif(rerank.load() is None, reason="reranker model not built")


@shipped
def test_the_shipped_model_has_finite_weights_and_a_margin():
    m = rerank.load()
    assert m.start and m.end
    assert all(math.isfinite(w) for w in list(m.start.values()) + list(m.end.values()))
    assert 0.0 <= m.margin < 1.0


@shipped
def test_the_shipped_model_keeps_contents_inside_their_text_and_is_deterministic(nlp):
    doc, a = said_that(nlp)
    runs = [rerank.apply(doc, [copy.deepcopy(a)], set(), None)[0].content for _ in range(2)]
    assert runs[0] == runs[1]
    (i, j), = runs[0]
    assert a.cue[0][1] <= i < j <= len(doc)


def test_an_edge_never_turns_reported_speech_into_a_direct_quote(nlp):
    doc = nlp("Critics called the plan “a total disaster for everyone” on Monday.")
    called, the, monday = tok(doc, "called"), tok(doc, "the"), tok(doc, "Monday")
    quoted = set(range(tok(doc, "“") + 1, tok(doc, "”")))
    a = Attr(content=[(the, monday + 1)], cue=[(called, called + 1)], source=[(0, 1)])
    model = rerank.Model({"g=w+1": 5.0, "g=comp:dobj": -5.0}, {"g=w-1": 5.0}, margin=0.0)
    # without quote marks the edges move ...
    (free,) = rerank.apply(doc, [copy.deepcopy(a)], set(), None, model)
    assert free.content != a.content
    # ... but not when the shorter content would be mostly quoted (the stage would call it direct)
    (b,) = rerank.apply(doc, [copy.deepcopy(a)], quoted, None, model)
    assert b.content == a.content


def test_an_edge_never_takes_in_another_attributions_words(nlp):
    doc = nlp("Smith said the talks failed. Jones said the deal is dead.")
    s1, s2 = tok(doc, "said"), tok(doc, "said", 1)
    first = Attr(content=[(s1 + 1, tok(doc, "failed") + 1)], cue=[(s1, s1 + 1)], source=[(0, 1)])
    second = Attr(content=[(s2 + 1, tok(doc, "dead") + 1)], cue=[(s2, s2 + 1)], source=[(s2 - 1, s2)])
    model = rerank.Model({}, {"g=sent": 1.0, "g=w+1": 9.0}, margin=0.0)
    out = rerank.apply(doc, [first, second], set(), None, model)
    assert out[0].content[-1][1] <= s2 - 1  # "Jones" is the second attribution's source
