"""The command line against the real data: formats, help, ids and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cli import main


def command_names() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "ivp " + name in result.output


def test_plans_lists_both_municipalities_with_cbs_codes(run_cli) -> None:
    rows = json.loads(run_cli("plans", "--format", "json").output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["nijmegen-2022"]["cbs"] == "GM0268"
    assert by_id["pijnacker-nootdorp-2023"]["cbs"] == "GM1926"
    assert by_id["pijnacker-nootdorp-2023"]["adopted"] == "2023-06-29"
    assert (by_id["nijmegen-2022"]["start"], by_id["nijmegen-2022"]["end"]) == ("2022", "2026")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_listings_in_every_format_carry_the_same_rows(run_cli, fmt: str) -> None:
    reference = json.loads(run_cli("themes", "--format", "json").output)
    out = run_cli("themes", "--format", fmt)
    assert out.exit_code == 0
    if fmt == "json":
        assert json.loads(out.output) == reference
    elif fmt in ("csv", "tsv"):
        rows = list(
            csv.DictReader(io.StringIO(out.output), delimiter="," if fmt == "csv" else "\t")
        )
        assert [r["label"] for r in rows] == [r["label"] for r in reference]
    else:
        lines = out.output.splitlines()
        assert lines[0].split()[:3] == ["plan", "id", "number"]
        assert len(lines) == len(reference) + 2


def test_theme_filter_by_plan_and_status(run_cli) -> None:
    rows = json.loads(run_cli("themes", "--plan", "nijmegen-2022", "--format", "json").output)
    assert len(rows) == 11
    priority = json.loads(
        run_cli(
            "themes", "--plan", "nijmegen-2022", "--status", "priority", "--format", "json"
        ).output
    )
    assert sorted(r["number"] for r in priority) == list(range(1, 9))
    core = json.loads(
        run_cli("themes", "--plan", "nijmegen-2022", "--status", "core", "--format", "json").output
    )
    assert sorted(r["number"] for r in core) == [9, 10, 11]


def test_wrong_ids_get_close_matches(run_cli) -> None:
    out = run_cli("themes", "--plan", "nijmegen-2021")
    assert out.exit_code == 1 and "nijmegen-2022" in out.output
    out = run_cli("partner", "politei")
    assert out.exit_code == 1 and "politie" in out.output


def test_ambiguous_theme_id_asks_for_the_plan(run_cli) -> None:
    out = run_cli("theme", "ondermijning")
    assert out.exit_code == 1
    assert "nijmegen-2022/ondermijning" in out.output
    assert "pijnacker-nootdorp-2023/ondermijning" in out.output


def test_query_formats_and_errors(run_cli) -> None:
    count = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ivp:Theme }", "--format", "csv")
    assert count.exit_code == 0
    assert count.output.splitlines()[0] == "n" and int(count.output.splitlines()[1]) >= 28
    ask = run_cli("query", "ASK { ?p dcterms:identifier 'nijmegen-2022' }")
    assert ask.output.strip() == "true"
    construct = run_cli(
        "query", "CONSTRUCT { ?p a ivp:SafetyPlan } WHERE { ?p a ivp:SafetyPlan }", "--format", "nt"
    )
    assert "<https://w3id.org/kruisverband/id/plan/nijmegen-2022>" in construct.output
    bad = run_cli("query", "SELECT ?x WHERE { ?x")
    assert bad.exit_code == 1 and "Malformed SPARQL" in bad.output
    wrong = run_cli("query", "@prioritaire-thema")
    assert wrong.exit_code == 1 and "@prioritaire-themas" in wrong.output


def test_query_from_file(run_cli, tmp_path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT DISTINCT ?id WHERE { ?p a ivp:SafetyPlan ; ivp:hasTheme [] ; "
                    "dcterms:identifier ?id } ORDER BY ?id", encoding="utf-8")  # fmt: skip
    out = run_cli("query", f"@{path}", "--format", "json")
    assert [r["id"] for r in json.loads(out.output)] == ["nijmegen-2022", "pijnacker-nootdorp-2023"]
