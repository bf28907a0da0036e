"""Readers: encodings, HTML, JSON, JSONL."""

from __future__ import annotations

import json

import pytest

from byline import errors, readers


def test_utf16_with_bom_is_text():
    data = "“Hello,” she said.".encode("utf-16")
    assert readers.decode(data) == "“Hello,” she said."


def test_utf8_bom_is_dropped():
    assert readers.decode(b"\xef\xbb\xbfabc") == "abc"


def test_windows_1252_curly_quotes():
    data = "\u201cWe agree,\u201d the minister said \u2014 twice.".encode("cp1252") * 4
    text = readers.decode(data)
    assert "\u201cWe agree,\u201d" in text


def test_binary_is_refused():
    with pytest.raises(errors.InputError, match="binary"):
        readers.decode(b"\x00\x01\x02\x03" * 100)


def test_jsonl_bad_lines_become_error_records(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "one", "id": "1"}\n{oops\n\n{"title": "no text"}\n{"text": "two"}\n')
    recs = list(readers.read_path(f))
    assert [r.get("text") for r in recs] == ["one", None, None, "two"]
    assert "invalid JSON" in recs[1]["error"] and recs[1]["source"].endswith(":2")
    assert recs[0]["id"] == "1"


def test_json_array_of_records(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"text": "a"}, {"text": "b", "published": "2020-02-02"}]))
    recs = list(readers.read_path(f))
    assert [r["text"] for r in recs] == ["a", "b"]
    assert recs[1]["published_source"] == "given"


def test_html_bomb_is_refused():
    html = "<div>" * 5000 + "text" + "</div>" * 5000
    with pytest.raises(errors.LimitError, match="nested deeper"):
        readers.from_html(html)


def test_malicious_html_keeps_text_drops_script():
    html = (
        "<html><body><article><h1>Budget passes</h1><p onclick=\"alert(1)\">The council approved the budget "
        "after a long debate about roads, schools and parks in the city.</p><script>steal()</script>"
        "<a href=\"javascript:alert(2)\">link</a><p>Residents said they were pleased with the result.</p>"
        "</article></body></html>"
    )
    rec = readers.from_html(html)
    assert "council approved" in rec["text"]
    assert "steal()" not in rec["text"] and "alert" not in rec["text"]


def test_crlf_newlines_are_normalised(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"line one\r\nline two\rline three")
    assert readers.read_one(f)["text"] == "line one\nline two\nline three"


def test_iter_files_recurses_and_filters(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.html", "sub/c.jsonl", "d.png", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in readers.iter_files(tmp_path)]
    assert names == ["a.txt", "sub/b.html", "sub/c.jsonl"]


def test_plain_text_headline_becomes_the_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n")
    rec = readers.read_one(f)
    assert rec["title"] == "Ad sales boost Time Warner profit"
    assert rec["text"].startswith("Ad sales boost")  # the text stays as given
    g = tmp_path / "b.txt"
    g.write_text("The council met on Tuesday.\nIt approved the budget.\n")
    assert "title" not in readers.read_one(g)
