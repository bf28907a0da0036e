"""One cluster per real-world referent: name variants, surnames, acronyms and country spellings merged.

Mentions are grouped longest name first, so a short form ("Sheinbaum", "NSC")
finds the full name it abbreviates wherever that appears in the article. When
a short form fits several people (two Clintons), it joins the one mentioned
nearest before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from byline.entities.gender import of_first_name
from byline.entities.lexicon import COUNTRY_VARIANTS, GENDERED_TITLES
from byline.entities.mentions import NameMention
from byline.entities.names import acronym_of, country, is_acronym, norm, tidy
from byline.nlp import doc_text

#: Label families: names in different families never merge on a partial match.
FAMILY = {"PERSON": "named", "ORG": "named", "FAC": "named", "PRODUCT": "named", "EVENT": "named",
          "LAW": "named", "GPE": "place", "LOC": "place", "NORP": "norp"}


@dataclass
class Cluster:
    """Mentions of one referent, and what the text says about it."""

    mentions: list[NameMention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    label: str = "ORG"
    name: str = ""
    gender: str | None = None
    canonical_country: str | None = None

    @property
    def first(self) -> int:
        return min(m.full_start for m in self.mentions)

    @property
    def family(self) -> str:
        return FAMILY.get(self.label, "named")

    def add(self, m: NameMention) -> None:
        self.mentions.append(m)
        self.keys |= _keys(m.name)
        c = country(m.name)
        if c:
            self.canonical_country = c
            self.keys.add(norm(c))

    def words(self) -> list[str]:
        return norm(self.longest()).split()

    def longest(self) -> str:
        names = [m.name for m in self.mentions if not is_acronym(m.name)] or [m.name for m in self.mentions]
        return max(names, key=lambda n: (len(norm(n).split()), len(n)))


def _keys(name: str) -> set[str]:
    """Folded keys of a name: itself, and without a leading country ("U.S. Army" ~ "Army" is
    not wanted, so only for names of three words or more: "U.S. National Security Council")."""
    k = norm(name)
    out = {k}
    ws = k.split()
    if len(ws) >= 3 and ws[0] in COUNTRY_VARIANTS:
        out.add(" ".join(ws[1:]))
    return out


def _explicit_acronyms(doc: Doc, mentions: list[NameMention]) -> dict[int, int]:
    """"Long Name (ACR)" and "ACR (Long Name)": index of either mention -> index of the other."""
    pairs: dict[int, int] = {}
    text = doc_text(doc)
    for a, ma in enumerate(mentions):
        for b in range(a + 1, min(a + 3, len(mentions))):
            mb = mentions[b]
            between = text[ma.end:mb.start]
            if not re.fullmatch(r"[\s”\"’']*\(\s*", between):
                continue
            if not text[mb.end:mb.end + 3].lstrip().startswith(")"):
                continue
            if is_acronym(mb.name) != is_acronym(ma.name):
                pairs[b] = a
                pairs[a] = b
    return pairs


def _compatible(m: NameMention, c: Cluster) -> bool:
    fam = FAMILY.get(m.label, "named")
    if fam == "norp" or c.family == "norp":
        return fam == c.family
    return True


def _surname_match(m: NameMention, c: Cluster) -> bool:
    """A one-word name that is the last (or first) word of a person's full name."""
    if c.label != "PERSON" or FAMILY.get(m.label, "named") != "named":
        return False
    w = norm(m.name).split()
    if len(w) != 1:
        return False
    full = c.words()
    return len(full) >= 2 and (w[0] == full[-1] or w[0] == full[0])


def _gender_hint(c: Cluster) -> str | None:
    """The gender a person cluster's honorifics or first name tell, while clusters are built."""
    told = {m.honorific for m in c.mentions if m.honorific}
    if told:
        return told.pop() if len(told) == 1 else None
    full = c.longest().split()
    return of_first_name(full[0]) if len(full) >= 2 else None


def _gender_fits(m: NameMention, c: Cluster) -> bool:
    """A mention with an honorific joins only a person of that gender ("Mrs. Clinton" is not Bill Clinton)."""
    return not m.honorific or c.label != "PERSON" or _gender_hint(c) in (None, m.honorific)


def _nearest(m: NameMention, cands: list[Cluster]) -> Cluster:
    def key(c: Cluster) -> tuple[int, int]:
        before = [x.start for x in c.mentions if x.start < m.start]
        if before:
            return (0, m.start - max(before))
        return (1, min(x.start for x in c.mentions) - m.start)

    return min(cands, key=key)


def build(doc: Doc, mentions: list[NameMention]) -> list[Cluster]:
    """Group ``mentions`` (in text order) into clusters, ordered by first mention."""
    explicit = _explicit_acronyms(doc, mentions)
    order = sorted(range(len(mentions)), key=lambda i: (-len(norm(mentions[i].name).split()),
                                                        is_acronym(mentions[i].name), mentions[i].start))
    clusters: list[Cluster] = []
    of: dict[int, Cluster] = {}
    by_key: dict[str, list[Cluster]] = {}  # folded name -> clusters with that key
    by_word: dict[str, list[Cluster]] = {}  # first/last word of a multi-word name -> clusters
    # explicit "Name (ACR)" pairs are one referent from the start
    for i in order:
        m = mentions[i]
        if i in explicit and explicit[i] in of:
            target = of[explicit[i]]
            target.add(m)
            of[i] = target
            continue
        k = norm(m.name)
        exact = [c for c in by_key.get(k, ()) if _compatible(m, c)]
        if not exact and country(m.name):
            exact = [c for c in by_key.get(norm(country(m.name) or ""), ()) if c.canonical_country]
        cands = [c for c in exact if _gender_fits(m, c)]
        if not cands and " " not in k:
            cands = [c for c in by_word.get(k, ()) if _surname_match(m, c) and _gender_fits(m, c)]
        if not cands and is_acronym(m.name):
            cands = [c for c in clusters if c.family == "named" and c.label != "PERSON"
                     and acronym_of(m.name, c.longest())]
        if cands:
            target = _nearest(m, cands)
        else:
            target = Cluster(label=m.label)
            clusters.append(target)
        target.add(m)
        of[i] = target
        if len(target.mentions) == 1:
            target.label = m.label
            ws = norm(m.name).split()
            if len(ws) >= 2:
                for w in {ws[0], ws[-1]}:
                    by_word.setdefault(w, []).append(target)
        for key in target.keys:
            lst = by_key.setdefault(key, [])
            if target not in lst:
                lst.append(target)
    for c in clusters:
        _settle(c)
    clusters.sort(key=lambda c: c.first)
    return clusters


def _settle(c: Cluster) -> None:
    """Type, canonical name and gender of a finished cluster."""
    longest = c.longest()
    top = [m for m in c.mentions if norm(m.name) == norm(longest)]
    votes = Counter(m.label for m in top)
    label = votes.most_common(1)[0][0]
    if c.canonical_country:
        label = "GPE"
    elif label != "PERSON" and any(m.role for m in c.mentions) and len(norm(longest).split()) <= 3:
        person_titled = sum(1 for m in c.mentions if m.role)
        if person_titled and not any(x in norm(longest).split() for x in ("council", "party", "agency")):
            label = "PERSON"
    elif label not in ("PERSON",) and any(m.label == "PERSON" for m in c.mentions) and len(c.words()) >= 2:
        # a two-word name that NER once called a person, the rest of the time an organisation
        if Counter(m.label for m in c.mentions)["PERSON"] * 2 >= len(c.mentions):
            label = "PERSON"
    c.label = label
    if c.canonical_country:
        c.name = c.canonical_country
    else:
        c.name = tidy(_best_form(c, longest))
    genders = [m.honorific for m in c.mentions if m.honorific]
    for m in c.mentions:
        if m.role:
            for w in m.role.lower().split():
                if w in GENDERED_TITLES:
                    genders.append(GENDERED_TITLES[w])
    if not genders and label == "PERSON":
        ws = c.name.split()
        g = of_first_name(ws[0]) if len(ws) >= 2 else None
        if g:
            genders.append(g)
    if genders and len(set(genders)) == 1:
        c.gender = genders[0]


def _best_form(c: Cluster, longest: str) -> str:
    """The written form of the longest name with the best casing (fewest capitalised minor words)."""
    forms = [m.name for m in c.mentions if norm(m.name) == norm(longest)]

    def badness(f: str) -> tuple[int, int]:
        ws = f.split()
        return (sum(1 for w in ws[1:] if w[:1].isupper() and w.lower() in ("for", "and", "of", "the")),
                sum(1 for w in ws if w.isupper() and len(w) > 3))

    return min(forms, key=badness)
