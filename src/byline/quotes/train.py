"""Train the attribution tagger on PolNeAR train and report dev figures.

    nice -n 10 .venv/bin/python -m byline.quotes.train [--limit N] [--iterations 100] [--c1 1.6] [--c2 0.8]
        [--folds 5] [--empty-share 1.0] [--out DIR] [--no-dev]

Writes ``byline/models/quotes.crfsuite`` and ``byline/models/quotes_lexicon.json``
(or into ``--out``), retrains the cue-centred second stage
(``byline/models/quotes_cues.json``, :mod:`byline.quotes.train_cues`) and the
content-boundary reranker (``byline/models/quotes_rerank.json``,
:mod:`byline.quotes.train_rerank`), unless ``--no-cues`` or ``--out``/``--limit``
is given, then prints dev figures. The defaults are the shipped
model's settings. Training is deterministic (L-BFGS from zero weights; articles
in sorted order; fixed folds by position), about 5 CPU-minutes on one core.
Parsed articles are cached under ``/tmp`` (see :mod:`byline.quotes.corpus`).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from byline.quotes import corpus, features, polnear, score, tagger

ROLE = {"content": "CON", "cue": "CUE", "source": "SRC"}


def token_labels(doc: Doc, attrs: list[polnear.Attribution]) -> list[str]:
    """BIO labels per token from gold attributions (a token takes the role of its first character)."""
    n = len(doc.text)
    role_at: list[tuple[str, int, int] | None] = [None] * n  # (role, attribution, piece)
    for a_i, a in enumerate(attrs):
        for name in ("content", "cue", "source"):
            for p_i, (s, e) in enumerate(getattr(a, name)):
                for c in range(max(0, s), min(e, n)):
                    role_at[c] = (ROLE[name], a_i, p_i)
    labels: list[str] = []
    prev: tuple[str, int, int] | None = None
    for tok in doc:
        cur = role_at[tok.idx] if tok.idx < n else None
        if tok.is_space:
            cur = prev if prev is not None and tok.idx + len(tok) < n and role_at[tok.idx + len(tok)] == prev else None
        if cur is None:
            labels.append("O")
        else:
            labels.append(("I-" if cur == prev else "B-") + cur[0])
        prev = cur
    return labels


def learn_lexicon(pairs: list[tuple[polnear.Article, Doc]], min_count: int = 3) -> dict[str, float]:
    """P(cue | lemma) over the training tokens, smoothed, for lemmas seen as cues."""
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for art, doc in pairs:
        spans = [p for a in art.attributions for p in a.cue]
        starts = sorted(spans)
        k = 0
        for tok in doc:
            lem = tok.lemma_.lower()
            total[lem] += 1
            while k < len(starts) and starts[k][1] <= tok.idx:
                k += 1
            if k < len(starts) and starts[k][0] <= tok.idx < starts[k][1]:
                cue[lem] += 1
    return {lem: round(c / (total[lem] + 1), 4) for lem, c in cue.items() if c >= min_count}


FOLDS = 5
#: The shipped CRF's training settings (the command-line defaults).
C1, C2, ITERATIONS = 1.6, 0.8, 100
#: Share of the training paragraphs with no attribution that are kept.
EMPTY_SHARE = 1.0


def sequences(pairs: list[tuple[polnear.Article, Doc]], lexicon: dict[str, float], folds: int = FOLDS,
              empty_share: float = 1.0):
    """Training sequences. The cue lexicon is learned from the labels, so each
    fold's features use a lexicon learned on the *other* folds (cross-fitting):
    otherwise the lexicon would leak the labels and the model would trust it
    more than it deserves on unseen text. Only ``empty_share`` of the paragraphs
    with no attribution are kept (evenly spaced, deterministic): fewer all-``O``
    sequences move the CRF towards recall, where it is weak."""
    lexicons = [learn_lexicon([p for k, p in enumerate(pairs) if k % folds != f]) for f in range(folds)]
    seen_empty = 0.0
    kept_empty = 0
    for k, (art, doc) in enumerate(pairs):
        lex = lexicons[k % folds] if folds > 1 else lexicon
        feats, paras = features.doc_features(doc, lex)
        labels = token_labels(doc, art.attributions)
        for i, j in paras:
            ys = labels[i:j]
            if all(y == "O" for y in ys):
                seen_empty += empty_share
                if seen_empty < kept_empty + 1:
                    continue
                kept_empty += 1
            yield feats[i:j], ys


def char_pieces(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(doc[i].idx, doc[j - 1].idx + len(doc[j - 1])) for i, j in ranges]


def evaluate(t: tagger.Tagger, pairs: list[tuple[polnear.Article, Doc]]) -> dict[str, dict[str, score.PRF]]:
    total: dict[str, dict[str, score.PRF]] = {}
    for art, doc in pairs:
        words = score.Words(art.text)
        gold = score.items(words, [(a.content, a.cue, a.source) for a in art.attributions])
        pred_attrs = t.tag(doc)
        pred = score.items(words, [(char_pieces(doc, a.content), char_pieces(doc, a.cue),
                                    char_pieces(doc, a.source)) for a in pred_attrs])
        score.merge(total, score.score(pred, gold))
    return total


def report(res: dict[str, dict[str, score.PRF]]) -> str:
    lines = [f"{'measure':<16} {'split':<9} {'P':>6} {'R':>6} {'F1':>6}  n_gold"]
    for name, splits in res.items():
        for s, prf in splits.items():
            lines.append(f"{name:<16} {s:<9} {prf.p:6.3f} {prf.r:6.3f} {prf.f:6.3f}  {prf.n_g}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the quotes/attribution CRF on PolNeAR train.")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N train articles")
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--out", type=Path, default=tagger.MODEL_DIR)
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--no-cues", action="store_true",
                    help="do not retrain the cue-centred second stage and the boundary reranker "
                         "(python -m byline.quotes.train_cues, python -m byline.quotes.train_rerank)")
    ap.add_argument("--folds", type=int, default=FOLDS, help="cross-fitting folds for the cue lexicon (1: none)")
    ap.add_argument("--empty-share", type=float, default=EMPTY_SHARE,
                    help="share of the paragraphs with no attribution kept for training")
    args = ap.parse_args(argv)
    t0 = time.time()
    train = corpus.training_articles(args.limit)
    if train is None:
        return 2
    print(f"parsed train: {len(train)} articles ({time.time() - t0:.0f}s)")
    lexicon = learn_lexicon(train)
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for x, y in sequences(train, lexicon, args.folds, args.empty_share):
        trainer.append(x, y)
        n += 1
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    args.out.mkdir(parents=True, exist_ok=True)
    crf = args.out / tagger.CRF_PATH.name
    lex = args.out / tagger.LEXICON_PATH.name
    print(f"training on {n} paragraphs ...")
    trainer.train(str(crf))
    corpus.write_model(lex, {"about": "P(cue|lemma) on PolNeAR train (byline.quotes.train)",
                             "cue_probs": dict(sorted(lexicon.items()))})
    print(f"trained in {time.time() - t0:.0f}s -> {crf} ({crf.stat().st_size / 1e6:.1f} MB)")
    if not args.no_cues and args.out == tagger.MODEL_DIR and args.limit is None:
        from byline.quotes import rerank, train_cues, train_rerank

        train_cues.main([])
        train_rerank.main([])
        rerank.load.cache_clear()
        tagger.load.cache_clear()
    if not args.no_dev:
        dev = corpus.parsed("dev")
        print(report(evaluate(tagger.Tagger(crf, lex), dev)))
    return 0




if __name__ == "__main__":
    raise SystemExit(main())
