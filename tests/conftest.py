"""Shared test fixtures: paths to the repo, the bundled example and the shared dev data."""

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


@pytest.fixture(scope="session")
def shared_example() -> Path:
    return need_shared(SHARED_EXAMPLE)


@pytest.fixture(scope="session")
def shared_expected() -> Path:
    return need_shared(SHARED_EXPECTED)


@pytest.fixture(scope="session")
def example_brief():
    """The bundled example, analysed once per test session."""
    import byline

    return byline.analyze(EXAMPLE.read_text(encoding="utf-8"), published=EXAMPLE_PUBLISHED)


@pytest.fixture(scope="session")
def shared_brief(shared_example):
    import byline

    return byline.analyze(shared_example.read_text(encoding="utf-8"), published="2025-05-03")
