"""Session fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from testpaths import EXAMPLE, EXAMPLE_PUBLISHED, SHARED_EXAMPLE, SHARED_EXPECTED, need_shared


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
