"""Source quality on the hand-labelled claim sentences (PolNeAR dev, BBC).

The fixture stores references only (path under ../shared/data, offsets, a hash
of the sentence, the label); the sentences are read from the shared data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from byline.claims.sources import classify

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
FIXTURE = Path(__file__).with_name("claim_sources.json")


def _load() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_large_enough_and_labelled() -> None:
    rows = _load()
    assert len(rows) >= 100
    assert {r["label"] for r in rows} <= {"named", "vague", "none"}
    assert all((r["source"] is None) == (r["label"] == "none") for r in rows)


def test_source_quality_on_labelled_sentences() -> None:
    if not DATA.exists():
        pytest.skip(f"shared development data not found at {DATA}")
    rows = _load()
    right = 0
    for r in rows:
        text = (DATA / r["path"]).read_text(encoding="utf-8", errors="replace")
        sentence = text[r["start"]: r["end"]]
        assert hashlib.sha1(sentence.encode()).hexdigest()[:12] == r["sha1"], r["path"]
        quality, _ = classify(sentence)
        right += quality == r["label"]
    accuracy = right / len(rows)
    assert accuracy >= 0.85, f"source-quality accuracy {accuracy:.2f}"


@pytest.mark.parametrize(
    ("sentence", "quality"),
    [
        ("According to the CDC, fentanyl was linked to over 70,000 deaths.", "named"),
        ("The CDC said 70,000 people died.", "named"),
        ("A CDC report found that 70,000 people died.", "named"),
        ("Studies show that around 70% of firearms come from the U.S.", "vague"),
        ("Experts say the plan will cost billions annually.", "vague"),
        ("Analysts say prices rose 5%.", "vague"),
        ("Reports suggest 300 people were arrested.", "vague"),
        ("The cartels generate billions annually.", "none"),
    ],
)
def test_issue_examples(sentence: str, quality: str) -> None:
    assert classify(sentence)[0] == quality
