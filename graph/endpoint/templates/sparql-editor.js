// The query editor: SPARQL highlighting and completion over a plain <textarea>.
// The textarea stays the real editor (typing, undo, selection, form filling all work as in
// any browser); its text is transparent, and a <pre> under it shows the same text in colour,
// kept at the same scroll offset. Completion offers keywords, the declared prefixes (the
// server's and the query's own PREFIX lines), the ontology's and the store's terms, and the
// query's variables. No dependency; nothing here touches innerHTML, so no text is markup.
"use strict";
window.kvEditor = (function () {
  const KEYWORDS = (
    "SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED ORDER BY " +
    "ASC DESC LIMIT OFFSET GROUP HAVING VALUES OPTIONAL UNION MINUS GRAPH SERVICE SILENT " +
    "FILTER BIND AS EXISTS NOT IN UNDEF TRUE FALSE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT " +
    "SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND " +
    "CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER " +
    "YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 " +
    "SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL " +
    "ISNUMERIC REGEX SUBSTR REPLACE"
  ).split(" ");
  const KEYWORD_SET = new Set(KEYWORDS);
  // one regular expression per token kind, tried in this order at each position
  const RULES = [
    ["ws", /\s+/y],
    ["comment", /#[^\n]*/y],
    ["string", /'''[\s\S]*?(?:'''|$)|"""[\s\S]*?(?:"""|$)|'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?/y],
    ["iri", /<[^<>"{}|^`\\\s]*>/y],
    ["var", /[?$][A-Za-z0-9_\u00b7-\uffff]+/y],
    ["pname", /(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7-\uffff]*)?:(?:[\w\-.:%\u00b7-\uffff]|\\[^\s])*/y],
    ["lang", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
    ["number", /[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?/y],
    ["word", /[A-Za-z_][\w]*/y],
    ["punct", /\^\^|&&|\|\||!=|<=|>=|[{}()[\].,;*+\-/=<>!|^]/y],
    ["other", /[\s\S]/y],
  ];

  // The query as a list of [kind, text]: the texts joined give the query back unchanged.
  function tokenize(text) {
    const tokens = [];
    let at = 0;
    while (at < text.length) {
      for (const [kind, rule] of RULES) {
        rule.lastIndex = at;
        const m = rule.exec(text);
        if (!m || !m[0]) continue;
        let word = m[0];
        if (kind === "pname" && word.endsWith(".") && word.length > 1) {
          word = word.replace(/\.+$/, ""); // a triple's closing dot is no part of the name
        }
        let shown = kind;
        if (kind === "word") {
          shown = word === "a" || KEYWORD_SET.has(word.toUpperCase()) ? "keyword" : "word";
        }
        tokens.push([shown, word]);
        at += word.length;
        break;
      }
    }
    return tokens;
  }

  // The prefixes a query may use: the server's, overridden by its own PREFIX lines.
  function declared(serverPrefixes, text) {
    const found = Object.assign({}, serverPrefixes);
    const rule = /PREFIX\s+([A-Za-z][\w.-]*|):\s*<([^>\s]*)>/gi;
    for (const m of text.matchAll(rule)) found[m[1]] = m[2];
    return found;
  }

  function compactWith(prefixes, iri) {
    let best = null;
    for (const [p, ns] of Object.entries(prefixes)) {
      if (!ns || !iri.startsWith(ns) || iri.length === ns.length) continue;
      const local = iri.slice(ns.length);
      if (!/^[\w\-\u00b7-\uffff][\w\-.\u00b7-\uffff]*$/.test(local) || local.endsWith(".")) continue;
      if (best === null || ns.length > best[1].length) best = [p, ns, local];
    }
    return best === null ? null : best[0] + ":" + best[2];
  }

  function attach(textarea, pre, list, options) {
    const texts = options.texts;
    const terms = options.terms || [];
    const editor = textarea.parentElement;
    let items = [];
    let chosen = 0;
    let start = 0; // where the word being completed begins
    // Enter takes a suggestion only once the reader has asked for the list (Ctrl+Space) or
    // moved in it: while typing on, Enter is a new line, as in the textarea it is. Tab takes
    // the suggestion at any time.
    let engaged = false;

    let errorAt = null; // the offset the endpoint's message points at, until the next edit

    function paint() {
      const parts = [];
      let at = 0;
      // a <pre> shows no line after a final newline, the textarea does: one space makes it
      for (const [kind, word] of tokenize(textarea.value).concat([["ws", " "]])) {
        const wrong = errorAt !== null && errorAt >= at && errorAt < at + word.length;
        at += word.length;
        if ((kind === "ws" || kind === "other") && !wrong) {
          parts.push(document.createTextNode(word));
          continue;
        }
        const span = document.createElement("span");
        span.className = "tok-" + kind + (wrong ? " tok-error" : "");
        span.textContent = word;
        parts.push(span);
      }
      pre.replaceChildren(...parts);
      follow();
    }
    // Mark where the endpoint says the query went wrong ("at line 2, column 7", from 1).
    function mark(line, column) {
      const lines = textarea.value.split("\n");
      let offset = 0;
      for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
      errorAt = Math.min(offset + column - 1, textarea.value.length);
      paint();
    }
    function follow() {
      pre.scrollTop = textarea.scrollTop;
      pre.scrollLeft = textarea.scrollLeft;
    }

    // what may follow at the caret: [text to insert, kind, note] for the word typed so far
    function candidates(explicit) {
      const caret = textarea.selectionStart;
      if (caret !== textarea.selectionEnd) return [];
      const before = textarea.value.slice(0, caret);
      const last = tokenize(before).pop();
      if (last && ["comment", "string", "iri"].includes(last[0])) {
        const closed = last[0] !== "comment" && last[1].length > 1 &&
          last[1].endsWith(last[1][0] === "<" ? ">" : last[1][0]);
        if (!closed) return [];
      }
      const word = (before.match(/[?$]?[\w\-.:\\/\u00b7-\uffff]*$/) || [""])[0];
      start = caret - word.length;
      if (!explicit && word.length < (word.includes(":") || /^[?$]/.test(word) ? 1 : 2)) {
        return [];
      }
      const lower = word.toLowerCase();
      const found = [];
      const seen = new Set();
      function offer(text, kind, note) {
        if (seen.has(text) || text === word) return;
        seen.add(text);
        found.push([text, kind, note || ""]);
      }
      if (/^[?$]/.test(word)) {
        for (const m of textarea.value.matchAll(/[?$]([A-Za-z0-9_\u00b7-\uffff]+)/g)) {
          const name = word[0] + m[1];
          if (name.toLowerCase().startsWith(lower) && m.index !== start) {
            offer(name, texts.variable);
          }
        }
        return found;
      }
      const prefixes = declared(options.prefixes, textarea.value);
      const shortTerms = terms
        .map((t) => [compactWith(prefixes, t.iri), t])
        .filter(([short]) => short !== null);
      if (word.includes(":")) {
        for (const [short, t] of shortTerms) {
          if (short.toLowerCase().startsWith(lower)) offer(short, texts[t.kind], t.label);
        }
        return found;
      }
      for (const k of KEYWORDS) if (k.toLowerCase().startsWith(lower)) offer(k, texts.keyword);
      if ("a".startsWith(lower) && explicit) offer("a", texts.keyword, "rdf:type");
      for (const [p, ns] of Object.entries(prefixes)) {
        if (p.toLowerCase().startsWith(lower)) offer(p + ":", texts.prefix, ns);
      }
      if (lower) {
        for (const [short, t] of shortTerms) {
          const local = short.slice(short.indexOf(":") + 1).toLowerCase();
          if (local.startsWith(lower)) offer(short, texts[t.kind], t.label);
        }
      }
      return found;
    }

    function close() {
      items = [];
      list.hidden = true;
      list.replaceChildren();
      textarea.removeAttribute("aria-activedescendant");
    }
    function show() {
      list.replaceChildren();
      items.slice(0, 60).forEach(([text, kind, note], i) => {
        const li = document.createElement("li");
        li.id = "completion-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(i === chosen));
        const main = document.createElement("span");
        main.className = "completion-text";
        main.textContent = text;
        const extra = document.createElement("span");
        extra.className = "completion-note";
        extra.textContent = kind + (note ? " · " + note : "");
        li.append(main, extra);
        li.addEventListener("mousedown", (e) => {
          e.preventDefault(); // keep the focus (and the caret) in the textarea
          accept(i);
        });
        list.appendChild(li);
      });
      textarea.setAttribute("aria-activedescendant", "completion-" + chosen);
      place();
      list.hidden = false;
      const current = list.children[chosen];
      if (current) current.scrollIntoView({ block: "nearest" });
    }
    // under the caret: the editor's text is monospaced and never wraps, so line and column
    // give the position
    function place() {
      const style = getComputedStyle(textarea);
      const lines = textarea.value.slice(0, start).split("\n");
      const probe = document.createElement("span");
      probe.textContent = "0".repeat(20);
      pre.appendChild(probe);
      const charWidth = probe.getBoundingClientRect().width / 20;
      probe.remove();
      const lineHeight = parseFloat(style.lineHeight) || 18;
      const left = parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth) +
        lines[lines.length - 1].length * charWidth - textarea.scrollLeft;
      const top = parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth) +
        lines.length * lineHeight - textarea.scrollTop;
      list.style.left = Math.max(0, Math.min(left, editor.clientWidth - 260)) + "px";
      list.style.top = Math.min(top, textarea.offsetHeight) + "px";
    }
    function suggest(explicit) {
      items = candidates(explicit);
      chosen = 0;
      engaged = explicit;
      if (items.length) show();
      else close();
    }
    function accept(i) {
      const text = items[i][0];
      const end = textarea.selectionStart;
      textarea.focus();
      textarea.setSelectionRange(start, end);
      // insertText keeps the browser's undo history; setRangeText where it is missing
      if (!document.execCommand("insertText", false, text)) {
        textarea.setRangeText(text, start, end, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      close();
      if (text.endsWith(":")) suggest(true); // a prefix: now its terms
    }

    textarea.addEventListener("input", (e) => {
      errorAt = null;
      paint();
      if (e.inputType && e.inputType.startsWith("insert") && e.inputType !== "insertFromPaste") {
        suggest(false);
      } else close();
    });
    textarea.addEventListener("scroll", follow);
    textarea.addEventListener("blur", close);
    textarea.addEventListener("click", close);
    textarea.addEventListener("keydown", (e) => {
      if (e.key === " " && e.ctrlKey) {
        e.preventDefault();
        suggest(true);
        return;
      }
      if (list.hidden || !items.length) return;
      const shown = Math.min(items.length, 60);
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        chosen = (chosen + (e.key === "ArrowDown" ? 1 : shown - 1)) % shown;
        engaged = true;
        show();
      } else if ((e.key === "Enter" && engaged && !e.ctrlKey && !e.metaKey) || e.key === "Tab") {
        e.preventDefault();
        accept(chosen);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    if (window.ResizeObserver) new ResizeObserver(follow).observe(textarea);
    paint();
    return {
      paint: () => {
        errorAt = null;
        paint();
      },
      mark: mark,
      close: close,
    };
  }

  return { tokenize: tokenize, attach: attach, declared: declared, compact: compactWith };
})();
