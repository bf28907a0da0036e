"""Learn which first names go with "he" and which with "she", from the dev corpora.

    python -m byline.entities.train [--limit N]

Reads PolNeAR ``train`` texts and the BBC articles under ``../shared/data`` (read-only,
never copied), parses them with the shared spaCy pipeline, and counts, for every
he/him/his/himself and she/her/hers/herself, the first name of the one person
mentioned in that sentence (before the pronoun) or the sentence before - skipped
when zero or several people are, or when that person is never named with a first name. A first name gets a gender
when it has at least ``MIN_VOTES`` votes and ``MIN_SHARE`` of them agree. The table
is written to ``src/byline/models/first_names.json``. Deterministic: same data,
same table (files are read in sorted order, no sampling).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from byline import nlp as nlp_mod
from byline.entities.cluster import build
from byline.entities.lexicon import HONORIFICS, PRONOUNS, TITLE_NOUNS
from byline.entities.mentions import extract

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "models" / "first_names.json"
MIN_VOTES = 4
MIN_SHARE = 0.75
#: PolNeAR train (840 US political articles) first, then BBC: the default reads PolNeAR and
#: 360 BBC articles, about 20 minutes on two shared cores.
DEFAULT_LIMIT = 1200


def corpus(data: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((data / "polnear" / "train" / "text")
                                                                            .glob("*.txt"))]
    for topic in sorted(p for p in (data / "bbc").iterdir() if p.is_dir()):
        texts += [p.read_bytes().decode("utf-8", errors="replace") for p in sorted(topic.glob("*.txt"))]
    return texts


def votes_of(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(first name, gender) votes from one parsed document: a pronoun votes when exactly one
    person (of any name form) is mentioned in its sentence before it or in the sentence before,
    and that person's fullest name starts with a first name."""
    clusters = build(doc, extract(doc))
    sent_of = {}
    for si, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.i] = si
    people: list[tuple[int, int, int]] = []  # (token, sentence, cluster)
    first_name: dict[int, str] = {}
    for ci, c in enumerate(clusters):
        if c.label != "PERSON":
            continue
        ws = c.longest().split()
        w0 = ws[0] if ws else ""
        if (len(ws) >= 2 and w0.isalpha() and w0[:1].isupper() and w0.lower() not in TITLE_NOUNS
                and w0.lower() not in HONORIFICS and not w0.lower().endswith(("man", "woman"))):
            first_name[ci] = w0
        for m in c.mentions:
            people.append((m.tok_start, sent_of.get(m.tok_start, 0), ci))
    out = []
    for tok in doc:
        g = PRONOUNS.get(tok.lower_, (None, ""))[0]
        if g not in ("male", "female"):
            continue
        si = sent_of[tok.i]
        near = {ci for (ti, s, ci) in people if ti < tok.i and si - s <= 1}
        if len(near) == 1:
            ci = near.pop()
            if ci in first_name:
                out.append((first_name[ci], g))
    return out


def train(texts: list[str], log=print) -> dict[str, object]:  # type: ignore[no-untyped-def]
    nlp = nlp_mod.load()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"male": 0, "female": 0})
    for i, doc in enumerate(nlp_mod.pipe(texts, nlp)):
        for name, g in votes_of(doc):
            counts[name][g] += 1
        if i % 200 == 0:
            log(f"{i}/{len(texts)} documents, {len(counts)} first names", flush=True)
    table = {}
    for name, c in sorted(counts.items()):
        n = c["male"] + c["female"]
        if n < MIN_VOTES:
            continue
        for g in ("male", "female"):
            if c[g] / n >= MIN_SHARE:
                table[name] = g
    return {"format": 1, "min_votes": MIN_VOTES, "min_share": MIN_SHARE, "documents": len(texts),
            "names": table, "votes": {k: [v["male"], v["female"]] for k, v in sorted(counts.items())
                                      if v["male"] + v["female"] >= MIN_VOTES}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="documents to read (0 = all)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (DATA / "polnear" / "train").exists():
        print(f"training data not found under {DATA}", file=sys.stderr)
        return 2
    texts = corpus(DATA)
    if args.limit:
        texts = texts[: args.limit]
    model = train(texts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model['names'])} first names")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
