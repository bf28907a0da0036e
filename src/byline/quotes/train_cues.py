"""Train the cue-centred second stage (:mod:`byline.quotes.cues`) on PolNeAR train.

    nice -n 10 .venv/bin/python -m byline.quotes.train_cues [--limit N] [--c 0.5] [--threshold 0.5] [--out FILE]

Every (verb, constituent) candidate of every train article is labelled positive
when a gold attribution's cue holds the verb and its content shares at least
half of the words of the candidate's content (the benchmark's overlap match).
A logistic regression (scikit-learn, liblinear, deterministic) is fitted on the
candidates' feature strings and its weights are written as JSON for
:class:`byline.quotes.cues.Model`. The cue lexicon feature is cross-fitted like
the CRF's (each fold's lexicon learned on the other folds). Also run at the end
of ``python -m byline.quotes.train``. About a minute on cached parses.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import time
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from byline.quotes import corpus, cues, features, polnear, score, tagger, train

#: Acceptance threshold, chosen on dev (see docs/benchmarks/quotes.md).
THRESHOLD = 0.5
C = 0.5
#: Folds of the cross-fitted CRFs whose marginals and attributions the second stage learns from.
CRF_FOLDS = 2


def fold_taggers(pairs: list[tuple[polnear.Article, Doc]], folds: int = CRF_FOLDS) -> list[tagger.Tagger]:
    """One CRF per fold, trained (with the shipped settings) on the other folds' articles, so that
    the marginals and attributions the second stage learns from are those of unseen text. Cached
    under the corpus cache directory, keyed by the articles and the feature and training code."""
    src = Path(features.__file__).read_bytes() + "".join(
        inspect.getsource(f) for f in (train.sequences, train.token_labels, train.learn_lexicon)).encode() + repr(
        (train.C1, train.C2, train.ITERATIONS, train.FOLDS, train.EMPTY_SHARE)).encode()
    key = hashlib.sha1("".join(a.name for a, _ in pairs).encode() + src).hexdigest()[:10]
    out = []
    for f in range(folds):
        base = corpus.cache_dir() / f"cues-fold{f}of{folds}-{len(pairs)}-{key}"
        crf, lex = base.with_suffix(".crfsuite"), base.with_suffix(".json")
        if not crf.exists() or not lex.exists():
            part = [p for k, p in enumerate(pairs) if k % folds != f]
            lexicon = train.learn_lexicon(part)
            trainer = pycrfsuite.Trainer(verbose=False)
            for x, y in train.sequences(part, lexicon, train.FOLDS, train.EMPTY_SHARE):
                trainer.append(x, y)
            trainer.set_params({"c1": train.C1, "c2": train.C2, "max_iterations": train.ITERATIONS,
                                "feature.possible_transitions": True})
            crf.parent.mkdir(parents=True, exist_ok=True)
            print(f"training fold CRF {f + 1}/{folds} on {len(part)} articles ...", flush=True)
            trainer.train(str(crf))
            lex.write_text(json.dumps({"cue_probs": lexicon}), encoding="utf-8")
        out.append(tagger.Tagger(crf, lex, use_cues=True))
    return out


def labelled(pairs: list[tuple[polnear.Article, Doc]], taggers: list[tagger.Tagger], free_only: bool = False):
    """``(features, label)`` for every candidate the second stage would consider in the articles:
    article ``k`` is tagged by ``taggers[k % len(taggers)]``, which did not see it."""
    for k, (art, doc) in enumerate(pairs):
        t = taggers[k % len(taggers)]
        attrs, quoted, marg = t.tag_crf(doc, text=art.text)
        hard = {i for a in attrs for p, q in a.cue + a.source for i in range(p, q)}
        content = {i for a in attrs for p, q in a.content for i in range(p, q)}
        words = score.Words(art.text)
        gold = [(words.of(a.cue), words.of(a.content)) for a in art.attributions]
        for c in cues.candidates(doc, t.lexicon, hard, quoted, marg, attrs):
            if free_only and (set(range(*c.content)) | set(c.cue)) & content:
                continue
            v = doc[c.verb]
            vw = words.of([(v.idx, v.idx + len(v))])
            cw = words.of([(doc[c.content[0]].idx, doc[c.content[1] - 1].idx + len(doc[c.content[1] - 1]))])
            y = any(vw and vw <= gc and len(cw & gw) >= 0.5 * max(len(cw), len(gw)) for gc, gw in gold)
            yield c.features, int(y)


def fit(pairs: list[tuple[polnear.Article, Doc]], c: float = C, free_only: bool = False,
        ) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, ys = [], []
    for f, y in labelled(pairs, fold_taggers(pairs), free_only):
        feats.append(dict.fromkeys(f, 1))
        ys.append(y)
    vec = DictVectorizer()
    x = vec.fit_transform(feats).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear wants 32-bit sparse indices
    x.indptr = x.indptr.astype("int32")
    print(f"{len(ys)} candidates, {sum(ys)} positive, {x.shape[1]} features", flush=True)
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    lr.fit(x, ys)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= 1e-3}
    return weights, round(float(lr.intercept_[0]), 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the cue-centred attribution stage on PolNeAR train.")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--out", type=Path, default=cues.MODEL_PATH)
    ap.add_argument("--free-only", action="store_true",
                    help="learn only from candidates outside the CRF's attributions")
    args = ap.parse_args(argv)
    t0 = time.time()
    pairs = corpus.training_articles(args.limit)
    if pairs is None:
        return 2
    weights, bias = fit(pairs, args.c, args.free_only)
    corpus.write_model(args.out, {
        "about": "cue-centred attribution candidates: logistic regression on PolNeAR train "
                 "(byline.quotes.train_cues)", "threshold": args.threshold,
        "bias": bias,
        "weights": dict(sorted(weights.items()))})
    print(f"{len(weights)} weights -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
