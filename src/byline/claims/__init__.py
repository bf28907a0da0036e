"""Pipeline stage: quantities and check-worthy claims, each with its source.

For every sentence of the repaired text the stage reads the quantities
(:mod:`byline.claims.quantities`), keeps those that are figures (not dates,
identifiers or ordinals), and makes a claim of a sentence that carries a
figure, a superlative with a scope ("the most secure border in history") or a
dated event done by a named actor. Each claim gets its source
(:mod:`byline.claims.sources`; a figure inside a quote is sourced to the quote's
speaker), what is counted (``subject``), the place and time it is about, and a
check-worthiness score. It works, doing less, when the entities, quotes or
times stages found nothing or were skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from byline.claims import units as U
from byline.claims.quantities import Found, extract, is_figure
from byline.claims.sources import REPORT_VERBS, find_frame, parse_frame, parse_quality, quality_of
from byline.claims.sources import clean_name as clean_source
from byline.model import Claim, ClaimSource, PlaceRef, Quantity, Quote, Range, Span
from byline.nlp import ents_in
from byline.pipeline import Context

_SUPERLATIVE = re.compile(
    r"\b(?:the\s+)?(?:(?:most|least)\s+[\w-]+|[a-z]{3,}est|best|worst)\b[^.;:!?]{0,60}?"
    r"\b(?:in\s+(?:history|the\s+world|the\s+country|the\s+nation|decades|years|a\s+generation|recorded\s+history)"
    r"|ever|on\s+record|of\s+all\s+time)\b",
    re.I,
)
_NOT_SUPERLATIVE = {"interest", "forest", "guest", "request", "protest", "arrest", "chest", "quest", "west", "rest",
                    "test", "contest", "harvest", "honest", "modest", "suggest", "digest", "invest", "latest",
                    "manifest", "nest", "pest", "crest", "vest", "zest", "southwest", "northwest", "midwest",
                    "earnest", "priest", "unrest", "conquest", "behest", "bequest", "inquest", "attest",
                    "detest", "biggest"}
_REPORT_RE = re.compile(rf"(?:{REPORT_VERBS})")
# cues of reported speech whose speaker can source a figure ("Argentina signed a $240m deal" is no report)
_CUE_RE = re.compile(rf"\b(?:{REPORT_VERBS}|according|telling|saying|adding|noting|explaining|arguing|insist\w*|"
                     r"emphasi[sz]\w*|stress\w*|recount\w*|reiterat\w*|accus\w*|acknowledg\w*|admit\w*|"
                     r"told|tweet\w*|wrote|asked|answer\w*|repl\w*|respond\w*|testif\w*|explain\w*|"
                     r"announc\w*|declar\w*|describ\w*|call\w*|point\w*)\b")
_EVENT_VERB_SKIP = {"be", "have", "say", "tell", "do", "make", "get", "go", "seem", "appear", "become", "emphasize",
                    "stress", "insist", "recount", "reiterate", "reference", "confirm", "deny", "accuse", "urge",
                    "ask", "call", "explain", "add", "argue", "describe", "address", "note", "suggest", "think",
                    "believe", "want", "hope", "expect", "warn", "claim", "write", "tweet", "post"}
_LABEL = re.compile(r"^\s*(?:[-–—•*]\s*)?(?:[“\"‘']?[\w’' .&-]{1,40}[”\"’']?\s*:\s+)?")
_CUT = re.compile(r"\s+[—–]\s+|\s+-\s+(?=[A-Za-z])")


@dataclass
class _Sent:
    start: int  # repaired offsets
    end: int


def _sentences(ctx: Context) -> list[_Sent]:
    """Sentences from the parse, cut again at line breaks (headings, bullets)."""
    text = ctx.repaired
    bounds: list[tuple[int, int]] = []
    if ctx.doc is not None:
        bounds = [(s.start_char, s.end_char) for s in ctx.doc.sents]
    else:
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    merged: list[tuple[int, int]] = []
    for a, b in bounds:
        if merged:
            pa, pb = merged[-1]
            prev, nxt = text[pa:pb], text[a:b].lstrip()
            initialism = re.search(r"\b(?:[A-Z]\.?){2,}[”\"’']*\.[”\"’']*$", prev.rstrip())
            abbreviation = re.search(r"\b(?:No|Nos|Nr|Vol|Fig|Art|Sec|Pt)\.$", prev.rstrip()) and nxt[:1].isdigit()
            if "\n" not in text[pb:a] and nxt and (nxt[0].islower() or abbreviation or (
                    initialism and re.search(r"\baccording\s+to\b[^,]*$", prev, re.I))):
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    out: list[_Sent] = []
    for a, b in merged:
        pos = a
        for piece in re.split(r"(\n+)", text[a:b]):
            if piece and not piece.startswith("\n") and piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(_Sent(pos + lead, pos + len(piece.rstrip())))
            pos += len(piece)
    return out


def _to_quantity(ctx: Context, f: Found, unit: str | None) -> Quantity:
    value: float | Range | None
    if isinstance(f.value, tuple):
        value = Range(low=f.value[0], high=f.value[1])
    else:
        value = f.value
    return Quantity(
        id=ctx.new_id("n"), text=f.text, kind=f.kind, value=value, unit=unit, per=f.per,  # type: ignore[arg-type]
        hedge=f.hedge, relation=f.relation, **ctx.loc(f.start, f.end),  # type: ignore[arg-type]
    )


def _singular(word: str) -> str:
    w = word.lower()
    if w in U.COUNT_NOUNS:
        return U.COUNT_NOUNS[w]
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and not w.endswith("ss"):
            base = w[: -len(suffix)] + repl
            return U.COUNT_NOUNS.get(base, base)
    return w


_STOP = {"in", "at", "on", "from", "by", "for", "to", "with", "and", "or", "but", "that", "which", "who", "were",
         "was", "is", "are", "have", "has", "had", "originate", "originated", "come", "came", "said", "say",
         "says", "this", "the", "since", "during", "last", "over", "after", "before", "across", "into", "per",
         "each", "a", "an", "as", "than", "while", "when", "its", "their", "his", "her", "of", "will", "would",
         "could", "be", "been", "according", "annually", "a year", "this year", "last year"}
_PARTITIVE = {"percent", "percentage point"}


_FINITE = {"VBD", "VBP", "VBZ", "MD"}
_STOP_VERBS = {"originate", "originated", "originates", "are", "is", "were", "was", "have", "has", "had", "come",
               "came", "live", "lived", "say", "said", "support", "supported", "oppose", "opposed", "will", "would",
               "could", "can", "do", "did", "does", "believe", "voted", "want", "think", "depend", "depends"}

PosAt = Callable[[int], tuple[str, str] | None]


def _subject(text: str, f: Found, sent_end: int, pos_at: PosAt | None = None) -> tuple[str | None, str | None]:
    """What a quantity counts, read from the words after it: (subject, count unit).

    "70,000 overdose deaths" -> ("overdose deaths", "death"); "70% of firearms
    recovered at crime scenes originate ..." -> ("firearms recovered at crime scenes",
    None). With the parse (``pos_at``) the phrase stops at a finite verb and a count
    noun phrase at its last noun; without it, at function words."""
    after = text[f.end: sent_end]
    words = list(re.finditer(r"[A-Za-z][\w’'-]*|[,.;:()—–]", after))
    if not words:
        return None, None

    def pos(m: re.Match[str]) -> tuple[str, str] | None:
        return pos_at(f.end + m.start()) if pos_at else None

    partitive = f.unit in _PARTITIVE or f.kind == "vague" or (f.dimension == "fraction")
    if partitive and words and words[0].group().lower() == "of":
        i = 1
        if i < len(words) and words[i].group().lower() in ("the", "all", "a", "an", "those", "these"):
            i += 1
        picked: list[str] = []
        for m in words[i: i + 9]:
            w = m.group()
            p = pos(m)
            if not w[0].isalpha() or w.lower() in _STOP_VERBS or (p and p[0] in ("VERB", "AUX") and p[1] in _FINITE) \
                    or w.lower() in ("but", "and", "or", "while", "whereas", "yet") or (p and p[0] == "NUM"):
                break
            picked.append(w)
        while picked and picked[-1].lower() in _STOP:
            picked.pop()
        return (" ".join(picked), None) if picked else (None, None)
    if f.unit is not None or f.kind in ("multiplier",):
        return None, None
    picked = []
    nouns: list[str] = []
    for m in words[:4]:
        w = m.group()
        p = pos(m)
        if not w[0].isalpha() or w.lower() in _STOP:
            break
        if p is not None and p[0] not in ("NOUN", "PROPN", "ADJ"):
            break
        picked.append(w)
        if p is None or p[0] in ("NOUN", "PROPN"):
            nouns.append(w)
    while picked and nouns and picked[-1] != nouns[-1]:
        picked.pop()
    if not picked or not nouns:
        return None, None
    return " ".join(picked), _singular(nouns[-1])


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


class _SpanIndex:
    """Items sorted by span start, for "which lie inside [a, b)" and "which contain
    [a, b)" without a pass over every item per claim (long articles stay linear)."""

    #: How many pieces starting before a span are looked at for one that contains it.
    LOOK_BACK = 64

    def __init__(self, items: list[tuple[Span, object]]):
        items.sort(key=lambda it: (it[0].start, it[0].end))
        self.items = items
        self.starts = [sp.start for sp, _ in items]

    def inside(self, outer: Span) -> list[object]:
        out = []
        for k in range(bisect.bisect_left(self.starts, outer.start), len(self.items)):
            sp, obj = self.items[k]
            if sp.start > outer.end:
                break
            if sp.end <= outer.end:
                out.append(obj)
        return out

    def containing(self, inner: Span) -> list[object]:
        hi = bisect.bisect_right(self.starts, inner.start)
        out = []
        for k in range(hi - 1, max(-1, hi - 1 - self.LOOK_BACK), -1):
            sp, obj = self.items[k]
            if sp.end >= inner.end:
                out.append(obj)
        return out[::-1]


def _index(ctx: Context, name: str) -> _SpanIndex:
    """Per-article indexes over what earlier stages found (they do not change while claims run)."""
    key = f"claims_index_{name}"
    idx = ctx.data.get(key)
    if idx is None:
        items: list[tuple[Span, object]] = []
        if name == "times":
            items = [(t.span, t) for t in ctx.brief.times]
        elif name == "mentions":
            # payload: (entity order, mention order, entity, mention) — ties break in brief order
            items = [(m.span, (k, j, e, m)) for k, e in enumerate(ctx.brief.entities)
                     for j, m in enumerate(e.mentions)]
        elif name == "quotes":
            items = [(p, (k, q)) for k, q in enumerate(ctx.brief.quotes) for p in (q.content_spans or [q.span])]
        idx = ctx.data[key] = _SpanIndex(items)
    return idx


def _quote_for(ctx: Context, span: Span) -> tuple[Quote, bool] | None:
    """The quote whose content holds ``span`` (original offsets): (quote, direct?)."""
    best = None
    found = dict(_index(ctx, "quotes").containing(span))  # type: ignore[arg-type]
    for _k, q in sorted(found.items()):
        direct = q.kind in ("direct", "partial", "nested")  # type: ignore[attr-defined]
        if best is None or (direct and not best[1]):
            best = (q, direct)
    return best  # type: ignore[return-value]


def _entity_in(ctx: Context, start: int, end: int) -> str | None:
    """An entity mentioned inside repaired ``[start, end)``, trying sub-spans of words."""
    eid = ctx.entity_at(start, end)
    if eid:
        return eid
    o = ctx.original_span(start, end)
    hits = [(k, e) for k, _j, e, _m in _index(ctx, "mentions").inside(o)  # type: ignore[misc]
            if e.type in ("PERSON", "ORG", "GPE", "NORP")]
    if hits:
        return min(hits, key=lambda h: h[0])[1].id
    return None


def _place(ctx: Context, start: int, end: int) -> PlaceRef | None:
    o = ctx.original_span(start, end)
    cands = []  # (score, entity order, mention order): the first entity, in entity order, with the best score
    for k, j, e, m in _index(ctx, "mentions").inside(o):  # type: ignore[misc]
        if e.type in ("GPE", "LOC"):
            before = ctx.text[max(0, m.span.start - 8): m.span.start].lower()
            score = 2 if re.search(r"\b(in|across|within)\s+(the\s+)?$", before) else 1
            cands.append((-score, k, j, e))
    if cands:
        e = min(cands, key=lambda c: c[:3])[3]
        return PlaceRef(name=e.name, entity_id=e.id)
    if ctx.doc is not None:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for ent in ents_in(span):
                if ent.label_ in ("GPE", "LOC"):
                    before = ctx.repaired[max(0, ent.start_char - 8): ent.start_char].lower()
                    if re.search(r"\b(in|across|within)\s+(the\s+)?$", before):
                        return PlaceRef(name=ent.text, entity_id=None)
    return None


def _time(ctx: Context, sent: Span, claim: Span) -> str | None:
    best = None
    for t in _index(ctx, "times").inside(sent):  # type: ignore[assignment]
        if _inside(t.span, sent):
            score = 2 if _inside(t.span, claim) else 1
            if t.type in ("DATE", "TIME") and (best is None or score > best[0]):
                best = (score, t.id)
    return best[1] if best else None


def _event_sentence(ctx: Context, s: _Sent, claim_end: int) -> bool:
    """A dated act by a named actor: "Earlier this year, the U.S. designated the cartels ..."."""
    if ctx.doc is None:
        return False
    o_sent = ctx.original_span(s.start, claim_end)
    dated = any(t.type == "DATE" for t in _index(ctx, "times").inside(o_sent))  # type: ignore[attr-defined]
    span = ctx.doc.char_span(s.start, claim_end, alignment_mode="expand")
    if span is None:
        return False
    if not dated:
        dated = any(e.label_ == "DATE" for e in ents_in(span))
    if not dated:
        return False
    for tok in span:
        if tok.dep_ == "ROOT":
            if tok.pos_ not in ("VERB",) or tok.tag_ not in ("VBD",) or tok.lemma_.lower() in _EVENT_VERB_SKIP:
                return False
            if _REPORT_RE.fullmatch(tok.text.lower()):
                return False
            subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
            if not subj:
                return False
            sub = subj[0]
            a, b = sub.left_edge.idx, sub.right_edge.idx + len(sub.right_edge.text)
            # an institution acting: "the U.S. designated ...", not "Jimmy Tompkins tossed a football"
            eid = _entity_in(ctx, a, b)
            ent = ctx.brief.entity(eid) if eid else None
            if ent is not None:
                return ent.type in ("ORG", "GPE", "NORP")
            return sub.ent_type_ in ("GPE", "ORG", "NORP") or any(
                t.ent_type_ in ("GPE", "ORG", "NORP") and t.head == sub for t in sub.subtree)
    return False


_COMPARED = re.compile(r"\b(?:compared\s+(?:with|to)|than\s+(?:ever|before|any\s+other|in\s+any|a\s+year\s+ago|"
                       r"last\s+year|the\s+national\s+average))\b", re.I)


def _comparison(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """A comparison without a figure: "crime is higher than ever", "cheaper than any other".

    Needs a comparative adjective or adverb followed by "than" within three words, and a
    factual comparison base ("than ever", "than last year", "compared with"): a bare
    "better than him" is opinion, not a checkable claim."""
    if ctx.doc is None:
        return None
    m = _COMPARED.search(ctx.repaired, start, end)
    if m is None:
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for i, tok in enumerate(span):
        if tok.tag_ in ("JJR", "RBR") and any(t.lower_ in ("than", "compared") for t in span[i + 1: i + 4]):
            return tok.idx, m.end()
    return None


def _claim_bounds(text: str, s: _Sent, figures: list[Found]) -> tuple[int, int]:
    """Drop a leading bullet or label ("- Cartel Power: ...") and a trailing dash appositive."""
    sent = text[s.start: s.end]
    m = _LABEL.match(sent)
    start = s.start
    if m and m.end() and len(sent) - m.end() > 25 and sent[: m.end()].count(" ") <= 6:
        label = sent[: m.end()]
        if not re.search(rf"\b(?:{REPORT_VERBS})\b", label, re.I):  # keep "Ms Hewitt said: ..."
            start = s.start + len(label) - len(label.lstrip("-–—•* ")) if not label.strip(" -–—•*") else \
                s.start + m.end()
        else:
            start = s.start + len(label) - len(label.lstrip(" -–—•*"))
    end = s.end
    cut = _CUT.search(text, start, end)
    if cut and cut.start() - start > 25 and all(f.end <= cut.start() for f in figures):
        end = cut.start()
    while end > start and text[end - 1] in " .;:":
        end -= 1
    if end < s.end and text[end] == "." and _ABBREV_END.search(text, start, end):
        end += 1  # the sentence's period is also an abbreviation's: "from the U.S."
    return start, end


#: A word whose final period is part of it ("U.S.", "Inc."), searched at a claim's end.
_ABBREV_END = re.compile(r"(?:\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|etc|Bros))$")


def run(ctx: Context) -> None:
    text = ctx.repaired
    found = extract(text)
    by_sent: dict[int, list[Found]] = {}
    sents = _sentences(ctx)
    starts = [s.start for s in sents]
    time_spans = [t.span for t in ctx.brief.times if t.type in ("DATE", "TIME", "SET")]
    made: dict[int, tuple[str, str | None]] = {}  # id(found) -> (quantity id, subject)
    tags = {t.idx: (t.pos_, t.tag_) for t in ctx.doc} if ctx.doc is not None else None
    pos_at = tags.get if tags is not None else None
    for f in found:
        if f.is_date or f.is_id or f.dimension == "clock":
            continue  # dates and clock times belong to times[]; identifiers are names
        o = ctx.original_span(f.start, f.end)
        if f.kind in ("cardinal", "ordinal") and any(_overlaps(o, t) for t in time_spans):
            continue
        k = bisect.bisect_right(starts, f.start) - 1
        in_sent = k >= 0 and sents[k].start <= f.start < sents[k].end
        subj, count_unit = _subject(text, f, sents[k].end if in_sent else len(text), pos_at)
        unit = f.unit
        if unit is None and f.kind in ("cardinal", "vague") and count_unit:
            unit = count_unit
        q = _to_quantity(ctx, f, unit)
        ctx.brief.quantities.append(q)
        made[id(f)] = (q.id, subj)
        if in_sent and is_figure(f):
            by_sent.setdefault(k, []).append(f)
    for k, s in enumerate(sents):
        figures = by_sent.get(k, [])
        c_start, c_end = _claim_bounds(text, s, figures)
        kind = "quantity"
        sup = None
        if not figures:
            sup = _SUPERLATIVE.search(text, c_start, c_end)
            if sup and sup.group().split()[-1].lower() not in _NOT_SUPERLATIVE and not any(
                    w.lower() in _NOT_SUPERLATIVE for w in sup.group().split()[:3]):
                kind = "superlative"
            elif (cmp := _comparison(ctx, c_start, c_end)) is not None:
                kind, sup_span = "comparison", cmp
            elif _event_sentence(ctx, s, c_end):
                kind = "event"
            else:
                continue
        anchor = (sup.start(), sup.end()) if kind == "superlative" and sup else None
        if kind == "comparison":
            anchor = sup_span
        _make_claim(ctx, s, c_start, c_end, figures, kind, made, anchor)


def _make_claim(ctx: Context, s: _Sent, c_start: int, c_end: int, figures: list[Found], kind: str,
                made: dict[int, tuple[str, str | None]], anchor_span: tuple[int, int] | None = None) -> None:
    text = ctx.repaired
    brief = ctx.brief
    sentence = text[c_start:c_end]
    doc = ctx.doc

    def no_finite_verb(a: int, b: int) -> bool:
        """A source phrase holds no finite verb ("as they speak to leaders" is not a source)."""
        if doc is None:
            return True
        span = doc.char_span(c_start + a, c_start + b, alignment_mode="expand")
        return span is None or not any(t.pos_ in ("VERB", "AUX") and t.tag_ in _FINITE for t in span)

    frame, src_phrase = None, None
    if doc is not None:
        cspan = doc.char_span(c_start, c_end, alignment_mode="expand")
        fig_char = figures[0].num_start if figures else (anchor_span[0] if anchor_span else None)
        if cspan is not None and (found := parse_frame(cspan, fig_char)) is not None:
            frame, src_phrase = found
            shift = cspan.start_char - c_start
            frame.src_start += shift
            frame.src_end += shift
            frame.frame_start += shift
            frame.frame_end += shift
            if frame.src_start < 0 or frame.src_end > c_end - c_start or frame.frame_start < 0:
                frame, src_phrase = None, None  # the parse ran over the sentence (a heading line above it)
    if frame is None:
        frame = find_frame(sentence, figures[0].start - c_start if figures else None, no_finite_verb)
    source = ClaimSource()
    quote_id = None
    if frame is not None:
        f_start, f_end = c_start + frame.frame_start, c_start + frame.frame_end
        src_start, src_end = c_start + frame.src_start, c_start + frame.src_end
        first_fig = figures[0].start if figures else (anchor_span[0] if anchor_span else c_end)
        governs = frame.position != "inner" or f_start < first_fig
        if governs:
            eid = _entity_in(ctx, src_start, src_end)
            name = clean_source(frame.name)
            phrase = frame.name
            if frame.src_start <= 1 and eid is None and doc is not None:
                first = doc.char_span(src_start, src_end, alignment_mode="expand")
                if first is not None and len(first) and first[0].is_title and first[0].pos_ != "PROPN":
                    phrase = phrase[:1].lower() + phrase[1:]  # "Results of a consultation": capital by position
            quality = parse_quality(src_phrase, eid is not None) if src_phrase is not None else \
                quality_of(phrase, eid is not None)
            if eid and quality == "named":
                ent = brief.entity(eid)
                if ent is not None and ent.type in ("PERSON", "ORG", "GPE", "NORP") and len(ent.name) > len(name):
                    name = ent.name  # "the CDC said" -> the canonical name
            source = ClaimSource(name=name, entity_id=eid if quality == "named" else None,
                                 span=ctx.loc(src_start, src_end)["span"], quality=quality)  # type: ignore[arg-type]
            if frame.position == "lead" and f_end < (figures[0].start if figures else c_end):
                c_start = f_end
                if m := _ASIDE.match(text, c_start, c_end):  # "according to the CDC (Centers ...),"
                    c_start = m.end()
                while c_start < c_end and text[c_start] in " ,:;":
                    c_start += 1
                if m := re.match(r"that\s+", text[c_start:c_end], re.I):
                    c_start += m.end()
            elif frame.position == "tail" and f_start > c_start:
                c_end = f_start
                while c_end > c_start and text[c_end - 1] in " ,;:":
                    c_end -= 1
    anchor = figures[0] if figures else None
    if anchor is not None:
        a_span = ctx.original_span(anchor.start, anchor.end)
    elif anchor_span is not None:
        a_span = ctx.original_span(*anchor_span)
    else:
        a_span = ctx.original_span(c_start, c_end)
    hit = _quote_for(ctx, a_span)
    if hit is not None:
        q, direct = hit
        sp = q.speaker
        cue = (q.cue.text if q.cue else "").lower()
        reported_ok = direct or not cue or _CUE_RE.search(cue) is not None
        if sp is not None and sp.name and (direct or source.quality == "none") and reported_ok:
            quote_id = q.id
            quality = "named" if sp.entity_id else quality_of(sp.name, False)
            source = ClaimSource(name=sp.name, entity_id=sp.entity_id,
                                 span=q.source.span if q.source else None,
                                 quality=quality)  # type: ignore[arg-type]
        elif direct:
            quote_id = q.id
            if source.quality == "none":
                source = ClaimSource(quality="vague", name=None)  # quoted, but nobody is named
    quantities = [made[id(f)][0] for f in figures]
    subject = next((made[id(f)][1] for f in figures if made[id(f)][1]), None)
    c_start = min(c_start, c_end)
    loc = ctx.loc(c_start, c_end)
    claim_text = text[c_start:c_end]
    o_sent = ctx.original_span(s.start, s.end)
    claim = Claim(
        id=ctx.new_id("c"), text=claim_text, kind=kind, quantities=quantities, subject=subject,  # type: ignore
        place=_place(ctx, c_start, c_end), time=_time(ctx, o_sent, loc["span"]),  # type: ignore[arg-type]
        source=source, quote_id=quote_id, check_worthiness=_worthiness(figures, kind, source.quality, quote_id),
        **loc,  # type: ignore[arg-type]
    )
    brief.claims.append(claim)


#: A short parenthesised aside right after a source phrase: an acronym or an expansion.
_ASIDE = re.compile(r"\s*\([^()\n]{1,60}\)")


def _worthiness(figures: list[Found], kind: str, quality: str, quote_id: str | None) -> float:
    """A transparent heuristic: figures, money and percentages, hedges, superlatives and
    weak sourcing make a statement more worth checking."""
    score = {"quantity": 0.5, "superlative": 0.45, "comparison": 0.4, "event": 0.35}.get(kind, 0.3)
    if any(f.kind in ("percent", "money") for f in figures):
        score += 0.15
    if any(f.kind == "vague" or (f.kind == "money" and isinstance(f.value, tuple)) for f in figures):
        score += 0.05
    if any(f.hedge for f in figures):
        score += 0.1
    if quality == "none":
        score += 0.15
    elif quality == "vague":
        score += 0.1
    if quote_id is not None:
        score -= 0.05
    return round(max(0.0, min(1.0, score)), 2)
