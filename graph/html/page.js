/* kruisverband HTML export: draws the page data with vis-network and wires search, filters,
 * highlight and details (the PNG export is png.js). Data from the plans only ever reaches the
 * page through textContent, SVG attributes set to fixed values, and vis-network's canvas
 * labels: never as HTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kv-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var FADED = "rgba(200,200,200,0.25)";
  var byId = function (id) { return document.getElementById(id); };
  var W = DATA.words;  /* the page's words in its language (graph.html.words) */
  function say(key, fields) {
    return W[key].replace(/\{(\w+)\}/g, function (_, k) { return String(fields[k]); });
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  /* Case and diacritics folded: "Politie", "politie" and "POLITIE" alike, "é" as "e". */
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var typeStyle = {};
  DATA.types.forEach(function (t) { typeStyle[t.id] = t; });
  var kindStyle = {};
  DATA.edgeKinds.forEach(function (k) { kindStyle[k.id] = k; });
  var nodes = DATA.nodes;
  var clusters = DATA.clusters || [];
  var hasClusters = clusters.length > 0;
  nodes.forEach(function (n) { n.folded = fold(n.label) + "\n" + fold(n.ref); });

  var on = {
    type: new Set(DATA.types.map(function (t) { return t.id; })),
    kind: new Set(DATA.edgeKinds.map(function (k) { return k.id; })),
    plan: new Set(DATA.plans.map(function (p) { return p.id; })),
    status: new Set(DATA.statuses.map(function (s) { return s.id; })),
    ptype: new Set(DATA.partnerTypes.map(function (t) { return t.id; }))
  };
  var open = new Set();
  var highlighted = null;

  // --- which nodes and edges are drawn ------------------------------------------------------

  function clusterOf(i) { var c = nodes[i].c; return c === undefined ? null : c; }
  function drawnId(i) {
    var c = clusterOf(i);
    return c === null || open.has(c) ? i : "c" + c;
  }
  function passes(n) {
    if (!on.type.has(n.type)) return false;
    if (n.plans.length && !n.plans.some(function (p) { return on.plan.has(p); })) return false;
    if (n.type === "theme" && n.status && !on.status.has(n.status)) return false;
    if (n.ptype && !on.ptype.has(n.ptype)) return false;
    return true;
  }
  function clusterPasses(c) {
    if (!c.types.some(function (t) { return on.type.has(t); })) return false;
    if (c.plans.length && !c.plans.some(function (p) { return on.plan.has(p); })) return false;
    return true;
  }
  function idPasses(id) {
    return typeof id === "string" ? clusterPasses(clusters[+id.slice(1)]) : passes(nodes[id]);
  }

  function rgba(hex, alpha) {
    var v = parseInt(hex.slice(1), 16);
    return "rgba(" + (v >> 16) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," + alpha + ")";
  }

  function nodeItem(i, faded) {
    var n = nodes[i];
    var st = typeStyle[n.type];
    var border = n.focus || n.status === "priority" ? DATA.outline :
      n.type === "domain" ? "#8a7d00" : st.color;
    var bg = faded ? rgba(st.color, 0.15) : st.color;
    return {
      id: i,
      title: n.label,  /* on hover, also where no label fits; vis-network sets it as text */
      x: n.x, y: n.y,
      size: n.size,
      shape: st.shape,
      borderWidth: n.focus ? 6 : n.status === "priority" ? 4 : 1,
      color: {
        background: bg, border: faded ? FADED : border,
        highlight: { background: st.color, border: "#000000" },
        hover: { background: st.color, border: "#000000" }
      },
      font: { color: faded ? "rgba(60,60,60,0.25)" : "#1a1a1a" },
      hidden: !passes(n)
    };
  }

  function clusterItem(j, faded) {
    var c = clusters[j];
    return {
      id: "c" + j,
      title: c.label,
      x: c.x, y: c.y,
      size: c.size,
      shape: "dot",
      borderWidth: 2,
      color: {
        background: faded ? FADED : (c.types.length === 1 ? typeStyle[c.types[0]].color : DATA.cluster.color),
        border: "#333333",
        highlight: { background: DATA.cluster.color, border: "#000000" }
      },
      font: { color: "#1a1a1a", strokeWidth: 4 },
      hidden: !clusterPasses(c)
    };
  }

  function edgeItem(e, k, faded) {
    var st = kindStyle[e.kind];
    var color = st.color;
    var item = {
      id: "e" + k,
      from: drawnId(e.from),
      to: drawnId(e.to),
      width: st.width,
      dashes: e.uncarried ? st.uncarried : st.dashes,
      color: { color: color, highlight: color, opacity: faded ? 0.12 : 1 },
      hidden: !on.kind.has(e.kind) || !idPasses(drawnId(e.from)) || !idPasses(drawnId(e.to))
    };
    if (e.arrows) item.arrows = e.arrows;
    return item;
  }

  /* Edges as drawn: real ones between drawn nodes; one grouped line per pair of groups. */
  function edgeItems(neighbourhood) {
    var items = [];
    var grouped = {};
    DATA.edges.forEach(function (e, k) {
      var a = drawnId(e.from), b = drawnId(e.to);
      if (typeof a === "string" || typeof b === "string") {
        if (a === b || !on.kind.has(e.kind)) return;
        var key = a < b ? a + "|" + b : b + "|" + a;
        var g = grouped[key] || (grouped[key] = { from: a, to: b, n: 0 });
        g.n += 1;
        return;
      }
      var faded = neighbourhood && !(neighbourhood.has(a) && neighbourhood.has(b));
      items.push(edgeItem(e, k, faded));
    });
    Object.keys(grouped).sort().forEach(function (key) {
      var g = grouped[key];
      items.push({
        id: "g" + key, from: g.from, to: g.to,
        width: Math.min(1 + Math.log(g.n), 8),
        color: { color: DATA.groupEdge.color, opacity: neighbourhood ? 0.12 : 0.5 },
        hidden: !idPasses(g.from) || !idPasses(g.to)
      });
    });
    return items;
  }

  function nodeItems(neighbourhood) {
    var items = [];
    for (var i = 0; i < nodes.length; i++) {
      if (drawnId(i) === i) items.push(nodeItem(i, neighbourhood && !neighbourhood.has(i)));
    }
    clusters.forEach(function (c, j) {
      if (!open.has(j)) items.push(clusterItem(j, neighbourhood && !neighbourhood.has("c" + j)));
    });
    return items;
  }

  var nodeSet = new vis.DataSet(nodeItems(null));
  var edgeSet = new vis.DataSet(edgeItems(null));
  var container = byId("kv-network");
  /* vis-network's options as the pyvis Network of graph.html.render carried them */
  var OPTIONS = DATA.options;
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, OPTIONS);

  // --- labels: the important ones first, none smaller than labels.js's MIN_PX on screen ----

  /* What labels.js may label now: every node shown, with its rank (the neighbourhood of a
   * selected node first); a closed group before the nodes of open ones. */
  function labelItems() {
    var items = [];
    nodeSet.forEach(function (item) {
      if (item.hidden) return;
      var id = item.id;
      if (typeof id === "string") {
        var c = clusters[+id.slice(1)];
        items.push({ id: id, text: c.label, rank: c.rank - 1e6, factor: 1.1, font: item.font, em: 30 });
        return;
      }
      var n = nodes[id];
      items.push({
        id: id, text: n.label, font: item.font,
        rank: n.rank - (highlighted && highlighted.has(id) ? 1e6 : 0) - (n.focus ? 2e6 : 0),
        factor: n.focus ? 1.3 : 1,
        /* the comparison's middle column: one line per core theme, or the labels overlap */
        em: DATA.view === "compare" && n.type === "core" ? 24 : undefined
      });
    });
    return items;
  }

  function relabel() {
    window.kvLabelled = kvLabels.place(network, nodeSet, labelItems(), DATA.fontSize || 14,
      container.clientWidth, container.clientHeight);
  }
  var relabelSoon = (function () {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(relabel, 80);
    };
  })();
  network.on("zoom", relabelSoon);
  network.on("dragEnd", relabelSoon);
  network.on("resize", relabelSoon);

  /* The focus of an ego picture: a ring round it that no other node has (drawn by `net`,
   * the page's network or png.js's copy of it). */
  function drawFocus(net, ctx) {
    nodes.forEach(function (n, i) {
      if (!n.focus || drawnId(i) !== i || !passes(n)) return;
      var at = net.getPositions([i])[i];
      if (!at) return;
      var r = n.size + 12;
      ctx.save();
      ctx.beginPath();
      ctx.arc(at.x, at.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = rgba(typeStyle[n.type].color, 0.22);
      ctx.fill();
      ctx.lineWidth = 4;
      ctx.setLineDash([10, 6]);
      ctx.strokeStyle = DATA.outline;
      ctx.stroke();
      ctx.restore();
    });
  }
  network.on("beforeDrawing", function (ctx) { drawFocus(network, ctx); });

  /* Fit the nodes shown with room round them for their labels: the network's own fit leaves
   * none, and a label at the edge was cut off. */
  function fitAll() {
    var at = network.getPositions();
    var box = null;
    nodeSet.forEach(function (item) {
      if (item.hidden || !at[item.id]) return;
      var p = at[item.id], r = (item.size || 10) * (nodes[item.id] && nodes[item.id].focus ? 1.8 : 1.1);
      if (!box) box = { left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r };
      box.left = Math.min(box.left, p.x - r); box.right = Math.max(box.right, p.x + r);
      box.top = Math.min(box.top, p.y - r); box.bottom = Math.max(box.bottom, p.y + r);
    });
    if (!box) return;
    var padX = 90, padTop = 24, padBottom = 56;
    var w = Math.max(container.clientWidth - 2 * padX, 100);
    var h = Math.max(container.clientHeight - padTop - padBottom, 100);
    var scale = Math.min(w / Math.max(box.right - box.left, 1), h / Math.max(box.bottom - box.top, 1), 1.5);
    network.moveTo({
      position: { x: (box.left + box.right) / 2,
                  y: (box.top + box.bottom) / 2 + (padBottom - padTop) / 2 / scale },
      scale: scale, animation: false
    });
    relabel();
  }

  function redraw() {
    nodeSet.clear();
    nodeSet.add(nodeItems(highlighted));
    edgeSet.clear();
    edgeSet.add(edgeItems(highlighted));
    relabel();
  }

  /* Dim everything but the node and its neighbours (null: undim). */
  function highlight(id) {
    if (id === null) {
      if (highlighted === null) return;
      highlighted = null;
    } else {
      highlighted = new Set([id].concat(network.getConnectedNodes(id)));
    }
    nodeSet.update(nodeItems(highlighted));
    edgeSet.update(edgeItems(highlighted));
    relabel();
  }

  function openCluster(j) {
    if (open.has(j)) return;
    open.add(j);
    highlighted = null;
    redraw();
    byId("kv-collapse").hidden = false;
  }

  // --- details panel ------------------------------------------------------------------------

  var details = byId("kv-details");

  function swatch(color) {
    var b = el("span", null, "kv-badge");
    b.style.background = color;
    return b;
  }

  function facts(list) {
    var dl = el("dl");
    (list || []).forEach(function (f) {
      if (f[1] === "" || f[1] === undefined) return;
      dl.appendChild(el("dt", f[0]));
      dl.appendChild(el("dd", f[1]));
    });
    return dl;
  }

  /* The node's page on the web. `iri` is only ever an http(s) IRI: graph.html.prepare leaves
   * out any other (graph.links), so a javascript: IRI in the data never becomes a link. */
  function iriLink(iri) {
    var p = el("p", null, "kv-iri");
    var a = el("a", iri);
    a.href = iri;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    p.appendChild(a);
    return p;
  }

  function quotes(list, heading) {
    var frag = document.createDocumentFragment();
    if (!list || !list.length) return frag;
    frag.appendChild(el("h3", heading + " (" + list.length + ")"));
    list.forEach(function (q) {
      var bq = el("blockquote", null, "kv-quote");
      bq.appendChild(el("span", q[1], "kv-quote-text"));
      var cite = [q[0] ? "§ " + q[0] : "", q[2] || ""].filter(Boolean).join(" · ");
      if (cite) bq.appendChild(el("cite", cite, "kv-section"));
      frag.appendChild(bq);
    });
    return frag;
  }

  function neighbourList(ids) {
    var ul = el("ul", null, "kv-neighbours");
    ids.slice(0, 60).forEach(function (id) {
      var li = el("li");
      var b = el("button", typeof id === "string" ? clusters[+id.slice(1)].label : nodes[id].label);
      b.type = "button";
      b.addEventListener("click", function () { goTo(id); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (ids.length > 60) ul.appendChild(el("li", say("more", { n: ids.length - 60 })));
    return ul;
  }

  function showNode(i) {
    var n = nodes[i];
    details.replaceChildren();
    details.appendChild(swatch(typeStyle[n.type].color)).textContent = typeStyle[n.type].label;
    details.appendChild(el("h2", n.label, "kv-label"));
    if (n.description) details.appendChild(el("p", n.description, "kv-description"));
    details.appendChild(facts(n.facts || [["id", n.ref], ["plans", n.plans.join(", ")]]));
    if (n.iri) details.appendChild(iriLink(n.iri));
    details.appendChild(quotes(n.quotes, W.quotes));
    var around = network.getConnectedNodes(i);
    if (around.length) {
      details.appendChild(el("h3", W.linked + " (" + around.length + ")"));
      details.appendChild(neighbourList(around));
    }
  }

  function showCluster(j) {
    var c = clusters[j];
    details.replaceChildren();
    details.appendChild(swatch(DATA.cluster.color)).textContent = W.group;
    details.appendChild(el("h2", c.label));
    details.appendChild(el("p", say("group_holds", { n: c.n })));
    var b = el("button", W.open_group, "kv-action");
    b.type = "button";
    b.addEventListener("click", function () { openCluster(j); });
    details.appendChild(b);
  }

  function showEdge(id) {
    if (typeof id !== "string" || id[0] !== "e") return;
    var e = DATA.edges[+id.slice(1)];
    details.replaceChildren();
    details.appendChild(swatch(kindStyle[e.kind].color)).textContent = kindStyle[e.kind].label;
    details.appendChild(el("h2", nodes[e.from].label + " – " + nodes[e.to].label));
    details.appendChild(facts(e.facts));
    details.appendChild(quotes(e.quotes, W.quotes));
  }

  function select(id) {
    if (typeof id === "string") {
      network.selectNodes([id]);
      highlight(id);
      showCluster(+id.slice(1));
    } else {
      network.selectNodes([id]);
      highlight(id);
      showNode(id);
    }
  }

  /* Select a node wherever it is: open its group, make it visible, centre on it. */
  function goTo(id) {
    if (typeof id === "number") {
      var c = clusterOf(id);
      if (c !== null && !open.has(c)) openCluster(c);
      var n = nodes[id];
      var changed = false;
      if (!on.type.has(n.type)) { on.type.add(n.type); changed = true; }
      if (n.type === "theme" && n.status && !on.status.has(n.status)) { on.status.add(n.status); changed = true; }
      if (n.ptype && !on.ptype.has(n.ptype)) { on.ptype.add(n.ptype); changed = true; }
      if (n.plans.length && !n.plans.some(function (p) { return on.plan.has(p); })) {
        on.plan.add(n.plans[0]); changed = true;
      }
      if (changed) { syncChecks(); applyFilters(); }
    }
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    select(id);
    relabel();
  }

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length) { highlight(null); showEdge(p.edges[0]); }
    else {
      highlight(null);
      showAbout();
    }
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && typeof p.nodes[0] === "string") openCluster(+p.nodes[0].slice(1));
  });

  // --- search -------------------------------------------------------------------------------

  var search = byId("kv-search");
  var results = byId("kv-results");
  var count = byId("kv-search-count");

  function find(query) {
    var q = fold(query).trim();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < nodes.length; i++) {
      var at = nodes[i].folded.indexOf(q);
      if (at >= 0) hits.push([at === 0 ? 0 : 1, nodes[i].label.length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.map(function (h) { return h[2]; });
  }

  function showResults() {
    var hits = find(search.value);
    results.replaceChildren();
    count.textContent = search.value.trim() ? say("found", { n: hits.length }) : "";
    hits.slice(0, 25).forEach(function (i) {
      var li = el("li");
      var b = el("button", null, "kv-hit");
      b.type = "button";
      b.dataset.node = String(i);
      b.appendChild(el("span", nodes[i].label, "kv-hit-label"));
      b.appendChild(document.createTextNode(" "));
      b.appendChild(el("span", typeStyle[nodes[i].type].label +
        (nodes[i].plans.length === 1 ? " · " + nodes[i].plans[0] : ""), "kv-type"));
      b.addEventListener("click", function () { goTo(i); });
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = find(search.value);
      if (hits.length) goTo(hits[0]);
    }
  });

  // --- legend and filters -------------------------------------------------------------------

  /* The legend's node shapes, as polygons in a box from -8 to 8 ("dot": a circle of radius 7);
   * the page's SVG icons and the PNG export's legend (png.js) both draw from this table. */
  var SHAPES = {
    square: [[-7, -7], [7, -7], [7, 7], [-7, 7]],
    diamond: [[0, -8], [8, 0], [0, 8], [-8, 0]],
    triangle: [[0, -8], [8, 7], [-8, 7]],
    hexagon: [[-7, -4], [0, -8], [7, -4], [7, 4], [0, 8], [-7, 4]],
    star: [[0, -8], [2, -3], [8, -3], [3, 1], [5, 7], [0, 3], [-5, 7], [-3, 1], [-8, -3], [-2, -3]]
  };

  function shapeIcon(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "-9 -9 18 18");
    var s;
    if (SHAPES[shape]) {
      s = document.createElementNS(SVG, "polygon");
      s.setAttribute("points", SHAPES[shape].map(function (p) { return p.join(","); }).join(" "));
    } else {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("r", "7");
    }
    s.setAttribute("fill", color);
    s.setAttribute("stroke", "#333");
    svg.appendChild(s);
    return svg;
  }

  function lineIcon(style) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "12");
    var l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", "1"); l.setAttribute("y1", "6");
    l.setAttribute("x2", "27"); l.setAttribute("y2", "6");
    l.setAttribute("stroke", style.color);
    l.setAttribute("stroke-width", String(Math.min(style.width + 0.5, 4)));
    if (style.dashes) l.setAttribute("stroke-dasharray", style.dashes.join(" "));
    svg.appendChild(l);
    return svg;
  }

  var checks = { type: {}, kind: {}, plan: {}, status: {}, ptype: {} };

  function row(parent, group, id, icon, label, n) {
    var lab = el("label", null, "kv-row");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.filter = group;
    box.dataset.value = id;
    box.addEventListener("change", function () {
      if (box.checked) on[group].add(id); else on[group].delete(id);
      applyFilters();
    });
    checks[group][id] = box;
    lab.appendChild(box);
    if (icon) lab.appendChild(icon);
    lab.appendChild(el("span", label, "kv-row-label"));
    if (n !== undefined) lab.appendChild(el("span", String(n), "kv-count"));
    parent.appendChild(lab);
  }

  function syncChecks() {
    Object.keys(checks).forEach(function (g) {
      Object.keys(checks[g]).forEach(function (id) { checks[g][id].checked = on[g].has(id); });
    });
  }

  function applyFilters() {
    nodeSet.update(nodeItems(highlighted));
    edgeSet.update(edgeItems(highlighted));
    relabel();
  }

  DATA.types.forEach(function (t) {
    row(byId("kv-types"), "type", t.id, shapeIcon(t.shape, t.color), t.label, t.count);
  });
  var focus = nodes.filter(function (n) { return n.focus; })[0];
  if (focus) {  /* the ring the focus of an ego picture is drawn in */
    var lab = el("div", null, "kv-focus");
    var icon = shapeIcon(typeStyle[focus.type].shape, typeStyle[focus.type].color);
    var ring = document.createElementNS(SVG, "circle");
    ring.setAttribute("r", "8.2");
    ring.setAttribute("fill", "none");
    ring.setAttribute("stroke", DATA.outline);
    ring.setAttribute("stroke-dasharray", "3 2");
    icon.setAttribute("viewBox", "-9.5 -9.5 19 19");
    icon.setAttribute("width", "22");
    icon.setAttribute("height", "22");
    icon.appendChild(ring);
    lab.appendChild(icon);
    lab.appendChild(el("span", W.focus + ": " + focus.label, "kv-row-label"));
    byId("kv-types").appendChild(lab);
  }
  if (DATA.statuses.length) {
    byId("kv-statuses").hidden = false;
    DATA.statuses.forEach(function (s) {
      var icon = shapeIcon("dot", typeStyle.theme.color);
      if (s.id === "priority") icon.firstChild.setAttribute("stroke-width", "3");
      row(byId("kv-statuses"), "status", s.id, icon, s.label, s.count);
    });
  }
  if (DATA.partnerTypes.length > 1) {  /* the same kind of partner across organisations */
    byId("kv-ptypes").hidden = false;
    var ptypes = byId("kv-ptypes").querySelector(".kv-plan-list");
    DATA.partnerTypes.forEach(function (t) {
      row(ptypes, "ptype", t.id, shapeIcon(typeStyle.partner.shape, typeStyle.partner.color),
        t.label, t.count);
    });
  }
  DATA.edgeKinds.forEach(function (k) {
    row(byId("kv-kinds"), "kind", k.id, lineIcon(k), k.label, k.count);
  });
  if (DATA.plans.length > 1) {
    byId("kv-plans").hidden = false;
    var list = byId("kv-plans").querySelector(".kv-plan-list");
    DATA.plans.forEach(function (p) { row(list, "plan", p.id, null, p.label + " (" + p.id + ")"); });
  }
  if (hasClusters) {
    var note = el("p", say("groups_note", { groups: clusters.length, nodes: nodes.length }),
      "kv-muted");
    byId("kv-types").appendChild(note);
  }

  // --- buttons ------------------------------------------------------------------------------

  byId("kv-fit").addEventListener("click", fitAll);
  byId("kv-collapse").addEventListener("click", function () {
    open.clear();
    highlighted = null;
    redraw();
    byId("kv-collapse").hidden = true;
  });

  // --- title, explanation, ready ------------------------------------------------------------

  /* The details panel before anything is clicked: what the picture shows, in full. */
  function showAbout() {
    details.replaceChildren(el("h2", W.about));
    var box = el("div", null, "kv-about");
    DATA.explanation.forEach(function (line) { box.appendChild(el("p", line)); });
    details.appendChild(box);
  }

  byId("kv-title").textContent = DATA.title;
  byId("kv-lead").textContent = DATA.explanation[0] || "";
  showAbout();

  network.once("afterDrawing", function () {
    window.kvReadyAt = performance.now();
    document.documentElement.dataset.kvReady = "1";
  });
  fitAll();
  /* For png.js (the PNG export) and the browser tests. */
  window.kv = {
    network: network, nodes: nodeSet, edges: edgeSet, data: DATA, goTo: goTo, fold: fold,
    options: OPTIONS, filters: on, labelItems: labelItems, relabel: relabel, drawFocus: drawFocus, shapes: SHAPES, uncarriedDashes: (kindStyle.crosslink || {}).uncarried
  };
})();
