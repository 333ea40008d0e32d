// The query page: pick an example or write a query, run it, share it, take the answer away.
// The query is kept in the page's URL (?query=...; ?lang=en for English), and a page opened
// with one runs it at once, so an answer is a link. Each run is kept in this browser's
// history (localStorage). The answer downloads through the endpoint's own formats (links to
// /sparql?query=...&format=...), and the curl command asks for the same. Plain browser
// JavaScript, no dependencies; the editor and the table are sparql-editor.js and
// sparql-results.js. The page works from any host and path it is served on.
"use strict";
(function () {
  const page = document.getElementById("query-page");
  const base = page.dataset.base;
  const lang = page.dataset.lang;
  const serverPrefixes = JSON.parse(document.getElementById("prefixes").textContent);
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const terms = JSON.parse(document.getElementById("terms").textContent);
  const texts = JSON.parse(document.getElementById("texts").textContent);
  const text = document.getElementById("query");
  const statusLine = document.getElementById("status");
  const results = document.getElementById("results");
  const title = document.getElementById("example-title");
  const downloads = document.getElementById("downloads");
  const HISTORY = "kruisverband.query-history";
  const HISTORY_SIZE = 50;
  // the formats a download or the curl command may ask for: [name, format, media type]
  const FORMATS = {
    rows: [
      ["CSV", "csv", "text/csv"],
      ["TSV", "tsv", "text/tab-separated-values"],
      ["JSON", "application/sparql-results+json", "application/sparql-results+json"],
    ],
    triples: [
      ["Turtle", "turtle", "text/turtle"],
      ["N-Triples", "nt", "application/n-triples"],
      ["JSON-LD", "jsonld", "application/ld+json"],
    ],
  };
  FORMATS.boolean = FORMATS.rows; // the endpoint writes an ASK answer in each

  const editor = window.kvEditor.attach(
    text,
    document.getElementById("query-highlight"),
    document.getElementById("completions"),
    { prefixes: serverPrefixes, terms: terms, texts: texts },
  );
  const table = window.kvResults.create({
    base: base,
    lang: lang,
    texts: texts,
    // the server's rule (graph/links.py): only http(s) IRIs are links, nothing trimmed first
    linkPattern: new RegExp(page.dataset.linkPattern),
    prefixes: () => window.kvEditor.declared(serverPrefixes, text.value),
  });
  const format = table.format;

  // the page's own address for a query: "./" so /sparql's page shares links to / (a GET on
  // /sparql?query= is the protocol, not this page)
  function address(query) {
    const url = new URL("./", location.href);
    if (lang !== "nl") url.searchParams.set("lang", lang);
    if (query !== null) url.searchParams.set("query", query);
    return url;
  }
  function endpoint() {
    return new URL("sparql", address(null)).href;
  }

  // -- history --------------------------------------------------------------------------
  function kept() {
    try {
      const kept = JSON.parse(localStorage.getItem(HISTORY) || "[]");
      return Array.isArray(kept) ? kept.filter((e) => e && typeof e.query === "string") : [];
    } catch (err) {
      return []; // storage off or spoilt: no history, the page still works
    }
  }
  function remember(query, summary) {
    const entries = kept().filter((e) => e.query !== query);
    entries.unshift({ query: query, at: new Date().toISOString(), summary: summary });
    try {
      localStorage.setItem(HISTORY, JSON.stringify(entries.slice(0, HISTORY_SIZE)));
    } catch (err) {
      // full or refused: the run still shows
    }
    showHistory();
  }
  function firstLine(query) {
    const lines = query.split("\n").map((l) => l.trim());
    const meant = lines.filter((l) => l && !l.startsWith("#") && !/^PREFIX\s/i.test(l));
    const line = (meant[0] || lines[0] || "").replace(/\s+/g, " ");
    return line.length > 90 ? line.slice(0, 89) + "…" : line;
  }
  function showHistory() {
    const entries = kept();
    const list = document.getElementById("history-list");
    list.replaceChildren();
    document.getElementById("history-count").textContent = String(entries.length);
    document.getElementById("history-none").hidden = entries.length > 0;
    for (const entry of entries) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = address(entry.query).href;
      link.className = "history-entry";
      link.title = texts.reopen + "\n\n" + entry.query;
      link.textContent = firstLine(entry.query);
      link.addEventListener("click", (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab
        e.preventDefault();
        load(entry.query);
        run();
      });
      const when = document.createElement("small");
      const at = new Date(entry.at);
      when.textContent = " " + (isNaN(at) ? "" : at.toLocaleString(lang)) +
        (entry.summary ? " · " + entry.summary : "");
      li.append(link, when);
      list.appendChild(li);
    }
  }
  document.getElementById("history-clear").addEventListener("click", () => {
    try {
      localStorage.removeItem(HISTORY);
    } catch (err) {
      // nothing kept
    }
    showHistory();
  });

  // -- downloads and curl ---------------------------------------------------------------
  function quoted(s) {
    return "'" + s.replace(/'/g, "'\\''") + "'";
  }
  function curl(query, media) {
    return "curl -sS " + quoted(endpoint()) + " -H " + quoted("Accept: " + media) +
      " --data-urlencode " + quoted("query=" + query);
  }
  function offerDownloads(query, kind) {
    downloads.replaceChildren();
    const formats = FORMATS[kind];
    const name = picked !== null && text.value === picked.text ? picked.name : "query";
    const line = document.createElement("p");
    line.append(texts.download + " ");
    formats.forEach(([label, fmt, media], i) => {
      const a = document.createElement("a");
      const params = { query: query, format: fmt };
      if (lang !== "nl") params.lang = lang; // an error opened from the link is in it too
      a.href = "sparql?" + new URLSearchParams(params);
      a.type = media;
      a.dataset.format = label;
      a.download = name + "." + { "text/csv": "csv", "text/tab-separated-values": "tsv",
        "text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
      }[media] || "json";
      a.textContent = label;
      if (i) line.append(" · ");
      line.append(a);
    });
    // the command is as long as the query: folded until asked for
    const folded = document.createElement("details");
    folded.id = "curl-details";
    const summary = document.createElement("summary");
    summary.textContent = texts.curl;
    const how = document.createElement("p");
    how.className = "curl";
    const choice = document.createElement("select");
    choice.id = "curl-format";
    choice.setAttribute("aria-label", texts.curl);
    for (const [label, , media] of formats) choice.append(new Option(label, media));
    const command = document.createElement("code");
    command.id = "curl";
    const copy = document.createElement("button");
    copy.type = "button";
    copy.id = "copy-curl";
    copy.textContent = texts.copy;
    function write() {
      command.textContent = curl(query, choice.value);
      copy.textContent = texts.copy;
    }
    choice.addEventListener("change", write);
    copy.addEventListener("click", () => copyText(command, copy));
    write();
    how.append(choice, " ", copy);
    folded.append(summary, how, command);
    downloads.append(line, folded);
    downloads.hidden = false;
  }
  async function copyText(element, button) {
    try {
      await navigator.clipboard.writeText(element.textContent);
    } catch (err) {
      // no clipboard here (not a secure context): select it for Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand("copy");
    }
    button.textContent = texts.copied;
  }

  // -- running --------------------------------------------------------------------------
  let running = 0; // the latest run; an older answer that arrives late is dropped
  async function run() {
    const query = text.value;
    const mine = ++running;
    editor.close();
    statusLine.className = "";
    statusLine.dataset.state = "running";
    statusLine.textContent = texts.running;
    results.replaceChildren();
    downloads.hidden = true;
    window.history.replaceState(null, "", address(query));
    otherLanguage(query);
    const started = performance.now();
    let response;
    let body;
    try {
      response = await fetch("sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
          // the endpoint words its errors in the page's language, not the browser's
          "Accept-Language": lang,
        },
        body: new URLSearchParams({ query: query }),
      });
      body = await response.text();
    } catch (err) {
      if (mine !== running) return;
      statusLine.className = "error";
      statusLine.dataset.state = "error";
      statusLine.textContent = texts["no-answer"] + err;
      return;
    }
    if (mine !== running) return;
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      statusLine.className = "error";
      statusLine.dataset.state = "error";
      statusLine.textContent = response.status + " " + response.statusText + ": " + body;
      const where = body.match(/(?:at line|op regel) (\d+), (?:column|kolom) (\d+)/);
      if (where) editor.mark(Number(where[1]), Number(where[2]));
      remember(query, String(response.status));
      return;
    }
    const answer = type.startsWith("application/sparql-results+json")
      ? { json: JSON.parse(body) } : { triples: body };
    const shown = table.render(results, answer);
    let summary;
    if (shown.kind === "boolean") summary = format("ask", { ms: ms });
    else if (shown.kind === "triples") summary = format("triples", { n: shown.count, ms: ms });
    else summary = shown.count === 1 ? format("row", { ms: ms })
      : format("rows", { n: shown.count, ms: ms });
    statusLine.dataset.state = "done";
    statusLine.textContent = summary;
    offerDownloads(query, shown.kind);
    remember(query, summary.replace(/ in \d+ ms$/, ""));
  }

  function otherLanguage(query) {
    const link = document.getElementById("other-language");
    const url = address(query);
    if (lang === "nl") url.searchParams.set("lang", "en");
    else url.searchParams.delete("lang");
    if (query === null) url.searchParams.delete("query");
    link.href = url.href;
  }

  document.getElementById("run").addEventListener("click", run);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });

  // The example whose text was put in the box. Its description holds while the text is
  // unchanged; once edited, the query is the reader's own and the line only says where it
  // came from (back to the example's text, e.g. by undo, and the description returns).
  let picked = null;
  function showTitle() {
    if (picked === null) title.textContent = "";
    else if (text.value === picked.text) {
      title.textContent = picked.title + (picked.description ? " — " + picked.description : "");
    } else title.textContent = texts.edited + picked.title;
    title.classList.toggle("edited", picked !== null && text.value !== picked.text);
  }
  function load(query) {
    text.value = query;
    picked = null;
    for (const [name, example] of Object.entries(examples)) {
      if (example.text === query) picked = Object.assign({ name: name }, example);
    }
    editor.paint();
    showTitle();
  }
  text.addEventListener("input", showTitle);
  for (const button of document.querySelectorAll("button[data-example]")) {
    button.addEventListener("click", () => {
      const name = button.dataset.example;
      picked = Object.assign({ name: name }, examples[name]);
      text.value = picked.text;
      editor.paint();
      showTitle();
    });
  }

  showHistory();
  const asked = new URLSearchParams(location.search).get("query");
  if (asked) {
    load(asked); // a shared link: open with its answer
    run();
  } else {
    load(text.value);
    otherLanguage(null);
  }
})();
