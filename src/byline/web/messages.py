"""The user-facing messages of the web server and HTTP API.

They complement :mod:`byline.errors` (whose messages the API passes on as they
are) with the few that only an HTTP server has: size and time limits, routes
that need a corpus, unknown ids.
"""

from __future__ import annotations

BAD_CONTENT_LENGTH = "invalid Content-Length header"
TEXT_OR_HTML = "send exactly one of 'text' or 'html' (a non-empty string)"
NO_CORPUS = "no corpus is open: start the server with `byline serve --db corpus.db`"
NUL_IN_TEXT = "request: the text contains NUL characters: looks like binary data, not text or HTML"
NOT_A_BRIEF = "the body is not a valid brief"


def too_large(size: int, limit: int, *, streamed: bool = False) -> str:
    """``size``: the declared length, or (``streamed``) the bytes read when the limit was passed."""
    what = f"more than {size:,} bytes" if streamed else f"{size:,} bytes"
    return f"request body is {what}, over the {limit:,}-byte limit (start the server with a larger --max-bytes)"


def timed_out(seconds: float) -> str:
    return (f"analysis took longer than the time limit ({seconds:g} s) "
            "(send a shorter article, or start the server with a larger --timeout)")


def no_article(article_id: str) -> str:
    return f"no article with id {article_id!r} in the corpus"


def no_route(path: str) -> str:
    return f"no such page or endpoint: {path}"


def bad_request(detail: str) -> str:
    return f"invalid request: {detail}"


def internal(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"
