"""IRIs after the Dutch URI strategy: /id/ for things, /def/ for the ontology, /doc/ for pages.

Every IRI the project mints is made here, so the patterns are in one place. The ontology and
vocabulary files are written against the default base; `rebase` moves them to another one.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graph.config import DEFAULT_BASE

DEFAULT_IVP = Namespace(DEFAULT_BASE + "def/ivp#")


@lru_cache(maxsize=1 << 16)
def _quoted(part: str) -> str:
    return quote(part, safe=".-_~")


def _seg(*parts: str) -> str:
    # the same plan, theme and partner ids recur by the thousand: quote each once
    return "/".join(_quoted(str(p)) for p in parts)


class Iris:
    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self.ivp = Namespace(base + "def/ivp#")
        self.ontology = URIRef(base + "def/ivp")

    def id(self, kind: str, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + _seg(kind, *parts))

    def plan(self, plan: str) -> URIRef:
        return self.id("plan", plan)

    def graph(self, name: str) -> URIRef:
        """Named graph: one per plan, plus 'model' (ontology, vocabularies) and 'register'."""
        return self.id("graaf", name)

    def concept(self, scheme: str, notation: str) -> URIRef:
        return self.id("begrip", scheme, notation)

    def scheme(self, scheme: str) -> URIRef:
        return self.id("begrippenkader", scheme)

    def quote(self, plan: str, section: str, text: str) -> URIRef:
        digest = hashlib.sha1(f"{section}\n{text}".encode()).hexdigest()[:12]
        return self.id("citaat", plan, digest)

    def doc(self, iri: str) -> str:
        """The /doc/ page that describes an /id/ resource."""
        return iri.replace(self.base + "id/", self.base + "doc/", 1)


def _moved(term: Node, base: str) -> Node:
    if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE):
        return URIRef(base + term[len(DEFAULT_BASE) :])
    if isinstance(term, Literal) and str(term).startswith(DEFAULT_BASE):
        # IRIs written as text, like vann:preferredNamespaceUri
        moved = base + str(term)[len(DEFAULT_BASE) :]
        return Literal(moved, lang=term.language, datatype=term.datatype)
    return term


def rebase(graph: Graph, base: str) -> Graph:
    """Move every IRI under the default base to `base` (for files written against the default)."""
    if base == DEFAULT_BASE:
        return graph
    moved = Graph()
    for s, p, o in graph:
        moved.add((_moved(s, base), _moved(p, base), _moved(o, base)))
    return moved
