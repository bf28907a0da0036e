"""Never lose work: an ingest killed with SIGKILL halfway and run again ends with
exactly the same store as one uninterrupted run (here, an uninterrupted run with
two worker processes against a killed-and-resumed run with one)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import dump

from byline.store import Store

N = 40

_CITIES = ["Lisbon", "Nairobi", "Quito", "Hanoi", "Tromsø", "Accra", "Lyon", "Perth"]
_PEOPLE = ["Ana Ferreira", "John Mwangi", "Lucía Andrade", "Minh Tran", "Kari Olsen", "Kofi Mensah"]


def _article(i: int) -> str:
    city = _CITIES[i % len(_CITIES)]
    person = _PEOPLE[i % len(_PEOPLE)]
    paras = [
        f"Council of {city} approves plan number {i}",
        f"The council of {city} voted on Tuesday to approve a transport plan worth {10 + i} million dollars, "
        f"officials said. The vote was {5 + i % 4} to {i % 3}.",
        f"\"This plan will change how people move around {city},\" said {person}, who chairs the committee. "
        f"{person.split()[1]} said work would start in {2026 + i % 3}.",
        f"Critics said the plan ignored {i % 7 + 2} neighbourhoods on the edge of the city, "
        f"and that bus fares could rise by {i % 5 + 1} percent.",
    ]
    return "\n\n".join(paras) + "\n"


@pytest.fixture
def many(tmp_path: Path) -> Path:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(N):
        (root / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    return root


def _cmd(corpus: Path, db: Path, jobs: int) -> list[str]:
    return [sys.executable, "-c", "import sys; from byline.cli import main; sys.exit(main(sys.argv[1:]))",
            "ingest", str(corpus), "--db", str(db), "--jobs", str(jobs), "--batch-size", "2", "--quiet"]


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_then_resume_equals_uninterrupted(many: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    ref = tmp_path / "ref.db"
    done = subprocess.run(_cmd(many, ref, jobs=2), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert _count(ref) == N

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(_cmd(many, db, jobs=1), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _count(db) < 3:
        assert proc.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = _count(db)
    assert 3 <= partial < N, "the kill did not land midway"
    with Store(db) as s:  # the killed store is consistent: no article without its findings
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []

    resumed = subprocess.run(_cmd(many, db, jobs=1), env=env, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"ingested {N - partial} " in resumed.stderr
    assert f"skipped {partial} " in resumed.stderr
    assert dump(db) == dump(ref)
