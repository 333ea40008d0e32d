"""The linked-data side of the endpoint: a page (or RDF) for each /id/ resource, the ontology,
VoID, the pages' static files, and the downloads.

A mixin of the application (app.py), which supplies the store access (`run`), the limits,
the description and the public URL; kept apart so that each module has one job.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

import pyoxigraph as ox
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from graph.build import dump_file
from graph.config import Settings
from graph.endpoint import downloads, pages
from graph.endpoint.answers import DATASET_FORMATS
from graph.endpoint.describe import Describer
from graph.endpoint.doc_page import PlanOf, resource_page
from graph.endpoint.doc_sections import EXTRA_ROWS, extras
from graph.endpoint.evaluate import QueryJob, RowsJob, Term
from graph.endpoint.limits import EndpointError, Limits
from graph.endpoint.negotiation import (
    GRAPH_TYPES,
    content_type,
    graph_type,
    parse_accept,
    wants_html,
)
from graph.endpoint.ontology_page import ontology_page
from graph.endpoint.responses import html as _html
from graph.i18n import Language, Texts, choose

Row = dict[str, Term | None]
UNSAFE_IRI = re.compile(r'[\s<>"{}|^`\\]')
RESOURCE_ROWS = """SELECT DISTINCT ?dir ?p ?o ?bp ?bo WHERE {
  { <IRI> ?p ?o . BIND("out" AS ?dir) OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo } }
  UNION { ?o ?p <IRI> . BIND("in" AS ?dir) }
}"""
RESOURCE_GRAPH = """CONSTRUCT { <IRI> ?p ?o . ?o ?bp ?bo . ?s ?ip <IRI> } WHERE {
  { <IRI> ?p ?o OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo } } UNION { ?s ?ip <IRI> }
}"""
LABEL_ROWS = """SELECT ?x ?l WHERE {
  VALUES ?x { VALUES_HERE }
  ?x rdfs:label|skos:prefLabel|dcterms:title|foaf:name ?l
}"""
# the sentences of the quotes among some IRIs, and their sections; apart from LABEL_ROWS, as
# one query with a UNION of both takes Oxigraph ten times as long
QUOTE_ROWS = """SELECT ?x ?text ?section WHERE {
  VALUES ?x { VALUES_HERE }
  ?x oa:exact ?text OPTIONAL { ?x dcterms:isPartOf ?section }
}"""
# the plan a resource is in (or is), with its municipality's short name and its years
PLAN_ROWS = """SELECT ?plan ?m ?place ?start ?end WHERE {
  { <IRI> a ivp:SafetyPlan . BIND(<IRI> AS ?plan) } UNION { <IRI> ivp:inPlan ?plan }
  UNION { <IRI> dcterms:isPartOf ?plan . ?plan a ivp:SafetyPlan }
  OPTIONAL { ?plan ivp:startYear ?start } OPTIONAL { ?plan ivp:endYear ?end }
  OPTIONAL { ?plan ivp:municipality ?m }
  OPTIONAL { ?plan ivp:municipality ?in . ?in skos:prefLabel ?name ; skos:altLabel ?place
             FILTER(CONTAINS(?name, ?place)) }
}"""  # (not nested in the OPTIONAL above: Oxigraph would then try every municipality's names)
TEXTS = Texts(
    {
        "void": {
            "nl": "VoID-beschrijving van de dataset: omvang, klassen en één deelverzameling per "
            "graaf (plan, model, register). Ook als "
            '<a href="?format=turtle">Turtle</a> en <a href="?format=jsonld">JSON-LD</a>.',
            "en": "VoID description of the dataset: size, classes and one subset per graph "
            "(plan, model, register). Also as "
            '<a href="?format=turtle">Turtle</a> and <a href="?format=jsonld">JSON-LD</a>.',
        },
    }
)


def page_language(request: Request) -> Language:
    """The language a page is asked in (?lang=), Dutch by default. A `lang` we lack never
    gets here: the endpoint answers it with a 400 before dispatching (app._asked_language)."""
    return choose(request.args.get("lang") or "nl")


class LinkedData:
    """Routes for people and linked-data clients; needs what the Endpoint defines."""

    settings: Settings
    limits: Limits
    describer: Describer
    public_url: str
    prefixes: dict[str, str]
    page_prefixes: dict[str, str]
    _cache: dict[str, Any]

    def run(self, job: Any) -> tuple[str, Any, Any]:
        raise NotImplementedError

    def rdf(self, triples: list[ox.Triple], media: str | None) -> Response:
        if media is None:
            raise EndpointError(406, "accept_none_of", offered=", ".join(GRAPH_TYPES))
        fmt = GRAPH_TYPES[media]
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            data: list[Any] = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        else:
            data = triples
        body = ox.serialize(data, format=fmt, prefixes=self.page_prefixes)
        return Response(body, content_type=content_type(media), headers={"Vary": "Accept"})

    def void(self, request: Request) -> Response:
        accept, fmt = parse_accept(request.headers.get("Accept")), request.args.get("format")
        triples = self.describer.void(self.public_url + "sparql", self.public_url)
        if not fmt and wants_html(accept):
            turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=self.page_prefixes)
            lang = page_language(request)
            page = pages.triples_page(
                "VoID", TEXTS("void", lang), turtle.decode(), lang=lang, path=request.path
            )
            return _html(page)
        return self.rdf(triples, graph_type(accept, fmt))

    def ontology(self, request: Request) -> Response:
        accept, fmt = parse_accept(request.headers.get("Accept")), request.args.get("format")
        if not fmt and wants_html(accept):
            lang = page_language(request)
            key = f"ontology.{lang}.html"
            if key not in self._cache:
                linker = pages.Linker(self.settings.base, self.page_prefixes, lang=lang)
                self._cache[key] = ontology_page(
                    self.describer.ontology(), str(self.describer.iris.ontology), linker
                )
            return _html(self._cache[key])
        if "ontology" not in self._cache:
            self._cache["ontology"] = self.describer.ontology_triples()
        return self.rdf(self._cache["ontology"], graph_type(accept, fmt))

    def doc(self, request: Request, iri: str) -> Response:
        """The page about an /id/ resource: HTML for browsers, RDF by Accept."""
        if UNSAFE_IRI.search(iri):
            raise EndpointError(404, "no_resource")
        if iri == self.describer.dataset.value:
            return self.void(request)
        accept, fmt = parse_accept(request.headers.get("Accept")), request.args.get("format")
        html = not fmt and wants_html(accept)
        media = None if html else graph_type(accept, fmt)
        if not html and media is None:
            raise EndpointError(406, "neither_html_nor_rdf")
        _, _, rows = self.run(
            RowsJob(RESOURCE_ROWS.replace("IRI", iri), self.limits.max_rows, self.prefixes)
        )
        if not rows:
            raise EndpointError(404, "nothing_about", iri=iri)
        if not html:
            job = QueryJob(
                RESOURCE_GRAPH.replace("IRI", iri),
                None,
                media,
                None,
                None,
                True,
                self.limits.max_rows,
                self.prefixes,
            )
            _, media, body = self.run(job)
            return Response(body, content_type=content_type(media), headers={"Vary": "Accept"})
        lang = page_language(request)
        plan = self.plan_of(iri)
        _, _, extra_rows = self.run(
            RowsJob(EXTRA_ROWS.replace("IRI", iri), self.limits.max_rows, self.prefixes)
        )
        iris = {iri} | {
            t[1]
            for row in [*rows, *extra_rows]
            for t in row.values()
            if t is not None and t[0] == "uri"
        }
        if plan:
            iris.add(plan.iri)
        labels, quotes = self.names(iris)
        linker = pages.Linker(
            self.settings.base,
            self.page_prefixes,
            pages.VOCABULARY.all(lang) | pages.choose_labels(labels, lang),
            lang=lang,
            quotes=quotes,
        )
        here = self.public_url + request.path.lstrip("/")
        alternates = {"Turtle": here + "?format=turtle", "JSON-LD": here + "?format=jsonld"}
        graph = self.describer.graph_of_plan(iri)
        files = {
            fmt.name: f"{self.public_url}download/{file}"
            for file, fmt in (downloads.graph_files(graph) if graph else {}).items()
        }
        page = resource_page(
            iri,
            rows,
            linker,
            alternates,
            graph_files=files,
            plan=plan,
            extra=extras(extra_rows),
            ivp=str(self.describer.iris.ontology) + "#",
            path=request.path,
        )
        response = _html(page)
        response.headers["Vary"] = "Accept"
        return response

    def plan_of(self, iri: str) -> PlanOf | None:
        """The plan `iri` is part of (or is), for the heading: both plans have an Ondermijning."""
        _, _, rows = self.run(RowsJob(PLAN_ROWS.replace("IRI", iri), 50, self.prefixes))
        if not rows:
            return None
        first = rows[0]
        places = sorted({r["place"][1] for r in rows if r.get("place")}, key=len, reverse=True)
        # without a short name: the municipality's id, else the plan's
        fallback = (first.get("m") or first["plan"])[1].rsplit("/", 1)[-1]  # type: ignore[index]
        place = places[0] if places else fallback
        return PlanOf(
            iri=first["plan"][1],  # type: ignore[index]
            place=place,
            start=first["start"][1] if first.get("start") else None,  # type: ignore[index]
            end=first["end"][1] if first.get("end") else None,  # type: ignore[index]
        )

    def names(self, iris: set[str]) -> tuple[list[Row], dict[str, pages.Quote]]:
        """Label rows for `iris` and their quotes' sections, and the quotes among them.

        Quote IRIs are shown as what they say, in the section they stand in.
        """

        def rows(query: str, among: set[str]) -> list[Row]:
            values = " ".join(f"<{i}>" for i in sorted(among) if not UNSAFE_IRI.search(i))
            job = RowsJob(query.replace("VALUES_HERE", values), 20_000, self.prefixes)
            return self.run(job)[2]

        quotes = {
            r["x"][1]: pages.Quote(r["text"][1], r["section"][1] if r.get("section") else None)  # type: ignore[index]
            for r in rows(QUOTE_ROWS, iris)
            if r.get("x") and r.get("text")
        }
        sections = {q.section for q in quotes.values() if q.section}
        return rows(LABEL_ROWS, iris | sections), quotes

    def static(self, name: str) -> Response:
        """A page's script or style sheet; its URL carries its hash, so it may be kept a day."""
        data, digest = pages.static_file(name)
        return Response(
            data,
            content_type=pages.STATIC[name],
            headers={"Cache-Control": "public, max-age=86400", "ETag": f'"{digest}"'},
        )

    def download(self, request: Request, name: str) -> Response:
        """A whole dump of the build, or one named graph in the format its extension names.

        Both are attachments with the same validators (ETag, conditional GET, ranges), so a
        client handles them alike; a graph's ETag is its bytes' hash (see downloads.py).
        """
        if name in downloads.DUMPS:
            path = dump_file(self.settings.dist_dir, name)  # written when first asked for
            if path is None:
                raise EndpointError(404, "not_built", name=name)
            return send_file(
                path,
                request.environ,
                mimetype=downloads.DUMPS[name].media_type,
                as_attachment=True,
                download_name=name,
            )
        stem, _, ext = name.rpartition(".")
        graphs = self.describer.graph_downloads()
        fmt = downloads.GRAPH_FORMATS.get(ext)
        if stem not in graphs or fmt is None:
            raise EndpointError(404, downloads.not_found(name, graphs))
        iri = graphs[stem]
        dataset = fmt in DATASET_FORMATS  # the worker answers triples; made quads here
        job = QueryJob(
            text=downloads.construct(iri),
            result_type=None,
            graph_type=ox.RdfFormat.N_TRIPLES.media_type if dataset else fmt.media_type,
            default_graphs=None,
            named_graphs=None,
            union=False,
            max_rows=downloads.UNCAPPED,
            prefixes=self.page_prefixes,
        )
        try:
            _, _, body = self.run(job)
        except EndpointError as err:
            if err.status != 503:  # busy, or past the time limit: a graph too big to make
                raise
            raise EndpointError(
                503, "download_too_big", headers=err.headers, name=name, cause=err.message, iri=iri
            ) from None
        if dataset:
            body = downloads.in_graph(body, iri, fmt, self.page_prefixes)
        return send_file(
            io.BytesIO(body),
            request.environ,
            mimetype=fmt.media_type,
            as_attachment=True,
            download_name=name,
            etag=hashlib.sha256(body).hexdigest()[:32],
        )
