"""A seeded, bounded fuzz run against a real server: mutated queries, odd HTTP, invalid UTF-8,
huge and deeply nested queries. Whatever arrives, the answer is never a 5xx (but 503 for a
time limit), never carries a traceback, and the server still answers a plain query after."""

from __future__ import annotations

import random
import socket
import urllib.parse
from collections.abc import Iterator

import pytest
from endpoint_support import MAX_QUERY, Server, running_server

from graph.config import Settings
from graph.queries import named_queries

REQUESTS = 2400
SEED = 10
SEEDS = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    "ASK { ?s a ivp:Thema }",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 5",
    "DESCRIBE <https://w3id.org/kruisverband/id/plan/nijmegen-2022>",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    'SELECT ?x WHERE { BIND(STRLEN("abc\\u00e9") AS ?x) FILTER(?x > 1 && REGEX("a", "^a")) }',
    "SELECT * FROM <urn:x:g> WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o FILTER(<urn:x:f>(?o)) } LIMIT 1",
    "CONSTRUCT { << <urn:a> <urn:b> <urn:c> >> <urn:p> 'x' } WHERE {}",
    "SELECT (IRI('javascript:alert(1)') AS ?x) ('\\u0001' AS ?c) {}",
    "SELECT * WHERE { VALUES (?a ?b) { (1 'x') (UNDEF <urn:b>) } } ORDER BY DESC(?a)",
    "SELECT ?s WHERE { ?s (rdfs:label|skos:prefLabel)+ ?o FILTER(lang(?o) = 'nl') } LIMIT 2",
]
ALPHABET = [
    *"{}()[]<>\"'#\\?$:;,.=!&|^*+-/@_ \t\n\r",
    "\u00a0", "\u0000", "\u0001", "\ufeff", "\u202e", "é", "SERVICE", "FROM", "INSERT",
    "SELECT", "BIND(", "FILTER(", "<urn:x:f>(1)", "<<", ">>", "\\u0022", "%", "9" * 30,
]  # fmt: skip
ACCEPTS = [
    "*/*", "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "text/turtle", "application/ld+json", "application/rdf+xml",
    "application/n-triples", "application/trig", "text/html", "image/png", "", ";;;", "*/*;q=x",
    "text/*;q=0.5, application/*;q=0", "application/sparql-results+json;q=0",
]  # fmt: skip
CONTENT_TYPES = [
    "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
    "text/plain", "multipart/form-data; boundary=x", "", "application/json",
    "application/x-www-form-urlencoded; charset=latin-1",
]  # fmt: skip
PATHS = [
    "/sparql", "/", "/doc/plan/nijmegen-2022", "/id/plan/%00", "/doc/%ff%fe", "/graphs",
    "/graphs?graph=%3Curn%3Ax%3E", "/graphs?default", "/.well-known/void", "/def/ivp",
    "/download/ivp.ttl", "/download/../../etc/passwd", "/static/../cli.py", "/%2e%2e/",
    "/doc/" + "a/" * 500, "/sparql?query=%ff%fe%fd", "/sparql?query=&query=",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(chars) + 1)
        action = rng.random()
        if action < 0.4:
            chars.insert(at, rng.choice(ALPHABET))
        elif action < 0.7 and chars:
            del chars[min(at, len(chars) - 1)]
        elif chars:
            chars[min(at, len(chars) - 1)] = rng.choice(ALPHABET)
    return "".join(chars)


def a_query(rng: random.Random) -> str:
    pick = rng.random()
    base = rng.choice(SEEDS + [q.text for q in named_queries()])
    if pick < 0.8:
        return mutate(rng, base)
    if pick < 0.87:
        depth = rng.choice([200, 2300, 4800])
        return "SELECT * WHERE " + rng.choice(["{", "{ FILTER((", "{ ?s ?p ("]) * depth
    if pick < 0.94:
        return base + " " * (MAX_QUERY + rng.randint(-5, 50))
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 200)))


def raw(server: Server, data: bytes) -> bytes:
    """Send bytes as they are (no client library to tidy them up); the reply's first bytes."""
    with socket.create_connection(server.address, timeout=20) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
            if len(reply) > 1 << 20:
                break
    return reply


def one_request(server: Server, rng: random.Random) -> tuple[int, bytes, str]:
    """One fuzzed request: (status, body, what was sent, for the failure message)."""
    kind = rng.random()
    accept = rng.choice(ACCEPTS)
    if kind < 0.35:
        query = a_query(rng)
        qs = urllib.parse.urlencode({"query": query})
        status, _, body = server.request("GET", f"/sparql?{qs}", headers={"Accept": accept})
        return status, body, f"GET {query[:200]!r}"
    if kind < 0.65:
        query = a_query(rng)
        ctype = rng.choice(CONTENT_TYPES)
        name = rng.choice(["query", "update", "query", "default-graph-uri", "format"])
        body_text = (
            urllib.parse.urlencode({name: query}) if "urlencoded" in ctype else query
        ).encode("utf-8", "surrogatepass")
        status, _, body = server.request(
            "POST", "/sparql", body_text, {"Content-Type": ctype, "Accept": accept}
        )
        return status, body, f"POST {ctype} {name} {query[:200]!r}"
    if kind < 0.75:
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        status, _, body = server.request(
            "POST",
            "/sparql",
            junk,
            {"Content-Type": rng.choice(CONTENT_TYPES[:2]), "Accept": accept},
        )
        return status, body, f"POST junk {junk[:60]!r}"
    if kind < 0.9:
        method = rng.choice(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
        path = rng.choice(PATHS)
        status, _, body = server.request(method, path, headers={"Accept": accept})
        return status, body, f"{method} {path}"
    lines = [
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1",
        b"GET /sparql?query=ASK%7B%7D HTTP/9.9",
        b"GET " + b"/" * 70000 + b" HTTP/1.1",
        b"\xff\xfe / HTTP/1.1",
        b"POST /sparql HTTP/1.1\r\nContent-Length: -5",
        b"POST /sparql HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST /sparql HTTP/1.1\r\nContent-Length: 10\r\nContent-Length: 20",
        b"GET /sparql HTTP/1.1\r\n" + b"X: " + b"y" * 70000,
    ]
    data = rng.choice(lines) + b"\r\nHost: x\r\nConnection: close\r\n\r\n"
    reply = raw(server, data)
    head = reply.split(b"\r\n", 1)[0].split(b" ")
    status = int(head[1]) if len(head) > 1 and head[1].isdigit() else 0
    return status, reply, f"raw {data[:80]!r}"


def test_fuzzed_requests_never_break_the_server(server: Server) -> None:
    rng = random.Random(SEED)
    seen: dict[int, int] = {}
    for _ in range(REQUESTS):
        status, body, sent = one_request(server, rng)
        seen[status] = seen.get(status, 0) + 1
        assert status == 503 or status < 500, (status, body[:300], sent)
        assert b"Traceback" not in body and b'File "' not in body, sent
    assert server.count() > 0  # a plain query is still answered
    assert seen.get(200, 0) > 100 and seen.get(400, 0) > 100  # the fuzz reached both sides
    assert not any("Traceback" in line for line in server.log)
