"""The query page in headless Chromium, with every request not to 127.0.0.1 blocked: an example
query runs and its results show as a table whose links lead to resource pages."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_support import Server, running_server

from graph.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser test needs Debian's chromium at /usr/bin/chromium "
    "(apt-get install chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: Server) -> Iterator[tuple[object, list[str]]]:
    """A fresh page whose requests anywhere but 127.0.0.1 are aborted and recorded."""
    blocked: list[str] = []
    context = browser.new_context()

    def only_local(route) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    # the CSP allows no inline code: a violation would be reported on the console
    csp = "Content Security Policy"
    page.on("console", lambda m: m.type == "error" and csp in m.text and errors.append(m.text))
    yield page, blocked
    context.close()
    assert not errors, errors


def test_example_query_runs_and_shows_a_table(page, server: Server) -> None:
    p, blocked = page
    p.goto(server.url)
    p.click('button[data-example="prioritaire-themas"]')
    assert p.text_content("#example-title")
    p.click("#run")
    p.wait_for_selector("#result-table tbody tr", timeout=15_000)
    assert p.locator("#result-table th").count() >= 2
    body = p.text_content("#result-table tbody")
    assert "nijmegen-2022" in body
    assert "rijen in" in p.text_content("#status")  # Dutch by default
    assert not blocked, blocked


def test_editing_an_example_drops_its_description(page, server: Server) -> None:
    """Once the reader edits the query, the example's description no longer describes it."""
    from graph.queries import named_queries

    example = next(q for q in named_queries() if q.name == "prioritaire-themas")
    assert example.description
    p, blocked = page
    p.goto(server.url)
    p.click(f'button[data-example="{example.name}"]')
    assert example.description in p.text_content("#example-title")
    p.locator("#query").press("Control+End")
    p.locator("#query").type(" LIMIT 1")
    line = p.text_content("#example-title")
    assert example.description not in line and "Bewerkt" in line and example.title in line
    p.click("#run")
    p.wait_for_selector("#result-table tbody tr", timeout=15_000)
    assert p.locator("#result-table tbody tr").count() == 1  # the edited query ran
    assert example.description not in p.text_content("#example-title")
    p.fill("#query", "")
    p.locator("#query").type(example.text)  # typed back to the example's own text
    assert example.description in p.text_content("#example-title")
    p.fill("#query", "ASK { ?s ?p ?o }")
    p.click('button[data-example="' + example.name + '"]')  # picking it again restores it
    assert example.description in p.text_content("#example-title")
    assert not blocked, blocked


def test_every_example_runs_without_error(page, server: Server) -> None:
    p, blocked = page
    p.goto(server.url)
    names = p.locator("button[data-example]").evaluate_all("bs => bs.map(b => b.dataset.example)")
    assert len(names) >= 5
    for name in names:
        p.click(f'button[data-example="{name}"]')
        p.click("#run")
        p.wait_for_function(
            "() => ['done', 'error'].includes(document.getElementById('status').dataset.state)",
            timeout=15_000,
        )
        status = p.text_content("#status")
        assert p.get_attribute("#status", "data-state") == "done", (name, status)
        assert "rijen in" in status or "beantwoord" in status or "1 rij in" in status, status
    assert not blocked, blocked


def test_errors_are_shown_and_links_lead_to_resource_pages(page, server: Server) -> None:
    p, blocked = page
    p.goto(server.url)
    p.fill("#query", "SELECT * WHERE { ?s ?p }")
    p.click("#run")
    p.wait_for_selector("#status.error")
    assert "400" in p.text_content("#status")
    p.fill(
        "#query",
        "SELECT ?theme WHERE { id:plan\\/nijmegen-2022 ivp:hasTheme ?theme . "
        "?theme dcterms:identifier 'ondermijning' }",
    )
    p.click("#run")
    p.wait_for_selector("#result-table tbody a")
    p.click("#result-table tbody a")
    p.wait_for_url("**/doc/thema/nijmegen-2022/ondermijning")
    assert "Ondermijning" in p.text_content("h1")
    p.click('a[href="/doc/plan/nijmegen-2022"]')
    p.wait_for_url("**/doc/plan/nijmegen-2022")
    assert not blocked, blocked


def test_a_plan_page_offers_its_graph_as_downloads(page, server: Server) -> None:
    p, blocked = page
    p.goto(server.url + "doc/plan/nijmegen-2022")
    names = p.locator("p.downloads a").all_text_contents()
    assert names == ["Turtle", "N-Triples", "JSON-LD", "RDF/XML", "TriG", "N-Quads"]
    with p.expect_download() as info:
        p.click("p.downloads a:text('Turtle')")
    download = info.value
    assert download.suggested_filename == "nijmegen-2022.ttl"
    import rdflib

    graph = rdflib.Graph().parse(download.path(), format="turtle")
    assert len(graph) > 5000
    # a theme page is no plan: it has no graph of its own to offer
    p.goto(server.url + "doc/thema/nijmegen-2022/ondermijning")
    assert p.locator("p.downloads").count() == 0
    assert not blocked, blocked
