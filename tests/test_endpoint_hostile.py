"""Hostile queries against a real server and real workers: SERVICE smuggling (both walls),
the Host header, deep nesting, a killed worker, slow clients, runaway queries, a rebuild
while serving."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from endpoint_support import PLAN, Server, running_server

from graph.config import Settings
from graph.endpoint.evaluate import QueryJob
from graph.endpoint.worker import Worker
from graph.sparql_lexer import MAX_DEPTH, QueryTextError, shape

JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Listener:
    """A TCP listener on loopback that records every connection made to it and hangs up."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.paths: set[str] = set()  # the paths of the requests it was sent
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.settimeout(1)
            try:
                first = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                if len(first) > 1:
                    self.paths.add(first[1])
            except OSError:
                pass
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def smuggled(port: int) -> list[str]:
    """SERVICE calls hidden from a keyword scan that only approximates the grammar."""
    target = f"<http://127.0.0.1:{port}/x>"
    return [
        # the example: a no-break space in an IRI, then '#' read as a comment
        f"SELECT * WHERE {{ BIND(<http://x/\u00a0#> AS ?z) SERVICE {target} {{ ?s ?p ?o }} }}",
        # '<' after an operand is less-than: '<?b#>' is no IRI, '#' starts a comment
        f'SELECT * WHERE {{ ?a ?p ?b FILTER(?a<?b#>"""\n) SERVICE {target} {{ ?s ?p ?o }} }}\n#"""',
        # an escaped '#' in a prefixed name is no comment
        f"PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ex:a\\#b ?o . SERVICE {target} {{}} }}",
        f"select * {{ service silent {target} {{ }} }}",
    ]


@pytest.mark.parametrize("how", ["GET", "POST"])
def test_smuggled_service_is_refused_and_nothing_is_fetched(
    server: Server, listener: Listener, how: str
) -> None:
    for query in smuggled(listener.port):
        if how == "GET":
            status, _, body = server.get_query(query, JSON)
        else:
            status, _, body = server.post_form([("query", query)], JSON)
        assert status == 400, (query, body)
        assert b"Traceback" not in body
    time.sleep(0.3)
    assert listener.connections == 0


def test_with_federation_on_the_same_query_does_connect(
    built: Settings, listener: Listener
) -> None:
    """The control for the test above: the listener does see a SERVICE that is let through."""
    with running_server(built, "--federation") as s:
        s.get_query(smuggled(listener.port)[0], JSON)
    assert listener.connections >= 1


@pytest.mark.parametrize("offline", [True, False])
def test_workers_cannot_connect_out_with_federation_off(
    built: Settings, listener: Listener, offline: bool
) -> None:
    """Second wall: a worker asked directly (no endpoint checks) cannot open a socket."""
    worker = Worker(os.path.realpath(built.store_dir), offline=offline)
    try:
        assert worker.not_walled is None
        job = QueryJob(
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
            JSON,
            None,
            None,
            None,
            True,
            10,
            {},
        )
        answer = worker.ask(job, 20)
    finally:
        worker.kill()
    time.sleep(0.3)
    assert answer is not None and answer[0] == "error"
    assert listener.connections == (0 if offline else 1)


# Pieces a query is built of: valid ones that hold the characters deciding tokens (so that
# many queries parse), and stray ones that try to open or close an IRI, string or comment.
VALID = [
    "BIND(<http://x/a#b> AS ?z)",
    "BIND('it\\'s' AS ?z)",
    'BIND("""two\nlines""" AS ?z)',
    "BIND('''#''' AS ?z)",
    "FILTER(?a<?b)",
    "FILTER(?a < <urn:x:y>)",
    "FILTER(?a<?b||?b>?a)",
    "?s ex:a\\#b ?o .",
    "?s ex:p 'x'@en .",
    "# a comment\n",
    "#\r",
    "?s <urn:p> (1 ?a) .",
    "VALUES (?a ?b) { (<urn:a> <urn:b>) }",
    "OPTIONAL { ?s ?p ?b }",
    '?s ?p "\\u0022" .',
    "?s ?p '\\u0027' .",
    "{ ?s ?p ?o } UNION { ?s ?p ?b }",
]
STRAY = [
    " ", "\n", "\r", "\u00a0", "#", "'", '"', "'''", '"""', "\\", "\\'", "\\#", "<", ">",
    "<<", ">>", "<http://x/\u00a0#>", "<?b#>", "<'>", "?a<?b", "FILTER(", ")", "(", "{", "}",
]  # fmt: skip


def test_lexer_never_misses_a_service_the_engine_runs(listener: Listener) -> None:
    """Differential fuzzing: random queries built from the pieces that decide tokens.

    Whenever the lexer says "no SERVICE" (and does not refuse), the engine, running in this
    process with network access, must not fetch that query's URL from the listener. That
    queries the lexer flags do fetch theirs shows the generator reaches real SERVICE calls.
    """
    rng = random.Random(20261201)
    store = ox.Store()
    unflagged, flagged = set(), set()
    for i in range(2500):
        service = f"SERVICE <http://127.0.0.1:{listener.port}/q{i}> {{ }}"
        pieces = [*rng.choices(VALID, k=rng.randint(1, 5)), service]
        pieces += rng.choices(STRAY, k=rng.randint(0, 3))
        rng.shuffle(pieces)
        query = f"PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ?p ?o {' '.join(pieces)} }}"
        try:
            (flagged if shape(query).has_service else unflagged).add(f"/q{i}")
        except QueryTextError:
            flagged.add(f"/q{i}")  # refused: it never reaches the engine
        try:
            answer = store.query(query)
            if isinstance(answer, ox.QuerySolutions):
                list(answer)
        except (SyntaxError, OSError, ValueError, RuntimeError):
            pass
    time.sleep(0.5)
    assert not (listener.paths & unflagged), sorted(listener.paths & unflagged)[:5]
    assert len(listener.paths & flagged) > 100
    assert len(unflagged) > 30  # SERVICE hidden in a string or comment, as the grammar says


def test_host_header_is_ignored(server: Server) -> None:
    path = "/id/" + PLAN.split("/id/", 1)[1]
    status, headers, _ = server.request("GET", path, headers={"Host": "evil.example"})
    assert status == 303
    assert headers["location"].startswith(server.url + "doc/")
    for where in ("/sparql", "/.well-known/void"):
        status, _, body = server.request(
            "GET", where, headers={"Host": "evil.example", "Accept": "text/turtle"}
        )
        assert status == 200
        assert b"evil.example" not in body
        assert server.url.encode() in body


def test_base_url_is_used_for_links(built: Settings) -> None:
    with running_server(built, "--base-url", "https://data.example.org/kv") as s:
        path = "/id/" + PLAN.split("/id/", 1)[1]
        status, headers, _ = s.request("GET", path, headers={"Host": "evil.example"})
        assert status == 303
        assert headers["location"].startswith("https://data.example.org/kv/doc/")
        _, _, body = s.request("GET", "/sparql", headers={"Accept": "text/turtle"})
        assert b"<https://data.example.org/kv/sparql>" in body


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("SELECT * WHERE " + "{" * 2300 + "}" * 2300, "line 1"),
        ("SELECT * WHERE { BIND(" + "(" * 4800 + "1" + ")" * 4800 + " AS ?x) }", "line 1"),
        ("SELECT * WHERE { FILTER(" + "!" * 3000 + "true) }", "line 1"),
    ],
)
def test_deep_nesting_is_refused_before_the_engine(server: Server, query: str, where: str) -> None:
    status, headers, body = server.post_form([("query", query)], JSON, **{"Accept-Language": "en"})
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert f"deeper than {MAX_DEPTH}".encode() in body and where.encode() in body
    assert server.count() > 0


def test_long_flat_queries_are_answered(built: Settings) -> None:
    """4,000 BINDs: the engine's default 8 MB stack overflows at about 2,600."""
    binds = " ".join(f"BIND({i} AS ?v{i})" for i in range(4000))
    query = f"SELECT ?v3999 WHERE {{ {binds} }}"
    # a generous timeout: this is about the stack, not speed, and CI machines are busy
    extra = ("--max-query-length", "100000", "--max-body", "300000", "--timeout", "60")
    with running_server(built, *extra) as s:
        status, _, body = s.post_form([("query", query)], JSON)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["v3999"]["value"] == "3999"


def test_a_killed_worker_costs_only_its_own_request(server: Server) -> None:
    before = set(server.descendants())
    outcome: dict[str, int] = {}
    thread = threading.Thread(
        target=lambda: outcome.update(runaway=server.post_form([("query", RUNAWAY)])[0])
    )
    thread.start()
    time.sleep(1.0)
    busy = _busiest(before)
    os.kill(busy, signal.SIGKILL)
    thread.join(30)
    assert outcome["runaway"] == 500
    statuses = _cheap_queries(server, clients=8, each=5)
    assert statuses == [200] * 40


def _workers(server: Server) -> list[int]:
    """The server's query worker processes (the pool's, in both lanes)."""
    found = []
    for pid in server.descendants():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"graph.endpoint.worker" in command:
            found.append(pid)
    return found


def _busiest(pids: set[int]) -> int:
    from endpoint_support import cpu_ticks

    return max(pids, key=lambda p: cpu_ticks([p]))


def _cheap_queries(server: Server, clients: int, each: int) -> list[int]:
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(each):
            status = server.get_query("ASK { ?s ?p ?o }", JSON)[0]
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return statuses


def test_cheap_queries_are_not_refused_while_runaway_queries_loop(server: Server) -> None:
    stop = time.monotonic() + 8
    refused: list[int] = []

    def runaway(n: int) -> None:
        text = RUNAWAY.replace("?n", f"?n{n}")
        while time.monotonic() < stop:
            refused.append(server.post_form([("query", text)])[0])

    loops = [threading.Thread(target=runaway, args=(n,)) for n in range(4)]
    for t in loops:
        t.start()
    time.sleep(1.5)
    statuses = _cheap_queries(server, clients=4, each=10)
    for t in loops:
        t.join(60)
    assert statuses == [200] * 40
    assert set(refused) <= {503}


def test_half_open_connections_do_not_lock_clients_out(server: Server) -> None:
    held = []
    try:
        for _ in range(200):
            sock = socket.create_connection(server.address, timeout=5)
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
            held.append(sock)
        started = time.monotonic()
        status, _, _ = server.get_query("ASK { ?s ?p ?o }", JSON)
        assert status == 200
        assert time.monotonic() - started < 10
    finally:
        for sock in held:
            sock.close()


REQUEST_SECONDS = 4  # --request-time, not the default 20: the test waits that long


def test_a_request_sent_too_slowly_is_cut_off(built: Settings) -> None:
    with running_server(built, "--request-time", str(REQUEST_SECONDS)) as server:
        sock = socket.create_connection(server.address, timeout=5)
        try:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
            started = time.monotonic()
            closed = False
            while time.monotonic() - started < REQUEST_SECONDS + 15:
                try:
                    sock.sendall(b"X-Slow: 1\r\n")  # a byte now and then keeps it from idling
                    sock.settimeout(1)
                    if sock.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    continue
                except OSError:
                    closed = True
                    break
            assert closed
            assert time.monotonic() - started >= REQUEST_SECONDS - 1
        finally:
            sock.close()


def test_a_rebuild_while_serving_switches_every_answer(project_copy: Settings) -> None:
    from graph.build import build

    build(project_copy)
    label = f'SELECT ?l WHERE {{ <{PLAN}> dcterms:title ?l FILTER(lang(?l) = "nl") }}'
    with running_server(project_copy) as s:

        def titles() -> set[str]:
            found = set()
            for _ in range(12):
                status, _, body = s.get_query(label, JSON)
                assert status == 200, body
                found |= {b["l"]["value"] for b in json.loads(body)["results"]["bindings"]}
            return found

        old = titles()
        assert len(old) == 1
        plan = project_copy.data_dir / "plans" / "nijmegen-2022.yaml"
        text = plan.read_text(encoding="utf-8")
        title = next(iter(old))
        assert f"\ntitle: {title}\n" in text
        edited = text.replace(f"\ntitle: {title}\n", f"\ntitle: {title} (herzien)\n", 1)
        plan.write_text(edited, encoding="utf-8")
        build(project_copy)
        assert titles() == {title + " (herzien)"}
        time.sleep(2)  # replacements have started; none is left over
        assert len(_workers(s)) == 2
        _, _, void = s.request("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
        assert void  # answered from the new build's statistics without error


def test_an_update_with_service_is_refused(built: Settings, listener: Listener) -> None:
    from endpoint_support import TOKEN

    update = (
        "INSERT { <urn:x:s> <urn:x:p> ?o } WHERE { BIND(<http://x/\u00a0#> AS ?z) "
        f"SERVICE <http://127.0.0.1:{listener.port}/u> {{ ?s ?p ?o }} }}"
    )
    with running_server(built, "--allow-updates", env={"KRUISVERBAND_UPDATE_TOKEN": TOKEN}) as s:
        status, _, body = s.post_form([("update", update)], Authorization=f"Bearer {TOKEN}")
    assert status == 400, body
    time.sleep(0.3)
    assert listener.connections == 0
