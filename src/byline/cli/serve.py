"""``byline serve``: the web page and HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from byline import errors


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Path | None = typer.Option(None, "--db", help="Corpus database for the corpus view and API."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        max_bytes: int = typer.Option(5_000_000, "--max-bytes", min=1, help="Largest request body accepted."),
        timeout: float = typer.Option(60.0, "--timeout", min=0.001, help="Seconds one analysis may take."),
        workers: int = typer.Option(2, "--workers", min=1, max=32, help="Analyses run at once."),
    ) -> None:
        """Serve the web page and the HTTP API (OpenAPI docs at /docs)."""
        import uvicorn

        from byline import nlp
        from byline.pipeline import get_pipeline
        from byline.web import create_app

        if db is not None and not db.is_file():
            raise errors.UsageError(f"{db}: no such corpus database (build one with `byline ingest`)")
        web_app = create_app(db=db, max_bytes=max_bytes, timeout=timeout, workers=workers)
        nlp.load()  # load the model and warm the stages before the first request, not during it
        get_pipeline(None, timeout).warm_up()
        if host not in ("127.0.0.1", "localhost", "::1"):
            sys.stderr.write(f"byline: warning: listening on {host}: reachable from other machines\n")
        sys.stderr.write(f"byline: serving on http://{'[' + host + ']' if ':' in host else host}:{port}/\n")
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
