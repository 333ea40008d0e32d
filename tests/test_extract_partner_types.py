"""Partners the registry does not know, proposed from the partner-type scheme's words
(ontology/partner-types.ttl: labels, altLabels, and hiddenLabels as the heads of a name), on a
text of our own with Roman-numeral chapters: each gets the known type and a scope, is flagged
for review with a lower confidence, and its registry entry has the keys the model requires."""

from __future__ import annotations

import pytest
from extract_support import draft, text

from graph.extract import pipeline

DEVENTER = text("deventer-partners.txt")


@pytest.fixture(scope="module")
def result() -> pipeline.Draft:
    return draft(DEVENTER, municipality="Deventer")


def involvements(plan: dict) -> dict[str, dict]:
    found = {p["partner"]: p for p in plan.get("partners", [])}
    for theme in plan["themes"]:
        found |= {p["partner"]: p for p in theme.get("partners", [])}
    return found


def test_partners_named_by_their_type_are_proposed_with_type_and_scope(
    result: pipeline.Draft,
) -> None:
    proposed = {p["id"]: p for p in result.new_partners}
    assert proposed["woningbouwcorporatie"]["type"] == "woningcorporatie"  # an altLabel
    assert proposed["buurtpreventieteam"]["type"] == "buurtpreventie"
    assert proposed["winkeliersvereniging"]["type"] == "ondernemersvereniging"
    # a type the registry has municipal entries of: this municipality's own
    assert proposed["wijkregisseur-deventer"]["type"] == "gemeentelijke-functie"
    assert proposed["wijkregisseur-deventer"]["part_of"] == "gemeente-deventer"
    for entry in proposed.values():  # every entry builds: issue 11 requires both keys
        assert entry["type"] and entry["scope"] in {"lokaal", "regionaal", "landelijk"}


def test_a_head_word_takes_the_name_after_it(result: pipeline.Draft) -> None:
    proposed = {p["id"]: p for p in result.new_partners}
    buurtwerk = proposed["stichting-buurtwerk-zandweerd"]
    assert buurtwerk["label"] == "Stichting Buurtwerk Zandweerd"
    assert buurtwerk["type"] == "maatschappelijke-organisatie"
    # a municipality's own department is named after it and part of it
    afdeling = proposed["afdeling-vergunningen-deventer"]
    assert afdeling["type"] == "gemeentelijk-onderdeel" and afdeling["scope"] == "lokaal"
    assert afdeling["part_of"] == "gemeente-deventer"
    # a bare head word is no partner
    assert not any(p["label"].lower() in {"stichting", "afdeling"} for p in proposed.values())


def test_type_only_partners_are_flagged_with_a_lower_confidence(result: pipeline.Draft) -> None:
    found = involvements(result.plan)
    for pid in ("woningbouwcorporatie", "stichting-buurtwerk-zandweerd"):
        assert found[pid]["confidence"] <= 0.5
        assert found[pid]["review"] == pipeline.UNREVIEWED
    assert found["riec-oost-nederland"]["confidence"] > 0.5  # a registry entry: surer


def test_a_bare_regional_type_is_this_municipalitys_region(result: pipeline.Draft) -> None:
    found = involvements(result.plan)
    # Deventer lies in RIEC Oost-Nederland and veiligheidsregio IJsselland
    assert "riec-oost-nederland" in found
    assert "veiligheidsregio-ijsselland" in found
    proposed = {p["id"]: p for p in result.new_partners}
    assert proposed["veiligheidsregio-ijsselland"]["scope"] == "regionaal"
    zvh = [p for p in found if p.startswith("zorg-en-veiligheidshuis")]
    assert zvh and all("haaglanden" not in p and "nijmegen" not in p for p in zvh)


def test_the_municipality_and_its_bodies_are_this_plans_own() -> None:
    """ "de gemeente", "het college", "de raad": in a plan of Zutphen they are Zutphen's, though
    the registry knows these words only as aliases of other municipalities' entries; a
    municipality named after the word is another one, and none of Zutphen's."""
    plan = draft(
        "Veiligheidsplan Zutphen 2026-2029\n\n"
        "1. Samen veilig\n\n"
        "De gemeente voert de regie op de aanpak. Het college stuurt op de uitvoering en de raad "
        "stelt de kaders vast. Met de gemeente Apeldoorn delen we een meldpunt.\n",
        municipality="Zutphen",
    )
    found = involvements(plan.plan)
    named = {pid: p["named_as"] for pid, p in found.items()}
    assert named.get("gemeente-zutphen", "").lower() == "gemeente", named
    assert "college-zutphen" in named and "gemeenteraad-zutphen" in named, named
    assert not [p for p in named if "pijnacker" in p or "nijmegen" in p], named
    items = [
        *plan.plan.get("partners", []),
        *(p for t in plan.plan["themes"] for p in t.get("partners", [])),
    ]
    quotes = [p["quote"] for p in items if p["partner"] == "gemeente-zutphen"]
    assert quotes and all("Apeldoorn" not in q for q in quotes), quotes


def test_a_name_without_its_elision_hyphen_and_a_table_cell_after_a_name() -> None:
    plan = draft(
        "Veiligheidsplan Zutphen 2026-2029\n\n"
        "1. Zorg en veiligheid\n\n"
        "Complexe casussen gaan naar het Zorg en Veiligheidshuis IJsselland voor regie.\n\n"
        "Wie\tThema\tBudget\n"
        "afdeling Vergunningen\tOndermijning\t12\n",
        municipality="Zutphen",
    )
    found = involvements(plan.plan)
    zvh = [p for p in found if "veiligheidshuis" in p]
    assert zvh and all(p.startswith("zorg-en-veiligheidshuis-") for p in zvh), zvh
    labels = {p["label"] for p in plan.new_partners}
    assert "afdeling Vergunningen" in labels and not [x for x in labels if "\t" in x], labels


def test_a_word_that_starts_a_longer_name_is_not_the_body_it_names_alone() -> None:
    """ "Raad van State" is no gemeenteraad; "De Raad" alone is."""
    plan = draft(
        "Veiligheidsplan Zutphen 2026-2029\n\n1. Jeugd\n\n"
        "Over de nieuwe verordening vragen we de Raad van State om advies.\n",
        municipality="Zutphen",
    )
    assert "gemeenteraad-zutphen" not in involvements(plan.plan)
    plan = draft(
        "Veiligheidsplan Zutphen 2026-2029\n\n1. Jeugd\n\nDe Raad stelt de kaders vast.\n",
        municipality="Zutphen",
    )
    assert "gemeenteraad-zutphen" in involvements(plan.plan)
