"""Partners a plan lists under a heading or after a sentence that says so (the cues of
ivp:Partner in the ontology), on a text of our own with "Hoofdstuk" chapters, "•" bullets and
"1)" items: an item that reads as a name and names nothing known is a new partner."""

from __future__ import annotations

import dataclasses

import pytest
from extract_support import draft, lexicon, text

from graph.config import PROJECT_ROOT, Settings
from graph.extract import evaluate, pipeline
from graph.extract import lexicon as lexicons
from graph.extract.lexicon import abbreviates
from graph.extract.partner_lists import listed_name


@pytest.fixture(scope="module")
def result() -> pipeline.Draft:
    return draft(text("wijdemeren-partners.txt"), municipality="Wijdemeren")


def named_items(plan: dict) -> list[dict]:
    return [*plan.get("partners", []), *(p for t in plan["themes"] for p in t.get("partners", []))]


def named(plan: dict) -> dict[str, str]:
    return {p["partner"]: p["named_as"] for p in named_items(plan)}


def test_items_of_a_list_of_partners_are_proposed_as_new_partners(
    result: pipeline.Draft,
) -> None:
    proposed = {p["label"]: p for p in result.new_partners}
    # under the heading "Samenwerkingspartners", and after "... de volgende ketenpartners:"
    for label in ("Woonstichting Vecht en Omstreken", "Kwadraad", "Leger des Heils"):
        assert label in proposed, sorted(proposed)
        entry = proposed[label]
        assert (entry["kind"], entry["type"], entry["scope"]) == (
            "organisatie",
            "onbepaald",
            "lokaal",
        )
        assert "nog te bepalen" in entry["description"]
    # known partners in the same lists stay the registry's
    assert {"politie", "reclassering"} <= set(named(result.plan)), named(result.plan)


def test_list_items_that_are_sentences_or_other_kinds_are_no_partners(
    result: pipeline.Draft,
) -> None:
    labels = " ".join(p["label"] for p in result.new_partners)
    assert "afspraken" not in labels  # the list's last item is a sentence
    # "met de ketenpartners ... de volgende aandachtspunten:" lists attention points
    assert "Vastgoed" not in labels and "Witwassen" not in labels, labels


def test_the_college_named_by_its_type_is_this_municipalitys_own(
    result: pipeline.Draft,
) -> None:
    """ "het college van B en W": the type's altLabel, and not the start of a longer name."""
    assert named(result.plan).get("college-wijdemeren") == "college van B en W"


def test_a_list_item_that_defines_its_short_form() -> None:
    assert listed_name("• Haags Economisch Interventieteam (HEIT);") == (
        "Haags Economisch Interventieteam",
        ["HEIT"],
    )
    assert listed_name("- Veiligheid (zie ook hoofdstuk 4)") is None
    assert listed_name("- Met hen maken we afspraken, elk jaar opnieuw.") is None
    assert abbreviates("MRDH", "Metropoolregio Rotterdam Den Haag")
    assert not abbreviates("OOV", "Integraal Veiligheidsplan")


def test_a_proposed_regional_partner_is_the_plans_one_partner_of_its_type() -> None:
    """The evaluation counts a proposal of a regional type as the curated partner of that
    type where the curated plan has just one, whatever either is called."""
    full = lexicons.load(
        Settings(PROJECT_ROOT / "data", PROJECT_ROOT / "ontology", PROJECT_ROOT / "dist")
    )
    proposal = {
        "id": "zorg-en-veiligheidshuis-elders", "label": "Zorg- en Veiligheidshuis Elders",
        "kind": "samenwerkingsverband", "type": "zorg-en-veiligheidshuis", "scope": "regionaal",
    }  # fmt: skip
    with_it = evaluate._with_proposed(full, [proposal])
    one = {"zorg-en-veiligheidshuis-nijmegen", "politie"}
    assert evaluate._canonical(proposal["id"], one, with_it) == "zorg-en-veiligheidshuis-nijmegen"
    two = one | {"zorg-en-veiligheidshuis-haaglanden"}
    assert evaluate._canonical(proposal["id"], two, with_it) == proposal["id"]


def test_an_item_among_known_partners_or_after_a_cue_is_a_partner(
    result: pipeline.Draft,
) -> None:
    proposed = {p["label"]: p for p in result.new_partners}
    # "via de politie, Veilig Thuis, de wijkverpleging en de huisartsen": beside known ones
    assert "Wijkverpleging" in proposed, sorted(proposed)
    # "met partners zoals de Dorpsraad Loosdrecht en de scouting": after a cue
    assert {"Dorpsraad Loosdrecht", "Scouting"} <= set(proposed), sorted(proposed)
    assert "opsomming" in proposed["Scouting"]["description"]
    # "Voor de wijkagent, de boa's, ondermijning en digitale criminaliteit": themes, no partners
    assert not {"Ondermijning", "Digitale criminaliteit"} & set(proposed), sorted(proposed)


def test_de_gemeente_after_another_municipality_named_is_still_this_one() -> None:
    """Resolving "gemeente" once before "Hilversum" (another municipality) does not decide
    what a later bare "de gemeente" is."""
    plan = draft(
        "Veiligheidsplan Wijdemeren 2027-2030\n\n1. Samen\n\n"
        "De gemeente Hilversum deelt haar meldpunt met ons.\n\n"
        "Zo werken politie, gemeente en inwoners samen.\n",
        municipality="Wijdemeren",
    )
    quotes = [p["quote"] for p in named_items(plan.plan) if p["partner"] == "gemeente-wijdemeren"]
    assert any("politie, gemeente en inwoners" in q for q in quotes), named_items(plan.plan)
    assert "gemeente" not in {p["id"] for p in plan.new_partners}


@pytest.fixture(scope="module")
def together() -> pipeline.Draft:
    """A text with "§" sections that says in prose whom it works with."""
    return draft(text("kampen-samenwerking.txt"), municipality="Kampen")


def proposed_labels(result: pipeline.Draft) -> set[str]:
    return {p["label"] for p in result.new_partners}


def test_what_a_plan_works_together_with_is_a_partner(together: pipeline.Draft) -> None:
    """After the cues of ivp:Involvement ("samen met", "samenwerking met"), the short items up
    to where the phrase ends; an elided head noun is restored ("het sociaal en het fysiek
    domein"), a group that includes a known partner is one ("wijkprofessionals, waaronder ook
    de politie")."""
    labels = proposed_labels(together)
    assert {"Huurdersvereniging", "Sociaal domein", "Fysiek domein"} <= labels, labels
    assert "Wijkprofessionals" in labels or "wijkprofessionals" in named(together.plan), labels
    assert "Sociaal" not in labels
    quotes = {p["quote"] for p in named_items(together.plan) if p["partner"] == "fysiek-domein"}
    assert quotes == {
        "In de aanpak van overlast werken we samen met het sociaal en het fysiek domein."
    }


def test_what_is_no_partner_after_a_cue_of_working_together(together: pipeline.Draft) -> None:
    """Not a kruisverband's "hangt samen met", not an abstract noun ("samen met de kans op"),
    not a pronoun ("samenwerking met elkaar"), not half of an elided compound ("veiligheids-")."""
    folded = " ".join(proposed_labels(together)).lower()
    for word in ("drugsoverlast", "kans", "elkaar", "veiligheids"):
        assert word not in folded, proposed_labels(together)


def test_a_name_that_defines_a_short_form_names_an_organisation_by_its_head_word(
    together: pipeline.Draft,
) -> None:
    """ "Regionaal Platform Criminaliteitsbeheersing (RPC)": "platform" is a head word of an
    organisation (ivp:extractionCue on partnertype/onbepaald); a monitor is none."""
    proposed = {p["label"]: p for p in together.new_partners}
    assert proposed["Regionaal Platform Criminaliteitsbeheersing"]["aliases"] == ["RPC"]
    assert not any("monitor" in label.lower() for label in proposed), sorted(proposed)


def test_capitalised_words_before_a_type_name_are_part_of_the_name(
    together: pipeline.Draft,
) -> None:
    """ "Kamper Wijkteams" is a name; "De Wijkteams" at the start of a sentence is the type."""
    ids = {p["label"]: p["id"] for p in together.new_partners}
    assert named(together.plan).get(ids.get("Kamper Wijkteams", "")) == "Kamper Wijkteams", ids
    quotes = [p["quote"] for p in named_items(together.plan) if p["named_as"] == "Wijkteams"]
    assert quotes == ["De Wijkteams zijn er in elke wijk."], named_items(together.plan)


def test_the_riec_by_its_type_name_is_this_regions_where_the_registry_has_one_other() -> None:
    """With only another region's RIEC in the registry, "het RIEC" in a plan of Oost-Nederland
    is a new RIEC for that region, never the other region's entry."""
    full = lexicon()
    partners = {k: v for k, v in full.partners.items() if k != "riec-oost-nederland"}
    only_den_haag = dataclasses.replace(full, partners=partners)
    result = pipeline.extract(
        "Veiligheidsplan Kampen 2027-2030\n\n1. Ondermijning\n\n"
        "Wij werken samen met het RIEC aan de aanpak van ondermijning.\n",
        only_den_haag,
        source_file="test.txt",
        municipality="Kampen",
    )
    ids = set(named(result.plan))
    assert "riec-den-haag" not in ids, ids
    assert any(p.get("type") == "riec" and "Oost-Nederland" in p["label"]
               for p in result.new_partners), result.new_partners  # fmt: skip
