"""Fixtures for the store tests (defined in store_helpers.py)."""

from store_helpers import briefs, corpus_dir  # noqa: F401
