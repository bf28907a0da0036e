// Renders a Byline brief (the Brief JSON answered by the API) in the page.
//
// Every piece of article text and every finding is inserted as a text node or
// through textContent / setAttribute on a fixed set of attributes: nothing
// from a brief is ever parsed as HTML, and only links this code builds itself
// (to this server's pages, or http(s) article URLs) are made clickable.
"use strict";

(function () {
  const PALETTE_SIZE = 10;

  // -- small DOM helpers -------------------------------------------------------
  function h(tag, attrs) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") el.textContent = String(value);
        else el.setAttribute(key, String(value));
      }
    }
    for (let i = 2; i < arguments.length; i++) {
      const child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function safeHttpUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function short(s, n) {
    s = String(s || "").replace(/\s+/g, " ").trim();
    return s.length <= n ? s : s.slice(0, n - 1).trimEnd() + "…";
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  // -- offsets: the brief counts code points, JavaScript strings UTF-16 units ---
  function codePointIndex(text) {
    // offs[i] = UTF-16 index of code point i; offs[n] = text.length.
    if (!/[\uD800-\uDFFF]/.test(text)) return null; // identity: no astral characters
    const offs = [];
    let u = 0;
    for (const ch of text) {
      offs.push(u);
      u += ch.length;
    }
    offs.push(u);
    return offs;
  }

  function toUnits(offs, cp, text) {
    const n = offs ? offs.length - 1 : text.length;
    const i = Math.max(0, Math.min(n, cp | 0));
    return offs ? offs[i] : i;
  }

  // -- speakers and colours ------------------------------------------------------
  function speakerKey(q) {
    if (!q.speaker) return "";
    return q.speaker.entity_id ? "e:" + q.speaker.entity_id : "n:" + q.speaker.name;
  }

  function speakerTable(brief) {
    // Speakers in order of first quote; each gets a palette slot.
    const map = new Map();
    for (const q of brief.quotes || []) {
      const key = speakerKey(q);
      if (!map.has(key)) {
        map.set(key, {
          key: key,
          name: q.speaker ? q.speaker.name : "",
          slot: null,
          count: 0,
        });
      }
      map.get(key).count += 1;
    }
    let slot = 0;
    for (const sp of map.values()) {
      if (sp.key !== "") sp.slot = slot++ % PALETTE_SIZE;
    }
    return map;
  }

  function speakerClass(sp) {
    return sp && sp.slot !== null ? "sp-" + sp.slot : "sp-none";
  }

  // -- the article text with nested highlights -----------------------------------
  function annotations(brief, view, speakers, offs, text, focusEntity) {
    const repaired = view === "repaired";
    const anns = [];
    const where = (f) => (repaired && f.repaired_span ? f.repaired_span : f.span);
    const focus = focusEntity && (brief.entities || []).find((e) => e.id === focusEntity);
    (focus ? focus.mentions || [] : []).forEach((m, i) => {
      const sp = where(m);
      if (!sp) return;
      anns.push({
        start: toUnits(offs, sp.start, text), end: toUnits(offs, sp.end, text), rank: 2, id: "m" + i,
        make: () => h("span", { class: "mention", "data-entity-id": focus.id, "data-mention": i, title: focus.name + " (" + m.kind + ")" }),
      });
    });
    for (const q of brief.quotes || []) {
      const sp = where(q);
      if (!sp) continue;
      const spk = speakers.get(speakerKey(q));
      const who = q.speaker ? q.speaker.name : "unattributed";
      anns.push({
        start: toUnits(offs, sp.start, text), end: toUnits(offs, sp.end, text), rank: 0, id: q.id,
        make: () => {
          const el = h("mark", {
            class: "quote " + speakerClass(spk) + (q.inside ? " nested" : "") + " kind-" + q.kind,
            "data-quote-id": q.id,
            "data-speaker": who,
            "data-kind": q.kind,
            title: who + " — " + q.kind + (q.cue ? " — “" + q.cue.text + "”" : ""),
            tabindex: "0",
          });
          return el;
        },
      });
    }
    for (const c of brief.claims || []) {
      const sp = where(c);
      if (!sp) continue;
      const quality = (c.source && c.source.quality) || "none";
      anns.push({
        start: toUnits(offs, sp.start, text), end: toUnits(offs, sp.end, text), rank: 1, id: c.id,
        make: () => h("span", {
          class: "claim src-" + quality, "data-claim-id": c.id, "data-quality": quality,
          title: "claim — source: " + quality + (c.source && c.source.name ? " (" + c.source.name + ")" : ""),
        }),
      });
    }
    return anns.filter((a) => a.end > a.start);
  }

  function markedText(text, anns) {
    // Cut the text at every annotation boundary; each piece is wrapped in the
    // annotations covering it, outermost first. Properly nested annotations
    // come out as nested elements; crossing ones are split into pieces that
    // share their data-*-id.
    // Paragraphs (rank -1) never overlap one another and are always outermost.
    let at = 0;
    for (const line of text.split("\n")) {
      const end = Math.min(text.length, at + line.length + 1);
      if (end > at) anns.push({ start: at, end: end, rank: -1, id: "", make: () => h("span", { class: "para" }) });
      at = end;
    }
    anns.sort((a, b) => (b.rank < 0) - (a.rank < 0) || a.start - b.start || b.end - a.end || a.rank - b.rank ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    anns.forEach((a, i) => { a.order = i; });
    const bounds = new Set([0, text.length]);
    for (const a of anns) { bounds.add(a.start); bounds.add(a.end); }
    const cuts = Array.from(bounds).sort((x, y) => x - y);
    const byStart = anns.slice().sort((x, y) => x.start - y.start);
    const root = document.createDocumentFragment();
    let stack = [];
    let active = [];
    let next = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const s = cuts[i];
      const e = cuts[i + 1];
      // Every boundary is a cut, so "covers [s, e)" is "starts at or before s, ends after s".
      active = active.filter((a) => a.end > s);
      while (next < byStart.length && byStart[next].start <= s) {
        if (byStart[next].end > s) active.push(byStart[next]);
        next++;
      }
      active.sort((x, y) => x.order - y.order);
      let k = 0;
      while (k < stack.length && k < active.length && stack[k].ann === active[k]) k++;
      stack = stack.slice(0, k);
      let parent = k ? stack[k - 1].el : root;
      for (let j = k; j < active.length; j++) {
        const el = active[j].make();
        parent.append(el);
        stack.push({ ann: active[j], el: el });
        parent = el;
      }
      parent.append(document.createTextNode(text.slice(s, e)));
    }
    return root;
  }

  // -- panels -------------------------------------------------------------------
  function section(id, title, ...children) {
    return h("section", { id: id, class: "panel side-panel" }, h("h2", { text: title }), ...children);
  }

  function legend(speakers, corpus) {
    const list = h("ul", { class: "speakers", id: "speaker-legend" });
    const sorted = Array.from(speakers.values()).sort((a, b) => b.count - a.count);
    for (const sp of sorted) {
      const name = sp.name || "Unattributed";
      const label = corpus && sp.name
        ? h("a", { href: "/speaker?name=" + encodeURIComponent(sp.name), text: name })
        : h("span", { text: name });
      list.append(h("li", { "data-speaker": sp.name || "" },
        h("span", { class: "chip " + speakerClass(sp) }), label, h("span", { class: "count", text: sp.count })));
    }
    if (!sorted.length) list.append(h("li", { class: "none", text: "No quotes found." }));
    return list;
  }

  function entityTable(brief) {
    const ents = (brief.entities || []).slice().sort((a, b) =>
      (b.mentions || []).length - (a.mentions || []).length ||
      ((a.salience && a.salience.first) || 0) - ((b.salience && b.salience.first) || 0));
    if (!ents.length) return h("p", { class: "none", text: "No entities found." });
    const body = h("tbody");
    for (const e of ents) {
      const aka = (e.aliases || []).filter((a) => a !== e.name && a.length < e.name.length + 12).slice(0, 2);
      body.append(h("tr", { "data-entity-id": e.id, tabindex: "0", title: "Show its mentions in the text" },
        h("td", null, h("strong", { text: e.name }), aka.length ? h("span", { class: "aka", text: " (" + aka.join(", ") + ")" }) : null),
        h("td", { class: "type", text: e.type }),
        h("td", { text: (e.roles || []).join("; ") }),
        h("td", { class: "num", text: (e.mentions || []).length })));
    }
    return h("table", { class: "entities" },
      h("thead", null, h("tr", null, h("th", { text: "Entity" }), h("th", { text: "Type" }),
        h("th", { text: "Roles" }), h("th", { class: "num", text: "Mentions" }))), body);
  }

  function flagList(brief) {
    const flags = brief.flags || [];
    if (!flags.length) return h("p", { class: "none", text: "No flags." });
    const list = h("ul", { class: "flags" });
    for (const f of flags) {
      const ev = (f.evidence || [])[0];
      list.append(h("li", { class: "flag sev-" + f.severity, "data-kind": f.kind },
        h("span", { class: "sev", text: f.severity }),
        h("strong", { text: String(f.kind || "").replace(/_/g, " ") }), " ",
        h("span", { class: "msg", text: f.message }),
        ev ? h("span", { class: "evidence", text: short(ev.text, 140) }) : null));
    }
    return list;
  }

  function timeline(brief) {
    const events = (brief.events || []).slice().sort((a, b) => a.order - b.order);
    const strip = h("ol", { class: "timeline-strip" });
    for (const ev of events) {
      const when = ev.date && ev.date.value ? ev.date.value : "undated";
      strip.append(h("li", { class: "event" + (when === "undated" ? " undated" : ""), "data-event-id": ev.id },
        h("time", { text: when }), h("span", { text: short(ev.description, 160) })));
    }
    if (!events.length) return h("p", { class: "none", text: "No events found." });
    return strip;
  }

  function claimList(brief) {
    const claims = brief.claims || [];
    if (!claims.length) return h("p", { class: "none", text: "No claims found." });
    const list = h("ul", { class: "claims" });
    for (const c of claims) {
      const src = c.source || { quality: "none" };
      list.append(h("li", { "data-claim-id": c.id },
        h("span", { class: "badge src-" + src.quality, text: src.quality }), " ",
        h("span", { text: short(c.text, 220) }),
        src.name ? h("span", { class: "who", text: " — " + src.name }) : null));
    }
    return list;
  }

  function quoteDetail(brief, speakers, id) {
    const q = (brief.quotes || []).find((x) => x.id === id);
    const box = document.getElementById("detail");
    if (!box) return;
    box.replaceChildren(h("h2", { text: "Quote" }));
    if (!q) return;
    const sp = speakers.get(speakerKey(q));
    const rows = [
      ["speaker", q.speaker ? q.speaker.name : "unattributed"],
      ["kind", q.kind],
      ["cue", q.cue ? q.cue.text : "—"],
      ["source", q.source ? q.source.text : "—"],
      ["inside", q.inside || "—"],
      ["confidence", typeof q.confidence === "number" ? q.confidence.toFixed(2) : "—"],
    ];
    const dl = h("dl", { class: "detail-list" });
    for (const [k, v] of rows) {
      dl.append(h("dt", { text: k }), h("dd", { "data-field": k, class: k === "speaker" ? speakerClass(sp) : null, text: v }));
    }
    box.append(dl, h("blockquote", { "data-field": "text", text: short(q.text, 600) }));
    const parentQ = q.inside && (brief.quotes || []).find((x) => x.id === q.inside);
    if (parentQ) box.append(h("p", { class: "muted", text: "Inside a quote by " + (parentQ.speaker ? parentQ.speaker.name : "an unattributed speaker") + "." }));
  }

  // -- downloads -------------------------------------------------------------------
  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function fileStem(brief) {
    return String((brief.article && brief.article.id) || "brief").replace(/[^A-Za-z0-9_-]+/g, "-");
  }

  async function downloadMarkdown(brief, status) {
    const res = await fetch("/api/markdown", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(brief),
    });
    if (!res.ok) {
      if (status) status.textContent = await errorMessage(res);
      return;
    }
    download(fileStem(brief) + ".md", new Blob([await res.text()], { type: "text/markdown" }));
  }

  async function errorMessage(res) {
    try {
      const body = await res.json();
      if (body && body.error && body.error.message) return "Error " + res.status + ": " + body.error.message;
    } catch (e) { /* not JSON */ }
    return "Error " + res.status + " " + res.statusText;
  }

  function headline(brief) {
    const a = brief.article || {};
    if (a.title && a.title.trim()) return a.title.trim();
    const first = String(a.repaired_text || a.text || "").trim().split("\n", 1)[0].trim();
    return first ? short(first, 100) : "(untitled)";
  }

  // -- the whole brief -------------------------------------------------------------
  function renderBrief(container, brief, options) {
    options = options || {};
    const corpus = document.body.dataset.corpus === "1";
    const a = brief.article || { text: "", repaired_text: "" };
    const speakers = speakerTable(brief);
    const differs = a.repaired_text !== a.text;
    let view = options.view || "original";
    let focusEntity = null; // an entity whose mentions are outlined in the text

    const textBox = h("div", { id: "article-text", class: "article-text", lang: "en" });
    const drawText = () => {
      const text = view === "repaired" ? a.repaired_text : a.text;
      const offs = codePointIndex(text);
      textBox.replaceChildren(markedText(text, annotations(brief, view, speakers, offs, text, focusEntity)));
      textBox.dataset.view = view;
      for (const b of toggle.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.view === view));
    };

    const toggle = h("div", { class: "toggle", role: "group", "aria-label": "Text shown" },
      h("button", { type: "button", id: "view-original", "data-view": "original", text: "Original" }),
      h("button", { type: "button", id: "view-repaired", "data-view": "repaired", text: "Repaired" }));
    toggle.addEventListener("click", (ev) => {
      const b = ev.target.closest("button");
      if (!b) return;
      view = b.dataset.view;
      drawText();
    });

    const status = h("span", { class: "status", id: "brief-status" });
    const jsonBtn = h("button", { type: "button", id: "download-json", text: "Download JSON" });
    jsonBtn.addEventListener("click", () => download(fileStem(brief) + ".json",
      new Blob([JSON.stringify(brief, null, 2) + "\n"], { type: "application/json" })));
    const mdBtn = h("button", { type: "button", id: "download-md", text: "Download markdown" });
    mdBtn.addEventListener("click", () => downloadMarkdown(brief, status));

    const meta = [];
    meta.push(a.published ? "Published " + a.published + " (" + a.published_source + ")" : "Publication date unknown");
    meta.push(plural(String(a.text || "").split(/\s+/).filter(Boolean).length, "word"));
    meta.push(plural((brief.quotes || []).length, "quote"));
    meta.push(plural((brief.claims || []).length, "claim"));
    meta.push(plural((brief.entities || []).length, "entity").replace(/entitys$/, "entities"));
    meta.push(differs ? "text repaired" : "no repairs needed");
    const url = safeHttpUrl(a.url);

    const head = h("div", { class: "brief-head" },
      h("h1", { id: "brief-title", text: headline(brief) }),
      h("p", { class: "meta", id: "brief-meta" }, meta.join(" · "),
        url ? h("a", { href: url, rel: "noopener noreferrer nofollow", class: "source-link", text: " source" }) : null),
      h("div", { class: "tools" }, toggle, jsonBtn, mdBtn, status));

    const keys = h("p", { class: "keys" },
      h("span", { class: "claim src-named", text: "named source" }), " ",
      h("span", { class: "claim src-vague", text: "vague source" }), " ",
      h("span", { class: "claim src-none", text: "no source" }), " — claims are underlined by source quality; quotes are coloured by speaker.");

    const detail = h("section", { id: "detail", class: "panel side-panel detail" },
      h("h2", { text: "Quote" }), h("p", { class: "muted", text: "Click a highlighted quote to see its speaker, cue and kind." }));

    const body = h("div", { class: "brief-body" },
      h("article", { class: "panel text-col" }, keys, textBox),
      h("aside", { class: "side" },
        detail,
        section("speakers-panel", "Who said what", legend(speakers, corpus)),
        section("flags-panel", "Flags for the editor", flagList(brief))));

    const strip = h("section", { id: "timeline", class: "panel timeline" }, h("h2", { text: "Timeline" }), timeline(brief));
    const lower = h("div", { class: "brief-lower" },
      h("section", { id: "entities-panel", class: "panel" }, h("h2", { text: "Entities" }), entityTable(brief)),
      h("section", { id: "claims-panel", class: "panel" }, h("h2", { text: "Claims" }), claimList(brief)));

    container.replaceChildren(head, body, strip, lower);
    const entityRows = lower.querySelector("table.entities");
    const pickEntity = (ev) => {
      const row = ev.target.closest("tr[data-entity-id]");
      if (!row) return;
      focusEntity = focusEntity === row.dataset.entityId ? null : row.dataset.entityId;
      for (const r of entityRows.querySelectorAll("tr[data-entity-id]")) {
        r.classList.toggle("selected", r.dataset.entityId === focusEntity);
      }
      drawText();
      const first = textBox.querySelector("span.mention");
      if (first) first.scrollIntoView({ block: "center" });
    };
    if (entityRows) {
      entityRows.addEventListener("click", pickEntity);
      entityRows.addEventListener("keydown", (ev) => { if (ev.key === "Enter") pickEntity(ev); });
    }
    textBox.addEventListener("click", (ev) => {
      const m = ev.target.closest("mark.quote");
      if (!m) return;
      for (const s of textBox.querySelectorAll("mark.selected")) s.classList.remove("selected");
      for (const s of textBox.querySelectorAll('mark.quote[data-quote-id="' + CSS.escape(m.dataset.quoteId) + '"]')) s.classList.add("selected");
      quoteDetail(brief, speakers, m.dataset.quoteId);
    });
    textBox.addEventListener("keydown", (ev) => {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("mark.quote")) {
        ev.preventDefault();
        ev.target.click();
      }
    });
    drawText();
    container.dataset.state = "ready";
    container.dataset.articleId = a.id || "";
    window.bylineBrief = brief; // for tools and tests: the brief as received
  }

  window.Byline = { h: h, renderBrief: renderBrief, errorMessage: errorMessage, short: short, safeHttpUrl: safeHttpUrl };

  // Show corpus links only when the server has a corpus open.
  document.addEventListener("DOMContentLoaded", () => {
    if (document.body.dataset.corpus !== "1") {
      for (const el of document.querySelectorAll(".corpus-only")) el.hidden = true;
    }
  });
})();
