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
    assert page.text_content("#kv-search-count") == "0 found"


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
    assert f"In the words of the plan ({len(nijmegen)})" in headings
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
    assert not any(near(p, partner, 4) for p in crop.get_flattened_data())


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
    assert [p.name for p in written] == ["plan-nijmegen-2022.png", "compare.png"]
    assert all(p.read_bytes()[:8] == PNG_MAGIC for p in written)
