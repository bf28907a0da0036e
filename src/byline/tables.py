"""A Brief as flat table rows: the one column layout shared by the SQLite store,
``byline export`` (JSONL, CSV, Parquet) and the Spark job.

Every row of a finding table carries ``article_id`` and the finding's
article-local ``id``; list- and dict-valued fields are JSON text. Offsets are
``start``/``end`` in ``article.text`` and ``r_start``/``r_end`` in
``article.repaired_text`` (null when the repaired span is the same).
"""

from __future__ import annotations

import json
from typing import Any

from byline.model import Brief, Located, Range

#: Table name -> ordered column names (types are SQLite/Arrow friendly: str, int, float).
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "source", "title", "published", "published_source", "url", "text",
                 "repaired_text", "schema_version", "byline_version", "model", "n_entities",
                 "n_quotes", "n_claims", "n_events", "n_flags", "brief"),
    "entities": ("article_id", "id", "name", "type", "aliases", "roles", "mention_count",
                 "salience", "first_offset"),
    "mentions": ("article_id", "entity_id", "seq", "text", "kind", "start", "end", "r_start",
                 "r_end"),
    "quotes": ("article_id", "id", "kind", "text", "start", "end", "r_start", "r_end",
               "content_spans", "cue_text", "cue_start", "cue_end", "source_text",
               "source_start", "source_end", "speaker_entity_id", "speaker_name", "inside",
               "confidence"),
    "quantities": ("article_id", "id", "text", "kind", "value", "value_low", "value_high",
                   "unit", "per", "hedge", "relation", "start", "end", "r_start", "r_end"),
    "claims": ("article_id", "id", "text", "kind", "start", "end", "r_start", "r_end",
               "quantity_ids", "subject", "place_name", "place_entity_id", "time_id",
               "source_name", "source_entity_id", "source_quality", "quote_id",
               "check_worthiness"),
    "times": ("article_id", "id", "text", "type", "value", "precision", "anchor", "start", "end",
              "r_start", "r_end", "mod"),
    "events": ("article_id", "id", "description", "time_id", "date_value", "entity_ids",
               "timeline_order", "start", "end", "r_start", "r_end", "after_ids"),
    "flags": ("article_id", "seq", "kind", "message", "severity", "evidence", "details", "refs"),
    "errors": ("source", "article_id", "reason"),
}

#: Column -> type name, for columns that are not text.
INT_COLUMNS = {"start", "end", "r_start", "r_end", "cue_start", "cue_end", "source_start",
               "source_end", "seq", "mention_count", "first_offset", "timeline_order",
               "n_entities", "n_quotes", "n_claims", "n_events", "n_flags"}
FLOAT_COLUMNS = {"salience", "confidence", "value", "value_low", "value_high",
                 "check_worthiness"}

#: (table, column) -> type, where a column name means different things in different
#: tables: ``times.value`` is a TIMEX value ("2025-05-03"), not a number.
TABLE_TYPES: dict[tuple[str, str], type] = {("times", "value"): str}

TABLES = tuple(COLUMNS)


def column_type(name: str, table: str | None = None) -> type:
    """Python type (int, float or str) of column ``name``; pass ``table`` to get
    per-table exceptions (:data:`TABLE_TYPES`) right."""
    if table is not None and (table, name) in TABLE_TYPES:
        return TABLE_TYPES[(table, name)]
    if name in INT_COLUMNS:
        return int
    if name in FLOAT_COLUMNS:
        return float
    return str


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loc(f: Located) -> dict[str, int | None]:
    r = f.repaired_span
    return {"start": f.span.start, "end": f.span.end,
            "r_start": r.start if r else None, "r_end": r.end if r else None}


def rows(brief: Brief, source: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """All table rows for one brief (no ``errors`` rows)."""
    a = brief.article
    aid = a.id
    meta = brief.meta
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    out["articles"].append({
        "id": aid, "source": source, "title": a.title, "published": a.published,
        "published_source": a.published_source, "url": a.url, "text": a.text,
        "repaired_text": a.repaired_text, "schema_version": brief.schema_version,
        "byline_version": meta.byline_version if meta else None,
        "model": meta.model if meta else None, "n_entities": len(brief.entities),
        "n_quotes": len(brief.quotes), "n_claims": len(brief.claims),
        "n_events": len(brief.events), "n_flags": len(brief.flags),
        "brief": brief.to_json(indent=None),
    })
    for e in brief.entities:
        out["entities"].append({
            "article_id": aid, "id": e.id, "name": e.name, "type": e.type,
            "aliases": _j(e.aliases), "roles": _j(e.roles), "mention_count": len(e.mentions),
            "salience": e.salience.share if e.salience else None,
            "first_offset": e.salience.first if e.salience else None,
        })
        for i, m in enumerate(e.mentions):
            out["mentions"].append({"article_id": aid, "entity_id": e.id, "seq": i,
                                    "text": m.text, "kind": m.kind, **_loc(m)})
    for q in brief.quotes:
        out["quotes"].append({
            "article_id": aid, "id": q.id, "kind": q.kind, "text": q.text, **_loc(q),
            "content_spans": _j([[s.start, s.end] for s in q.content_spans]),
            "cue_text": q.cue.text if q.cue else None,
            "cue_start": q.cue.span.start if q.cue else None,
            "cue_end": q.cue.span.end if q.cue else None,
            "source_text": q.source.text if q.source else None,
            "source_start": q.source.span.start if q.source else None,
            "source_end": q.source.span.end if q.source else None,
            "speaker_entity_id": q.speaker.entity_id if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else None,
            "inside": q.inside, "confidence": q.confidence,
        })
    for n in brief.quantities:
        v = n.value
        out["quantities"].append({
            "article_id": aid, "id": n.id, "text": n.text, "kind": n.kind,
            "value": float(v) if isinstance(v, int | float) else None,
            "value_low": v.low if isinstance(v, Range) else None,
            "value_high": v.high if isinstance(v, Range) else None,
            "unit": n.unit, "per": n.per, "hedge": n.hedge, "relation": n.relation, **_loc(n),
        })
    for c in brief.claims:
        out["claims"].append({
            "article_id": aid, "id": c.id, "text": c.text, "kind": c.kind, **_loc(c),
            "quantity_ids": _j(c.quantities), "subject": c.subject,
            "place_name": c.place.name if c.place else None,
            "place_entity_id": c.place.entity_id if c.place else None,
            "time_id": c.time, "source_name": c.source.name,
            "source_entity_id": c.source.entity_id, "source_quality": c.source.quality,
            "quote_id": c.quote_id, "check_worthiness": c.check_worthiness,
        })
    for t in brief.times:
        out["times"].append({
            "article_id": aid, "id": t.id, "text": t.text, "type": t.type, "value": t.value,
            "precision": t.precision, "anchor": t.anchor, **_loc(t), "mod": t.mod,
        })
    for ev in brief.events:
        out["events"].append({
            "article_id": aid, "id": ev.id, "description": ev.description,
            "time_id": ev.date.time_id if ev.date else None,
            "date_value": ev.date.value if ev.date else None,
            "entity_ids": _j(ev.entities), "timeline_order": ev.order, **_loc(ev),
            "after_ids": _j(ev.after),
        })
    for i, f in enumerate(brief.flags):
        out["flags"].append({
            "article_id": aid, "seq": i, "kind": f.kind, "message": f.message,
            "severity": f.severity, "evidence": _j([e.model_dump(mode="json") for e in f.evidence]),
            "details": _j(f.details), "refs": _j(f.refs),
        })
    return out


def error_row(source: str | None, reason: str, article_id: str | None = None) -> dict[str, Any]:
    return {"source": source, "article_id": article_id, "reason": reason}


def brief_from_row(article_row: dict[str, Any]) -> Brief:
    """The full Brief stored with an article row."""
    return Brief.from_json(article_row["brief"])
