"""The Spark job's pieces that need no Spark: expanding inputs, reading on a
worker, and turning records into typed table rows with errors kept as rows."""

from __future__ import annotations

import gzip

import pytest
from spark_fixtures import ARTICLES, corpus, ordered_inputs

from byline import errors, tables
from byline.spark import inputs, worker


def test_listing_expands_relative_to_its_folder_in_order(tmp_path):
    files = corpus(tmp_path)
    found = inputs.expand([str(files["listing"])])
    assert found.local == ordered_inputs(files)
    assert found.remote == []


def test_gzipped_listing_uris_and_folders(tmp_path):
    files = corpus(tmp_path / "c")
    files["listing"].unlink()
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"s3a://bucket/crawl-data/a.warc.gz\n/abs/b.jsonl\n"))
    found = inputs.expand([str(listing), f"file://{tmp_path / 'c'}", "hdfs://nn/x.jsonl"])
    assert found.remote == ["s3a://bucket/crawl-data/a.warc.gz", "hdfs://nn/x.jsonl"]
    # the folder is walked like `byline ingest` walks it: every readable file, sorted
    assert found.local[0] == "/abs/b.jsonl"
    assert found.local[1:] == [str(files["warc"]), str(files["jsonl"])]


def test_cli_checks_arguments_before_starting_spark(tmp_path, capsys):
    from byline.cli import main

    for args, exit_code, msg in (
        ([str(tmp_path / "nowhere.paths")], 3, "no such file"),
        ([str(tmp_path), "--skip", "nonsense"], 2, "unknown stage"),
        ([str(tmp_path), "--conf", "novalue"], 2, "KEY=VALUE"),
    ):
        code = main(["spark", *args, "--output", str(tmp_path / "out")])
        err = capsys.readouterr().err
        assert code == exit_code and msg in err, err
        assert err.count("\n") == 1  # one line, no traceback


def test_unreadable_listing_is_a_clear_error(tmp_path):
    with pytest.raises(errors.InputError, match="no such file"):
        inputs.expand([str(tmp_path / "nowhere.paths")])
    bad = tmp_path / "bad.paths.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(errors.InputError, match="gzip"):
        inputs.expand([str(bad)])


def test_reading_never_raises(tmp_path):
    files = corpus(tmp_path)
    recs = list(inputs.read_local(str(files["jsonl"])))
    assert [r.get("id") for r in recs if "error" not in r] == ["a1", "a2", "a3", "a1-again"]
    assert [r["source"] for r in recs if "error" in r] == [f"{files['jsonl']}:2", f"{files['jsonl']}:5"]
    (missing,) = inputs.read_local(str(files["missing"]))
    assert missing == {"error": f"{files['missing']}: no such file", "source": str(files["missing"])}
    (unsupported,) = inputs.read_local(str(files["unsupported"]))
    assert "unsupported file type" in unsupported["error"]
    warc = list(inputs.read_local(str(files["warc"])))
    assert len(warc) == 1 and "storm hit the coast" in warc[0]["text"]
    remote = list(inputs.read_remote("hdfs://nn/news.jsonl", files["jsonl"].read_bytes()))
    assert [r.get("id") for r in remote if "error" not in r] == ["a1", "a2", "a3", "a1-again"]
    (bad,) = inputs.read_remote("hdfs://nn/x.warc.gz", b"garbage")
    assert bad["error"].startswith("hdfs://nn/x.warc.gz")


def test_rows_are_typed_and_in_column_order():
    row = {"article_id": "x", "id": "n1", "text": "5", "value": 5, "start": 3.0, "end": 4, "unit": None}
    t = worker.as_tuple("quantities", row)
    cols = tables.COLUMNS["quantities"]
    assert len(t) == len(cols)
    got = dict(zip(cols, t, strict=True))
    assert got["value"] == 5.0 and isinstance(got["value"], float)
    assert got["start"] == 3 and isinstance(got["start"], int)
    assert got["unit"] is None and got["r_start"] is None


def test_analyze_records_matches_the_local_rows_and_keeps_errors():
    import byline

    recs = [{**a, "source": f"s{i}"} for i, a in enumerate(ARTICLES)]
    recs.insert(1, {"error": "s:2: invalid JSON: bad", "source": "s:2"})
    items = list(worker.analyze_records(recs, batch_size=2))
    errs = [row for table, row in items if table == "errors"]
    assert errs == [("s:2", None, "s:2: invalid JSON: bad")]
    for i, a in enumerate(ARTICLES):
        brief = byline.analyze(a["text"], published=a.get("published"), title=a.get("title"))
        want = {t: [worker.as_tuple(t, r) for r in rows] for t, rows in tables.rows(brief, f"s{i}").items()}
        aid = brief.article.id
        for t in tables.TABLES:
            key = "id" if t == "articles" else "article_id"
            idx = tables.COLUMNS[t].index(key)
            got = [row for table, row in items if table == t and row[idx] == aid]
            assert got == want[t], t


def test_a_failing_record_is_an_error_row(monkeypatch):
    from byline import pipeline

    def boom(self, records):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline.Pipeline, "analyze_batch", boom)
    items = list(worker.analyze_records([{"text": "Some text.", "source": "s1"}]))
    assert [t for t, _ in items] == ["errors"]
    source, aid, reason = items[0][1]
    assert source == "s1" and aid == pipeline.article_id("Some text.") and "stage exploded" in reason


@pytest.mark.parametrize(("banner", "ok"), [
    ('openjdk version "17.0.15" 2025-04-15', True),
    ('openjdk version "21" 2023-09-19', True),
    ('openjdk version "11.0.2" 2019-01-15', False),
    ('java version "1.8.0_401"', False),
])
def test_java_version_check(tmp_path, monkeypatch, banner, ok):
    from byline.spark.job import java_problem

    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text(f"#!/bin/sh\necho '{banner}' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    problem = java_problem()
    assert (problem is None) == ok, problem
    if not ok:
        assert "Java 17" in problem and "openjdk-17-jre-headless" in problem
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nowhere"))
    assert "none was found" in java_problem()
