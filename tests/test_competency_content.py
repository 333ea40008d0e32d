"""Competency questions on what the plans say (issue 11, part B), answered in SPARQL.

Each question is one a careful reader answers from the two texts in data/sources/; the expected
answer is read off the text (the quote beside it), never off the graph. Together they cover the
topics of a theme (item 2), legal basis versus laws used and the paragraph (5), qualified target
groups (6), general sentences about a set of themes (7), the VNG mapping rule (8), referenced
documents (9), themes placed elsewhere (10) and the budget counted once (11).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from graph.config import Settings
from graph.store import open_store, prefixes, select

NIJ = "https://w3id.org/kruisverband/id/plan/nijmegen-2022"
PN = "https://w3id.org/kruisverband/id/plan/pijnacker-nootdorp-2023"
NIJ_T = "https://w3id.org/kruisverband/id/thema/nijmegen-2022/"
PN_T = "https://w3id.org/kruisverband/id/thema/pijnacker-nootdorp-2023/"


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    sparql: str
    expected: Any  # a set of tuples (one per row, in the SELECT's order) or one value
    source: str  # the words in the plan the expected answer is read from


def topics(theme: str) -> str:
    return f"""SELECT ?topic WHERE {{ <{theme}> ivp:hasTopic ?t . ?t skos:broader <{theme}> ;
  skos:prefLabel ?topic . FILTER(LANG(?topic) = "nl") }}"""


def groups(theme: str) -> str:
    return f"""SELECT ?group ?qualifier WHERE {{
  <{theme}> ivp:targetGroup ?g . ?g dcterms:identifier ?group .
  OPTIONAL {{ ?s rdf:subject <{theme}> ; rdf:predicate ivp:targetGroup ; rdf:object ?g ;
                ivp:qualifier ?qualifier }} }}"""


def mapping(theme: str) -> str:
    return f"""SELECT ?notation ?match ?basis WHERE {{
  ?m ivp:mappedTheme <{theme}> ; ivp:coreTheme/skos:notation ?notation ;
     ivp:matchProperty ?p ; ivp:mappingBasis/skos:notation ?basis .
  BIND(STRAFTER(STR(?p), "#") AS ?match) }}"""


def documents(plan: str) -> str:
    return f"""SELECT ?id ?kind WHERE {{ <{plan}> dcterms:references ?d .
  ?d a ivp:ReferencedDocument ; dcterms:identifier ?id ; dcterms:type/skos:notation ?kind }}"""


def placement(theme: str) -> str:
    return f"""SELECT ?status ?with ?quote WHERE {{
  <{theme}> ivp:status/skos:notation ?status ; ivp:placedWith ?with .
  ?s rdf:subject <{theme}> ; rdf:predicate ivp:placedWith ;
     prov:wasDerivedFrom/oa:exact ?quote }}"""


def legal_bases(plan: str) -> str:
    return f"""SELECT ?law ?article ?paragraph WHERE {{ <{plan}> ivp:legalBasis ?l .
  ?l dcterms:identifier ?law . OPTIONAL {{ ?l ivp:article ?article }}
  OPTIONAL {{ ?l ivp:paragraph ?paragraph }} }}"""


SPEERPUNTEN = "waren en blijven hierbij onze belangrijkste inhoudelijke speerpunten"

NIJMEGEN = [
    Question(
        "nij-topics-zorg",
        "Which speerpunten does Zorg & Veiligheid list?",
        topics(NIJ_T + "zorg-en-veiligheid"),
        {
            ("Levensloopzorg bij complexe en hardnekkige multiproblematiek",),
            ("Aandacht voor risicojeugd",),
            ("Zorg en huisvesting van bijzondere doelgroepen",),
            ("Nazorg ter voorkoming van herhaalgedrag (recidive)",),
            ("Versterking van de weerbaarheid van kwetsbaren",),
        },
        f"Een vorm van levensloopzorg ..., aandacht voor risicojeugd, de zorg en huisvesting van "
        f"bijzondere doelgroepen ... en nazorg ... en versterking van de weerbaarheid van "
        f"kwetsbaren {SPEERPUNTEN}.",
    ),
    Question(
        "nij-topics-fysiek",
        "What is Veilige fysieke leefomgeving about?",
        topics(NIJ_T + "veilige-fysieke-leefomgeving"),
        {
            ("Brandveiligheid",),
            ("Constructieve veiligheid van bouwwerken",),
            ("Voorkomen van veiligheidsrisico's door milieuhandhaving",),
        },
        "Bij dit thema gaat het om de brandveiligheid ... en de constructieve veiligheid van "
        "bouwwerken en het voorkomen van veiligheidsrisico's door milieuhandhaving.",
    ),
    Question(
        "nij-legal-basis-paragraph",
        "Which article and paragraph of which law does the plan rest on?",
        legal_bases(NIJ),
        {
            ("politiewet-2012-art-38b-lid-1", "38b", "1"),
            ("wet-veiligheidsregios-art-3a", "3a", None),
        },
        "In artikel 38b, eerste lid Politiewet 2012 is vastgelegd ... Tevens ligt er een relatie "
        "met artikel 3a van de Wet Veiligheidsregio's",
    ),
    Question(
        "nij-paragraph-part-of-article",
        "Is the cited paragraph part of article 38b, with a juriconnect IRI for lid 1?",
        """SELECT ?whole ?jci WHERE { id:wetsbepaling\\/politiewet-2012-art-38b-lid-1
  dcterms:isPartOf/dcterms:identifier ?whole ; ivp:juriconnect ?j . BIND(STR(?j) AS ?jci) }""",
        {
            (
                "politiewet-2012-art-38b",
                "https://wetten.overheid.nl/jci1.3:c:BWBR0031788&artikel=38b&lid=1",
            )
        },
        "artikel 38b, eerste lid Politiewet 2012",
    ),
    Question(
        "nij-bibob-is-an-instrument",
        "Does Ondermijning use the Wet Bibob as an instrument, and is it no basis of the plan?",
        f"""SELECT ?used ?basis WHERE {{
  BIND(EXISTS {{ <{NIJ_T}ondermijning> ivp:usesLaw id:wetsbepaling\\/wet-bibob }} AS ?used)
  BIND(EXISTS {{ ?x ivp:legalBasis id:wetsbepaling\\/wet-bibob ; ivp:inPlan <{NIJ}> }}
       || EXISTS {{ <{NIJ}> ivp:legalBasis id:wetsbepaling\\/wet-bibob }} AS ?basis) }}""",
        {(True, False)},
        "Een belangrijk instrument van weerbaarheid bij kwetsbare processen is de werkwijze om ... "
        "gebruik te maken van de Wet bevordering integriteitstoetsen door het openbaar bestuur",
    ),
    Question(
        "nij-digital-main-target-groups",
        "Who are Digitale criminaliteit's most important target groups?",
        groups(NIJ_T + "digitale-criminaliteit"),
        {
            ("jongeren", "belangrijkste doelgroepen"),
            ("ouderen", "belangrijkste doelgroepen"),
            ("kleine-en-middelgrote-ondernemers", "belangrijkste doelgroepen"),
        },
        "met als belangrijkste doelgroepen: jeugd, ouderen en kleine en middelgrote ondernemers.",
    ),
    Question(
        "nij-ondermijning-not-youth",
        "Does Ondermijning name young people as its target group?",
        f"""ASK {{ <{NIJ_T}ondermijning> ivp:targetGroup id:begrip\\/doelgroep\\/jongeren }}""",
        False,
        "Preventieve inzet specifiek gericht op jongeren komt terug bij het thema jonge aanwas in "
        "criminaliteit.",
    ),
    Question(
        "nij-set-link-social-domain",
        "Which themes does 'op al deze thema's ... kruisverbanden met het sociale domein' cover, "
        "said once?",
        f"""SELECT ?member WHERE {{ ?l a ivp:ThemeSetLink ; ivp:inPlan <{NIJ}> ;
  ivp:linkTo/skos:notation "sociaal" ; ivp:setMember/dcterms:identifier ?member }}""",
        {
            ("zorg-en-veiligheid",),
            ("ondermijning",),
            ("veilige-wijken",),
            ("jonge-aanwas",),
            ("veilige-fysieke-leefomgeving",),
        },
        "Thema's als zorg & veiligheid en ondermijning ... Bijvoorbeeld daar waar we inzetten op "
        "veilige wijken, ... jeugdoverlast en – criminaliteit. Tevens liggen op al deze thema's "
        "belangrijke kruisverbanden met het sociale domein ... Dat geldt overigens ook voor de "
        "veiligheid van de fysieke leefomgeving",
    ),
    Question(
        "nij-general-sentence-no-pairs",
        "How many pairwise cross-links rest on that general sentence alone?",
        f"""SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{ ?l a ivp:CrossLink ; ivp:inPlan <{NIJ}> ;
  prov:wasDerivedFrom/oa:exact ?q . FILTER(STRSTARTS(?q, "Tevens liggen op al deze thema's")) }}""",
        0,
        "Tevens liggen op al deze thema's belangrijke kruisverbanden met het sociale domein",
    ),
    Question(
        "nij-vng-digital-crime",
        "Onto which VNG core theme does Digitale criminaliteit map, by which rule?",
        mapping(NIJ_T + "digitale-criminaliteit"),
        {
            ("1.3", "broadMatch", "curated"),
            ("5.4", "relatedMatch", "curated"),
            ("2", "relatedMatch", "curated"),
        },
        "We willen eraan bijdragen dat bewoners en ondernemers zich online veilig kunnen bewegen. "
        "(the plan names no VNG theme: curated, by the rule that a digital-crime priority "
        "falls under 1.3)",
    ),
    Question(
        "nij-documents",
        "Which documents does the plan refer to?",
        documents(NIJ),
        {
            ("coalitieakkoord-ons-nijmegen", "bestuursakkoord"),
            ("veiligheidsbrief-2022", "raadsbrief"),
            ("trendstudie-platform-31", "onderzoek"),
            ("plan-van-aanpak-fysieke-veiligheid-2019-2022", "beleidsplan"),
            ("stadsbegroting-2021", "begroting"),
            ("de-transformatieve-school", "onderzoek"),
        },
        "'Ons Nijmegen, Stad van iedereen' vormt als coalitieakkoord ...; In de Veiligheidsbrief "
        "2022 (onze raadsbrief van 1 februari 2022); de trendstudie ... Platform 31; het Plan van "
        "aanpak fysieke veiligheid 2019-2022; de Stadsbegroting van 2021; "
        "De Transformatieve School",
    ),
    Question(
        "nij-predecessor-referenced",
        "Does the plan refer to the plan it replaces?",
        f"""SELECT ?title WHERE {{ <{NIJ}> dcterms:references ?d ; dcterms:replaces ?d .
  ?d dcterms:title ?title }}""",
        {("De weerbare stad",)},
        "De relatie met het Veiligheidsplan 2018-2022 'De weerbare stad'",
    ),
    Question(
        "nij-verkeersveiligheid-elsewhere",
        "What does the plan do with verkeersveiligheid?",
        placement(NIJ_T + "verkeersveiligheid"),
        {("elsewhere", "andere beleidsstukken", "komt als thema terug in andere beleidsstukken.")},
        "Verkeersveiligheid, een thema dat ... komt als thema terug in andere beleidsstukken.",
    ),
    Question(
        "nij-budget-veilige-wijken-own-lines",
        "Which budget lines name Veilige wijken one by one, and what do they hold in 2024?",
        f"""SELECT ?line ?amount WHERE {{ ?b ivp:funds <{NIJ_T}veilige-wijken> ;
  dcterms:identifier ?line . ?o ivp:budgetLine ?b ; ivp:year "2024"^^xsd:gYear ;
  ivp:amountEUR ?amount }}""",
        {("veilige-wijken", 584000)},
        "9. Veilige wijken 241 582 584 585 585 ... (Thema 2 – Veilige wijken); Intelligence says "
        "(Alle thema's) and names no theme",
    ),
    Question(
        "nij-intelligence-once",
        "Which themes does the Intelligence line name one by one, and does it serve all?",
        """SELECT (COUNT(?t) AS ?named) (SAMPLE(?all) AS ?serves_all) WHERE {
  id:begrotingspost\\/nijmegen-2022\\/intelligence ivp:fundsAllThemes ?all .
  OPTIONAL { id:begrotingspost\\/nijmegen-2022\\/intelligence ivp:funds ?t } }""",
        {(0, True)},
        "3. Intelligence 143 129 129 30 30 ... (Alle thema's)",
    ),
]

ZV = "De onderwerpen waarbij samenwerking tussen het zorg- en veiligheidsdomein essentieel is"

PIJNACKER_NOOTDORP = [
    Question(
        "pn-topics-zorg",
        "Which six onderwerpen does Zorg en veiligheid list?",
        topics(PN_T + "zorg-en-veiligheid"),
        {
            ("Woonoverlast",),
            ("Personen met verward of onbegrepen gedrag",),
            ("Radicalisering en potentieel gevaarlijke eenlingen",),
            ("Nazorg en re-integratie van ex-gedetineerden",),
            ("Huiselijk geweld (waaronder kindermishandeling)",),
            ("Mensenhandel",),
        },
        f"{ZV} zijn als volgt: - Woonoverlast - Personen met verward of onbegrepen gedrag - "
        "Radicalisering en potentieel gevaarlijke eenlingen - Nazorg en re-integratie van "
        "ex-gedetineerden - Huiselijk geweld (waaronder ook kindermishandeling) - Mensenhandel",
    ),
    Question(
        "pn-topics-ondermijning",
        "Which verschijningsvormen of ondermijning does the plan name?",
        topics(PN_T + "ondermijning"),
        {
            ("Drugscriminaliteit",),
            ("Mensenhandel",),
            ("Vastgoedfraude",),
            ("Woonfraude",),
            ("Zorgfraude",),
            ("Witwassen van crimineel verdiend geld",),
        },
        "verschijningsvormen van ondermijning, zoals drugscriminaliteit, mensenhandel, "
        "vastgoedfraude, woonfraude, zorgfraude en witwassen van geld",
    ),
    Question(
        "pn-mensenhandel-in-two-themes",
        "Under which themes is mensenhandel a topic?",
        """SELECT ?theme WHERE { ?t a ivp:Topic ; skos:prefLabel "Mensenhandel"@nl ;
  skos:broader/dcterms:identifier ?theme ; ivp:inPlan id:plan\\/pijnacker-nootdorp-2023 }""",
        {("ondermijning",), ("zorg-en-veiligheid",)},
        "3.1: verschijningsvormen ... mensenhandel; 3.3: - Mensenhandel",
    ),
    Question(
        "pn-topics-bedrijvigheid",
        "Which themes fall under the core theme Bedrijvigheid en veiligheid?",
        topics(PN_T + "bedrijvigheid-en-veiligheid"),
        {
            ("Veilige bedrijventerreinen",),
            ("Veilige winkelgebieden",),
            ("Veilig uitgaan",),
            ("Veilige evenementen",),
            ("Veilig toerisme",),
        },
        "Onder dit kernthema vallen de thema's veilige bedrijventerreinen, veilige winkelgebieden, "
        "veilig uitgaan, veilige evenementen en veilig toerisme.",
    ),
    Question(
        "pn-topics-radicalisering",
        "Which radical currents does Polarisatie en radicalisering give as examples?",
        topics(PN_T + "polarisatie-en-radicalisering"),
        {
            ("Rechts-extremisme",),
            ("Islamisme/jihadisme",),
            ("Dierenrechtenradicalisme",),
            ("Asielrechtenradicalisme",),
            ("Links-extremisme",),
        },
        "Voorbeelden van radicale stromingen zijn: rechts-extremisme, islamisme/jihadisme, "
        "dierenrechtenradicalisme, asielrechtenradicalisme, links-extremisme",
    ),
    Question(
        "pn-legal-basis-only-38b",
        "What does the raadsbesluit rest on?",
        legal_bases(PN),
        {("politiewet-2012-art-38b", "38b", None)},
        "gelet op artikel 38b van de Politiewet;",
    ),
    Question(
        "pn-laws-used",
        "Which laws does the plan use as instruments, and where?",
        f"""SELECT ?where ?law WHERE {{
  {{ <{PN}> ivp:usesLaw ?l BIND("plan" AS ?where) }}
  UNION {{ <{PN}> ivp:hasTheme/ivp:hasAction ?a . ?a ivp:usesLaw ?l ;
           dcterms:identifier ?where }}
  UNION {{ <{PN}> ivp:hasTheme ?t . ?t ivp:usesLaw ?l ; dcterms:identifier ?where }}
  ?l dcterms:identifier ?law }}""",
        {
            ("plan", "gemeentewet-art-151d"),
            ("weerbaarheid", "wet-bibob"),
            ("weerbaarheid", "opiumwet-art-13b"),
            ("preventie-en-repressie", "gemeentewet"),
            ("preventie-en-repressie", "wvggz"),
            ("informatieveiligheid", "avg"),
        },
        "2.3: inzet van de Wet aanpak woonoverlast; 3.1.3: de Wet Bibob, de Wet Damocles (artikel "
        "13b van de Opiumwet); 3.3.3: op basis van de Gemeentewet ... de Wet verplichte "
        "geestelijke gezondheidszorg (Wvggz); 4.12: de Algemene Verordening Gegevensbescherming "
        "(AVG)",
    ),
    Question(
        "pn-digital-extra-vulnerable",
        "Which groups are extra vulnerable to digital crime, and who else is a target group?",
        groups(PN_T + "digitale-criminaliteit"),
        {
            ("jongeren", "extra kwetsbaar"),
            ("ouderen", "extra kwetsbaar"),
            ("ondernemers", "extra kwetsbaar"),
            ("personen-met-afstand-tot-arbeidsmarkt", "extra kwetsbaar"),
            ("inwoners", None),
        },
        "Maar er zijn vier doelgroepen die extra kwetsbaar zijn ... jongeren, ouderen, ondernemers "
        "en personen met een afstand tot de arbeidsmarkt. ... het weerbaarder maken van onze "
        "inwoners en ondernemers tegen digitale criminaliteit.",
    ),
    Question(
        "pn-ondermijning-target-groups",
        "Which target groups does the theme Ondermijning name (outside its actions)?",
        groups(PN_T + "ondermijning"),
        {("slachtoffers", None)},
        "de juiste hulpverlening aan subjecten en slachtoffers (3.1.2); footnote 6 explains "
        "money muling and names no target group",
    ),
    Question(
        "pn-four-priorities-once",
        "How is 'Deze vier prioritaire thema's ... hebben verschillende raakvlakken met elkaar' "
        "recorded?",
        f"""SELECT (COUNT(DISTINCT ?m) AS ?members) (SAMPLE(?k) AS ?kind) WHERE {{
  ?l a ivp:ThemeSetLink ; ivp:inPlan <{PN}> ; ivp:setMember ?m ; ivp:linkKind/skos:notation ?k ;
     prov:wasDerivedFrom/oa:exact ?q . FILTER(STRSTARTS(?q, "Deze vier prioritaire")) }}""",
        {(4, "raakvlak")},
        "Deze vier prioritaire thema's zijn niet op zichzelf staand, maar hebben verschillende "
        "raakvlakken met elkaar.",
    ),
    Question(
        "pn-youth-and-care-not-paired",
        "Does any passage link Jeugd en veiligheid with Zorg en veiligheid pairwise?",
        f"""ASK {{ ?l a ivp:CrossLink ; ivp:inPlan <{PN}> .
  {{ ?l ivp:linkFrom <{PN_T}jeugd-en-veiligheid> ; ivp:linkTo <{PN_T}zorg-en-veiligheid> }}
  UNION {{ ?l ivp:linkFrom <{PN_T}zorg-en-veiligheid> ; ivp:linkTo <{PN_T}jeugd-en-veiligheid> }}
}}""",
        False,
        "only the general sentence of 1.2 joins them; its example names ondermijning with each",
    ),
    Question(
        "pn-subjective-safety-all-themes",
        "What does 4.3 say Subjectieve veiligheid touches, and is it said once?",
        f"""SELECT (COUNT(DISTINCT ?l) AS ?sets) (COUNT(DISTINCT ?m) AS ?members) ?all WHERE {{
  ?l a ivp:ThemeSetLink ; ivp:linkFrom <{PN_T}subjectieve-veiligheid> ;
     ivp:coversAllThemes ?all ; ivp:setMember ?m }} GROUP BY ?all""",
        {(1, 16, True)},  # 4 priorities and 13 going-concern themes (4.1-4.13), less 4.3 itself
        "Subjectieve veiligheid ... heeft dus raakvlakken met de verschillende thema's.",
    ),
    Question(
        "pn-vng-digital-crime-one-rule",
        "Do both plans' digital-crime priorities map onto VNG 1.3 by the same rule?",
        f"""SELECT ?theme ?match ?basis WHERE {{
  VALUES ?t {{ <{PN_T}digitale-criminaliteit> <{NIJ_T}digitale-criminaliteit> }}
  ?m ivp:mappedTheme ?t ; ivp:coreTheme/skos:notation "1.3" ; ivp:matchProperty ?p ;
     ivp:mappingBasis/skos:notation ?basis . ?t ivp:inPlan/dcterms:identifier ?theme .
  BIND(STRAFTER(STR(?p), "#") AS ?match) }}""",
        {
            ("pijnacker-nootdorp-2023", "broadMatch", "stated"),
            ("nijmegen-2022", "broadMatch", "curated"),
        },
        "Daarom kan de prioriteit 'Weerbaarheid tegen digitale criminaliteit' worden geschaard "
        "onder thema 1.3 Objectieve veiligheid, veelvoorkomende criminaliteit en HIC's (stated); "
        "Nijmegen names no VNG theme (curated, same rule)",
    ),
    Question(
        "pn-chapter-4-stated",
        "Are the going-concern themes of chapter 4 mapped as the plan states them?",
        f"""SELECT ?basis (COUNT(?m) AS ?n) WHERE {{
  ?m ivp:inPlan <{PN}> ; ivp:matchProperty skos:exactMatch ;
     ivp:mappingBasis/skos:notation ?basis }} GROUP BY ?basis""",
        {("stated", 13)},  # one per section 4.1 to 4.13
        "In onderstaande tabel staan de vijf veiligheidsvelden met daaronder de (kern)thema's "
        "volgens het 'Kernbeleid veiligheid' van de VNG. (4.1-4.13 treat them one by one, "
        "4.10 Polarisatie en radicalisering with the VNG's definition, footnote 10)",
    ),
    Question(
        "pn-documents",
        "Which documents does the plan refer to?",
        documents(PN),
        {
            ("omgevingsvisie", "beleidsplan"),
            ("uitvoeringsplannen-integrale-veiligheid", "uitvoeringsplan"),
            ("ondermijningsbeeld-2020", "onderzoek"),
            ("bestuurlijke-weerbaarheidsscan-2020", "onderzoek"),
            ("rkc-rapport-ondermijning-2021", "onderzoek"),
            ("regionaal-beleidsplan-coalitie-voor-veiligheid", "beleidsplan"),
            ("raadsakkoord-2022-2026", "bestuursakkoord"),
            ("startnotitie-ivp-2023-2026", "raadsbrief"),
            ("kernbeleid-veiligheid-vng", "beleidsplan"),
            ("najaarsnota-2023", "begroting"),
            ("begroting-2024", "begroting"),
        },
        "Omgevingsvisie (1); uitvoeringsplannen (1); footnotes 1 and 2; 'Coalitie voor veiligheid "
        "2023-2026' (1.2); 'Raadsakkoord op hoofdlijnen 2022-2026' and the 'Startnotitie' (1.3.1); "
        "'Kernbeleid veiligheid' van de VNG (4); Najaarsnota 2023 and Begroting 2024 (besluit)",
    ),
    Question(
        "pn-rkc-report-cited-for-ondermijning",
        "Which report of the Rekenkamercommissie does the plan cite, of when, for which theme?",
        f"""SELECT ?year ?theme WHERE {{ <{PN}> dcterms:references ?d .
  ?d dcterms:identifier "rkc-rapport-ondermijning-2021" ; dcterms:date ?y .
  ?t a ivp:Theme ; dcterms:references ?d ; dcterms:identifier ?theme .
  BIND(STR(?y) AS ?year) }}""",
        {("2021", "ondermijning")},
        "RKC-rapport 'Over (de aanpak van) ondermijning in Pijnacker-Nootdorp – Op het "
        "kantelpunt' 2021",
    ),
    Question(
        "pn-verkeersveiligheid-placed",
        "Where is verkeersveiligheid placed, and is it still a theme of the plan?",
        placement(PN_T + "verkeersveiligheid"),
        {
            (
                "core",
                "de afdelingen Beleid en Wijkzaken",
                "Het thema verkeersveiligheid is belegd bij de afdelingen Beleid en Wijkzaken. "
                "Op dit thema wordt geen regie gevoerd vanuit team Handhaving & Veiligheid.",
            )
        },
        "Dit zijn allemaal 'going concern' thema's (1.2); Het thema verkeersveiligheid is belegd "
        "bij de afdelingen Beleid en Wijkzaken (4.5)",
    ),
]


PN_A = "https://w3id.org/kruisverband/id/actie/pijnacker-nootdorp-2023/"


def position(theme: str, topic_label: str) -> str:
    return f"""SELECT ?n WHERE {{ <{theme}> ivp:hasTopic ?t . ?t ivp:listPosition ?n ;
  skos:prefLabel "{topic_label}"@nl }}"""


# Action-level target groups (rule 9): only what the action's passage names as its target.
PIJNACKER_NOOTDORP += [
    Question(
        "pn-action-groups-zorg-integraal",
        "Which target groups does the action 'Integrale aanpak en beleidsontwikkeling' name?",
        groups(PN_A + "zorg-en-veiligheid/integrale-aanpak-en-beleidsontwikkeling"),
        set(),
        "veroorzaakt door bijvoorbeeld woonoverlast, personen met verward gedrag, huiselijk "
        "geweld, nazorg en re-integratie van ex-gedetineerden, potentieel gevaarlijke eenlingen "
        "en radicalisering (examples of problems, not target groups)",
    ),
    Question(
        "pn-action-groups-zicht",
        "At whom is 'Zicht op overlastgevende jongeren' aimed, in the passage's words?",
        groups(PN_A + "jeugd-en-veiligheid/zicht-op-overlastgevende-jongeren"),
        {("jongeren", "(overlastgevende)")},
        "Jeugd- en jongerenwerk, de boa's en de politie worden ingezet op (overlastgevende) "
        "jongeren in de buitenruimte",
    ),
    Question(
        "pn-action-groups-voorlichting",
        "Whom does the preventive voorlichting of 'Preventie en repressie' address?",
        groups(PN_A + "jeugd-en-veiligheid/preventie-en-repressie"),
        {("jongeren", None), ("ouders", None)},
        "voorlichting aan jeugd en jongeren en hun ouders via het primair en voorgezet onderwijs",
    ),
    Question(
        "pn-action-groups-voorlichting-quote",
        "Does the quote for those jongeren name them (not only the subjects of voorlichting)?",
        f"""ASK {{ ?s rdf:subject <{PN_A}jeugd-en-veiligheid/preventie-en-repressie> ;
  rdf:predicate ivp:targetGroup ; rdf:object/dcterms:identifier "jongeren" ;
  prov:wasDerivedFrom/oa:exact ?q .
  FILTER(CONTAINS(?q, "voorlichting aan jeugd en jongeren")) }}""",
        True,
        "Dit doen we onder andere door vroegtijdig te beginnen met voorlichting aan jeugd en "
        "jongeren en hun ouders",
    ),
    Question(
        "pn-action-groups-zorgdomein",
        "Whom does the 'Verbinding met het zorgdomein' of ondermijning concern?",
        groups(PN_A + "ondermijning/verbinding-met-het-zorgdomein"),
        {("kwetsbare-personen", None), ("jongeren", "(kwetsbare) overlastgevende")},
        "personen die zich bezighouden met- of betrokken zijn bij criminele activiteiten vaak "
        "kwetsbare personen zijn ... voorkomen dat (kwetsbare) overlastgevende jongeren zich "
        "doorontwikkelen",
    ),
    Question(
        "pn-topic-order-mensenhandel",
        "Where in the list of 3.3's onderwerpen does Mensenhandel stand?",
        position(PN_T + "zorg-en-veiligheid", "Mensenhandel"),
        6,
        "- Woonoverlast - Personen met verward ... - Huiselijk geweld ... - Mensenhandel",
    ),
    Question(
        "pn-set-link-four-members",
        "Which themes does the sentence on the four priorities' raakvlakken name?",
        f"""SELECT ?id WHERE {{ ?l a ivp:ThemeSetLink ; ivp:inPlan <{PN}> ;
  dcterms:identifier "vier-prioriteiten-raakvlakken" ; ivp:setMember/dcterms:identifier ?id }}""",
        {
            ("ondermijning",),
            ("jeugd-en-veiligheid",),
            ("zorg-en-veiligheid",),
            ("digitale-criminaliteit",),
        },
        "Deze vier prioritaire thema's zijn niet op zichzelf staand, maar hebben verschillende "
        "raakvlakken met elkaar (1.2, after the list 1. ... 4.)",
    ),
]
NIJMEGEN += [
    Question(
        "nij-topic-order-levensloopzorg",
        "Which speerpunt of Zorg & Veiligheid comes first?",
        f"""SELECT ?label WHERE {{ <{NIJ_T}zorg-en-veiligheid> ivp:hasTopic ?t .
  ?t ivp:listPosition 1 ; skos:prefLabel ?label FILTER(LANG(?label) = "nl") }}""",
        "Levensloopzorg bij complexe en hardnekkige multiproblematiek",
        "Een vorm van levensloopzorg voor personen en gezinnen bij wie sprake is van complexe en "
        "hardnekkige multiproblematiek, aandacht voor risicojeugd, ...",
    ),
    Question(
        "nij-shared-line-ondermijning",
        "Which themes does the budget line Ondermijning fund?",
        f"""SELECT ?id WHERE {{ ?b a ivp:BudgetLine ; ivp:inPlan <{NIJ}> ;
  skos:prefLabel "Ondermijning"@nl ; ivp:funds/dcterms:identifier ?id }}""",
        {("ondermijning",), ("digitale-criminaliteit",)},
        "(Thema 1 – Ondermijning & Thema 3 – Digitale criminaliteit)",
    ),
    Question(
        "nij-themes-treated",
        "How many themes does the plan treat here (priorities 1-8 and core themes 9-11)?",
        f"""SELECT (COUNT(?t) AS ?n) WHERE {{ <{NIJ}> ivp:hasTheme ?t .
  FILTER NOT EXISTS {{ ?t ivp:status/skos:notation "elsewhere" }} }}""",
        11,
        "(thema's 1 t/m 8) ... (thema's 9 t/m 11). Verkeersveiligheid ... komt als thema terug "
        "in andere beleidsstukken",
    ),
    Question(
        "nij-set-link-domain",
        "With which domain do 'al deze thema's' have kruisverbanden?",
        f"""SELECT ?domain WHERE {{ ?l a ivp:ThemeSetLink ; ivp:inPlan <{NIJ}> ;
  ivp:linkTo/skos:prefLabel ?domain FILTER(LANG(?domain) = "nl") }}""",
        {("Sociaal",)},
        "Tevens liggen op al deze thema's belangrijke kruisverbanden met het sociale domein",
    ),
]


@pytest.fixture(scope="module")
def ask(built: Settings):
    store = open_store(built)

    def answer(q: Question) -> Any:
        text = q.sparql.strip()
        if text.startswith("ASK"):
            found = store.query(text, prefixes=prefixes(built), use_default_graph_as_union=True)
            return bool(found)
        rows = select(store, text, built)
        if not isinstance(q.expected, set):
            assert len(rows) == 1
            return next(iter(rows[0].values()))
        return {tuple(r.values()) for r in rows}

    return answer


def test_enough_questions_per_plan() -> None:
    assert len(NIJMEGEN) >= 10 and len(PIJNACKER_NOOTDORP) >= 10
    ids = [q.id for q in NIJMEGEN + PIJNACKER_NOOTDORP]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("q", NIJMEGEN + PIJNACKER_NOOTDORP, ids=lambda q: q.id)
def test_competency_question(ask, q: Question) -> None:
    assert ask(q) == q.expected, f"{q.question} (the plan: {q.source})"


def test_theme_detail_lists_the_intelligence_line_once(run_cli) -> None:
    """`ivp theme nijmegen-2022/zorg-en-veiligheid` showed "3. Intelligence" twice a year."""
    import json

    detail = json.loads(
        run_cli("theme", "nijmegen-2022/zorg-en-veiligheid", "--format", "json").output
    )
    intelligence = [b for b in detail["budget"] if b["line"] == "Intelligence"]
    assert [(b["year"], b["funds"]) for b in intelligence] == [
        (str(y), "all themes") for y in range(2022, 2027)
    ]
    # the six onderwerpen of 3.3 are Pijnacker-Nootdorp's; Nijmegen's speerpunten are five
    assert len(detail["topics"]) == 5
    assert {d["id"] for d in detail["documents"]} == {"coalitieakkoord-ons-nijmegen"}


def test_crosslinks_lists_each_set_link_once_with_its_members(run_cli) -> None:
    """`ivp crosslinks` listed only pairwise links: the plan's general sentences about a set
    of themes (1.2 and 4.3 of Pijnacker-Nootdorp) were missing from it altogether."""
    import json

    out = run_cli("crosslinks", "--plan", "pijnacker-nootdorp-2023", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    four = "Deze vier prioritaire thema's zijn niet op zichzelf staand, maar hebben verschillende"
    sets = [r for r in rows if four in r["quote"]]
    assert len(sets) == 1  # once, not once per pair
    assert sets[0]["set"] == "vier-prioriteiten-raakvlakken"
    assert sets[0]["kind"] == "raakvlak" and sets[0]["section"].startswith("1.2 ")
    # 1.2: "1. Aanpak van ondermijnende criminaliteit; 2. Jeugd en veiligheid; 3. Zorg en
    # veiligheid; 4. Weerbaarheid tegen digitale criminaliteit"
    assert sets[0]["to"] == (
        "Aanpak van ondermijnende criminaliteit, Jeugd en veiligheid, "
        "Weerbaarheid tegen digitale criminaliteit, Zorg en veiligheid"
    )
    subjective = [r for r in rows if "raakvlakken met de verschillende thema's" in r["quote"]]
    assert len(subjective) == 1
    assert subjective[0]["from"] == "Subjectieve veiligheid"
    assert subjective[0]["to"].startswith("alle thema's: ")
    assert "Subjectieve veiligheid" not in subjective[0]["to"]
    nijmegen = json.loads(
        run_cli("crosslinks", "--plan", "nijmegen-2022", "--format", "json").output
    )
    domain = [r for r in nijmegen if r["set"] == "al-deze-themas-sociaal-domein"]
    assert len(domain) == 1 and domain[0]["to"].endswith("; domein: Sociaal")
    assert all(r["plan"] == "nijmegen-2022" for r in nijmegen)
    assert "then the set links" in " ".join(run_cli("crosslinks", "--help").output.split())


def test_topics_keep_the_plans_order(run_cli) -> None:
    """Topics came out alphabetically (by id or label); the plan lists them in its own order.

    3.3 of Pijnacker-Nootdorp: "- Woonoverlast - Personen met verward of onbegrepen gedrag -
    Radicalisering en potentieel gevaarlijke eenlingen - Nazorg en re-integratie van
    ex-gedetineerden - Huiselijk geweld (waaronder ook kindermishandeling) - Mensenhandel".
    """
    import json

    detail = json.loads(
        run_cli("theme", "pijnacker-nootdorp-2023/zorg-en-veiligheid", "--format", "json").output
    )
    assert [t["id"] for t in detail["topics"]] == [
        "woonoverlast",
        "verward-of-onbegrepen-gedrag",
        "radicalisering-en-eenlingen",
        "nazorg-ex-gedetineerden",
        "huiselijk-geweld",
        "mensenhandel",
    ]
    # Nijmegen's Zorg & Veiligheid: "levensloopzorg ..., aandacht voor risicojeugd, de zorg en
    # huisvesting van bijzondere doelgroepen ... en nazorg ter voorkoming van herhaalgedrag
    # (recidive) en versterking van de weerbaarheid van kwetsbaren"
    rows = json.loads(run_cli("query", "@onderwerpen-per-thema", "--format", "json").output)
    zorg = [r for r in rows if r["plan"] == "nijmegen-2022" and r["theme"] == "Zorg & Veiligheid"]
    assert [r["topic"].split()[0] for r in zorg] == [
        "Levensloopzorg",
        "Aandacht",
        "Zorg",
        "Nazorg",
        "Versterking",
    ]


def test_theme_detail_names_the_other_themes_of_a_shared_line(run_cli) -> None:
    """A budget line shared by two themes said only "this theme" in `ivp theme`.

    Toelichting: "(Thema 1 – Ondermijning & Thema 3 – Digitale criminaliteit)" under the
    Ondermijning line; the line is linked by name, so its "Thema 3" is Digitale criminaliteit.
    """
    import json

    def budget(theme: str) -> list[dict]:
        out = run_cli("theme", f"nijmegen-2022/{theme}", "--format", "json")
        assert out.exit_code == 0, out.output
        return json.loads(out.output)["budget"]

    lines = [b for b in budget("ondermijning") if b["line"] == "Ondermijning"]
    assert len(lines) == 5
    assert {(b["funds"], b["shared_with"]) for b in lines} == {
        ("this theme", "Digitale criminaliteit")
    }
    back = [b for b in budget("digitale-criminaliteit") if b["line"] == "Ondermijning"]
    assert {b["shared_with"] for b in back} == {"Ondermijning"}
    # "1. Aanpak multiproblematiek ... (Thema 4 – Zorg & Veiligheid)": this theme alone
    alone = [b for b in budget("zorg-en-veiligheid") if b["line"] == "Aanpak multiproblematiek"]
    assert alone and all(b["shared_with"] is None for b in alone)
