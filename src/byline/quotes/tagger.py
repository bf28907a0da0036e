"""The trained attribution tagger: a linear-chain CRF (python-crfsuite).

Model files ship in ``byline/models/``: ``quotes.crfsuite`` (the CRF),
``quotes_lexicon.json`` (cue-lemma probabilities learned from PolNeAR train) and
``quotes_cues.json`` (the cue-centred second stage, :mod:`byline.quotes.cues`,
which adds attributions the CRF missed and scores the CRF's own from the parse
and the CRF's marginals) and ``quotes_rerank.json`` (the content-boundary
reranker, :mod:`byline.quotes.rerank`). Rebuild all four with
``python -m byline.quotes.train`` (the second stage alone:
``python -m byline.quotes.train_cues``; the reranker alone:
``python -m byline.quotes.train_rerank``).
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from byline.nlp import doc_text
from byline.quotes import cues, decode, features, marks, rerank, syntax

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
CRF_PATH = MODEL_DIR / "quotes.crfsuite"
LEXICON_PATH = MODEL_DIR / "quotes_lexicon.json"

_lock = threading.Lock()


class Tagger:
    """Tags a Doc's tokens and groups them into attributions."""

    def __init__(self, crf_path: Path = CRF_PATH, lexicon_path: Path = LEXICON_PATH, only_cued: bool = False,
                 rules: bool = True, use_cues: bool = True, use_rerank: bool = True):
        self.only_cued = only_cued
        self.rules = rules
        self.cues = use_cues and rules
        self.rerank = use_rerank and self.cues
        self.lexicon: dict[str, float] = json.loads(lexicon_path.read_text(encoding="utf-8"))["cue_probs"]
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(crf_path))

    def tag(self, doc: Doc, quoted: list[marks.Quoted] | None = None, text: str | None = None,
            mask: bytearray | None = None) -> list[decode.Attr]:
        """Attributions in ``doc`` (``text`` is ``doc.text``, passed when known)."""
        attrs, quoted_tokens, marg = self.tag_crf(doc, quoted, text, mask)
        if not self.cues:
            return attrs
        attrs = cues.extend(doc, attrs, self.lexicon, quoted_tokens, marginals=marg)
        return rerank.apply(doc, attrs, quoted_tokens, marg) if self.rerank else attrs

    def tag_crf(self, doc: Doc, quoted: list[marks.Quoted] | None = None, text: str | None = None,
                mask: bytearray | None = None) -> tuple[list[decode.Attr], set[int], cues.Marginals | None]:
        """The CRF's attributions (with the parse rules unless ``rules`` is off), the tokens
        inside quote marks, and (when the second stage is on) the CRF's per-token marginals."""
        if text is None:
            text = doc_text(doc)
        if quoted is None:
            quoted = marks.find(text)
        arrays = features.Arrays(doc)
        feats, paras = features.doc_features(doc, self.lexicon, quoted, only_cued=self.only_cued, arrays=arrays,
                                             text=text)
        if mask is None:
            mask = marks.inside_mask(text, quoted)
        quoted_tokens = {i for i, c in enumerate(arrays.idx) if c < len(mask) and mask[c]}
        marg = rerank.EdgeMarginals(len(doc), arrays) if self.cues else None
        out: list[decode.Attr] = []
        for i, j in paras:
            xseq = feats[i:j]
            with _lock:  # a crfsuite Tagger is not thread-safe
                tags = self._tagger.tag(xseq)
                if marg is not None:
                    marg.fill(self._tagger.marginal, i, j)
                if all(t == "O" for t in tags):
                    continue
                found = decode.group(doc, decode.stretches(tags, i), quoted_tokens, arrays.sent_id,
                                     keep_bare=self.rules)
                for a in found:
                    a.score *= self._confidence(a, tags, i)
            out.extend(found)
        if not self.rules:
            return out, quoted_tokens, marg
        fixed: list[decode.Attr] = []
        for a in out:
            if not syntax.complement_content(doc, a):
                continue
            syntax.relative_antecedent(doc, a)
            syntax.right_complement(doc, a)
            syntax.one_source(doc, a)
            syntax.subject_source(doc, a)
            syntax.trim_source(doc, a)
            for b in syntax.split_by_governor(doc, a, self._cue_prob):
                fixed.extend(syntax.split_quoted(doc, b, quoted_tokens))
        return syntax.according_to(doc, fixed, quoted_tokens, arrays.lower), quoted_tokens, marg

    def _cue_prob(self, lemma: str) -> float:
        return self.lexicon.get(lemma, 0.0)

    def _confidence(self, a: decode.Attr, tags: list[str], offset: int) -> float:
        """How sure the CRF is of an attribution: the mean marginal probability of its
        cue's labels times that of its content's first and last labels (the tagger
        must have just tagged the paragraph starting at doc token ``offset``)."""
        m = self._tagger.marginal

        def mean(ks: list[int]) -> float:
            ks = [k - offset for k in ks if 0 <= k - offset < len(tags)]
            return sum(m(tags[k], k) for k in ks) / len(ks) if ks else 1.0

        cue = mean([t for i, j in a.cue for t in range(i, j)])
        edges = mean([t for i, j in a.content for t in (i, j - 1)])
        return cue * edges


@lru_cache(maxsize=1)
def load() -> Tagger | None:
    """The shipped tagger, or None when the model files are missing."""
    if not CRF_PATH.exists() or not LEXICON_PATH.exists():
        return None
    return Tagger()
