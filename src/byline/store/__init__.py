"""Corpora: many briefs in one embedded SQLite store, with full-text search and
queries across articles. See :class:`Store`; ``byline ingest`` fills one
(:mod:`byline.ingest`)."""

from byline.store.canon import Canon, name_key, typed_key
from byline.store.core import Store, date_sort_key, fts_query
from byline.store.schema import LATEST as STORE_SCHEMA_VERSION

__all__ = ["STORE_SCHEMA_VERSION", "Canon", "Store", "date_sort_key", "fts_query", "name_key", "typed_key"]
