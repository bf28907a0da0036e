"""Benchmark the entities stage: NER on CoNLL testa (clean / noisy / repaired) and
pronoun and description resolution of speakers on PolNeAR dev.

Run: ``.venv/bin/python bench/entities.py [--limit N] [--skip-ner] [--skip-speakers]``
(``--limit`` cuts each corpus to N documents while iterating). Prints tables and
writes ``docs/benchmarks/entities.md``.

NER (CoNLL-2003 ``eng.testa``, dev): each ``-DOCSTART-`` document is one text,
tokens joined by spaces, sentences by newlines. Entity-level F1, exact span and
type, over PER / ORG / LOC only (MISC ignored on both sides). Systems: spaCy's
``doc.ents`` as they come (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC) and Byline's
entity name mentions (type from the entity they were merged into; titles,
determiners and quote marks cut off; common words dropped). Conditions: clean;
30 % random Title-Case noise (each all-lowercase word capitalised with p=0.3,
seed 11); the same noisy text after ``byline.repair`` (spans mapped back to the
noisy text through the repair's offset map).

Speakers (PolNeAR ``dev``, first annotation file per article by sorted name): gold
Source spans whose text is a third-person pronoun (he, she, they, it, him, her)
or a description (no capitalised word but a leading determiner: "the campaign",
"a spokesman", "officials"). For each, the repaired-text span is given to the
entities stage's resolver (``ctx.entity_at``). *Linked*: it returns an entity that
is also named (a name mention) elsewhere in the article. *Right*: PolNeAR has no
coreference gold, so the antecedent is approximated by the nearest preceding gold
Source span of the same article that holds a proper name (a PERSON, ORG or GPE
that spaCy tags inside it); the link counts as right when one of that span's
capitalised words (3+ letters) is a word of the linked entity's name or aliases.
The proxy is rough (the nearest named source is not always the antecedent), so
a sample of links is also judged by hand (``--samples FILE`` writes them). Spans with no preceding named source
are left out of precision. Baseline in the same run: link every pronoun and
description to the most recent preceding PERSON (he/she) or PERSON/ORG (others)
name mention.
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

from byline import nlp as nlp_mod  # noqa: E402
from byline.entities import analyze  # noqa: E402
from byline.pipeline import get_pipeline, new_context  # noqa: E402
from byline.repair import repair  # noqa: E402
from byline.repair.corpora import read_conll  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "docs" / "benchmarks" / "entities.md"
SEED = 11
NOISE = 0.3
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
WORD = re.compile(r"[A-Za-z]+")

PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "some", "many",
               "most", "one", "two", "three", "several", "other", "another", "both", "all", "few", "no", "each",
               "any", "such", "our", "my", "your"}


# -- CoNLL ---------------------------------------------------------------------------------
def conll_docs(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(text, gold entities as (start, end, type)) per document."""
    docs = [[[(row[0], row[-1]) for row in sent] for sent in doc] for doc in read_conll(path)]
    out = []
    for d in docs:
        text_parts: list[str] = []
        gold: set[tuple[int, int, str]] = set()
        pos = 0
        for si, s in enumerate(d):
            if si:
                text_parts.append("\n")
                pos += 1
            cur_ent: list | None = None
            for ti, (tok, lab) in enumerate(s):
                if ti:
                    text_parts.append(" ")
                    pos += 1
                typ = lab[2:] if lab != "O" else None
                if cur_ent is not None and (typ != cur_ent[2] or lab.startswith("B-")):
                    gold.add(tuple(cur_ent))
                    cur_ent = None
                if typ is not None:
                    if cur_ent is None:
                        cur_ent = [pos, pos + len(tok), typ]
                    else:
                        cur_ent[1] = pos + len(tok)
                text_parts.append(tok)
                pos += len(tok)
            if cur_ent is not None:
                gold.add(tuple(cur_ent))
        out.append(("".join(text_parts), {g for g in gold if g[2] in ("PER", "ORG", "LOC")}))
    return out


def title_noise(text: str, rng: random.Random) -> str:
    chars = list(text)
    for m in WORD.finditer(text):
        w = m.group()
        if w.islower() and rng.random() < NOISE:
            chars[m.start()] = w[0].upper()
    return "".join(chars)


def predictions(doc, mapper) -> tuple[set, set]:
    """(spaCy's entities, Byline's name mentions) as (start, end, type) in input offsets."""
    sp = set()
    for e in doc.ents:
        lab = SPACY_MAP.get(e.label_)
        if lab:
            sp.add((*mapper(e.start_char, e.end_char), lab))
    by = set()
    a = analyze(doc)
    for c in a.clusters:
        lab = SPACY_MAP.get(c.label)
        if not lab:
            continue
        for m in c.mentions:
            by.add((*mapper(m.start, m.end), lab))
    return sp, by


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return 100 * p, 100 * r, 100 * 2 * p * r / max(1e-9, p + r)


def bench_ner(limit: int) -> tuple[list[tuple], float]:
    path = DATA / "conll2003" / "eng.testa"
    docs = conll_docs(path)
    if limit:
        docs = docs[:limit]
    rng = random.Random(SEED)
    nlp = nlp_mod.load()
    texts = [t for t, _ in docs]
    golds = [g for _, g in docs]
    noisy = [title_noise(t, rng) for t in texts]
    reps = [repair(t) for t in noisy]
    conds = {
        "clean": (texts, [None] * len(texts)),
        "30% Title-Case noise": (noisy, [None] * len(texts)),
        "noise, then repaired": ([r.text for r in reps], reps),
    }
    rows = []
    t0 = time.perf_counter()
    for cname, (tx, maps) in conds.items():
        counts = {"spaCy ents": [0, 0, 0], "Byline entities": [0, 0, 0]}
        for doc, gold, rep in zip(nlp.pipe(tx, batch_size=16), golds, maps, strict=True):
            mapper = (lambda s, e, _r=rep: _r.to_original(s, e)) if rep is not None else (lambda s, e: (s, e))
            sp, by = predictions(doc, mapper)
            for name, pred in (("spaCy ents", sp), ("Byline entities", by)):
                c = counts[name]
                c[0] += len(pred & gold)
                c[1] += len(pred - gold)
                c[2] += len(gold - pred)
        for name, (tp, fp, fn) in counts.items():
            p, r, f = prf(tp, fp, fn)
            rows.append((cname, name, p, r, f))
            print(f"{cname:24} {name:16} P {p:6.2f}  R {r:6.2f}  F1 {f:6.2f}", flush=True)
    return rows, time.perf_counter() - t0


# -- PolNeAR -------------------------------------------------------------------------------
def polnear_docs(split: str, limit: int) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(name, text, gold Source spans (start, end, text)) per article."""
    base = DATA / "polnear" / split
    anns: dict[str, Path] = {}
    for p in sorted((base / "attributions").glob("*.ann")):
        stem = re.sub(r"_[^_]+$", "", p.stem)
        anns.setdefault(stem, p)
    out = []
    for stem, ann in sorted(anns.items()):
        tpath = base / "text" / f"{stem}.txt"
        if not tpath.exists():
            continue
        text = tpath.read_text(encoding="utf-8")
        sources = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[1].startswith("Source "):
                continue
            frag = parts[1].split(" ", 1)[1].split(";")[0]
            s, e = (int(x) for x in frag.split())
            sources.append((s, e, text[s:e]))
        out.append((stem, text, sorted(sources)))
        if limit and len(out) >= limit:
            break
    return out


def kind_of(span_text: str) -> str:
    ws = span_text.split()
    if not ws:
        return "other"
    low = span_text.strip().lower()
    if low in PRONOUNS:
        return "pronoun"
    if low in ("i", "we", "you", "me", "us"):
        return "first/second person"
    caps = [w for w in ws[1:] if w[:1].isupper()]
    first = ws[0]
    if not caps and (first[:1].islower() or first.lower() in DETERMINERS) and len(ws) <= 12:
        return "description"
    return "named"


def named(ctx, start: int, end: int) -> bool:  # type: ignore[no-untyped-def]
    """Does the gold span hold a proper name (a PERSON, ORG or GPE that spaCy tags inside it)?"""
    rs, re_ = ctx.repair.to_repaired(start, end)
    return any(e.start_char >= rs and e.end_char <= re_ and e.label_ in ("PERSON", "ORG", "GPE")
               for e in ctx.doc.ents)


def cap_words(s: str) -> set[str]:
    return {w.lower() for w in WORD.findall(s) if w[:1].isupper() and len(w) >= 3}


def bench_speakers(limit: int) -> tuple[dict, list[str]]:
    docs = polnear_docs("dev", limit)
    pipe = get_pipeline("quotes,times,claims,events,flags")
    stats = {k: {"n": 0, "linked": 0, "judged": 0, "right": 0, "base_linked": 0, "base_judged": 0,
                 "base_right": 0} for k in ("pronoun", "description")}
    samples: list[str] = []
    for _stem, text, sources in docs:
        ctx = new_context(text)
        pipe.run_stages(ctx)
        ents = {e.id: e for e in ctx.brief.entities}
        name_mentions = sorted(
            (ctx.repair.to_repaired(m.span.start, m.span.end)[0], e.id, e.type)
            for e in ctx.brief.entities for m in e.mentions if m.kind == "name"
        )
        for idx, (s, e, stext) in enumerate(sources):
            kind = kind_of(stext)
            if kind not in stats:
                continue
            st = stats[kind]
            st["n"] += 1
            rs, re_ = ctx.repair.to_repaired(s, e)
            eid = ctx.entity_at(rs, re_)
            antecedent = next((t for (s2, e2, t) in reversed(sources[:idx]) if named(ctx, s2, e2)), None)
            if eid is not None:
                ent = ents[eid]
                elsewhere = any(m.kind == "name" and not (m.span.start >= s and m.span.end <= e) for m in ent.mentions)
                if elsewhere:
                    st["linked"] += 1
                    if antecedent is not None:
                        st["judged"] += 1
                        names = {w.lower() for n in [ent.name, *ent.aliases] for w in WORD.findall(n)}
                        ok = bool(cap_words(antecedent) & names)
                        st["right"] += ok
                        ctx_text = text[max(0, s - 160):e + 40].replace("\n", " ")
                        samples.append(f"{'OK ' if ok else 'BAD'} [{kind}] {stext!r} -> {ent.name!r} "
                                       f"(antecedent {antecedent!r}) ... {ctx_text}")
            # baseline: most recent preceding name mention of a person (he/she) or person/org
            want = ("PERSON",) if stext.strip().lower() in ("he", "she", "him", "her") else ("PERSON", "ORG")
            prev = [x for x in name_mentions if x[0] < rs and x[2] in want]
            if prev:
                st["base_linked"] += 1
                if antecedent is not None:
                    st["base_judged"] += 1
                    be = ents[prev[-1][1]]
                    names = {w.lower() for n in [be.name, *be.aliases] for w in WORD.findall(n)}
                    st["base_right"] += bool(cap_words(antecedent) & names)
    for kind, st in stats.items():
        print(f"{kind:12} n={st['n']:4}  linked {st['linked']:4} ({100 * st['linked'] / max(1, st['n']):5.1f}%)  "
              f"precision {100 * st['right'] / max(1, st['judged']):5.1f}% of {st['judged']}  |  baseline linked "
              f"{st['base_linked']} precision {100 * st['base_right'] / max(1, st['base_judged']):5.1f}% "
              f"of {st['base_judged']}", flush=True)
    return stats, samples


# -- report --------------------------------------------------------------------------------
def write(ner_rows: list[tuple], ner_secs: float, stats: dict | None, args: argparse.Namespace) -> None:
    lines = [
        "# Entities benchmark",
        "",
        f"Command: `.venv/bin/python bench/entities.py{' --limit ' + str(args.limit) if args.limit else ''}`  ",
        f"Date: {dt.date.today().isoformat()}  ",
        f"Model: {nlp_mod.model_name()}",
        "",
        "Procedures: see the docstring of `bench/entities.py`.",
        "",
    ]
    if ner_rows:
        lines += [
            "## NER on CoNLL-2003 eng.testa (dev), PER/ORG/LOC, exact span and type",
            "",
            "| condition | system | precision | recall | F1 |",
            "|---|---|---:|---:|---:|",
        ]
        lines += [f"| {c} | {s} | {p:.1f} | {r:.1f} | {f:.1f} |" for c, s, p, r, f in ner_rows]
        by = {(c, s): f for c, s, _, _, f in ner_rows}
        clean = by.get(("clean", "Byline entities"))
        rep = by.get(("noise, then repaired", "Byline entities"))
        if clean is not None and rep is not None:
            lines += ["", f"Byline entities, noisy-then-repaired vs clean: {rep - clean:+.1f} F1 points "
                      f"(target: within 2). NER part ran in {ner_secs:.0f} s."]
        lines.append("")
    if stats:
        lines += [
            "## Speaker mentions on PolNeAR dev: pronouns and descriptions",
            "",
            "| kind | gold source spans | linked to a named entity | precision (proxy) | baseline linked | "
            "baseline precision |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        tot = {k: 0 for k in next(iter(stats.values()))}
        for st in stats.values():
            for k, v in st.items():
                tot[k] += v
        for kind, st in [*stats.items(), ("all", tot)]:
            lines.append(
                f"| {kind} | {st['n']} | {st['linked']} ({100 * st['linked'] / max(1, st['n']):.1f} %) | "
                f"{100 * st['right'] / max(1, st['judged']):.1f} % of {st['judged']} | {st['base_linked']} | "
                f"{100 * st['base_right'] / max(1, st['base_judged']):.1f} % of {st['base_judged']} |")
        lines.append("")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    notes = old.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in old else "\n"
    OUT.write_text("\n".join(lines) + "\n<!-- notes -->" + notes, encoding="utf-8")
    print(f"wrote {OUT}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0 = all)")
    ap.add_argument("--skip-ner", action="store_true")
    ap.add_argument("--skip-speakers", action="store_true")
    ap.add_argument("--samples", type=Path, help="write the judged links here, one per line, for hand checking")
    args = ap.parse_args(argv)
    if not (DATA / "conll2003" / "eng.testa").exists() or not (DATA / "polnear" / "dev").exists():
        print(f"dev data not found under {DATA}: nothing to benchmark", file=sys.stderr)
        return 2
    ner_rows: list[tuple] = []
    secs = 0.0
    if not args.skip_ner:
        ner_rows, secs = bench_ner(args.limit)
    stats = None
    if not args.skip_speakers:
        stats, samples = bench_speakers(args.limit)
        if args.samples:
            args.samples.write_text("\n".join(samples) + "\n", encoding="utf-8")
    write(ner_rows, secs, stats, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
