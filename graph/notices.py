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
        "loading_store": {"nl": "de store laden", "en": "loading the store"},
        "copying_store": {
            "nl": "de store van de vorige build kopiëren; de gewijzigde plannen vervangen",
            "en": "copying the previous build's store; replacing the plans that changed",
        },
        "writing_dump": {
            "nl": "{name} uit zijn stukken schrijven",
            "en": "writing {name} from its pieces",
        },
        "analyses": {
            "nl": "de netwerkanalyses berekenen in graaf 'analyse'",
            "en": "computing the network analyses into graph 'analyse'",
        },
        "analyses_done": {
            "nl": "analyses van {computed} plannen berekend, {reused} hergebruikt; "
            "over alle plannen opnieuw berekend: {recomputed}",
            "en": "analyses of {computed} plans computed, {reused} reused; "
            "recomputed across all plans: {recomputed}",
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
        "not_found": {"nl": "Geen {what} {ref!r}.{hint}", "en": "No {what} {ref!r}.{hint}"},
        "close_matches": {"nl": " Bedoelde u: {names}?", "en": " Did you mean: {names}?"},
        "what_plan": {"nl": "plan", "en": "plan"},
        "what_theme": {"nl": "thema", "en": "theme"},
        "what_partner": {"nl": "partner", "en": "partner"},
        "what_node": {"nl": "thema of partner", "en": "theme or partner"},
        "no_status": {
            "nl": "Geen status {status!r}; kies uit {known}.",
            "en": "No status {status!r}; use one of {known}.",
        },
        "theme_not_in_plan": {
            "nl": "Thema {named}/{ref} staat niet in plan {plan}: --plan {plan} en het thema "
            "noemen verschillende plannen; laat --plan weg of noem een thema van {plan}.",
            "en": "Theme {named}/{ref} is not in plan {plan}: --plan {plan} and the theme "
            "name different plans; leave out --plan or name a theme of {plan}.",
        },
        "in_several_plans": {
            "nl": "Thema {ref!r} staat in meer plannen; zeg welk: {options}.",
            "en": "Theme {ref!r} is in several plans; say which: {options}.",
        },
        "several_nodes": {
            "nl": "{ref!r} noemt meer knopen; zeg welke: {options}.",
            "en": "{ref!r} names several nodes; say which: {options}.",
        },
        "compare_needs_two": {
            "nl": "Een vergelijking vraagt twee of meer verschillende plannen.",
            "en": "A comparison needs two or more different plans.",
        },
        "ego_needs_focus": {
            "nl": "De ego-weergave vraagt --focus: een thema (plan/thema) of een partner-id.",
            "en": "The ego view needs --focus: a theme (plan/theme) or partner id.",
        },
        "no_plan_column": {
            "nl": "--plan beperkt een SELECT met een kolom ?plan; deze query heeft die niet",
            "en": "--plan scopes a SELECT with a ?plan column; this query has none",
        },
        "invalid1": {"nl": "{n} probleem in de data", "en": "{n} problem in the data"},
        "invalid": {"nl": "{n} problemen in de data", "en": "{n} problems in the data"},
        "unknown_query": {
            "nl": "geen benoemde query @{name}; {hint}bekend: {known}",
            "en": "no named query @{name}; {hint}known: {known}",
        },
        "did_you_mean": {"nl": "bedoelde u {close}? ", "en": "did you mean {close}? "},
        # problems in the data (graph/entries.py, yamlfile.py, plan_loader.py, validate.py,
        # registry.py): the message after "file:line: [entity]"; the check's name stays
        "suggest": {"nl": "; bedoelde u {close}?", "en": "; did you mean {close}?"},
        "unknown_key": {
            "nl": "onbekende sleutel {key!r} in {kind}{hint}",
            "en": "unknown key {key!r} in {kind}{hint}",
        },
        "must_be_list": {"nl": "'{key}' moet een lijst zijn", "en": "'{key}' must be a list"},
        "must_be_mapping": {
            "nl": "elke {kind} moet een mapping zijn",
            "en": "each {kind} must be a mapping",
        },
        "required_in": {
            "nl": "'{key}' is verplicht in {kind}",
            "en": "'{key}' is required in {kind}",
        },
        "must_be_text": {"nl": "'{key}' moet tekst zijn", "en": "'{key}' must be text"},
        "unknown_id": {
            "nl": "{key}: onbekende {registry}-id {value!r} (zie {file}){hint}",
            "en": "{key}: unknown {registry} id {value!r} (see {file}){hint}",
        },
        "not_in_vocabulary": {
            "nl": "{key}: {value!r} staat niet in het vocabulaire '{scheme}' (een van: {known})",
            "en": "{key}: {value!r} is not in the vocabulary '{scheme}' (one of: {known})",
        },
        "unknown_theme": {
            "nl": "{key}: onbekende thema-id {value!r} in dit plan{hint}",
            "en": "{key}: unknown theme id {value!r} in this plan{hint}",
        },
        "unknown_section": {
            "nl": "sectie {section!r} staat niet in de secties van het plan{hint}",
            "en": "section {section!r} is not in the plan's sections{hint}",
        },
        "quote_required": {
            "nl": "'{key}' is verplicht: elke gecureerde uitspraak heeft een letterlijk citaat "
            "nodig",
            "en": "'{key}' is required: every curated statement needs a verbatim quote",
        },
        "duplicate_id": {
            "nl": "dubbele id {ident!r} (eerst op regel {line})",
            "en": "duplicate id {ident!r} (first on line {line})",
        },
        "duplicate_registry_id": {
            "nl": "dubbele {name}-id {ident!r}",
            "en": "duplicate {name} id {ident!r}",
        },
        "duplicate_key": {"nl": "dubbele sleutel {key!r}", "en": "duplicate key {key!r}"},
        "not_utf8": {"nl": "geen UTF-8-tekst ({reason})", "en": "not UTF-8 text ({reason})"},
        "unclosed": {
            "nl": " (de tekst tussen aanhalingstekens vanaf regel {opened} loopt door tot regel "
            "{line}: niet gesloten?)",
            "en": " (the quoted text from line {opened} runs on to line {line}: unclosed?)",
        },
        "malformed_yaml": {"nl": "onjuiste YAML: {message}", "en": "malformed YAML: {message}"},
        "quote_section": {
            "nl": "citaat verwijst naar sectie {section} die geen plan definieert",
            "en": "quote cites section {section} that no plan defines",
        },
        "quote_not_found": {
            "nl": "citaat niet gevonden in {name}: {text!r}{hint}",
            "en": "quote not found in {name}: {text!r}{hint}",
        },
        "closest": {
            "nl": "; dichtstbijzijnde passage: {near!r}",
            "en": "; closest passage: {near!r}",
        },
        "value_not_printed": {
            "nl": "waarde {value} staat niet in zijn citaat {quotes!r}",
            "en": "value {value} is not printed in its quote {quotes!r}",
        },
        "cannot_read_shapes": {
            "nl": "kan de SHACL-shapes {path} niet lezen: {err}",
            "en": "cannot read the SHACL shapes {path}: {err}",
        },
        # graph/sparql_lexer.py: a query the engine cannot parse
        "malformed": {"nl": "Onjuiste SPARQL: {message}", "en": "Malformed SPARQL: {message}"},
        "unknown_prefix": {
            "nl": "Onjuiste SPARQL: onbekend prefix {prefix}: op regel {line}, kolom {column} "
            "(in {pname}); declareer het met PREFIX {prefix}: <...>.",
            "en": "Malformed SPARQL: unknown prefix {prefix}: at line {line}, column {column} "
            "(in {pname}); declare it with PREFIX {prefix}: <...>.",
        },
        "malformed_at": {
            "nl": "Onjuiste SPARQL op regel {line}, kolom {column}: {shown}; {wanted}.",
            "en": "Malformed SPARQL at line {line}, column {column}: {shown}; {wanted}.",
        },
        "unreadable": {
            "nl": "Onjuiste SPARQL op regel {line}, kolom {column}: geen SPARQL-token kan beginnen "
            "met {shown}. (Buiten IRI's en strings scheiden alleen spatie, tab en regeleinde de "
            "tokens.)",
            "en": "Malformed SPARQL: no SPARQL token can start with {shown} at line {line}, "
            "column {column}. (Outside IRIs and strings, only space, tab and line breaks "
            "separate tokens.)",
        },
        "too_deep": {
            "nl": "De query is op regel {line}, kolom {column} dieper genest dan {limit} niveaus "
            "(haakjes of herhaalde operatoren); dit endpoint weigert zulke queries. Maak de query "
            "minder diep genest.",
            "en": "The query nests deeper than {limit} levels (brackets or repeated operators) "
            "at line {line}, column {column}; this endpoint refuses such queries. Flatten it.",
        },
        "found": {"nl": "gevonden: {token!r}", "en": "found {token!r}"},
        "ends": {"nl": "de query eindigt daar", "en": "the query ends there"},
        "ends_after": {"nl": ", na {token!r}", "en": ", after {token!r}"},
        "after": {"nl": "na {token!r}", "en": "after {token!r}"},
        "at_start": {"nl": "aan het begin", "en": "at the start"},
        "not_valid": {
            "nl": "dat is daar geen geldige SPARQL",
            "en": "that is not valid SPARQL there",
        },
        "expected": {"nl": "verwacht: {tokens}", "en": "expected {tokens}"},
        "or_more": {"nl": " of nog {n}", "en": " or {n} more"},
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
