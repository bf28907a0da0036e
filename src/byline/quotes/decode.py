"""Turning per-token tags into attributions (content, cue, source).

The tagger labels each token ``B-``/``I-`` + ``CON``, ``CUE`` or ``SRC`` (or
``O``). Each cue anchors one attribution; every content and source stretch in
the paragraph is attached to the nearest cue, preferring one in the same
sentence. Content with no cue anywhere in its paragraph is kept only when it is
quoted (a direct quote whose cue is missing); a cue with no content is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass
class Attr:
    """One predicted attribution in token ranges ``[i, j)`` of a Doc."""

    content: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    score: float = 1.0
    #: Which stage found it: ``crf`` (the tagger and its parse rules) or ``cues`` (:mod:`byline.quotes.cues`).
    origin: str = "crf"
    #: The second stage's score for the same cue and content (0 when it has none).
    support: float = 0.0


def stretches(tags: list[str], offset: int) -> list[tuple[str, int, int]]:
    """``(role, i, j)`` runs of one role from BIO tags (doc token indices)."""
    out: list[tuple[str, int, int]] = []
    cur: str | None = None
    start = 0
    for k, t in enumerate(tags):
        role = t[2:] if t != "O" else None
        begin = t.startswith("B-")
        if cur is not None and (role != cur or begin):
            out.append((cur, offset + start, offset + k))
            cur = None
        if role is not None and cur is None:
            cur, start = role, k
    if cur is not None:
        out.append((cur, offset + start, offset + len(tags)))
    return out


def group(doc: Doc, runs: list[tuple[str, int, int]], quoted_tokens: set[int] | None = None,
          sent_id: list[int] | None = None, keep_bare: bool = False) -> list[Attr]:
    """Attributions of one paragraph from its role runs (``sent_id``: the first
    token of each token's sentence, to avoid asking spaCy per token). With
    ``keep_bare``, cues with no content are kept (for the parse rules to complete)."""
    if sent_id is None:
        sent_id = [t.sent.start for t in doc]

    def _sent_of(_doc: Doc, i: int) -> int:
        return sent_id[i]

    cues = [(i, j) for r, i, j in runs if r == "CUE"]
    attrs = [Attr(cue=[c]) for c in cues]
    orphans: list[tuple[int, int]] = []
    far: list[tuple[int, tuple[int, int]]] = []
    for role, i, j in runs:
        if role == "CUE":
            continue
        # trim whitespace-only runs
        while i < j and doc[i].is_space:
            i += 1
        while j > i and doc[j - 1].is_space:
            j -= 1
        if i >= j:
            continue
        if not cues:
            if role == "CON":
                orphans.append((i, j))
            continue
        sent = _sent_of(doc, i)
        best = None
        best_key: tuple[int, int] | None = None
        for k, (ci, cj) in enumerate(cues):
            dist = ci - j if ci >= j else (i - cj if i >= cj else 0)
            same = 0 if _sent_of(doc, ci) == sent or _sent_of(doc, j - 1) == _sent_of(doc, ci) else 1
            key = (same, dist)
            if best_key is None or key < best_key:
                best, best_key = k, key
        assert best is not None
        a = attrs[best]
        (a.content if role == "CON" else a.source).append((i, j))
        if role == "CON" and best_key is not None and best_key[0]:
            far.append((best, (i, j)))
    # unquoted content from another sentence, when the cue already has content in
    # its own sentence, belongs to an attribution whose cue was missed: drop it
    for k, rng in far:
        a = attrs[k]
        own = [p for p in a.content if p != rng and _sent_of(doc, p[0]) == _sent_of(doc, a.cue[0][0])]
        quoted = quoted_tokens is not None and sum(1 for t in range(*rng) if t in quoted_tokens) >= 0.8 * (
            rng[1] - rng[0])
        if own and not quoted:
            a.content.remove(rng)
    out = [a for a in attrs if a.content or keep_bare]
    if orphans and quoted_tokens is not None:
        for i, j in orphans:
            if sum(1 for t in range(i, j) if t in quoted_tokens) >= 0.8 * (j - i):
                out.append(Attr(content=[(i, j)], score=0.5))
    for a in out:
        a.content.sort()
        a.source.sort()
    return out


