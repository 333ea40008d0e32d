"""The library's own words that reach a person: build steps, the last-good-build warning,
the endpoint's start-up lines, and errors a query or a data folder gets.

Dutch by default, English as a choice, like everything a person reads (graph.i18n). The
library does not take a language through every call: the boundary (`ivp --lang`) chooses
once with graph.i18n.speaking, and `notice` reads that choice. What goes into RDF (the
Service Description's dcterms:description, tagged @en) keeps its own words.
"""

from __future__ import annotations

from graph.i18n import Texts, choose

NOTICES = Texts(
    {
        # graph/build.py and graph/pipeline.py: what a build is doing
        "removed": {
            "nl": "{name} verwijderd, achtergelaten door een eerdere build",
            "en": "removed {name}, left by an earlier build",
        },
        "current": {
            "nl": "{dist} is actueel: niets gewijzigd sinds {built}",
            "en": "{dist} is current: nothing changed since {built}",
        },
        "built": {
            "nl": "{triples} triples in {graphs} grafen gebouwd in {dist}",
            "en": "built {triples} triples in {graphs} graphs into {dist}",
        },
        "writing_nq": {"nl": "ivp.nq schrijven", "en": "writing ivp.nq"},
        "loading_store": {"nl": "de store laden", "en": "loading the store"},
        "analyses": {
            "nl": "de netwerkanalyses berekenen in graaf 'analyse'",
            "en": "computing the network analyses into graph 'analyse'",
        },
        "writing_formats": {
            "nl": "ivp.trig, ivp.ttl, ivp.nt en ivp.jsonld schrijven",
            "en": "writing ivp.trig, ivp.ttl, ivp.nt and ivp.jsonld",
        },
        "loading_model": {
            "nl": "ontologie en registers laden",
            "en": "loading ontology and registries",
        },
        "unchanged": {
            "nl": "{reused} van {n} plannen ongewijzigd sinds de vorige build; {todo} controleren",
            "en": "{reused} of {n} plans unchanged since the last build; checking {todo}",
        },
        "no_folder": {"nl": "map {folder} bestaat niet", "en": "folder {folder} does not exist"},
        # graph/store.py: a reader on a stale build
        "building_first": {
            "nl": "de store ontbreekt of is ouder dan de data: eerst bouwen",
            "en": "the store is missing or older than the data: building it first",
        },
        "stale": {
            "nl": "{data} is niet geldig; de laatste goede build wordt gebruikt, van {built}:",
            "en": "{data} does not validate; serving the last good build, of {built}:",
        },
        "stale_more": {
            "nl": "  ... en nog {more} (ivp validate noemt ze allemaal)",
            "en": "  ... and {more} more (ivp validate lists them all)",
        },
        # graph/endpoint/server.py: where to find the endpoint
        "updates": {
            "nl": "updates toegestaan met het token; ze wijzigen een kladkopie in {scratch}",
            "en": "updates allowed with the token; they change a scratch copy in {scratch}",
        },
        "endpoint": {"nl": "SPARQL-endpoint: {url}sparql", "en": "SPARQL endpoint: {url}sparql"},
        "query_page": {
            "nl": "querypagina:     {url}   (Ctrl-C stopt)",
            "en": "query page:      {url}   (Ctrl-C stops)",
        },
        "public_url": {"nl": "publieke URL:    {url}", "en": "public URL:      {url}"},
        # graph/sparql.py, graph/problems.py, graph/queries.py
        "cannot_read": {"nl": "kan {ref} niet lezen: {err}", "en": "cannot read {ref}: {err}"},
        "invalid1": {"nl": "{n} probleem in de data", "en": "{n} problem in the data"},
        "invalid": {"nl": "{n} problemen in de data", "en": "{n} problems in the data"},
        "unknown_query": {
            "nl": "geen benoemde query @{name}; {hint}bekend: {known}",
            "en": "no named query @{name}; {hint}known: {known}",
        },
        "did_you_mean": {"nl": "bedoelde u {close}? ", "en": "did you mean {close}? "},
    }
)


def notice(key: str, /, **fields: object) -> str:
    """One of the library's messages in the language chosen at the boundary.

    >>> from graph.i18n import speaking
    >>> with speaking("en"):
    ...     notice("loading_store")
    'loading the store'
    """
    return NOTICES(key, choose(), **fields)
