"""The named queries answer the researchers' questions; answers checked against the plan texts."""

from __future__ import annotations

import re

import pytest

from graph.config import Settings
from graph.queries import named_queries
from graph.sparql import QueryError, for_plans, query_text, run
from graph.store import open_store

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"


@pytest.fixture(scope="module")
def answer(built: Settings):
    store = open_store(built)

    def ask(name: str) -> list[dict]:
        result = run(store, query_text("@" + name, built), built)
        assert result.kind == "select"
        return result.rows

    return ask


@pytest.mark.parametrize("query", named_queries(), ids=lambda q: q.name)
def test_every_named_query_is_documented_and_answers(answer, query) -> None:
    assert query.title and query.title != query.name
    assert len(query.description) > 20
    assert answer(query.name), f"@{query.name} returned no rows"


def rows_as_set(rows: list[dict]) -> list[tuple]:
    """Rows comparable whatever their order, and whatever order GROUP_CONCAT joined in."""

    def value(v: object) -> str:
        return " | ".join(sorted(re.split(r", | \| ", str(v))))

    return sorted(tuple(sorted((k, value(v)) for k, v in r.items())) for r in rows)


@pytest.mark.parametrize("query", named_queries(), ids=lambda q: q.name)
def test_a_named_query_for_one_plan_gives_that_plans_rows(built: Settings, query) -> None:
    """`ivp query @name --plan P` starts from P (VALUES ?plan first in the WHERE clause) and
    answers the rows of P the whole answer holds; where ?plan is optional (a VNG core theme
    with or without the plans that cover it), every row is P's and P's rows are among them."""
    store = open_store(built)
    text = query_text("@" + query.name, built)
    every = run(store, text, built).rows
    for plans in ([NIJMEGEN], [PN], [NIJMEGEN, PN]):
        scoped = run(store, for_plans(text, plans), built).rows
        theirs = [r for r in every if r["plan"] in plans]
        if all(r["plan"] is not None for r in every):
            assert rows_as_set(scoped) == rows_as_set(theirs)
        else:
            assert {r["plan"] for r in scoped} <= set(plans)
            assert set(rows_as_set(theirs)) <= set(rows_as_set(scoped))


def test_only_a_select_with_a_plan_column_can_be_scoped() -> None:
    for text in (
        "SELECT ?t WHERE { ?t a ivp:Theme }",
        "CONSTRUCT { ?plan a ivp:SafetyPlan } WHERE { ?plan a ivp:SafetyPlan }",
        "SELECT ?plan WHERE { ?p dcterms:identifier ?id BIND(STR(?id) AS ?plan) }",
        "SELECT ?t WHERE { ?t a ivp:Theme } # ?plan only in a comment",
    ):
        with pytest.raises(QueryError, match="plan"):
            for_plans(text, [NIJMEGEN])
    scoped = for_plans("SELECT * WHERE { ?p dcterms:identifier ?plan }", ['a"b'])
    assert 'VALUES ?plan { "a\\"b" }' in scoped  # the id as a SPARQL string, escaped


def test_which_themes_each_plan_prioritises(answer) -> None:
    rows = answer("prioritaire-themas")
    # Nijmegen: "Onderstaande thema's ... met prioriteit (thema's 1 t/m 8)"
    assert sorted(r["number"] for r in rows if r["plan"] == NIJMEGEN) == list(range(1, 9))
    # Pijnacker-Nootdorp: the four priorities of the besluit (a-d)
    pn = [r["theme"] for r in rows if r["plan"] == PN]
    assert len(pn) == 4
    assert any("ondermijn" in t.lower() for t in pn)
    assert any("digitale criminaliteit" in t.lower() for t in pn)
    # the label corrects the source's "Ondernijning"
    assert "Ondermijning" in {r["theme"] for r in rows if r["plan"] == NIJMEGEN}


def test_pillars_under_nijmegen_zorg_en_veiligheid(answer) -> None:
    rows = [r for r in answer("pijlers") if r["plan"] == NIJMEGEN and "Zorg" in r["theme"]]
    assert [r["number"] for r in rows] == [1, 2, 3]
    assert rows[0]["pillar"].startswith("Preventie en vroeginterventie")
    assert rows[1]["pillar"].startswith("Maatwerk voor individu en wijk")
    assert "samenwerking" in rows[2]["pillar"]


def test_partners_of_pijnacker_nootdorp_also_in_nijmegen(answer) -> None:
    rows = {r["partner"]: r for r in answer("gedeelde-partners") if r["plan"] == PN}
    for shared in ("politie", "openbaar-ministerie", "jongerenwerk", "inwoners"):
        assert NIJMEGEN in rows[shared]["also_in"], shared
    # housing association Staedion is named only in Pijnacker-Nootdorp's stakeholder list
    staedion = [r for p, r in rows.items() if "staedion" in p]
    assert staedion and not staedion[0]["also_in"]


def test_kruisverbanden_stated_and_where(answer) -> None:
    rows = answer("kruisverbanden")
    nijmegen = [r for r in rows if r["plan"] == NIJMEGEN]
    assert any(
        r["from"] == "Digitale criminaliteit"
        and r["to"].startswith("Jonge aanwas")
        and "Hier ligt een kruisverband" in r["quote"]
        for r in nijmegen
    )
    pn = [r for r in rows if r["plan"] == PN]
    assert any(r["kind"] == "Valt onder" and "radicalisering" in r["quote"] for r in pn)
    assert {r["plan"] for r in rows} == {NIJMEGEN, PN}


def test_vng_core_themes_per_priority(answer) -> None:
    rows = [r for r in answer("vng-kernthemas-per-prioriteit") if r["plan"] == PN]
    stated = {
        (r["priority"].lower(), r["notation"], r["match"]) for r in rows if r["basis"] == "stated"
    }
    # "'Zorg en veiligheid' valt onder sub-thema 1.1 Sociale kwaliteit."
    assert any("zorg en veiligheid" in p and n == "1.1" and m == "broadMatch" for p, n, m in stated)
    # "... ondermijnende criminaliteit' kan worden geschaard onder het thema 5.2"
    assert any("ondermijn" in p and n == "5.2" and m == "broadMatch" for p, n, m in stated)


def test_budget_for_veilige_wijken_in_2024(answer) -> None:
    rows = [
        r for r in answer("begroting-per-thema") if r["plan"] == NIJMEGEN and r["year"] == "2024"
    ]
    by_themes = {(r["themes"], r["line"]): r["amount_eur"] for r in rows}
    # "9. Veilige wijken 241 582 584 585 585" (bedragen x 1000 €)
    assert by_themes[("Veilige wijken", "Veilige wijken")] == 584000
    # "3. Intelligence 143 129 129 30 30" serves "(Alle thema's)": counted once, as all themes
    assert by_themes[("(alle thema's)", "Intelligence")] == 129000
    assert [t for t, line in by_themes if line == "Intelligence"] == ["(alle thema's)"]


def test_budget_rows_add_up_to_the_printed_lines(answer) -> None:
    """Per-theme rows plus all-theme rows equal the nine printed lines, every year."""
    # the table as printed (bedragen x 1000 €), lines 1-9, read off the source text
    printed = {
        2022: [848, 14736, 143, -71, 325, 217, 262, 5, 241],
        2023: [570, 15407, 129, -71, 58, 100, 276, 5, 582],
        2024: [570, 15407, 129, -71, 63, 100, 276, 5, 584],
        2025: [374, 15407, 30, -71, 166, 100, 276, 5, 585],
        2026: [374, 15407, 30, -71, 166, 100, 276, 5, 585],
    }
    rows = [r for r in answer("begroting-per-thema") if r["plan"] == NIJMEGEN]
    for year, amounts in printed.items():
        total = sum(r["amount_eur"] for r in rows if r["year"] == str(year))
        assert total == 1000 * sum(amounts), year
    assert sum(printed[2022]) == 16706  # issue 11: the rows summed to 18,128 before


def test_nijmegen_budget_does_not_add_up(answer) -> None:
    rows = [r for r in answer("begrotingstotalen") if r["plan"] == NIJMEGEN]
    assert [r["year"] for r in rows] == ["2022", "2023", "2024", "2025", "2026"]
    assert rows[0]["printed_total"] == 16848000
    # the printed TOTAAL exceeds the sum of the nine lines by 2 x 71 (x 1000 €) every year
    assert {r["difference"] for r in rows} == {142000}


def test_police_figures_with_missing_values(answer) -> None:
    rows = [r for r in answer("politiecijfers") if r["plan"] == PN]
    total = {r["period"]: r["value"] for r in rows if r["indicator"] == "Totaal misdrijven"}
    assert total == {"2017": 1674, "2018": 1432, "2019": 1643, "2020": 1763, "2021": 1596,
                     "2022": 1641}  # fmt: skip
    confused = {r["period"]: r for r in rows if "verward" in r["indicator"].lower()}
    assert confused["2017"]["missing"] == "1." and confused["2017"]["value"] is None
    assert confused["2022"]["value"] == 152


def test_curators_notes_record_contradictions(answer) -> None:
    kinds = {(r["plan"], r["kind"]) for r in answer("notities")}
    assert (NIJMEGEN, "Tegenstrijdigheid") in kinds
    assert (PN, "Tegenstrijdigheid") in kinds


def readme_table() -> str:
    """The README's named-query table as the query files give it, in both languages."""
    lines = ["| query | wat het beantwoordt | what it answers |", "| --- | --- | --- |"]
    for q in named_queries():
        nl, en = (": ".join(q.words(lang)) for lang in ("nl", "en"))
        lines.append(f"| `@{q.name}` | {nl} | {en} |")
    return "\n".join(lines) + "\n"


def test_every_named_query_has_dutch_and_english_words() -> None:
    """Issue 13: descriptions were English under Dutch titles; now Dutch, English beside."""
    for q in named_queries():
        assert q.title_en and q.description_en and q.description != q.description_en, q.name
        assert q.words("nl") == (q.title, q.description)
        assert q.words("en") == (q.title_en, q.description_en)


def test_readme_lists_the_named_queries_as_their_files_describe_them() -> None:
    from graph.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "README's named-query table; regenerate:\n" + readme_table()


def test_query_list_is_dutch_by_default_english_with_lang_en(run_cli) -> None:
    import json

    dutch = json.loads(run_cli("query", "--list", "--format", "json").output)
    english = json.loads(run_cli("--lang", "en", "query", "--list", "--format", "json").output)
    by_name = {q.name: q for q in named_queries()}
    assert [r["name"] for r in dutch] == [r["name"] for r in english] == ["@" + q for q in by_name]
    for nl, en in zip(dutch, english, strict=True):
        q = by_name[nl["name"][1:]]
        assert (nl["title"], nl["description"]) == (q.title, q.description)
        assert (en["title"], en["description"]) == (q.title_en, q.description_en)
    table = run_cli("query", "--list").output
    assert "Welke thema's elk plan prioriteit geeft" in table
