// The query page: pick an example or write a query, POST it to the endpoint, show a table.
// Plain browser JavaScript with no dependencies; the page works from any host it is served on.
"use strict";
(function () {
  const page = document.getElementById("query-page");
  const base = page.dataset.base;
  const prefixes = JSON.parse(document.getElementById("prefixes").textContent);
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const text = document.getElementById("query");
  const statusLine = document.getElementById("status");
  const results = document.getElementById("results");
  const title = document.getElementById("example-title");

  // the server's rule (graph/links.py): only http(s) IRIs are links, nothing trimmed first
  const linkPattern = new RegExp(page.dataset.linkPattern);

  // Where a link to the IRI goes: this server's page under the base, the IRI itself if it is
  // http(s), else null (shown as text). "./" keeps a path such as "javascript:x" a path.
  function href(iri) {
    if (iri.startsWith(base + "id/")) return "doc/" + iri.slice(base.length + 3);
    if (iri.startsWith(base)) return "./" + iri.slice(base.length);
    return linkPattern.test(iri) ? iri : null;
  }
  function compact(iri) {
    for (const [p, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
    }
    return iri;
  }
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const target = href(term.value);
      const shown = document.createElement(target === null ? "span" : "a");
      if (target === null) shown.className = "iri";
      else shown.href = target;
      shown.textContent = compact(term.value);
      shown.title = term.value;
      td.appendChild(shown);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      const extra = term["xml:lang"] ? "@" + term["xml:lang"]
        : term.datatype ? "^^" + compact(term.datatype) : "";
      if (extra) {
        const span = document.createElement("span");
        span.className = term["xml:lang"] ? "lang" : "dt";
        span.textContent = " " + extra;
        td.appendChild(span);
      }
    }
    return td;
  }
  function table(json) {
    const t = document.createElement("table");
    t.id = "result-table";
    const head = t.createTHead().insertRow();
    for (const v of json.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const b of json.results.bindings) {
      const tr = body.insertRow();
      for (const v of json.head.vars) tr.appendChild(cell(b[v]));
    }
    return t;
  }
  async function run() {
    statusLine.className = "";
    statusLine.textContent = "Running…";
    results.replaceChildren();
    const started = performance.now();
    let response;
    try {
      response = await fetch("sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: text.value }),
      });
    } catch (err) {
      statusLine.className = "error";
      statusLine.textContent = "The endpoint did not answer: " + err;
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    const body = await response.text();
    if (!response.ok) {
      statusLine.className = "error";
      statusLine.textContent = response.status + " " + response.statusText + ": " + body;
      return;
    }
    if (type.startsWith("application/sparql-results+json")) {
      const json = JSON.parse(body);
      if ("boolean" in json) {
        statusLine.textContent = "ASK answered in " + ms + " ms";
        const p = document.createElement("p");
        p.id = "result-boolean";
        p.textContent = String(json.boolean);
        results.appendChild(p);
        return;
      }
      const n = json.results.bindings.length;
      statusLine.textContent = n + (n === 1 ? " row" : " rows") + " in " + ms + " ms";
      results.appendChild(table(json));
    } else {
      statusLine.textContent = "Graph answered in " + ms + " ms (Turtle)";
      const pre = document.createElement("pre");
      pre.id = "result-graph";
      pre.textContent = body;
      results.appendChild(pre);
    }
  }
  document.getElementById("run").addEventListener("click", run);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });
  // The example whose text was put in the box. Its description holds while the text is
  // unchanged; once edited, the query is the reader's own and the line only says where it
  // came from (back to the example's text, e.g. by undo, and the description returns).
  let picked = null;
  function showTitle() {
    if (picked === null) title.textContent = "";
    else if (text.value === picked.text) {
      title.textContent = picked.title + (picked.description ? " — " + picked.description : "");
    } else title.textContent = "Edited, from the example: " + picked.title;
    title.classList.toggle("edited", picked !== null && text.value !== picked.text);
  }
  text.addEventListener("input", showTitle);
  for (const button of document.querySelectorAll("button[data-example]")) {
    button.addEventListener("click", () => {
      picked = examples[button.dataset.example];
      text.value = picked.text;
      showTitle();
    });
  }
})();
