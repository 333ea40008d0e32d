/* kruisverband HTML export: "Save picture as PNG". The whole drawing, not only the part in view,
 * at twice the screen's resolution, with the page's title and the legend on the image.
 *
 * HTML cannot be turned into pixels without a library, so title and legend are drawn here as
 * canvas text and shapes. The network is drawn by a second, hidden vis-network instance holding
 * the nodes and edges as shown now (filters, highlight, dragged positions), sized to hold all of
 * them: the network on screen keeps its view. The last export's geometry (in image pixels) is
 * left in window.kvExport, so a test can check where the nodes, title and legend went. Which
 * labels are drawn is decided again for the image, as labels.js does on screen. */
(function () {
  "use strict";

  var kv = window.kv;
  var DATA = kv.data;
  var RES = 2;                // image pixels per screen pixel
  var MAX_SIDE = 16000;       // Chromium draws no canvas side above 32,767 px
  var MAX_AREA = 80e6;        // nor more than 268 million pixels; 80 million take 320 MB
  var PAD = 16, GAP = 24;     // screen pixels, like every size below
  var MIN_WIDTH = 720;        // so that a small picture's title is not wrapped word by word
  var INK = "#1a1a1a", MUTED = "#444444";
  var FACE = "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";
  var W = DATA.words;  /* the page's words in its language (graph.html.words) */

  function shown(set) { return set.get({ filter: function (item) { return !item.hidden; } }); }

  function union(a, b) {
    return { left: Math.min(a.left, b.left), top: Math.min(a.top, b.top),
             right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
  }

  /* The box round the nodes `ids` of network `net` and their labels, in network coordinates.
   * getBoundingBox can leave out the last line of a wrapped label (seen with vis-network
   * 9.1.2: a four-line label's box ended 11 units early), so the label's own box is added. */
  function extent(net, ids) {
    var box = ids.reduce(function (box, id) {
      var b = net.getBoundingBox(id);
      b = { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
      var node = net.body && net.body.nodes[id];
      var size = node && node.labelModule && node.labelModule.size;
      if (size && size.width) {
        b = union(b, { left: size.left, top: size.top,
                       right: size.left + size.width, bottom: size.top + size.height });
      }
      return box ? union(box, b) : b;
    }, null);
    return box || { left: -100, top: -50, right: 100, bottom: 50 };
  }

  function contains(outer, inner) {
    return inner.left >= outer.left && inner.top >= outer.top &&
      inner.right <= outer.right && inner.bottom <= outer.bottom;
  }

  /* Image pixels per network unit: RES times the screen at zoom 1, less if the image would
   * be larger than a canvas can be. */
  function drawingScale(box, dpr) {
    var w = box.right - box.left + 2 * PAD, h = box.bottom - box.top + 2 * PAD;
    return Math.min(RES * dpr, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_AREA / (w * h)));
  }

  /* The nodes and edges shown, drawn by a hidden vis-network of their copies. Labels are
   * measured again at the export's scale (the screen's boxes can be a line short), and the
   * canvas grows until all of them fit. Calls use(canvas, box, scale, zero, labels), `zero`
   * being where the network's (0, 0) is on that canvas and `labels` how many labels it drew,
   * and returns what it returns (the network
   * is gone after: a big canvas is not kept twice in memory). */
  function drawNetwork(dpr, use) {
    var at = kv.network.getPositions();
    var nodes = shown(kv.nodes).map(function (n) {
      return Object.assign({}, n, at[n.id] ? { x: at[n.id].x, y: at[n.id].y } : {});
    });
    var ids = nodes.map(function (n) { return n.id; });
    var box = extent(kv.network, ids);
    var focus = DATA.nodes.filter(function (n) { return n.focus; })[0];
    var air = focus ? focus.size + 16 : 8;  // a thick border, or the focus's ring, stays in
    box = { left: box.left - air, top: box.top - air, right: box.right + air,
            bottom: box.bottom + air };
    var holder = document.createElement("div");
    var st = holder.style;
    st.position = "fixed"; st.left = "0"; st.top = "0";
    st.visibility = "hidden"; st.pointerEvents = "none"; st.zIndex = "-1";
    document.body.appendChild(holder);
    var options = Object.assign({}, kv.options, {
      autoResize: false,
      interaction: { dragNodes: false, dragView: false, zoomView: false, hover: false,
                     keyboard: false, navigationButtons: false, selectable: false },
      nodes: Object.assign({}, kv.options.nodes, {
        scaling: { label: { enabled: false, maxVisible: 1000, drawThreshold: 1 } }
      })
    });
    var set = new vis.DataSet(nodes);
    var net = new vis.Network(holder, { nodes: set, edges: new vis.DataSet(shown(kv.edges)) },
      options);
    net.on("beforeDrawing", function (ctx) { kv.drawFocus(net, ctx); });
    var labelled = [];
    try {
      var scale;
      for (var pass = 0; ; pass++) {
        scale = drawingScale(box, dpr);
        var w = Math.ceil((box.right - box.left) * scale / dpr) + "px";
        var h = Math.ceil((box.bottom - box.top) * scale / dpr) + "px";
        st.width = w; st.height = h;
        net.setSize(w, h);
        net.moveTo({
          position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
          scale: scale / dpr, animation: false
        });
        /* the labels chosen again at the image's scale (labels.js): at twice the screen
         * more of them fit than in the view on screen, and they keep the network's size */
        labelled = kvLabels.place(net, set, kv.labelItems(), kv.data.fontSize || 14, null, null);
        net.redraw();
        var drawn = extent(net, ids);
        if (contains(box, drawn) || pass === 2) break;
        box = union(box, drawn);
      }
      var zero = net.canvasToDOM({ x: 0, y: 0 });
      return use(holder.querySelector("canvas"), box, scale, { x: zero.x * dpr, y: zero.y * dpr },
        labelled.length);
    } finally {
      net.destroy();
      holder.remove();
    }
  }

  // --- legend -------------------------------------------------------------------------------

  /* The legend's sections as shown on the page, less what the filters hide now; `groups`:
   * how many closed groups are drawn. */
  function legendSections(groups) {
    var on = kv.filters;
    var sections = [];
    var types = DATA.types.filter(function (t) { return on.type.has(t.id); }).map(function (t) {
      return { group: "type", id: t.id, shape: t.shape, color: t.color, label: t.label, count: t.count };
    });
    if (groups) {
      types.push({ group: "type", id: "group", shape: "dot", color: DATA.cluster.color,
                   label: W.group_of_nodes, count: groups });
    }
    DATA.nodes.forEach(function (n) {
      if (n.focus && on.type.has(n.type)) {
        var st = DATA.types.filter(function (t) { return t.id === n.type; })[0];
        types.push({ group: "focus", id: "focus", shape: st.shape, color: st.color,
                     label: W.focus + ": " + n.label, border: 3 });
      }
    });
    sections.push({ heading: W.node_types, rows: types });
    if (DATA.statuses.length && on.type.has("theme")) {
      var theme = DATA.types.filter(function (t) { return t.id === "theme"; })[0];
      sections.push({ heading: W.theme_status, rows: DATA.statuses.filter(function (s) {
        return on.status.has(s.id);
      }).map(function (s) {
        return { group: "status", id: s.id, shape: "dot", color: theme.color, label: s.label,
                 count: s.count, border: s.id === "priority" ? 3 : 1 };
      }) });
    }
    var kinds = DATA.edgeKinds.filter(function (k) { return on.kind.has(k.id); }).map(function (k) {
      return { group: "kind", id: k.id, line: k, color: k.color, label: k.label, count: k.count };
    });
    var uncarried = DATA.edges.filter(function (e) { return e.uncarried; }).length;
    if (uncarried && on.kind.has("crosslink")) {
      var cl = DATA.edgeKinds.filter(function (k) { return k.id === "crosslink"; })[0];
      kinds.push({ group: "kind", id: "uncarried", color: cl.color, label: W.uncarried,
                   count: uncarried, line: { width: cl.width, dashes: kv.uncarriedDashes } });
    }
    if (groups) {
      kinds.push({ group: "kind", id: "group", color: DATA.groupEdge.color,
                   label: DATA.groupEdge.label, line: DATA.groupEdge });
    }
    sections.push({ heading: W.edge_kinds, rows: kinds });
    return sections.filter(function (s) { return s.rows.length; });
  }

  function font(ctx, px, bold) { ctx.font = (bold ? "600 " : "") + px + "px " + FACE; }

  function drawShape(ctx, shape, color, x, y, u, border) {
    var pts = kv.shapes[shape];
    ctx.beginPath();
    if (pts) {
      pts.forEach(function (p, i) {
        if (i) ctx.lineTo(x + p[0] * u, y + p[1] * u); else ctx.moveTo(x + p[0] * u, y + p[1] * u);
      });
      ctx.closePath();
    } else {
      ctx.arc(x, y, 7 * u, 0, 2 * Math.PI);
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = (border || 1) * u;
    ctx.strokeStyle = border > 1 ? "#000000" : "#333333";
    ctx.stroke();
  }

  function drawLine(ctx, style, color, x, y, u) {
    ctx.beginPath();
    ctx.setLineDash(style.dashes ? style.dashes.map(function (d) { return d * u; }) : []);
    ctx.moveTo(x, y);
    ctx.lineTo(x + 28 * u, y);
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.min(style.width + 0.5, 4) * u;
    ctx.stroke();
    ctx.setLineDash([]);
  }

  var ROW = 22, ICON = 28, HEAD = 24;

  function legendSize(ctx, sections, u) {
    var width = 0, height = HEAD * u;
    font(ctx, 15 * u, true);
    width = ctx.measureText(W.legend).width;
    sections.forEach(function (s) {
      font(ctx, 13 * u, true);
      width = Math.max(width, ctx.measureText(s.heading).width);
      height += (HEAD - 4) * u;
      s.rows.forEach(function (r) {
        font(ctx, 13 * u);
        var w = (ICON + 8) * u + ctx.measureText(r.label).width;
        if (r.count !== undefined) w += 14 * u + ctx.measureText(String(r.count)).width;
        width = Math.max(width, w);
        height += ROW * u;
      });
      height += 6 * u;
    });
    return { width: Math.ceil(width), height: Math.ceil(height) };
  }

  /* Draws the legend with its top left at (x, y); returns each icon's centre and colour. */
  function drawLegend(ctx, sections, x, y, width, u) {
    var swatches = [];
    ctx.textBaseline = "middle";
    ctx.fillStyle = INK;
    font(ctx, 15 * u, true);
    ctx.fillText(W.legend, x, y + HEAD * u / 2);
    y += HEAD * u;
    sections.forEach(function (s) {
      ctx.fillStyle = INK;
      font(ctx, 13 * u, true);
      ctx.fillText(s.heading, x, y + (HEAD - 4) * u / 2);
      y += (HEAD - 4) * u;
      s.rows.forEach(function (r) {
        var mid = y + ROW * u / 2;
        var icon;
        if (r.line) {
          drawLine(ctx, r.line, r.color, x, mid, u);
          icon = { x: x + 1.5 * u, y: mid };  // inside the first dash of any pattern
        } else {
          drawShape(ctx, r.shape, r.color, x + ICON * u / 2, mid, u, r.border);
          icon = { x: x + ICON * u / 2, y: mid };
        }
        swatches.push({ group: r.group, id: r.id, color: r.color, x: icon.x, y: icon.y });
        ctx.fillStyle = INK;
        font(ctx, 13 * u);
        ctx.textAlign = "left";
        ctx.fillText(r.label, x + (ICON + 8) * u, mid);
        if (r.count !== undefined) {
          ctx.fillStyle = MUTED;
          ctx.textAlign = "right";
          ctx.fillText(String(r.count), x + width, mid);
          ctx.textAlign = "left";
        }
        y += ROW * u;
      });
      y += 6 * u;
    });
    return swatches;
  }

  // --- title --------------------------------------------------------------------------------

  /* `text` broken into lines no wider than `width` at the context's font. */
  function wrap(ctx, text, width) {
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; }
      else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }

  function headerLines(ctx, width, u) {
    font(ctx, 20 * u, true);
    var title = wrap(ctx, DATA.title, width);
    font(ctx, 13 * u);
    var lead = DATA.explanation && DATA.explanation[0] ? wrap(ctx, DATA.explanation[0], width) : [];
    return { title: title, lead: lead, height: (title.length * 26 + lead.length * 19 + 10) * u };
  }

  function drawHeader(ctx, lines, x, y, u) {
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    ctx.fillStyle = INK;
    font(ctx, 20 * u, true);
    var width = 0;
    lines.title.forEach(function (line, i) {
      ctx.fillText(line, x, y + (i + 0.5) * 26 * u);
      width = Math.max(width, ctx.measureText(line).width);
    });
    var titleBox = { x: x, y: y, width: Math.ceil(width), height: lines.title.length * 26 * u };
    y += titleBox.height;
    ctx.fillStyle = MUTED;
    font(ctx, 13 * u);
    lines.lead.forEach(function (line, i) { ctx.fillText(line, x, y + (i + 0.5) * 19 * u); });
    return titleBox;
  }

  // --- the image ----------------------------------------------------------------------------

  /* The whole picture on a new canvas; its geometry in image pixels goes to window.kvExport. */
  function picture() {
    var dpr = window.devicePixelRatio || 1;
    var u = RES * dpr;                        // image pixels per screen pixel, for text
    var pad = PAD * u;
    var groups = shown(kv.nodes).filter(function (n) { return typeof n.id === "string"; });
    var sections = legendSections(groups.length);
    return drawNetwork(dpr, function (drawing, box, scale, zero, labels) {
      var dw = drawing.width, dh = drawing.height;
      var out = document.createElement("canvas");
      var ctx = out.getContext("2d");
      var legend = legendSize(ctx, sections, u);
      var width = Math.max(Math.ceil(pad + dw + GAP * u + legend.width + pad), MIN_WIDTH * u);
      var lines = headerLines(ctx, width - 2 * pad, u);
      var top = Math.ceil(pad + lines.height);
      out.width = width;
      out.height = Math.ceil(top + Math.max(dh, legend.height) + pad);

      ctx = out.getContext("2d");  // resizing a canvas resets its state
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      var title = drawHeader(ctx, lines, pad, pad, u);
      ctx.drawImage(drawing, pad, top);
      var lx = pad + dw + GAP * u;
      var swatches = drawLegend(ctx, sections, lx, top, legend.width, u);

      window.kvExport = {
        width: out.width, height: out.height, dpr: dpr, scale: scale, box: box, labels: labels,
        origin: { x: pad + zero.x, y: top + zero.y },
        drawing: { x: pad, y: top, width: dw, height: dh },
        title: Object.assign({ text: DATA.title, lines: lines.title.length }, title),
        legend: { x: lx, y: top, width: legend.width, height: legend.height, swatches: swatches }
      };
      return out;
    });
  }

  var button = document.getElementById("kv-png");
  button.addEventListener("click", function () {
    button.disabled = true;
    var out;
    try {
      out = picture();
    } catch (err) {
      button.disabled = false;
      throw err;
    }
    out.toBlob(function (blob) {
      button.disabled = false;
      if (!blob) throw new Error("the browser could not encode a " + out.width + "×" + out.height + " PNG");
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = DATA.filename + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    }, "image/png");
  });
})();
