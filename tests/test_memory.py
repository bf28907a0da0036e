"""Flat memory: 5,000 articles through ``analyze_many`` in one process.

Each article brings new words (names, numbers), so without spaCy memory zones
the StringStore alone grows by about 2 KB an article (about 10 MB here); with
them resident memory stays flat. The bound is well under that growth."""

from __future__ import annotations

import os

import pytest

import byline

N = 5_000
BOUND_MB = 4.0


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def articles(n: int):
    for i in range(n):
        yield (
            f"Zorblax{i} Quentwhistle{i * 7} said on Monday that the Frobnitz{i} council would spend "
            f"${i}m. “We Will Not Stop,” Mayor Okafor{i} Said."
        )


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_resident_memory_stays_flat_over_5000_articles():
    seen = {}
    for i, brief in enumerate(byline.analyze_many(articles(N), batch_size=32)):
        assert brief.article.text.startswith(f"Zorblax{i} ")
        if i in (500, N - 1):
            seen[i] = rss_mb()
    growth = seen[N - 1] - seen[500]
    assert growth < BOUND_MB, f"resident memory grew {growth:.1f} MB over {N - 500} articles"
