"""The span -> entity lookup later stages call many times per article."""

from __future__ import annotations

from spacy.tokens import Doc

from byline.entities.lexicon import SPOKES_NOUNS, TITLE_NOUNS
from byline.nlp import doc_text


class SpanResolver:
    """``resolver(start, end) -> entity id | None`` for repaired-text offsets.

    An exact mention span answers directly; otherwise the syntactic head of the
    span decides ("Sheinbaum's" -> Sheinbaum, "former U.S. President Donald Trump"
    -> Trump, "a spokesperson for the NSC" -> the NSC when that was resolved);
    a title head with a name in apposition answers with the name's entity.
    """

    def __init__(self, doc: Doc, spans: dict[tuple[int, int], str], tokens: dict[int, str]):
        self._doc = doc
        self._spans = spans
        self._tokens = tokens
        self._cache: dict[tuple[int, int], str | None] = {}

    def __call__(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key in self._spans:
            return self._spans[key]
        if key in self._cache:
            return self._cache[key]
        out = self._lookup(start, end)
        self._cache[key] = out
        return out

    def _lookup(self, start: int, end: int) -> str | None:
        doc = self._doc
        text = doc_text(doc)
        n = len(text)
        if not isinstance(start, int) or not isinstance(end, int) or start < 0 or end > n or start >= end:
            return None
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start >= end:
            return None
        if (start, end) in self._spans:
            return self._spans[(start, end)]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        root = span.root
        if root.i in self._tokens:
            return self._tokens[root.i]
        low = root.lower_
        if low in TITLE_NOUNS or low in SPOKES_NOUNS or root.lemma_.lower() in SPOKES_NOUNS:
            for ch in root.children:
                if ch.dep_ == "appos" and ch.i in self._tokens and span.start <= ch.i < span.end:
                    return self._tokens[ch.i]
        # a span that is all one entity's tokens but for punctuation and determiners
        ids = {self._tokens[t.i] for t in span if t.i in self._tokens}
        rest = [t for t in span if t.i not in self._tokens and not (t.is_punct or t.is_space or t.pos_ == "DET"
                                                                    or t.tag_ == "POS")]
        if len(ids) == 1 and not rest:
            return ids.pop()
        return None
