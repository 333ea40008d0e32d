"""Listings a user shapes (--sort, --limit, --no-headers, ndjson) and the words and numbers
the commands print, on the real data (issue 15, items 2 and 4)."""

from __future__ import annotations

import csv
import doctest
import io
import json
import re

import pytest

import graph.analysis.brokers
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


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_speaks_ndjson_limits_and_sorts(run_cli, args: tuple[str, ...]) -> None:
    rows = rows_of(run_cli, *args)
    assert len(rows) >= 2
    ndjson = run_cli(*args, "--format", "ndjson")
    assert ndjson.exit_code == 0, ndjson.output
    lines = ndjson.output.splitlines()
    assert [json.loads(line) for line in lines] == rows  # one object a line, same order
    assert all(line.startswith("{") and "\n" not in line for line in lines)

    field = first_column(rows)
    limited = rows_of(run_cli, *args, "--sort", f"-{field}", "--limit", "2")
    present = [r for r in rows if r[field] not in (None, "")]
    expected = sorted(present, key=lambda r: casefolded(r[field]), reverse=True)[:2]
    assert limited == expected

    table = run_cli(*args, "--limit", "1", "--no-headers", "--format", "tsv")
    assert table.exit_code == 0
    assert len(table.output.splitlines()) == 1
    assert table.output.split("\t")[0] == str(rows[0][field])


def test_numbers_sort_as_numbers_and_descending_with_a_minus(run_cli) -> None:
    counts = [r["count"] for r in rows_of(run_cli, "stats", "--sort", "count")]
    assert counts == sorted(counts) and max(counts) >= 100  # as text, "356" < "67"
    down = [r["count"] for r in rows_of(run_cli, "stats", "--sort", "-count")]
    assert down == sorted(counts, reverse=True)


def test_empty_values_sort_last_either_way(run_cli) -> None:
    up = [r["number"] for r in rows_of(run_cli, "themes", "--sort", "number")]
    down = [r["number"] for r in rows_of(run_cli, "themes", "--sort", "-number")]
    for numbers, reverse in ((up, False), (down, True)):
        present = [n for n in numbers if n is not None]
        assert numbers[len(present) :] == [None] * (len(numbers) - len(present)) != []
        assert present == sorted(present, reverse=reverse)


def test_text_sorts_without_regard_to_case_and_ties_keep_their_order(run_cli) -> None:
    rows = rows_of(run_cli, "partners", "--sort", "label")
    labels = [r["label"] for r in rows]
    assert labels == sorted(labels, key=str.casefold)
    assert labels != sorted(labels)  # 'boa' and "Gemeentelijke ..." differ in case
    default = rows_of(run_cli, "partners")
    by_kind = rows_of(run_cli, "partners", "--sort", "kind")
    for kind in {r["kind"] for r in default}:  # stable: within a kind, the default order
        assert [r["id"] for r in by_kind if r["kind"] == kind] == [
            r["id"] for r in default if r["kind"] == kind
        ]


def test_several_sort_fields_apply_first_one_first(run_cli) -> None:
    rows = rows_of(run_cli, "themes", "--sort", "plan", "--sort", "-partners")
    keys = [(r["plan"], -r["partners"]) for r in rows]
    assert keys == sorted(keys)


def test_limit_cuts_after_sorting(run_cli) -> None:
    everything = rows_of(run_cli, "partners", "--sort", "-themes")
    top = rows_of(run_cli, "partners", "--sort", "-themes", "--limit", "3")
    assert top == everything[:3]
    assert rows_of(run_cli, "partners", "--limit", "3") == rows_of(run_cli, "partners")[:3]


def test_an_unknown_sort_field_is_a_usage_error_that_lists_the_fields(run_cli) -> None:
    out = run_cli("themes", "--sort", "partner")
    assert out.exit_code == 2
    assert "Invalid value for '--sort'" in out.output
    assert "no field 'partner'" in out.output and "did you mean partners?" in out.output
    assert "plan, id, number, label, status, section, pillars" in out.output
    assert "Traceback" not in out.output
    out = run_cli("analyze", "gaps", "--sort", "-kind")
    assert out.exit_code == 2 and "plan, gap, id, label, detail" in out.output


def test_no_headers_drops_the_header_line_of_tables_csv_and_tsv(run_cli) -> None:
    rows = rows_of(run_cli, "plans")
    with_headers = run_cli("plans").output.splitlines()
    bare = run_cli("plans", "--no-headers").output.splitlines()
    assert with_headers[0].startswith("id ") and set(with_headers[1]) <= {"-", " "}
    assert len(bare) == len(rows) and bare[0].startswith("nijmegen-2022 ")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = run_cli("plans", "--no-headers", "--format", fmt).output
        read = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert [r[0] for r in read] == [r["id"] for r in rows]


def test_analyses_keep_their_reading_when_shaped_and_drop_it_without_headers(run_cli) -> None:
    args = ("analyze", "brokers", "--plan", "nijmegen-2022")
    shaped = run_cli(*args, "--sort", "partner", "--limit", "2")
    assert shaped.output.startswith("In nijmegen-2022 verbindt Gemeente Nijmegen")  # all rows
    table = shaped.output.split("\n\n", 1)[1].splitlines()
    first = sorted((r["partner"] for r in rows_of(run_cli, *args)), key=str.casefold)[:2]
    assert table[0].startswith("partner ") and len(table) == 4
    assert [line.split()[0] for line in table[2:]] == first
    bare = run_cli(*args, "--no-headers", "--limit", "2")
    assert len(bare.output.splitlines()) == 2 and bare.output.startswith("gemeente-nijmegen ")


def test_central_top_ranks_before_sort_limit_after(run_cli) -> None:
    args = ("analyze", "central", "--plan", "nijmegen-2022")
    ranked = rows_of(run_cli, *args)
    top = rows_of(run_cli, *args, "--top", "3", "--sort", "label")
    assert {r["partner"] for r in top} == {r["partner"] for r in ranked[:3]}
    assert [r["label"] for r in top] == sorted((r["label"] for r in top), key=str.casefold)
    limited = rows_of(run_cli, *args, "--sort", "label", "--limit", "3")
    labels = sorted((r["label"] for r in ranked), key=str.casefold)[:3]
    assert [r["label"] for r in limited] == labels


def test_no_rows_in_ndjson_print_nothing(run_cli) -> None:
    out = run_cli("query", "SELECT ?x WHERE { FILTER(false) }", "--format", "ndjson")
    assert out.exit_code == 0 and out.output == ""
    table = run_cli("query", "SELECT ?x WHERE { FILTER(false) }")
    assert table.output.strip() == "(geen rijen)"
    table = run_cli("--lang", "en", "query", "SELECT ?x WHERE { FILTER(false) }")
    assert table.output.strip() == "(no rows)"


def test_query_shapes_select_rows_only(run_cli) -> None:
    out = run_cli(
        "query", "@begrotingstotalen", "--sort", "-year", "--limit", "2", "--format", "csv"
    )
    assert out.output.splitlines() == [
        "plan,year,printed_total,sum_of_lines,difference",
        "nijmegen-2022,2026,17014000,16872000,142000",
        "nijmegen-2022,2025,17014000,16872000,142000",
    ]
    ask = run_cli("query", "ASK { ?s ?p ?o }", "--limit", "1")
    assert ask.exit_code == 2 and "shape the rows of a SELECT" in ask.output
    construct = "CONSTRUCT { ?s a ivp:Theme } WHERE { ?s a ivp:Theme }"
    graph = run_cli("query", construct, "--sort", "s")
    assert graph.exit_code == 2 and "RDF" in graph.output


# --- item 4: words and numbers ---------------------------------------------------------------


def test_gaps_count_in_agreement_with_the_number(run_cli) -> None:
    dutch = run_cli("analyze", "gaps").output.split("\n\n", 1)[0]
    assert (
        "nijmegen-2022: 2 van de 8 prioriteiten zonder partners; 6 van de 8 prioriteiten zonder "
        "ambities; 3 van de 8 prioriteiten zonder begroting; 7 partners in geen thema." in dutch
    )
    assert "pijnacker-nootdorp-2023: 14 partners in geen thema; geen begrotingstabel." in dutch
    assert not re.search(r"\b(?:[02-9]|\d\d+) (?:prioriteit|begrotingsregel) ", dutch)
    out = run_cli("--lang", "en", "analyze", "gaps").output
    reading = out.split("\n\n", 1)[0]
    assert (
        "nijmegen-2022: 2 of 8 priorities without partners; 6 of 8 priorities without "
        "ambitions; 3 of 8 priorities without budget; 7 partners in no theme." in reading
    )
    # 14: the politie-eenheid Den Haag of section 1.2 is named outside the themes (issue 11)
    assert "pijnacker-nootdorp-2023: 14 partners in no theme; no budget table." in reading
    # discriminatie, polarisatie and straatintimidatie have only "3. Intelligence (Alle thema's)"
    gaps = json.loads(run_cli("analyze", "gaps", "--format", "json").output)
    unfunded = {g["id"] for g in gaps if g["gap"] == "priority without budget"}
    assert unfunded == {"discriminatie", "polarisatie", "straatintimidatie"}
    assert not re.search(r"\b(?:[02-9]|\d\d+) (?:partner|priority|budget line) ", reading)


def test_readings_say_one_partner_not_one_partners(run_cli) -> None:
    out = run_cli("analyze", "communities", "--plan", "nijmegen-2022").output
    assert "openbare-orde met 1 partner, vooral" in out
    assert not re.search(r"\b1 partners\b", out)
    central = run_cli("analyze", "central").output
    assert "16 partners worden genoemd door beide plannen: " in central
    out = run_cli("--lang", "en", "analyze", "communities", "--plan", "nijmegen-2022").output
    assert "openbare-orde with 1 partner, mostly" in out
    assert not re.search(r"\b1 partners\b", out)
    central = run_cli("--lang", "en", "analyze", "central").output
    assert "16 partners are named by both plans: " in central


def test_brokers_print_scores_at_one_precision_and_json_keeps_the_numbers(run_cli) -> None:
    args = ("analyze", "brokers", "--plan", "nijmegen-2022")
    rows = {r["partner"]: r for r in rows_of(run_cli, *args)}
    assert rows["scholen"]["participation"] == 0.82  # a number in JSON, as computed
    assert "veiligheid 10.33, sociaal 7.33, economie 6," in rows["gemeente-nijmegen"]["connects"]
    weights = re.findall(r" (\d+(?:\.\d+)?)", ", ".join(r["connects"] for r in rows.values()))
    assert weights and all(len(w.partition(".")[2]) <= 2 for w in weights)

    lines = run_cli(*args, "--no-headers").output.splitlines()
    table = [line.split("  ") for line in lines]
    for partner in ("gemeente-nijmegen", "scholen"):
        line = next(line for line in lines if line.startswith(partner + " "))
        assert f" {rows[partner]['participation']:.4f} " in line
    scores = [w for cells in table for w in cells if re.fullmatch(r" *\d\.\d+", w)]
    assert scores and {len(s.strip()) for s in scores} == {6}  # every score as 0.dddd
    assert " 0.8200 " in next(line for line in lines if line.startswith("scholen "))


def test_table_floats_align_per_column_csv_keeps_them_whole(run_cli) -> None:
    args = ("analyze", "overlap", "--plan", "nijmegen-2022", "--limit", "2")
    first, second = run_cli(*args, "--no-headers").output.splitlines()
    assert " 0.4286  1.0000 " in first  # jaccard, overlap: 1 at its column's precision
    assert " 0.2778  0.4545 " in second
    csv_out = run_cli(*args, "--format", "csv")
    assert ",0.4286,1.0," in csv_out.output


def test_stats_says_the_safety_plan_count_includes_the_predecessor(run_cli) -> None:
    rows = rows_of(run_cli, "stats", "--plan", "nijmegen-2022")
    plan = next(r for r in rows if r["class"] == "SafetyPlan")
    assert plan["count"] == 2
    assert plan["note"] == "this plan and the plan it replaces (nijmegen-2018)"
    assert all(r["note"] is None for r in rows if r is not plan)
    table = run_cli("stats").output
    # the column widths follow the longest class name; the note sits on the count's row
    assert re.search(r"SafetyPlan +2  this plan and the plan it replaces \(nijmegen-2018\)", table)
    assert "this plan and the plan it replaces (pijnacker-nootdorp-2018)" in table


def test_validate_counts_one_problem_as_one_problem(run_cli, project_copy) -> None:
    plan = project_copy.data_dir / "plans" / "pijnacker-nootdorp-2023.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("- partner: politie\n", "- partner: politi\n", 1), "utf-8")
    out = run_cli("validate", settings=project_copy)
    assert out.exit_code == 1
    assert out.output.splitlines()[-1] == "1 probleem gevonden."
    out = run_cli("--lang", "en", "validate", settings=project_copy)
    assert out.output.splitlines()[-1] == "1 problem found."


@pytest.mark.parametrize("module", [graph.output, graph.analysis.brokers])
def test_docstring_examples_hold(module) -> None:
    failed, tried = doctest.testmod(module)
    assert tried and not failed


def test_stats_and_plans_from_the_build_equal_the_store_and_a_written_store_is_counted_again(
    built, run_cli
) -> None:
    """`ivp stats` and `ivp plans` read what the build counted; it is what the store holds,
    and once `ivp serve --writable` may have written to the store, it is counted again."""
    from graph import dist
    from graph.catalog import Catalog
    from graph.store import open_store

    folder = dist.current(built.dist_dir)
    assert folder is not None and (folder / "cache" / dist.CLASS_COUNTS).is_file()
    store = open_store(built)
    counted = Catalog(store, built).class_counts()  # by SPARQL
    saved = Catalog(store, built, build=folder)
    assert saved._saved_class_counts(None) is not None
    assert saved._saved(dist.PLAN_ROWS) is not None
    assert saved.plans() == Catalog(store, built).plans() == saved.plans_in_store()
    assert saved.class_counts() == counted
    assert saved.class_counts("nijmegen-2022") == Catalog(store, built).class_counts(
        "nijmegen-2022"
    )
    assert rows_of(run_cli, "stats") == json.loads(json.dumps(counted))
    (folder / dist.WRITTEN).touch()
    try:
        assert saved._saved_class_counts(None) is None
        assert saved._saved(dist.PLAN_ROWS) is None
    finally:
        (folder / dist.WRITTEN).unlink()
