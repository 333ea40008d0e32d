"""`ivp publish` and `ivp query --endpoint` against a real Oxigraph server (PyPI `oxigraph`).

The server is the same binary a deployment would run, started here on 127.0.0.1 on a free port
with its data in a temporary folder, and stopped after the module.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import Settings
from graph.publish import publish
from graph.remote import request, run_remote
from graph.sparql import QueryError, query_text, run
from graph.store import open_store, read_manifest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# the record of a publish: its dataset's type and time, and per named graph an entry (3 triples)
# and a count (1), or for the default graph a link and a count
PER_PLAN_GRAPHS = 5  # the two plans, model, register, analyse
RECORDED, RECORDED_UNION = 2 + 4 * PER_PLAN_GRAPHS, 2 + 2


def record(settings: Settings) -> str:
    return settings.base + "id/graaf/publicatie"


def remote_total(oxigraph: str, settings: Settings) -> int:
    """Triples a query of the store's default graph (the union of all graphs here) counts."""
    return run_remote(f"{oxigraph}/query", COUNT, settings).rows[0]["n"]


def budget_rows(oxigraph: str, settings: Settings) -> int:
    return len(
        run_remote(f"{oxigraph}/query", query_text("@begrotingstotalen", settings), settings).rows
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-write Oxigraph server whose default graph is the union of its named graphs."""
    if not OXIGRAPH.exists():
        pytest.fail(f"the oxigraph server is not installed at {OXIGRAPH} (uv sync --dev)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    err = process.stderr.read().decode() if process.stderr else ""
                    pytest.fail(f"oxigraph did not start: {err}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_graph_per_plan_counts_equal_the_local_build(built: Settings, oxigraph: str) -> None:
    report = publish(built, f"{oxigraph}/store", graph_per_plan=True)
    manifest = read_manifest(built) or {}
    local = {built.base + "id/graaf/" + name: n for name, n in manifest["graphs"].items()}
    assert report.graphs == local
    remote = run_remote(f"{oxigraph}/query", COUNT_PER_GRAPH, built)
    assert {row["g"]: row["n"] for row in remote.rows} == local | {record(built): RECORDED}
    # publishing again replaces each graph (PUT), it does not add a second copy
    publish(built, f"{oxigraph}/store", graph_per_plan=True)
    again = run_remote(f"{oxigraph}/query", COUNT_PER_GRAPH, built)
    assert {row["g"]: row["n"] for row in again.rows} == local | {record(built): RECORDED}


@pytest.mark.parametrize("name", ["@prioritaire-themas", "@begrotingstotalen"])
def test_named_query_same_rows_remote_and_local(built: Settings, oxigraph: str, name: str) -> None:
    publish(built, f"{oxigraph}/store", graph_per_plan=True)
    text = query_text(name, built)
    local = run(open_store(built), text, built)
    remote = run_remote(f"{oxigraph}/query", text, built)
    assert remote.kind == local.kind == "select"
    assert remote.variables == local.variables
    assert local.rows and remote.rows == local.rows


def test_union_into_the_default_graph(built: Settings, oxigraph: str) -> None:
    report = publish(built, f"{oxigraph}/store", graph_per_plan=False)
    try:
        manifest = read_manifest(built) or {}
        assert report.graphs == {"": manifest["triples"]}
        # a GSP GET of the default graph alone, whatever the server's union setting says
        with urllib.request.urlopen(f"{oxigraph}/store?default", timeout=30) as response:
            body = response.read()
        assert len([line for line in body.splitlines() if line.strip()]) == manifest["triples"]
    finally:  # the other tests query the union of the named graphs only
        status, _type, _body = request(f"{oxigraph}/store?default", "DELETE")
        assert status < 300


def test_remote_ask_construct_and_bad_query(built: Settings, oxigraph: str) -> None:
    publish(built, f"{oxigraph}/store", graph_per_plan=True)
    endpoint = f"{oxigraph}/query"
    ask = run_remote(endpoint, "ASK { ?p a ivp:SafetyPlan }", built)
    assert ask.kind == "ask" and ask.boolean is True
    graph = run_remote(
        endpoint, "CONSTRUCT { ?p a ivp:SafetyPlan } WHERE { ?p a ivp:SafetyPlan }", built
    )
    assert graph.kind == "graph" and len(graph.triples) >= 2
    with pytest.raises(QueryError):
        run_remote(endpoint, "SELECT WHERE {", built)


def test_cli_publish_and_query_endpoint(built: Settings, oxigraph: str, run_cli) -> None:
    published = run_cli(
        "publish", "--endpoint", f"{oxigraph}/store", "--graph-per-plan", "--format", "json"
    )
    assert published.exit_code == 0, published.output
    graphs = {row["graph"]: row["triples"] for row in json.loads(published.stdout)}
    assert graphs[built.base + "id/graaf/nijmegen-2022"] > 1000
    local = run_cli("query", "@prioritaire-themas", "--format", "csv")
    remote = run_cli(
        "query", "@prioritaire-themas", "--format", "csv", "--endpoint", f"{oxigraph}/query"
    )
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    unreachable = run_cli("query", "ASK {}", "--endpoint", "http://127.0.0.1:9/query")
    assert unreachable.exit_code == 2


def test_changing_layout_replaces_the_earlier_publish(built: Settings, oxigraph: str) -> None:
    """Per plan, then union, then per plan again: the store holds one publish at every step.

    Before, the union landed beside the plans' graphs, and a store whose default graph is the
    union of all graphs counted every triple twice (and @begrotingstotalen gave 10 rows, not 5).
    """
    store, triples = f"{oxigraph}/store", (read_manifest(built) or {})["triples"]
    per_plan = publish(built, store, graph_per_plan=True)
    assert len(per_plan.graphs) == PER_PLAN_GRAPHS
    assert remote_total(oxigraph, built) == per_plan.triples + RECORDED
    assert budget_rows(oxigraph, built) == 5

    union = publish(built, store, graph_per_plan=False)
    assert union.dropped == sorted(per_plan.graphs)
    assert union.replaced == per_plan.graphs and union.replaced_at
    assert union.replacement().startswith(f"Replaced the publish of {union.replaced_at} (")
    assert f"dropped its {per_plan.triples} triples in " in union.replacement()
    assert remote_total(oxigraph, built) == triples + RECORDED_UNION
    assert budget_rows(oxigraph, built) == 5

    again = publish(built, store, graph_per_plan=True)
    assert again.dropped == [""] and again.replaced == {"": triples}
    assert "dropped its" in again.replacement() and "the default graph" in again.replacement()
    assert remote_total(oxigraph, built) == per_plan.triples + RECORDED
    assert budget_rows(oxigraph, built) == 5

    # a graph-per-plan publish by a version that kept no record: the union still replaces it
    status, _type, _body = request(f"{store}?graph={record(built)}", "DELETE")
    assert status < 300
    legacy = publish(built, store, graph_per_plan=False)
    assert legacy.dropped == sorted(per_plan.graphs)
    assert legacy.replacement().startswith("Dropped ") and "older version" in legacy.replacement()
    assert remote_total(oxigraph, built) == triples + RECORDED_UNION
    assert budget_rows(oxigraph, built) == 5
    status, _type, _body = request(f"{store}?default", "DELETE")  # as the other tests expect
    assert status < 300


def test_cli_says_what_publish_replaced(built: Settings, oxigraph: str, run_cli) -> None:
    first = run_cli("publish", "--endpoint", f"{oxigraph}/store")
    assert first.exit_code == 0, first.output
    second = run_cli("publish", "--endpoint", f"{oxigraph}/store", "--graph-per-plan")
    assert second.exit_code == 0, second.output
    assert "Replaced the publish of " in second.stderr
    assert "in the default graph." in second.stderr
