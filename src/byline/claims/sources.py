"""Where a figure comes from: the source frame of a claim sentence and its quality.

"According to the CDC", "the CDC said", "a CDC report found" -> **named**;
"studies show", "experts say", "analysts say", "reports suggest" -> **vague**;
nothing -> **none**. The frame is found with plain patterns over the sentence
(case-insensitive, so Title-Case damage does not hide it); the quality comes
from what the source phrase is made of: a named entity, acronym or proper name
makes it named, a generic plural or a hedged noun ("studies", "some officials")
makes it vague.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPORT_VERBS = (
    "said|says|say|told|tells|reported|reports|report|found|finds|find|showed|shows|show|shown|suggest|suggests|"
    "suggested|estimated|estimates|estimate|indicate|indicates|indicated|reveal|reveals|revealed|claim|claims|"
    "claimed|stated|states|noted|notes|concluded|concludes|predicted|predicts|projected|projects|warned|warns|"
    "believe|believes|believed|argue|argues|argued|contend|contends|calculated|calculates|counted|recorded|"
    "confirmed|confirms|announced|announces|added|adds|wrote|writes|according"
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
          "security", "intelligence", "u.s.", "us", "western", "international", "published"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}

_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,;:\n]{2,120}?)(?=\s*(?:,|;|:|\n|\.?\s*$))", re.I)
_PRE = re.compile(
    rf"(?:^|[,;:\u2014\u2013]\s*|\bthat\s+|\band\s+|\bbut\s+|\bas\s+|\bwhile\s+)"
    rf"(?P<src>(?:[\w’'.&()-]+\s+){{0,7}}?[\w’'.&()-]+)\s+(?:have\s+|has\s+|had\s+)?"
    rf"(?P<verb>{REPORT_VERBS})\b(?:\s+that\b)?",
    re.I,
)
_POST = re.compile(
    r",\s*(?:(?P<verb1>said|says|reported|told|added|noted|wrote|according to)\s+(?P<src1>[^,.;\n]{2,80})"
    r"|(?P<src2>[^,.;\n]{2,80}?)\s+(?P<verb2>said|says|reported|told|added|noted|wrote|estimated|estimates))"
    r"\s*[.;]?\s*$",
    re.I,
)


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
    """named | vague for a source phrase (the caller decides 'none')."""
    words = [w.lower().strip("’'().,") for w in re.findall(r"[\w’'.&()-]+", name)]
    content = [w for w in words if w and w not in FILLER]
    if not content:
        return "vague"
    if words and words[0] in ("the", "this", "that", "his", "her", "its", "their") and content and \
            not content[-1].endswith("s") and content[-1] not in PRONOUNS:
        return "named"  # a definite description of one source: "the poll", "the company"
    if all(w in VAGUE_HEADS or w in PRONOUNS for w in content):
        if all(w in PRONOUNS for w in content) and any(w in ("he", "she") for w in content):
            return "named"  # "he said": a person named nearby
        if has_entity and not all(w in VAGUE_HEADS for w in content):
            return "named"
        return "vague"
    if has_entity:
        return "named"
    raw = [w.strip("’'().,") for w in re.findall(r"[\w’'.&()-]+", name)]
    # an acronym (CDC, NSC) or a capitalised name that is not a vague noun
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in raw):
        return "named"
    caps = [w for w in raw if w[:1].isupper() and w.lower() not in VAGUE_HEADS and w.lower() not in FILLER]
    if caps and len(caps) >= 1 and not all(w.lower() in PRONOUNS for w in caps):
        return "named"
    return "vague"


def clean_name(name: str) -> str:
    """"the U.S. Centers for Disease Control and Prevention (CDC)" -> without article and acronym."""
    s = name.strip(" ,;:“”\"'‘’")
    s = re.sub(r"^(?:the|a|an)\s+", "", s, flags=re.I)
    s = re.sub(r"\s*\([A-Z][A-Za-z.]{1,10}\)\s*$", "", s)
    return s.strip()


def find_frame(sentence: str) -> Frame | None:
    """The source frame of one sentence, if it has one."""
    m = _ACCORDING.search(sentence)
    if m:
        src = m.group("src")
        end = m.end("src")
        lead = m.start() <= 3 or sentence[: m.start()].strip(" -–—:").count(" ") <= 4
        return Frame(src.strip(), m.start("src"), end, m.start(), end + (1 if sentence[end:end + 1] == "," else 0),
                     "", "lead" if lead else "inner")
    for m in _PRE.finditer(sentence):
        src = m.group("src")
        verb = m.group("verb").lower()
        if verb == "according":
            continue
        words = src.split()
        if not words or any(w.lower() in ("that", "which", "who", "whom", "what", "report", "reports") and
                            i < len(words) - 1 for i, w in enumerate(words)):
            continue
        # the source phrase ends at a noun-ish word; drop a leading label ("Firearms Flow: ...")
        first = m.start("src")
        return Frame(src.strip(), first, m.end("src"), first, m.end(), "", "lead" if first <= 3 else "inner")
    m = _POST.search(sentence)
    if m:
        src = m.group("src1") or m.group("src2")
        s0 = m.start("src1") if m.group("src1") else m.start("src2")
        return Frame(src.strip(), s0, s0 + len(src), m.start(), m.end(), "", "tail")
    return None


def classify(sentence: str) -> tuple[str, str | None]:
    """Sentence-level source quality without parse or entities: (quality, source name)."""
    frame = find_frame(sentence)
    if frame is None:
        return "none", None
    name = clean_name(frame.name)
    return quality_of(name, False), name
