"""The analyses on the real curated plans, spot-checked against values counted independently:
straight from the YAML files, or with a direct SPARQL query on the store; never copied from
the output."""

from __future__ import annotations

import csv
import io
import json
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from graph import network
from graph.analysis.central import central
from graph.analysis.compare import compare
from graph.analysis.gaps import gaps
from graph.analysis.overlap import overlap
from graph.config import PROJECT_ROOT
from graph.store import open_store, select

PLAN_FILES = sorted((PROJECT_ROOT / "data" / "plans").glob("*.yaml"))
PLANS = [p.stem for p in PLAN_FILES]


def plan_yaml(plan: str) -> dict:
    return yaml.safe_load((PROJECT_ROOT / "data" / "plans" / f"{plan}.yaml").read_text("utf-8"))


def theme_partners(doc: dict) -> dict[str, set[str]]:
    """Theme id -> partner ids named under the theme or under one of its actions.

    A theme the plan places elsewhere (status 'elsewhere') is not one the analyses count.
    """
    out = {}
    for theme in doc.get("themes") or []:
        if theme.get("status") == "elsewhere":
            continue
        ids = {p["partner"] for p in theme.get("partners") or []}
        for action in theme.get("actions") or []:
            ids |= {p["partner"] for p in action.get("partners") or []}
        out[theme["id"]] = ids
    return out


def named_partners(doc: dict) -> set[str]:
    return set().union(
        *theme_partners(doc).values(), {p["partner"] for p in doc.get("partners") or []}
    )


@pytest.fixture(scope="module")
def data(built) -> network.PlanData:
    return network.load(open_store(built), built)


@pytest.mark.parametrize("plan", PLANS)
def test_central_counts_match_the_yaml(data, plan: str) -> None:
    per_theme = theme_partners(plan_yaml(plan))
    rows = {r["partner"]: r for r in central(data, plan).rows}
    assert set(rows) == named_partners(plan_yaml(plan))
    for partner, row in rows.items():
        expected = sorted(t for t, ids in per_theme.items() if partner in ids)
        assert row["themes"] == len(expected), partner
        assert row["of_themes"] == len(per_theme)
        assert row["degree"] == round(len(expected) / len(per_theme), 4)
        assert sorted(row["via_themes"].split(", ")) == sorted(expected) or not expected


@pytest.mark.parametrize("plan", PLANS)
def test_most_central_partner_agrees_with_a_direct_sparql_count(built, data, plan: str) -> None:
    counts = select(
        open_store(built),
        f"""SELECT ?id (COUNT(DISTINCT ?t) AS ?n) WHERE {{
             ?p ivp:hasTheme ?t ; dcterms:identifier "{plan}" . ?t ivp:involvesPartner ?x .
             ?x dcterms:identifier ?id }} GROUP BY ?id""",
        built,
    )
    rows = central(data, plan).rows
    if not counts:
        assert all(r["themes"] == 0 for r in rows)
        return
    best = max(c["n"] for c in counts)
    assert rows[0]["themes"] == best
    assert rows[0]["partner"] in {c["id"] for c in counts if c["n"] == best}


@pytest.mark.parametrize("plan", PLANS)
def test_overlap_pairs_match_the_yaml(data, plan: str) -> None:
    doc = plan_yaml(plan)
    per_theme = theme_partners(doc)
    stated = {frozenset((c["from"], c["to"])) for c in doc.get("crosslinks") or [] if "to" in c}
    rows = {frozenset((r["theme_a"], r["theme_b"])): r for r in overlap(data, plan).rows}
    for a, b in combinations(per_theme, 2):
        shared = per_theme[a] & per_theme[b]
        pair = frozenset((a, b))
        if not shared and pair not in stated:
            assert pair not in rows
            continue
        row = rows[pair]
        assert row["shared"] == len(shared)
        assert set(filter(None, row["shared_partners"].split(", "))) == shared
        union = per_theme[a] | per_theme[b]
        assert row["jaccard"] == round(len(shared) / len(union), 4)
        assert bool(row["stated"]) == (pair in stated)
        if pair in stated and not shared:
            assert row["finding"] == "stated, no shared partner"


@pytest.mark.parametrize("plan", PLANS)
def test_gaps_match_the_yaml(data, plan: str) -> None:
    doc = plan_yaml(plan)
    per_theme = theme_partners(doc)
    found = {(r["gap"], r["id"]) for r in gaps(data, plan).rows}
    priorities = [t for t in doc["themes"] if t.get("status") == "priority"]
    for t in priorities:
        assert (("priority without partners", t["id"]) in found) == (not per_theme[t["id"]])
        assert (("priority without ambitions", t["id"]) in found) == (not t.get("ambitions"))
        assert (("priority without VNG mapping", t["id"]) in found) == (not t.get("core_themes"))
    in_themes = set().union(*per_theme.values())
    for partner in named_partners(doc):
        assert (("partner in no theme", partner) in found) == (partner not in in_themes)
    lines = (doc.get("budget") or {}).get("lines") or []
    for line in lines:
        loose = not line.get("themes") and not line.get("all_themes")
        assert (("budget line without theme", line["id"]) in found) == loose
    assert (("plan without budget table", plan) in found) == (not lines)


@pytest.mark.skipif(len(PLANS) < 2, reason="needs two plans")
def test_compare_matches_the_yaml(data) -> None:
    p, q = PLANS[:2]
    docs = {x: plan_yaml(x) for x in (p, q)}
    cores = {
        x: {
            str(c["concept"])
            for t in docs[x]["themes"]
            for c in t.get("core_themes") or []
            if "." in str(c["concept"])
        }
        for x in (p, q)
    }
    rows = compare(data, [p, q]).rows
    coverage = {r["item"]: r["coverage"] for r in rows if r["aspect"] == "core theme"}
    assert {k for k, v in coverage.items() if v == "both"} == cores[p] & cores[q]
    assert {k for k, v in coverage.items() if v == f"only {p}"} == cores[p] - cores[q]
    named = {x: named_partners(docs[x]) for x in (p, q)}
    partners = {r["item"]: r["coverage"] for r in rows if r["aspect"] == "partner"}
    assert {k for k, v in partners.items() if v == "both"} == named[p] & named[q]
    score = {r["item"]: r["score"] for r in rows if r["aspect"] == "similarity"}
    union = cores[p] | cores[q]
    core_j = len(cores[p] & cores[q]) / len(union) if union else 0.0
    partner_j = len(named[p] & named[q]) / len(named[p] | named[q])
    assert score["core themes (Jaccard)"] == round(core_j, 4)
    assert score["partners (Jaccard)"] == round(partner_j, 4)
    assert score["overall"] == round((core_j + partner_j) / 2, 4)


def test_build_writes_the_analysis_graph_with_provenance(built) -> None:
    store = open_store(built)
    graph = f"{built.base}id/graaf/analyse"
    rows = select(
        store,
        f"""PREFIX ana: <{built.base}def/analyse#>
SELECT ?kind (COUNT(?r) AS ?n) WHERE {{ GRAPH <{graph}> {{
  ?r prov:wasGeneratedBy ?a ; a ?kind . ?a a ana:NetworkAnalysis ; ana:method [] }} }}
GROUP BY ?kind""",
        built,
    )
    kinds = {r["kind"].rsplit("#", 1)[-1] for r in rows}
    assert {"PartnerCentrality", "BrokerScore", "Gap"} <= kinds
    if len(PLANS) > 1:
        assert "PlanSimilarity" in kinds
    # the vocabulary is in the model graph, with Dutch and English labels
    unlabelled = select(
        store,
        f"""SELECT ?t WHERE {{ ?t rdfs:isDefinedBy <{built.base}def/analyse> .
  FILTER NOT EXISTS {{ ?t rdfs:label ?nl FILTER(LANG(?nl) = "nl") }}
  FILTER NOT EXISTS {{ ?t rdfs:label ?en FILTER(LANG(?en) = "en") }} }}""",
        built,
    )
    assert unlabelled == []


def test_scores_in_the_graph_equal_the_command(built, data, run_cli) -> None:
    plan = PLANS[-1]
    rows = json.loads(run_cli("analyze", "central", "--plan", plan, "--format", "json").output)
    stored = select(
        open_store(built),
        f"""PREFIX ana: <{built.base}def/analyse#>
SELECT ?id ?themes WHERE {{ ?r a ana:PartnerCentrality ; ana:about/dcterms:identifier ?id ;
  prov:wasGeneratedBy ?by ; ana:themeCount ?themes .
  ?by ana:scope <{built.base}id/plan/{plan}> .
  FILTER NOT EXISTS {{ ?by ana:scope ?other FILTER(?other != <{built.base}id/plan/{plan}>) }} }}""",
        built,
    )
    assert {r["id"]: r["themes"] for r in stored} == {r["partner"]: r["themes"] for r in rows}


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "central"),
        ("analyze", "overlap"),
        ("analyze", "communities"),
        ("analyze", "brokers"),
        ("analyze", "gaps"),
        ("compare", *PLANS[:2]),
    ],
)
def test_commands_in_every_format(run_cli, args: tuple[str, ...]) -> None:
    reference = json.loads(run_cli(*args, "--format", "json").output)
    again = json.loads(run_cli(*args, "--format", "json").output)
    assert reference == again  # deterministic
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").output)))
    assert len(rows) == len(reference)
    table = run_cli(*args)
    assert table.exit_code == 0
    assert table.output.strip()


def test_table_mode_reads_the_result_in_plain_words(run_cli) -> None:
    plan = PLANS[-1]
    out = run_cli("analyze", "central", "--plan", plan).output
    assert f"In {plan} is " in out and " thema's" in out
    out = run_cli("analyze", "overlap", "--plan", plan).output
    assert "themaparen delen minstens één partner" in out
    out = run_cli("--lang", "en", "analyze", "central", "--plan", plan).output
    assert f"In {plan}, " in out and " themes" in out
    out = run_cli("--lang", "en", "analyze", "overlap", "--plan", plan).output
    assert "theme pairs share at least one partner" in out


def test_wrong_plan_gets_close_matches(run_cli) -> None:
    out = run_cli("analyze", "central", "--plan", PLANS[0][:-1])
    assert out.exit_code == 1
    assert "Bedoelde u: " in out.output


def test_export_writes_a_file(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "net.gexf"
    out = run_cli("export", "--format", "gexf", "--output", str(target))
    assert out.exit_code == 0
    assert target.read_text("utf-8").startswith("<?xml")


@pytest.mark.parametrize("plan", PLANS)
def test_loading_one_plan_gives_that_plans_results(built, data, plan: str) -> None:
    from graph.analysis.brokers import brokers
    from graph.analysis.communities import communities

    scoped = network.load(open_store(built), built, [plan])
    assert list(scoped.plans) == [plan]
    assert set(scoped.partners) == scoped.partners_named(plan) == data.partners_named(plan)
    for run in (central, overlap, communities, brokers, gaps):
        mine, whole = run(scoped, plan), run(data, plan)
        assert (mine.rows, mine.reading) == (whole.rows, whole.reading)


def registry_types() -> dict[str, str]:
    """Partner id -> its partner type, read straight from the registry file."""
    entries = yaml.safe_load(
        (PROJECT_ROOT / "data" / "registry" / "partners.yaml").read_text("utf-8")
    )
    return {e["id"]: e["type"] for e in entries}


def test_central_by_type_matches_the_yaml(data) -> None:
    """Issue 11: the analyses gain a type level. Per partner type, the themes (of both plans)
    any of its partners works on, counted from the plan files and the registry."""
    from graph.analysis.types import central_types

    types = registry_types()
    reached: dict[str, set[tuple[str, str]]] = {}
    n_themes = 0
    for plan in PLANS:
        per_theme = theme_partners(plan_yaml(plan))
        n_themes += len(per_theme)
        for theme, ids in per_theme.items():
            for partner in ids:
                reached.setdefault(types[partner], set()).add((plan, theme))
    rows = {r["type"]: r for r in central_types(data).rows}
    for kind, themes in reached.items():
        assert rows[kind]["themes"] == len(themes), kind
        assert rows[kind]["of_themes"] == n_themes
    # same kind of partner, different organisation: each plan works with its own RIEC
    assert rows["riec"]["nijmegen-2022"] == "riec-oost-nederland"
    assert rows["riec"]["pijnacker-nootdorp-2023"] == "riec-den-haag"
    assert rows["woningcorporatie"]["pijnacker-nootdorp-2023"] == (
        "rondom-wonen, staedion, woningcorporaties"
    )


def test_partner_rows_name_their_type(data) -> None:
    """central and brokers carry each partner's type; communities count their types."""
    from graph.analysis.brokers import brokers
    from graph.analysis.communities import communities

    types = registry_types()
    for plan in PLANS:
        for row in central(data, plan).rows + brokers(data, plan).rows:
            assert row["type"] == types[row["partner"]], row["partner"]
        for row in communities(data, plan).rows:
            members = [p for p in row["partner_ids"].split(", ") if p]
            counted = sum(int(part.rsplit(" ", 1)[1]) for part in row["types"].split(", "))
            assert counted == len(members)


def test_cli_central_by_type(run_cli) -> None:
    out = run_cli("analyze", "central", "--by", "type", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = {r["type"]: r for r in json.loads(out.output)}
    assert rows["zorg-en-veiligheidshuis"]["partner_ids"] == (
        "zorg-en-veiligheidshuis-haaglanden, zorg-en-veiligheidshuis-nijmegen"
    )
    table = run_cli("analyze", "central", "--by", "type").output
    assert "named by every plan" in table and "through different organisations" in table


@pytest.mark.parametrize("plan", PLANS)
def test_plans_listing_counts_themes_as_the_analyses_do(data, run_cli, plan: str) -> None:
    """`ivp plans` counted Nijmegen's verkeersveiligheid (status elsewhere) as a 12th theme
    while every analysis counts 11; the listing now counts it apart, under `elsewhere`."""
    themes = plan_yaml(plan)["themes"]
    listing = json.loads(run_cli("plans", "--format", "json").output)
    row = next(r for r in listing if r["id"] == plan)
    assert row["themes"] == len(theme_partners(plan_yaml(plan)))
    assert row["themes"] == central(data, plan).rows[0]["of_themes"]
    assert row["elsewhere"] == sum(1 for t in themes if t.get("status") == "elsewhere")
    assert row["themes"] + row["elsewhere"] == len(themes)
    if plan == "nijmegen-2022":  # "thema's 1 t/m 8 ... 9 t/m 11. Verkeersveiligheid ... andere be-"
        assert (row["themes"], row["elsewhere"]) == (11, 1)


@pytest.mark.parametrize("plan", PLANS)
def test_overlap_names_the_partner_types_two_themes_share(data, plan: str) -> None:
    """Two themes can work with the same kind of partner through different organisations
    (two departments of the municipality): `shared_types` says so where `shared` is 0."""
    types = registry_types()
    per_theme = theme_partners(plan_yaml(plan))
    rows = overlap(data, plan).rows
    for r in rows:
        a = {types[p] for p in per_theme[r["theme_a"]]}
        b = {types[p] for p in per_theme[r["theme_b"]]}
        assert r["shared_types"] == ", ".join(sorted(a & b)), (r["theme_a"], r["theme_b"])
    if plan == "pijnacker-nootdorp-2023":
        pair = next(
            r
            for r in rows
            if {r["theme_a"], r["theme_b"]} == {"fysieke-kwaliteit", "subjectieve-veiligheid"}
        )
        assert (pair["shared"], pair["shared_types"]) == (0, "gemeentelijk-onderdeel")
