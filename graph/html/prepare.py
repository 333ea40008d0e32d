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
from graph.html.style import CLUSTER_STYLE, EDGE_STYLE, NODE_STYLE, OUTLINE
from graph.html.views import EDGE_KINDS, NODE_TYPES
from graph.html.words import EDGES, FACTS, STATUSES, TYPES, count, page_words
from graph.i18n import Language, choose
from graph.links import is_link
from graph.network import PlanData

CLUSTER_ABOVE = 1500
MIN_SIZE, MAX_SIZE, HUB_SIZE = 9.0, 38.0, 32.0
# the comparison's middle column is long and narrow: it is read zoomed out, so bigger labels
FONT_SIZE = {"compare": 20, "crosslinks": 16}
ROOM = 24.0  # px of air round a node when the layout pushes nodes apart


def vis_options(font_size: int, grouped: bool) -> dict[str, Any]:
    """vis-network's options: positions are ours (no physics); a grouped page skips hover
    and hides edges while it moves, which keeps thousands of them quick."""
    return {
        "autoResize": True,
        "physics": False,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": not grouped,
            "navigationButtons": True,
            "keyboard": False,
            "multiselect": False,
            "hideEdgesOnDrag": grouped,
            "hideEdgesOnZoom": grouped,
            "tooltipDelay": 300,
        },
        "nodes": {
            "font": {
                "size": font_size,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            }
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "arrows": {"to": {"scaleFactor": 0.6}, "from": {"scaleFactor": 0.6}},
        },
    }


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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


# which labels a page draws first (graph/html/labels.js): lower tiers first, then by degree
LABEL_TIER = {"plan": 1, "theme": 3, "core": 5, "domain": 5, "partner": 4, "pillar": 7}


def label_ranks(g: nx.Graph) -> dict[Hashable, int]:
    """Each node's place in the order the page labels them: the focus, the plans, priority
    themes, themes, partners serving several themes, core themes and domains, the other
    partners, pillars; within a tier the better connected first. When not every label fits
    on the screen, those at the head of this order are the ones drawn.
    """

    def key(n: Hashable) -> tuple:
        d = g.nodes[n]
        tier = LABEL_TIER.get(d["type"], 9)
        if d.get("focus"):
            tier = 0
        elif d["type"] == "theme" and d.get("status") == "priority":
            tier = 2
        elif d["type"] == "partner" and g.degree(n) < 2:
            tier = 6
        return (tier, -g.degree(n), str(d.get("label", "")), str(d.get("ref", "")))

    return {n: i for i, n in enumerate(sorted(g, key=key))}


def positions(view: str, g: nx.Graph, size: dict[Hashable, float]) -> layout.Positions:
    """The layout that reads best for each view."""
    room = {n: s + ROOM for n, s in size.items()}
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
        return layout.radial(g, g.graph["focus"], room)
    return layout.plan(g, room)


def _status(status: str, lang: Language) -> str:
    return STATUSES(status, lang) if status in STATUSES.texts else status


def _node_facts(
    n: Hashable,
    d: dict,
    g: nx.Graph,
    data: PlanData,
    centrality: dict,
    partner_rank: dict,
    lang: Language,
) -> list[list[str]]:
    def fact(key: str, value: str) -> None:
        facts.append([FACTS(key, lang), value])

    facts: list[list[str]] = []
    kind = d["type"]
    if kind == "theme":
        theme = data.themes.get(n)
        fact("status", _status(d.get("status", ""), lang))
        if theme is not None:
            if theme.number is not None:
                fact("number", str(theme.number))
            fact("parts", f"{theme.pillars} / {theme.ambitions} / {theme.actions}")
            fact("partners", str(len(data.partners_of_theme(n))))
    elif kind == "partner":
        fact("kind", d.get("kind", ""))
        if d.get("partner_type"):  # the same kind of partner across plans: RIEC, woningcorporatie
            fact("partner_type", data.type_labels.get(d["partner_type"], d["partner_type"]))
        if d.get("domains"):
            fact("domains", d["domains"].replace(";", ", "))
        row = partner_rank.get(d.get("identifier"))
        if row:
            fact(
                "centrality",
                FACTS(
                    "rank",
                    lang,
                    rank=row["rank"],
                    themes=row["themes"],
                    of=row["of_themes"],
                    b=f"{row['betweenness']:g}",
                ),
            )
    elif kind == "plan":
        fact("title", d.get("title", ""))
    elif kind == "core":
        fact("notation", d.get("notation", ""))
    plans = _plans(d)
    if plans:
        fact("plan" if len(plans) == 1 else "plans", ", ".join(plans))
    if n in centrality:
        fact("degree", FACTS("degree_value", lang, c=f"{centrality[n]:.3f}", n=g.degree(n)))
    fact("id", str(d.get("ref", "")))
    return facts


def _edge_facts(d: dict, lang: Language) -> list[list[str]]:
    facts = [[FACTS("kind", lang), EDGES(d["kind"], lang)]]

    def fact(key: str, value: str) -> None:
        facts.append([FACTS(key, lang), value])

    if d.get("kinds"):
        fact("stated_as", d["kinds"].replace(";", ", "))
    if d.get("directed"):
        fact("direction", FACTS("first_to_second", lang))
    if d.get("roles"):
        fact("roles", d["roles"].replace(";", ", "))
    if d.get("weight") and d["kind"] == "involvement":
        fact("involvements", str(d["weight"]))
    if d.get("match"):
        fact("match", f"skos:{d['match']}" + (f" ({d['basis']})" if d["basis"] else ""))
    if "shared" in d:
        fact("shared", f"{d['shared']} (Jaccard {d['jaccard']:g})")
        if d.get("partners"):
            fact("which", d["partners"])
    if d.get("uncarried"):
        fact("note", FACTS("uncarried", lang))
    return facts


def label(n: Hashable, d: dict, details: Details, lang: Language) -> str:
    """The node's name in the page's language: the data's English label on an English page
    where it has one (the VNG core themes), else its own (Dutch) label."""
    english = details.english.get(n) if lang == "en" and isinstance(n, str) else None
    if not english:
        return d["label"]
    return f"{d['notation']} {english}" if d["type"] == "core" else english


def group_label(name: str, types: Counter, lang: Language) -> str:
    """A closed group's label: what it is, then how many of what it holds (a plan's group
    holds its plan, which the name already says)."""
    held = ", ".join(count(types[t], t, lang) for t in NODE_TYPES if types[t] and t != "plan")
    return f"{name}\n{held}"


def prepare(
    view: str,
    g: nx.Graph,
    data: PlanData,
    details: Details,
    cluster_above: int = CLUSTER_ABOVE,
    lang: str | None = None,
) -> dict[str, Any]:
    """The page's data: a dict of plain values, ready for JSON, in `lang` (default Dutch)."""
    language = choose(lang)
    large = len(g) > cluster_above
    order = sorted(g, key=lambda n: (NODE_TYPES.index(g.nodes[n]["type"]), g.nodes[n]["ref"]))
    index = {n: i for i, n in enumerate(order)}
    size, centrality = sizes(g)
    rank = label_ranks(g)
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
        group_pos, pos, radius = layout.grouped(
            g, keys.__getitem__, lambda n: (NODE_TYPES.index(g.nodes[n]["type"]), g.nodes[n]["ref"])
        )
        names = sorted(group_pos)
        members = Counter(keys.values())
        # groups of several plans (the partners most plans name) first, then by size
        by_size = sorted(names, key=lambda k: (not k.startswith("type:"), -members[k], k))
        group_rank = {k: i for i, k in enumerate(by_size)}
        for k in names:
            kind, value = k.split(":", 1)
            mine = [n for n in order if keys[n] == k]
            held = Counter(g.nodes[n]["type"] for n in mine)
            types = sorted(held, key=NODE_TYPES.index)
            if kind == "plan":
                p = data.plans.get(value)
                name = f"{p.municipality} ({value.rsplit('-', 1)[-1]})" if p else value
            else:
                name = TYPES("several", language, types=_cap(TYPES(value + "+", language)))
            clusters.append(
                {
                    "label": group_label(name, held, language),
                    "types": types,
                    "plans": [value] if kind == "plan" else [],
                    "x": group_pos[k][0],
                    "y": group_pos[k][1],
                    # half the spiral its members open into: room between discs for a label
                    "size": round(max(radius[k] * 0.5, MIN_SIZE), 1),
                    "n": members[k],
                    "rank": group_rank[k],
                }
            )
        cluster_index = {k: i for i, k in enumerate(names)}
        group_of = {n: cluster_index[keys[n]] for n in g}
    else:
        pos = positions(view, g, size)

    nodes = []
    for n in order:
        d = g.nodes[n]
        node: dict[str, Any] = {
            "label": label(n, d, details, language),
            "type": d["type"],
            "plans": _plans(d),
            "x": pos[n][0],
            "y": pos[n][1],
            "size": size[n],
            "rank": rank[n],
            "ref": d.get("ref", ""),
            # only an IRI that may be a link (graph.links); other keys (vng:1.2) are no IRIs
            "iri": n if isinstance(n, str) and is_link(n) else "",
        }
        if d["type"] == "theme":
            node["status"] = d.get("status", "")
        if d["type"] == "partner" and d.get("partner_type"):
            node["ptype"] = d["partner_type"]
        if d.get("focus"):
            node["focus"] = True
        if large:
            node["c"] = group_of[n]
        else:
            node["description"] = details.descriptions.get(n, "")
            node["quotes"] = _quotes(details.quotes_of(n, scope))
            facts = _node_facts(n, d, g, data, centrality, partner_rank, language)
            if d["type"] == "theme":
                facts[1:1] = [  # after the status
                    [FACTS(key, language, n=count), value]
                    for key, value, count in details.theme_facts.get(n, [])
                ]
            node["facts"] = facts
        nodes.append(node)

    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        a, b = sorted((index[u], index[v]))
        edge: dict[str, Any] = {"from": a, "to": b, "kind": d["kind"]}
        if d["kind"] == "crosslink" and d.get("uncarried"):
            edge["uncarried"] = True
        if not large:
            edge["facts"] = _edge_facts(d, language)
            if d["kind"] == "crosslink":
                quotes = details.crosslink_quotes_of(d["plan"], d["source"], d["target"])
                edge["quotes"] = _quotes(quotes)
        if d["kind"] == "crosslink" and d.get("directed"):
            edge["arrows"] = "to" if a == index[d["source"]] else "from"
        edges.append(edge)

    types = Counter(d["type"] for _, d in g.nodes(data=True))
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    statuses = Counter(d.get("status") for _, d in g.nodes(data=True) if d["type"] == "theme")
    ptypes = Counter(
        d["partner_type"]
        for _, d in g.nodes(data=True)
        if d["type"] == "partner" and d.get("partner_type")
    )
    all_plans = sorted({p for _, d in g.nodes(data=True) for p in _plans(d)})
    title = text.title(view, g, data, language)
    return {
        "view": view,
        "lang": language,
        "words": page_words(language),
        "fontSize": FONT_SIZE.get(view, 14),
        "title": title,
        "filename": slug(title),
        "explanation": text.explanation(
            view, g, data, readings=not large, language=language, grouped=large
        ),
        "types": [
            {"id": t, **NODE_STYLE[t], "label": TYPES(t, language), "count": types[t]}
            for t in NODE_TYPES
            if types[t]
        ],
        "edgeKinds": [
            {"id": k, **EDGE_STYLE[k], "label": EDGES(k, language), "count": kinds[k]}
            for k in EDGE_KINDS
            if kinds[k]
        ],
        "options": vis_options(FONT_SIZE.get(view, 14), grouped=large),
        "groupEdge": {**EDGE_STYLE["group"], "label": EDGES("group", language)},
        "outline": OUTLINE,
        "cluster": {**CLUSTER_STYLE, "label": TYPES("cluster", language)},
        "plans": [
            {"id": p, "label": data.plans[p].municipality if p in data.plans else p}
            for p in all_plans
        ],
        "statuses": [
            {"id": s, "label": _status(s, language), "count": statuses[s]}
            for s in sorted(statuses, key=lambda s: (s != "priority", s))
        ],
        # the kinds of partner (RIEC, woningcorporatie, ...): a filter, most partners first
        "partnerTypes": [
            {"id": t, "label": data.type_labels.get(t, t), "count": n}
            for t, n in sorted(ptypes.items(), key=lambda x: (-x[1], x[0]))
        ],
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
    }
