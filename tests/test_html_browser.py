"""The HTML exports in real headless Chromium, opened from disk with every request blocked.

Each page must draw without console errors and without asking the network for anything;
search must find a partner whatever the case or accents; a click must show its quote; a
label made of markup must stay text; the PNG button must hand over the whole drawing at twice
the screen's resolution, with the title and the legend.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_browser import CHROMIUM, browser, opened
from test_html_export import ACCENT_LABEL, HOSTILE_QUOTE, XSS_LABEL, records, write_pages

from graph.config import Settings

__all__ = ["records"]  # the session fixture, shared with test_html_export

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser test needs Debian's chromium at /usr/bin/chromium "
    "(apt-get install chromium); .ci/run installs it",
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def pages(records, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_pages(records, tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as b:
        yield b


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Any]:
    """Open a page; on leaving, check it made no request and logged no error."""
    logs = []

    def _open(path: Path, pixel_ratio: float = 1):
        cm = opened(chromium, path, pixel_ratio=pixel_ratio)
        page, log = cm.__enter__()
        logs.append((cm, log))
        return page, log

    yield _open
    for cm, log in logs:
        cm.__exit__(None, None, None)
        assert not log.foreign, f"requests left the page: {log.foreign}"
        assert not log.blocked, f"blocked requests: {log.blocked}"
        assert not log.console_errors, log.console_errors
        assert not log.page_errors, log.page_errors
        assert not log.dialogs, f"a dialog opened: {log.dialogs}"


def search(page: Any, text: str) -> list[str]:
    page.fill("#kv-search", text)
    return page.locator("#kv-results .kv-hit-label").all_text_contents()


@pytest.mark.parametrize("name", ["plan", "ego", "crosslinks", "compare", "large"])
def test_page_draws_offline_without_errors(open_page, pages, name: str) -> None:
    page, log = open_page(pages[name])
    assert log.requests == [log.url]
    assert page.locator("#kv-network canvas").count() == 1
    legend = page.locator("#kv-types .kv-row").all_text_contents()
    assert legend and all(any(ch.isdigit() for ch in row) for row in legend)
    assert page.text_content("#kv-title").strip()
    assert page.locator("#kv-details p").count() >= 2  # the explanation


def test_search_folds_case_and_accents(open_page, pages) -> None:
    page, _ = open_page(pages["plan"])
    for query in ("politie", "Politie", "POLITIE"):
        assert "Politie" in search(page, query)
    for query in ("Ondermijning", "ondermijning"):
        assert any("ondermijn" in hit.lower() for hit in search(page, query))
    assert ACCENT_LABEL in search(page, "coordinatiepunt")
    assert ACCENT_LABEL in search(page, "COÖRDINATIEPUNT")
    assert search(page, "zzzz-nothing") == []
    assert page.text_content("#kv-search-count") == "0 gevonden"


def test_click_shows_description_and_quotes(open_page, pages, records) -> None:
    data, details = records
    politie = next(p for p in data.partners.values() if p.id == "politie")
    quote = details.quotes_of(politie.iri, ["nijmegen-2022"])[0]
    page, _ = open_page(pages["plan"])
    search(page, "politie")
    page.locator("#kv-results button", has_text="Politie").first.click()
    assert page.text_content("#kv-details h2") == "Politie"
    # now a real click on the canvas where the node is drawn
    page.click("#kv-fit")
    page.locator("#kv-details").evaluate("d => d.replaceChildren()")
    index = page.evaluate(
        "kv.data.nodes.findIndex(n => n.ref === 'politie')",
    )
    x, y = page.evaluate(
        """i => { const p = kv.network.canvasToDOM(kv.network.getPositions([i])[i]);
                  const r = document.getElementById('kv-network').getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y]; }""",
        index,
    )
    page.evaluate("i => kv.network.focus(i, {scale: 1.5, animation: false})", index)
    x, y = page.evaluate(
        """i => { const p = kv.network.canvasToDOM(kv.network.getPositions([i])[i]);
                  const r = document.getElementById('kv-network').getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y]; }""",
        index,
    )
    page.mouse.click(x, y)
    assert page.text_content("#kv-details h2") == "Politie"
    quotes = page.locator("#kv-details .kv-quote-text").all_text_contents()
    assert quote.text in quotes
    sections = page.locator("#kv-details .kv-section").all_text_contents()
    assert any(quote.section in s for s in sections)
    # neighbourhood highlight: a node not linked to Politie is dimmed, a neighbour is not
    faded = page.evaluate(
        """i => { const near = new Set(kv.network.getConnectedNodes(i).concat([i]));
                  const all = kv.nodes.get();
                  const far = all.find(n => !near.has(n.id));
                  const close = all.find(n => near.has(n.id) && n.id !== i);
                  return [far.color.background, close.color.background]; }""",
        index,
    )
    assert faded[0].startswith("rgba(") and not faded[1].startswith("rgba(")


def test_details_quote_only_the_plan_drawn(open_page, pages, records) -> None:
    """The police is named by both plans; Nijmegen's page shows Nijmegen's sentences only, and
    the count in the heading is the number of sentences below it."""
    data, details = records
    politie = next(p for p in data.partners.values() if p.id == "politie")
    nijmegen = [q for q in details.quotes[politie.iri] if q.context.startswith("nijmegen-2022: ")]
    assert 0 < len(nijmegen) < len(details.quotes[politie.iri])
    page, _ = open_page(pages["plan"])
    search(page, "politie")
    page.locator("#kv-results button", has_text="Politie").first.click()
    headings = page.locator("#kv-details h3").all_text_contents()
    assert f"In de woorden van het plan ({len(nijmegen)})" in headings
    assert page.locator("#kv-details .kv-quote").count() == len(nijmegen)
    cites = page.locator("#kv-details .kv-section").all_text_contents()
    assert len(cites) == len(nijmegen) and all("nijmegen-2022: " in c for c in cites)


def test_markup_label_stays_text_and_runs_nothing(open_page, pages) -> None:
    page, log = open_page(pages["plan"])
    hits = search(page, "img src")
    assert hits == [XSS_LABEL]
    page.locator("#kv-results button").first.click()
    assert page.text_content("#kv-details h2") == XSS_LABEL
    assert HOSTILE_QUOTE in page.locator("#kv-details .kv-quote-text").all_text_contents()
    assert "<script>alert(2)</script>" in page.text_content("#kv-details .kv-description")
    assert page.locator("img").count() == 0
    assert page.locator("#kv-details script, #kv-details b, #kv-details i").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert not log.dialogs
    # hovering the node shows its name (also where no label fits) as text, not markup
    page.click("#kv-fit")
    index = page.evaluate(f"kv.data.nodes.findIndex(n => n.label === {XSS_LABEL!r})")
    x, y = page.evaluate(
        """i => { const p = kv.network.canvasToDOM(kv.network.getPositions([i])[i]);
                  const r = document.getElementById('kv-network').getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y]; }""",
        index,
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y)
    page.wait_for_selector(".vis-tooltip", state="visible", timeout=3000)
    assert page.text_content(".vis-tooltip") == XSS_LABEL
    assert page.locator("img").count() == 0 and page.evaluate("window.__pwned") is None


def test_filters_hide_nodes_and_their_edges(open_page, pages) -> None:
    page, _ = open_page(pages["plan"])
    page.uncheck('input[data-filter="type"][data-value="partner"]')
    hidden = page.evaluate(
        """() => {
          const isPartner = i => kv.data.nodes[i].type === 'partner';
          const partners = kv.nodes.get().filter(n => isPartner(n.id));
          const edges = kv.edges.get().filter(e => isPartner(e.from) || isPartner(e.to));
          return [partners.every(n => n.hidden), edges.every(e => e.hidden), partners.length];
        }"""
    )
    assert hidden == [True, True, 48 + 2]
    page.uncheck('input[data-filter="kind"][data-value="crosslink"]')
    assert page.evaluate(
        "kv.edges.get().filter(e => e.id[0] === 'e' && kv.data.edges[+e.id.slice(1)].kind"
        " === 'crosslink').every(e => e.hidden)"
    )
    page.uncheck('input[data-filter="status"][data-value="core"]')
    assert page.evaluate(
        "kv.nodes.get().filter(n => kv.data.nodes[n.id].status === 'core').every(n => n.hidden)"
    )
    # compare page: a plan filter
    page2, _ = open_page(pages["compare"])
    page2.uncheck('input[data-filter="plan"][data-value="nijmegen-2022"]')
    assert page2.evaluate(
        "kv.nodes.get().filter(n => kv.data.nodes[n.id].plans.join() === 'nijmegen-2022')"
        ".every(n => n.hidden)"
    )


def test_partner_type_filter_hides_one_kind_of_partner(open_page, pages) -> None:
    """Issue 11: the pages gain a type level. On the picture of both plans, the RIEC of each
    plan (RIEC Oost-Nederland, RIEC Den Haag) is one row of the partner-type filter."""
    page, _ = open_page(pages["both"])
    assert page.locator("#kv-ptypes").is_visible()
    riec = page.locator('#kv-ptypes label:has(input[data-value="riec"])')
    assert riec.locator(".kv-row-label").text_content() == "RIEC"
    assert riec.locator(".kv-count").text_content() == "2"
    page.uncheck('input[data-filter="ptype"][data-value="riec"]')
    shown = page.evaluate(
        """() => {
          const data = i => kv.data.nodes[i];
          const partners = kv.nodes.get().filter(n => data(n.id).type === 'partner');
          const riec = partners.filter(n => data(n.id).ptype === 'riec');
          return [riec.map(n => data(n.id).ref).sort(), riec.every(n => n.hidden),
                  partners.filter(n => data(n.id).ptype !== 'riec').some(n => n.hidden)];
        }"""
    )
    assert shown == [["riec-den-haag", "riec-oost-nederland"], True, False]


INK = 90  # a pixel darker than this in every channel is text (the title is #1a1a1a)


def export_png(page: Any) -> tuple[Any, dict]:
    """Click "Save picture as PNG": the downloaded image, decoded, and the export's geometry."""
    from PIL import Image

    with page.expect_download() as info:
        page.click("#kv-png")
    download = info.value
    assert download.suggested_filename.endswith(".png")
    data = Path(download.path()).read_bytes()
    assert data[:8] == PNG_MAGIC
    return Image.open(io.BytesIO(data)).convert("RGB"), page.evaluate("window.kvExport")


def near(pixel: tuple[int, ...], color: str, tolerance: int = 12) -> bool:
    want = bytes.fromhex(color.lstrip("#"))
    return all(abs(p - w) <= tolerance for p, w in zip(pixel, want, strict=True))


def dark_pixels(image: Any, box: dict) -> list[tuple[int, int]]:
    crop = image.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
    w = crop.width
    return [(i % w, i // w) for i, p in enumerate(crop.get_flattened_data()) if max(p) < INK]


@pytest.mark.parametrize(("name", "pixel_ratio"), [("plan", 1), ("compare", 1), ("ego", 2)])
def test_png_export_is_whole_drawing_at_2x_with_title_and_legend(
    open_page, pages, name: str, pixel_ratio: float
) -> None:
    page, _ = open_page(pages[name], pixel_ratio)
    # zoomed in on one node, the screen shows a few nodes; the image must still hold them all
    page.evaluate(
        "kv.network.moveTo({position: kv.network.getPositions([0])[0], scale: 3, animation: false})"
    )
    view = "[kv.network.getScale(), kv.network.getViewPosition()]"
    before = page.evaluate(view)
    image, geo = export_png(page)
    assert page.evaluate(view) == before  # the view on screen is left as it was
    assert image.size == (geo["width"], geo["height"])
    assert geo["dpr"] == pixel_ratio
    assert geo["scale"] >= 2 * pixel_ratio  # twice the screen at zoom 1
    assert page.evaluate("kv.data.fontSize") * geo["scale"] >= 2 * 11  # readable labels
    # the image names at least the nodes the screen names at its first view (it is larger)
    page.evaluate("kv.network.fit({animation: false}); kv.relabel()")
    assert geo["labels"] >= page.evaluate("window.kvLabelled.length") > 0

    drawing, legend, title = geo["drawing"], geo["legend"], geo["title"]
    assert drawing["x"] + drawing["width"] <= legend["x"]  # the legend covers no node
    assert legend["x"] + legend["width"] <= image.width
    assert legend["y"] + legend["height"] <= image.height
    nodes = page.evaluate(
        """() => kv.nodes.get().filter(n => !n.hidden).map(n => [
             kv.network.getBoundingBox(n.id), kv.network.getPositions([n.id])[n.id], n.size,
             n.color.background])"""
    )
    assert len(nodes) == page.evaluate("kv.data.nodes.length")
    s, (ox, oy) = geo["scale"], (geo["origin"]["x"], geo["origin"]["y"])
    seen = 0
    for box, at, size, color in nodes:
        assert drawing["x"] - 1 <= ox + box["left"] * s
        assert ox + box["right"] * s <= drawing["x"] + drawing["width"] + 1
        assert drawing["y"] - 1 <= oy + box["top"] * s
        assert oy + box["bottom"] * s <= drawing["y"] + drawing["height"] + 1
        # its colour somewhere in the middle of its shape (another's label may cross it)
        x, y, r = ox + at["x"] * s, oy + at["y"] * s, size * s / 3
        grid = [(x + i * r / 2, y + j * r / 2) for i in range(-2, 3) for j in range(-2, 3)]
        seen += any(near(image.getpixel((round(a), round(b))), color) for a, b in grid)
    assert seen >= 0.97 * len(nodes)  # drawn where the geometry says

    # the title: one or more lines of dark text above the drawing, as wide as measured
    assert title["text"] == page.text_content("#kv-title")
    assert title["y"] + title["height"] <= drawing["y"]
    ink = dark_pixels(image, title)
    assert len(ink) > 20 * len(title["text"])
    xs = [x for x, _ in ink]
    assert max(xs) - min(xs) >= 0.9 * title["width"] / title["lines"]

    # the legend: every node type and edge kind, its icon in its colour, its label beside it
    swatches = legend["swatches"]
    types = page.evaluate("kv.data.types.map(t => t.id)")
    kinds = page.evaluate("kv.data.edgeKinds.map(k => k.id)")
    assert [w["id"] for w in swatches if w["group"] == "type"] == types
    assert [w["id"] for w in swatches if w["group"] == "kind"][: len(kinds)] == kinds
    for w in swatches:
        assert near(image.getpixel((round(w["x"]), round(w["y"]))), w["color"]), w
    assert len(dark_pixels(image, legend)) > 200 * len(swatches)


def test_png_export_leaves_out_what_the_filters_hide(open_page, pages) -> None:
    page, _ = open_page(pages["plan"])
    page.uncheck('input[data-filter="type"][data-value="partner"]')
    image, geo = export_png(page)
    assert "partner" not in [w["id"] for w in geo["legend"]["swatches"]]
    partner = page.evaluate("kv.data.types.find(t => t.id === 'partner').color")
    drawing = geo["drawing"]
    crop = image.crop(
        (
            drawing["x"],
            drawing["y"],
            drawing["x"] + drawing["width"],
            drawing["y"] + drawing["height"],
        )
    )
    colours = {c for _n, c in crop.getcolors(crop.width * crop.height)}  # each colour once
    assert not any(near(c, partner, 4) for c in colours)


def test_large_graph_is_grouped_and_search_opens_a_group(open_page, pages) -> None:
    page, _ = open_page(pages["large"])
    drawn = page.evaluate("kv.nodes.length")
    assert drawn < 500  # the groups, not 5,000 nodes
    assert search(page, "partner 1000 ")[0] == "Partner 1000 (zorg)"
    page.locator("#kv-results button").first.click()
    assert page.text_content("#kv-details h2") == "Partner 1000 (zorg)"
    assert page.evaluate("kv.nodes.length") > drawn  # its group opened
    page.click("#kv-collapse")
    assert page.evaluate("kv.nodes.length") == drawn


# Every label drawn at the first view, as vis-network itself measured and drew it: text, the
# font size on screen, and its box in screen pixels (vis draws no label under 5 px on screen)
DRAWN_LABELS = """() => {
  const net = kv.network, scale = net.getScale(), out = [];
  const shown = new Set(kv.nodes.get().filter(n => !n.hidden).map(n => n.id));
  for (const id of Object.keys(net.body.nodes)) {
    const n = net.body.nodes[id], m = n.labelModule;
    const key = isNaN(+id) ? id : +id;
    if (!shown.has(key) || !n.options.label || !m.size.width) continue;
    const px = m.fontOptions.size * scale;
    if (px < 5) continue;
    const a = net.canvasToDOM({x: m.size.left, y: m.size.top});
    const b = net.canvasToDOM({x: m.size.left + m.size.width, y: m.size.top + m.size.height});
    out.push({id: key, text: n.options.label, px: px,
              left: a.x, top: a.y, right: b.x, bottom: b.y});
  }
  const c = document.querySelector('#kv-network canvas');
  return {labels: out, width: c.clientWidth, height: c.clientHeight};
}"""


def drawn_labels(page: Any) -> tuple[list[dict], float, float]:
    page.wait_for_timeout(150)  # a zoom relabels after 80 ms; let none be pending
    seen = page.evaluate(DRAWN_LABELS)
    return seen["labels"], seen["width"], seen["height"]


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    ]


@pytest.mark.parametrize("name", ["plan", "ego", "crosslinks", "compare", "large"])
def test_labels_at_first_view_are_readable_and_apart(open_page, pages, name: str) -> None:
    """At the first view every label drawn is at least 11 px on screen (from the canvas
    scale), no two drawn labels overlap, none is cut off at the edge, and the important
    nodes are among them: every theme of a plan, every node of a small ego picture."""
    page, _ = open_page(pages[name])
    labels, width, height = drawn_labels(page)
    assert labels
    small = [(x["text"], round(x["px"], 1)) for x in labels if x["px"] < 11]
    assert not small, f"labels under 11 px: {small}"
    assert not overlapping(labels), overlapping(labels)
    cut = [x["text"] for x in labels if x["left"] < 0 or x["top"] < 0]
    cut += [x["text"] for x in labels if x["right"] > width or x["bottom"] > height]
    assert not cut, f"labels cut off at the edge: {cut}"
    texts = {x["text"] for x in labels}
    nodes = page.evaluate("kv.data.nodes")
    if name == "plan":
        themes = {n["label"] for n in nodes if n["type"] == "theme"}
        assert {t for t in themes if t not in texts} == set()  # every theme of the plan
    if name in ("plan", "crosslinks"):
        themes = {n["label"] for n in nodes if n["type"] == "theme"}
        assert len(themes) >= 8 and len(themes & texts) >= 0.8 * len(themes)
    if name == "ego":
        assert len(texts) == len(nodes)  # nine nodes: all of them fit
    if name == "compare":
        assert len(texts) >= 0.5 * len(nodes)


def test_zooming_in_labels_more_and_keeps_them_apart(open_page, pages) -> None:
    page, _ = open_page(pages["plan"])
    first, _, _ = drawn_labels(page)
    page.evaluate(
        "kv.network.moveTo({scale: kv.network.getScale() * 2.5, animation: false});"
        "kv.network.emit('zoom', {})"
    )
    later, _, _ = drawn_labels(page)
    assert len(later) > 0 and not overlapping(later)
    assert all(x["px"] >= 11 for x in later)
    # fewer nodes in view, yet a larger share of them named
    visible = page.evaluate(
        """() => { const c = document.querySelector('#kv-network canvas');
          return kv.nodes.get().filter(n => { const p = kv.network.canvasToDOM(
            kv.network.getPositions([n.id])[n.id]);
            return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight;
          }).length; }"""
    )
    assert len(later) / visible > len(first) / page.evaluate("kv.data.nodes.length")


def test_ego_focus_is_marked(open_page, pages) -> None:
    """The focus is ringed (a dashed ring no priority theme has), labelled larger than any
    other node, and named in the legend."""
    page, _ = open_page(pages["ego"], 1)
    # the most dark pixels on any circle from just outside the node's border to 30 units out
    ring = """i => {
      const n = kv.data.nodes[i], net = kv.network, s = net.getScale();
      const c = net.canvasToDOM(net.getPositions([i])[i]);
      const ctx = document.querySelector('#kv-network canvas').getContext('2d');
      let best = 0;
      for (let r = (n.size + 5) * s; r <= (n.size + 30) * s; r += 1) {
        let dark = 0;
        for (let k = 0; k < 90; k++) {
          const a = 2 * Math.PI * k / 90;
          const d = ctx.getImageData(Math.round(c.x + r * Math.cos(a)),
                                     Math.round(c.y + r * Math.sin(a)), 1, 1).data;
          if (d[3] > 200 && d[0] < 80 && d[1] < 80 && d[2] < 80) dark++;
        }
        best = Math.max(best, dark);
      }
      return best;
    }"""
    nodes = page.evaluate("kv.data.nodes")
    focus = next(i for i, n in enumerate(nodes) if n.get("focus"))
    priority = [i for i, n in enumerate(nodes) if n.get("status") == "priority"]
    assert priority
    assert page.evaluate(ring, focus) >= 30  # ring drawn: dashes cover over half of it
    assert all(page.evaluate(ring, i) < 10 for i in priority)  # no priority theme has one
    labels, _, _ = drawn_labels(page)
    by_id = {x["id"]: x for x in labels}
    assert focus in by_id
    assert by_id[focus]["px"] > max(x["px"] for x in labels if x["id"] != focus)
    assert nodes[focus]["label"] in page.text_content("#kv-types .kv-focus")


def test_groups_are_labelled_with_what_they_hold(open_page, pages) -> None:
    """A large corpus opens as groups, and the first view names them: the plan (or kind) and
    how many nodes of each type it holds; the counts add up to the group's size."""
    import re

    page, _ = open_page(pages["large"])
    clusters = page.evaluate("kv.data.clusters")
    labels, _, _ = drawn_labels(page)
    groups = [x for x in labels if isinstance(x["id"], str)]
    assert len(groups) >= 0.2 * len(clusters)  # 45 of 201 at 1600x1000
    for x in groups:
        c = clusters[int(x["id"][1:])]
        name, held = x["text"].split("\n")
        counts = [int(k) for k in re.findall(r"(\d+) [a-zA-Z'-]+", held)]
        assert sum(counts) + (1 if c["plans"] else 0) == c["n"], x["text"]  # + the plan
        assert re.search(r"thema's|partners|plan", held)
        if c["plans"]:
            assert name.startswith("Gemeente ")


def test_dutch_by_default_english_on_request(open_page, pages, records, tmp_path) -> None:
    from graph import html

    data, details = records
    english = tmp_path / "plan-en.html"
    english.write_text(html.page("plan", data, details, ["nijmegen-2022"], lang="en"), "utf-8")
    for path, lang, words in (
        (pages["plan"], "nl", ("Zoeken op naam", "Soorten knopen", "Thema", "Wat u ziet")),
        (english, "en", ("Search by name", "Node types", "Theme", "What you see")),
    ):
        page, _ = open_page(path)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.text_content("label[for=kv-search]") == words[0]
        assert page.text_content("#kv-types legend") == words[1]
        legend = page.locator("#kv-types .kv-row-label").all_text_contents()
        assert words[2] in legend
        assert page.text_content("#kv-details h2") == words[3]
        search(page, "zzzz")
        found = page.text_content("#kv-search-count")
        assert found == ("0 gevonden" if lang == "nl" else "0 found")
        title = page.text_content("#kv-title")
        assert title.startswith("Graaf van" if lang == "nl" else "Safety plan graph")
        # the data's own labels in the page's language where it has them (the VNG scheme)
        core = page.evaluate("kv.data.nodes.filter(n => n.type === 'core').map(n => n.label)")
        assert ("1.1 Sociale kwaliteit" if lang == "nl" else "1.1 Social quality") in core


def test_screenshots_helper_writes_pngs(
    chromium: Any, built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper that makes docs/*.png works (run it as a script to refresh them)."""
    import html_browser

    for key, value in (
        ("KRUISVERBAND_DATA", built.data_dir),
        ("KRUISVERBAND_DIST", built.dist_dir),
    ):
        monkeypatch.setenv(key, str(value))
    written = html_browser.screenshots(tmp_path, chromium)
    assert [p.name for p in written] == [f"{name}.png" for name, *_ in html_browser.SHOTS]
    assert all(p.read_bytes()[:8] == PNG_MAGIC for p in written)
