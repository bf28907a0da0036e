"""The claims stage on the example article and on degraded input."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.api import analyze

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "examples" / "sovereignty-not-for-sale.txt"


def test_claim_sources_and_flags_on_a_small_article() -> None:
    text = ("According to the Centers for Disease Control and Prevention, over 70,000 people died in 2024. "
            "Studies show that around 70% of guns come from abroad. "
            "The cartels generate billions annually.")
    brief = analyze(text, published="2025-05-03", skip="times,events")  # works without times
    by_text = {c.text.split()[0].lower(): c for c in brief.claims}
    assert by_text["over"].source.quality == "named"
    assert by_text["around"].source.quality == "vague"
    assert by_text["the"].source.quality == "none"
    kinds = {f.kind for f in brief.flags}
    assert {"vague_source", "unsourced_figure"} <= kinds
    money = [q for q in brief.quantities if q.kind == "money"]
    assert money and money[0].per == "year"


@pytest.mark.slow
def test_example_article_claims() -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"example article not found at {EXAMPLE}")
    brief = analyze(EXAMPLE.read_text(encoding="utf-8"), published="2025-05-03", skip="times,events")
    quality = {}
    for c in brief.claims:
        low = c.text.lower()
        for key in ("70,000", "70%", "billions", "designated"):
            if key in low:
                quality[key] = c.source.quality
    assert quality.get("70,000") == "named"
    assert quality.get("70%") == "vague"
    assert quality.get("billions") == "none"
    assert quality.get("designated") == "none"


@pytest.mark.parametrize("text", ["", "   ", "“unbalanced quote 5%", "x" * 3000, "1 2 3 4 5 6 7 8 9"])
def test_degraded_input(text: str) -> None:
    brief = analyze(text, skip="times,events")
    assert isinstance(brief.claims, list)


def test_comparison_and_superlative_claims() -> None:
    text = ("Violent crime in the city is now higher than ever, the mayor said. "
            "He called it the most secure border in history. He is better than his rival.")
    brief = analyze(text, skip="times,events")
    kinds = [c.kind for c in brief.claims]
    assert "comparison" in kinds and "superlative" in kinds
    assert len(brief.claims) == 2  # "better than his rival" is opinion, not a checkable comparison
    comparison = next(c for c in brief.claims if c.kind == "comparison")
    assert comparison.source.quality == "named"


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("Although the company said it would wait, observers said Turkcell would pull out of the $3bn deal.", "vague"),
        ("Borrowing was £35bn, as already announced by the Office for National Statistics.", "named"),
        ("In the latest Reuters poll, Clinton leads Trump by 43 percent to 38 percent.", "named"),
        ("The firm said sales rose 8% last year.", "named"),
        ("Sales rose 8% last year.", "none"),
    ],
)
def test_source_frames_with_the_parse(text: str, quality: str) -> None:
    brief = analyze(text, skip="times,events")
    figures = [c for c in brief.claims if c.kind == "quantity"]
    assert figures and figures[0].source.quality == quality


def test_figure_inside_a_quote_is_sourced_to_the_speaker() -> None:
    from byline import claims
    from byline.model import Quote, Span, SpeakerRef
    from byline.pipeline import Pipeline, new_context

    text = "“Unemployment hit 9.9% last month and 300 firms closed.”\nThe mayor spoke in the hall."
    ctx = new_context(text)
    Pipeline(skip="quotes,times,events").run_stages(ctx, only_before="claims")
    start, end = 1, text.index("”")
    ctx.brief.quotes.append(Quote(id="q1", kind="direct", text=text[start:end], span=Span(start=start, end=end),
                                  content_spans=[Span(start=start, end=end)],
                                  speaker=SpeakerRef(entity_id=None, name="Jane Doe")))
    claims.run(ctx)
    claim = next(c for c in ctx.brief.claims if c.quantities)
    assert claim.quote_id == "q1"
    assert claim.source.name == "Jane Doe" and claim.source.quality == "named"


def test_claim_text_skips_an_acronym_after_its_source_and_keeps_an_abbreviations_period() -> None:
    text = ("According to the Bureau of Labor Statistics (BLS), unemployment rose to 4.2% in March. "
            "Nearly 60% of the cars sold there were made in the U.S.")
    claims = analyze(text, published="2025-05-03").claims
    texts = [c.text for c in claims]
    assert any(t.startswith("unemployment rose to 4.2%") for t in texts), texts
    assert any(t.endswith("made in the U.S.") for t in texts), texts
    assert not any(t.endswith((".", ";")) and not t.endswith("U.S.") for t in texts), texts


def test_figures_are_written_as_a_reader_writes_them() -> None:
    from byline.render import number_text

    assert number_text(70000) == "70,000"
    assert number_text(1e9) == "1 billion"
    assert number_text(2.5e12) == "2.5 trillion"
    assert number_text(1234567) == "1,234,567"
    assert number_text(0.25) == "0.25"


def test_a_claims_source_never_reaches_into_the_line_above() -> None:
    text = ("Key points:\n"
            "- Cartel Power: The Sinaloa and Jalisco New generation cartels control much of the drug trade along "
            "the border, generating billions annually.\n"
            "- Firearms flow: Studies show that around 70% of firearms recovered at Mexican crime scenes originate "
            "from the U.S.\n")
    claims = analyze(text, published="2025-05-03").claims
    guns = [c for c in claims if "70%" in c.text]
    assert guns and guns[0].source.quality == "vague", [(c.text, c.source) for c in claims]
    assert all("\n" not in (c.source.name or "") for c in claims)
