"""Every problem points at the line of the field that is wrong, not at the entity it sits in.

Each case breaks one line of a real copy of the shipped data and expects exactly that line
back. Before, a bad value on line 358 or 365 of the Nijmegen plan was reported at 357 (the
theme's `- id:` line), and a YAML syntax error on 359 at 360 or later.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_validate import problems_of

from graph.config import Settings

NIJMEGEN = "plans/nijmegen-2022.yaml"
PN = "plans/pijnacker-nootdorp-2023.yaml"
PARTNERS = "registry/partners.yaml"


def break_line(path: Path, anchor: str, pattern: str, replacement: str) -> int:
    """Replace `pattern` on the first line matching it at or after the line matching `anchor`;
    return that line's 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.search(anchor, line))
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]):
            lines[i] = re.sub(pattern, replacement, lines[i], count=1)
            path.write_text("".join(lines), encoding="utf-8")
            return i + 1
    raise AssertionError(f"no line matches {pattern!r} after {anchor!r} in {path}")


THEME = r"- id: discriminatie$"  # the first theme of the Nijmegen plan, on line 372
CASES = {
    # name: (file, anchor, pattern, replacement, check, words in the message)
    "number not whole": (NIJMEGEN, THEME, r"number: 1$", "number: een", "schema", "'number'"),
    "status not in vocabulary": (
        NIJMEGEN, THEME, r"status: priority", "status: prioriteit", "reference", "prioriteit",
    ),
    "unknown key": (
        NIJMEGEN, THEME, r"body_missing:", "body_mising:", "schema", "'body_mising'",
    ),
    "made-up quote": (
        NIJMEGEN, THEME, r'quote: "1\. Aanpak van discriminatie"', 'quote: "Verzonnen."',
        "quote", "Verzonnen.",
    ),
    "entity's own section unknown": (
        NIJMEGEN, THEME, r"section: thema-1$", "section: thema-99", "reference", "'thema-99'",
    ),
    "core theme match": (
        NIJMEGEN, THEME, r"match: related", "match: sortof", "schema", "'sortof'",
    ),
    "unknown role": (
        NIJMEGEN, r"^partners:", r"roles: \[regie,", "roles: [regi,", "reference", "'regi'",
    ),
    "mistyped amount": (
        NIJMEGEN, r"- id: brandweerzorg", r"2022: 14736", "2022: 14763", "value", "14763",
    ),
    "indicator unit": (
        PN, r"- id: totaal-misdrijven", r"unit: count", "unit: stuks", "schema", "'unit'",
    ),
    "indicator measured by": (
        PN, r"- id: totaal-misdrijven", r"measured_by: politie", "measured_by: polite",
        "reference", "'polite'",
    ),
    "list item not a mapping": (
        PN, r"- id: totaal-misdrijven", r'- \{period: "2018", value: 1432\}', "- 1432", "schema",
        "elke observation moet een mapping zijn",
    ),
    "shape of a value": (
        PARTNERS, r"^- id: gemeente-nijmegen", r"gemeente/gm0268", "gemeente/gm268", "shacl",
        "owl:sameAs",
    ),
    "shape that follows a rejected value": (
        NIJMEGEN, THEME, r"status: priority", "status: prioriteit", "shacl", "ivp:status",
    ),
    "registry domain": (
        PARTNERS, r"^- id:", r"domains: \[bestuur\]", "domains: [bestur]", "reference",
        "'bestur'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_bad_field_is_reported_on_its_own_line(project_copy: Settings, case: str) -> None:
    file, anchor, pattern, replacement, check, words = CASES[case]
    line = break_line(project_copy.data_dir / file, anchor, pattern, replacement)
    # (SHACL may add what follows from the rejected value, such as a missing ivp:status)
    problems = [p for p in problems_of(project_copy) if p.check == check]
    assert [(p.file, p.line) for p in problems] == [(f"data/{file}", line)], problems
    assert words in problems[0].message


@pytest.mark.parametrize(
    ("replacement", "words"),
    [
        ('label: "Aanpak van discriminatie', "niet gesloten?"),  # swallows lines up to the next "
        ("label: [Aanpak van discriminatie", "flow sequence"),  # noticed on the next line
    ],
    ids=["unclosed quote", "unclosed bracket"],
)
def test_a_yaml_syntax_error_is_reported_where_it_is(
    project_copy: Settings, replacement: str, words: str
) -> None:
    plan = project_copy.data_dir / NIJMEGEN
    line = break_line(plan, THEME, r"^ *label: Aanpak van discriminatie$", replacement)
    assert line > 1  # the line break_line changed, wherever curation has moved it
    problems = problems_of(project_copy)
    assert [(p.line, p.check) for p in problems] == [(line, "syntax")], problems
    assert words in problems[0].message
