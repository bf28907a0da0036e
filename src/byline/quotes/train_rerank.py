"""Train the content-boundary reranker (:mod:`byline.quotes.rerank`) on PolNeAR train.

    nice -n 10 .venv/bin/python -m byline.quotes.train_rerank [--limit N] [--c 1.0] [--margin M] [--tune]
        [--out FILE]

Each train article is tagged by the cross-fitted CRF of
:func:`byline.quotes.train_cues.fold_taggers` that did not see it (the same
cached fold CRFs the cue-centred second stage learns from, with that stage on
top, as at run time), so the reranker learns from the kind of edges the tagger
gets wrong on unseen text. Every predicted attribution that shares words with a
gold one is a group: its start alternatives are labelled right when their first
word is the gold content's first word, its end alternatives when their last
word is the gold's last word. Groups with no right alternative, or more than
one, are left out. Two conditional logits (a softmax over each group's
alternatives, the original included; L2 penalty; L-BFGS from zero weights, so
deterministic) are fitted and their weights written as JSON.

The margin by which an alternative must beat the original edge, and ``C``, were
chosen on PolNeAR **dev** (``--tune`` prints content F1 of the shipped tagger's
attributions at several margins; nothing else is tuned on dev). Also run at the
end of ``python -m byline.quotes.train``. About a minute on cached parses and
fold CRFs (training the two fold CRFs, when not cached, takes about 10 more).
"""

from __future__ import annotations

import argparse
import copy
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from byline.quotes import corpus, cues, polnear, rerank, score, tagger, train, train_cues

#: Inverse strength of the L2 penalty (chosen on dev with ``--tune`` runs at a few values).
C = 1.0
#: Features seen fewer times than this in the training alternatives are left out (rare words overfit).
MIN_COUNT = 3
#: Margin an alternative edge must win by, chosen on PolNeAR dev (``--tune``).
MARGIN = 0.0


def _token_words(doc: Doc, words: score.Words) -> list[tuple[int, int] | None]:
    """Per token, the first and last word id (``\\w+`` run of the article) it holds, or None."""
    out: list[tuple[int, int] | None] = []
    for t in doc:
        ids = words.of([(t.idx, t.idx + len(t))])
        out.append((min(ids), max(ids)) if ids else None)
    return out


def groups(pairs: list[tuple[polnear.Article, Doc]], taggers: list[tagger.Tagger]):
    """``(start candidates, end candidates)`` with labels, for every predicted attribution that
    overlaps a gold one: lists of ``(features, label)``. Article ``k`` is tagged by
    ``taggers[k % len(taggers)]``, which did not see it."""
    for k, (art, doc) in enumerate(pairs):
        t = taggers[k % len(taggers)]
        attrs, quoted, marg = t.tag_crf(doc, text=art.text)
        attrs = cues.extend(doc, attrs, t.lexicon, quoted, marginals=marg)
        words = score.Words(art.text)
        gold = [g for g in (words.of(a.content) for a in art.attributions) if g]
        tw = _token_words(doc, words)
        c = rerank._ctx(doc, quoted, marg)
        c.own(attrs)
        for a in attrs:
            if not a.content:
                continue
            p = words.of(train.char_pieces(doc, a.content))
            best = max(gold, key=lambda g: len(p & g) / len(p | g), default=None)
            if best is None or not p & best:
                continue
            starts, ends = rerank.candidates(doc, a, c)
            lo, hi = min(best), max(best)
            w0 = c.first_word(a.content[0][0])
            w1 = c.last_word(a.content[-1][1])
            sg = [(f, int(tw[s] is not None and tw[s][0] == lo), s == w0) for s, f in starts.items()]
            eg = [(f, int(tw[e] is not None and tw[e][1] == hi), e == w1) for e, f in ends.items()]
            yield sg, eg


def fit_choice(groups: list[list[tuple[list[str], int, bool]]], c: float, min_count: int = MIN_COUNT,
               ) -> dict[str, float]:
    """A conditional logit (softmax over each group's alternatives, original included) with an L2
    penalty ``1 / (2c)``, fitted by L-BFGS from zero weights (deterministic). Groups with no right
    alternative, or more than one, are left out: they say nothing about which to pick."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    groups = [g for g in groups if len(g) >= 2 and sum(y for _, y, _ in g) == 1]
    seen = Counter(name for g in groups for f, _, _ in g for name in set(f))
    # columns in sorted order: the fit must not depend on the order features come in (string hashing)
    vocab = {name: k for k, name in enumerate(sorted(name for name, m in seen.items() if m >= min_count))}
    rows, cols, target, bounds = [], [], [], [0]
    n = 0
    for g in groups:
        for f, y, _ in g:
            for k in {vocab[name] for name in f if name in vocab}:
                rows.append(n)
                cols.append(k)
            if y:
                target.append(n)
            n += 1
        bounds.append(n)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    starts = np.array(bounds[:-1])
    sizes = np.diff(np.array(bounds))
    gid = np.repeat(np.arange(len(sizes)), sizes)
    tgt = np.array(target)
    print(f"  {len(sizes)} groups, {n} alternatives, {len(vocab)} features", flush=True)

    def loss(w):
        z = x @ w
        zmax = np.maximum.reduceat(z, starts)
        ez = np.exp(z - zmax[gid])
        norm = np.add.reduceat(ez, starts)
        p = ez / norm[gid]
        nll = -(z[tgt] - zmax - np.log(norm)).sum() + 0.5 / c * (w @ w)
        r = p.copy()
        r[tgt] -= 1.0
        return nll, x.T @ r + w / c

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    names = sorted(vocab, key=vocab.get)
    return {k: round(float(v), 4) for k, v in zip(names, res.x, strict=True) if abs(v) >= 1e-3}


def fit(pairs: list[tuple[polnear.Article, Doc]], c: float = C) -> tuple[dict[str, float], dict[str, float]]:
    """Start and end weights from the cross-fitted predictions on ``pairs``."""
    sg: list[list[tuple[list[str], int, bool]]] = []
    eg: list[list[tuple[list[str], int, bool]]] = []
    for s, e in groups(pairs, train_cues.fold_taggers(pairs)):
        sg.append(s)
        eg.append(e)
    right_start = sum(any(y and o for _, y, o in g) for g in sg)
    right_end = sum(any(y and o for _, y, o in g) for g in eg)
    print(f"{len(sg)} predicted attributions share words with a gold one; the original start is right in "
          f"{right_start}, the end in {right_end}", flush=True)
    print("starts:", flush=True)
    start = fit_choice(sg, c)
    print("ends:", flush=True)
    return start, fit_choice(eg, c)


def evaluate(model: rerank.Model | None, margins: list[float], pairs: list[tuple[polnear.Article, Doc]],
             ) -> dict[float, dict[str, dict[str, score.PRF]]]:
    """Content figures of the shipped tagger's attributions on ``pairs`` with the reranker at each margin
    (``model`` None: without it)."""
    t = tagger.Tagger(use_rerank=False)
    res: dict[float, dict[str, dict[str, score.PRF]]] = {m: {} for m in margins}
    for art, doc in pairs:
        base = t.tag(doc, text=art.text)
        _, quoted, marg = t.tag_crf(doc, text=art.text)
        words = score.Words(art.text)
        gold = score.items(words, [(a.content, a.cue, a.source) for a in art.attributions])
        for m in margins:
            attrs = copy.deepcopy(base)
            if model is not None:
                rerank.apply(doc, attrs, quoted, marg, model, m)
            pred = score.items(words, [(train.char_pieces(doc, a.content), train.char_pieces(doc, a.cue),
                                        train.char_pieces(doc, a.source)) for a in attrs])
            score.merge(res[m], score.score(pred, gold))
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the content-boundary reranker on PolNeAR train.")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--margin", type=float, default=MARGIN)
    ap.add_argument("--out", type=Path, default=rerank.MODEL_PATH)
    ap.add_argument("--tune", action="store_true", help="print PolNeAR dev content F1 at a range of margins")
    args = ap.parse_args(argv)
    t0 = time.time()
    pairs = corpus.training_articles(args.limit)
    if pairs is None:
        return 2
    start, end = fit(pairs, args.c)
    corpus.write_model(args.out, {
        "about": "content-boundary reranker: logistic regressions over start and end alternatives, "
                 "PolNeAR train (byline.quotes.train_rerank)", "margin": args.margin,
        "start": dict(sorted(start.items())), "end": dict(sorted(end.items()))})
    print(f"{len(start)} + {len(end)} weights -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) "
          f"in {time.time() - t0:.0f}s", flush=True)
    if args.tune:
        rerank.load.cache_clear()
        model = rerank.load(args.out)
        margins = [0.0, 0.1, 0.2, 0.3, 0.4]
        dev = corpus.parsed("dev")
        res = evaluate(None, [0.0], dev)[0.0]
        print(f"{'margin':>8} {'exact F1':>9} {'overlap F1':>10}")
        print(f"{'off':>8} {res['content_exact']['all'].f:9.4f} {res['content_overlap']['all'].f:10.4f}")
        for m, r in evaluate(model, margins, dev).items():
            print(f"{m:8.2f} {r['content_exact']['all'].f:9.4f} {r['content_overlap']['all'].f:10.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
