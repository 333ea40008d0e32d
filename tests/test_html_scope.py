"""Every page holds exactly what it shows: no sentence, plan or figure of a plan it does not draw.

A partner such as the police is named by most plans. Its details used to carry the quotes of
every plan in the store, so Nijmegen's page quoted Pijnacker-Nootdorp and grew with the corpus
(issue 13). Each view is checked on the two real plans and on a small synthetic corpus
(graph.synth, built through the real pipeline: more plans, so a leak would be larger). The
embedded data is checked against what the plans themselves hold (their source texts, section
labels and ids), not against the page code's own bookkeeping.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import pytest
import yaml
from test_html_export import records

from graph import html, network
from graph.build import build
from graph.config import PROJECT_ROOT, Settings
from graph.html import VIEWS
from graph.html import details as html_details
from graph.html.details import Details
from graph.network import PlanData
from graph.quotes import SourceText
from graph.store import open_store, select
from graph.synth import synth

__all__ = ["records"]  # the session fixture of test_html_export, built from the real plans

NIJMEGEN, PIJNACKER = "nijmegen-2022", "pijnacker-nootdorp-2023"
LINKS = re.compile(r"\((\d+) links? in this picture\)")
OF_THEMES = re.compile(r"works on (\d+) of (\d+) themes")


@dataclass(frozen=True)
class Corpus:
    """Records of a built store, with each plan's source text and section labels."""

    data: PlanData
    details: Details
    sources: dict[str, SourceText]
    sections: dict[str, set[str]]


@dataclass(frozen=True)
class Case:
    view: str
    plans: tuple[str, ...] | None = None
    focus: str | None = None
    depth: int = 1

    def page(self, corpus: Corpus) -> dict:
        plans = list(self.plans) if self.plans else None
        # in English: the checks read the facts' and title's words ("links in this picture")
        return html.page_data(
            self.view, corpus.data, corpus.details, plans, self.focus, self.depth, lang="en"
        )


def corpus_of(settings: Settings) -> Corpus:
    store = open_store(settings)
    sources = {}
    for path in sorted((settings.data_dir / "plans").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources[doc["id"]] = SourceText(settings.data_dir / "sources" / doc["source"]["file"])
    sections: dict[str, set[str]] = {}
    for r in select(
        store,
        """SELECT ?plan ?label WHERE {
             ?s a ivp:Section ; rdfs:label ?label ; dcterms:isPartOf+ ?p .
             ?p a ivp:SafetyPlan ; dcterms:identifier ?plan }""",
        settings,
    ):
        sections.setdefault(r["plan"], set()).add(r["label"])
    data = network.load(store, settings)
    assert set(sources) == set(data.plans)
    return Corpus(data, html_details.load(store, settings), sources, sections)


@pytest.fixture(scope="module")
def real(built: Settings) -> Corpus:
    return corpus_of(built)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Three synthetic plans beside the two real ones, all sharing one partner registry."""
    out = tmp_path_factory.mktemp("synth-pages")
    synth(out / "data", 3, 1, seed=7)
    settings = Settings(
        data_dir=out / "data", ontology_dir=PROJECT_ROOT / "ontology", dist_dir=out / "dist"
    )
    build(settings, jobs=1)
    return corpus_of(settings)


def cases(corpus: Corpus) -> list[Case]:
    """At least one page of every view; `plans` None: all plans in the store."""
    plans = sorted(corpus.data.plans)
    other = next(p for p in plans if p != NIJMEGEN)
    theme = corpus.data.themes_of(other)[0].key
    return [
        Case("plan", (NIJMEGEN,)),
        Case("plan", (other,)),
        Case("ego", focus=f"{NIJMEGEN}/ondermijning"),
        Case("ego", focus=theme),
        Case("ego", focus=theme, depth=2),
        Case("ego", focus="politie"),
        Case("ego", (NIJMEGEN,), focus="politie"),
        Case("crosslinks", (NIJMEGEN,)),
        Case("crosslinks", (other,)),
        Case("compare", (NIJMEGEN, other)),
        Case("compare", tuple(plans[:2])),
    ]


def shown_plans(case: Case, page: dict) -> set[str]:
    """The plans a page draws: those asked for; for an ego picture, those of its themes."""
    if case.view != "ego":
        return set(case.plans or ())
    return {p for n in page["nodes"] if n["type"] == "theme" for p in n["plans"]}


def assert_holds_only_what_it_shows(page: dict, shown: set[str], corpus: Corpus) -> None:
    assert shown
    others = sorted(set(corpus.data.plans) - shown)
    # no id of a plan it does not draw, anywhere: quotes' contexts, IRIs, facts, title
    text = json.dumps(page, ensure_ascii=False)
    for plan in others:
        assert not re.search(rf"(?<![\w-]){re.escape(plan)}(?![\w-])", text), plan
    assert [p["id"] for p in page["plans"]] == sorted(shown)
    sections = set().union(*(corpus.sections.get(p, set()) for p in shown))
    items = [*page["nodes"], *page["edges"]]
    for item in items:
        for section, quote, context in item.get("quotes", []):
            assert any(corpus.sources[p].contains(quote) for p in shown), quote
            assert not section or section in sections, section
            assert not context or context.split(": ", 1)[0] in shown, context
    for node in page["nodes"]:
        assert set(node["plans"]) <= shown, node["ref"]
        for key, value in node.get("facts", []):
            if key in ("plan", "plans"):
                assert set(value.split(", ")) <= shown, (node["ref"], value)


def assert_counts_are_what_it_holds(page: dict, shown: set[str], corpus: Corpus) -> None:
    nodes, edges = page["nodes"], page["edges"]
    assert {t["id"]: t["count"] for t in page["types"]} == Counter(n["type"] for n in nodes)
    assert {k["id"]: k["count"] for k in page["edgeKinds"]} == Counter(e["kind"] for e in edges)
    statuses = Counter(n["status"] for n in nodes if n["type"] == "theme")
    assert {s["id"]: s["count"] for s in page["statuses"]} == statuses
    degree = Counter(i for e in edges for i in (e["from"], e["to"]))
    themes = sum(len(corpus.data.themes_of(p)) for p in shown)
    for i, node in enumerate(nodes):
        for _, value in node.get("facts", []):
            if m := LINKS.search(value):
                assert int(m.group(1)) == degree[i], (node["ref"], value)
            if m := OF_THEMES.search(value):
                assert int(m.group(2)) == themes, (node["ref"], value)
    if len(shown) > 1:
        assert f"{len(shown)} plans" in page["title"]
    else:
        assert f"({next(iter(shown))})" in page["title"]


def test_every_view_is_checked(real: Corpus) -> None:
    assert {c.view for c in cases(real)} == set(VIEWS)


@pytest.mark.parametrize("corpus_name", ["real", "synthetic"])
def test_every_page_holds_only_the_plans_it_shows(
    corpus_name: str, request: pytest.FixtureRequest
) -> None:
    corpus: Corpus = request.getfixturevalue(corpus_name)
    for case in cases(corpus):
        page = case.page(corpus)
        shown = shown_plans(case, page)
        assert_holds_only_what_it_shows(page, shown, corpus)
        assert_counts_are_what_it_holds(page, shown, corpus)


def test_a_plan_page_quotes_a_shared_partner_for_that_plan_only(real: Corpus) -> None:
    page = html.page_data("plan", real.data, real.details, [NIJMEGEN])
    politie = next(n for n in page["nodes"] if n["ref"] == "politie")
    # the involvements of the police in Nijmegen's plan, each with its quote (graph.catalog)
    assert politie["quotes"]
    assert {q[2].split(": ", 1)[0] for q in politie["quotes"]} == {NIJMEGEN}
    iri = politie["iri"]
    everywhere = real.details.quotes[iri]
    assert len(politie["quotes"]) == sum(q.context.startswith(f"{NIJMEGEN}: ") for q in everywhere)
    assert len(politie["quotes"]) < len(everywhere)  # Pijnacker-Nootdorp names the police too


def test_an_ego_page_around_a_theme_shows_that_plan(real: Corpus) -> None:
    page = html.page_data(
        "ego", real.data, real.details, None, focus=f"{NIJMEGEN}/ondermijning", depth=1, lang="en"
    )
    assert [p["id"] for p in page["plans"]] == [NIJMEGEN]
    assert "2 plans" not in page["title"] and NIJMEGEN in page["title"]
    around = html.page_data("ego", real.data, real.details, None, focus="politie", depth=1)
    assert [p["id"] for p in around["plans"]] == [NIJMEGEN, PIJNACKER]  # both involve it


@pytest.mark.parametrize("by", ["context", "text"])
def test_the_checks_catch_a_leak(real: Corpus, by: str) -> None:
    """The checks above can fail: a Pijnacker-Nootdorp sentence on Nijmegen's page is caught,
    by the plan it names or, named by none, by its absence from Nijmegen's source text."""
    page = html.page_data("plan", real.data, real.details, [NIJMEGEN])
    theirs = next(
        q
        for qs in real.details.quotes.values()
        for q in qs
        if q.context.startswith(f"{PIJNACKER}: ") and not real.sources[NIJMEGEN].contains(q.text)
    )
    leaked = json.loads(json.dumps(page))
    politie = next(n for n in leaked["nodes"] if n["ref"] == "politie")
    politie["quotes"].append(["", theirs.text, theirs.context if by == "context" else ""])
    with pytest.raises(AssertionError):
        assert_holds_only_what_it_shows(leaked, {NIJMEGEN}, real)


def test_page_size_does_not_grow_with_other_plans(real: Corpus, synthetic: Corpus) -> None:
    """Nijmegen's page is the same whichever other plans the store holds."""
    alone = html.page("plan", real.data, real.details, [NIJMEGEN])
    among = html.page("plan", synthetic.data, synthetic.details, [NIJMEGEN])
    assert len(among) == len(alone)
