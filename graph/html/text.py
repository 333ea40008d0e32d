"""The words on a page: its title, and a few sentences on what the reader is looking at.

Where an analysis already reads its result in plain language (graph.analysis.compare,
overlap, central), the page quotes that reading rather than saying it a second way. Colours,
shapes and dashes are named from graph.html.style, the legend's own table, and only for the
node types and edge kinds the picture has: the words cannot drift from what is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph.analysis import Result
from graph.analysis.central import central
from graph.analysis.compare import compare
from graph.analysis.overlap import overlap
from graph.html.style import COLOUR_NAME, EDGE_STYLE, NODE_STYLE, OUTLINE, SHAPE_NAME
from graph.network import PlanData
from graph.output import plural

SIZE_NOTE = (
    "Node size is degree centrality in this picture: the more nodes one is linked to, the "
    "bigger it is. Shape and colour both give the node type (see the legend); a thick "
    f"{COLOUR_NAME[OUTLINE]} border marks a priority theme."
)
HOW_TO = (
    "Click a node for its description and the sentences of the plan it comes from; type in "
    "the search box to find a theme or partner; untick a legend entry to hide that kind."
)


def look(kind: str, one: bool = False) -> str:
    """A node type as the legend draws it: 'blue circles', or with `one` 'blue circle'."""
    style = NODE_STYLE[kind]
    return f"{COLOUR_NAME[style['color']]} {SHAPE_NAME[style['shape']]}{'' if one else 's'}"


def pattern(dashes: list[int] | bool) -> str:
    """'solid', 'dotted' or 'dashed', for a vis-network dash pattern."""
    return "solid" if not dashes else "dotted" if dashes[0] <= 2 else "dashed"


def line(kind: str) -> str:
    """An edge kind as the legend draws it: 'thick solid vermillion lines'."""
    style = EDGE_STYLE[kind]
    weight = "thick " if style["width"] >= 3 else "thin " if style["width"] <= 1 else ""
    return f"{weight}{pattern(style['dashes'])} {COLOUR_NAME[style['color']]} lines"


def _name(kind: str) -> str:
    label = NODE_STYLE[kind]["label"]
    return (label if label[:2].isupper() else label.lower()) + "s"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(clauses: list[str]) -> str:
    return _cap("; ".join(c for c in clauses if c)) + "."


def _plans_label(data: PlanData, plans: list[str]) -> str:
    if len(plans) == 1:
        p = data.plans[plans[0]]
        draft = ", concept: not yet checked by a curator" if p.draft else ""
        return f"{p.municipality or p.id}: {p.title} ({p.id}{draft})"
    if len(plans) <= 4:
        return f"{len(plans)} plans ({', '.join(plans)})"
    return f"{len(plans)} plans ({', '.join(plans[:3])}, …)"


def title(view: str, g: nx.Graph, data: PlanData) -> str:
    plans = [p for p in g.graph.get("plans", "").split(";") if p]
    where = _plans_label(data, plans)
    if view == "plan":
        return f"Safety plan graph: {where}"
    if view == "ego":
        focus = g.nodes[g.graph["focus"]]
        return f"Around {focus['label']}: {plural(g.graph['depth'], 'step')}, {where}"
    if view == "crosslinks":
        return f"Kruisverbanden: {where}"
    if view == "compare":
        return f"Comparison through the VNG core themes: {where}"
    return where


def explanation(view: str, g: nx.Graph, data: PlanData, readings: bool = True) -> list[str]:
    """What the picture shows, then the analysis's own reading of it, then how to use it.

    `readings` False leaves the analyses out: on a national-scale graph their pairwise
    measures take minutes, and the page must not.
    """
    plans = [p for p in g.graph.get("plans", "").split(";") if p]

    def reading(analysis: Callable[[PlanData, list[str]], Result], first: int = 99) -> list[str]:
        return analysis(data, plans).reading[:first] if readings else []

    types = {d["type"] for _, d in g.nodes(data=True)}
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}

    def given(kind: str, text: str) -> str:
        return text if kind in types or kind in kinds else ""

    if view == "plan":
        themes = f"its themes ({look('theme')})" + given(
            "pillar", f" carry their pillars ({look('pillar')})"
        )
        crosslinks = given(
            "crosslink",
            f"{line('crosslink')} are the kruisverbanden the plan states between themes",
        )
        if crosslinks:
            crosslinks += given("domain", f" or from a theme to a domain ({look('domain')})")
        lines = [
            _sentence(
                [
                    f"each plan is a {look('plan', one=True)}",
                    themes,
                    given(
                        "partner",
                        f"partners ({look('partner')}) are linked to the themes the plan "
                        "involves them in",
                    ),
                    crosslinks,
                    given(
                        "core",
                        f"{look('core')} are the VNG Kernbeleid Veiligheid core themes the "
                        "themes map onto",
                    ),
                ]
            ),
            *reading(central, 2),
        ]
    elif view == "ego":
        focus = g.nodes[g.graph["focus"]]
        named = [f"{look(t)} are {_name(t)}" for t in NODE_STYLE if t in types]
        named.append(
            given("crosslink", f"{line('crosslink')} are the kruisverbanden the plan states")
        )
        key = ", ".join(x for x in named if x)
        lines = [
            f"Everything within {plural(g.graph['depth'], 'step')} of {focus['label']} "
            f"({focus['type']}): {len(g) - 1} other nodes. Here {key}; the starting node is "
            f"outlined in {COLOUR_NAME[OUTLINE]}."
        ]
    elif view == "crosslinks":
        uncarried = pattern(EDGE_STYLE["crosslink"]["uncarried"])
        drawn = [
            f"The themes of the plan ({look('theme')}) on a circle.",
            given(
                "crosslink",
                f"{_cap(line('crosslink'))}: kruisverbanden the plan states "
                f"({uncarried} when no partner works on both themes).",
            ),
            given(
                "implicit",
                f"{_cap(line('implicit'))}: implicit cross-links the overlap "
                "analysis finds (many shared partners, nothing stated).",
            ),
            given(
                "shared",
                f"{_cap(line('shared'))}: themes that share some partners.",
            ),
            given(
                "domain",
                f"{_cap(look('domain'))} are domains a theme is said to link to.",
            ),
        ]
        lines = [" ".join(x for x in drawn if x), *reading(overlap)]
    elif view == "compare":
        lines = [
            f"The plans ({look('plan')}) with their themes ({look('theme')}), joined only "
            "through the VNG Kernbeleid Veiligheid core themes "
            f"({look('core')}, in the middle column) that the themes map onto. A core theme "
            "linked to several plans is common ground; an unlinked one is covered by none of "
            "them.",
            *reading(compare),
        ]
    else:
        lines = []
    return [*(x for x in lines if x), SIZE_NOTE, HOW_TO]
