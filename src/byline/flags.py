"""Pipeline stage: the findings a careful editor would raise.

Flags are derived here, in one place, from what the other stages found.
"""

from __future__ import annotations

from byline.claims.flags import claim_flags
from byline.entities.titles import flags as title_flags
from byline.model import Evidence, Flag
from byline.pipeline import Context
from byline.quotes import flags as quote_flags

DAMAGE_LABELS = {
    "casing": "casing fixes",
    "quote": "quote-mark fixes",
    "punctuation": "punctuation fixes",
    "mojibake": "encoding (mojibake) fixes",
}


def text_damage(ctx: Context) -> Flag | None:
    counts = ctx.repair.counts()
    if not counts:
        return None
    parts = [f"{n} {DAMAGE_LABELS.get(k, k)}" for k, n in sorted(counts.items())]
    evidence = []
    for ch in ctx.repair.changes[:5]:
        evidence.append(
            Evidence(
                span={"start": ch.start, "end": ch.end},
                text=ch.original,
            )
        )
    return Flag(
        kind="text_damage",
        message="Text damage repaired before analysis: " + ", ".join(parts) + ".",
        severity="info",
        evidence=evidence,
        details={"counts": counts, "changes": sum(counts.values()),
                 "examples": [{"kind": ch.kind, "original": ch.original, "replacement": ch.replacement}
                              for ch in ctx.repair.changes[:5]]},
    )


def run(ctx: Context) -> None:
    flags = ctx.brief.flags
    if (f := text_damage(ctx)) is not None:
        flags.append(f)
    flags.extend(title_flags(ctx))
    flags.extend(claim_flags(ctx))  # vague_source, unsourced_figure (byline.claims.flags)
    flags.extend(quote_flags(ctx))  # quote_without_speaker (byline.quotes)
