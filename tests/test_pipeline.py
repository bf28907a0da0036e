"""The pipeline: stage order, needs and skips, chunked parsing, batches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import byline
from byline import nlp
from byline.errors import UsageError
from byline.pipeline import STAGES, Pipeline, article_id, parse_published, parse_skip


def test_stages_declare_needs_that_earlier_stages_add():
    available = {"text"}
    for stage in STAGES:
        assert stage.needs <= available | {"repaired"}, stage.name
        available |= stage.adds


def test_parse_cannot_be_skipped():
    with pytest.raises(UsageError):
        parse_skip("parse")
    assert parse_skip(" quotes , claims ") == {"quotes", "claims"}


def test_skipping_a_need_skips_the_dependent_stage():
    brief = Pipeline(skip="times").analyze("The vote was on 3 May 2021, officials said.")
    assert "times" in brief.meta.skipped
    assert any(s.startswith("events") for s in brief.meta.skipped)
    assert brief.times == [] and brief.events == []


def test_article_id_is_a_content_hash():
    assert article_id("a") == article_id("a") != article_id("b")
    assert article_id("\ud800 lone surrogate").startswith("sha256:")


def test_published_normalisation():
    assert parse_published("2025-05-03") == "2025-05-03"
    assert parse_published("2025-05-03T10:00:00Z") == "2025-05-03T10:00:00+00:00"
    assert parse_published(None) is None
    with pytest.raises(UsageError):
        parse_published("May 3")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=5, max_value=60))
def test_chunks_concatenate_to_the_text(text, size):
    pieces = nlp.chunks(text, size)
    assert "".join(p for _, p in pieces) == text
    for off, p in pieces:
        assert text[off : off + len(p)] == p
        assert len(p) <= size or len(pieces) == 1


def test_long_text_is_parsed_in_chunks_with_offsets_intact(monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 200)
    para = "Mayor Jane Doe said the bridge would open in May. Critics disagreed.\n\n"
    text = para * 12
    doc = nlp.parse(text)
    assert doc.text == text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_analyze_many_streams_in_order_and_matches_analyze():
    texts = ["Alice Smith said hello.", {"text": "Bob Jones said goodbye.", "title": "Bye"}, "Carol left."]
    briefs = list(byline.analyze_many(texts, batch_size=2))
    assert [b.article.text for b in briefs] == ["Alice Smith said hello.", "Bob Jones said goodbye.", "Carol left."]
    assert briefs[1].article.title == "Bye"
    single = byline.analyze("Alice Smith said hello.")
    assert briefs[0].to_dict() == single.to_dict()


def test_analyze_stream_reports_bad_records_and_goes_on():
    from byline.api import analyze_stream

    results = list(analyze_stream(["fine text here.", {"no": "text"}, "more text."], batch_size=3))
    assert [r.index for r in results] == [0, 1, 2]
    assert results[0].brief and results[2].brief
    assert results[1].brief is None and "text" in results[1].error


def test_analyze_rejects_non_text():
    with pytest.raises(byline.InputError):
        byline.analyze(b"bytes")  # type: ignore[arg-type]
