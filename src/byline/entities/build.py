"""From a parsed Doc to entities: mentions -> clusters -> coreference -> Brief entities + resolver."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from byline.entities.cluster import Cluster, build
from byline.entities.coref import Link, resolve
from byline.entities.mentions import NameMention, extract, propagate
from byline.entities.names import is_acronym, norm, tidy
from byline.entities.resolve import SpanResolver
from byline.model import Entity, Mention, Salience
from byline.nlp import doc_text

if TYPE_CHECKING:
    from byline.pipeline import Context

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})


@dataclass
class Analysis:
    """Everything the entities stage worked out for one Doc (repaired-text offsets)."""

    doc: Doc
    clusters: list[Cluster]
    links: list[Link]
    appos_roles: list[tuple[int, str]]
    ids: list[str] = field(default_factory=list)
    resolver: SpanResolver | None = None

    def to_entities(self, ctx: Context | None = None) -> list[Entity]:
        """Brief entities, located through ``ctx.loc`` (or in repaired offsets without a context)."""

        def loc(s: int, e: int) -> dict[str, Any]:
            if ctx is not None:
                return ctx.loc(s, e)
            return {"span": {"start": s, "end": e}}

        text = doc_text(self.doc)
        per_cluster: list[list[tuple[int, int, str]]] = [[] for _ in self.clusters]
        for ci, c in enumerate(self.clusters):
            for m in c.mentions:
                per_cluster[ci].append((m.start, m.end, "name"))
        for link in self.links:
            per_cluster[link.cluster].append((link.start, link.end, link.kind))
        total = sum(len(x) for x in per_cluster) or 1
        out = []
        for ci, c in enumerate(self.clusters):
            ms = sorted(set(per_cluster[ci]))
            mentions = [Mention(text=text[s:e], kind=k, **loc(s, e)) for s, e, k in ms]  # type: ignore[arg-type]
            first = mentions[0].span.start if mentions else 0
            out.append(Entity(
                id=self.ids[ci],
                name=c.name,
                type=c.label if c.label in ENTITY_TYPES else "OTHER",  # type: ignore[arg-type]
                aliases=aliases(c),
                roles=roles(c, [r for i, r in self.appos_roles if i == ci]),
                mentions=mentions,
                salience=Salience(share=round(len(ms) / total, 4), first=first),
            ))
        return out


def aliases(c: Cluster) -> list[str]:
    """Other names of the cluster as written (and dotless forms of dotted acronyms)."""
    seen = {norm(c.name)}
    folded = {c.name.lower()}
    out: list[str] = []

    def add(a: str) -> None:
        a = tidy(a.strip())
        if not a or a.lower() in folded:
            return
        folded.add(a.lower())
        out.append(a)
        seen.add(norm(a))

    for m in sorted(c.mentions, key=lambda m: m.start):
        for form in (m.text, m.name, *m.extras):
            add(form)
        if m.name != m.text and " " in m.text and m.name.rsplit(" ", 1)[0] != m.text:
            add(m.name.rsplit(" ", 1)[0])  # "Jalisco New Generation" of "... Cartels"
    for a in [*out, c.name]:
        if is_acronym(a) and "." in a:
            add(a.replace(".", ""))
    ws = c.name.split()
    if c.label != "PERSON" and len(ws) >= 3 and norm(ws[0]) in ("us", "uk", "un", "eu"):
        add(" ".join(ws[1:]))
    return out


def roles(c: Cluster, appos: list[str]) -> list[str]:
    """Titles the text gives the referent, as written; one written form per title, and a
    title contained in a fuller one ("President" in "former U.S. President") left out."""
    found: list[str] = []
    for r in [m.role for m in sorted(c.mentions, key=lambda m: m.start) if m.role] + appos:
        if r and norm(r) not in {norm(f) for f in found}:
            found.append(r)
    out = []
    for r in found:
        ws = set(norm(r).split())
        if any(ws < set(norm(o).split()) for o in found if o is not r):
            continue
        out.append(r)
    return out


def _common_word(doc: Doc, c: Cluster, lower_counts: Counter[str]) -> bool:
    """A one-word "name" the article also writes in lower case as often ("Sovereignty" /
    "sovereignty"), or never tags as a proper noun, is a common word, not an entity."""
    if any(len(m.name.split()) > 1 or is_acronym(m.name) or m.role for m in c.mentions):
        return False
    low = norm(c.mentions[0].name)
    if lower_counts[low] >= len(c.mentions):
        return True
    return c.label in ("PERSON", "ORG") and all(
        doc[m.tok_start].pos_ not in ("PROPN",) for m in c.mentions if m.tok_end - m.tok_start == 1
    )


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of heading lines written in Title Case: at least three words of four letters
    or more, 85 % of them capitalised, not in ALL CAPS, not ending like a sentence, and not a
    table or list row (no digits or brackets, under three commas, at most 12 words). Empty
    when every line is one (no body text to trust instead)."""
    out = []
    pos = 0
    body = False
    for line in text.split("\n"):
        ws = re.findall(r"[^\W\d_]{4,}", line)
        heading = False
        if (len(ws) >= 3 and not line.isupper() and not line.rstrip(" \t\"'”’").endswith(".")
                and not re.search(r"[\d()\[\]]", line) and line.count(",") < 3 and len(line.split()) <= 12):
            caps = sum(1 for w in ws if w[0].isupper() and not w.isupper())
            heading = caps >= 0.85 * len(ws)
        if heading:
            out.append((pos, pos + len(line)))
        elif ws:
            body = True
        pos += len(line) + 1
    return out if body else []


def _heading_names(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """In a Title-Case line capitals tell nothing: a name there is trusted only when the body
    names the same referent. "U.S. National Security Council Response" joins the council
    named in the body (cut to its name); "Background" or "Global Context" seen only in
    headings are dropped."""
    lines = title_case_lines(doc_text(doc))
    if not lines:
        return clusters
    starts = [s for s, _ in lines]

    def in_heading(m: NameMention) -> bool:
        k = bisect_right(starts, m.start) - 1
        return k >= 0 and m.end <= lines[k][1]

    body_keys: dict[str, Cluster] = {}
    for c in clusters:
        if any(not in_heading(m) for m in c.mentions):
            for key in c.keys:
                body_keys.setdefault(key, c)
    out: list[Cluster] = []
    moved: list[tuple[NameMention, Cluster]] = []
    for c in clusters:
        if any(not in_heading(m) for m in c.mentions):
            out.append(c)
            continue
        for m in c.mentions:
            ws = m.text.split()
            for n in range(len(ws), 0, -1):
                target = body_keys.get(norm(" ".join(ws[:n])))
                if target is not None:
                    if n < len(ws):
                        m.end = m.start + len(" ".join(ws[:n]))
                        m.text = m.name = doc_text(doc)[m.start:m.end]
                        span = doc.char_span(m.start, m.end, alignment_mode="expand")
                        if span is not None:
                            m.tok_start, m.tok_end = span.start, span.end
                    moved.append((m, target))
                    break
    for m, target in moved:
        target.mentions.append(m)
    return out


def _propagation_keys(clusters: list[Cluster]) -> dict[str, str]:
    """One-word keys that name exactly one cluster: surnames of people, acronyms and one-word
    names of organisations and places."""
    seen: dict[str, set[int]] = {}
    labels: dict[int, str] = {}
    for ci, c in enumerate(clusters):
        labels[ci] = c.label
        ws = c.words()
        if c.label == "PERSON" and len(ws) >= 2:
            seen.setdefault(ws[-1], set()).add(ci)
        for m in c.mentions:
            k = norm(m.name)
            if " " not in k and (c.label != "PERSON" or len(ws) >= 2):
                seen.setdefault(k, set()).add(ci)
    return {k: labels[next(iter(v))] for k, v in seen.items() if len(v) == 1 and len(k) > 1}


def analyze(doc: Doc, new_id: Callable[[str], str] | None = None) -> Analysis:
    """Entities of ``doc``: clusters in first-mention order, coreference links and a resolver.
    ``new_id`` hands out entity ids (``Context.new_id``); without it ids are ``e1, e2, ...``."""
    mentions: list[NameMention] = extract(doc)
    clusters = build(doc, mentions)
    keys = _propagation_keys(clusters)
    extra = propagate(doc, mentions, keys)
    if extra:
        clusters = build(doc, sorted(mentions + extra, key=lambda m: m.start))
    lower_counts = Counter(t.lower_ for t in doc if t.is_alpha and t.text.islower() and not t.is_sent_start)
    clusters = [c for c in clusters if not _common_word(doc, c, lower_counts)]
    clusters = _heading_names(doc, clusters)
    tok_cluster: dict[int, int] = {}
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            if m.role_start is not None:
                for t in doc.char_span(m.role_start, m.start, alignment_mode="expand") or ():
                    tok_cluster.setdefault(t.i, ci)
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            for t in range(m.tok_start, m.tok_end):
                tok_cluster[t] = ci
    links, appos_roles = resolve(doc, clusters, tok_cluster)
    ids = [new_id("e") if new_id else f"e{i + 1}" for i in range(len(clusters))]
    spans: dict[tuple[int, int], str] = {}
    tokens: dict[int, str] = {t: ids[ci] for t, ci in tok_cluster.items()}
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            spans[(m.start, m.end)] = ids[ci]
            spans.setdefault((m.full_start, m.end), ids[ci])
    for link in links:
        spans.setdefault((link.start, link.end), ids[link.cluster])
        tokens.setdefault(link.head, ids[link.cluster])
    a = Analysis(doc, clusters, links, appos_roles, ids)
    a.resolver = SpanResolver(doc, spans, tokens)
    return a
