"""Malformed queries are explained with line, column, what was found and what may follow, in the
CLI, the endpoint and the query page alike; `SELECT *` columns come in the order the query names
its variables, everywhere (issue 15, items 1 and 3)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from endpoint_support import Server, running_server
from test_endpoint_browser import CHROMIUM, browser, page  # noqa: F401  (fixtures)

from graph.config import Settings
from graph.sparql_lexer import explain, select_star_order

UNKNOWN_PREFIX = "SELECT ?x WHERE { ?x a foo:Bar }"
MALFORMED = [
    UNKNOWN_PREFIX,
    "SELECT ?x WHERE { ?x ?p }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o > ) }",
    "SELECT (COUNT(*) ?n) WHERE { ?s ?p ?o }",
    "SELECT ?x WHERE {\n  ?x a ivp:Thema ;\n     rdfs:label ?l \n  FILTER(lang(?l) = )\n}",
]
STAR = "SELECT * WHERE { ?thema skos:prefLabel ?label . ?plan ivp:hasTheme ?thema } LIMIT 3"
STAR_ORDER = ["thema", "label", "plan"]  # as the query names them; alphabetical: label, plan, thema


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def readable(message: str, language: str = "en") -> None:
    """A message a person can act on: a position, and none of the parser's character ranges."""
    line, column = ("line ", "column ") if language == "en" else ("regel ", "kolom ")
    assert line in message and column in message, message
    assert "\\u{" not in message and "..=" not in message and "['" not in message, message
    assert len(message) < 400, message


@pytest.mark.parametrize("query", MALFORMED)
def test_cli_explains_a_malformed_query(run_cli, query: str) -> None:
    result = run_cli("--lang", "en", "query", query)
    assert result.exit_code == 1
    readable(result.output)


def test_unknown_prefix_is_named_with_its_position(run_cli) -> None:
    result = run_cli("--lang", "en", "query", UNKNOWN_PREFIX)
    assert "unknown prefix foo: at line 1, column 24" in result.output


def test_the_position_is_the_engines_line(run_cli) -> None:
    result = run_cli("--lang", "en", "query", MALFORMED[-1])
    assert "line 4" in result.output or "line 5" in result.output, result.output


def test_text_no_token_can_start_is_placed_too() -> None:
    message = explain("SELECT ?x WHERE { ?x ≠ ?y }", "error at 1:22: expected one of [_]")
    readable(message)
    assert "'≠' at line 1, column 22" in message


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("query", MALFORMED)
def test_endpoint_explains_a_malformed_query(server: Server, query: str, language: str) -> None:
    status, headers, body = server.get_query(
        query, "application/sparql-results+json", **({"lang": "en"} if language == "en" else {})
    )
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert headers["content-language"] == language
    readable(body.decode(), language)


def test_select_star_order_is_first_appearance() -> None:
    assert select_star_order(STAR) == STAR_ORDER
    assert select_star_order("SELECT DISTINCT * { ?b ?a ?b . ?c ?a ?d }") == ["b", "a", "c", "d"]
    assert select_star_order("SELECT ?b ?a { ?a ?b ?c }") is None
    assert select_star_order("ASK { ?b ?a ?c }") is None


def test_cli_select_star_columns_in_query_order(run_cli) -> None:
    result = run_cli("query", STAR, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.output)))
    assert lines[0] == STAR_ORDER and len(lines) == 4
    assert all(line[0].startswith("https://") for line in lines[1:])  # the cells moved too
    rows = json.loads(run_cli("query", STAR, "--format", "json").output)
    assert [list(row) for row in rows] == [STAR_ORDER] * 3


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_endpoint_select_star_columns_in_query_order(server: Server, accept: str) -> None:
    import pyoxigraph as ox

    from graph.endpoint.negotiation import RESULT_TYPES

    status, _, body = server.get_query(STAR, accept)
    assert status == 200, body
    if accept == "text/csv":  # lossy: pyoxigraph reads no CSV results
        lines = list(csv.reader(io.StringIO(body.decode())))
        assert lines[0] == STAR_ORDER and len(lines) == 4
        assert all(line[2].startswith("https://") for line in lines[1:])
        return
    solutions = ox.parse_query_results(body, RESULT_TYPES[accept])
    assert [v.value for v in solutions.variables] == STAR_ORDER
    rows = list(solutions)
    assert len(rows) == 3
    assert all(row["plan"].value.startswith("https://") for row in rows)  # the cells moved too
    assert all(isinstance(row["label"], ox.Literal) for row in rows)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_query_page_shows_the_explanation_and_the_query_order(page, server: Server) -> None:  # noqa: F811
    p, blocked = page
    p.goto(server.url)
    p.fill("#query", UNKNOWN_PREFIX)
    p.click("#run")
    p.wait_for_selector("#status.error")
    assert "onbekend prefix foo: op regel 1, kolom 24" in p.text_content("#status")
    p.goto(server.url + "?lang=en")  # the English page gets the English explanation
    p.fill("#query", UNKNOWN_PREFIX)
    p.click("#run")
    p.wait_for_selector("#status.error")
    assert "unknown prefix foo: at line 1, column 24" in p.text_content("#status")
    p.fill("#query", STAR)
    p.click("#run")
    p.wait_for_selector("#result-table tbody tr")
    assert p.locator("#result-table th").all_text_contents() == STAR_ORDER
    assert not blocked
