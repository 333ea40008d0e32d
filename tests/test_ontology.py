"""The ontology documents itself: every term has Dutch and English labels and a definition."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph

from graph.config import PROJECT_ROOT

ONTOLOGY = PROJECT_ROOT / "ontology"


def terms(path: str) -> tuple[Graph, list]:
    g = Graph().parse(ONTOLOGY / path, format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return g, sorted({s for k in kinds for s in g.subjects(RDF.type, k)})


@pytest.mark.parametrize("path", ["ivp.ttl", "analysis.ttl"])
def test_every_term_has_labels_in_dutch_and_english_and_a_definition(path: str) -> None:
    if not (ONTOLOGY / path).exists():
        pytest.skip(f"{path} is not part of this checkout")
    g, found = terms(path)
    assert len(found) > 10
    for term in found:
        langs = {label.language for label in g.objects(term, RDFS.label)}
        assert {"nl", "en"} <= langs, term
        definitions = {d.language for d in g.objects(term, SKOS.definition)}
        assert {"nl", "en"} <= definitions, term
        assert g.value(term, RDFS.isDefinedBy) is not None, term


def test_reused_vocabularies_are_not_reinvented() -> None:
    g, found = terms("ivp.ttl")
    local = {str(t).rsplit("#", 1)[-1].lower() for t in found}
    # what SKOS, DCTERMS and PROV already say is used, not redefined
    for reused in ("preflabel", "title", "wasderivedfrom", "source", "identifier", "ispartof"):
        assert reused not in local
    superclasses = {str(o) for o in g.objects(None, RDFS.subClassOf)}
    for vocabulary in (
        "skos/core#Concept",
        "ns/prov#Entity",
        "ns/org#Organization",
        "foaf/0.1/Agent",
    ):
        assert any(s.endswith(vocabulary) for s in superclasses), vocabulary
