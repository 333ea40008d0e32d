"""What the endpoint answers, against a real server: every answer well-formed in its type, read
back by independent parsers (rdflib, Debian's rapper, roqet), or a 4xx that says why.

Issue 10, items 5, 6, 14 and 15: engine errors that used to be 500s, answers a parser rejects
(RDF/XML `<oxprefix:>`, raw U+0001 in XML), relative IRIs in a query, and clients such as roqet
that ask for result types whatever the query form.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
from endpoint_support import TOKEN, Server, running_server

from graph.config import Settings


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built, "--federation") as s:
        yield s


@pytest.fixture(scope="module")
def writable(built: Settings) -> Iterator[Server]:
    with running_server(built, "--allow-updates", env={"KRUISVERBAND_UPDATE_TOKEN": TOKEN}) as s:
        yield s


# -- item 5: engine errors are the client's (4xx) or the remote's (502), never a 500 --------


def test_unknown_function_is_400(server: Server) -> None:
    status, headers, body = server.get_query("SELECT * WHERE { FILTER(<urn:x:f>(1)) }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert b"<urn:x:f>" in body and b"not supported" in body


def test_unbound_service_variable_is_400(server: Server) -> None:
    status, _, body = server.get_query("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }")
    assert status == 400 and b"unbound" in body


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_service_is_502_naming_it(server: Server) -> None:
    remote = f"http://127.0.0.1:{closed_port()}/sparql"
    status, headers, body = server.get_query(
        f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}"
    )
    assert status == 502
    assert headers["content-type"].startswith("text/plain")
    assert f"<{remote}>".encode() in body and b"SILENT" in body
    # SILENT: the failing service is skipped, as the standard says
    status, _, body = server.get_query(
        f"SELECT * WHERE {{ SERVICE SILENT <{remote}> {{ ?s ?p ?o }} }}",
        "application/sparql-results+json",
    )
    assert status == 200 and json.loads(body)["results"]["bindings"] == [{}]


def test_a_graph_store_body_that_does_not_parse_says_what_it_is(writable: Server) -> None:
    """A broken Turtle body is a 400 about the body, not "Malformed SPARQL"."""
    status, _, body = writable.request(
        "PUT",
        "/graphs?graph=urn%3Ax%3Ag",
        b"<urn:x:a> <urn:x:b> .",
        {"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"},
    )
    assert status == 400
    assert body.startswith(b"The body is not valid text/turtle: ") and b"SPARQL" not in body
