"""``byline spark``: the analysis as an Apache Spark job, written as Parquet tables."""

from __future__ import annotations

import sys

import typer

from byline import errors
from byline.spark import inputs


def _conf(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in pairs or []:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            raise errors.UsageError(f"--conf expects KEY=VALUE, not {p!r}")
        out[key.strip()] = value.strip()
    return out


def register(app: typer.Typer) -> None:
    @app.command()
    def spark(
        paths: list[str] = typer.Argument(
            ..., metavar="INPUT...",
            help="JSONL or WARC/WARC.gz files, folders of them, or text files listing their paths "
                 "(local or Hadoop URIs: hdfs://, s3a://, ...)."),
        output: str = typer.Option(..., "--output", "-o", help="Folder (or URI) for the Parquet tables."),
        master: str | None = typer.Option(
            None, "--master", help="Spark master URL (default local[*]; under spark-submit, its own)."),
        partitions: int | None = typer.Option(
            None, "--partitions", help="Partitions to analyse in (default: files, or 2 per core if more)."),
        skip: str | None = typer.Option(None, "--skip", help="Stages to switch off, e.g. quotes,claims."),
        overwrite: bool = typer.Option(False, "--overwrite", help="Replace tables already in --output."),
        max_bytes: int = typer.Option(inputs.MAX_FILE_BYTES, "--max-bytes",
                                      help="Largest JSONL file one task reads whole."),
        conf: list[str] | None = typer.Option(None, "--conf", help="Extra Spark setting KEY=VALUE (repeatable)."),
    ) -> None:
        """Analyse a corpus on Apache Spark and write Parquet tables (articles, entities, ..., errors)."""
        from byline.pipeline import parse_skip
        from byline.spark.job import active_session, run_job, session

        parse_skip(skip)  # usage and input errors before Spark starts
        inputs.check_listings(paths)
        settings = {"spark.ui.showConsoleProgress": "false", **_conf(conf)}
        had_session = active_session() is not None
        spark_session = session(master, conf=settings)
        try:
            result = run_job(spark_session, paths, output, partitions=partitions, skip=skip,
                             overwrite=overwrite, max_bytes=max_bytes)
        finally:
            if not had_session:  # a session this command started (not a caller's) ends with it
                spark_session.stop()
        rate = result.articles / result.seconds if result.seconds else 0.0
        summary = ", ".join(f"{t} {n}" for t, n in result.counts.items())
        sys.stderr.write(
            f"byline spark: {result.files} file(s), {result.partitions} partition(s), "
            f"{result.seconds:.1f} s ({rate:.2f} articles/s)\n"
            f"byline spark: wrote {result.output}: {summary}\n")
