"""The endpoint's error messages are Dutch by default and English when the request asks for it
(`?lang=en`, or `Accept-Language`), whichever layer raised them: the app, the protocol, the
lexer in the server process, or the query worker in its own process. An unknown `lang` is a
400 that says so, never a 500."""

from __future__ import annotations

import ast
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_support import MAX_ROWS, Server, running_server

from graph.config import PROJECT_ROOT, Settings
from graph.endpoint.error_texts import ERRORS, Message

MALFORMED = "SELECT ?x WHERE { ?x a foo:Bar }"  # raised by the worker, worded by the server
DUTCH = "Onjuiste SPARQL: onbekend prefix foo: op regel 1, kolom 24 (in foo:Bar); "
ENGLISH = "Malformed SPARQL: unknown prefix foo: at line 1, column 24 (in foo:Bar); "


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def ask(server: Server, query: str, accept_language: str | None = None, **params: str):
    """The query by GET, with `params` beside it and the Accept-Language header if given."""
    headers = {"Accept-Language": accept_language} if accept_language else {}
    path = "/sparql?" + urllib.parse.urlencode({"query": query, **params})
    status, answer, body = server.request("GET", path, headers=headers)
    return status, answer, body.decode()


def test_a_malformed_query_is_answered_in_dutch_by_default(server: Server) -> None:
    status, headers, body = ask(server, MALFORMED)
    assert status == 400 and body.startswith(DUTCH), body
    assert headers["content-language"] == "nl"
    assert "Accept-Language" in headers["vary"]


def test_lang_en_asks_for_english(server: Server) -> None:
    status, headers, body = ask(server, MALFORMED, lang="en")
    assert status == 400 and body.startswith(ENGLISH), body
    assert headers["content-language"] == "en"


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("fr, en;q=0.5", "en"),  # the first of ours by q-value
        ("en;q=0.5, nl;q=0.8", "nl"),
        ("nl-NL", "nl"),
        ("de", "nl"),  # none of ours: Dutch
        ("*", "nl"),
    ],
)
def test_accept_language_chooses_between_dutch_and_english(
    server: Server, accept_language: str, language: str
) -> None:
    status, headers, body = ask(server, MALFORMED, accept_language)
    assert status == 400 and body.startswith(DUTCH if language == "nl" else ENGLISH), body
    assert headers["content-language"] == language


def test_lang_wins_over_accept_language(server: Server) -> None:
    status, headers, body = ask(server, MALFORMED, "en", lang="nl")
    assert status == 400 and body.startswith(DUTCH) and headers["content-language"] == "nl"


def test_every_layer_speaks_the_requests_language(server: Server) -> None:
    """The lexer (server process), the protocol, the routes and the worker (the row cap)."""
    unreadable = "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x { ?x ≠ ?y }"})
    everything = "/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"})
    cases = [
        (unreadable, "geen SPARQL-token", "no SPARQL token"),
        ("/sparql?update=CLEAR+ALL", "met POST verstuurd", "sent by POST"),
        ("/nothing", "Hier is niets: /nothing.", "Nothing here: /nothing."),
        ("/graphs", "Geef precies één van ?graph=IRI of ?default.", "Name exactly one"),
        ("/download/nope.ttl", "Er is geen download 'nope.ttl'.", "There is no download"),
        (everything, f"meer dan {MAX_ROWS} rijen", f"more than {MAX_ROWS} rows"),  # a worker's
    ]
    for path, dutch, english in cases:
        status, headers, body = server.request("GET", path)
        assert 400 <= status < 500 and dutch in body.decode(), (path, body)
        assert headers["content-language"] == "nl"
        status, headers, body = server.request("GET", path, headers={"Accept-Language": "en"})
        assert 400 <= status < 500 and english in body.decode(), (path, body)
        assert headers["content-language"] == "en"


@pytest.mark.parametrize(
    "path", ["/sparql?query=ASK%7B%7D&lang=fr", "/?lang=xx", "/nothing?lang=fr"]
)
def test_an_unknown_lang_is_a_readable_400(server: Server, path: str) -> None:
    wanted = path.rsplit("=", 1)[1]
    status, headers, body = server.request("GET", path)
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert (
        body.decode()
        == f"Onbekende taal '{wanted}' in lang: kies nl (Nederlands) of en (English).\n"
    )
    assert headers["content-language"] == "nl"
    status, headers, body = server.request("GET", path, headers={"Accept-Language": "en"})
    assert status == 400 and body.decode().startswith(f"Unknown language '{wanted}' in lang")
    assert headers["content-language"] == "en"


def test_an_unknown_lang_on_a_malformed_post_is_400_too(server: Server) -> None:
    status, _, body = server.request(
        "POST",
        "/sparql?lang=de",
        "SELECT ?x WHERE { ?x ?p }",
        {"Content-Type": "application/sparql-query"},
    )
    assert status == 400 and body.startswith(b"Onbekende taal 'de'"), body


def test_the_command_line_words_unreadable_text_in_its_language(run_cli) -> None:
    query = "SELECT ?x WHERE { ?x ≠ ?y }"
    dutch = run_cli("--lang", "nl", "query", query)
    assert dutch.exit_code == 1 and "geen SPARQL-token kan beginnen met '≠'" in dutch.output
    english = run_cli("--lang", "en", "query", query)
    assert "no SPARQL token can start with '≠' at line 1, column 22" in english.output


# -- the catalog -------------------------------------------------------------------------


def test_every_message_is_in_dutch_and_english() -> None:
    assert [key for key, forms in ERRORS.texts.items() if set(forms) != {"nl", "en"}] == []


def raised_keys() -> set[str]:
    """The string keys the endpoint's modules raise or send: EndpointError(status, "key", ...)
    and Message("key", ...); an f-string key is expanded by the test below."""
    keys: set[str] = set()
    for path in (PROJECT_ROOT / "graph" / "endpoint").glob("*.py"):
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            at = {"EndpointError": 1, "Message": 0}.get(node.func.id)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                keys.add(node.args[at].value)
    return keys


def test_every_raised_key_is_in_the_catalog() -> None:
    keys = raised_keys() | {"query_too_long", "update_too_long"}  # f"{op.kind}_too_long"
    assert len(keys) > 40  # the scan found the raise sites
    assert sorted(keys - set(ERRORS.texts)) == []


def test_a_message_of_messages_is_worded_in_one_language() -> None:
    cause = Message("time_limit", {"limit": 5.0})
    outer = Message("download_too_big", {"name": "analyse.nq", "cause": cause, "iri": "urn:g"})
    assert "tijdslimiet van 5 s" in outer("nl") and "time limit of 5 s" in outer("en")
