"""The HTML exports without a browser: what goes into the page, and what never does.

The pages are built from the real curated plans (the session build of conftest.py), plus a
copy of their records with a hostile partner added, and from a generated 5,000-node graph.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from graph import html, network
from graph.config import Settings
from graph.html import details as html_details
from graph.html import synthetic
from graph.html.details import Details, Quote
from graph.html.render import script_json, vis_network
from graph.network import Involvement, Partner, PlanData
from graph.store import open_store

XSS_LABEL = "<img src=x onerror=alert(1)>"
XSS_IRI = "https://example.org/test/partner/xss"
ACCENT_LABEL = "Coördinatiepunt Zorg & Veiligheid"
ACCENT_IRI = "https://example.org/test/partner/coordinatiepunt"
HOSTILE_QUOTE = "</script><script>window.__pwned = 1</script><img src=y onerror=alert(3)>"


@pytest.fixture(scope="session")
def records(built: Settings) -> tuple[PlanData, Details]:
    store = open_store(built)
    return network.load(store, built), html_details.load(store, built)


def hostile(records: tuple[PlanData, Details]) -> tuple[PlanData, Details]:
    """The real records plus two partners of Nijmegen's: one with markup for a label and
    quote, one with diacritics (the curated labels have none)."""
    data, details = records
    data = PlanData(
        plans=dict(data.plans),
        themes=dict(data.themes),
        partners=dict(data.partners),
        involvements=list(data.involvements),
        crosslinks=list(data.crosslinks),
        mappings=list(data.mappings),
        concepts=dict(data.concepts),
        budget_lines=list(data.budget_lines),
        type_labels=dict(data.type_labels),
    )
    theme = data.themes_of("nijmegen-2022")[0].iri
    for iri, pid, label in (
        (XSS_IRI, "xss", XSS_LABEL),
        (ACCENT_IRI, "coordinatiepunt", ACCENT_LABEL),
    ):
        data.partners[iri] = Partner(iri, pid, label, "gemeente", ("zorg",))
        data.involvements.append(Involvement("nijmegen-2022", iri, theme, None, ("regie",)))
    extra = Details(
        descriptions={**details.descriptions, XSS_IRI: "<b>bold?</b> & <script>alert(2)</script>"},
        quotes={
            **details.quotes,
            XSS_IRI: [Quote("nijmegen-2022", "<i>3.1</i> Sectie", HOSTILE_QUOTE, "ctx")],
        },
        pillars=details.pillars,
        crosslink_quotes=details.crosslink_quotes,
    )
    return data, extra


def write_pages(records: tuple[PlanData, Details], folder: Path) -> dict[str, Path]:
    """Every kind of page the browser tests open, written once."""
    data, details = hostile(records)
    pages = {
        "plan": html.page("plan", data, details, ["nijmegen-2022"]),
        "ego": html.page("ego", data, details, None, focus="politie", depth=1),
        "crosslinks": html.page("crosslinks", data, details, ["pijnacker-nootdorp-2023"]),
        "compare": html.page(
            "compare", data, details, ["nijmegen-2022", "pijnacker-nootdorp-2023"]
        ),
        "large": html.page("plan", synthetic.generate(5000)),
        # both plans in one picture: partners of the same type from different organisations
        "both": html.page("plan", data, details, ["nijmegen-2022", "pijnacker-nootdorp-2023"]),
    }
    out = {}
    for name, text in pages.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    return out


def data_of(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="kv-data">(.*?)</script>', text, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_is_self_contained(records) -> None:
    text = html.page("plan", *records, ["nijmegen-2022"])
    assert "<script src" not in text and "<link" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text
    js, css = vis_network()
    assert js[:2000] in text and css[:2000] in text  # read from pyvis's install, inlined
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_same_data_gives_the_same_bytes(records) -> None:
    first = html.page("plan", *records, ["nijmegen-2022"])
    again = html.page("plan", *records, ["nijmegen-2022"])
    assert first == again
    big = synthetic.generate(2000)
    assert html.page("plan", big, cluster_above=500) == html.page("plan", big, cluster_above=500)


def test_markup_from_the_data_never_reaches_the_html(records) -> None:
    data, details = hostile(records)
    text = html.page("plan", data, details, ["nijmegen-2022"])
    assert XSS_LABEL not in text and HOSTILE_QUOTE not in text
    assert "onerror" in text  # still there, as escaped text inside the JSON
    page = data_of(text)
    node = next(n for n in page["nodes"] if n["label"] == XSS_LABEL)
    assert node["quotes"] == [["<i>3.1</i> Sectie", HOSTILE_QUOTE, "ctx"]]
    assert script_json({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'
    assert "<" not in text.split('id="kv-data">')[1].split("</script>")[0]


def test_plan_page_has_every_node_type_counted(records) -> None:
    data, details = records
    page = html.page_data("plan", data, details, ["nijmegen-2022"])
    counts = {t["id"]: t["count"] for t in page["types"]}
    nijmegen = [t for t in data.themes.values() if t.plan == "nijmegen-2022"]
    assert counts["theme"] == len(nijmegen) == 11
    assert counts["partner"] == len(data.partners_named("nijmegen-2022")) == 48
    assert counts["pillar"] == 15 and counts["plan"] == 1
    assert counts["core"] >= 15  # the core themes Nijmegen covers (and fields it maps to)
    assert sum(counts.values()) == len(page["nodes"])
    kinds = {k["id"]: k["count"] for k in page["edgeKinds"]}
    assert kinds["plan"] == 11 and kinds["crosslink"] > 0 and kinds["involvement"] > 0
    assert {s["id"] for s in page["statuses"]} == {"priority", "core"}
    politie = next(n for n in page["nodes"] if n["ref"] == "politie")
    assert politie["quotes"] and all(q[0] and q[1] for q in politie["quotes"])
    sizes = {n["size"] for n in page["nodes"] if n["type"] == "partner"}
    assert len(sizes) > 3  # sized by centrality, not all alike
    assert page["explanation"] and page["title"]


def test_crosslink_page_draws_the_overlap_analysis(records) -> None:
    page = html.page_data("crosslinks", *records, ["pijnacker-nootdorp-2023"])
    kinds = {e["kind"] for e in page["edges"]}
    assert {"crosslink", "shared"} <= kinds
    assert any(e.get("uncarried") for e in page["edges"])
    assert {n["type"] for n in page["nodes"]} <= {"theme", "domain"}


def test_compare_page_joins_plans_only_through_core_themes(records) -> None:
    page = html.page_data("compare", *records, ["nijmegen-2022", "pijnacker-nootdorp-2023"])
    nodes = page["nodes"]
    for e in page["edges"]:
        a, b = nodes[e["from"]], nodes[e["to"]]
        assert e["kind"] in ("plan", "core")
        if e["kind"] == "core":
            assert {a["type"], b["type"]} == {"theme", "core"}
    shared = [n for n in nodes if n["type"] == "core" and len(n["plans"]) == 2]
    assert len(shared) >= 14  # ivp compare: 14 core themes covered by both


def test_ego_page_is_around_the_focus(records) -> None:
    page = html.page_data("ego", *records, None, focus="politie", depth=1)
    focus = [n for n in page["nodes"] if n.get("focus")]
    assert [n["ref"] for n in focus] == ["politie"]
    assert {n["type"] for n in page["nodes"]} <= {"partner", "theme"}
    with pytest.raises(LookupError, match=r"Bedoelde u|Did you mean"):
        html.page_data("ego", *records, None, focus="polite")


def test_large_graph_starts_grouped() -> None:
    data = synthetic.generate(5000)
    page = html.page_data("plan", data)
    assert len(page["nodes"]) >= 5000
    assert 10 < len(page["clusters"]) < 400
    assert sum(c["n"] for c in page["clusters"]) == len(page["nodes"])
    assert all("c" in n for n in page["nodes"])


def test_cli_writes_a_page(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "nijmegen.html"
    result = run_cli("html", "--plan", "nijmegen-2022", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert data_of(out.read_text("utf-8"))["view"] == "plan"
    result = run_cli("html", "--focus", "polite", "--output", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "politie" in result.output
    result = run_cli("html", "--view", "compare", "--plan", "nijmegen-2022")
    assert result.exit_code == 2
    result = run_cli("html", "--plan", "nijmegen", "--output", str(tmp_path / "y.html"))
    assert result.exit_code == 1 and "nijmegen-2022" in result.output


def test_cli_without_output_writes_beside_the_build(
    run_cli, built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not into the current folder (a repository checkout): into dist/html/, and says where."""
    monkeypatch.chdir(tmp_path)
    pages = built.dist_dir / "html"
    try:
        result = run_cli("html", "--plan", "nijmegen-2022")
        assert result.exit_code == 0, result.output
        page = pages / "plan-nijmegen-2022.html"
        assert f"Geschreven: {page} (" in result.output
        assert data_of(page.read_text("utf-8"))["view"] == "plan"
        result = run_cli("html", "--focus", "nijmegen-2022/ondermijning")
        assert result.exit_code == 0, result.output
        assert (pages / "ego-nijmegen-2022-ondermijning.html").is_file()
        assert list(tmp_path.iterdir()) == []
    finally:
        shutil.rmtree(pages, ignore_errors=True)  # the session build is shared


# the basic colour terms of English (Berlin and Kay), whatever the palette: a word the text may
# use for a colour that graph.html.style does not draw
BASIC_COLOURS = {"black", "white", "red", "green", "yellow", "blue", "brown", "purple", "pink"}
BASIC_COLOURS |= {"orange", "grey", "gray"}
BASIC_SHAPES = {"circle", "dot", "square", "diamond", "star", "hexagon", "triangle"}


def _without(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):  # 'sky blue' before 'blue'
        text = re.sub(rf"\b{re.escape(name)}s?\b", " ", text)
    return text


@pytest.mark.parametrize(
    ("view", "plans", "focus"),
    [
        ("plan", ["nijmegen-2022"], None),
        ("ego", None, "politie"),
        ("ego", None, "nijmegen-2022/ondermijning"),
        ("crosslinks", ["pijnacker-nootdorp-2023"], None),
        ("compare", None, None),
    ],
)
def test_explanation_names_the_colours_and_shapes_the_legend_draws(
    records, view: str, plans: list[str] | None, focus: str | None
) -> None:
    from graph.html.style import COLOUR_NAME, SHAPE_NAME

    page = html.page_data(view, *records, plans, focus, lang="en")
    text = " ".join(page["explanation"]).lower()
    colours = {COLOUR_NAME[t["color"]] for t in [*page["types"], *page["edgeKinds"]]}
    colours.add(COLOUR_NAME[page["outline"]])  # the border of the focus and of priorities
    shapes = {SHAPE_NAME[t["shape"]] for t in page["types"]}
    # every node type in the legend is named as drawn ('yellow triangles' are domains), in the
    # lead the page shows under its title
    lead = page["explanation"][0].lower()
    for t in page["types"]:
        assert f"{COLOUR_NAME[t['color']]} {SHAPE_NAME[t['shape']]}" in lead, t["id"]
    for kind in page["edgeKinds"]:
        if kind["id"] in ("crosslink", "implicit", "shared"):
            assert f"{COLOUR_NAME[kind['color']]} lines" in lead, kind["id"]
    # and no colour or shape that the legend does not draw
    rest = _without(text, colours)
    stray = {c for c in BASIC_COLOURS | set(COLOUR_NAME.values()) if re.search(rf"\b{c}s?\b", rest)}
    assert not stray, f"{view}: the text names colours the page does not draw: {stray}"
    rest = _without(text, shapes)
    stray = {s for s in BASIC_SHAPES | set(SHAPE_NAME.values()) if re.search(rf"\b{s}s?\b", rest)}
    assert not stray, f"{view}: the text names shapes the page does not draw: {stray}"


def test_partner_details_name_the_partner_type(records) -> None:
    """Issue 11 A: the details panel says what kind of partner it is (RIEC, woningcorporatie)."""
    data, details = records
    page = html.page_data("plan", data, details, ["pijnacker-nootdorp-2023"])
    facts = {n["ref"]: dict(n["facts"]) for n in page["nodes"] if n.get("facts")}
    assert facts["riec-den-haag"]["type"] == "RIEC"
    assert facts["staedion"]["type"] == "Woningcorporatie"


@pytest.mark.parametrize(
    ("view", "plans", "focus"),
    [
        ("plan", ["nijmegen-2022"], None),
        ("ego", None, "politie"),
        ("crosslinks", ["pijnacker-nootdorp-2023"], None),
        ("compare", None, None),
    ],
)
def test_dutch_explanation_names_what_the_legend_draws(
    records, view: str, plans: list[str] | None, focus: str | None
) -> None:
    """The default page is Dutch: its lead names every node type as drawn, in Dutch
    ('cirkels in blauw'), and no English colour or shape word is left in it."""
    from graph.html.style import COLOUR_NAME, SHAPE_NAME
    from graph.html.words import COLOURS, SHAPES

    page = html.page_data(view, *records, plans, focus)
    assert page["lang"] == "nl"
    lead = page["explanation"][0].lower()
    for t in page["types"]:
        shape, colour = SHAPES(SHAPE_NAME[t["shape"]], "nl"), COLOURS(COLOUR_NAME[t["color"]], "nl")
        assert re.search(rf"\b{shape}\w* in {colour}\b", lead), (t["id"], lead)
    english = (BASIC_COLOURS | BASIC_SHAPES) - {"oranje"}
    text = " ".join(page["explanation"]).lower()
    assert not [w for w in english if re.search(rf"\b{w}s?\b", text)], text


def test_cli_lang_picks_the_language(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    result = run_cli("html", "--plan", "nijmegen-2022", "--lang", "en", "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert '<html lang="en">' in text and data_of(text)["lang"] == "en"
    result = run_cli("html", "--plan", "nijmegen-2022", "--output", str(out))
    text = out.read_text("utf-8")
    assert '<html lang="nl">' in text and data_of(text)["title"].startswith("Graaf van")
    assert run_cli("html", "--lang", "fr", "--output", str(out)).exit_code == 2


@pytest.mark.parametrize(
    ("view", "plans", "analysis", "first"),
    [
        ("plan", ["nijmegen-2022"], "central", 2),
        ("crosslinks", ["pijnacker-nootdorp-2023"], "overlap", 99),
        ("compare", None, "compare", 99),
    ],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_graph_pages_carry_the_analysis_reading_in_their_language(
    records, view: str, plans: list[str] | None, analysis: str, first: int, lang: str
) -> None:
    """Issue 13: a Dutch page left the analysis's reading out (it was English only); now
    both languages carry it, each in its own words, as the analysis itself reads it."""
    import importlib

    data, _ = records
    page = html.page_data(view, *records, plans, None, lang=lang)
    scope = plans or sorted(data.plans)
    run = getattr(importlib.import_module(f"graph.analysis.{analysis}"), analysis)
    expected = run(data, scope, language=lang).reading[:first]
    assert expected and all(line in page["explanation"] for line in expected), expected
    other = "en" if lang == "nl" else "nl"
    assert not set(run(data, scope, language=other).reading) & set(page["explanation"])
