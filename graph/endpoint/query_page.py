"""The query page: a SPARQL editor with the project's named queries as ready examples.

Researchers know YASGUI (Fuseki, GraphDB, QLever): the query lives in the page's URL so an
answer is a link, the editor highlights and completes, the table sorts and pages, and the
answer downloads in the endpoint's own formats. This page gives the same without a
third-party script: the browser side is three small files under /static/ (the CSP runs
nothing inline), and everything they need from the server (examples, prefixes, the
ontology's terms, the page's words) is handed over as JSON in the page.

Its own module because it grows apart from the resource pages:
- templates/sparql-editor.js: highlighting and completion over a plain <textarea>;
- templates/sparql-results.js: the answer as a table that sorts and pages, IRIs as links;
- templates/query.js: running, the URL, the history, downloads and the curl command.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TypedDict

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.endpoint.evaluate import Term
from graph.endpoint.pages import _json, layout
from graph.i18n import LANGUAGES, Language, Texts
from graph.links import LINK_PATTERN
from graph.queries import NamedQuery

SCRIPTS = ("sparql-editor.js", "sparql-results.js", "query.js")

# what the store uses, so completion offers dcterms:title as well as the ontology's own terms
USED_TERMS = """SELECT DISTINCT ?term ?kind WHERE {
  { [] ?term [] BIND("property" AS ?kind) } UNION { [] a ?term BIND("class" AS ?kind) }
}"""
KINDS = {
    OWL.Class: "class",
    OWL.ObjectProperty: "property",
    OWL.DatatypeProperty: "property",
    OWL.AnnotationProperty: "property",
    RDF.Property: "property",
}

TEXTS = Texts(
    {
        # the page itself (Python)
        "intro": {
            "nl": "Bevraag de kennisgraaf van integrale veiligheidsplannen. Het endpoint staat "
            "op <code>/sparql</code> (SPARQL 1.1 Protocol); de standaardgraaf is de "
            "vereniging van alle grafen. Deze prefixen zijn voorgedeclareerd: {names}.",
            "en": "Query the knowledge graph of integral safety plans. The endpoint is at "
            "<code>/sparql</code> (SPARQL 1.1 Protocol); the default graph is the union of "
            "all graphs. These prefixes are declared for you: {names}.",
        },
        "examples": {"nl": "Voorbeelden", "en": "Examples"},
        "query-label": {"nl": "SPARQL-query", "en": "SPARQL query"},
        "run": {"nl": "Uitvoeren", "en": "Run"},
        "keys": {
            "nl": "Ctrl+Enter voert uit, Ctrl+Spatie vult aan",
            "en": "Ctrl+Enter runs, Ctrl+Space completes",
        },
        "history": {"nl": "Geschiedenis", "en": "History"},
        "history-none": {
            "nl": "Nog geen queries uitgevoerd in deze browser.",
            "en": "No queries run in this browser yet.",
        },
        "history-clear": {"nl": "Geschiedenis wissen", "en": "Clear history"},
        "declared": {"nl": "Voorgedeclareerde prefixen", "en": "Declared prefixes"},
        "other-language": {"nl": "English", "en": "Nederlands"},
        # the scripts' words (handed over as JSON)
        "running": {"nl": "Bezig…", "en": "Running…"},
        "no-answer": {
            "nl": "Het endpoint antwoordde niet: ",
            "en": "The endpoint did not answer: ",
        },
        "rows": {"nl": "{n} rijen in {ms} ms", "en": "{n} rows in {ms} ms"},
        "row": {"nl": "1 rij in {ms} ms", "en": "1 row in {ms} ms"},
        "triples": {"nl": "{n} triples in {ms} ms", "en": "{n} triples in {ms} ms"},
        "ask": {"nl": "ASK beantwoord in {ms} ms", "en": "ASK answered in {ms} ms"},
        "true": {"nl": "ja (true)", "en": "yes (true)"},
        "false": {"nl": "nee (false)", "en": "no (false)"},
        "edited": {"nl": "Bewerkt, uit het voorbeeld: ", "en": "Edited, from the example: "},
        "page": {"nl": "Rijen {from}–{to} van {n}", "en": "Rows {from}–{to} of {n}"},
        "previous": {"nl": "‹ Vorige", "en": "‹ Previous"},
        "next": {"nl": "Volgende ›", "en": "Next ›"},
        "sort": {"nl": "Klik om te sorteren", "en": "Click to sort"},
        "download": {"nl": "Downloaden:", "en": "Download:"},
        "curl": {"nl": "Met curl", "en": "With curl"},
        "copy": {"nl": "Kopiëren", "en": "Copy"},
        "copied": {"nl": "Gekopieerd", "en": "Copied"},
        "language": {"nl": "taal", "en": "language"},
        "datatype": {"nl": "datatype", "en": "datatype"},
        "class": {"nl": "klasse", "en": "class"},
        "property": {"nl": "eigenschap", "en": "property"},
        "keyword": {"nl": "sleutelwoord", "en": "keyword"},
        "prefix": {"nl": "prefix", "en": "prefix"},
        "variable": {"nl": "variabele", "en": "variable"},
        "subject": {"nl": "subject", "en": "subject"},
        "predicate": {"nl": "predicaat", "en": "predicate"},
        "object": {"nl": "object", "en": "object"},
        "reopen": {"nl": "Opnieuw openen en uitvoeren", "en": "Open again and run"},
    }
)
PAGE_ONLY = {"intro", "examples", "query-label", "keys", "history-clear", "declared"}


class VocabularyTerm(TypedDict):
    iri: str
    kind: str  # "class" | "property"
    label: dict[str, str]  # language -> label; empty for a term the ontology does not define


def vocabulary(
    ontology: rdflib.Graph, namespace: str, used: Iterable[dict[str, Term | None]]
) -> list[VocabularyTerm]:
    """The terms completion offers: the ontology's, with labels, then the others in the store.

    The ontology's classes and properties come first (they are what the questions are
    about), then what the data uses from other vocabularies (dcterms:title, skos:prefLabel),
    from the rows of USED_TERMS.
    """
    found: dict[str, VocabularyTerm] = {}
    for kind_type, kind in KINDS.items():
        for term in sorted(ontology.subjects(RDF.type, kind_type), key=str):
            iri = str(term)
            if not isinstance(term, rdflib.URIRef) or not iri.startswith(namespace):
                continue
            labels: dict[str, str] = {}
            for pred in (SKOS.prefLabel, RDFS.label):
                for label in ontology.objects(term, pred):
                    language = getattr(label, "language", None) or ""
                    if language in LANGUAGES:
                        labels.setdefault(language, str(label))
            found.setdefault(iri, {"iri": iri, "kind": kind, "label": labels})
    for row in sorted(used, key=lambda r: str(r.get("term"))):
        used_term, used_kind = row.get("term"), row.get("kind")
        if used_term and used_kind and used_term[0] == "uri":
            iri = used_term[1]
            found.setdefault(iri, {"iri": iri, "kind": used_kind[1], "label": {}})
    return list(found.values())


def _terms_in(terms: Sequence[VocabularyTerm], language: Language) -> list[dict[str, str]]:
    """The terms as the script wants them: one label, in the page's language if it has one."""
    return [
        {
            "iri": t["iri"],
            "kind": t["kind"],
            "label": t["label"].get(language) or t["label"].get("nl") or t["label"].get("en", ""),
        }
        for t in terms
    ]


def query_page(
    queries: list[NamedQuery],
    prefixes: dict[str, str],
    base: str,
    *,
    terms: Sequence[VocabularyTerm] = (),
    language: Language = "nl",
    query: str | None = None,
) -> str:
    """The query editor with the project's named queries as ready examples.

    `query` (from the page's `?query=`) is put in the editor; the script then runs it, so
    a link to the page with a query opens with its answer. Titles and descriptions of the
    named queries are shown in the page's language, as their files have them.
    """

    def t(key: str, **fields: object) -> str:
        return TEXTS(key, language, **fields)

    words = {q.name: q.words(language) for q in queries}
    examples = {
        q.name: {"title": words[q.name][0], "description": words[q.name][1], "text": q.text}
        for q in queries
    }
    buttons = "\n".join(
        f'<li><button type="button" data-example="{escape(q.name)}" '
        f'title="{escape(words[q.name][1])}">{escape(words[q.name][0])}</button></li>'
        for q in queries
    )
    fallback = "SELECT ?plan ?title WHERE {\n  ?plan a ivp:SafetyPlan ; dcterms:title ?title .\n}"
    first = query if query is not None else (queries[0].text if queries else fallback)
    names = ", ".join(f"<code>{escape(p)}:</code>" for p in prefixes)
    declared = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items())
    words = {k: v for k, v in TEXTS.all(language).items() if k not in PAGE_ONLY}
    other = "nl" if language == "en" else "en"
    body = f"""<div id="query-page" data-base="{escape(base)}" data-lang="{language}"
data-link-pattern="{escape(LINK_PATTERN)}">
<p class="language"><a id="other-language" href="/?lang={other}" hreflang="{other}"
lang="{other}">{t("other-language")}</a></p>
<h1>SPARQL</h1>
<p>{t("intro", names=names)}</p>
<h2>{t("examples")}</h2>
<ul class="examples">
{buttons}
</ul>
<p id="example-title"></p>
<div class="editor">
<pre id="query-highlight" aria-hidden="true"></pre>
<textarea id="query" spellcheck="false" wrap="off" autocomplete="off"
aria-label="{t("query-label")}" aria-autocomplete="list"
aria-controls="completions">{escape(first)}</textarea>
<ul id="completions" role="listbox" hidden></ul>
</div>
<p class="toolbar"><button id="run" type="button">{t("run")}</button>
<small>{t("keys")}</small></p>
<div id="status" role="status"></div>
<div id="downloads" hidden></div>
<div id="results"></div>
<details id="history"><summary>{t("history")} (<span id="history-count">0</span>)</summary>
<p id="history-none">{t("history-none")}</p>
<ol id="history-list"></ol>
<p><button id="history-clear" type="button">{t("history-clear")}</button></p>
</details>
<details><summary>{t("declared")}</summary><pre>{escape(declared)}</pre></details>
</div>
<script type="application/json" id="examples">{_json(examples)}</script>
<script type="application/json" id="prefixes">{_json(prefixes)}</script>
<script type="application/json" id="terms">{_json(_terms_in(terms, language))}</script>
<script type="application/json" id="texts">{_json(words)}</script>"""
    # the page has its own language switch, which keeps the query: no `path` for the frame's
    return layout("SPARQL", body, SCRIPTS, lang=language)
