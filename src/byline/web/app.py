"""The FastAPI application: the HTTP API and the page that shows a brief.

Every answer about an article is the :class:`~byline.model.Brief` JSON itself
(``brief.to_dict()``), the same as ``byline analyze --format json``; the page
renders that JSON in the browser, inserting all text as text (never as HTML),
under a strict Content-Security-Policy. Nothing is loaded from other hosts.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from byline import __version__
from byline import errors as messages
from byline.errors import BylineError, LimitError, ModelMissingError, StoreError, UsageError
from byline.model import Brief
from byline.render import markdown
from byline.web.analysis import Analyzer, AnalyzeRequest, to_record
from byline.web.corpus import Corpus
from byline.web.limits import SecurityHeaders, SizeLimit

#: Default largest request body (bytes) and time for one analysis (seconds).
MAX_BYTES = 5_000_000
TIMEOUT = 60.0

PAGES = ("index", "corpus", "speaker", "article")

_HERE = resources.files("byline.web")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"status": status, "message": message}})


def _status(err: BylineError) -> int:
    if isinstance(err, LimitError):
        return 413
    if isinstance(err, UsageError):
        return 400
    if isinstance(err, ModelMissingError | StoreError):
        return 503
    return 422


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return messages.bad_request("the body is not valid JSON")
    for e in exc.errors()[:3]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return messages.bad_request("; ".join(parts) or "invalid body")


#: Each page's title and its own script; its ``<main>`` is ``templates/NAME.html``, set in ``templates/layout.html``.
_PAGES = {"index": ("who said what", "analyze"), "corpus": ("corpus", "corpus"),
          "speaker": ("speaker", "corpus"), "article": ("stored article", "corpus")}


def _page(name: str, corpus: bool) -> str:
    title, script = _PAGES[name]
    html = (_HERE / "templates" / "layout.html").read_text(encoding="utf-8")
    fill = {"title": title, "script": script, "corpus": "1" if corpus else "", "page": name,
            "current:index": ' aria-current="page"' if name == "index" else "",
            "current:corpus": ' aria-current="page"' if name == "corpus" else ""}
    for key, value in fill.items():
        html = html.replace("{{" + key + "}}", value)
    main = (_HERE / "templates" / f"{name}.html").read_text(encoding="utf-8")
    return html.replace("{{main}}", main.rstrip("\n"), 1)


def _markdown_response(brief: Brief) -> PlainTextResponse:
    name = brief.article.id.replace(":", "-")
    return PlainTextResponse(markdown(brief), media_type="text/markdown; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{name}.md"'})


def create_app(db: str | Path | None = None, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT,
               workers: int = 2) -> FastAPI:
    """The web application. ``db``: a corpus database for the corpus endpoints
    and pages; ``max_bytes``: the largest request body accepted (else 413);
    ``timeout``: seconds one analysis may take (else 504)."""
    corpus = Corpus(db) if db is not None else None
    analyzer = Analyzer(timeout=timeout, workers=workers)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        analyzer.close()
        if corpus is not None:
            corpus.close()

    app = FastAPI(
        title="Byline",
        version=__version__,
        description="Who said what, about whom, when, and on what evidence: briefs for English "
                    "news articles. Every article answer is a Brief (see `GET /openapi.json`).",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.corpus = corpus
    app.state.analyzer = analyzer

    # -- errors: always JSON with a message -------------------------------------
    @app.exception_handler(BylineError)
    async def _byline_error(_: Request, exc: BylineError) -> JSONResponse:
        return _error(_status(exc), exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = messages.no_route(request.url.path)
        return _error(exc.status_code, detail)

    @app.exception_handler(TimeoutError)
    async def _timeout(_: Request, exc: TimeoutError) -> JSONResponse:
        return _error(504, messages.request_timed_out(timeout))

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, messages.internal_error(exc))

    def need_corpus() -> Corpus:
        if corpus is None:
            raise StarletteHTTPException(404, messages.NO_CORPUS)
        return corpus

    # -- API --------------------------------------------------------------------
    @app.get("/api/info", tags=["server"])
    def info() -> dict[str, Any]:
        """Server version, limits, and whether a corpus is open."""
        return {"byline_version": __version__, "corpus": corpus is not None,
                "max_bytes": max_bytes, "timeout": timeout}

    @app.post("/api/analyze", tags=["analysis"], response_model=Brief,
              responses={413: {"description": "Body over the size limit"},
                         422: {"description": "Unusable input"},
                         504: {"description": "Analysis over the time limit"}})
    async def api_analyze(req: AnalyzeRequest) -> JSONResponse:
        """Analyse one article (``text`` or ``html``) and answer its Brief."""
        brief = await analyzer(to_record(req))
        return JSONResponse(brief.to_dict())

    @app.post("/api/markdown", tags=["analysis"], response_class=PlainTextResponse)
    def api_markdown(brief: Annotated[Brief, Body()]) -> PlainTextResponse:
        """A brief (as answered by the API) rendered as the editor's markdown brief."""
        return _markdown_response(brief)

    @app.get("/api/articles", tags=["corpus"])
    def api_articles(limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                     offset: Annotated[int, Query(ge=0)] = 0) -> Any:
        """Stored articles, a page at a time."""
        return need_corpus().articles(limit, offset)

    @app.get("/api/articles/{article_id}", tags=["corpus"], response_model=Brief)
    def api_article(article_id: str,
                    format: Annotated[str, Query(pattern="^(json|markdown)$")] = "json") -> Response:
        """One stored article's Brief (``format=markdown`` for the markdown brief)."""
        brief = need_corpus().article(article_id)
        if brief is None:
            raise StarletteHTTPException(404, messages.no_article(article_id))
        if format == "markdown":
            return _markdown_response(brief)
        return JSONResponse(brief.to_dict())

    @app.get("/api/quotes", tags=["corpus"])
    def api_quotes(speaker: str | None = None, limit: Annotated[int, Query(ge=1, le=5000)] = 200,
                   offset: Annotated[int, Query(ge=0)] = 0) -> Any:
        """Stored quotes in article order, optionally those of one speaker (any written
        form of the name: the store merges them across articles)."""
        return need_corpus().quotes(speaker or None, limit, offset)

    @app.get("/api/search", tags=["corpus"])
    def api_search(q: Annotated[str, Query(min_length=1, max_length=500)],
                   limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                   offset: Annotated[int, Query(ge=0)] = 0) -> Any:
        """Full-text search over stored articles (every word must match), best first."""
        return need_corpus().search(q, limit, offset)

    @app.get("/api/speakers", tags=["corpus"])
    def api_speakers(limit: Annotated[int, Query(ge=1, le=5000)] = 200,
                     offset: Annotated[int, Query(ge=0)] = 0) -> Any:
        """Speakers in the corpus (canonical names), most quoted first."""
        return need_corpus().speakers(limit, offset)

    # -- pages ------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(_page("index", corpus is not None))

    @app.get("/corpus", include_in_schema=False)
    def corpus_page() -> HTMLResponse:
        need_corpus()
        return HTMLResponse(_page("corpus", True))

    @app.get("/speaker", include_in_schema=False)
    def speaker_page() -> HTMLResponse:
        need_corpus()
        return HTMLResponse(_page("speaker", True))

    @app.get("/article/{article_id}", include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        need_corpus()
        return HTMLResponse(_page("article", True))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((_HERE / "templates" / "docs.html").read_text(encoding="utf-8"))

    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    docs_static = _docs_static()
    if docs_static is not None:
        app.mount("/docs-static", StaticFiles(directory=str(docs_static)), name="docs-static")

    app.add_middleware(SizeLimit, max_bytes=max_bytes)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)  # type: ignore[arg-type]
    return app


def _docs_static() -> Path | None:
    """Swagger UI's files, shipped by the ``fastapi-offline`` package (no CDN)."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if path.is_dir() else None


__all__ = ["MAX_BYTES", "PAGES", "TIMEOUT", "create_app"]
