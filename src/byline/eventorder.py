"""Undated events the text orders, and the timeline order of all events.

A clause with no date of its own becomes an event only when an explicit
temporal connective ties it to another event (precision first: no event for
every sentence):

* a pre-verbal adverb: "Earlier, the minister resigned", "Then talks
  collapsed", "He later withdrew" - ordered against the nearest preceding event;
* "after" / "before" / "following" with a noun phrase: "After the vote, the
  party split" - ordered against an event named by that noun, else against the
  noun phrase itself, which becomes an undated event too; "after that",
  "before this" refer to the nearest preceding event;
* a subordinate clause: "after the minister resigned, the party split" - the two
  clauses, in that order;
* an anaphoric time that found nothing to resolve from ("the following day",
  "a week later" with no earlier date): later than the nearest preceding event.

:func:`find_links` reads these from the parse; :func:`timeline` puts dated
events in date order and each undated one right after or before what it is
ordered against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

Rel = Literal["after", "before"]

#: Pre-verbal adverbs that place their clause after or before the event just told.
ADVERBS: dict[str, Rel] = {
    "then": "after", "later": "after", "afterwards": "after", "afterward": "after", "subsequently": "after",
    "thereafter": "after", "eventually": "after", "earlier": "before", "previously": "before",
    "beforehand": "before",
}
#: Prepositions and subordinators that order two events.
PREPS: dict[str, Rel] = {"after": "after", "following": "after", "before": "before"}
#: Pronouns that make "after that" refer to the event just told.
ANAPHORS = {"that", "this", "then"}
#: "before the committee", "appeared before a judge": a place in front of someone, not a time.
_BEFORE_AUDIENCE = {"court", "committee", "judge", "panel", "parliament", "congress", "senate", "house", "camera",
                    "cameras", "audience", "crowd", "tribunal", "jury", "commission", "assembly", "council",
                    "lawmaker", "lawmakers", "reporter", "reporters", "journalist", "journalists", "public",
                    "voter", "voters", "board", "inquiry", "hearing", "subcommittee", "magistrate"}
#: Verbs whose "after" is not a time: "named after", "look after", "go after".
_PHRASAL_AFTER = {"name", "look", "go", "run", "chase", "seek", "take", "model", "lust", "ask", "call"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
#: Reporting verbs: "Earlier, she told the BBC" reports, it is not something the story orders.
_REPORTING = {"say", "tell", "add", "note", "explain", "reply", "comment", "insist", "argue", "write", "ask",
              "stress", "recall", "describe", "suggest"}
#: Modal auxiliaries: "people should be punished only after a trial" is no sequence of events.
_MODALS = {"should", "could", "would", "might", "may", "must", "can", "'d", "ought"}
#: Where an ordered clause may sit: a main clause, a coordinated one, or reported content.
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "parataxis"}
#: How many sentences back an adverb or "after that" may look for its event.
MAX_SENTS_BACK = 2


@dataclass
class Link:
    """One explicit ordering read from the text.

    The event headed by ``head`` (a clause verb) is ``rel`` the other event:
    the one headed by ``other`` (a clause verb, ``other_noun`` False, or a noun,
    ``other_noun`` True), or, when ``other`` is None, the nearest event told
    before ``at``. ``skip`` are the connective's tokens, left out of the
    descriptions.
    """

    head: Token
    rel: Rel
    at: int  # token index of the connective
    other: Token | None = None
    other_noun: bool = False
    skip: set[int] = field(default_factory=set)


def is_clause(tok: Token) -> bool:
    """A factual verb with a subject of its own, or one coordinated with such a verb:
    not a reporting verb, not under a modal, not inside a noun's relative clause."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() in _REPORTING:
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in tok.children):
        return False
    if any(c.dep_ in _SUBJECTS for c in tok.children):
        return True
    return tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ in _SUBJECTS for c in tok.head.children)


def is_main(tok: Token) -> bool:
    """A clause that may be ordered: a main, coordinated or reported one (not a relative clause)."""
    return is_clause(tok) and tok.dep_ in _CLAUSE_DEPS


def _clause_initial(tok: Token, head: Token) -> bool:
    """``tok`` stands before its verb: "Earlier, X did", "X then did", "and later did"."""
    return tok.i < head.i


def _conditional(head: Token) -> bool:
    """``head`` is the consequence of an "if" or "unless" clause."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for k in [head, *head.children] for c in k.children)


def find_links(doc: Doc, in_time: Callable[[Token], bool]) -> list[Link]:
    """The explicit orderings in ``doc``, in text order; ``in_time`` tells
    whether a token is part of a temporal expression (those are dated already)."""
    links: list[Link] = []
    for tok in doc:
        word = tok.lower_
        if (word not in ADVERBS and word not in PREPS) or in_time(tok):
            continue  # every ordering word is an adverb or a preposition ("after", "before" are)
        head = tok.head
        if word in ADVERBS and tok.dep_ == "advmod" and is_main(head) and _clause_initial(tok, head):
            if word == "then" and _conditional(head):
                continue  # "if ..., then ...": a condition, not a sequence
            # "had hidden the faults and then repaired the cars": after the first verb of the pair
            first = head.head if head.dep_ == "conj" and is_clause(head.head) else None
            links.append(Link(head, ADVERBS[word], tok.i, other=first, skip={tok.i}))
        elif word in PREPS and tok.dep_ == "prep" and is_main(head):
            link = _prep_link(tok, head, in_time)
            if link is not None:
                links.append(link)
        elif word in ("after", "before") and tok.dep_ == "mark" and head.dep_ == "advcl" and is_clause(head):
            main = head.head
            if main is head or not is_main(main) or any(in_time(t) for t in head.subtree):
                continue
            # "X happened after Y happened": X is after Y; the reverse for "before"
            skip = {t.i for t in head.subtree}
            links.append(Link(main, PREPS[word], tok.i, other=head, skip=skip))
    return links


def _prep_link(tok: Token, head: Token, in_time: Callable[[Token], bool]) -> Link | None:
    rel = PREPS[tok.lower_]
    if tok.lower_ == "after" and head.lemma_.lower() in _PHRASAL_AFTER:
        return None
    objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
    if not objs:
        return None
    obj = objs[0]
    subtree = list(obj.subtree)
    if any(in_time(t) for t in subtree):
        return None  # "after May 2": a dated clause already
    skip = {tok.i} | {t.i for t in subtree}
    if obj.dep_ == "pcomp":
        if obj.pos_ != "VERB" or obj.lemma_.lower() in _REPORTING:
            return None
        # "after meeting the president": the gerund is an event of the same subject
        return Link(head, rel, tok.i, other=obj, skip=skip)
    if obj.lower_ in ANAPHORS:
        return Link(head, rel, tok.i, skip=skip)
    if obj.pos_ != "NOUN" or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return None  # "after him", "before Congress", "after all"
    if tok.lower_ == "before" and obj.lower_ in _BEFORE_AUDIENCE:
        return None
    if re.fullmatch(r"(?i)(?:day|week|month|year|time|hour|minute)s?", obj.text):
        return None  # "day after day", "time after time"
    return Link(head, rel, tok.i, other=obj, other_noun=True, skip=skip)


def timeline(n: int, dated_key: Sequence[tuple | None], before: Sequence[tuple[int, int]],
             text_pos: Sequence[int]) -> list[int]:
    """Timeline order of ``n`` events: indices, earliest first.

    ``dated_key[i]`` sorts dated events (None for undated ones); ``before`` are
    pairs ``(a, b)``: the text places event ``a`` before event ``b``. Dated
    events go by their keys; an undated event goes right after (or before) the
    placed event it is ordered against, taken in text order; a group of undated
    events tied to no dated one follows the dated timeline, in its own order.
    """
    order = sorted((i for i in range(n) if dated_key[i] is not None), key=lambda i: dated_key[i])  # type: ignore
    placed = set(order)
    partners: dict[int, list[tuple[int, int]]] = {}  # event -> [(other, +1 if event is after other else -1)]
    for a, b in before:
        partners.setdefault(b, []).append((a, 1))
        partners.setdefault(a, []).append((b, -1))
    pending = sorted((i for i in range(n) if i not in placed), key=lambda i: text_pos[i])
    while pending:
        rest: list[int] = []
        for u in pending:
            anchor = next(((o, side) for o, side in partners.get(u, []) if o in placed), None)
            if anchor is None:
                rest.append(u)
                continue
            o, side = anchor
            order.insert(order.index(o) + (1 if side > 0 else 0), u)
            placed.add(u)
        if len(rest) == len(pending):
            u = rest.pop(0)  # a group tied to no placed event: after the timeline so far
            order.append(u)
            placed.add(u)
        pending = rest
    return order
