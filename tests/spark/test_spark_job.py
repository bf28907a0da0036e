"""The Spark job on ``local[2]``: its Parquet tables equal, row for row, what
``byline ingest`` + ``byline export --format parquet`` give for the same inputs.

One Spark session for the module (about half a minute to start on a busy
2-core machine) and one job over the tiny fixture corpus, shared by the tests.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from spark_fixtures import ARTICLES, corpus, ordered_inputs

from byline import errors, tables
from byline.cli import main

pytestmark = [pytest.mark.spark, pytest.mark.slow]

pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'byline[spark]')")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def spark():
    from byline.spark.job import java_problem, session

    problem = java_problem()
    if problem:
        pytest.skip(problem)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    # local[2]: two cores; ",3": a task may be tried three times, as a cluster retries it (a busy
    # shared machine can lose a Python worker; a deterministic failure still fails every try)
    s = session("local[2,3]", app_name="byline-tests", conf={
        "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "512m",
    })
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def job(spark, data, tmp_path_factory):
    from byline.spark import run_job

    out = tmp_path_factory.mktemp("spark") / "out"
    return run_job(spark, [str(data["listing"])], str(out), partitions=3)


def read_table(path) -> list[tuple]:
    """A table's rows as sorted tuples (column order checked separately)."""
    t = pq.read_table(path)
    rows = [tuple(r[c] for c in t.column_names) for r in t.to_pylist()]
    return sorted(rows, key=repr)


def test_job_writes_every_table_with_the_shared_columns(job):
    assert job.files == 4 and job.partitions == 3
    for table in tables.TABLES:
        schema = pq.read_table(os.path.join(job.output, table)).schema
        assert tuple(schema.names) == tables.COLUMNS[table]
        for name in schema.names:
            want = {int: "int64", float: "double", str: "string"}[tables.column_type(name, table)]
            assert str(schema.field(name).type) == want, (table, name)


def test_articles_and_errors(job, data):
    # 3 distinct JSONL texts (the repeat is dropped) + 1 WARC page; the PNG record is not HTML
    assert job.counts["articles"] == 4
    arts = pq.read_table(os.path.join(job.output, "articles")).to_pylist()
    by_source = {a["source"]: a for a in arts}
    jsonl = str(data["jsonl"])
    assert set(by_source) == {f"{jsonl}:1", f"{jsonl}:3", f"{jsonl}:4",
                              f"{data['warc']}#http://example.com/storm"}
    assert by_source[f"{jsonl}:1"]["title"] == ARTICLES[0]["title"]
    assert by_source[f"{jsonl}:1"]["published"] == "2024-03-05"
    errs = {e["source"]: e["reason"] for e in pq.read_table(os.path.join(job.output, "errors")).to_pylist()}
    assert errs.keys() == {f"{jsonl}:2", f"{jsonl}:5", str(data["missing"]), str(data["unsupported"])}
    assert "invalid JSON" in errs[f"{jsonl}:2"]
    assert errs[str(data["missing"])].endswith("no such file")
    assert sum(s["records"] for s in job.stats) == 4 and len(job.stats) == 3


def test_equals_ingest_and_export_row_for_row(job, data, tmp_path, capsys):
    db = tmp_path / "corpus.db"
    code = main(["ingest", *ordered_inputs(data), "--db", str(db), "--jobs", "1", "--quiet"])
    assert code in (0, 1), capsys.readouterr().err  # 1: some documents failed (they are in `errors`)
    code = main(["export", str(tmp_path / "export"), "--db", str(db), "--format", "parquet"])
    assert code == 0, capsys.readouterr().err
    for table in tables.TABLES:
        local = read_table(tmp_path / "export" / f"{table}.parquet")
        spark_rows = read_table(os.path.join(job.output, table))
        assert spark_rows == local, table
    assert job.counts == {t: len(read_table(tmp_path / "export" / f"{t}.parquet")) for t in tables.TABLES}


def test_existing_output_is_refused_without_overwrite(spark, job, data):
    from byline.spark import run_job

    with pytest.raises(errors.UsageError, match="--overwrite"):
        run_job(spark, [str(data["jsonl"])], job.output)


def test_cli_verb_reuses_the_session_and_overwrites(spark, data, tmp_path, capsys):
    out = tmp_path / "cli"
    out.mkdir()
    shutil.copytree(data["jsonl"].parent, tmp_path / "in")
    code = main(["spark", str(tmp_path / "in" / "news.jsonl"), "--output", str(out), "--partitions", "2",
                 "--skip", "claims", "--overwrite"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "articles 3" in err and "errors 2" in err
    arts = pq.read_table(out / "articles").to_pylist()
    assert all('"claims"' in a["brief"] for a in arts)
    assert pq.read_table(out / "claims").num_rows == 0
    assert spark.sparkContext._jsc is not None  # the caller's session was left running
