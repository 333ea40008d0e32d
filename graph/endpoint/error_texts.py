"""The endpoint's error messages, in Dutch (the default) and English, and the `Message` that
carries one from where it is raised to the response.

The query page shows these texts to the people who use it, Dutch safety advisors, so they
are Dutch unless the request asks for English (`?lang=en`, or `Accept-Language`, see
negotiation.request_language). Technical names (SPARQL, `query`, Accept, media types, LIMIT)
stay as the protocol spells them.

Why a key and fields rather than a finished sentence: many of these errors are raised in a
query worker, another process that knows nothing of the request, and `speaking()` does not
cross a process boundary (nor a thread: the server answers each request in its own). Passing
the request's language through every layer down to the worker would put it into every job
and every function signature, and into the key by which the pool remembers slow queries. So
an error is raised as a `Message` (key and fields, plain picklable data) and put into words
once, at the error boundary in app.py, where the request and its language are at hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.i18n import Language, Texts
from graph.sparql_lexer import explain

ERRORS = Texts(
    {
        # app.py: routes and the error boundary
        "read_only_path": {
            "nl": "{path} is alleen-lezen: gebruik GET.",
            "en": "{path} is read-only: use GET.",
        },
        "nothing_here": {
            "nl": "Hier is niets: {path}. De querypagina staat op /.",
            "en": "Nothing here: {path}. The query page is at /.",
        },
        "unknown_language": {
            "nl": "Onbekende taal {wanted!r} in lang: kies nl (Nederlands) of en (English).",
            "en": "Unknown language {wanted!r} in lang: choose nl (Nederlands) or en (English).",
        },
        "internal": {
            "nl": "Interne fout; de beheerder vindt de details in het log van de server.",
            "en": "Internal error; the operator can find it in the log.",
        },
        "http": {
            "nl": "Het verzoek kon niet worden verwerkt (HTTP {code}).",
            "en": "{description}",
        },
        "update_as_query": {
            "nl": "Dit is een SPARQL Update, geen query. Het endpoint is alleen-lezen.",
            "en": "This is a SPARQL Update, not a query. The endpoint is read-only.",
        },
        "update_as_query_token": {
            "nl": "Dit is een SPARQL Update, geen query. Het endpoint is alleen-lezen; stuur een "
            "update als `update`, met het token.",
            "en": "This is a SPARQL Update, not a query. The endpoint is read-only; send "
            "updates as `update` with the token.",
        },
        "form_not_acceptable": {
            "nl": "Een {form}-antwoord kan in geen van de typen worden gegeven die de "
            "Accept-header toestaat.",
            "en": "A {form} answer cannot be given in any type the Accept header allows.",
        },
        "service_disabled": {
            "nl": "SERVICE (een federatieve query) staat uit op dit endpoint.",
            "en": "SERVICE (federated query) is disabled on this endpoint.",
        },
        "writes_refused": {
            "nl": "Dit endpoint is alleen-lezen: SPARQL Update en schrijven via het Graph Store "
            "Protocol worden geweigerd.",
            "en": "This endpoint is read-only: SPARQL Update and Graph Store writes are refused.",
        },
        "token_needed": {
            "nl": "Schrijven kan alleen met het updatetoken.",
            "en": "Writes need the update token.",
        },
        "graph_or_default": {
            "nl": "Geef precies één van ?graph=IRI of ?default.",
            "en": "Name exactly one of ?graph=IRI or ?default.",
        },
        "graph_not_iri": {
            "nl": "De parameter graph is geen IRI.",
            "en": "The graph parameter is not an IRI.",
        },
        "no_rdf_type": {
            "nl": "De Accept-header staat geen van de RDF-typen toe die dit endpoint levert.",
            "en": "The Accept header allows no RDF type this serves.",
        },
        "no_graph": {"nl": "Er is geen graaf <{graph}>.", "en": "There is no graph <{graph}>."},
        "body_too_large": {
            "nl": "De body van het verzoek is groter dan {limit} bytes.",
            "en": "The request body is larger than {limit} bytes.",
        },
        "not_graph_store": {
            "nl": "{method} hoort niet bij het Graph Store Protocol.",
            "en": "{method} is not part of the Graph Store Protocol.",
        },
        # protocol.py: the request
        "update_by_get": {
            "nl": "Een SPARQL Update wordt met POST verstuurd, nooit met GET.",
            "en": "SPARQL Update is sent by POST, never by GET.",
        },
        "query_too_long": {
            "nl": "De query is langer dan {limit} tekens.",
            "en": "The query is longer than {limit} characters.",
        },
        "update_too_long": {
            "nl": "De update is langer dan {limit} tekens.",
            "en": "The update is longer than {limit} characters.",
        },
        "not_protocol": {
            "nl": "{method} hoort niet bij het SPARQL-protocol: vraag met GET of POST.",
            "en": "{method} is not part of the SPARQL protocol: query by GET or POST.",
        },
        "query_and_update": {
            "nl": "Een verzoek bevat `query` of `update`, niet allebei.",
            "en": "A request carries either `query` or `update`, not both.",
        },
        "form_without_query": {
            "nl": "Het formulier heeft geen parameter `query` (of `update`).",
            "en": "The form has no `query` (or `update`) parameter.",
        },
        "not_utf8": {
            "nl": "De body van het verzoek is geen UTF-8-tekst.",
            "en": "The request body is not UTF-8 text.",
        },
        "body_type": {
            "nl": "Een body van het type {media} kan niet gelezen worden: stuur {form}, {query} "
            "of {update}.",
            "en": "Cannot read a body of type {media}: send {form}, {query} or {update}.",
        },
        "no_type": {"nl": "(geen)", "en": "(none)"},
        "one_parameter": {
            "nl": "Er mag precies één parameter `{name}` zijn.",
            "en": "Exactly one `{name}` parameter is allowed.",
        },
        # evaluate.py: evaluating in a worker
        "malformed": {  # put into words by graph.sparql_lexer.explain, see Message
            "nl": "Onjuiste SPARQL: {engine}",
            "en": "Malformed SPARQL: {engine}",
        },
        "cannot_evaluate": {
            "nl": "De query kan niet worden uitgevoerd: {err}.",
            "en": "The query cannot be evaluated: {err}.",
        },
        "could_not_evaluate": {
            "nl": "De query kon niet worden uitgevoerd: {err}",
            "en": "The query could not be evaluated: {err}",
        },
        "service_failed": {
            "nl": "Fout bij een externe service: {named} kon niet worden bevraagd: {err}. Met "
            "SERVICE SILENT wordt een service die faalt overgeslagen.",
            "en": "Bad gateway: {named} could not be queried: {err}. "
            "SERVICE SILENT skips a service that fails.",
        },
        "the_service": {
            "nl": "de SERVICE die de query aanroept",
            "en": "the SERVICE the query calls",
        },
        "bad_request": {"nl": "Onjuist verzoek: {err}", "en": "Bad request: {err}"},
        "not_acceptable": {
            "nl": "De query geeft {what}; de Accept-header staat geen van deze typen toe: "
            "{offered}.",
            "en": "The query gives {what}; the Accept header allows none of: {offered}.",
        },
        "an_rdf_graph": {"nl": "een RDF-graaf", "en": "an RDF graph"},
        "a_sparql_result": {"nl": "een SPARQL-resultaat", "en": "a SPARQL result"},
        "too_many_rows": {
            "nl": "Het antwoord heeft meer dan {cap} rijen, het maximum van dit endpoint: voeg "
            "LIMIT toe (en OFFSET om erdoorheen te bladeren).",
            "en": "The answer has more than {cap} rows, this endpoint's cap: "
            "add LIMIT (and OFFSET to page through it).",
        },
        "too_many_triples": {
            "nl": "Het antwoord heeft meer dan {cap} triples, het maximum van dit endpoint: "
            "voeg LIMIT toe (en OFFSET om erdoorheen te bladeren).",
            "en": "The answer has more than {cap} triples, this endpoint's cap: "
            "add LIMIT (and OFFSET to page through it).",
        },
        "using_graphs": {
            "nl": "using-graph-uri / using-named-graph-uri worden niet ondersteund.",
            "en": "using-graph-uri / using-named-graph-uri are not supported.",
        },
        "graph_body_type": {
            "nl": "Stuur de graaf als Turtle, N-Triples, RDF/XML of JSON-LD.",
            "en": "Send the graph as Turtle, N-Triples, RDF/XML or JSON-LD.",
        },
        "invalid_body": {
            "nl": "De body is geen geldige {media}: {err}",
            "en": "The body is not valid {media}: {err}",
        },
        # answers.py: what a format cannot carry
        "triple_term": {
            "nl": "Het antwoord bevat een triple term (RDF 1.2), die {media} niet kan "
            "weergeven: vraag om {others}.",
            "en": "The answer holds a triple term (RDF 1.2), which {media} cannot carry: "
            "ask for {others}.",
        },
        "xml_predicate": {
            "nl": "Het antwoord heeft het predicaat <{iri}>, dat {media} (RDF/XML) niet kan "
            "schrijven: de IRI moet eindigen op een elementnaam, en deze eindigt op een cijfer, "
            "'/', '#' of iets dergelijks. Vraag om {others}.",
            "en": "The answer has the predicate <{iri}>, which {media} (RDF/XML) cannot "
            "write: an element name must end the IRI, and this one ends in a digit, '/', "
            "'#' or the like. Ask for {others}.",
        },
        "xml_character": {
            "nl": "Het antwoord bevat het teken U+{code:04X}, dat XML 1.0 niet kan weergeven; "
            "daarom kan het niet als {media} worden verstuurd: vraag om {others}.",
            "en": "The answer holds the character U+{code:04X}, which XML 1.0 cannot carry, "
            "so it cannot be sent as {media}: ask for {others}.",
        },
        # pool.py and worker.py: time limits and the worker processes
        "slow_lane_full": {
            "nl": "Er lopen al {slow} trage queries; deze is na {after:g} s gestopt. Probeer "
            "het later opnieuw, of maak de query specifieker.",
            "en": "{slow} slow queries are running already; this one was stopped after "
            "{after:g} s. Try again later, or narrow it down.",
        },
        "slow_lane_taken": {
            "nl": "Deze query bleek eerder traag, en de {slow} plaatsen voor trage queries "
            "bleven {limit:g} s bezet; probeer het later opnieuw.",
            "en": "This query proved slow before, and the {slow} places for slow "
            "queries stayed taken for {limit:g} s; try again later.",
        },
        "time_limit": {
            "nl": "De query duurde langer dan de tijdslimiet van {limit:g} s en is gestopt. "
            "Maak hem specifieker (LIMIT, gerichtere patronen) of vraag de beheerder om een "
            "langere --timeout.",
            "en": "The query ran longer than the time limit of {limit:g} s and was stopped. "
            "Narrow it down (LIMIT, more specific patterns) or ask the operator for "
            "a longer --timeout.",
        },
        "worker_failed": {
            "nl": "Het proces dat de query uitvoerde is uitgevallen; het verzoek is niet "
            "beantwoord.",
            "en": "The query worker failed; the request was not answered.",
        },
        "workers_busy": {
            "nl": "Alle {size} queryprocessen bleven {limit:g} s bezet; probeer het opnieuw.",
            "en": "All {size} query workers stayed busy for {limit:g} s; try again.",
        },
        "store_busy": {
            "nl": "De store is bezet; probeer het schrijven opnieuw.",
            "en": "The store is busy; try the write again.",
        },
        "update_time_limit": {
            "nl": "De update duurde langer dan {limit:g} s en is gestopt.",
            "en": "The update ran longer than {limit:g} s and was stopped.",
        },
        "internal_evaluating": {
            "nl": "Interne fout bij het uitvoeren van het verzoek.",
            "en": "Internal error while evaluating the request.",
        },
        # linked_data.py and downloads.py: pages, RDF and downloads
        "accept_none_of": {
            "nl": "De Accept-header staat geen van deze typen toe: {offered}.",
            "en": "The Accept header allows none of: {offered}.",
        },
        "no_resource": {"nl": "Deze resource bestaat niet.", "en": "No such resource."},
        "neither_html_nor_rdf": {
            "nl": "De Accept-header staat HTML noch een RDF-type toe.",
            "en": "The Accept header allows neither HTML nor an RDF type.",
        },
        "nothing_about": {
            "nl": "De graaf zegt niets over <{iri}>.",
            "en": "The graph says nothing about <{iri}>.",
        },
        "not_built": {"nl": "{name} is niet gebouwd.", "en": "{name} has not been built."},
        "no_download": {
            "nl": "Er is geen download {name!r}. De hele dataset: /download/ + een van {dumps}. "
            "Eén benoemde graaf: /download/<naam>.<ext>, <naam> een van {listed}{more}; <ext> "
            "een van {formats}. De VoID-beschrijving op /.well-known/void noemt elke download "
            "als void:dataDump.",
            "en": "There is no download {name!r}. The whole dataset: /download/ + one of "
            "{dumps}. One named graph: /download/<name>.<ext>, <name> one of {listed}{more}; "
            "<ext> one of {formats}. The VoID description at /.well-known/void lists every "
            "download as void:dataDump.",
        },
        "and_more": {"nl": " en nog {n}", "en": " and {n} more"},
        "download_too_big": {
            "nl": "{name} kon niet binnen de grenzen van deze server worden gemaakt: {cause} De "
            "hele dataset, /download/ivp.trig, bevat de graaf <{iri}> en wordt verstuurd zoals "
            "de build hem schreef.",
            "en": "{name} could not be made within this server's limits: {cause} The whole "
            "dataset, /download/ivp.trig, holds the graph <{iri}> and is sent as the build "
            "wrote it.",
        },
    }
)


@dataclass(frozen=True)
class Message:
    """An error message not yet in words: a key of ERRORS and its fields.

    A field may itself be a Message (a part of the sentence that is translated too). The
    key "malformed" is the engine's syntax error on a query, worded by the lexer's `explain`
    (where, what stands there, what may follow), as `ivp query` words it.

    >>> Message("no_graph", {"graph": "urn:x"})("nl")
    'Er is geen graaf <urn:x>.'
    >>> Message("not_built", {"name": Message("no_type")})("en")
    '(none) has not been built.'
    """

    key: str
    fields: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in ERRORS.texts:  # a typo would otherwise surface as a 500 later
            raise KeyError(f"no endpoint message {self.key!r}")

    def __call__(self, language: Language) -> str:
        if self.key == "malformed":
            query, engine = self.fields["query"], self.fields["engine"]
            return explain(str(query), str(engine), language)
        fields = {k: v(language) if isinstance(v, Message) else v for k, v in self.fields.items()}
        return ERRORS(self.key, language, **fields)
