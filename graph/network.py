"""The one place that turns the RDF graph into networkx views, so every analysis sees the same.

`load` reads what the analyses need from the store with a handful of SPARQL queries into plain
records (`PlanData`); the view functions build networkx graphs from those records:

- `bipartite`: themes and partners, an edge where a partner is involved in a theme (directly
  or through one of the theme's actions). Partners a plan names but never involves in a theme
  are kept as isolated nodes: leaving them out would hide them from the gap analysis and
  change the bipartite normalisation.
- `partner_projection`: partners, an edge where they share a theme (weight = shared themes).
- `theme_graph`: the themes of one or more plans, an edge where the plan states a cross-link
  or where two themes of the same plan share partners.

Nodes are keyed by IRI (so an exported graph links back to the RDF) and carry `type`, `ref`
(a short id: `politie`, `nijmegen-2022/ondermijning`), `identifier` (dcterms:identifier),
`label` and `plan`; not `id` or `key`, which GEXF writers take for themselves. Nodes and edges
are added in sorted order, so the seeded algorithms give the same answer for the same data.

Everything here has to hold at national scale too (~700 plans, ~3M triples, a bipartite graph
of 12,000 nodes): `load` can read only the plans an analysis is about, the views look records
up through PlanData's indexes instead of scanning every plan's, and `betweenness` and
`bipartite_betweenness` compute networkx's measures in igraph's C code, which can also
estimate them from a sample when exact is too slow.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable
from itertools import combinations

import igraph
import networkx as nx

# the records and the reading have modules of their own; callers find them here, as before
from graph.network_read import MATCHES, VNG_SCHEME, load, load_shared, load_with_theme_plans
from graph.network_records import (
    BudgetLine,
    Concept,
    CrossLink,
    Involvement,
    Mapping,
    Partner,
    Plan,
    PlanData,
    Theme,
)

__all__ = [
    "MATCHES",
    "VNG_SCHEME",
    "BudgetLine",
    "Concept",
    "CrossLink",
    "Involvement",
    "Mapping",
    "Partner",
    "Plan",
    "PlanData",
    "Theme",
    "load",
    "load_shared",
    "load_with_theme_plans",
]


# --- views --------------------------------------------------------------------------------------


def theme_node(theme: Theme) -> dict:
    """The attributes every view gives a theme node."""
    return {
        "type": "theme",
        "ref": theme.key,
        "identifier": theme.id,
        "label": theme.label,
        "plan": theme.plan,
        "status": theme.status,
        "bipartite": 0,
    }


def partner_node(data: PlanData, partner: Partner, plans: Collection[str]) -> dict:
    """The attributes every view gives a partner node; `plan` lists the plans naming it."""
    return {
        "type": "partner",
        "ref": partner.id,
        "identifier": partner.id,
        "label": partner.label,
        "plan": ";".join(p for p in data.plans_naming(partner.iri) if p in plans),
        "kind": partner.kind,
        "partner_type": partner.type,
        "domains": ";".join(partner.domains),
        "bipartite": 1,
    }


def bipartite(data: PlanData, plan: str | Iterable[str] | None = None) -> nx.Graph:
    """Themes and the partners involved in them, for one plan, several, or all.

    Edge weight = the number of involvements (theme-level and action-level) joining the two,
    so a partner working on three actions of a theme weighs more than one named once; `roles`
    the roles named. (Edges carry `relation`, not `type`, which GEXF reserves.)
    """
    plans = data.plan_ids(plan)
    scope = set(plans)
    g = nx.Graph(plans=";".join(plans))
    for p in plans:
        for theme in data.themes_of(p):
            g.add_node(theme.iri, **theme_node(theme))
    involvements = [i for p in plans for i in data.involvements_of(p)]
    named = sorted({i.partner for i in involvements}, key=lambda p: data.partners[p].id)
    for p in named:
        g.add_node(p, **partner_node(data, data.partners[p], scope))
    weights: dict[tuple[str, str], int] = defaultdict(int)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i in involvements:
        if i.theme is not None and i.theme in g:
            weights[(i.theme, i.partner)] += 1
            roles[(i.theme, i.partner)].update(i.roles)
    for (t, p), w in sorted(weights.items()):
        g.add_edge(t, p, relation="involvement", weight=w, roles=";".join(sorted(roles[(t, p)])))
    return g


def theme_nodes(g: nx.Graph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d["type"] == "theme"]


def partner_nodes(g: nx.Graph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d["type"] == "partner"]


def partner_projection(b: nx.Graph) -> nx.Graph:
    """Partners joined when they share a theme; weight = number of shared themes.

    Built from each theme's partners rather than by testing every pair of partners (3.5
    million pairs nationally, nearly all sharing nothing); nodes and edges are added in the
    order the pairwise test gave them, so the result is the same graph, attribute for
    attribute and in the same order.
    """
    p = nx.Graph()
    partners = partner_nodes(b)
    order = {n: k for k, n in enumerate(partners)}
    for n in partners:
        p.add_node(n, **b.nodes[n])
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for t in sorted(theme_nodes(b), key=lambda t: b.nodes[t]["ref"]):
        for u, v in combinations(sorted(b[t], key=order.__getitem__), 2):
            shared[(u, v)].append(t)
    for (u, v), themes in sorted(shared.items(), key=lambda e: (order[e[0][0]], order[e[0][1]])):
        p.add_edge(u, v, weight=len(themes), themes=";".join(b.nodes[t]["ref"] for t in themes))
    return p


def theme_graph(data: PlanData, plan: str | Iterable[str] | None = None) -> nx.Graph:
    """Themes joined by stated cross-links and by shared partners (same plan only).

    Edge attributes: `relation` (crosslink | overlap), `stated` (bool), `kinds` (the
    cross-link kinds, ';'-joined), `shared` (number of shared partners), `partners` (their
    ids), `jaccard`, `overlap`.
    """
    plans = data.plan_ids(plan)
    b = bipartite(data, plans)
    g = nx.Graph(plans=";".join(plans))
    themes = theme_nodes(b)
    for t in themes:
        g.add_node(t, **b.nodes[t])
    stated: dict[frozenset, set[str]] = defaultdict(set)
    for p in plans:
        for c in data.crosslinks_of(p):
            if c.to_theme:
                stated[frozenset((c.source, c.target))].add(c.kind)
    for p in plans:
        for u, v in combinations([t.iri for t in data.themes_of(p)], 2):
            a, c = set(b[u]), set(b[v])
            shared = a & c
            kinds = stated.get(frozenset((u, v)), set())
            if not shared and not kinds:
                continue
            g.add_edge(
                u,
                v,
                relation="crosslink" if kinds else "overlap",
                stated=bool(kinds),
                kinds=";".join(sorted(kinds)),
                shared=len(shared),
                partners=";".join(sorted(b.nodes[n]["ref"] for n in shared)),
                jaccard=jaccard(a, c),
                overlap=overlap_coefficient(a, c),
            )
    return g


def jaccard(a: set, b: set) -> float:
    """|A ∩ B| / |A ∪ B|; 0 when both are empty (nothing shared, nothing to share)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def overlap_coefficient(a: set, b: set) -> float:
    """|A ∩ B| / min(|A|, |B|) (Szymkiewicz-Simpson); 0 when either is empty."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def betweenness(g: nx.Graph) -> dict[str, float]:
    """networkx.betweenness_centrality(g): unweighted, normalised by the (n-1)(n-2)/2 pairs
    of other nodes, but computed by igraph's C code, as networkx's pure-Python Brandes takes
    minutes on the national graphs."""
    n = len(g)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {v: b * scale for v, b in _pair_betweenness(g).items()}


def bipartite_betweenness(
    g: nx.Graph, nodes: Iterable[str], pivots: int | None = None, seed: int = 0
) -> dict[str, float]:
    """networkx.algorithms.bipartite.betweenness_centrality(g, nodes), computed by igraph;
    with `pivots`, estimated from that many random sources (see `_pair_betweenness`).

    Each side is divided by the most betweenness a node on that side can reach (Borgatti &
    Halgin); a side that cannot reach any (one theme, one partner) scores 0 where networkx
    would divide by zero.
    """
    top = set(nodes)
    n, m = len(top), len(g) - len(top)
    s, t = divmod(n - 1, m)
    top_max = (m**2 * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2
    p, r = divmod(m - 1, n)
    bottom_max = (n**2 * (p + 1) ** 2 + n * (p + 1) * (2 * r - p - 1) - r * (2 * p - r + 3)) / 2
    scores = {}
    for v, b in _pair_betweenness(g, pivots, seed).items():
        most = top_max if v in top else bottom_max
        scores[v] = b / most if most else 0.0
    return scores


def _pair_betweenness(g: nx.Graph, pivots: int | None = None, seed: int = 0) -> dict[str, float]:
    """The shortest paths through each node, each unordered pair of endpoints counted once.

    Exact costs one breadth-first search per node (16 s for the national theme-partner
    graph). With `pivots`, only the searches from that many nodes drawn at random are run
    and scaled up (Brandes & Pich 2007), exactly as networkx.betweenness_centrality(g,
    k=pivots, seed=seed, normalized=False) does: it draws the same nodes.
    """
    nodes = list(g)
    index = {v: k for k, v in enumerate(nodes)}
    h = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in g.edges()])
    if pivots is None or pivots >= len(nodes):
        return dict(zip(nodes, h.betweenness(directed=False), strict=True))
    drawn = set(random.Random(seed).sample(nodes, pivots))
    paths = h.betweenness(directed=False, sources=sorted(index[v] for v in drawn))
    others = len(nodes) - 1  # the sources a path through a node can start at: all but itself
    return {
        v: b * others / (pivots - 1 if v in drawn else pivots)
        for v, b in zip(nodes, paths, strict=True)
    }
