// The corpus pages (byline serve --db): search and browse stored articles,
// a speaker's quotes across articles, and a stored article's brief.
"use strict";

(function () {
  const h = (...args) => window.Byline.h(...args);

  function setStatus(text) {
    const el = document.getElementById("status");
    if (el) el.textContent = text;
  }

  async function getJson(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(await window.Byline.errorMessage(res));
    return res.json();
  }

  function rowsOf(data, key) {
    if (Array.isArray(data)) return data;
    if (data && Array.isArray(data[key])) return data[key];
    if (data && Array.isArray(data.items)) return data.items;
    if (data && Array.isArray(data.results)) return data.results;
    return [];
  }

  function articleLink(id, label) {
    return h("a", { href: "/article/" + encodeURIComponent(id), text: label });
  }

  function articleItem(row) {
    const id = row.article_id || row.id;
    const title = row.title || row.source || id;
    const bits = [];
    if (row.published) bits.push(row.published);
    for (const [k, label] of [["n_quotes", "quote"], ["n_claims", "claim"], ["n_flags", "flag"]]) {
      if (typeof row[k] === "number") bits.push(row[k] + " " + label + (row[k] === 1 ? "" : "s"));
    }
    return h("li", { "data-article-id": id }, articleLink(id, title),
      bits.length ? h("span", { class: "muted", text: " · " + bits.join(" · ") }) : null,
      row.snippet ? h("p", { class: "snippet", text: row.snippet }) : null);
  }

  async function corpusPage() {
    const results = document.getElementById("results");
    const title = document.getElementById("list-title");
    const params = new URLSearchParams(location.search);
    const q = params.get("q") || "";
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const limit = 50;
    document.getElementById("q").value = q;
    try {
      const data = q ? await getJson("/api/search?q=" + encodeURIComponent(q) + "&limit=" + limit)
        : await getJson("/api/articles?limit=" + limit + "&offset=" + offset);
      const rows = rowsOf(data, "articles");
      title.textContent = q ? "Results for “" + q + "”" : "Articles";
      results.replaceChildren(...rows.map(articleItem));
      if (!rows.length) results.append(h("li", { class: "none", text: q ? "No matches." : "The corpus is empty." }));
      const prev = document.getElementById("prev");
      const next = document.getElementById("next");
      prev.hidden = !!q || offset === 0;
      next.hidden = !!q || rows.length < limit;
      prev.addEventListener("click", () => { location.search = "?offset=" + Math.max(0, offset - limit); });
      next.addEventListener("click", () => { location.search = "?offset=" + (offset + limit); });
    } catch (e) {
      setStatus(e.message);
    }
    try {
      const speakers = rowsOf(await getJson("/api/speakers?limit=100"), "speakers");
      const list = document.getElementById("speakers");
      list.replaceChildren(...speakers.map((s) => {
        const name = typeof s === "string" ? s : s.speaker || s.name || "";
        const count = typeof s === "object" ? s.quotes ?? s.n_quotes ?? s.count : null;
        return h("li", null, h("a", { href: "/speaker?name=" + encodeURIComponent(name), text: name }),
          count !== null && count !== undefined ? h("span", { class: "count", text: count }) : null);
      }));
    } catch (e) {
      setStatus(e.message);
    }
  }

  async function speakerPage() {
    const name = new URLSearchParams(location.search).get("name") || "";
    document.getElementById("speaker-name").textContent = name || "Speaker";
    document.title = "Byline — " + name;
    const list = document.getElementById("speaker-quotes");
    try {
      const quotes = rowsOf(await getJson("/api/quotes?speaker=" + encodeURIComponent(name)), "quotes");
      setStatus(quotes.length + " quote" + (quotes.length === 1 ? "" : "s"));
      list.replaceChildren(...quotes.map((q) => {
        const aid = q.article_id;
        const cue = q.cue_text || (q.cue && q.cue.text);
        const bits = [q.kind || ""];
        if (cue) bits.push(cue);
        if (q.speaker_as_written && q.speaker_as_written !== name) bits.push("as “" + q.speaker_as_written + "”");
        if (q.published) bits.push(q.published);
        return h("li", { "data-quote-id": q.quote_id || q.id || "" },
          h("blockquote", { text: q.text }),
          h("p", { class: "muted" }, bits.join(" · ") + " · ",
            aid ? articleLink(aid, q.title || aid) : null));
      }));
    } catch (e) {
      setStatus(e.message);
    }
  }

  async function articlePage() {
    const id = decodeURIComponent(location.pathname.replace(/^\/article\//, ""));
    const out = document.getElementById("brief");
    try {
      const brief = await getJson("/api/articles/" + encodeURIComponent(id));
      window.Byline.renderBrief(out, brief);
      document.title = "Byline — " + (brief.article.title || id);
    } catch (e) {
      out.dataset.state = "error";
      setStatus(e.message);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    if (page === "corpus") corpusPage();
    else if (page === "speaker") speakerPage();
    else if (page === "article") articlePage();
  });
})();
