"""`byline analyze` and friends, including every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from byline.cli import main
from byline.model import json_schema
from testpaths import EXAMPLE, EXAMPLE_PUBLISHED, REPO


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_validates_against_the_schema(capsys):
    code, out, err = run(capsys, "analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, json_schema())
    assert data["article"]["published"] == EXAMPLE_PUBLISHED
    assert data["article"]["published_source"] == "given"
    assert data["article"]["text"] == EXAMPLE.read_text(encoding="utf-8")


def test_analyze_shared_example_validates(capsys, shared_example):
    code, out, err = run(capsys, "analyze", str(shared_example), "--published", "2025-05-03", "-f", "json")
    assert code == 0, err
    jsonschema.validate(json.loads(out), json_schema())


def test_markdown_brief_has_a_headline(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("# ") and "Okafor" in first
    assert "Published 2025-06-14" in out


def test_jsonl_and_text_formats(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "-f", "jsonl")
    assert code == 0 and len(out.strip().splitlines()) == 1
    json.loads(out)
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "-f", "text")
    assert code == 0 and "published: unknown" in out


def test_output_file(capsys, tmp_path):
    target = tmp_path / "brief.json"
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["schema_version"]


def test_stdin(monkeypatch, capsys):
    import io

    data = "“We will build it,” Mayor Jane Doe said on Monday.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "analyze", "-", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["article"]["text"].startswith("“We will")


def test_skip_stages_is_recorded(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "-f", "json", "--skip", "quotes,claims")
    assert code == 0
    meta = json.loads(out)["meta"]
    assert "quotes" in meta["skipped"] and "claims" in meta["skipped"]
    assert "quotes" not in meta["stages"]
    assert json.loads(out)["quotes"] == []


def test_html_input_takes_title_and_date(capsys, tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Site</title><meta property='article:published_time' content='2024-03-05T09:30:00+01:00'>"
        "</head><body><article><h1>Council votes on budget</h1>"
        "<p>The city council approved the budget on Tuesday after a long debate about roads and schools.</p>"
        "<p>“This is a good day,” Mayor Ann Lee said after the vote, which passed seven to two.</p>"
        "<script>alert('x')</script></article></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "analyze", str(page), "-f", "json")
    assert code == 0, err
    art = json.loads(out)["article"]
    assert art["title"] == "Council votes on budget"
    assert art["published"].startswith("2024-03-05")
    assert art["published_source"] == "metadata"
    assert "alert" not in art["text"]


def test_json_record_input(capsys, tmp_path):
    rec = tmp_path / "a.json"
    rec.write_text(json.dumps({"id": "x1", "title": "T", "published": "2020-01-02", "text": "Bob said hi."}))
    code, out, _ = run(capsys, "analyze", str(rec), "-f", "json")
    assert code == 0
    art = json.loads(out)["article"]
    assert (art["title"], art["published"]) == ("T", "2020-01-02")


def test_invalid_utf8_is_decoded_not_rejected(capsys, tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Le ministre a déclaré que la réforme était « nécessaire ». Olé.\n".encode("latin-1") * 3)
    code, out, err = run(capsys, "analyze", str(f), "-f", "json")
    assert code == 0, err
    assert "déclaré" in json.loads(out)["article"]["text"]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "no text to analyse"),
        ("blank.txt", b"   \n\n  \t\n", "no text to analyse"),
        ("binary.txt", bytes(range(256)) * 64, "binary"),
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary"),
        ("bad.json", b"{not json", "invalid JSON"),
        ("notext.json", b'{"title": "x"}', "'text'"),
        ("page.html", b"<html><body><script>1</script></body></html>", "no text"),
        ("file.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_input_is_one_clear_line(capsys, tmp_path, name, content, fragment):
    f = tmp_path / name
    f.write_bytes(content)
    code, out, err = run(capsys, "analyze", str(f))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_directory_and_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "analyze", str(tmp_path))
    assert code == 3 and "is a directory" in err
    code, _, err = run(capsys, "analyze", str(tmp_path / "nope.txt"))
    assert code == 3 and "no such file" in err


def test_fifty_megabyte_file_is_refused_cleanly(capsys, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"All work and no play makes Jack a dull boy. " * (50 * 1024 * 1024 // 44 + 1))
    code, out, err = run(capsys, "analyze", str(big))
    assert code == 3 and out == ""
    assert "limit" in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "analyze", str(EXAMPLE), "--published", "last tuesday")
    assert code == 2 and "invalid date" in err
    code, _, err = run(capsys, "analyze", str(EXAMPLE), "--skip", "nonsense")
    assert code == 2 and "unknown stage" in err
    code, _, _ = run(capsys, "analyze")
    assert code == 2


def test_schema_command(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Byline Brief"


def test_console_script_exit_code_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    exe = Path(sys.executable).with_name("byline")
    proc = subprocess.run([str(exe), "analyze", str(empty)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 3
    assert proc.stderr.startswith("byline: error:") and "Traceback" not in proc.stderr


def test_time_budget_is_a_clear_error(capsys):
    code, out, err = run(capsys, "analyze", str(EXAMPLE), "--time-budget", "0.000001")
    assert code == 3 and out == ""
    assert "time budget" in err and err.count("\n") == 1
