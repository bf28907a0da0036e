"""The ``inconsistent_title`` flag: one person given contradictory titles in one article.

The contradiction detected is of tense: a title written as past ("former U.S.
President", "ex-minister", "the late ...") and the same title written as
current ("President Trump") for the same referent. Either the article is out
of date somewhere or one of the titles is wrong; an editor should look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from byline.entities.lexicon import TITLE_NOUNS
from byline.entities.names import norm
from byline.model import Evidence, Flag
from byline.nlp import doc_text

if TYPE_CHECKING:
    from byline.entities.build import Analysis
    from byline.pipeline import Context

PAST_MARKERS = frozenset({"former", "ex", "ex-", "late", "erstwhile", "onetime", "one-time", "then"})


def _heads(role: str) -> tuple[set[str], bool]:
    """Title head nouns of a role, and whether it is marked as past."""
    ws = norm(role).replace("-", " - ").split()
    past = any(w in PAST_MARKERS or w.startswith("ex-") for w in ws)
    heads = {w for w in ws if w in TITLE_NOUNS or w + "." in TITLE_NOUNS}
    return heads, past


def titled_mentions(analysis: Analysis, ci: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each mention of cluster ``ci`` that carries a title."""
    text = doc_text(analysis.doc)
    out = []
    for m in analysis.clusters[ci].mentions:
        if m.role and m.role_start is not None:
            out.append((m.role_start, m.end, text[m.role_start:m.end]))
    for link in analysis.links:
        if link.cluster == ci and link.kind == "description":
            out.append((link.start, link.end, text[link.start:link.end]))
    return sorted(set(out))


def flags(ctx: Context) -> list[Flag]:
    """``inconsistent_title`` flags for the entities the entities stage found."""
    analysis = ctx.data.get("entities")
    if analysis is None:
        return []
    out = []
    for ci, c in enumerate(analysis.clusters):
        if c.label != "PERSON":
            continue
        past: list[tuple[int, int, str]] = []
        current: list[tuple[int, int, str]] = []
        by_head: dict[str, tuple[list, list]] = {}
        for s, e, t in titled_mentions(analysis, ci):
            heads, is_past = _heads(t)
            for h in heads:
                p, cur = by_head.setdefault(h, ([], []))
                (p if is_past else cur).append((s, e, t))
        for _head, (p, cur) in sorted(by_head.items()):
            if p and cur:
                past, current = p, cur
                break
        if not (past and current):
            continue
        a, b = past[0][2], current[0][2]
        evidence = [Evidence(text=t, **ctx.loc(s, e)) for s, e, t in (past + current)[:6]]
        out.append(Flag(
            kind="inconsistent_title",
            message=f"{c.name} is called both {a!r} and {b!r}: is the title current or past?",
            severity="warning",
            evidence=evidence,
            details={"entity": analysis.ids[ci], "past": [t for _, _, t in past],
                     "current": [t for _, _, t in current]},
            refs=[analysis.ids[ci]],
        ))
    return out
