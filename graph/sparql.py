"""Ad-hoc SPARQL over the built store, for `ivp query` and Python callers.

The default graph is the union of all named graphs (one per plan, plus model and register),
so queries need no GRAPH clauses; common prefixes (ivp, skos, dcterms, prov, ...) are
predeclared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import queries
from graph.config import DEFAULT_BASE, Settings
from graph.i18n import choose
from graph.notices import notice
from graph.sparql_lexer import explain, in_order, plan_values_at, select_star_order
from graph.store import prefixes, rows_of

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class QueryError(ValueError):
    """The query text is not valid SPARQL (or not a query this command can run)."""


@dataclass
class QueryResult:
    kind: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


def query_text(argument: str, settings: Settings) -> str:
    """'SELECT ...' as is; '@file.rq' read from disk; '@name' a named query of the package.

    Named queries are written against the default base IRI and moved to the configured one.
    """
    if not argument.startswith("@"):
        return argument
    ref = argument[1:]
    path = Path(ref)
    if path.suffix == ".rq" or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(notice("cannot_read", ref=ref, err=err.strerror)) from err
    return queries.get(ref).text.replace(DEFAULT_BASE, settings.base)


def for_plans(text: str, plans: list[str]) -> str:
    """The query answered for some plans only (`ivp query @gedeelde-partners --plan P`):
    `VALUES ?plan` first in its WHERE clause. Nationally a query that pairs every plan with
    every other is quadratic; for one plan it is linear."""
    at = plan_values_at(text)
    if at is None:
        raise QueryError(notice("no_plan_column"))
    values = " ".join(json.dumps(p, ensure_ascii=False) for p in plans)  # SPARQL's escapes too
    return f"{text[:at]} VALUES ?plan {{ {values} }}{text[at:]}"


def run(store: ox.Store, text: str, settings: Settings) -> QueryResult:
    try:
        answer = store.query(text, prefixes=prefixes(settings), use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(explain(text, str(err), choose())) from err
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("graph", triples=list(answer))
    names, rows = rows_of(answer)
    return QueryResult("select", variables=in_order(names, select_star_order(text)), rows=rows)


def serialize(triples: list[ox.Triple], fmt: str, settings: Settings) -> str:
    data = ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes(settings))
    return data.decode("utf-8")
