"""Coreference by rules: pronouns and descriptions linked to the named entities they stand for.

Precision first: a pronoun or description is linked only when the text leaves
one plausible antecedent (by gender, number, role and recency); otherwise it
stays unresolved. The rules, in order:

* apposition: "Sheinbaum, Mexico's president," - the description is the name's;
* "a spokesperson for X", "an NSC official", "X officials" speak for X; a bare
  "a spokesperson" speaks for the one organisation named in that sentence or the one before;
* "the president", "the Mexican leader": the one person whose roles carry that title
  (and the description's modifiers); "the agency", "the council": the one organisation
  whose name has that head;
* he/she/him/her/his: the one person of that gender (known from honorifics, titles or
  pronouns already linked) or of unknown gender mentioned in this sentence or the two
  before; with several, the subject of the nearest sentence that names one of them, when
  no other candidate shares that sentence;
* it/its: the one organisation in this sentence or the one before ("it said");
  they/them/their: the one organisation named in this sentence or the one before,
  when no plural noun stands between.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from byline.entities.cluster import Cluster
from byline.entities.lexicon import (
    LEADER_TITLES,
    ORG_DESCRIPTIONS,
    ORG_HEADS,
    PRONOUNS,
    SPEECH_VERBS,
    SPOKES_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
)
from byline.entities.names import norm

#: How many sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW = 2
#: How many sentences back a definite description may look.
DESCRIPTION_WINDOW = 12

SUBJ = ("nsubj", "nsubjpass")


@dataclass
class Link:
    """A pronoun or description resolved to a cluster (repaired-text offsets)."""

    start: int
    end: int
    kind: str  # "pronoun" | "description"
    cluster: int
    head: int  # token index of the head word


@dataclass
class _Seen:
    cluster: int
    tok: int
    sent: int
    subject: bool
    name: bool = True  # a name mention (False: a pronoun or description already linked)


class Resolver:
    """Walks the document once, linking pronouns and descriptions."""

    def __init__(self, doc: Doc, clusters: list[Cluster], tok_cluster: dict[int, int]):
        self.doc = doc
        self.clusters = clusters
        self.tok_cluster = tok_cluster
        self.sent_of = [0] * len(doc)
        for si, s in enumerate(doc.sents):
            for t in s:
                self.sent_of[t.i] = si
        self.roles: list[list[str]] = [[m.role for m in c.mentions if m.role] for c in clusters]
        self.quote_of = _quotes(doc)  # token -> its quotation's (first, last) inside tokens
        self.quoted = set(self.quote_of)
        self._speakers: dict[tuple[int, int], int | None] = {}
        self.history: list[_Seen] = []
        self.links: list[Link] = []
        self.appos_roles: list[tuple[int, str]] = []

    # -- helpers --------------------------------------------------------------

    def _label(self, ci: int) -> str:
        return self.clusters[ci].label

    def _recent(self, tok: Token, window: int, labels: tuple[str, ...]) -> list[_Seen]:
        """Latest mention per cluster of the wanted labels within ``window`` sentences back."""
        si = self.sent_of[tok.i]
        out: dict[int, _Seen] = {}
        for s in reversed(self.history):
            if si - s.sent > window:
                break
            if s.tok >= tok.i or s.cluster in out:
                continue
            if s.tok in self.quoted and tok.i not in self.quoted:
                continue  # a name quoted from someone is not what the narrator's "he said" refers to
            if tok.i in self.quoted and s.cluster == self._speaker(self.quote_of[tok.i]):
                continue  # "McCrummen reports: 'she was ...'": the quoted "she" is not the one quoting
            if self._label(s.cluster) in labels:
                out[s.cluster] = s
        return sorted(out.values(), key=lambda s: -s.tok)

    def _speaker(self, quote: tuple[int, int]) -> int | None:
        """The cluster named as the subject of a speech verb right before a quotation
        ("X said:", "X says,", or the end of the sentence just before: '"...," X wrote. "...')
        or right after it ("..., X said", "..., said X")."""
        if quote in self._speakers:
            return self._speakers[quote]
        doc = self.doc
        first, last = quote
        verbs: list[Token] = []
        j = first - 2  # skip the opening mark
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j >= 0 and doc[j].text in (":", ",", "."):
            # "X said: '...'", or a quotation going on after '"...," X wrote. "...'
            for t in reversed(doc[max(0, j - (8 if doc[j].text != "." else 3)):j]):
                if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
                    verbs.append(t)
                    break
        k = last + 2  # skip the closing mark
        while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
            k += 1
        for t in doc[k:k + 4]:
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
                verbs.append(t)
                break
        found = None
        for verb in verbs:
            subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
            if subj is not None:
                found = next((self.tok_cluster[x.i] for x in subj.subtree if x.i in self.tok_cluster), None)
            if found is not None:
                break
        self._speakers[quote] = found
        return found

    def _note(self, ci: int, tok: Token, name: bool = True) -> None:
        self.history.append(_Seen(ci, tok.i, self.sent_of[tok.i], tok.dep_ in SUBJ, name))

    def _link(self, ci: int, head: Token, start: int, end: int, kind: str) -> None:
        self.links.append(Link(start, end, kind, ci, head.i))
        self._note(ci, head, name=False)

    # -- the walk -------------------------------------------------------------

    def run(self) -> list[Link]:
        doc = self.doc
        seen_name_head: set[int] = set()
        for tok in doc:
            ci = self.tok_cluster.get(tok.i)
            if ci is not None:
                # one history entry per name mention: at its last token
                nxt = self.tok_cluster.get(tok.i + 1)
                if nxt != ci and tok.i not in seen_name_head:
                    seen_name_head.add(tok.i)
                    self._note(ci, tok)
                continue
            low = tok.lower_
            if low in PRONOUNS and tok.tag_ in ("PRP", "PRP$"):
                self._pronoun(tok)
            elif tok.pos_ in ("NOUN", "PROPN") and (
                tok.lemma_.lower() in TITLE_NOUNS or low in TITLE_NOUNS or low in SPOKES_NOUNS
                or tok.lemma_.lower() in ORG_DESCRIPTIONS or low in ORG_HEADS
            ):
                self._description(tok)
        return self.links

    # -- pronouns ---------------------------------------------------------------

    def _pronoun(self, tok: Token) -> None:
        gender, number = PRONOUNS[tok.lower_]
        if gender in ("male", "female"):
            self._personal(tok, gender)
        elif gender == "neuter":
            if tok.lower_ == "it" and not (tok.dep_ in SUBJ and tok.head.lemma_.lower() in SPEECH_VERBS):
                return  # "it is clear that ...": not a referent
            cands = self._recent(tok, 1, ("ORG", "GPE"))
            if len(cands) == 1 and self._label(cands[0].cluster) == "ORG":
                self._link(cands[0].cluster, tok, tok.idx, tok.idx + len(tok), "pronoun")
        elif number == "pl":
            cands = [c for c in self._recent(tok, 1, ("ORG", "NORP"))
                     if self._label(c.cluster) == "ORG" or self.clusters[c.cluster].name.endswith("s")]
            if len(cands) != 1:
                return
            # a plural common noun between the organisation and the pronoun may be the antecedent
            for t in self.doc[cands[0].tok + 1: tok.i]:
                if t.tag_ in ("NNS", "NNPS") and t.i not in self.tok_cluster:
                    return
            self._link(cands[0].cluster, tok, tok.idx, tok.idx + len(tok), "pronoun")

    def _personal(self, tok: Token, gender: str) -> None:
        cands = self._recent(tok, PRONOUN_WINDOW, ("PERSON",))
        ok = [c for c in cands if self.clusters[c.cluster].gender in (None, gender) and not self._bound(tok, c)]
        if not ok:
            return
        known = [c for c in ok if self.clusters[c.cluster].gender == gender]
        chosen: _Seen | None = None
        if len(ok) == 1:
            chosen = ok[0]
        else:
            chosen = self._by_subject(tok, ok)
            if chosen is None and len(known) == 1 and (known[0] is ok[0] or known[0].subject):
                chosen = known[0]  # the only one known to fit, and the latest or a subject
        if chosen is None:
            return
        c = self.clusters[chosen.cluster]
        if c.gender is None:
            c.gender = gender
        self._link(chosen.cluster, tok, tok.idx, tok.idx + len(tok), "pronoun")

    def _by_subject(self, tok: Token, cands: list[_Seen]) -> _Seen | None:
        """With several candidates: the one the nearest sentence naming any of them names, if it
        names only one; else its subject, when the pronoun is a subject in a later sentence
        and no other candidate follows that subject."""
        nearest = max(c.sent for c in cands)
        here = [c for c in cands if c.sent == nearest]
        subj = [c for c in here if c.subject]
        if len(here) == 1:
            return here[0]
        if len(subj) == 1 and tok.dep_ in SUBJ:
            others = [c for c in here if c is not subj[0]]
            # the others come before the subject, or after it only inside a prepositional phrase
            # ("Obama said after meeting with Putin. He ..." is Obama)
            if all(o.tok < subj[0].tok or self.doc[o.tok].dep_ == "pobj" for o in others) \
                    and self.sent_of[tok.i] != nearest:
                return subj[0]
        return None

    def _bound(self, tok: Token, c: _Seen) -> bool:
        """A subject pronoun does not stand for a name inside its own clause: not for one in
        the words it attributes ("Trump is wrong, he said"; "People like Scott, he said") nor in
        a clause before it ("Campaigning against Romney, he ..."), except the subject of such a
        clause ("When Obama arrived, he said ...")."""
        if tok.dep_ not in SUBJ or c.sent != self.sent_of[tok.i] or not c.name:
            return False  # only names are bound this way ("he said he would" is one person)
        head = tok.head
        t = self.doc[c.tok]
        path = []
        while t.i != t.head.i and t.i != head.i:
            path.append(t)
            t = t.head
        if t.i != head.i:
            return False  # not inside the pronoun's clause
        top = path[-1] if path else None  # the head's child whose subtree holds the name
        if top is not None and top.dep_ == "advcl" and top.i < tok.i:
            return not (len(path) >= 2 and path[-2].dep_ in SUBJ)  # the fronted clause's own subject may be it
        return True

    # -- descriptions ---------------------------------------------------------

    def _np(self, tok: Token) -> tuple[int, int, Token | None]:
        """Character bounds of the noun phrase headed by ``tok`` (determiner, modifiers, head)
        and its determiner token."""
        left = tok
        det = None
        for ch in tok.lefts:
            if ch.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "advmod", "case") or ch.tag_ == "POS":
                if ch.i < left.i:
                    left = ch
                if ch.dep_ == "det":
                    det = ch
        start = left.left_edge.idx if left.dep_ == "poss" else left.idx
        return start, tok.idx + len(tok), det

    def _description(self, tok: Token) -> None:
        doc = self.doc
        lemma = tok.lemma_.lower()
        start, end, det = self._np(tok)
        det_low = det.lower_ if det is not None else ""
        mods = {norm(ch.text) for ch in tok.lefts if ch.dep_ in ("amod", "compound", "nmod", "poss")}
        # 1. apposition to a name
        target = None
        if tok.dep_ == "appos" and tok.head.i in self.tok_cluster:
            target = self.tok_cluster[tok.head.i]
        else:
            for ch in tok.children:
                if ch.dep_ == "appos" and ch.i in self.tok_cluster:
                    target = self.tok_cluster[ch.i]
        if target is not None:
            if lemma in TITLE_NOUNS or tok.lower_ in TITLE_NOUNS:
                span = doc[tok.left_edge.i: tok.right_edge.i + 1] if tok.dep_ == "appos" else None
                if span is not None and len(span) <= 8:
                    self.appos_roles.append((target, span.text.strip(" ,")))
            self._link(target, tok, start, end, "description")
            return
        # 2. people speaking for an organisation
        if tok.lower_ in SPOKES_NOUNS or lemma in SPOKES_NOUNS:
            self._spokes(tok, start, end, det_low)
            return
        if det_low not in ("the", "this", "that") and not any(ch.dep_ == "poss" for ch in tok.lefts):
            return
        # 3. "the president", "the Mexican leader"
        if lemma in TITLE_NOUNS or tok.lower_ in TITLE_NOUNS:
            cands = self._recent(tok, DESCRIPTION_WINDOW, ("PERSON",))
            fit = [c for c in cands if self._role_fits(c.cluster, lemma, mods)]
            if len(fit) == 1:
                self._link(fit[0].cluster, tok, start, end, "description")
            return
        # 4. "the agency", "the council"
        heads = ORG_DESCRIPTIONS.get(lemma, frozenset({lemma}) if lemma in ORG_HEADS or tok.lower_ in ORG_HEADS
                                     else frozenset())
        cands = self._recent(tok, DESCRIPTION_WINDOW, ("ORG",))
        fit = [c for c in cands if heads is None or set(self.clusters[c.cluster].words()) & heads]
        if len(fit) == 1 and not tok.tag_.endswith("S"):
            self._link(fit[0].cluster, tok, start, end, "description")

    def _role_fits(self, ci: int, lemma: str, mods: set[str]) -> bool:
        roles = self.roles[ci] + [r for c, r in self.appos_roles if c == ci]
        for role in roles:
            ws = {TITLE_ABBREVIATIONS.get(w, w) for w in norm(role).replace("-", " ").split()}
            head_ok = lemma in ws or (lemma == "leader" and bool(ws & LEADER_TITLES))
            if not head_ok:
                continue
            name_ws = set(self.clusters[ci].words())
            if all(m in ws or m in name_ws or m in ("then",) for m in mods if m):
                return True
        return False

    def _spokes(self, tok: Token, start: int, end: int, det_low: str) -> None:
        # "a spokesperson for X", "officials at X"
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ in ("for", "of", "at", "from", "with", "in"):
                for pobj in ch.children:
                    if pobj.dep_ == "pobj":
                        ci = self._cluster_in(pobj)
                        if ci is not None and self._label(ci) != "PERSON":
                            end = pobj.right_edge.idx + len(pobj.right_edge)
                            self._link(ci, tok, start, end, "description")
                        return
            if ch.dep_ in ("compound", "nmod", "poss") and ch.i in self.tok_cluster:
                ci = self.tok_cluster[ch.i]
                if self._label(ci) != "PERSON":
                    self._link(ci, tok, start, end, "description")
                return
        if tok.tag_ != "NN" or det_low not in ("a", "an", "the"):
            return
        here = self.sent_of[tok.i]
        cands = self._recent(tok, 1, ("ORG",))
        same = [c for c in cands if c.sent == here]
        pick = same if same else cands
        if len(pick) == 1:
            self._link(pick[0].cluster, tok, start, end, "description")

    def _cluster_in(self, tok: Token) -> int | None:
        if tok.i in self.tok_cluster:
            return self.tok_cluster[tok.i]
        for t in tok.subtree:
            if t.i in self.tok_cluster:
                return self.tok_cluster[t.i]
        return None


_OPEN = "“"
_CLOSE = "”"


def _quotes(doc: Doc) -> dict[int, tuple[int, int]]:
    """Tokens inside quotation marks (curly pairs, or straight quotes toggled per paragraph),
    each mapped to its quotation's first and last inside token; unbalanced marks end at the
    paragraph break."""
    out: dict[int, tuple[int, int]] = {}
    run: list[int] = []

    def close() -> None:
        for i in run:
            out[i] = (run[0], run[-1])
        run.clear()

    inside = False
    for tok in doc:
        t = tok.text
        if "\n" in t:
            inside = False
            close()
            continue
        if t == _OPEN or t == "``":
            inside = True
            close()
            continue
        if t == _CLOSE or t == "''" or t == '"':
            inside = not inside if t == '"' else False
            close()
            continue
        if inside:
            run.append(tok.i)
    close()
    return out


def resolve(doc: Doc, clusters: list[Cluster], tok_cluster: dict[int, int]) -> tuple[list[Link],
                                                                                      list[tuple[int, str]]]:
    """Links of pronouns and descriptions, and roles found in appositions."""
    r = Resolver(doc, clusters, tok_cluster)
    links = r.run()
    return links, r.appos_roles
