"""`ivp publish`: push the built graph to an external store (SPARQL 1.1 Graph Store Protocol).

The embedded store suits one machine; at national scale, or to share the graph, it goes to a
production triple store instead of growing a home-made one. The Graph Store HTTP Protocol is
the one write interface Oxigraph, Fuseki, Virtuoso, GraphDB and QLever-with-a-GSP-front share,
so that is all this module speaks: an HTTP PUT per graph, which *replaces* the graph, so
publishing twice leaves the store as after publishing once.

Two layouts:
- graph per plan (`--graph-per-plan`): each named graph of the build (one per plan, plus model,
  register and analyse) is PUT to `?graph=<its IRI>`, keeping provenance per plan;
- union (default): all triples into the store's default graph, for stores or users that do not
  query named graphs. The build already writes that union as dist/ivp.nt, which is streamed as
  is rather than assembled in memory.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import pyoxigraph as ox

from graph.config import Settings
from graph.problems import CannotRun
from graph.remote import N_TRIPLES, _snippet, request
from graph.store import open_store, read_manifest

Progress = Callable[[str], None]


@dataclass
class PublishReport:
    endpoint: str
    layout: str  # graph-per-plan | union
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI ('' = default) -> triples

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def graph_url(endpoint: str, graph: str | None) -> str:
    """The GSP URL of a named graph (?graph=IRI) or of the default graph (?default)."""
    if not endpoint.startswith(("http://", "https://")):
        raise CannotRun(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    param = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return endpoint + ("&" if "?" in endpoint else "?") + param


def put_graph(
    endpoint: str, graph: str | None, data: bytes | BinaryIO, token: str | None, size: int
) -> None:
    headers = {"Content-Type": N_TRIPLES, "Content-Length": str(size)}
    status, _type, body = request(graph_url(endpoint, graph), "PUT", data, headers, token)
    if status >= 300:
        name = graph or "the default graph"
        raise CannotRun(f"{endpoint} refused {name} ({status}): {_snippet(body)}")


def publish(
    settings: Settings,
    endpoint: str,
    graph_per_plan: bool = False,
    token: str | None = None,
    progress: Progress | None = None,
) -> PublishReport:
    """Publish the current build (built first if missing or stale) to a GSP endpoint."""
    say = progress or (lambda _msg: None)
    store = open_store(settings, progress=say)
    report = PublishReport(endpoint, "graph-per-plan" if graph_per_plan else "union")
    if not graph_per_plan:
        manifest = read_manifest(settings) or {}
        union = settings.dist_dir / "ivp.nt"
        say(f"PUT {union.name} ({manifest.get('triples', '?')} triples) into the default graph")
        with union.open("rb") as stream:  # streamed: never the whole union in memory
            put_graph(endpoint, None, stream, token, union.stat().st_size)
        report.graphs[""] = int(manifest.get("triples", 0))
        return report
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for n, name in enumerate(names, start=1):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
        say(f"[{n}/{len(names)}] PUT {name} ({len(triples)} triples)")
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        put_graph(endpoint, name, data, token, len(data))
        report.graphs[name] = len(triples)
    return report
