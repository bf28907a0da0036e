"""The example articles: every expected quote found with its kind and speaker, the
nested quote inside its parent, and no name, heading or scare quote reported."""

from __future__ import annotations

import json
import sys

import pytest

import byline
from byline.quotes import tagger
from testpaths import EXAMPLE, EXAMPLE_EXPECTED, REPO, SHARED_EXAMPLE, SHARED_EXPECTED

sys.path.insert(0, str(REPO / "bench"))
import expected as harness

pytestmark = pytest.mark.skipif(tagger.load() is None, reason="quotes model not built")


def check(text_path, expected_path, published):
    if not text_path.exists() or not expected_path.exists():
        pytest.skip(f"example not found at {text_path}")
    brief = byline.analyze(text_path.read_text(encoding="utf-8"), published=published).to_dict()
    exp = json.loads(expected_path.read_text(encoding="utf-8"))
    quotes, not_quotes = harness.score_quotes(brief, exp)
    assert quotes.found == quotes.expected, quotes.missed
    for attr in ("kind", "speaker", "nested inside its parent"):
        right, checked = quotes.attrs.get(attr, [0, 0])
        assert right == checked, (attr, quotes.notes)
    assert not not_quotes.missed, not_quotes.missed


def test_shared_example_quotes():
    check(SHARED_EXAMPLE, SHARED_EXPECTED, "2025-05-03")


def test_bundled_example_quotes():
    check(EXAMPLE, EXAMPLE_EXPECTED, "2025-06-14")
