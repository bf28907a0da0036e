"""Quality gate: a fast subset of every benchmark, checked against pinned floors.

    .venv/bin/python bench/gate.py            # check; exit 1 when a metric is below its floor
    .venv/bin/python bench/gate.py --write    # print the floors the current figures would pin

Each check runs a small, fixed slice of the dev data (the same slice every run,
so figures are exactly repeatable) through the same code as the full benchmark
in ``bench/`` and compares each metric with ``bench/floors.json``. Quality
only: nothing here times anything. ``make test`` runs it; CI fails when a
metric drops. Raising a floor is a normal commit; lowering one needs a reason
in the commit message.

Without ``../shared`` (the dev data) the data-backed checks are skipped with a
note; the bundled example's check still runs.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

SHARED = ROOT.parent / "shared"
FLOORS = BENCH / "floors.json"

Metrics = dict[str, float]


def check_repair() -> Metrics:
    """Truecasing on the first 200 CoNLL testa documents (bench/repair.py)."""
    import repair as rb
    from byline.repair.corpora import DATA, conll_docs

    docs = [t for t, _ in list(conll_docs(DATA / "conll2003" / "eng.testa"))[:200]]
    rng = random.Random(rb.SEED)
    noisy, _ = rb.run_system("byline", [(g, rb.title_noise(g, rb.NOISE, rng)) for g in docs])
    lower, _ = rb.run_system("byline", [(g, rb.lower_text(g)) for g in docs])
    clean, _ = rb.run_system("byline", [(g, g) for g in docs])
    return {
        "title_noise_f1": noisy["f1"],
        "title_noise_damage_pct": -noisy["damage"],  # negated: higher is better everywhere
        "lowercased_f1": lower["f1"],
        "clean_changed_pct": -clean["changed"],
    }


def check_entities() -> Metrics:
    """NER F1 on 60 CoNLL testa documents, clean and noisy-then-repaired (bench/entities.py)."""
    import entities as eb

    rows, _ = eb.bench_ner(60)
    got = {(cond, name): f for cond, name, _p, _r, f in rows}
    return {
        "ner_f1_clean": got[("clean", "Byline entities")],
        "ner_f1_noise_repaired": got[("noise, then repaired", "Byline entities")],
    }


def check_quotes() -> Metrics:
    """Attribution on the first 16 PolNeAR dev articles (bench/quotes.py)."""
    import quotes as qb
    from byline.pipeline import Pipeline
    from byline.quotes import polnear, score

    arts = polnear.load("dev", limit=16)
    pipe = Pipeline()
    total: dict = {}
    for k in range(0, len(arts), 8):
        chunk = arts[k : k + 8]
        for art, brief in zip(chunk, pipe.analyze_batch([{"text": a.text} for a in chunk]), strict=True):
            words = score.Words(art.text)
            gold = score.items(words, [(a.content, a.cue, a.source) for a in art.attributions])
            pred, _extra = qb.byline_items(brief, words)
            score.merge(total, score.score(pred, gold))
    return {f"{name}_f1": total[name]["all"].f for name in ("content_exact", "content_overlap", "cue", "source")}


def check_quantities() -> Metrics:
    """Value and value+unit F1 on the Recognizers-Text Number/NumberWithUnit specs (bench/quantities.py)."""
    import quantities as nb

    total, units = nb.Score(), nb.Score()
    for name, rel in nb.SPECS:
        cases = nb.load_spec(name, rel)
        if cases is None:
            continue
        s = nb.run_system(cases, lambda t, n=name: nb.byline_items(n, t), name)
        total.add(s)
        if name != "Number":
            units.add(s)
    return {"value_f1": total.value_f1, "value_unit_f1": units.unit_f1}


def check_timex() -> Metrics:
    """Relaxed span and value F1 on the first 30 TBAQ documents (bench/timex.py)."""
    import timex as tb

    docs = [tb.load_doc(p) for p in tb.tbaq_files(30)]
    preds, _ = tb.byline_preds(docs)
    scores, _ = tb.score_tbaq(docs, preds, False, None)
    return {"relaxed_span_f1": scores["relaxed_f1"], "value_f1": scores["value_f1"]}


def _expected(text_path: Path, expected_path: Path, published: str) -> Metrics:
    import byline
    import expected as harness

    brief = byline.analyze(text_path.read_text(encoding="utf-8"), published=published).to_dict()
    secs = harness.score(brief, json.loads(expected_path.read_text(encoding="utf-8")))
    out = {f"{name}_recall": s.recall for name, s in secs.items() if name != "not_quotes"}
    out["quote_precision"] = secs["quotes"].precision
    out["noise_quotes_reported"] = -float(secs["not_quotes"].predicted)
    for attr in ("speaker", "kind"):
        right, checked = secs["quotes"].attrs.get(attr, [0, 0])
        out[f"quote_{attr}_accuracy"] = right / checked if checked else 0.0
    return out


def check_bundled_example() -> Metrics:
    """The bundled example against its expected brief (bench/expected.py)."""
    return _expected(ROOT / "examples" / "border-talks.txt", ROOT / "examples" / "border-talks.expected.json",
                     "2025-06-14")


def check_shared_example() -> Metrics:
    """The shared example article against the editor's expected brief."""
    return _expected(SHARED / "examples" / "sovereignty-not-for-sale.txt",
                     SHARED / "examples" / "sovereignty-not-for-sale.expected.json", "2025-05-03")


CHECKS: dict[str, tuple[Callable[[], Metrics], Path | None]] = {
    "bundled_example": (check_bundled_example, None),
    "shared_example": (check_shared_example, SHARED / "examples"),
    "repair": (check_repair, SHARED / "data" / "conll2003"),
    "entities": (check_entities, SHARED / "data" / "conll2003"),
    "quotes": (check_quotes, SHARED / "data" / "polnear"),
    "quantities": (check_quantities, SHARED / "data" / "recognizers_specs"),
    "timex": (check_timex, SHARED / "data" / "tempeval3"),
}


def run(only: list[str] | None = None) -> dict[str, Metrics | None]:
    results: dict[str, Metrics | None] = {}
    for name, (fn, needs) in CHECKS.items():
        if only and name not in only:
            continue
        if needs is not None and not needs.exists():
            print(f"gate: {name}: skipped, dev data not found at {needs}", flush=True)
            results[name] = None
            continue
        t0 = time.perf_counter()
        results[name] = {k: round(float(v), 4) for k, v in fn().items()}
        print(f"gate: {name}: {len(results[name])} metrics in {time.perf_counter() - t0:.0f} s", flush=True)
    return results


def compare(results: dict[str, Metrics | None], floors: dict[str, Metrics]) -> list[str]:
    """One line per metric below its floor (or missing)."""
    failures = []
    for check, metrics in floors.items():
        got = results.get(check)
        if got is None:
            continue  # not run (skipped or filtered)
        for metric, floor in metrics.items():
            value = got.get(metric)
            if value is None or math.isnan(value):
                failures.append(f"{check}.{metric}: missing (floor {floor})")
            elif value < floor - 1e-9:
                failures.append(f"{check}.{metric}: {value} is below its floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated checks to run: " + ", ".join(CHECKS))
    ap.add_argument("--write", action="store_true", help="write the current figures to bench/floors.json")
    args = ap.parse_args(argv)
    only = args.only.split(",") if args.only else None
    results = run(only)
    table = [f"{'check.metric':<44} {'value':>9} {'floor':>9}"]
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    for check, metrics in results.items():
        for metric, value in (metrics or {}).items():
            floor = floors.get(check, {}).get(metric)
            table.append(f"{check + '.' + metric:<44} {value:>9.4f} {'' if floor is None else f'{floor:9.4f}':>9}")
    print("\n".join(table))
    if args.write:
        merged = {**floors, **{k: v for k, v in results.items() if v is not None}}
        FLOORS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"gate: wrote {FLOORS}")
        return 0
    failures = compare(results, floors)
    for line in failures:
        print(f"gate: FAIL {line}")
    checked = sum(len(m) for c, m in floors.items() if results.get(c) is not None)
    print(f"gate: {checked - len(failures)} of {checked} metrics at or above their floors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
