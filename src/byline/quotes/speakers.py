"""From a source mention to a speaker: canonical entity, proper name, or nobody.

The entities stage resolves names, possessives, pronouns and descriptions to
entity ids (``ctx.entity_at``). A source it cannot resolve keeps its text as
the speaker's name only when it is a proper name; pronouns and bare
descriptions ("a spokesperson") then give no speaker, and the quote is flagged.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from byline.model import SpeakerRef
from byline.nlp import doc_ents
from byline.pipeline import Context

#: Heads of source phrases that speak for an organisation mentioned nearby.
ROLE_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials", "aide",
              "aides", "representative", "representatives", "statement", "spokesmen", "source", "sources"}
NAME_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC")
#: How far back (characters) an organisation may be to speak through a spokesperson.
ROLE_WINDOW = 300
PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "we", "i", "you", "his", "their", "its"}


def _entity_name(ctx: Context, entity_id: str) -> str | None:
    for e in ctx.brief.entities:
        if e.id == entity_id:
            return e.name
    return None


def _resolve(ctx: Context, start: int, end: int) -> SpeakerRef | None:
    eid = ctx.entity_at(start, end)
    if eid is None:
        return None
    name = _entity_name(ctx, eid)
    return SpeakerRef(entity_id=eid, name=name or ctx.repaired[start:end])


def proper_name(span: Span) -> Span | None:
    """The longest run of proper-noun tokens in ``span`` (possessive marks excluded)."""
    best: tuple[int, int] | None = None
    i = span.start
    while i < span.end:
        if span.doc[i].pos_ == "PROPN" or span.doc[i].ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            j = i
            while j < span.end and (span.doc[j].pos_ == "PROPN" or (
                    span.doc[j].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and span.doc[j].tag_ != "POS")):
                j += 1
            if j > i and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
            i = max(j, i + 1)
        else:
            i += 1
    if best is None:
        return None
    return span.doc[best[0]:best[1]]


def speaker_for(ctx: Context, doc: Doc, start: int, end: int) -> SpeakerRef | None:
    """Speaker of a source at repaired character offsets ``[start, end)``."""
    if end <= start:
        return None
    ref = _resolve(ctx, start, end)
    if ref is not None:
        return ref
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    name = proper_name(span)
    if name is not None:
        ref = _resolve(ctx, name.start_char, name.end_char)
        if ref is not None:
            return ref
        text = name.text.strip()
        named = any(t.ent_type_ in NAME_TYPES for t in name)
        if named and text.lower() not in PRONOUNS and any(ch.isupper() for ch in text):
            return SpeakerRef(entity_id=None, name=text)
    # the head of the source phrase (a pronoun or a description) may still resolve
    root = span.root
    if root.i != span.start or root.i + 1 != span.end:
        ref = _resolve(ctx, root.idx, root.idx + len(root))
        if ref is not None:
            return ref
    if root.lemma_.lower() in ROLE_NOUNS or root.lower_ in ROLE_NOUNS:
        return _organisation_before(ctx, doc, start)
    return None


def _organisation_before(ctx: Context, doc: Doc, pos: int) -> SpeakerRef | None:
    """The organisation a bare "a spokesperson" speaks for: the nearest one named
    shortly before it (same or previous sentence), if the entities stage knows it."""
    types = {e.id: e.type for e in ctx.brief.entities}
    best: SpeakerRef | None = None
    for ent in doc_ents(doc):
        if ent.end_char > pos:
            break
        if pos - ent.end_char > ROLE_WINDOW:
            continue
        ref = _resolve(ctx, ent.start_char, ent.end_char)
        if ref is not None and types.get(ref.entity_id or "") == "ORG":
            best = ref
    return best
