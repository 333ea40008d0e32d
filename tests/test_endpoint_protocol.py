"""SPARQL 1.1 Protocol against a real server: a real client in every format, raw HTTP for the
rest (methods, body types, dataset parameters, status codes)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
from endpoint_support import (
    OTHER_GRAPH,
    PLAN,
    PLAN_GRAPH,
    THEME,
    Server,
    running_server,
)
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.config import Settings

THEMES = f"""PREFIX ivp: <https://w3id.org/kruisverband/def/ivp#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?theme ?id WHERE {{ <{PLAN}> ivp:hasTheme ?theme . ?theme dcterms:identifier ?id }}
ORDER BY ?id"""
ASK_THEME = f"ASK {{ <{PLAN}> <https://w3id.org/kruisverband/def/ivp#hasTheme> <{THEME}> }}"
DESCRIBE_THEME = f"CONSTRUCT {{ <{THEME}> ?p ?o }} WHERE {{ <{THEME}> ?p ?o }}"


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def client(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    elif method:
        sparql.setMethod(method)
    return sparql


# -- a real client, every result format -------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["get", "form", "direct"])
def test_select_json_by_every_method(server: Server, method: str | None) -> None:
    result = client(server, THEMES, JSON, method).queryAndConvert()
    ids = [b["id"]["value"] for b in result["results"]["bindings"]]
    assert "ondermijning" in ids
    assert result["head"]["vars"] == ["theme", "id"]


def test_select_xml(server: Server) -> None:
    doc = client(server, THEMES, XML).queryAndConvert()
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert "ondermijning" in values


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(server: Server, fmt: str, delimiter: str) -> None:
    raw = client(server, THEMES, fmt).query()
    assert raw.response.headers["Content-Type"].startswith(
        "text/csv" if fmt == CSV else "text/tab-separated-values"
    )
    rows = list(csv.reader(io.StringIO(raw.convert().decode()), delimiter=delimiter))
    assert rows[0] in (["theme", "id"], ["?theme", "?id"])
    assert any("ondermijning" in cell for row in rows[1:] for cell in row)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server: Server, fmt: str) -> None:
    result = client(server, ASK_THEME, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, JSONLD, N3])
def test_construct_in_rdf_formats(server: Server, fmt: str) -> None:
    converted = client(server, DESCRIBE_THEME, fmt).queryAndConvert()
    graph = converted
    if isinstance(converted, bytes):
        graph = rdflib.Graph().parse(data=converted.decode(), format="turtle")
    assert (
        rdflib.URIRef(THEME),
        rdflib.URIRef("http://purl.org/dc/terms/identifier"),
        rdflib.Literal("ondermijning"),
    ) in graph


def test_describe(server: Server) -> None:
    graph = client(server, f"DESCRIBE <{THEME}>", RDFXML).queryAndConvert()
    assert len(graph) > 3


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
def test_construct_as_ntriples_trig_nquads(server: Server, accept: str, fmt: ox.RdfFormat) -> None:
    status, headers, body = server.get_query(DESCRIBE_THEME, accept)
    assert status == 200
    assert headers["content-type"].startswith(accept)
    quads = list(ox.parse(body, format=fmt))
    assert any(q.object == ox.Literal("ondermijning") for q in quads)


def test_format_parameter_overrides_accept(server: Server) -> None:
    status, headers, _ = server.get_query(THEMES, "application/sparql-results+json", format="csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")


def test_predeclared_prefixes(server: Server) -> None:
    status, _, body = server.get_query(
        "SELECT ?t WHERE { ?t a ivp:Theme ; dcterms:identifier 'ondermijning' }",
        "application/sparql-results+json",
    )
    assert status == 200 and THEME in body.decode()


# -- the dataset: union by default, protocol parameters, FROM ------------------------------


def graphs_of(server: Server, fields: list[tuple[str, str]], query: str) -> set[str]:
    status, _, body = server.post_form([("query", query), *fields], "application/json")
    assert status == 200, body
    return {b["x"]["value"] for b in json.loads(body)["results"]["bindings"]}


PLANS = "SELECT DISTINCT ?x WHERE { ?x ivp:hasTheme ?theme }"  # the plans themselves


def test_default_graph_is_the_union(server: Server) -> None:
    found = graphs_of(server, [], PLANS)
    assert {PLAN, BASE_PLAN_PN} <= found


BASE_PLAN_PN = "https://w3id.org/kruisverband/id/plan/pijnacker-nootdorp-2023"


def test_default_graph_uri_restricts_the_default_graph(server: Server) -> None:
    found = graphs_of(server, [("default-graph-uri", PLAN_GRAPH)], PLANS)
    assert PLAN in found and BASE_PLAN_PN not in found
    both = [("default-graph-uri", PLAN_GRAPH), ("default-graph-uri", OTHER_GRAPH)]
    assert {PLAN, BASE_PLAN_PN} <= graphs_of(server, both, PLANS)


def test_default_graph_uri_by_get_with_a_local_iri(server: Server) -> None:
    local = server.url + "id/graaf/nijmegen-2022"
    status, _, body = server.get_query(PLANS, "application/json", **{"default-graph-uri": local})
    assert status == 200
    found = {b["x"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert PLAN in found and BASE_PLAN_PN not in found


def test_named_graph_uri_restricts_graph_and_empties_default(server: Server) -> None:
    named = "SELECT DISTINCT ?x WHERE { GRAPH ?x { ?s ?p ?o } }"
    assert graphs_of(server, [("named-graph-uri", PLAN_GRAPH)], named) == {PLAN_GRAPH}
    assert graphs_of(server, [("named-graph-uri", PLAN_GRAPH)], PLANS) == set()


def test_protocol_dataset_overrides_from(server: Server) -> None:
    query = f"SELECT DISTINCT ?x FROM <{OTHER_GRAPH}> WHERE {{ ?x ivp:hasTheme ?t }}"
    from_query = graphs_of(server, [], query)
    assert BASE_PLAN_PN in from_query and PLAN not in from_query
    overridden = graphs_of(server, [("default-graph-uri", PLAN_GRAPH)], query)
    assert PLAN in overridden and BASE_PLAN_PN not in overridden


def test_direct_post_takes_dataset_from_the_url(server: Server) -> None:
    status, _, body = server.request(
        "POST",
        "/sparql?default-graph-uri=" + PLAN_GRAPH,
        PLANS,
        {"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    assert status == 200
    found = {b["x"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert PLAN in found and BASE_PLAN_PN not in found


# -- status codes ----------------------------------------------------------------------


def test_malformed_query_is_400_with_a_readable_message(server: Server) -> None:
    status, headers, body = server.get_query("SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert b"Onjuiste SPARQL" in body and b"Traceback" not in body  # Dutch by default
    with pytest.raises(QueryBadFormed):
        client(server, "SELECT * WHERE { ?s ?p }", JSON).query()


def test_missing_and_duplicate_query_parameters_are_400(server: Server) -> None:
    assert server.post_form([("nothing", "x")])[0] == 400
    assert server.post_form([("query", "ASK {}"), ("query", "ASK {}")])[0] == 400
    assert server.post_form([("query", "ASK {}"), ("update", "CLEAR ALL")])[0] == 400


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(server: Server, method: str) -> None:
    status, headers, _ = server.request(method, "/sparql?query=ASK%7B%7D")
    assert status == 405
    assert "POST" in headers["allow"]


def test_unknown_body_type_is_415(server: Server) -> None:
    status, _, body = server.request("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"})
    assert status == 415 and b"application/sparql-query" in body


def test_unacceptable_accept_is_406(server: Server) -> None:
    assert server.get_query(THEMES, "image/png")[0] == 406
    assert server.get_query(DESCRIBE_THEME, "image/png")[0] == 406


def test_default_media_types(server: Server) -> None:
    _, headers, _ = server.get_query(THEMES, "*/*")
    assert headers["content-type"].startswith("application/sparql-results+json")
    _, headers, _ = server.get_query(DESCRIBE_THEME, "*/*")
    assert headers["content-type"].startswith("text/turtle")
    assert "Accept" in headers["vary"]


def test_head_is_answered_like_get_without_body(server: Server) -> None:
    status, headers, body = server.request("HEAD", "/sparql?query=ASK%7B%7D")
    assert status == 200 and body == b""
    assert headers["content-type"].startswith("application/sparql-results+json")
