"""Laws the registry does not know, proposed by their name's form (graph.extract.legal), on a
text of our own with "Artikel" chapters: a compound in -wet, "Wet" with a name, a short form
in brackets, an article written out. They go to the registry unreviewed, without a BWB id,
and the draft builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from extract_support import TEXTS, draft, text

from cli import main
from graph.build import build
from graph.config import Settings
from graph.extract.legal import unknown_laws


def test_unknown_laws_are_proposed_with_their_article() -> None:
    result = draft(text("zaanstad-wetten.txt"), municipality="Zaanstad")
    proposed = {p["id"]: p for p in result.new_provisions}
    assert proposed["alcoholwet-art-20"] == {
        "id": "alcoholwet-art-20", "label": "Alcoholwet, artikel 20", "article": "20",
        "review": "unreviewed",
    }  # fmt: skip
    assert proposed["wet-regulering-prostitutie"]["label"] == "Wet regulering prostitutie"
    assert proposed["wmo"]["label"] == "Wet maatschappelijke ondersteuning (Wmo)"
    # known to the registry: the Politiewet 2012 and the Wet Bibob (a footnote mark after it)
    assert not any("politiewet" in p or "bibob" in p for p in proposed), sorted(proposed)
    # "de wet" is no name; a long title cut short is no law either
    assert not any(p in ("wet", "wet-bevordering") for p in proposed), sorted(proposed)
    used = {u["law"] for u in result.plan.get("laws_used", [])}
    based = {b["law"] for b in result.plan.get("legal_bases", [])}
    assert {"alcoholwet-art-20", "wet-regulering-prostitutie", "wmo"} <= used | based


def test_the_names_a_law_is_known_by() -> None:
    known = {"wet bibob", "politiewet"}
    assert unknown_laws("De Omgevingswet en de Drank- en Horecawet gelden.", known) == [
        ("Omgevingswet", None), ("Drank- en Horecawet", None),
    ]  # fmt: skip
    assert unknown_laws("de Wet 'Damocles' en de Politiewet 2012", known) == [
        ("Wet Damocles", None)
    ]
    long_title = (
        "de Wet bevordering integriteitsbeoordelingen door het openbaar bestuur (Wet Bibob)"
    )
    assert unknown_laws(long_title, known) == []
    assert unknown_laws("Wet kwaliteitsborging bouwen naadloos aan bij de praktijk", known) == []


def test_a_draft_with_a_new_law_builds_and_validate_lists_it(
    project_copy: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "zaanstad.txt"
    shutil.copy(TEXTS / "zaanstad-wetten.txt", source)
    run = CliRunner().invoke(
        main, ["--data", str(project_copy.data_dir), "--dist", str(project_copy.dist_dir),
               "extract", str(source), "--municipality", "Zaanstad"],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    registry = yaml.safe_load((project_copy.data_dir / "registry" / "legal-bases.yaml").read_text())
    added = {e["id"]: e for e in registry if e.get("review") == "unreviewed"}
    assert {"alcoholwet", "alcoholwet-art-20", "wmo"} <= set(added)
    assert not any("bwb" in e for e in added.values())
    assert "zaanstad-2027" in build(project_copy).plans
    checked = CliRunner().invoke(
        main, ["--data", str(project_copy.data_dir), "--dist", str(project_copy.dist_dir),
               "validate"],
    )  # fmt: skip
    assert "laws proposed by ivp extract still unreviewed" in checked.output, checked.output
