"""The typed Python API: ``analyze``, ``analyze_many``, ``repair``."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from byline.errors import BylineError, InputError
from byline.model import Brief
from byline.pipeline import get_pipeline, iter_batches
from byline.repair import Repair
from byline.repair import repair as _repair

Record = str | dict[str, Any]


def analyze(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    published_source: str | None = None,
    skip: str | Iterable[str] | None = None,
    time_budget: float | None = None,
) -> Brief:
    """Analyse one article and return its :class:`~byline.model.Brief`.

    ``time_budget`` (seconds) stops the analysis with a
    :class:`~byline.errors.LimitError` once spent (checked between stages)."""
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}")
    return get_pipeline(skip, time_budget).analyze(
        text, published=published, title=title, url=url, published_source=published_source
    )


def repair(text: str) -> Repair:
    """Repair casing and quote damage; see :class:`byline.repair.Repair`."""
    return _repair(text)


@dataclass
class Result:
    """One record's outcome in a stream: a brief, or the error that stopped it."""

    index: int
    record: dict[str, Any]
    brief: Brief | None = None
    error: str | None = None
    #: what a ``post`` hook of :func:`analyze_stream` made of the brief, in the worker
    extra: Any = None


def normalise_record(rec: Record) -> dict[str, Any]:
    if isinstance(rec, str):
        return {"text": rec}
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError("a record must be a string or a dict with a string 'text'")
    return rec


PostHook = Callable[[Result], Result]

_BatchArgs = tuple[list[tuple[int, Record]], frozenset[str], float | None, PostHook | None]


def _run_batch(args: _BatchArgs) -> list[Result]:
    batch, skip, time_budget, post = args
    pipeline = get_pipeline(skip, time_budget)
    results: list[Result] = []
    good: list[tuple[int, dict[str, Any]]] = []
    for i, rec in batch:
        try:
            good.append((i, normalise_record(rec)))
        except BylineError as e:
            results.append(Result(i, rec if isinstance(rec, dict) else {}, error=str(e)))
    try:
        briefs = pipeline.analyze_batch([r for _, r in good])
        results.extend(Result(i, r, brief=b) for (i, r), b in zip(good, briefs, strict=True))
    except Exception:  # isolate the failing record(s): one at a time
        for i, r in good:
            try:
                results.append(Result(i, r, brief=pipeline.analyze_batch([r])[0]))
            except Exception as e:
                results.append(Result(i, r, error=f"{type(e).__name__}: {e}"))
    results.sort(key=lambda r: r.index)
    if post is not None:
        results = [post(r) if r.brief is not None else r for r in results]
    return results


def _worker_init() -> None:
    """Load the model once per worker. Ctrl-C is left to the parent, which stops
    the pool: a worker interrupted mid-task would leave the pool unable to shut down."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from byline import nlp

    nlp.load()


def analyze_stream(
    records: Iterable[Record],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    skip: str | Iterable[str] | None = None,
    time_budget: float | None = None,
    post: PostHook | None = None,
) -> Iterator[Result]:
    """Analyse a stream of records in order; failures are yielded, not raised.

    With ``n_process > 1`` the records are analysed in that many worker processes
    (each loads the model once); results still come back in input order.
    ``post`` (a module-level function, so it can be sent to a worker) runs on
    each successful result where it was analysed: a caller that needs only
    something derived from the brief (store rows, say) gets it made in parallel
    and shipped back instead of the brief objects."""
    from byline.pipeline import parse_skip

    skip_set = parse_skip(skip)
    batches = ((b, skip_set, time_budget, post)
               for b in iter_batches(enumerate(records), batch_size))  # type: ignore[arg-type]
    if n_process <= 1:
        for args in batches:
            yield from _run_batch(args)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(n_process, initializer=_worker_init, maxtasksperchild=200) as pool:
        for results in pool.imap(_run_batch, batches):
            yield from results


def analyze_many(
    records: Iterable[Record],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    skip: str | Iterable[str] | None = None,
    time_budget: float | None = None,
) -> Iterator[Brief]:
    """Analyse many articles (strings, or dicts with ``text`` and optional ``id``,
    ``title``, ``published``), streaming briefs in input order. Raises
    :class:`~byline.errors.InputError` on the first record that cannot be analysed."""
    for res in analyze_stream(records, n_process=n_process, batch_size=batch_size, skip=skip,
                              time_budget=time_budget):
        if res.brief is None:
            raise InputError(f"record {res.index}: {res.error}")
        yield res.brief
