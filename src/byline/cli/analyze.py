"""``byline analyze``, ``byline schema`` and ``byline repair``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from byline import errors, readers
from byline.api import analyze as analyze_text
from byline.model import json_schema_text
from byline.render import render


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    text = "text"


def read_input(path: str, max_bytes: int) -> dict[str, Any]:
    if path == "-":
        return readers.read_stdin(sys.stdin.buffer.read(max_bytes + 1), max_bytes)
    return readers.read_one(path, max_bytes)


def write_output(text: str, output: Path | None) -> None:
    from byline.nlp import safe_text

    text = safe_text(text)  # lone surrogates (kept in JSON as escapes) cannot be printed as UTF-8
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as e:
        raise errors.UsageError(f"{output}: cannot write: {e.strerror or e}") from None


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        path: str = typer.Argument(..., help="Article file (.txt, .html, .json, .jsonl) or - for stdin."),
        published: str | None = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD."),
        title: str | None = typer.Option(None, "--title", help="Article title."),
        fmt: Format = typer.Option(Format.markdown, "--format", "-f", help="Output format."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE."),
        skip: str | None = typer.Option(None, "--skip", help="Stages to switch off, e.g. quotes,claims."),
        max_bytes: int = typer.Option(readers.MAX_BYTES, "--max-bytes", help="Largest input accepted."),
        time_budget: float | None = typer.Option(
            None, "--time-budget", help="Stop the analysis after this many seconds.", min=0.0
        ),
    ) -> None:
        """Analyse one article and print its brief."""
        rec = read_input(path, max_bytes)
        if "error" in rec:
            raise errors.InputError(rec["error"])
        brief = analyze_text(
            rec["text"],
            published=published or rec.get("published"),
            published_source="given" if published else rec.get("published_source"),
            title=title or rec.get("title"),
            url=rec.get("url"),
            skip=skip,
            time_budget=time_budget,
        )
        write_output(render(brief, fmt.value), output)

    @app.command()
    def schema(
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE."),
    ) -> None:
        """Print the JSON Schema of a brief."""
        write_output(json_schema_text(), output)

    @app.command("repair")
    def repair_cmd(
        path: str = typer.Argument(..., help="Text file or - for stdin."),
        diff: bool = typer.Option(False, "--diff", help="List the changes instead of the text."),
        max_bytes: int = typer.Option(readers.MAX_BYTES, "--max-bytes"),
    ) -> None:
        """Print the repaired text (or, with --diff, the changes)."""
        from byline.repair import repair

        rec = read_input(path, max_bytes)
        r = repair(rec["text"])
        if not diff:
            write_output(r.text, None)
            return
        lines = [
            f"{c.start}:{c.end}\t{c.kind}\t{c.original!r} -> {c.replacement!r}" for c in r.changes
        ]
        write_output("\n".join(lines) if lines else "(no changes)", None)
