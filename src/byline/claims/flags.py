"""Editor flags raised from claims: ``vague_source`` and ``unsourced_figure``.

Called from :func:`byline.flags.run`, where all flags are gathered.
"""

from __future__ import annotations

from byline.model import Claim, Evidence, Flag
from byline.pipeline import Context


def _evidence(c: Claim) -> Evidence:
    return Evidence(span=c.span, repaired_span=c.repaired_span, text=c.text)


def claim_flags(ctx: Context) -> list[Flag]:
    """One flag per claim whose figure has a vague source or none at all."""
    out: list[Flag] = []
    for c in ctx.brief.claims:
        src = c.source
        if src.quality == "vague":
            who = f'"{src.name}"' if src.name else "an unnamed source"
            out.append(Flag(
                kind="vague_source", severity="warning", evidence=[_evidence(c)], refs=[c.id, *c.quantities],
                message=f"Vague source: the claim rests on {who}; which one?",
                details={"source": src.name, "check_worthiness": c.check_worthiness},
            ))
        elif src.quality == "none" and c.quantities and c.quote_id is None:
            out.append(Flag(
                kind="unsourced_figure", severity="warning", evidence=[_evidence(c)], refs=[c.id, *c.quantities],
                message="Unsourced figure: no source is given for this figure.",
                details={"check_worthiness": c.check_worthiness},
            ))
    return out
