/* kruisverband HTML export: which labels are drawn, and at what size.
 *
 * A hundred labels drawn at once overlap into a grey smear, and drawn at the font size of the
 * network they shrink to 5 px when the whole picture is fitted to the screen. So no label is
 * drawn smaller than MIN_PX on screen, and labels are drawn by importance (the rank
 * graph.html.prepare gives: the focus, plans, priority themes, themes, partners that serve
 * several themes, ...) as long as a label's box overlaps no label already drawn and no node
 * ranked above it (nor any group), and stays on the screen. Zoom in and more of them fit. The boxes are vis-network's own,
 * measured by drawing every candidate once, so what is checked is what is drawn. */
(function () {
  "use strict";

  var MIN_PX = 12;   // screen px: the smallest label drawn (the tests ask for 11 at least)
  var GAP = 2;       // screen px kept free round every label
  var EM = 12;       // a label wraps at this many times its font size

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function screenBox(net, left, top, right, bottom, pad) {
    var a = net.canvasToDOM({ x: left, y: top });
    var b = net.canvasToDOM({ x: right, y: bottom });
    return { left: a.x - pad, top: a.y - pad, right: b.x + pad, bottom: b.y + pad };
  }

  /* A label's font in network units: `base` when that is at least MIN_PX on screen, else
   * bigger, so that it is. `factor` enlarges one label (the focus of an ego picture). */
  function fontSize(net, base, factor) {
    var scale = net.getScale();
    return Math.max(base, MIN_PX / scale) * (factor || 1);
  }

  /* Give the nodes of `set` (a vis.DataSet of `net`) their labels for the current view.
   * `items`: [{id, text, rank, factor}] of the nodes shown; `width`, `height`: the screen
   * area (px) a label must stay inside (null: anywhere, for an image that grows to hold
   * them). Returns the ids labelled, in rank order. */
  function place(net, set, items, base, width, height) {
    var size = fontSize(net, base, 1);
    var candidates = items.slice().sort(function (a, b) { return a.rank - b.rank; });
    set.update(candidates.map(function (it) {
      var px = size * (it.factor || 1);
      return { id: it.id, label: it.text,
               font: { size: px }, widthConstraint: { maximum: px * (it.em || EM) } };
    }));
    net.redraw();  // vis-network measures each label as it draws it
    var nodes = net.body.nodes;
    var shapes = [];
    candidates.forEach(function (it) {
      var n = nodes[it.id];
      if (!n) return;
      var r = n.options.size || 10;
      shapes.push({ id: it.id, rank: it.rank, box: screenBox(net, n.x - r, n.y - r, n.x + r, n.y + r, 0) });
    });
    var taken = [];
    var chosen = [];
    var dropped = [];
    candidates.forEach(function (it) {
      var n = nodes[it.id];
      var s = n && n.labelModule && n.labelModule.size;
      var ok = !!(s && s.width && it.text);
      var box = ok && screenBox(net, s.left, s.top, s.left + s.width, s.top + s.height, GAP);
      ok = ok && (width === null ||
        box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height);
      ok = ok && !taken.some(function (t) { return overlaps(t, box); });
      /* a label may cover a node of lower rank (unlabelled, most of them), not one above */
      ok = ok && !shapes.some(function (sh) {
        return sh.id !== it.id && (sh.rank <= it.rank || typeof sh.id === "string") &&
          overlaps(sh.box, box);
      });
      if (ok) { taken.push(box); chosen.push(it.id); } else dropped.push({ id: it.id, label: "" });
    });
    set.update(dropped);
    return chosen;
  }

  /* The screen boxes of the labels drawn now, for the browser tests: [{id, left, top,
   * right, bottom, px}] with px the font size on screen. */
  function drawn(net, ids) {
    var scale = net.getScale();
    return ids.map(function (id) {
      var n = net.body.nodes[id];
      var s = n.labelModule.size;
      var box = screenBox(net, s.left, s.top, s.left + s.width, s.top + s.height, 0);
      box.id = id;
      box.px = n.labelModule.fontOptions.size * scale;
      return box;
    });
  }

  window.kvLabels = { place: place, drawn: drawn, fontSize: fontSize, MIN_PX: MIN_PX };
})();
