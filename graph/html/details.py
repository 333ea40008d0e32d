"""What the details panel shows beside the network: descriptions, pillars, topics and quotes.

graph.network holds the records the analyses need and nothing that is only read by people:
pillars, descriptions and the quotes with their sections. graph.catalog has those per theme or
partner, at about fifteen queries a node, and folds a partner's quotes into one string without
their sections; a page needs them for every node at once, so this module reads them for the
whole store in five queries and keys them by IRI.

Every quote carries the plan it was cut from. A partner is named by many plans, so its quotes
come from all of them; a page draws only some plans, and `quotes_of` hands it only theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.config import Settings
from graph.store import select


@dataclass(frozen=True)
class Quote:
    plan: str  # identifier of the plan whose text it is ("" when the store does not say)
    section: str
    text: str
    context: str = ""  # for a partner: the theme (or "plan") the quote names it under


@dataclass(frozen=True)
class Pillar:
    iri: str
    plan: str
    owner: str  # IRI of the theme it belongs to, or of the plan for a mission pillar
    id: str
    label: str
    number: int | None = None


@dataclass
class Details:
    """Descriptions, quotes and pillars keyed by IRI; empty when no store is at hand."""

    descriptions: dict[str, str] = field(default_factory=dict)
    quotes: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))
    pillars: list[Pillar] = field(default_factory=list)
    # (plan, source theme IRI, target IRI) -> quotes of the stated cross-link
    crosslink_quotes: dict[tuple[str, str, str], list[Quote]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # English labels where the data has them (the VNG scheme does), keyed by IRI and, for a
    # VNG concept, also by the key the pages give it ("vng:1.2")
    english: dict[str, str] = field(default_factory=dict)
    # theme IRI -> the facts a reader wants beside its quotes: its topics, where it is placed;
    # as (key in graph.html.words.FACTS, value, count) so the page words them in its language
    theme_facts: dict[str, list[tuple[str, str, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def quotes_of(self, iri: str, plans: Collection[str]) -> list[Quote]:
        """The quotes of `iri` cut from one of `plans`: a page quotes only the plans it shows."""
        return [q for q in self.quotes.get(iri, ()) if q.plan in plans]

    def crosslink_quotes_of(self, plan: str, source: str, target: str) -> list[Quote]:
        return list(self.crosslink_quotes.get((plan, source, target), ()))


def load(store: ox.Store, settings: Settings) -> Details:
    """Read every description, quote (with its section) and pillar in the store."""

    def rows(query: str) -> list[dict]:
        return select(store, query, settings)

    details = Details()
    for r in rows("""
SELECT ?x ?d WHERE {
  { ?x skos:definition ?d } UNION { ?x dcterms:description ?d }
  FILTER(LANG(?d) IN ("nl", ""))
} ORDER BY ?x ?d"""):
        details.descriptions.setdefault(r["x"], r["d"])

    for r in rows("""
SELECT DISTINCT ?x ?plan ?section ?quote WHERE {
  ?x prov:wasDerivedFrom ?q . ?q oa:exact ?quote .
  OPTIONAL { ?q dcterms:isPartOf/rdfs:label ?section FILTER(LANG(?section) IN ("nl", "")) }
  OPTIONAL {
    ?q ivp:inPlan|dcterms:isPartOf+ ?p .
    ?p a ivp:SafetyPlan ; dcterms:identifier ?plan
  }
  FILTER NOT EXISTS { ?x a ivp:Involvement }
  FILTER NOT EXISTS { ?x a ivp:CrossLink }
} ORDER BY ?x ?plan ?section ?quote"""):
        details.quotes[r["x"]].append(Quote(r["plan"] or "", r["section"] or "", r["quote"]))

    for r in rows("""
SELECT DISTINCT ?p ?plan ?theme ?section ?quote WHERE {
  ?i a ivp:Involvement ; ivp:partner ?p ; ivp:inPlan/dcterms:identifier ?plan ;
     prov:wasDerivedFrom ?q . ?q oa:exact ?quote .
  OPTIONAL { ?q dcterms:isPartOf/rdfs:label ?section FILTER(LANG(?section) IN ("nl", "")) }
  OPTIONAL { ?i ivp:theme/skos:prefLabel ?theme FILTER(LANG(?theme) = "nl") }
} ORDER BY ?p ?plan ?theme ?section ?quote"""):
        context = f"{r['plan']}: {r['theme'] or 'plan'}"
        details.quotes[r["p"]].append(Quote(r["plan"], r["section"] or "", r["quote"], context))

    for r in rows("""
SELECT DISTINCT ?plan ?from ?to ?section ?quote WHERE {
  ?l a ivp:CrossLink ; ivp:inPlan/dcterms:identifier ?plan ; ivp:linkFrom ?from ;
     ivp:linkTo ?to ; prov:wasDerivedFrom ?q . ?q oa:exact ?quote .
  OPTIONAL { ?q dcterms:isPartOf/rdfs:label ?section FILTER(LANG(?section) IN ("nl", "")) }
} ORDER BY ?plan ?from ?to ?section ?quote"""):
        key = (r["plan"], r["from"], r["to"])
        details.crosslink_quotes[key].append(Quote(r["plan"], r["section"] or "", r["quote"]))

    for r in rows("""
SELECT ?x ?notation ?label WHERE {
  ?x skos:prefLabel ?label FILTER(LANG(?label) = "en")
  OPTIONAL { ?x skos:notation ?notation }
} ORDER BY ?x ?label"""):
        details.english.setdefault(r["x"], r["label"])
        if r["notation"] is not None:
            details.english.setdefault(f"vng:{r['notation']}", r["label"])

    for r in rows("""
SELECT ?x ?plan ?owner ?id ?label ?number WHERE {
  ?x a ivp:Pillar ; dcterms:identifier ?id ; skos:prefLabel ?label ;
     ivp:inPlan/dcterms:identifier ?plan .
  FILTER(LANG(?label) = "nl")
  { ?owner ivp:hasPillar ?x } UNION { ?owner ivp:missionPillar ?x }
  OPTIONAL { ?x ivp:number ?number }
} ORDER BY ?plan ?owner ?number ?id"""):
        details.pillars.append(
            Pillar(r["x"], r["plan"], r["owner"], r["id"], r["label"], r["number"])
        )
    _theme_facts(rows, details)
    return details


def _theme_facts(rows: Callable[[str], list[dict]], details: Details) -> None:
    """A theme's topics and where the plan places it: plain text, one fact each."""
    topics: dict[str, list[str]] = defaultdict(list)
    for r in rows("""
SELECT ?t ?label WHERE {
  ?t ivp:hasTopic ?x . ?x skos:prefLabel ?label FILTER(LANG(?label) = "nl")
  OPTIONAL { ?x ivp:listPosition ?n } } ORDER BY ?t ?n ?label"""):
        topics[r["t"]].append(r["label"])
    for theme, labels in topics.items():
        details.theme_facts[theme].append(("topics", "; ".join(labels), len(labels)))
    for r in rows("SELECT ?t ?with WHERE { ?t ivp:placedWith ?with } ORDER BY ?t ?with"):
        details.theme_facts[r["t"]].append(("placed_with", r["with"], 1))
