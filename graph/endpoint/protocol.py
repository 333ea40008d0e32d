"""The SPARQL 1.1 Protocol's request side: where the query is, which dataset, what it is.

Turns an HTTP request into a `Operation` (query or update text plus the RDF dataset) or an
`EndpointError` with the status the protocol prescribes: 400 for a malformed request, 405 for
a method it does not define, 413/414 for oversized input, 415 for a body type it does not
define. What the query text itself says is read by graph.sparql_lexer; evaluation happens in
the workers; nothing here touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Request

from graph.endpoint.error_texts import Message
from graph.endpoint.limits import EndpointError, Limits

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


@dataclass
class Operation:
    """One protocol operation: a query or an update, with its protocol-given dataset."""

    kind: str  # "query" | "update"
    text: str
    default_graphs: list[str] = field(default_factory=list)  # default-graph-uri / using-graph-uri
    named_graphs: list[str] = field(default_factory=list)  # named-graph-uri / using-named-graph-uri
    fmt: str | None = None  # the non-standard but common `format` parameter


def parse_operation(request: Request, limits: Limits) -> Operation | None:
    """The operation in a request to the endpoint URL; None when it carries none (GET only).

    GET takes `query` from the URL; POST takes a form (`query` or `update`) or a direct body
    (application/sparql-query or application/sparql-update) with the dataset in the URL.
    """
    method = request.method
    if method in ("GET", "HEAD"):
        args = request.args
        if "update" in args:
            raise EndpointError(400, "update_by_get")
        if "query" not in args:
            return None
        text = _single(args, "query")
        if len(text) > limits.max_query_length:
            raise EndpointError(414, "query_too_long", limit=limits.max_query_length)
        return _operation("query", text, args, args, "default-graph-uri", "named-graph-uri")
    if method != "POST":
        raise EndpointError(
            405, "not_protocol", headers={"Allow": "GET, HEAD, POST, OPTIONS"}, method=method
        )
    _check_length(request, limits)
    mimetype = request.mimetype
    if mimetype == FORM:
        form = request.form
        both = MultiDict(list(request.args.items(multi=True)) + list(form.items(multi=True)))
        if "query" in form and "update" in form:
            raise EndpointError(400, "query_and_update")
        if "update" in form:
            return _checked(
                _operation(
                    "update",
                    _single(form, "update"),
                    both,
                    both,
                    "using-graph-uri",
                    "using-named-graph-uri",
                ),
                limits,
            )
        if "query" in form:
            return _checked(
                _operation(
                    "query",
                    _single(form, "query"),
                    both,
                    both,
                    "default-graph-uri",
                    "named-graph-uri",
                ),
                limits,
            )
        raise EndpointError(400, "form_without_query")
    if mimetype in (QUERY_BODY, UPDATE_BODY):
        try:
            text = request.get_data(cache=True).decode("utf-8")
        except UnicodeDecodeError as err:
            raise EndpointError(400, "not_utf8") from err
        if mimetype == QUERY_BODY:
            op = _operation(
                "query", text, request.args, request.args, "default-graph-uri", "named-graph-uri"
            )
        else:
            op = _operation(
                "update",
                text,
                request.args,
                request.args,
                "using-graph-uri",
                "using-named-graph-uri",
            )
        return _checked(op, limits)
    raise EndpointError(
        415,
        "body_type",
        media=mimetype or Message("no_type"),
        form=FORM,
        query=QUERY_BODY,
        update=UPDATE_BODY,
    )


def _check_length(request: Request, limits: Limits) -> None:
    length = request.content_length
    if length is not None and length > limits.max_body:
        raise EndpointError(413, "body_too_large", limit=limits.max_body)
    request.max_content_length = limits.max_body  # also stops chunked bodies without a length


def _checked(op: Operation, limits: Limits) -> Operation:
    if len(op.text) > limits.max_query_length:
        raise EndpointError(413, f"{op.kind}_too_long", limit=limits.max_query_length)
    return op


def _single(params: MultiDict, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise EndpointError(400, "one_parameter", name=name)
    return values[0]


def _operation(
    kind: str, text: str, params: MultiDict, fmt_params: MultiDict, default: str, named: str
) -> Operation:
    return Operation(
        kind=kind,
        text=text,
        default_graphs=params.getlist(default),
        named_graphs=params.getlist(named),
        fmt=fmt_params.get("format") or fmt_params.get("output"),
    )
