"""Communities: which themes and partners form clusters that work mostly among themselves?

Louvain on the theme-partner graph (weights = involvements), with a fixed seed so the same
data always gives the same clusters, and the modularity of the partition (how much more of
the involvements fall inside the clusters than chance would put there; above ~0.3 is a clear
structure). Partners named without any theme have no edge to place them and are left out.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph import network
from graph.analysis import Result, r4
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted, where
from graph.i18n import Language, choose
from graph.network import PlanData

SEED = 42
RESOLUTION = 1.0
METHOD = (
    "networkx.community.louvain_communities (weight = number of involvements) and "
    "networkx.community.modularity on the theme-partner graph without isolated nodes"
)


def partition(
    b: nx.Graph, seed: int = SEED, resolution: float = RESOLUTION
) -> tuple[list[set[str]], float]:
    """Louvain communities of the connected part of `b`, biggest first, and the modularity."""
    g = b.subgraph(n for n in b if b.degree(n) > 0).copy()
    if g.number_of_edges() == 0:
        return [], 0.0
    found = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    q = nx.community.modularity(g, found, weight="weight", resolution=resolution)
    found = sorted(found, key=lambda c: (-len(c), min(b.nodes[n]["ref"] for n in c)))
    return [set(c) for c in found], q


def communities(
    data: PlanData,
    plan: str | None = None,
    seed: int = SEED,
    resolution: float = RESOLUTION,
    *,
    language: Language | None = None,
) -> Result:
    """Louvain communities, biggest first; `language` is that of the reading."""
    scope = data.plan_ids(plan)
    b = network.bipartite(data, scope)
    found, q = partition(b, seed, resolution)
    rows = []
    for n, members in enumerate(found, start=1):
        themes = sorted(
            (m for m in members if b.nodes[m]["type"] == "theme"), key=lambda m: b.nodes[m]["ref"]
        )
        partners = sorted(
            (m for m in members if b.nodes[m]["type"] == "partner"),
            key=lambda m: b.nodes[m]["identifier"],
        )
        domains = Counter(d for p in partners for d in b.nodes[p]["domains"].split(";") if d)
        types = Counter(b.nodes[p].get("partner_type") for p in partners)
        types.pop("", None)
        types.pop(None, None)
        inside = b.subgraph(members).size(weight="weight")
        total = sum(b.degree(m, weight="weight") for m in themes)
        rows.append(
            {
                "community": n,
                "modularity": r4(q),
                "themes": len(themes),
                "partners": len(partners),
                "cohesion": r4(inside / total) if total else 0.0,
                "domains": ", ".join(f"{d} {c}" for d, c in sorted(domains.items(), key=_count)),
                "types": ", ".join(f"{t} {c}" for t, c in sorted(types.items(), key=_count)),
                "theme_ids": ", ".join(
                    b.nodes[t]["identifier"] if len(scope) == 1 else b.nodes[t]["ref"]
                    for t in themes
                ),
                "partner_ids": ", ".join(b.nodes[p]["identifier"] for p in partners),
            }
        )
    result = Result("communities", scope, METHOD, {"seed": seed, "resolution": resolution})
    result.rows = rows
    if rows:
        lang = choose(language)
        result.reading = [
            W(
                "communities",
                lang,
                where=where(scope, lang),
                seed=seed,
                found=counted(len(rows), "community", lang),
                q=f"{q:.3f}",
            )
            + W("clear" if q >= 0.3 else "weak", lang)
        ] + [
            W(
                "community_row",
                lang,
                community=r["community"],
                themes=r["theme_ids"],
                partners=counted(r["partners"], "partner", lang),
                domain=r["domains"].split(",")[0] or "-",
                cohesion=f"{r['cohesion']:.0%}",
            )
            for r in rows
            if r["themes"]
        ]
    return result


def _count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])
