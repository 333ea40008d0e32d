"""The WSGI application: routes, the protocol's responses, CORS, and the error boundary.

Every request ends in a response with a status and a readable message; exceptions are logged
on the server and answered with a generic 500, so no stack trace ever reaches a client. The
message is worded here, at the boundary, in the request's language (`?lang=`, else
Accept-Language, else Dutch): layers below raise a key and its fields (error_texts.py says why).
"""

from __future__ import annotations

import hmac
import logging
import time
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from graph.config import DEFAULT_BASE, Settings
from graph.endpoint import pages
from graph.endpoint.describe import DESCRIPTION_PREFIXES, Describer
from graph.endpoint.error_texts import Message
from graph.endpoint.evaluate import GraphStoreJob, QueryJob, RowsJob, UpdateJob
from graph.endpoint.limits import EndpointError, Limits
from graph.endpoint.linked_data import UNSAFE_IRI, LinkedData
from graph.endpoint.negotiation import (
    content_type,
    graph_type,
    parse_accept,
    query_types,
    request_language,
    spoken_language,
    wants_html,
)
from graph.endpoint.pool import Pool
from graph.endpoint.protocol import Operation, parse_operation
from graph.endpoint.query_page import USED_TERMS, query_page, vocabulary
from graph.endpoint.responses import error as _error
from graph.endpoint.responses import html as _html
from graph.i18n import Language, choose
from graph.queries import NamedQuery, named_queries
from graph.sparql_lexer import QueryTextError, Shape, shape
from graph.store import prefixes

log = logging.getLogger("kruisverband.endpoint")
READ = "GET, HEAD, OPTIONS"


@dataclass
class Endpoint(LinkedData):
    """The application; one instance serves every request, from many threads."""

    settings: Settings
    limits: Limits
    pool: Pool
    describer: Describer
    public_url: str  # e.g. http://127.0.0.1:8000/: links and redirects; the Host header is ignored

    def __post_init__(self) -> None:
        self.prefixes = prefixes(self.settings)
        # for output: `id:` would spell every resource as id:plan\/x, so it is left out
        self.page_prefixes = {
            k: v for k, v in (self.prefixes | DESCRIPTION_PREFIXES).items() if k != "id"
        }
        self._cache: dict[str, Any] = {}

    # -- the error boundary -------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        started = time.monotonic()
        language = spoken_language(request)  # until the request's own `lang` proves good
        try:
            language = _asked_language(request)
            response = self.dispatch(request)
        except EndpointError as err:
            response = _error(err.status, err.message(language), language, err.headers)
        except QueryTextError as err:  # the query text is not one the endpoint will run
            response = _error(400, err.in_language(language), language)
        except HTTPException as err:  # werkzeug's own, e.g. a body over max_content_length
            message = (
                Message("body_too_large", {"limit": self.limits.max_body})
                if err.code == 413
                else Message("http", {"code": err.code, "description": err.description or err.name})
            )
            response = _error(err.code or 400, message(language), language)
        except Exception:
            log.exception("unexpected error for %s %s", request.method, request.path)
            response = _error(500, Message("internal")(language), language)
        self._cors(request, response)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        for name, value in self.limits.extra_headers.items():
            response.headers[name] = value
        log.info(
            "%s %s %s %.0f ms",
            request.method,
            request.full_path.rstrip("?")[:200],
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response(environ, start_response)

    def _cors(self, request: Request, response: Response) -> None:
        origin = request.headers.get("Origin")
        origins = self.limits.cors_origins
        if not origin or not origins:
            return
        preflight = request.method == "OPTIONS"
        if not preflight and request.method not in self.limits.cors_methods:
            return
        if "*" in origins:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        else:
            return
        if preflight:
            methods = ", ".join([*self.limits.cors_methods, "OPTIONS"])
            response.headers["Access-Control-Allow-Methods"] = methods
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"

    # -- routing ------------------------------------------------------------------------
    def dispatch(self, request: Request) -> Response:
        path = request.path
        if request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
        if path == "/sparql":
            return self.sparql(request)
        if path == "/graphs":
            return self.graph_store(request)
        if request.method not in ("GET", "HEAD"):
            raise EndpointError(405, "read_only_path", headers={"Allow": READ}, path=path)
        if path in ("/", "/index.html"):
            return self.query_page(request)
        if path == "/.well-known/void":
            return self.void(request)
        if path.startswith("/id/") and len(path) > 4:
            target = self.public_url + "doc/" + _requote(path[4:])
            return Response(
                f"See {target}\n",
                status=303,
                headers={"Location": target, "Vary": "Accept"},
                content_type="text/plain; charset=utf-8",
            )
        if path.startswith("/doc/") and len(path) > 5:
            return self.doc(request, self.settings.base + "id/" + _requote(path[5:]))
        if path in ("/def/ivp", "/def/ivp/"):
            return self.ontology(request)
        if path.startswith("/static/") and path[8:] in pages.STATIC:
            return self.static(path[8:])
        if path.startswith("/download/"):
            return self.download(request, path[10:])
        raise EndpointError(404, "nothing_here", path=path)

    def forget(self) -> None:
        """Drop what was cached from the previous build (a new one has landed)."""
        self._cache = {}

    def named(self) -> list[NamedQuery]:
        """The project's named queries, moved to the configured base IRI like the CLI does."""
        return [
            replace(q, text=q.text.replace(DEFAULT_BASE, self.settings.base))
            for q in named_queries()
        ]

    def query_page(self, request: Request) -> Response:
        """The query page in the language asked for, with `?query=` in its editor."""
        language = choose(request.args.get("lang"))  # a `lang` we lack: refused in __call__
        if "terms" not in self._cache:  # the build's vocabulary, for completion
            _, _, used = self.run(RowsJob(USED_TERMS, self.limits.max_rows, self.prefixes))
            ontology = self.describer.ontology()
            self._cache["terms"] = vocabulary(ontology, self.prefixes["ivp"], used)
        page = query_page(
            self.named(),
            self.prefixes,
            self.settings.base,
            terms=self._cache["terms"],
            language=language,
            query=request.args.get("query"),
        )
        return _html(page)

    def run(self, job: Any) -> tuple[str, Any, Any]:
        status, first, second = self.pool.run(job)
        if status == "error":
            raise EndpointError(first, second)
        return status, first, second

    # -- SPARQL protocol ----------------------------------------------------------------
    def sparql(self, request: Request) -> Response:
        op = parse_operation(request, self.limits)
        accept = parse_accept(request.headers.get("Accept"))
        if op is None:
            fmt = request.args.get("format")
            if not fmt and wants_html(accept):
                return self.query_page(request)
            root = self.public_url
            triples = self.describer.service(root + "sparql", root + ".well-known/void")
            return self.rdf(triples, graph_type(accept, fmt))
        if op.kind == "update":
            return self.update(request, op)
        found = shape(op.text)
        if found.update:
            raise EndpointError(
                400, "update_as_query_token" if self.limits.update_token else "update_as_query"
            )
        self.refuse_service(found)
        rtype, gtype = query_types(accept, op.fmt)
        wanted = gtype if found.form in ("CONSTRUCT", "DESCRIBE") else rtype
        if found.form and wanted is None:
            raise EndpointError(406, "form_not_acceptable", form=found.form)
        given = bool(op.default_graphs or op.named_graphs)
        job = QueryJob(
            text=op.text,
            result_type=rtype,
            graph_type=gtype,
            default_graphs=tuple(self.graph_iri(g) for g in op.default_graphs) if given else None,
            named_graphs=tuple(self.graph_iri(g) for g in op.named_graphs) if given else None,
            union=not found.has_dataset,
            max_rows=self.limits.max_rows,
            prefixes=self.prefixes,
            base_iri=self.public_url + "sparql",
            federated=found.has_service,
            columns=found.star_order,
        )
        _, media, body = self.run(job)
        return Response(body, content_type=content_type(media), headers={"Vary": "Accept"})

    def refuse_service(self, found: Shape) -> None:
        """With federation off, no query or update may make the server fetch a URL."""
        if found.has_service and not self.limits.federation:
            raise EndpointError(400, "service_disabled")

    def graph_iri(self, iri: str) -> str:
        """A graph IRI as given, or moved to the base when it names this server's /id/ path."""
        local = self.public_url + "id/"
        return self.settings.base + "id/" + iri[len(local) :] if iri.startswith(local) else iri

    def authorize(self, request: Request) -> None:
        """Writes need the server started with updates on, and its token."""
        if self.limits.update_token is None:
            raise EndpointError(403, "writes_refused")
        given = request.headers.get("Authorization", "")
        expected = f"Bearer {self.limits.update_token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise EndpointError(
                401, "token_needed", headers={"WWW-Authenticate": 'Bearer realm="ivp"'}
            )

    def update(self, request: Request, op: Operation) -> Response:
        self.authorize(request)
        self.refuse_service(shape(op.text))
        job = UpdateJob(
            op.text,
            tuple(op.default_graphs),
            tuple(op.named_graphs),
            self.prefixes,
            base_iri=self.public_url + "sparql",
        )
        return self.written(self.pool.write(job))

    def written(self, answer: tuple[str, Any, Any]) -> Response:
        status, first, second = answer
        if status == "error":
            raise EndpointError(first, second)
        return Response(status=204)

    # -- Graph Store Protocol ------------------------------------------------------------
    def graph_store(self, request: Request) -> Response:
        args = request.args
        if ("graph" in args) == ("default" in args):
            raise EndpointError(400, "graph_or_default")
        graph = self.graph_iri(args["graph"]) if "graph" in args else None
        if graph is not None and UNSAFE_IRI.search(graph):
            raise EndpointError(400, "graph_not_iri")
        if request.method in ("GET", "HEAD"):
            accept = parse_accept(request.headers.get("Accept"))
            media = graph_type(accept, args.get("format"))
            if media is None:
                raise EndpointError(406, "no_rdf_type")
            if graph is not None and not self.exists_graph(graph):
                raise EndpointError(404, "no_graph", graph=graph)
            text = (
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
                if graph
                else "CONSTRUCT WHERE { ?s ?p ?o }"
            )
            job = QueryJob(
                text, None, media, None, None, True, self.limits.max_rows, self.page_prefixes
            )
            _, media, body = self.run(job)
            return Response(body, content_type=content_type(media), headers={"Vary": "Accept"})
        if request.method in ("PUT", "POST", "DELETE"):
            self.authorize(request)
            if request.content_length and request.content_length > self.limits.max_body:
                raise EndpointError(413, "body_too_large", limit=self.limits.max_body)
            request.max_content_length = self.limits.max_body
            job = GraphStoreJob(request.method, graph, request.get_data(), request.mimetype)
            return self.written(self.pool.write(job))
        raise EndpointError(
            405,
            "not_graph_store",
            headers={"Allow": "GET, HEAD, PUT, POST, DELETE, OPTIONS"},
            method=request.method,
        )

    def exists_graph(self, graph: str) -> bool:
        _, _, rows = self.run(
            RowsJob(f"SELECT ?x WHERE {{ GRAPH <{graph}> {{ ?x ?p ?o }} }} LIMIT 1", 1, {})
        )
        return bool(rows)

    # -- discoverability ----------------------------------------------------------------


def _asked_language(request: Request) -> Language:
    """The request's language; an unknown `lang` is a 400 on every route, as on the pages,
    worded in the language Accept-Language asks for."""
    try:
        return request_language(request)
    except ValueError:
        raise EndpointError(400, "unknown_language", wanted=request.args.get("lang")) from None


def _requote(path: str) -> str:
    """The path as the IRI spells it: each segment percent-encoded like graph.iris does."""
    return "/".join(quote(seg, safe=".-_~") for seg in path.split("/"))
