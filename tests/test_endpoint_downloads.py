"""Downloads against a real server: each named graph in every RDF format, and the whole dumps.

Every graph x format is read back with rdflib and compared with that graph in the store the
server opened, so a download holds exactly its graph: no triple lost to the row cap (the test
server caps answers at 5,000 rows; the plans are larger), none from another graph.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache

import pyoxigraph as ox
import pytest
import rdflib
from endpoint_support import MAX_ROWS, PLAN_GRAPH, Server, running_server
from rdflib.compare import isomorphic

from graph.config import Settings
from graph.store import store_path

GRAPHS = ["analyse", "model", "nijmegen-2022", "pijnacker-nootdorp-2023", "register"]
FORMATS = {  # extension -> (media type, rdflib parser, carries the graph name)
    "ttl": ("text/turtle", "turtle", False),
    "nt": ("application/n-triples", "nt", False),
    "jsonld": ("application/ld+json", "json-ld", False),
    "rdf": ("application/rdf+xml", "xml", False),
    "trig": ("application/trig", "trig", True),
    "nq": ("application/n-quads", "nquads", True),
}
BASE = "https://w3id.org/kruisverband/id/graaf/"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SD_NAME = rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#name")


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


@pytest.fixture(scope="module")
def stored(built: Settings):
    """The triples of one named graph, read from the store the server answers from."""
    store = ox.Store.read_only(str(store_path(built)))

    @cache
    def triples(name: str) -> rdflib.Graph:
        data = io.BytesIO()
        store.dump(data, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(BASE + name))
        return rdflib.Graph().parse(data=data.getvalue().decode(), format="nt")

    return triples


def same_triples(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    """Equal as sets when there are no blank nodes; otherwise equal up to their names."""
    if any(isinstance(t, rdflib.BNode) for triple in a for t in triple):
        return isomorphic(a, b)
    return set(a) == set(b)


def read(body: bytes, ext: str) -> tuple[rdflib.Graph, set[str]]:
    """The download as rdflib reads it, and (TriG, N-Quads) the names of its graphs."""
    _, parser, named = FORMATS[ext]
    if not named:
        return rdflib.Graph().parse(data=body.decode(), format=parser), set()
    dataset = rdflib.Dataset()
    dataset.parse(data=body.decode(), format=parser)
    graph, names = rdflib.Graph(), set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
        names.add(str(g))
    return graph, names


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("name", GRAPHS)
def test_each_graph_downloads_as_exactly_its_triples(
    server: Server, stored, name: str, ext: str
) -> None:
    status, headers, body = server.request("GET", f"/download/{name}.{ext}")
    assert status == 200, body[:300]
    media, _, named = FORMATS[ext]
    assert headers["content-type"].split(";")[0] == media
    assert headers["content-disposition"] == f"attachment; filename={name}.{ext}"
    expected = stored(name)
    assert len(expected) > 100
    got, names = read(body, ext)
    assert names == ({BASE + name} if named else set())
    assert len(got) == len(expected)
    assert same_triples(expected, got)


def test_a_plan_larger_than_the_row_cap_downloads_whole(server: Server, stored) -> None:
    """The cap refuses the same CONSTRUCT sent as a query; the download is exempt."""
    plan = "pijnacker-nootdorp-2023"
    assert len(stored(plan)) > MAX_ROWS  # else this test proves nothing
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE + plan}> {{ ?s ?p ?o }} }}"
    status, _, body = server.get_query(query, "text/turtle")
    assert status == 400 and b"maximum" in body
    status, _, body = server.request("GET", f"/download/{plan}.nt")
    assert status == 200 and len(read(body, "nt")[0]) == len(stored(plan))


def test_graph_downloads_have_the_validators_of_the_whole_dumps(server: Server) -> None:
    _, dump, _ = server.request("GET", "/download/ivp.ttl")
    status, graph, body = server.request("GET", "/download/nijmegen-2022.ttl")
    assert status == 200
    assert dump["content-disposition"] == "attachment; filename=ivp.ttl"
    for header in ("etag", "cache-control", "accept-ranges", "content-length"):
        assert header in dump and header in graph, header
    assert graph["cache-control"] == dump["cache-control"] == "no-cache"
    assert int(graph["content-length"]) == len(body)
    again = server.request("GET", "/download/nijmegen-2022.ttl")
    assert again[1]["etag"] == graph["etag"]  # same build, same bytes, same tag
    assert server.request("GET", "/download/nijmegen-2022.nt")[1]["etag"] != graph["etag"]
    status, headers, body = server.request(
        "GET", "/download/nijmegen-2022.ttl", headers={"If-None-Match": graph["etag"]}
    )
    assert status == 304 and body == b"" and headers["etag"] == graph["etag"]
    status, headers, body = server.request("HEAD", "/download/nijmegen-2022.ttl")
    assert status == 200 and body == b"" and headers["content-length"] == graph["content-length"]


@pytest.mark.parametrize(
    "path",
    [
        "/download/utrecht-2024.ttl",
        "/download/nijmegen-2022.csv",
        "/download/nijmegen-2022",
        "/download/",
        "/download/ivp.rdf",
        "/download/../nijmegen-2022.ttl",
        "/download/%2e%2e%2fstore/CURRENT",
    ],
)
def test_an_unknown_download_is_a_404_that_lists_what_there_is(server: Server, path: str) -> None:
    status, headers, body = server.request("GET", path)
    assert status == 404, body[:300]
    assert headers["content-type"].startswith("text/plain")
    message = body.decode()
    for offered in ("ivp.ttl", "nijmegen-2022", "register", "jsonld", "/.well-known/void"):
        assert offered in message, message


def test_void_lists_every_download_and_each_one_is_served(server: Server) -> None:
    status, _, body = server.request("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/kruisverband/id/dataset/kruisverband")
    whole = {str(d).rsplit("/", 1)[1] for d in g.objects(dataset, VOID.dataDump)}
    assert whole == {"ivp.ttl", "ivp.nt", "ivp.jsonld", "ivp.trig", "ivp.nq"}
    listed: dict[str, set[str]] = {}
    for subset in g.objects(dataset, VOID.subset):
        graph = str(g.value(subset, SD_NAME))
        listed[graph] = {str(d) for d in g.objects(subset, VOID.dataDump)}
        for dump in listed[graph]:
            media = str(g.value(rdflib.URIRef(dump), rdflib.DCTERMS["format"]))
            assert media == FORMATS[dump.rsplit(".", 1)[1]][0]
    assert listed == {
        BASE + name: {f"{server.url}download/{name}.{ext}" for ext in FORMATS} for name in GRAPHS
    }
    for dump in listed[PLAN_GRAPH]:
        status, headers, _ = server.request("HEAD", dump[len(server.url) - 1 :])
        assert status == 200 and headers["content-disposition"].startswith("attachment")


def test_a_graph_too_big_for_the_time_limit_points_to_the_whole_dump(built: Settings) -> None:
    """At national scale the analyse graph outgrows the time limit (200 plans: 517,566
    triples, about 4 s); here a real app and worker with a 1 ms limit stand in for that."""
    from werkzeug.test import Client

    from graph.endpoint.app import Endpoint
    from graph.endpoint.describe import Describer, collect_stats
    from graph.endpoint.limits import Limits
    from graph.endpoint.pool import Pool
    from graph.store import generation

    limits = Limits(timeout=0.001, workers=1)
    stats = collect_stats(ox.Store.read_only(str(store_path(built))))
    pool = Pool(lambda: (generation(built), str(store_path(built))), 1, limits.timeout)
    try:
        describer = Describer(built, stats, plans=GRAPHS[2:4])
        app = Endpoint(built, limits, pool, describer, public_url="http://127.0.0.1:8000/")
        response = Client(app).get("/download/analyse.nq", headers={"Accept-Language": "en"})
        assert response.status_code == 503
        message = response.get_data(as_text=True)
        assert message.startswith("analyse.nq could not be made within this server's limits")
        assert "time limit" in message  # the cause, in the same language
        assert f"/download/ivp.trig, holds the graph <{BASE}analyse>" in message
        message = Client(app).get("/download/analyse.nq").get_data(as_text=True)
        assert message.startswith("analyse.nq kon niet binnen de grenzen van deze server")
        assert "tijdslimiet" in message
    finally:
        pool.close()


def test_the_whole_nquads_dump_names_every_graph(server: Server, stored) -> None:
    """ivp.nq holds each graph under its name, the analyses too (they were once unnamed)."""
    status, _, body = server.request("GET", "/download/ivp.nq")
    assert status == 200
    counts: dict[str, int] = {}
    for quad in ox.parse(body, format=ox.RdfFormat.N_QUADS):
        name = str(quad.graph_name.value) if isinstance(quad.graph_name, ox.NamedNode) else ""
        counts[name] = counts.get(name, 0) + 1
    assert counts == {BASE + name: len(stored(name)) for name in GRAPHS}
