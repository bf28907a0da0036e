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
neither is there). Events are sorted by the start of their date interval,
coarser dates after finer ones that start together, ties kept in text order;
``order`` numbers them. Undated clauses are not reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from byline.model import Event, EventDate, Time
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
    time: Time
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
            for ent in span.ents:
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
        iv = interval(d.time.value)
        repeated = False
        if d.noun and iv is not None:
            for o in drafts:
                if o is d or o.noun != d.noun:
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

    def key(d: _Draft) -> tuple[dt.date, int, int]:
        iv = interval(d.time.value)
        assert iv is not None
        return iv[0], (iv[1] - iv[0]).days, d.start

    drafts.sort(key=key)
    for order, d in enumerate(drafts):
        ctx.brief.events.append(Event(
            id=ctx.new_id("ev"), description=d.description,
            date=EventDate(time_id=d.time.id, value=d.time.value), entities=d.entities, order=order,
            **ctx.loc(d.start, d.end),
        ))
