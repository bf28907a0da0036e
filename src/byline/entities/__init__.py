"""Pipeline stage: entities - one canonical entity per referent, with aliases, roles and coreference.

``run(ctx)`` reads the spaCy Doc of the repaired text and

* fills ``ctx.brief.entities`` (ordered by first mention, ids ``e1, e2, ...``);
* sets ``ctx.data["entity_resolver"]``: ``fn(start, end) -> entity id | None`` for any
  mention span (repaired-text offsets) a later stage finds - a name, a possessive, a
  pronoun or a description;
* keeps the analysis in ``ctx.data["entities"]`` (an :class:`Analysis`) for the flags stage.

The modules: :mod:`.mentions` (names from NER, cleaned, with titles split off),
:mod:`.cluster` (merging variants), :mod:`.coref` (pronouns and descriptions),
:mod:`.resolve` (the fast span lookup), :mod:`.titles` (the ``inconsistent_title`` flag).
"""

from __future__ import annotations

from byline.entities.build import Analysis, analyze
from byline.pipeline import Context

__all__ = ["Analysis", "analyze", "run"]


def run(ctx: Context) -> None:
    if ctx.doc is None:
        return
    analysis = analyze(ctx.doc, ctx.new_id)
    ctx.data["entities"] = analysis
    ctx.brief.entities.extend(analysis.to_entities(ctx))
    ctx.data["entity_resolver"] = analysis.resolver
