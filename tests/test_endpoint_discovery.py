"""Discoverability against a real server: Service Description, VoID, the ontology at its
namespace, and dereferenceable /id/ IRIs (303 to /doc/, HTML or RDF by Accept)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import rdflib
from endpoint_support import PLAN, PLAN_GRAPH, THEME, Server, running_server

from graph.config import Settings

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
IVP = rdflib.Namespace("https://w3id.org/kruisverband/def/ivp#")


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def turtle(body: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=body.decode(), format="turtle")


def test_service_description_at_the_endpoint(server: Server) -> None:
    status, headers, body = server.request("GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = turtle(body)
    service = rdflib.URIRef(server.sparql)
    assert (service, rdflib.RDF.type, SD.Service) in g
    assert (service, SD.endpoint, service) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g  # read-only
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    formats = {str(o).rsplit("/", 1)[-1] for o in g.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats
    names = {str(o) for o in g.objects(None, SD.name)}
    assert PLAN_GRAPH in names


def test_service_description_as_jsonld(server: Server) -> None:
    status, headers, body = server.request(
        "GET", "/sparql", headers={"Accept": "application/ld+json"}
    )
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    g = rdflib.Graph().parse(data=body.decode(), format="json-ld")
    assert (rdflib.URIRef(server.sparql), rdflib.RDF.type, SD.Service) in g


def test_a_browser_at_the_endpoint_gets_the_query_page(server: Server) -> None:
    status, headers, body = server.request(
        "GET", "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'id="query-page"' in body


def test_void_describes_triples_classes_and_each_plan(server: Server) -> None:
    status, _, body = server.request("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200
    g = turtle(body)
    dataset = rdflib.URIRef("https://w3id.org/kruisverband/id/dataset/kruisverband")
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in g
    assert int(g.value(dataset, VOID.triples)) > 1000
    assert (dataset, VOID.sparqlEndpoint, rdflib.URIRef(server.sparql)) in g
    classes = {g.value(p, VOID["class"]) for p in g.objects(dataset, VOID.classPartition)}
    assert IVP.Theme in classes
    plan_subsets = {
        g.value(s, rdflib.FOAF.primaryTopic): s for s in g.objects(dataset, VOID.subset)
    }
    nijmegen = plan_subsets[rdflib.URIRef(PLAN)]
    assert int(g.value(nijmegen, VOID.triples)) > 100
    themes = [
        p
        for p in g.objects(nijmegen, VOID.classPartition)
        if g.value(p, VOID["class"]) == IVP.Theme
    ]
    assert themes and int(g.value(themes[0], VOID.entities)) > 0
    # the dataset IRI is itself dereferenceable
    status, _, _ = server.request("GET", "/id/dataset/kruisverband")
    assert status == 303
    status, _, again = server.request(
        "GET", "/doc/dataset/kruisverband", headers={"Accept": "text/turtle"}
    )
    assert status == 200 and (dataset, rdflib.RDF.type, VOID.Dataset) in turtle(again)


def test_void_dumps_are_served(server: Server) -> None:
    status, headers, body = server.request("GET", "/download/ivp.ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert len(turtle(body)) > 1000


def test_ontology_at_its_namespace_as_turtle(server: Server) -> None:
    status, headers, body = server.request("GET", "/def/ivp", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = turtle(body)
    assert (IVP.Theme, rdflib.RDF.type, rdflib.OWL.Class) in g
    assert (rdflib.URIRef(str(IVP)[:-1]), rdflib.RDF.type, rdflib.OWL.Ontology) in g


def test_ontology_html_documents_every_class_and_property(server: Server) -> None:
    status, headers, body = server.request("GET", "/def/ivp", headers={"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    _, _, ttl = server.request("GET", "/def/ivp", headers={"Accept": "text/turtle"})
    g = turtle(ttl)
    html = body.decode()
    terms = {
        str(t)
        for kind in (rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty)
        for t in g.subjects(rdflib.RDF.type, kind)
        if str(t).startswith(str(IVP))
    }
    assert len(terms) > 20
    missing = [t for t in terms if f'id="{t[len(str(IVP)) :]}"' not in html]
    assert not missing  # each term IRI ...#Name resolves to its section


def test_id_answers_303_to_doc(server: Server) -> None:
    path = PLAN.removeprefix("https://w3id.org/kruisverband")
    status, headers, _ = server.request("GET", path, headers={"Accept": "text/html"})
    assert status == 303
    assert headers["location"] == server.url + "doc/plan/nijmegen-2022"


def test_doc_gives_html_to_a_browser_with_links_to_neighbours(server: Server) -> None:
    status, headers, body = server.request(
        "GET", "/doc/thema/nijmegen-2022/ondermijning", headers={"Accept": "text/html"}
    )
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert "Ondermijning" in html
    assert 'href="/doc/plan/nijmegen-2022"' in html  # incoming: the plan has this theme
    assert 'href="/def/ivp#Theme"' in html  # its class, in the ontology docs
    assert "Accept" in headers["vary"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_doc_gives_rdf_by_accept(server: Server, accept: str, fmt: str) -> None:
    status, headers, body = server.request(
        "GET", "/doc/thema/nijmegen-2022/ondermijning", headers={"Accept": accept}
    )
    assert status == 200 and headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=body.decode(), format=fmt)
    assert (rdflib.URIRef(THEME), rdflib.RDF.type, IVP.Theme) in g
    assert (rdflib.URIRef(PLAN), IVP.hasTheme, rdflib.URIRef(THEME)) in g


def test_unknown_resource_is_404(server: Server) -> None:
    status, _, body = server.request("GET", "/doc/plan/no-such-plan", headers={"Accept": "*/*"})
    assert status == 404 and b"no-such-plan" in body


def test_query_page_lists_the_named_queries(server: Server) -> None:
    from graph.queries import named_queries

    status, _, body = server.request("GET", "/")
    assert status == 200
    html = body.decode()
    start = html.index('<script type="application/json" id="examples">') + len(
        '<script type="application/json" id="examples">'
    )
    examples = json.loads(html[start : html.index("</script>", start)])
    assert set(examples) == {q.name for q in named_queries()}
    assert "https://" not in html.split("<main>")[0]  # nothing loaded from elsewhere
