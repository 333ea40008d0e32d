"""Central partners: who do the themes of a plan (or of all plans) depend on?

Two views, because they answer different questions. On the theme-partner bipartite graph,
bipartite degree centrality is the share of the themes a partner works on, and bipartite
betweenness says how often it lies on the shortest paths between themes and partners (the
partner that holds otherwise separate themes together). On the partner projection (partners
joined when they share a theme), degree centrality is the share of the other partners it
works with, and betweenness how often it connects partners that share no theme.

Exact betweenness runs a breadth-first search from every node: 16-20 s for the theme-partner
graph of all ~700 plans (12,000 nodes), which with the loading takes the national ranking past
half a minute. Above `EXACT_UP_TO` nodes the bipartite betweenness is therefore estimated from
`PIVOTS` sources drawn with a fixed seed (the estimate networkx.betweenness_centrality(k=...,
seed=...) gives), and the result's method and parameters say so. One plan, or a region, stays
far below that and is exact; so is the partner projection, whose nodes are only the partners
(2,700 nationally).
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms import bipartite as bp

from graph import network
from graph.analysis import Result, r4
from graph.analysis.communities import SEED
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted, where
from graph.i18n import Language, choose
from graph.network import PlanData

METHOD = (
    "networkx.algorithms.bipartite.degree_centrality and betweenness_centrality on the "
    "theme-partner graph; networkx.degree_centrality and betweenness_centrality on the "
    "partner projection (unweighted); betweenness computed by igraph, with networkx's "
    "definitions and normalisation"
)
ESTIMATED = (
    "; the bipartite betweenness not exact but estimated from betweenness_pivots random "
    "sources (seeded), as networkx.betweenness_centrality(k, seed) estimates it"
)
EXACT_UP_TO = 5000  # nodes of the theme-partner graph
PIVOTS = 2500


def central(
    data: PlanData,
    plan: str | None = None,
    top: int | None = None,
    *,
    language: Language | None = None,
) -> Result:
    """Partners ranked by the number of themes they work on, then by bipartite betweenness.

    `language` is that of the reading (graph.i18n.choose: Dutch unless asked otherwise)."""
    scope = data.plan_ids(plan)
    b = network.bipartite(data, scope)
    themes = network.theme_nodes(b)
    partners = network.partner_nodes(b)
    pivots = PIVOTS if len(b) > EXACT_UP_TO else None
    result = Result(
        "central",
        scope,
        METHOD + (ESTIMATED if pivots else ""),
        {"top": top, "betweenness_pivots": pivots, "seed": SEED if pivots else None},
    )
    if not partners:
        return result
    degree = bp.degree_centrality(b, themes) if themes else dict.fromkeys(b, 0.0)
    between = (
        network.bipartite_betweenness(b, themes, pivots, SEED) if themes else dict.fromkeys(b, 0.0)
    )
    projection = network.partner_projection(b)
    p_degree = nx.degree_centrality(projection) if len(projection) > 1 else {}
    p_between = network.betweenness(projection) if len(projection) > 2 else {}
    rows = []
    for p in partners:
        node = b.nodes[p]
        via = sorted(b[p], key=lambda t: b.nodes[t]["ref"])
        row = {
            "rank": 0,
            "partner": node["identifier"],
            "label": node["label"],
            "kind": node["kind"],
            "type": node.get("partner_type", ""),
            "domains": node["domains"].replace(";", ", "),
            "themes": len(via),
            "of_themes": len(themes),
            "degree": r4(degree.get(p, 0.0)),
            "betweenness": r4(between.get(p, 0.0)),
            "projection_degree": r4(p_degree.get(p, 0.0)),
            "projection_betweenness": r4(p_between.get(p, 0.0)),
            "via_themes": ", ".join(
                b.nodes[t]["identifier"] if len(scope) == 1 else b.nodes[t]["ref"] for t in via
            ),
        }
        if len(scope) > 1:
            row["plans"] = node["plan"].replace(";", ", ")
        rows.append(row)
    rows.sort(
        key=lambda r: (-r["themes"], -r["betweenness"], -r["projection_degree"], r["partner"])
    )
    previous, rank = None, 0
    for n, row in enumerate(rows, start=1):
        key = (row["themes"], row["betweenness"])
        if key != previous:
            rank, previous = n, key
        row["rank"] = rank
    result.rows = rows[:top] if top else rows
    result.reading = _reading(rows, scope, len(themes), pivots, choose(language))
    return result


def _reading(
    rows: list[dict], scope: list[str], n_themes: int, pivots: int | None, lang: Language
) -> list[str]:
    first = rows[0]
    lines = [
        W(
            "central_top",
            lang,
            where=where(scope, lang),
            label=first["label"],
            partner=first["partner"],
            themes=first["themes"],
            n=n_themes,
            via=first["via_themes"],
        )
    ]
    runners = [r for r in rows[1:4] if r["themes"]]
    if runners:
        named = "; ".join(
            W("central_runner", lang, partner=r["partner"], themes=r["themes"], n=n_themes)
            for r in runners
        )
        lines.append(W("central_next", lang, runners=named))
    broker = max(rows, key=lambda r: (r["betweenness"], -len(r["partner"])))
    if broker["betweenness"] > 0:
        lines.append(
            W(
                "central_between",
                lang,
                partner=broker["partner"],
                score=f"{broker['betweenness']:g}",
            )
            + (W("central_estimated", lang, pivots=pivots) if pivots else ".")
        )
    idle = [r["partner"] for r in rows if r["themes"] == 0]
    if idle:
        lines.append(counted(len(idle), "central_idle", lang, of=len(rows)))
    if len(scope) > 1:
        both = [r for r in rows if r.get("plans", "").count(",") == len(scope) - 1]
        plans = W("both_plans", lang) if len(scope) == 2 else W("all_plans", lang, n=len(scope))
        names = ", ".join(r["partner"] for r in both[:8]) + ("…" if len(both) > 8 else "")
        lines.append(counted(len(both), "central_both", lang, plans=plans, partners=names))
    return lines
