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

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.tokens import Doc

from byline.nlp import doc_text
from byline.quotes import marks

#: Lemmas that open reported content without being verbs.
PHRASE_CUES = {"according", "accord"}


#: How far up the parse the ancestor walk goes.
MAX_DEPTH = 24
#: Relations of a cue-like word's children whose subtree edges become features.
_EDGE_DEPS = {"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "advcl", "prep", "agent", "pobj"}

_CHILD_DEPS = {"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "agent", "advcl", "parataxis", "mark"}


_RANK = {"0": 0, "t": 1, "l": 2, "m": 3, "h": 4}


def _dist_bucket(d: int) -> str:
    return str(d) if d < 3 else ("5" if d <= 5 else ("10" if d <= 10 else "far"))


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


_ATTRS = [LOWER, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, IDX, IS_SPACE, ORTH]
_IOB = {0: "", 1: "I", 2: "O", 3: "B"}


class Arrays:
    """Token attributes of a Doc as plain Python lists (no Token objects: fast)."""

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        cache: dict[int, str] = {}

        def s(h: int) -> str:
            v = cache.get(h)
            if v is None:
                v = cache[h] = strings[h] if h else ""
            return v

        arr = doc.to_array(_ATTRS).tolist() if len(doc) else []
        self.n = len(arr)
        self.lower = [s(r[0]) for r in arr]
        self.lemma = [s(r[1]).lower() for r in arr]
        self.tag = [s(r[2]) for r in arr]
        self.dep = [s(r[3]) for r in arr]
        self.head = [i + (r[4] if r[4] < 2**63 else r[4] - 2**64) for i, r in enumerate(arr)]
        self.ent = [(_IOB.get(r[5], "") + s(r[6])) if r[6] else "O" for r in arr]
        self.sent_start = [r[7] == 1 for r in arr]
        self.idx = [r[8] for r in arr]
        self.space = [bool(r[9]) for r in arr]
        self.orth = [s(r[10]) for r in arr]
        sid = 0
        self.sent_id: list[int] = []
        for k, r in enumerate(arr):
            if r[7] == 1 and k:
                sid = k
            self.sent_id.append(sid)

    def paragraphs(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        start = 0
        for i in range(self.n):
            if self.space[i] and "\n" in self.orth[i]:
                if i > start:
                    out.append((start, i))
                start = i + 1
        if start < self.n:
            out.append((start, self.n))
        return out


def doc_features(doc: Doc, cue_probs: Mapping[str, float], quoted: list[marks.Quoted] | None = None,
                 only_cued: bool = False, arrays: Arrays | None = None, text: str | None = None,
                 ) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Feature strings per token of ``doc`` and the paragraph token ranges.

    With ``only_cued``, paragraphs with no cue-like word and no quote mark get no
    features (their lists stay empty) and are left out of the returned ranges:
    the tagger would find nothing there, and skipping them saves time.
    """
    if text is None:
        text = doc_text(doc)  # cached: spaCy rebuilds doc.text on every access
    if quoted is None:
        quoted = marks.find(text)
    mask = marks.inside_mask(text, quoted)
    a = arrays if arrays is not None else Arrays(doc)
    n = a.n
    words = [w if len(w) < 25 else w[:25] for w in a.lower]
    lm = len(mask)
    qs = ["m" if (m := (mask[i] if i < lm else 0)) == 2 else ("i" if m == 1 else "o") for i in a.idx]
    lemmas = a.lemma
    cues = [cue_bucket(cue_probs.get(lem, 0.0)) for lem in lemmas]
    poss = a.tag
    deps = a.dep
    heads = a.head
    is_cue = [(c in ("h", "m") and poss[i][:1] in ("V", "N", "J")) or lemmas[i] in PHRASE_CUES
              for i, c in enumerate(cues)]
    paras = a.paragraphs()
    if only_cued:
        paras = [(i, j) for i, j in paras
                 if any(is_cue[k] or cues[k] == "l" or qs[k] != "o" for k in range(i, j))]
    wanted = [False] * n
    for i, j in paras:
        for k in range(i, j):
            wanted[k] = True
    # nearest cue-like ancestor: relation of the child on the path, distance and the
    # cue's lemma; the relation of the path's last step below the sentence root; and
    # the edges of each token's subtree (constituent boundaries of content and source)
    anc_rel: list[str] = ["-"] * n
    anc_lem: list[str] = [""] * n
    verb_anc: list[str] = [""] * n
    root_rel: list[str] = ["-"] * n
    left = list(range(n))
    right = list(range(n))
    for t in range(n):
        if not wanted[t]:
            continue
        cur = prev = t
        found = verb = False
        for depth in range(1, MAX_DEPTH):
            h = heads[cur]
            if h == cur or not 0 <= h < n:
                break
            prev = cur
            if not verb and poss[h][:1] == "V":
                verb = True
                verb_anc[t] = lemmas[h] + "|" + deps[cur]
            if t < left[h]:
                left[h] = t
            elif t > right[h]:
                right[h] = t
            if not found and is_cue[h]:
                found = True
                anc_rel[t] = f"{deps[cur]}{min(depth, 3)}"
                anc_lem[t] = lemmas[h]
            cur = h
        root_rel[t] = deps[prev] + cues[cur] if cur != t else "R"
    # boundaries of the constituents a cue-like word governs (its complement, object, subject)
    edge: list[list[str]] = [[] for _ in range(n)]
    for t in range(n):
        h = heads[t]
        if not wanted[t] or h == t or not 0 <= h < n or deps[t] not in _EDGE_DEPS or cues[h] == "0":
            continue
        tag = deps[t] + cues[h]
        edge[left[t]].append("lb=" + tag)
        edge[right[t]].append("rb=" + tag)
        if right[t] + 1 < n:
            edge[right[t] + 1].append("ra=" + tag)
    children: list[list[str]] = [[] for _ in range(n)]
    for t in range(n):
        h = heads[t]
        if h != t and 0 <= h < n and deps[t] in _CHILD_DEPS:
            children[h].append("ch=" + deps[t])
    # per sentence: position of each token relative to the first strong cue
    side: list[str] = ["n"] * n
    sent_bounds = [i for i in range(n) if a.sent_start[i] or i == 0] + [n]
    sent_f: list[str] = ["sf="] * n
    # paragraph summary: has quote marks; the previous paragraph had them and a strong cue
    para_f: list[str] = ["pf="] * n
    prev = "--"
    for i, j in paras:
        has_q = "q" if any(qs[k] != "o" for k in range(i, j)) else "-"
        has_c = "c" if any(is_cue[k] and qs[k] == "o" for k in range(i, j)) else "-"
        for k in range(i, j):
            para_f[k] = "pf=" + has_q + prev
        prev = has_q + has_c
    sent_cue: list[str] = [""] * n
    cue_dist: list[str] = ["n"] * n
    para_of = [0] * n
    for i, j in paras:
        for k in range(i, j):
            para_of[k] = i
    for s_i in range(len(sent_bounds) - 1):
        s0, s1 = sent_bounds[s_i], sent_bounds[s_i + 1]
        first = next((t for t in range(s0, s1) if is_cue[t] and cues[t] == "h" and qs[t] == "o"), None)
        if first is not None:
            for t in range(s0, s1):
                side[t] = "L" if t < first else ("C" if t == first else "R")
                sent_cue[t] = lemmas[first]
                cue_dist[t] = side[t] + _dist_bucket(abs(t - first))
        # sentence summary: first in its paragraph, has quote marks, strongest cue outside them
        best = max((cues[t] for t in range(s0, s1) if qs[t] == "o" and cues[t] != "0"), key=_RANK.get, default="0")
        summary = ("sf=" + ("1" if para_of[s0] == s0 else "n") + ("q" if any(qs[t] != "o" for t in range(s0, s1))
                                                                    else "-") + best)
        for t in range(s0, s1):
            sent_f[t] = summary
    nb = {off: ([f"{off}w={w}" for w in words], [f"{off}p={p}" for p in poss],
                [f"{off}q={q}" for q in qs], [f"{off}c={c}" for c in cues]) for off in (-2, -1, 1, 2)}
    feats: list[list[str]] = [[] for _ in range(n)]
    for i in range(n):
        if not wanted[i]:
            continue
        w = words[i]
        h = heads[i] if 0 <= heads[i] < n else i
        f = [
            "b", "w=" + w, "s3=" + w[-3:], "sh=" + _shape(a.orth[i]), "p=" + poss[i], "d=" + deps[i],
            "e=" + a.ent[i], "q=" + qs[i], "c=" + cues[i],
            "a=" + anc_rel[i], "hp=" + poss[h], "hc=" + cues[h], "hd=" + deps[i] + "|" + deps[h],
            "qc=" + qs[i] + cues[i], "pd=" + poss[i] + "|" + deps[i],
            "sd=" + side[i] + qs[i], "sda=" + side[i] + anc_rel[i], "rr=" + root_rel[i], sent_f[i],
            "bw=" + (words[i - 1] if i else "") + "|" + w, "pb=" + (poss[i - 1] if i else "") + "|" + poss[i],
            "cd=" + cue_dist[i], para_f[i],
        ]
        if verb_anc[i]:
            f.append("va=" + verb_anc[i])
        if sent_cue[i]:
            f.append("sl=" + sent_cue[i] + side[i])
        if poss[i][:1] == "V":
            f.append("lm=" + lemmas[i])
        if anc_lem[i]:
            f.append("al=" + anc_lem[i])
            f.append("alr=" + anc_lem[i] + "|" + anc_rel[i])
        if edge[i]:
            f.extend(edge[i])
        if is_cue[i] or poss[i][:1] == "V":
            f.extend(children[i])
        if a.sent_start[i]:
            f.append("ss")
        if i + 1 < n and a.sent_start[i + 1]:
            f.append("se")
        if is_cue[h]:
            f.append("hl=" + lemmas[h])
        if is_cue[i]:
            f.append("l=" + lemmas[i])
        for off, (fw, fp, fq, fc) in nb.items():
            j = i + off
            if 0 <= j < n:
                f.extend((fw[j], fp[j], fq[j], fc[j]))
            else:
                f.append(f"{off}=pad")
        feats[i] = f
    return feats, paras
