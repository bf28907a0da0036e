"""The shared damaged article: repaired text reads as normal sentence-case English."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.repair import repair

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "sovereignty-not-for-sale.txt"


@pytest.fixture(scope="module")
def fixed():
    if not EXAMPLE.exists():
        pytest.skip(f"shared example not found at {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8")
    return text, repair(text)


def test_noise_quotes_gone_and_real_quotations_kept(fixed) -> None:
    _, r = fixed
    t = r.text
    for noise in ["“Sheinbaum“", "“Trump”", "“U.S”", "“Mexico", "“Fentanyl Crisis”", "“Cartel Power”"]:
        assert noise not in t
    assert "U.S.-Mexico relations" in t
    assert "No, President Trump.” This exchange" in t
    assert "“sacrosanct.”" in t
    assert "“the most secure southwest border in history.”" in t
    assert t.count("“") == t.count("”")


def test_sentence_case_restored_with_names_and_acronyms(fixed) -> None:
    _, r = fixed
    t = r.text
    assert "This is not the first time Trump has floated the idea of military action in Mexico." in t
    assert "Sovereignty is not for sale, sovereignty is loved and defended." in t
    for name in ["Claudia Sheinbaum", "Wall Street Journal", "U.S. National Security Council (NSC)", "(CDC)",
                 "Sinaloa", "Mexico City", "White House", "President Trump"]:
        assert name in t


def test_changes_are_counted_and_map_back(fixed) -> None:
    text, r = fixed
    counts = r.counts()
    assert counts.get("casing", 0) >= 40 and counts.get("quote", 0) >= 10
    for c in r.changes:
        assert text[c.start : c.end] == c.original
        s, e = r.to_repaired(c.start, c.end)
        assert r.to_original(s, e)[0] <= c.start
