"""The query page as researchers know it from YASGUI, in headless Chromium on a real `ivp serve`
with every request not to 127.0.0.1 blocked (issue 13, "The query page" and "One language").

A link with `?query=` opens with its answer; each run is kept in the browser's history; the
editor highlights and completes; the table sorts and pages; the answer downloads in the
endpoint's own formats with the right types, and the curl command shown gives the same bytes;
the page is Dutch unless `?lang=en` asks for English.
"""

# ruff: noqa: F811  (the fixtures imported below are the tests' parameters, by name)
from __future__ import annotations

import csv
import html
import io
import json
import random
import subprocess
import urllib.parse

import pytest
from endpoint_support import BASE, Server
from test_endpoint_browser import CHROMIUM, browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")

PLANS = "SELECT ?plan ?title WHERE { ?plan a ivp:SafetyPlan ; dcterms:title ?title } ORDER BY ?plan"
ASK = "ASK { ?plan a ivp:SafetyPlan }"
CONSTRUCT = "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p a ivp:SafetyPlan ; dcterms:title ?t }"
NUMBERS = list(range(1, 121))
random.Random(13).shuffle(NUMBERS)
# 120 rows in a known shuffled order: integers, and a label with a language
MANY = (
    "SELECT ?n ?label WHERE { VALUES ?n { "
    + " ".join(map(str, NUMBERS))
    + ' } BIND(STRLANG(CONCAT("rij ", STR(?n)), "nl") AS ?label) }'
)


def done(p) -> str:
    """Wait for the run to end; its status line."""
    p.wait_for_function(
        "() => ['done', 'error'].includes(document.getElementById('status').dataset.state)",
        timeout=15_000,
    )
    return p.text_content("#status")


def run(p, query: str) -> str:
    p.fill("#query", query)
    p.click("#run")
    return done(p)


def column(p, n: int) -> list[str]:
    return p.locator(f"#result-table tbody tr td:nth-child({n})").all_text_contents()


def bindings(server: Server, query: str) -> list[dict]:
    """The answer as the endpoint gives it to any client."""
    status, _, body = server.get_query(query, "application/sparql-results+json")
    assert status == 200, body
    return json.loads(body)["results"]["bindings"]


def permalink(server: Server, query: str, **extra: str) -> str:
    return server.url + "?" + urllib.parse.urlencode({**extra, "query": query})


def test_a_permalink_opens_with_its_answer_and_a_run_updates_the_url(page, server) -> None:
    p, blocked = page
    p.goto(permalink(server, PLANS))
    status = done(p)
    assert p.input_value("#query") == PLANS
    rows = bindings(server, PLANS)
    assert len(rows) >= 2 and status.startswith(f"{len(rows)} rijen in ") and status.endswith(" ms")
    assert column(p, 1) == ["id:" + r["plan"]["value"][len(BASE + "id/") :] for r in rows]
    assert column(p, 2) == [r["title"]["value"] for r in rows]
    assert "Samen veilig en weerbaar" in column(p, 2)
    run(p, ASK)  # the address now names the query that ran: it can be shared as it is
    asked = urllib.parse.parse_qs(urllib.parse.urlsplit(p.url).query)
    assert asked == {"query": [ASK]} and p.url.startswith(server.url + "?")
    p.goto(p.url)
    assert done(p).startswith("ASK beantwoord in ")
    assert p.text_content("#result-boolean") == "ja (true)"
    # the page /sparql shows to a browser shares links to /, where ?query= opens the page
    p.goto(server.url + "sparql")
    run(p, PLANS)
    assert urllib.parse.urlsplit(p.url).path == "/"
    assert not blocked, blocked


def test_history_keeps_each_run_and_reopens_it(page, server) -> None:
    p, blocked = page
    p.goto(server.url)
    assert p.text_content("#history-count") == "0"
    run(p, PLANS)
    run(p, ASK)
    run(p, PLANS)  # run again: moves to the top, not kept twice
    p.goto(server.url)  # another visit: the history is the browser's, not the page's
    p.click("#history summary")
    entries = p.locator("#history-list a.history-entry")
    assert p.text_content("#history-count") == "2"
    assert [e.get_attribute("title").split("\n\n", 1)[1] for e in entries.all()] == [PLANS, ASK]
    n = len(bindings(server, PLANS))
    assert f"{n} rijen" in p.text_content("#history-list li:first-child small")
    p.fill("#query", "")
    entries.nth(1).click()  # re-open the older one: it is back in the editor and runs
    assert done(p).startswith("ASK beantwoord")
    assert p.input_value("#query") == ASK
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(p.url).query) == {"query": [ASK]}
    assert entries.nth(1).get_attribute("href") == permalink(server, PLANS)
    p.click("#history-clear")
    assert p.text_content("#history-count") == "0" and entries.count() == 0
    assert not blocked, blocked


def test_the_editor_highlights_what_it_holds(page, server) -> None:
    p, blocked = page
    query = "# plannen\n" + PLANS.replace("WHERE {", 'WHERE { FILTER(?x != "a"@nl || ?n > 3)\n')
    p.goto(permalink(server, query))
    done(p)
    pre = "#query-highlight"
    shown = {
        kind: p.locator(f"{pre} .tok-{kind}").all_text_contents()
        for kind in ("keyword", "var", "pname", "string", "lang", "number", "comment")
    }
    assert {"SELECT", "WHERE", "ORDER", "BY", "FILTER", "a"} <= set(shown["keyword"]), shown
    assert {"?plan", "?title", "?x", "?n"} <= set(shown["var"])
    assert {"ivp:SafetyPlan", "dcterms:title"} <= set(shown["pname"])
    assert shown["string"] == ['"a"'] and shown["lang"] == ["@nl"] and shown["number"] == ["3"]
    assert shown["comment"] == ["# plannen"]
    # what the reader sees is the <pre>, under a textarea whose own text is transparent
    assert p.text_content(pre).rstrip() == query
    assert p.eval_on_selector("#query", "t => getComputedStyle(t).color") == "rgba(0, 0, 0, 0)"
    colours = p.eval_on_selector_all(
        f"{pre} .tok-keyword, {pre} .tok-var", "ss => ss.map(s => getComputedStyle(s).color)"
    )
    assert len(set(colours)) == 2
    p.fill("#query", query + "\n" * 80 + "LIMIT 1")  # typing repaints, scrolling follows
    p.eval_on_selector("#query", "t => { t.scrollTop = 400; t.dispatchEvent(new Event('scroll')) }")
    assert "LIMIT" in p.locator(f"{pre} .tok-keyword").all_text_contents()
    assert p.eval_on_selector(pre, "e => e.scrollTop") == p.eval_on_selector(
        "#query", "t => t.scrollTop"
    )
    assert p.eval_on_selector("#query", "t => t.scrollTop") > 0
    assert not blocked, blocked


def test_the_editor_marks_where_the_endpoint_says_the_query_is_wrong(page, server) -> None:
    p, blocked = page
    p.goto(server.url)
    run(p, "SELECT ?x WHERE {\n  ?x a foo:Bar }")
    assert "op regel 2, kolom 8" in p.text_content("#status.error")  # the page's language
    assert p.locator("#query-highlight .tok-error").all_text_contents() == ["foo:Bar"]
    p.goto(server.url + "?lang=en")  # the English page: the endpoint answers in English
    run(p, "SELECT ?x WHERE {\n  ?x a foo:Bar }")
    assert "at line 2, column 8" in p.text_content("#status.error")
    assert p.locator("#query-highlight .tok-error").all_text_contents() == ["foo:Bar"]
    run(p, "SELECT ?x WHERE { ?x ?p }")  # the query ends too soon: the mark is at its end
    assert p.locator("#query-highlight .tok-error").count() == 1
    p.locator("#query").press("End")
    p.locator("#query").type(" ")  # an edit: the mark no longer says where the text is wrong
    assert p.locator("#query-highlight .tok-error").count() == 0
    assert not blocked, blocked


def test_a_hostile_permalink_is_only_text(page, server) -> None:
    """The query from the address goes into the editor, the table and the history as text."""
    p, blocked = page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil = "</textarea><img src=x onerror=alert(1)><script>alert(2)</script>"
    query = f"SELECT ?x WHERE {{ BIND('{evil}' AS ?x) }}"
    p.goto(permalink(server, query))
    done(p)
    assert p.input_value("#query") == query
    assert column(p, 1) == [evil]
    p.click("#history summary")
    assert p.locator("#history-list a").get_attribute("title").endswith(query)
    assert p.locator("img, #query-page script:not([type])").count() == 0
    p.wait_for_timeout(300)
    assert dialogs == [] and not blocked, (dialogs, blocked)


def offered(p) -> list[str]:
    p.wait_for_selector("#completions:not([hidden]) li")
    return p.locator("#completions li .completion-text").all_text_contents()


def test_completion_offers_keywords_prefixes_and_the_ontologys_terms(page, server) -> None:
    p, blocked = page
    p.goto(server.url)
    editor = p.locator("#query")
    editor.fill("")
    editor.type("SEL")
    assert offered(p)[0] == "SELECT"
    editor.press("Tab")
    assert p.input_value("#query") == "SELECT"
    editor.type(" * WHERE { ?t a ivp:Th")
    terms = offered(p)
    assert terms[0] == "ivp:Theme", terms
    assert "klasse · Thema" in p.text_content("#completions li:first-child")  # kind, Dutch label
    editor.press("ArrowDown")
    editor.press("ArrowUp")
    editor.press("Enter")  # moved in the list: Enter takes the suggestion
    assert p.input_value("#query").endswith("?t a ivp:Theme")
    assert p.is_hidden("#completions")
    editor.type(" ; dcterms:ti")  # a term the data uses from another vocabulary
    assert "dcterms:title" in offered(p)
    editor.press("Escape")
    assert p.is_hidden("#completions")
    editor.type("tle ?x . ?t sk")
    editor.press("Control+Space")
    assert "skos:" in offered(p)  # a declared prefix
    editor.press("Tab")  # a prefix taken: its terms follow at once
    assert "skos:prefLabel" in offered(p)
    editor.press("Escape")
    editor.type("prefLabel ?")
    assert "?t" in offered(p) and "?x" in offered(p)  # the query's own variables
    editor.press("Escape")
    # the query's own PREFIX lines count as declared prefixes
    editor.fill("PREFIX voorbeeld: <https://example.org/>\nSELECT * { ?s ?p voorb")
    editor.press("Control+Space")
    assert "voorbeeld:" in offered(p)
    # while typing on (the list never opened by hand), Enter is a new line
    editor.fill("")
    editor.type("SELECT ?plan WHERE {\n  ?plan a ivp:SafetyPlan }")
    assert p.input_value("#query") == "SELECT ?plan WHERE {\n  ?plan a ivp:SafetyPlan }"
    assert not blocked, blocked


def test_the_table_sorts_and_pages(page, server) -> None:
    p, blocked = page
    p.goto(permalink(server, MANY))
    assert done(p).startswith("120 rijen in ")
    assert p.locator("#result-table tbody tr").count() == 50
    assert p.text_content("#page-position") == "Rijen 1–50 van 120"
    assert column(p, 1) == [str(n) for n in NUMBERS[:50]]  # in the answer's order
    assert p.is_disabled("#page-previous")
    p.click("#page-next")
    assert column(p, 1) == [str(n) for n in NUMBERS[50:100]]
    p.click("#page-next")
    assert p.text_content("#page-position") == "Rijen 101–120 van 120"
    assert p.locator("#result-table tbody tr").count() == 20 and p.is_disabled("#page-next")
    p.click("#result-table th:nth-child(1) button")  # sort by ?n: by value, from page one
    assert column(p, 1) == [str(n) for n in range(1, 51)]
    assert p.get_attribute("#result-table th:nth-child(1)", "aria-sort") == "ascending"
    p.click("#result-table th:nth-child(1) button")
    assert column(p, 1)[:3] == ["120", "119", "118"]
    p.click("#result-table th:nth-child(2) button")  # text: "rij 2" before "rij 10"
    assert column(p, 2)[:3] == ["rij 1", "rij 2", "rij 3"]
    assert p.get_attribute("#result-table th:nth-child(1)", "aria-sort") is None
    # the header reads as the variable; no ^^xsd:integer or @nl in the cells, but on hover
    assert p.locator("#result-table th").all_text_contents() == ["n", "label"]
    first = p.locator("#result-table tbody tr").first
    assert first.locator("td").all_text_contents() == ["1", "rij 1"]
    assert first.locator("td.num span.lit").get_attribute("title") == "datatype: xsd:integer"
    assert first.locator("td:nth-child(2) span.lit").get_attribute("title") == "taal: nl"
    assert not blocked, blocked


def test_a_theme_iri_is_shortened_and_leads_to_its_doc_page(page, server) -> None:
    p, blocked = page
    query = "SELECT ?t WHERE { id:plan\\/nijmegen-2022 ivp:hasTheme ?t } ORDER BY ?t LIMIT 1"
    p.goto(permalink(server, query))
    done(p)
    link = p.locator("#result-table tbody a")
    assert link.text_content().startswith("id:thema/nijmegen-2022/")
    assert link.get_attribute("title").startswith("https://w3id.org/kruisverband/id/thema/")
    # the query's own PREFIX counts, and the longest namespace wins over id:
    p.goto(permalink(server, f"PREFIX thema: <{BASE}id/thema/nijmegen-2022/>\n{query}"))
    done(p)
    assert link.text_content().startswith("thema:") and "/" not in link.text_content()
    link.click()
    p.wait_for_url("**/doc/thema/nijmegen-2022/*")
    assert not blocked, blocked


def download(p, label: str) -> tuple[str, bytes]:
    with p.expect_download() as info:
        p.click(f'#downloads a[data-format="{label}"]')
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


def fetched(server: Server, href: str) -> tuple[str, bytes]:
    """What the link gets from the server: its Content-Type and body."""
    status, headers, body = server.request("GET", href)
    assert status == 200, body
    return headers["content-type"], body


def test_downloads_come_in_the_endpoints_formats_with_their_types(page, server) -> None:
    p, blocked = page
    p.goto(server.url)
    p.click('button[data-example="prioritaire-themas"]')
    p.click("#run")
    done(p)
    shown = p.locator("#result-table tbody tr").count()
    assert p.locator("#downloads a").all_text_contents() == ["CSV", "TSV", "JSON"]
    types = {}
    for label in ("CSV", "TSV", "JSON"):
        href = p.get_attribute(f'#downloads a[data-format="{label}"]', "href")
        types[label], body = fetched(server, "/" + href)
        name, saved = download(p, label)
        assert saved == body and name.startswith("prioritaire-themas."), name
    assert types == {
        "CSV": "text/csv; charset=utf-8",
        "TSV": "text/tab-separated-values; charset=utf-8",
        "JSON": "application/sparql-results+json; charset=utf-8",
    }
    _, saved = download(p, "CSV")
    rows = list(csv.reader(io.StringIO(saved.decode())))
    assert rows[0] == ["plan", "number", "theme", "section"] and len(rows) == shown + 1
    _, saved = download(p, "JSON")
    assert len(json.loads(saved)["results"]["bindings"]) == shown
    # a graph downloads as RDF
    run(p, CONSTRUCT)
    assert p.locator("#downloads a").all_text_contents() == ["Turtle", "N-Triples", "JSON-LD"]
    href = p.get_attribute('#downloads a[data-format="Turtle"]', "href")
    assert fetched(server, "/" + href)[0] == "text/turtle; charset=utf-8"
    assert download(p, "Turtle")[0] == "query.ttl"
    assert not blocked, blocked


def test_the_curl_command_asks_for_the_same_answer(page, server) -> None:
    p, blocked = page
    query = PLANS.replace("?title }", '?title FILTER(!CONTAINS(?title, "\'")) }')  # a quote
    p.goto(permalink(server, query))
    done(p)
    command = p.text_content("#curl")
    assert command.startswith(f"curl -sS '{server.url}sparql' -H 'Accept: text/csv' ")
    _, csv_body = download(p, "CSV")
    given = subprocess.run(["bash", "-c", command], capture_output=True, check=True, timeout=30)
    assert given.stdout == csv_body and csv_body.startswith(b"plan,title")
    p.click("#curl-details summary")
    p.select_option("#curl-format", label="JSON")
    command = p.text_content("#curl")
    assert "-H 'Accept: application/sparql-results+json'" in command
    given = subprocess.run(["bash", "-c", command], capture_output=True, check=True, timeout=30)
    assert json.loads(given.stdout)["results"]["bindings"] == bindings(server, query)
    p.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url[:-1])
    p.click("#copy-curl")
    p.wait_for_function("() => document.getElementById('copy-curl').textContent === 'Gekopieerd'")
    assert p.evaluate("() => navigator.clipboard.readText()") == command
    assert not blocked, blocked


def test_english_with_lang_en_and_dutch_by_default(page, server) -> None:
    p, blocked = page
    p.goto(server.url)
    assert p.get_attribute("html", "lang") == "nl"
    assert p.text_content("#run") == "Uitvoeren" and p.text_content("h2") == "Voorbeelden"
    p.click("#other-language")
    p.wait_for_url("**/?lang=en")
    assert p.get_attribute("html", "lang") == "en"
    assert p.text_content("#run") == "Run" and p.text_content("h2") == "Examples"
    assert "Query the knowledge graph" in p.text_content("#query-page")
    status = run(p, MANY)
    assert status.startswith("120 rows in ") and p.text_content("#page-next") == "Next ›"
    assert p.text_content("#page-position") == "Rows 1–50 of 120"
    cell = p.locator("#result-table tbody tr:first-child td:nth-child(2) span.lit")
    assert cell.get_attribute("title") == "language: nl"
    run(p, "SELECT ?p WHERE { ?p a ivp:SafetyPlan } LIMIT 1")  # a /doc/ page, in English too
    assert p.get_attribute("#result-table a", "href").endswith("?lang=en")
    run(p, MANY)
    # English is kept: the shared link, and the way back to Dutch with the same query
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(p.url).query) == {
        "lang": ["en"],
        "query": [MANY],
    }
    p.click("#other-language")
    assert done(p).startswith("120 rijen in ")
    assert p.get_attribute("html", "lang") == "nl"
    # named queries in the page's language: the file's Dutch words, or its _en ones
    p.click('button[data-example="prioritaire-themas"]')
    assert p.text_content("#example-title").startswith("Prioritaire thema's per plan — Welke ")
    p.goto(server.url + "?lang=en")
    p.click('button[data-example="prioritaire-themas"]')
    assert p.text_content("#example-title").startswith("Priority themes per plan — Which ")
    assert not blocked, blocked


def test_named_queries_are_described_in_the_pages_language(server) -> None:
    """Issue 13: the examples had Dutch titles and English descriptions on every page."""
    from graph.queries import named_queries

    pages = {
        lang: server.request("GET", f"/?lang={lang}", headers={"Accept": "text/html"})[2].decode()
        for lang in ("nl", "en")
    }
    for q in named_queries():
        for lang, text in pages.items():
            title, description = q.words(lang)  # type: ignore[arg-type]
            button = f'title="{html.escape(description)}">{html.escape(title)}</button>'
            assert button in text, (lang, q.name)
    assert "Welke thema&#x27;s elk plan prioriteit geeft" in pages["nl"]
    assert "Which themes each plan prioritises" in pages["en"]
    assert 'title="Which themes each plan prioritises' not in pages["nl"]


def test_an_unknown_language_is_refused_by_name(server) -> None:
    status, headers, body = server.request("GET", "/?lang=fr", headers={"Accept": "text/html"})
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert body.decode() == "Onbekende taal 'fr' in lang: kies nl (Nederlands) of en (English).\n"
    assert headers["content-language"] == "nl"
    status, _, body = server.request("GET", "/?lang=EN-gb", headers={"Accept": "text/html"})
    assert status == 200 and b'<html lang="en">' in body


# -- the README's picture of the query page ---------------------------------------------------
SHOT_EXAMPLE = "partners-per-thema"
SHOT_VIEWPORT = {"width": 1280, "height": 1400}


def screenshot(p, server: Server, target) -> None:
    """The query page as a link to one named query opens it: answer, downloads, pager.

    The partner column sorted, to show the header that sorts; the line above the editor shows
    the query's title and description, so the editor shows its body.
    """
    from graph.queries import named_queries

    example = next(q for q in named_queries() if q.name == SHOT_EXAMPLE)
    p.set_viewport_size(SHOT_VIEWPORT)
    p.goto(permalink(server, example.text))
    assert done(p).endswith(" ms")
    p.click("#result-table th:nth-child(2) button")
    p.eval_on_selector(  # to the end: the query's body, past its header comments
        "#query", "t => { t.scrollTop = t.scrollHeight; t.dispatchEvent(new Event('scroll')) }"
    )
    p.mouse.move(0, 0)
    p.screenshot(path=str(target))


def test_the_readme_screenshot_shows_an_answer(page, server, tmp_path) -> None:
    """The picture `python tests/test_query_page_browser.py` writes to docs/query-page.png."""
    p, blocked = page
    screenshot(p, server, tmp_path / "query-page.png")
    png = (tmp_path / "query-page.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (SHOT_VIEWPORT["width"], SHOT_VIEWPORT["height"])
    assert p.locator("#result-table tbody tr").count() > 10
    assert not blocked, blocked


if __name__ == "__main__":  # uv run python tests/test_query_page_browser.py
    import sys
    from pathlib import Path

    from endpoint_support import running_server
    from html_browser import browser as launch

    from graph.config import Settings

    target = Path(__file__).resolve().parent.parent / "docs" / "query-page.png"
    with running_server(Settings.from_env()) as s, launch() as b:
        context = b.new_context()
        screenshot(context.new_page(), s, target)
        context.close()
    print(f"wrote {target}", file=sys.stderr)
