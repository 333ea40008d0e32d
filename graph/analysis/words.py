"""The words of the analyses' plain-language readings, in Dutch (the default) and English.

One catalog for the six analyses, so a reading is translated in one place and the modules keep
only the arithmetic of what they say. The rows stay as they are (their values are data that
scripts match on); only the sentences before a table, and on a graph page, follow the language.
A count's word agrees with the count: `counted(n, "partner", lang)` takes the key "partner1"
for one and "partner" for any other number.
"""

from __future__ import annotations

from graph.i18n import Language, Texts

WORDS = Texts(
    {
        "together": {"nl": "{n} plannen samen", "en": "{n} plans together"},
        # central
        "central_top": {
            "nl": "In {where} is {label} ({partner}) betrokken bij {themes} van de {n} thema's: "
            "{via}.",
            "en": "In {where}, {label} ({partner}) is involved in {themes} of {n} themes: {via}.",
        },
        "central_next": {"nl": "Daarna: {runners}.", "en": "Next: {runners}."},
        "central_runner": {
            "nl": "{partner} in {themes} van {n}",
            "en": "{partner} in {themes} of {n}",
        },
        "central_between": {
            "nl": "Hoogste betweenness: {partner} ({score}), de partner die het vaakst op het "
            "kortste pad tussen twee thema's of partners ligt",
            "en": "Highest betweenness: {partner} ({score}), the partner most often on the "
            "shortest path between two themes or partners",
        },
        "central_estimated": {
            "nl": " (geschat uit {pivots} willekeurige bronnen).",
            "en": " (estimated from {pivots} random sources).",
        },
        "central_idle1": {
            "nl": "{n} van de {of} partners wordt genoemd maar werkt aan geen thema "
            "(zie `ivp analyze gaps`).",
            "en": "{n} of {of} partners is named but works on no theme (see `ivp analyze gaps`).",
        },
        "central_idle": {
            "nl": "{n} van de {of} partners worden genoemd maar werken aan geen thema "
            "(zie `ivp analyze gaps`).",
            "en": "{n} of {of} partners are named but work on no theme (see `ivp analyze gaps`).",
        },
        "central_both1": {
            "nl": "{n} partner wordt genoemd door {plans}: {partners}.",
            "en": "{n} partner is named by {plans}: {partners}.",
        },
        "central_both": {
            "nl": "{n} partners worden genoemd door {plans}: {partners}.",
            "en": "{n} partners are named by {plans}: {partners}.",
        },
        "both_plans": {"nl": "beide plannen", "en": "both plans"},
        "all_plans": {"nl": "alle {n} plannen", "en": "all {n} plans"},
        # communities
        "communities": {
            "nl": "In {where} vindt Louvain (seed {seed}) {found} met modulariteit {q}",
            "en": "In {where}, Louvain (seed {seed}) finds {found} with modularity {q}",
        },
        "community1": {"nl": "{n} gemeenschap", "en": "{n} community"},
        "community": {"nl": "{n} gemeenschappen", "en": "{n} communities"},
        "clear": {"nl": " (een duidelijke structuur).", "en": " (a clear structure)."},
        "weak": {
            "nl": " (een zwakke structuur: thema's delen veel).",
            "en": " (a weak structure: themes share a lot).",
        },
        "community_row": {
            "nl": "  {community}: {themes} met {partners}, vooral {domain}; {cohesion} van de "
            "betrokkenheden van zijn thema's blijft binnen.",
            "en": "  {community}: {themes} with {partners}, mostly {domain}; {cohesion} of its "
            "themes' involvements stay inside.",
        },
        "partner1": {"nl": "{n} partner", "en": "{n} partner"},
        "partner": {"nl": "{n} partners", "en": "{n} partners"},
        # brokers
        "brokers_top": {
            "nl": "In {where} verbindt {label} ({partner}, {domains}) de meeste domeinen: deze "
            "partner deelt thema's met partners uit {reach} domeinen ({connects}), participatie "
            "{participation}.",
            "en": "In {where}, {label} ({partner}, {domains}) connects the most domains: it "
            "shares themes with partners from {reach} domains ({connects}), participation "
            "{participation}.",
        },
        "brokers_spread1": {
            "nl": "{n} partner werkt in thema's van meer dan één gemeenschap: {partners}.",
            "en": "{n} partner works in themes of more than one community: {partners}.",
        },
        "brokers_spread": {
            "nl": "{n} partners werken in thema's van meer dan één gemeenschap: {partners}.",
            "en": "{n} partners work in themes of more than one community: {partners}.",
        },
        # gaps
        "no_gaps": {"nl": "{plan}: geen hiaten gevonden.", "en": "{plan}: no gaps found."},
        "gaps": {"nl": "{plan}: {parts}.", "en": "{plan}: {parts}."},
        "no_budget_table": {"nl": "geen begrotingstabel", "en": "no budget table"},
        "partner in no theme1": {
            "nl": "{n} partner in geen thema",
            "en": "{n} partner in no theme",
        },
        "partner in no theme": {
            "nl": "{n} partners in geen thema",
            "en": "{n} partners in no theme",
        },
        "budget line without theme1": {
            "nl": "{n} begrotingsregel zonder thema",
            "en": "{n} budget line without a theme",
        },
        "budget line without theme": {
            "nl": "{n} begrotingsregels zonder thema",
            "en": "{n} budget lines without a theme",
        },
        "of_priorities1": {"nl": "{n} van {of} prioriteit", "en": "{n} of {of} priority"},
        "of_priorities": {"nl": "{n} van de {of} prioriteiten", "en": "{n} of {of} priorities"},
        "without partners": {"nl": "zonder partners", "en": "without partners"},
        "without ambitions": {"nl": "zonder ambities", "en": "without ambitions"},
        "without budget": {"nl": "zonder begroting", "en": "without budget"},
        "without VNG mapping": {"nl": "zonder VNG-koppeling", "en": "without VNG mapping"},
        # overlap
        "overlap_pairs": {
            "nl": "{plan}: {sharing} van de {pairs} themaparen delen minstens één partner; het "
            "plan noemt {links} tussen thema's.",
            "en": "{plan}: {sharing} of {pairs} theme pairs share at least one partner; the plan "
            "states {links} between themes.",
        },
        "link1": {"nl": "{n} verband", "en": "{n} link"},
        "link": {"nl": "{n} verbanden", "en": "{n} links"},
        "implicit": {
            "nl": "  {found} (≥{min_shared} gedeeld, Jaccard ≥{min_jaccard}, niet genoemd); "
            "sterkste: {a} en {b} delen {shared} partners (Jaccard {jaccard}): {partners}.",
            "en": "  {found} (≥{min_shared} shared, Jaccard ≥{min_jaccard}, not stated); "
            "strongest: {a} and {b} share {shared} partners (Jaccard {jaccard}): {partners}.",
        },
        "implicit_link1": {"nl": "{n} impliciet kruisverband", "en": "{n} implicit cross-link"},
        "implicit_link": {
            "nl": "{n} impliciete kruisverbanden",
            "en": "{n} implicit cross-links",
        },
        "no_implicit": {
            "nl": "  Geen impliciete kruisverbanden bij ≥{min_shared} gedeeld en Jaccard "
            "≥{min_jaccard}.",
            "en": "  No implicit cross-links at ≥{min_shared} shared and Jaccard ≥{min_jaccard}.",
        },
        "uncarried": {
            "nl": "  {found} zonder gedeelde partner: {pairs}.",
            "en": "  {found} without a shared partner: {pairs}.",
        },
        "stated_link1": {"nl": "{n} genoemd verband", "en": "{n} stated link"},
        "stated_link": {"nl": "{n} genoemde verbanden", "en": "{n} stated links"},
        # compare
        "compare_core": {
            "nl": "Van de {n} VNG-kernthema's dekt {covers}; {common} door {all} ({commons}), "
            "{nobody} door {none} ({nobodies}).",
            "en": "Of the {n} VNG core themes, {covers}; {common} by {all} ({commons}), "
            "{nobody} by {none} ({nobodies}).",
        },
        "covers": {"nl": "{plan} er {n}", "en": "{plan} covers {n}"},
        "and": {"nl": " en ", "en": ", "},
        "covered1": {"nl": "{n} wordt gedekt", "en": "{n} is covered"},
        "covered": {"nl": "{n} worden gedekt", "en": "{n} are covered"},
        "both": {"nl": "beide", "en": "both"},
        "all": {"nl": "alle", "en": "all"},
        "neither": {"nl": "geen van beide", "en": "neither"},
        "none": {"nl": "geen", "en": "none"},
        "only": {"nl": "Alleen {plan}: {items}.", "en": "Only {plan}: {items}."},
        "compare_partners": {
            "nl": "Partners: {shared} van de {n} {named} door {all} plannen ({names})",
            "en": "Partners: {shared} of {n} {named} by {all} plans ({names})",
        },
        "named1": {"nl": "wordt genoemd", "en": "is named"},
        "named": {"nl": "worden genoemd", "en": "are named"},
        "names": {"nl": "{plan} noemt er {n}", "en": "{plan} names {n}"},
        "compare_types": {
            "nl": "Partnertypen: {common} van de {n} worden genoemd door {all} plannen; "
            "{different} daarvan via verschillende organisaties",
            "en": "Partner types: {common} of {n} are named by {all} plans; {different} of those "
            "through different organisations",
        },
        "similarity": {
            "nl": "Gelijkenis {pair}: {score} (kernthema's {core}, partners {partners}, mix van "
            "partnersoorten {kinds}).",
            "en": "Similarity {pair}: {score} (core themes {core}, partners {partners}, "
            "partner-kind mix {kinds}).",
        },
    }
)


def counted(n: int, key: str, language: Language, /, **fields: object) -> str:
    """`n` with its words in agreement: the key + "1" for one, the key itself otherwise.

    >>> counted(1, "partner", "nl"), counted(3, "community", "nl"), counted(2, "link", "en")
    ('1 partner', '3 gemeenschappen', '2 links')
    """
    return WORDS(key + "1" if n == 1 else key, language, n=n, **fields)


def where(scope: list[str], language: Language) -> str:
    """The scope a reading speaks of: the plan, or how many plans together."""
    return scope[0] if len(scope) == 1 else WORDS("together", language, n=len(scope))
