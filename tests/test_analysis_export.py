"""Exports: GraphML and GEXF load in networkx again with their attributes intact, Cytoscape JSON
too, and the GraphML passes a schema check.

The GraphML XSD (graphml.graphdrawing.org/xmlns/1.0/graphml.xsd) cannot be fetched here and no
Debian package ships it (apt-file finds none), so `graphml_schema_errors` checks the rules of
the GraphML 1.0 structural schema itself, as the specification states them:

1. the root is <graphml> in the namespace http://graphml.graphdrawing.org/xmlns, holding an
   optional <desc>, then <key>*, then (<data> | <graph>)*;
2. <key> has a document-unique `id`; `for` is one of all, graphml, graph, node, edge,
   hyperedge, port, endpoint; `attr.type` one of boolean, int, long, float, double, string;
   its only child is an optional <default>;
3. <graph> has `edgedefault` (directed | undirected); children: optional <desc>, then
   (<data> | <node> | <edge> | <hyperedge>)*;
4. <node> has an `id` unique in the document (xs:key nodeId); children are <desc>, <data>,
   <port>, <graph>; <edge> has `source` and `target` that name nodes (xs:keyref), an
   optional `directed` boolean, children <desc>, <data>, <graph>;
5. <data> has a `key` naming a <key> (xs:keyref), whose `for` is `all` or the parent element;
6. and, from the attribute extension (graphml-attributes), a <data> value is a lexically valid
   value of its key's `attr.type`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from analysis_fixture import fixture_store

from graph import export_network as ex
from graph import network
from graph.store import open_store

NS = "{http://graphml.graphdrawing.org/xmlns}"
KEY_FOR = {"all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint"}
TYPES = {"boolean", "int", "long", "float", "double", "string"}
CHILDREN = {
    "graph": {"desc", "data", "node", "edge", "hyperedge"},
    "node": {"desc", "data", "port", "graph"},
    "edge": {"desc", "data", "graph"},
}


def _lexical(value: str, kind: str) -> bool:
    try:
        if kind == "boolean":
            return value in ("true", "false", "1", "0")
        if kind in ("int", "long"):
            int(value)
        elif kind in ("float", "double"):
            float(value)
    except ValueError:
        return False
    return True


def graphml_schema_errors(text: str) -> list[str]:
    errors: list[str] = []
    root = ET.fromstring(text.encode("utf-8"))
    if root.tag != NS + "graphml":
        return [f"root is {root.tag}, not {NS}graphml"]
    tags = [c.tag.removeprefix(NS) for c in root]
    order = [t for t in tags if t != "desc"]
    if "desc" in tags and tags.index("desc") != 0:
        errors.append("<desc> must come first")
    first_other = next((i for i, t in enumerate(order) if t != "key"), len(order))
    if any(t == "key" for t in order[first_other:]):
        errors.append("<key> elements must precede <data> and <graph>")
    if set(order) - {"key", "data", "graph"}:
        errors.append(f"unexpected children of <graphml>: {set(order) - {'key', 'data', 'graph'}}")
    keys: dict[str, ET.Element] = {}
    for key in root.iter(NS + "key"):
        kid = key.get("id")
        if not kid or kid in keys:
            errors.append(f"key id missing or duplicate: {kid}")
        keys[kid or ""] = key
        if key.get("for", "all") not in KEY_FOR:
            errors.append(f"key {kid}: for={key.get('for')}")
        if key.get("attr.type", "string") not in TYPES:
            errors.append(f"key {kid}: attr.type={key.get('attr.type')}")
        if any(c.tag != NS + "default" for c in key):
            errors.append(f"key {kid}: only <default> may be inside")
    nodes: set[str] = set()
    for node in root.iter(NS + "node"):
        nid = node.get("id")
        if not nid or nid in nodes:
            errors.append(f"node id missing or duplicate: {nid}")
        nodes.add(nid or "")
    for graph in root.iter(NS + "graph"):
        if graph.get("edgedefault") not in ("directed", "undirected"):
            errors.append(f"graph edgedefault={graph.get('edgedefault')}")
    for parent_tag, allowed in CHILDREN.items():
        for element in root.iter(NS + parent_tag):
            bad = {c.tag.removeprefix(NS) for c in element} - allowed
            if bad:
                errors.append(f"<{parent_tag}> may not hold {bad}")
    for edge in root.iter(NS + "edge"):
        for end in ("source", "target"):
            if edge.get(end) not in nodes:
                errors.append(f"edge {end} {edge.get(end)!r} is not a node id")
        if edge.get("directed") not in (None, "true", "false"):
            errors.append(f"edge directed={edge.get('directed')}")
    parents = {child: parent for parent in root.iter() for child in parent}
    for data in root.iter(NS + "data"):
        key = keys.get(data.get("key") or "")
        if key is None:
            errors.append(f"data key {data.get('key')!r} names no <key>")
            continue
        where = parents[data].tag.removeprefix(NS)
        if key.get("for", "all") not in ("all", where):
            errors.append(f"data {data.get('key')} (for {key.get('for')}) inside <{where}>")
        if not _lexical(data.text or "", key.get("attr.type", "string")):
            errors.append(f"data {data.get('key')}={data.text!r} is no {key.get('attr.type')}")
    return errors


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> network.PlanData:
    store, settings = fixture_store(tmp_path_factory.mktemp("fixture"))
    return network.load(store, settings)


@pytest.fixture(scope="module")
def real_data(built) -> network.PlanData:
    return network.load(open_store(built), built)


def test_the_schema_check_catches_broken_graphml() -> None:
    broken = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph id="G"><node id="a"/><node id="a"/><edge source="a" target="b"/>'
        '<data key="nope">1</data></graph><key id="k" attr.type="text"/></graphml>'
    )
    errors = graphml_schema_errors(broken)
    assert any("edgedefault" in e for e in errors)
    assert any("duplicate" in e for e in errors)
    assert any("is not a node id" in e for e in errors)
    assert any("names no <key>" in e for e in errors)
    assert any("precede" in e for e in errors)
    assert any("attr.type" in e for e in errors)


@pytest.mark.parametrize("view", ex.VIEWS)
def test_graphml_passes_the_schema_check(fixture_data, real_data, view: str) -> None:
    for data in (fixture_data, real_data):
        assert graphml_schema_errors(ex.serialize(ex.view(data, view), "graphml")) == []


@pytest.mark.parametrize("fmt", ex.FORMATS)
@pytest.mark.parametrize("view", ex.VIEWS)
def test_round_trip_keeps_nodes_edges_and_attributes(fixture_data, view: str, fmt: str) -> None:
    g = ex.view(fixture_data, view)
    back = ex.read(ex.serialize(g, fmt), fmt)
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    for n, attrs in g.nodes(data=True):
        for k, v in attrs.items():
            assert back.nodes[n][k] == v, (n, k)
    for u, v, attrs in g.edges(data=True):
        for k, value in attrs.items():
            assert back.edges[u, v][k] == value, (u, v, k)


def test_export_carries_types_labels_and_plans(fixture_data) -> None:
    back = ex.read(ex.serialize(ex.view(fixture_data, "bipartite"), "gexf"), "gexf")
    politie = back.nodes["https://w3id.org/kruisverband/id/partner/politie"]
    assert (politie["type"], politie["label"]) == ("partner", "Politie")
    assert politie["plan"] == "alfa-2020;beta-2021"
    assert politie["domains"] == "veiligheid"
    theme = back.nodes["https://w3id.org/kruisverband/id/thema/alfa-2020/d"]
    assert (theme["type"], theme["plan"], theme["status"]) == ("theme", "alfa-2020", "priority")


def test_real_export_round_trip(real_data, tmp_path: Path) -> None:
    g = ex.view(real_data, "bipartite")
    for fmt in ex.FORMATS:
        back = ex.read(ex.serialize(g, fmt), fmt)
        assert back.number_of_nodes() == g.number_of_nodes()
        assert back.number_of_edges() == g.number_of_edges()
        types = {d["type"] for _, d in back.nodes(data=True)}
        assert types <= {"theme", "partner"}
