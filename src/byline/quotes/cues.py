"""Cue-centred second stage: attributions the CRF missed, found from the parse.

The CRF tags tokens one label each and reads a few words either side; it
misses much reported speech whose cue is not a speech verb (beliefs,
intentions, findings: "she had come to believe", "Trump has not mentioned
Machado", "warned against hackers"). This stage looks at every verb outside
quote marks and the constituents it governs:

* a clausal complement (``ccomp``: "said that C"), an open complement
  (``xcomp``: "vowed to C"), a direct object (``dobj``: "cited C") or the
  object of a preposition (``prep``: "warned against C");

each (verb, constituent) pair is a candidate attribution. A logistic
regression trained on PolNeAR train (:func:`train`, weights shipped as JSON in
``byline/models/quotes_cues.json``, applied here in plain Python) scores it from
the verb's lemma and form, its subject (pronoun, entity type, head noun), the
constituent's kind and first word, and the verb's other complements.
Candidates above the threshold are taken best first, never overlapping the
CRF's attributions or each other (PolNeAR gives each token one role).

The spans follow PolNeAR's conventions, measured on train: the content is the
constituent's subtree ("that" included, edge punctuation dropped); the cue is
the verb with its auxiliaries, negation, particles, pre-verbal adverbs
("also"), the preposition that introduces the content, and the governing verb
of an ``xcomp`` chain ("went on to discuss"); the source is the verb's subject
(or its governor's, for participles and infinitives).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from byline.quotes import syntax
from byline.quotes.decode import Attr

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "quotes_cues.json"

#: Constituent relations that can hold an attribution's content.
KINDS = ("ccomp", "xcomp", "dobj", "prep")
#: Children of the cue verb that PolNeAR puts in the cue (measured on train: >= 0.9 of the time).
CUE_DEPS = {"aux", "auxpass", "neg", "prt", "acomp"}
#: Complements of a verb's object that PolNeAR puts in the content with it (measured on train: ~0.75).
_OBJECT_COMPLEMENTS = ("oprd", "xcomp")
#: Pre-verbal adverbs PolNeAR seldom puts in the cue (measured on train: under 0.3).
_NOT_CUE_ADVERBS = {"then", "when", "so", "however", "meanwhile", "instead", "thus"}
#: Relations of the children that make their head a candidate cue.
_GOVERNED = ("ccomp", "xcomp", "dobj", "prep", "acl")
#: Cue probability (lexicon) from which a noun is a candidate cue (nouns governing a
#: preposition are many; those never seen as a cue in train are left out).
MIN_NOUN_CUE = 0.0001
#: Prepositions after a noun cue that introduce its content ("criticism of", "support for").
_NOUN_PREPS = {"of", "for", "about", "on", "against", "to", "over", "with"}
#: Object words of a preposition that holds content.
_POBJ = {"pobj", "pcomp"}
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "who", "this", "that", "which"}
_OPENERS = {"that", "to", "if", "whether", "how", "why", "what", "when", "where", "who", "the", "a", "an", "his",
            "her", "their", "its"}
#: Most content words for a candidate (longer subtrees are mis-parses that swallow the sentence).
MAX_CONTENT = 80


class Marginals:
    """The CRF's per-token marginal probabilities of each role (cue, content, source)."""

    def __init__(self, n: int):
        self.cue = [0.0] * n
        self.con = [0.0] * n
        self.src = [0.0] * n

    def fill(self, marginal, i: int, j: int) -> None:
        """Read the marginals of tokens ``[i, j)`` from a crfsuite tagger that has just tagged them."""
        for k in range(j - i):
            self.cue[i + k] = marginal("B-CUE", k) + marginal("I-CUE", k)
            self.con[i + k] = marginal("B-CON", k) + marginal("I-CON", k)
            self.src[i + k] = marginal("B-SRC", k) + marginal("I-SRC", k)


def _mbucket(p: float) -> str:
    return "0" if p < 0.05 else "1" if p < 0.15 else "2" if p < 0.3 else "3" if p < 0.5 else "4"


@dataclass
class Candidate:
    """One (verb, constituent) pair in token offsets."""

    verb: int
    kind: str
    content: tuple[int, int]
    cue: list[int]
    features: list[str]
    score: float = 0.0
    #: The source, for a noun cue (a verb's source is its subject, found when accepted).
    source: tuple[int, int] | None = None


def _bucket(p: float) -> str:
    return "h" if p >= 0.6 else "m" if p >= 0.3 else "l" if p >= 0.1 else "t" if p > 0 else "0"


def _len_bucket(n: int) -> str:
    return str(n) if n < 4 else "6" if n <= 6 else "12" if n <= 12 else "25" if n <= 25 else "long"


def _subject(verb) -> tuple[str, str, int]:
    """Kind of the verb's subject (pronoun, entity type, head lemma) and its relation, following
    participles and infinitives up to their governor."""
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                low = c.lower_
                if low in _PRONOUNS:
                    return "pr:" + low, c.dep_, c.i
                if c.ent_type_:
                    return "ent:" + c.ent_type_, c.dep_, c.i
                return "n:" + c.lemma_.lower(), c.dep_, c.i
        if v.dep_ not in ("advcl", "xcomp", "conj", "acl") or v.head is v:
            break
        v = v.head
    return "none", "-", -1


def candidates(doc: Doc, lexicon: dict[str, float], skip: set[int], quoted: set[int],
               marginals: Marginals | None = None, found: list[Attr] | None = None) -> list[Candidate]:
    """Every (verb, constituent) candidate whose verb is outside quote marks and outside ``skip``;
    with the CRF's ``marginals``, their values at the verb, the subject and the content are features,
    and with the CRF's attributions (``found``), where the verb stands to them."""
    out: list[Candidate] = []
    crf_cue: set[int] = set()
    crf_content: set[int] = set()
    crf_sents: set[int] = set()
    for a in found or ():
        for i, j in a.cue:
            crf_cue.update(range(i, j))
            crf_sents.add(doc[i].sent.start)
        for i, j in a.content:
            crf_content.update(range(i, j))
    con_sum = [0.0]
    if marginals is not None:
        for p in marginals.con:
            con_sum.append(con_sum[-1] + p)
    for k in _governors(doc):
        if k in skip or k in quoted:
            continue
        verb = doc[k]
        if verb.pos_ == "NOUN":
            if lexicon.get(verb.lemma_.lower(), 0.0) >= MIN_NOUN_CUE:
                out.extend(_noun_candidates(doc, verb, lexicon, quoted, marginals, con_sum))
            continue
        if verb.pos_ != "VERB":
            continue
        kids = list(verb.children)
        comps: list[tuple[str, object, object]] = []  # (kind, content head, introducing preposition)
        for c in kids:
            if c.dep_ in ("ccomp", "xcomp", "dobj"):
                comps.append((c.dep_, c, None))
            elif c.dep_ == "prep" and c.i > verb.i:
                obj = next((g for g in c.children if g.dep_ in _POBJ), None)
                if obj is not None:
                    comps.append(("prep", obj, c))
        if not comps:
            continue
        lemma = verb.lemma_.lower()
        lex = _bucket(lexicon.get(lemma, 0.0))
        subj, subj_dep, subj_i = _subject(verb)
        subj_kind = "n" if subj.startswith("n:") else subj
        has = "".join(sorted({k[0] for k, _, _ in comps}))
        base_cue = [verb.i] + [c.i for c in kids if c.dep_ in CUE_DEPS]
        # adverbs between the subject and the verb ("also", "repeatedly"; not "when", "then")
        left = subj_i + 1 if 0 <= subj_i < verb.i else min(base_cue) - 1
        base_cue += [c.i for c in kids if c.dep_ == "advmod" and c.tag_ == "RB" and left <= c.i < verb.i
                     and c.lower_ not in _NOT_CUE_ADVERBS]
        if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            h = verb.head
            base_cue += [h.i] + [c.i for c in h.children if c.dep_ in CUE_DEPS and c.i < verb.i]
        modal = any(c.tag_ == "MD" for c in kids if c.dep_ == "aux")
        neg = any(c.dep_ == "neg" for c in kids)
        common = [
            "l=" + lemma, "lx=" + lex, "tag=" + verb.tag_, "vd=" + verb.dep_, "s=" + subj_kind, "sn=" + subj,
            "sd=" + subj_dep, "has=" + has, "md=" + str(modal), "neg=" + str(neg),
            "hl=" + (verb.head.lemma_.lower() if verb.dep_ in ("xcomp", "ccomp", "conj") else "-"),
        ]
        if found is not None:
            where = ("incon" if verb.i in crf_content else "sent" if verb.sent.start in crf_sents else "none")
            conj = verb.dep_ == "conj" and verb.head.i in crf_cue
            common += ["ctx=" + where, "ctxl=" + where + "|" + lex, "conj=" + str(conj)]
        if marginals is not None:
            mc = _mbucket(marginals.cue[verb.i])
            common += ["mc=" + mc, "mcl=" + mc + "|" + lex,
                       "ms=" + (_mbucket(marginals.src[subj_i]) if subj_i >= 0 else "-")]
        for kind, head, prep in comps:
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            if kind == "dobj":  # "calling the candidate fit", "urged Congress to act": object and complement
                nxt = next((k for k in kids if k.dep_ in _OBJECT_COMPLEMENTS and k.i > head.i), None)
                if nxt is not None:
                    hi = max(hi, nxt.right_edge.i + 1)
            elif kind == "xcomp":
                obj = next((k for k in kids if k.dep_ == "dobj" and verb.i < k.i < head.i), None)
                if obj is not None:
                    lo = min(lo, obj.left_edge.i)
            rng = syntax._content_range(doc, lo, hi)
            if rng is None or rng[1] - rng[0] > MAX_CONTENT or any(t in quoted for t in (rng[0], rng[1] - 1)):
                continue
            if verb.i in range(*rng):
                continue
            cue = sorted(set(base_cue + ([prep.i] if prep is not None else [])))
            if any(rng[0] <= t < rng[1] for t in cue):
                continue
            first = doc[rng[0]].lower_
            opener = first if first in _OPENERS else doc[rng[0]].pos_
            key = kind + (":" + prep.lower_ if prep is not None else "")
            f = [
                *common, "k=" + kind, "kp=" + key, "lk=" + lemma + "|" + key, "lxk=" + lex + "|" + kind,
                "sk=" + subj_kind + "|" + kind, "o=" + opener, "ko=" + kind + "|" + opener,
                "n=" + _len_bucket(rng[1] - rng[0]), "kn=" + kind + "|" + _len_bucket(rng[1] - rng[0]),
                "side=" + ("R" if rng[0] > verb.i else "L"), "ht=" + head.tag_,
                "hk=" + kind + "|" + head.lemma_.lower(), "tk=" + verb.tag_ + "|" + kind,
                "hask=" + has + "|" + kind,
            ]
            if marginals is not None:
                mn = _mbucket((con_sum[rng[1]] - con_sum[rng[0]]) / (rng[1] - rng[0]))
                f += ["mn=" + mn, "mnk=" + mn + "|" + kind, "mcn=" + mc + mn]
            out.append(Candidate(verb.i, kind, rng, cue, f))
    return out


def _governors(doc: Doc) -> list[int]:
    """Tokens with a child that can hold content (read from arrays: no Token object per word)."""
    arr = doc.to_array([DEP, HEAD])
    if not len(arr):
        return []
    deps = arr[:, 0]
    heads = np.arange(len(arr)) + arr[:, 1].astype(np.int64)
    wanted = np.isin(deps, [doc.vocab.strings.add(d) for d in _GOVERNED])
    return sorted(set(heads[wanted].tolist()))


def _noun_candidates(doc: Doc, noun, lexicon: dict[str, float], quoted: set[int], marginals: Marginals | None,
                     con_sum: list[float]) -> list[Candidate]:
    """Candidates with a noun cue: "Clinton's plan to raise taxes", "criticism of the deal",
    "the claim that ...". The content is the infinitive or that-clause the noun governs, or
    a preposition's object; the source is the possessor ("Clinton's"), else the subject of
    the verb the noun is the object of ("X signed an agreement to ...")."""
    comps = []
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and c.i > noun.i and any(
                g.lower_ in ("to", "that") and g.dep_ in ("aux", "mark") for g in c.children):
            comps.append(("nclause", c, None))
        elif c.dep_ == "prep" and c.i == noun.i + 1 and c.lower_ in _NOUN_PREPS:
            obj = next((g for g in c.children if g.dep_ in _POBJ), None)
            if obj is not None:
                comps.append(("nprep", obj, c))
    if not comps:
        return []
    lemma = noun.lemma_.lower()
    lex = _bucket(lexicon.get(lemma, 0.0))
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    source: tuple[int, int] | None = None
    if poss is not None:
        source = (poss.left_edge.i, poss.right_edge.i + 1)
        skind = "pr" if poss.pos_ == "PRON" else ("ent:" + poss.ent_type_ if poss.ent_type_ else "n")
    elif noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            source = (subj.left_edge.i, subj.right_edge.i + 1)
        skind = "verb-subj" if subj is not None else "none"
    else:
        skind = "none"
    det = next((c.lower_ for c in noun.children if c.dep_ == "det"), "-")
    cue = [noun.i] + [c.i for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
    out = []
    for kind, head, prep in comps:
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        rng = syntax._content_range(doc, lo, hi)
        if rng is None or rng[1] - rng[0] > MAX_CONTENT or any(t in quoted for t in (rng[0], rng[1] - 1)):
            continue
        key = kind + (":" + prep.lower_ if prep is not None else "")
        first = doc[rng[0]].lower_
        f = ["k=" + kind, "kp=" + key, "l=" + lemma, "lk=" + lemma + "|" + key, "lx=" + lex, "lxk=" + lex + "|" + key,
             "s=" + skind, "sk=" + skind + "|" + kind, "nd=" + noun.dep_, "det=" + det,
             "hl=" + (noun.head.lemma_.lower() if noun.dep_ in ("dobj", "pobj", "attr") else "-"),
             "o=" + (first if first in _OPENERS else doc[rng[0]].pos_), "ht=" + head.tag_,
             "kn=" + kind + "|" + _len_bucket(rng[1] - rng[0])]
        if marginals is not None:
            mc = _mbucket(marginals.cue[noun.i])
            mn = _mbucket((con_sum[rng[1]] - con_sum[rng[0]]) / (rng[1] - rng[0]))
            f += ["mc=" + mc, "mn=" + mn, "mcn=" + mc + mn, "mnk=" + mn + "|" + kind]
        c_cue = sorted(set(cue + ([prep.i] if prep is not None else [])))
        if source is not None and (source[0] < rng[1] and rng[0] < source[1]):
            continue
        out.append(Candidate(noun.i, kind, rng, c_cue, f, source=source))
    return out


class Model:
    """Logistic-regression weights over feature strings (exported by :func:`train`)."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        #: Whether the weights use the CRF marginal features.
        self.marginals = any(f.startswith("mc=") for f in weights)
        #: Whether they use the CRF attributions' context features.
        self.context = any(f.startswith("ctx=") for f in weights)

    def prob(self, features: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None when the file is missing."""
    if not path.exists():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    return Model(d["weights"], d["bias"], d["threshold"])


def extend(doc: Doc, attrs: list[Attr], lexicon: dict[str, float], quoted: set[int],
           model: Model | None = None, threshold: float | None = None,
           marginals: Marginals | None = None) -> list[Attr]:
    """``attrs`` plus the candidates the model accepts, best first; none touches another
    attribution's tokens (content, cue or source: PolNeAR gives each token one role).
    Also sets each of ``attrs``' ``support`` (see :func:`_support`).

    (Letting a confident candidate cut itself out of a CRF content that ran over it was
    measured on dev too: it lowered exact F1 and left overlap F1 unchanged.)"""
    model = model if model is not None else load()
    if model is None or not len(doc):
        return attrs
    thr = model.threshold if threshold is None else threshold
    taken: set[int] = set()
    for a in attrs:
        for i, j in a.cue + a.source + a.content:
            taken.update(range(i, j))
    sources = {t for a in attrs for i, j in a.source for t in range(i, j)}
    cands = candidates(doc, lexicon, sources, quoted, marginals if model.marginals else None,
                       attrs if model.context else None)
    for c in cands:
        c.score = model.prob(c.features)
    _support(attrs, cands)
    out = list(attrs)
    for c in sorted((c for c in cands if c.score >= thr), key=lambda c: -c.score):
        toks = set(range(*c.content)) | set(c.cue)
        if toks & taken:
            continue
        a = Attr(content=[c.content], cue=[(c.verb, c.verb + 1)], score=c.score, origin="cues")
        if c.source is not None:
            a.source = [c.source]
        elif not c.kind.startswith("n"):
            syntax.subject_source(doc, a)
        if any(t in taken for i, j in a.source for t in range(i, j)):
            a.source = []
        a.cue = _ranges(c.cue)
        for i, j in a.source:
            toks.update(range(i, j))
        taken |= toks
        out.append(a)
    return out


def _support(attrs: list[Attr], cands: list[Candidate]) -> None:
    """Set each CRF attribution's ``support``: the best score of a candidate with a verb of
    its cue and a content sharing half of its words (the stage keeps a weak CRF attribution
    that the second stage supports)."""
    by_verb: dict[int, list[Candidate]] = {}
    for c in cands:
        by_verb.setdefault(c.verb, []).append(c)
    for a in attrs:
        content = {t for i, j in a.content for t in range(i, j)}
        for i, j in a.cue:
            for v in range(i, j):
                for c in by_verb.get(v, ()):
                    n = c.content[1] - c.content[0]
                    inter = sum(1 for t in range(*c.content) if t in content)
                    if inter >= 0.5 * max(n, len(content)):
                        a.support = max(a.support, c.score)


def _ranges(tokens: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for t in sorted(tokens):
        if out and out[-1][1] == t:
            out[-1] = (out[-1][0], t + 1)
        else:
            out.append((t, t + 1))
    return out
