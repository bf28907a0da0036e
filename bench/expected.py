"""Score a brief against an editor's expected brief.

    python bench/expected.py BRIEF.json EXPECTED.json [--json]

EXPECTED is shaped like ``../shared/examples/sovereignty-not-for-sale.expected.json``.
Texts are compared after folding case, quote glyphs, dashes and whitespace;
speakers and sources by canonical entity name (or any alias of it). Prints
recall and precision per section, and the details a developer needs to see
what was missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUOTE_GLYPHS = dict.fromkeys(map(ord, "“”„‟«»\"‘’‚‛‹›'`´"), None)
DASHES = {ord(c): "-" for c in "‐‑‒–—―"}


def fold(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).translate(DASHES).translate(QUOTE_GLYPHS).lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" .,:;")


def tokens(s: str) -> list[str]:
    return re.findall(r"\w+", fold(s))


def overlap(a: str, b: str) -> float:
    """Token F1 between two texts (bag of words)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = 0
    pool = list(tb)
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


@dataclass
class Section:
    name: str
    expected: int = 0
    found: int = 0  # expected items matched
    predicted: int = 0
    correct_pred: int = 0  # predicted items that match an expected one
    attrs: dict[str, list[int]] = field(default_factory=dict)  # attr -> [right, checked]
    missed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def attr(self, name: str, ok: bool) -> None:
        right, checked = self.attrs.setdefault(name, [0, 0])
        self.attrs[name] = [right + int(ok), checked + 1]

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct_pred / self.predicted if self.predicted else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "expected": self.expected,
            "found": self.found,
            "predicted": self.predicted,
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "attributes": {k: {"right": r, "checked": c} for k, (r, c) in self.attrs.items()},
            "missed": self.missed,
            "notes": self.notes,
        }


class Names:
    """Canonical entity names of a brief, with their aliases, for name matching."""

    def __init__(self, brief: dict[str, Any]):
        self.by_id = {e["id"]: e for e in brief.get("entities", [])}

    def names_of(self, entity_id: str | None, fallback: str | None = None) -> set[str]:
        e = self.by_id.get(entity_id or "")
        out = {fold(fallback)} if fallback else set()
        if e:
            out |= {fold(e["name"])} | {fold(a) for a in e.get("aliases", [])}
        return out - {""}


def same_entity(expected_name: str, expected_aliases: list[str], names: set[str]) -> bool:
    want = {fold(expected_name)} | {fold(a) for a in expected_aliases}
    return bool(want & names)


def score_entities(brief: dict[str, Any], exp: dict[str, Any]) -> Section:
    sec = Section("entities")
    ents = brief.get("entities", [])
    types = {e["type"] for e in exp.get("entities", [])}
    relevant = [e for e in ents if e["type"] in types]
    sec.predicted = len(relevant)
    matched_pred: set[str] = set()
    for x in exp.get("entities", []):
        sec.expected += 1
        want = {fold(x["name"])} | {fold(a) for a in x.get("aliases", [])}
        hits = [e for e in ents if ({fold(e["name"])} | {fold(a) for a in e.get("aliases", [])}) & want]
        if not hits:
            sec.missed.append(x["name"])
            continue
        sec.found += 1
        matched_pred.update(e["id"] for e in hits)
        best = hits[0]
        sec.attr("canonical name", fold(best["name"]) == fold(x["name"]))
        sec.attr("type", best["type"] == x["type"])
        sec.attr("one entity (no duplicates)", len(hits) == 1)
        have = {fold(best["name"])} | {fold(a) for a in best.get("aliases", [])}
        for alias in x.get("aliases", []):
            sec.attr("aliases merged", fold(alias) in have)
        roles = {fold(r) for r in best.get("roles", [])}
        for role in x.get("roles", []):
            sec.attr("roles", any(fold(role) in r or r in fold(role) for r in roles))
    sec.correct_pred = sum(1 for e in relevant if e["id"] in matched_pred)
    return sec


def score_quotes(brief: dict[str, Any], exp: dict[str, Any]) -> tuple[Section, Section]:
    sec = Section("quotes")
    names = Names(brief)
    quotes = brief.get("quotes", [])
    sec.predicted = len(quotes)
    exp_ents = {fold(e["name"]): e for e in exp.get("entities", [])}
    used: set[str] = set()
    for x in exp.get("quotes", []):
        sec.expected += 1
        scored = sorted(((overlap(q["text"], x["text"]), q) for q in quotes if q["id"] not in used),
                        key=lambda t: -t[0])
        if not scored or scored[0][0] < 0.7:
            sec.missed.append(f"[{x['kind']}] {x['text'][:80]}")
            continue
        q = scored[0][1]
        used.add(q["id"])
        sec.found += 1
        sec.attr("exact text", fold(q["text"]) == fold(x["text"]))
        sec.attr("kind", q["kind"] == x["kind"])
        sp = q.get("speaker") or {}
        xe = exp_ents.get(fold(x["speaker"]), {"name": x["speaker"], "aliases": []})
        ok = same_entity(xe["name"], xe.get("aliases", []), names.names_of(sp.get("entity_id"), sp.get("name")))
        sec.attr("speaker", ok)
        if not ok:
            sec.notes.append(f"speaker of {x['text'][:40]!r}: {sp.get('name')!r}, want {x['speaker']!r}")
        if x.get("cue"):
            cue = (q.get("cue") or {}).get("text", "")
            sec.attr("cue", fold(x["cue"]) in fold(cue) or (fold(cue) in fold(x["cue"]) and bool(cue)))
        if x.get("inside"):
            parent = next((p for p in quotes if p["id"] == q.get("inside")), None)
            sec.attr("nested inside its parent", bool(parent) and fold(x["inside"]) in fold(parent["text"]))
    sec.correct_pred = len(used)
    bad = Section("not_quotes")
    bad.expected = len(exp.get("not_quotes", []))
    nots = {fold(t) for t in exp.get("not_quotes", [])}
    wrong = [q for q in quotes if fold(q["text"]) in nots]
    bad.predicted = len(wrong)
    bad.found = bad.expected - len({fold(q["text"]) for q in wrong})
    bad.correct_pred = 0
    bad.missed = [f"reported as a quote: {q['text']!r}" for q in wrong]
    return sec, bad


def _claim_value(brief: dict[str, Any], c: dict[str, Any]) -> list[dict[str, Any]]:
    qs = {q["id"]: q for q in brief.get("quantities", [])}
    return [qs[i] for i in c.get("quantities", []) if i in qs]


def score_claims(brief: dict[str, Any], exp: dict[str, Any]) -> Section:
    sec = Section("claims")
    names = Names(brief)
    claims = brief.get("claims", [])
    sec.predicted = len(claims)
    exp_ents = {fold(e["name"]): e for e in exp.get("entities", [])}
    times = {t["id"]: t for t in brief.get("times", [])}
    used: set[str] = set()
    for x in exp.get("claims", []):
        sec.expected += 1
        scored = sorted(((overlap(c["text"], x["text"]), c) for c in claims if c["id"] not in used),
                        key=lambda t: -t[0])
        if not scored or scored[0][0] < 0.5:
            sec.missed.append(x["text"][:80])
            continue
        c = scored[0][1]
        used.add(c["id"])
        sec.found += 1
        src = c.get("source") or {}
        sec.attr("source quality", src.get("quality") == x.get("source_quality"))
        if x.get("source_quality") == "named" and x.get("source"):
            xe = exp_ents.get(fold(x["source"]), {"name": x["source"], "aliases": []})
            sec.attr("named source", same_entity(xe["name"], xe.get("aliases", []),
                                                 names.names_of(src.get("entity_id"), src.get("name"))))
        qs = _claim_value(brief, c)
        if "value" in x:
            xv = x["value"]
            if isinstance(xv, int | float):
                sec.attr("value", any(q.get("value") == xv for q in qs))
            else:
                sec.attr("value", any(fold(str(xv)) in fold(q.get("text", "")) for q in qs))
        if x.get("hedge"):
            sec.attr("hedge", any(fold(q.get("hedge")) == fold(x["hedge"]) for q in qs))
        if x.get("unit"):
            unit_text = " ".join(
                f"{q.get('unit') or ''} {('per ' + q['per']) if q.get('per') else ''}" for q in qs
            ) + " " + (c.get("subject") or "")
            sec.attr("unit", all(w in fold(unit_text) or (w == "money" and _is_money(qs))
                                 for w in tokens(x["unit"]) if w not in ("per",)))
        if x.get("place"):
            place = c.get("place") or {}
            xe = exp_ents.get(fold(x["place"]), {"name": x["place"], "aliases": []})
            sec.attr("place", same_entity(xe["name"], xe.get("aliases", []),
                                          names.names_of(place.get("entity_id"), place.get("name"))))
        if x.get("time"):
            t = times.get(c.get("time") or "", {})
            sec.attr("time", fold(x["time"]) in {fold(t.get("text")), fold(t.get("value"))})
    sec.correct_pred = len(used)
    return sec


def _is_money(qs: list[dict[str, Any]]) -> bool:
    return any(q.get("kind") == "money" or (q.get("unit") or "") in ("USD", "EUR", "GBP", "money")
               for q in qs)


def score_timeline(brief: dict[str, Any], exp: dict[str, Any]) -> Section:
    sec = Section("timeline")
    events = brief.get("events", [])
    sec.predicted = len(events)
    used: set[str] = set()
    for x in exp.get("timeline", []):
        sec.expected += 1
        cands = [e for e in events if e["id"] not in used and (e.get("date") or {}).get("value") == x["date"]]
        if not cands:
            sec.missed.append(f"{x['date']}: {x['event'][:60]}")
            continue
        best = max(cands, key=lambda e: overlap(e["description"], x["event"]))
        used.add(best["id"])
        sec.found += 1
        sec.attr("description overlaps", overlap(best["description"], x["event"]) >= 0.2)
    sec.correct_pred = len(used)
    return sec


def score_flags(brief: dict[str, Any], exp: dict[str, Any]) -> Section:
    sec = Section("flags")
    flags = brief.get("flags", [])
    sec.predicted = len({f["kind"] for f in flags})
    kinds = {f["kind"] for f in flags}
    want = {x["kind"] for x in exp.get("flags", [])}
    sec.expected = len(want)
    sec.found = len(want & kinds)
    sec.correct_pred = len(want & kinds)
    sec.missed = sorted(want - kinds)
    sec.notes = [f"also raised: {k}" for k in sorted(kinds - want)]
    return sec


def score(brief: dict[str, Any], expected: dict[str, Any]) -> dict[str, Section]:
    quotes, not_quotes = score_quotes(brief, expected)
    secs = [score_entities(brief, expected), quotes, not_quotes, score_claims(brief, expected),
            score_timeline(brief, expected), score_flags(brief, expected)]
    return {s.name: s for s in secs}


def report(sections: dict[str, Section]) -> str:
    lines = [f"{'section':<12} {'recall':>7} {'precision':>9}   found/expected  predicted"]
    for s in sections.values():
        lines.append(
            f"{s.name:<12} {s.recall:>7.2f} {s.precision:>9.2f}   {s.found:>5}/{s.expected:<8} {s.predicted:>9}"
        )
        for k, (r, c) in s.attrs.items():
            lines.append(f"    {k:<32} {r}/{c}")
        for m in s.missed:
            lines.append(f"    missed: {m}")
        for n in s.notes:
            lines.append(f"    note: {n}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("brief", type=Path)
    ap.add_argument("expected", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    brief = json.loads(args.brief.read_text(encoding="utf-8"))
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    sections = score(brief, expected)
    if args.json:
        print(json.dumps({k: s.as_dict() for k, s in sections.items()}, indent=2))
    else:
        print(report(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
