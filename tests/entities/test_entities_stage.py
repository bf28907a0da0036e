"""The entities stage inside the pipeline: brief entities, resolver contract, inconsistent_title flag."""

from __future__ import annotations

import json

import byline
from byline.entities.titles import flags as title_flags
from byline.pipeline import new_context

#: Stages after entities that these tests do not need (they are other areas' concern).
SKIP = "quotes,times,claims,events"


def analyze(text: str, **kw):
    return byline.analyze(text, skip=SKIP, **kw)


def _title_flags(brief):
    return [f for f in brief.flags if f.kind == "inconsistent_title"]


def test_stage_fills_entities_and_resolver():
    text = "Prime Minister Jacinda Ardern said on Friday that she would stay. Ardern thanked voters."
    brief = analyze(text, published="2020-01-01")
    e = next(e for e in brief.entities if e.name == "Jacinda Ardern")
    assert e.roles == ["Prime Minister"]
    assert e.id == "e1"
    kinds = {m.kind for m in e.mentions}
    assert {"name", "pronoun"} <= kinds
    for m in e.mentions:
        assert brief.article.text[m.span.start:m.span.end] == m.text


def test_context_entity_at_uses_the_resolver():
    from byline.pipeline import get_pipeline

    text = "Governor Gavin Newsom signed the bill. He said it was overdue."
    ctx = new_context(text)
    get_pipeline(SKIP).run_stages(ctx, only_before="quotes")
    he = text.index("He ")
    eid = ctx.entity_at(he, he + 2)
    assert eid is not None and ctx.brief.entity(eid).name == "Gavin Newsom"


def test_inconsistent_title_flag_with_evidence():
    text = ("Former U.S. President Donald Trump proposed sending troops. Officials said the plan was new. "
            "\"No, President Trump,\" she replied.")
    brief = analyze(text)
    fl = _title_flags(brief)
    assert len(fl) == 1
    ev = [x.text for x in fl[0].evidence]
    assert "Former U.S. President Donald Trump" in ev and "President Trump" in ev
    assert fl[0].refs == [next(e.id for e in brief.entities if e.name == "Donald Trump")]


def test_no_flag_when_titles_agree():
    text = "President Joe Biden spoke on Monday. Later, President Biden left for Delaware."
    assert _title_flags(analyze(text)) == []


def test_flags_without_entities_stage_is_empty():
    ctx = new_context("Nothing here.")
    assert title_flags(ctx) == []


def test_brief_round_trips_as_json():
    brief = analyze("The Wall Street Journal reported that Apple Inc. hired Tim Cook.")
    again = byline.Brief.from_json(brief.to_json())
    assert json.loads(again.to_json()) == json.loads(brief.to_json())
