"""A broken partner type, scope, area, membership or place is reported on its own line, with
what is wrong (issue 11, part A). Each case breaks one line of a real copy of the data."""

from __future__ import annotations

import pytest
from test_problem_lines import break_line
from test_validate import problems_of

from graph.config import Settings

PARTNERS = "registry/partners.yaml"
PN = "plans/pijnacker-nootdorp-2023.yaml"
NIJMEGEN = "plans/nijmegen-2022.yaml"
RIEC = r"^- id: riec-den-haag$"
CASES = {
    # name: (file, anchor, pattern, replacement, check, words in the message)
    "unknown type": (PARTNERS, RIEC, r"type: riec$", "type: riek", "reference", "'riek'"),
    "unknown scope": (
        PARTNERS, RIEC, r"scope: regionaal$", "scope: provinciaal", "reference", "'provinciaal'",
    ),
    "unknown region": (
        PARTNERS, RIEC, r"region: RIEC Den Haag$", "region: RIEC Utrecht", "reference",
        "unknown region 'RIEC Utrecht'",
    ),
    "region of a local partner": (
        PARTNERS, r"^- id: rondom-wonen$", r"covers: \[GM1926\]$", "region: VR15", "schema",
        "'region' is for a partner with scope regionaal",
    ),
    "covered municipality unknown": (
        PARTNERS, r"^- id: rondom-wonen$", r"covers: \[GM1926\]$", "covers: [GM1927]",
        "reference", "'GM1927' is not a CBS municipality code",
    ),
    "member of an unknown partner": (
        PARTNERS, r"^- id: gemeente-nijmegen$", r"member_of: \[veiligheidsregio-gelderland-zuid\]",
        "member_of: [veiligheidsregio-gelderland]", "reference", "'veiligheidsregio-gelderland'",
    ),
    "unknown member in a plan": (
        PN, r"^memberships:", r"members: \[boa\]$", "members: [boaa]", "reference", "'boaa'",
    ),
    "unknown place kind": (
        PN, r"^places:", r"kind: kern$", "kind: dorp", "reference", "'dorp'",
    ),
    "scope of two things": (
        NIJMEGEN, r"^places:", r"- partner: briefingsoverleggen-nijmegen$",
        "- theme: jonge-aanwas\n        partner: briefingsoverleggen-nijmegen", "schema",
        "exactly one of 'partner' or 'theme'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_bad_partner_field_is_reported_on_its_own_line(project_copy: Settings, case: str) -> None:
    file, anchor, pattern, replacement, check, words = CASES[case]
    line = break_line(project_copy.data_dir / file, anchor, pattern, replacement)
    problems = [p for p in problems_of(project_copy) if p.check == check]
    assert [(p.file, p.line) for p in problems] == [(f"data/{file}", line)], problems
    assert words in problems[0].message


def test_a_partner_without_a_type_is_reported_at_its_entry(project_copy: Settings) -> None:
    line = break_line(project_copy.data_dir / PARTNERS, RIEC, r"^  type: riec\n$", "")
    problems = [p for p in problems_of(project_copy) if p.check == "schema"]
    assert [(p.file, p.line, p.entity) for p in problems] == [
        (f"data/{PARTNERS}", line - 4, "riec-den-haag")  # the entry's `- id:` line
    ], problems
    assert "'type' is verplicht" in problems[0].message
