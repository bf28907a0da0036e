"""Scoring predicted attributions against PolNeAR gold (used by training and bench).

Spans are compared as sets of word tokens (``\\w+`` runs), so that quote marks,
punctuation and whitespace at the edges do not decide a match. Content is
scored per attribution: *exact* when the word sets are equal, *overlap* when
they share at least half of the words of each (``|P∩G| >= 0.5·max(|P|,|G|)``).
Cue and source spans are scored exactly, per attribution, one-to-one. Each
figure is also split into *quoted* attributions (content contains a double
quote mark) and *unquoted* ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from byline.quotes.marks import DOUBLE

_WORD = re.compile(r"\w+")

Pieces = tuple[tuple[int, int], ...] | list[tuple[int, int]]


class Words:
    """Word-token index of a text, to turn character pieces into word sets."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def of(self, pieces: Pieces) -> frozenset[int]:
        import bisect

        out: set[int] = set()
        for s, e in pieces:
            k = bisect.bisect_left(self.starts, s)
            while k < len(self.starts) and self.starts[k] < e:
                out.add(k)
                k += 1
        return frozenset(out)

    def quoted(self, pieces: Pieces) -> bool:
        if not pieces:
            return False
        s, e = pieces[0][0], pieces[-1][1]
        return any(ch in DOUBLE for ch in self.text[max(0, s - 1): e + 1])


@dataclass
class PRF:
    tp_p: int = 0  # predictions that match
    n_p: int = 0
    tp_g: int = 0  # gold items matched
    n_g: int = 0

    def add(self, other: PRF) -> None:
        self.tp_p += other.tp_p
        self.n_p += other.n_p
        self.tp_g += other.tp_g
        self.n_g += other.n_g

    @property
    def p(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 0.0

    @property
    def r(self) -> float:
        return self.tp_g / self.n_g if self.n_g else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Item:
    content: frozenset[int]
    cue: frozenset[int]
    source: frozenset[int]
    quoted: bool
    extra: dict = field(default_factory=dict)


def items(words: Words, attrs: list[tuple[Pieces, Pieces, Pieces]]) -> list[Item]:
    """``(content, cue, source)`` character pieces -> word-set items."""
    return [Item(words.of(c), words.of(q), words.of(s), words.quoted(c)) for c, q, s in attrs if words.of(c)]


def _match(pred: list[frozenset[int]], gold: list[frozenset[int]], exact: bool) -> list[tuple[int, int]]:
    pairs: list[tuple[float, int, int]] = []
    for a, p in enumerate(pred):
        if not p:
            continue
        for b, g in enumerate(gold):
            if not g:
                continue
            inter = len(p & g)
            if exact:
                if p == g:
                    pairs.append((1.0, a, b))
            elif inter and inter >= 0.5 * max(len(p), len(g)):
                pairs.append((inter / len(p | g), a, b))
    pairs.sort(key=lambda t: -t[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, a, b in pairs:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        out.append((a, b))
    return out


SPLITS = ("all", "quoted", "unquoted")


def score(pred: list[Item], gold: list[Item]) -> dict[str, dict[str, PRF]]:
    """Per measure (content_exact, content_overlap, cue, source) and split."""
    out: dict[str, dict[str, PRF]] = {}

    def tally(name: str, pred_sets: list[frozenset[int]], gold_sets: list[frozenset[int]], exact: bool) -> None:
        pairs = _match(pred_sets, gold_sets, exact)
        res = out.setdefault(name, {s: PRF() for s in SPLITS})
        mp = {a for a, _ in pairs}
        mg = {b for _, b in pairs}
        for a, s in enumerate(pred_sets):
            if not s:
                continue
            for split in ("all", "quoted" if pred[a].quoted else "unquoted"):
                res[split].n_p += 1
                res[split].tp_p += a in mp
        for b, s in enumerate(gold_sets):
            if not s:
                continue
            for split in ("all", "quoted" if gold[b].quoted else "unquoted"):
                res[split].n_g += 1
                res[split].tp_g += b in mg

    tally("content_exact", [p.content for p in pred], [g.content for g in gold], True)
    tally("content_overlap", [p.content for p in pred], [g.content for g in gold], False)
    tally("cue", [p.cue for p in pred], [g.cue for g in gold], True)
    tally("source", [p.source for p in pred], [g.source for g in gold], True)
    return out


def merge(total: dict[str, dict[str, PRF]], one: dict[str, dict[str, PRF]]) -> None:
    for name, splits in one.items():
        t = total.setdefault(name, {s: PRF() for s in SPLITS})
        for s, prf in splits.items():
            t[s].add(prf)
