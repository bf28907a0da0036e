"""``byline ingest``, ``byline query ...`` and ``byline export``: corpora in a SQLite store."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from byline import errors, readers
from byline.store import Store

DB_HELP = "The store file (SQLite); env BYLINE_DB."


def _db_option(default: str = "corpus.db") -> Any:
    return typer.Option(default, "--db", envvar="BYLINE_DB", help=DB_HELP)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    csv = "csv"


# -- output -----------------------------------------------------------------------


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    s = " ".join(str(value).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def emit(rows: list[dict[str, Any]], columns: list[str], *, as_json: bool, as_csv: bool,
         title: str | None = None, empty: str = "no results") -> None:
    """Print query rows as a table (default), a JSON array or CSV."""
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
    if not rows:
        console.print(Text(empty, style="dim"))
        return
    table = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold", max_width=70 if c in ("text", "snippet", "description") else 40)
    for r in rows:
        table.add_row(*[Text(_cell(r.get(c), 300)) for c in columns])
    console.print(table)


def _open(db: str) -> Store:
    return Store(db, create=False)


# -- ingest -------------------------------------------------------------------------


def _run_ingest(paths: list[str], db: str, jobs: int, batch_size: int, skip: str | None,
                max_bytes: int, quiet: bool, limit: int | None, time_budget: float | None = None) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from byline.ingest import Summary, estimate_total, ingest

    if time_budget is not None and time_budget <= 0:
        raise errors.UsageError("--time-budget must be a positive number of seconds")
    if jobs < 0:
        raise errors.UsageError("--jobs must be 0 (one per CPU core) or more")
    if jobs == 0:
        import os

        jobs = os.cpu_count() or 1
    console = Console(stderr=True)
    store = Store(db)
    total = None if quiet else estimate_total(paths)
    if total is not None and limit is not None:
        total = min(total, limit)

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            rate = task.fields.get("rate", 0.0)
            return Text(f"{rate:.1f} articles/s", style="progress.data.speed")

    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), Rate(),
                        TextColumn("dup {task.fields[dup]} · failed {task.fields[failed]}"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                        console=console, disable=quiet, transient=False)
    task = progress.add_task("ingest", total=total, rate=0.0, dup=0, failed=0)

    def update(s: Summary, _total: int | None) -> None:
        progress.update(task, completed=s.seen, rate=s.rate, dup=s.duplicates, failed=s.failed)

    with progress:
        summary = ingest(paths, store, jobs=jobs, batch_size=batch_size, skip=skip, max_bytes=max_bytes,
                         progress=update, total=total, limit=limit, time_budget=time_budget)
    counts = store.count()
    store.close()
    state = "interrupted" if summary.interrupted else "done"
    console.print(
        f"{state}: ingested {summary.ingested:,} in {summary.seconds:.1f}s ({summary.rate:.2f} articles/s), "
        f"skipped {summary.duplicates:,} already stored or duplicate, failed {summary.failed:,}; "
        f"{db} holds {counts:,} articles")
    for source, reason in summary.failures[:5]:
        console.print(f"  failed: {source}: {reason}", markup=False, highlight=False)
    if summary.failed > 5:
        console.print(f"  ... see `byline query errors --db {db}`", markup=False, highlight=False)
    if summary.interrupted:
        console.print("  run the same command again to resume", markup=False)
        return 130
    return 0


# -- export ---------------------------------------------------------------------------


def export(store: Store, outdir: Path, fmt: str, tables_: list[str] | None = None) -> dict[str, int]:
    """Write every shared table (one file each) to ``outdir``; returns rows per table.
    Columns and types are those of :data:`byline.tables.COLUMNS` (the Spark job's layout)."""
    from byline import tables

    names = tables_ or list(tables.TABLES)
    for t in names:
        if t not in tables.COLUMNS:
            raise errors.UsageError(f"unknown table {t!r}; tables are: {', '.join(tables.TABLES)}")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise errors.UsageError(f"{outdir}: cannot create: {e.strerror or e}") from None
    counts: dict[str, int] = {}
    for t in names:
        path = outdir / f"{t}.{fmt}"
        try:
            counts[t] = _WRITERS[fmt](store, t, path)
        except OSError as e:
            raise errors.UsageError(f"{path}: cannot write: {e.strerror or e}") from None
    return counts


def _write_jsonl(store: Store, table: str, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for batch in store.iter_rows(table):
            for r in batch:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += len(batch)
    return n


def _write_csv(store: Store, table: str, path: Path) -> int:
    from byline import tables

    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(tables.COLUMNS[table]))
        w.writeheader()
        for batch in store.iter_rows(table):
            w.writerows(batch)
            n += len(batch)
    return n


def arrow_schema(table: str) -> Any:
    """The Arrow schema of one shared table (int64 / float64 / string columns)."""
    import pyarrow as pa

    from byline import tables

    types = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    return pa.schema([(c, types[tables.column_type(c, table)]) for c in tables.COLUMNS[table]])


def _write_parquet(store: Store, table: str, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in store.iter_rows(table):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}


# -- registration -------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        paths: list[str] = typer.Argument(..., help="Files or directories (.txt .html .json .jsonl .warc[.gz])."),
        db: str = _db_option(),
        jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes (model loaded in each); 0 = one a core."),
        batch_size: int = typer.Option(16, "--batch-size", help="Articles per worker batch."),
        skip: str | None = typer.Option(None, "--skip", help="Stages to switch off, e.g. quotes,claims."),
        max_bytes: int = typer.Option(readers.MAX_BYTES, "--max-bytes", help="Largest input file accepted."),
        limit: int | None = typer.Option(None, "--limit", help="Stop after this many records."),
        time_budget: float | None = typer.Option(
            None, "--time-budget", help="Seconds one article may take before it is recorded as failed."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Analyse every article under PATHS into a store; rerun to resume."""
        code = _run_ingest(paths, db, jobs, batch_size, skip, max_bytes, quiet, limit, time_budget)
        if code:  # interrupted (130); the summary above says so
            raise SystemExit(code)

    @app.command("export")
    def export_cmd(
        outdir: Path = typer.Argument(..., help="Output directory (one file per table)."),
        db: str = _db_option(),
        fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl, parquet or csv."),
        table: list[str] | None = typer.Option(None, "--table", help="Only these tables (repeatable)."),
    ) -> None:
        """Export the store's tables, one file per table (the Spark job's columns)."""
        with _open(db) as store:
            counts = export(store, outdir, fmt.value, table)
        for t, n in counts.items():
            typer.echo(f"{outdir / f'{t}.{fmt.value}'}\t{n} rows", err=True)

    query = typer.Typer(help="Questions across a store's articles.", no_args_is_help=True)
    app.add_typer(query, name="query")

    as_json_opt = typer.Option(False, "--json", help="Print JSON.")
    as_csv_opt = typer.Option(False, "--csv", help="Print CSV.")

    @query.command("search")
    def q_search(
        text: str = typer.Argument(..., help="Words to find (all must occur; stemmed)."),
        db: str = _db_option(),
        quotes: bool = typer.Option(False, "--quotes", help="Search quote text instead of articles."),
        limit: int = typer.Option(20, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Full-text search over article text (or quote text)."""
        with _open(db) as store:
            if quotes:
                rows = store.search_quotes(text, limit=limit)
                cols = ["article_id", "quote_id", "speaker", "text", "title"]
            else:
                rows = store.search(text, limit=limit)
                cols = ["id", "title", "published", "snippet"]
        emit(rows, cols, as_json=as_json, as_csv=as_csv, empty=f"nothing matches {text!r}")

    @query.command("quotes")
    def q_quotes(
        db: str = _db_option(),
        speaker: str | None = typer.Option(None, "--speaker", help="Any form of the speaker's name."),
        article: str | None = typer.Option(None, "--article", help="Only this article (id or prefix)."),
        limit: int = typer.Option(50, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Quotes, by speaker (canonical names merged across articles)."""
        with _open(db) as store:
            rows = store.quotes(speaker=speaker, article_id=article, limit=limit)
        emit(rows, ["speaker", "text", "kind", "title", "article_id", "quote_id"], as_json=as_json,
             as_csv=as_csv, empty="no quotes" + (f" by {speaker!r}" if speaker else ""))

    @query.command("speakers")
    def q_speakers(
        db: str = _db_option(),
        limit: int = typer.Option(30, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Who is quoted most, by number of articles."""
        with _open(db) as store:
            rows = store.speakers(limit=limit)
        emit(rows, ["speaker", "articles", "quotes"], as_json=as_json, as_csv=as_csv, empty="no quoted speakers")

    @query.command("timeline")
    def q_timeline(
        db: str = _db_option(),
        entity: str = typer.Option(..., "--entity", help="Any form of the entity's name."),
        limit: int = typer.Option(200, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Events involving an entity across articles, in date order."""
        with _open(db) as store:
            rows = store.timeline(entity, limit=limit)
        emit(rows, ["date", "description", "title", "published", "article_id", "event_id"], as_json=as_json,
             as_csv=as_csv, empty=f"no events for {entity!r}")

    @query.command("claims")
    def q_claims(
        db: str = _db_option(),
        source_quality: str | None = typer.Option(None, "--source-quality", help="named, vague or none."),
        article: str | None = typer.Option(None, "--article", help="Only this article (id or prefix)."),
        limit: int = typer.Option(100, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Claims, optionally by the quality of their source."""
        with _open(db) as store:
            rows = store.claims(source_quality=source_quality, article_id=article, limit=limit)
        emit(rows, ["text", "source_name", "source_quality", "check_worthiness", "title", "article_id",
                    "claim_id"], as_json=as_json, as_csv=as_csv, empty="no claims")

    @query.command("entities")
    def q_entities(
        db: str = _db_option(),
        type_: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
        limit: int = typer.Option(50, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Canonical entities, by number of articles mentioning them."""
        with _open(db) as store:
            rows = store.entities(type=type_, limit=limit)
        emit(rows, ["name", "type", "articles"], as_json=as_json, as_csv=as_csv, empty="no entities")

    @query.command("articles")
    def q_articles(
        db: str = _db_option(),
        limit: int = typer.Option(50, "--limit", "-n"),
        offset: int = typer.Option(0, "--offset"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Stored articles, in the order they were ingested."""
        with _open(db) as store:
            rows = store.articles(limit=limit, offset=offset)
        emit(rows, ["id", "title", "published", "source", "n_entities", "n_quotes", "n_claims", "n_flags"],
             as_json=as_json, as_csv=as_csv, empty="no articles")

    @query.command("errors")
    def q_errors(
        db: str = _db_option(),
        limit: int = typer.Option(100, "--limit", "-n"),
        as_json: bool = as_json_opt,
        as_csv: bool = as_csv_opt,
    ) -> None:
        """Documents that could not be read or analysed, and why."""
        with _open(db) as store:
            rows = store.errors(limit=limit)
        emit(rows, ["source", "reason", "article_id"], as_json=as_json, as_csv=as_csv, empty="no errors")

    @query.command("article")
    def q_article(
        article_id: str = typer.Argument(..., help="Article id (sha256:... or a unique prefix of the digest)."),
        db: str = _db_option(),
        as_json: bool = typer.Option(False, "--json", help="Print the brief as JSON."),
        fmt: str = typer.Option("markdown", "--format", "-f", help="markdown, text, json or jsonl."),
    ) -> None:
        """Print one stored article's brief."""
        from byline.render import render

        if fmt not in ("markdown", "text", "json", "jsonl"):
            raise errors.UsageError(f"unknown format {fmt!r}; use markdown, text, json or jsonl")
        with _open(db) as store:
            brief = store.article(article_id)
        if brief is None:
            raise errors.InputError(f"no article {article_id!r} in {db}")
        out = render(brief, "json" if as_json else fmt)
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
