"""``byline ingest`` / ``query`` / ``export`` end to end on the small fixture corpus
(text, HTML, JSON, JSONL and a WARC written by warcio), with the real pipeline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from byline.cli import main
from byline.ingest import estimate_total, ingest, scan
from byline.store import Store

#: What the fixture corpus holds (see tests/store/fixtures/corpus and store_helpers.write_warc).
N_ARTICLES = 8  # 3 JSONL lines + .txt + .json + .html + 2 WARC pages
N_DUPLICATES = 1  # one JSONL line repeats another
N_FAILED = 3  # invalid JSON line, JSON line without text, binary .txt


@pytest.fixture
def ingested(corpus_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "corpus.db"
    summary = ingest([corpus_dir], db, jobs=1, batch_size=4)
    assert (summary.ingested, summary.duplicates, summary.failed) == (N_ARTICLES, N_DUPLICATES, N_FAILED)
    assert not summary.interrupted
    return corpus_dir, db


def test_scan_reads_every_format(corpus_dir: Path) -> None:
    recs = list(scan([corpus_dir]))
    assert len(recs) == N_ARTICLES + N_DUPLICATES + N_FAILED
    assert estimate_total([corpus_dir]) == len(recs)
    sources = [r["source"] for r in recs]
    assert any(s.endswith("crawl.warc.gz#https://example.org/bridge") for s in sources)
    assert not any("logo.png" in s for s in sources)  # non-HTML response skipped
    html = next(r for r in recs if r["source"].endswith("budget.html"))
    assert html["title"] == "City council approves school budget"
    assert "Copyright" not in html["text"] and "Home" not in html["text"]


def test_ingest_stores_articles_errors_and_resumes(ingested: tuple[Path, Path]) -> None:
    corpus_dir, db = ingested
    with Store(db) as s:
        assert s.count() == N_ARTICLES
        reasons = " | ".join(e["reason"] for e in s.errors())
        assert len(s.errors()) == N_FAILED
        assert "invalid JSON" in reasons and "binary" in reasons and "text" in reasons
        titles = {a["title"] for a in s.articles(limit=50)}
        assert {"Storm closes airport", "Leaders agree on river treaty", "Bridge reopens after repairs"} <= titles
        brief = s.article(s.articles(limit=1)[0]["id"])
        assert brief is not None and brief.article.text
        assert s.search("mediator")[0]["source"].endswith("harbour.txt")
    again = ingest([corpus_dir], db, jobs=1)
    assert (again.ingested, again.duplicates, again.failed) == (0, N_ARTICLES + N_DUPLICATES, N_FAILED)
    with Store(db) as s:
        assert s.count() == N_ARTICLES and len(s.errors()) == N_FAILED


def test_limit_stops_early(corpus_dir: Path, tmp_path: Path) -> None:
    summary = ingest([corpus_dir], tmp_path / "l.db", limit=2)
    assert summary.seen == 2


def test_time_budget_records_slow_articles_as_failed(corpus_dir: Path, tmp_path: Path) -> None:
    summary = ingest([corpus_dir / "harbour.txt"], tmp_path / "tb.db", time_budget=1e-9)
    assert summary.ingested == 0 and summary.failed == 1
    with Store(tmp_path / "tb.db") as s:
        assert s.errors()[0]["article_id"] is not None
    retry = ingest([corpus_dir / "harbour.txt"], tmp_path / "tb.db")  # the next run retries it
    assert retry.ingested == 1
    with Store(tmp_path / "tb.db") as s:
        assert s.errors() == [] and s.count() == 1


def test_missing_path_is_an_error_row(tmp_path: Path) -> None:
    summary = ingest([tmp_path / "nope"], tmp_path / "e.db")
    assert summary.failed == 1 and summary.ingested == 0
    assert "no such file" in summary.failures[0][1]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_ingest_query_export(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.db")
    code, _, err = _run(["ingest", str(corpus_dir), "--db", db, "--quiet"], capsys)
    assert code == 0, err
    assert f"ingested {N_ARTICLES}" in err and f"failed {N_FAILED}" in err

    code, out, _ = _run(["query", "search", "treaty", "--db", db, "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and {h["title"] for h in hits} == {"Leaders agree on river treaty", "Okafor visits farmers"}

    code, out, _ = _run(["query", "search", "treaty", "--db", db, "--csv"], capsys)
    assert next(csv.reader(io.StringIO(out))) == ["id", "title", "published", "snippet"]

    code, out, _ = _run(["query", "search", "treaty", "--db", db], capsys)
    assert code == 0 and "Leaders agree on river treaty" in out

    for verb in (["speakers"], ["quotes", "--speaker", "Amina Okafor"], ["timeline", "--entity", "Amina Okafor"],
                 ["claims", "--source-quality", "vague"], ["entities"], ["articles"], ["errors"]):
        code, out, err = _run(["query", *verb, "--db", db, "--json"], capsys)
        assert code == 0, (verb, err)
        assert isinstance(json.loads(out), list)

    code, out, _ = _run(["query", "errors", "--db", db, "--json"], capsys)
    assert len(json.loads(out)) == N_FAILED

    aid = json.loads(_run(["query", "articles", "--db", db, "--json"], capsys)[1])[0]["id"]
    code, out, _ = _run(["query", "article", aid.split(":")[1][:10], "--db", db, "--json"], capsys)
    assert code == 0 and json.loads(out)["article"]["id"] == aid
    code, out, _ = _run(["query", "article", aid, "--db", db], capsys)
    assert code == 0 and out.strip()

    code, _, err = _run(["query", "article", "deadbeef", "--db", db], capsys)
    assert code == 3 and "no article" in err
    code, _, err = _run(["query", "speakers", "--db", str(tmp_path / "none.db")], capsys)
    assert code == 5 and "no such store" in err
    code, _, err = _run(["query", "claims", "--source-quality", "shaky", "--db", db], capsys)
    assert code == 2

    out_dir = tmp_path / "export"
    code, _, err = _run(["export", str(out_dir), "--db", db, "--format", "parquet"], capsys)
    assert code == 0, err
    import pyarrow.parquet as pq

    assert pq.read_table(out_dir / "articles.parquet").num_rows == N_ARTICLES
    assert pq.read_table(out_dir / "errors.parquet").num_rows == N_FAILED


def test_a_brief_the_store_rejects_is_an_error_row(corpus_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A brief with duplicate finding ids cannot be stored: recorded, the batch goes on."""
    import byline.ingest as ingest_mod
    from byline.api import Result
    from byline.model import Quote, Span

    real_to_rows = ingest_mod._to_rows

    def bad_rows(res: Result) -> Result:  # corrupts one brief before it is flattened for the store
        if res.brief is not None and res.record.get("source", "").endswith("harbour.txt"):
            q = Quote(id="q1", kind="direct", text="x", span=Span(start=0, end=1))
            res.brief.quotes[:] = [q, q]
        return real_to_rows(res)

    monkeypatch.setattr(ingest_mod, "_to_rows", bad_rows)
    summary = ingest([corpus_dir], tmp_path / "bad.db")
    assert summary.ingested == N_ARTICLES - 1 and summary.failed == N_FAILED + 1
    assert any("cannot store the brief" in reason for _, reason in summary.failures)
