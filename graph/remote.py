"""Talking to an external triple store over HTTP: SPARQL 1.1 Protocol queries.

When one machine's embedded store is not enough, the graph is published to a production store
(Oxigraph server, Apache Jena Fuseki, Virtuoso, GraphDB, QLever) and queried there. This module
sends a query to such a store and hands back the same QueryResult the local store gives, so
every output format of `ivp query` works unchanged. It uses only the standard library (urllib):
one HTTP client less to install, audit and keep compatible.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO

import pyoxigraph as ox

from graph.config import Settings
from graph.problems import CannotRun
from graph.sparql import QueryError, QueryResult
from graph.sparql_lexer import in_order, select_star_order
from graph.store import prefixes, rows_of

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
# SELECT/ASK answer in JSON results, CONSTRUCT/DESCRIBE in N-Triples; the store picks
ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9, text/turtle;q=0.8"
TIMEOUT = 300.0  # seconds; a national aggregate on a busy store may take a while


def request(
    url: str,
    method: str = "GET",
    body: bytes | BinaryIO | None = None,
    headers: dict[str, str] | None = None,
    token: str | None = None,
    timeout: float = TIMEOUT,
) -> tuple[int, str, bytes]:
    """One HTTP request: (status, content type, body); raises CannotRun when unreachable.

    HTTP error statuses are returned, not raised, so callers can say what the store said.
    """
    head = dict(headers or {})
    if token:
        head["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=body, method=method, headers=head)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise CannotRun(f"cannot reach {url}: {reason}") from err


def with_prefixes(text: str, settings: Settings) -> str:
    """Declare the prefixes `ivp query` predeclares locally, unless the query declares them.

    A remote store knows none of them; without this, `ivp query @name --endpoint` would fail
    where `ivp query @name` works.
    """
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w-]*):", text)}
    lines = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in prefixes(settings).items()
        if name.lower() not in declared
    ]
    return "\n".join([*lines, text])


def query_url(endpoint: str) -> str:
    """The URL queries are POSTed to; accepted as given (…/sparql, …/query, …/repositories/x)."""
    if not endpoint.startswith(("http://", "https://")):
        raise CannotRun(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    return endpoint


def run_remote(
    endpoint: str, text: str, settings: Settings, token: str | None = None
) -> QueryResult:
    """Run a query on a SPARQL 1.1 endpoint; the same QueryResult as graph.sparql.run."""
    body = urllib.parse.urlencode({"query": with_prefixes(text, settings)}).encode()
    status, content_type, data = request(
        query_url(endpoint),
        "POST",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
        token,
    )
    if status == 400:
        raise QueryError(f"the store rejected the query: {_snippet(data)}")
    if status >= 300:
        raise CannotRun(f"{endpoint} answered {status}: {_snippet(data)}")
    media = content_type.split(";", 1)[0].strip().lower()
    if media in (RESULTS_JSON, "application/json"):
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        names, rows = rows_of(answer)
        order = select_star_order(text)  # a store may list SELECT * columns alphabetically
        return QueryResult("select", variables=in_order(names, order), rows=rows)
    formats = {N_TRIPLES: ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}
    if media in formats:
        triples = [q.triple for q in ox.parse(data, format=formats[media])]
        return QueryResult("graph", triples=triples)
    raise CannotRun(f"{endpoint} answered in an unexpected format {content_type!r}")


def _snippet(data: bytes, limit: int = 300) -> str:
    text = data.decode("utf-8", "replace").strip().replace("\n", " ")
    return text[:limit] + ("…" if len(text) > limit else "")
