"""Positions computed once in Python, so the same data always gives the same picture.

vis-network's own physics starts from random positions and settles differently on every load;
here networkx lays the graph out with a fixed seed, the page switches physics off, and the
coordinates (rounded to 0.1 px) go into the HTML. A large graph is laid out by groups: the
groups with a spring layout, the members of each on a sunflower spiral around their group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable

import networkx as nx

SEED = 42
SPACING = 90.0  # px between neighbouring nodes, roughly
COLUMN_STEP = 55.0  # px between the nodes of the middle column
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Positions = dict[Hashable, tuple[float, float]]


def _scaled(pos: dict, scale: float) -> Positions:
    return {
        n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()
    }


def spring(g: nx.Graph, anchors: Positions | None = None) -> Positions:
    """Fruchterman-Reingold with a fixed seed; `anchors` (unit coordinates) stay put.

    Nodes without any link (a partner the plan names but involves in no theme) would be
    pushed to the far edge and shrink the rest of the picture to a dot when it is fitted to
    the screen: they go in rows under the picture instead.
    """
    if len(g) == 0:
        return {}
    isolated = [n for n in g if g.degree(n) == 0 and not (anchors and n in anchors)]
    body = g.subgraph(n for n in g if n not in set(isolated))
    pos: Positions = {}
    if len(body):
        scale = SPACING * math.sqrt(len(body))
        if anchors:
            raw = nx.spring_layout(
                body, pos=dict(anchors), fixed=list(anchors), seed=SEED, iterations=200, weight=None
            )
        else:
            raw = nx.spring_layout(body, seed=SEED, iterations=200, weight=None)
        pos = _scaled(raw, scale)
    pos.update(rows_below(isolated, pos))
    return pos


def rows_below(nodes: list[Hashable], pos: Positions) -> Positions:
    """`nodes` in rows under the bounding box of `pos`, centred, in the order given."""
    if not nodes:
        return {}
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    width = max(max(xs) - min(xs), SPACING * 8)
    per_row = max(int(width // SPACING), 1)
    top = max(ys) + 1.5 * SPACING
    out: Positions = {}
    for i, n in enumerate(nodes):
        r, c = divmod(i, per_row)
        in_row = min(per_row, len(nodes) - r * per_row)
        x = (min(xs) + max(xs)) / 2 + (c - (in_row - 1) / 2) * SPACING
        out[n] = (round(x, 1), round(top + r * SPACING * 0.8, 1))
    return out


def ring(inner: list[Hashable], outer: list[Hashable]) -> Positions:
    """`inner` evenly on a circle in the order given, `outer` on a wider one (chord-style)."""
    radius = max(1.7 * SPACING * len(inner) / (2 * math.pi), 2 * SPACING)
    pos: Positions = {}
    for ring_nodes, r in ((inner, radius), (outer, radius * 1.45)):
        for i, n in enumerate(ring_nodes):
            angle = -math.pi / 2 + 2 * math.pi * i / max(len(ring_nodes), 1)
            pos[n] = (round(r * math.cos(angle), 1), round(r * math.sin(angle), 1))
    return pos


def columns(g: nx.Graph, middle: list[Hashable], hubs: list[Hashable]) -> Positions:
    """`middle` in a vertical column, `hubs` around it; the rest settles in between (spring)."""
    n = max(len(middle), 1)
    anchors: Positions = {m: (0.0, -1.0 + 2.0 * i / max(n - 1, 1)) for i, m in enumerate(middle)}
    for i, h in enumerate(hubs):
        angle = math.pi + 2 * math.pi * i / max(len(hubs), 1)
        anchors[h] = (1.0 * math.cos(angle), 0.9 * math.sin(angle))
    pos = nx.spring_layout(
        g, pos=dict(anchors), fixed=list(anchors), seed=SEED, iterations=200, weight=None, k=0.25
    )
    return _scaled(pos, COLUMN_STEP * max(n, 6) / 2)


def sunflower(members: list[Hashable], centre: tuple[float, float], step: float) -> Positions:
    """Members on a Vogel spiral: even spacing, no overlap, O(n), same order same place."""
    cx, cy = centre
    pos: Positions = {}
    for i, n in enumerate(members):
        r = step * math.sqrt(i + 0.5)
        a = i * GOLDEN_ANGLE
        pos[n] = (round(cx + r * math.cos(a), 1), round(cy + r * math.sin(a), 1))
    return pos


def grouped(
    g: nx.Graph, group_of: Callable[[Hashable], str], order: Callable[[Hashable], tuple]
) -> tuple[Positions, Positions]:
    """Positions of the groups and of every node, for graphs too large for one spring layout.

    The groups are laid out as a weighted graph (weight = edges between them) with a spring
    layout far enough apart that the spirals of the two largest groups do not touch.
    """
    members: dict[str, list[Hashable]] = {}
    for n in g:
        members.setdefault(group_of(n), []).append(n)
    step = SPACING * 0.45
    radius = {k: step * math.sqrt(len(v) + 0.5) for k, v in members.items()}
    agg = nx.Graph()
    agg.add_nodes_from(sorted(members))
    for u, v in g.edges():
        a, b = group_of(u), group_of(v)
        if a != b:
            w = agg.edges[a, b]["weight"] + 1 if agg.has_edge(a, b) else 1
            agg.add_edge(a, b, weight=w)
    largest = sorted(radius.values(), reverse=True)[:2]
    gap = sum(largest) + SPACING
    raw = nx.spring_layout(agg, seed=SEED, iterations=100, weight=None)
    group_pos = _scaled(raw, gap * math.sqrt(len(agg)))
    node_pos: Positions = {}
    for k, ms in members.items():
        node_pos.update(sunflower(sorted(ms, key=order), group_pos[k], step))
    return group_pos, node_pos
