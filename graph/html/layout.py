"""Positions computed once in Python, so the same data always gives the same picture.

vis-network's own physics starts from random positions and settles differently on every load;
here networkx lays the graph out with a fixed seed, the page switches physics off, and the
coordinates (rounded to 0.1 px) go into the HTML. A large graph is laid out by groups: the
groups with a spring layout, the members of each on a sunflower spiral around their group.

A plan is not left to the spring layout (which makes a hairball of a hundred nodes): its
themes go on a circle first, each with its pillars just outside it and the core themes and
domains it points to on a wider ring; a partner sits between the themes it serves (at the mean
of their directions, so one that serves a single theme stands beside it and one that serves
all stands near the middle); partners the plan names for no theme have a block of their own
below. An ego picture is radial: the focus in the middle, each further step on a wider ring.
"""

from __future__ import annotations

import math
import zlib
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
    radius = max(2.6 * SPACING * len(inner) / (2 * math.pi), 2 * SPACING)
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
) -> tuple[Positions, Positions, dict[str, float]]:
    """Positions of the groups and of every node, and each group's radius, for graphs too
    large for one layout.

    The groups are packed in rows, in the order of their keys (so 'type:' groups, those of
    several plans, come before the 'plan:' ones, and the plans follow in name order), each
    drawn as a disc half as wide as the spiral its members open into: the first view is a
    page of labelled discs, not a spring layout's star of dots.
    """
    members: dict[str, list[Hashable]] = {}
    for n in g:
        members.setdefault(group_of(n), []).append(n)
    step = SPACING * 0.45
    radius = {k: step * math.sqrt(len(v) + 0.5) for k, v in members.items()}
    gap = 1.2 * SPACING
    area = sum(2.2 * (2 * r + gap) ** 2 for r in radius.values())
    width = max(1.05 * math.sqrt(area), 2 * max(radius.values()) + gap)
    rows: list[list[str]] = [[]]
    x = 0.0
    for k in sorted(members, key=lambda k: (not k.startswith("type:"), k)):
        side = 2 * radius[k] + gap
        after_types = rows[-1] and rows[-1][-1].startswith("type:") and k.startswith("plan:")
        if rows[-1] and (x + side > width or after_types):  # the shared groups: a row apart
            rows.append([])
            x = 0.0
        rows[-1].append(k)
        x += side
    group_pos: Positions = {}
    y = 0.0
    for row in rows:  # below each disc room for its label; the shared groups spread out
        sides = [2 * radius[k] + gap for k in row]
        spread = row[0].startswith("type:") and sum(sides) < width
        x = 0.0
        for i, (k, side) in enumerate(zip(row, sides, strict=True)):
            cx = width * (i + 1) / (len(row) + 1) if spread else x + side / 2
            group_pos[k] = (round(cx, 1), round(y + max(sides) / 2, 1))
            x += side
        y += 2.2 * max(sides)
    node_pos: Positions = {}
    for k, ms in members.items():
        node_pos.update(sunflower(sorted(ms, key=order), group_pos[k], step))
    return group_pos, node_pos, {k: round(r, 1) for k, r in radius.items()}


def _angles(nodes: list[Hashable]) -> dict[Hashable, float]:
    """`nodes` evenly round a circle, the first at the top, clockwise on screen."""
    return {n: -math.pi / 2 + 2 * math.pi * i / max(len(nodes), 1) for i, n in enumerate(nodes)}


def _at(radius: float, angle: float, centre: tuple[float, float] = (0.0, 0.0)) -> tuple:
    return (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))


def _mean_direction(angles: list[float]) -> tuple[float, float]:
    """The circular mean of `angles` and its length (1: all alike, 0: spread evenly)."""
    x = sum(math.cos(a) for a in angles) / len(angles)
    y = sum(math.sin(a) for a in angles) / len(angles)
    return math.atan2(y, x), math.hypot(x, y)


def _spread_on_ring(wanted: dict[Hashable, float], radius: float, gap: float) -> Positions:
    """Nodes on a ring near their wanted angle, at least `gap` apart along it (in order)."""
    if not wanted:
        return {}
    step = min(gap / radius, 2 * math.pi / len(wanted))
    order = sorted(wanted, key=lambda n: (wanted[n] % (2 * math.pi), str(n)))
    placed = [wanted[order[0]] % (2 * math.pi)]
    for n in order[1:]:
        placed.append(max(wanted[n] % (2 * math.pi), placed[-1] + step))
    # what ran past the start is folded back by shifting the whole run to the middle
    overflow = placed[-1] - (placed[0] + 2 * math.pi - step)
    if overflow > 0:
        placed = [a - overflow / 2 for a in placed]
    return {n: _at(radius, a) for n, a in zip(order, placed, strict=True)}


def separate(
    pos: dict[Hashable, tuple[float, float]],
    movable: set[Hashable],
    room: dict[Hashable, float],
    rounds: int = 60,
) -> dict[Hashable, tuple[float, float]]:
    """Push `movable` nodes apart until no two are closer than the sum of their `room`.

    Fixed nodes push but do not move. A grid of cells finds the near pairs, so a plan of a
    thousand nodes costs milliseconds, not the seconds of trying every pair.
    """
    pos = {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    cell = 2 * max(room.values(), default=1.0)
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[Hashable]] = {}
        for n, (x, y) in pos.items():
            grid.setdefault((int(x // cell), int(y // cell)), []).append(n)
        moved = False
        for n in sorted(movable, key=str):
            x, y = pos[n]
            cx, cy = int(x // cell), int(y // cell)
            dx = dy = 0.0
            for i in (-1, 0, 1):
                for j in (-1, 0, 1):
                    for m in grid.get((cx + i, cy + j), ()):
                        if m == n:
                            continue
                        mx, my = pos[m]
                        need = room[n] + room[m]
                        ex, ey = x - mx, y - my
                        dist = math.hypot(ex, ey)
                        if dist >= need:
                            continue
                        if dist < 1e-6:  # on top of each other: part them in a fixed direction
                            angle = (zlib.crc32(str(n).encode()) % 360) * math.pi / 180
                            ex, ey, dist = math.cos(angle), math.sin(angle), 1.0
                        push = (need - dist) / (2 if m in movable else 1)
                        dx += ex / dist * push
                        dy += ey / dist * push
            if dx or dy:
                pos[n] = (x + dx * 0.6, y + dy * 0.6)
                moved = True
        if not moved:
            break
    return pos


def plan(g: nx.Graph, room: dict[Hashable, float]) -> Positions:
    """A plan picture by role: themes on a circle, everything else placed from them.

    `room` is the radius each node needs (its size plus some air), for `separate`.
    """
    kind = {n: d["type"] for n, d in g.nodes(data=True)}
    themes = sorted(
        (n for n in g if kind[n] == "theme"),
        key=lambda n: (g.nodes[n]["plan"], g.nodes[n].get("number") or 0, g.nodes[n]["ref"]),
    )
    if not themes:
        return spring(g)
    radius = max(2.8 * SPACING * len(themes) / (2 * math.pi), 3.6 * SPACING)
    angle = _angles(themes)
    pos: dict[Hashable, tuple[float, float]] = {t: _at(radius, angle[t]) for t in themes}
    hubs = [n for n in g if kind[n] == "plan"]
    for h in hubs:
        mine = [angle[t] for t in g[h] if t in angle]
        direction, length = _mean_direction(mine) if mine else (0.0, 0.0)
        pos[h] = _at(0.35 * radius * length, direction) if len(hubs) > 1 else (0.0, 0.0)
    # pillars fan out just outside their theme; a mission pillar (of the plan) round its hub
    for owner in [*themes, *hubs]:
        pillars = sorted((p for p in g[owner] if kind[p] == "pillar"), key=lambda p: str(p))
        pillars.sort(key=lambda p: g.nodes[p].get("number") or 0)
        for i, p in enumerate(pillars):
            if owner in angle:
                step = 0.9 * SPACING / (radius + SPACING)
                a = angle[owner] + (i - (len(pillars) - 1) / 2) * step
                pos[p] = _at(radius + SPACING, a)
            else:
                a = 2 * math.pi * i / len(pillars)
                pos[p] = _at(SPACING, a, pos[owner])
    # core themes and domains on a wider ring, near the themes that point to them
    outer = {}
    for n in g:
        if kind[n] in ("core", "domain"):
            mine = [angle[t] for t in g[n] if t in angle]
            outer[n] = _mean_direction(mine)[0] if mine else 0.0
    pos.update(_spread_on_ring(outer, radius + 2.6 * SPACING, 1.3 * SPACING))
    # partners between the themes they serve; those serving none in a block of their own
    partners = sorted((n for n in g if kind[n] == "partner"), key=lambda n: g.nodes[n]["ref"])
    alone = []
    for p in partners:
        mine = [angle[t] for t in g[p] if t in angle]
        if not mine:
            alone.append(p)
            continue
        direction, length = _mean_direction(mine)
        pos[p] = _at(radius * (0.15 + 0.65 * length), direction)
    rest = [n for n in g if n not in pos and n not in set(alone)]
    for i, n in enumerate(rest):  # anything else (none today) goes round the middle
        pos[n] = _at(0.3 * radius, 2 * math.pi * i / len(rest))
    moving = set(partners) - set(alone) | set(rest)
    pos = separate(pos, moving, room)
    placed = _scaled(pos, 1.0)
    placed.update(block_below(alone, placed))
    return placed


def block_below(nodes: list[Hashable], pos: Positions) -> Positions:
    """`nodes` in a grid of wide cells under the picture: room for a label each."""
    if not nodes:
        return {}
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    width = max(max(xs) - min(xs), 4 * SPACING)
    column = 1.9 * SPACING
    per_row = max(int(width // column), 1)
    top = max(ys) + 1.6 * SPACING
    out: Positions = {}
    for i, n in enumerate(nodes):
        r, c = divmod(i, per_row)
        in_row = min(per_row, len(nodes) - r * per_row)
        x = (min(xs) + max(xs)) / 2 + (c - (in_row - 1) / 2) * column
        out[n] = (round(x, 1), round(top + r * 0.75 * SPACING, 1))
    return out


def radial(g: nx.Graph, centre: Hashable, room: dict[Hashable, float]) -> Positions:
    """The focus in the middle, the nodes one step away on a ring, two steps on a wider one.

    Each ring is ordered by the mean direction of the nodes on the ring inside it that a
    node is linked to, so a second step fans out behind the first.
    """
    steps = nx.single_source_shortest_path_length(g, centre)
    rings: dict[int, list[Hashable]] = {}
    for n, d in steps.items():
        rings.setdefault(d, []).append(n)
    pos: dict[Hashable, tuple[float, float]] = {centre: (0.0, 0.0)}
    angle: dict[Hashable, float] = {centre: 0.0}
    kind_order = {"theme": 0, "partner": 1, "pillar": 2, "core": 3, "domain": 4}
    radius = 0.0
    for d in sorted(k for k in rings if k):
        members = rings[d]

        def inward(n: Hashable, d: int = d) -> float:
            inner = [angle[m] for m in g[n] if m in angle and steps[m] < d]
            return _mean_direction(inner)[0] % (2 * math.pi) if inner else 0.0

        if d == 1:
            members.sort(key=lambda n: (kind_order.get(g.nodes[n]["type"], 9), g.nodes[n]["ref"]))
        else:
            members.sort(key=lambda n: (inward(n), g.nodes[n]["ref"]))
        need = sum(2 * room[n] for n in members) / (2 * math.pi)
        radius = max(radius + 2.4 * SPACING, need)
        for n, a in _angles(members).items():
            angle[n] = a
            pos[n] = _at(radius, a)
    away = [n for n in g if n not in pos]  # not reached (none in an ego graph)
    pos.update(rows_below(away, _scaled(pos, 1.0)))
    return _scaled(pos, 1.0)
