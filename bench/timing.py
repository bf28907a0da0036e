"""Timing for the benchmarks that compare Byline with raw spaCy in the same run."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable


def best_of(rounds: int, *runs: Callable[[], object]) -> list[float]:
    """Wall-clock seconds of each of ``runs``, timed in turn ``rounds`` times over, the best
    of each kept: on a shared machine the fastest run is the one least disturbed by other
    jobs, and alternating keeps both sides under the same conditions."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for k, run in enumerate(runs):
            t0 = time.perf_counter()
            run()
            best[k] = min(best[k], time.perf_counter() - t0)
    return best


def drain(items: Iterable[object]) -> None:
    """Consume an iterator (``nlp.pipe`` does its work lazily)."""
    for _ in items:
        pass
