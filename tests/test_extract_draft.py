"""`ivp extract` end to end: a draft of a text of our own (and of a PDF) is written in the
data format, builds as written and lists as a draft; an existing plan is never overwritten
without --force; --evaluate scores the curated plans leave-one-plan-out."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from extract_support import PAGES_HEADER, TEXTS, make_pdf

from cli import main
from graph.build import build
from graph.catalog import Catalog
from graph.config import PROJECT_ROOT, Settings
from graph.store import open_store


def invoke(settings: Settings, *args: str):
    return CliRunner().invoke(
        main, ["--data", str(settings.data_dir), "--dist", str(settings.dist_dir), *args]
    )


def test_drafts_build_as_written_and_list_as_drafts(project_copy: Settings, tmp_path: Path) -> None:
    s = project_copy
    source = tmp_path / "amersfoort-plan.txt"
    shutil.copy(TEXTS / "amersfoort.txt", source)
    result = invoke(s, "extract", str(source), "--municipality", "Amersfoort")
    assert result.exit_code == 0, result.output
    assert "new partner proposed for the registry: riec-midden-nederland" in result.output
    plan_file = s.data_dir / "plans" / "amersfoort-2025.yaml"
    draft = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    assert draft["status"] == "draft" and draft["source"]["file"] == "amersfoort-2025.txt"
    # the normalised text, with its origin (file name and sha256) recorded
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert digest in (s.data_dir / "sources" / "SOURCES.md").read_text(encoding="utf-8")
    assert "amersfoort-plan.txt" in plan_file.read_text(encoding="utf-8")
    registry = (s.data_dir / "registry" / "partners.yaml").read_text(encoding="utf-8")
    assert "- id: riec-midden-nederland\n" in registry and "cbs_code: GM0307" in registry
    # a text without a single heading: an empty but valid draft
    bare = tmp_path / "bare.txt"
    bare.write_text("De gemeente Utrecht werkt samen met de politie.\n", encoding="utf-8")
    result = invoke(s, "extract", str(bare), "--period", "2025-2028")
    assert result.exit_code == 0, result.output
    assert "no themes found" in result.output
    # a PDF with running headers and page numbers
    pdf = make_pdf(tmp_path / "zeist.pdf", _zeist_pages(), header=PAGES_HEADER)
    result = invoke(s, "extract", str(pdf), "--municipality", "Zeist", "--period", "2026-2029")
    assert result.exit_code == 0, result.output
    zeist = (s.data_dir / "sources" / "zeist-2026.txt").read_text(encoding="utf-8")
    assert "Pagina" not in zeist and PAGES_HEADER not in zeist
    # a lid and an article the legal registry lacks, of laws it knows: proposed, for review
    legal = (s.data_dir / "registry" / "legal-bases.yaml").read_text(encoding="utf-8")
    assert "- id: politiewet-2012-art-38b-lid-2\n" in legal, legal[-600:]
    assert "- id: opiumwet-art-3\n" not in legal  # two articles, one sentence: which is which?
    plan = yaml.safe_load((s.data_dir / "plans" / "zeist-2026.yaml").read_text(encoding="utf-8"))
    assert [b["law"] for b in plan["legal_bases"]] == ["politiewet-2012-art-38b-lid-2"]
    youth = next(t for t in plan["themes"] if t["label"] == "Jeugd en veiligheid")
    assert [t["label"] for t in youth["topics"]] == ["Hangjongeren", "Drugsgebruik"]
    report = build(s)  # the quotes are checked against data/sources/ as for any plan
    assert {"amersfoort-2025", "utrecht-2025", "zeist-2026"} <= set(report.plans)
    rows = {r["id"]: r for r in Catalog(open_store(s), s).plans()}
    assert rows["amersfoort-2025"]["status"] == "draft"
    assert rows["nijmegen-2022"]["status"] == "curated"


def _zeist_pages() -> list[list[str]]:
    return [
        ["Veiligheidsplan Zeist 2026-2029", "1 Inleiding", "De gemeente Zeist werkt samen "
         "met de politie en het Openbaar Ministerie.", "Dit plan stellen we vast gelet op "
         "artikel 38b, tweede lid, van de Politiewet 2012."],
        ["2 Prioriteiten", "2.1 Jeugd en veiligheid", "Het jongerenwerk helpt jongeren.",
         "Binnen dit thema vallen de volgende onderwerpen:", "- Hangjongeren", "- Drugsgebruik"],
        ["2.2 Ondermijning", "We gebruiken de Wet Bibob.", "Bij handel in drugs passen we "
         "artikel 13b van de Opiumwet toe, en artikel 3 van de Opiumwet bij teelt.",
         "3 Slot", "Tot slot."],
    ]  # fmt: skip


def test_existing_plan_is_not_overwritten_without_force(project_copy: Settings) -> None:
    s = project_copy
    plan_file = s.data_dir / "plans" / "pijnacker-nootdorp-2023.yaml"
    before = plan_file.read_bytes()
    source = s.data_dir / "sources" / "pijnacker-nootdorp-ivp-2023-2026.txt"
    result = invoke(s, "extract", str(source))
    assert result.exit_code == 1
    assert "pijnacker-nootdorp-2023.yaml exists; give --force to overwrite it" in result.output
    assert plan_file.read_bytes() == before
    result = invoke(s, "extract", str(source), "--force")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(plan_file.read_text(encoding="utf-8"))["status"] == "draft"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"\x00\x01\x02" * 100, "binary data")],
    ids=["empty", "binary"],
)
def test_bad_input_exits_1_with_the_file_named(
    project_copy: Settings, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    result = invoke(project_copy, "extract", str(path))
    assert result.exit_code == 1
    assert f"plan.txt: {message}" in result.output and "Traceback" not in result.output
    assert not list((project_copy.data_dir / "plans").glob("plan*"))


def test_period_that_is_no_period_is_a_clear_error(project_copy: Settings) -> None:
    source = project_copy.data_dir / "sources" / "nijmegen-ivp-2022-2026.txt"
    result = invoke(project_copy, "extract", str(source), "--period", "2028-2025")
    assert result.exit_code == 1 and "give it as 2025-2028" in result.output


def test_evaluate_leave_one_plan_out(run_cli) -> None:
    result = run_cli("extract", "--evaluate", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    totals = {r["item type"]: r for r in report["scores"] if r["plan"] == "all"}
    curated = sum(
        len(yaml.safe_load(plan.read_text(encoding="utf-8"))["themes"])
        for plan in (PROJECT_ROOT / "data" / "plans").glob("*.yaml")
    )
    assert totals["themes"]["curated"] == curated  # every curated theme, placed elsewhere too
    assert totals["themes"]["precision"] >= 0.8 and totals["themes"]["recall"] >= 0.8
    assert totals["partners"]["precision"] >= 0.8
    assert set(report["seconds"]) == {"nijmegen-2022", "pijnacker-nootdorp-2023"}
    table = run_cli("extract", "--evaluate")
    assert "leave-one-plan-out" in table.output and "budget cells" in table.output


def test_drafts_of_both_seed_plans_build(project_copy: Settings) -> None:
    s = project_copy
    for curated in (s.data_dir / "plans").glob("*.yaml"):
        curated.unlink()  # drafted from scratch, as if nobody had curated them
    for source in ("nijmegen-ivp-2022-2026.txt", "pijnacker-nootdorp-ivp-2023-2026.txt"):
        result = invoke(s, "extract", str(s.data_dir / "sources" / source))
        assert result.exit_code == 0, result.output
    report = build(s)
    assert set(report.plans) == {"nijmegen-2022", "pijnacker-nootdorp-2023"}
    rows = {r["id"]: r for r in Catalog(open_store(s), s).plans()}
    assert {r["status"] for r in rows.values()} == {"draft"}
    assert (rows["nijmegen-2022"]["themes"], rows["pijnacker-nootdorp-2023"]["themes"]) == (11, 17)
