"""The words on a page: its title, and a few sentences on what the reader is looking at.

Where an analysis already reads its result in plain language (graph.analysis.compare,
overlap, central), the page quotes that reading rather than saying it a second way. Colours,
shapes and dashes are named from graph.html.style, the legend's own table, and only for the
node types and edge kinds the picture has: the words cannot drift from what is drawn.

Dutch by default, English on request (graph.i18n); the analyses read their results in the
page's language too (graph.analysis.words).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph.analysis import Result
from graph.analysis.central import central
from graph.analysis.compare import compare
from graph.analysis.overlap import overlap
from graph.html.style import (
    CLUSTER_STYLE,
    COLOUR_NAME,
    EDGE_STYLE,
    NODE_STYLE,
    OUTLINE,
    SHAPE_NAME,
)
from graph.html.words import COLOURS, SHAPES, TYPES
from graph.i18n import Language, Texts
from graph.network import PlanData

T = Texts(
    {
        "size_note": {
            "nl": "De grootte van een knoop is zijn graadcentraliteit in deze afbeelding: hoe "
            "meer knopen ermee verbonden zijn, hoe groter hij is. Vorm en kleur geven allebei de "
            "soort knoop (zie de legenda); een dikke rand in {outline} markeert een "
            "prioriteitsthema.",
            "en": "Node size is degree centrality in this picture: the more nodes one is linked "
            "to, the bigger it is. Shape and colour both give the node type (see the legend); "
            "a thick {outline} border marks a priority theme.",
        },
        "how_to": {
            "nl": "Klik op een knoop voor de beschrijving en de zinnen uit het plan; typ in het "
            "zoekvak om een thema of partner te vinden; vink een regel van de legenda uit om "
            "die soort te verbergen. Niet elke naam past bij deze zoomstand: zoom in en er "
            "verschijnen er meer.",
            "en": "Click a node for its description and the sentences of the plan it comes "
            "from; type in the search box to find a theme or partner; untick a legend entry to "
            "hide that kind. Not every name fits at this zoom: zoom in and more appear.",
        },
        "look": {"nl": "{shapes} in {colour}", "en": "{colour} {shapes}"},
        "line": {
            "nl": "{weight}{pattern} lijnen in {colour}",
            "en": "{weight}{pattern} {colour} lines",
        },
        "thick": {"nl": "dikke ", "en": "thick "},
        "thin": {"nl": "dunne ", "en": "thin "},
        "solid": {"nl": "doorgetrokken", "en": "solid"},
        "dotted": {"nl": "gestippelde", "en": "dotted"},
        "dashed": {"nl": "gestreepte", "en": "dashed"},
        "one_plan": {"nl": "{name}: {title} ({id})", "en": "{name}: {title} ({id})"},
        "draft": {
            "nl": ", concept: nog niet door een curator gecontroleerd",
            "en": ", draft: not yet checked by a curator",
        },
        "some_plans": {"nl": "{n} plannen ({ids})", "en": "{n} plans ({ids})"},
        "title_plan": {
            "nl": "Graaf van het veiligheidsplan: {where}",
            "en": "Safety plan graph: {where}",
        },
        "title_ego": {
            "nl": "Rond {focus}: {steps}, {where}",
            "en": "Around {focus}: {steps}, {where}",
        },
        "title_crosslinks": {"nl": "Kruisverbanden: {where}", "en": "Kruisverbanden: {where}"},
        "title_compare": {
            "nl": "Vergelijking via de VNG-kernthema's: {where}",
            "en": "Comparison through the VNG core themes: {where}",
        },
        "step": {"nl": "1 stap", "en": "1 step"},
        "steps": {"nl": "{n} stappen", "en": "{n} steps"},
        "plan_is": {"nl": "elk plan is een {look}", "en": "each plan is a {look}"},
        "themes": {
            "nl": "de thema's staan in een kring ({look})",
            "en": "its themes stand in a circle ({look})",
        },
        "pillars": {
            "nl": " met hun pijlers erbuiten ({look})",
            "en": " with their pillars just outside ({look})",
        },
        "partners": {
            "nl": "partners ({look}) staan tussen de thema's waarbij het plan ze betrekt, "
            "partners zonder thema eronder",
            "en": "partners ({look}) stand between the themes the plan involves them in, those "
            "of no theme below",
        },
        "crosslinks": {
            "nl": "{line} zijn de kruisverbanden die het plan tussen thema's noemt",
            "en": "{line} are the kruisverbanden the plan states between themes",
        },
        "to_domain": {
            "nl": " of van een thema naar een domein ({look})",
            "en": " or from a theme to a domain ({look})",
        },
        "core": {
            "nl": "{look} in de buitenste kring zijn de kernthema's van het VNG Kernbeleid "
            "Veiligheid waaronder de thema's vallen",
            "en": "{look} on the outer ring are the VNG Kernbeleid Veiligheid core themes the "
            "themes map onto",
        },
        "are": {"nl": "{look} zijn {name}", "en": "{look} are {name}"},
        "ego_crosslinks": {
            "nl": "{line} zijn de kruisverbanden die het plan noemt",
            "en": "{line} are the kruisverbanden the plan states",
        },
        "ego": {
            "nl": "Alles binnen {steps} van {focus} ({kind}): {n} andere knopen, in kringen "
            "rond het startpunt. Hier {key}; het startpunt staat in het midden, omringd door "
            "een gestippelde ring in {outline}.",
            "en": "Everything within {steps} of {focus} ({kind}): {n} other nodes, in rings "
            "round the starting node. Here {key}; the starting node is in the middle, ringed in "
            "dashed {outline}.",
        },
        "ring": {
            "nl": "De thema's van het plan ({look}) in een kring.",
            "en": "The themes of the plan ({look}) on a circle.",
        },
        "ring_crosslink": {
            "nl": "{line}: kruisverbanden die het plan noemt ({uncarried} als geen partner aan "
            "beide thema's werkt).",
            "en": "{line}: kruisverbanden the plan states ({uncarried} when no partner works on "
            "both themes).",
        },
        "ring_implicit": {
            "nl": "{line}: impliciete kruisverbanden die de overlapanalyse vindt (veel gedeelde "
            "partners, niets genoemd).",
            "en": "{line}: implicit cross-links the overlap analysis finds (many shared "
            "partners, nothing stated).",
        },
        "ring_shared": {
            "nl": "{line}: thema's die enkele partners delen.",
            "en": "{line}: themes that share some partners.",
        },
        "ring_domain": {
            "nl": "{look} zijn domeinen waarmee een thema verbonden heet.",
            "en": "{look} are domains a theme is said to link to.",
        },
        "grouped": {
            "nl": "Te veel knopen om in één keer te tekenen: elke cirkel in {colour} is een "
            "groep, één per plan (met eronder hoeveel thema's en partners erin zitten) en één "
            "per soort knoop die in meerdere plannen voorkomt. Dubbelklik op een groep om hem te "
            "openen; daarin gelden de vormen en kleuren hieronder.",
            "en": "Too many nodes to draw at once: each {colour} circle is a group, one per plan "
            "(with how many themes and partners it holds below it) and one per node type that "
            "several plans share. Double-click a group to open it; inside, the shapes and "
            "colours below apply.",
        },
        "compare": {
            "nl": "De plannen ({plans}) met hun thema's ({themes}), alleen verbonden via de "
            "kernthema's van het VNG Kernbeleid Veiligheid ({core}, in de middelste kolom) "
            "waaronder de thema's vallen. Een kernthema dat met meerdere plannen verbonden is, "
            "is gedeeld terrein; een kernthema zonder lijnen dekt geen van hen.",
            "en": "The plans ({plans}) with their themes ({themes}), joined only through the "
            "VNG Kernbeleid Veiligheid core themes ({core}, in the middle column) that the "
            "themes map onto. A core theme linked to several plans is common ground; an "
            "unlinked one is covered by none of them.",
        },
    }
)


def look(kind: str, language: Language = "en", one: bool = False) -> str:
    """A node type as the legend draws it: 'blue circles' ('cirkels in blauw'), or with `one`
    'blue circle'."""
    style = NODE_STYLE[kind]
    shape = SHAPE_NAME[style["shape"]]
    shapes = SHAPES(shape if one else shape + "+", language)
    return T("look", language, shapes=shapes, colour=COLOURS(COLOUR_NAME[style["color"]], language))


def pattern(dashes: list[int] | bool, language: Language = "en") -> str:
    """'solid', 'dotted' or 'dashed', for a vis-network dash pattern."""
    key = "solid" if not dashes else "dotted" if dashes[0] <= 2 else "dashed"
    return T(key, language)


def line(kind: str, language: Language = "en") -> str:
    """An edge kind as the legend draws it: 'thick solid vermillion lines'."""
    style = EDGE_STYLE[kind]
    weight = (
        T("thick", language)
        if style["width"] >= 3
        else T("thin", language)
        if style["width"] <= 1
        else ""
    )
    return T(
        "line",
        language,
        weight=weight,
        pattern=pattern(style["dashes"], language),
        colour=COLOURS(COLOUR_NAME[style["color"]], language),
    )


def _name(kind: str, language: Language) -> str:
    return TYPES(kind + "+", language)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(clauses: list[str]) -> str:
    return _cap("; ".join(c for c in clauses if c)) + "."


def _steps(n: int, language: Language) -> str:
    return T("step", language) if n == 1 else T("steps", language, n=n)


def _plans_label(data: PlanData, plans: list[str], language: Language) -> str:
    if len(plans) == 1:
        p = data.plans[plans[0]]
        draft = T("draft", language) if p.draft else ""
        name = p.municipality or p.id
        return T("one_plan", language, name=name, title=p.title, id=p.id + draft)
    ids = ", ".join(plans) if len(plans) <= 4 else f"{', '.join(plans[:3])}, …"
    return T("some_plans", language, n=len(plans), ids=ids)


def title(view: str, g: nx.Graph, data: PlanData, language: Language = "en") -> str:
    plans = [p for p in g.graph.get("plans", "").split(";") if p]
    where = _plans_label(data, plans, language)
    if view == "ego":
        focus = g.nodes[g.graph["focus"]]
        steps = _steps(g.graph["depth"], language)
        return T("title_ego", language, focus=focus["label"], steps=steps, where=where)
    if view in ("plan", "crosslinks", "compare"):
        return T(f"title_{view}", language, where=where)
    return where


def explanation(
    view: str,
    g: nx.Graph,
    data: PlanData,
    readings: bool = True,
    language: Language = "en",
    grouped: bool = False,
) -> list[str]:
    """What the picture shows, then the analysis's own reading of it, then how to use it.

    `readings` False leaves the analyses out: on a national-scale graph their pairwise
    measures take minutes, and the page must not. The readings are in the page's language.
    """
    plans = [p for p in g.graph.get("plans", "").split(";") if p]
    lang = language

    def reading(analysis: Callable[..., Result], first: int = 99) -> list[str]:
        return analysis(data, plans, language=lang).reading[:first] if readings else []

    types = {d["type"] for _, d in g.nodes(data=True)}
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}

    def given(kind: str, text: str) -> str:
        return text if kind in types or kind in kinds else ""

    def lk(kind: str) -> str:
        return look(kind, lang)

    def ln(kind: str) -> str:
        return line(kind, lang)

    if view == "plan":
        themes = T("themes", lang, look=lk("theme")) + given(
            "pillar", T("pillars", lang, look=lk("pillar"))
        )
        crosslinks = given("crosslink", T("crosslinks", lang, line=ln("crosslink")))
        if crosslinks:
            crosslinks += given("domain", T("to_domain", lang, look=lk("domain")))
        lines = [
            _sentence(
                [
                    T("plan_is", lang, look=look("plan", lang, one=True)),
                    themes,
                    given("partner", T("partners", lang, look=lk("partner"))),
                    crosslinks,
                    given("core", T("core", lang, look=lk("core"))),
                ]
            ),
            *reading(central, 2),
        ]
    elif view == "ego":
        focus = g.nodes[g.graph["focus"]]
        named = [T("are", lang, look=lk(t), name=_name(t, lang)) for t in NODE_STYLE if t in types]
        named.append(given("crosslink", T("ego_crosslinks", lang, line=ln("crosslink"))))
        lines = [
            T(
                "ego",
                lang,
                steps=_steps(g.graph["depth"], lang),
                focus=focus["label"],
                kind=TYPES(focus["type"] + "1", lang),
                n=len(g) - 1,
                key=", ".join(x for x in named if x),
                outline=COLOURS(COLOUR_NAME[OUTLINE], lang),
            )
        ]
    elif view == "crosslinks":
        uncarried = pattern(EDGE_STYLE["crosslink"]["uncarried"], lang)
        drawn = [
            T("ring", lang, look=lk("theme")),
            given(
                "crosslink",
                T("ring_crosslink", lang, line=_cap(ln("crosslink")), uncarried=uncarried),
            ),
            given("implicit", T("ring_implicit", lang, line=_cap(ln("implicit")))),
            given("shared", T("ring_shared", lang, line=_cap(ln("shared")))),
            given("domain", T("ring_domain", lang, look=_cap(lk("domain")))),
        ]
        lines = [" ".join(x for x in drawn if x), *reading(overlap)]
    elif view == "compare":
        lines = [
            T("compare", lang, plans=lk("plan"), themes=lk("theme"), core=lk("core")),
            *reading(compare),
        ]
    else:
        lines = []
    if grouped:  # what the first view shows is groups: say so first
        lines.insert(
            0, T("grouped", lang, colour=COLOURS(COLOUR_NAME[CLUSTER_STYLE["color"]], lang))
        )
    size_note = T("size_note", lang, outline=COLOURS(COLOUR_NAME[OUTLINE], lang))
    return [*(x for x in lines if x), size_note, T("how_to", lang)]
