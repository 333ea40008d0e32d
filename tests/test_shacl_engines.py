"""pyrudof against pyshacl on our shapes: the licence for graph.rudof_shapes (issue 14).

The graphs are the ones the build validates, taken where `check_plan` and `_check_shared`
hand them to `check_shapes` (the plan's triples, the shared triples of the nodes it points at,
the subclass triples; the shared graphs with the cited sections typed): the two real plans,
six synthetic plans and the shared graphs, each as it is and broken in one way per kind of
constraint the shapes use. On each, both engines must report the same results, compared as
(focus node, result path, source constraint component, value node), and the same `conforms`.
That is what lets pyrudof decide whether pyshacl must write a report.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS
from rdflib.term import Node

import graph.pipeline as pipeline
from graph.config import PROJECT_ROOT, Settings
from graph.entries import OA, LoadResult
from graph.iris import Iris
from graph.rudof_shapes import RudofShapes, about, session
from graph.synth import synth

Key = tuple[Node, str | None, str, Node | None]  # focus, path, component, value

IRIS = Iris()
IVP = IRIS.ivp
EX = Namespace("urn:test:")
EMPTY_IRI = "urn:kruisverband:empty"  # the one triple a session keeps (graph.rudof_shapes.EMPTY)


@dataclass
class Checked:
    """One graph as the pipeline handed it to check_shapes."""

    name: str
    result: LoadResult
    graph: Graph
    focus: set[Node]


def _capture(settings: Settings, folder: Path) -> list[Checked]:
    """Run the real pipeline over `settings`' plans and shared graphs, keeping each graph."""
    seen: list[Checked] = []
    real = pipeline.check_shapes

    def spy(result, g, shapes, focus=None):  # type: ignore[no-untyped-def]
        copy = Graph()
        copy += g
        seen.append(Checked("", result, copy, set(focus)))
        return real(result, g, shapes, focus)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "check_shapes", spy)
        shared = pipeline.Shared(settings)
        (folder / pipeline.PLANS).mkdir(parents=True)
        units = []
        for path in sorted((settings.data_dir / "plans").glob("*.yaml")):
            units.append(shared.check_plan(path, "key", folder))
            seen[-1].name = path.stem
        pipeline._check_shared(shared, units)
        seen[-1].name = "shared"
    assert all(not u.problems for u in units), [u.problems for u in units]
    return seen


@pytest.fixture(scope="module")
def shapes(settings: Settings) -> Graph:
    return pipeline.Shared(settings).shapes


@pytest.fixture(scope="module")
def real(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    return {c.name: c for c in _capture(settings, tmp_path_factory.mktemp("engines"))}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    out = tmp_path_factory.mktemp("engines-synth")
    synth(out / "data", 3, 2, seed=1)
    settings = Settings(
        data_dir=out / "data", ontology_dir=PROJECT_ROOT / "ontology", dist_dir=out / "dist"
    )
    return {c.name: c for c in _capture(settings, out / "cache")}


# --- the two reports, in one form -------------------------------------------------------------


def _path(report: Graph, path: Node | None) -> str | None:
    """A result path as pyrudof prints it: `iri`, `^(iri)`, `(a / b)`."""
    if path is None or isinstance(path, URIRef):
        return None if path is None else str(path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({_path(report, inverse)})"
    if report.value(path, RDF.first) is not None:
        return "(" + " / ".join(str(_path(report, p)) for p in Collection(report, path)) + ")"
    raise AssertionError(
        f"a path kind the shapes do not use: {list(report.triples((path, None, None)))}"
    )


def _term(text: str | None) -> Node | None:
    """pyrudof's printed term as rdflib's: `iri`, `_:label`, `"lexical"@lang`, `"lexical"^^dt`."""
    if text is None:
        return None
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith('"'):
        turtle = f"@prefix xsd: <{XSD}> . <urn:s> <urn:p> {text} ."
        return Graph().parse(data=turtle, format="turtle").value(URIRef("urn:s"), URIRef("urn:p"))
    return URIRef(text.strip("<>"))


def by_pyshacl(g: Graph, shapes: Graph) -> tuple[bool, set[Key]]:
    conforms, report, _ = validate(
        g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    results = set()
    for res in report.subjects(RDF.type, SH.ValidationResult):
        results.add(
            (
                report.value(res, SH.focusNode),
                _path(report, report.value(res, SH.resultPath)),
                str(report.value(res, SH.sourceConstraintComponent)),
                report.value(res, SH.value),
            )
        )
    return bool(conforms), results


def by_pyrudof(g: Graph, fast: RudofShapes, focus: set[Node]) -> tuple[bool, set[Key], bool]:
    """pyrudof's conforms and results, and whether check_shapes lets the graph through."""
    report = fast.report(g)
    results = {
        (_term(e.focus_node), e.path, e.constraint_component, _term(e.value)) for e in report
    }
    assert len(results) == len(report), "pyrudof reported a result twice"
    holds = not any(about(e, focus) for e in report)  # as RudofShapes.holds
    return report.conforms, results, holds  # type: ignore[return-value]


def assert_same(checked: Checked, g: Graph, shapes: Graph) -> set[Key]:
    """Both engines report the same; the fast pass lets through exactly the graphs without a
    result in focus. Returns pyshacl's results."""
    fast = session(shapes)
    assert fast is not None
    py_conforms, py = by_pyshacl(g, shapes)
    ru_conforms, ru, holds = by_pyrudof(g, fast, checked.focus)
    assert sorted(py - ru, key=str) == [], "results pyrudof misses"
    assert sorted(ru - py, key=str) == [], "results pyrudof adds"
    assert py_conforms == ru_conforms
    in_focus = any(k[0] in checked.focus for k in py)
    assert holds is not in_focus
    return py


# --- the graphs as the build validates them ---------------------------------------------------


def test_the_real_plans_and_shared_graphs(real: dict[str, Checked], shapes: Graph) -> None:
    assert sorted(real) == ["nijmegen-2022", "pijnacker-nootdorp-2023", "shared"]
    for checked in real.values():
        results = assert_same(checked, checked.graph, shapes)
        assert not any(k[0] in checked.focus for k in results)  # valid as shipped
        assert results  # but not conforming: the shared nodes' own neighbours are absent


def test_synthetic_plans(synthetic: dict[str, Checked], shapes: Graph) -> None:
    # 3 municipalities x 2 plans, the two real plans synth copies along, the shared graphs
    assert len(synthetic) == 9
    for checked in synthetic.values():
        assert_same(checked, checked.graph, shapes)


# --- broken graphs: one mutation per constraint kind ------------------------------------------


def concept(scheme: str, notation: str) -> URIRef:
    return IRIS.concept(scheme, notation)


def first(g: Graph, cls: URIRef, having: URIRef | None = None) -> Node:
    """The least node of class `cls` (with a `having` value), so that mutations are repeatable."""
    nodes = sorted(n for n in g.subjects(RDF.type, cls) if having is None or g.value(n, having))
    assert nodes, f"no {cls} with {having} in the graph"
    return nodes[0]


def plan(g: Graph) -> Node:
    """The graph's own plan (a plan graph also types the earlier plans it follows)."""
    return first(g, IVP.SafetyPlan, IVP.hasTheme)


def drop(g: Graph, s: Node, p: URIRef) -> None:
    assert g.value(s, p) is not None, f"{s} has no {p}"
    g.remove((s, p, None))


Mutation = Callable[[Graph], None]
Where = URIRef | Callable[[Graph], Node]  # the first node of a class, or the one picked


@dataclass
class Broken:
    name: str
    base: str  # nijmegen-2022, pijnacker-nootdorp-2023 or shared
    component: str  # a result of this component appears
    mutate: Mutation

    def __str__(self) -> str:
        return self.name


def _two_level_subclass(g: Graph) -> None:
    action = first(g, IVP.Action)
    g.add((EX.SpecialAction, RDFS.subClassOf, EX.Action))
    g.add((EX.Action, RDFS.subClassOf, IVP.Action))
    g.remove((action, RDF.type, IVP.Action))
    g.add((action, RDF.type, EX.SpecialAction))
    drop(g, action, PROV.wasDerivedFrom)


def _no_subclass(g: Graph) -> None:
    # actions are no plan elements any more: no shape:Sourced result, but shape:Labelled's
    action = first(g, IVP.Action)
    g.remove((IVP.Action, RDFS.subClassOf, IVP.PlanElement))
    drop(g, action, PROV.wasDerivedFrom)
    drop(g, action, SKOS.prefLabel)


def _draft_without_start(g: Graph) -> None:
    g.add((plan(g), IVP.planStatus, concept("planstatus", "draft")))
    drop(g, plan(g), IVP.startYear)


def _curated_without_municipality(g: Graph) -> None:
    g.add((plan(g), IVP.planStatus, concept("planstatus", "curated")))
    drop(g, plan(g), IVP.municipality)


def _second_theme_of_topic(g: Graph) -> None:
    topic = first(g, IVP.Topic)
    other = next(
        t for t in sorted(g.subjects(RDF.type, IVP.Theme)) if (t, IVP.hasTopic, topic) not in g
    )
    g.add((other, IVP.hasTopic, topic))


def _no_theme_of_topic(g: Graph) -> None:
    topic = first(g, IVP.Topic)
    g.remove((None, IVP.hasTopic, topic))


def _unreferenced_document(g: Graph) -> None:
    document = first(g, IVP.ReferencedDocument)
    g.remove((None, DCTERMS.references, document))


def _observation(g: Graph, p: URIRef) -> Node:
    return sorted(g.subjects(p, None))[0]


def _value_and_missing(g: Graph) -> None:
    obs = next(o for o in sorted(g.subjects(IVP.indicator, None)) if g.value(o, IVP.value))
    g.add((obs, IVP.missingValue, Literal("niet gemeten")))


def _neither_value_nor_missing(g: Graph) -> None:
    obs = next(o for o in sorted(g.subjects(IVP.indicator, None)) if g.value(o, IVP.value))
    drop(g, obs, IVP.value)


def _same_lang_label(g: Graph) -> None:
    document = first(g, IVP.ReferencedDocument, SKOS.prefLabel)
    label = g.value(document, SKOS.prefLabel)
    g.add((document, SKOS.prefLabel, Literal(f"{label} (2)", lang=label.language)))


def _elsewhere_unsaid(g: Graph) -> None:
    elsewhere = concept("themastatus", "elsewhere")
    theme = sorted(g.subjects(IVP.status, elsewhere))[0]
    drop(g, theme, IVP.placedWith)


def _all_themes_and_one(g: Graph) -> None:
    line = sorted(g.subjects(IVP.funds, None))[0]
    g.add((line, IVP.fundsAllThemes, Literal(True)))


def _set(
    p: URIRef, value: Node | Callable[[Graph], Node], cls: Where, having: URIRef | None = None
) -> Mutation:
    """Replace the values of `p` of the first `cls` node by `value`."""

    def mutate(g: Graph) -> None:
        node = cls(g) if callable(cls) else first(g, cls, having or p)
        g.set((node, p, value(g) if callable(value) else value))

    return mutate


def _add(
    p: URIRef, value: Node | Callable[[Graph], Node], cls: Where, having: URIRef | None = None
) -> Mutation:
    """Add a value of `p` to the first `cls` node."""

    def mutate(g: Graph) -> None:
        node = cls(g) if callable(cls) else first(g, cls, having)
        new = value(g) if callable(value) else value
        assert (node, p, new) not in g
        g.add((node, p, new))

    return mutate


def _del(p: URIRef, cls: Where) -> Mutation:
    def mutate(g: Graph) -> None:
        drop(g, cls(g) if callable(cls) else first(g, cls, p), p)

    return mutate


def _del_all(cls: URIRef, *ps: URIRef) -> Mutation:
    def mutate(g: Graph) -> None:
        node = first(g, cls, ps[0])
        for p in ps:
            g.remove((node, p, None))

    return mutate


def _also(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return mutate


NIJ, PN, SHARED = "nijmegen-2022", "pijnacker-nootdorp-2023", "shared"
C = "http://www.w3.org/ns/shacl#"
MIN, MAX, CLASS, DT, IN = (
    f"{C}{c}ConstraintComponent" for c in ("MinCount", "MaxCount", "Class", "Datatype", "In")
)

BROKEN = [
    # shape:Plan (sh:targetClass)
    Broken("plan title missing", NIJ, MIN, _del(DCTERMS.title, plan)),
    Broken("plan title not langString", NIJ, DT, _set(DCTERMS.title, Literal("IVP"), plan)),
    Broken("plan identifier twice", PN, MAX, _add(DCTERMS.identifier, Literal("x"), plan)),
    # ill-typed literals: a lexical form outside its datatype
    Broken(
        "amount not a number",
        NIJ,
        DT,
        lambda g: g.set(
            (_observation(g, IVP.budgetLine), IVP.amountEUR, Literal("veel", datatype=XSD.decimal))
        ),
    ),
    Broken(
        "theme number not a number",
        PN,
        DT,
        _set(IVP.number, Literal("drie", datatype=XSD.integer), IVP.Theme),
    ),
    # shape:CuratedPlan (sh:SPARQLTarget) against shape:DraftPlan (sh:targetSubjectsOf)
    Broken("curated plan without municipality", NIJ, MIN, _del(IVP.municipality, plan)),
    Broken("curated status, no municipality", PN, MIN, _curated_without_municipality),
    Broken(
        "municipality of the wrong class",
        PN,
        CLASS,
        _set(IVP.municipality, lambda g: first(g, IVP.Theme), plan),
    ),
    Broken(
        "start year as integer", NIJ, DT, lambda g: g.set((plan(g), IVP.startYear, Literal(2022)))
    ),
    Broken("plan without adoption date", NIJ, MIN, _del(DCTERMS.dateAccepted, plan)),
    Broken("draft without start year", PN, MIN, _draft_without_start),
    Broken(
        "plan status outside sh:in",
        NIJ,
        IN,
        _add(IVP.planStatus, concept("planstatus", "final"), plan),
    ),
    # shape:Sourced: sh:targetClass through rdfs:subClassOf in the data
    Broken("action without quote", NIJ, MIN, _del(PROV.wasDerivedFrom, IVP.Action)),
    Broken("quote of the wrong class", PN, CLASS, _set(PROV.wasDerivedFrom, plan, IVP.Action)),
    Broken("two levels of subclass", NIJ, MIN, _two_level_subclass),
    Broken("subclass triple removed", PN, MIN, _no_subclass),
    Broken("in two plans", PN, MAX, _add(IVP.inPlan, EX.otherPlan, IVP.Theme)),
    # shape:Quote: sh:datatype xsd:string, sh:minLength
    Broken(
        "quote too short",
        NIJ,
        f"{C}MinLengthConstraintComponent",
        _set(OA.exact, Literal("ab"), IVP.Quote),
    ),
    Broken(
        "quote with a language", PN, DT, _set(OA.exact, Literal("een zin", lang="nl"), IVP.Quote)
    ),
    Broken("quote of no section", NIJ, CLASS, _set(DCTERMS.isPartOf, plan, IVP.Quote)),
    # sh:uniqueLang, rdf:langString
    Broken(
        "two Dutch labels",
        NIJ,
        f"{C}UniqueLangConstraintComponent",
        _add(SKOS.prefLabel, Literal("nog een", lang="nl"), IVP.Theme),
    ),
    Broken("label without language", PN, DT, _set(SKOS.prefLabel, Literal("Actie"), IVP.Action)),
    Broken(
        "document labels not unique", NIJ, f"{C}UniqueLangConstraintComponent", _same_lang_label
    ),
    # shape:Theme: sh:in of IRIs, datatypes, sh:maxCount
    Broken(
        "theme status outside sh:in",
        PN,
        IN,
        _set(IVP.status, concept("themastatus", "unknown"), IVP.Theme),
    ),
    Broken("theme number as string", NIJ, DT, _set(IVP.number, Literal("3"), IVP.Theme)),
    Broken("body missing as string", NIJ, DT, _set(IVP.bodyMissing, Literal("ja"), IVP.Theme)),
    # shape:PlacedElsewhere: sh:or, sh:not, sh:hasValue
    Broken(
        "elsewhere without where",
        NIJ,
        f"{C}OrConstraintComponent",
        _set(IVP.status, concept("themastatus", "elsewhere"), IVP.Theme),
    ),
    Broken("elsewhere, where removed", NIJ, f"{C}OrConstraintComponent", _elsewhere_unsaid),
    # shape:Involvement, shape:CrossLink, shape:ThemeSetLink
    Broken(
        "partner of the wrong class",
        PN,
        CLASS,
        _set(IVP.partner, lambda g: first(g, IVP.Theme), IVP.Involvement),
    ),
    Broken(
        "two partners",
        NIJ,
        MAX,
        _add(IVP.partner, lambda g: first(g, IVP.Involvement), IVP.Involvement),
    ),
    Broken("cross-link not directed", NIJ, MIN, _del(IVP.directed, IVP.CrossLink)),
    Broken(
        "cross-link direction as string", PN, DT, _set(IVP.directed, Literal("true"), IVP.CrossLink)
    ),
    Broken("set member no theme", PN, CLASS, _add(IVP.setMember, plan, IVP.ThemeSetLink)),
    # shape:CoreThemeMapping: sequence path with sh:hasValue, sh:in of IRIs
    Broken(
        "core theme of another scheme",
        NIJ,
        f"{C}HasValueConstraintComponent",
        _set(IVP.coreTheme, concept("rol", "advies"), IVP.CoreThemeMapping),
    ),
    Broken(
        "match outside sh:in",
        PN,
        IN,
        _set(IVP.matchProperty, SKOS.closeMatch, IVP.CoreThemeMapping),
    ),
    Broken("mapping without basis", NIJ, MIN, _del(IVP.mappingBasis, IVP.CoreThemeMapping)),
    # shape:Topic, shape:ReferencedDocument: sh:inversePath
    Broken("topic of no theme", NIJ, MIN, _no_theme_of_topic),
    Broken("topic of two themes", PN, MAX, _second_theme_of_topic),
    Broken(
        "list position as decimal",
        PN,
        DT,
        _set(IVP.listPosition, Literal("1.5", datatype=XSD.decimal), IVP.Topic),
    ),
    Broken("document nobody refers to", NIJ, MIN, _unreferenced_document),
    # shape:Indicator (sh:in of literals), shape:IndicatorObservation (sh:xone)
    Broken("unit outside sh:in", PN, IN, _set(IVP.unit, Literal("counts"), IVP.Indicator)),
    Broken("value and missing value", PN, f"{C}XoneConstraintComponent", _value_and_missing),
    Broken(
        "neither value nor missing", PN, f"{C}XoneConstraintComponent", _neither_value_nor_missing
    ),
    # shape:BudgetObservation (sh:targetSubjectsOf), shape:AllThemesLine (sh:maxCount 0)
    Broken(
        "budget year as integer",
        NIJ,
        DT,
        lambda g: g.set((_observation(g, IVP.budgetLine), IVP.year, Literal(2023))),
    ),
    Broken(
        "budget amount missing",
        NIJ,
        MIN,
        lambda g: drop(g, _observation(g, IVP.budgetLine), IVP.amountEUR),
    ),
    Broken("all themes and one", NIJ, MAX, _all_themes_and_one),
    # shape:Extracted: sh:minInclusive, sh:maxInclusive, sh:in
    Broken(
        "confidence above one",
        NIJ,
        f"{C}MaxInclusiveConstraintComponent",
        _add(IVP.confidence, Literal("1.5", datatype=XSD.decimal), IVP.Action),
    ),
    Broken(
        "confidence below zero",
        PN,
        f"{C}MinInclusiveConstraintComponent",
        _add(IVP.confidence, Literal("-0.1", datatype=XSD.decimal), IVP.Action),
    ),
    Broken("confidence as string", NIJ, DT, _add(IVP.confidence, Literal("0.5"), IVP.Action)),
    Broken(
        "review mark outside sh:in",
        PN,
        IN,
        _add(IVP.reviewStatus, concept("beoordeling", "maybe"), IVP.Action),
    ),
    # shape:Note, shape:Place
    Broken("note without comment", PN, MIN, _del(RDFS.comment, IVP.Note)),
    Broken(
        "place kind outside sh:in",
        PN,
        IN,
        _set(IVP.placeKind, concept("plaatssoort", "dorp"), IVP.Place),
    ),
    Broken("place in no municipality", NIJ, CLASS, _set(DCTERMS.isPartOf, plan, IVP.Place)),
    # the shared graphs: sh:pattern, sh:nodeKind, sh:or of property shapes, sh:message
    Broken(
        "CBS code pattern",
        SHARED,
        f"{C}PatternConstraintComponent",
        _set(IVP.cbsCode, Literal("GM123"), IVP.Municipality),
    ),
    Broken(
        "TOOI as literal",
        SHARED,
        f"{C}NodeKindConstraintComponent",
        _set(
            OWL.sameAs,
            Literal("https://identifier.overheid.nl/tooi/id/gemeente/gm0268"),
            IVP.Municipality,
        ),
    ),
    Broken(
        "TOOI pattern",
        SHARED,
        f"{C}PatternConstraintComponent",
        _set(OWL.sameAs, URIRef("https://example.org/gm0268"), IVP.Municipality),
    ),
    Broken(
        "provision with no link",
        SHARED,
        f"{C}OrConstraintComponent",
        _del_all(IVP.LegalProvision, IVP.juriconnect, RDFS.seeAlso),
    ),
    Broken(
        "juriconnect pattern",
        SHARED,
        f"{C}PatternConstraintComponent",
        _set(IVP.juriconnect, URIRef("https://wetten.overheid.nl/BWBR0031788"), IVP.LegalProvision),
    ),
    Broken("partner without type", SHARED, MIN, _del(IVP.partnerType, IVP.Partner)),
    Broken(
        "scope outside sh:in",
        SHARED,
        IN,
        _set(IVP.geographicScope, concept("reikwijdte", "overal"), IVP.Partner),
    ),
    Broken(
        "region code pattern",
        SHARED,
        f"{C}PatternConstraintComponent",
        _add(IVP.coversCbsCode, Literal("0268"), IVP.Region),
    ),
    Broken(
        "covered code not a string",
        SHARED,
        DT,
        _add(IVP.coversCbsCode, Literal(268), IVP.Partner, IVP.coversCbsCode),
    ),
    Broken("municipality is a partner", SHARED, MIN, _del(IVP.partnerKind, IVP.Municipality)),
    Broken("concept in no scheme", SHARED, MIN, _del(SKOS.inScheme, SKOS.Concept)),
    Broken(
        "concept scheme of the wrong class",
        SHARED,
        CLASS,
        _set(SKOS.inScheme, lambda g: first(g, IVP.Partner), SKOS.Concept),
    ),
    Broken(
        "paragraph of two articles",
        SHARED,
        MAX,
        lambda g: g.add((_observation(g, IVP.paragraph), IVP.article, Literal("99"))),
    ),
]


@pytest.fixture(scope="module")
def baseline(real: dict[str, Checked], shapes: Graph) -> dict[str, set[Key]]:
    """pyshacl's results on each real graph unbroken (they hold results outside the focus)."""
    return {name: by_pyshacl(c.graph, shapes)[1] for name, c in real.items()}


@pytest.mark.parametrize("broken", BROKEN, ids=str)
def test_broken_graph(
    broken: Broken, real: dict[str, Checked], baseline: dict[str, set[Key]], shapes: Graph
) -> None:
    checked = real[broken.base]
    g = Graph()
    g += checked.graph
    broken.mutate(g)
    new = assert_same(checked, g, shapes) - baseline[broken.base]
    assert any(k[2] == broken.component for k in new), sorted(new, key=str)[:5]


def test_every_constraint_kind_is_broken_once(shapes: Graph) -> None:
    """The mutations reach every constraint kind the shapes use (the parameter's local name)."""
    used = {str(p).removeprefix(C) for p in set(shapes.predicates()) if str(p).startswith(C)}
    # targets, paths and messages are no constraints (inverse paths are broken by the topic
    # and document cases)
    kinds = used - {
        "path",
        "inversePath",
        "property",
        "message",
        "targetClass",
        "targetSubjectsOf",
        "target",
    }
    kinds -= {"declare", "prefix", "namespace", "prefixes", "select"}  # the SPARQL target's
    broken = {b.component.removeprefix(C).removesuffix("ConstraintComponent") for b in BROKEN}
    names = {
        "minCount": "MinCount",
        "maxCount": "MaxCount",
        "class": "Class",
        "datatype": "Datatype",
        "in": "In",
        "pattern": "Pattern",
        "or": "Or",
        "xone": "Xone",
        "not": "Or",  # the one sh:not is inside an sh:or: broken, it shows as the or's
        "hasValue": "HasValue",
        "uniqueLang": "UniqueLang",
        "nodeKind": "NodeKind",
        "minInclusive": "MinInclusive",
        "maxInclusive": "MaxInclusive",
        "minLength": "MinLength",
    }
    assert kinds == set(names), kinds ^ set(names)
    assert {names[k] for k in kinds} <= broken


def test_draft_plan_is_no_curated_plan(real: dict[str, Checked], shapes: Graph) -> None:
    """The SPARQL target leaves a draft out: no municipality needed, in both engines."""
    checked = real[NIJ]
    g = Graph()
    g += checked.graph
    g.add((plan(g), IVP.planStatus, concept("planstatus", "draft")))
    drop(g, plan(g), IVP.municipality)
    results = assert_same(checked, g, shapes)
    assert not any(k[0] == plan(g) for k in results)
    curated = Graph()
    curated += checked.graph
    drop(curated, plan(curated), IVP.municipality)
    assert any(
        k[0] == plan(g) and k[1] == str(IVP.municipality)
        for k in assert_same(checked, curated, shapes)
    )


def test_random_deletions_and_copies(
    real: dict[str, Checked], synthetic: dict[str, Checked], shapes: Graph
) -> None:
    """Beyond the chosen cases: delete or copy random triples of plan nodes (seeded)."""
    draw = random.Random(14)
    graphs = [*real.values(), *synthetic.values()]
    for checked in graphs[:8]:
        for _ in range(2):
            g = Graph()
            g += checked.graph
            triples = sorted(t for t in g if t[0] in checked.focus and t[1] != RDF.type)
            for s, p, o in draw.sample(triples, 5):
                g.remove((s, p, o))
                if draw.random() < 0.5:
                    g.add((draw.choice(sorted(checked.focus)), p, o))
            assert_same(checked, g, shapes)


def test_a_check_leaves_no_data_behind(real: dict[str, Checked], shapes: Graph) -> None:
    """Each check stages its graph and rolls it back: the next one sees only its own."""
    fast = session(shapes)
    assert fast is not None
    fast.report(real[NIJ].graph)
    assert [tuple(t) for t in fast.rudof.triples()] == [(EMPTY_IRI, EMPTY_IRI, EMPTY_IRI)]


def _in_forked_child(shapes: Graph) -> bool:
    return session(shapes) is None


def test_a_child_forked_after_a_validation_uses_pyshacl(
    real: dict[str, Checked], shapes: Graph
) -> None:
    """pyrudof's thread pool does not survive a fork (a child's validation would wait for
    ever): a process forked after this one validated gets no session, and pyshacl decides."""
    fast = session(shapes)
    assert fast is not None
    fast.report(real[NIJ].graph)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_in_forked_child, shapes).result(timeout=60)


def test_pyrudof_alone_ignores_the_sparql_target(shapes: Graph, real: dict[str, Checked]) -> None:
    """Why graph.rudof_shapes rewrites shape:CuratedPlan: pyrudof 0.3.35 reads sh:SPARQLTarget
    and selects nothing. When this fails, pyrudof runs SPARQL targets: the rewrite may go."""
    import pyrudof

    g = Graph()
    g += real[NIJ].graph
    drop(g, plan(g), IVP.municipality)
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_shacl(shapes.serialize(format="turtle"), pyrudof.ShaclFormat.Turtle)
    rudof.read_data(g.serialize(format="nt"), pyrudof.RDFFormat.NTriples)
    found = {
        (e.focus_node, e.path) for e in rudof.validate_shacl(pyrudof.ShaclValidationMode.Native)
    }
    assert (str(plan(g)), str(IVP.municipality)) not in found
    assert (plan(g), str(IVP.municipality)) in {k[:2] for k in by_pyshacl(g, shapes)[1]}
