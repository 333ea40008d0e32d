"""The four pictures an export can draw, each a networkx graph composed from graph.network.

graph.network turns the RDF into themes, partners and their links; these functions only add
what a reader needs around them (the plan, its pillars, the VNG core themes, the domains a
cross-link points to) and tag every edge with a `kind` the page can filter on. Nodes follow
graph.network's convention: keyed by IRI, with `type`, `ref`, `label` and `plan` (';'-joined
when several plans name a partner).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from graph import network
from graph.analysis.overlap import IMPLICIT, UNCARRIED, overlap
from graph.catalog import NotFound, not_found
from graph.html.details import Details
from graph.network import PlanData
from graph.notices import notice

VIEWS = ("plan", "ego", "crosslinks", "compare")

# node types and edge kinds, in legend order
NODE_TYPES = ("plan", "theme", "pillar", "partner", "core", "domain")
EDGE_KINDS = ("plan", "pillar", "involvement", "crosslink", "implicit", "shared", "core")


def _plan_node(data: PlanData, plan: str) -> tuple[str, dict]:
    p = data.plans[plan]
    label = f"{p.municipality or plan} ({plan.rsplit('-', 1)[-1]})"
    return p.iri, {"type": "plan", "ref": plan, "label": label, "plan": plan, "title": p.title}


def _concept_iri(notation: str) -> str:
    return f"vng:{notation}"  # the page needs a stable key, not the concept's IRI


def _core_node(data: PlanData, notation: str) -> dict:
    concept = data.concepts.get(notation)
    label = f"{notation} {concept.label}" if concept else notation
    return {
        "type": "core",
        "ref": f"vng/{notation}",
        "label": label,
        "plan": "",
        "notation": notation,
        "field": not concept or concept.is_field,
    }


def plan_graph(
    data: PlanData, details: Details, plan: str | Iterable[str] | None = None
) -> nx.Graph:
    """A whole plan (or several): plan, themes, pillars, partners, cross-links, core themes."""
    plans = data.plan_ids(plan)
    g = nx.Graph(plans=";".join(plans), view="plan")
    for p in plans:
        iri, attrs = _plan_node(data, p)
        g.add_node(iri, **attrs)
    b = network.bipartite(data, plans)
    g.add_nodes_from(b.nodes(data=True))
    for u, v, d in b.edges(data=True):
        g.add_edge(u, v, kind="involvement", weight=d["weight"], roles=d["roles"])
    for t in network.theme_nodes(b):
        g.add_edge(data.plans[b.nodes[t]["plan"]].iri, t, kind="plan")
    for pillar in details.pillars:
        if pillar.plan not in plans or pillar.owner not in g:
            continue
        g.add_node(
            pillar.iri,
            type="pillar",
            ref=f"{pillar.plan}/{pillar.id}",
            label=pillar.label,
            plan=pillar.plan,
            number=pillar.number,
        )
        g.add_edge(pillar.owner, pillar.iri, kind="pillar")
    _add_crosslinks(g, data, plans)
    _add_core_themes(g, data, plans)
    return g


def _add_crosslinks(g: nx.Graph, data: PlanData, plans: list[str]) -> None:
    """Stated cross-links: theme to theme, or theme to a domain (a node of its own)."""
    for c in data.crosslinks:
        if c.plan not in plans or c.source not in g:
            continue
        if not c.to_theme and c.target not in g:
            g.add_node(c.target, type="domain", ref=c.target_label, label=c.target_label, plan="")
        if c.target not in g:
            continue
        if g.has_edge(c.source, c.target) and g.edges[c.source, c.target]["kind"] == "crosslink":
            edge = g.edges[c.source, c.target]
            edge["kinds"] = ";".join(sorted(set(edge["kinds"].split(";")) | {c.kind}))
            continue
        g.add_edge(
            c.source,
            c.target,
            kind="crosslink",
            kinds=c.kind,
            plan=c.plan,
            source=c.source,
            target=c.target,
            directed=c.directed,
        )
    # the plan names the domain concept once for all plans: list them on the domain node
    for n, d in g.nodes(data=True):
        if d["type"] == "domain":
            d["plan"] = ";".join(sorted({g.edges[n, m].get("plan", "") for m in g[n]} - {""}))


def _add_core_themes(g: nx.Graph, data: PlanData, plans: list[str]) -> None:
    for m in data.mappings:
        theme = data.themes.get(m.theme)
        if theme is None or theme.plan not in plans or m.theme not in g:
            continue
        key = _concept_iri(m.concept)
        if key not in g:
            g.add_node(key, **_core_node(data, m.concept))
        g.add_edge(m.theme, key, kind="core", match=m.match, basis=m.basis or "")
    for n, d in g.nodes(data=True):
        if d["type"] == "core":
            d["plan"] = ";".join(sorted({g.nodes[t]["plan"] for t in g[n]}))


def find_node(g: nx.Graph, ref: str) -> str:
    """The node whose ref, identifier, label or IRI is `ref` (case folded), or NotFound."""
    wanted = ref.casefold()
    for key in ("ref", "identifier", "label"):
        hits = sorted(n for n, d in g.nodes(data=True) if str(d.get(key, "")).casefold() == wanted)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            options = ", ".join(g.nodes[n]["ref"] for n in hits)
            raise NotFound(notice("several_nodes", ref=ref, options=options))
    if ref in g:
        return ref
    refs = sorted(d["ref"] for _, d in g.nodes(data=True))
    close = (
        difflib.get_close_matches(ref, refs, n=5, cutoff=0.5)
        or [r for r in refs if wanted in r.casefold()][:5]
    )
    raise not_found(ref, "node", close)


def ego_graph(
    data: PlanData,
    details: Details,
    focus: str,
    depth: int = 1,
    plan: str | Iterable[str] | None = None,
) -> nx.Graph:
    """Everything within `depth` steps of one theme or partner.

    The plan hubs are left out of the walk: through them every theme is two steps from every
    other, and a depth-2 picture would be the whole plan.
    """
    whole = plan_graph(data, details, plan)
    walk = whole.subgraph(n for n, d in whole.nodes(data=True) if d["type"] != "plan")
    centre = find_node(walk, focus)
    g = nx.Graph(nx.ego_graph(walk, centre, radius=depth))
    g.graph.update(whole.graph, view="ego", focus=centre, depth=depth)
    _narrow(g, shown_plans(g, centre))
    g.nodes[centre]["focus"] = True
    return g


def shown_plans(g: nx.Graph, centre: str) -> list[str]:
    """The plans a part of a plan graph draws: those of its themes, pillars and plan hubs.

    A partner or core theme lists every plan that names it, also plans none of whose themes
    are in the picture; those are not shown. A picture without a theme (a partner named only
    for the plan as a whole) shows the plans its centre lists.
    """
    order = [p for p in g.graph.get("plans", "").split(";") if p]
    own = {d["plan"] for _, d in g.nodes(data=True) if d["type"] in ("plan", "theme", "pillar")}
    own = own or set(g.nodes[centre]["plan"].split(";"))
    return [p for p in order if p in own]


def _narrow(g: nx.Graph, plans: list[str]) -> None:
    """Make `plans` the scope of `g`: of the page's title, figures and quotes, and of every
    node's plan list."""
    keep = set(plans)
    g.graph["plans"] = ";".join(plans)
    for _, d in g.nodes(data=True):
        d["plan"] = ";".join(p for p in d["plan"].split(";") if p in keep)


def crosslink_graph(
    data: PlanData, details: Details, plan: str | Iterable[str] | None = None
) -> nx.Graph:
    """Themes with the links the plan states and those the overlap analysis finds.

    Edge kinds: `crosslink` (stated), `implicit` (graph.analysis.overlap's implicit
    cross-links: strong partner overlap, nothing stated) and `shared` (themes sharing partners
    below that threshold, drawn faintly, so a reader sees where the implicit ones would come
    from). A stated link that no partner carries keeps kind `crosslink` and says so.
    """
    plans = data.plan_ids(plan)
    whole = plan_graph(data, details, plans)
    keep = [n for n, d in whole.nodes(data=True) if d["type"] in ("theme", "domain")]
    g = nx.Graph(whole.subgraph(keep))
    g.remove_edges_from([(u, v) for u, v, d in g.edges(data=True) if d["kind"] != "crosslink"])
    g.graph.update(whole.graph, view="crosslinks")
    by_id = {(t.plan, t.id): t.iri for t in data.themes.values()}
    for row in overlap(data, plans).rows:
        u, v = by_id[(row["plan"], row["theme_a"])], by_id[(row["plan"], row["theme_b"])]
        scores = {
            "shared": row["shared"],
            "jaccard": row["jaccard"],
            "partners": row["shared_partners"],
            "finding": row["finding"],
        }
        if g.has_edge(u, v):
            g.edges[u, v].update(scores)
            if row["finding"] == UNCARRIED:
                g.edges[u, v]["uncarried"] = True
        elif row["finding"] == IMPLICIT:
            g.add_edge(u, v, kind="implicit", **scores)
        elif row["shared"]:
            g.add_edge(u, v, kind="shared", **scores)
    return g


def compare_graph(data: PlanData, details: Details, plans: Iterable[str]) -> nx.Graph:
    """Two or more plans side by side, joined only through the VNG core themes they cover.

    Every core theme of the scheme is drawn, also those no plan covers, so a gap is visible.
    """
    scope = data.plan_ids(plans)
    if len(scope) < 2:
        raise NotFound(notice("compare_needs_two"))
    g = nx.Graph(plans=";".join(scope), view="compare")
    for p in scope:
        iri, attrs = _plan_node(data, p)
        g.add_node(iri, **attrs)
    for p in scope:
        for theme in data.themes_of(p):
            g.add_node(theme.iri, **network.theme_node(theme))
            g.add_edge(data.plans[p].iri, theme.iri, kind="plan")
    for notation in sorted(data.concepts, key=lambda n: [int(x) for x in n.split(".")]):
        if not data.concepts[notation].is_field:
            g.add_node(_concept_iri(notation), **_core_node(data, notation))
    _add_core_themes(g, data, scope)
    return g


def build(
    view: str,
    data: PlanData,
    details: Details,
    plans: list[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
) -> nx.Graph:
    """The graph for `view` over `plans` (None: all plans)."""
    if view == "plan":
        return plan_graph(data, details, plans)
    if view == "ego":
        if not focus:
            raise NotFound(notice("ego_needs_focus"))
        return ego_graph(data, details, focus, depth, plans)
    if view == "crosslinks":
        return crosslink_graph(data, details, plans)
    if view == "compare":
        return compare_graph(data, details, plans if plans else data.plan_ids())
    raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
