"""Evaluating one job against an open store: the query, its dataset, its answer's format.

Runs inside a worker process (worker.py); nothing here knows about processes or HTTP, so the
same function answers for the endpoint and can be called directly in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.endpoint.answers import DATASET_FORMATS, graph_answer, results_answer
from graph.endpoint.error_texts import Message
from graph.endpoint.limits import EndpointError
from graph.endpoint.negotiation import GRAPH_TYPES, RESULT_TYPES
from graph.sparql_lexer import in_order, service_iris


@dataclass(frozen=True)
class QueryJob:
    """Evaluate a query and serialize its answer in the negotiated media type."""

    text: str
    result_type: str | None  # for SELECT/ASK; None: the client accepts none
    graph_type: str | None  # for CONSTRUCT/DESCRIBE
    default_graphs: tuple[str, ...] | None  # None: the query's own dataset (or the union)
    named_graphs: tuple[str, ...] | None
    union: bool  # the default graph is the union of all graphs
    max_rows: int
    prefixes: dict[str, str]
    base_iri: str | None = None  # relative IRIs resolve against it; a BASE in the query wins
    federated: bool = False  # the query may call SERVICE: an I/O error is then the remote's
    columns: tuple[str, ...] = ()  # SELECT *: the order the variables appear in the query


@dataclass(frozen=True)
class RowsJob:
    """Evaluate a SELECT for the HTML pages and return rows of plain, picklable terms."""

    text: str
    max_rows: int
    prefixes: dict[str, str]


@dataclass(frozen=True)
class UpdateJob:
    """Apply a SPARQL Update (only ever sent to a writable, one-shot worker)."""

    text: str
    using_graphs: tuple[str, ...]
    using_named_graphs: tuple[str, ...]
    prefixes: dict[str, str]
    base_iri: str | None = None  # as QueryJob's


@dataclass(frozen=True)
class GraphStoreJob:
    """A Graph Store Protocol write: PUT replaces, POST adds, DELETE drops a graph."""

    method: str
    graph: str | None  # None: the default graph
    body: bytes
    media_type: str | None


Term = tuple[str, ...]  # ("uri", iri) | ("bnode", id) | ("literal", value, datatype, lang)


def plain(term: Any) -> Term | None:
    """A pyoxigraph term as a tuple that pickles and that the pages can render."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language or "")
    return ("literal", str(term), "", "")  # a quoted triple: shown as text


def execute(store: ox.Store, job: Any) -> tuple[str, Any, Any]:
    """Run one job: ("ok", media_type, bytes) / ("rows", names, rows) / ("error", status, msg),
    msg an error_texts.Message: the worker does not know the request's language."""
    try:
        if isinstance(job, QueryJob):
            return _query(store, job)
        if isinstance(job, RowsJob):
            answer = store.query(job.text, prefixes=job.prefixes, use_default_graph_as_union=True)
            names = [v.value for v in answer.variables]
            rows = []
            for i, row in enumerate(answer):
                if i >= job.max_rows:
                    break
                rows.append({n: plain(row[n]) for n in names})
            return ("rows", names, rows)
        if isinstance(job, UpdateJob):
            return _update(store, job)
        if isinstance(job, GraphStoreJob):
            return _graph_store(store, job)
    except SyntaxError as err:
        # worded where the response is made, in the request's language (error_texts.Message)
        return (
            "error",
            400,
            Message("malformed", {"query": getattr(job, "text", ""), "engine": str(err)}),
        )
    except EndpointError as err:
        return ("error", err.status, err.message)
    except RuntimeError as err:
        if type(err) is not RuntimeError:  # RecursionError, NotImplementedError: our bugs
            raise
        # pyoxigraph's evaluation errors that are neither syntax nor I/O are the query's:
        # an unknown function, an unbound SERVICE variable, a substitution of no variable
        return ("error", 400, Message("cannot_evaluate", {"err": str(err)}))
    except OSError as err:
        if isinstance(job, QueryJob) and job.federated:
            return ("error", 502, _service_failed(job.text, err))
        # store errors: the message is the engine's, never a traceback
        return ("error", 500, Message("could_not_evaluate", {"err": str(err)}))
    raise TypeError(f"unknown job {job!r}")


def _dataset(job: QueryJob) -> dict[str, Any]:
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": job.union}
    return {
        "default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()] or ox.DefaultGraph(),
        "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()],
    }


def _service_failed(text: str, err: OSError) -> Message:
    """The 502 message: which services the query calls (their IRIs) and what went wrong."""
    iris = service_iris(text)
    named = ", ".join(f"<{iri}>" for iri in iris) if iris else Message("the_service")
    return Message("service_failed", {"named": named, "err": str(err)})


def _query(store: ox.Store, job: QueryJob) -> tuple[str, Any, Any]:
    try:
        answer = store.query(
            job.text, base_iri=job.base_iri, prefixes=job.prefixes, **_dataset(job)
        )
    except ValueError as err:  # e.g. an IRI in default-graph-uri that is not an IRI
        raise EndpointError(400, "bad_request", err=str(err)) from err
    if isinstance(answer, ox.QueryTriples):
        if job.graph_type is None:
            raise EndpointError(406, _not_acceptable("an_rdf_graph", GRAPH_TYPES))
        triples = []
        for triple in answer:
            if len(triples) >= job.max_rows:
                raise EndpointError(400, "too_many_triples", cap=job.max_rows)
            triples.append(triple)
        return ("ok", job.graph_type, graph_answer(triples, job.graph_type, job.prefixes))
    if job.result_type is None:
        raise EndpointError(406, _not_acceptable("a_sparql_result", RESULT_TYPES))
    fmt = RESULT_TYPES[job.result_type]
    if isinstance(answer, ox.QueryBoolean):
        return ("ok", job.result_type, answer.serialize(format=fmt))  # no literal to check
    # Serialize to TSV (one line per solution) while counting lines, then convert with the
    # engine's own serializers: the cap stops evaluation early and no format is hand-written.
    sink = _CappedLines(job.max_rows + 1)
    try:
        answer.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except OSError:
        if sink.full:
            raise EndpointError(400, "too_many_rows", cap=job.max_rows) from None
        raise
    tsv = _reordered(b"".join(sink.parts), job.columns)
    if fmt == ox.QueryResultsFormat.TSV:
        return ("ok", job.result_type, tsv)
    solutions = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return ("ok", job.result_type, results_answer(solutions.serialize(format=fmt), job.result_type))


def _reordered(tsv: bytes, columns: tuple[str, ...]) -> bytes:
    """TSV results with their columns in `columns`' order (for SELECT *: the engine's own is
    alphabetical). A tab inside a TSV value is written as \\t, so raw tabs split cells."""
    lines = tsv.split(b"\n")
    header = [name.decode()[1:] for name in lines[0].split(b"\t")] if lines[0] else []
    order = in_order(header, list(columns))
    if not columns or order == header:
        return tsv
    picks = [header.index(name) for name in order]
    out = [b"\t".join(("?" + name).encode() for name in order)]
    for line in lines[1:]:
        cells = line.split(b"\t")
        out.append(b"\t".join(cells[i] for i in picks) if len(cells) == len(header) else line)
    return b"\n".join(out)


class _CappedLines:
    """A binary sink that refuses to take more than `limit` lines (header included)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.lines, self.parts, self.full = limit, 0, [], False

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            self.full = True
            raise OSError("row cap reached")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _not_acceptable(what: str, offered: dict[str, Any]) -> Message:
    return Message("not_acceptable", {"what": Message(what), "offered": ", ".join(offered)})


def _update(store: ox.Store, job: UpdateJob) -> tuple[str, Any, Any]:
    if job.using_graphs or job.using_named_graphs:
        raise EndpointError(400, "using_graphs")
    store.update(job.text, base_iri=job.base_iri, prefixes=job.prefixes)
    store.flush()
    return ("ok", "text/plain", b"Update applied.\n")


def _graph_store(store: ox.Store, job: GraphStoreJob) -> tuple[str, Any, Any]:
    graph = ox.NamedNode(job.graph) if job.graph else ox.DefaultGraph()
    if job.method in ("PUT", "DELETE"):
        if (
            job.method == "DELETE"
            and graph != ox.DefaultGraph()
            and graph not in set(store.named_graphs())
        ):
            raise EndpointError(404, "no_graph", graph=job.graph)
        store.remove_graph(graph) if graph != ox.DefaultGraph() else store.clear_graph(graph)
    if job.method in ("PUT", "POST"):
        fmt = GRAPH_TYPES.get(job.media_type or "")
        if fmt is None or fmt in DATASET_FORMATS:
            raise EndpointError(415, "graph_body_type")
        try:
            quads = [
                ox.Quad(q.subject, q.predicate, q.object, graph)
                for q in ox.parse(job.body, format=fmt)
            ]
        except SyntaxError as err:  # else it would read as "Malformed SPARQL"
            raise EndpointError(400, "invalid_body", media=job.media_type, err=str(err)) from err
        store.extend(quads)
    store.flush()
    return ("ok", "text/plain", f"{job.method} applied.\n".encode())
