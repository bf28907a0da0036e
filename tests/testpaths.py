"""Paths every test may need: the repo, the bundled example and the shared dev data.

Import these with ``from testpaths import ...`` (``tests/`` is on pytest's
``pythonpath``); ``conftest.py`` files are for fixtures, and their module name
is not unique across folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "border-talks.txt"
EXAMPLE_EXPECTED = REPO / "examples" / "border-talks.expected.json"
EXAMPLE_PUBLISHED = "2025-06-14"
SHARED_EXAMPLE = SHARED / "examples" / "sovereignty-not-for-sale.txt"
SHARED_EXPECTED = SHARED / "examples" / "sovereignty-not-for-sale.expected.json"


def need_shared(path: Path) -> Path:
    """Skip (with a clear reason) when the shared dev data is not beside the repo."""
    if not path.exists():
        pytest.skip(f"shared dev data not found at {path} (it lives in ../shared beside the repo)")
    return path
