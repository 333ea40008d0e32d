"""Content negotiation: which serialization a client gets for a result, by Accept or `format`,
and which language its error messages are in, by `lang` or Accept-Language.

SELECT/ASK answers are SPARQL result documents; CONSTRUCT/DESCRIBE answers and resource
descriptions are RDF. The two families share no media type except the generic JSON and XML
ones, which mean the result document for a table and JSON-LD / RDF/XML for a graph.
"""

from __future__ import annotations

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.wrappers import Request

from graph.i18n import DEFAULT, LANGUAGES, Language, choose

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.TURTLE,  # Turtle is valid N3; old clients ask for N3
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples' registration before 2014
    "application/json": ox.RdfFormat.JSON_LD,
    "application/xml": ox.RdfFormat.RDF_XML,
}
# the `format` parameter many clients (SPARQLWrapper, YASGUI, R) send besides Accept
SHORT_NAMES = {
    "json": "application/json",
    "xml": "application/xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/n3",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "nq": "application/n-quads",
}
DEFAULT_RESULT = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"
HTML = "text/html"


def parse_accept(header: str | None) -> MIMEAccept:
    """An Accept header as werkzeug's q-value aware list (missing header: anything)."""
    from werkzeug.http import parse_accept_header

    return parse_accept_header(header or "*/*", MIMEAccept)


def requested(accept: MIMEAccept, fmt: str | None, offered: dict[str, object]) -> str | None:
    """The media type to answer with, from `format` first, else Accept; None if none fits.

    A `format` value that names nothing this kind of result offers is ignored, so a client
    sending format=json for a CONSTRUCT still gets JSON-LD, and one sending an unknown name
    falls back to its Accept header. `offered` lists the canonical type of each format first,
    so "*/*" gets the default and the generic JSON/XML types are chosen only when asked for.
    """
    if fmt:
        media = SHORT_NAMES.get(fmt.strip().lower(), fmt.strip().lower())
        if media in offered:
            return media
    return accept.best_match(list(offered))


def result_type(accept: MIMEAccept, fmt: str | None) -> str | None:
    """Media type for a SELECT/ASK answer: sparql-results JSON when the client takes anything."""
    return requested(accept, fmt, RESULT_TYPES)


def graph_type(accept: MIMEAccept, fmt: str | None) -> str | None:
    """Media type for an RDF answer: Turtle when the client takes anything."""
    return requested(accept, fmt, GRAPH_TYPES)


def query_types(accept: MIMEAccept, fmt: str | None) -> tuple[str | None, str | None]:
    """(result type, graph type) for a query, whose form the engine knows only once it runs.

    A client that accepts only the other family's types gets this family's default, as
    Fuseki and Virtuoso answer: roqet asks for application/sparql-results+xml whatever the
    query, so its CONSTRUCT gets Turtle, and a SELECT sent with Accept: text/turtle gets
    SPARQL JSON. An Accept header that names neither family (image/png) is still a 406.
    """
    rtype, gtype = result_type(accept, fmt), graph_type(accept, fmt)
    if rtype is None and gtype is not None:
        rtype = DEFAULT_RESULT
    if gtype is None and rtype is not None:
        gtype = DEFAULT_GRAPH
    return rtype, gtype


def wants_html(accept: MIMEAccept) -> bool:
    """A browser: HTML is explicitly accepted at least as much as any RDF type."""
    html = accept[HTML] if HTML in [v for v, _ in accept] else 0
    if not html:
        return False
    rdf = max((accept[t] for t, _ in accept if t in GRAPH_TYPES or t in RESULT_TYPES), default=0)
    return html >= rdf


def content_type(media: str) -> str:
    """The Content-Type header value: text types say their charset."""
    if media.startswith("text/") or media.endswith("+json") or media.endswith("/json"):
        return f"{media}; charset=utf-8"
    return media


def spoken_language(request: Request) -> Language:
    """The language the request's Accept-Language prefers of ours (q-values count, `en-GB`
    is `en`), else Dutch.

    What an error is worded in when the request names no language of its own, or names
    one we do not have (then that very error has to be readable).
    """
    best = request.accept_languages.best_match(list(LANGUAGES))
    return choose(best) if best else DEFAULT


def request_language(request: Request) -> Language:
    """The language a request's error messages are in: `?lang=` (as the pages take it), else
    Accept-Language, else Dutch. ValueError for a `lang` we do not have."""
    wanted = request.args.get("lang")
    return choose(wanted) if wanted else spoken_language(request)
