"""The tense of the clause a temporal expression sits in, from the spaCy parse.

"Friday" in a past-tense clause is the Friday before the publication date, in a
future one the Friday after; the resolver asks this module which it is rather
than applying a fixed rule.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
#: Verbs whose infinitive complement lies ahead ("planned to leave Thursday", "is to resume Tuesday").
_FUTURE_GOING = {"go", "due", "schedule", "expect", "set", "plan", "aim", "intend", "hope", "want", "prepare", "be",
                 "agree", "promise", "vow", "threaten", "propose", "decide", "seek", "try", "wish", "need", "suppose"}


def _verb_of(tok: Token) -> Token | None:
    """The verb that governs ``tok``: itself, or the nearest verb up the tree."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            break
        t = t.head
    return None


def tense_of_verb(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if any(a.lower_ == "would" for a in auxes):
        return None
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = verb.head
        if head is not verb and (head.lemma_.lower() in _FUTURE_GOING or head.lower_ in ("going", "due")):
            # "had been due to expire Friday": the plan lay ahead then, the day is past now
            return "past" if _pluperfect(head) else "future"
        if head is not verb:
            return tense_of_verb(head)
    if any(a.tag_ in ("VBD",) for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lower_ in ("has", "have", "had", "was", "were", "been") for a in auxes):
            return "past"
        if any(a.lower_ in ("is", "are", "am", "be", "being", "'s", "'re") for a in auxes):
            return "present"
        return "past"
    if verb.tag_ == "VBG":
        if any(a.lower_ in ("was", "were", "been") for a in auxes):
            return "past"
        if any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxes):
            return "future"  # "is meeting Friday": a scheduled event
        if verb.head is not verb and verb.dep_ in ("advcl", "xcomp", "acl", "pcomp", "conj"):
            return tense_of_verb(verb.head)
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and verb.head is not verb and verb.dep_ in ("xcomp", "conj", "ccomp"):
        return tense_of_verb(verb.head)
    return None


def _pluperfect(tok: Token) -> bool:
    """``tok`` (or the verb it completes: "had been due") has the auxiliary "had"."""
    for t in (tok, tok.head) if tok.dep_ in ("acomp", "xcomp", "attr") else (tok,):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in t.children) or t.lower_ == "had":
            return True
    return False


#: Verbs that put what they govern ahead: "has scheduled a news conference Thursday".
_SCHEDULE = {"schedule", "reschedule", "slate", "postpone", "delay", "defer"}


def tense_at(doc: Doc | None, start: int, end: int) -> Tense | None:
    """Tense of the clause around character offsets ``[start, end)`` of ``doc``."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    verb = _verb_of(root)
    if verb is None:
        # a verbless headline or noun phrase: look for any verb in the sentence
        for t in root.sent:
            if t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT":
                verb = t
                break
    if verb is None:
        return None
    tense = tense_of_verb(verb)
    if verb.lemma_.lower() in _SCHEDULE and tense != "future" and not _pluperfect(verb):
        return "future"
    if tense == "future" and root.dep_ in _NOUN_MOD and root.head.pos_ == "NOUN":
        return None  # "under a June agreement": a thing named by a noun is rarely still ahead
    return tense


_NOUN_MOD = {"compound", "nmod", "amod", "nummod", "poss", "npadvmod"}
