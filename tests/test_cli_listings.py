"""Listings a user shapes (--sort, --limit, --no-headers, ndjson) and the words and numbers
the commands print, on the real data (issue 15, items 2 and 4)."""

from __future__ import annotations

import doctest
import json
import re

import pytest

import graph.output

# every command that lists rows, with arguments that give at least two rows
LISTINGS = [
    ("plans",),
    ("stats",),
    ("themes",),
    ("partners", "--plan", "nijmegen-2022"),
    ("crosslinks",),
    ("query", "@begrotingstotalen"),
    ("query", "--list"),
    ("analyze", "central", "--plan", "nijmegen-2022"),
    ("analyze", "overlap", "--plan", "nijmegen-2022"),
    ("analyze", "communities", "--plan", "nijmegen-2022"),
    ("analyze", "brokers", "--plan", "nijmegen-2022"),
    ("analyze", "gaps"),
    ("compare", "nijmegen-2022", "pijnacker-nootdorp-2023"),
]


def rows_of(run_cli, *args: str) -> list[dict]:
    out = run_cli(*args, "--format", "json")
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def first_column(rows: list[dict]) -> str:
    return next(iter(rows[0]))


def casefolded(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


# --- item 4: words and numbers ---------------------------------------------------------------


def test_gaps_count_in_agreement_with_the_number(run_cli) -> None:
    out = run_cli("analyze", "gaps").output
    reading = out.split("\n\n", 1)[0]
    assert (
        "nijmegen-2022: 2 of 8 priorities without partners; 6 of 8 priorities without "
        "ambitions; 7 partners in no theme." in reading
    )
    assert "pijnacker-nootdorp-2023: 13 partners in no theme; no budget table." in reading
    assert not re.search(r"\b(?:[02-9]|\d\d+) (?:partner|priority|budget line) ", reading)


def test_readings_say_one_partner_not_one_partners(run_cli) -> None:
    out = run_cli("analyze", "communities", "--plan", "nijmegen-2022").output
    assert "openbare-orde with 1 partner, mostly" in out
    assert not re.search(r"\b1 partners\b", out)
    central = run_cli("analyze", "central").output
    assert "16 partners are named by both plans: " in central


def test_validate_counts_one_problem_as_one_problem(run_cli, project_copy) -> None:
    plan = project_copy.data_dir / "plans" / "pijnacker-nootdorp-2023.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("- partner: politie\n", "- partner: politi\n", 1), "utf-8")
    out = run_cli("validate", settings=project_copy)
    assert out.exit_code == 1
    assert out.output.splitlines()[-1] == "1 problem found."


@pytest.mark.parametrize("module", [graph.output])
def test_docstring_examples_hold(module) -> None:
    failed, tried = doctest.testmod(module)
    assert tried and not failed
