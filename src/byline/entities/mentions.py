"""Name mentions: spaCy's entities, cleaned and completed, with the titles in front split off as roles.

spaCy's small English model finds most names but leaves edges ragged (``the``,
quote marks, possessives), misses some organisation names whose last word is a
plain noun ("Wall Street Journal", "Sinaloa Cartel"), and keeps coordinated
names joined ("the Sinaloa and Jalisco New Generation Cartels"). This module
turns ``doc.ents`` into :class:`NameMention` records a clusterer can trust.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from byline.entities.lexicon import (
    COUNTRY_VARIANTS,
    EDGE_WORDS,
    HONORIFICS,
    ORG_HEADS,
    QUOTE_CHARS,
    ROLE_MODIFIERS,
    TITLE_NOUNS,
)
from byline.entities.names import norm
from byline.nlp import doc_text

#: spaCy labels kept as entities (numbers, dates and works of art are not).
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})

#: Longest name kept, in tokens: longer "entities" are damaged-text run-ons.
MAX_TOKENS = 10


@dataclass
class NameMention:
    """One proper-name mention, in repaired-text character offsets."""

    start: int
    end: int
    text: str  # the name as written, edges cleaned
    label: str  # spaCy label (may be corrected later by the clusterer)
    tok_start: int
    tok_end: int
    name: str = ""  # the name form used for clustering (differs for "Sinaloa" in "Sinaloa and X Cartels")
    role: str | None = None  # title in front of the name, as written ("former U.S. President")
    role_start: int | None = None
    honorific: str | None = None  # gender told by "Mr."/"Mrs."
    extras: list[str] = field(default_factory=list)  # further aliases (e.g. the name with its title)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    @property
    def full_start(self) -> int:
        """Start of the mention including its title."""
        return self.role_start if self.role_start is not None else self.start


def _is_edge_junk(tok: Token) -> bool:
    return (
        tok.is_space
        or tok.is_punct
        or tok.lower_ in EDGE_WORDS
        or tok.tag_ == "POS"
        or tok.lower_ in ("'s", "’s", "'", "’")
        or not tok.text.strip(QUOTE_CHARS + ".,;:!?-—–")
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_edge_junk(doc[start]):
        start += 1
    while end > start and _is_edge_junk(doc[end - 1]):
        end -= 1
    return start, end


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character bounds of tokens ``[start, end)``, quote marks stripped from the edges.
    A trailing period is kept only when it closes an abbreviation ("U.S.")."""
    cs = doc[start].idx
    ce = doc[end - 1].idx + len(doc[end - 1].text)
    text = doc_text(doc)
    while cs < ce and text[cs] in QUOTE_CHARS:
        cs += 1
    while ce > cs and text[ce - 1] in QUOTE_CHARS:
        ce -= 1
    return cs, ce


def _make(doc: Doc, start: int, end: int, label: str) -> NameMention | None:
    start, end = _trim(doc, start, end)
    if start >= end or end - start > MAX_TOKENS:
        return None
    cs, ce = _char_bounds(doc, start, end)
    text = doc_text(doc)[cs:ce]
    if not any(c.isalpha() for c in text) or "\n" in text:
        return None
    words = [t.text for t in doc[start:end] if any(c.isalpha() for c in t.text)]
    if not words or all(w[0].islower() for w in words):
        return None  # names are capitalised: "fentanyl" is not a person
    return NameMention(cs, ce, text, label, start, end)


def _split_hyphen_countries(doc: Doc, m: NameMention) -> list[NameMention]:
    """"U.S.-Mexico" is two countries, not an organisation."""
    if "-" not in m.text or m.tok_end - m.tok_start != 1:
        return [m]
    parts = m.text.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() for p in parts):
        return [m]
    if not any(norm(p) in COUNTRY_VARIANTS for p in parts):
        return [m]
    out = []
    pos = m.start
    for p in parts:
        out.append(NameMention(pos, pos + len(p), p, "GPE", m.tok_start, m.tok_end))
        pos += len(p) + 1
    return out


def _singular(word: str) -> str | None:
    """Singular of a plural organisation head ("Cartels" -> "Cartel"), or None."""
    low = word.lower()
    if low.endswith("ies") and low[:-3] + "y" in ORG_HEADS:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if low.endswith("s") and low[:-1] in ORG_HEADS:
        return word[:-1]
    return None


def _name_chunks(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns ending in an organisation head that NER missed:
    "Wall Street Journal", "Sinaloa Cartel"."""
    out = []
    i = 0
    n = len(doc)
    while i < n:
        if i in taken or not _cap_propn(doc[i]):
            i += 1
            continue
        j = i
        while j < n and j not in taken and (_cap_propn(doc[j]) or (doc[j].lower_ in ("of", "for", "and")
                                                                   and j + 1 < n and _cap_propn(doc[j + 1]))):
            j += 1
        last = doc[j - 1]
        if j - i >= 2 and (last.lower_ in ORG_HEADS) and not doc[i].is_sent_start:
            out.append((i, j))
        elif j - i >= 2 and last.lower_ in ORG_HEADS and doc[i].is_sent_start and doc[i].pos_ == "PROPN":
            out.append((i, j))
        i = j
    return out


def _cap_propn(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha


def _coordinated(doc: Doc, mentions: list[NameMention]) -> None:
    """"The Sinaloa and Jalisco New Generation Cartels": each conjunct names one cartel."""
    by_tok_end = {m.tok_end: m for m in mentions}
    for m in mentions:
        if m.label not in ("ORG", "GPE", "NORP", "PERSON", "LOC"):
            continue
        last = doc[m.tok_end - 1]
        head_tok = last if _singular(last.text) else (doc[m.tok_end] if m.tok_end < len(doc) else None)
        if head_tok is None:
            continue
        sing = _singular(head_tok.text)
        if sing is None:
            continue
        # find "A and" right before this mention
        k = m.tok_start - 1
        if k < 1 or doc[k].lower_ not in ("and", "&"):
            continue
        first = by_tok_end.get(k)
        if first is None:
            continue
        suffix = sing[:1].upper() + sing[1:]
        first.name = f"{first.text} {suffix}"
        first.label = "ORG"
        if head_tok.i >= m.tok_end:  # head outside the entity: extend it
            m.end = head_tok.idx + len(head_tok.text)
            m.tok_end = head_tok.i + 1
            m.text = doc_text(doc)[m.start:m.end]
            m.name = f"{doc_text(doc)[m.start:doc[head_tok.i - 1].idx + len(doc[head_tok.i - 1].text)]} {suffix}"
        else:
            m.name = m.text[: m.text.rfind(" ")] + " " + suffix if " " in m.text else m.text
        m.label = "ORG"


def _extend_capitalised_head(doc: Doc, m: NameMention) -> None:
    """"Sinaloa" + "Cartel": a capitalised organisation head right after a name belongs to it."""
    if m.tok_end >= len(doc):
        return
    nxt = doc[m.tok_end]
    if nxt.lower_ in ORG_HEADS and nxt.text[:1].isupper() and nxt.is_alpha and m.label in ("ORG", "GPE", "NORP",
                                                                                        "PERSON", "LOC"):
        m.end = nxt.idx + len(nxt.text)
        m.tok_end = nxt.i + 1
        m.text = m.name = doc_text(doc)[m.start:m.end]
        m.label = "ORG"


def _role(doc: Doc, m: NameMention, ent_tokens: dict[int, Span]) -> None:
    """Split off the title in front of a name: "former U.S. President" Donald Trump."""
    i = m.tok_start - 1
    first = None
    head_seen = False
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if "\n" in tok.whitespace_ or "\n" in tok.text:
            break
        if low in HONORIFICS and first is None:
            m.honorific = HONORIFICS[low]
            i -= 1
            continue
        if low in TITLE_NOUNS or low.rstrip(".") + "." in TITLE_NOUNS:
            if first is None and not head_seen:
                head_seen = True
            first = i
        elif head_seen and (low in ROLE_MODIFIERS or low.rstrip("-") in ROLE_MODIFIERS):
            first = i
        elif head_seen and i in ent_tokens and ent_tokens[i].label_ in ("GPE", "NORP", "ORG", "LOC"):
            first = ent_tokens[i].start
            i = ent_tokens[i].start - 1
            continue
        elif head_seen and low in ("'s", "’s") and i - 1 in ent_tokens:
            first = ent_tokens[i - 1].start
            i = ent_tokens[i - 1].start - 1
            continue
        elif head_seen and tok.is_punct and tok.text in "-–":
            pass
        else:
            break
        if not head_seen:
            break
        i -= 1
    if first is None or not head_seen:
        return
    last = m.tok_start - 1
    while last >= first and doc[last].lower_ in HONORIFICS:
        last -= 1
    if last < first:
        return
    cs, ce = _char_bounds(doc, first, last + 1)
    role = doc_text(doc)[cs:ce].strip()
    if role:
        m.role = role
        m.role_start = cs
        m.extras.append(doc_text(doc)[cs:m.end])


def _bracket_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"The World Health Organization (WHO": an entity run across a bracket is two names; so is
    one run across a possessive ("Trump's Military Proposal" in Title-Case damaged text) or a
    line break (a heading run into the next line)."""
    out = []
    s = start
    for i in range(start, end):
        if doc[i].text in "()[]" or doc[i].tag_ == "POS" or (doc[i].is_space and "\n" in doc[i].text):
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


def propagate(doc: Doc, mentions: list[NameMention], keys: dict[str, str]) -> list[NameMention]:
    """Further mentions of names already found, at tokens NER left out ("Merkel wins again"):
    a capitalised proper-noun token whose folded form is in ``keys`` (folded name -> label)."""
    covered: set[int] = set()
    for m in mentions:
        covered.update(range(m.tok_start, m.tok_end))
    out = []
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper() or tok.pos_ != "PROPN":
            continue
        label = keys.get(norm(tok.text))
        if label is None:
            continue
        if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].i not in covered:
            continue  # part of a longer unknown name
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].i not in covered:
            continue
        cs, ce = _char_bounds(doc, tok.i, tok.i + 1)
        if ce > cs:
            out.append(NameMention(cs, ce, doc_text(doc)[cs:ce], label, tok.i, tok.i + 1))
    return out


def extract(doc: Doc) -> list[NameMention]:
    """All proper-name mentions of ``doc``, in text order."""
    mentions: list[NameMention] = []
    taken: set[int] = set()
    ent_tokens: dict[int, Span] = {}
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_tokens[t] = ent
        if ent.label_ not in KEPT_LABELS:
            taken.update(range(ent.start, ent.end))
            continue
        taken.update(range(ent.start, ent.end))
        for s, e in _bracket_pieces(doc, ent.start, ent.end):
            m = _make(doc, s, e, ent.label_)
            if m is not None:
                mentions.extend(_split_hyphen_countries(doc, m))
    for s, e in _name_chunks(doc, taken):
        m = _make(doc, s, e, "ORG")
        if m is not None:
            mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        if m.tok_end - m.tok_start >= 1 and m.tok_end < len(doc) and m.tok_end not in ent_tokens:
            _extend_capitalised_head(doc, m)
    _coordinated(doc, mentions)
    for m in mentions:
        if m.label in ("PERSON", "ORG"):
            _role(doc, m, ent_tokens)
            if m.role is not None and m.label == "ORG" and " " not in m.text:
                m.label = "PERSON"  # "President Trump": a one-word name with a person's title
    return mentions
