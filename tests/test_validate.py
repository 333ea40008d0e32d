"""`ivp validate`: passes on the shipped data, fails with a useful message on broken data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dump_support import whole_dump

from graph.build import build, check
from graph.config import Settings
from graph.dist import builds_dir
from graph.problems import InvalidData, Problem

PLAN = "nijmegen-2022.yaml"
PN_PLAN = "pijnacker-nootdorp-2023.yaml"


def problems_of(settings: Settings) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        check(settings)
    return caught.value.problems


def replace_first(path: Path, pattern: str, replacement: str) -> int:
    """Replace the first line matching `pattern`; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if re.search(pattern, line):
            lines[number - 1] = re.sub(pattern, replacement, line, count=1)
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no line matches {pattern!r} in {path}")


def test_shipped_data_is_valid(settings: Settings) -> None:
    units = check(settings)
    assert sorted(u.plan_id for u in units) == ["nijmegen-2022", "pijnacker-nootdorp-2023"]


def test_made_up_quote_fails_with_file_and_line(project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / PLAN
    line = replace_first(plan, r"quote: .*", "quote: Deze zin staat nergens in het plan.")
    problems = problems_of(project_copy)
    quote_problems = [p for p in problems if p.check == "quote"]
    assert len(quote_problems) == 1, problems
    found = quote_problems[0]
    assert found.file == f"data/plans/{PLAN}"
    assert found.line == line  # the quote's own line, not its entity's
    assert "Deze zin staat nergens in het plan." in found.message
    assert "nijmegen-ivp-2022-2026.txt" in found.message


def test_dangling_partner_id_fails_and_suggests_the_right_one(project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / PN_PLAN
    line = replace_first(plan, r"partner: politie\b", "partner: politi")
    problems = [p for p in problems_of(project_copy) if p.check == "reference"]
    assert len(problems) == 1, problems
    assert problems[0].file == f"data/plans/{PN_PLAN}"
    assert problems[0].line == line
    assert "'politi'" in problems[0].message and "bedoelde u politie" in problems[0].message


def test_malformed_yaml_names_file_and_line(project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / PLAN
    line = replace_first(plan, r"^title: .*", "title: [unclosed")
    problems = problems_of(project_copy)
    assert [p.check for p in problems] == ["syntax"]
    assert problems[0].file == f"data/plans/{PLAN}"
    assert problems[0].line == line  # where the bracket opened, not where it was missed
    assert "onjuiste YAML" in problems[0].message


def test_mistyped_amount_fails_the_value_check(project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / PLAN
    replace_first(plan, r"\b14736\b", "14763")
    problems = [p for p in problems_of(project_copy) if p.check == "value"]
    assert problems and "14763" in problems[0].message


def test_unknown_key_and_duplicate_registry_id(project_copy: Settings) -> None:
    registry = project_copy.data_dir / "registry" / "partners.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "\n- id: politie\n  label: Politie\n  kind: organisatie\n  domains: [veiligheid]\n"
        + "  homepage: https://www.politie.nl\n",
        encoding="utf-8",
    )
    problems = problems_of(project_copy)
    assert any(p.check == "duplicate" and "politie" in p.message for p in problems)


def test_failed_build_leaves_previous_dist_intact(project_copy: Settings) -> None:
    build(project_copy)
    manifest = (project_copy.dist_dir / "build.json").read_bytes()
    turtle = whole_dump(project_copy, "ivp.ttl").read_bytes()
    replace_first(project_copy.data_dir / "plans" / PLAN, r"quote: .*", "quote: verzonnen")
    with pytest.raises(InvalidData):
        build(project_copy)
    assert (project_copy.dist_dir / "build.json").read_bytes() == manifest
    assert (project_copy.dist_dir / "ivp.ttl").read_bytes() == turtle
    beside = sorted(p.name for p in project_copy.dist_dir.parent.iterdir() if p.name != "data")
    assert beside == [".dist.builds", "dist", "ontology"]
    builds = list(builds_dir(project_copy.dist_dir).iterdir())
    assert builds == [project_copy.dist_dir.resolve()]  # the failed build left nothing


def test_cli_exit_codes(run_cli, project_copy: Settings, tmp_path: Path) -> None:
    ok = run_cli("validate", settings=project_copy)
    assert ok.exit_code == 0, ok.output
    replace_first(
        project_copy.data_dir / "plans" / PN_PLAN, r"partner: politie\b", "partner: politi"
    )
    bad = run_cli("validate", settings=project_copy)
    assert bad.exit_code == 1
    assert f"data/plans/{PN_PLAN}:" in bad.output and "politi" in bad.output
    missing = Settings(tmp_path / "nope", project_copy.ontology_dir, tmp_path / "dist")
    cannot = run_cli("validate", settings=missing)
    assert cannot.exit_code == 2
    assert "bestaat niet" in cannot.output
    cannot = run_cli("--lang", "en", "validate", settings=missing)
    assert "does not exist" in cannot.output


def test_a_quote_may_cite_another_section_and_that_section_must_exist(
    project_copy: Settings,
) -> None:
    plan = project_copy.data_dir / "plans" / PN_PLAN
    text = plan.read_text(encoding="utf-8")
    note = (
        "\n  - id: test-twee-secties\n    kind: modelling\n    text: Two sections, one note.\n"
        '    section: "4.10"\n    quotes:\n'
        "      - Het signaleren en de integrale aanpak van radicalisering valt onder de prioriteit"
        '\n      - {section: "3.3", quote: "Radicalisering en potentieel gevaarlijke eenlingen"}\n'
    )
    assert "\nnotes:\n" in text
    plan.write_text(text.replace("\nnotes:\n", "\nnotes:" + note, 1), encoding="utf-8")
    check(project_copy)  # both quotes found, each in its own section
    broken = plan.read_text(encoding="utf-8").replace(
        '{section: "3.3", quote', '{section: "3.33", quote'
    )
    plan.write_text(broken, encoding="utf-8")
    problems = problems_of(project_copy)
    assert len(problems) == 1 and "sectie '3.33'" in problems[0].message
    assert (
        problems[0].line
        == broken.splitlines().index(next(line for line in broken.splitlines() if '"3.33"' in line))
        + 1
    )


@pytest.mark.parametrize("base", ["https://w3id.org/kruisverband/", "https://example.org/ivp/"])
def test_curated_plan_shape_targets_curated_plans_only(base: str) -> None:
    """shape:CuratedPlan's SPARQL target finds plans with themes that are not drafts, under
    any base (its prefixes are declared with sh:declare and move with the base)."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF, SH

    from graph.config import PROJECT_ROOT
    from graph.validate import read_shapes

    shapes = read_shapes(PROJECT_ROOT / "ontology" / "shapes.ttl", base)
    ivp = Namespace(base + "def/ivp#")
    curated, draft = URIRef(base + "id/plan/a"), URIRef(base + "id/plan/b")
    data = Graph()
    for plan in (curated, draft):
        data.add((plan, ivp.hasTheme, URIRef(str(plan) + "/thema")))
    data.add((draft, ivp.planStatus, URIRef(base + "id/begrip/planstatus/draft")))
    _, report, _ = shacl_validate(data, shacl_graph=shapes, advanced=True, inference="none")
    of_curated_plan = set(shapes.objects(URIRef(base + "def/shapes#CuratedPlan"), SH.property))
    judged = {
        report.value(r, SH.focusNode)
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.sourceShape) in of_curated_plan
    }
    assert judged == {curated}
