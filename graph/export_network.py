"""`ivp export`: the network views as GraphML, GEXF or Cytoscape JSON, for Gephi and Cytoscape.

The exported graphs are the views of graph.network, unchanged, so what a user sees in Gephi is
what the analyses computed on. Nodes are keyed by IRI (the link back to the RDF) and carry
`type` (theme | partner), `ref`, `identifier`, `label`, `plan` (a theme's plan; for a partner,
the plans naming it, ';'-joined) and for themes `status`, for partners `kind` and `domains`.
Lists are ';'-joined strings because GraphML and GEXF attributes are scalars.
"""

from __future__ import annotations

import io
import json
import re

import networkx as nx

from graph import network
from graph.network import PlanData

VIEWS = ("bipartite", "partners", "themes")
FORMATS = ("graphml", "gexf", "cyjs")


def view(data: PlanData, name: str = "bipartite", plan: str | None = None) -> nx.Graph:
    """The graph to export: theme-partner, the partner projection, or themes with cross-links."""
    if name == "bipartite":
        g = network.bipartite(data, plan)
    elif name == "partners":
        g = network.partner_projection(network.bipartite(data, plan))
    elif name == "themes":
        g = network.theme_graph(data, plan)
    else:
        raise ValueError(f"unknown view {name!r}; use one of {', '.join(VIEWS)}")
    g.graph.update(
        {"view": name, "plans": ";".join(data.plan_ids(plan)), "name": f"kruisverband {name}"}
    )
    return g


def serialize(g: nx.Graph, fmt: str) -> str:
    """The graph as text in `fmt` (graphml, gexf or cyjs)."""
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(g, buffer, encoding="utf-8", named_key_ids=True)
        return _xsd_booleans(buffer.getvalue().decode("utf-8"))
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(g, buffer, encoding="utf-8", version="1.2draft")
        return buffer.getvalue().decode("utf-8")
    if fmt == "cyjs":
        doc = nx.cytoscape_data(g, name="label", ident="iri")  # no `iri` attribute: id = the IRI
        doc["data"] = dict(g.graph)
        return json.dumps(doc, ensure_ascii=False, indent=1)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _xsd_booleans(text: str) -> str:
    """networkx writes booleans as Python does ("True"); GraphML wants xs:boolean ("true")."""
    keys = re.findall(r'<key id="([^"]+)"[^>]*attr\.type="boolean"', text)
    if not keys:
        return text
    pattern = re.compile(
        r'(<data key="(?:{}))">(True|False)</data>'.format("|".join(map(re.escape, keys)))
    )
    return pattern.sub(lambda m: f'{m.group(1)}">{m.group(2).lower()}</data>', text)


def read(text: str, fmt: str) -> nx.Graph:
    """Read an export back (the round trip the tests check, and for Python users)."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    if fmt == "cyjs":
        return nx.cytoscape_graph(json.loads(text), name="label", ident="id")
    raise ValueError(f"unknown format {fmt!r}")
