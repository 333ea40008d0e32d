// The answer as a table: a header click sorts, a pager shows 50 rows at a time, IRIs are
// shortened with the declared prefixes and link to their /doc/ page (only http(s) IRIs are
// links at all: the server's rule, graph/links.py LINK_PATTERN), and a literal shows its
// value alone, its datatype or language on hover. A CONSTRUCT or DESCRIBE answer arrives as
// N-Triples and shows as a table of its triples, sorted and paged the same way.
"use strict";
window.kvResults = (function () {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(
    ("integer decimal double float int long short byte nonNegativeInteger positiveInteger " +
      "negativeInteger nonPositiveInteger unsignedInt unsignedLong unsignedShort unsignedByte")
      .split(" ").map((n) => XSD + n),
  );
  const PAGE_SIZE = 50;

  // N-Triples (one triple a line, as the endpoint writes it) as rows of SPARQL JSON terms
  const NT_TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>|@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?)/y;
  function unescape(s) {
    return s.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u, U, c) => {
      if (u || U) return String.fromCodePoint(parseInt(u || U, 16));
      return { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f" }[c] || c;
    });
  }
  function parseNTriples(text, names) {
    const rows = [];
    for (const line of text.split("\n")) {
      if (!line.trim() || line.trim().startsWith("#")) continue;
      const row = {};
      let at = 0;
      for (const name of names) {
        NT_TERM.lastIndex = at;
        const m = NT_TERM.exec(line);
        if (!m) break;
        at = NT_TERM.lastIndex;
        if (m[1] !== undefined) row[name] = { type: "uri", value: unescape(m[1]) };
        else if (m[2] !== undefined) row[name] = { type: "bnode", value: m[2] };
        else {
          row[name] = { type: "literal", value: unescape(m[3]) };
          if (m[4]) row[name].datatype = unescape(m[4]);
          if (m[5]) row[name]["xml:lang"] = m[5];
        }
      }
      rows.push(row);
    }
    return rows;
  }

  function create(options) {
    const base = options.base;
    const texts = options.texts;
    const linkPattern = options.linkPattern;
    const lang = options.lang;

    // Where a link to the IRI goes: this server's page under the base, the IRI itself if it
    // is http(s), else null (shown as text). "./" keeps a path such as "javascript:x" a path.
    function href(iri) {
      const asked = lang === "nl" ? "" : "?lang=" + lang;
      if (iri.startsWith(base + "id/")) return "doc/" + iri.slice(base.length + 3) + asked;
      if (iri.startsWith(base)) return "./" + iri.slice(base.length);
      return linkPattern.test(iri) ? iri : null;
    }
    // the longest namespace wins: a query's PREFIX thema: <...id/thema/> beats id:
    function compact(iri) {
      let best = null;
      for (const [p, ns] of Object.entries(options.prefixes())) {
        if (ns && iri.startsWith(ns) && iri.length > ns.length) {
          if (best === null || ns.length > best[1].length) best = [p, ns];
        }
      }
      return best === null ? iri : best[0] + ":" + iri.slice(best[1].length);
    }
    function shown(term) {
      if (!term) return "";
      if (term.type === "uri") return compact(term.value);
      if (term.type === "bnode") return "_:" + term.value;
      return term.value;
    }
    function cell(term) {
      const td = document.createElement("td");
      if (!term) return td;
      if (term.type === "uri") {
        const target = href(term.value);
        const el = document.createElement(target === null ? "span" : "a");
        if (target === null) el.className = "iri";
        else el.href = target;
        el.textContent = compact(term.value);
        el.title = term.value;
        td.appendChild(el);
      } else if (term.type === "bnode") {
        td.textContent = "_:" + term.value;
        td.className = "bnode";
      } else {
        const el = document.createElement("span");
        el.className = "lit";
        el.textContent = term.value;
        if (term["xml:lang"]) el.title = texts.language + ": " + term["xml:lang"];
        else if (term.datatype) el.title = texts.datatype + ": " + compact(term.datatype);
        if (term["xml:lang"]) el.lang = term["xml:lang"];
        if (NUMERIC.has(term.datatype)) td.className = "num";
        td.appendChild(el);
      }
      // a short value (an identifier, a number) stays on one line, "pijnacker-nootdorp-2023"
      // is not broken at its hyphens; long text wraps as it must
      if (td.textContent.length <= 32) td.classList.add("short");
      return td;
    }
    // unbound last; numbers by value; the rest as text, digits as numbers ("2" before "10")
    function compare(a, b) {
      if (!a || !b) return !a && !b ? 0 : a ? -1 : 1;
      if (NUMERIC.has(a.datatype) && NUMERIC.has(b.datatype)) {
        const d = Number(a.value) - Number(b.value);
        if (d) return d;
      }
      return shown(a).localeCompare(shown(b), lang, { numeric: true, sensitivity: "base" });
    }
    function format(key, fields) {
      return texts[key].replace(/\{(\w+)\}/g, (_, k) => String(fields[k]));
    }

    // A table of `rows` (objects from variable name to SPARQL JSON term) under `names`.
    function table(container, names, rows) {
      const state = { column: null, descending: false, page: 0 };
      const order = rows.slice();
      const pager = document.createElement("nav");
      pager.className = "pager";
      const t = document.createElement("table");
      t.id = "result-table";
      const head = t.createTHead().insertRow();
      const body = t.createTBody();
      const buttons = names.map((name) => {
        const th = document.createElement("th");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        button.textContent = name;
        button.title = texts.sort;
        button.addEventListener("click", () => sortBy(name, th));
        th.appendChild(button);
        head.appendChild(th);
        return th;
      });
      function sortBy(name, th) {
        state.descending = state.column === name ? !state.descending : false;
        state.column = name;
        const sign = state.descending ? -1 : 1;
        order.sort((x, y) => sign * compare(x[name], y[name]) || 0);
        for (const other of buttons) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
        state.page = 0;
        draw();
      }
      function pageButton(label, to, id) {
        const button = document.createElement("button");
        button.type = "button";
        button.id = id;
        button.textContent = label;
        button.disabled = to < 0 || to * PAGE_SIZE >= order.length;
        button.addEventListener("click", () => {
          state.page = to;
          draw();
        });
        return button;
      }
      function draw() {
        const from = state.page * PAGE_SIZE;
        const slice = order.slice(from, from + PAGE_SIZE);
        body.replaceChildren();
        for (const row of slice) {
          const tr = body.insertRow();
          for (const name of names) tr.appendChild(cell(row[name]));
        }
        pager.replaceChildren();
        pager.hidden = order.length <= PAGE_SIZE;
        if (pager.hidden) return;
        const where = document.createElement("span");
        where.id = "page-position";
        where.textContent = format("page", { from: from + 1, to: from + slice.length, n: order.length });
        pager.append(
          pageButton(texts.previous, state.page - 1, "page-previous"),
          where,
          pageButton(texts.next, state.page + 1, "page-next"),
        );
      }
      draw();
      container.append(pager, t);
    }

    // Show one answer: {json} for SELECT/ASK (SPARQL JSON), {triples} (N-Triples) else.
    function render(container, answer) {
      container.replaceChildren();
      if (answer.json && "boolean" in answer.json) {
        const p = document.createElement("p");
        p.id = "result-boolean";
        p.className = answer.json.boolean ? "yes" : "no";
        p.textContent = texts[String(answer.json.boolean)];
        container.appendChild(p);
        return { kind: "boolean", count: null };
      }
      if (answer.json) {
        const rows = answer.json.results.bindings;
        table(container, answer.json.head.vars, rows);
        return { kind: "rows", count: rows.length };
      }
      const names = [texts.subject, texts.predicate, texts.object];
      const rows = parseNTriples(answer.triples, names);
      table(container, names, rows);
      return { kind: "triples", count: rows.length };
    }

    return { render: render, compact: compact, format: format };
  }

  return { create: create, parseNTriples: parseNTriples, PAGE_SIZE: PAGE_SIZE };
})();
