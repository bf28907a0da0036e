"""Where a figure comes from: the source frame of a claim sentence and its quality.

"According to the CDC", "the CDC said", "a CDC report found" -> **named**;
"studies show", "experts say", "analysts say", "reports suggest" -> **vague**;
nothing -> **none**.

Two readers: :func:`parse_frame` reads the frame from the dependency parse (the
subject of the reporting verb whose clause holds the figure, a passive agent,
the object of "according to"), and :func:`find_frame` uses plain patterns over
the sentence (case-insensitive, so Title-Case damage does not hide it; also the
fallback when the parse finds nothing, and the whole of :func:`classify`). The
quality comes from what the source phrase is made of: a named entity, acronym
or proper name, or a definite description of one source ("the firm"), makes it
named; a generic plural or an indefinite noun ("studies", "some officials")
makes it vague. The labelling guide is ``docs/claims-labelling.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from byline.nlp import doc_text

REPORT_VERBS = (
    "said|says|say|told|tells|reported|reports|report|found|finds|find|showed|shows|show|shown|suggest|suggests|"
    "suggested|estimated|estimates|estimate|indicate|indicates|indicated|reveal|reveals|revealed|claim|claims|"
    "claimed|stated|states|noted|notes|concluded|concludes|predicted|predicts|projected|projects|warned|warns|"
    "believe|believes|believed|argue|argues|argued|contend|contends|calculated|calculates|counted|recorded|"
    "confirmed|confirms|announced|announces|added|adds|wrote|writes|expects|expect|forecasts|forecast|"
    "valued|values|reckons|reckon|according"
)
VAGUE_HEADS = {
    "study", "studies", "research", "researchers", "experts", "expert", "analysts", "analyst", "reports", "report",
    "sources", "source", "officials", "official", "observers", "critics", "scientists", "economists", "estimates",
    "estimate", "data", "surveys", "survey", "polls", "poll", "figures", "statistics", "stats", "some", "many",
    "others", "people", "authorities", "insiders", "it", "evidence", "numbers", "records", "documents",
    "analysis", "analyses", "advocates", "activists", "specialists", "commentators", "watchers",
    "spokesperson", "spokesman", "spokeswoman", "reportedly", "someone", "they", "government",
    "media", "press", "findings", "projections", "models", "accounts", "witnesses",
    "residents", "locals", "diplomats", "lawmakers", "investigators", "police", "agencies", "groups",
}
FILLER = {"the", "a", "an", "some", "many", "several", "most", "various", "recent", "new", "independent", "other",
          "outside", "industry", "previous", "earlier", "multiple", "numerous", "two", "three", "few", "certain",
          "unnamed", "anonymous", "senior", "local", "government", "federal", "that", "this", "these", "those",
          "also", "have", "has", "had", "widely", "one", "more", "academic", "scientific", "medical", "legal",
          "security", "intelligence", "u.s.", "us", "western", "international", "published", "another", "each",
    "every", "any", "no", "such"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}

_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,;:\n]{2,120}?)(?=\s*(?:,|;|:|\n|\.?\s*$))", re.I)
_PRE = re.compile(
    rf"(?:^|[,;:\u2014\u2013]\s*|\b(?:that|and|but|as|while|which|who|although|though|because)\s+)"
    rf"(?P<src>(?:[\w’'.&()-]+\s+){{0,11}}?[\w’'.&()-]+)(?:,[^,;\n]{{1,100}},)?\s+"
    rf"(?:have\s+|has\s+|had\s+|also\s+|previously\s+|recently\s+|now\s+)?"
    rf"(?P<verb>{REPORT_VERBS}|pointed\s+out|points\s+out|point\s+out)\b(?:\s+that\b)?",
    re.I,
)
_TAIL_VERBS = ("said|says|reported|reports|told|added|adds|noted|notes|wrote|writes|estimated|estimates|warned|warns|"
               "believes|believe|believed|found|finds|predicts|predicted|argued|argues|claimed|claims|explained")
_POST = re.compile(
    rf"(?:,|[,!?]?\s*['\"”’]+)\s*(?:(?P<verb1>{_TAIL_VERBS})\s+(?P<src1>[^,.;\n\"”]{{2,80}}?)"
    rf"|(?P<src2>[^,.;\n\"”]{{2,80}}?)\s+(?:has\s+|had\s+|have\s+)?(?P<verb2>{_TAIL_VERBS}))"
    r"\s*(?:,[^.;\n]{1,80})?[.;]?\s*$",
    re.I,
)
_DATA = r"(?:figures|data|statistics|numbers|estimates|poll|survey|report|study|analysis|average|index|tally|census)"
# "Commerce Department figures showing ...", "Apacs' figures show ..."
_DATA_SHOWING = re.compile(
    rf"(?P<src>(?:[A-Z][\w’'./&-]*\s+){{1,5}}{_DATA})\s+(?:showing|shows?|showed|suggest\w*|indicat\w*|"
    rf"reveal\w*|found|finds)\b(?:\s+that\b)?"
)
# "In the previous Washington Post/ABC News national poll, Clinton led ..."
_IN_POLL = re.compile(rf"^\s*in\s+(?P<src>(?:the|a|an|its|their|this)\s+[^,;]{{0,80}}?\b{_DATA})\s*,", re.I)
# "..., as already announced by the Office for National Statistics."
_BY_AGENT = re.compile(
    r"\b(?:announced|reported|estimated|published|released|forecast|predicted|compiled|calculated)\s+by\s+"
    r"(?P<src>[^,;.\n]{2,80}?)\s*[.;]?\s*$",
    re.I,
)
_NOT_SOURCE = re.compile(
    r"%|\bper\s*cent\b|\bpercent\b|^(?:(?:about|some|nearly|almost|only|just|around|over|roughly|a|an|the)\s+)*"
    r"(?:(?!(?:19|20)\d\d\b)[\d.,]+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions)\b|majority|minority|half|third|quarter|most|all|none|both|each)\b",
    re.I,
)
_DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "on", "last", "this", "in"}


@dataclass
class Frame:
    """A source frame in a sentence: the source phrase and the frame's extent."""

    name: str
    src_start: int  # offsets relative to the sentence
    src_end: int
    frame_start: int
    frame_end: int
    quality: str
    position: str  # lead, tail, inner


def quality_of(name: str, has_entity: bool) -> str:
    """named | vague for a source phrase (the caller decides 'none').

    A phrase is its head ("an exhaustive study") plus agents introduced by
    "by", "from", "of", "at" ("by Loyola Law School professor Justin Levitt"):
    it is named when the head or an agent is."""
    name = name.strip(" ,;:“”\"'‘’")
    if _OFFICIAL.search(name):
        return "named"  # "official figures", "government figures": the state's statistics
    if has_entity:
        parts = re.split(r"\s+(?:by|from|of|at|for|with)\s+", name)
        if not all(_part_quality(p) == "vague" and _generic(p) for p in parts):
            return "named"
    parts = re.split(r"\s+(?:by|from|of|at)\s+", name)
    if _part_quality(parts[0]) == "named":
        return "named"
    return "named" if any(_part_quality(p, head=False) == "named" for p in parts[1:]) else "vague"


def _generic(part: str) -> bool:
    words = [w.lower().strip("’'().,") for w in re.findall(r"[\w’'.&()-]+", part)]
    return all(w in VAGUE_HEADS or w in FILLER or w in PRONOUNS or w in _DATE_WORDS for w in words)


def _part_quality(part: str, head: bool = True) -> str:
    raw = [w.strip("’'().,") for w in re.findall(r"[\w’'.&()-]+", part)]
    raw = [w for w in raw if w and w.lower() not in _DATE_WORDS and not w.isdigit()]
    words = [w.lower() for w in raw]
    if not words:
        return "vague"
    last = words[-1]
    if words[0] in ("the", "this", "that", "his", "her", "its", "their") and not last.endswith("s") and \
            last not in PRONOUNS and len(words) <= 5 and head:
        return "named"  # a definite description of one source: "the poll", "the government"
    if len(words) == 1 and last in ("he", "she", "it"):
        return "named"  # "he said", "it claimed": one source named nearby
    content = [(w, r) for w, r in zip(words, raw, strict=True) if w not in FILLER]
    if not content:
        return "vague"
    if all(w in VAGUE_HEADS or w in PRONOUNS for w, _ in content):
        return "vague"
    if any(len(r) >= 2 and r.isupper() and r.isalpha() for _, r in content):
        return "named"  # an acronym: CDC, NSC, TUC
    caps = [r for w, r in content if r[:1].isupper() and w not in VAGUE_HEADS and w not in PRONOUNS]
    return "named" if caps else "vague"


def clean_name(name: str) -> str:
    """"the U.S. Centers for Disease Control and Prevention (CDC)" -> without article and acronym."""
    s = re.sub(r"[“”\"]", "", name).strip(" ,;:'‘’")
    s = re.sub(r"^(?:the|a|an)\s+", "", s, flags=re.I)
    s = re.sub(r"\s*\([A-Z][A-Za-z.]{1,10}\)\s*$", "", s)
    return s.strip()


def _title_cased(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’']*", sentence)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def find_frame(sentence: str, figure_at: int | None = None,
               ok: Callable[[int, int], bool] | None = None) -> Frame | None:
    """The source frame of one sentence, if it has one. With ``figure_at`` (the
    offset of the figure in the sentence) the frame nearest before the figure wins."""
    m = _ACCORDING.search(sentence)
    if m and not _NOT_SOURCE.search(m.group("src")):
        src = m.group("src")
        end = m.end("src")
        lead = m.start() <= 3 or sentence[: m.start()].strip(" -–—:").count(" ") <= 4
        tail = not lead and not sentence[end:].strip(" .;:!?\"”’'")
        return Frame(src.strip(), m.start("src"), end, m.start(), end + (1 if sentence[end:end + 1] == "," else 0),
                     "", "lead" if lead else "tail" if tail else "inner")
    title = _title_cased(sentence)
    frames: list[Frame] = []
    for start in range(len(sentence)):
        ch = sentence[start]
        if not (start == 0 or ch in ",;:\u2014\u2013" or (ch.isalpha() and not sentence[start - 1].isalnum())):
            continue
        m = _PRE.match(sentence, start)
        if m is None:
            continue
        src = m.group("src")
        verb = m.group("verb")
        if verb.lower() == "according" or _NOT_SOURCE.search(src):
            continue
        words = src.split()
        if not words or any(w.lower() in ("that", "which", "who", "whom", "what", "report", "reports") and
                            i < len(words) - 1 for i, w in enumerate(words)):
            continue
        if any(w.lower() in ("was", "is", "were", "are", "be", "been", "than", "will", "would", "could")
               for w in words):
            continue
        if all(w.lower() in ("already", "also", "previously", "recently", "now", "just", "then", "still", "yet",
                             "further", "again", "as", "it", "was", "is", "be") for w in words) and \
                words[-1].lower() != "it":
            continue  # "as already announced by ...": no subject here
        if words[-1].lower() in ("the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "new",
                                 "latest", "recent", "annual", "official", "police", "news"):
            continue  # "the report warned": "report" is the noun, not the verb
        if verb[0].isupper() and words[-1][0].isupper() and not title:
            continue  # "the United States", not a verb
        first = m.start("src")
        if any(f.src_start <= first < f.frame_end for f in frames):
            continue
        if ok is not None and not ok(first, m.end("src")):
            continue
        tail = not sentence[m.end():].strip(" .;:!?\"”’'")
        frames.append(Frame(src.strip(), first, m.end("src"), first, m.end(), "",
                            "lead" if first <= 3 else "tail" if tail else "inner"))
    if frames:
        if figure_at is not None:
            before = [f for f in frames if f.frame_end <= figure_at + 1]
            if before:
                return before[-1]
            tails = [f for f in frames if f.position == "tail"]
            if tails:
                return tails[-1]
        return frames[0]
    for pattern, position in ((_DATA_SHOWING, "inner"), (_IN_POLL, "lead"), (_BY_AGENT, "tail")):
        m = pattern.search(sentence)
        if m and (figure_at is None or position == "tail" or m.start() <= figure_at):
            tail = not sentence[m.end():].strip(" .;:!?\"”’'")
            return Frame(m.group("src").strip(), m.start("src"), m.end("src"), m.start(), m.end(), "",
                         "lead" if m.start() <= 3 else "tail" if tail else position)
    m = _POST.search(sentence)
    if m:
        src = m.group("src1") or m.group("src2")
        if not _NOT_SOURCE.search(src):
            s0 = m.start("src1") if m.group("src1") else m.start("src2")
            return Frame(src.strip(), s0, s0 + len(src), m.start(), m.end(), "", "tail")
    return None


def classify(sentence: str) -> tuple[str, str | None]:
    """Sentence-level source quality without parse or entities: (quality, source name)."""
    from byline.claims.quantities import extract, is_figure

    figures = [f for f in extract(sentence) if is_figure(f)]
    frame = find_frame(sentence, figures[0].start if figures else None)
    if frame is None:
        return "none", None
    return quality_of(frame.name, False), clean_name(frame.name)


# -- with the parse --------------------------------------------------------------------------

REPORT_LEMMAS = {
    "say", "tell", "report", "find", "show", "suggest", "estimate", "indicate", "reveal", "claim", "state", "note",
    "conclude", "predict", "project", "warn", "believe", "argue", "expect", "forecast", "announce", "add", "write",
    "calculate", "count", "record", "confirm", "value", "reckon", "think", "put", "assert", "insist", "explain",
}
_DEFINITE = {"the", "this", "that", "its", "his", "her", "their", "our"}
_AGENT_LEMMAS = {"announce", "report", "estimate", "publish", "release", "forecast", "predict", "compile",
                 "calculate", "find", "show", "reveal", "confirm", "record", "count", "project"}
_PUBLISH = {"release", "publish", "issue", "present", "produce", "unveil", "post", "put"}
_DATA_NOUNS = {"figure", "figures", "data", "statistic", "statistics", "report", "study", "survey", "poll",
               "estimate", "estimates", "number", "numbers", "analysis", "result", "results", "forecast", "forecasts"}
_STUDY_NOUNS = {"poll", "survey", "study", "report", "analysis", "census", "audit", "review", "estimate"}
_OFFICIAL = re.compile(r"^(?:the\s+)?(?:latest\s+|new\s+)?(?:official|government|governmental)\s+"
                       r"(?:figures|statistics|data|estimates|numbers)\b", re.I)


def parse_quality(src: Span, has_entity: bool) -> str:
    """named | vague for a source phrase, read with its parse."""
    text = src.text
    if has_entity or _OFFICIAL.search(text):
        return "named"
    toks = [t for t in src if not t.is_punct]
    if not toks:
        return "vague"
    if any(t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") for t in toks):
        return "named"
    if any(t.pos_ == "PROPN" and not (t.i == src.sent.start and t.is_title) and t.lower_ not in VAGUE_HEADS
           and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL") and t.lower_ not in _DATE_WORDS
           for t in toks):
        return "named"
    if any(len(t.text) >= 2 and t.text.isupper() and t.text.isalpha() for t in toks):
        return "named"  # an acronym
    head = src.root
    if head.pos_ == "PRON":
        return "named" if head.lower_ in ("he", "she", "it") else "vague"
    if head.tag_ in ("NN", "NNP") and any(c.lower_ in _DEFINITE and c.dep_ in ("det", "poss") for c in head.children):
        return "named"  # "the poll", "the firm", "its report"
    if head.tag_ == "NN" and any(c.dep_ == "poss" for c in head.children):
        return "named"
    return quality_of(text, False)


def parse_frame(span: Span, figure_char: int | None) -> tuple[Frame, Span] | None:
    """The source frame that governs the figure at ``figure_char`` (doc offsets), read from
    the dependency parse: the subject of a reporting verb whose clause holds the figure
    ("observers said they thought Turkcell would pull out of the $3bn deal"), the noun a
    reporting participle hangs on ("Commerce Department figures showing ..."), or the
    object of "according to". Returns the frame (offsets relative to ``span``) and the
    source phrase; None when no such frame governs the figure."""
    doc = span.doc
    fig = None
    if figure_char is not None:
        for t in span:
            if t.idx <= figure_char < t.idx + len(t.text) or t.idx >= figure_char:
                fig = t
                break
    base = span.start_char
    best: tuple[int, Frame, Span] | None = None
    for tok in span:
        src: Span | None = None
        clause = None
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                continue
            o = objs[0]
            src = doc[o.left_edge.i: o.right_edge.i + 1]
            clause = tok.head
            f_start, f_end = tok.idx, src.end_char
        elif tok.pos_ == "VERB" and (tok.lemma_.lower() in REPORT_LEMMAS or (
                tok.lemma_.lower() in _PUBLISH and any(c.dep_ == "dobj" and c.lemma_.lower() in _DATA_NOUNS
                                                       for c in tok.children))):
            subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
            agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"] \
                if tok.lemma_.lower() in _AGENT_LEMMAS else []
            if subj:
                s = subj[0]
                src = doc[s.left_edge.i: s.right_edge.i + 1]
            elif agents:  # "as already announced by the Office for National Statistics"
                g = agents[0]
                src = doc[g.left_edge.i: g.right_edge.i + 1]
            elif tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
                head = tok.head
                src = doc[head.left_edge.i: tok.i]
                publisher = [c for c in head.head.children if c.dep_ == "nsubj"] if head.dep_ == "dobj" and \
                    head.head.lemma_.lower() in _PUBLISH else []
                if publisher:  # "the central bank released growth figures showing ..."
                    p = publisher[0]
                    src = doc[p.left_edge.i: p.right_edge.i + 1]
            else:
                continue
            clause = tok
            if tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children):
                clause = tok.head  # "..., as already announced by the ONS" frames the main clause
            f_start, f_end = min(src.start_char, tok.idx), max(tok.idx + len(tok.text), src.end_char)
        elif tok.dep_ == "pobj" and tok.lemma_.lower() in _STUDY_NOUNS and tok.head.lower_ == "in" and \
                tok.head.head.pos_ in ("VERB", "AUX"):
            # "In the previous Washington Post/ABC News poll, Clinton led Trump by 5 points"
            src = doc[tok.left_edge.i: tok.right_edge.i + 1]
            clause = tok.head.head
            f_start, f_end = tok.head.idx, src.end_char
        else:
            continue
        if src is None or not len(src) or src.root.like_num or any(c.text == "%" or c.lower_ in (
                "percent", "majority", "minority") for c in src) or src.root.lower_ in ("half", "third", "quarter"):
            continue
        if fig is not None:
            if fig not in set(clause.subtree) or src.start <= fig.i < src.end:
                continue
        size = len(list(clause.subtree))
        tail = not doc_text(doc)[f_end: span.end_char].strip(" .;:!?\"”’'")
        lead = f_start - base <= 3
        frame = Frame(src.text, src.start_char - base, src.end_char - base, f_start - base, f_end - base, "",
                      "lead" if lead else "tail" if tail else "inner")
        if best is None or size < best[0]:
            best = (size, frame, src)
    return (best[1], best[2]) if best else None
