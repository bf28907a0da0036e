"""The per-partition analysis, run inside Spark's Python workers.

:func:`analyze_partition` is what ``mapPartitions`` calls. The pipeline (spaCy
and every stage module) is loaded lazily, once per worker process: PySpark
reuses its Python workers between tasks (``spark.python.worker.reuse``, on by
default), so only a worker's first partition pays for loading the model.

Each output item is ``(table, row)``: ``row`` is a tuple in the column order
of :data:`byline.tables.COLUMNS`, values coerced to the column's type so Spark
can check them against the schema. One ``(STATS, ...)`` item per partition
carries its timings for the job summary and the benchmark.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterable, Iterator
from typing import Any

from byline import tables
from byline.pipeline import article_id, iter_batches

#: Tag of the per-partition statistics item (not an output table).
STATS = "_stats"
#: Fields of a statistics item, in order.
STATS_FIELDS = ("partition", "pid", "records", "errors", "load_seconds", "analyze_seconds",
                "max_rss_mb", "rows")
#: Records analysed together (``nlp.pipe`` batch); a failing batch is retried one by one.
BATCH_SIZE = 16

Item = tuple[str, tuple[Any, ...]]


def _coerce(table: str, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = tables.column_type(column, table)
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    return value if isinstance(value, str) else str(value)


def as_tuple(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """``row`` as a tuple in the table's column order, each value of its column's type."""
    return tuple(_coerce(table, c, row.get(c)) for c in tables.COLUMNS[table])


def error_item(rec: dict[str, Any], reason: str) -> Item:
    text = rec.get("text")
    aid = article_id(text) if isinstance(text, str) else None
    return "errors", as_tuple("errors", tables.error_row(rec.get("source"), reason, aid))


def brief_items(brief: Any, source: str | None) -> Iterator[Item]:
    for table, table_rows in tables.rows(brief, source).items():
        for row in table_rows:
            yield table, as_tuple(table, row)


_warm: set[frozenset[str]] = set()


def _load(skip: frozenset[str]) -> float:
    """Load the pipeline in this process, once: spaCy, and every stage (their modules and any
    model they load lazily) by analysing one short sentence. Returns the seconds spent."""
    if skip in _warm:
        return 0.0
    from byline.pipeline import get_pipeline

    t0 = time.perf_counter()
    try:
        get_pipeline(skip).analyze("Byline said on Monday that it was ready.")
    except Exception:  # a broken stage shows up as per-record errors instead
        pass
    _warm.add(skip)
    return time.perf_counter() - t0


def preload(skip: frozenset[str] = frozenset()) -> float:
    """Load the pipeline now (the daemon calls this before forking workers)."""
    return _load(skip)


def analyze_records(records: Iterable[dict[str, Any]], skip: frozenset[str] = frozenset(),
                    batch_size: int = BATCH_SIZE) -> Iterator[Item]:
    """Table rows for every record; reader errors and analysis failures become ``errors`` rows."""
    from byline.api import analyze_stream

    for batch in iter_batches(records, batch_size):
        good = []
        for rec in batch:
            if "error" in rec:
                yield error_item(rec, str(rec["error"]))
            else:
                good.append(rec)
        if not good:
            continue
        for res in analyze_stream(good, n_process=1, batch_size=len(good), skip=skip):
            if res.brief is None:
                yield error_item(res.record, res.error or "analysis failed")
                continue
            try:
                items = list(brief_items(res.brief, res.record.get("source")))
            except Exception as e:  # a brief that does not flatten is that record's error only
                items = [error_item(res.record, f"cannot write the brief as rows: {type(e).__name__}: {e}")]
            yield from items


def analyze_partition(records: Iterable[dict[str, Any]], skip: frozenset[str] = frozenset(),
                      batch_size: int = BATCH_SIZE) -> Iterator[Item]:
    """What ``mapPartitions`` runs: rows for the partition's records, then one stats item."""
    from pyspark import TaskContext

    ctx = TaskContext.get()
    partition = ctx.partitionId() if ctx is not None else -1
    load_seconds = _load(skip)
    t0 = time.perf_counter()
    counts: dict[str, int] = dict.fromkeys(tables.TABLES, 0)
    for table, row in analyze_records(records, skip, batch_size):
        counts[table] += 1
        yield table, row
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    yield STATS, (partition, os.getpid(), counts["articles"], counts["errors"], float(load_seconds),
                  time.perf_counter() - t0, float(rss), json.dumps(counts))
