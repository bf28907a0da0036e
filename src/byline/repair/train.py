"""Train the truecasing model: ``python -m byline.repair.train [--data DIR] [--out FILE]``.

Reads the dev corpora (``../shared/data/conll2003/eng.train``, ``bbc`` minus
the benchmark's held-back part, ``gum_news``, PolNeAR train, TempEval-3; see
:func:`byline.repair.corpora.training_docs`, which also gives each document its
weight: a document of weight 2 is counted, and noised for the scorers, twice),
counts how each word is cased in
mid-sentence position, alone and next to its neighbours, then fits the two
logistic scorers of :mod:`byline.repair.model` on synthetic damage:

* ``title``: sentences with random Title-Case noise (rate drawn per sentence
  from 10-60 %); label = "this capitalised word was noise";
* ``blind``: the same sentences with the casing thrown away; label = "this
  word was capitalised".

The scorers are *cross-fitted* (5 folds): the statistics used to build one
fold's features are counted on the other folds, so the weights learn how much to trust
counts for words they have not just memorised. The shipped statistics are then
counted on everything. Fixed seeds and sorted output make the file
reproducible byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from byline.repair.casing import is_heading
from byline.repair.corpora import DATA, training_docs
from byline.repair.model import (
    BLIND_FEATURES,
    MODEL_PATH,
    SECOND_FEATURES,
    SUFFIX,
    TITLE_FEATURES,
    Model,
    features,
    logit,
    neighbour_features,
    pack,
)
from byline.repair.tokens import Token, lines

SEED = 13
FOLDS = 5
BIGRAM_MIN = 2
BIGRAM_DELTA = 1.0


CAPS_RUN = 3  # this many ALL-CAPS words in a row are a heading or shouting, not acronyms


def _caps_heavy(toks: list[Token]) -> bool:
    """Mostly ALL CAPS, or holding a run of ``CAPS_RUN`` ALL-CAPS words ("CONTROVERSIES AND
    OTHER GAFFES Three people ..."): such casing is no evidence of how the words are cased."""
    alpha = [t for t in toks if t.alpha]
    if len(alpha) >= 2 and sum(t.shape == "u" for t in alpha) * 2 > len(alpha):
        return True
    run = 0
    for t in alpha:
        run = run + 1 if t.shape == "u" else 0
        if run >= CAPS_RUN:
            return True
    return False


def usable(text: str) -> list[list[Token]]:
    """The sentences of ``text`` whose casing is evidence: not ALL-CAPS, and not on a
    heading line in headline style (Title Case there is a style the repair leaves alone,
    so it must not teach the scorers that "By" or "And" may be capitalised mid-sentence)."""
    return [s.tokens for ln in lines(text) if not is_heading(ln) for s in ln.sentences
            if not _caps_heavy(s.tokens)]


Weighted = list[tuple[list[list[Token]], int]]


def count(docs: Weighted) -> dict:
    """Casing statistics over tokenized documents with their weights (a document of
    weight w counts w times), as a model-file dict (no scorer weights)."""
    uni: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    left: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    leftc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rightc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ucap: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rprop: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lprop: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, w in docs:
        for toks in doc:
            for i, t in enumerate(toks):
                if not t.alpha or t.initial or t.soft:
                    continue
                cls = "ltum".index(t.shape)
                uni[t.key][cls] += w
                cap = 1 if cls else 0
                if cls >= 2:
                    forms[t.key][t.text[: len(t.key)]] += w
                near_cap = False
                if i > 0:
                    p = toks[i - 1]
                    pc = p.shape in "tum" and not p.initial
                    near_cap = pc
                    (leftc if pc else left)[p.key + " " + t.key][cap] += w
                if i + 1 < len(toks):
                    n = toks[i + 1]
                    nc = n.shape in "tum"
                    near_cap = near_cap or nc
                    (rightc if nc else right)[t.key + " " + n.key][cap] += w
                if near_cap:
                    ucap[t.key][cap] += w
                if cap:
                    if i > 0 and (p := toks[i - 1]).alpha and not p.initial and not p.soft:
                        lprop[t.key][1 if p.shape in "tum" else 0] += w
                    if i + 1 < len(toks) and (n := toks[i + 1]).alpha and not n.soft:
                        rprop[t.key][1 if n.shape in "tum" else 0] += w
    out_uni: dict[str, list] = {}
    for k, (lo, ti, up, mx) in uni.items():
        form = ""
        if forms.get(k):
            f, n = forms[k].most_common(1)[0]
            if n >= ti:
                form = f
        out_uni[k] = [lo, ti, up, mx, form]

    def prune(table: dict[str, list[int]], word_of) -> dict[str, list[int]]:
        kept = {}
        for k, (lo, cap) in table.items():
            if lo + cap < BIGRAM_MIN:
                continue
            u = uni[word_of(k)]
            if abs(logit(cap, lo) - logit(u[1] + u[2] + u[3], u[0])) >= BIGRAM_DELTA:
                kept[k] = [lo, cap]
        return kept

    return {
        "format": 0,  # raw counts; pack() makes the shipped format
        "uni": out_uni,
        "suffix": _suffixes(uni),
        "left": prune(left, lambda k: k.split(" ", 1)[1]),
        "right": prune(right, lambda k: k.split(" ", 1)[0]),
        "leftc": prune(leftc, lambda k: k.split(" ", 1)[1]),
        "rightc": prune(rightc, lambda k: k.split(" ", 1)[0]),
        "ucap": {k: v for k, v in ucap.items() if v[0] + v[1] >= BIGRAM_MIN},
        "rprop": {k: v for k, v in rprop.items() if v[0] + v[1] >= BIGRAM_MIN},
        "lprop": {k: v for k, v in lprop.items() if v[0] + v[1] >= BIGRAM_MIN},
        "title": {"w": [0.0] * len(TITLE_FEATURES), "b": 0.0},
        "title2": {"w": [0.0] * len(SECOND_FEATURES), "b": 0.0},
        "blind": {"w": [0.0] * len(BLIND_FEATURES), "b": 0.0},
    }


def _suffixes(uni: dict[str, list[int]]) -> dict[str, list[int]]:
    """Casing of rare words (seen at most 3 times) by their last letters: the
    evidence left for a word the model has never seen."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, (lo, ti, up, mx) in uni.items():
        if lo + ti + up + mx <= 3 and len(k) > SUFFIX and k.isalpha():
            row = table[k[-SUFFIX:]]
            row[0] += lo
            row[1] += ti + up + mx
    return {k: v for k, v in table.items() if v[0] + v[1] >= 3}


def capitalise(t: Token) -> Token:
    text = t.text[:1].upper() + t.text[1:]
    return Token(t.start, t.end, text, t.key, t.initial, t.soft, t.alpha, "t")


def title_noise(toks: list[Token], rate: float, rng: random.Random) -> tuple[list[Token], list[bool]]:
    """Capitalise each lowercase word with probability ``rate``; also say which were."""
    out, noised = [], []
    for t in toks:
        if t.shape == "l" and rng.random() < rate:
            out.append(capitalise(t))
            noised.append(True)
        else:
            out.append(t)
            noised.append(False)
    return out, noised


def examples(model: Model, docs: list[list[list[Token]]], rng: random.Random, noisy_out: list | None = None):
    """Feature rows and labels for both scorers (``noisy_out`` collects the noisy sentences)."""
    tx, ty, bx, by = [], [], [], []
    for doc in docs:
        for toks in doc:
            for i, t in enumerate(toks):
                if t.alpha and not t.initial and not t.soft:
                    bx.append(features(model, toks, i, False))
                    by.append(1 if t.shape != "l" else 0)
            noisy, noised = title_noise(toks, rng.uniform(0.1, 0.6), rng)
            if noisy_out is not None:
                noisy_out.append((noisy, noised))
            for i, t in enumerate(noisy):
                if t.shape == "t" and not t.initial and not t.soft:
                    tx.append(features(model, noisy, i, True))
                    ty.append(1 if noised[i] else 0)
    return tx, ty, bx, by


def second_pass_examples(model: Model, noisy: list[tuple[list[Token], list[bool]]]):
    """Rows for the second-pass scorer: in each noisy sentence the words the first scorer
    calls sure noise (``SURE_P``) are lowered, as at repair time, and the remaining
    capitalised words near one of them are scored again in that cleaner view."""
    from byline.repair.casing import NEAR, SETTLED_HIGH, SETTLED_LOW, SURE_P, _as_lower

    x, y = [], []
    for toks, noised in noisy:
        cands = [i for i, t in enumerate(toks) if t.shape == "t" and not t.initial and not t.soft]
        if not cands:
            continue
        first = {i: model.p_noise(toks, i) for i in cands}
        sure = {i for i in cands if first[i] >= SURE_P}
        if not sure:
            continue
        view = [_as_lower(t) if j in sure else t for j, t in enumerate(toks)]
        for i in cands:
            if i not in sure and SETTLED_LOW < first[i] < SETTLED_HIGH \
                    and any(j in sure for j in range(i - NEAR, i + NEAR + 1)):
                near = (None if i - 1 in sure else first.get(i - 1), None if i + 1 in sure else first.get(i + 1))
                x.append(features(model, view, i, True) + neighbour_features(*near))
                y.append(1 if noised[i] else 0)
    return x, y


def fit(x: list[list[float]], y: list[int]) -> dict:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    clf.fit(x, y)
    return {"w": [round(float(v), 5) for v in clf.coef_[0]], "b": round(float(clf.intercept_[0]), 5)}


def train(data: Path = DATA, log=print) -> dict:
    t0 = time.time()
    raw = training_docs(data)
    weighted = [(usable(d), w) for d, w in raw]
    ntok = sum(len(s) for d, _ in weighted for s in d)
    log(f"{len(weighted)} documents, {ntok:,} tokens ({time.time() - t0:.1f}s)")
    rng = random.Random(SEED)
    tx, ty, bx, by = [], [], [], []
    folds = []
    for fold in range(FOLDS):
        # folds split the documents, never the copies of one (cross-fitting must not see the
        # fold's own words in its statistics); a document of weight w is noised w times
        rest = [dw for j, dw in enumerate(weighted) if j % FOLDS != fold]
        m = Model(pack(count(rest)))
        noisy: list = []
        x1, y1, x2, y2 = examples(m, [d for d, w in weighted[fold::FOLDS] for _ in range(w)], rng, noisy)
        folds.append((m, noisy))
        tx += x1
        ty += y1
        bx += x2
        by += y2
    log(f"title examples {len(tx):,} ({sum(ty):,} noise), blind examples {len(bx):,} ({time.time() - t0:.1f}s)")
    data_out = count(weighted)
    data_out["title"] = fit(tx, ty)
    sx, sy = [], []
    for m, noisy in folds:
        m.title_w, m.title_b = data_out["title"]["w"], data_out["title"]["b"]
        x1, y1 = second_pass_examples(m, noisy)
        sx += x1
        sy += y1
    del folds
    log(f"second-pass examples {len(sx):,} ({sum(sy):,} noise) ({time.time() - t0:.1f}s)")
    data_out["title2"] = fit(sx, sy)
    data_out["blind"] = fit(bx, by)
    data_out = pack(data_out)
    m = Model(data_out)
    log(f"vocabulary {len(m.uni):,}, pairs {len(m.left):,} + {len(m.right):,} + {len(m.leftc):,} + {len(m.rightc):,}")
    log("title weights " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(TITLE_FEATURES, data_out["title"]["w"],
                                                                       strict=True)))
    log("second-pass weights " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(SECOND_FEATURES, data_out["title2"]["w"],
                                                                             strict=True)))
    log("blind weights " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(BLIND_FEATURES, data_out["blind"]["w"],
                                                                       strict=True)))
    log(f"trained in {time.time() - t0:.1f}s")
    return data_out


def save(model: dict, out: Path) -> int:
    blob = json.dumps(model, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = gzip.compress(blob, compresslevel=9, mtime=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(packed)
    return len(packed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m byline.repair.train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    args = ap.parse_args(argv)
    if not (args.data / "conll2003" / "eng.train").exists():
        print(f"training data not found under {args.data}", file=sys.stderr)
        return 2
    model = train(args.data)
    size = save(model, args.out)
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
