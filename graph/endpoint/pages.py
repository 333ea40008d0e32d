"""HTML for people: the query page, a page per resource, the ontology's documentation.

Pages are plain HTML; the stylesheet and the query page's script come from this server's
/static/ (no CDN), never inline, so the Content-Security-Policy forbids inline code. Links to
resources under the base IRI point at this server's /doc/ pages, so a researcher can walk the
graph from neighbour to neighbour; only http(s) IRIs are links at all (graph.links).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from functools import cache
from html import escape
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.endpoint.evaluate import Term
from graph.links import is_link

TEMPLATES = Path(__file__).parent / "templates"
LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    str(RDFS.label),
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
)


# the files pages load from /static/, with their types; served by app.Endpoint.static
STATIC = {"style.css": "text/css; charset=utf-8", "query.js": "text/javascript; charset=utf-8"}
STATIC["sparql-editor.js"] = STATIC["sparql-results.js"] = STATIC["query.js"]  # query page


@cache
def static_file(name: str) -> tuple[bytes, str]:
    """One of STATIC's files and a short hash of it, to version its URL."""
    data = (TEMPLATES / name).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


def _static_url(name: str) -> str:
    return f"/static/{name}?v={static_file(name)[1]}"


class Linker:
    """Turns IRIs into links on this server and into short names people can read."""

    def __init__(self, base: str, prefixes: dict[str, str], labels: dict[str, str] | None = None):
        self.base, self.prefixes, self.labels = base, prefixes, labels or {}

    def href(self, iri: str) -> str | None:
        """This server's page for an IRI under the base, the IRI itself if it is http(s).

        None for anything else (javascript:, data:, urn:, ...): it is shown, never linked.
        """
        if iri.startswith(self.base + "id/"):
            return "/doc/" + iri[len(self.base) + 3 :]
        if iri.startswith(self.base):  # one leading slash: "//host/x" would leave this site
            return "/" + iri[len(self.base) :].lstrip("/")
        return iri if is_link(iri) else None

    def short(self, iri: str) -> str:
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def link(self, iri: str, text: str | None = None) -> str:
        shown = text or self.labels.get(iri) or self.short(iri)
        href = self.href(iri)
        if href is None:
            return f'<span class="iri" title="{escape(iri)}">{escape(shown)}</span>'
        return f'<a href="{escape(href)}" title="{escape(iri)}">{escape(shown)}</a>'

    def term(self, term: Term | None) -> str:
        if term is None:
            return ""
        if term[0] == "uri":
            return self.link(term[1])
        if term[0] == "bnode":
            return f"<span class=iri>_:{escape(term[1])}</span>"
        value, datatype, lang = term[1], term[2], term[3]
        html = escape(value)
        if lang:
            html += f' <span class="lang">@{escape(lang)}</span>'
        elif datatype and not datatype.endswith("#string"):
            html += f' <span class="dt">^^{escape(self.short(datatype))}</span>'
        return html


def layout(title: str, body: str, scripts: tuple[str, ...] = ()) -> str:
    """The frame every page shares: title, navigation, style and scripts from /static/.

    No script or style is inline, so the Content-Security-Policy can refuse inline code: a
    value that slips into the markup still cannot run.
    """
    script_tags = "".join(f'<script src="{_static_url(name)}"></script>' for name in scripts)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · kruisverband</title>
<link rel="stylesheet" href="{_static_url("style.css")}"></head>
<body>
<header><a class="brand" href="/">kruisverband</a>
<nav><a href="/">SPARQL</a><a href="/def/ivp">Ontologie</a><a href="/.well-known/void">VoID</a>
<a href="/sparql?format=turtle">Service description</a></nav></header>
<main>
{body}
</main>
{script_tags}
</body>
</html>
"""


def _json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _label_of(labels: dict[str, list[tuple[str, str]]], iri: str) -> str | None:
    options = labels.get(iri)
    if not options:
        return None
    for lang in ("nl", "en", ""):
        for text, lg in options:
            if lg == lang:
                return text
    return options[0][0]


def choose_labels(rows: list[dict[str, Term | None]]) -> dict[str, str]:
    """One label per IRI from (x, label) rows, Dutch first, then English, then any."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        x, label = row.get("x"), row.get("l")
        if x and label:
            found[x[1]].append((label[1], label[3]))
    return {iri: _label_of(found, iri) or iri for iri in found}


def resource_page(
    iri: str,
    rows: list[dict[str, Term | None]],
    linker: Linker,
    alternates: dict[str, str],
    *,
    graph_files: dict[str, str] | None = None,
) -> str:
    """A resource with its properties, nested blank nodes, and what links to it.

    `graph_files` (format name -> URL) are a plan's own graph as downloads: a plan page is
    where a reader decides to take the plan's data away.
    """
    outgoing: dict[str, list[Term]] = defaultdict(list)
    nested: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    incoming: dict[str, list[Term]] = defaultdict(list)
    for row in rows:
        p, o = row["p"], row["o"]
        if p is None or o is None:
            continue
        target = outgoing if row["dir"] and row["dir"][1] == "out" else incoming
        if o not in target[p[1]]:
            target[p[1]].append(o)
        if row.get("bp") and row.get("bo") and o[0] == "bnode":
            bucket = nested[o[1]][row["bp"][1]]  # type: ignore[index]
            if row["bo"] not in bucket:
                bucket.append(row["bo"])  # type: ignore[arg-type]

    def value(term: Term) -> str:
        if term[0] == "bnode" and term[1] in nested:
            inner = "".join(
                f"<tr><td class=pred>{linker.link(p)}</td><td>"
                + "<br>".join(linker.term(v) for v in vs)
                + "</td></tr>"
                for p, vs in sorted(nested[term[1]].items())
            )
            return f"<table>{inner}</table>"
        return linker.term(term)

    def table(props: dict[str, list[Term]]) -> str:
        rows_html = "".join(
            f"<tr><td class=pred>{linker.link(p)}</td><td>"
            + "<br>".join(value(v) for v in vs)
            + "</td></tr>"
            for p, vs in sorted(props.items(), key=lambda kv: (kv[0] != str(RDF.type), kv[0]))
        )
        return f"<table>{rows_html}</table>"

    title = linker.labels.get(iri) or linker.short(iri)
    links = " · ".join(
        f'<a href="{escape(href)}" type="{escape(media)}">{escape(name)}</a>'
        for name, (href, media) in {
            k: (v, {"Turtle": "text/turtle", "JSON-LD": "application/ld+json"}.get(k, ""))
            for k, v in alternates.items()
        }.items()
    )
    body = f"""<h1>{escape(title)}</h1>
<p class="iri">{escape(iri)}</p>
<p>Ook als {links}</p>
{_graph_files(graph_files or {})}<h2>Eigenschappen</h2>
{table(outgoing) if outgoing else "<p>Geen.</p>"}
<h2>Verwijzingen naar deze bron</h2>
{_incoming(incoming, linker)}"""
    return layout(title, body)


def _graph_files(files: dict[str, str]) -> str:
    if not files:
        return ""
    links = " · ".join(
        f'<a href="{escape(href)}" download>{escape(name)}</a>' for name, href in files.items()
    )
    return f'<p class="downloads">De graaf van dit plan downloaden: {links}</p>\n'


def _incoming(incoming: dict[str, list[Term]], linker: Linker) -> str:
    if not incoming:
        return "<p>Geen.</p>"
    rows = "".join(
        f"<tr><td>{linker.term(s)}</td><td class=pred>{linker.link(p)}</td></tr>"
        for p, subjects in sorted(incoming.items())
        for s in subjects
    )
    return f"<table><tr><th>Bron</th><th>via</th></tr>{rows}</table>"


def triples_page(title: str, intro: str, turtle: str) -> str:
    """A generated description (VoID) for a browser: what it is and the Turtle itself."""
    return layout(title, f"<h1>{escape(title)}</h1><p>{intro}</p><pre>{escape(turtle)}</pre>")


def ontology_page(graph: rdflib.Graph, ontology_iri: str, linker: Linker) -> str:
    """Documentation of every class and property, each anchored at its local name.

    Anchors are the terms' local names, so the term IRI ...def/ivp#Theme resolves to its
    section of this page.
    """
    onto = rdflib.URIRef(ontology_iri)
    ns = ontology_iri + "#"

    def lit(subject: rdflib.term.Node, pred: rdflib.URIRef) -> str:
        values = list(graph.objects(subject, pred))
        ordered = sorted(values, key=lambda v: (getattr(v, "language", "") != "nl", str(v)))
        return "<br>".join(
            escape(str(v))
            + (f' <span class="lang">@{v.language}</span>' if getattr(v, "language", None) else "")
            for v in ordered
        )

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
        lang = getattr(value, "language", None)
        return escape(str(value)) + (f' <span class="lang">@{lang}</span>' if lang else "")

    kinds = [
        ("Klassen", OWL.Class),
        ("Objecteigenschappen", OWL.ObjectProperty),
        ("Data-eigenschappen", OWL.DatatypeProperty),
        ("Annotatie-eigenschappen", OWL.AnnotationProperty),
        ("Overige eigenschappen", RDF.Property),
    ]
    seen: set[rdflib.term.Node] = set()
    sections, toc = [], []
    for heading, kind in kinds:
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
        entries = []
        for t in terms:
            local = str(t)[len(ns) :]
            props = "".join(
                f"<dt>{linker.link(str(p))}</dt><dd>"
                + "<br>".join(node(o) for o in sorted(graph.objects(t, p), key=str))
                + "</dd>"
                for p in sorted(set(graph.predicates(t)), key=str)
                if p not in (RDFS.label, SKOS.definition)
            )
            used = ""
            if kind == OWL.Class:
                domain = sorted(graph.subjects(RDFS.domain, t), key=str)
                rng = sorted(graph.subjects(RDFS.range, t), key=str)
                if domain:
                    used += (
                        "<dt>eigenschappen (domein)</dt><dd>"
                        + ", ".join(node(d) for d in domain)
                        + "</dd>"
                    )
                if rng:
                    used += (
                        "<dt>gebruikt als bereik van</dt><dd>"
                        + ", ".join(node(r) for r in rng)
                        + "</dd>"
                    )
            entries.append(
                f'<section class="term" id="{escape(local)}"><h3>{escape(local)} '
                f'<small class="iri">{escape(str(t))}</small></h3>'
                f"<p>{lit(t, RDFS.label)}</p><p>{lit(t, SKOS.definition)}</p>"
                f'<dl class="term">{props}{used}</dl></section>'
            )
        sections.append(f"<h2>{heading}</h2>" + "".join(entries))
    header = "".join(
        f"<dt>{linker.link(str(p))}</dt><dd>"
        + "<br>".join(node(o) for o in sorted(graph.objects(onto, p), key=str))
        + "</dd>"
        for p in sorted(set(graph.predicates(onto)), key=str)
    )
    title = str(
        next(
            iter(
                sorted(
                    graph.objects(onto, rdflib.URIRef("http://purl.org/dc/terms/title")),
                    key=lambda v: getattr(v, "language", "") != "nl",
                )
            ),
            "ivp",
        )
    )
    body = (
        f"<h1>{escape(title)}</h1><p class=iri>{escape(ontology_iri)}</p>"
        '<p>Ook als <a href="/def/ivp?format=turtle">Turtle</a> · '
        '<a href="/def/ivp?format=jsonld">JSON-LD</a> · '
        '<a href="/def/ivp?format=rdfxml">RDF/XML</a></p>'
        f'<dl class="term">{header}</dl><h2>Inhoud</h2>{"".join(toc)}{"".join(sections)}'
    )
    return layout(title, body)
