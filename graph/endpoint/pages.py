"""The frame of the HTML pages people read, and the links and labels inside them.

The pages themselves have their own modules (query_page, doc_page, ontology_page); this one
holds what they share: the layout with its navigation, the Linker that turns IRIs into links
and readable names, and the choice of labels in the reader's language.

Pages are plain HTML; the stylesheet and the query page's script come from this server's
/static/ (no CDN), never inline, so the Content-Security-Policy forbids inline code. Links to
resources under the base IRI point at this server's /doc/ pages, so a researcher can walk the
graph from neighbour to neighbour; only http(s) IRIs are links at all (graph.links).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from rdflib.namespace import RDFS

from graph.endpoint.evaluate import Term
from graph.i18n import DEFAULT, Language, Texts
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


@dataclass(frozen=True)
class Quote:
    """A sentence of a plan and the section it stands in: how a quote IRI is shown."""

    text: str
    section: str | None = None  # the section's IRI


class Linker:
    """Turns IRIs into links on this server and into short names people can read.

    `lang` is the reader's language: links to this server's pages keep it, so a reader who
    chose English stays in English. `quotes` are shown as their sentences, not as IRIs.
    """

    def __init__(
        self,
        base: str,
        prefixes: dict[str, str],
        labels: dict[str, str] | None = None,
        *,
        lang: Language = DEFAULT,
        quotes: dict[str, Quote] | None = None,
    ):
        self.base, self.prefixes, self.labels = base, prefixes, labels or {}
        self.lang, self.quotes = lang, quotes or {}

    def href(self, iri: str) -> str | None:
        """This server's page for an IRI under the base, the IRI itself if it is http(s).

        None for anything else (javascript:, data:, urn:, ...): it is shown, never linked.
        """
        if iri.startswith(self.base + "id/"):
            return self.local("/doc/" + iri[len(self.base) + 3 :])
        if iri.startswith(self.base):  # one leading slash: "//host/x" would leave this site
            return self.local("/" + iri[len(self.base) :].lstrip("/"))
        return iri if is_link(iri) else None

    def local(self, path: str) -> str:
        """A path on this server in the reader's language (Dutch needs no parameter).

        >>> Linker("https://x/", {}, lang="en").local("/def/ivp#Theme")
        '/def/ivp?lang=en#Theme'
        """
        if self.lang == DEFAULT:
            return path
        path, hash_, fragment = path.partition("#")
        joiner = "&" if "?" in path else "?"
        return f"{path}{joiner}lang={self.lang}{hash_}{fragment}"

    def short(self, iri: str) -> str:
        """The IRI with a declared prefix, or a resource's path under /id/, else as it is."""
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        if self.base and iri.startswith(self.base + "id/") and len(iri) > len(self.base) + 3:
            return iri[len(self.base) + 3 :]
        return iri

    def name(self, iri: str) -> str:
        """What a person reads for an IRI: its label, else its short form."""
        return self.labels.get(iri) or self.short(iri)

    def link(self, iri: str, text: str | None = None) -> str:
        shown = text or self.name(iri)
        href = self.href(iri)
        if href is None:
            return f'<span class="iri" title="{escape(iri)}">{escape(shown)}</span>'
        return f'<a href="{escape(href)}" title="{escape(iri)}">{escape(shown)}</a>'

    def quote(self, iri: str) -> str:
        """A quote as the plan's sentence, the section it is in, and a link to its page."""
        found = self.quotes[iri]
        section = (
            f' <span class="section">— {self.link(found.section)}</span>' if found.section else ""
        )
        return (
            f'<blockquote class="quote" cite="{escape(iri)}">{escape(found.text)}'
            f"{section} {self.link(iri, '¶')}</blockquote>"
        )

    def term(self, term: Term | None) -> str:
        if term is None:
            return ""
        if term[0] == "uri":
            return self.quote(term[1]) if term[1] in self.quotes else self.link(term[1])
        if term[0] == "bnode":
            return f"<span class=iri>_:{escape(term[1])}</span>"
        value, datatype, lang = term[1], term[2], term[3]
        if lang:
            return f'{escape(value)} <span class="lang">@{escape(lang)}</span>'
        if datatype and not datatype.endswith("#string"):  # the type on hover, not as noise
            shown = escape(self.short(datatype))
            return f'<span class="typed" title="{shown}">{escape(value)}</span>'
        return escape(value)


# names for the standard terms the pages show whose vocabularies are not in the store (the
# data's own labels win: linked_data merges these under them)
RDF_ = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS_ = "http://www.w3.org/2004/02/skos/core#"
DCT_ = "http://purl.org/dc/terms/"
VOCABULARY = Texts(
    {
        RDF_ + "type": {"nl": "soort", "en": "type"},
        RDF_ + "subject": {"nl": "onderwerp (vermelding)", "en": "subject (statement)"},
        RDF_ + "object": {"nl": "object (vermelding)", "en": "object (statement)"},
        str(RDFS.label): {"nl": "label", "en": "label"},
        str(RDFS.seeAlso): {"nl": "zie ook", "en": "see also"},
        SKOS_ + "prefLabel": {"nl": "voorkeursnaam", "en": "preferred label"},
        SKOS_ + "altLabel": {"nl": "andere naam", "en": "alternative label"},
        SKOS_ + "hiddenLabel": {"nl": "verborgen naam", "en": "hidden label"},
        SKOS_ + "definition": {"nl": "definitie", "en": "definition"},
        SKOS_ + "notation": {"nl": "notatie", "en": "notation"},
        SKOS_ + "inScheme": {"nl": "in begrippenkader", "en": "in scheme"},
        SKOS_ + "topConceptOf": {"nl": "topbegrip van", "en": "top concept of"},
        SKOS_ + "hasTopConcept": {"nl": "heeft topbegrip", "en": "has top concept"},
        SKOS_ + "broader": {"nl": "breder", "en": "broader"},
        SKOS_ + "narrower": {"nl": "smaller", "en": "narrower"},
        SKOS_ + "closeMatch": {"nl": "komt nauw overeen met", "en": "close match"},
        SKOS_ + "exactMatch": {"nl": "komt exact overeen met", "en": "exact match"},
        SKOS_ + "relatedMatch": {"nl": "verwant aan", "en": "related match"},
        SKOS_ + "broadMatch": {"nl": "valt onder", "en": "broad match"},
        SKOS_ + "Concept": {"nl": "Begrip", "en": "Concept"},
        SKOS_ + "ConceptScheme": {"nl": "Begrippenkader", "en": "Concept scheme"},
        DCT_ + "identifier": {"nl": "identificatie", "en": "identifier"},
        DCT_ + "title": {"nl": "titel", "en": "title"},
        DCT_ + "alternative": {"nl": "andere titel", "en": "alternative title"},
        DCT_ + "description": {"nl": "beschrijving", "en": "description"},
        DCT_ + "source": {"nl": "bron", "en": "source"},
        DCT_ + "isPartOf": {"nl": "is deel van", "en": "is part of"},
        DCT_ + "replaces": {"nl": "vervangt", "en": "replaces"},
        DCT_ + "dateAccepted": {"nl": "datum vastgesteld", "en": "date accepted"},
        DCT_ + "dateSubmitted": {"nl": "datum aangeboden", "en": "date submitted"},
        "http://www.w3.org/ns/prov#wasDerivedFrom": {"nl": "ontleend aan", "en": "derived from"},
        "http://www.w3.org/2002/07/owl#sameAs": {"nl": "zelfde als", "en": "same as"},
        "http://www.w3.org/ns/oa#exact": {"nl": "tekst", "en": "exact text"},
    }
)


FRAME = Texts(
    {
        "ontology": {"nl": "Ontologie", "en": "Ontology"},
        "service": {"nl": "Servicebeschrijving", "en": "Service description"},
        "other": {"nl": "English", "en": "Nederlands"},
        "other_title": {"nl": "Deze pagina in het Engels", "en": "Deze pagina in het Nederlands"},
    }
)


def layout(
    title: str,
    body: str,
    scripts: tuple[str, ...] = (),
    *,
    lang: Language = DEFAULT,
    path: str | None = None,
) -> str:
    """The frame every page shares: title, navigation, style and scripts from /static/.

    No script or style is inline, so the Content-Security-Policy can refuse inline code: a
    value that slips into the markup still cannot run. `lang` is the page's language: the
    navigation is in it and its links keep it; `path` (this page's own) gets a link to the
    same page in the other language.
    """
    linker = Linker("", {}, lang=lang)
    script_tags = "".join(f'<script src="{_static_url(name)}"></script>' for name in scripts)
    switch = ""
    if path is not None:
        other: Language = "en" if lang == DEFAULT else DEFAULT
        href = Linker("", {}, lang=other).local(path)
        switch = (
            f'<a class="lang-switch" href="{escape(href)}" hreflang="{other}" lang="{other}" '
            f'title="{FRAME("other_title", lang)}">{FRAME("other", lang)}</a>'
        )
    nav = (
        f'<a href="{linker.local("/")}">SPARQL</a>'
        f'<a href="{linker.local("/def/ivp")}">{FRAME("ontology", lang)}</a>'
        '<a href="/.well-known/void">VoID</a>'
        f'<a href="/sparql?format=turtle">{FRAME("service", lang)}</a>{switch}'
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · kruisverband</title>
<link rel="stylesheet" href="{_static_url("style.css")}"></head>
<body>
<header><a class="brand" href="{linker.local("/")}">kruisverband</a>
<nav>{nav}</nav></header>
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


def _label_of(options: list[tuple[str, str]], lang: Language) -> str:
    """The label in `lang`, else Dutch, else English, else one without a language, else any."""
    for wanted in (lang, DEFAULT, "en", ""):
        for text, lg in options:
            if lg.lower() == wanted:
                return text
    return options[0][0]


def choose_labels(rows: list[dict[str, Term | None]], lang: Language = DEFAULT) -> dict[str, str]:
    """One label per IRI from (x, l) rows, in the reader's language where the data has it.

    >>> rows = [{"x": ("uri", "t"), "l": ("literal", "Ondermijning", None, "nl")},
    ...         {"x": ("uri", "t"), "l": ("literal", "Subversive crime", None, "en")}]
    >>> choose_labels(rows)["t"], choose_labels(rows, "en")["t"]
    ('Ondermijning', 'Subversive crime')
    """
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        x, label = row.get("x"), row.get("l")
        if x and label:
            found[x[1]].append((label[1], label[3] or ""))
    return {iri: _label_of(options, lang) for iri, options in found.items()}


def triples_page(
    title: str, intro: str, turtle: str, *, lang: Language = DEFAULT, path: str | None = None
) -> str:
    """A generated description (VoID) for a browser: what it is and the Turtle itself."""
    body = f"<h1>{escape(title)}</h1><p>{intro}</p><pre>{escape(turtle)}</pre>"
    return layout(title, body, lang=lang, path=path)
