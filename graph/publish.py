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

Publishing replaces what the earlier publish of this graph put there, in either layout: a PUT
alone would leave the named graphs of a graph-per-plan publish beside a later union in the
default graph (and the reverse), and a store with a union default graph would then answer
every query twice. The Graph Store Protocol cannot list a store's graphs, so each publish
leaves a record of what it wrote, in its own small named graph (`<base>id/graaf/publicatie`,
in SPARQL Service Description terms: the default graph and/or named graphs with their
triples); the next publish reads it, drops what it no longer writes, and says so. The record
is written twice: first naming both the earlier and the new graphs, so a publish that dies
half-way still leaves a record of everything it may have written, then naming the new ones.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import pyoxigraph as ox

from graph.build import dump_file
from graph.config import Settings
from graph.iris import Iris
from graph.output import plural
from graph.problems import CannotRun
from graph.remote import N_TRIPLES, _snippet, request
from graph.store import open_store, read_manifest

Progress = Callable[[str], None]
RECORD = "publicatie"  # the named graph in which a publish records what it wrote
SD = "http://www.w3.org/ns/sparql-service-description#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
MODIFIED = ox.NamedNode("http://purl.org/dc/terms/modified")
DEFAULT = ""  # the default graph, as a key of the graph -> triples maps below


@dataclass
class PublishReport:
    endpoint: str
    layout: str  # graph-per-plan | union
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI ('' = default) -> triples
    # what the earlier publish wrote (None: a count an older version did not record) and when
    replaced: dict[str, int | None] = field(default_factory=dict)
    replaced_at: str | None = None
    dropped: list[str] = field(default_factory=list)  # its graphs this publish removed

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def replacement(self) -> str:
        """One sentence on what this publish replaced, for the person who ran it."""
        dropped = ", ".join(_name(g) for g in self.dropped)
        if self.replaced_at is None:
            return (
                f"Dropped {dropped}, published without a record by an older version."
                if self.dropped
                else "No earlier publish recorded in this store: nothing replaced."
            )
        counts = [self.replaced[g] or 0 for g in self.replaced]
        said = f"Replaced the publish of {self.replaced_at} ({sum(counts)} triples in "
        said += f"{plural(len(counts), 'graph')})"
        if not self.dropped:
            return said + "."
        gone = sum(self.replaced[g] or 0 for g in self.dropped)
        return f"{said}; dropped its {gone} triples in {dropped}."


def _name(graph: str) -> str:
    return graph or "the default graph"


def graph_url(endpoint: str, graph: str | None) -> str:
    """The GSP URL of a named graph (?graph=IRI) or of the default graph (?default)."""
    if not endpoint.startswith(("http://", "https://")):
        raise CannotRun(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    param = "default" if not graph else "graph=" + urllib.parse.quote(graph, safe="")
    return endpoint + ("&" if "?" in endpoint else "?") + param


def put_graph(
    endpoint: str, graph: str | None, data: bytes | BinaryIO, token: str | None, size: int
) -> None:
    headers = {"Content-Type": N_TRIPLES, "Content-Length": str(size)}
    status, _type, body = request(graph_url(endpoint, graph), "PUT", data, headers, token)
    if status >= 300:
        raise CannotRun(f"{endpoint} refused {_name(graph or '')} ({status}): {_snippet(body)}")


def drop_graph(endpoint: str, graph: str, token: str | None) -> bool:
    """DELETE a graph ('' = the default graph); False when the store did not have it."""
    status, _type, body = request(graph_url(endpoint, graph), "DELETE", token=token)
    if status == 404:
        return False
    if status >= 300:
        raise CannotRun(f"{endpoint} refused to drop {_name(graph)} ({status}): {_snippet(body)}")
    return True


def read_record(endpoint: str, record: str, token: str | None) -> tuple[dict[str, int], str | None]:
    """What the earlier publish wrote (graph -> triples) and when, from its record graph."""
    status, _type, body = request(
        graph_url(endpoint, record), "GET", headers={"Accept": N_TRIPLES}, token=token
    )
    if status == 404:
        return {}, None
    if status >= 300:
        raise CannotRun(f"{endpoint} refused to read {record} ({status}): {_snippet(body)}")
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    counts = {t.subject: int(t.object.value) for t in triples if t.predicate == VOID_TRIPLES}
    inner = {t.subject: t.object for t in triples if t.predicate.value == SD + "graph"}
    graphs: dict[str, int] = {}
    for t in triples:
        if t.predicate.value == SD + "defaultGraph":
            graphs[DEFAULT] = counts.get(t.object, 0)
        elif t.predicate.value == SD + "name":
            graphs[t.object.value] = counts.get(inner.get(t.subject), 0)
    when = next((t.object.value for t in triples if t.predicate == MODIFIED), "an unknown time")
    return graphs, when


def write_record(
    endpoint: str, record: str, subject: str, graphs: dict[str, int], token: str | None
) -> None:
    """Record in the store which graphs this publish wrote: a Service Description dataset."""
    dataset = ox.NamedNode(subject)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    t = [
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        ox.Triple(dataset, MODIFIED, ox.Literal(now, datatype=ox.NamedNode(XSD + "dateTime"))),
    ]
    for i, (name, n) in enumerate(sorted(graphs.items())):
        graph = ox.BlankNode(f"graph{i}")
        if name == DEFAULT:
            t.append(ox.Triple(dataset, ox.NamedNode(SD + "defaultGraph"), graph))
        else:
            entry = ox.BlankNode(f"named{i}")
            t.append(ox.Triple(dataset, ox.NamedNode(SD + "namedGraph"), entry))
            t.append(ox.Triple(entry, ox.NamedNode(SD + "name"), ox.NamedNode(name)))
            t.append(ox.Triple(entry, ox.NamedNode(SD + "graph"), graph))
        count = ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))
        t.append(ox.Triple(graph, VOID_TRIPLES, count))
    data = ox.serialize(t, format=ox.RdfFormat.N_TRIPLES) or b""
    put_graph(endpoint, record, data, token, len(data))


def publish(
    settings: Settings,
    endpoint: str,
    graph_per_plan: bool = False,
    token: str | None = None,
    progress: Progress | None = None,
) -> PublishReport:
    """Publish the current build (built first if missing or stale) to a GSP endpoint.

    Replaces what the earlier publish of this graph put there, in either layout (see the
    module): writes the new graphs, then drops the earlier ones it did not overwrite.
    """
    say = progress or (lambda _msg: None)
    store = open_store(settings, progress=say)
    iris = Iris(settings.base)
    record, subject = str(iris.graph(RECORD)), str(iris.id("dataset", "kruisverband"))
    report = PublishReport(endpoint, "graph-per-plan" if graph_per_plan else "union")
    manifest = read_manifest(settings) or {}
    counts = manifest.get("graphs", {})  # keyed by the graph IRI's last segment
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    built = {name: int(counts.get(name.rsplit("/", 1)[-1], 0)) for name in names}
    target = built if graph_per_plan else {DEFAULT: int(manifest.get("triples", 0))}
    earlier, report.replaced_at = read_record(endpoint, record, token)
    report.replaced = dict(earlier)
    if report.replaced_at is None and not graph_per_plan:
        # a graph-per-plan publish by a version that kept no record: its graphs bear these names
        report.replaced = dict.fromkeys(built)
    announced = {g: n or 0 for g, n in report.replaced.items()} | target
    write_record(endpoint, record, subject, announced, token)
    if graph_per_plan:
        for n, name in enumerate(sorted(target), start=1):
            triples = [
                q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
            ]
            say(f"[{n}/{len(target)}] PUT {name} ({len(triples)} triples)")
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            put_graph(endpoint, name, data, token, len(data))
            report.graphs[name] = len(triples)
    else:
        union = dump_file(settings.dist_dir, "ivp.nt", say)
        if union is None:
            raise CannotRun(f"{settings.dist_dir} holds no build: run `ivp build` first.")
        say(f"PUT {union.name} ({target[DEFAULT]} triples) into the default graph")
        with union.open("rb") as stream:  # streamed: never the whole union in memory
            put_graph(endpoint, None, stream, token, union.stat().st_size)
        report.graphs = target
    for graph in sorted(report.replaced.keys() - report.graphs.keys()):
        if drop_graph(endpoint, graph, token):
            say(f"DELETE {_name(graph)}: the earlier publish wrote it, this one does not")
            report.dropped.append(graph)
    if report.replaced_at is None:
        report.replaced = {}
    write_record(endpoint, record, subject, report.graphs, token)
    return report
