"""How the commands find what a reader names: ids, labels, a plan given twice, and where a
broken reference sends the reader (issue 11, item 12)."""

from __future__ import annotations

import re

from graph.config import Settings

PN = "pijnacker-nootdorp-2023"


def test_partners_refuses_a_theme_of_another_plan_than_plan(run_cli) -> None:
    both = run_cli("partners", "--plan", "nijmegen-2022", "--theme", f"{PN}/ondermijning")
    assert both.exit_code == 1, both.output
    assert "nijmegen-2022" in both.output and f"{PN}/ondermijning" in both.output
    assert "verschillende plannen" in both.output
    assert "politie" not in both.output  # no listing of Pijnacker-Nootdorp's partners
    same = run_cli("partners", "--plan", PN, "--theme", f"{PN}/ondermijning", "--format", "csv")
    assert same.exit_code == 0 and "riec-den-haag" in same.output


def test_theme_accepts_its_label_as_partner_does(run_cli) -> None:
    by_label = run_cli("theme", "Jonge aanwas in de criminaliteit", "--format", "json")
    assert by_label.exit_code == 0, by_label.output
    assert '"id": "jonge-aanwas"' in by_label.output
    assert run_cli("theme", "jonge aanwas in de criminaliteit").exit_code == 0  # any case
    # the label of a theme two plans share asks which, as a shared id does
    shared = run_cli("theme", "Zorg en veiligheid")
    assert shared.exit_code == 0 and PN in shared.output  # Nijmegen's is "Zorg & Veiligheid"
    by_id = run_cli("theme", "ondermijning")
    assert by_id.exit_code == 1
    assert f"nijmegen-2022/ondermijning, {PN}/ondermijning" in by_id.output


def suggested(output: str) -> list[str]:
    found = re.search(r"(?:Bedoelde u|Did you mean): (.*)\?", output)
    assert found, output
    return found.group(1).split(", ")


def test_suggestions_name_each_thing_once(run_cli) -> None:
    partner = suggested(run_cli("partner", "politi").output)
    assert partner[0] == "politie" and "Politie" not in partner
    assert len(partner) == len(set(partner))
    theme = suggested(run_cli("theme", "ondermijnin").output)
    assert set(theme[:2]) == {"nijmegen-2022/ondermijning", f"{PN}/ondermijning"}
    assert "ondermijning" not in theme  # the bare id is ambiguous: both plans' ids instead


def test_errors_name_the_files_of_the_data_folder_given(run_cli, project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / f"{PN}.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("partner: politie\n", "partner: politi\n", 1), encoding="utf-8")
    bad = run_cli("validate", settings=project_copy)
    assert bad.exit_code == 1
    registry = project_copy.data_dir.resolve() / "registry" / "partners.yaml"
    assert f"(zie {registry})" in bad.output
    assert "see data/registry" not in bad.output
