"""Error analysis of quotes and attribution on PolNeAR dev: where the misses and false alarms are.

Run: ``.venv/bin/python bench/quotes_errors.py [--limit N] [--show BUCKET] [--n 10] [--rerank off|FILE]``
(``--rerank off``: without the content-boundary reranker, for an ablation).

Runs the entities and quotes stages on the cached parses of PolNeAR dev (see
``byline.quotes.corpus``; the text is parsed as given, no repair), scores them
as ``bench/quotes.py`` does, then sorts every gold attribution whose content is
not matched exactly, and every predicted one that matches no gold, into buckets:

* ``boundary:*`` — a prediction overlaps the gold content (>= 50 %) but the word
  sets differ; the kind says how (``that`` in or out, the gold's cue or source
  words inside the prediction, a sentence more or less, words added or missing
  at the start or the end);
* ``partial-overlap`` — a prediction shares words but under 50 %;
* ``missed:<cue lemma>`` — no prediction touches the gold content (quoted or not);
* ``false:<cue lemma>`` — a prediction touches no gold content.

It also counts cue and source mismatches on content-matched pairs. Tune on dev
only; this script reads no held-out data.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import quotes as qb  # noqa: E402
from byline.pipeline import Pipeline, new_context  # noqa: E402
from byline.quotes import corpus, polnear, rerank, score, tagger  # noqa: E402

_WORD = re.compile(r"\w+")


def run_quotes(pipe: Pipeline, text: str, doc):
    ctx = new_context(text)
    ctx.data["doc"] = doc
    pipe.run_stages(ctx, only_after="repair")
    return ctx.brief


def words_text(words: score.Words, ids) -> str:
    out = []
    for k in sorted(ids):
        m = _WORD.match(words.text, words.starts[k])
        out.append(m.group(0) if m else "?")
    return " ".join(out)


def lemma_of(doc, words: score.Words, ids) -> str:
    if not ids:
        return "<none>"
    k = min(ids)
    tok = doc.char_span(words.starts[k], words.starts[k] + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return "?"
    lem = [t.lemma_.lower() for t in tok]
    return " ".join(lem)


def cue_lemma(doc, words, cue_ids) -> str:
    """The lemma of the first verb of the cue (or its first word)."""
    if not cue_ids:
        return "<none>"
    spans = [doc.char_span(words.starts[k], words.starts[k] + 1, alignment_mode="expand") for k in sorted(cue_ids)]
    toks = [t for s in spans if s is not None for t in s]
    verbs = [t for t in toks if t.pos_ in ("VERB",)]
    t = verbs[0] if verbs else (toks[0] if toks else None)
    return t.lemma_.lower() if t is not None else "?"


def sent_ids(doc, words: score.Words, ids) -> set[int]:
    out = set()
    for k in ids:
        sp = doc.char_span(words.starts[k], words.starts[k] + 1, alignment_mode="expand")
        if sp is not None and len(sp):
            out.add(sp[0].sent.start)
    return out


def boundary_kind(doc, words, p: score.Item, g: score.Item) -> str:
    extra, missing = p.content - g.content, g.content - p.content
    low = {k: words.text[words.starts[k]:words.starts[k] + 8].split()[0].lower() if True else "" for k in
           extra | missing}

    def w(k: int) -> str:
        m = _WORD.match(words.text, words.starts[k])
        return m.group(0).lower() if m else low[k]

    if extra and all(w(k) == "that" for k in extra):
        return "that-extra"
    if missing and all(w(k) == "that" for k in missing):
        return "that-missing"
    if extra and extra <= (g.cue | g.source):
        return "has-gold-cue/source"
    ps, gs = sent_ids(doc, words, p.content), sent_ids(doc, words, g.content)
    if ps != gs:
        return "sentences-more" if ps > gs else ("sentences-fewer" if ps < gs else "sentences-other")
    where = []
    if extra:
        where.append("extra-" + ("start" if min(extra) < min(g.content) else
                                 "end" if max(extra) > max(g.content) else "mid"))
    if missing:
        where.append("miss-" + ("start" if min(missing) < min(p.content) else
                                "end" if max(missing) > max(p.content) else "mid"))
    return "+".join(where) or "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", default=None, help="print examples of buckets starting with this")
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--model", type=Path, default=None, help="a directory with another quotes.crfsuite + lexicon")
    ap.add_argument("--rerank", type=Path, default=None,
                    help="another content-boundary reranker model (JSON; 'off': none)")
    args = ap.parse_args(argv)
    if args.rerank is not None:
        other_rerank = None if str(args.rerank) == "off" else rerank.load(args.rerank)
        rerank.load = lambda *a, **k: other_rerank  # the tagger asks the module for its model
    if not polnear.available():
        print(f"PolNeAR not found at {polnear.DEFAULT_ROOT}; nothing to analyse.")
        return 2
    if args.model is not None:
        other = tagger.Tagger(args.model / tagger.CRF_PATH.name, args.model / tagger.LEXICON_PATH.name)
        tagger.load = lambda: other  # the stage asks the module for its tagger
    pairs = corpus.parsed("dev", limit=args.limit)
    pipe = Pipeline(skip="times,claims,events,flags")
    pipe.warm_up()
    total: dict = {}
    buckets: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    roles: Counter[str] = Counter()
    diffw: Counter[str] = Counter()
    conf_bins: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for art, doc in pairs:
        brief = run_quotes(pipe, art.text, doc)
        words = score.Words(art.text)
        gold = score.items(words, [(a.content, a.cue, a.source) for a in art.attributions])
        pred, _extra = qb.byline_items(brief, words)
        score.merge(total, score.score(pred, gold))
        exact = score._match([p.content for p in pred], [g.content for g in gold], True)
        over = score._match([p.content for p in pred], [g.content for g in gold], False)
        ex_g = {b for _, b in exact}
        ex_p = {a for a, _ in exact}
        ov = {b: a for a, b in over}
        ov_p = {a for a, _ in over}
        for a, b in exact + [(a, b) for a, b in over if b not in ex_g]:
            p, g = pred[a], gold[b]
            split = "q" if g.quoted else "u"
            if p.cue != g.cue:
                kind = "cue-missing" if not p.cue else ("cue-superset" if p.cue > g.cue else
                                                        "cue-subset" if p.cue < g.cue else "cue-other")
                roles[f"{kind}:{split}"] += 1
                if args.show and kind.startswith(args.show):
                    at = words.starts[min(g.cue)] if g.cue else words.starts[min(g.content)]
                    near = art.text[max(0, at - 100):at + 60].replace(chr(10), " | ")
                    examples[kind].append(f"P[{words_text(words, p.cue)}] G[{words_text(words, g.cue)}]  ...{near}")
            if p.source != g.source:
                kind = ("src-missing" if not p.source else "src-spurious" if not g.source else
                        "src-superset" if p.source > g.source else "src-subset" if p.source < g.source
                        else "src-other")
                roles[f"{kind}:{split}"] += 1
                if args.show and kind.startswith(args.show):
                    at = words.starts[min(g.source)] if g.source else words.starts[min(g.content)]
                    near = art.text[max(0, at - 100):at + 60].replace(chr(10), " | ")
                    examples[kind].append(f"P[{words_text(words, p.source)}] G[{words_text(words, g.source)}]"
                                          f" cue[{words_text(words, g.cue)}]  ...{near}")
        for b, g in enumerate(gold):
            if b in ex_g:
                continue
            split = "q" if g.quoted else "u"
            if b in ov:
                p = pred[ov[b]]
                name = f"boundary:{boundary_kind(doc, words, p, g)}:{split}"
                for k in sorted(p.content - g.content)[:1]:
                    diffw["extra:" + ("start " if k < min(g.content) else "end ") + words_text(words, [k]).lower()] += 1
                for k in sorted(g.content - p.content)[:1]:
                    diffw["miss:" + ("start " if k < min(p.content) else "end ") + words_text(words, [k]).lower()] += 1
                ex = (f"G: {words_text(words, g.content)[:300]}\n   P: {words_text(words, p.content)[:300]}\n"
                      f"   cue G[{words_text(words, g.cue)}] P[{words_text(words, p.cue)}]")
            else:
                touch = [p for p in pred if p.content & g.content]
                if touch:
                    t0 = max(touch, key=lambda p: len(p.content & g.content))
                    sub = ("longer" if len(t0.content) > len(g.content) else "shorter") + (
                        "-hascue" if t0.content & g.cue else "") + ("-samecue" if t0.cue == g.cue else "")
                    name = f"partial-overlap:{split}:{sub}"
                else:
                    name = f"missed:{split}:{cue_lemma(doc, words, g.cue)}"
                ex = (f"G: {words_text(words, g.content)[:300]}\n   cue[{words_text(words, g.cue)}] "
                      f"src[{words_text(words, g.source)}]")
                if touch:
                    ex += f"\n   P: {words_text(words, touch[0].content)[:300]}"
            buckets[name] += 1
            examples[name].append(ex)
        confs = [q.confidence for q in brief.quotes
                 if q.inside is None and words.of([(c.start, c.end) for c in q.content_spans])]
        for a, p in enumerate(pred):
            b = min(int(confs[a] * 10), 9) if a < len(confs) else -1
            conf_bins[(b, "q" if p.quoted else "u")][0 if a in ex_p else 1 if a in ov_p else 2] += 1
            if a in ex_p or a in ov_p:
                continue
            if any(p.content & g.content for g in gold):
                continue
            name = f"false:{'q' if p.quoted else 'u'}:{cue_lemma(doc, words, p.cue)}"
            buckets[name] += 1
            examples[name].append(f"P: {words_text(words, p.content)[:300]}\n   cue[{words_text(words, p.cue)}] "
                                  f"src[{words_text(words, p.source)}]")
    print(qb_report(total))
    coarse: Counter[str] = Counter()
    for k, v in buckets.items():
        parts = k.split(":")
        coarse[":".join(parts[:2]) if parts[0] in ("missed", "false", "partial-overlap") else
               parts[0] + ":" + parts[-1]] += v
    print("\n== coarse buckets (gold not exact / false alarms)")
    for k, v in coarse.most_common():
        print(f"{v:5d}  {k}")
    print("\n== buckets")
    for k, v in buckets.most_common(args.top):
        print(f"{v:5d}  {k}")
    print("\n== cue/source on content-matched pairs")
    for k, v in roles.most_common():
        print(f"{v:5d}  {k}")
    print("\n== first differing word of boundary mismatches")
    print("   " + ", ".join(f"{k} {v}" for k, v in diffw.most_common(30)))
    print("\n== predictions by confidence decile: exact / overlap only / no match")
    for key in sorted(conf_bins):
        print(f"  {key[0]} {key[1]}  {conf_bins[key]}")
    if args.show:
        for k in sorted(examples, key=lambda k: -len(examples[k])):
            if not k.startswith(args.show):
                continue
            print(f"\n-- {k} ({len(examples[k])})")
            for e in examples[k][:args.n]:
                print(" * " + e)
    return 0


def qb_report(total) -> str:
    lines = [f"{'measure':<16} {'split':<9} {'P':>6} {'R':>6} {'F1':>6}  n_gold"]
    for name, splits in total.items():
        for s, prf in splits.items():
            lines.append(f"{name:<16} {s:<9} {prf.p:6.3f} {prf.r:6.3f} {prf.f:6.3f}  {prf.n_g}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
