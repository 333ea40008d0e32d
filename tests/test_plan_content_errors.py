"""Bad topics, set links, documents, placements, all-theme lines and close VNG mappings are named
by file and line.

One copy of the real data is broken in six places at once and validated once (a validation
costs seconds on a shared machine); each break must come back on its own line, with a message
that says what is wrong.
"""

from __future__ import annotations

from test_problem_lines import break_line
from test_validate import problems_of

from graph.config import Settings

NIJMEGEN, PN = "plans/nijmegen-2022.yaml", "plans/pijnacker-nootdorp-2023.yaml"


def test_each_break_is_reported_on_its_line(project_copy: Settings) -> None:
    nij, pn = project_copy.data_dir / NIJMEGEN, project_copy.data_dir / PN
    breaks = {
        # a set link naming a theme the plan does not have
        "set link": (
            pn,
            break_line(pn, r"^set_links:", r"themes: \[ondermijning,", "themes: [ondermijnin,"),
            "onbekende thema-id 'ondermijnin'",
        ),
        # a document of a kind the vocabulary does not know
        "document kind": (
            nij,
            break_line(nij, r"^documents:", r"kind: bestuursakkoord", "kind: akkoord"),
            "'akkoord' staat niet in het vocabulaire 'documentsoort'",
        ),
        # a line for all themes that lists themes as well (counted twice before)
        "all themes": (
            nij,
            break_line(
                nij,
                r"- id: intelligence",
                r"all_themes: \{section: toelichting.intelligence, quote: \"\(Alle thema's\)\"\}",
                "all_themes: true\n      themes: [{theme: ondermijning, section: toelichting, "
                'quote: "Toelichting"}]',
            )
            + 1,
            "names no 'themes'",
        ),
        # a theme placed elsewhere that does not say where
        "placement": (
            pn,
            break_line(
                pn, r"- id: verkeersveiligheid", r"with: de afdelingen", "where: de afdelingen"
            ),
            "onbekende sleutel 'where' in placed_elsewhere",
        ),
        # a VNG mapping of kind 'close', which rule 8 of data/README.md does not use
        "close match": (
            nij,
            break_line(nij, r"^    core_themes:", r"match: related", "match: close"),
            "'close' is not used",
        ),
        # a topic with a quote that is not in the text
        "topic quote": (
            pn,
            break_line(
                pn, r"- id: woonoverlast", r'quote: \["Woonoverlast"', 'quote: ["Woonoverlastt"'
            ),
            "niet gevonden",
        ),
    }
    problems = problems_of(project_copy)
    for name, (path, line, words) in breaks.items():
        file = f"data/{path.parent.name}/{path.name}"
        found = [p for p in problems if p.file == file and p.line == line]
        assert any(words in p.message for p in found), (name, line, problems)
