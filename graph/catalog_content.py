"""The parts of `ivp theme` that say what a plan says of a theme beyond its structure.

graph.catalog builds a theme's detail view; this module adds the parts issue 11 (part B) made
sayable: where the plan places the theme if elsewhere, its topics, its target groups with the
passage's qualifier, the documents the plan cites for it, and the general sentences about a
set of themes it is part of. Each is one query over the built store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = Callable[[str], list[dict[str, Any]]]
UNIT = "\u001f"  # joins a set's member labels, which may hold commas, until they are sorted


def plan_content_detail(rows: Rows, theme: str) -> dict[str, Any]:
    """The extra keys of a theme's detail, in the order a reader wants them."""
    placed = rows(f"""
SELECT ?with (GROUP_CONCAT(?q; separator=" | ") AS ?quote) WHERE {{
  <{theme}> ivp:placedWith ?with .
  ?s rdf:subject <{theme}> ; rdf:predicate ivp:placedWith ; prov:wasDerivedFrom/oa:exact ?q .
}} GROUP BY ?with""")
    return {
        "placed_with": placed[0]["with"] if placed else None,
        "topics": rows(f"""
SELECT ?id ?label ?section (GROUP_CONCAT(?q; separator=" | ") AS ?quote) WHERE {{
  <{theme}> ivp:hasTopic ?x . ?x dcterms:identifier ?id ; skos:prefLabel ?label ;
     prov:wasDerivedFrom/oa:exact ?q .
  FILTER(LANG(?label) = "nl")
  OPTIONAL {{ ?x ivp:inSection/rdfs:label ?section }}
  OPTIONAL {{ ?x ivp:listPosition ?n }}
}} GROUP BY ?id ?label ?section ?n ORDER BY ?n ?id"""),
        "target_groups": rows(f"""
SELECT ?id ?label ?qualifier WHERE {{
  <{theme}> ivp:targetGroup ?x . ?x dcterms:identifier ?id ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "nl")
  OPTIONAL {{ ?s rdf:subject <{theme}> ; rdf:predicate ivp:targetGroup ; rdf:object ?x ;
                ivp:qualifier ?qualifier }}
}} ORDER BY ?label"""),
        "documents": rows(f"""
SELECT ?id ?label ?kind (GROUP_CONCAT(?q; separator=" | ") AS ?quote) WHERE {{
  <{theme}> dcterms:references ?d . ?d dcterms:identifier ?id ; skos:prefLabel ?label ;
     dcterms:type/skos:notation ?kind ; prov:wasDerivedFrom/oa:exact ?q .
  FILTER(LANG(?label) = "nl")
}} GROUP BY ?id ?label ?kind ORDER BY ?label"""),
        "set_links": rows(f"""
SELECT ?id ?kind ?from (COUNT(DISTINCT ?m) AS ?themes) (SAMPLE(?q) AS ?quote) WHERE {{
  ?l a ivp:ThemeSetLink ; dcterms:identifier ?id ; ivp:linkKind/skos:notation ?kind ;
     ivp:setMember ?m ; prov:wasDerivedFrom/oa:exact ?q .
  {{ ?l ivp:setMember <{theme}> }} UNION {{ ?l ivp:linkFrom <{theme}> }}
  OPTIONAL {{ ?l ivp:linkFrom/skos:prefLabel ?from FILTER(LANG(?from) = "nl") }}
}} GROUP BY ?id ?kind ?from ORDER BY ?id"""),
    }


def set_link_rows(rows: Rows, plan_filter: str) -> list[dict[str, Any]]:
    """The set links as `ivp crosslinks` rows: one row per sentence, naming every member.

    A general sentence ("Deze vier prioritaire thema's ... hebben verschillende raakvlakken
    met elkaar") is one ivp:ThemeSetLink, never a pair per two themes (data/README.md, rule
    7); listing only the pairwise links left these sentences out of the listing altogether.
    `to` names the members (and the domain the set is linked to); `set` is the link's id.
    """
    found = rows(f"""
SELECT ?plan ?from ?to ?domain ?kind ?section ?set ?all
       (GROUP_CONCAT(DISTINCT ?q; separator=" | ") AS ?quote) WHERE {{
  {{ SELECT ?l (GROUP_CONCAT(DISTINCT ?member; separator="{UNIT}") AS ?to) WHERE {{
      ?l a ivp:ThemeSetLink ; ivp:setMember/skos:prefLabel ?member . FILTER(LANG(?member) = "nl")
  }} GROUP BY ?l }}
  ?l ivp:inPlan/dcterms:identifier ?plan ; dcterms:identifier ?set ;
     ivp:linkKind/skos:notation ?kind ; prov:wasDerivedFrom/oa:exact ?q .
  {plan_filter}
  OPTIONAL {{ ?l ivp:linkFrom/skos:prefLabel ?from FILTER(LANG(?from) = "nl") }}
  OPTIONAL {{ ?l ivp:linkTo/skos:prefLabel ?domain FILTER(LANG(?domain) = "nl") }}
  OPTIONAL {{ ?l ivp:inSection/rdfs:label ?section }}
  OPTIONAL {{ ?l ivp:coversAllThemes ?all }}
}} GROUP BY ?plan ?from ?to ?domain ?kind ?section ?set ?all ORDER BY ?plan ?set""")
    out = []
    for r in found:
        members = ", ".join(sorted((r["to"] or "").split(UNIT), key=str.casefold))
        to = ("alle thema's: " if r.get("all") else "") + members
        if r.get("domain"):
            to += f"; domein: {r['domain']}"
        out.append(
            {
                "plan": r["plan"],
                "from": r.get("from") or "",
                "to": to,
                "kind": r["kind"],
                "directed": False,
                "section": r.get("section"),
                "set": r["set"],
                "quote": r["quote"],
            }
        )
    return out
