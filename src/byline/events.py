"""Pipeline stage ``events``: the clauses that dated expressions date, in timeline order.

For each resolved DATE or TIME expression the parse gives the thing it dates:

* a noun it modifies ("an April 16 phone call where Trump again pushed ...",
  "the May 2 Wall Street Journal report that revealed ...") - the event is that
  noun phrase with its relative clause;
* otherwise the verb of its clause ("Earlier this year, the U.S. designated
  the Sinaloa Cartel ...") - the event is the clause, without parenthetical
  asides, quoted speech tails or further coordinated clauses.

Actors are the entities mentioned inside the event (``ctx.entity_at`` when the
entities stage has run, else its ``brief.entities`` mentions; none when
neither is there).

Undated clauses become events only where an explicit temporal connective orders
them against another event ("Earlier, ...", "after the vote, ...", "before
the minister resigned, ..."; see :mod:`byline.eventorder`): ``date`` is null
and ``after`` lists the events the text places each event after.

``order`` numbers the timeline: dated events by the start of their date
interval, coarser dates after finer ones that start together, ties in text
order; each undated event right after or before the event it is ordered against.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from byline.eventorder import MAX_SENTS_BACK, Link, find_links, is_clause, timeline
from byline.model import Event, EventDate, Time
from byline.nlp import doc_text, ents_in
from byline.pipeline import Context

#: Longest description, in tokens.
MAX_TOKENS = 40
#: Dependencies of a noun that keep a phrase "about" the timex token as the event.
_NOUN_LINKS = {"compound", "nummod", "amod", "npadvmod", "poss", "nmod", "quantmod"}
#: Child subtrees left out of a clause's description.
_DROP = {"parataxis", "appos", "punct", "cc", "conj", "mark", "dep", "discourse", "meta", "intj", "preconj"}


@dataclass
class _Draft:
    start: int  # repaired offsets
    end: int
    head: int  # token index of the event head (dedupe key)
    time: Time | None  # None: an undated event the text orders
    description: str
    entities: list[str]
    noun: str | None = None  # lemma of a noun head ("call"), to merge repeated mentions


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 date value covers; ``None`` if it is not a
    calendar date (durations, PAST_REF, XXXX-...)."""
    if not value:
        return None
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            d = dt.date.fromisoformat(v)
            return d, d
        if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", v):
            y, w = int(v[:4]), int(v[6:8])
            monday = dt.date.fromisocalendar(y, w, 1)
            return (monday + dt.timedelta(days=5) if v.endswith("WE") else monday), monday + dt.timedelta(days=6)
        if re.fullmatch(r"\d{4}-\d\d", v):
            y, m = int(v[:4]), int(v[5:7])
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return dt.date(y, m, 1), end
        if re.fullmatch(r"\d{4}-Q[1-4]", v):
            y, q = int(v[:4]), int(v[6])
            start = dt.date(y, 3 * q - 2, 1)
            end = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return start, end
        if re.fullmatch(r"\d{4}-H[12]", v):
            y, h = int(v[:4]), int(v[6])
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", v):
            y = int(v[:4])
            m = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[v[5:]]
            return dt.date(y, m, 1), dt.date(y + (m == 12), (m + 2) % 12 + 1, 28)
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if re.fullmatch(r"\d{3}", v):
            y = int(v) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
        if re.fullmatch(r"\d{2}", v):
            y = max(1, int(v) * 100)
            return dt.date(y, 1, 1), dt.date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


def _event_head(span: Span) -> Token | None:
    """The noun the expression modifies, or the verb of its clause."""
    root = span.root
    tok = root
    inside = {t.i for t in span}
    # an expression inside a noun phrase ("an April 16 phone call")
    if tok.dep_ in _NOUN_LINKS and tok.head.i not in inside and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        # climb compounds to the phrase head ("Wall Street Journal report")
        while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head is not head:
            head = head.head
        if head.pos_ == "NOUN" or not head.ent_type_:
            return head
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in inside:
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return None


def _clause_tokens(head: Token, span: Span) -> list[Token]:
    """The tokens describing the event headed by ``head``."""
    keep: list[Token] = [head]
    inside = {t.i for t in span}
    for child in head.children:
        if child.dep_ in _DROP and not any(t.i in inside for t in child.subtree):
            continue
        if child.dep_ == "advcl" and not any(t.i in inside for t in child.subtree) and child.i < head.i:
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # keep one contiguous run around the head
    lo = hi = keep.index(head)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    run = keep[lo:hi + 1]
    # drop a dateline glued to the first sentence: "NAIROBI, Kenya (AP) _ Suspected bombs exploded ..."
    for k, tok in enumerate(run[:10]):
        if tok.text in ("_", "--", "—", "–") and tok.i < head.i and any(t.is_upper and len(t) > 1 for t in run[:k]):
            run = run[k + 1:]
            break
    while run and (run[0].is_punct or run[0].dep_ in ("cc", "mark") or run[0].is_space):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].is_space) and run[-1].text not in (")", "”", "\"", "’"):
        run = run[:-1]
    if len(run) > MAX_TOKENS:
        h = next((k for k, t in enumerate(run) if t.i == head.i), 0)
        lo = max(0, min(h - MAX_TOKENS // 3, len(run) - MAX_TOKENS))
        run = run[lo:lo + MAX_TOKENS]
    return run


def _actors(ctx: Context, start: int, end: int, doc: Doc) -> list[str]:
    ids: list[str] = []

    def add(eid: str | None) -> None:
        if eid and eid not in ids:
            ids.append(eid)

    if ctx.data.get("entity_resolver") is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for ent in ents_in(span):
                add(ctx.entity_at(ent.start_char, ent.end_char))
            for tok in span:
                if tok.pos_ in ("PROPN", "PRON") and not tok.ent_type_:
                    add(ctx.entity_at(tok.idx, tok.idx + len(tok.text)))
        return ids
    for ent in ctx.brief.entities:
        for m in ent.mentions:
            loc = m.repaired_span or m.span
            if start <= loc.start and loc.end <= end:
                add(ent.id)
                break
    return ids


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _merge_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """Drop an event named by the same noun as another whose date is finer and
    inside its own ("April phone call" beside "an April 16 phone call")."""
    out = []
    for d in drafts:
        iv = interval(d.time.value) if d.time else None
        repeated = False
        if d.noun and iv is not None:
            for o in drafts:
                if o is d or o.noun != d.noun or o.time is None:
                    continue
                ov = interval(o.time.value)
                if ov is not None and iv[0] <= ov[0] and ov[1] <= iv[1] and ov != iv:
                    repeated = True
                    break
        if not repeated:
            out.append(d)
    return out


def run(ctx: Context) -> None:
    doc = ctx.doc
    pairs = ctx.data.get("timex")
    if doc is None or pairs is None:
        pairs = [(t, None) for t in ctx.brief.times]
    if doc is None:
        return
    drafts: list[_Draft] = []
    seen_heads: set[int] = set()
    line = ctx.data.get("published_line")
    for time, _tx in pairs:
        if time.type not in ("DATE", "TIME") or interval(time.value) is None:
            continue
        loc = time.repaired_span or time.span
        if line is not None and line[0] <= loc.start and loc.end <= line[1]:
            continue  # "Published May 3, 2025": when the article appeared, not something it reports
        span = doc.char_span(loc.start, loc.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = _event_head(span)
        if head is None or head.i in seen_heads:
            continue
        toks = _clause_tokens(head, span)
        if not toks or len(toks) < 2:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        seen_heads.add(head.i)
        noun = head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN") else None
        drafts.append(_Draft(start, end, head.i, time, _tidy(ctx.repaired[start:end]),
                             _actors(ctx, start, end, doc), noun))
    drafts = _merge_repeats(drafts)
    before = _ordered(ctx, doc, drafts, pairs)

    def key(d: _Draft) -> tuple[dt.date, int, int] | None:
        iv = interval(d.time.value) if d.time else None
        if iv is None:
            return None
        return iv[0], (iv[1] - iv[0]).days, d.start

    ranked = timeline(len(drafts), [key(d) for d in drafts], before, [d.start for d in drafts])
    ids = [ctx.new_id("ev") for _ in drafts]
    earlier: dict[int, list[int]] = {}
    for a, b in before:
        earlier.setdefault(b, []).append(a)
    events: list[Event | None] = [None] * len(drafts)
    for order, k in enumerate(ranked):
        d = drafts[k]
        date = EventDate(time_id=d.time.id, value=d.time.value) if d.time else None
        after = [ids[a] for a in earlier.get(k, [])]
        events[k] = Event(id=ids[k], description=d.description, date=date, after=list(dict.fromkeys(after)),
                          entities=d.entities, order=order, **ctx.loc(d.start, d.end))
    ctx.brief.events.extend(sorted((e for e in events if e is not None), key=lambda e: e.order))


def _describe(head: Token, skip: set[int]) -> list[Token]:
    """The clause of ``head`` without the connective tokens ``skip`` (cut where they start or end)."""
    run = _clause_tokens(head, head.doc[head.i:head.i + 1])
    h = next((k for k, t in enumerate(run) if t.i == head.i), None)
    if h is None:
        return []
    if len(skip) == 1:  # a lone adverb ("BA had previously forecast"): keep the clause round it
        run = [t for t in run if t.i not in skip]
        h = next((k for k, t in enumerate(run) if t.i == head.i), None)
        if h is None:
            return []
    lo, hi = h, h
    while lo > 0 and run[lo - 1].i not in skip:
        lo -= 1
    while hi < len(run) - 1 and run[hi + 1].i not in skip:
        hi += 1
    run = run[lo:hi + 1]
    while run and (run[0].is_punct or run[0].dep_ in ("cc", "mark") or run[0].is_space):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].is_space or run[-1].dep_ == "cc"):
        run = run[:-1]
    return run


def _noun_phrase(noun: Token) -> list[Token]:
    toks = list(noun.subtree)
    while toks and (toks[0].is_punct or toks[0].dep_ == "prep"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks[:MAX_NOUN_TOKENS]


#: Longest noun-phrase event, in tokens.
MAX_NOUN_TOKENS = 14


def _ordered(ctx: Context, doc: Doc, drafts: list[_Draft], pairs: list) -> list[tuple[int, int]]:
    """Adds the undated events the text orders to ``drafts``; returns pairs
    ``(a, b)`` of draft indices: the text places ``a`` before ``b``."""
    spans = sorted(((t.repaired_span or t.span).start, (t.repaired_span or t.span).end) for t, _ in pairs)
    starts = [s for s, _ in spans]

    def in_time(tok: Token) -> bool:
        k = bisect.bisect_right(starts, tok.idx) - 1
        return k >= 0 and spans[k][0] <= tok.idx < spans[k][1]

    line = ctx.data.get("published_line")
    by_head = {d.head: k for k, d in enumerate(drafts)}
    sent_of = {}  # token index -> sentence start token index, filled lazily

    def sent_start(i: int) -> int:
        if i not in sent_of:
            sent_of[i] = doc[i].sent.start
        return sent_of[i]

    def draft_for(tok: Token, skip: set[int], noun: bool = False) -> int | None:
        if tok.i in by_head:
            return by_head[tok.i]
        toks = _noun_phrase(tok) if noun else _describe(tok, skip)
        if len(toks) < (1 if noun else 2):
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if line is not None and line[0] <= start < line[1]:
            return None
        drafts.append(_Draft(start, end, tok.i, None, _tidy(ctx.repaired[start:end]), _actors(ctx, start, end, doc),
                             tok.lemma_.lower() if noun else None))
        by_head[tok.i] = len(drafts) - 1
        return len(drafts) - 1

    def preceding(link: Link, exclude: int | None) -> int | None:
        """The nearest event told before the connective, within MAX_SENTS_BACK
        sentences; else the main clause of the sentence just before, in the same paragraph."""
        at = doc[link.at]
        first = at.sent
        for _ in range(MAX_SENTS_BACK):
            if first.start == 0:
                break
            first = doc[first.start - 1].sent
        best = None
        for k, d in enumerate(drafts):
            if k == exclude or d.start >= at.idx or d.head == link.head.i or d.start < first.start_char:
                continue
            if best is None or d.start > drafts[best].start:
                best = k
        if best is not None:
            return best
        sent = at.sent
        if sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        if "\n\n" in doc_text(doc)[prev.end_char:sent.start_char] or "\n\n" in prev.text.strip():
            return None
        root = prev.root
        return draft_for(root, set()) if is_clause(root) else None

    def named(noun: Token) -> int | None:
        """An event named by ``noun``: a noun event of that word, or a clause whose subject it is."""
        lemma = noun.lemma_.lower()
        for k, d in enumerate(drafts):
            if d.noun == lemma or any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() == lemma
                                      for c in doc[d.head].children):
                return k
        return None

    links = find_links(doc, in_time) + _unresolved_anaphors(doc, pairs)
    links.sort(key=lambda link: link.at)
    before: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for link in links:
        if line is not None and line[0] <= doc[link.at].idx < line[1]:
            continue
        if link.other is not None and link.other_noun:
            other = named(link.other)
            if other is None:
                other = draft_for(link.other, set(), noun=True)
        elif link.other is not None:
            other = draft_for(link.other, set())
        else:
            other = preceding(link, by_head.get(link.head.i))
        if other is None:
            continue
        me = draft_for(link.head, link.skip)
        if me is None or me == other:
            continue
        if drafts[me].time is not None and drafts[other].time is not None:
            continue  # both dated: their dates order them
        pair = (other, me) if link.rel == "after" else (me, other)
        if pair not in seen and (pair[1], pair[0]) not in seen:
            seen.add(pair)
            before.append(pair)
    return before


def _unresolved_anaphors(doc: Doc, pairs: list) -> list[Link]:
    """"The following day" or "a week later" with nothing to resolve from: later than the event just told."""
    out: list[Link] = []
    for time, _tx in pairs:
        if time.value is not None or time.type not in ("DATE", "TIME"):
            continue
        t = time.text.lower()
        rel: str | None = None
        if re.search(r"\b(?:following|next|after|later|afterwards)\b", t):
            rel = "after"
        elif re.search(r"\b(?:previous|prior|preceding|before|earlier)\b", t):
            rel = "before"
        if rel is None:
            continue
        loc = time.repaired_span or time.span
        span = doc.char_span(loc.start, loc.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = _event_head(span)
        if head is None or head.pos_ not in ("VERB", "AUX"):
            continue
        out.append(Link(head, rel, span[0].i, skip={t.i for t in span}))  # type: ignore[arg-type]
    return out
