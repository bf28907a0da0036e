"""Long articles: time and peak memory of a whole analysis at 10 KB, 100 KB, 1 MB and 5 MB.

    .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000,5000000]

Texts are made by joining BBC dev articles (../shared/data/bbc) with blank lines
until the size is reached, so they read like a long transcript of news. Each
size runs in a fresh process (peak RSS is that process's ru_maxrss); the
script prints a table and writes docs/benchmarks/scale.md with the per-KB cost,
which stays flat when time and memory grow linearly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "bbc"

CHILD = r"""
import json, resource, sys, time
sys.setrecursionlimit(10000)
import byline
from byline import nlp
nlp.load()
byline.analyze("Warm up. Mayor Jane Doe said “hello” on Monday.", published="2005-03-01")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter()
brief = byline.analyze(text, published="2005-03-01")
secs = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"chars": len(text), "seconds": secs, "peak_mb": peak / 1024, "base_mb": base / 1024,
                  "quotes": len(brief.quotes), "entities": len(brief.entities), "claims": len(brief.claims)}))
"""


def make_text(size: int) -> str:
    files = sorted(BBC.glob("*/*.txt"))
    if not files:
        sys.exit(f"BBC dev data not found under {BBC}")
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        t = files[i % len(files)].read_text(encoding="utf-8", errors="replace").strip()
        parts.append(t)
        total += len(t) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000,5000000")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "scale.md")
    args = ap.parse_args()
    rows = []
    tmp = REPO / "bench" / "out"
    tmp.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        path = tmp / f"scale-{size}.txt"
        path.write_text(make_text(size), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r["ms_per_kb"] = 1000 * r["seconds"] / (r["chars"] / 1000)
        r["extra_mb"] = r["peak_mb"] - r["base_mb"]
        rows.append(r)
        print(f"{r['chars']:>9,} chars  {r['seconds']:8.1f} s  {r['ms_per_kb']:7.1f} ms/KB  "
              f"peak {r['peak_mb']:7.0f} MB (+{r['extra_mb']:.0f} MB over the loaded model)", flush=True)
    lines = [
        "# Long articles: time and memory",
        "",
        f"`.venv/bin/python bench/scale.py --sizes {args.sizes}` — {dt.date.today()}, 2 cores, whole `analyze` "
        "(all stages), BBC dev articles joined with blank lines; one fresh process per size.",
        "",
        "| size (chars) | seconds | ms per KB | peak RSS (MB) | above the loaded model (MB) | quotes | entities |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['chars']:,} | {r['seconds']:.1f} | {r['ms_per_kb']:.1f} | {r['peak_mb']:.0f} | "
                     f"{r['extra_mb']:.0f} | {r['quotes']} | {r['entities']} |")
    if len(rows) > 1:
        lo, hi = rows[0], rows[-1]
        lines += ["", f"Time per KB at the largest size is {hi['ms_per_kb'] / lo['ms_per_kb']:.2f}x that at the "
                  f"smallest (1.00 = perfectly linear); memory above the model grows "
                  f"{hi['extra_mb'] / max(lo['extra_mb'], 1):.1f}x for {hi['chars'] / lo['chars']:.0f}x the text."]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
