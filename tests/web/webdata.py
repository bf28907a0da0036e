"""Test data for the web tests: a hand-made brief with known quotes (nested,
unattributed, after an astral character, with a repaired text that shifts
offsets), a brief whose every field is hostile markup, and Chromium's flags.

The hand-made brief is test data for the page's rendering, not a result: the
browser tests check that what the page shows is exactly what a brief holds,
for briefs from ``/api/analyze`` and for this one, whose findings exercise
nesting, colours and offset mapping while the extraction stages are young.
"""

from __future__ import annotations

from pathlib import Path

from byline.model import (
    Article,
    Brief,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventDate,
    Evidence,
    Flag,
    Mention,
    Meta,
    Quote,
    Span,
    SpeakerRef,
    TextSpan,
)
from byline.pipeline import article_id

CHROMIUM = Path("/usr/bin/chromium")
#: The flags Debian's Chromium needs on these machines (a fresh profile dir is added).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "web"

TEXT = (
    "Mayor Ana Diaz \U0001F30A said on Monday: “We will not sell the river. Whitcombe told me, "
    "‘Sign today or lose the money.’ We said no.”\n"
    "A SPOKESPERSON for the ministry called the offer “generous”.\n"
    "Officials say 12,000 farms lost crops since 2022."
)
REPAIRED = TEXT.replace(" \U0001F30A", "").replace("A SPOKESPERSON", "A spokesperson")


def _loc(sub: str, *, nth: int = 0) -> dict[str, Span | None]:
    """``span`` and ``repaired_span`` of the ``nth`` occurrence of ``sub``."""
    def find(text: str) -> int:
        at = -1
        for _ in range(nth + 1):
            at = text.index(sub, at + 1)
        return at

    s, r = find(TEXT), find(REPAIRED.replace("A spokesperson", "A SPOKESPERSON"))
    span = Span(start=s, end=s + len(sub))
    rspan = Span(start=r, end=r + len(sub))
    return {"span": span, "repaired_span": None if span == rspan else rspan}


def made_brief() -> Brief:
    """A brief over :data:`TEXT` with two speakers, a nested and an unattributed quote."""
    outer = "“We will not sell the river. Whitcombe told me, ‘Sign today or lose the money.’ We said no.”"
    inner = "‘Sign today or lose the money.’"
    claim = "Officials say 12,000 farms lost crops since 2022."
    return Brief(
        article=Article(id=article_id(TEXT), title="Diaz: the river is not for sale", published="2025-06-14",
                        published_source="given", text=TEXT, repaired_text=REPAIRED),
        entities=[
            Entity(id="e1", name="Ana Diaz", type="PERSON", roles=["Mayor"],
                   mentions=[Mention(text="Ana Diaz", **_loc("Ana Diaz"))]),
            Entity(id="e2", name="Whitcombe", type="PERSON",
                   mentions=[Mention(text="Whitcombe", **_loc("Whitcombe"))]),
        ],
        quotes=[
            Quote(id="q1", kind="direct", text=outer.strip("“”"), cue=TextSpan(text="said", **_loc("said")),
                  speaker=SpeakerRef(entity_id="e1", name="Ana Diaz"), **_loc(outer)),
            Quote(id="q2", kind="nested", text=inner.strip("‘’"), inside="q1",
                  cue=TextSpan(text="told", **_loc("told")),
                  speaker=SpeakerRef(entity_id="e2", name="Whitcombe"), **_loc(inner)),
            Quote(id="q3", kind="partial", text="generous", cue=TextSpan(text="called", **_loc("called")),
                  **_loc("“generous”")),
        ],
        claims=[Claim(id="c1", text=claim, source=ClaimSource(name="Officials", quality="vague"), **_loc(claim))],
        events=[Event(id="v1", description="Diaz rejects the offer", date=EventDate(value="2025-06-09"),
                      entities=["e1"], **_loc("said on Monday"))],
        flags=[Flag(kind="quote_without_speaker", message="a quote has no speaker",
                    evidence=[Evidence(text="“generous”", **_loc("“generous”"))], refs=["q3"])],
        meta=Meta(byline_version="test"),
    )


#: Strings that would run script if the page ever inserted brief text as HTML.
XSS = [
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss = 'img'\">",
    "<a href=\"javascript:window.__xss = 'link'\" id=\"evil\">click me</a>",
    "<svg onload=\"window.__xss = 'svg'\"></svg>",
]


def hostile_brief() -> Brief:
    """A brief whose every text field is markup that would run if not escaped."""
    text = "Intro. " + " ".join(XSS) + " Outro."
    payload = " ".join(XSS)
    span = {"span": Span(start=7, end=7 + len(payload))}
    return Brief(
        article=Article(id=article_id(text), title=XSS[1], text=text, repaired_text=text,
                        url="javascript:window.__xss='url'"),
        entities=[Entity(id="e1", name=XSS[1], type="PERSON", roles=[XSS[0]], aliases=[XSS[3]])],
        quotes=[Quote(id="q1", kind="direct", text=payload, cue=TextSpan(text=XSS[2], **span),
                      speaker=SpeakerRef(entity_id="e1", name=XSS[1]), **span)],
        claims=[Claim(id="c1", text=payload, source=ClaimSource(name=XSS[3], quality="named"), **span)],
        events=[Event(id="v1", description=XSS[0], date=EventDate(value=XSS[1]), **span)],
        flags=[Flag(kind=XSS[3], message=XSS[0], evidence=[Evidence(text=XSS[2], **span)])],
        meta=Meta(byline_version="test"),
    )
