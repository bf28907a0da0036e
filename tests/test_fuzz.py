"""Hostile and arbitrary input: repair and analyze never raise, every span lies
inside its text, offsets map back, and the brief validates against the schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import byline
from byline.model import Brief, json_schema
from byline.readers import MAX_HTML_DEPTH, from_html

SCHEMA = json_schema()
ANY_CHAR = st.characters(blacklist_categories=())  # includes control characters and lone surrogates
QUOTEY = st.sampled_from([*list("“”‘’\"'«»„‚`"), " ", "\n", "a", "B", ".", ",", ":", "-", "—", "(", ")"])
NEWSY = st.sampled_from(
    ["Sheinbaum", "“", "”", "said", "Trump", "U.S.", " ", "\n", "\n\n", "70%", "$1.13bn", "May 2", ",", ".",
     "According To The CDC", "she", "‘", "’", "Over", "70,000", "earlier this year", ":", "-", "Key Quote:"]
)
NEWS_TEXT = st.lists(NEWSY, max_size=80).map("".join)


def spans_inside(brief: Brief) -> None:
    n, m = len(brief.article.text), len(brief.article.repaired_text)

    def walk(node, key=None):
        if isinstance(node, dict):
            if set(node) == {"start", "end"}:
                limit = m if key == "repaired_span" else n
                assert 0 <= node["start"] <= node["end"] <= limit, (key, node, n, m)
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    data = brief.model_dump(mode="python")
    walk({k: v for k, v in data.items() if k != "article"})


def check_brief(text: str, brief: Brief) -> None:
    assert brief.article.text == text  # never lose data
    spans_inside(brief)
    encoded = brief.to_json()
    jsonschema.validate(json.loads(encoded), SCHEMA)
    assert Brief.from_json(encoded) == brief


def check_repair(text: str) -> None:
    r = byline.repair(text)
    assert r.original == text
    n, m = len(text), len(r.text)
    for c in r.changes:
        assert 0 <= c.start <= c.end <= n and text[c.start : c.end] == c.original
    assert r.to_repaired(0, n) == (0, m)
    assert r.to_original(0, m) == (0, n)
    for pos in {0, n // 3, n // 2, n}:
        s, e = r.to_repaired(pos, pos)
        assert 0 <= s <= e <= m
        s, e = r.to_original(min(pos, m), min(pos, m))
        assert 0 <= s <= e <= n


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(ANY_CHAR, max_size=300), st.text(QUOTEY, max_size=400), NEWS_TEXT))
def test_repair_never_raises_and_maps_back(text):
    check_repair(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(ANY_CHAR, max_size=200), st.text(QUOTEY, max_size=200), NEWS_TEXT))
def test_analyze_never_raises_and_spans_are_inside(text):
    check_brief(text, byline.analyze(text, published="2025-05-03"))


HOSTILE = {
    "empty": "",
    "empty lines only": "\n" * 500,
    "whitespace": " \t \u00a0\u2003\n" * 200,
    "thousands of curly quotes": "“" * 4000,
    "thousands of mixed quotes": "“”‘’\"'" * 1000,
    "deeply nested quotes": "“‘" * 5000 + "x" + "’”" * 5000,
    "nested html as text": "<div>" * 10000 + "x" + "</div>" * 10000,
    "a single 100 KB token": "a" * 100_000,
    "control characters": "".join(chr(i) for i in range(32)) * 50,
    "lone surrogates": "Trump said \ud800 “hi\udfff” on May 2.",
    "zero-width and bidi": "Sheinbaum\u200b said\u202e “no”\u2066 today.",
    "unbalanced quotes": "“She said no. “He said yes. ”” ” “",
    "combining marks": "e\u0301" * 2000,
    "emoji": "🙂 “👍,” said 🤖. " * 200,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name):
    text = HOSTILE[name]
    check_repair(text)
    check_brief(text, byline.analyze(text, published="2025-05-03"))


def test_html_nesting_bomb_is_refused_not_parsed():
    with pytest.raises(byline.InputError):
        from_html("<div>" * (MAX_HTML_DEPTH * 5) + "x" + "</div>" * (MAX_HTML_DEPTH * 5))
