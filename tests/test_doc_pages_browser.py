"""The /doc/ pages and the ontology page in headless Chromium, network blocked: what a person
reads there (issue 13). A heading names the plan, quotes read as sentences with their section,
what links to a resource is grouped and folded, a theme reads top-down, the ontology's rows
keep to their column, and the pages are Dutch unless English is asked for.

Run as a script, it rewrites the README's picture of a /doc/ page from a real `ivp serve`:

    uv run python tests/test_doc_pages_browser.py      # docs/doc-thema-ondermijning.png
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from endpoint_support import Server, running_server
from test_endpoint_browser import (  # noqa: F401  (the browser fixtures, and their skip)
    ARGS,
    CHROMIUM,
    browser,
    page,
    pytestmark,
    server,
)

THEME = "doc/thema/nijmegen-2022/ondermijning"
PLAN = "doc/plan/nijmegen-2022"
SHOTS = {  # file name -> (path on the server, full page or the first screen)
    "doc-thema-ondermijning.png": (THEME, False),
    "def-ivp.png": ("def/ivp", False),
}


def h2s(p: Any) -> list[str]:
    return [t.strip() for t in p.locator("main h2").all_text_contents()]


def test_the_heading_names_the_plan(page, server: Server) -> None:  # noqa: F811
    """Both plans have an Ondermijning: the heading (and the tab's title) says whose."""
    p, blocked = page
    p.goto(server.url + THEME)
    nijmegen = " ".join(p.text_content("h1").split())
    assert nijmegen == "Ondermijning — IVP Nijmegen 2022–2026"
    assert p.title().startswith("Ondermijning — IVP Nijmegen 2022–2026")
    p.goto(server.url + "doc/thema/pijnacker-nootdorp-2023/ondermijning")
    assert " ".join(p.text_content("h1").split()) == (
        "Aanpak van ondermijnende criminaliteit — IVP Pijnacker-Nootdorp 2023–2026"
    )
    # the plan's own page names itself the same way, and a page of no plan names none
    p.goto(server.url + PLAN)
    assert " ".join(p.text_content("h1").split()) == (
        "Samen veilig en weerbaar — IVP Nijmegen 2022–2026"
    )
    p.goto(server.url + "doc/partner/politie")
    assert p.locator("h1 .of-plan").text_content() == ""
    assert not blocked, blocked


def test_quotes_show_the_sentence_and_its_section(page, server: Server) -> None:  # noqa: F811
    p, blocked = page
    p.goto(server.url + THEME)
    quotes = p.locator("#quotes blockquote.quote")
    assert quotes.count() == 3
    texts = [" ".join(t.split()) for t in quotes.all_text_contents()]
    sentence = "Criminele netwerken en structuren waarvan een ondernijnde invloed uitgaat"
    quote = next(t for t in texts if t.startswith(sentence))
    assert "— 2. Ondernijning" in quote  # the section it stands in, by its title
    section = p.locator("#quotes blockquote.quote .section a").first
    assert section.get_attribute("href") == "/doc/sectie/nijmegen-2022/thema-2"
    # no quote is shown as its hash IRI anywhere a person reads
    shown = [t for t in p.locator("main a").all_text_contents() if "/citaat/" in t]
    assert shown == [], shown
    # a quote's own page is headed by its words, and names its plan
    p.locator("#quotes blockquote.quote", has_text=sentence).locator("a:text('¶')").click()
    p.wait_for_url("**/doc/citaat/nijmegen-2022/*")
    heading = " ".join(p.text_content("h1").split())
    assert heading.startswith("“" + sentence) and heading.endswith("” — IVP Nijmegen 2022–2026")
    assert not blocked, blocked


def test_incoming_links_are_grouped_labelled_and_folded(page, server: Server) -> None:  # noqa: F811
    p, blocked = page
    p.goto(server.url + PLAN)
    groups = p.locator("details.incoming")
    properties = [groups.nth(i).get_attribute("data-property") for i in range(groups.count())]
    assert len(properties) == len(set(properties)) >= 4  # one group per property
    in_plan = p.locator('details.incoming[data-property$="#inPlan"]')
    summary = " ".join(in_plan.locator("summary").text_content().split())
    assert re.fullmatch(r"in plan \(\d{3,}\)", summary), summary  # its label, and how many
    # long lists start folded: their items take no room until opened
    assert in_plan.get_attribute("open") is None
    assert not in_plan.locator("li").first.is_visible()
    in_plan.locator("summary").click()
    assert in_plan.locator("li").first.is_visible()
    # a short one is open, and lists its resources by label
    source = p.locator('details.incoming[data-property$="/source"]')
    assert source.get_attribute("open") is not None
    assert source.locator("li a").text_content() == "Thema's van Samen veilig en weerbaar"
    assert not blocked, blocked


def test_a_theme_page_reads_top_down(page, server: Server) -> None:  # noqa: F811
    p, blocked = page
    p.goto(server.url + THEME)
    assert h2s(p) == [
        "Overzicht",
        "Pijlers en ambities",
        "Partners en hun rol",
        "Kruisverbanden",
        "Begroting",
        "In de woorden van het plan",
        "Overige eigenschappen",
        "Verwijzingen naar deze bron",
    ]
    assert p.locator("#overview tr").first.locator("td").all_text_contents() == [
        "status",
        "Prioritair thema",
    ]
    pillars = p.locator('#structure tr[data-property$="#hasPillar"] td + td a').all_text_contents()
    assert "Een weerbare samenleving" in pillars and len(pillars) == 3
    roles = {
        r.locator("td").first.text_content(): r.locator("td").nth(1).text_content()
        for r in p.locator("#partners table.roles tr").all()[1:]
    }
    assert roles["Strafrechtketen"] == "Repressie, Samenwerkingspartner"
    assert len(roles) == 7
    links = p.locator("#crosslinks table.links tr").all_text_contents()
    assert any("Zorg & Veiligheid" in row and "Overlap" in row for row in links)
    budget = p.locator("#budget table.budget tr").all()
    assert [c.strip() for c in budget[0].locator("th").all_text_contents()] == [
        "Post", "2022", "2023", "2024", "2025", "2026",
    ]  # fmt: skip
    row = next(r for r in budget[1:] if r.locator("td").first.text_content() == "Ondermijning")
    assert row.locator("td").nth(1).text_content() == "€ 325.000"
    # what the curated part showed is not repeated among the other properties
    rest = p.locator("main > table").first
    assert rest.locator('tr[data-property$="#hasPillar"]').count() == 0
    assert rest.locator('tr[data-property$="#targetGroup"]').count() == 1
    assert not blocked, blocked


def test_the_ontology_rows_keep_to_their_column(page, server: Server) -> None:  # noqa: F811
    """The vann: rows of /def/ivp once ran into (and later broke across) the value column."""
    p, blocked = page
    p.set_viewport_size({"width": 1280, "height": 900})
    p.goto(server.url + "def/ivp")
    header = p.locator("main > dl.term").first
    names = header.locator("dt")
    values = header.locator("dd")
    texts = [" ".join(t.split()) for t in names.all_text_contents()]
    assert "vann:preferredNamespacePrefix" in texts and "vann:preferredNamespaceUri" in texts
    line = float(
        p.eval_on_selector("main dl.term dt", "e => parseFloat(getComputedStyle(e).lineHeight)")
    )
    for i in range(names.count()):
        name, value = names.nth(i).bounding_box(), values.nth(i).bounding_box()
        assert name and value
        assert name["x"] + name["width"] <= value["x"], (texts[i], name, value)
        # one line each: the name is not broken across lines to fit
        text = names.nth(i).locator("a, span").first.bounding_box()
        assert text and text["height"] < 1.5 * line, (texts[i], text, line)
    assert not blocked, blocked


def test_pages_are_dutch_by_default_and_english_on_request(page, server: Server) -> None:  # noqa: F811
    p, blocked = page
    p.goto(server.url + THEME)
    assert p.get_attribute("html", "lang") == "nl"
    assert p.locator("header nav").text_content().startswith("SPARQLOntologie")
    assert p.locator("#overview tr").first.locator("td").nth(1).text_content() == "Prioritair thema"
    p.click("header a.lang-switch")
    p.wait_for_url("**/" + THEME + "?lang=en")
    assert p.get_attribute("html", "lang") == "en"
    assert " ".join(p.text_content("h1").split()) == (
        "Subversive crime — Nijmegen safety plan 2022–2026"
    )
    assert "Ontology" in p.locator("header nav").text_content()
    assert h2s(p)[:3] == ["Overview", "Pillars and ambitions", "Partners and their roles"]
    # labels from the data in English where it has them
    assert p.locator("#overview tr").first.locator("td").nth(1).text_content() == "Priority theme"
    assert p.locator("#overview tr").first.locator("td").first.text_content() == "status"
    assert "A resilient society" in p.locator("#structure").text_content()
    # links on the site keep the language: walking on stays in English
    assert p.locator('main a[href^="/doc/"]:not([href*="lang=en"])').count() == 0
    p.click("p.kind a:text('Safe and resilient together')")
    p.wait_for_url("**/" + PLAN + "?lang=en")
    assert h2s(p)[:2] == ["Overview", "Themes"]
    assert "Download this plan's graph:" in p.text_content("p.downloads")
    p.click("header nav a:text('Ontology')")
    p.wait_for_url("**/def/ivp?lang=en")
    assert p.text_content("h1") == "Ontology for integral safety plans"
    assert h2s(p)[:2] == ["Contents", "Classes"]
    # two plans' themes of one English name are told apart by their plan
    p.goto(server.url + "doc/partner/politie?lang=en")
    themes = p.locator('details.incoming[data-property$="#involvesPartner"] li').all_text_contents()
    assert "Care and safety (nijmegen-2022)" in themes
    assert "Care and safety (pijnacker-nootdorp-2023)" in themes
    p.goto(server.url + "def/ivp")
    assert p.text_content("h1") == "Ontologie voor integrale veiligheidsplannen"
    assert h2s(p)[:2] == ["Inhoud", "Klassen"]
    assert not blocked, blocked


def test_an_unknown_language_is_a_readable_400(server: Server) -> None:  # noqa: F811
    status, _, body = server.request(
        "GET", "/" + THEME + "?lang=fr", headers={"Accept": "text/html"}
    )
    assert status == 400
    assert body.decode() == "Onbekende taal 'fr' in lang: kies nl (Nederlands) of en (English).\n"


def screenshots(b: Any, url: str, out: Path) -> list[Path]:
    """The README's pictures of a /doc/ page and the ontology page, from the server at `url`."""
    context = b.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
    written = []
    try:
        p = context.new_page()
        for name, (path, full) in SHOTS.items():
            p.goto(url + path)
            target = out / name
            p.screenshot(path=str(target), full_page=full)
            written.append(target)
    finally:
        context.close()
    return written


def test_screenshots_of_the_doc_pages(browser, server: Server, tmp_path: Path) -> None:  # noqa: F811
    """The helper that makes docs/doc-*.png works (run this file as a script to refresh)."""
    written = screenshots(browser, server.url, tmp_path)
    assert [p.name for p in written] == list(SHOTS)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    from graph.config import Settings

    root = Path(__file__).resolve().parent.parent
    with running_server(Settings.from_env()) as s, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for path in screenshots(chromium, s.url, root / "docs"):
            print(f"wrote {path}", file=sys.stderr)
        chromium.close()
