"""Canonical names across articles: one name per person (or organisation, place)
however each article wrote it.

Each article's entities stage already merges the mentions of one entity inside
that article (``name`` is the fullest form, ``aliases`` the others). Across
articles the same person appears as "Claudia Sheinbaum", "CLAUDIA SHEINBAUM",
"President Sheinbaum" or plain "Sheinbaum". This module folds those forms:

1. :func:`name_key` folds case, accents, punctuation, possessives, honorifics
   and middle initials, so "Pres. Claudia  Sheinbaum's" -> "claudia sheinbaum".
2. Keys that one article's entity used together (its name and its multi-word
   aliases) are joined (union-find).
3. A one-word key ("sheinbaum") joins the multi-word cluster whose names end
   with that word, but only when exactly one such cluster exists in the whole
   corpus; an ambiguous surname ("trump" with two Trumps) stays on its own.
4. A cluster's display name is its most frequent written form, preferring
   mixed-case spellings, then the longer, then the alphabetically first: the
   result depends only on the data, never on the order articles came in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Titles and honorifics dropped from the front of a name before folding.
HONORIFICS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
president vice pres vp prime minister pm chancellor premier secretary sec general gen
senator sen representative rep congressman congresswoman governor gov mayor judge justice
chief ceo chairman chairwoman chair director king queen prince princess pope sheikh
gov. st saint officer sgt sergeant lt lieutenant col colonel capt captain cmdr commander
admiral adm minister ambassador deputy former late mp mep speaker leader
""".split())

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s'-]", re.UNICODE)


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_key(name: str | None, person: bool = True) -> str:
    """Folded form of a name used to compare names across articles ("" if nothing is left).
    Honorifics and middle initials are dropped only from ``person`` names ("General Motors"
    keeps its "general")."""
    if not name:
        return ""
    s = _strip_accents(name).casefold()
    s = s.replace("\u2019", "'").replace("`", "'")
    s = re.sub(r"'s\b", "", s)
    s = _PUNCT.sub(" ", s)
    s = s.replace("'", "")
    tokens = [t.strip("-") for t in _SPACE.split(s) if t.strip("-")]
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens.pop(0)
    if not person:
        return " ".join(tokens)
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    if len(tokens) >= 3:  # "donald j trump" -> "donald trump"
        tokens = [t for i, t in enumerate(tokens) if len(t) > 1 or i in (0, len(tokens) - 1)]
    return " ".join(tokens)


@dataclass
class _UnionFind:
    parent: dict[str, str] = field(default_factory=dict)

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller key becomes the root: order-independent
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _display_score(form: str, count: int) -> tuple[int, int, int, str]:
    mixed = int(form != form.lower() and form != form.upper())
    return (-count, -mixed, -len(form), form)


def typed_key(name: str | None, person: bool = True) -> str:
    """``p:`` + the person key, or ``o:`` + the key of another kind of name: people
    and places never merge ("Jordan" the country is not Michael Jordan)."""
    key = name_key(name, person)
    return f"{'p' if person else 'o'}:{key}" if key else ""


def _words(key: str) -> list[str]:
    return key[2:].split()


class Canon:
    """Folds names into canonical clusters. Feed it every name with :meth:`add`
    (and the names one entity used together with :meth:`link`), then :meth:`build`.
    Keys are :func:`typed_key` strings."""

    def __init__(self) -> None:
        self._uf = _UnionFind()
        self._forms: dict[str, Counter[str]] = defaultdict(Counter)
        self._canonical: dict[str, str] = {}
        self._built = False

    def add(self, name: str | None, weight: int = 1, person: bool = True) -> str:
        """Record one written form; returns its key ("" when nothing is left)."""
        key = typed_key(name, person)
        if key and name:
            self._uf.add(key)
            self._forms[key][_SPACE.sub(" ", name.strip())] += weight
            self._built = False
        return key

    def link(self, names: Iterable[str | None], primary: str | None = None, person: bool = True) -> str:
        """Names one entity used within one article: its multi-word forms are the
        same entity. One-word forms are recorded but resolved in :meth:`build`.
        Returns the primary name's key."""
        head = self.add(primary, person=person) if primary else ""
        for n in names:
            k = self.add(n, weight=0, person=person)
            if head and k and len(_words(k)) > 1 and len(_words(head)) > 1:
                self._uf.union(head, k)
        return head

    def build(self) -> None:
        keys = sorted(self._uf.parent)
        by_last: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            if k.startswith("p:") and len(_words(k)) > 1:
                by_last[_words(k)[-1]].add(self._uf.find(k))
        for k in keys:
            if k.startswith("p:") and len(_words(k)) == 1:
                roots = by_last.get(_words(k)[0], set())
                if len(roots) == 1:
                    self._uf.union(k, next(iter(roots)))
        members: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            members[self._uf.find(k)].append(k)
        self._canonical = {}
        for ks in members.values():
            forms: Counter[str] = Counter()
            longest = max(len(_words(k)) for k in ks)
            for k in ks:  # display a full name: only the longest keys' forms compete
                if len(_words(k)) == longest:
                    forms.update(self._forms[k])
            best = min(forms.items(), key=lambda kv: _display_score(kv[0], kv[1]))[0]
            for k in ks:
                self._canonical[k] = best
        self._built = True

    def canonical(self, name: str | None, person: bool = True) -> str | None:
        """Canonical display name for a written form of a person's (or, with
        ``person=False``, another) name; None if the corpus never has it."""
        if not self._built:
            self.build()
        return self._canonical.get(typed_key(name, person))

    def items(self) -> list[tuple[str, str]]:
        """(typed key, canonical name) pairs, sorted by key."""
        if not self._built:
            self.build()
        return sorted(self._canonical.items())
