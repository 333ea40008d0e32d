"""How node types and edge kinds look: the Okabe-Ito palette, plus a shape or dash per kind.

Okabe and Ito's eight colours stay distinct for the common forms of colour blindness; every
node type also has its own shape and every edge kind its own dash pattern, so nothing is told
by colour alone (and a greyscale print still reads).
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#8C8C8C"

NODE_STYLE: dict[str, dict[str, str]] = {
    "plan": {"label": "Plan", "color": OKABE_ITO["black"], "shape": "star"},
    "theme": {"label": "Theme", "color": OKABE_ITO["blue"], "shape": "dot"},
    "pillar": {"label": "Pillar", "color": OKABE_ITO["bluish green"], "shape": "square"},
    "partner": {"label": "Partner", "color": OKABE_ITO["orange"], "shape": "diamond"},
    "core": {
        "label": "VNG core theme",
        "color": OKABE_ITO["reddish purple"],
        "shape": "hexagon",
    },
    "domain": {"label": "Domain", "color": OKABE_ITO["yellow"], "shape": "triangle"},
}
CLUSTER_STYLE = {"label": "Group (double-click to open)", "color": GREY, "shape": "dot"}

# dashes: false = solid, or a vis-network dash pattern [dash, gap]
EDGE_STYLE: dict[str, dict] = {
    "plan": {"label": "plan has theme", "color": "#BBBBBB", "dashes": False, "width": 1},
    "pillar": {
        "label": "pillar of",
        "color": OKABE_ITO["bluish green"],
        "dashes": False,
        "width": 2,
    },
    "involvement": {"label": "partner involved", "color": GREY, "dashes": False, "width": 1},
    "crosslink": {
        "label": "kruisverband (stated)",
        "color": OKABE_ITO["vermillion"],
        "dashes": False,
        "width": 3,
    },
    "implicit": {
        "label": "implicit cross-link (analysis)",
        "color": OKABE_ITO["sky blue"],
        "dashes": [12, 6],
        "width": 4,
    },
    "shared": {"label": "shares partners", "color": "#AAAAAA", "dashes": [2, 5], "width": 1},
    "core": {
        "label": "maps onto VNG core theme",
        "color": OKABE_ITO["reddish purple"],
        "dashes": [6, 4],
        "width": 1.5,
    },
    "group": {"label": "links between groups", "color": GREY, "dashes": False, "width": 1},
}
STATUS_LABEL = {"priority": "priority theme", "core": "going concern (kerntaak)"}
