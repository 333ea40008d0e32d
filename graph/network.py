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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from graph.config import Settings
from graph.store import select

VNG_SCHEME = "vng-kernbeleid-veiligheid"
MATCHES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


@dataclass(frozen=True)
class Plan:
    id: str
    iri: str
    title: str
    municipality: str


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
    """Everything the analyses read, as plain records; see `load`."""

    plans: dict[str, Plan] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    involvements: list[Involvement] = field(default_factory=list)
    crosslinks: list[CrossLink] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    budget_lines: list[BudgetLine] = field(default_factory=list)

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
        return sorted(
            (t for t in self.themes.values() if t.plan == plan),
            key=lambda t: (t.number is None, t.number or 0, t.id),
        )

    def partners_named(self, plan: str) -> set[str]:
        return {i.partner for i in self.involvements if i.plan == plan}

    def partners_of_theme(self, theme: str) -> set[str]:
        return {i.partner for i in self.involvements if i.theme == theme}

    def plans_naming(self, partner: str) -> list[str]:
        return sorted({i.plan for i in self.involvements if i.partner == partner})


def _nl(var: str) -> str:
    return f'FILTER(LANG(?{var}) = "nl")'


def load(store: ox.Store, settings: Settings) -> PlanData:
    """Read plans, themes, partners, involvements, cross-links, mappings and budget lines."""

    def rows(query: str) -> list[dict]:
        return select(store, query, settings)

    data = PlanData()
    for r in rows(f"""
SELECT ?plan ?id ?title ?municipality WHERE {{
  ?plan ivp:hasTheme [] ; dcterms:identifier ?id .
  OPTIONAL {{ ?plan dcterms:title ?title {_nl("title")} }}
  OPTIONAL {{ ?plan ivp:municipality/skos:prefLabel ?municipality {_nl("municipality")} }}
}}"""):
        data.plans[r["id"]] = Plan(
            r["id"], r["plan"], r["title"] or r["id"], r["municipality"] or ""
        )

    counts: dict[tuple[str, str], int] = {}
    for prop in ("hasAmbition", "hasPillar", "hasAction"):
        for r in rows(
            f"SELECT ?t (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?t ivp:{prop} ?x }} GROUP BY ?t"
        ):
            counts[(r["t"], prop)] = r["n"]
    for r in rows(f"""
SELECT ?t ?plan ?id ?label ?status ?number WHERE {{
  ?p ivp:hasTheme ?t ; dcterms:identifier ?plan .
  ?t dcterms:identifier ?id ; skos:prefLabel ?label ; ivp:status/skos:notation ?status .
  {_nl("label")}
  OPTIONAL {{ ?t ivp:number ?number }}
}}"""):
        data.themes[r["t"]] = Theme(
            iri=r["t"],
            plan=r["plan"],
            id=r["id"],
            label=r["label"],
            status=r["status"],
            number=r["number"],
            ambitions=counts.get((r["t"], "hasAmbition"), 0),
            pillars=counts.get((r["t"], "hasPillar"), 0),
            actions=counts.get((r["t"], "hasAction"), 0),
        )

    domains: dict[str, set[str]] = defaultdict(set)
    partner_rows = rows(f"""
SELECT ?p ?id ?label ?kind ?domain WHERE {{
  ?p a ivp:Partner ; dcterms:identifier ?id ; skos:prefLabel ?label . {_nl("label")}
  OPTIONAL {{ ?p ivp:partnerKind/skos:notation ?kind }}
  OPTIONAL {{ ?p ivp:domain/skos:notation ?domain }}
}}""")
    for r in partner_rows:
        if r["domain"]:
            domains[r["p"]].add(r["domain"])
    for r in partner_rows:
        data.partners[r["p"]] = Partner(
            r["p"], r["id"], r["label"], r["kind"] or "", tuple(sorted(domains[r["p"]]))
        )

    roles: dict[tuple, set[str]] = defaultdict(set)
    for r in rows("""
SELECT ?i ?plan ?p ?t ?a ?role WHERE {
  ?i a ivp:Involvement ; ivp:partner ?p ; ivp:inPlan/dcterms:identifier ?plan .
  OPTIONAL { ?i ivp:theme ?t }
  OPTIONAL { ?i ivp:action ?a }
  OPTIONAL { ?i ivp:role/skos:notation ?role }
}"""):
        key = (r["i"], r["plan"], r["p"], r["t"], r["a"])
        roles[key]
        if r["role"]:
            roles[key].add(r["role"])
    data.involvements = sorted(
        (Involvement(plan, p, t, a, tuple(sorted(rs))) for (_, plan, p, t, a), rs in roles.items()),
        key=lambda i: (i.plan, i.theme or "", i.partner, i.action or ""),
    )

    for r in rows(f"""
SELECT ?plan ?from ?to ?kind ?directed ?toLabel (EXISTS {{ ?to a ivp:Theme }} AS ?toTheme)
WHERE {{
  ?l a ivp:CrossLink ; ivp:inPlan/dcterms:identifier ?plan ; ivp:linkFrom ?from ;
     ivp:linkTo ?to ; ivp:linkKind/skos:notation ?kind .
  OPTIONAL {{ ?l ivp:directed ?directed }}
  OPTIONAL {{ ?to skos:prefLabel ?toLabel {_nl("toLabel")} }}
}}"""):
        data.crosslinks.append(
            CrossLink(
                r["plan"],
                r["from"],
                r["to"],
                bool(r["toTheme"]),
                r["kind"],
                bool(r["directed"]),
                r["toLabel"] or r["to"],
            )
        )
    data.crosslinks.sort(key=lambda c: (c.plan, c.source, c.target, c.kind))

    scheme = f"{settings.base}id/begrippenkader/{VNG_SCHEME}"
    for r in rows(f"""
SELECT ?notation ?label WHERE {{
  ?c skos:inScheme <{scheme}> ; skos:notation ?notation ; skos:prefLabel ?label .
  {_nl("label")}
}}"""):
        data.concepts[r["notation"]] = Concept(r["notation"], r["label"])
    values = " ".join(f"skos:{m}" for m in MATCHES)
    for r in rows(f"""
SELECT ?t ?notation ?match ?basis WHERE {{
  VALUES ?mp {{ {values} }}
  ?t a ivp:Theme ; ?mp ?c . ?c skos:inScheme <{scheme}> ; skos:notation ?notation .
  BIND(STRAFTER(STR(?mp), "#") AS ?match)
  OPTIONAL {{ ?m ivp:mappedTheme ?t ; ivp:coreTheme ?c ; ivp:mappingBasis/skos:notation ?basis }}
}}"""):
        data.mappings.append(Mapping(r["t"], r["notation"], r["match"], r["basis"]))
    data.mappings = sorted(set(data.mappings), key=lambda m: (m.theme, m.concept, m.match))

    lines: dict[str, dict] = {}
    for r in rows(f"""
SELECT ?b ?plan ?id ?label ?t ?all ?total WHERE {{
  ?b a ivp:BudgetLine ; ivp:inPlan/dcterms:identifier ?plan ; dcterms:identifier ?id ;
     skos:prefLabel ?label . {_nl("label")}
  OPTIONAL {{ ?b ivp:funds ?t }}
  OPTIONAL {{ ?b ivp:fundsAllThemes ?all }}
  OPTIONAL {{ ?b ivp:isTotal ?total }}
}}"""):
        line = lines.setdefault(r["b"], {**r, "themes": set()})
        if r["t"]:
            line["themes"].add(r["t"])
    amounts = {
        r["b"]: r["amount"]
        for r in rows("""
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


def partner_node(data: PlanData, partner: Partner, plans: list[str]) -> dict:
    """The attributes every view gives a partner node; `plan` lists the plans naming it."""
    return {
        "type": "partner",
        "ref": partner.id,
        "identifier": partner.id,
        "label": partner.label,
        "plan": ";".join(p for p in data.plans_naming(partner.iri) if p in plans),
        "kind": partner.kind,
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
    g = nx.Graph(plans=";".join(plans))
    for theme in sorted((t for t in data.themes.values() if t.plan in plans), key=_theme_order):
        g.add_node(theme.iri, **theme_node(theme))
    named = sorted(
        {i.partner for i in data.involvements if i.plan in plans},
        key=lambda p: data.partners[p].id,
    )
    for p in named:
        g.add_node(p, **partner_node(data, data.partners[p], plans))
    weights: dict[tuple[str, str], int] = defaultdict(int)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i in data.involvements:
        if i.plan in plans and i.theme is not None and i.theme in g:
            weights[(i.theme, i.partner)] += 1
            roles[(i.theme, i.partner)].update(i.roles)
    for (t, p), w in sorted(weights.items()):
        g.add_edge(t, p, relation="involvement", weight=w, roles=";".join(sorted(roles[(t, p)])))
    return g


def _theme_order(t: Theme) -> tuple:
    return (t.plan, t.number is None, t.number or 0, t.id)


def theme_nodes(g: nx.Graph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d["type"] == "theme"]


def partner_nodes(g: nx.Graph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d["type"] == "partner"]


def partner_projection(b: nx.Graph) -> nx.Graph:
    """Partners joined when they share a theme; weight = number of shared themes."""
    p = nx.Graph()
    partners = partner_nodes(b)
    for n in partners:
        p.add_node(n, **b.nodes[n])
    for u, v in combinations(partners, 2):
        shared = sorted(set(b[u]) & set(b[v]), key=lambda t: b.nodes[t]["ref"])
        if shared:
            p.add_edge(
                u,
                v,
                weight=len(shared),
                themes=";".join(b.nodes[t]["ref"] for t in shared),
            )
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
    for c in data.crosslinks:
        if c.plan in plans and c.to_theme:
            stated[frozenset((c.source, c.target))].add(c.kind)
    for u, v in combinations(themes, 2):
        if b.nodes[u]["plan"] != b.nodes[v]["plan"]:
            continue
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
            partners=";".join(sorted(b.nodes[p]["ref"] for p in shared)),
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
