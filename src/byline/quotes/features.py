"""Token features for the attribution tagger, from a spaCy Doc.

One CRF sequence per paragraph. Features are cheap (no vectors): the word and
its shape, tag and dependency label, named-entity type, whether it is inside
quote marks (from :mod:`byline.quotes.marks`), how likely its lemma is to be a
cue (a lexicon learned from the training data and shipped with the model), and
its syntactic relation to the nearest cue-like ancestor (``nsubj`` of a cue
tends to be the source, ``ccomp`` the content). The same code builds training
and run-time features, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc

from byline.quotes import marks

#: Lemmas that open reported content without being verbs.
PHRASE_CUES = {"according", "accord"}


_CHILD_DEPS = {"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "agent", "advcl", "parataxis", "mark"}


def cue_bucket(p: float) -> str:
    if p >= 0.6:
        return "h"
    if p >= 0.3:
        return "m"
    if p >= 0.1:
        return "l"
    if p > 0:
        return "t"
    return "0"


def _shape(w: str) -> str:
    if w.isdigit():
        return "d"
    if w.isupper() and len(w) > 1:
        return "XX"
    if w[:1].isupper():
        return "Xx"
    if w.isalpha():
        return "x"
    if w.isalnum():
        return "a"
    return "p"


def paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token ranges ``[i, j)`` of the paragraphs (split at newline tokens)."""
    start = 0
    n = len(doc)
    for i in range(n):
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            if i > start:
                yield start, i
            start = i + 1
    if start < n:
        yield start, n


def doc_features(doc: Doc, cue_probs: Mapping[str, float],
                 quoted: list[marks.Quoted] | None = None) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Feature strings per token of ``doc`` and the paragraph token ranges."""
    text = doc.text
    if quoted is None:
        quoted = marks.find(text)
    mask = marks.inside_mask(text, quoted)
    n = len(doc)
    words: list[str] = []
    qs: list[str] = []
    cues: list[str] = []
    poss: list[str] = []
    lemmas: list[str] = []
    for tok in doc:
        w = tok.lower_
        words.append(w if len(w) < 25 else w[:25])
        idx = tok.idx
        m = mask[idx] if idx < len(mask) else 0
        qs.append("m" if m == 2 else ("i" if m == 1 else "o"))
        lem = tok.lemma_.lower()
        lemmas.append(lem)
        cues.append(cue_bucket(cue_probs.get(lem, 0.0)))
        poss.append(tok.tag_)
    # nearest cue-like ancestor: relation of the child on the path, and distance
    anc_rel: list[str] = ["-"] * n
    is_cue = [(c in ("h", "m") and poss[i][:1] in ("V", "N", "J")) or lemmas[i] in PHRASE_CUES
              for i, c in enumerate(cues)]
    for tok in doc:
        cur = tok
        depth = 0
        while depth < 8:
            head = cur.head
            if head.i == cur.i:
                break
            depth += 1
            if is_cue[head.i]:
                anc_rel[tok.i] = f"{cur.dep_}{min(depth, 3)}"
                break
            cur = head
    # per sentence: position of each token relative to the first strong cue
    side: list[str] = ["n"] * n
    for sent in doc.sents:
        first = next((t.i for t in sent if is_cue[t.i] and cues[t.i] == "h" and qs[t.i] == "o"), None)
        if first is not None:
            for t in sent:
                side[t.i] = "L" if t.i < first else ("C" if t.i == first else "R")
    feats: list[list[str]] = []
    for tok in doc:
        i = tok.i
        w = words[i]
        head = tok.head
        f = [
            "b", "w=" + w, "s3=" + w[-3:], "sh=" + _shape(tok.text), "p=" + poss[i], "d=" + tok.dep_,
            "e=" + (tok.ent_iob_ + tok.ent_type_ if tok.ent_type_ else "O"), "q=" + qs[i], "c=" + cues[i],
            "a=" + anc_rel[i], "hp=" + head.tag_, "hc=" + cues[head.i], "hd=" + tok.dep_ + "|" + head.dep_,
            "qc=" + qs[i] + cues[i], "pd=" + poss[i] + "|" + tok.dep_,
        ]
        f.append("sd=" + side[i] + qs[i])
        f.append("sda=" + side[i] + anc_rel[i])
        if is_cue[i] or poss[i][:1] == "V":
            f.extend("ch=" + c.dep_ for c in tok.children if c.dep_ in _CHILD_DEPS)
        if tok.is_sent_start:
            f.append("ss")
        if i + 1 < n and doc[i + 1].is_sent_start:
            f.append("se")
        if is_cue[head.i]:
            f.append("hl=" + lemmas[head.i])
        if is_cue[i]:
            f.append("l=" + lemmas[i])
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f.append(f"{off}w={words[j]}")
                f.append(f"{off}p={poss[j]}")
                f.append(f"{off}q={qs[j]}")
                f.append(f"{off}c={cues[j]}")
            else:
                f.append(f"{off}=pad")
        feats.append(f)
    return feats, list(paragraphs(doc))
