"""Boundary reranker: picks where an attribution's content starts and ends.

The tagger and the cue-centred second stage often find the right attribution
with the wrong edges: a leading "the", "that" or adverbial phrase in or out, a
trailing relative clause ("..., which ..."), coordinated clause or prepositional
phrase too many or too few, a sentence more or less. PolNeAR's conventions on
these depend on the parse and the cue, which a token-level CRF reading a few
words either side does not see (and they are far from consistent).

For each attribution this module lists a few alternative *starts* of its first
content piece and *ends* of its last one, each from a rule that names where
boundaries tend to be (the CRF's own edge, a word more or less, the cue verb's
complement subtrees, the clause without its leading complementiser or modifier,
the end before a relative or coordinated clause or a comma, the sentence's
edges, the quoted stretch's edges, where the CRF's content marginal crosses
0.5). Two conditional logits (a softmax over the alternatives of one edge; one
model for starts, one for ends; weights shipped as JSON in
``byline/models/quotes_rerank.json``, trained by :mod:`byline.quotes.train_rerank`
on cross-fitted CRF predictions on PolNeAR train) score each alternative from
the parse, the cue, punctuation, the CRF marginals at the edge and the words it
adds or cuts. The most probable one replaces the edge when it beats the
original by the model's margin. An alternative never takes in another
attribution's words, and an edge never moves across the quoted shares from
which the stage calls a content a direct quote (the quote marks decide that,
not the reranker). Everything is read from the tagger's token arrays and
marginals: no extra spaCy pass (about 6 ms per article).
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path

from spacy.tokens import Doc

from byline.quotes import features, marks
from byline.quotes.cues import Marginals
from byline.quotes.decode import Attr

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "quotes_rerank.json"

#: Words whose identity is a feature at an edge (others by part of speech).
_CLOSED = {"that", "the", "a", "an", "to", "which", "who", "and", "but", "or", "as", "in", "on", "of", "for", "with",
           "by", "if", "whether", "how", "why", "what", "when", "where", "it", "he", "she", "they", "we", "i", "you",
           "his", "her", "their", "its", "this", "these", "no", "not", "so", "because", "while", "after", "before",
           "from", "at", "about", "more", "than", "including", "saying", "said", "says", "told", "according"}
#: Relations of a clause or phrase that a content often ends before ("X, which ...", "X and Y", "X, in a statement";
#: a preposition only after a comma: without one, the candidates are many and seldom right).
_TAIL_DEPS = {"relcl", "conj", "cc", "prep", "advcl", "acl", "npadvmod", "appos", "advmod", "agent", "parataxis"}
#: Complements of a cue verb that hold its content.
_COMP_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "pcomp", "pobj"}
#: Shares of a content inside quote marks from which the stage makes it a direct quote
#: (one quoted stretch holding ``HOST_SHARE`` of it; ``DIRECT_SHARE`` in all): moving an edge must not cross them.
DIRECT_SHARES = (marks.HOST_SHARE, marks.DIRECT_SHARE)
#: How many words from the original edge a rule's alternative may lie.
MAX_SHIFT = 60


class EdgeMarginals(Marginals):
    """The CRF's marginals (:class:`~byline.quotes.cues.Marginals`) plus those of a content's
    first token (``B-CON``) and of its following tokens (``I-CON``), from which the CRF's own
    belief that a content starts or ends at a token is read; also carries the tagger's token
    arrays so that the reranker reads the parse without making Token objects."""

    def __init__(self, n: int, arrays: features.Arrays | None = None):
        super().__init__(n)
        self.bcon = [0.0] * n
        self.icon = [0.0] * n
        self.arrays = arrays

    def fill(self, marginal, i: int, j: int) -> None:
        for k in range(j - i):
            b, ic = marginal("B-CON", k), marginal("I-CON", k)
            self.bcon[i + k], self.icon[i + k] = b, ic
            self.con[i + k] = b + ic
            self.cue[i + k] = marginal("B-CUE", k) + marginal("I-CUE", k)
            self.src[i + k] = marginal("B-SRC", k) + marginal("I-SRC", k)

    def starts_at(self, i: int) -> float:
        return self.bcon[i]

    def ends_at(self, i: int) -> float:
        """P(token ``i`` is content and token ``i + 1`` does not continue it), about."""
        nxt = self.icon[i + 1] if i + 1 < len(self.icon) else 0.0
        return max(0.0, self.con[i] - nxt)


def _b(p: float) -> str:
    return "0" if p < 0.05 else "1" if p < 0.2 else "2" if p < 0.5 else "3" if p < 0.8 else "4"


def _shift(d: int) -> str:
    if abs(d) <= 3:
        return str(d)
    return ("+" if d > 0 else "-") + ("6" if abs(d) <= 6 else "12" if abs(d) <= 12 else "far")


def _cum(flags: Iterable[bool]) -> list[int]:
    return list(accumulate(flags, initial=0))


class Context:
    """One Doc's token attributes as lists, for generating and scoring alternatives cheaply."""

    def __init__(self, doc: Doc, quoted: set[int], marg: Marginals | None, arrays: features.Arrays | None = None):
        a = arrays if arrays is not None and arrays.n == len(doc) else features.Arrays(doc)
        self.doc, self.a, self.quoted, self.marg = doc, a, quoted, marg
        n = a.n
        self.n = n
        self.is_word = [w.isalnum() or any(ch.isalnum() for ch in w) for w in a.orth]
        self.rank: list[int] = []
        k = 0
        for w in self.is_word:
            self.rank.append(k if w else -1)
            k += w
        self.n_words = k
        self.words = [i for i in range(n) if self.is_word[i]]
        self.next_word = [-1] * (n + 1)  # first word token at or after i
        for i in range(n - 1, -1, -1):
            self.next_word[i] = i if self.is_word[i] else self.next_word[i + 1]
        self.prev_word = [-1] * n  # last word token at or before i
        last = -1
        for i in range(n):
            if self.is_word[i]:
                last = i
            self.prev_word[i] = last
        self.sent_end = [n] * n
        end = n
        for i in range(n - 1, -1, -1):
            self.sent_end[i] = end
            if a.sent_start[i]:
                end = i
        self.verb_cum = _cum(t.startswith("VB") or t == "MD" for t in a.tag)
        self.subj_cum = _cum(d in ("nsubj", "nsubjpass") for d in a.dep)
        self.sent_cum = _cum(a.sent_start)
        self.quoted_cum = _cum(i in quoted for i in range(n))
        self.con_cum = list(accumulate(marg.con, initial=0.0)) if marg is not None else [0.0]
        self.owned_cum = [0] * (n + 1)

    def own(self, attrs: list[Attr]) -> None:
        """Note the tokens of ``attrs`` (content, cue and source): no alternative may take them in."""
        flags = [False] * self.n
        for a in attrs:
            for i, j in a.content + a.cue + a.source:
                for t in range(max(0, i), min(j, self.n)):
                    flags[t] = True
        self.owned_cum = _cum(flags)

    def owned(self, i: int, j: int) -> bool:
        """Whether any token of ``[i, j)`` belongs to an attribution (see :meth:`own`)."""
        return i < j and self.owned_cum[j] > self.owned_cum[i]

    def quoting(self, i: int, j: int) -> int:
        """How much of ``[i, j)`` is inside quote marks, as the stage reads it: 0 (reported speech),
        1 (a quote that makes a reported host direct), 2 (a direct quote); see :data:`DIRECT_SHARES`."""
        q = sum(1 for t in range(i, j) if self.is_word[t] and t in self.quoted) if self.quoted else 0
        n = max(1, self.rank_span(i, j))
        return sum(q >= share * n for share in DIRECT_SHARES)

    def rank_span(self, i: int, j: int) -> int:
        """How many word tokens ``[i, j)`` holds."""
        w, v = self.first_word(i), self.last_word(j)
        return self.rank[v] - self.rank[w] + 1 if w is not None and v is not None and w <= v else 0

    def first_word(self, i: int) -> int | None:
        """The first word token at or after ``i``."""
        if i >= self.n:
            return None
        w = self.next_word[max(0, i)]
        return w if w >= 0 else None

    def last_word(self, j: int) -> int | None:
        """The last word token before ``j``."""
        if j <= 0:
            return None
        w = self.prev_word[min(j, self.n) - 1]
        return w if w >= 0 else None

    def word(self, i: int) -> str:
        """A token as a feature value: closed-class words as themselves, others by tag."""
        low = self.a.lower[i]
        return low if low in _CLOSED else self.a.tag[i]

    def region_root(self, i: int, j: int) -> int:
        """The first token of ``[i, j)`` whose head lies outside it (the region's root, about)."""
        head = self.a.head
        for t in range(i, j):
            if not i <= head[t] < j or head[t] == t:
                return t
        return i


def _ctx(doc: Doc, quoted: set[int], marg: Marginals | None) -> Context:
    return Context(doc, quoted, marg, getattr(marg, "arrays", None))


def _cue_verb(c: Context, a: Attr) -> int | None:
    toks = [t for i, j in a.cue for t in range(i, j)]
    return next((t for t in toks if c.a.tag[t].startswith("VB") or c.a.tag[t] == "MD"), toks[0] if toks else None)


def _starts(c: Context, a: Attr, v: int | None) -> dict[int, set[str]]:
    """Alternative first words of the content (token index -> the rules that name it)."""
    doc, A = c.doc, c.a
    s0, e_first = a.content[0]
    e_last = a.content[-1][1]
    w0 = c.first_word(s0)
    out: dict[int, set[str]] = {}
    if w0 is None or w0 >= e_last:
        return out

    def add(i: int | None, tag: str) -> None:
        if i is None or not 0 <= i < c.n:
            return
        w = c.first_word(i)
        if w is None or w >= e_last:
            return
        out.setdefault(w, set()).add(tag)

    add(w0, "orig")
    k = c.rank[w0]
    for d in (-1, 1):
        if 0 <= k + d < c.n_words:
            add(c.words[k + d], f"w{d:+d}")
    if A.lower[w0] in ("that", "whether", "if") or A.dep[w0] == "mark":
        add(w0 + 1, "nomark")
    if w0 > 0 and A.lower[w0 - 1] == "that":
        add(w0 - 1, "that")
    sent = A.sent_id[w0]
    add(sent, "sent")
    if sent > 0:
        add(A.sent_id[sent - 1], "prevsent")
    if v is not None:
        cue_end = max(j for i, j in a.cue)
        if cue_end <= w0:
            add(cue_end, "aftercue")
        for ch in doc[v].children:
            if ch.dep_ in _COMP_DEPS or ch.dep_ == "prep":
                add(ch.left_edge.i, "comp:" + ch.dep_)
                if ch.dep_ == "prep":
                    obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        add(obj.left_edge.i, "comp:pobj")
    # a leading modifier subtree of the content ("As for X, C", "More than Y, C")
    for t in range(w0, min(e_first, w0 + 15)):
        if t < A.head[t] < e_last:
            tok = doc[t]
            if tok.left_edge.i == w0 and A.head[t] > tok.right_edge.i:
                add(tok.right_edge.i + 1, "skipmod:" + A.dep[t])
    # the content's root's subtree
    add(doc[c.region_root(w0, e_first)].left_edge.i, "rootedge")
    if c.marg is not None:
        con = c.marg.con
        for thr in (0.5,):
            i = w0
            while i > sent and con[i - 1] >= thr:
                i -= 1
            add(i, f"mgrow{thr}")
            i = w0
            while i < e_first - 1 and con[i] < thr:
                i += 1
            add(i, f"mshrink{thr}")
    if w0 in c.quoted:
        i = w0
        while i > 0 and (i - 1) in c.quoted:
            i -= 1
        add(i, "qstart")
    cue_src = {t for i, j in a.cue + a.source for t in range(i, j)}
    lo = c.rank[w0]
    return {s: tags for s, tags in out.items()
            if "orig" in tags or (abs(c.rank[s] - lo) <= MAX_SHIFT and not _crosses(cue_src, s, w0)
                                  and not c.owned(s, s0))}


def _crosses(tokens: set[int], a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return any(lo <= t < hi for t in tokens) or a in tokens


def _ends(c: Context, a: Attr, v: int | None) -> dict[int, set[str]]:
    """Alternative last words of the content (token index of the last word -> rules)."""
    doc, A = c.doc, c.a
    s_last, e0 = a.content[-1]
    s_first = a.content[0][0]
    w1 = c.last_word(e0)
    out: dict[int, set[str]] = {}
    if w1 is None or w1 < s_first:
        return out

    def add(j: int | None, tag: str) -> None:
        """``j``: an exclusive end; the candidate is the last word before it."""
        if j is None or not 0 < j <= c.n:
            return
        w = c.last_word(j)
        if w is None or w < s_first:
            return
        out.setdefault(w, set()).add(tag)

    add(w1 + 1, "orig")
    k = c.rank[w1]
    for d in (-1, 1):
        if 0 <= k + d < c.n_words:
            add(c.words[k + d] + 1, f"w{d:+d}")
    send = c.sent_end[w1]
    add(send, "sent")
    first_end = c.sent_end[max(s_first, s_last)]
    if first_end != send:
        add(first_end, "firstsent")
    for t in range(max(s_last, w1 - 40), w1 + 1):
        if A.dep[t] in _TAIL_DEPS and s_last <= A.head[t] < t and (A.dep[t] != "prep" or A.orth[t - 1] == ","):
            le = doc[t].left_edge.i
            if le > s_last:
                add(le, "before:" + A.dep[t])
        if A.orth[t] in (",", ";", "--", "—", "(") and t > s_last:
            add(t, "beforepunct")
    add(doc[c.region_root(max(s_first, s_last), w1 + 1)].right_edge.i + 1, "rootedge")
    if v is not None:
        for ch in doc[v].children:
            if ch.dep_ in _COMP_DEPS or ch.dep_ == "prep":
                add(ch.right_edge.i + 1, "comp:" + ch.dep_)
    if c.marg is not None:
        con = c.marg.con
        for thr in (0.5,):
            j = w1 + 1
            while j < send and con[j] >= thr:
                j += 1
            add(j, f"mgrow{thr}")
            j = w1 + 1
            while j > s_last + 1 and con[j - 1] < thr:
                j -= 1
            add(j, f"mshrink{thr}")
    if w1 in c.quoted:
        j = w1 + 1
        while j < c.n and j in c.quoted:
            j += 1
        add(j, "qend")
    cue_src = {t for i, j in a.cue + a.source for t in range(i, j)}
    hi = c.rank[w1]
    return {e: tags for e, tags in out.items()
            if "orig" in tags or (abs(c.rank[e] - hi) <= MAX_SHIFT and not _crosses(cue_src, w1 + 1, e + 1)
                                  and not c.owned(e0, e + 1))}


def _common(c: Context, a: Attr, v: int | None) -> list[str]:
    quoted = sum(c.quoted_cum[j] - c.quoted_cum[i] for i, j in a.content)
    n = sum(j - i for i, j in a.content)
    side = "none" if not a.cue else ("R" if a.cue[0][0] < a.content[0][0] else "L")
    return ["o=" + a.origin, "q=" + ("y" if quoted >= 0.8 * n else "p" if quoted else "n"), "side=" + side,
            "cl=" + (c.a.lemma[v] if v is not None else "-"),
            "np=" + str(min(len(a.content), 3))]


def _start_context(c: Context, w0: int, common: list[str]) -> dict[str, list[str]]:
    ctx = [*common, "ow=" + c.word(w0), "opw=" + (c.word(w0 - 1) if w0 > 0 else "BOS"), "odep=" + c.a.dep[w0]]
    if c.marg is not None:
        ctx += ["om=" + _b(c.marg.con[w0]), "opm=" + _b(c.marg.con[w0 - 1] if w0 > 0 else 0.0)]
    return _in_context(ctx)


def _start_features(c: Context, a: Attr, s: int, w0: int, tags: set[str], common: list[str],
                    verb: int | None, cue_end: int, ctx: dict[str, list[str]]) -> list[str]:
    A = c.a
    d = c.rank[s] - c.rank[w0]
    wd = c.word(s)
    pw = c.word(s - 1) if s > 0 else "BOS"
    h = A.head[s]
    f = ["bias", "d=" + _shift(d), "w=" + wd, "pw=" + pw, "dep=" + A.dep[s], "pdep=" + (A.dep[s - 1] if s else "-"),
         "wpw=" + wd + "|" + pw, "ptxt=" + (A.orth[s - 1] if s > 0 and not c.is_word[s - 1] else "W"),
         "sst=" + str(A.sent_start[s]),
         "hdir=" + ("R" if h > s else "L" if h < s else "0")]
    f += ["g=" + t for t in tags]
    if verb is not None:
        f.append("hv=" + str(h == verb) + "|" + A.dep[s])
        gap = s - cue_end
        f.append("cgap=" + (_shift(gap) if gap >= 0 else "L"))
    if c.marg is not None:
        con = c.marg.con
        f += ["m=" + _b(con[s]), "pm=" + _b(con[s - 1] if s > 0 else 0.0),
              "mm=" + _b(con[s]) + _b(con[s - 1] if s > 0 else 0.0)]
        if isinstance(c.marg, EdgeMarginals):
            f += ["bm=" + _b(c.marg.starts_at(s)), "bmd=" + _b(c.marg.starts_at(s)) + "|" + _shift(d)]
    f.append("qd=" + str(s in c.quoted) + str(s - 1 in c.quoted))
    f += [x + "|d" + _shift(d) for x in common[:2]]
    f += ctx["0" if s == w0 else "add" if s < w0 else "cut"]
    if s != w0:
        f += _delta(c, "add" if s < w0 else "cut", min(s, w0), max(s, w0), (max(s, w0), a.content[-1][1]), a)
    return f


def _in_context(ctx: list[str]) -> dict[str, list[str]]:
    """The attribution's own features (the same for all its alternatives) crossed with each
    alternative's direction (``0``: the original, ``add``: more words, ``cut``: fewer), so that
    they can tell alternatives apart."""
    return {d: [x + "|" + d for x in ctx] for d in ("0", "add", "cut")}


_PUNCT = {",", ";", ":", ".", "--", "—", "(", ")"}


def _delta(c: Context, kind: str, i: int, j: int, keep: tuple[int, int], a: Attr) -> list[str]:
    """Features of the tokens ``[i, j)`` an alternative adds to or cuts from the content (``keep``:
    the content tokens both keep)."""
    A = c.a
    toks = [t for t in range(i, j) if not A.space[t]]
    if not toks:
        return ["x=" + kind + "|empty"]
    fw = c.first_word(i)
    first = fw if fw is not None and fw < j else toks[0]
    lw = c.last_word(j)
    last = lw if lw is not None and lw >= i else toks[-1]
    nw = c.rank[last] - c.rank[first] + 1 if c.is_word[first] and c.is_word[last] else 0
    verb = c.verb_cum[j] > c.verb_cum[i]
    punct = "".join(sorted({A.orth[t] for t in toks if A.orth[t] in _PUNCT}))
    root = c.region_root(i, j)
    wf = c.word(first)
    sent_starts = c.sent_cum[j] - c.sent_cum[toks[0] + 1] > 0 or (kind == "add" and A.sent_start[toks[0]])
    out = ["x=" + kind, "xf=" + kind + "|" + wf, "xl=" + kind + "|" + c.word(last),
           "xfd=" + kind + "|" + A.dep[first], "xn=" + kind + "|" + _shift(nw), "xv=" + kind + "|" + str(verb),
           "xp=" + kind + "|" + punct, "xr=" + kind + "|" + A.dep[root], "xs=" + kind + "|" + str(sent_starts),
           "xq=" + kind + "|" + str((c.quoted_cum[j] - c.quoted_cum[i]) * 2 // (j - i + 1))]
    if c.marg is not None:
        out += ["xm=" + kind + "|" + _b((c.con_cum[j] - c.con_cum[i]) / (j - i))]
    h = A.head[root]
    cue = {t for p, q in a.cue for t in range(p, q)}
    where = ("self" if h == root else "keep" if keep[0] <= h < keep[1] else "cue" if h in cue
             else "in" if i <= h < j else "out")
    lead = "".join(A.orth[t] for t in toks if t < first and not c.is_word[t])[:3] or "-"
    out += ["xh=" + kind + "|" + where, "xhr=" + kind + "|" + where + "|" + A.dep[root],
            "xpf=" + kind + "|" + lead + "|" + wf,
            "xc=" + kind + "|" + str(c.subj_cum[j] > c.subj_cum[i]),
            "xo=" + kind + "|" + a.origin + "|" + _shift(nw)]
    return out


def _end_context(c: Context, w1: int, common: list[str]) -> dict[str, list[str]]:
    onw = c.first_word(w1 + 1)
    onw = onw if onw is not None and onw < w1 + 4 else None
    ctx = [*common, "ow=" + c.word(w1), "onw=" + (c.word(onw) if onw is not None else "EOS"), "odep=" + c.a.dep[w1]]
    if c.marg is not None:
        ctx += ["om=" + _b(c.marg.con[w1]), "onm=" + _b(c.marg.con[w1 + 1] if w1 + 1 < c.n else 0.0)]
    return _in_context(ctx)


def _end_features(c: Context, a: Attr, e: int, w1: int, tags: set[str], common: list[str],
                  ctx: dict[str, list[str]]) -> list[str]:
    A = c.a
    n = c.n
    d = c.rank[e] - c.rank[w1]
    nw = c.first_word(e + 1)
    nw = nw if nw is not None and nw < e + 4 else None
    wd = c.word(e)
    nwd = c.word(nw) if nw is not None else "EOS"
    nxt = e + 1 if e + 1 < n else None
    f = ["bias", "d=" + _shift(d), "w=" + wd, "nw=" + nwd, "dep=" + A.dep[e],
         "ndep=" + (A.dep[nw] if nw is not None else "-"), "wnw=" + wd + "|" + nwd,
         "ntxt=" + ((A.orth[nxt].strip() or "SP") if nxt is not None and not c.is_word[nxt] else "W"),
         "send=" + str(nxt is None or A.sent_start[nxt] or (e + 2 < n and A.sent_start[e + 2])),
         "nhead=" + (A.dep[nw] + "|" + str(A.head[nw] <= e) if nw is not None else "-")]
    f += ["g=" + t for t in tags]
    if c.marg is not None:
        con = c.marg.con
        nm = con[e + 1] if e + 1 < len(con) else 0.0
        f += ["m=" + _b(con[e]), "nm=" + _b(nm), "mm=" + _b(con[e]) + _b(nm)]
        if isinstance(c.marg, EdgeMarginals):
            f += ["em=" + _b(c.marg.ends_at(e)), "emd=" + _b(c.marg.ends_at(e)) + "|" + _shift(d)]
    f.append("qd=" + str(e in c.quoted) + str(e + 1 in c.quoted))
    f += [x + "|d" + _shift(d) for x in common[:2]]
    f += ctx["0" if e == w1 else "add" if e > w1 else "cut"]
    if e != w1:
        f += _delta(c, "add" if e > w1 else "cut", min(e, w1) + 1, max(e, w1) + 1, (a.content[0][0], min(e, w1) + 1),
                    a)
    return f


def candidates(doc: Doc, a: Attr, c: Context) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Feature lists of the start and end alternatives of ``a`` (token index of the first / last word)."""
    if not a.content:
        return {}, {}
    w0 = c.first_word(a.content[0][0])
    w1 = c.last_word(a.content[-1][1])
    if w0 is None or w1 is None or w1 < w0:
        return {}, {}
    verb = _cue_verb(c, a)
    common = _common(c, a, verb)
    cue_end = max((j for i, j in a.cue), default=-1)
    sctx, ectx = _start_context(c, w0, common), _end_context(c, w1, common)
    starts = {s: _start_features(c, a, s, w0, tags, common, verb, cue_end, sctx)
              for s, tags in _starts(c, a, verb).items()}
    ends = {e: _end_features(c, a, e, w1, tags, common, ectx) for e, tags in _ends(c, a, verb).items()}
    return starts, ends


class Model:
    """Two logistic regressions over feature strings, and the margin an alternative must win by."""

    def __init__(self, start: dict[str, float], end: dict[str, float], margin: float):
        self.start = start
        self.end = end
        self.margin = margin

    @staticmethod
    def _z(w: dict[str, float], feats: list[str]) -> float:
        return sum(map(w.get, feats, repeat(0.0, len(feats))))

    def pick(self, w: dict[str, float], cands: dict[int, list[str]], orig: int, margin: float) -> int:
        """The most probable alternative (softmax over ``cands``) when its probability exceeds the
        original's by ``margin``."""
        if len(cands) < 2 or orig not in cands:
            return orig
        z = {k: self._z(w, f) for k, f in cands.items()}
        top = max(z.values())
        norm = sum(math.exp(v - top) for v in z.values())
        best = max(z, key=lambda k: (z[k], k == orig))
        gain = (math.exp(z[best] - top) - math.exp(z[orig] - top)) / norm
        return best if best != orig and gain >= margin else orig


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None when the file is missing."""
    if not path.exists():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    return Model(d["start"], d["end"], d["margin"])


def apply(doc: Doc, attrs: list[Attr], quoted: set[int], marginals: Marginals | None,
          model: Model | None = None, margin: float | None = None) -> list[Attr]:
    """Move each attribution's content edges to the model's choice (in place; returns ``attrs``)."""
    model = model if model is not None else load()
    if model is None or not attrs or not len(doc):
        return attrs
    m = model.margin if margin is None else margin
    c = _ctx(doc, quoted, marginals)
    c.own(attrs)
    for a in attrs:
        if not a.content:
            continue
        w0 = c.first_word(a.content[0][0])
        w1 = c.last_word(a.content[-1][1])
        if w0 is None or w1 is None or w1 < w0:
            continue
        starts, ends = candidates(doc, a, c)
        s = model.pick(model.start, starts, w0, m)
        e = model.pick(model.end, ends, w1, m)
        if e < s or (s == w0 and e == w1):
            continue
        if c.quoting(w0, w1 + 1) != c.quoting(s, e + 1):
            continue  # the stage tells direct from reported speech by the quote marks: the edges must not decide it
        if s != w0:
            i, j = a.content[0]
            if s >= j:  # past the first piece: drop pieces before the one holding s
                a.content = [p for p in a.content if p[1] > s]
                i, j = a.content[0]
            a.content[0] = (s, max(j, s + 1))
        if e != w1:
            i, j = a.content[-1]
            if e < i:
                a.content = [p for p in a.content if p[0] <= e]
                i, j = a.content[-1]
            a.content[-1] = (min(i, e), e + 1)
        a.content = _normalise(a.content)
    return attrs


def _normalise(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i, j in sorted(p for p in pieces if p[1] > p[0]):
        if out and i <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], j))
        else:
            out.append((i, j))
    return out
