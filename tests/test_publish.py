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
    assert {row["g"]: row["n"] for row in remote.rows} == local
    # publishing again replaces each graph (PUT), it does not add a second copy
    publish(built, f"{oxigraph}/store", graph_per_plan=True)
    again = run_remote(f"{oxigraph}/query", COUNT_PER_GRAPH, built)
    assert {row["g"]: row["n"] for row in again.rows} == local


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
