"""Rendering a Brief for people: markdown (an editor's brief) and plain text.

Rendering only formats what the Brief holds; it derives no findings.
"""

from __future__ import annotations

from collections import defaultdict

from byline.model import Brief, Claim, Quote

FORMATS = ("json", "jsonl", "markdown", "text")


def render(brief: Brief, fmt: str) -> str:
    if fmt == "json":
        return brief.to_json(indent=2)
    if fmt == "jsonl":
        return brief.to_json(indent=None)
    if fmt == "markdown":
        return markdown(brief)
    if fmt == "text":
        return plain(brief)
    raise ValueError(f"unknown format {fmt!r}")


def _md(s: str | None) -> str:
    """Escape text for a markdown table cell or line."""
    if not s:
        return ""
    s = " ".join(s.split())
    for ch in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return s


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def headline(brief: Brief) -> str:
    """The title; when the title is the text's own first line, its repaired form."""
    a = brief.article
    first = a.repaired_text.strip().split("\n", 1)[0].strip()
    if a.title and not a.text.lstrip().startswith(a.title.strip()):
        return a.title.strip()
    return _short(first, 100) if first else (a.title or "(untitled)")


def _words(text: str) -> int:
    return len(text.split())


def _quote_line(q: Quote) -> str:
    if q.kind == "reported":
        line = _md(_short(q.text, 240))
    else:
        line = "“" + _md(_short(q.text, 240)) + "”"
    notes = [q.kind]
    if q.cue:
        notes.append(_md(q.cue.text))
    return f"{line} — *{', '.join(notes)}*"


def _claim_row(brief: Brief, c: Claim) -> str:
    qs = {q.id: q for q in brief.quantities}
    figs = []
    for qid in c.quantities:
        q = qs.get(qid)
        if q is None:
            continue
        figs.append(_md(quantity_text(q)))
    src = c.source
    if src.quality == "named":
        source = f"{_md(src.name)} — named"
    elif src.quality == "vague":
        source = f"“{_md(src.name)}” — **vague**" if src.name else "**vague**"
    else:
        source = "**none**"
    return f"| {_md(_short(c.text, 200))} | {'; '.join(figs) or '—'} | {source} |"


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number_text(v: float) -> str:
    """A number as a reader writes it: 70,000; 2.5; 1.2 million; 1 trillion."""
    for scale, word in _SCALES:
        if abs(v) >= scale and abs(v) < scale * 1000 and round(v / scale, 3) * scale == v:
            return f"{v / scale:g} {word}"
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.10g}"


def quantity_text(q) -> str:  # type: ignore[no-untyped-def]
    rel = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "~ ", "=": ""}.get(q.relation or "=", "")
    if q.value is None or q.kind == "vague":
        val = q.text
    elif isinstance(q.value, float | int):
        val = number_text(q.value)
    else:
        lo = "" if q.value.low is None else number_text(q.value.low)
        hi = "" if q.value.high is None else number_text(q.value.high)
        val = f"{lo}–{hi}"
    unit = f" {q.unit}" if q.unit else ""
    per = f" per {q.per}" if q.per else ""
    return f"{rel}{val}{unit}{per}"


def markdown(brief: Brief) -> str:
    a = brief.article
    out: list[str] = [f"# {_md(headline(brief))}", ""]
    bits = []
    if a.published:
        bits.append(f"Published {a.published} ({a.published_source})")
    else:
        bits.append("Publication date unknown")
    bits.append(f"{_words(a.text):,} words")
    damage = next((f for f in brief.flags if f.kind == "text_damage"), None)
    if damage is not None:
        bits.append(f"text damage repaired: {damage.details.get('changes', 0)} fixes")
    out += ["*" + " · ".join(bits) + "*", ""]

    people = [e for e in brief.entities if e.type in ("PERSON", "ORG")]
    if people:
        out += ["## People and organisations", "", "| who | type | as | mentions |",
                "|---|---|---|---|"]
        people.sort(key=lambda e: (-len(e.mentions), e.salience.first if e.salience else 0))
        for e in people[:25]:
            aka = [al for al in e.aliases if al != e.name][:3]
            name = f"**{_md(e.name)}**" + (f" ({_md(', '.join(aka))})" if aka else "")
            out.append(f"| {name} | {e.type} | {_md('; '.join(e.roles))} | {len(e.mentions)} |")
        out.append("")
    places = [e for e in brief.entities if e.type in ("GPE", "LOC")]
    if places:
        out += ["Places: " + ", ".join(_md(p.name) for p in places), ""]

    if brief.quotes:
        out += ["## Who said what", ""]
        by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for q in brief.quotes:
            by_speaker[q.speaker.name if q.speaker else ""].append(q)
        children: dict[str, list[Quote]] = defaultdict(list)
        for q in brief.quotes:
            if q.inside:
                children[q.inside].append(q)
        for speaker, qs in sorted(by_speaker.items(), key=lambda kv: (kv[0] == "", -len(kv[1]))):
            out.append(f"**{_md(speaker) or 'Unattributed'}**")
            for q in qs:
                if q.inside:
                    continue
                out.append(f"- {_quote_line(q)}")
                for c in children.get(q.id, []):
                    who = _md(c.speaker.name) if c.speaker else "unattributed"
                    out.append(f"  - ↳ **{who}** ({c.kind}): “{_md(_short(c.text, 200))}”")
            out.append("")
        nested_only = [q for q in brief.quotes if q.inside and q.inside not in
                       {p.id for p in brief.quotes}]
        for q in nested_only:
            out.append(f"- {_quote_line(q)}")

    if brief.claims:
        out += ["## Claims and figures", "", "| claim | figure | source |", "|---|---|---|"]
        out += [_claim_row(brief, c) for c in brief.claims]
        out.append("")

    if brief.events:
        out += ["## Timeline", "", "| when | what |", "|---|---|"]
        for ev in sorted(brief.events, key=lambda e: e.order):
            when = ev.date.value if ev.date and ev.date.value else "undated"
            out.append(f"| {_md(when)} | {_md(_short(ev.description, 200))} |")
        out.append("")

    if brief.flags:
        out += ["## Flags for the editor", ""]
        for f in brief.flags:
            ev = f" Evidence: “{_md(_short(f.evidence[0].text, 120))}”" if f.evidence else ""
            if f.kind == "text_damage" and f.details.get("examples"):
                ev = " For example: " + ", ".join(
                    f"“{_md(_short(x['original'], 40))}” → “{_md(_short(x['replacement'], 40))}”"
                    if x["replacement"] else f"“{_md(_short(x['original'], 40))}” removed"
                    for x in f.details["examples"][:3]) + "."
            out.append(f"- **{f.kind.replace('_', ' ').capitalize()}** — {_md(f.message)}{ev}")
        out.append("")
    if not (brief.entities or brief.quotes or brief.claims or brief.events or brief.flags):
        out += ["*Nothing to report.*", ""]
    return "\n".join(out).rstrip() + "\n"


def plain(brief: Brief) -> str:
    a = brief.article
    lines = [headline(brief), f"published: {a.published or 'unknown'} ({a.published_source})"]
    for e in brief.entities:
        roles = f" [{'; '.join(e.roles)}]" if e.roles else ""
        lines.append(f"entity {e.id}: {e.name} ({e.type}){roles}, {len(e.mentions)} mentions")
    for q in brief.quotes:
        who = q.speaker.name if q.speaker else "?"
        lines.append(f"quote {q.id} [{q.kind}] {who}: {_short(q.text, 200)}")
    for c in brief.claims:
        lines.append(f"claim {c.id} [{c.source.quality}]: {_short(c.text, 200)}")
    for t in brief.times:
        lines.append(f"time {t.id}: {t.text!r} = {t.value}")
    for ev in brief.events:
        lines.append(f"event {ev.id} {ev.date.value if ev.date else '-'}: {_short(ev.description)}")
    for f in brief.flags:
        lines.append(f"flag {f.kind}: {f.message}")
    return "\n".join(lines) + "\n"
