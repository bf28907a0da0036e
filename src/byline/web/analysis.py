"""``POST /api/analyze``: the request body, and running the pipeline in a worker
thread under the per-request time limit.

The answer is the :class:`~byline.model.Brief` itself (``brief.to_dict()``), the
same JSON as ``byline analyze --format json``: the server derives nothing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from byline import errors as messages
from byline import readers
from byline.api import analyze
from byline.errors import InputError, LimitError
from byline.model import Brief
from byline.pipeline import parse_published


class AnalyzeRequest(BaseModel):
    """One article: its ``text`` or its ``html`` (main text extracted), and
    optionally its publication date and title."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text.")
    html: str | None = Field(default=None, description="The article as an HTML page.")
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.",
                                  examples=["2025-06-14"])
    title: str | None = Field(default=None, description="Article title.")
    url: str | None = Field(default=None, description="Where the article came from.")


def _clean(text: str) -> str:
    """Lone surrogates (valid in JSON, not in UTF-8) become U+FFFD, one code point
    for one, so every offset stays the same."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def to_record(req: AnalyzeRequest) -> dict[str, Any]:
    """The request as a reader record (``text``, ``title``, ``published``, ...)."""
    has_text = isinstance(req.text, str) and req.text.strip() != ""
    has_html = isinstance(req.html, str) and req.html.strip() != ""
    if has_text == has_html:
        raise InputError(messages.TEXT_OR_HTML)
    body = req.text if has_text else req.html
    assert body is not None
    if "\x00" in body:
        raise InputError(messages.NUL_IN_TEXT)
    obj: dict[str, Any] = {"text": _clean(body)} if has_text else {"html": _clean(body)}
    for key in ("published", "title", "url"):
        value = getattr(req, key)
        if isinstance(value, str) and value.strip():
            obj[key] = _clean(value.strip())
    rec = readers.from_obj(obj, "request")
    if rec.get("published"):
        rec["published"] = parse_published(rec["published"])  # a bad date: clear 400 before any work
    return rec


def run_analysis(rec: dict[str, Any], time_budget: float | None = None) -> Brief:
    """The brief for one record; ``time_budget`` makes the pipeline itself stop
    (between stages) once the time is spent, freeing the worker thread."""
    return analyze(
        rec["text"],
        published=rec.get("published"),
        published_source=rec.get("published_source"),
        title=rec.get("title"),
        url=rec.get("url"),
        time_budget=time_budget,
    )


class Analyzer:
    """Runs analyses on a small pool of worker threads, each under a time limit.

    A thread cannot be stopped from outside: an analysis that passes the limit
    is answered with 504 at once; the pipeline, given the same limit as its
    time budget, stops by itself at the next stage boundary and its result is
    discarded. The pool's size bounds how many analyses run at a time; time a
    request spends waiting for a free worker counts against its limit.
    """

    def __init__(self, timeout: float, workers: int = 2):
        self.timeout = timeout
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers,
                                                          thread_name_prefix="byline-analyze")

    async def __call__(self, rec: dict[str, Any]) -> Brief:
        """The brief for ``rec``; raises :class:`TimeoutError` past the limit."""
        started = time.monotonic()
        future = self.pool.submit(run_analysis, rec, self.timeout)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()  # still queued: never starts
            raise
        except LimitError:
            if time.monotonic() - started >= self.timeout:  # the pipeline's own time budget ran out
                raise TimeoutError from None
            raise

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
