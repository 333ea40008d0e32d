"""Writing an answer in the negotiated format, or refusing (406) what that format cannot carry.

pyoxigraph's writers do not refuse: they emit RDF/XML with an empty element name
(`<oxprefix:>`) for a predicate such as <http://example.org/1>, raw U+0001 inside SPARQL XML
results and RDF/XML, and raise OSError for a triple term in JSON-LD. A client then gets a 200
whose body its parser rejects, or a 500. Each such case is a property of the answer and the
format, not of the request's syntax, so it is a 406 that says why and which formats can carry
the answer; every other format still answers.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from graph.endpoint.limits import EndpointError
from graph.endpoint.negotiation import GRAPH_TYPES, RESULT_TYPES

DATASET_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
XML_FORMATS = (ox.RdfFormat.RDF_XML, ox.QueryResultsFormat.XML)

# XML 1.0 (section 2.2, Char) has no way to write these, not even as character references
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
# XML 1.0 NameStartChar and NameChar without ':' (the NCName of Namespaces in XML)
_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME = _START + r"\-.0-9\u00b7\u0300-\u036f\u203f\u2040"
_LOCAL_NAME = re.compile(f"[{_START}][{_NAME}]*$")


def graph_answer(triples: list[ox.Triple], media: str, prefixes: dict[str, str]) -> bytes:
    """The triples in `media` (a GRAPH_TYPES key), or a 406 naming the formats that can."""
    fmt = GRAPH_TYPES[media]
    if fmt == ox.RdfFormat.JSON_LD and any(_triple_terms(t) for t in triples):
        raise EndpointError(406, "triple_term", media=media, others=_others(GRAPH_TYPES, fmt))
    if fmt == ox.RdfFormat.RDF_XML:
        predicates = {p for t in triples for p in _predicates(t)}
        bad = next((p for p in sorted(predicates) if not writable_in_xml(p)), None)
        if bad is not None:
            raise EndpointError(
                406, "xml_predicate", iri=bad, media=media, others=_others(GRAPH_TYPES, fmt)
            )
    data: list[Any] = triples
    if fmt in DATASET_FORMATS:
        data = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return _xml_checked(ox.serialize(data, format=fmt, prefixes=prefixes), media, fmt)


def results_answer(body: bytes, media: str) -> bytes:
    """A serialized SELECT/ASK answer in `media`, checked like graph_answer's XML."""
    return _xml_checked(body, media, RESULT_TYPES[media])


def writable_in_xml(iri: str) -> bool:
    """Whether RDF/XML can write this predicate: it must end in a namespace-free XML name.

    >>> writable_in_xml("http://example.org/p1"), writable_in_xml("http://example.org/1")
    (True, False)
    """
    return _LOCAL_NAME.search(iri) is not None


def _xml_checked(body: bytes, media: str, fmt: Any) -> bytes:
    """XML answers: refuse characters XML 1.0 cannot carry; keep carriage returns as such.

    A parser turns a raw CR into a line feed (XML 1.0 section 2.11), so "a\\rb" would
    come back as "a\\nb"; written as &#13; it survives. The writers emit CR only inside
    literal values (never as layout), so replacing every one is safe.
    """
    if fmt not in XML_FORMATS:
        return body
    found = _NOT_XML.search(body)
    if found:
        char = found.group().decode()
        table: dict[str, Any] = RESULT_TYPES if fmt == ox.QueryResultsFormat.XML else GRAPH_TYPES
        raise EndpointError(
            406, "xml_character", code=ord(char), media=media, others=_others(table, fmt)
        )
    return body.replace(b"\r", b"&#13;")


def _others(table: dict[str, Any], fmt: Any) -> str:
    """The canonical media type of every other format in the table (its first key)."""
    seen: dict[Any, str] = {}
    for media, each in table.items():
        seen.setdefault(each, media)
    return ", ".join(media for each, media in seen.items() if each != fmt)


def _triple_terms(triple: ox.Triple) -> bool:
    return isinstance(triple.object, ox.Triple) or isinstance(triple.subject, ox.Triple)


def _predicates(triple: ox.Triple) -> list[str]:
    """The predicate IRIs an RDF/XML writer must spell as element names, nested ones too."""
    found = [triple.predicate.value]
    for term in (triple.subject, triple.object):
        if isinstance(term, ox.Triple):
            found.extend(_predicates(term))
    return found
