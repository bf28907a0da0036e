"""The analysis pipeline: stages in order, each declaring what it needs and adds.

A stage is a function ``run(ctx: Context) -> None`` in its own module. Stages
read what earlier stages put on the :class:`Context` and append findings to
``ctx.brief``. Stage code works in *repaired-text* coordinates (the spaCy Doc is
built on the repaired text) and turns offsets into a finding's location with
:meth:`Context.loc`, which maps them back to the text as given.

``needs`` are hard requirements: a stage whose needs are missing (because an
earlier stage was skipped) is skipped too, and the brief says so in
``meta.skipped``. ``uses`` are soft: the stage runs without them, doing less.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from byline import __version__
from byline import nlp as nlp_mod
from byline.errors import bad_date, over_time_budget, unknown_stage
from byline.model import Article, Brief, Meta, Span
from byline.repair import Repair, identity


@dataclass(frozen=True)
class Stage:
    name: str
    module: str  # dotted path of a module with run(ctx)
    needs: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()
    optional: bool = True  # may be switched off with --skip

    def runner(self) -> Callable[[Context], None]:
        return importlib.import_module(self.module).run  # type: ignore[no-any-return]


def _s(*names: str) -> frozenset[str]:
    return frozenset(names)


#: The stages, in the order they run.
STAGES: tuple[Stage, ...] = (
    Stage("repair", "byline.repair.stage", _s("text"), _s(), _s("repaired")),
    Stage("parse", "byline.parse", _s("text"), _s("repaired"), _s("doc"), optional=False),
    Stage("entities", "byline.entities", _s("doc"), _s(), _s("entities")),
    Stage("quotes", "byline.quotes", _s("doc"), _s("entities"), _s("quotes")),
    Stage("times", "byline.timex", _s("doc"), _s("entities"), _s("times")),
    Stage("claims", "byline.claims", _s("doc"), _s("entities", "quotes", "times"),
          _s("quantities", "claims")),
    Stage("events", "byline.events", _s("doc", "times"), _s("entities"), _s("events")),
    Stage("flags", "byline.flags", _s(), _s("repaired", "entities", "quotes", "claims"),
          _s("flags")),
)

STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)

WARM_UP_TEXT = (
    "“We Will Not Back Down,” Mayor Jane Doe Said On Monday, According To The City Council.\n"
    "She said the U.S. Department of Transportation (DOT) spent over $2.1m, about 40% of its budget, "
    "in 2024. Experts say the plan, approved last week, will cost billions annually."
)


def parse_skip(value: str | Iterable[str] | None) -> frozenset[str]:
    """``"quotes,claims"`` -> {"quotes", "claims"}; unknown names are a usage error."""
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)
    names = {i.strip() for i in items if i and i.strip()}
    known = [s.name for s in STAGES if s.optional]
    for n in names:
        if n not in known:
            raise unknown_stage(n, known)
    return frozenset(names)


def parse_published(value: str | dt.date | None) -> str | None:
    """Normalise a publication date to ISO 8601 (date, or date-time when given)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    v = str(value).strip()
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v).isoformat()
        return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise bad_date(v) from None


def published_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def article_id(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return "sha256:" + digest[:16]


@dataclass
class Context:
    """Everything a stage may read or add while one article is analysed."""

    text: str
    brief: Brief
    repair: Repair
    doc: Doc | None = None
    provided: set[str] = field(default_factory=set)
    data: dict[str, Any] = field(default_factory=dict)  # cross-stage scratch space
    deadline: float | None = None  # time.monotonic() value past which the analysis stops
    _counters: dict[str, itertools.count] = field(default_factory=dict)

    @property
    def repaired(self) -> str:
        return self.repair.text

    @property
    def published(self) -> dt.date | None:
        return published_date(self.brief.article.published)

    def check_time(self, where: str) -> None:
        """Stop with a clear error once the article's time budget is spent."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise over_time_budget(where)

    def new_id(self, prefix: str) -> str:
        """Sequential ids per kind within one article: q1, q2, e1, ..."""
        counter = self._counters.setdefault(prefix, itertools.count(1))
        return f"{prefix}{next(counter)}"

    def loc(self, start: int, end: int) -> dict[str, Span | None]:
        """Location fields for a finding at repaired-text offsets ``[start, end)``:
        ``span`` in the text as given and ``repaired_span`` when it differs."""
        rs = Span(start=start, end=end)
        if self.repair.changes:
            o_start, o_end = self.repair.to_original(start, end)
            span = Span(start=o_start, end=o_end)
        else:
            span = rs
        same = span == rs and self.text[span.start : span.end] == self.repaired[start:end]
        return {"span": span, "repaired_span": None if same else rs}

    def original_span(self, start: int, end: int) -> Span:
        o_start, o_end = self.repair.to_original(start, end)
        return Span(start=o_start, end=o_end)

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity mentioned at repaired offsets ``[start, end)``, if the
        entities stage resolved one there (names, pronouns, descriptions)."""
        resolver = self.data.get("entity_resolver")
        if resolver is None:
            return None
        return resolver(start, end)  # type: ignore[no-any-return]


def new_context(
    text: str,
    *,
    published: str | dt.date | None = None,
    published_source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Context:
    pub = parse_published(published)
    source = published_source or ("given" if pub else "missing")
    article = Article(
        id=article_id(text),
        title=title,
        published=pub,
        published_source=source,  # type: ignore[arg-type]
        url=url,
        text=text,
        repaired_text=text,
    )
    brief = Brief(article=article, meta=Meta(byline_version=__version__))
    return Context(text=text, brief=brief, repair=identity(text), provided={"text"})


class Pipeline:
    """Runs the stages over one article or a stream of them."""

    def __init__(self, skip: str | Iterable[str] | None = None, time_budget: float | None = None):
        self.skip = parse_skip(skip)
        self.time_budget = time_budget
        self._runners: dict[str, Callable[[Context], None]] = {}
        self._warm = False

    def warm_up(self) -> None:
        """Run every stage once on a small text *outside* a spaCy memory zone, so that
        whatever a stage builds lazily (matchers, lexicons, models) is made with
        permanent strings before the per-article memory zones begin."""
        if self._warm:
            return
        self._warm = True
        ctx = new_context(WARM_UP_TEXT, published="2025-05-03")
        self.run_stages(ctx)

    def _runner(self, stage: Stage) -> Callable[[Context], None]:
        fn = self._runners.get(stage.name)
        if fn is None:
            fn = self._runners[stage.name] = stage.runner()
        return fn

    def run_stages(self, ctx: Context, *, only_before: str | None = None,
                   only_after: str | None = None) -> None:
        started = only_after is None
        for stage in STAGES:
            if not started:
                started = stage.name == only_after
                continue
            if only_before is not None and stage.name == only_before:
                return
            meta = ctx.brief.meta
            assert meta is not None
            if stage.name in self.skip:
                meta.skipped.append(stage.name)
                continue
            missing = stage.needs - ctx.provided
            if missing:
                meta.skipped.append(f"{stage.name} (needs {', '.join(sorted(missing))})")
                continue
            self._runner(stage)(ctx)
            ctx.provided |= stage.adds
            meta.stages.append(stage.name)
            ctx.check_time(stage.name)

    def _start(self, ctx: Context) -> Context:
        if self.time_budget:
            ctx.deadline = time.monotonic() + self.time_budget
        return ctx

    def analyze(self, text: str, **kw: Any) -> Brief:
        self.warm_up()
        ctx = self._start(new_context(text, **kw))
        nlp = nlp_mod.load()
        with nlp.memory_zone():  # spaCy strings made for this article are freed after it
            self.run_stages(ctx)
            brief = finish(ctx)
            ctx.doc = None
            ctx.data.clear()
        return brief

    def analyze_batch(self, records: list[dict[str, Any]]) -> list[Brief]:
        """Analyse a batch: repair each, parse all with ``nlp.pipe``, then the rest."""
        self.warm_up()
        ctxs = [self._start(new_context(r["text"], **_kw(r))) for r in records]
        for ctx in ctxs:
            self.run_stages(ctx, only_before="parse")
        nlp = nlp_mod.load()
        with nlp.memory_zone():
            docs = nlp_mod.pipe([c.repaired for c in ctxs], nlp)
            for ctx, doc in zip(ctxs, docs, strict=True):
                ctx.data["doc"] = doc
                self.run_stages(ctx, only_after="repair")
            briefs = [finish(c) for c in ctxs]
            for c in ctxs:
                c.doc = None
                c.data.clear()
        return briefs


def _kw(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record.get(k) for k in ("published", "published_source", "title", "url")}


def finish(ctx: Context) -> Brief:
    brief = ctx.brief
    brief.article.repaired_text = ctx.repaired
    if brief.meta is not None and "doc" in ctx.provided:
        brief.meta.model = nlp_mod.model_name()
    return brief


_default: dict[tuple[frozenset[str], float | None], Pipeline] = {}


def get_pipeline(skip: str | Iterable[str] | None = None, time_budget: float | None = None) -> Pipeline:
    key = (parse_skip(skip), time_budget)
    if key not in _default:
        _default[key] = Pipeline(key[0], time_budget)
    return _default[key]


def iter_batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch
