"""Competency questions about partners, asked in SPARQL (issue 11, part A: items 1, 3, 4).

Each question is one a careful reader answers from the plan texts in data/sources/; the expected
answer is written beside it with the words of the text it comes from, never read off the graph.
"""

from __future__ import annotations

import json

import pytest

from graph.config import Settings
from graph.store import open_store, select

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"


@pytest.fixture(scope="module")
def ask(built: Settings):
    store = open_store(built)

    def run(query: str) -> list[dict]:
        return select(store, query, built)

    return run


def ids(rows: list[dict], key: str) -> set[str]:
    return {r[key] for r in rows}


def members(ask, group: str) -> set[str]:
    return ids(
        ask(f"""SELECT ?m WHERE {{ id:partner\\/{group} org:hasMember/dcterms:identifier ?m }}"""),
        "m",
    )


def own(ask, plan: str, kind: str) -> list[dict]:
    """The partners of type `kind` whose area covers the plan's municipality, named or not."""
    return ask(f"""
SELECT DISTINCT ?partner ?named WHERE {{
  ?p dcterms:identifier "{plan}" ; ivp:municipality/ivp:cbsCode ?cbs .
  ?x ivp:partnerType/skos:notation "{kind}" ; ivp:coversCbsCode ?cbs ; dcterms:identifier ?partner .
  BIND(EXISTS {{ ?p ivp:namesPartner ?x }} AS ?named)
}}""")


# --- Pijnacker-Nootdorp ------------------------------------------------------------------------


def test_pn_driemensschap_consists_of_four_functions(ask) -> None:
    # voetnoot 3: "Per woonkern is er een driemensschap bestaande uit de wijkmanager, de wijkagent
    # en de ambulant jongerenwerker. Sinds kort is het driemensschap uitgebreid met een (wijk)boa."
    assert members(ask, "driemensschap-pijnacker-nootdorp") == {
        "wijkmanager-pijnacker-nootdorp",
        "wijkagent",
        "jongerenwerk",
        "boa",
    }


def test_pn_the_boa_joined_the_driemensschap_in_its_own_sentence(ask) -> None:
    rows = ask("""
SELECT ?m ?quote WHERE {
  ?s a rdf:Statement ; rdf:subject id:partner\\/driemensschap-pijnacker-nootdorp ;
     rdf:predicate org:hasMember ; rdf:object/dcterms:identifier ?m ;
     prov:wasDerivedFrom/oa:exact ?quote }""")
    by_member = {r["m"]: r["quote"] for r in rows}
    assert by_member["boa"] == "Sinds kort is het driemensschap uitgebreid met een (wijk)boa."
    assert by_member["wijkagent"].startswith("Per woonkern is er een driemensschap")


def test_pn_the_three_kernen_are_the_scope_of_the_driemensschappen(ask) -> None:
    # 3.2: "de driemensschappen van de drie kernen; Pijnacker, Nootdorp en Delfgauw"
    rows = ask(f"""
SELECT ?label ?kind ?municipality WHERE {{
  id:partner\\/driemensschap-pijnacker-nootdorp ivp:spatialScope ?place .
  ?place ivp:inPlan/dcterms:identifier "{PN}" ; skos:prefLabel ?label ;
         ivp:placeKind/skos:notation ?kind ;
         dcterms:isPartOf/dcterms:identifier ?municipality }}""")
    assert sorted(r["label"] for r in rows) == ["Delfgauw", "Nootdorp", "Pijnacker"]
    assert {(r["kind"], r["municipality"]) for r in rows} == {
        ("kern", "gemeente-pijnacker-nootdorp")
    }


def test_pn_works_with_its_riec(ask) -> None:
    # 1: "samen met ... het Regionaal Informatie- en Expertisecentrum (RIEC) Den Haag"
    assert own(ask, PN, "riec") == [{"partner": "riec-den-haag", "named": True}]


def test_pn_works_with_its_veiligheidsregio(ask) -> None:
    # 1.4 lists "Brandweer Pijnacker-Nootdorp/Veiligheidsregio Haaglanden"
    assert own(ask, PN, "veiligheidsregio") == [
        {"partner": "veiligheidsregio-haaglanden", "named": True}
    ]


def test_pn_works_with_its_zorg_en_veiligheidshuis(ask) -> None:
    # 3.3: "opgeschaald worden naar het Zorg en Veiligheidshuis Haaglanden die dan regie voert"
    assert own(ask, PN, "zorg-en-veiligheidshuis") == [
        {"partner": "zorg-en-veiligheidshuis-haaglanden", "named": True}
    ]


def test_pn_brandweer_belongs_to_the_veiligheidsregio(ask) -> None:
    # 1.4: "Brandweer Pijnacker-Nootdorp/Veiligheidsregio Haaglanden"
    rows = ask(f"""
SELECT ?parent WHERE {{
  ?p dcterms:identifier "{PN}" ; ivp:namesPartner ?b .
  ?b ivp:partnerType/skos:notation "brandweer" ;
     org:subOrganizationOf/dcterms:identifier ?parent }}""")
    assert ids(rows, "parent") == {"veiligheidsregio-haaglanden"}


def test_pn_names_staedion_and_rondom_wonen_as_housing_associations(ask) -> None:
    # 1.4 lists "Rondon Wonen" and "Staedion" among the stakeholders; both are woningcorporaties
    rows = ask(f"""
SELECT ?x WHERE {{ ?p dcterms:identifier "{PN}" ; ivp:namesPartner ?w .
  ?w ivp:partnerType/skos:notation "woningcorporatie" ; dcterms:identifier ?x }}""")
    assert {"staedion", "rondom-wonen"} <= ids(rows, "x")


def test_pn_zsm_network_members(ask) -> None:
    # voetnoot 8: "Het OM, Bureau Halt, de Politie, de Raad voor de Kinderbescherming,
    # reclassering en jeugdbescherming nemen deel aan het ZMS-netwerk."
    assert members(ask, "zsm-netwerk") == {
        "openbaar-ministerie",
        "halt",
        "politie",
        "raad-voor-de-kinderbescherming",
        "reclassering",
        "jeugdbescherming",
    }


def test_pn_plan_level_inwoners_keeps_one_involvement_per_passage(ask) -> None:
    # inwoners are named outside the themes in 1 ("maar ook met inwoners en ondernemers"),
    # 1.3.1 (consulted), 1.4 (the stakeholder list), 2.1 ("Inwoners en maatschappelijke
    # partners kunnen zowel signalen ... delen") and 2.6 ("Buurtbewoners signaleren ...")
    rows = ask(f"""
SELECT ?i ?section (GROUP_CONCAT(?role; separator=",") AS ?roles) WHERE {{
  ?i a ivp:Involvement ; ivp:partner id:partner\\/inwoners ;
     ivp:inPlan/dcterms:identifier "{PN}" ; ivp:inSection/dcterms:identifier ?section .
  FILTER NOT EXISTS {{ ?i ivp:theme [] }}
  OPTIONAL {{ ?i ivp:role/skos:notation ?role }}
}} GROUP BY ?i ?section""")
    assert sorted(r["section"] for r in rows) == ["1", "1.3.1", "1.4", "2.1", "2.6"]
    roles = {r["section"]: r["roles"] for r in rows}
    assert roles["1.4"] == "consultatie" and roles["2.6"] == "signalering"


def test_pn_riec_passages_keep_their_own_wording(ask) -> None:
    rows = ask(f"""
SELECT ?section ?named WHERE {{
  ?i a ivp:Involvement ; ivp:partner id:partner\\/riec-den-haag ;
     ivp:inPlan/dcterms:identifier "{PN}" ; ivp:inSection/dcterms:identifier ?section ;
     ivp:namedAs ?named . FILTER NOT EXISTS {{ ?i ivp:theme [] }} }}""")
    by_section = {r["section"]: r["named"] for r in rows}
    # 1.4 lists "Regionaal Informatie- en Expertisecentrum (RIEC)"; 1 says "... (RIEC) Den Haag"
    assert by_section["1.4"] == "Regionaal Informatie- en Expertisecentrum (RIEC)"
    assert by_section["1"] == "het Regionaal Informatie- en Expertisecentrum (RIEC) Den Haag"


def test_pn_priorities_follow_its_police_unit(ask) -> None:
    # 1.2: "de regionale prioriteiten voor de politie-eenheid Den Haag zoals gesteld in het
    # regionaal beleidsplan" - the Den Haag unit of the national police covers the municipality
    rows = ask(f"""
SELECT ?unit ?parent WHERE {{
  ?p dcterms:identifier "{PN}" ; ivp:municipality/ivp:cbsCode ?cbs ; ivp:namesPartner ?u .
  ?u ivp:partnerType/skos:notation "politie-eenheid" ; ivp:coversCbsCode ?cbs ;
     dcterms:identifier ?unit ; org:subOrganizationOf/dcterms:identifier ?parent }}""")
    assert rows == [{"unit": "politie-eenheid-den-haag", "parent": "politie"}]


def test_pn_a_riec_works_on_ondermijning(ask) -> None:
    # 3.1 / 1.1: "uit de door het RIEC Den Haag uitgevoerde onderzoeken"
    rows = ask(f"""
SELECT ?x WHERE {{ id:thema\\/{PN}\\/ondermijning ivp:involvesPartner ?p .
  ?p ivp:partnerType/skos:notation "riec" ; dcterms:identifier ?x }}""")
    assert ids(rows, "x") == {"riec-den-haag"}


# --- Nijmegen ----------------------------------------------------------------------------------


def test_nijmegen_works_with_its_riec(ask) -> None:
    # "met het Regionale Informatie- en Expertise Centrum Oost-Nederland (RIEC)"
    assert own(ask, NIJMEGEN, "riec") == [{"partner": "riec-oost-nederland", "named": True}]


def test_nijmegen_works_with_its_veiligheidsregio(ask) -> None:
    # 11: "onze relatie met ... de Veiligheidsregio Gelderland-Zuid (VRGZ)"
    assert own(ask, NIJMEGEN, "veiligheidsregio") == [
        {"partner": "veiligheidsregio-gelderland-zuid", "named": True}
    ]


def test_nijmegen_strafrechtketen_members(ask) -> None:
    # 6: "de partners in de strafrechtketen (OM, politie, jeugdbescherming en jeugdreclassering)"
    assert members(ask, "strafrechtketen") == {
        "openbaar-ministerie",
        "politie",
        "jeugdbescherming",
        "jeugdreclassering",
    }


def test_nijmegen_briefingsoverleggen_members(ask) -> None:
    # 6: "briefingsoverleggen, waar met alle betrokken wijkprofessionals, waaronder ook politie
    # en gemeentelijke toezichthouders, risicogedrag gemonitord en geduid wordt"
    assert members(ask, "briefingsoverleggen-nijmegen") == {"wijkprofessionals", "politie", "boa"}


def test_nijmegen_names_no_wijk_by_name(ask) -> None:
    # the plan speaks of "per stadsdeel" and "in alle wijken" but names none of them
    rows = ask(f"""
SELECT ?kind ?each WHERE {{ ?x a ivp:Place ; ivp:inPlan/dcterms:identifier "{NIJMEGEN}" ;
  ivp:placeKind/skos:notation ?kind . OPTIONAL {{ ?x ivp:eachOfKind ?each }} }}""")
    assert sorted(r["kind"] for r in rows) == ["stadsdeel", "wijk"]
    assert all(r["each"] is True for r in rows)


def test_nijmegen_veiliger_wijkteams_work_per_stadsdeel(ask) -> None:
    # 3: "Veiliger Wijkteams, waarin onder gemeentelijke regie per stadsdeel een
    # veiligheidsaanpak wordt geprogrammeerd en uitgevoerd"
    rows = ask("""
SELECT ?kind ?quote WHERE { id:partner\\/veiliger-wijkteams-nijmegen ivp:spatialScope ?place .
  ?place ivp:placeKind/skos:notation ?kind .
  ?s rdf:subject id:partner\\/veiliger-wijkteams-nijmegen ; rdf:object ?place ;
     prov:wasDerivedFrom/oa:exact ?quote }""")
    assert [r["kind"] for r in rows] == ["stadsdeel"]
    assert "per stadsdeel" in rows[0]["quote"]


def test_nijmegen_briefingsoverleggen_are_in_all_wijken(ask) -> None:
    rows = ask("""
SELECT ?kind WHERE { id:partner\\/briefingsoverleggen-nijmegen ivp:spatialScope ?place .
  ?place ivp:placeKind/skos:notation ?kind ; ivp:eachOfKind true }""")
    assert [r["kind"] for r in rows] == ["wijk"]


def test_nijmegen_ondermijning_residents_roles_per_passage(ask) -> None:
    # 2: "het gevaar voor kwetsbare bewoners" (a target), "We willen bewoners en ondernemers
    # bewust maken van risico's die maken dat ze doelwit kunnen worden" (target; prevention),
    # "het versterken van de meldingsbereidheid bij wijkbewoners" (reporting: signalering)
    rows = ask(f"""
SELECT ?named (GROUP_CONCAT(?role; separator=",") AS ?roles) WHERE {{
  ?i a ivp:Involvement ; ivp:partner id:partner\\/inwoners ;
     ivp:theme id:thema\\/{NIJMEGEN}\\/ondermijning ; ivp:namedAs ?named .
  OPTIONAL {{ ?i ivp:role/skos:notation ?role }}
}} GROUP BY ?i ?named""")
    by_wording = {r["named"]: sorted(r["roles"].split(",")) for r in rows}
    assert by_wording == {
        "kwetsbare bewoners": ["doelwit"],
        "bewoners": ["doelwit", "preventie"],
        "wijkbewoners": ["signalering"],
    }


def test_nijmegen_names_its_omgevingsdienst(ask) -> None:
    # 11: "onze relatie met de Omgevingsdienst Regio Nijmegen (ODRN)"
    rows = ask(f"""
SELECT ?x WHERE {{ ?p dcterms:identifier "{NIJMEGEN}" ; ivp:namesPartner ?o .
  ?o ivp:partnerType/skos:notation "omgevingsdienst" ; dcterms:identifier ?x }}""")
    assert ids(rows, "x") == {"omgevingsdienst-regio-nijmegen"}


def test_nijmegen_g40_and_m50_are_networks_of_municipalities(ask) -> None:
    # "Platform 31 vorig jaar voor de G40- en M50-gemeenten heeft gemaakt"
    rows = ask(f"""
SELECT ?x WHERE {{ ?p dcterms:identifier "{NIJMEGEN}" ; ivp:namesPartner ?o .
  ?o ivp:partnerType/skos:notation "gemeentenetwerk" ; dcterms:identifier ?x }}""")
    assert ids(rows, "x") == {"g40", "m50"}


def test_both_plans_work_with_their_riec_through_different_organisations(ask) -> None:
    """The question of the issue, as one SPARQL query."""
    rows = ask("""
SELECT ?plan ?riec WHERE {
  ?p ivp:hasTheme [] ; dcterms:identifier ?plan ; ivp:municipality/ivp:cbsCode ?cbs ;
     ivp:namesPartner ?r .
  ?r ivp:partnerType/skos:notation "riec" ; ivp:coversCbsCode ?cbs ; dcterms:identifier ?riec
} GROUP BY ?plan ?riec ORDER BY ?plan""")
    assert [(r["plan"], r["riec"]) for r in rows] == [
        (NIJMEGEN, "riec-oost-nederland"),
        (PN, "riec-den-haag"),
    ]


# --- what the commands show of it ------------------------------------------------------------


def test_compare_has_a_type_level(run_cli) -> None:
    out = run_cli("compare", NIJMEGEN, PN, "--format", "json")
    assert out.exit_code == 0, out.output
    rows = {(r["aspect"], r["item"]): r for r in json.loads(out.output)}
    riec = rows[("partner type", "riec")]
    assert (riec[NIJMEGEN], riec[PN], riec["same"]) == (
        "riec-oost-nederland",
        "riec-den-haag",
        "different",
    )
    housing = rows[("partner type", "woningcorporatie")]
    assert housing[PN] == "rondom-wonen, staedion, woningcorporaties"
    assert rows[("similarity", "partner types (Jaccard)")]["score"] > 0
    text = run_cli("compare", NIJMEGEN, PN).output
    assert "via verschillende organisaties (" in text and "riec" in text


def test_listings_show_types_and_each_partner_once(run_cli) -> None:
    listed = json.loads(run_cli("partners", "--plan", PN, "--format", "json").output)
    assert {r["id"]: r["type"] for r in listed}["staedion"] == "woningcorporatie"
    # the plan-level inwoners are five passages, but one partner in the listing of a theme
    theme = json.loads(
        run_cli("partners", "--theme", f"{PN}/zorg-en-veiligheid", "--format", "json").output
    )
    keys = [(r["partner"], r["action"]) for r in theme]
    assert len(keys) == len(set(keys))
    detail = json.loads(run_cli("partner", "inwoners", "--format", "json").output)
    plan_level = [i for i in detail["involvements"] if i["plan"] == PN and not i["theme"]]
    assert sorted(i["section"].split(" ")[0] for i in plan_level) == [
        "1",
        "1.3.1",
        "1.4",
        "2.1",
        "2.6",
    ]
