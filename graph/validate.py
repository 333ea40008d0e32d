"""Validation: is the loaded data faithful to its sources and well-formed?

Three checks on top of what the loader already enforces (ids, references, duplicates):
- quotes: every ivp:Quote occurs in the source text of the plan it cites;
- values: every number in a budget table or indicator is printed in the quote it cites, so a
  mistyped amount fails as surely as a made-up quote;
- SHACL: the shapes in ontology/shapes.ttl hold.

Each check takes one graph, so the pipeline (graph.pipeline) can run them plan by plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SH

from graph.entries import OA, QB, LoadResult, Location
from graph.iris import rebase
from graph.notices import notice
from graph.problems import CannotRun, Problem
from graph.quotes import load_source, normalise
from graph.rudof_shapes import session


def _where(result: LoadResult, node: object, fallback: str) -> Location:
    return result.locations.get(node, Location(fallback, None, str(node)))  # type: ignore[arg-type]


def check_quotes(
    result: LoadResult,
    g: Graph,
    plan_of_section: Mapping[URIRef, str] | None = None,
    sources: Mapping[str, Path] | None = None,
) -> list[Problem]:
    """Every quote in `g` against the source text of the plan whose section it cites.

    By default the sections and sources are those `g` and `result` hold; the model's quotes
    (the VNG scheme cites a plan) are checked with those of every plan.
    """
    problems = []
    ivp = result.iris.ivp
    if plan_of_section is None:
        plan_of_section = {
            section: plan_id
            for plan_id in result.plans
            for section in g.subjects(RDF.type, ivp.Section)
            if str(section).startswith(str(result.iris.id("sectie", plan_id)) + "/")
        }
    sources = result.sources if sources is None else sources
    for quote in g.subjects(RDF.type, ivp.Quote):
        text = str(g.value(quote, OA.exact) or "")
        section = g.value(quote, DCTERMS.isPartOf)
        where = _where(result, quote, "?")
        plan_id = plan_of_section.get(section)  # type: ignore[arg-type]
        if plan_id is None:
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    where.entity,
                    notice("quote_section", section=section),
                    "reference",
                )
            )
            continue
        source = sources.get(plan_id)
        if source is None:
            continue  # the plan's missing source text is reported by the loader
        text_of_source = load_source(source)
        if not text_of_source.contains(text):
            near = text_of_source.closest(text)
            hint = notice("closest", near=near) if near else ""
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    where.entity,
                    notice("quote_not_found", name=source.name, text=text, hint=hint),
                    "quote",
                )
            )
    return problems


def printed_forms(value: Decimal) -> set[str]:
    """How a number may be printed in a Dutch source: 14736, 14.736, 7,8, -71."""
    forms = {str(value)}
    if value == value.to_integral_value():
        whole = int(value)
        forms |= {str(whole), f"{whole:,}".replace(",", ".")}
    else:
        forms.add(str(value.normalize()).replace(".", ","))
    return forms


def check_values(result: LoadResult, g: Graph) -> list[Problem]:
    """Every tabled number must be printed in one of the quotes it cites."""
    ivp = result.iris.ivp
    problems = []
    for obs in g.subjects(RDF.type, QB.Observation):
        value = g.value(obs, ivp.amountAsPrinted) or g.value(obs, ivp.value)
        if value is None:
            continue
        quotes = " | ".join(
            normalise(str(g.value(q, OA.exact))) for q in g.objects(obs, PROV.wasDerivedFrom)
        )
        tokens = set(quotes.replace("€", " ").replace("(", " ").replace(")", " ").split())
        if not printed_forms(Decimal(str(value))) & tokens:
            owner = g.value(obs, ivp.budgetLine) or g.value(obs, ivp.indicator)
            where = (
                _where(result, obs, "?") if obs in result.locations else _where(result, owner, "?")
            )
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    where.entity,
                    notice("value_not_printed", value=value, quotes=quotes),
                    "value",
                )
            )
    return problems


# The YAML field(s) each shape's path is written from (by the path's local name), so that a
# SHACL result about a value points at the line of that field, not at its entity. A field
# that is absent leaves the entity's line, which is where it must be added.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "prefLabel": ("label",),
    "identifier": ("id",),
    "definition": ("definition",),
    "municipality": ("municipality",),
    "startYear": ("period",),
    "endYear": ("period",),
    "adoptedBy": ("adoption",),
    "dateAccepted": ("adoption",),
    "wasDerivedFrom": ("quote", "quotes"),
    "status": ("status",),
    "bodyMissing": ("body_missing",),
    "number": ("number",),
    "partner": ("partner",),
    "role": ("roles",),
    "linkFrom": ("from",),
    "linkTo": ("to", "to_domain"),
    "linkKind": ("kind",),
    "directed": ("directed",),
    "coreTheme": ("concept",),
    "matchProperty": ("match",),
    "mappingBasis": ("basis",),
    "partnerKind": ("kind",),
    "domain": ("domains",),
    "cbsCode": ("cbs_code",),
    "sameAs": ("tooi",),
    "juriconnect": ("bwb",),
    "seeAlso": ("uri",),
}


def _local_name(path: object) -> str:
    return str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_shapes(path: Path, base: str) -> Graph:
    try:
        shapes = Graph().parse(str(path), format="turtle")
    except Exception as err:
        raise CannotRun(notice("cannot_read_shapes", path=path, err=err)) from err
    return rebase(shapes, base)


def check_shapes(
    result: LoadResult, g: Graph, shapes: Graph, focus: Collection[object] | None = None
) -> list[Problem]:
    """SHACL over `g`, in place; only results about nodes in `focus` when it is given.

    `focus` lets a plan graph carry the types of the shared nodes it points at (so sh:class
    can be checked) without those nodes, described elsewhere, being judged on this graph.
    pyrudof decides first (graph.rudof_shapes): only a graph with a result about `focus` is
    run through pyshacl, whose report gives the messages.
    """
    fast = session(shapes)
    if fast is not None and fast.holds(g, focus):
        return []
    return pyshacl_problems(result, g, shapes, focus)


def pyshacl_problems(
    result: LoadResult, g: Graph, shapes: Graph, focus: Collection[object] | None = None
) -> list[Problem]:
    """`check_shapes` by pyshacl alone: the reference the fast pass is tested against."""
    conforms, report, _ = shacl_validate(
        g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    if conforms:
        return []
    problems = []
    for res in report.subjects(RDF.type, SH.ValidationResult):
        focus_node = report.value(res, SH.focusNode)
        if focus is not None and focus_node not in focus:
            continue
        path = report.value(res, SH.resultPath)
        message = report.value(res, SH.resultMessage)
        where = _where(result, focus_node, "dataset")
        label = path.n3(g.namespace_manager) if isinstance(path, URIRef) else "node"
        entity = where.entity if focus_node in result.locations else str(focus_node)
        line = where.line_of(*FIELDS.get(_local_name(path), ())) if path else where.line
        problems.append(Problem(where.file, line, entity, f"{label}: {message}", "shacl"))
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
