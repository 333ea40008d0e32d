"""Each item type `ivp extract` drafts, on texts written for these tests in styles unlike the
seed plans: "Hoofdstuk 2:" and "§ 2.1" numbering, lettered decision lists, "|" tables, a
samenhang matrix, superscript footnote markers; a second text with markdown-free "3.2" style,
lettered subsections and a tab table with "n.b." cells."""

from __future__ import annotations

import pytest
from extract_support import all_quotes_in, draft, quotes, text

from graph.extract.sections import Document

AMERSFOORT = text("amersfoort.txt")


@pytest.fixture(scope="module")
def plan() -> dict:
    return draft(AMERSFOORT).plan


def themes_by_label(plan: dict) -> dict[str, dict]:
    return {t["label"]: t for t in plan["themes"]}


def test_section_tree_reads_hoofdstuk_and_paragraph_numbering(plan: dict) -> None:
    assert list(plan["sections"]) == [
        "begin", "1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "4",
    ]  # fmt: skip
    assert plan["sections"]["2"] == "Onze speerpunten"


def test_lettered_subsections_and_list_items_apart() -> None:
    doc = Document(
        "1 Inleiding\n\nTekst.\n\n2 Thema's\n\n2.1 Jeugd\n\na. Jeugdoverlast\n\nTekst.\n\n"
        "b. Jeugdcriminaliteit\n\nTekst.\n\nWe doen het volgende:\n1. eerste punt;\n"
        "2. tweede punt.\n\n3 Slot\n"
    )
    assert list(doc.sections) == ["begin", "1", "2", "2.1", "2.1.a", "2.1.b", "3"]
    assert doc.sections["2.1.b"].parent == "2.1"


def test_numbered_list_after_chapter_is_not_a_chapter() -> None:
    doc = Document(
        "1 Inleiding\n\nDe stappen:\n\n1. Analyse\n2. Werksessie\n3. Rapport\n\n2 Beleid\n"
    )
    assert list(doc.sections) == ["begin", "1", "2"]
    assert doc.sections["2"].title == "Beleid"


def test_footnote_markers_are_not_in_quotes() -> None:
    from graph.extract.normalise import normalise_text

    normalised = normalise_text(AMERSFOORT)
    assert "jaren¹" not in normalised and "komende jaren." in normalised
    assert not any("¹" in q for q in quotes(draft(normalised).plan))


def test_themes_from_headings_and_the_decision_list_are_one_theme_each(plan: dict) -> None:
    themes = themes_by_label(plan)
    assert set(themes) == {
        "Woninginbraak en overvallen", "Georganiseerde criminaliteit", "Veilig uitgaan",
        "Verkeersveiligheid", "Brandveiligheid",
    }  # fmt: skip
    # the decision's "a) woninginbraak en overvallen;" is quoted by the same theme
    quoted = themes["Woninginbraak en overvallen"]["quote"]
    assert {"section": "2", "quote": "woninginbraak en overvallen;"} in quoted


def test_status_priority_versus_core(plan: dict) -> None:
    status = {t["label"]: t["status"] for t in plan["themes"]}
    assert status["Georganiseerde criminaliteit"] == "priority"
    assert status["Verkeersveiligheid"] == status["Brandveiligheid"] == "core"


def test_goals_and_measures_become_ambitions_and_actions(plan: dict) -> None:
    themes = themes_by_label(plan)
    goals = themes["Woninginbraak en overvallen"]["ambitions"]
    assert [g["quote"] for g in goals] == [
        "Minder woninginbraken dan in 2024.", "Meer inwoners melden verdachte situaties.",
    ]  # fmt: skip
    actions = themes["Georganiseerde criminaliteit"]["actions"]
    assert [a["number"] for a in actions] == [1, 2]
    assert actions[1]["label"] == "We sluiten drugspanden"


def test_partners_resolve_by_region_never_to_another_regions_entry(plan: dict) -> None:
    named = {p["partner"] for p in plan.get("partners", [])} | {
        p["partner"] for t in plan["themes"] for p in t.get("partners", [])
    }
    # Amersfoort lies in veiligheidsregio Utrecht: its brandweer, not Haaglanden's
    assert {"politie", "openbaar-ministerie", "brandweer-utrecht"} <= named
    assert "brandweer-haaglanden" not in named
    # Amersfoort lies in RIEC Midden-Nederland and veiligheidsregio Utrecht: the registry has
    # only Den Haag's and Oost-Nederland's RIEC, Haaglanden's and Gelderland-Zuid's region
    assert {"riec-midden-nederland", "veiligheidsregio-utrecht"} <= named
    assert not named & {
        "riec-den-haag", "riec-oost-nederland", "veiligheidsregio-haaglanden",
        "veiligheidsregio-gelderland-zuid",
    }  # fmt: skip


def test_new_partners_are_proposed_with_kind_and_type() -> None:
    result = draft(AMERSFOORT)
    proposed = {p["id"]: p for p in result.new_partners}
    riec = proposed["riec-midden-nederland"]
    assert riec["kind"] == "samenwerkingsverband"  # the kind of the registry's RIECs
    assert "riec-den-haag" in riec["description"] or "riec-oost-nederland" in riec["description"]
    assert proposed["gemeente-amersfoort"]["cbs_code"] == "GM0307"
    assert any("riec-midden-nederland" in w for w in result.warnings)


def test_decision_who_when_on_whose_proposal_and_legal_basis(plan: dict) -> None:
    assert plan["adoption"]["by"] == "gemeenteraad-amersfoort"
    assert str(plan["adoption"]["date"]) == "2025-03-03"
    assert plan["proposal"]["by"] == "college-amersfoort"
    assert str(plan["proposal"]["date"]) == "2025-02-04"
    assert [b["law"] for b in plan["legal_bases"]] == ["politiewet-2012-art-38b"]


def test_laws_and_instruments_from_the_registries(plan: dict) -> None:
    theme = themes_by_label(plan)["Georganiseerde criminaliteit"]
    # a theme applies laws (data/README.md rule 10): "sluitingen op grond van artikel 13b
    # Opiumwet" is a law used, not what the plan rests on
    assert {b["law"] for b in theme["laws_used"]} == {"wet-bibob", "opiumwet-art-13b"}
    assert "legal_bases" not in theme
    assert {i["instrument"] for i in theme["instruments"]} == {"wet-bibob"}


def test_a_plan_level_law_is_its_basis_only_where_the_sentence_says_so() -> None:
    text = (
        "Integraal Veiligheidsplan Zeist 2026-2029\n\n1 Inleiding\n\n"
        "Op grond van artikel 38b van de Politiewet 2012 stelt de raad de doelen vast. "
        "Daarnaast noemen we de Wet Bibob.\n\n2 Prioriteiten\n\n2.1 Jeugd en veiligheid\n\n"
        "Wij werken aan jeugd en veiligheid.\n"
    )
    plan = draft(text, municipality="Zeist", period=(2026, 2029)).plan
    assert [b["law"] for b in plan["legal_bases"]] == ["politiewet-2012-art-38b"]
    assert [b["law"] for b in plan["laws_used"]] == ["wet-bibob"]


def test_crosslinks_from_phrases_section_references_and_the_matrix(plan: dict) -> None:
    ids = {t["label"]: t["id"] for t in plan["themes"]}
    links = {(frozenset((link["from"], link["to"])), link["kind"]) for link in plan["crosslinks"]}
    burglary, crime, nightlife = (
        ids["Woninginbraak en overvallen"], ids["Georganiseerde criminaliteit"],
        ids["Veilig uitgaan"],
    )  # fmt: skip
    assert (frozenset((burglary, nightlife)), "kruisverband") in links  # "hangt nauw samen"
    assert (frozenset((nightlife, crime)), "raakvlak") in links  # "raakvlakken met"
    assert (frozenset((burglary, crime)), "kruisverband") in links  # the matrix's "x"


def test_section_reference_alone_resolves_to_its_theme() -> None:
    plan = draft(
        "Hoofdstuk 1: Prioriteiten\n\n§ 1.1 Jeugd en veiligheid\n\nJongeren hangen rond. "
        "Zie ook § 1.2 voor de samenhang.\n\n§ 1.2 Drugsoverlast\n\nDealers in de wijk.\n"
    ).plan
    assert [(c["from"], c["to"], c["kind"]) for c in plan["crosslinks"]] == [
        ("jeugd-en-veiligheid", "drugsoverlast", "verwijzing")
    ]


def test_a_theme_named_as_a_theme_and_a_misspelt_heading_are_linked() -> None:
    """ "bij het thema X" in another theme's section refers to X; a heading misspelt in the
    text ("Woomoverlast") is still the theme where a sentence spells its name right."""
    plan = draft(
        "Hoofdstuk 1: Prioriteiten\n\n§ 1.1 Jeugd en veiligheid\n\nJongeren hangen rond. "
        "Overlast in portieken komt terug bij het thema woonoverlast.\n\n"
        "§ 1.2 Woomoverlast\n\nBuren klagen. Dit hangt nauw samen met Jeugd en veiligheid.\n"
    ).plan
    ids = [t["id"] for t in plan["themes"]]
    assert len(ids) == 2, ids
    links = {(c["from"], c["to"], c["kind"]) for c in plan["crosslinks"]}
    assert (ids[0], ids[1], "verwijzing") in links, links
    assert (ids[1], ids[0], "kruisverband") in links, links


def test_a_vng_theme_number_is_no_reference_to_the_plans_own_section() -> None:
    """ "thema 1.1 Sociale kwaliteit" numbers the VNG Kernbeleid's theme, not the plan's 1.1."""
    plan = draft(
        "Hoofdstuk 1: Prioriteiten\n\n§ 1.1 Jeugd en veiligheid\n\nJongeren hangen rond.\n\n"
        "§ 1.2 Drugsoverlast\n\nDealers in de wijk. Dit hangt nauw samen met thema 1.1 "
        "Sociale kwaliteit van de VNG. Zie ook § 1.1 over jongeren.\n"
    ).plan
    links = [(c["from"], c["to"], c["kind"], c["quote"]) for c in plan.get("crosslinks", [])]
    assert [link[:3] for link in links] == [
        ("drugsoverlast", "jeugd-en-veiligheid", "verwijzing")
    ], links


def test_a_list_is_of_the_kind_its_own_sentence_introduces_not_the_heading_above() -> None:
    plan = draft(
        "Hoofdstuk 1: Prioriteiten\n\n§ 1.1 Drugsoverlast\n\nDealers in de wijk.\n\n"
        "#### Doelen\n\n- Minder meldingen over dealen.\n- Meer aangiftes.\n\n"
        "We werken langs twee pijlers:\n\n- Voorkomen\n- Verstoren\n"
    ).plan
    theme = plan["themes"][0]
    assert [p["label"] for p in theme.get("pillars", [])] == ["Voorkomen", "Verstoren"], theme
    assert [a["label"] for a in theme.get("ambitions", [])] == [
        "Minder meldingen over dealen", "Meer aangiftes"
    ], theme  # fmt: skip


def test_budget_with_unit_total_and_missing_cell_not_zero(plan: dict) -> None:
    budget = plan["budget"]
    assert budget["multiplier"] == 1000
    lines = {line["label"]: line["amounts"] for line in budget["lines"]}
    assert lines["Woninginbraak"] == {2025: 120, 2026: 1250, 2027: 130}
    assert lines["Georganiseerde criminaliteit"] == {2025: 300, 2026: 310}  # "n.b.": no amount
    assert budget["total"]["amounts"] == {2025: 420, 2026: 1560, 2027: 130}
    # a line funds the theme its label names ("Woninginbraak": Woninginbraak en overvallen)
    funded = {line["label"]: [t["theme"] for t in line["themes"]] for line in budget["lines"]}
    assert funded == {
        "Woninginbraak": ["woninginbraak-en-overvallen"],
        "Georganiseerde criminaliteit": ["georganiseerde-criminaliteit"],
    }


def test_indicators_keep_missing_values_missing(plan: dict) -> None:
    indicators = {i["label"]: i for i in plan["indicators"]}
    burglaries = indicators["Woninginbraken"]["observations"]
    assert burglaries == [
        {"period": "2022", "value": 210}, {"period": "2023", "missing": "-"},
        {"period": "2024", "value": 180},
    ]  # fmt: skip
    rating = indicators["Rapportcijfer veiligheid"]
    assert rating["unit"] == "rating"
    assert {"period": "2023", "missing": "n.b."} in rating["observations"]
    assert {"period": "2022", "value": 7.1} in rating["observations"]


def test_vng_mappings_with_evidence(plan: dict) -> None:
    themes = themes_by_label(plan)
    mapping = themes["Verkeersveiligheid"]["core_themes"][0]
    assert (mapping["concept"], mapping["match"], mapping["basis"]) == ("4.1", "exact", "curated")
    assert mapping["quote"] == "§ 3.1 Verkeersveiligheid"
    stated = draft(
        "1 Prioriteiten\n\n1.1 Zorg en veiligheid\n\nHet thema zorg en veiligheid valt onder "
        "1.1 Sociale kwaliteit.\n"
    ).plan["themes"][0]["core_themes"]
    assert {"concept": "1.1", "basis": "stated"}.items() <= stated[0].items()


def test_stated_vng_mappings_by_number_and_name_falls_under_or_touches() -> None:
    """A core theme named by its number and a shortened name ("5.2 Georganiseerde
    criminaliteit"); one past "raakvlakken" is related, not broader; a plan theme called
    like a core theme is not the sentence's subject where it is named as that core theme."""
    plan = draft(
        "1 Prioriteiten\n\n1.1 Drugsoverlast\n\nDe prioriteit 'Drugsoverlast' valt onder "
        "thema 5.2 Georganiseerde criminaliteit en heeft raakvlakken met 1.2 Fysieke kwaliteit."
        "\n\n1.2 Fysieke kwaliteit\n\nVerlichting en groen.\n"
    ).plan
    stated = {
        (t["id"], m["concept"]): m["match"]
        for t in plan["themes"] for m in t.get("core_themes", []) if m["basis"] == "stated"
    }  # fmt: skip
    assert stated == {("drugsoverlast", "5.2"): "broad", ("drugsoverlast", "1.2"): "related"}


def test_every_item_has_confidence_and_review_mark(plan: dict) -> None:
    def items(node: object):
        if isinstance(node, dict):
            if "quote" in node and "section" in node:
                yield node
            for value in node.values():
                yield from items(value)
        elif isinstance(node, list):
            for value in node:
                yield from items(value)

    found = [i for i in items(plan) if "quote" in i and not isinstance(i["quote"], dict)]
    assert len(found) > 20
    for item in found:
        if "confidence" in item:
            assert 0 <= item["confidence"] <= 1 and item["review"] == "unreviewed"
    assert all("confidence" in t and t["review"] == "unreviewed" for t in plan["themes"])


def test_every_quote_occurs_in_the_source(plan: dict) -> None:
    assert all_quotes_in(plan, AMERSFOORT) == []


def test_second_style_plain_numbering_tabs_and_lettered_items() -> None:
    source = text("westerkwartier.txt")
    result = draft(source)
    plan = result.plan
    assert plan["municipality"] == "gemeente-westerkwartier"
    assert result.new_partners[-1]["cbs_code"] == "GM1969"  # from data/reference/
    statuses = [(t["label"], t["status"]) for t in plan["themes"]]
    assert statuses == [
        ("Huiselijk geweld", "priority"), ("Drugs en ondermijning", "priority"),
        ("Cybercrime", "priority"), ("Jaarwisseling", "core"),
    ]  # fmt: skip
    # a sentence of the chapter (no theme of its own) linking two themes by name
    assert [(c["from"], c["to"]) for c in plan["crosslinks"]] == [
        ("drugs-en-ondermijning", "cybercrime")
    ]
    assert all_quotes_in(plan, source) == []
    # run-in titles over a paragraph under "Wat gaan we doen?"; the footnote "3)" is no item
    actions = plan["themes"][1]["actions"]
    assert [(a["label"], a["quote"][:25]) for a in actions] == [
        ("Voorlichting", "We informeren ondernemers"), ("Controles", "Samen met de politie cont"),
    ]  # fmt: skip
    observations = plan["indicators"][0]["observations"]
    assert {"period": "2021", "missing": "n.b."} in observations


@pytest.mark.parametrize(
    ("municipality", "expected"),
    [
        ("Nijmegen", {"zorg-en-veiligheidshuis-nijmegen", "omgevingsdienst-regio-nijmegen"}),
        ("Pijnacker-Nootdorp",
         {"zorg-en-veiligheidshuis-haaglanden", "omgevingsdienst-haaglanden"}),
        ("Delft", {"zorg-en-veiligheidshuis-haaglanden", "omgevingsdienst-haaglanden"}),
    ],
)  # fmt: skip
def test_a_bare_type_name_is_the_entry_of_this_municipalitys_region(
    municipality: str, expected: set[str]
) -> None:
    # the registry names one ZVH after a city (Nijmegen), another after a region (Haaglanden)
    plan = draft(
        f"De gemeente {municipality} werkt samen met het Zorg- en Veiligheidshuis en de "
        "Omgevingsdienst.\n",
        municipality=municipality,
    ).plan
    assert {p["partner"] for p in plan["partners"]} >= expected
