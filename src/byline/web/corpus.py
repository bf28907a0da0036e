"""The corpus endpoints' access to the SQLite store (``byline serve --db``).

The store owns the schema and the queries (:class:`byline.store.Store`, safe
to share between threads); this module opens it once, refusing a missing
file, and hands its answers on. Stored articles are answered with their
stored Brief, never re-derived.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from byline.model import Brief


class Corpus:
    """A view of one corpus database for the HTTP API."""

    def __init__(self, path: str | Path):
        from byline.store import Store

        self.path = Path(path)
        self.store = Store(self.path, create=False)

    def close(self) -> None:
        self.store.close()

    def articles(self, limit: int, offset: int) -> list[dict[str, Any]]:
        return self.store.articles(limit=limit, offset=offset)

    def article(self, article_id: str) -> Brief | None:
        return self.store.article(article_id)

    def search(self, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
        return self.store.search(q, limit=limit, offset=offset)

    def quotes(self, speaker: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        return self.store.quotes(speaker=speaker, limit=limit, offset=offset)

    def speakers(self, limit: int, offset: int) -> list[dict[str, Any]]:
        return self.store.speakers(limit=limit, offset=offset)
