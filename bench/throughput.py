"""Whole-analysis throughput against raw spaCy, with each stage's share.

    .venv/bin/python bench/throughput.py [--limit 30] [--rounds 2]

On the first ``--limit`` PolNeAR dev articles, in one process and one core:
raw ``nlp.pipe`` with the same model, then ``Pipeline.analyze_batch`` (all
stages, batches of 16), interleaved, best of ``--rounds``; every stage's own
time is summed from a timed wrapper on a separate pass. Writes
docs/benchmarks/throughput.md.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import sys
import time
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from byline import nlp as nlp_mod  # noqa: E402
from byline import pipeline as P  # noqa: E402
from byline.quotes import polnear  # noqa: E402
from timing import best_of, drain  # noqa: E402

OUT = ROOT / "docs" / "benchmarks" / "throughput.md"


def batches(pipe: P.Pipeline, texts: list[str]) -> None:
    for k in range(0, len(texts), 16):
        pipe.analyze_batch([{"text": t} for t in texts[k : k + 16]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    if not polnear.available():
        print("PolNeAR dev data not found; nothing to measure")
        return 2
    texts = [a.text for a in polnear.load("dev", limit=args.limit)]
    nlp = nlp_mod.load()
    pipe = P.Pipeline()
    batches(pipe, texts[:1])
    raw, full = best_of(args.rounds, lambda: drain(nlp.pipe(texts, batch_size=16)), lambda: batches(pipe, texts))

    spent: collections.Counter[str] = collections.Counter()
    plain = P.Stage.runner

    def timed(self: P.Stage):  # type: ignore[no-untyped-def]
        fn = plain(self)

        def run(ctx, _fn=fn, _name=self.name):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            _fn(ctx)
            spent[_name] += time.perf_counter() - t

        return run

    P.Stage.runner = timed  # type: ignore[method-assign]
    try:
        timed_pipe = P.Pipeline()
        batches(timed_pipe, texts[:1])
        spent.clear()
        batches(timed_pipe, texts)
    finally:
        P.Stage.runner = plain  # type: ignore[method-assign]

    n = len(texts)
    lines = [
        "# Throughput: whole analysis against raw spaCy",
        "",
        f"`.venv/bin/python bench/throughput.py --limit {args.limit} --rounds {args.rounds}` — {dt.date.today()}, "
        f"first {n} PolNeAR dev articles ({sum(map(len, texts)):,} characters), one process, model "
        f"{nlp_mod.model_name()}; best of {args.rounds} interleaved rounds.",
        "",
        "| | seconds | articles/s |",
        "|---|---:|---:|",
        f"| raw spaCy `nlp.pipe` | {raw:.2f} | {n / raw:.2f} |",
        f"| Byline `analyze` (all stages) | {full:.2f} | {n / full:.2f} |",
        f"| **ratio** | | **{raw / full:.2f}x** (target >= 0.6x) |",
        "",
        "Each stage's own time (separate pass; the parse stage's time is inside `nlp.pipe` above):",
        "",
        "| stage | seconds | share of the raw parse |",
        "|---|---:|---:|",
    ]
    for name, secs in spent.most_common():
        if name != "parse":
            lines.append(f"| {name} | {secs:.2f} | {100 * secs / raw:.1f} % |")
    text = "\n".join(lines) + "\n"
    print(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
