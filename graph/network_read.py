"""`load`: the SPARQL that reads what the analyses need from the store into `PlanData`.

A handful of queries, each over the whole store or over the named graphs of some plans
(with 'register' and 'model'); the records a plan owns and those every plan shares are read
by separate functions, so a build can read the shared ones and only the plans that changed
(graph.network_parts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import product
from typing import Any

import pyoxigraph as ox

from graph.config import Settings
from graph.iris import Iris
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
    budget_line_order,
    crosslink_order,
    involvement_order,
    mapping_order,
)
from graph.store import prefixes, python_value, rows_of

VNG_SCHEME = "vng-kernbeleid-veiligheid"
MATCHES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


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
    return _load(_Reader(store, settings, plans), settings, plans is not None)


def load_with_theme_plans(
    store: ox.Store, settings: Settings, plans: Iterable[str] | None = None
) -> tuple[PlanData, dict[str, str]]:
    """`load`, and the plan of every theme read: splitting the records per plan needs it for
    the mappings, which keep the themes a plan places elsewhere (`themes` leaves them out)."""
    read = _Reader(store, settings, plans)
    data = _load(read, settings, plans is not None)
    plan_of = {p.iri: p.id for p in data.plans.values()}
    theme_plans = {
        r["t"]: plan_of[r["plan"]]
        for r in read.rows("SELECT ?plan ?t WHERE { ?plan ivp:hasTheme ?t }")
        if r["plan"] in plan_of
    }
    return data, theme_plans


def _load(read: _Reader, settings: Settings, scoped: bool) -> PlanData:
    data = PlanData()
    notation = _notations(read)
    vng = _vng_concepts(read, settings)
    _plan_records(read, data, notation, vng)
    named = sorted({i.partner for i in data.involvements}) if scoped else None
    _shared_records(read, data, notation, vng, named)
    return data


def load_shared(store: ox.Store, settings: Settings) -> PlanData:
    """Only the records no plan owns (partners, concepts, partner type labels), read as a
    whole `load` reads them: from every graph, the whole register included."""
    read = _Reader(store, settings, None)
    data = PlanData()
    _shared_records(read, data, _notations(read), _vng_concepts(read, settings), None)
    return data


def _notations(read: _Reader) -> dict[str, str]:
    return {r["c"]: r["n"] for r in read.rows("SELECT ?c ?n WHERE { ?c skos:notation ?n }")}


def _vng_concepts(read: _Reader, settings: Settings) -> dict[str, tuple[str, str | None]]:
    """The VNG concepts by IRI: their notation and Dutch label."""
    scheme = f"{settings.base}id/begrippenkader/{VNG_SCHEME}"
    return {
        r["c"]: (r["notation"], r["label"])
        for r in read.rows(f"""
SELECT ?c ?notation ?label WHERE {{
  ?c skos:inScheme <{scheme}> ; skos:notation ?notation .
  OPTIONAL {{ ?c skos:prefLabel ?label {_nl("label")} }}
}}""")
    }


def _plan_records(
    read: _Reader,
    data: PlanData,
    notation: dict[str, str],
    vng_concepts: dict[str, tuple[str, str | None]],
) -> None:
    """Fill the records each plan owns (plans, themes, involvements, cross-links, mappings,
    budget lines)."""
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
        key=involvement_order,
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
    data.crosslinks = sorted(links, key=crosslink_order)

    vng = {iri: n for iri, (n, _label) in vng_concepts.items()}
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
    data.mappings = sorted(mappings, key=mapping_order)

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
        key=budget_line_order,
    )


def _shared_records(
    read: _Reader,
    data: PlanData,
    notation: dict[str, str],
    vng_concepts: dict[str, tuple[str, str | None]],
    named: list[str] | None,
) -> None:
    """Fill the records every plan shares: partners (only those `named`, if given),
    concepts and partner type labels."""
    for n, label in vng_concepts.values():
        if label is not None:
            data.concepts[n] = Concept(n, label)
    # in scope, only the partners named there: listing them beats a join with the register
    only = "" if named is None else f"VALUES ?p {{ {' '.join(f'<{p}>' for p in named)} }}"
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
