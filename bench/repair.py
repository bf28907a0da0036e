"""Benchmark text repair (casing, quotes) against the PyPI ``truecase`` package.

Run: ``.venv/bin/python bench/repair.py [--limit N]`` (``--limit`` cuts each corpus to
N documents while iterating). Writes ``docs/benchmarks/repair.md``.

Data (dev only): CoNLL-2003 ``eng.testa`` (sentences one per line, tokens joined by
spaces) and the BBC business+politics articles held back from training (file
number divisible by 5). Inputs: clean; lowercased; 30 % random Title-Case noise
(each lowercase word capitalised with p=0.3, seed 7); quote damage injected (BBC,
one damage per copy, see ``inject_quote_damage``). Figures over word tokens:

* token accuracy: output word == gold word;
* F1 on capitalised words: a word counts as capitalised when its first letter is;
* damage: share of input words that were already correct and came out wrong;
* changed (clean input): share of words the repair changed at all;
* exact restoration (quote damage): repaired text == gold text, per damaged copy;
* tokens/s, and spaCy ``nlp.pipe`` tokens/s on the same texts in the same run;
* spaCy NER F1 (entity level, exact span and type) on CoNLL testa: clean, noisy,
  noisy-then-repaired.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from byline.repair import repair  # noqa: E402
from byline.repair.corpora import DATA, bbc_docs, conll_docs, read_conll  # noqa: E402
from byline.repair.tokens import WORD_RE, sentences_of  # noqa: E402
from timing import best_of, drain  # noqa: E402

SEED = 7
NOISE = 0.3
THROUGHPUT_RUNS = 3
OUT = ROOT / "docs" / "benchmarks" / "repair.md"
SPACY_MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC",
             "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC"}


# -- damage ------------------------------------------------------------------------
def lower_text(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def title_noise(text: str, rate: float, rng: random.Random) -> str:
    chars = list(text)
    for m in WORD_RE.finditer(text):
        w = m.group()
        if w.isalpha() and w.islower() and rng.random() < rate:
            u = w[0].upper()
            if len(u) == 1:
                chars[m.start()] = u
    return "".join(chars)


def curl(text: str) -> str:
    """Straight double quotes to curly ones by context (after a space or line start an
    opening mark, before a space or punctuation a closing one), else by alternation."""
    out = []
    open_ = False
    for i, c in enumerate(text):
        if c != '"':
            out.append(c)
            if c == "\n":
                open_ = False
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if (prev.isspace() or prev in "([{-—") and not nxt.isspace():
            opening = True
        elif not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)-—"):
            opening = False
        else:
            opening = not open_
        out.append("“" if opening else "”")
        open_ = opening
    return "".join(out)


#: a whole run of one to three capitalised words after a lowercase word or comma ("IT firm Dimension Data,")
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]+){0,2})(?![ -][A-Z])(?=[ ,.])")
_QUOTE_END = re.compile(r"([.,])”( )(?=[A-Z])")


def inject_quote_damage(gold: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, damaged text) copies of ``gold``, one damage each (when it applies)."""
    out: list[tuple[str, str]] = []
    names = [m for m in _NAME.finditer(gold)]
    if names:
        m = rng.choice(names)
        out.append(("name quoted, wrong-way closer", gold[: m.start()] + "“" + m.group() + "“" + gold[m.end():]))
        m = rng.choice(names)
        out.append(("one name quoted (kept by design)", gold[: m.start()] + "“" + m.group() + "”" + gold[m.end():]))
        if len(names) >= 2:
            a, b = sorted(rng.sample(names, 2), key=lambda x: x.start())
            two = (gold[: a.start()] + "“" + a.group() + "”" + gold[a.end(): b.start()] + "“" + b.group() + "”"
                   + gold[b.end():])
            out.append(("two names quoted", two))
    closers = [m for m in re.finditer("”", gold)]
    if closers:
        m = rng.choice(closers)
        out.append(("wrong-way closer", gold[: m.start()] + "“" + gold[m.end():]))
    openers = [m for m in re.finditer("“", gold)]
    if openers:
        m = rng.choice(openers)
        out.append(("wrong-way opener", gold[: m.start()] + "”" + gold[m.end():]))
    glued = [m for m in _QUOTE_END.finditer(gold) if m.group(1) == "."]
    if glued:
        m = rng.choice(glued)
        out.append(("closer glued to next sentence", gold[: m.start()] + ".“" + gold[m.end():]))
    abbr = [m for m in re.finditer(r"(?<= )U\.S\.(?= )", gold)]
    if abbr:
        m = rng.choice(abbr)
        out.append(("closer inside abbreviation", gold[: m.start()] + "“U.S”." + gold[m.end():]))
    return out


# -- scoring -----------------------------------------------------------------------
def words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text) if any(c.isalpha() for c in m.group())]


class Score:
    def __init__(self) -> None:
        self.n = self.correct = self.tp = self.fp = self.fn = 0
        self.in_correct = self.damaged = self.changed = 0
        self.etp = self.efp = self.efn = 0

    def add(self, gold: str, inp: str, out: str) -> None:
        g, i, o = gold, inp, out
        self.n += 1
        self.correct += o == g
        gc, oc = g[:1].isupper(), o[:1].isupper()
        self.tp += gc and oc
        self.fp += oc and not gc
        self.fn += gc and not oc
        # exact: a capitalised word counts only when cased exactly like the gold ("SOCCER" != "Soccer")
        self.etp += gc and o == g
        self.efn += gc and o != g
        self.efp += oc and o != g
        if i == g:
            self.in_correct += 1
            self.damaged += o != g
        self.changed += o != i

    def row(self) -> dict[str, float]:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        ep = self.etp / max(1, self.etp + self.efp)
        er = self.etp / max(1, self.etp + self.efn)
        return {"acc": 100 * self.correct / max(1, self.n), "f1": 100 * 2 * p * r / max(1e-9, p + r),
                "f1x": 100 * 2 * ep * er / max(1e-9, ep + er),
                "damage": 100 * self.damaged / max(1, self.in_correct), "changed": 100 * self.changed / max(1, self.n)}


def byline_outputs(gold: str, inp: str) -> list[tuple[str, str, str]]:
    r = repair(inp)
    out = []
    for s, e, w in words(gold):
        rs, re_ = r.to_repaired(s, e)
        out.append((w, inp[s:e], r.text[rs:re_]))
    return out


def truecase_outputs(gold: str, inp: str, tc) -> list[tuple[str, str, str]]:
    out = []
    for toks in sentences_of(inp):
        texts = [t.text for t in toks]
        try:
            cased = tc.get_true_case_from_tokens(texts, "title") if texts else []
        except Exception:  # the package fails on some inputs: count them as unchanged
            cased = texts
        for t, c in zip(toks, cased, strict=False):
            if t.alpha:
                out.append((gold[t.start:t.end], t.text, c if len(c) == len(t.text) else t.text))
    return out


def run_system(name: str, pairs: list[tuple[str, str]], tc=None) -> tuple[dict[str, float], float]:
    sc = Score()
    t0 = time.perf_counter()
    ntok = 0
    for gold, inp in pairs:
        rows = byline_outputs(gold, inp) if name == "byline" else truecase_outputs(gold, inp, tc)
        ntok += len(rows)
        for g, i, o in rows:
            sc.add(g, i, o)
    dt_ = time.perf_counter() - t0
    return sc.row(), ntok / max(dt_, 1e-9)


# -- NER -----------------------------------------------------------------------------
def conll_entities(sents: list[list[str]], tags: list[list[str]]) -> set[tuple[int, int, str]]:
    ents = set()
    pos = 0
    for toks, tg in zip(sents, tags, strict=True):
        cur = None
        for t, lab in zip(toks, tg, strict=True):
            typ = lab[2:] if lab != "O" else None
            begin = lab.startswith("B-")
            if cur is not None and (typ != cur[2] or begin):
                ents.add(tuple(cur))
                cur = None
            if typ is not None:
                if cur is None:
                    cur = [pos, pos + len(t), typ]
                else:
                    cur[1] = pos + len(t)
            pos += len(t) + 1
        if cur is not None:
            ents.add(tuple(cur))
    return ents


def read_conll_tags(path: Path) -> list[list[list[str]]]:
    return [[[row[-1] for row in sent] for sent in doc] for doc in read_conll(path)]


def ner_f1(nlp, texts: list[str], golds: list[set], maps=None) -> float:
    tp = fp = fn = 0
    for k, doc in enumerate(nlp.pipe(texts, batch_size=32)):
        pred = set()
        for ent in doc.ents:
            lab = SPACY_MAP.get(ent.label_)
            if lab is None:
                continue
            s, e = ent.start_char, ent.end_char
            if maps is not None:
                s, e = maps[k].to_original(s, e)
            pred.add((s, e, lab))
        g = golds[k]
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return 100 * 2 * p * r / max(1e-9, p + r)


# -- main -----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0 = all)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the NER and spaCy throughput part")
    ap.add_argument("--no-truecase", action="store_true", help="skip the truecase package baseline")
    args = ap.parse_args(argv)
    testa = DATA / "conll2003" / "eng.testa"
    if not testa.exists():
        print(f"dev data not found under {DATA}: nothing to benchmark", file=sys.stderr)
        return 2
    import gzip
    import json

    from byline.repair.model import MODEL_PATH, Model

    t0 = time.perf_counter()
    Model(json.loads(gzip.decompress(MODEL_PATH.read_bytes())))
    model_info = (MODEL_PATH.stat().st_size / 1e6, time.perf_counter() - t0)
    print(f"model {MODEL_PATH.name}: {model_info[0]:.2f} MB, loads in {model_info[1]:.2f} s")
    conll = list(conll_docs(testa))
    tags = read_conll_tags(testa)
    bbc = list(bbc_docs(DATA / "bbc", bench=True, topics=("business", "politics")))
    if args.limit:
        conll, tags, bbc = conll[: args.limit], tags[: args.limit], bbc[: args.limit]
    corpora = {"CoNLL testa": [t for t, _ in conll], "BBC b+p (held back)": bbc}
    rng = random.Random(SEED)
    tc = None
    if not args.no_truecase:
        import truecase

        tc = truecase.get_truecaser()
    rows = []
    speed: dict[str, float] = {}
    for cname, golds in corpora.items():
        conds = {
            "clean": [(g, g) for g in golds],
            "lowercased": [(g, lower_text(g)) for g in golds],
            "30% Title noise": [(g, title_noise(g, NOISE, rng)) for g in golds],
        }
        for cond, pairs in conds.items():
            for system in ("byline", "truecase"):
                if system == "truecase" and tc is None:
                    continue
                res, tps = run_system(system, pairs, tc)
                speed[f"{system} {cname} {cond}"] = tps
                rows.append((cname, cond, system, res, tps))
                print(f"{cname:20} {cond:16} {system:9} acc {res['acc']:6.2f}  F1 {res['f1']:6.2f}  "
                      f"F1x {res['f1x']:6.2f}  "
                      f"damage {res['damage']:6.3f}%  changed {res['changed']:6.3f}%  {tps:9,.0f} tok/s", flush=True)

    # quote damage (BBC, curly quotes)
    qrng = random.Random(SEED)
    qstats: dict[str, list[int]] = {}
    for g in bbc:
        gold = curl(g)
        for kind, damaged in inject_quote_damage(gold, qrng):
            ok = repair(damaged).text == gold
            st = qstats.setdefault(kind, [0, 0])
            st[0] += ok
            st[1] += 1
    clean_quotes = sum(repair(curl(g)).text == curl(g) for g in bbc)
    for kind, (ok, n) in qstats.items():
        print(f"quote damage {kind:32} restored {ok}/{n} ({100 * ok / max(1, n):.1f}%)")
    print(f"clean curly-quoted BBC texts left unchanged: {clean_quotes}/{len(bbc)}")

    ner = {}
    spacy_tps = {}
    if not args.no_spacy:
        from byline import nlp as nlp_mod

        nlp = nlp_mod.load()
        texts = [t for t, _ in conll]
        golds = [conll_entities(s, tg) for (_, s), tg in zip(conll, tags, strict=True)]
        nrng = random.Random(SEED + 1)
        noisy = [title_noise(t, NOISE, nrng) for t in texts]
        reps = [repair(t) for t in noisy]
        ner["clean"] = ner_f1(nlp, texts, golds)
        ner["30% Title noise"] = ner_f1(nlp, noisy, golds)
        ner["noise, then repaired"] = ner_f1(nlp, [r.text for r in reps], golds, [r for r in reps])
        ner["repaired, clean input"] = ner_f1(nlp, [repair(t).text for t in texts], golds,
                                              [repair(t) for t in texts])
        ner["lowercased"] = ner_f1(nlp, [lower_text(t) for t in texts], golds)
        low_reps = [repair(lower_text(t)) for t in texts]
        ner["lowercased, then repaired"] = ner_f1(nlp, [r.text for r in low_reps], golds, low_reps)
        # throughput: spaCy and repair timed alternately, best of THROUGHPUT_RUNS each (the
        # machine is shared, so the fastest run is the one least disturbed by other jobs)
        for name, tx in (("CoNLL testa noisy", noisy), ("BBC b+p clean", bbc)):
            t_sp, t_rep = best_of(THROUGHPUT_RUNS, lambda tx=tx: drain(nlp.pipe(tx, batch_size=32)),
                                  lambda tx=tx: drain(repair(t) for t in tx))
            ntok = sum(len(words(t)) for t in tx)
            spacy_tps[name] = (ntok / t_sp, ntok / t_rep)
        for k, v in ner.items():
            print(f"NER F1 {k:28} {v:6.2f}")
        for k, (sp, rp) in spacy_tps.items():
            print(f"throughput {k:22} spaCy {sp:9,.0f} tok/s   repair {rp:9,.0f} tok/s   ratio {rp / sp:5.1f}x")

    write_md(rows, qstats, clean_quotes, len(bbc), ner, spacy_tps, args, model_info)
    return 0


def write_md(rows, qstats, clean_quotes, nbbc, ner, spacy_tps, args, model_info) -> None:
    cmd = "`.venv/bin/python bench/repair.py" + (f" --limit {args.limit}" if args.limit else "") + "`"
    lines = [
        "# Text repair benchmark",
        "",
        f"Command: {cmd}  ",
        f"Date: {dt.date.today().isoformat()}  ",
        "Data (dev): CoNLL-2003 `eng.testa` (sentences one per line); BBC business+politics articles held back "
        "from training (file number divisible by 5). Title noise: each lowercase word capitalised with p=0.3 "
        f"(seed {SEED}). Baseline: PyPI `truecase` 0.0.14 (`get_true_case_from_tokens`, OOV as Title), run on the "
        "same sentences and words in the same run. Word tokens only.",
        "",
        f"Model: `src/byline/models/truecase.json.gz`, {model_info[0]:.2f} MB, loads in {model_info[1]:.2f} s.",
        "",
        "| corpus | input | system | token acc % | F1 capitalised | F1 exact | damage % | changed % | tokens/s |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for cname, cond, system, res, tps in rows:
        lines.append(f"| {cname} | {cond} | {system} | {res['acc']:.2f} | {res['f1']:.2f} | {res['f1x']:.2f} | "
                     f"{res['damage']:.3f} | "
                     f"{res['changed']:.3f} | {tps:,.0f} |")
    lines += ["", "F1 capitalised: a word counts as capitalised when its first letter is. F1 exact: a capitalised "
              "gold word is found only when cased exactly as in the gold (ALL-CAPS headlines count). "
              "Damage = correct input words made wrong, as % of correct input words. "
              "Changed = words altered at all (on clean input this is the false-alarm rate). "
              "tokens/s here includes the scoring loop.", ""]
    if qstats:
        lines += ["## Quote damage (BBC held-back part, quotes curled, one injected damage per copy)", "",
                  "| damage | copies | exactly restored % |", "|---|---:|---:|"]
        for kind, (ok, n) in qstats.items():
            lines.append(f"| {kind} | {n} | {100 * ok / max(1, n):.1f} |")
        lines += ["", f"Clean curly-quoted texts left byte-identical: {clean_quotes}/{nbbc}.", ""]
    if ner:
        lines += ["## spaCy NER on CoNLL testa (en_core_web_sm, entity-level F1, PER/LOC/ORG/MISC)", "",
                  "| text | NER F1 |", "|---|---:|"]
        lines += [f"| {k} | {v:.2f} |" for k, v in ner.items()]
        lines += ["", "Repaired-text entities are mapped back to original offsets with the repair's offset map.", ""]
    if spacy_tps:
        lines += ["## Throughput (same texts, same run)", "",
                  f"spaCy `nlp.pipe` and repair timed alternately on the same texts, best of {THROUGHPUT_RUNS} runs "
                  "each, on a 2-core machine shared with other jobs (figures vary from run to run).", "",
                  "| texts | spaCy nlp.pipe tok/s | repair tok/s | ratio |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {k} | {sp:,.0f} | {rp:,.0f} | {rp / sp:.1f}x |" for k, (sp, rp) in spacy_tps.items()]
        lines.append("")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
