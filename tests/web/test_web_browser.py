"""The page end to end in headless Chromium (Playwright driving Debian's
/usr/bin/chromium): analyse the bundled example and check the page shows exactly
what the Brief JSON holds; a stored brief with nested and unattributed quotes;
the original/repaired toggle; downloads; the corpus pages; the XSS probe.
Screenshots go to test-output/web/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from webdata import REPAIRED, REPO, TEXT, XSS, hostile_brief, made_brief

from byline.render import markdown

#: The web fixtures (a module, not a conftest.py: see its docstring).
pytest_plugins = ["webfixtures"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "examples" / "border-talks.txt"
PUBLISHED = "2025-06-14"
READY = "#brief[data-state=ready]"

#: Per quote mark in the article text: id, speaker shown, kind, text, class, parent quote mark.
MARKS_JS = """() => Array.from(document.querySelectorAll('#article-text mark.quote')).map(m => ({
  id: m.dataset.quoteId, speaker: m.dataset.speaker, kind: m.dataset.kind, text: m.textContent,
  cls: m.className, parent: m.parentElement.closest('mark.quote')?.dataset.quoteId ?? null}))"""


def analyse_in_page(page: Any, url: str, text: str, published: str | None = None) -> None:
    page.goto(url + "/")
    page.fill("#text", text)
    if published:
        page.fill("#published", published)
    page.click("#analyze-btn")
    page.wait_for_selector(READY, timeout=120_000)


def check_page_matches_brief(page: Any, brief: dict[str, Any]) -> list[dict[str, Any]]:
    """What the page shows equals what the brief holds; returns the quote marks."""
    assert page.evaluate("() => window.bylineBrief") == brief
    text = brief["article"]["text"]
    assert page.evaluate("() => document.getElementById('article-text').textContent") == text
    marks = page.evaluate(MARKS_JS)
    shown_ids = {m["id"] for m in marks}
    quotes = {q["id"]: q for q in brief["quotes"]}
    assert len(shown_ids) == len(brief["quotes"])
    assert shown_ids == set(quotes)
    for m in marks:
        q = quotes[m["id"]]
        assert m["speaker"] == (q["speaker"]["name"] if q["speaker"] else "unattributed")
        assert m["kind"] == q["kind"]
    legend = page.eval_on_selector_all("#speaker-legend li[data-speaker]", "els => els.map(e => e.dataset.speaker)")
    assert sorted(legend) == sorted({q["speaker"]["name"] if q["speaker"] else "" for q in brief["quotes"]})
    assert page.locator("#entities-panel tr[data-entity-id]").count() == len(brief["entities"])
    assert page.locator("#flags-panel li.flag").count() == len(brief["flags"])
    assert page.locator("#timeline li.event").count() == len(brief["events"])
    assert page.locator("#claims-panel li[data-claim-id]").count() == len(brief["claims"])
    claims = {c["id"] for c in brief["claims"]}
    assert {c for c in page.eval_on_selector_all("#article-text .claim", "els => els.map(e => e.dataset.claimId)")} \
        == claims
    return marks  # type: ignore[no-any-return]


def test_analyse_the_example(page: Any, live_server: Any, output_dir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    api = httpx.post(live_server.url + "/api/analyze", json={"text": text, "published": PUBLISHED},
                     timeout=120).json()
    analyse_in_page(page, live_server.url, text, PUBLISHED)
    marks = check_page_matches_brief(page, api)
    assert page.text_content("#brief-meta").startswith(f"Published {PUBLISHED}")
    if marks:  # click a quote and read its speaker
        first = page.locator("#article-text mark.quote").first
        qid = first.get_attribute("data-quote-id")
        first.dispatch_event("click")
        q = next(q for q in api["quotes"] if q["id"] == qid)
        assert page.text_content("#detail [data-field=speaker]") == (q["speaker"]["name"] if q["speaker"]
                                                                      else "unattributed")
    if api["entities"]:  # an entity row outlines its mentions in the text
        row = page.locator("#entities-panel tr[data-entity-id]").first
        eid = row.get_attribute("data-entity-id")
        row.click()
        ent = next(e for e in api["entities"] if e["id"] == eid)
        shown = page.eval_on_selector_all(f"#article-text .mention[data-entity-id='{eid}']",
                                          "els => new Set(els.map(e => e.dataset.mention)).size")
        assert shown == len(ent["mentions"])
    page.click("#view-repaired")
    assert page.evaluate("() => document.getElementById('article-text').textContent") == api["article"]["repaired_text"]
    assert {m["id"] for m in page.evaluate(MARKS_JS)} == {q["id"] for q in api["quotes"]}
    page.click("#view-original")
    with page.expect_download() as dl:
        page.click("#download-json")
    assert json.loads(Path(dl.value.path()).read_text(encoding="utf-8")) == api
    page.screenshot(path=str(output_dir / "example.png"), full_page=True)
    assert page.errors == []


def test_stored_article_with_nested_quotes(page: Any, live_server: Any, output_dir: Path) -> None:
    brief = made_brief()
    data = brief.to_dict()
    page.goto(f"{live_server.url}/article/{brief.article.id}")
    page.wait_for_selector(READY)
    marks = check_page_matches_brief(page, data)
    by_id = {m["id"]: m for m in marks}
    assert len(marks) == 3  # properly nested: no piece split
    for q in brief.quotes:  # code-point spans land on the right characters (an emoji comes first)
        assert by_id[q.id]["text"] == TEXT[q.span.start:q.span.end]
    assert by_id["q2"]["parent"] == "q1" and by_id["q1"]["parent"] is None
    colours = {i: next(c for c in m["cls"].split() if c.startswith("sp-")) for i, m in by_id.items()}
    assert colours["q1"] != colours["q2"] and colours["q3"] == "sp-none"
    assert page.text_content("#article-text .claim.src-vague") == brief.claims[0].text

    assert page.get_attribute("#article-text mark[data-quote-id=q2]", "title") == "Whitcombe — nested — “told”"
    page.click("#article-text mark[data-quote-id=q2]")  # click a quote and read its speaker
    assert page.text_content("#detail [data-field=speaker]") == "Whitcombe"
    assert page.text_content("#detail [data-field=kind]") == "nested"
    assert page.text_content("#detail [data-field=cue]") == "told"
    page.click("#article-text mark[data-quote-id=q3]")
    assert page.text_content("#detail [data-field=speaker]") == "unattributed"
    page.locator("#article-text mark[data-quote-id=q1]").dispatch_event("click")
    assert page.text_content("#detail [data-field=speaker]") == "Ana Diaz"

    page.click("#entities-panel tr[data-entity-id=e1]")
    outlined = page.eval_on_selector_all(".mention[data-entity-id=e1]", "els => els.map(e => e.textContent)")
    assert outlined == ["Ana Diaz"]
    page.click("#entities-panel tr[data-entity-id=e1]")  # again: off
    assert page.locator(".mention").count() == 0
    page.click("#view-repaired")  # highlights kept, on the repaired offsets
    assert page.evaluate("() => document.getElementById('article-text').textContent") == REPAIRED
    repaired = {m["id"]: m for m in page.evaluate(MARKS_JS)}
    for q in brief.quotes:
        rs = q.repaired_span or q.span
        assert repaired[q.id]["text"] == REPAIRED[rs.start:rs.end]
    assert repaired["q2"]["parent"] == "q1"
    page.screenshot(path=str(output_dir / "stored-article.png"), full_page=True)

    with page.expect_download() as dl:
        page.click("#download-md")
    assert Path(dl.value.path()).read_text(encoding="utf-8") == markdown(brief)
    assert page.errors == []


def test_corpus_pages(page: Any, live_server: Any) -> None:
    brief = made_brief()
    page.goto(live_server.url + "/corpus")
    page.wait_for_selector(f"#results li[data-article-id='{brief.article.id}']")
    assert page.text_content("#results a") == brief.article.title
    page.fill("#q", "river")
    page.click("#search-form button")
    page.wait_for_selector("#results li[data-article-id]")
    assert "river" in page.text_content("#list-title")
    page.goto(live_server.url + "/corpus")
    page.click("#speakers a:text-is('Ana Diaz')")
    page.wait_for_selector("#speaker-quotes li[data-quote-id=q1]")
    assert page.locator("#speaker-quotes li").count() == 1
    page.click("#speaker-quotes a")
    page.wait_for_selector(READY)
    assert page.url.endswith("/article/" + brief.article.id.replace(":", "%3A")) or brief.article.id in page.url
    assert page.errors == []


def no_markup_ran(page: Any, scope: str) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(f"{scope} script, {scope} img, {scope} svg, {scope} iframe").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]


def test_xss_probe_article(page: Any, live_server: Any, output_dir: Path) -> None:
    text = "Hostile page\n" + "\n".join(XSS) + "\nThe mayor said “we will not sell” on Monday.\n"
    analyse_in_page(page, live_server.url, text)
    no_markup_ran(page, "#brief")
    assert page.evaluate("() => document.getElementById('article-text').textContent") == text
    page.click("#article-text >> text=click me")
    no_markup_ran(page, "#brief")
    page.screenshot(path=str(output_dir / "xss-article.png"), full_page=True)
    assert page.errors == []


def test_xss_probe_html_upload(page: Any, live_server: Any, tmp_path: Path) -> None:
    html = ("<html><body><article><h1>Hostile</h1><p>The mayor said the river is “not for sale” and the "
            "council agreed on Monday after a long debate.</p>" + "".join(f"<p>{x}</p>" for x in XSS)
            + "<p>The vote was unanimous, officials said.</p></article></body></html>")
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    page.goto(live_server.url + "/")
    page.set_input_files("#file", str(path))
    page.wait_for_function("() => document.getElementById('as-html').checked")
    page.click("#analyze-btn")
    page.wait_for_selector(READY, timeout=120_000)
    no_markup_ran(page, "#brief")
    assert "not for sale" in page.text_content("#article-text")
    assert page.errors == []


def test_xss_probe_brief_fields(page: Any, live_server: Any, tmp_path: Path) -> None:
    brief = hostile_brief()
    path = tmp_path / "hostile-brief.json"
    path.write_text(brief.to_json(), encoding="utf-8")
    page.goto(live_server.url + "/")
    page.set_input_files("#file", str(path))
    page.wait_for_selector(READY)
    no_markup_ran(page, "body")
    assert page.text_content("#brief-title") == XSS[1]
    page.locator("#article-text mark.quote").first.dispatch_event("click")
    assert page.text_content("#detail [data-field=speaker]") == XSS[1]
    assert page.text_content("#detail [data-field=cue]") == XSS[2]
    assert XSS[0] in page.text_content("#flags-panel")
    no_markup_ran(page, "body")
    assert page.errors == []


def test_error_message_is_shown(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    page.fill("#text", "Some text.")
    page.fill("#title", "t")
    page.evaluate("() => { document.getElementById('published').type = 'text'; }")
    page.fill("#published", "not a date")
    page.click("#analyze-btn")
    page.wait_for_selector("#brief[data-state=error]", state="attached")
    assert "invalid date" in page.text_content("#status")
