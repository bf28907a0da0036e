"""Byline on Apache Spark: the local analysis, scaled out over a cluster.

The job reads JSONL and WARC/WARC.gz files (or text files listing them, local
or any Hadoop-readable URI), analyses each record with the ordinary Byline
pipeline inside ``mapPartitions`` (loaded once per Python worker process) and
writes one Parquet table per entry of :data:`byline.tables.COLUMNS`, with the
same columns as ``byline export --format parquet``. A record that cannot be
read or analysed becomes a row of the ``errors`` table; it never stops the job.

Modules: :mod:`~byline.spark.inputs` (what to read, and reading it on a worker),
:mod:`~byline.spark.worker` (the per-partition analysis),
:mod:`~byline.spark.job` (the session, the dataflow and the Parquet output) and
:mod:`~byline.spark.submit` (the entry file for ``spark-submit``).
PySpark is an optional extra: ``pip install byline[spark]``.
"""

from __future__ import annotations

from byline.spark.job import JobResult, run_job, session

__all__ = ["JobResult", "run_job", "session"]
