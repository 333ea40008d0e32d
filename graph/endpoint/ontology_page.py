"""The ontology's documentation at /def/ivp: every class and property, each at its local name.

Anchors are the terms' local names, so the term IRI ...def/ivp#Theme resolves to its section
of this page. Labels and definitions come in the reader's language first; IRIs are shortened
with the ontology's own prefixes too (vann:, ...), so a predicate fits its column.
"""

from __future__ import annotations

from html import escape

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.endpoint.pages import Linker, layout
from graph.i18n import Texts

DCT_TITLE = rdflib.URIRef("http://purl.org/dc/terms/title")
TEXTS = Texts(
    {
        "classes": {"nl": "Klassen", "en": "Classes"},
        "object": {"nl": "Objecteigenschappen", "en": "Object properties"},
        "data": {"nl": "Data-eigenschappen", "en": "Datatype properties"},
        "annotation": {"nl": "Annotatie-eigenschappen", "en": "Annotation properties"},
        "other": {"nl": "Overige eigenschappen", "en": "Other properties"},
        "domain": {"nl": "eigenschappen (domein)", "en": "properties (domain)"},
        "range": {"nl": "gebruikt als bereik van", "en": "range of"},
        "contents": {"nl": "Inhoud", "en": "Contents"},
        "also_as": {"nl": "Ook als", "en": "Also as"},
    }
)
KINDS = (
    ("classes", OWL.Class),
    ("object", OWL.ObjectProperty),
    ("data", OWL.DatatypeProperty),
    ("annotation", OWL.AnnotationProperty),
    ("other", RDF.Property),
)


def ontology_page(graph: rdflib.Graph, ontology_iri: str, linker: Linker) -> str:
    """Documentation of every class and property, in the linker's language."""
    lang = linker.lang
    onto = rdflib.URIRef(ontology_iri)
    ns = ontology_iri + "#"
    own = {str(prefix): str(iri) for prefix, iri in graph.namespaces() if prefix}
    linker = Linker(
        linker.base, {**own, **linker.prefixes}, linker.labels, lang=lang, quotes=linker.quotes
    )

    def first_in_lang(value: rdflib.term.Node) -> tuple[bool, str]:
        return (getattr(value, "language", None) not in (lang, None), str(value))

    def lit(subject: rdflib.term.Node, pred: rdflib.URIRef) -> str:
        ordered = sorted(graph.objects(subject, pred), key=first_in_lang)
        return "<br>".join(node(v) for v in ordered)

    def node(value: rdflib.term.Node) -> str:
        if isinstance(value, rdflib.URIRef):
            iri = str(value)
            if iri.startswith(ns):
                return f'<a href="#{escape(iri[len(ns) :])}">{escape(linker.short(iri))}</a>'
            return linker.link(iri)
        if isinstance(value, rdflib.BNode):
            inner = "; ".join(
                f"{node(p)} {node(o)}" for p, o in sorted(graph.predicate_objects(value))
            )
            return f"[ {inner} ]"
        tag = getattr(value, "language", None)
        return escape(str(value)) + (f' <span class="lang">@{tag}</span>' if tag else "")

    def entries(subject: rdflib.term.Node, skip: tuple[rdflib.URIRef, ...] = ()) -> str:
        return "".join(
            f"<dt>{linker.link(str(p))}</dt><dd>"
            + "<br>".join(node(o) for o in sorted(graph.objects(subject, p), key=first_in_lang))
            + "</dd>"
            for p in sorted(set(graph.predicates(subject)), key=str)
            if p not in skip
        )

    seen: set[rdflib.term.Node] = set()
    sections, toc = [], []
    for key, kind in KINDS:
        heading = TEXTS(key, lang)
        terms = sorted(
            (
                t
                for t in graph.subjects(RDF.type, kind)
                if isinstance(t, rdflib.URIRef) and str(t).startswith(ns) and t not in seen
            ),
            key=str,
        )
        if not terms:
            continue
        seen.update(terms)
        toc.append(
            f"<h3>{heading}</h3><ul class=toc>"
            + "".join(
                f'<li><a href="#{escape(str(t)[len(ns) :])}">{escape(str(t)[len(ns) :])}</a></li>'
                for t in terms
            )
            + "</ul>"
        )
        blocks = []
        for t in terms:
            local = str(t)[len(ns) :]
            used = ""
            if kind == OWL.Class:
                for label, pred in (("domain", RDFS.domain), ("range", RDFS.range)):
                    found = sorted(graph.subjects(pred, t), key=str)
                    if found:
                        used += (
                            f"<dt>{TEXTS(label, lang)}</dt><dd>"
                            + ", ".join(node(d) for d in found)
                            + "</dd>"
                        )
            blocks.append(
                f'<section class="term" id="{escape(local)}"><h3>{escape(local)} '
                f'<small class="iri">{escape(str(t))}</small></h3>'
                f"<p>{lit(t, RDFS.label)}</p><p>{lit(t, SKOS.definition)}</p>"
                f'<dl class="term">{entries(t, (RDFS.label, SKOS.definition))}{used}</dl>'
                "</section>"
            )
        sections.append(f"<h2>{heading}</h2>" + "".join(blocks))
    titles = sorted(graph.objects(onto, DCT_TITLE), key=first_in_lang)
    title = str(titles[0]) if titles else "ivp"
    formats = " · ".join(
        f'<a href="/def/ivp?format={fmt}">{name}</a>'
        for fmt, name in (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("rdfxml", "RDF/XML"))
    )
    body = (
        f"<h1>{escape(title)}</h1><p class=iri>{escape(ontology_iri)}</p>"
        f"<p>{TEXTS('also_as', lang)} {formats}</p>"
        f'<dl class="term ontology-header">{entries(onto)}</dl>'
        f"<h2>{TEXTS('contents', lang)}</h2>{''.join(toc)}{''.join(sections)}"
    )
    return layout(title, body, lang=lang, path="/def/ivp")
