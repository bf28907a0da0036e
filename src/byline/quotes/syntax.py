"""Rules over the dependency parse that correct or complete tagged attributions.

The tagger sees a few words either side; some attribution patterns hinge on
structure it cannot see:

* ``X, according to Y, did Z`` — the cue phrase sits inside its own content,
  which is then discontinuous (``X`` + ``did Z``);
* ``the inflow of firearms, which she says fuels the violence`` — reported
  content inside a relative clause starts with the clause's antecedent;
* a quoted stretch glued to the content of a cue in *another* sentence
  (``“...” This exchange highlights ...``) is a quote of its own.

Each function takes and returns :class:`~byline.quotes.decode.Attr` objects in
token offsets; none of them raises on odd parses.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from byline.quotes.decode import Attr

#: How far after a cue verb a complementiser "that" may be (words in between: "at the event").
MAX_THAT_GAP = 12
RELATIVE = {"which", "who", "that", "whom"}


def _is_quoted(rng: tuple[int, int], quoted_tokens: set[int]) -> bool:
    i, j = rng
    n = sum(1 for t in range(i, j) if t in quoted_tokens)
    return j > i and n >= 0.8 * (j - i)


def split_quoted(doc: Doc, a: Attr, quoted_tokens: set[int]) -> list[Attr]:
    """Split off quoted content pieces that sit in another sentence than the cue
    while unquoted pieces sit with it; they become cue-less quotes of their own."""
    if len(a.content) < 2 or not a.cue:
        return [a]
    cue_sent = doc[a.cue[0][0]].sent.start
    quoted = [p for p in a.content if _is_quoted(p, quoted_tokens) and doc[p[0]].sent.start != cue_sent]
    rest = [p for p in a.content if p not in quoted]
    if not quoted or not rest or all(_is_quoted(p, quoted_tokens) for p in rest):
        return [a]
    a.content = rest
    return [a, Attr(content=quoted, score=0.5)]


def according_to(doc: Doc, attrs: list[Attr], quoted_tokens: set[int],
                 lower: list[str] | None = None) -> list[Attr]:
    """Add ``according to Y`` attributions the tagger missed; the content is the
    rest of the clause around the phrase (possibly in two pieces)."""
    cue_tokens = {t for a in attrs for i, j in a.cue for t in range(i, j)}
    out = list(attrs)
    if lower is None:
        lower = [t.lower_ for t in doc]
    for k in [i for i, w in enumerate(lower) if w == "according"]:
        tok = doc[k]
        if tok.i + 1 >= len(doc) or lower[tok.i + 1] != "to":
            continue
        if tok.i in cue_tokens or tok.i in quoted_tokens:
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        src = (objs[0].left_edge.i, objs[0].right_edge.i + 1)
        if src[0] <= tok.i + 1:
            continue
        sent = tok.sent
        start, end = sent.start, sent.end
        for k in range(tok.i - 1, start - 1, -1):  # a line break ends the clause too
            if "\n" in doc[k].text:
                start = k + 1
                break
        for k in range(src[1], end):
            if "\n" in doc[k].text:
                end = k
                break
        before = _content_range(doc, start, tok.i)
        after = _content_range(doc, src[1], end)
        pieces = [p for p in (before, after) if p is not None]
        if not pieces:
            continue
        span_tokens = set(range(start, end))
        out = [a for a in out if not (a.cue and a.cue[0][0] in span_tokens)]
        out.append(Attr(content=pieces, cue=[(tok.i, tok.i + 2)], source=[src], score=0.9))
    return out


def _content_range(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    """``[i, j)`` without punctuation, spaces and list bullets at either end."""
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    if j - i < 1 or not any(doc[k].is_alpha for k in range(i, j)):
        return None
    return i, j


def relative_antecedent(doc: Doc, a: Attr) -> None:
    """``N, which SOURCE says CONTENT``: put ``N`` (the antecedent) in front of the content."""
    if not a.cue or not a.content:
        return
    cue = next((doc[t] for t in range(*a.cue[0]) if doc[t].pos_ in ("VERB", "AUX")), None)
    if cue is None or cue.dep_ != "relcl":
        return
    lead = a.source[0][0] if a.source else a.cue[0][0]
    if lead == 0 or doc[lead - 1].lower_ not in RELATIVE:
        return
    head = cue.head
    i, j = head.left_edge.i, cue.left_edge.i
    rng = _content_range(doc, i, j)
    if rng is None or rng[1] > a.content[0][0] or any(p[0] <= rng[0] < p[1] for p in a.content):
        return
    a.content.insert(0, rng)


def right_complement(doc: Doc, a: Attr) -> None:
    """``..., X emphasized that C``: when the tagged content lies before the cue
    but the cue verb governs a clausal complement after it, the complement is
    the content."""
    if not a.cue or not a.content or a.content[-1][1] > a.cue[0][0]:
        return
    cue = next((doc[t] for t in range(*a.cue[0]) if doc[t].pos_ == "VERB"), None)
    if cue is None:
        return
    comp = next((c for c in cue.children if c.dep_ == "ccomp" and c.left_edge.i >= a.cue[0][1]), None)
    if comp is not None:
        rng = _content_range(doc, comp.left_edge.i, comp.right_edge.i + 1)
    else:  # the parser may hang "that C" off a nearby noun: take "that" to the sentence end
        end = min(cue.sent.end, a.cue[0][1] + MAX_THAT_GAP)
        that = next((t for t in range(a.cue[0][1], end) if doc[t].lower_ == "that"), None)
        if that is None or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.children):
            return
        rng = _content_range(doc, that, cue.sent.end)
    if rng is not None and rng[1] - rng[0] >= 2:
        a.content = [rng]


#: Relations through which a participle or infinitive cue shares its governor's subject
#: ("Trump tweeted, accusing her", "she went on to say").
_SHARED_SUBJECT = {"advcl", "xcomp", "conj", "acl"}
_SUBJECTS = ("nsubj", "nsubjpass")


def subject_source(doc: Doc, a: Attr) -> None:
    """A cue with no tagged source: its verb's subject (or, for a participle or an
    infinitive, its governor's) is the source, when it lies outside the content."""
    if a.source or not a.cue or not a.content:
        return
    i, j = a.cue[0]
    verb = next((doc[t] for t in range(i, j) if doc[t].pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return
    content = {t for p, q in a.content for t in range(p, q)}
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            rng = _content_range(doc, subj.left_edge.i, subj.right_edge.i + 1)
            if rng is None or any(t in content for t in range(*rng)) or doc[rng[0]].lower_ in ("it", "there"):
                return
            if _crosses_line(doc, min(rng[0], i), max(rng[1], j)):
                return
            a.source = [rng]
            return
        if verb.dep_ not in _SHARED_SUBJECT or verb.head is verb:
            return
        verb = verb.head


_COMPLEMENTS = ("ccomp", "xcomp")


def complement_content(doc: Doc, a: Attr) -> bool:
    """A tagged cue with no content: its verb's clausal complement after it is the
    content. Returns whether the attribution now has content."""
    if a.content:
        return True
    if not a.cue:
        return False
    i, j = a.cue[0]
    verb = next((doc[t] for t in range(i, j) if doc[t].pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    comp = next((c for c in verb.children if c.dep_ in _COMPLEMENTS and c.left_edge.i >= a.cue[-1][1]), None)
    if comp is None:
        return False
    rng = _content_range(doc, comp.left_edge.i, comp.right_edge.i + 1)
    if rng is None or rng[1] - rng[0] < 2 or _crosses_line(doc, i, rng[1]):
        return False
    a.content = [rng]
    return True


def _crosses_line(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` run over a line break (the parser may join lines)."""
    return any("\n" in doc[k].text_with_ws for k in range(i, j - 1))



def one_source(doc: Doc, a: Attr) -> None:
    """Keep the one source stretch nearest the cue, preferring the cue's sentence: the
    tagger's source stretches in a paragraph all go to the nearest cue, and a second
    one is usually another attribution's source or a pronoun's antecedent."""
    if len(a.source) < 2 or not a.cue:
        return
    ci, cj = a.cue[0][0], a.cue[-1][1]
    sent = doc[ci].sent.start

    def key(p: tuple[int, int]) -> tuple[int, int]:
        dist = ci - p[1] if p[1] <= ci else (p[0] - cj if p[0] >= cj else 0)
        return (0 if doc[p[0]].sent.start == sent else 1, dist)

    a.source = [min(a.source, key=key)]



_DASHES = ("--", "—", "–", "-")


def trim_source(doc: Doc, a: Attr) -> None:
    """Drop a dateline in capitals from the start of a source ("WASHINGTON -- President
    Obama said ..."): PolNeAR leaves it out. (Trailing time expressions, "a panel in 2001",
    were measured too: PolNeAR keeps them as often as not, so they stay.)"""
    if len(a.source) != 1:
        return
    i, j = a.source[0]
    if j - i >= 3 and doc[i].is_upper and len(doc[i].text) > 2 and doc[i + 1].text in _DASHES:
        rng = _content_range(doc, i + 2, j)
        if rng is not None:
            a.source = [rng]


#: Cue probability from which an untagged verb governing a content stretch claims it.
GOVERNOR_CUE = 0.5


def split_by_governor(doc: Doc, a: Attr, cue_prob: Callable[[str], float]) -> list[Attr]:
    """A content stretch that the parse puts under another, cue-like verb (``Addressing
    the report, X emphasized that C``: ``C`` hangs off "emphasized", not "Addressing")
    belongs to that verb: it becomes an attribution of its own, with that verb as cue."""
    if len(a.content) < 2 or not a.cue:
        return [a]
    cue_tokens = {t for i, j in a.cue for t in range(i, j)}
    content_tokens = {t for i, j in a.content for t in range(i, j)}
    moved: dict[int, list[tuple[int, int]]] = {}
    for p in a.content:
        tok = doc[p[0]:p[1]].root
        for _ in range(40):
            h = tok.head
            if h.i == tok.i or h.i in cue_tokens:
                break
            if (h.i not in content_tokens and h.pos_ == "VERB" and cue_prob(h.lemma_.lower()) >= GOVERNOR_CUE):
                moved.setdefault(h.i, []).append(p)
                break
            tok = h
    if not moved:
        return [a]
    gone = {p for ps in moved.values() for p in ps}
    rest = [p for p in a.content if p not in gone]
    if not rest:
        return [a]
    a.content = rest
    out = [a]
    for v, ps in moved.items():
        b = Attr(content=ps, cue=[(v, v + 1)], score=a.score)
        subject_source(doc, b)
        out.append(b)
    return out
