// The analysis page: send the pasted or uploaded article to POST /api/analyze
// and render the Brief it answers. A saved brief (.json) can be opened too.
"use strict";

(function () {
  const looksHtml = (s) => /^\s*(<!doctype html|<html[\s>])/i.test(s);

  function setStatus(text, kind) {
    const el = document.getElementById("status");
    el.textContent = text;
    el.dataset.kind = kind || "";
  }

  function isBrief(obj) {
    return obj && typeof obj === "object" && obj.article && typeof obj.article.text === "string" &&
      "schema_version" in obj;
  }

  async function analyse(payload) {
    const out = document.getElementById("brief");
    const button = document.getElementById("analyze-btn");
    out.dataset.state = "loading";
    button.disabled = true;
    setStatus("Analysing…", "busy");
    try {
      const res = await fetch("/api/analyze", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload),
      });
      if (!res.ok) {
        out.dataset.state = "error";
        setStatus(await window.Byline.errorMessage(res), "error");
        return;
      }
      const brief = await res.json();
      window.Byline.renderBrief(out, brief);
      setStatus("", "");
    } catch (e) {
      out.dataset.state = "error";
      setStatus("Could not reach the server: " + e.message, "error");
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("analyze-form");
    const text = document.getElementById("text");
    const file = document.getElementById("file");
    const asHtml = document.getElementById("as-html");

    file.addEventListener("change", async () => {
      const f = file.files && file.files[0];
      if (!f) return;
      const content = await f.text();
      if (/\.json$/i.test(f.name)) {
        let obj = null;
        try { obj = JSON.parse(content); } catch (e) { setStatus(f.name + ": invalid JSON", "error"); return; }
        if (isBrief(obj)) { // a saved brief: show it as it is
          window.Byline.renderBrief(document.getElementById("brief"), obj);
          setStatus("Showing the saved brief " + f.name + ".", "");
          return;
        }
        if (obj && typeof obj.text === "string") {
          text.value = obj.text;
          asHtml.checked = false;
          if (obj.published) document.getElementById("published").value = String(obj.published).slice(0, 10);
          if (obj.title) document.getElementById("title").value = obj.title;
        } else if (obj && typeof obj.html === "string") {
          text.value = obj.html;
          asHtml.checked = true;
        } else {
          setStatus(f.name + ": expected a brief, or an object with 'text' or 'html'", "error");
          return;
        }
      } else {
        text.value = content;
        asHtml.checked = /\.x?html?$/i.test(f.name) || looksHtml(content);
      }
      setStatus("Loaded " + f.name + ": press Analyse.", "");
    });

    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const body = text.value;
      if (!body.trim()) { setStatus("Paste or upload an article first.", "error"); return; }
      const payload = asHtml.checked || looksHtml(body) ? { html: body } : { text: body };
      const published = document.getElementById("published").value;
      const title = document.getElementById("title").value.trim();
      if (published) payload.published = published;
      if (title) payload.title = title;
      analyse(payload);
    });
  });
})();
