"""The Spark job: a session, the dataflow, and one Parquet table per output table.

Dataflow (in the style of commoncrawl's cc-pyspark): the input files are
distributed one a task; each task reads its file's records with
:mod:`byline.readers`; one shuffle, keyed by article id, drops repeated texts
(the first in input order is kept, as ``byline ingest`` does) and spreads the
records over the partitions wanted; then
``mapPartitions`` runs :func:`byline.spark.worker.analyze_partition`, which
yields ``(table, row)`` items. Those are cached once, as one wide DataFrame,
and written table by table (concurrent jobs, JVM only; about one file per
:data:`ROWS_PER_FILE` rows) under ``OUTPUT/<table>/`` with the Arrow-friendly schema of
:mod:`byline.tables` (text columns as strings, ``int`` as 64-bit integers,
``float`` as doubles), so the files hold the same columns as
``byline export --format parquet``.

PySpark is imported lazily, so the rest of Byline works without it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from byline import errors, tables
from byline.pipeline import article_id, parse_skip
from byline.spark import inputs as inputs_mod
from byline.spark import worker

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

#: Spark 4 runs on Java 17 or newer.
MIN_JAVA = 17
#: Default partitions per core when there are fewer files than that: records are spread by
#: a hash of their id, so a few partitions per core even out the load.
DEFAULT_TASKS_PER_CORE = 2
#: Rows per Parquet file, about: a table gets ceil(rows / this) files, at most one a partition.
ROWS_PER_FILE = 50_000
#: Output tables, in the order they are written.
OUTPUT_TABLES: tuple[str, ...] = tables.TABLES

#: Spark's Python daemon, replaced by one that loads the pipeline before forking workers.
DAEMON_KEY = "spark.python.daemon.module"
DAEMON_MODULE = "byline.spark.daemon"

def java_problem() -> str | None:
    """Why Spark cannot start here (no Java, or one older than 17), or None when it can."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        return errors.java_missing().message
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError) as e:
        return errors.java_unrunnable(java, e).message
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if m:
        major = int(m.group(2)) if m.group(1) == "1" and m.group(2) else int(m.group(1))
        if major < MIN_JAVA:
            return errors.java_too_old(java, major, MIN_JAVA).message
    return None


def under_spark_submit() -> bool:
    """True when this Python was started by ``spark-submit`` (it then owns the master URL)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def active_session() -> SparkSession | None:
    """The Spark session already running in this process, if any (None without PySpark)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def session(master: str | None = None, app_name: str = "byline",
            conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session whose Python workers run this interpreter (so they import Byline).

    ``PYSPARK_PYTHON`` is set to ``sys.executable`` unless already set (on YARN or
    Kubernetes it names the shipped environment's Python instead). ``master``
    defaults to ``local[*]`` outside ``spark-submit``. The Python daemon is
    :mod:`byline.spark.daemon` (pipeline loaded before workers fork) unless
    ``conf`` names another ``spark.python.daemon.module``.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise errors.UsageError(errors.PYSPARK_MISSING) from None
    if not under_spark_submit():
        problem = java_problem()
        if problem:
            raise errors.UsageError(problem)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not under_spark_submit():
        builder = builder.master("local[*]")
    settings = {DAEMON_KEY: DAEMON_MODULE, **(conf or {})}
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as e:  # the JVM did not start: a setup problem, said in one line
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise errors.spark_not_started(first) from None


def spark_schema(table: str) -> StructType:
    """The Spark schema of an output table: every column nullable, typed as in :mod:`byline.tables`."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {int: LongType(), float: DoubleType(), str: StringType()}
    return StructType([StructField(c, types[tables.column_type(c, table)], True)
                       for c in tables.COLUMNS[table]])


@dataclass
class JobResult:
    """What a run wrote: rows per table, per-partition statistics and timings."""

    output: str
    files: int
    partitions: int
    counts: dict[str, int]
    stats: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.counts.get("articles", 0)

    @property
    def errors(self) -> int:
        return self.counts.get("errors", 0)


def _table_path(output: str, table: str) -> str:
    return output.rstrip("/") + "/" + table


def _existing_tables(spark: SparkSession, output: str) -> list[str]:
    """Output tables already present under ``output`` (any Hadoop file system)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found = []
    for table in OUTPUT_TABLES:
        path = jvm.org.apache.hadoop.fs.Path(_table_path(output, table))
        if path.getFileSystem(conf).exists(path):
            found.append(table)
    return found


def _remote_exists(spark: SparkSession, uri: str) -> bool:
    """Whether a Hadoop path (or glob) matches anything."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    try:
        found = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).globStatus(path)
    except Exception:  # no file system for the scheme, no access, ...
        return False
    return found is not None and len(found) > 0


def _read_remote_list(spark: SparkSession, uri: str) -> bytes:
    pairs = spark.sparkContext.binaryFiles(uri).take(1)
    if not pairs:
        raise errors.not_found(uri)
    return bytes(pairs[0][1])


_SLOTS = (*OUTPUT_TABLES, worker.STATS)


def wide_schema() -> StructType:
    """``table`` (the item's table name), then one nullable struct column per table."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    stats_types = {"partition": LongType(), "pid": LongType(), "records": LongType(), "errors": LongType(),
                   "rows": StringType()}
    stats = StructType([StructField(f, stats_types.get(f, DoubleType()), True) for f in worker.STATS_FIELDS])
    fields = [StructField("table", StringType(), False)]
    fields += [StructField(t, spark_schema(t), True) for t in OUTPUT_TABLES]
    fields.append(StructField(worker.STATS, stats, True))
    return StructType(fields)


def _wide(item: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    table, row = item
    return (table, *(row if slot == table else None for slot in _SLOTS))


Numbered = tuple[tuple[int, str, int], dict[str, Any]]


def _read_local_numbered(item: tuple[int, str], max_bytes: int) -> Iterator[Numbered]:
    i, path = item
    for j, rec in enumerate(inputs_mod.read_local(path, max_bytes)):
        yield (i, path, j), rec


def _read_remote_numbered(item: tuple[str, bytes], order: dict[str, int]) -> Iterator[Numbered]:
    path, data = item
    i = order.get(path, len(order))
    for j, rec in enumerate(inputs_mod.read_remote(path, data)):
        yield (i, path, j), rec


def _dedup_key(item: Numbered) -> Any:
    """Records with the same text share a key (the article id); others are unique."""
    rec = item[1]
    text = rec.get("text")
    if "error" in rec or not isinstance(text, str):
        return ("error", *item[0])
    return article_id(text)


def _first(a: Numbered, b: Numbered) -> Numbered:
    return a if a[0] <= b[0] else b


def _record(pair: tuple[Any, Numbered]) -> dict[str, Any]:
    return pair[1][1]


def run_job(
    spark: SparkSession,
    paths: Iterable[str],
    output: str,
    *,
    partitions: int | None = None,
    skip: str | Iterable[str] | None = None,
    overwrite: bool = False,
    max_bytes: int = inputs_mod.MAX_FILE_BYTES,
    batch_size: int = worker.BATCH_SIZE,
) -> JobResult:
    """Analyse every record under ``paths`` and write the Parquet tables under ``output``."""
    from pyspark import StorageLevel

    skip_set = parse_skip(skip)
    if partitions is not None and partitions < 1:
        raise errors.bad_partitions()
    paths = [str(p) for p in paths]
    if not paths:
        raise errors.no_inputs()
    existing = _existing_tables(spark, output)
    if existing and not overwrite:
        raise errors.output_exists(str(output), existing)
    found = inputs_mod.expand(paths, read_remote=partial(_read_remote_list, spark))
    sc = spark.sparkContext
    target = partitions or max(found.files, DEFAULT_TASKS_PER_CORE * sc.defaultParallelism)
    t0 = time.perf_counter()

    parts = []
    if found.local:
        numbered = list(enumerate(found.local))
        parts.append(sc.parallelize(numbered, len(numbered))
                     .flatMap(partial(_read_local_numbered, max_bytes=max_bytes)))
    missing = [p for p in found.remote if not _remote_exists(spark, p)]
    remote = [p for p in found.remote if p not in missing]
    if missing:  # binaryFiles would fail the whole job on a path that is not there
        parts.append(sc.parallelize(
            [((len(found.local) + found.remote.index(p), p, 0), {"error": str(errors.not_found(p)), "source": p})
             for p in missing], 1))
    if remote:
        order = {p: len(found.local) + found.remote.index(p) for p in remote}
        parts.append(sc.binaryFiles(",".join(remote), len(remote))
                     .flatMap(partial(_read_remote_numbered, order=order)))
    records = sc.union(parts) if len(parts) > 1 else parts[0] if parts else sc.parallelize([], 1)
    # One shuffle both spreads the records over the partitions and keeps the first of
    # each set of identical texts (in input order), as ``byline ingest`` does.
    records = (records.keyBy(_dedup_key).reduceByKey(_first, numPartitions=target)
               .map(_record))
    items = records.mapPartitions(partial(worker.analyze_partition, skip=skip_set, batch_size=batch_size))
    # One wide DataFrame: the item's table name, then one struct column per table (only
    # the item's own is set). Python runs once, while it is cached; every table is then
    # written from the cache by the JVM alone.
    wide = spark.createDataFrame(items.map(_wide), wide_schema())
    wide.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # The first action computes (and caches) everything; its result is the statistics,
        # including the rows each table will get.
        stats = [tuple(r) for r in wide.where(wide.table == worker.STATS).select(f"{worker.STATS}.*").collect()]
        counts = dict.fromkeys(OUTPUT_TABLES, 0)
        for st in stats:
            for table, n in json.loads(st[worker.STATS_FIELDS.index("rows")]).items():
                counts[table] += n
        mode = "overwrite" if overwrite else "errorifexists"

        def write(table: str) -> None:
            files = max(1, min(target, -(-counts[table] // ROWS_PER_FILE)))
            (wide.where(wide.table == table).select(f"`{table}`.*").coalesce(files)
             .write.mode(mode).parquet(_table_path(output, table)))

        # The tables are written by concurrent jobs over the cache: each is small, so
        # running them together hides Spark's per-job scheduling latency.
        with ThreadPoolExecutor(max_workers=len(OUTPUT_TABLES)) as pool:
            list(pool.map(write, OUTPUT_TABLES))
    finally:
        wide.unpersist()
    seconds = time.perf_counter() - t0
    return JobResult(
        output=output, files=found.files, partitions=target,
        counts=counts,
        stats=[dict(zip(worker.STATS_FIELDS, s, strict=True)) for s in sorted(stats)],
        seconds=seconds,
    )
