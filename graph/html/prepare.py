"""A networkx view as the plain data a page draws: nodes, edges, legend, filters, groups.

Everything the page shows is computed here, where it can be tested without a browser: node
size (degree centrality), positions (graph.html.layout), the facts and quotes of the details
panel, the legend counts, and above `cluster_above` nodes the groups the page starts with
collapsed. The page script only draws and filters what it is given.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable
from typing import Any

import networkx as nx

from graph.analysis.central import central
from graph.html import layout, text
from graph.html.details import Details, Quote
from graph.html.style import CLUSTER_STYLE, EDGE_STYLE, NODE_STYLE, OUTLINE, STATUS_LABEL
from graph.html.views import EDGE_KINDS, NODE_TYPES
from graph.links import is_link
from graph.network import PlanData

CLUSTER_ABOVE = 1500
MIN_SIZE, MAX_SIZE, HUB_SIZE = 9.0, 38.0, 32.0
# the comparison's middle column is long and narrow: it is read zoomed out, so bigger labels
FONT_SIZE = {"compare": 20, "crosslinks": 16}


def slug(value: str) -> str:
    """A file-name-safe form of a title, for the PNG the page saves."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80] or "graph"


def _plans(d: dict) -> list[str]:
    return [p for p in str(d.get("plan", "")).split(";") if p]


def _quotes(quotes: list[Quote]) -> list[list[str]]:
    return [[q.section, q.text, q.context] for q in quotes]


def sizes(g: nx.Graph) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """Node sizes from degree centrality in the picture, and the centrality itself.

    Plan hubs are left out of the measure and get a fixed size: they touch every theme and
    would dwarf everything else.
    """
    body = g.subgraph(n for n, d in g.nodes(data=True) if d["type"] != "plan")
    centrality = nx.degree_centrality(body) if len(body) > 1 else dict.fromkeys(body, 0.0)
    top = max(centrality.values(), default=0.0) or 1.0
    out: dict[Hashable, float] = dict.fromkeys(g, HUB_SIZE)
    for n, c in centrality.items():
        out[n] = round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(c / top), 1)
    return out, centrality


def positions(view: str, g: nx.Graph) -> layout.Positions:
    """The layout that reads best for each view."""
    if view == "crosslinks":
        themes = sorted(
            (n for n, d in g.nodes(data=True) if d["type"] == "theme"),
            key=lambda n: (g.nodes[n]["plan"], g.nodes[n]["ref"]),
        )
        return layout.ring(themes, [n for n in g if n not in set(themes)])
    if view == "compare":
        middle = [n for n, d in g.nodes(data=True) if d["type"] == "core"]
        middle.sort(key=lambda n: [int(x) for x in g.nodes[n]["notation"].split(".")])
        hubs = [n for n, d in g.nodes(data=True) if d["type"] == "plan"]
        return layout.columns(g, middle, hubs)
    if view == "ego":
        return layout.spring(g, {g.graph["focus"]: (0.0, 0.0)})
    return layout.spring(g)


def _node_facts(
    n: Hashable, d: dict, g: nx.Graph, data: PlanData, centrality: dict, partner_rank: dict
) -> list[list[str]]:
    facts: list[list[str]] = []
    kind = d["type"]
    if kind == "theme":
        theme = data.themes.get(n)
        facts.append(["status", STATUS_LABEL.get(d.get("status", ""), d.get("status", ""))])
        if theme is not None:
            if theme.number is not None:
                facts.append(["number in the plan", str(theme.number)])
            facts.append(
                [
                    "pillars / ambitions / actions",
                    f"{theme.pillars} / {theme.ambitions} / {theme.actions}",
                ]
            )
            facts.append(["partners involved", str(len(data.partners_of_theme(n)))])
    elif kind == "partner":
        facts.append(["kind", d.get("kind", "")])
        if d.get("domains"):
            facts.append(["domains", d["domains"].replace(";", ", ")])
        row = partner_rank.get(d.get("identifier"))
        if row:
            facts.append(
                [
                    "centrality (ivp analyze central)",
                    f"rank {row['rank']}: works on {row['themes']} of {row['of_themes']} themes, "
                    f"betweenness {row['betweenness']:g}",
                ]
            )
    elif kind == "plan":
        facts.append(["title", d.get("title", "")])
    elif kind == "core":
        facts.append(["VNG notation", d.get("notation", "")])
    plans = _plans(d)
    if plans:
        facts.append(["plan" if len(plans) == 1 else "plans", ", ".join(plans)])
    if n in centrality:
        facts.append(
            ["degree centrality here", f"{centrality[n]:.3f} ({g.degree(n)} links in this picture)"]
        )
    facts.append(["id", str(d.get("ref", ""))])
    return facts


def _edge_facts(d: dict) -> list[list[str]]:
    facts = [["kind", EDGE_STYLE[d["kind"]]["label"]]]
    if d.get("kinds"):
        facts.append(["stated as", d["kinds"].replace(";", ", ")])
    if d.get("directed"):
        facts.append(["direction", "from the first theme to the second"])
    if d.get("roles"):
        facts.append(["roles", d["roles"].replace(";", ", ")])
    if d.get("weight") and d["kind"] == "involvement":
        facts.append(["involvements", str(d["weight"])])
    if d.get("match"):
        facts.append(["match", f"skos:{d['match']}" + (f" ({d['basis']})" if d["basis"] else "")])
    if "shared" in d:
        facts.append(["shared partners", f"{d['shared']} (Jaccard {d['jaccard']:g})"])
        if d.get("partners"):
            facts.append(["which", d["partners"]])
    if d.get("uncarried"):
        facts.append(["note", "stated, but no partner works on both themes"])
    return facts


def prepare(
    view: str,
    g: nx.Graph,
    data: PlanData,
    details: Details,
    cluster_above: int = CLUSTER_ABOVE,
) -> dict[str, Any]:
    """The page's data: a dict of plain values, ready for JSON."""
    large = len(g) > cluster_above
    order = sorted(g, key=lambda n: (NODE_TYPES.index(g.nodes[n]["type"]), g.nodes[n]["ref"]))
    index = {n: i for i, n in enumerate(order)}
    size, centrality = sizes(g)
    partner_rank: dict[str, dict] = {}
    plans = [p for p in g.graph.get("plans", "").split(";") if p]
    scope = set(plans)  # the plans this page draws: its quotes and figures are theirs alone
    if not large and any(d["type"] == "partner" for _, d in g.nodes(data=True)):
        partner_rank = {r["partner"]: r for r in central(data, plans).rows}

    clusters: list[dict[str, Any]] = []
    group_of: dict[Hashable, int] = {}
    if large:
        keys: dict[Hashable, str] = {}
        for n, d in g.nodes(data=True):
            ps = _plans(d)
            keys[n] = f"plan:{ps[0]}" if len(ps) == 1 else f"type:{d['type']}"
        group_pos, pos = layout.grouped(
            g, keys.__getitem__, lambda n: (NODE_TYPES.index(g.nodes[n]["type"]), g.nodes[n]["ref"])
        )
        names = sorted(group_pos)
        members = Counter(keys.values())
        for k in names:
            kind, value = k.split(":", 1)
            mine = [n for n in order if keys[n] == k]
            types = sorted({g.nodes[n]["type"] for n in mine}, key=NODE_TYPES.index)
            label = (
                f"{value} ({members[k]})"
                if kind == "plan"
                else f"{NODE_STYLE[value]['label']}s in several plans ({members[k]})"
            )
            clusters.append(
                {
                    "label": label,
                    "types": types,
                    "plans": [value] if kind == "plan" else [],
                    "x": group_pos[k][0],
                    "y": group_pos[k][1],
                    "size": round(min(MAX_SIZE * 2, 12 + 4 * math.sqrt(members[k])), 1),
                    "n": members[k],
                }
            )
        cluster_index = {k: i for i, k in enumerate(names)}
        group_of = {n: cluster_index[keys[n]] for n in g}
    else:
        pos = positions(view, g)

    nodes = []
    for n in order:
        d = g.nodes[n]
        node: dict[str, Any] = {
            "label": d["label"],
            "type": d["type"],
            "plans": _plans(d),
            "x": pos[n][0],
            "y": pos[n][1],
            "size": size[n],
            "ref": d.get("ref", ""),
            # only an IRI that may be a link (graph.links); other keys (vng:1.2) are no IRIs
            "iri": n if isinstance(n, str) and is_link(n) else "",
        }
        if d["type"] == "theme":
            node["status"] = d.get("status", "")
        if d.get("focus"):
            node["focus"] = True
        if large:
            node["c"] = group_of[n]
        else:
            node["description"] = details.descriptions.get(n, "")
            node["quotes"] = _quotes(details.quotes_of(n, scope))
            facts = _node_facts(n, d, g, data, centrality, partner_rank)
            if d["type"] == "theme":
                facts[1:1] = details.theme_facts.get(n, [])  # after the status
            node["facts"] = facts
        nodes.append(node)

    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        a, b = sorted((index[u], index[v]))
        edge: dict[str, Any] = {"from": a, "to": b, "kind": d["kind"]}
        if d["kind"] == "crosslink" and d.get("uncarried"):
            edge["uncarried"] = True
        if not large:
            edge["facts"] = _edge_facts(d)
            if d["kind"] == "crosslink":
                quotes = details.crosslink_quotes_of(d["plan"], d["source"], d["target"])
                edge["quotes"] = _quotes(quotes)
        if d["kind"] == "crosslink" and d.get("directed"):
            edge["arrow"] = "to" if a == index[d["source"]] else "from"
        edges.append(edge)

    types = Counter(d["type"] for _, d in g.nodes(data=True))
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    statuses = Counter(d.get("status") for _, d in g.nodes(data=True) if d["type"] == "theme")
    all_plans = sorted({p for _, d in g.nodes(data=True) for p in _plans(d)})
    title = text.title(view, g, data)
    return {
        "view": view,
        "fontSize": FONT_SIZE.get(view, 14),
        "title": title,
        "filename": slug(title),
        "explanation": text.explanation(view, g, data, readings=not large),
        "types": [{"id": t, **NODE_STYLE[t], "count": types[t]} for t in NODE_TYPES if types[t]],
        "edgeKinds": [
            {"id": k, **EDGE_STYLE[k], "count": kinds[k]} for k in EDGE_KINDS if kinds[k]
        ],
        "groupEdge": EDGE_STYLE["group"],
        "outline": OUTLINE,
        "cluster": CLUSTER_STYLE,
        "plans": [
            {"id": p, "label": data.plans[p].municipality if p in data.plans else p}
            for p in all_plans
        ],
        "statuses": [
            {"id": s, "label": STATUS_LABEL.get(s, s), "count": statuses[s]}
            for s in sorted(statuses, key=lambda s: (s != "priority", s))
        ],
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
    }
