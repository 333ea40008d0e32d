"""In headless Chromium: a javascript: IRI is never a live link, and the CSP runs no inline code.

The query page on a real `ivp serve` shows `IRI("javascript:alert(5)")` as text that does
nothing when clicked; the CSP header allows scripts only from the server itself, and the pages
still work under it without a single violation. The same holds for the offline HTML export.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from endpoint_support import BASE, PLAN, TOKEN, Server, running_server
from html_browser import CHROMIUM, opened
from html_browser import browser as launch
from test_html_export import records

from graph.config import Settings
from graph.network import Involvement, Partner

__all__ = ["records"]  # the session fixture of test_html_export

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser test needs Debian's chromium at /usr/bin/chromium"
)

EVIL = "javascript:alert(5)"


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


class Watched:
    """A page with what went wrong in it: CSP violations (on the console), uncaught errors,
    dialogs. (A 404, such as the favicon's, is logged on the console too: not counted.)"""

    def __init__(self, page: Any) -> None:
        self.page, self.errors, self.dialogs = page, [], []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _dialog(self, d: Any) -> None:
        self.dialogs.append(d.message)
        d.dismiss()


@pytest.fixture
def watched(browser: Any, server: Server) -> Iterator[Watched]:
    context = browser.new_context()

    def only_local(route: Any) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_local)
    w = Watched(context.new_page())
    yield w
    context.close()
    assert not w.errors, w.errors  # a CSP violation is reported on the console as an error


def run_query(w: Watched, server: Server, query: str) -> None:
    w.page.goto(server.url)
    w.page.fill("#query", query)
    w.page.click("#run")
    w.page.wait_for_selector("#result-table tbody tr", timeout=15_000)


def test_csp_allows_no_inline_script_on_any_page(server: Server) -> None:
    for path in ("/", "/sparql", "/doc/plan/nijmegen-2022", "/def/ivp", "/.well-known/void"):
        status, headers, body = server.request("GET", path, headers={"Accept": "text/html"})
        assert status == 200, path
        csp = dict(
            part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";")
        )
        assert csp["script-src"] == "'self'", (path, csp)
        assert "unsafe-inline" not in headers["content-security-policy"], path
        html = body.decode()
        assert not re.search(r"<script(?![^>]*(type=\"application/json\"|src=))", html), path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def test_static_files_have_their_types_and_nosniff(server: Server) -> None:
    _, _, page = server.request("GET", "/", headers={"Accept": "text/html"})
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.decode())
    scripts = ("query.js", "sparql-editor.js", "sparql-results.js")
    assert {u.split("?")[0] for u in urls} == {f"/static/{n}" for n in (*scripts, "style.css")}
    types = ("text/javascript",) * len(scripts) + ("text/css",)
    for url, media in zip(sorted(urls), types, strict=True):
        status, headers, body = server.request("GET", url)
        assert status == 200 and headers["content-type"].startswith(media), (url, headers)
        assert headers["x-content-type-options"] == "nosniff"
        assert body
    assert server.request("GET", "/static/../app.py")[0] == 404
    assert server.request("GET", "/static/nope.js")[0] == 404


def test_javascript_iri_in_a_result_is_text_and_runs_nothing(watched: Watched, server) -> None:
    run_query(watched, server, f'SELECT (IRI("{EVIL}") AS ?x) {{}}')
    p = watched.page
    assert p.locator("#result-table a").count() == 0
    assert p.locator("#result-table [href]").count() == 0
    cell = p.locator("#result-table tbody td span.iri")
    assert cell.text_content() == EVIL
    before = p.url  # the page's own, with the query it ran
    cell.click()
    p.wait_for_timeout(300)
    assert watched.dialogs == []
    assert p.url == before and p.url.startswith(server.url + "?query=")


def test_iri_under_the_base_that_looks_like_a_scheme_stays_a_path(watched: Watched, server):
    """BASE + "javascript:alert(6)" used to become the relative href "javascript:alert(6)"."""
    run_query(watched, server, f'SELECT (IRI("{BASE}javascript:alert(6)") AS ?x) {{}}')
    link = watched.page.locator("#result-table tbody a")
    assert link.get_attribute("href") == "./javascript:alert(6)"
    link.click()
    watched.page.wait_for_url("**/javascript:alert(6)")
    assert watched.dialogs == []


def test_http_iris_still_link_and_id_iris_lead_to_doc_pages(watched: Watched, server) -> None:
    run_query(
        watched,
        server,
        "SELECT ?plan ?x WHERE { ?plan a ivp:SafetyPlan . "
        'BIND(IRI("https://example.org/a") AS ?x) } LIMIT 1',
    )
    hrefs = watched.page.locator("#result-table tbody a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    assert "https://example.org/a" in hrefs
    assert any(h.startswith("doc/plan/") for h in hrefs), hrefs


def test_doc_page_shows_a_javascript_object_as_text(browser: Any, built: Settings) -> None:
    """End to end: the triple is put into the (scratch) store through SPARQL Update."""
    evil = "javascript:alert(8)"
    insert = f"INSERT DATA {{ <{PLAN}> rdfs:seeAlso <{evil}> }}"
    env = {"KRUISVERBAND_UPDATE_TOKEN": TOKEN}
    with running_server(built, "--allow-updates", env=env) as s:
        status, _, body = s.post_form([("update", insert)], Authorization=f"Bearer {TOKEN}")
        assert status == 204, body
        context = browser.new_context()
        w = Watched(context.new_page())
        w.page.goto(s.url + "doc/plan/nijmegen-2022")
        shown = w.page.locator(f'span.iri[title="{evil}"]')
        assert shown.text_content() == evil
        assert w.page.locator('[href^="javascript" i]').count() == 0
        shown.click()
        w.page.wait_for_timeout(300)
        assert w.dialogs == [] and w.errors == [], (w.dialogs, w.errors)
        assert w.page.locator('a[href="/doc/thema/nijmegen-2022/ondermijning"]').count() >= 1
        context.close()


def test_resource_page_works_under_the_csp(watched: Watched, server: Server) -> None:
    p = watched.page
    p.goto(server.url + "doc/plan/nijmegen-2022")
    assert "Samen veilig en weerbaar" in p.text_content("h1")
    # the stylesheet from /static/ applies: the header is a flex row
    assert p.eval_on_selector("header", "h => getComputedStyle(h).display") == "flex"


def test_export_links_http_iris_and_never_a_javascript_one(
    browser: Any, records, tmp_path: Path
) -> None:
    from graph import html

    data, details = records
    evil = "javascript:alert(7)"
    data = replace(data, partners=dict(data.partners), involvements=list(data.involvements))
    theme = data.themes_of("nijmegen-2022")[0].iri
    data.partners[evil] = Partner(evil, "evil", "Kwaadwillende partner", "gemeente", ("zorg",))
    data.involvements.append(Involvement("nijmegen-2022", evil, theme, None, ("regie",)))
    politie = next(p for p in data.partners.values() if p.id == "politie")
    path = tmp_path / "page.html"
    text = html.page("plan", data, details, ["nijmegen-2022"])
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert csp and "unsafe-inline" not in csp.group(1) and "script-src 'sha256-" in csp.group(1)
    path.write_text(text, encoding="utf-8")
    with opened(browser, path) as (page, log):
        labels = page.evaluate("() => window.kv.data.nodes.map(n => n.label)")
        panel = page.locator("#kv-details")
        page.evaluate("i => window.kv.goTo(i)", labels.index("Kwaadwillende partner"))
        assert panel.locator("h2").text_content() == "Kwaadwillende partner"
        assert panel.locator("a, [href]").count() == 0
        page.evaluate("i => window.kv.goTo(i)", labels.index(politie.label))
        assert panel.locator(".kv-iri a").get_attribute("href") == politie.iri
        assert not log.dialogs and not log.console_errors and not log.page_errors, log
