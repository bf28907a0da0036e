"""Benchmark quotes and attribution on PolNeAR dev, against textacy, with throughput.

Run: ``.venv/bin/python bench/quotes.py [--limit N]``. Writes ``docs/benchmarks/quotes.md``.

Data: PolNeAR ``dev`` (84 articles, ``../shared/data/polnear``). For Byline, every
top-level quote (``inside`` is null: direct, reported, and partial quotes with no
enclosing quote) is one predicted attribution, with ``content_spans``, ``cue.span``
and ``source.span`` in the text as given. For textacy, every ``direct_quotations``
triple is one (content, cue, speaker). Measures (see ``byline.quotes.score``):

* content P/R/F1, exact (same word set) and overlap (shares >= 50 % of the words of each);
* cue F1 and source-span F1 (exact word sets, per attribution);
* speaker accuracy: over content-matched attributions whose gold has a source, the
  share whose resolved speaker name shares a word with the gold source — or, when
  the gold source is a pronoun or a description, with the text in the 1,000
  characters before it (a proxy for its antecedent; PolNeAR has no coreference);
* each split into quoted (content contains a double quote mark) and unquoted;
* articles per second on one core for the whole ``analyze`` (all stages, via
  ``Pipeline.analyze_batch``) and for raw spaCy ``nlp.pipe`` with the same model on
  the same texts, interleaved in the same run (best of ``--rounds``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from byline import nlp as nlp_mod  # noqa: E402
from byline.model import Brief  # noqa: E402
from byline.pipeline import Pipeline  # noqa: E402
from byline.quotes import polnear, score  # noqa: E402
from timing import best_of, drain  # noqa: E402

OUT = ROOT / "docs" / "benchmarks" / "quotes.md"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their"}
STOP = {"the", "a", "an", "of", "and", "mr", "ms", "mrs", "dr", "s"}


def byline_items(brief: Brief, words: score.Words) -> tuple[list[score.Item], list[dict]]:
    attrs, extra = [], []
    for q in brief.quotes:
        if q.inside is not None:
            continue
        content = [(s.start, s.end) for s in q.content_spans]
        cue = [(q.cue.span.start, q.cue.span.end)] if q.cue else []
        src = [(q.source.span.start, q.source.span.end)] if q.source else []
        if words.of(content):
            attrs.append((content, cue, src))
            extra.append({"speaker": q.speaker.name if q.speaker else None})
    return score.items(words, attrs), extra


def textacy_items(doc, words: score.Words) -> list[score.Item]:
    from textacy.extract.triples import direct_quotations

    attrs = []
    for t in direct_quotations(doc):
        def rng(toks):
            return [(toks[0].idx, toks[-1].idx + len(toks[-1]))] if toks else []
        attrs.append((rng(t.content), rng(t.cue), rng(t.speaker)))
    return score.items(words, attrs)


def _toks(s: str) -> set[str]:
    return {w for w in re.findall(r"\w+", s.lower()) if w not in STOP}


def speaker_ok(text: str, gold_src: tuple[tuple[int, int], ...], name: str | None) -> bool:
    if not name:
        return False
    g = " ".join(text[s:e] for s, e in gold_src)
    if _toks(name) & _toks(g):
        return True
    gw = _toks(g)
    if gw and (gw <= PRONOUNS or text[gold_src[0][0]:gold_src[0][0] + 1].islower()):
        before = text[max(0, gold_src[0][0] - 1000):gold_src[0][0]]
        return bool(_toks(name) & _toks(before))
    return False


def speaker_tally(text: str, words: score.Words, art: polnear.Article, pred: list[score.Item],
                  extra: list[dict]) -> dict[str, list[int]]:
    gold = [a for a in art.attributions if words.of(a.content)]
    gsets = [words.of(a.content) for a in gold]
    out = {"all": [0, 0], "quoted": [0, 0], "unquoted": [0, 0]}
    pairs = score._match([p.content for p in pred], gsets, exact=False)
    for a, b in pairs:
        g = gold[b]
        if not g.source:
            continue
        ok = speaker_ok(text, g.source, extra[a]["speaker"])
        for split in ("all", "quoted" if words.quoted(g.content) else "unquoted"):
            out[split][0] += ok
            out[split][1] += 1
    return out


def throughput(texts: list[str], rounds: int) -> tuple[float, float]:
    nlp = nlp_mod.load()
    pipe = Pipeline()
    pipe.analyze_batch([{"text": texts[0]}])  # warm up every stage
    best_raw, best_all = best_of(
        rounds, lambda: drain(nlp.pipe(texts, batch_size=16)),
        lambda: drain(pipe.analyze_batch([{"text": t} for t in texts[k:k + 16]]) for k in range(0, len(texts), 16)))
    return len(texts) / best_raw, len(texts) / best_all


def fmt(prf: score.PRF) -> str:
    return f"{prf.p:.3f} / {prf.r:.3f} / **{prf.f:.3f}**"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if not polnear.available():
        print(f"PolNeAR not found at {polnear.DEFAULT_ROOT}; nothing to measure.")
        return 2
    arts = polnear.load("dev", limit=args.limit)
    texts = [a.text for a in arts]
    nlp = nlp_mod.load()
    pipe = Pipeline()
    res = {"Byline": {}, "textacy": {}}
    spk = {s: [0, 0] for s in ("all", "quoted", "unquoted")}
    textacy_errors = 0
    briefs: list[Brief] = []
    for k in range(0, len(arts), 16):
        briefs.extend(pipe.analyze_batch([{"text": a.text} for a in arts[k:k + 16]]))
    for art, brief in zip(arts, briefs, strict=True):
        words = score.Words(art.text)
        gold = score.items(words, [(a.content, a.cue, a.source) for a in art.attributions])
        pred, extra = byline_items(brief, words)
        score.merge(res["Byline"], score.score(pred, gold))
        for split, (r, c) in speaker_tally(art.text, words, art, pred, extra).items():
            spk[split][0] += r
            spk[split][1] += c
        try:
            tx = textacy_items(nlp(art.text), words)
        except Exception:
            textacy_errors += 1
            tx = []
        score.merge(res["textacy"], score.score(tx, gold))
    raw_aps, all_aps = throughput(texts, args.rounds)
    lines = render(res, spk, textacy_errors, len(arts), raw_aps, all_aps, args)
    print("\n".join(lines))
    if not args.no_write and args.limit is None:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}")
    return 0


def render(res, spk, textacy_errors, n, raw_aps, all_aps, args) -> list[str]:
    names = [("content_exact", "content, exact"), ("content_overlap", "content, overlap >= 50 %"),
             ("cue", "cue"), ("source", "source span")]
    lines = [
        "# Quotes and attribution (PolNeAR dev)", "",
        f"Command: `.venv/bin/python bench/quotes.py{' --limit ' + str(args.limit) if args.limit else ''}`  ",
        f"Date: {dt.date.today().isoformat()}  ",
        f"Data: PolNeAR v1.0.0 `dev`, {n} articles, gold attributions as annotated "
        "(first annotator file per article). Models: `byline/models/quotes.crfsuite` (CRF) and "
        "`byline/models/quotes_cues.json` (cue-centred second stage), trained on PolNeAR `train` "
        "(`python -m byline.quotes.train`).", "",
        "Cells are precision / recall / **F1**. *Quoted*: the attribution's content contains a double quote "
        "mark; *unquoted*: reported speech, beliefs, paraphrase.", "",
        "| measure | split | Byline | textacy `direct_quotations` |", "|---|---|---|---|",
    ]
    for key, label in names:
        for split in score.SPLITS:
            lines.append(f"| {label} | {split} | {fmt(res['Byline'][key][split])} | "
                         f"{fmt(res['textacy'][key][split])} |")
    for split in score.SPLITS:
        r, c = spk[split]
        lines.append(f"| speaker accuracy | {split} | {r / c if c else 0:.3f} ({r}/{c}) | – |")
    b = res["Byline"]
    targets = [("content F1, exact", b["content_exact"]["all"].f, 0.78),
               ("content F1, overlap", b["content_overlap"]["all"].f, 0.88),
               ("source F1", b["source"]["all"].f, 0.86), ("cue F1", b["cue"]["all"].f, 0.80)]
    lines += ["", "## Against the issue's targets (dev)", "",
              "| measure | Byline | target | met |", "|---|---|---|---|"]
    lines += [f"| {name} | {v:.3f} | {t:.2f} | {'yes' if v >= t else 'no'} |" for name, v, t in targets]
    lines += [
        "", f"textacy raised on {textacy_errors} of {n} articles (counted as finding nothing).", "",
        "## Throughput (one core, same run, same texts, best of "
        f"{args.rounds})", "",
        "| | articles/s |", "|---|---|",
        f"| raw spaCy `nlp.pipe` ({nlp_mod.model_name()}) | {raw_aps:.2f} |",
        f"| Byline `analyze` (all stages) | {all_aps:.2f} |",
        f"| ratio | **{all_aps / raw_aps:.2f}x** (target >= 0.6x) |",
        "",
        "## Notes", "",
        "* Scoring is strict: one attribution per gold relation, spans compared as word sets, content exact "
        "only when every word agrees. PolNeAR's own annotators agree at token-level alpha 0.75; scored with "
        "these measures, one annotator against another gets 0.692 exact, 0.802 overlap, 0.717 cue, 0.780 "
        "source, and the majority of the others against the one left out 0.754 / 0.845 / 0.762 / 0.823 "
        "(`bench/quotes_agreement.py`, [quotes_agreement.md](quotes_agreement.md)); many misses are boundary "
        "choices (\"said Monday\" as the cue, \"that\" in or out of the content).",
        "* PolNeAR counts beliefs, intentions and paraphrase (\"openly admires\", \"refuses to\") as "
        "attributions; unquoted recall is the weak side.",
        "* Partial and nested quotes (``inside`` set) are not counted: PolNeAR has one attribution per token "
        "and no nested quotes; they are covered by `tests/quotes/`.",
        "* Throughput is for all stages of `analyze`, including other areas' stages, on a 2-core machine "
        f"(load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; other jobs on the "
        "machine slow both sides, not always equally).",
        "* The cue-centred second stage (`byline.quotes.cues`) looks at every verb (and every noun seen as a "
        "cue in train) governing a clausal complement, an infinitive, an object or a preposition's object, "
        "and a logistic regression (trained on PolNeAR train with the marginals and attributions of "
        "cross-fitted CRFs) accepts the pairs the CRF missed (threshold 0.5, chosen on dev). On dev it moves "
        "content exact F1 0.578 -> 0.580, overlap 0.728 -> 0.735, cue 0.698 -> 0.706, source 0.747 -> 0.754 "
        "(cached-parse runs of `bench/quotes_errors.py`). Its candidates are low-precision (about half of "
        "those it could add match a gold attribution), which caps the gain: most remaining misses are "
        "attributions whose content the parse does not isolate, or whose cue is a noun or phrase.",
        '* Content-boundary reranker (`byline.quotes.rerank`, model `byline/models/quotes_rerank.json`, '
        'rebuilt by `python -m byline.quotes.train_rerank`, which `python -m byline.quotes.train` also runs):'
        " for every attribution it lists a few alternative starts and ends of the content (the tagger's edge,"
        ' a word more or less, the cue verb\'s complement subtrees, the clause without "that" or a leading '
        'modifier, the end before a ", which / and / but ..." clause or a comma, the sentence\'s and the '
        "quoted stretch's edges, where the CRF's content marginal crosses 0.5) and two conditional logits "
        "(softmax over each edge's alternatives; features from the parse, the cue, punctuation, the CRF's "
        'content, B-CON and I-CON marginals, and the words an alternative adds or cuts) pick one. Trained on '
        'PolNeAR train with the cross-fitted fold CRFs of the second stage (`train_cues.fold_taggers`); `C = '
        "1` and margin 0 chosen on dev. An alternative never takes in another attribution's words and never "
        "moves a content across the stage's direct-quote shares, so no reported speech becomes a direct "
        'quote. Same-day ablation, whole `analyze` on the raw dev text (`--rerank off` / on): content exact '
        'F1 0.5808 -> 0.5934, overlap 0.7348 -> 0.7383, cue 0.7058 and source 0.7532 unchanged, speaker '
        'accuracy 0.7493 (1067/1424) -> 0.7484 (1071/1431). Picking the right alternative whenever one is '
        'listed would give about 0.632 exact (tagger level), so the scorer gets about a quarter of what its '
        "alternatives allow: PolNeAR's edges (relative clauses, trailing phrases, a second sentence) are not "
        'consistent enough for these features to learn more. Cost: 5.7 ms per article (CPU time on the cached'
        ' dev parses, tagger 28 -> 34 ms), about 2 % of the whole `analyze`; no extra spaCy pass.',
        "* Keeping weak-cue reported speech that the second stage backs (`stage.WEAK_SUPPORTED = 0.5`) "
        "would raise dev overlap F1 by about 0.008 more (exact +0.003, source +0.005), but it adds reported "
        "speech (\"seeking ...\", \"approved ...\") to the two examples, below their quote-precision floors; "
        "it is off.",
        "* Where the errors are: `.venv/bin/python bench/quotes_errors.py` (a few seconds on the cached parses) "
        "buckets every missed and false attribution on dev (boundary-only mismatches by kind, partial overlaps, "
        "misses and false alarms by cue lemma, cue and source mismatches, predictions by confidence). Most of "
        "the remaining loss is unquoted attributions the CRF does not find at all (beliefs, intentions, "
        "non-speech cues such as \"want\", \"find\", \"plan\") and attributions nested inside another's "
        "content, which a one-label-per-token tagger cannot represent.",
        "* Tried and not kept (2026-11-30; keep rule fixed in advance: exact +0.005 or more, overlap, cue and"
        " source each no worse than -0.002, at most +8 ms per article; dev figures from "
        "`bench/quotes_errors.py`, shipped 0.594 / 0.739 / 0.706 / 0.754): spaCy's contextual token vectors "
        "(`doc.tensor`, PCA to 16-32 dims) as real-valued CRF features, best 0.593 / 0.741 / 0.709 / 0.755 at"
        " +13 to +19 ms per article; BIOES labels with content cut to the CRF's own end and start marginals "
        "and content that stops inside quote marks taken to the marks, 0.602 / 0.737 / 0.708 / 0.754 at +5 "
        "ms, but worse on the gate's 16-article slice (exact 0.660 -> 0.653, overlap 0.790 -> 0.777) and "
        "three more false reported quotes in the shared example; training on every annotator's file of the 16"
        " multiply annotated train articles, 0.589 / 0.733 / 0.705 / 0.752, or on their majority consensus, "
        "0.586 / 0.729 / 0.705 / 0.752.",
    ]
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
