"""The Brief model and its published JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from byline.model import Brief, Span, json_schema, json_schema_text
from testpaths import REPO


def test_schema_in_docs_matches_the_model():
    published = (REPO / "docs" / "schema.json").read_text(encoding="utf-8")
    assert published == json_schema_text(), (
        "docs/schema.json drifted from byline.model: regenerate it with "
        "`.venv/bin/byline schema -o docs/schema.json`"
    )


def test_schema_says_offsets_are_code_points():
    assert "code points" in json_schema()["description"]


def test_brief_round_trips_through_json(example_brief):
    again = Brief.from_json(example_brief.to_json())
    assert again == example_brief
    jsonschema.validate(json.loads(example_brief.to_json()), json_schema())


def test_every_span_lies_inside_the_text(example_brief):
    n, m = len(example_brief.article.text), len(example_brief.article.repaired_text)
    data = example_brief.to_dict()

    def walk(node, key=None):
        if isinstance(node, dict):
            if set(node) == {"start", "end"}:
                limit = m if key == "repaired_span" else n
                assert 0 <= node["start"] <= node["end"] <= limit, (key, node)
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    walk({k: v for k, v in data.items() if k != "article"})


def test_extra_fields_are_rejected():
    with pytest.raises(ValueError):
        Span.model_validate({"start": 0, "end": 1, "stray": 2})
