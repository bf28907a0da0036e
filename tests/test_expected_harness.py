"""bench/expected.py: the scoring harness for expected briefs."""

from __future__ import annotations

import json
import subprocess
import sys

from testpaths import EXAMPLE_EXPECTED, REPO

sys.path.insert(0, str(REPO / "bench"))
import expected as harness


def perfect_brief(exp: dict) -> dict:
    """A brief built from an expected file: the harness must give it full marks."""
    entities = [
        {"id": f"e{i}", "name": e["name"], "type": e["type"], "aliases": e.get("aliases", []),
         "roles": e.get("roles", []), "mentions": []}
        for i, e in enumerate(exp["entities"], 1)
    ]
    by_name = {e["name"]: e["id"] for e in entities}
    quotes = []
    for i, q in enumerate(exp["quotes"], 1):
        quotes.append({"id": f"q{i}", "kind": q["kind"], "text": q["text"],
                       "speaker": {"entity_id": by_name.get(q["speaker"]), "name": q["speaker"]},
                       "cue": {"text": q["cue"]} if q.get("cue") else None, "inside": None})
    for q, x in zip(quotes, exp["quotes"], strict=True):
        if x.get("inside"):
            q["inside"] = next(p["id"] for p in quotes if p["text"].startswith(x["inside"]))
    claims, quantities, times = [], [], []
    for i, c in enumerate(exp["claims"], 1):
        qids = []
        if "value" in c:
            qids = [f"n{i}"]
            money = "money" in (c.get("unit") or "")
            value = None if isinstance(c["value"], str) else c["value"]
            quantities.append({"id": f"n{i}", "value": value, "text": str(c["value"]), "hedge": c.get("hedge"),
                               "unit": c.get("unit"), "kind": "money" if money else "cardinal"})
        tid = None
        if c.get("time"):
            tid = f"t{i}"
            times.append({"id": tid, "text": c["time"], "value": c["time"]})
        src = c.get("source")
        claims.append({"id": f"c{i}", "text": c["text"], "quantities": qids, "time": tid,
                       "subject": c.get("unit"),
                       "place": {"name": c["place"], "entity_id": by_name.get(c["place"])} if c.get("place") else None,
                       "source": {"name": src, "entity_id": by_name.get(src), "quality": c["source_quality"]}})
    events = [{"id": f"v{i}", "description": t["event"], "date": {"value": t["date"]}}
              for i, t in enumerate(exp["timeline"], 1)]
    flags = [{"kind": f["kind"]} for f in exp["flags"]]
    return {"entities": entities, "quotes": quotes, "claims": claims, "quantities": quantities,
            "times": times, "events": events, "flags": flags}


def test_perfect_brief_scores_full_marks():
    exp = json.loads(EXAMPLE_EXPECTED.read_text())
    sections = harness.score(perfect_brief(exp), exp)
    for name, sec in sections.items():
        assert sec.recall == 1.0 and sec.precision == 1.0, (name, sec.as_dict())
        for attr, (right, checked) in sec.attrs.items():
            assert right == checked, (name, attr)


def test_empty_brief_scores_zero_recall():
    exp = json.loads(EXAMPLE_EXPECTED.read_text())
    sections = harness.score({}, exp)
    assert sections["quotes"].recall == 0 and sections["entities"].recall == 0


def test_noise_quote_is_counted_against_not_quotes():
    exp = json.loads(EXAMPLE_EXPECTED.read_text())
    brief = perfect_brief(exp)
    brief["quotes"].append({"id": "qx", "kind": "direct", "text": "“Northvale”"})
    assert harness.score(brief, exp)["not_quotes"].predicted == 1


def test_fold_ignores_case_glyphs_and_space():
    assert harness.fold("  “Sovereignty  IS”  ") == harness.fold('"sovereignty is"')


def test_harness_runs_on_the_shared_example(tmp_path, shared_brief, shared_expected):
    out = tmp_path / "brief.json"
    out.write_text(shared_brief.to_json())
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "expected.py"), str(out), str(shared_expected),
                           "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout)
    assert set(scores) == {"entities", "quotes", "not_quotes", "claims", "timeline", "flags"}
    for sec in scores.values():
        assert 0 <= sec["recall"] <= 1 and 0 <= sec["precision"] <= 1
