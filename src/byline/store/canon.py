"""Canonical names across articles: one name per person (or organisation, place)
however each article wrote it.

Each article's entities stage already merges the mentions of one entity inside
that article (``name`` is the fullest form, ``aliases`` the others). Across
articles the same person appears as "Claudia Sheinbaum", "CLAUDIA SHEINBAUM",
"President Sheinbaum", "Mexican President Claudia Sheinbaum" or plain
"Sheinbaum". This module folds those forms:

1. :func:`name_parts` finds the *core* of a person's name: the words after the
   last role word or lower-case word ("UK finance minister Gordon Brown" ->
   "Gordon Brown", "Mr Blair" -> "Blair"); royal titles stay ("Prince Charles").
   :func:`name_key` folds the core's case, accents, punctuation, possessives and
   middle initials: "Pres. Claudia  Sheinbaum's" -> "claudia sheinbaum".
2. Keys that one article's entity used together (its name and its multi-word
   aliases ending with the same word) are joined (union-find).
3. A one-word key ("sheinbaum") joins the multi-word cluster whose names end
   with that word when that cluster is the only one, or clearly dominant (at
   least 75 % of the uses of all such full names); otherwise ("trump" with
   Donald and Melania equally present) it stays on its own.
4. A cluster's display name is its most frequent written core of more than one
   word (when it has one), preferring mixed-case spellings, then the longer,
   then the alphabetically first: the
   result depends only on the data, never on the order articles came in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Words that end a role description before a person's name ("... minister Gordon Brown").
ROLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister
president vice pres vp prime minister pm chancellor premier secretary sec general gen
senator sen representative rep congressman congresswoman governor gov mayor judge justice
chief ceo executive chairman chairwoman chair director officer sgt sergeant lt lieutenant col
colonel capt captain cmdr commander admiral adm ambassador envoy deputy former late mp mep
speaker leader boss head manager coach spokesman spokeswoman spokesperson official commissioner
editor founder analyst economist presenter host author writer producer lawyer attorney
star actor actress singer player striker midfielder defender goalkeeper champion
""".split())
#: Titles that are part of the name itself ("Prince Charles" is not a Mr Charles).
ROYAL_TITLES = frozenset("king queen prince princess pope sheikh emperor empress tsar".split())
#: Titles kept before a bare surname, folded to "ms": they tell two Blairs apart.
FEMALE_TITLES = frozenset("mrs ms miss madam madame mme lady dame".split())
#: Lower-case words that belong inside names ("Ludwig van Beethoven", "Osama bin Laden").
PARTICLES = frozenset("van von der den de del della di da dos du la le bin al el ibn ter".split())
#: Kept for callers of the first version: the words stripped from the front of a name.
HONORIFICS = ROLE_WORDS

#: Weight share a full name needs to take a bare surname shared with other full names.
DOMINANT_SHARE = 0.75

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\s]+")
_EDGE = re.compile(r"^[^\w]+|[^\w.]+$|(?<=\w)['\u2019]s$", re.UNICODE)


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _fold(token: str) -> str:
    t = _strip_accents(token).casefold().replace("\u2019", "'").replace("`", "'")
    t = re.sub(r"'s$", "", t)
    t = re.sub(r"[^\w-]", "", t, flags=re.UNICODE)
    return t.strip("-")


def name_parts(name: str | None, person: bool = True) -> tuple[str, str]:
    """(key, display) of a name: the folded key and the written words it came from."""
    if not name:
        return "", ""
    words = []
    for raw in _TOKEN.findall(name):
        shown = _EDGE.sub("", raw).rstrip(".") if not re.fullmatch(r"(\w\.)+", raw) else raw
        folded = _fold(raw)
        if folded:
            words.append((shown or raw, folded))
    if not words:
        return "", ""
    if words[0][1] == "the" and len(words) > 1:
        words = words[1:]
    if person:
        cut = -1
        cased = any(shown[:1].isupper() for shown, _ in words)  # all lower case: a typed query
        for i, (shown, folded) in enumerate(words[:-1]):
            lower_word = cased and shown[:1].islower() and folded not in PARTICLES
            if (folded in ROLE_WORDS and folded not in ROYAL_TITLES) or lower_word:
                cut = i
        core = words[cut + 1:]
        if len(core) == 1 and cut >= 0 and words[cut][1] in FEMALE_TITLES:
            core = [(words[cut][0], "ms"), core[0]]  # "Mrs Blair" is not Tony Blair: keep the title
        while len(core) > 1 and core[0][1] != "ms" and core[0][1] in ROLE_WORDS and core[0][1] not in ROYAL_TITLES:
            core = core[1:]
        if len(core) >= 3:  # "donald j trump" -> "donald trump"
            core = [w for i, w in enumerate(core) if len(w[1]) > 1 or i in (0, len(core) - 1)]
        words = core
    return " ".join(f for _, f in words), " ".join(s for s, _ in words)


def name_key(name: str | None, person: bool = True) -> str:
    """Folded form of a name used to compare names across articles ("" if nothing is left).
    Role words, honorifics and middle initials are dropped only from ``person`` names
    ("General Motors" keeps its "general")."""
    return name_parts(name, person)[0]


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
        self._weight: Counter[str] = Counter()
        self._built = False

    def add(self, name: str | None, weight: int = 1, person: bool = True) -> str:
        """Record one written form; returns its key ("" when nothing is left)."""
        key, shown = name_parts(name, person)
        if not key:
            return ""
        key = f"{'p' if person else 'o'}:{key}"
        self._uf.add(key)
        self._forms[key][shown] += weight
        self._weight[key] += weight
        self._built = False
        return key

    def link(self, names: Iterable[str | None], primary: str | None = None, person: bool = True) -> str:
        """Names one entity used within one article: its multi-word forms are the
        same entity. One-word forms are recorded but resolved in :meth:`build`.
        Returns the primary name's key."""
        head = self.add(primary, person=person) if primary else ""
        for n in names:
            k = self.add(n, weight=0, person=person)
            if (head and k and len(_words(k)) > 1 and len(_words(head)) > 1
                    and _words(k)[-1] == _words(head)[-1]):  # one wrong alias must not chain clusters
                self._uf.union(head, k)
        return head

    def build(self) -> None:
        keys = sorted(self._uf.parent)
        by_last: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            if k.startswith("p:") and len(_words(k)) > 1:
                by_last[_words(k)[-1]].add(self._uf.find(k))
        weight: Counter[str] = Counter()
        for k in keys:
            if k.startswith("p:") and len(_words(k)) > 1:
                weight[self._uf.find(k)] += self._weight[k]
        for k in keys:
            if k.startswith("p:") and len(_words(k)) == 1:
                roots = sorted(by_last.get(_words(k)[0], set()), key=lambda r: (-weight[r], r))
                if not roots:
                    continue
                total = sum(weight[r] for r in roots)
                if len(roots) == 1 or (weight[roots[0]] >= 2 and weight[roots[0]] >= DOMINANT_SHARE * total):
                    self._uf.union(k, roots[0])
        members: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            members[self._uf.find(k)].append(k)
        self._canonical = {}
        for ks in members.values():
            forms: Counter[str] = Counter()
            full = [k for k in ks if len(_words(k)) > 1] or ks
            for k in full:  # display a full name (not a bare surname), the most used one
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
