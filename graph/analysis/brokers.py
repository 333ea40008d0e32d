"""Brokers: partners that connect domains (zorg, veiligheid, sociaal, ...) across themes.

A partner works with the partners it shares a theme with (its neighbours in the partner
projection, weighted by the number of shared themes). It brokers when those neighbours come
from many domains: `reach` counts the domains among its neighbours, and the participation
coefficient 1 - Σ_d (k_d / k)² (Guimerà & Amaral 2005) is 0 when all its ties go to one domain
and approaches 1 when they spread evenly over many. A neighbour with several domains counts
for each in equal parts. Betweenness on the projection says whether it also sits between
partners that share no theme. `communities` counts the Louvain communities of its themes.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph import network
from graph.analysis import Result, r4
from graph.analysis.communities import SEED, partition
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted, where
from graph.i18n import Language, choose
from graph.network import PlanData

METHOD = (
    "domain participation coefficient (Guimerà & Amaral 2005) over the partner projection "
    "weighted by shared themes, betweenness centrality on the projection (as "
    "networkx.betweenness_centrality defines it, computed by igraph), and the Louvain "
    "communities of the partner's themes"
)


def domain_ties(projection: nx.Graph, partner: str) -> dict[str, float]:
    """Weight of the partner's ties per domain of the partner at the other end."""
    ties: dict[str, float] = defaultdict(float)
    for other, edge in projection[partner].items():
        domains = [d for d in projection.nodes[other]["domains"].split(";") if d]
        for d in domains:
            ties[d] += edge["weight"] / len(domains)
    return dict(ties)


def participation(ties: dict[str, float]) -> float:
    k = sum(ties.values())
    return 1 - sum((w / k) ** 2 for w in ties.values()) if k else 0.0


def _weight(value: float) -> str:
    """A tie weight at two decimals at most: shares of a neighbour with several domains are
    thirds and halves, which `:g` printed at whatever precision it reached (10.3333, 7.33333).

    >>> _weight(10 + 1 / 3), _weight(7 + 1 / 3), _weight(6.0), _weight(2.5)
    ('10.33', '7.33', '6', '2.5')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")


def brokers(
    data: PlanData, plan: str | None = None, seed: int = SEED, *, language: Language | None = None
) -> Result:
    """Partners by the domains they reach; `language` is that of the reading."""
    scope = data.plan_ids(plan)
    b = network.bipartite(data, scope)
    projection = network.partner_projection(b)
    between = network.betweenness(projection) if len(projection) > 2 else {}
    found, _ = partition(b, seed)
    community_of = {n: i for i, c in enumerate(found, start=1) for n in c}
    rows = []
    for p in network.partner_nodes(b):
        if not b.degree(p):
            continue
        node = b.nodes[p]
        ties = domain_ties(projection, p)
        rows.append(
            {
                "partner": node["identifier"],
                "label": node["label"],
                "type": node.get("partner_type", ""),
                "domains": node["domains"].replace(";", ", "),
                "themes": b.degree(p),
                "reach": len(ties),
                "participation": r4(participation(ties)),
                "betweenness": r4(between.get(p, 0.0)),
                "communities": len({community_of[t] for t in b[p] if t in community_of}),
                "connects": ", ".join(
                    f"{d} {_weight(w)}"
                    for d, w in sorted(ties.items(), key=lambda x: (-x[1], x[0]))
                ),
            }
        )
    rows.sort(key=lambda r: (-r["reach"], -r["participation"], -r["themes"], r["partner"]))
    result = Result("brokers", scope, METHOD, {"seed": seed})
    result.rows = rows
    if rows:
        top, lang = rows[0], choose(language)
        result.reading = [
            W(
                "brokers_top",
                lang,
                where=where(scope, lang),
                label=top["label"],
                partner=top["partner"],
                domains=top["domains"],
                reach=top["reach"],
                connects=top["connects"],
                participation=f"{top['participation']:g}",
            )
        ]
        spread = [r for r in rows if r["communities"] > 1]
        if spread:
            names = ", ".join(r["partner"] for r in spread[:8]) + ("…" if len(spread) > 8 else "")
            result.reading.append(counted(len(spread), "brokers_spread", lang, partners=names))
    return result
