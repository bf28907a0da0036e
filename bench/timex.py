"""Benchmark: temporal expressions on TempEval-3 TBAQ-cleaned and the Recognizers-Text specs.

Usage::

    .venv/bin/python bench/timex.py [--limit N] [--no-official] [--no-baseline] [--errors FILE]

TBAQ: each document's ``<DCT>`` is the publication date. Byline's expressions
are written into a copy of each ``.tml`` file (the gold TIMEX3/EVENT/SIGNAL tags
inside ``<TEXT>`` removed, ours inserted) and scored with the official
TempEval-3 entity scorer (``../shared/data/tempeval3/Tools``), which is Python 2:
it is run under a Python 2.7 interpreter when one is found. The scorer pairs a
system TIMEX3 with a gold one by ``tid``, so each of ours takes the tid of the
first gold expression it overlaps (a fresh tid otherwise); that is exactly its
"relaxed match" (any overlap), and "strict" is equal text. The same scoring is
ported to Python 3 below (``score_te3``) and both figures are printed; they must
agree. dateparser's ``search_dates`` is scored the same way as a baseline.

Recognizers-Text (``DateTimeModel.json``, English): per expected result, the
span must match exactly (span accuracy) and our value must be one of the
result's TIMEX values (span + value accuracy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from byline import nlp  # noqa: E402
from byline.timex.extract import find_times  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
TBAQ = SHARED / "tempeval3" / "Training" / "TBAQ-cleaned"
SCORER = SHARED / "tempeval3" / "Tools" / "tools" / "evaluation-entities" / "evaluate_entities.py"
SPECS = SHARED / "recognizers_specs" / "DateTime" / "English" / "DateTimeModel.json"
OUT = ROOT / "docs" / "benchmarks" / "timex.md"


# -- TBAQ documents ------------------------------------------------------------------


@dataclass
class Doc:
    name: str  # path relative to TBAQ
    raw: str  # the whole .tml file
    text_start: int  # raw offset where the <TEXT> content starts
    text_end: int
    plain: str  # the <TEXT> content: tags removed, entities decoded
    raw_of: list[int]  # plain offset -> raw offset (len(plain)+1 entries)
    bare: str  # <TEXT> content with tags removed, entities kept (raw form)
    bare_of: list[int]  # plain offset -> offset in ``bare``
    dct: dt.date
    gold: list[tuple[int, int, str, str, str]]  # plain start, end, tid, type, value


_TAG = re.compile(r"<[^>]+>")
_ENT = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def load_doc(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"<TEXT>", raw)
    e = raw.index("</TEXT>")
    assert m is not None
    ts = m.end()
    dct_m = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', raw)
    assert dct_m is not None, path
    dct = dt.date.fromisoformat(dct_m.group(1))
    plain: list[str] = []
    raw_of: list[int] = []
    bare: list[str] = []
    bare_of: list[int] = []
    gold: list[tuple[int, int, str, str, str]] = []
    open_tx: list[tuple[int, str, str, str]] = []
    i = ts
    while i < e:
        ch = raw[i]
        if ch == "<":
            j = raw.index(">", i)
            tag = raw[i:j + 1]
            if tag.startswith("<TIMEX3"):
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
                open_tx.append((len(plain), attrs.get("tid", ""), attrs.get("type", ""), attrs.get("value", "")))
            elif tag.startswith("</TIMEX3") and open_tx:
                s, tid, ty, val = open_tx.pop()
                gold.append((s, len(plain), tid, ty, val))
            i = j + 1
            continue
        if ch == "&":
            em = _ENT.match(raw, i)
            if em:
                plain.append(html.unescape(em.group(0)))
                raw_of.append(i)
                bare_of.append(len(bare))
                bare.extend(em.group(0))
                i = em.end()
                continue
        plain.append(ch)
        raw_of.append(i)
        bare_of.append(len(bare))
        bare.append(ch)
        i += 1
    raw_of.append(e)
    bare_of.append(len(bare))
    return Doc(str(path.relative_to(TBAQ)), raw, ts, e, "".join(plain), raw_of, "".join(bare), bare_of, dct,
               gold)


def tbaq_files(limit: int | None) -> list[Path]:
    files = sorted((TBAQ / "TimeBank").glob("*.tml")) + sorted((TBAQ / "AQUAINT").glob("*.tml"))
    return files[:limit] if limit else files


# -- system output as TimeML -----------------------------------------------------------

Pred = tuple[int, int, str, str | None]  # plain start, end, type, value


def system_tml(doc: Doc, preds: list[Pred]) -> tuple[str, list[tuple[int, int, str, str, str]]]:
    """The gold file with its <TEXT> tags replaced by our TIMEX3s; tids aligned
    to the first overlapping gold expression."""
    used: set[str] = set()
    fresh = 0
    inserts: list[tuple[int, int, str]] = []
    tagged: list[tuple[int, int, str, str, str]] = []
    for s, e, ty, val in sorted(preds):
        tid = None
        for gs, ge, gtid, _, _ in doc.gold:
            if gs < e and s < ge and gtid not in used:
                tid = gtid
                break
        if tid is None:
            fresh += 1
            tid = f"ts{fresh}"
        used.add(tid)
        v = html.escape(val or "", quote=True)
        inserts.append((doc.bare_of[s], doc.bare_of[e], f'<TIMEX3 tid="{tid}" type="{ty}" value="{v}">'))
        tagged.append((s, e, tid, ty, val or ""))
    out: list[str] = []
    pos = 0
    for bs, be, tag in inserts:
        if bs < pos:
            continue
        out.append(doc.bare[pos:bs])
        out.append(tag + doc.bare[bs:be] + "</TIMEX3>")
        pos = be
    out.append(doc.bare[pos:])
    return doc.raw[:doc.text_start] + "".join(out) + doc.raw[doc.text_end:], tagged


# -- the TempEval-3 timex scoring, ported to Python 3 ---------------------------------------


def _timexes(tml: str) -> dict[str, tuple[str, str, str]]:
    """tid -> (text, type, value), as the official get_attributes reads them."""
    out: dict[str, tuple[str, str, str]] = {}
    tml = tml.replace("&quot;", '"')
    for inst in re.findall(r"<TIMEX3[^>]*>[^<]*</TIMEX3>", tml):
        tid_m = re.search(r'tid="([^"]*)"', inst)
        tid = tid_m.group(1) if tid_m else "tid"
        if tid == "t0":
            continue
        ty_m = re.search(r'type="([^"]*)"', inst)
        va_m = re.search(r'value="([^"]*)"', inst)
        out[tid] = (re.sub(r"<[^>]*>", "", inst), ty_m.group(1) if ty_m else "type",
                    va_m.group(1) if va_m else "value")
    return out


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_r: int = 0
    relaxed_r: int = 0
    strict_p: int = 0
    relaxed_p: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold_tml: str, sys_tml: str) -> None:
        g = _timexes(gold_tml)
        s = _timexes(sys_tml)
        for tid, (gt, gty, gv) in g.items():
            if not gt.strip():
                continue
            if tid in s and s[tid][0].strip():
                self.relaxed_r += 1
                self.strict_r += gt == s[tid][0]
                self.type_ok += gty == s[tid][1]
                self.value_ok += gv == s[tid][2]
        for tid, (st, _, _) in s.items():
            if not st.strip():
                continue
            if tid in g and g[tid][0].strip():
                self.relaxed_p += 1
                self.strict_p += g[tid][0] == st
        self.gold += len(g)
        self.system += len(s)

    def scores(self) -> dict[str, float]:
        def f(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp = self.strict_p / self.system if self.system else 0.0
        rp = self.relaxed_p / self.system if self.system else 0.0
        sr = self.strict_r / self.gold if self.gold else 0.0
        rr = self.relaxed_r / self.gold if self.gold else 0.0
        rf = f(rp, rr)
        acc_v = self.value_ok / self.relaxed_r if self.relaxed_r else 0.0
        acc_t = self.type_ok / self.relaxed_r if self.relaxed_r else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": f(sp, sr), "relaxed_p": rp, "relaxed_r": rr,
                "relaxed_f1": rf, "value_f1": acc_v * rf, "type_f1": acc_t * rf, "value_acc": acc_v}


def python2() -> list[str] | None:
    for cmd in (["python2"], ["python2.7"]):
        env = dict(os.environ)
        for ver in ("", "2.7.18"):
            if ver:
                env["PYENV_VERSION"] = ver
            try:
                r = subprocess.run([*cmd, "-c", "import commands"], capture_output=True, env=env, timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if r.returncode == 0:
                return [*cmd] if not ver else ["env", f"PYENV_VERSION={ver}", *cmd]
    return None


def official(gold_dir: Path, sys_dir: Path) -> dict[str, float] | None:
    """Run the official scorer; its timex strict/relaxed F1 and value F1 (0-1)."""
    py = python2()
    if py is None or not SCORER.exists():
        return None
    r = subprocess.run([*py, str(SCORER), str(gold_dir), str(sys_dir), "0"], capture_output=True, text=True,
                       timeout=1800, cwd=str(sys_dir))
    out = r.stdout
    m = re.search(r"=== Timex Performance ===\s*Strict Match\tF1\tP\tR\s*([\d.]+)\t([\d.]+)\t([\d.]+)\s*"
                  r"Relaxed Match\tF1\tP\tR\s*([\d.]+)\t([\d.]+)\t([\d.]+)\s*Attribute F1\tValue\tType\s*"
                  r"([\d.]+)\t([\d.]+)", out)
    if not m:
        print("official scorer output not understood:\n" + out[-2000:] + r.stderr[-2000:], file=sys.stderr)
        return None
    v = [float(x) / 100 for x in m.groups()]
    return {"strict_f1": v[0], "strict_p": v[1], "strict_r": v[2], "relaxed_f1": v[3], "relaxed_p": v[4],
            "relaxed_r": v[5], "value_f1": v[6], "type_f1": v[7]}


# -- systems -------------------------------------------------------------------------------


def byline_preds(docs: list[Doc]) -> tuple[list[list[Pred]], float]:
    """Predictions, and the seconds spent in the timex stage itself (parsing excluded)."""
    model = nlp.load()
    out: list[list[Pred]] = []
    own = 0.0
    for doc, sp in zip(docs, nlp.pipe([d.plain for d in docs], model), strict=True):
        t0 = time.perf_counter()
        found = find_times(doc.plain, doc.dct, sp)
        own += time.perf_counter() - t0
        out.append([(t.start, t.end, t.type, t.value) for t in found])
    return out, own


def dateparser_preds(docs: list[Doc]) -> list[list[Pred]]:
    from dateparser.search import search_dates

    out: list[list[Pred]] = []
    for doc in docs:
        base = dt.datetime.combine(doc.dct, dt.time(12))
        preds: list[Pred] = []
        try:
            found = search_dates(doc.plain, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        except Exception:  # the baseline's own failures count as finding nothing
            found = []
        pos = 0
        for sub, when in found:
            k = doc.plain.find(sub, pos)
            if k < 0:
                k = doc.plain.find(sub)
                if k < 0:
                    continue
            preds.append((k, k + len(sub), "DATE", when.date().isoformat()))
            pos = k + len(sub)
        out.append(preds)
    return out


def score_tbaq(docs: list[Doc], preds: list[list[Pred]], run_official: bool, errors: list[str] | None
               ) -> tuple[dict[str, float], dict[str, float] | None]:
    counts = Counts()
    tmp = Path(tempfile.mkdtemp(prefix="byline-te3-"))
    try:
        gdir, sdir = tmp / "gold", tmp / "system"
        for doc, ps in zip(docs, preds, strict=True):
            tml, tagged = system_tml(doc, ps)
            for d in (gdir / Path(doc.name).parent, sdir / Path(doc.name).parent):
                d.mkdir(parents=True, exist_ok=True)
            (gdir / doc.name).symlink_to(TBAQ / doc.name)
            (sdir / doc.name).write_text(tml, encoding="utf-8")
            counts.add(doc.raw, tml)
            if errors is not None:
                _errors(doc, tagged, errors)
        off = official(gdir, sdir) if run_official else None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts.scores(), off


def _errors(doc: Doc, tagged: list[tuple[int, int, str, str, str]], out: list[str]) -> None:
    gold = {g[2]: g for g in doc.gold}
    seen = set()
    for s, e, tid, ty, val in tagged:
        ctx = doc.plain[max(0, s - 40):e + 30].replace("\n", " ")
        if tid in gold:
            seen.add(tid)
            gs, ge, _, gty, gv = gold[tid]
            if gv != val or (gs, ge) != (s, e):
                out.append(f"{doc.name}\tDCT {doc.dct}\tGOLD {doc.plain[gs:ge]!r} {gty} {gv}\t"
                           f"SYS {doc.plain[s:e]!r} {ty} {val}\t| {ctx}")
        else:
            out.append(f"{doc.name}\tDCT {doc.dct}\tFALSE {doc.plain[s:e]!r} {ty} {val}\t| {ctx}")
    for tid, (gs, ge, _, gty, gv) in gold.items():
        if tid not in seen:
            ctx = doc.plain[max(0, gs - 40):ge + 30].replace("\n", " ")
            out.append(f"{doc.name}\tDCT {doc.dct}\tMISSED {doc.plain[gs:ge]!r} {gty} {gv}\t| {ctx}")


# -- Recognizers-Text ------------------------------------------------------------------------


def score_specs(limit: int | None) -> dict[str, float]:
    cases = json.loads(SPECS.read_text(encoding="utf-8-sig"))
    if limit:
        cases = cases[: limit * 4]
    model = nlp.load()
    n_exp = span_ok = both_ok = n_pred = pred_ok = case_ok = 0
    for case in cases:
        text = case["Input"]
        ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07T00:00:00")
        base = dt.date.fromisoformat(ref[:10])
        found = find_times(text, base, model(text))
        got = {(t.start, t.end): t.value for t in found}
        n_pred += len(got)
        all_ok = True
        for r in case.get("Results", []):
            n_exp += 1
            key = (r["Start"], r["End"] + 1)
            timexes = {v.get("timex") for v in (r.get("Resolution") or {}).get("values", [])}
            if key in got:
                span_ok += 1
                pred_ok += 1
                if got[key] in timexes:
                    both_ok += 1
                else:
                    all_ok = False
            else:
                all_ok = False
        if all_ok and len(got) == len(case.get("Results", [])):
            case_ok += 1
    return {"cases": len(cases), "results": n_exp, "span_acc": span_ok / max(n_exp, 1),
            "span_value_acc": both_ok / max(n_exp, 1), "precision": pred_ok / max(n_pred, 1),
            "case_acc": case_ok / max(len(cases), 1)}


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N TBAQ documents")
    ap.add_argument("--no-official", action="store_true", help="skip the Python 2 official scorer")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    ap.add_argument("--no-specs", action="store_true", help="skip the Recognizers-Text specs")
    ap.add_argument("--errors", type=Path, default=None, help="write Byline's TBAQ errors to this file")
    ap.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks/timex.md")
    args = ap.parse_args()
    if not TBAQ.exists():
        print(f"TempEval-3 data not found at {TBAQ}: nothing to measure", file=sys.stderr)
        return 1
    docs = [load_doc(p) for p in tbaq_files(args.limit)]
    n_gold = sum(len([g for g in d.gold]) for d in docs)
    rows: list[tuple[str, dict[str, float], dict[str, float] | None, float]] = []
    t0 = time.perf_counter()
    preds, own_secs = byline_preds(docs)
    secs = time.perf_counter() - t0
    n_chars = sum(len(d.plain) for d in docs)
    errs: list[str] | None = [] if args.errors else None
    ported, off = score_tbaq(docs, preds, not args.no_official, errs)
    rows.append(("Byline", ported, off, secs))
    if errs is not None and args.errors:
        args.errors.write_text("\n".join(errs) + "\n", encoding="utf-8")
    if not args.no_baseline:
        t0 = time.perf_counter()
        dp = dateparser_preds(docs)
        secs = time.perf_counter() - t0
        ported_b, off_b = score_tbaq(docs, dp, not args.no_official, None)
        rows.append(("dateparser search_dates", ported_b, off_b, secs))
    specs = None if args.no_specs or not SPECS.exists() else score_specs(args.limit)

    lines = ["| system | scorer | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | "
             "value F1 | type F1 | seconds |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, ported, off, secs in rows:
        for label, s in (("official (Python 2)", off), ("ported (Python 3)", ported)):
            if s is None:
                continue
            lines.append(f"| {name} | {label} | {s['strict_p']:.3f} | {s['strict_r']:.3f} | {s['strict_f1']:.3f} | "
                         f"{s['relaxed_p']:.3f} | {s['relaxed_r']:.3f} | {s['relaxed_f1']:.3f} | "
                         f"{s['value_f1']:.3f} | {s['type_f1']:.3f} | {secs:.1f} |")
    table = "\n".join(lines)
    print(f"TBAQ-cleaned: {len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded)")
    print(table)
    speed = (f"Byline's seconds include spaCy parsing; the timex stage itself took {own_secs:.1f} s for "
             f"{n_chars:,} characters ({n_chars / max(own_secs, 1e-9) / 1000:.0f} K chars/s).")
    print(speed)
    spec_lines = ""
    if specs is not None:
        spec_lines = (
            "| cases | expected results | span accuracy | span + value accuracy | precision of spans | "
            "whole-case accuracy |\n|---|---|---|---|---|---|\n"
            f"| {specs['cases']} | {specs['results']} | {specs['span_acc']:.3f} | {specs['span_value_acc']:.3f} | "
            f"{specs['precision']:.3f} | {specs['case_acc']:.3f} |"
        )
        print("\nRecognizers-Text English DateTimeModel.json")
        print(spec_lines)
    if not args.no_write and not args.limit:
        off_note = ("run under Python 2.7" if rows[0][2] is not None else
                    "could not be run (no Python 2.7): the ported scorer's figures stand alone")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(
            "# Temporal expressions (issue 7)\n\n"
            f"Measured {dt.date.today().isoformat()} with `.venv/bin/python bench/timex.py` "
            f"on 2 shared CPU cores.\n\n"
            f"## TempEval-3 TBAQ-cleaned ({len(docs)} documents, {n_gold} gold TIMEX3)\n\n"
            "Data: `../shared/data/tempeval3/Training/TBAQ-cleaned` (TimeBank + AQUAINT), `<DCT>` as the "
            "publication date. This is development data: the rules were tuned by reading errors on it, so "
            "held-out figures will be lower.\n\n"
            f"Official scorer (`Tools/tools/evaluation-entities/evaluate_entities.py`): {off_note}. It pairs "
            "system and gold TIMEX3 by `tid`, so each system expression takes the tid of the first gold "
            "expression it overlaps (a fresh one otherwise): relaxed = any overlap, strict = same text. "
            "Value F1 = value accuracy over relaxed matches x relaxed F1 (the scorer's definition). "
            "dateparser's `search_dates` (RELATIVE_BASE = DCT, values as days) is scored the same way.\n\n"
            f"{table}\n\n{speed}\n\nTargets (issue 7): value F1 >= 0.82, relaxed span F1 >= 0.90.\n\n"
            "## Recognizers-Text English DateTime specs\n\n"
            "`../shared/data/recognizers_specs/DateTime/English/DateTimeModel.json`, reference date per case. "
            "A result counts when Byline has an expression with exactly its span; span + value also needs "
            "Byline's value to be one of the result's `timex` values. Ranges ('from 9 to 11') are one result "
            "there and two expressions in Byline, so they count as misses.\n\n"
            f"{spec_lines}\n\n"
            "## Where the value errors are (TBAQ)\n\n"
            "Run with `--errors FILE` to list them. Most of the remaining value misses follow annotator "
            "conventions that differ within the corpus itself: weeks as `1989-WXX` next to `1998-W32` (and "
            "`2000-W6` unpadded), 'Friday night' valued as the bare day in some files and `TNI` or `TEV` in "
            "others (Byline keeps the part of day, as TimeML asks), 'a year ago' valued as a year, a quarter, "
            "a month or a day, 'the quarter ended Sept. 30' as `1989-QX`, `P1Q` or a numbered quarter, years as "
            "`1968-XX` in one file. The rest are real misses: weekdays whose direction the tense does not "
            "settle, events narrated relative to a date other than the publication date, and vague words the "
            "corpus marks only some of the time ('now', 'recently', 'daily').\n\n"
            "Second pass (general rules only, each checked against the whole error list): a plan in the "
            "pluperfect lies in the past ('had been due to expire Friday'); 'scheduled', 'postponed' and "
            "'ahead of' look forward; 'the previous Friday' counts back from the day in view; 'last Oct. 23' "
            "and 'next Nov. 7' are one expression; 'in the morning' is the morning of the day in view; 'a minute "
            "and a half'; both ends of a range ('two to three weeks', 'April 24 and 25'); programme titles "
            "('\"This Week\"', 'High Noon') are not times. First pass, for comparison: value F1 0.816, "
            "relaxed F1 0.947, strict F1 0.879 (official scorer).\n",
            encoding="utf-8",
        )
        print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
