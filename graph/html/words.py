"""Every word the graph pages show a person, in Dutch (the default) and English.

One table, so a page is in one language throughout: the static parts of page.html, what the
page script writes (page.js, png.js), the legend's names of node types, edge kinds and
statuses, the colours and shapes the explanation names, and the facts of the details panel.
The data keeps its own words (theme and partner names are Dutch; the VNG core themes have an
English label too, which an English page uses).
"""

from __future__ import annotations

from graph.i18n import Language, Texts

# the page's chrome: page.html (by key, as $w_KEY) and the scripts (DATA.words)
PAGE = Texts(
    {
        "search": {"nl": "Zoeken op naam", "en": "Search by name"},
        "search_hint": {"nl": "bijv. politie, ondermijning", "en": "e.g. politie, ondermijning"},
        "side": {"nl": "Zoeken, legenda en filters", "en": "Search, legend and filters"},
        "legend_filters": {"nl": "Legenda en filters", "en": "Legend and filters"},
        "node_types": {"nl": "Soorten knopen", "en": "Node types"},
        "theme_status": {"nl": "Status van het thema", "en": "Theme status"},
        "partner_types": {"nl": "Type partner", "en": "Partner type"},
        "edge_kinds": {"nl": "Soorten lijnen", "en": "Edge kinds"},
        "plans": {"nl": "Plannen", "en": "Plans"},
        "png": {"nl": "Afbeelding opslaan als PNG", "en": "Save picture as PNG"},
        "png_hint": {
            "nl": "Alle getoonde knopen, op twee keer de schermresolutie, met titel en legenda",
            "en": "Every node shown, at twice the screen's resolution, with title and legend",
        },
        "fit": {"nl": "Passend maken", "en": "Fit to screen"},
        "collapse": {"nl": "Alle groepen sluiten", "en": "Close all groups"},
        "picture": {"nl": "Netwerkafbeelding", "en": "Network picture"},
        "noscript": {
            "nl": "Deze pagina tekent het netwerk met JavaScript; sta scripts toe voor dit "
            "bestand.",
            "en": "This page draws the network with JavaScript; please allow scripts for this "
            "file.",
        },
        "found": {"nl": "{n} gevonden", "en": "{n} found"},
        "quotes": {"nl": "In de woorden van het plan", "en": "In the words of the plan"},
        "linked": {"nl": "Verbonden met", "en": "Linked to"},
        "more": {"nl": "… en nog {n}", "en": "… and {n} more"},
        "group": {"nl": "Groep", "en": "Group"},
        "group_holds": {
            "nl": "Deze groep bevat {n} knopen, als één getekend zodat een grote graaf vlot "
            "blijft. Open de groep om ze te zien; zoeken vindt ook knopen in gesloten groepen.",
            "en": "This group holds {n} nodes, drawn as one to keep a large graph quick. Open "
            "it to see them; search finds nodes inside closed groups too.",
        },
        "open_group": {"nl": "Deze groep openen", "en": "Open this group"},
        "groups_note": {
            "nl": "{groups} groepen van {nodes} knopen: dubbelklik op een groep om hem te openen.",
            "en": "{groups} groups of {nodes} nodes: double-click a group to open it.",
        },
        "about": {"nl": "Wat u ziet", "en": "What you see"},
        "focus": {"nl": "Startpunt (gestippelde ring)", "en": "Starting node (dashed ring)"},
        "legend": {"nl": "Legenda", "en": "Legend"},
        "group_of_nodes": {"nl": "Groep knopen", "en": "Group of nodes"},
        "uncarried": {
            "nl": "waarvan: geen partner werkt aan beide thema's",
            "en": "of these: no partner works on both themes",
        },
    }
)

# node types: name, plural (for counts), as the legend and the group labels say them
TYPES = Texts(
    {
        "plan": {"nl": "Plan", "en": "Plan"},
        "plan+": {"nl": "plannen", "en": "plans"},
        "plan1": {"nl": "plan", "en": "plan"},
        "theme": {"nl": "Thema", "en": "Theme"},
        "theme+": {"nl": "thema's", "en": "themes"},
        "theme1": {"nl": "thema", "en": "theme"},
        "pillar": {"nl": "Pijler", "en": "Pillar"},
        "pillar+": {"nl": "pijlers", "en": "pillars"},
        "pillar1": {"nl": "pijler", "en": "pillar"},
        "partner": {"nl": "Partner", "en": "Partner"},
        "partner+": {"nl": "partners", "en": "partners"},
        "partner1": {"nl": "partner", "en": "partner"},
        "core": {"nl": "VNG-kernthema", "en": "VNG core theme"},
        "core+": {"nl": "VNG-kernthema's", "en": "VNG core themes"},
        "core1": {"nl": "VNG-kernthema", "en": "VNG core theme"},
        "domain": {"nl": "Domein", "en": "Domain"},
        "domain+": {"nl": "domeinen", "en": "domains"},
        "domain1": {"nl": "domein", "en": "domain"},
        "cluster": {"nl": "Groep (dubbelklik om te openen)", "en": "Group (double-click to open)"},
        "several": {"nl": "{types} in meerdere plannen", "en": "{types} in several plans"},
    }
)

EDGES = Texts(
    {
        "plan": {"nl": "plan heeft thema", "en": "plan has theme"},
        "pillar": {"nl": "pijler van", "en": "pillar of"},
        "involvement": {"nl": "partner betrokken", "en": "partner involved"},
        "crosslink": {"nl": "kruisverband (genoemd)", "en": "kruisverband (stated)"},
        "implicit": {
            "nl": "impliciet kruisverband (analyse)",
            "en": "implicit cross-link (analysis)",
        },
        "shared": {"nl": "deelt partners", "en": "shares partners"},
        "core": {"nl": "valt onder VNG-kernthema", "en": "maps onto VNG core theme"},
        "group": {"nl": "lijnen tussen groepen", "en": "links between groups"},
    }
)

STATUSES = Texts(
    {
        "priority": {"nl": "prioriteit", "en": "priority theme"},
        "core": {"nl": "kerntaak (doorlopend)", "en": "going concern (kerntaak)"},
    }
)

COLOURS = Texts(
    {
        "orange": {"nl": "oranje", "en": "orange"},
        "sky blue": {"nl": "hemelsblauw", "en": "sky blue"},
        "bluish green": {"nl": "blauwgroen", "en": "bluish green"},
        "yellow": {"nl": "geel", "en": "yellow"},
        "blue": {"nl": "blauw", "en": "blue"},
        "vermillion": {"nl": "vermiljoen", "en": "vermillion"},
        "reddish purple": {"nl": "roodpaars", "en": "reddish purple"},
        "black": {"nl": "zwart", "en": "black"},
        "grey": {"nl": "grijs", "en": "grey"},
        "light grey": {"nl": "lichtgrijs", "en": "light grey"},
    }
)

# a shape, one and many
SHAPES = Texts(
    {
        "star": {"nl": "ster", "en": "star"},
        "star+": {"nl": "sterren", "en": "stars"},
        "circle": {"nl": "cirkel", "en": "circle"},
        "circle+": {"nl": "cirkels", "en": "circles"},
        "square": {"nl": "vierkant", "en": "square"},
        "square+": {"nl": "vierkanten", "en": "squares"},
        "diamond": {"nl": "ruit", "en": "diamond"},
        "diamond+": {"nl": "ruiten", "en": "diamonds"},
        "hexagon": {"nl": "zeshoek", "en": "hexagon"},
        "hexagon+": {"nl": "zeshoeken", "en": "hexagons"},
        "triangle": {"nl": "driehoek", "en": "triangle"},
        "triangle+": {"nl": "driehoeken", "en": "triangles"},
    }
)

# the facts of the details panel
FACTS = Texts(
    {
        "status": {"nl": "status", "en": "status"},
        "number": {"nl": "nummer in het plan", "en": "number in the plan"},
        "parts": {"nl": "pijlers / ambities / acties", "en": "pillars / ambitions / actions"},
        "partners": {"nl": "betrokken partners", "en": "partners involved"},
        "kind": {"nl": "soort", "en": "kind"},
        "partner_type": {"nl": "type", "en": "type"},
        "topics": {"nl": "onderwerpen ({n})", "en": "topics ({n})"},
        "placed_with": {"nl": "elders belegd bij", "en": "placed with"},
        "domains": {"nl": "domeinen", "en": "domains"},
        "centrality": {
            "nl": "centraliteit (ivp analyze central)",
            "en": "centrality (ivp analyze central)",
        },
        "rank": {
            "nl": "plaats {rank}: werkt aan {themes} van {of} thema's, betweenness {b}",
            "en": "rank {rank}: works on {themes} of {of} themes, betweenness {b}",
        },
        "title": {"nl": "titel", "en": "title"},
        "notation": {"nl": "VNG-notatie", "en": "VNG notation"},
        "plan": {"nl": "plan", "en": "plan"},
        "plans": {"nl": "plannen", "en": "plans"},
        "degree": {"nl": "graadcentraliteit hier", "en": "degree centrality here"},
        "degree_value": {
            "nl": "{c} ({n} verbindingen in deze afbeelding)",
            "en": "{c} ({n} links in this picture)",
        },
        "id": {"nl": "id", "en": "id"},
        "stated_as": {"nl": "genoemd als", "en": "stated as"},
        "direction": {"nl": "richting", "en": "direction"},
        "first_to_second": {
            "nl": "van het eerste thema naar het tweede",
            "en": "from the first theme to the second",
        },
        "roles": {"nl": "rollen", "en": "roles"},
        "involvements": {"nl": "betrokkenheden", "en": "involvements"},
        "match": {"nl": "overeenkomst", "en": "match"},
        "shared": {"nl": "gedeelde partners", "en": "shared partners"},
        "which": {"nl": "welke", "en": "which"},
        "note": {"nl": "let op", "en": "note"},
        "uncarried": {
            "nl": "genoemd, maar geen partner werkt aan beide thema's",
            "en": "stated, but no partner works on both themes",
        },
    }
)


def count(n: int, kind: str, language: Language) -> str:
    """'12 thema's', '1 plan': a count of one node type."""
    return f"{n} {TYPES(kind + ('1' if n == 1 else '+'), language)}"


def page_words(language: Language) -> dict[str, str]:
    """What the page scripts write, in one language (handed to them as DATA.words)."""
    return PAGE.all(language)
