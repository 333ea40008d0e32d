"""What the pages of a theme and a plan show first, and the one query behind their tables.

Apart from doc_page, which draws any resource's page: this is the editorial part, the reading
order a person wants on the two pages people come for (a theme: status, pillars and
ambitions, partners with roles, cross-links, budget, quotes; a plan: overview, themes,
mission, budget, partners, notes), kept in one table that is easy to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.endpoint.evaluate import Term

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass(kw_only=True)
class Extras:
    """What the curated sections show beyond the resource's own triples (see `extras`)."""

    roles: dict[str, list[str]] = field(default_factory=dict)  # partner -> its roles
    links: list[tuple[str, str, str]] = field(default_factory=list)  # cross-link, other, kind
    budget: dict[str, dict[str, int]] = field(default_factory=dict)  # line -> year -> EUR
    themes: dict[str, tuple[str, str]] = field(default_factory=dict)  # theme -> number, status


# the one query behind Extras; IRI is the resource, ?part says which section a row is for
EXTRA_ROWS = """SELECT DISTINCT ?part ?x ?y ?z WHERE {
  { ?i ivp:theme <IRI> ; ivp:partner ?x . OPTIONAL { ?i ivp:role ?y } BIND("role" AS ?part) }
  UNION { ?x ivp:linkFrom|ivp:linkTo <IRI> . ?x ivp:linkFrom ?f ; ivp:linkTo ?t .
          OPTIONAL { ?x ivp:linkKind ?z } BIND(IF(?f = <IRI>, ?t, ?f) AS ?y) BIND("link" AS ?part) }
  UNION { ?x ivp:funds <IRI> . ?o ivp:budgetLine ?x ; ivp:year ?y ; ivp:amountEUR ?z .
          BIND("budget" AS ?part) }
  UNION { <IRI> ivp:hasTheme ?x . OPTIONAL { ?x ivp:number ?y } OPTIONAL { ?x ivp:status ?z }
          BIND("theme" AS ?part) }
}"""


def extras(rows: list[dict[str, Term | None]]) -> Extras:
    """EXTRA_ROWS' answer sorted into the sections it is for."""
    found = Extras()
    for row in rows:
        part, x, y, z = (row.get(k) for k in ("part", "x", "y", "z"))
        if part is None or x is None:
            continue
        kind = part[1]
        if kind == "role":
            roles = found.roles.setdefault(x[1], [])
            if y and y[1] not in roles:
                roles.append(y[1])
        elif kind == "link" and y:
            found.links.append((x[1], y[1], z[1] if z else ""))
        elif kind == "budget" and y and z:
            try:  # data is not trusted: an amount that is no number is left out, not a 500
                amount = round(float(z[1]))
            except (ValueError, OverflowError):
                continue
            found.budget.setdefault(x[1], {})[y[1]] = amount
        elif kind == "theme":
            found.themes[x[1]] = (y[1] if y else "", z[1] if z else "")
    return found


@dataclass(frozen=True)
class Section:
    """One block of a curated page: a heading, the properties it shows, and a table of its
    own (`table`: the name of a function below) when the triples alone say too little."""

    heading: str
    properties: tuple[str, ...] = ()
    table: str | None = None


def curated(ivp: str) -> dict[str, tuple[Section, ...]]:
    """The reading order of a theme's and a plan's page, for the ontology at `ivp`."""
    theme = (
        Section(
            "overview", (ivp + "status", ivp + "number", ivp + "inSection", SKOS + "definition")
        ),
        Section(
            "structure",
            (
                ivp + "hasPillar",
                ivp + "hasAmbition",
                ivp + "hasAttentionPoint",
                ivp + "hasPrinciple",
                ivp + "hasAction",
            ),
        ),
        Section("partners", (ivp + "involvesPartner",), "roles_table"),
        Section(
            "crosslinks",
            (ivp + "crossLinkedWith", ivp + "crossLinkedWithDomain"),
            "links_table",
        ),
        Section("budget", (), "budget_table"),
        Section("quotes", (DERIVED,)),
    )
    plan = (
        Section(
            "overview",
            (
                DCT + "alternative",
                ivp + "municipality",
                ivp + "startYear",
                ivp + "endYear",
                ivp + "adoptedBy",
                DCT + "dateAccepted",
                DCT + "dateSubmitted",
                DCT + "replaces",
                DCT + "source",
            ),
        ),
        Section("themes", (ivp + "hasTheme",), "themes_table"),
        Section("mission", (ivp + "missionPillar", ivp + "hasPrinciple")),
        Section("budget", (ivp + "budget",)),
        Section("named", (ivp + "namesPartner",)),
        Section("notes", (ivp + "hasNote",)),
        Section("quotes", (DERIVED,)),
    )
    return {ivp + "Theme": theme, ivp + "SafetyPlan": plan}


GENERIC = (Section("overview", (SKOS + "definition",)), Section("quotes", (DERIVED,)))
