"""Careless and hostile use against a real server: runaway queries, writes, oversized input,
huge results, cross-origin reads, concurrent clients; the store stays as built."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from endpoint_support import (
    MAX_BODY,
    MAX_QUERY,
    MAX_ROWS,
    PLAN_GRAPH,
    TIMEOUT,
    TOKEN,
    Server,
    cpu_ticks,
    running_server,
)

from graph.config import Settings

# Three-way cross product over the whole store: ~10^13 combinations, hours of work.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
INSERT = "INSERT DATA { <urn:x:s> <urn:x:p> 'written' }"
WRITTEN = "ASK { <urn:x:s> <urn:x:p> 'written' }"


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def asked(server: Server, query: str) -> bool:
    status, _, body = server.get_query(query, "application/sparql-results+json")
    assert status == 200, body
    return json.loads(body)["boolean"]


def test_runaway_query_is_stopped_and_the_next_one_answered(server: Server) -> None:
    before = server.count()
    started = time.monotonic()
    status, headers, body = server.post_form([("query", RUNAWAY)])
    elapsed = time.monotonic() - started
    assert status == 503
    assert headers["content-type"].startswith("text/plain")
    assert b"tijdslimiet" in body  # Dutch unless the request asks for English
    assert elapsed < TIMEOUT + 20  # generous: the answer comes at the limit, not after the work
    assert server.count() == before  # the next query is answered normally
    # the work really stopped: the server and its workers are idle again
    pids = server.descendants()
    first = cpu_ticks([server.process.pid, *pids])
    time.sleep(1.5)
    assert cpu_ticks([server.process.pid, *server.descendants()]) - first < 50  # < 0.5 s CPU


def test_other_clients_are_served_while_a_query_runs_away(server: Server) -> None:
    outcome: dict[str, int] = {}

    def runaway() -> None:
        outcome["runaway"] = server.post_form([("query", RUNAWAY)])[0]

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    results: list[int] = []

    def quick() -> None:
        results.append(server.get_query("ASK { ?s ?p ?o }")[0])

    clients = [threading.Thread(target=quick) for _ in range(8)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(60)
    thread.join(60)
    assert results == [200] * 8
    assert outcome["runaway"] == 503


def test_update_is_refused_and_the_store_unchanged(server: Server) -> None:
    before = server.count()
    for response in (
        server.post_form([("update", INSERT)], **{"Accept-Language": "en"}),
        server.request(
            "POST",
            "/sparql?lang=en",
            INSERT,
            {"Content-Type": "application/sparql-update"},
        ),
    ):
        assert response[0] == 403
        assert b"read-only" in response[2]
    status, _, body = server.post_form([("query", INSERT)])  # an update is not a query
    assert status == 400 and b"alleen-lezen" in body
    assert server.get_query("x", update=INSERT)[0] == 400  # updates never by GET
    assert server.count() == before
    assert not asked(server, WRITTEN)


def test_graph_store_writes_are_refused(server: Server) -> None:
    path = "/graphs?graph=" + urllib.parse.quote(PLAN_GRAPH, safe="")
    before = server.count()
    for method in ("PUT", "POST", "DELETE"):
        status, _, _ = server.request(method, path, "<urn:a> <urn:b> <urn:c> .",
                                      {"Content-Type": "application/n-triples"})  # fmt: skip
        assert status == 403
    assert server.count() == before
    model = "/graphs?graph=" + urllib.parse.quote(PLAN_GRAPH.replace("nijmegen-2022", "model"))
    status, _, body = server.request("GET", model, headers={"Accept": "text/turtle"})
    assert status == 200 and b"SafetyPlan" in body  # reads are allowed


def test_oversized_body_is_413_and_the_store_unchanged(server: Server) -> None:
    before = server.count()
    body = "ASK {} #" + "x" * (MAX_BODY + 10)
    status, _, message = server.request(
        "POST", "/sparql", body, {"Content-Type": "application/sparql-query"}
    )
    assert status == 413 and str(MAX_BODY).encode() in message
    assert server.count() == before


def test_long_query_is_413_by_post_and_414_by_get(server: Server) -> None:
    long_query = "ASK {} #" + "x" * MAX_QUERY
    assert server.post_form([("query", long_query)])[0] == 413
    assert server.get_query(long_query)[0] == 414


def test_malformed_query_is_400_and_the_store_unchanged(server: Server) -> None:
    before = server.count()
    status, _, body = server.post_form([("query", "SELECT ?x WHERE { ?x ")])
    assert status == 400 and b"Onjuiste SPARQL" in body
    assert server.count() == before


def test_result_row_cap(server: Server) -> None:
    status, _, body = server.get_query("SELECT * WHERE { ?s ?p ?o }", lang="en")
    assert status == 400 and f"more than {MAX_ROWS} rows".encode() in body
    status, _, body = server.get_query(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    status, _, _ = server.get_query("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert status == 400


def test_no_stack_trace_reaches_a_client(server: Server) -> None:
    cases = [
        server.request(
            "POST", "/sparql", b"\xff\xfe", {"Content-Type": "application/sparql-query"}
        ),
        server.post_form([("query", "ASK {}"), ("default-graph-uri", "not an iri")]),
        server.get_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
        server.request("GET", "/doc/%3Cbad%3E"),
        server.request("GET", "/graphs?graph=%3Cbad"),
        server.request("GET", "/nothing-here"),
    ]
    for status, headers, body in cases:
        assert 400 <= status < 500, (status, body)
        assert b"Traceback" not in body and b'File "' not in body
        assert headers["content-type"].startswith("text/plain")


def test_cors_for_get_not_for_post_by_default(server: Server) -> None:
    origin = {"Origin": "https://example.org"}
    _, headers, _ = server.request("GET", "/sparql?query=ASK%7B%7D", headers=origin)
    assert headers["access-control-allow-origin"] == "*"
    _, headers, _ = server.post_form([("query", "ASK {}")], **origin)
    assert "access-control-allow-origin" not in headers
    status, headers, _ = server.request(
        "OPTIONS", "/sparql", headers={**origin, "Access-Control-Request-Method": "GET"}
    )
    assert status == 204 and "GET" in headers["access-control-allow-methods"]
    assert "POST" not in headers["access-control-allow-methods"]


def test_cors_configurable(built: Settings) -> None:
    with running_server(built, "--cors-origin", "https://allowed.example", "--cors-post") as s:
        _, headers, _ = s.post_form([("query", "ASK {}")], Origin="https://allowed.example")
        assert headers["access-control-allow-origin"] == "https://allowed.example"
        _, headers, _ = s.get_query("ASK {}", Origin="https://other.example")
        assert "access-control-allow-origin" not in headers


def test_updates_with_option_and_token_change_only_a_scratch_copy(built: Settings) -> None:
    env = {"KRUISVERBAND_UPDATE_TOKEN": TOKEN}
    with running_server(built, "--allow-updates", env=env) as s:
        before = s.count()
        assert s.post_form([("update", INSERT)])[0] == 401
        assert s.post_form([("update", INSERT)], Authorization="Bearer wrong")[0] == 401
        assert not asked(s, WRITTEN)
        status, _, body = s.post_form([("update", INSERT)], Authorization=f"Bearer {TOKEN}")
        assert status == 204, body
        assert asked(s, WRITTEN)
        assert s.count() == before + 1
    with running_server(built) as s:  # dist/store is as the build left it
        assert not asked(s, WRITTEN)
