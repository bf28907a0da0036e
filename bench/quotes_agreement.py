"""How far PolNeAR's own annotators agree: the ceiling for the quotes figures.

Run: ``.venv/bin/python bench/quotes_agreement.py``. Writes ``docs/benchmarks/quotes_agreement.md``.

PolNeAR's six annotators each annotated a few of the same articles to check their
agreement: 16 in ``train`` and 2 in ``dev`` (``polnear.load_shared``). On those
articles this scores, with exactly the measures of ``bench/quotes.py``
(``byline.quotes.score``):

* **annotator against annotator**: every annotator's attributions taken as the
  prediction against every other annotator's as the gold (all ordered pairs);
* **consensus of the others against an annotator** (leave one out): the
  attributions a majority of the *other* annotators agree on (:func:`consensus`)
  against the one left out. A system that learned the annotators' shared
  conventions perfectly, and nothing of one annotator's own habits, would score
  about this against a single annotator's gold — which is what PolNeAR dev and
  test give;
* **Byline against each annotator**, on the 2 ``dev`` articles only (the ``train``
  ones were seen in training), beside the annotators on the same two articles.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
from collections import Counter
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from byline.quotes import polnear, score  # noqa: E402

OUT = ROOT / "docs" / "benchmarks" / "quotes_agreement.md"
MEASURES = [("content_exact", "content, exact"), ("content_overlap", "content, overlap >= 50 %"),
            ("cue", "cue"), ("source", "source span")]
TARGETS = {"content_exact": 0.78, "content_overlap": 0.88, "cue": 0.80, "source": 0.86}

Tally = dict[str, dict[str, score.PRF]]


def _overlap(a: frozenset[int], b: frozenset[int]) -> bool:
    inter = len(a & b)
    return bool(inter) and inter >= 0.5 * max(len(a), len(b))


def consensus(others: list[list[score.Item]]) -> list[score.Item]:
    """The attributions a strict majority of ``others`` (one item list per annotator) agree on.

    Distinct content word sets are taken in order of how many annotators gave
    exactly that set, then how many gave one overlapping it (the overlap measure
    of ``score``), then by their words. A set is kept when a strict majority of
    the annotators gave an overlapping content and it shares no word with a set
    already kept (PolNeAR gives each word to one attribution). Its cue and source
    are the ones given most often with the overlapping contents (ties: the
    earliest words).
    """
    need = len(others) // 2 + 1
    exact: Counter[frozenset[int]] = Counter()
    quoted: dict[frozenset[int], bool] = {}
    for its in others:
        for it in its:
            quoted.setdefault(it.content, it.quoted)
        exact.update({it.content for it in its})

    def support(c: frozenset[int]) -> int:
        return sum(any(_overlap(c, it.content) for it in its) for its in others)

    sup = {c: support(c) for c in exact}
    kept: list[score.Item] = []
    taken: set[int] = set()
    for c in sorted(exact, key=lambda c: (-exact[c], -sup[c], sorted(c))):
        if sup[c] < need or c & taken:
            continue
        cues: Counter[frozenset[int]] = Counter()
        sources: Counter[frozenset[int]] = Counter()
        for its in others:
            for it in its:
                if _overlap(c, it.content):
                    cues[it.cue] += 1
                    sources[it.source] += 1

        def top(cnt: Counter[frozenset[int]]) -> frozenset[int]:
            return min(cnt, key=lambda s: (-cnt[s], sorted(s)))

        kept.append(score.Item(c, top(cues), top(sources), quoted[c]))
        taken |= c
    return kept


def annotator_items(art: polnear.SharedArticle) -> dict[str, list[score.Item]]:
    words = score.Words(art.text)
    return {who: score.items(words, [(a.content, a.cue, a.source) for a in attrs])
            for who, attrs in art.annotators.items()}


def article_agreement(art: polnear.SharedArticle) -> tuple[Tally, Tally]:
    """One article's (annotator vs annotator over all ordered pairs, consensus of the others vs each annotator)."""
    pairwise: Tally = {}
    loo: Tally = {}
    sets = list(annotator_items(art).values())
    for i, gold in enumerate(sets):
        others = sets[:i] + sets[i + 1:]
        for pred in others:
            score.merge(pairwise, score.score(pred, gold))
        score.merge(loo, score.score(consensus(others), gold))
    return pairwise, loo


def pool(per: list[tuple[Tally, Tally]]) -> tuple[Tally, Tally]:
    """Per-article tallies summed (as ``score.merge`` pools articles)."""
    pairwise: Tally = {}
    loo: Tally = {}
    for p, c in per:
        score.merge(pairwise, p)
        score.merge(loo, c)
    return pairwise, loo


def agreement(arts: list[polnear.SharedArticle]) -> tuple[Tally, Tally]:
    """(annotator vs annotator over all ordered pairs, consensus of the others vs each annotator), pooled."""
    return pool([article_agreement(a) for a in arts])


def bootstrap(per: list[tuple[Tally, Tally]], resamples: int = 2000, seed: int = 13
              ) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Article-level bootstrap of the pooled F1s (all split): 2.5 %, 97.5 % and the share >= target.

    ``per``: each article's tallies (:func:`article_agreement`). Articles are
    resampled with replacement (the agreement varies mostly from article to
    article), the counts pooled as in :func:`pool`.
    """
    import random

    rng = random.Random(seed)
    draws: dict[str, dict[str, list[float]]] = {k: {m: [] for m, _ in MEASURES} for k in ("pairwise", "consensus")}
    for _ in range(resamples):
        pick = [per[rng.randrange(len(per))] for _ in per]
        for k, pooled in zip(("pairwise", "consensus"), pool(pick), strict=True):
            for m, _ in MEASURES:
                draws[k][m].append(pooled[m]["all"].f)
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    for k, ms in draws.items():
        out[k] = {}
        for m, xs in ms.items():
            xs.sort()
            out[k][m] = (xs[int(0.025 * len(xs))], xs[int(0.975 * len(xs)) - 1],
                         sum(x >= TARGETS[m] for x in xs) / len(xs))
    return out


def byline_against(arts: list[polnear.SharedArticle]) -> Tally:
    """Byline's attributions against each annotator of each article."""
    from byline.pipeline import Pipeline
    from quotes import byline_items

    out: Tally = {}
    briefs = Pipeline().analyze_batch([{"text": a.text} for a in arts])
    for art, brief in zip(arts, briefs, strict=True):
        pred, _ = byline_items(brief, score.Words(art.text))
        for gold in annotator_items(art).values():
            score.merge(out, score.score(pred, gold))
    return out


def per_article(arts: list[polnear.SharedArticle], per: list[tuple[Tally, Tally]]) -> list[str]:
    """Table rows: each article's annotation batch, annotators, attributions and exact agreement."""
    meta_path = polnear.DEFAULT_ROOT / "metadata.tsv"
    level: dict[str, str] = {}
    if meta_path.is_file():
        with meta_path.open(encoding="utf-8", newline="") as fh:
            level = {r["filename"]: r.get("level", "") for r in csv.DictReader(fh, delimiter="\t")}
    rows = []
    for art, (pairwise, _) in zip(arts, per, strict=True):
        sizes = [len(a) for a in art.annotators.values()]
        rows.append(f"| {art.name} | {level.get(art.name, '?')} | {len(sizes)} | {min(sizes)}–{max(sizes)} "
                    f"| {_f(pairwise, 'content_exact')} | {_f(pairwise, 'content_overlap')} |")
    return rows


def _f(t: Tally, m: str, split: str = "all") -> str:
    return f"{t[m][split].f:.3f}"


def render(rows: list[tuple[str, Tally]], dev_rows: list[tuple[str, Tally]], n_train: int, n_dev: int,
           n_annotations: int, article_rows: list[str],
           boot: dict[str, dict[str, tuple[float, float, float]]]) -> list[str]:
    lines = [
        "# Quotes: how far PolNeAR's annotators agree", "",
        "Command: `.venv/bin/python bench/quotes_agreement.py`  ",
        f"Date: {dt.date.today().isoformat()}  ",
        f"Data: the PolNeAR v1.0.0 articles that several annotators annotated ({n_train} in `train`, "
        f"{n_dev} in `dev`; {n_annotations} annotations), scored with the measures of "
        "[quotes.md](quotes.md) (`byline.quotes.score`). F1 per measure; *quoted* / *unquoted* as there.", "",
        "## All shared articles", "",
        "| measure | split | " + " | ".join(name for name, _ in rows) + " | issue target |",
        "|---|---|" + "---|" * len(rows) + "---|",
    ]
    for m, label in MEASURES:
        for split in score.SPLITS:
            target = f"{TARGETS[m]:.2f}" if split == "all" else ""
            lines.append(f"| {label} | {split} | " + " | ".join(_f(t, m, split) for _, t in rows)
                         + f" | {target} |")
    lines += [
        "", "Article-level bootstrap (2,000 resamples of the shared articles): 95 % interval of the pooled "
        "F1, and the share of resamples that reach the issue's target.", "",
        "| measure | annotator vs annotator | consensus of the others vs annotator | target |",
        "|---|---|---|---|",
    ]
    for m, label in MEASURES:
        cells = [f"{lo:.3f}–{hi:.3f} ({share:.0%} >= target)"
                 for lo, hi, share in (boot["pairwise"][m], boot["consensus"][m])]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {TARGETS[m]:.2f} |")
    lines += [
        "", f"## The {n_dev} `dev` articles, with Byline", "",
        "Byline's attributions against each annotator's, beside the annotators on the same articles "
        "(the `train` ones are left out: Byline was trained on one annotator's file of each).", "",
        "| measure | " + " | ".join(name for name, _ in dev_rows) + " |",
        "|---|" + "---|" * len(dev_rows),
    ]
    for m, label in MEASURES:
        lines.append(f"| {label} | " + " | ".join(_f(t, m) for _, t in dev_rows) + " |")
    lines += [
        "", "## Per article (annotator vs annotator)", "",
        "The annotation batch (`level` in PolNeAR's metadata) tells when the article was annotated; "
        "dev and test articles were annotated in every batch (levels 0 to 23), like these.", "",
        "| article | batch | annotators | attributions each | content exact | content overlap |",
        "|---|---|---|---|---|---|",
        *article_rows,
        "", "## Reading", "",
        "* PolNeAR dev and test give one annotator's file per article, so a system is scored against "
        "one annotator's choices. *Annotator vs annotator* is how well another trained annotator "
        "does at that; *consensus of the others* is how well the majority view of the other "
        "annotators does, which removes each annotator's own slips and habits from the prediction "
        "side and so estimates what a system that learned the shared conventions perfectly would "
        "score.",
        "* Where these figures sit below the issue's targets, the targets ask a system to match one "
        "annotator more closely than PolNeAR's other annotators, or their majority, do.",
        "* The consensus is one reasonable construction (strict majority of overlapping contents; "
        "the commonest exact content, cue and source; see `consensus` in the script); the shared "
        "articles are few and agreement varies widely from one to the next (the bootstrap above "
        "shows how much that leaves uncertain); 16 of them are in `train`.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-byline", action="store_true", help="skip running Byline on the dev articles")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if not polnear.available():
        print(f"PolNeAR not found at {polnear.DEFAULT_ROOT}; nothing to measure.")
        return 2
    train, dev = polnear.load_shared("train"), polnear.load_shared("dev")
    per = [article_agreement(a) for a in train + dev]
    pairwise, loo = pool(per)
    dev_pair, dev_loo = pool(per[len(train):])
    dev_rows = [("annotator vs annotator", dev_pair), ("consensus of the others vs annotator", dev_loo)]
    if not args.no_byline:
        dev_rows.append(("Byline vs annotator", byline_against(dev)))
    lines = render([("annotator vs annotator", pairwise), ("consensus of the others vs annotator", loo)],
                   dev_rows, len(train), len(dev), sum(len(a.annotators) for a in train + dev),
                   per_article(train + dev, per), bootstrap(per))
    print("\n".join(lines))
    if not args.no_write and not args.no_byline:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
