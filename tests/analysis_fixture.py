"""A tiny hand-made plan graph whose network measures are worked out by hand in the tests.

Two plans. alfa-2020 has four themes:

    A (priority)  politie, ggd, wijkteam      ambition, funded by budget line "a"
    B (priority)  politie, ggd, wijkteam      (no ambition, no budget)
    C (core)      politie, school
    D (priority)  (no partners, no ambition, no budget)

plus "omroep", named at plan level only, and budget line "los" that funds no theme.
Stated cross-links: A-C (kruisverband; they share politie) and C-D (raakvlak; they share
nothing). A and B share all three partners but the plan does not link them.
VNG mapping: A -> 1.1, B -> 3.2, C -> field 2.

beta-2021 has themes X (-> 1.1) and Y (-> 2.3), partners politie, ggd and bibliotheek.

The model files (vocabularies, VNG scheme) are the real ones from ontology/.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.config import PROJECT_ROOT, Settings

ID = "https://w3id.org/kruisverband/id/"

PLANS = """
@prefix ivp: <https://w3id.org/kruisverband/def/ivp#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/kruisverband/id/> .
@prefix begrip: <https://w3id.org/kruisverband/id/begrip/> .
@prefix vng: <https://w3id.org/kruisverband/id/begrip/vng-kernbeleid-veiligheid/> .

id:partner\\/politie a ivp:Partner ; dcterms:identifier "politie" ; skos:prefLabel "Politie"@nl ;
    ivp:partnerKind begrip:partnersoort\\/organisatie ; ivp:domain begrip:domein\\/veiligheid .
id:partner\\/ggd a ivp:Partner ; dcterms:identifier "ggd" ; skos:prefLabel "GGD"@nl ;
    ivp:partnerKind begrip:partnersoort\\/organisatie ; ivp:domain begrip:domein\\/zorg .
id:partner\\/wijkteam a ivp:Partner ; dcterms:identifier "wijkteam" ; skos:prefLabel "Wijkteam"@nl ;
    ivp:partnerKind begrip:partnersoort\\/samenwerkingsverband ;
    ivp:domain begrip:domein\\/sociaal , begrip:domein\\/zorg .
id:partner\\/school a ivp:Partner ; dcterms:identifier "school" ; skos:prefLabel "School"@nl ;
    ivp:partnerKind begrip:partnersoort\\/organisatie ; ivp:domain begrip:domein\\/onderwijs .
id:partner\\/omroep a ivp:Partner ; dcterms:identifier "omroep" ; skos:prefLabel "Omroep"@nl ;
    ivp:partnerKind begrip:partnersoort\\/organisatie ; ivp:domain begrip:domein\\/burgers .
id:partner\\/bibliotheek a ivp:Partner ; dcterms:identifier "bibliotheek" ;
    skos:prefLabel "Bibliotheek"@nl ;
    ivp:partnerKind begrip:partnersoort\\/organisatie ; ivp:domain begrip:domein\\/kennis .

id:plan\\/alfa-2020 a ivp:SafetyPlan ; dcterms:identifier "alfa-2020" ; dcterms:title "Alfa"@nl ;
    ivp:hasTheme id:thema\\/alfa-2020\\/a , id:thema\\/alfa-2020\\/b ,
        id:thema\\/alfa-2020\\/c , id:thema\\/alfa-2020\\/d .
id:plan\\/beta-2021 a ivp:SafetyPlan ; dcterms:identifier "beta-2021" ; dcterms:title "Beta"@nl ;
    ivp:hasTheme id:thema\\/beta-2021\\/x , id:thema\\/beta-2021\\/y .

id:thema\\/alfa-2020\\/a a ivp:Theme ; dcterms:identifier "a" ; skos:prefLabel "A"@nl ;
    ivp:number 1 ; ivp:status begrip:themastatus\\/priority ; ivp:inPlan id:plan\\/alfa-2020 ;
    ivp:hasAmbition id:ambitie\\/alfa-2020\\/a\\/1 ; skos:broadMatch vng:1.1 .
id:thema\\/alfa-2020\\/b a ivp:Theme ; dcterms:identifier "b" ; skos:prefLabel "B"@nl ;
    ivp:number 2 ; ivp:status begrip:themastatus\\/priority ; ivp:inPlan id:plan\\/alfa-2020 ;
    skos:closeMatch vng:3.2 .
id:thema\\/alfa-2020\\/c a ivp:Theme ; dcterms:identifier "c" ; skos:prefLabel "C"@nl ;
    ivp:number 3 ; ivp:status begrip:themastatus\\/core ; ivp:inPlan id:plan\\/alfa-2020 ;
    skos:relatedMatch vng:2 .
id:thema\\/alfa-2020\\/d a ivp:Theme ; dcterms:identifier "d" ; skos:prefLabel "D"@nl ;
    ivp:number 4 ; ivp:status begrip:themastatus\\/priority ; ivp:inPlan id:plan\\/alfa-2020 .
id:thema\\/beta-2021\\/x a ivp:Theme ; dcterms:identifier "x" ; skos:prefLabel "X"@nl ;
    ivp:status begrip:themastatus\\/priority ; ivp:inPlan id:plan\\/beta-2021 ;
    ivp:hasAmbition id:ambitie\\/beta-2021\\/x\\/1 ; skos:broadMatch vng:1.1 .
id:thema\\/beta-2021\\/y a ivp:Theme ; dcterms:identifier "y" ; skos:prefLabel "Y"@nl ;
    ivp:status begrip:themastatus\\/core ; ivp:inPlan id:plan\\/beta-2021 ;
    skos:broadMatch vng:2.3 .

id:kv1 a ivp:CrossLink ; ivp:inPlan id:plan\\/alfa-2020 ; ivp:linkFrom id:thema\\/alfa-2020\\/a ;
    ivp:linkTo id:thema\\/alfa-2020\\/c ; ivp:linkKind begrip:kruisverbandsoort\\/kruisverband ;
    ivp:directed false .
id:kv2 a ivp:CrossLink ; ivp:inPlan id:plan\\/alfa-2020 ; ivp:linkFrom id:thema\\/alfa-2020\\/c ;
    ivp:linkTo id:thema\\/alfa-2020\\/d ; ivp:linkKind begrip:kruisverbandsoort\\/raakvlak ;
    ivp:directed false .

id:begrotingspost\\/alfa-2020\\/a a ivp:BudgetLine ; ivp:inPlan id:plan\\/alfa-2020 ;
    dcterms:identifier "a" ; skos:prefLabel "Post A"@nl ; ivp:funds id:thema\\/alfa-2020\\/a .
id:begrotingspost\\/alfa-2020\\/los a ivp:BudgetLine ; ivp:inPlan id:plan\\/alfa-2020 ;
    dcterms:identifier "los" ; skos:prefLabel "Losse post"@nl .
id:begrotingspost\\/alfa-2020\\/totaal a ivp:BudgetLine ; ivp:inPlan id:plan\\/alfa-2020 ;
    dcterms:identifier "totaal" ; skos:prefLabel "Totaal"@nl ; ivp:isTotal true .
id:obs1 ivp:budgetLine id:begrotingspost\\/alfa-2020\\/a ; ivp:amountEUR 1000 .
id:obs2 ivp:budgetLine id:begrotingspost\\/alfa-2020\\/los ; ivp:amountEUR 500 .
"""

# (plan, theme or None, partner): one ivp:Involvement each
INVOLVEMENTS = [
    ("alfa-2020", "a", "politie"),
    ("alfa-2020", "a", "ggd"),
    ("alfa-2020", "a", "wijkteam"),
    ("alfa-2020", "b", "politie"),
    ("alfa-2020", "b", "ggd"),
    ("alfa-2020", "b", "wijkteam"),
    ("alfa-2020", "c", "politie"),
    ("alfa-2020", "c", "school"),
    ("alfa-2020", None, "omroep"),
    ("alfa-2020", None, "politie"),
    ("beta-2021", "x", "politie"),
    ("beta-2021", "x", "ggd"),
    ("beta-2021", "y", "bibliotheek"),
    ("beta-2021", "y", "politie"),
]


def involvement_turtle() -> str:
    out = []
    for n, (plan, theme, partner) in enumerate(INVOLVEMENTS):
        node = f"<{ID}betrokkenheid/{plan}/{n}>"
        out.append(
            f"{node} a ivp:Involvement ; ivp:partner <{ID}partner/{partner}> ; "
            f"ivp:inPlan <{ID}plan/{plan}> ."
        )
        out.append(f"<{ID}plan/{plan}> ivp:namesPartner <{ID}partner/{partner}> .")
        if theme:
            out.append(f"{node} ivp:theme <{ID}thema/{plan}/{theme}> .")
            out.append(f"<{ID}thema/{plan}/{theme}> ivp:involvesPartner <{ID}partner/{partner}> .")
    return "@prefix ivp: <https://w3id.org/kruisverband/def/ivp#> .\n" + "\n".join(out)


def fixture_store(tmp_dist) -> tuple[ox.Store, Settings]:
    """An in-memory store with the real model files and the fixture plans."""
    store = ox.Store()
    for name in ("vocabularies.ttl", "vng-kernbeleid-veiligheid.ttl"):
        store.load(path=str(PROJECT_ROOT / "ontology" / name), format=ox.RdfFormat.TURTLE)
    store.load(input=PLANS, format=ox.RdfFormat.TURTLE)
    store.load(input=involvement_turtle(), format=ox.RdfFormat.TURTLE)
    settings = Settings(
        data_dir=PROJECT_ROOT / "data",
        ontology_dir=PROJECT_ROOT / "ontology",
        dist_dir=tmp_dist,
    )
    return store, settings
