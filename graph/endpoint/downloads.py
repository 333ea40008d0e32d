"""What /download/ offers: the whole dumps the build wrote, and each named graph on its own.

The whole dumps (`ivp.ttl`, ... from graph.build.OUTPUTS) are files in dist/. A named graph
(a plan, `model`, `register`, `analyse`) is served as `/download/<name>.<ext>` in every RDF
format the endpoint offers: its triples in Turtle, N-Triples, JSON-LD and RDF/XML, and as
quads in that graph in TriG and N-Quads, so a dataset download says which graph it holds.

A graph download is evaluated by the worker pool like any query (a CONSTRUCT over
`GRAPH <iri>`), because the store is the one truth: dist/ keeps N-Quads per plan in its cache,
but none for the model, the register or the analyses, and none that follows a Graph Store
write. It gets the time limit and the format checks of every answer (answers.py), but not
the row cap: the cap protects the service from what a client's query can ask for, while a
graph download's size is fixed by the build (VoID lists it); capping it would make a large
plan undownloadable, and cutting it would lose data without a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

import pyoxigraph as ox

from graph.build import OUTPUTS
from graph.endpoint.error_texts import Message
from graph.endpoint.negotiation import GRAPH_TYPES

# the whole dumps, by file name; their media types from the engine's own format table
DUMPS: dict[str, ox.RdfFormat] = {
    name: ox.RdfFormat.from_extension(name.rsplit(".", 1)[1]) for name in OUTPUTS
}
# every RDF format the endpoint answers in, by file extension: ttl, nt, jsonld, rdf, trig, nq
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    f.file_extension: f for f in dict.fromkeys(GRAPH_TYPES.values())
}
UNCAPPED = 2**62  # a QueryJob's max_rows for a graph download: see the module's docstring


def graph_names(graphs: Iterable[str], base: str) -> dict[str, str]:
    """Download name -> graph IRI for the build's named graphs (`<base>id/graaf/<name>`).

    The name is the IRI's last segment percent-decoded, as a request's path arrives.

    >>> graph_names(["http://x/id/graaf/a%20b", "urn:other"], "http://x/")
    {'a b': 'http://x/id/graaf/a%20b'}
    """
    space = base + "id/graaf/"
    return {
        unquote(iri[len(space) :]): iri
        for iri in graphs
        if iri.startswith(space) and "/" not in iri[len(space) :]
    }


def graph_files(iri: str) -> dict[str, ox.RdfFormat]:
    """The download paths under /download/ for one graph IRI, each with its format.

    >>> list(graph_files("http://x/id/graaf/model"))[:2]
    ['model.ttl', 'model.nt']
    """
    segment = iri.rsplit("/", 1)[1]
    return {f"{segment}.{ext}": fmt for ext, fmt in GRAPH_FORMATS.items()}


def construct(iri: str) -> str:
    """The query whose answer is exactly the graph's triples."""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"


def in_graph(ntriples: bytes, iri: str, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> bytes:
    """The triples (N-Triples, as a worker answered) as quads in graph `iri`, in `fmt`."""
    graph = ox.NamedNode(iri)
    quads = (
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    )
    return ox.serialize(quads, format=fmt, prefixes=prefixes)


def not_found(name: str, names: Iterable[str], shown: int = 20) -> Message:
    """The 404 message: what can be downloaded, and where it is listed with links.

    At national scale there are hundreds of plans: the first `shown` names, then a count.

    >>> "<name> one of a, b and 1 more;" in not_found("x.ttl", ["c", "b", "a"], shown=2)("en")
    True
    """
    ordered = sorted(names)
    more = len(ordered) - shown
    return Message(
        "no_download",
        {
            "name": name,
            "dumps": ", ".join(DUMPS),
            "listed": ", ".join(ordered[:shown]),
            "more": Message("and_more", {"n": more}) if more > 0 else "",
            "formats": ", ".join(GRAPH_FORMATS),
        },
    )
