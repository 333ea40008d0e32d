"""The words on a page: its title, and a few sentences on what the reader is looking at.

Where an analysis already reads its result in plain language (graph.analysis.compare,
overlap, central), the page quotes that reading rather than saying it a second way.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph.analysis import Result
from graph.analysis.central import central
from graph.analysis.compare import compare
from graph.analysis.overlap import overlap
from graph.network import PlanData
from graph.output import plural

SIZE_NOTE = (
    "Node size is degree centrality in this picture: the more nodes one is linked to, the "
    "bigger it is. Shape and colour both give the node type (see the legend); a thick black "
    "border marks a priority theme."
)
HOW_TO = (
    "Click a node for its description and the sentences of the plan it comes from; type in "
    "the search box to find a theme or partner; untick a legend entry to hide that kind."
)


def _plans_label(data: PlanData, plans: list[str]) -> str:
    if len(plans) == 1:
        p = data.plans[plans[0]]
        return f"{p.municipality or p.id}: {p.title} ({p.id})"
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

    if view == "plan":
        lines = [
            "Each plan is a black star; its themes (blue circles) carry their pillars (green "
            "squares); partners (orange diamonds) are linked to the themes the plan involves "
            "them in; red lines are the kruisverbanden the plan states between themes; purple "
            "hexagons are the VNG Kernbeleid Veiligheid core themes the themes map onto.",
            *reading(central, 2),
        ]
    elif view == "ego":
        focus = g.nodes[g.graph["focus"]]
        lines = [
            f"Everything within {plural(g.graph['depth'], 'step')} of {focus['label']} "
            f"({focus['type']}): {len(g) - 1} other nodes. Colours and shapes as in the plan "
            "picture; the starting node is outlined in black."
        ]
    elif view == "crosslinks":
        lines = [
            "The themes of the plan on a circle. Solid red lines: kruisverbanden the plan "
            "states (dashed red when no partner works on both themes). Thick dashed blue: "
            "implicit cross-links the overlap analysis finds (many shared partners, nothing "
            "stated). Thin dotted grey: themes that share some partners. Yellow triangles are "
            "domains a theme is said to link to.",
            *reading(overlap),
        ]
    elif view == "compare":
        lines = [
            "The plans (black stars) with their themes, joined only through the VNG Kernbeleid "
            "Veiligheid core themes (purple hexagons, in the middle column) that the themes "
            "map onto. A core theme linked to several plans is common ground; an unlinked one "
            "is covered by none of them.",
            *reading(compare),
        ]
    else:
        lines = []
    return [*lines, SIZE_NOTE, HOW_TO]
