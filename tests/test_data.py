"""The curated graph holds what a careful reader finds in the two plans."""

from __future__ import annotations

import re

from graph.catalog import Catalog
from graph.config import Settings
from graph.quotes import normalise
from graph.store import open_store, select

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"


def source(settings: Settings, name: str) -> str:
    return (settings.data_dir / "sources" / name).read_text(encoding="utf-8")


def test_nijmegen_has_its_eleven_themes_in_order(catalog: Catalog, built: Settings) -> None:
    themes = catalog.themes(NIJMEGEN)
    text = source(built, "nijmegen-ivp-2022-2026.txt")
    # every numbered theme heading of chapter I, e.g. "### 2. Ondernijning", "## **7. Polarisatie"
    headings = re.findall(r"^#+ \**(\d{1,2})\. ", text, flags=re.MULTILINE)
    assert sorted({int(n) for n in headings}) == list(range(1, 12))
    numbered = [t for t in themes if t["status"] != "elsewhere"]
    assert [t["number"] for t in numbered] == list(range(1, 12))
    # the one theme it names but places elsewhere has no number and no plan of its own
    assert [(t["id"], t["number"]) for t in themes if t not in numbered] == [
        ("verkeersveiligheid", None)
    ]


def test_nijmegen_themes_without_body_are_marked(catalog: Catalog) -> None:
    missing = {t["id"]: catalog.theme(f"{NIJMEGEN}/{t['id']}") for t in catalog.themes(NIJMEGEN)}
    flagged = sorted(d["number"] for d in missing.values() if d["body_missing"])
    assert flagged == [1, 8]
    for detail in missing.values():
        if detail["body_missing"]:
            assert any(n["kind"] == "missing" for n in detail["notes"]), detail["id"]


def test_ondermijning_label_corrects_the_typo_but_keeps_it_findable(catalog: Catalog) -> None:
    detail = catalog.theme(f"{NIJMEGEN}/ondermijning")
    assert detail["label"] == "Ondermijning"
    assert detail["source_label"] == "Ondernijning"
    assert any("Ondernijning" in q["quote"] for q in detail["quotes"])
    assert [p["number"] for p in detail["pillars"]] == [1, 2, 3]


def test_pijnacker_nootdorp_priorities_and_going_concerns(
    catalog: Catalog, built: Settings
) -> None:
    priorities = catalog.themes(PN, "priority")
    core = catalog.themes(PN, "core")
    assert len(priorities) == 4
    text = source(built, "pijnacker-nootdorp-ivp-2023-2026.txt")
    chapter_4 = re.findall(r"^4\.(\d{1,2}) \S", text, flags=re.MULTILINE)
    assert len(core) == len(chapter_4) == 13
    for theme in priorities:
        detail = catalog.theme(f"{PN}/{theme['id']}")
        assert detail["ambitions"], theme["id"]
        assert detail["attention_points"], theme["id"]
        assert detail["actions"], theme["id"]
        assert detail["partners"], theme["id"]


def test_ambitions_and_attention_points_are_complete(catalog: Catalog, built: Settings) -> None:
    """Count the numbered ambitions and bulleted attention points per priority in the text."""
    text = source(built, "pijnacker-nootdorp-ivp-2023-2026.txt")
    for number in range(1, 5):
        ambitions_block = text.split(f"\n3.{number}.2 Ambities")[1].split(f"\n3.{number}.3 ")[0]
        expected_ambitions = len(re.findall(r"^\d\. ", ambitions_block, flags=re.MULTILINE))
        attention_block = text.split(f"\n3.{number}.1 Aandachtspunten")[1].split(
            f"\n3.{number}.2 "
        )[0]
        expected_points = len(re.findall(r"^- ", attention_block, flags=re.MULTILINE))
        theme = next(t for t in catalog.themes(PN, "priority") if t["number"] == number)
        detail = catalog.theme(f"{PN}/{theme['id']}")
        assert len(detail["ambitions"]) == expected_ambitions, theme["id"]
        listed = [
            a for a in detail["attention_points"] if a["section"].startswith(f"3.{number}.1 ")
        ]
        assert len(listed) == expected_points, theme["id"]


def test_every_stakeholder_of_section_1_4_is_a_partner(built: Settings) -> None:
    text = source(built, "pijnacker-nootdorp-ivp-2023-2026.txt")
    block = text.split("1.4 Partners en stakeholders")[1].split("1.5 Leeswijzer")[0]
    listed = [normalise(line[2:]) for line in block.splitlines() if line.startswith("- ")]
    assert len(listed) == 25
    rows = select(
        open_store(built),
        """SELECT ?quote WHERE {
             ?i a ivp:Involvement ; ivp:inPlan/dcterms:identifier "pijnacker-nootdorp-2023" ;
                ivp:role/skos:notation "consultatie" ; prov:wasDerivedFrom/oa:exact ?quote }""",
        built,
    )
    quoted = {normalise(r["quote"]) for r in rows}
    for stakeholder in listed:
        assert any(stakeholder in q for q in quoted), stakeholder


def test_shared_partners_are_one_node(catalog: Catalog) -> None:
    politie = catalog.partner("politie")
    assert set(politie["plans"]) == {NIJMEGEN, PN}
    assert "veiligheid" in politie["domains"]
    riec = {catalog.partner(p)["label"] for p in ("riec-den-haag", "riec-oost-nederland")}
    assert len(riec) == 2  # two different RIECs, not one


def test_budget_lines_are_linked_by_meaning_not_number(catalog: Catalog) -> None:
    # the Toelichting says "(Thema 4 – Zorg & Veiligheid)" for Aanpak multiproblematiek, but
    # Zorg & Veiligheid is theme 5 of chapter I: the link follows the name
    detail = catalog.theme(f"{NIJMEGEN}/zorg-en-veiligheid")
    lines = {b["line"] for b in detail["budget"] if b["funds"] == "this theme"}
    assert "Aanpak multiproblematiek" in lines
    theme_4 = catalog.theme(f"{NIJMEGEN}/digitale-criminaliteit")
    assert "Aanpak multiproblematiek" not in {b["line"] for b in theme_4["budget"]}
