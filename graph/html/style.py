"""How node types and edge kinds look: the Okabe-Ito palette, plus a shape or dash per kind.

Okabe and Ito's eight colours stay distinct for the common forms of colour blindness; every
node type also has its own shape and every edge kind its own dash pattern, so nothing is told
by colour alone (and a greyscale print still reads). What the legend calls them, in Dutch and
English, is graph.html.words's.
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
LIGHT_GREY = "#BBBBBB"
MID_GREY = "#AAAAAA"
OUTLINE = OKABE_ITO["black"]  # the border of the focus of an ego picture and of priority themes

NODE_STYLE: dict[str, dict[str, str]] = {
    "plan": {"color": OKABE_ITO["black"], "shape": "star"},
    "theme": {"color": OKABE_ITO["blue"], "shape": "dot"},
    "pillar": {"color": OKABE_ITO["bluish green"], "shape": "square"},
    "partner": {"color": OKABE_ITO["orange"], "shape": "diamond"},
    "core": {
        "color": OKABE_ITO["reddish purple"],
        "shape": "hexagon",
    },
    "domain": {"color": OKABE_ITO["yellow"], "shape": "triangle"},
}
CLUSTER_STYLE = {"color": GREY, "shape": "dot"}

# dashes: false = solid, or a vis-network dash pattern [dash, gap]
EDGE_STYLE: dict[str, dict] = {
    "plan": {"color": LIGHT_GREY, "dashes": False, "width": 1},
    "pillar": {
        "color": OKABE_ITO["bluish green"],
        "dashes": False,
        "width": 2,
    },
    "involvement": {"color": GREY, "dashes": False, "width": 1},
    "crosslink": {
        "color": OKABE_ITO["vermillion"],
        "dashes": False,
        "width": 3,
        "uncarried": [8, 5],  # the dashes of a stated link that no partner works on both ends of
    },
    "implicit": {
        "color": OKABE_ITO["sky blue"],
        "dashes": [12, 6],
        "width": 4,
    },
    "shared": {"color": MID_GREY, "dashes": [2, 5], "width": 1},
    "core": {
        "color": OKABE_ITO["reddish purple"],
        "dashes": [6, 4],
        "width": 1.5,
    },
    "group": {"color": GREY, "dashes": False, "width": 1},
}

# the keys of graph.html.words's COLOURS and SHAPES: a colour by its Okabe-Ito name
COLOUR_NAME = {
    **{code: name for name, code in OKABE_ITO.items()},
    GREY: "grey",
    MID_GREY: "grey",
    LIGHT_GREY: "light grey",
}
SHAPE_NAME = {
    "star": "star",
    "dot": "circle",
    "square": "square",
    "diamond": "diamond",
    "hexagon": "hexagon",
    "triangle": "triangle",
}
