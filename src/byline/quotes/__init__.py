"""Pipeline stage: quotes and attribution — who said what.

Direct, partial, nested and reported speech, each with its content, cue,
source and resolved speaker (see :mod:`byline.quotes.stage`). The trained part
is a CRF over spaCy token features (:mod:`byline.quotes.tagger`) and a
cue-centred second stage over the parse (:mod:`byline.quotes.cues`) that adds
reported speech the CRF misses, both rebuilt with ``python -m byline.quotes.train``.
Quotes with no speaker raise the flag ``quote_without_speaker`` (:func:`flags`). The stage never raises: a failure
leaves the article without quotes and says so in ``meta.warnings``.
"""

from __future__ import annotations

from byline.model import Evidence, Flag
from byline.pipeline import Context


def run(ctx: Context) -> None:
    from byline.quotes.stage import find_quotes

    try:
        ctx.brief.quotes.extend(find_quotes(ctx))
    except Exception as e:  # never let one article's odd text break the pipeline
        if ctx.brief.meta is not None:
            ctx.brief.meta.warnings.append(f"quotes: skipped after an internal error ({type(e).__name__}: {e})")


def flags(ctx: Context) -> list[Flag]:
    """One ``quote_without_speaker`` flag listing every quote left without a speaker."""
    orphans = [q for q in ctx.brief.quotes if q.speaker is None]
    if not orphans:
        return []
    return [Flag(
        kind="quote_without_speaker",
        message=f"{len(orphans)} quote(s) with no identifiable speaker.",
        severity="warning",
        evidence=[Evidence(span=q.span, repaired_span=q.repaired_span, text=q.text[:200]) for q in orphans[:10]],
        details={"count": len(orphans)},
        refs=[q.id for q in orphans],
    )]
