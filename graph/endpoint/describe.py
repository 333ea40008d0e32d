"""The RDF that makes the endpoint discoverable: Service Description, VoID, the ontology.

The statistics are computed at start-up from the read-only store and again whenever a new
build lands while the server runs (the pool notices it); the graphs are rendered per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import rdflib

from graph.config import Settings
from graph.endpoint import downloads
from graph.endpoint.negotiation import GRAPH_TYPES, RESULT_TYPES
from graph.iris import Iris, rebase
from graph.store import Stale

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
    "application/trig": "TriG",
    "application/n-quads": "N-Quads",
}
DESCRIPTION_PREFIXES = {
    "sd": SD,
    "void": VOID,
    "formats": FORMATS,
    "dcterms": DCT,
    "foaf": FOAF,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass
class GraphStats:
    iri: str
    triples: int
    classes: dict[str, int] = field(default_factory=dict)  # class IRI -> distinct instances


@dataclass
class Stats:
    """Counts for VoID and the Service Description, taken once from the store."""

    triples: int  # distinct triples in the union default graph
    subjects: int
    objects: int
    properties: int
    classes: dict[str, int]
    graphs: list[GraphStats]


def _count(store: ox.Store, query: str) -> int:
    row = next(iter(store.query(query, use_default_graph_as_union=True)))
    return int(row["n"].value)


def collect_stats(store: ox.Store) -> Stats:
    """Dataset statistics: a few aggregate queries, run once per build the server opens."""
    graphs: dict[str, GraphStats] = {}
    for row in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    ):
        graphs[row["g"].value] = GraphStats(row["g"].value, int(row["n"].value))
    for row in store.query(
        "SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?g ?c"
    ):
        graphs[row["g"].value].classes[row["c"].value] = int(row["n"].value)
    classes = {
        row["c"].value: int(row["n"].value)
        for row in store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
            use_default_graph_as_union=True,
        )
    }
    return Stats(
        triples=_count(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"),
        subjects=_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }"),
        objects=_count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }"),
        properties=_count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }"),
        classes=classes,
        graphs=sorted(graphs.values(), key=lambda g: g.iri),
    )


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INT)


class Describer:
    """Builds the descriptive graphs for one store and base IRI."""

    def __init__(
        self,
        settings: Settings,
        stats: Stats,
        plans: list[str],
        federation: bool = False,
        updates: bool = False,
        stale: Stale | None = None,
    ) -> None:
        self.settings, self.stats, self.plans = settings, stats, set(plans)
        self.federation, self.updates, self.stale = federation, updates, stale
        self.iris = Iris(settings.base)
        self.dataset = ox.NamedNode(str(self.iris.id("dataset", "kruisverband")))
        self._ontology: rdflib.Graph | None = None

    def graph_dataset(self, graph_iri: str) -> ox.NamedNode:
        """The VoID subset for one named graph (a plan, the model, the register)."""
        return ox.NamedNode(str(self.iris.id("dataset", "kruisverband", graph_iri.rsplit("/")[-1])))

    def graph_downloads(self) -> dict[str, str]:
        """Download name -> IRI of each of the build's named graphs (graph.endpoint.downloads)."""
        return downloads.graph_names((g.iri for g in self.stats.graphs), self.settings.base)

    def graph_of_plan(self, iri: str) -> str | None:
        """The named graph of the plan `iri` names, when it is one of this build's."""
        name = unquote(iri.rsplit("/", 1)[-1])
        if iri != str(self.iris.plan(name)) or name not in self.plans:
            return None
        graph = str(self.iris.graph(name))
        return graph if graph in self.graph_downloads().values() else None

    def plan_of(self, graph_iri: str) -> str | None:
        name = graph_iri.rsplit("/", 1)[-1]
        return name if graph_iri == str(self.iris.graph(name)) and name in self.plans else None

    def service(self, endpoint: str, void_url: str) -> list[ox.Triple]:
        """SPARQL 1.1 Service Description of the endpoint at URL `endpoint`."""
        s = ox.NamedNode(endpoint)
        t: list[ox.Triple] = []

        def add(subj: ox.NamedNode | ox.BlankNode, pred: str, obj: object) -> None:
            t.append(ox.Triple(subj, ox.NamedNode(pred), obj))  # type: ignore[arg-type]

        add(s, RDF_TYPE.value, ox.NamedNode(SD + "Service"))
        add(s, SD + "endpoint", s)
        if self.stale is not None:  # a client should know it gets older data, and why
            add(s, DCT + "description", ox.Literal(self.stale.summary(), language="en"))
        add(s, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
        if self.updates:
            add(s, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Update"))
        for media in dict.fromkeys([*RESULT_TYPES, *GRAPH_TYPES]):
            if media in FORMAT_IRIS:
                add(s, SD + "resultFormat", ox.NamedNode(FORMATS + FORMAT_IRIS[media]))
        add(s, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph"))
        add(s, SD + "feature", ox.NamedNode(SD + "EmptyGraphs"))
        if self.federation:
            add(s, SD + "feature", ox.NamedNode(SD + "BasicFederatedQuery"))
        add(
            s,
            SD + "defaultEntailmentRegime",
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        )
        ds = ox.BlankNode("dataset")
        add(s, SD + "defaultDataset", ds)
        add(ds, RDF_TYPE.value, ox.NamedNode(SD + "Dataset"))
        add(ds, "http://www.w3.org/2000/01/rdf-schema#seeAlso", ox.NamedNode(void_url))
        add(ds, DCT + "source", self.dataset)
        default = ox.BlankNode("default")
        add(ds, SD + "defaultGraph", default)
        add(default, RDF_TYPE.value, ox.NamedNode(SD + "Graph"))
        add(default, VOID + "triples", _int(self.stats.triples))
        for i, g in enumerate(self.stats.graphs):
            named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
            add(ds, SD + "namedGraph", named)
            add(named, RDF_TYPE.value, ox.NamedNode(SD + "NamedGraph"))
            add(named, SD + "name", ox.NamedNode(g.iri))
            add(named, SD + "graph", graph)
            add(graph, RDF_TYPE.value, ox.NamedNode(SD + "Graph"))
            add(graph, VOID + "triples", _int(g.triples))
        return t

    def void(self, endpoint: str, root: str) -> list[ox.Triple]:
        """VoID description: the whole dataset, its classes, and one subset per named graph."""
        t: list[ox.Triple] = []

        def add(subj: ox.NamedNode | ox.BlankNode, pred: str, obj: object) -> None:
            t.append(ox.Triple(subj, ox.NamedNode(pred), obj))  # type: ignore[arg-type]

        def dump(subset: ox.NamedNode, name: str, fmt: ox.RdfFormat) -> None:
            """A download of the (sub)set, with its media type so a client can pick one."""
            file = ox.NamedNode(f"{root}download/{name}")
            add(subset, VOID + "dataDump", file)
            add(file, DCT + "format", ox.Literal(fmt.media_type))

        d, st = self.dataset, self.stats
        served = set(self.graph_downloads().values())
        add(d, RDF_TYPE.value, ox.NamedNode(VOID + "Dataset"))
        add(
            d,
            DCT + "title",
            ox.Literal("Kruisverband: integrale veiligheidsplannen als kennisgraaf", language="nl"),
        )
        add(
            d,
            DCT + "title",
            ox.Literal("Kruisverband: integral safety plans as a knowledge graph", language="en"),
        )
        add(d, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))
        add(d, VOID + "uriSpace", ox.Literal(self.settings.base + "id/"))
        add(d, VOID + "vocabulary", ox.NamedNode(str(self.iris.ontology)))
        add(d, VOID + "rootResource", ox.NamedNode(str(self.iris.ontology)))
        for name, fmt in downloads.DUMPS.items():
            dump(d, name, fmt)
        add(d, VOID + "triples", _int(st.triples))
        add(d, VOID + "distinctSubjects", _int(st.subjects))
        add(d, VOID + "distinctObjects", _int(st.objects))
        add(d, VOID + "properties", _int(st.properties))
        add(d, VOID + "classes", _int(len(st.classes)))
        for i, (cls, n) in enumerate(sorted(st.classes.items())):
            part = ox.BlankNode(f"class{i}")
            add(d, VOID + "classPartition", part)
            add(part, VOID + "class", ox.NamedNode(cls))
            add(part, VOID + "entities", _int(n))
        for j, g in enumerate(st.graphs):
            sub = self.graph_dataset(g.iri)
            add(d, VOID + "subset", sub)
            add(sub, RDF_TYPE.value, ox.NamedNode(VOID + "Dataset"))
            add(sub, DCT + "identifier", ox.Literal(g.iri.rsplit("/", 1)[-1]))
            add(sub, "http://www.w3.org/ns/sparql-service-description#name", ox.NamedNode(g.iri))
            add(sub, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))
            add(sub, VOID + "triples", _int(g.triples))
            add(sub, VOID + "classes", _int(len(g.classes)))
            for name, fmt in (downloads.graph_files(g.iri) if g.iri in served else {}).items():
                dump(sub, name, fmt)
            plan = self.plan_of(g.iri)
            if plan:
                add(sub, FOAF + "primaryTopic", ox.NamedNode(str(self.iris.plan(plan))))
            for i, (cls, n) in enumerate(sorted(g.classes.items())):
                part = ox.BlankNode(f"g{j}c{i}")
                add(sub, VOID + "classPartition", part)
                add(part, VOID + "class", ox.NamedNode(cls))
                add(part, VOID + "entities", _int(n))
        return t

    def ontology(self) -> rdflib.Graph:
        """The ontology as written in ontology/ivp.ttl, moved to the configured base IRI."""
        if self._ontology is None:
            source = rdflib.Graph().parse(Path(self.settings.ontology_dir) / "ivp.ttl")
            moved = rebase(source, self.settings.base)
            for prefix, ns in source.namespaces():
                moved.bind(
                    prefix, str(ns).replace("https://w3id.org/kruisverband/", self.settings.base)
                )
            moved.bind("ivp", self.settings.base + "def/ivp#", override=True)
            self._ontology = moved
        return self._ontology

    def ontology_triples(self) -> list[ox.Triple]:
        """The ontology as pyoxigraph triples, for the same serializers as everything else."""
        data = self.ontology().serialize(format="nt", encoding="utf-8")
        return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
