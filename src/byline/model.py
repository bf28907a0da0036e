"""The Brief: Byline's one data model, shared by every interface.

Every finding carries ``span`` — character offsets ``[start, end)`` into
``article.text`` (the text exactly as given), counted in Python code points
(not bytes, not UTF-16 units) — and, where the repaired text differs,
``repaired_span`` into ``article.repaired_text``.

The CLI, the Python API, the SQLite store, the HTTP API, the web page and the
Spark job all serialise this model; none of them derives findings of its own.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "OTHER"
]
MentionKind = Literal["name", "pronoun", "description"]
QuoteKind = Literal["direct", "partial", "nested", "reported"]
SourceQuality = Literal["named", "vague", "none"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Relation = Literal[">", ">=", "<", "<=", "~", "="]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Half-open character range ``[start, end)`` in Python code points."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class Located(_Model):
    """A finding's location: ``span`` in ``article.text``, ``repaired_span`` in
    ``article.repaired_text`` when the two differ (else null)."""

    span: Span
    repaired_span: Span | None = None


class Article(_Model):
    id: str = Field(description="Content hash of the text as given: 'sha256:' + 16 hex digits.")
    title: str | None = None
    published: str | None = Field(
        default=None, description="ISO 8601 date or date-time of publication, as known."
    )
    published_source: Literal["given", "metadata", "text", "inferred", "missing"] = "missing"
    url: str | None = None
    text: str = Field(description="The article text exactly as given; all `span`s index into it.")
    repaired_text: str = Field(
        description="The text after repair; all `repaired_span`s index into it."
    )


# --- entities -----------------------------------------------------------------


class Mention(Located):
    text: str
    kind: MentionKind = "name"


class Salience(_Model):
    share: float = Field(ge=0, le=1, description="Share of all entity mentions in the article.")
    first: int = Field(ge=0, description="Offset of the first mention in article.text.")


class Entity(_Model):
    id: str
    name: str = Field(description="Canonical name: the fullest proper name in the text.")
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    salience: Salience | None = None


# --- quotes -------------------------------------------------------------------


class TextSpan(Located):
    text: str


class SpeakerRef(_Model):
    entity_id: str | None = None
    name: str


class Quote(Located):
    id: str
    kind: QuoteKind
    text: str = Field(description="The quoted or reported content, repaired, without quote marks.")
    content_spans: list[Span] = Field(
        default_factory=list, description="Content pieces in article.text (discontinuous allowed)."
    )
    cue: TextSpan | None = None
    source: TextSpan | None = Field(default=None, description="The source mention as written.")
    speaker: SpeakerRef | None = None
    inside: str | None = Field(default=None, description="Id of the enclosing quote, if nested.")
    confidence: float = Field(default=1.0, ge=0, le=1)


# --- quantities and claims ------------------------------------------------------


class Range(_Model):
    low: float | None = None
    high: float | None = None


class Quantity(Located):
    id: str
    text: str
    kind: Literal["cardinal", "percent", "money", "ordinal", "multiplier", "measure", "vague"] = (
        "cardinal"
    )
    value: float | Range | None = None
    unit: str | None = None
    per: str | None = Field(default=None, description="Rate period, e.g. 'year' for 'annually'.")
    hedge: str | None = Field(default=None, description="The hedge word as written, e.g. 'over'.")
    relation: Relation | None = Field(default=None, description="Normalised hedge.")


class ClaimSource(_Model):
    name: str | None = None
    entity_id: str | None = None
    span: Span | None = None
    quality: SourceQuality = "none"


class PlaceRef(_Model):
    name: str
    entity_id: str | None = None


class Claim(Located):
    id: str
    text: str
    kind: Literal["quantity", "comparison", "superlative", "event", "other"] = "quantity"
    quantities: list[str] = Field(default_factory=list, description="Ids of quantities[].")
    subject: str | None = None
    place: PlaceRef | None = None
    time: str | None = Field(default=None, description="Id of a times[] entry.")
    source: ClaimSource = Field(default_factory=ClaimSource)
    quote_id: str | None = Field(default=None, description="Quote the claim sits in, if any.")
    check_worthiness: float = Field(default=0.5, ge=0, le=1)


# --- time -----------------------------------------------------------------------


class Time(Located):
    id: str
    text: str
    type: TimeType
    value: str | None = Field(default=None, description="TIMEX3-style value; null if unresolved.")
    precision: str | None = Field(
        default=None, description="day, month, year, week, decade, time, duration, ..."
    )
    anchor: str | None = Field(
        default=None, description="'published' or the id of the time it was resolved from."
    )
    mod: str | None = Field(
        default=None,
        description="TIMEX3 mod: BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, LESS_THAN, MORE_THAN, "
        "EQUAL_OR_LESS, EQUAL_OR_MORE, START, MID, END, APPROX.",
    )


class EventDate(_Model):
    time_id: str | None = None
    value: str | None = None


class Event(Located):
    id: str
    description: str
    date: EventDate | None = Field(default=None, description="Null for an undated event the text orders.")
    after: list[str] = Field(
        default_factory=list, description="Ids of events the text places this one after (undated ordering)."
    )
    entities: list[str] = Field(default_factory=list)
    order: int = Field(default=0, description="Position in timeline order (0 = earliest).")


# --- flags ------------------------------------------------------------------------


class Evidence(Located):
    text: str


class Flag(_Model):
    kind: str = Field(
        description="text_damage, quote_without_speaker, vague_source, unsourced_figure, "
        "inconsistent_title, ..."
    )
    message: str
    severity: Literal["info", "warning", "error"] = "warning"
    evidence: list[Evidence] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)
    refs: list[str] = Field(default_factory=list, description="Ids of the findings concerned.")


class Meta(_Model):
    byline_version: str
    model: str | None = None
    stages: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Brief(_Model):
    schema_version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    meta: Meta | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = 2) -> str:
        try:
            return self.model_dump_json(indent=indent)
        except ValueError:
            # Text with lone surrogates (kept as given, never dropped) cannot be UTF-8:
            # write it as ASCII JSON with \uXXXX escapes, which round-trips exactly.
            return json.dumps(self.model_dump(mode="python"), indent=indent, ensure_ascii=True,
                              default=_jsonable)

    @classmethod
    def from_json(cls, data: str | bytes) -> Brief:
        try:
            return cls.model_validate_json(data)
        except ValueError:
            return cls.model_validate(json.loads(data))

    def entity(self, entity_id: str | None) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="python")
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a Brief (draft 2020-12)."""
    schema = Brief.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Byline Brief"
    schema["description"] = (
        f"Byline brief, schema_version {SCHEMA_VERSION}. All `span` offsets are half-open "
        "[start, end) character offsets into `article.text`, counted in Python code points "
        "(Unicode scalar values), not bytes or UTF-16 units; `repaired_span` offsets index "
        "`article.repaired_text` the same way."
    )
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
