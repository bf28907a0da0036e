"""The HTTP API in-process (FastAPI's TestClient): Brief JSON answers, errors as
JSON with a message, the size and time limits, security headers, corpus routes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webdata import REPO, made_brief

from byline.cli import main
from byline.render import markdown
from byline.web import create_app

#: The web fixtures (a module, not a conftest.py: see its docstring).
pytest_plugins = ["webfixtures"]

EXAMPLE = REPO / "examples" / "border-talks.txt"
PUBLISHED = "2025-06-14"
WEB = REPO / "src" / "byline" / "web"


@pytest.fixture(scope="module")
def client() -> TestClient:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_client(corpus_db: Path) -> TestClient:
    with TestClient(create_app(db=corpus_db), raise_server_exceptions=False) as c:
        yield c


def error_of(res) -> str:  # type: ignore[no-untyped-def]
    body = res.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == res.status_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]["message"]


def test_analyze_answers_the_same_brief_as_the_cli(client: TestClient, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    assert main(["analyze", str(EXAMPLE), "--published", PUBLISHED, "--format", "json", "-o", str(out)]) == 0
    cli = json.loads(out.read_text(encoding="utf-8"))
    res = client.post("/api/analyze", json={"text": EXAMPLE.read_text(encoding="utf-8"), "published": PUBLISHED})
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/json")
    assert res.json() == cli


def test_analyze_html_extracts_the_main_text(client: TestClient) -> None:
    html = ("<html><head><title>Harbor news</title><script>var secret = 'do not keep';</script></head><body>"
            "<article><h1>River talks</h1><p>Governor Amara Okafor said on Friday that the river is "
            "“not for sale” and that talks with the federal government would go on next week.</p>"
            "<p>The transport department did not comment on the proposal.</p></article></body></html>")
    res = client.post("/api/analyze", json={"html": html, "published": PUBLISHED})
    assert res.status_code == 200, res.text
    article = res.json()["article"]
    assert "Okafor" in article["text"]
    assert "do not keep" not in article["text"]
    assert article["published"] == PUBLISHED and article["published_source"] == "given"


@pytest.mark.parametrize(("body", "status", "words"), [
    ({}, 422, "text"),
    ({"text": "   "}, 422, "text"),
    ({"text": "a", "html": "<p>b</p>"}, 422, "exactly one"),
    ({"text": "a\x00b"}, 422, "binary"),
    ({"text": "Hello.", "published": "next Tuesday"}, 400, "date"),
    ({"text": "Hello.", "colour": "red"}, 422, "colour"),
    ({"text": 42}, 422, "text"),
])
def test_bad_requests_are_json_errors(client: TestClient, body: dict, status: int, words: str) -> None:
    res = client.post("/api/analyze", json=body)
    assert res.status_code == status
    assert words in error_of(res)


def test_invalid_json_body(client: TestClient) -> None:
    res = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert res.status_code == 422
    assert "not valid JSON" in error_of(res)


def test_odd_unicode_is_analysed(client: TestClient) -> None:
    text = "Ana said: “We\u200b will win 🌊.” \ud800 The end."  # zero-width space, emoji, a lone surrogate
    body = json.dumps({"text": text}).encode("ascii")  # the lone surrogate travels as \ud800
    res = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert res.status_code == 200
    got = res.json()["article"]["text"]
    assert len(got) == len(text) and "\ufffd" in got and "🌊" in got


def test_body_over_the_size_limit_is_413() -> None:
    with TestClient(create_app(max_bytes=1000)) as c:
        res = c.post("/api/analyze", json={"text": "word " * 400})
        assert res.status_code == 413
        assert "1,000-byte limit" in error_of(res)

        def chunks():  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(10):
                yield b"word " * 50
            yield b'"}'

        res = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert res.status_code == 413
        assert "limit" in error_of(res)
        small = c.post("/api/analyze", json={"text": "The mayor spoke."})
        assert small.status_code == 200


def test_analysis_over_the_time_limit_is_504() -> None:
    # A limit far below what any analysis takes: the answer must be 504, not a wait.
    with TestClient(create_app(timeout=1e-6)) as c:
        res = c.post("/api/analyze", json={"text": EXAMPLE.read_text(encoding="utf-8")})
        assert res.status_code == 504
        assert "time limit" in error_of(res)


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    res = client.get("/api/nothing-here")
    assert res.status_code == 404
    assert "/api/nothing-here" in error_of(res)


@pytest.mark.parametrize("path", ["/api/articles", "/api/articles/abc", "/api/quotes", "/api/search?q=x",
                                  "/api/speakers", "/corpus"])
def test_corpus_routes_without_a_corpus(client: TestClient, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404
    assert "--db" in error_of(res)


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/info", "/static/brief.js"):
        res = client.get(path)
        assert res.status_code == 200
        csp = res.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert res.headers["x-content-type-options"] == "nosniff"
    assert client.post("/api/analyze", json={}).headers["content-security-policy"]


def test_pages_load_nothing_from_elsewhere() -> None:
    """No external resources and no inline script or style: the page works offline under the CSP."""
    for path in sorted((WEB / "templates").glob("*.html")) + sorted((WEB / "static").glob("*")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path.name
        assert "@import" not in text and "url(http" not in text, path.name
        if path.suffix == ".html":
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path.name}"
            assert not re.search(r"\son[a-z]+\s*=", text), f"event-handler attribute in {path.name}"
            assert "style=" not in text and "<style" not in text, f"inline style in {path.name}"
        if path.suffix == ".js":
            assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text


def test_docs_are_served_locally(client: TestClient) -> None:
    res = client.get("/docs")
    assert res.status_code == 200
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', res.text):
        assert client.get(asset).status_code == 200, asset
    spec = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/search",
                 "/api/speakers"):
        assert path in spec["paths"]


def test_markdown_renders_the_brief_given(client: TestClient) -> None:
    brief = made_brief()
    res = client.post("/api/markdown", json=brief.to_dict())
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/markdown")
    assert res.text == markdown(brief)
    assert client.post("/api/markdown", json={"article": {}}).status_code == 422


def test_corpus_endpoints(corpus_client: TestClient) -> None:
    brief = made_brief()
    aid = brief.article.id
    listed = corpus_client.get("/api/articles").json()
    assert [a["id"] for a in listed] == [aid]
    stored = corpus_client.get(f"/api/articles/{aid}")
    assert stored.status_code == 200 and stored.json() == brief.to_dict()
    md = corpus_client.get(f"/api/articles/{aid}", params={"format": "markdown"})
    assert md.status_code == 200 and md.text == markdown(brief)
    assert [r["id"] for r in corpus_client.get("/api/search", params={"q": "river"}).json()] == [aid]
    assert corpus_client.get("/api/search", params={"q": "zeppelin"}).json() == []
    quotes = corpus_client.get("/api/quotes", params={"speaker": "Ana Diaz"}).json()
    assert [q["quote_id"] for q in quotes] == ["q1"]
    speakers = {s["speaker"] for s in corpus_client.get("/api/speakers").json()}
    assert {"Ana Diaz", "Whitcombe"} <= speakers
    missing = corpus_client.get("/api/articles/sha256:0000000000000000")
    assert missing.status_code == 404 and "no article" in error_of(missing)
    for page in ("/corpus", "/speaker?name=Ana%20Diaz", f"/article/{aid}"):
        res = corpus_client.get(page)
        assert res.status_code == 200 and 'data-corpus="1"' in res.text


def test_serve_refuses_a_missing_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such corpus" in capsys.readouterr().err


def test_serve_binds_loopback_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--host" in out and "127.0.0.1" in out and "--max-bytes" in out and "--timeout" in out
