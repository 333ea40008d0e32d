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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations, product
from typing import Any, TypeVar

import igraph
import networkx as nx
import pyoxigraph as ox

from graph.config import Settings
from graph.iris import Iris
from graph.store import prefixes, python_value, rows_of

VNG_SCHEME = "vng-kernbeleid-veiligheid"
MATCHES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
T = TypeVar("T")


@dataclass(frozen=True)
class Plan:
    id: str
    iri: str
    title: str
    municipality: str
    replaces: str | None = None  # IRI of the plan it replaces (dcterms:replaces)
    draft: bool = False  # written by `ivp extract`, not yet checked by a curator (issue 12)


@dataclass(frozen=True)
class Theme:
    iri: str
    plan: str
    id: str
    label: str
    status: str
    number: int | None = None
    ambitions: int = 0
    pillars: int = 0
    actions: int = 0

    @property
    def key(self) -> str:
        return f"{self.plan}/{self.id}"


@dataclass(frozen=True)
class Partner:
    iri: str
    id: str
    label: str
    kind: str
    domains: tuple[str, ...]
    type: str = ""  # ivp:partnerType notation (riec, woningcorporatie, ...): same kind, other org


@dataclass(frozen=True)
class Involvement:
    plan: str
    partner: str  # IRI
    theme: str | None  # IRI; None for a plan-level mention
    action: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True)
class CrossLink:
    plan: str
    source: str  # theme IRI
    target: str  # theme IRI, or domain concept IRI when `to_theme` is False
    to_theme: bool
    kind: str
    directed: bool
    target_label: str


@dataclass(frozen=True)
class Mapping:
    theme: str  # IRI
    concept: str  # VNG notation: "1" (field) or "1.1" (core theme)
    match: str  # exactMatch, closeMatch, ...
    basis: str | None  # stated | curated


@dataclass(frozen=True)
class Concept:
    notation: str
    label: str

    @property
    def is_field(self) -> bool:
        return "." not in self.notation

    @property
    def field(self) -> str:
        return self.notation.split(".", 1)[0]


@dataclass(frozen=True)
class BudgetLine:
    plan: str
    iri: str
    id: str
    label: str
    themes: tuple[str, ...]  # IRIs
    all_themes: bool
    total: bool
    amount_eur: float


@dataclass
class PlanData:
    """Everything the analyses read, as plain records; see `load`.

    The lookups by plan, theme and partner go through indexes built on first use (a scan of
    every plan's records per lookup is what made the national views quadratic), so fill the
    records before the first lookup, as `load` and graph.html.synthetic do.
    """

    plans: dict[str, Plan] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    involvements: list[Involvement] = field(default_factory=list)
    crosslinks: list[CrossLink] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    type_labels: dict[str, str] = field(default_factory=dict)  # partner type notation -> label

    def plan_ids(self, plan: str | Iterable[str] | None = None) -> list[str]:
        """The plans in scope: one, several, or (None) all, sorted; unknown ids raise."""
        if plan is None:
            return sorted(self.plans)
        wanted = [plan] if isinstance(plan, str) else list(plan)
        for p in wanted:
            if p not in self.plans:
                raise KeyError(p)
        return sorted(dict.fromkeys(wanted))

    def themes_of(self, plan: str) -> list[Theme]:
        """The plan's themes in the plan's own order (number, then id)."""
        return list(self._themes_by_plan.get(plan, ()))

    def involvements_of(self, plan: str) -> list[Involvement]:
        return list(self._involvements_by_plan.get(plan, ()))

    def crosslinks_of(self, plan: str) -> list[CrossLink]:
        return list(self._crosslinks_by_plan.get(plan, ()))

    def mappings_of(self, plan: str) -> list[Mapping]:
        return list(self._mappings_by_plan.get(plan, ()))

    def partners_named(self, plan: str) -> set[str]:
        return {i.partner for i in self._involvements_by_plan.get(plan, ())}

    def partners_of_theme(self, theme: str) -> set[str]:
        return set(self._partners_by_theme.get(theme, ()))

    def plans_naming(self, partner: str) -> list[str]:
        return list(self._plans_by_partner.get(partner, ()))

    @cached_property
    def _themes_by_plan(self) -> dict[str, list[Theme]]:
        return _group(sorted(self.themes.values(), key=_theme_order), lambda t: t.plan)

    @cached_property
    def _involvements_by_plan(self) -> dict[str, list[Involvement]]:
        return _group(self.involvements, lambda i: i.plan)

    @cached_property
    def _crosslinks_by_plan(self) -> dict[str, list[CrossLink]]:
        return _group(self.crosslinks, lambda c: c.plan)

    @cached_property
    def _mappings_by_plan(self) -> dict[str, list[Mapping]]:
        themes = self.themes
        return _group(
            (m for m in self.mappings if m.theme in themes), lambda m: themes[m.theme].plan
        )

    @cached_property
    def _partners_by_theme(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for i in self.involvements:
            if i.theme is not None:
                index[i.theme].add(i.partner)
        return dict(index)

    @cached_property
    def _plans_by_partner(self) -> dict[str, list[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for i in self.involvements:
            index[i.partner].add(i.plan)
        return {partner: sorted(plans) for partner, plans in index.items()}


def _group(records: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Records by key, each list in the records' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for r in records:
        groups[key(r)].append(r)
    return dict(groups)


def _theme_order(t: Theme) -> tuple:
    return (t.plan, t.number is None, t.number or 0, t.id)


def _nl(var: str) -> str:
    return f'FILTER(LANG(?{var}) = "nl")'


class _Reader:
    """SELECT over the whole store, or over the named graphs of some plans plus 'register'
    and 'model' (the partners and vocabularies every plan refers to)."""

    def __init__(self, store: ox.Store, settings: Settings, plans: Iterable[str] | None) -> None:
        self.store = store
        self.prefixes = prefixes(settings)
        self.dataset: dict[str, Any] = {"use_default_graph_as_union": True}
        if plans is not None:
            iris = Iris(settings.base)
            names = [*sorted(set(plans)), "register", "model"]
            self.dataset = {"default_graph": [ox.NamedNode(str(iris.graph(n))) for n in names]}

    def rows(self, query: str) -> list[dict[str, Any]]:
        return rows_of(self.store.query(query, prefixes=self.prefixes, **self.dataset))[1]

    def objects(self, prop: str, of_type: str | None = None) -> defaultdict[str, set[Any]]:
        """Subject -> the objects of one property (of subjects of one type).

        One-pattern scans, joined by the caller in Python: at national scale (73,000
        involvements) the store's own join of the same patterns took three times as long.
        """
        typed = f"a {of_type} ;" if of_type else ""
        found: defaultdict[str, set[Any]] = defaultdict(set)
        query = f"SELECT ?s ?o WHERE {{ ?s {typed} {prop} ?o }}"
        for s, o in self.store.query(query, prefixes=self.prefixes, **self.dataset):
            found[s.value].add(python_value(o))
        return found


def load(store: ox.Store, settings: Settings, plans: Iterable[str] | None = None) -> PlanData:
    """Read plans, themes, partners, involvements, cross-links, mappings and budget lines.

    With `plans`, only those plans' named graphs are read, with 'register' and 'model': an
    analysis of one plan then reads what that plan holds, not the whole country, and
    `partners` holds the partners those plans name rather than the whole register. (A store
    that keeps everything in its default graph, like the test fixture, needs `plans=None`.)
    """
    read = _Reader(store, settings, plans)
    data = PlanData()
    notation = {r["c"]: r["n"] for r in read.rows("SELECT ?c ?n WHERE { ?c skos:notation ?n }")}

    for r in read.rows(f"""
SELECT ?plan ?id ?title ?municipality ?replaces ?status WHERE {{
  {{ SELECT DISTINCT ?plan WHERE {{ ?plan ivp:hasTheme [] }} }}
  ?plan dcterms:identifier ?id .
  OPTIONAL {{ ?plan dcterms:title ?title {_nl("title")} }}
  OPTIONAL {{ ?plan ivp:municipality/skos:prefLabel ?municipality {_nl("municipality")} }}
  OPTIONAL {{ ?plan dcterms:replaces ?replaces }}
  OPTIONAL {{ ?plan ivp:planStatus/skos:notation ?status }}
}}"""):
        title, municipality = r["title"] or r["id"], r["municipality"] or ""
        draft = r["status"] == "draft"
        data.plans[r["id"]] = Plan(r["id"], r["plan"], title, municipality, r["replaces"], draft)
    plan_of = {p.iri: p.id for p in data.plans.values()}

    counts = {
        (r["t"], r["prop"]): r["n"]
        for r in read.rows("""
SELECT ?t (STRAFTER(STR(?p), "#") AS ?prop) (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?p { ivp:hasAmbition ivp:hasPillar ivp:hasAction } ?t ?p ?x
} GROUP BY ?t ?p""")
    }
    for r in read.rows(f"""
SELECT ?t ?plan ?id ?label ?status ?number WHERE {{
  ?plan ivp:hasTheme ?t . ?t dcterms:identifier ?id ; skos:prefLabel ?label ; ivp:status ?status .
  {_nl("label")}
  OPTIONAL {{ ?t ivp:number ?number }}
}}"""):
        # a theme the plan places elsewhere (status 'elsewhere') is not one it works on
        if r["plan"] in plan_of and notation.get(r["status"]) not in (None, "elsewhere"):
            data.themes[r["t"]] = Theme(
                iri=r["t"],
                plan=plan_of[r["plan"]],
                id=r["id"],
                label=r["label"],
                status=notation[r["status"]],
                number=r["number"],
                ambitions=counts.get((r["t"], "hasAmbition"), 0),
                pillars=counts.get((r["t"], "hasPillar"), 0),
                actions=counts.get((r["t"], "hasAction"), 0),
            )

    partners, themes, actions, roles = (
        read.objects(f"ivp:{prop}") for prop in ("partner", "theme", "action", "role")
    )
    # one Involvement per plan, partner, theme and action, with the roles of all its passages:
    # the graph keeps one node per passage (graph/involvements.py), the network one edge count
    found: dict[tuple[str, str, str | None, str | None], set[str]] = defaultdict(set)
    for i, in_plans in read.objects("ivp:inPlan", "ivp:Involvement").items():
        named_roles = {notation[r] for r in roles[i] if r in notation}
        for plan in in_plans & plan_of.keys():
            for partner, theme, action in product(
                partners[i], themes[i] or {None}, actions[i] or {None}
            ):
                found[(plan_of[plan], partner, theme, action)] |= named_roles
    data.involvements = sorted(
        (Involvement(*key, tuple(sorted(named))) for key, named in found.items()),
        key=lambda i: (i.plan, i.theme or "", i.partner, i.action or "", i.roles),
    )

    # in scope, only the partners named there: listing them beats a join with the register
    named = sorted({i.partner for i in data.involvements})
    only = "" if plans is None else f"VALUES ?p {{ {' '.join(f'<{p}>' for p in named)} }}"
    domains: dict[str, set[str]] = defaultdict(set)
    partner_rows = read.rows(f"""
SELECT ?p ?id ?label ?kind ?type ?domain WHERE {{
  {only} ?p a ivp:Partner ; dcterms:identifier ?id ; skos:prefLabel ?label . {_nl("label")}
  OPTIONAL {{ ?p ivp:partnerKind ?kind }}
  OPTIONAL {{ ?p ivp:partnerType ?type }}
  OPTIONAL {{ ?p ivp:domain ?domain }}
}}""")
    for r in read.rows(f"""
SELECT ?n ?label WHERE {{
  ?c skos:inScheme ?scheme ; skos:notation ?n ; skos:prefLabel ?label .
  FILTER(STRENDS(STR(?scheme), "/partnertype")) {_nl("label")}
}}"""):
        data.type_labels[r["n"]] = r["label"]
    for r in partner_rows:
        if r["domain"] in notation:
            domains[r["p"]].add(notation[r["domain"]])
    for r in partner_rows:
        data.partners[r["p"]] = Partner(
            r["p"],
            r["id"],
            r["label"],
            notation.get(r["kind"], ""),
            tuple(sorted(domains[r["p"]])),
            notation.get(r["type"], ""),
        )

    sources, targets, kinds, directed = (
        read.objects(f"ivp:{prop}") for prop in ("linkFrom", "linkTo", "linkKind", "directed")
    )
    target_info = {
        r["to"]: r
        for r in read.rows(f"""
SELECT ?to ?label (EXISTS {{ ?to a ivp:Theme }} AS ?theme) WHERE {{
  {{ SELECT DISTINCT ?to WHERE {{ ?l ivp:linkTo ?to }} }}
  OPTIONAL {{ ?to skos:prefLabel ?label {_nl("label")} }}
}}""")
    }
    links: list[CrossLink] = []
    for link, in_plans in read.objects("ivp:inPlan", "ivp:CrossLink").items():
        for plan in in_plans & plan_of.keys():
            for source, target, kind in product(sources[link], targets[link], kinds[link]):
                if kind in notation:
                    info = target_info[target]
                    links.append(
                        CrossLink(
                            plan_of[plan],
                            source,
                            target,
                            bool(info["theme"]),
                            notation[kind],
                            any(directed[link]),
                            info["label"] or target,
                        )
                    )
    data.crosslinks = sorted(
        links, key=lambda c: (c.plan, c.source, c.target, c.kind, c.directed, c.target_label)
    )

    scheme = f"{settings.base}id/begrippenkader/{VNG_SCHEME}"
    vng: dict[str, str] = {}
    for r in read.rows(f"""
SELECT ?c ?notation ?label WHERE {{
  ?c skos:inScheme <{scheme}> ; skos:notation ?notation .
  OPTIONAL {{ ?c skos:prefLabel ?label {_nl("label")} }}
}}"""):
        vng[r["c"]] = r["notation"]
        if r["label"] is not None:
            data.concepts[r["notation"]] = Concept(r["notation"], r["label"])
    bases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in read.rows("""
SELECT ?t ?c ?basis WHERE {
  ?m ivp:mappedTheme ?t ; ivp:coreTheme ?c ; ivp:mappingBasis ?basis
}"""):
        if r["basis"] in notation:
            bases[(r["t"], r["c"])].add(notation[r["basis"]])
    values = " ".join(f"skos:{m}" for m in MATCHES)
    mappings: set[Mapping] = set()
    for r in read.rows(f"""
SELECT ?t ?c (STRAFTER(STR(?mp), "#") AS ?match) WHERE {{
  VALUES ?mp {{ {values} }} ?t ?mp ?c . ?t a ivp:Theme
}}"""):
        if r["c"] in vng:
            for basis in bases[(r["t"], r["c"])] or {None}:
                mappings.add(Mapping(r["t"], vng[r["c"]], r["match"], basis))
    data.mappings = sorted(mappings, key=lambda m: (m.theme, m.concept, m.match, m.basis or ""))

    lines: dict[str, dict] = {}
    for r in read.rows(f"""
SELECT ?b ?plan ?id ?label ?t ?all ?total WHERE {{
  ?b a ivp:BudgetLine ; ivp:inPlan ?plan ; dcterms:identifier ?id ;
     skos:prefLabel ?label . {_nl("label")}
  OPTIONAL {{ ?b ivp:funds ?t }}
  OPTIONAL {{ ?b ivp:fundsAllThemes ?all }}
  OPTIONAL {{ ?b ivp:isTotal ?total }}
}}"""):
        if r["plan"] in plan_of:
            line = lines.setdefault(r["b"], {**r, "plan": plan_of[r["plan"]], "themes": set()})
            if r["t"]:
                line["themes"].add(r["t"])
    amounts = {
        r["b"]: r["amount"]
        for r in read.rows("""
SELECT ?b (SUM(?a) AS ?amount) WHERE { ?o ivp:budgetLine ?b ; ivp:amountEUR ?a } GROUP BY ?b""")
    }
    data.budget_lines = sorted(
        (
            BudgetLine(
                plan=v["plan"],
                iri=b,
                id=v["id"],
                label=v["label"],
                themes=tuple(sorted(v["themes"])),
                all_themes=bool(v["all"]),
                total=bool(v["total"]),
                amount_eur=float(amounts.get(b) or 0),
            )
            for b, v in lines.items()
        ),
        key=lambda b: (b.plan, b.id),
    )
    return data


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
