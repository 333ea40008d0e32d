"""Theme overlap: which themes lean on the same partners, beside the links the plan states?

For every pair of themes in a plan: the partners both involve, their number, the Jaccard index
(shared / all partners of either) and the overlap coefficient (shared / partners of the
smaller theme, which stays high when a small theme's partners are all also in a large one).
A pair with strong overlap and no stated cross-link is an *implicit cross-link*; a stated
cross-link whose themes share no partner is a link on paper that no partner carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph import network
from graph.analysis import Result, r4
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted
from graph.i18n import Language, choose
from graph.network import PlanData

METHOD = (
    "pairwise set overlap of the partners involved in each theme (Jaccard index, "
    "Szymkiewicz-Simpson overlap coefficient) on the theme-partner graph, compared with the "
    "stated ivp:CrossLink between the themes"
)
MIN_SHARED = 3
MIN_JACCARD = 0.5

IMPLICIT = "implicit cross-link"
UNCARRIED = "stated, no shared partner"
STATED = "stated"


def overlap(
    data: PlanData,
    plan: str | None = None,
    min_shared: int = MIN_SHARED,
    min_jaccard: float = MIN_JACCARD,
    ignore: Iterable[str] = (),
    flagged_only: bool = False,
    *,
    language: Language | None = None,
) -> Result:
    """Every pair of themes of the same plan that shares a partner or is linked.

    A pair is an implicit cross-link when it shares at least `min_shared` partners *and* has
    a Jaccard index of at least `min_jaccard`, and the plan states no link between the two.
    Partners in `ignore` (ids) are left out of the sets, e.g. the municipality itself, which
    works on nearly every theme and so makes every pair look alike.
    """
    scope = data.plan_ids(plan)
    ignored = sorted(set(ignore))
    b = network.bipartite(data, scope)
    skip = {n for n in network.partner_nodes(b) if b.nodes[n]["identifier"] in ignored}
    stated: dict[frozenset, set[str]] = {}
    for p in scope:
        for c in data.crosslinks_of(p):
            if c.to_theme:
                stated.setdefault(frozenset((c.source, c.target)), set()).add(c.kind)
    rows = []
    for p in scope:
        for u, v in combinations([t.iri for t in data.themes_of(p)], 2):
            a, c = set(b[u]) - skip, set(b[v]) - skip
            shared = a & c
            kinds = stated.get(frozenset((u, v)), set())
            if not shared and not kinds:
                continue
            j = network.jaccard(a, c)
            if kinds and not shared:
                finding = UNCARRIED
            elif kinds:
                finding = STATED
            elif len(shared) >= min_shared and j >= min_jaccard:
                finding = IMPLICIT
            else:
                finding = ""
            rows.append(
                {
                    "plan": p,
                    "theme_a": b.nodes[u]["identifier"],
                    "theme_b": b.nodes[v]["identifier"],
                    "shared": len(shared),
                    "partners_a": len(a),
                    "partners_b": len(c),
                    "jaccard": r4(j),
                    "overlap": r4(network.overlap_coefficient(a, c)),
                    "stated": ", ".join(sorted(kinds)),
                    "finding": finding,
                    "shared_partners": ", ".join(sorted(b.nodes[n]["identifier"] for n in shared)),
                    # the same kind of partner on both sides, also through other organisations
                    "shared_types": ", ".join(sorted(_types(b, a) & _types(b, c))),
                }
            )
    rows.sort(key=lambda r: (r["plan"], -r["jaccard"], -r["shared"], r["theme_a"], r["theme_b"]))
    params = {
        "min_shared": min_shared,
        "min_jaccard": min_jaccard,
        "ignore": ", ".join(ignored),
        "flagged_only": flagged_only,
    }
    result = Result("overlap", scope, METHOD, params)
    result.reading = _reading(rows, data, scope, min_shared, min_jaccard, choose(language))
    result.rows = (
        [r for r in rows if r["finding"] in (IMPLICIT, UNCARRIED)] if flagged_only else rows
    )
    return result


def _types(b: nx.Graph, partners: set[str]) -> set[str]:
    return {b.nodes[n]["partner_type"] for n in partners if b.nodes[n]["partner_type"]}


def _reading(
    rows: list[dict],
    data: PlanData,
    scope: list[str],
    min_shared: int,
    min_jaccard: float,
    lang: Language,
) -> list[str]:
    lines = []
    by_plan: dict[str, list[dict]] = {p: [] for p in scope}
    for r in rows:
        by_plan[r["plan"]].append(r)
    limits = {"min_shared": min_shared, "min_jaccard": f"{min_jaccard:g}"}
    for p in scope:
        mine = by_plan[p]
        n_themes = len(data.themes_of(p))
        pairs = n_themes * (n_themes - 1) // 2
        implicit = [r for r in mine if r["finding"] == IMPLICIT]
        uncarried = [r for r in mine if r["finding"] == UNCARRIED]
        stated = [r for r in mine if r["stated"]]
        sharing = [r for r in mine if r["shared"]]
        lines.append(
            W(
                "overlap_pairs",
                lang,
                plan=p,
                sharing=len(sharing),
                pairs=pairs,
                links=counted(len(stated), "link", lang),
            )
        )
        if implicit:
            top = implicit[0]
            lines.append(
                W(
                    "implicit",
                    lang,
                    found=counted(len(implicit), "implicit_link", lang),
                    a=top["theme_a"],
                    b=top["theme_b"],
                    shared=top["shared"],
                    jaccard=f"{top['jaccard']:g}",
                    partners=top["shared_partners"],
                    **limits,
                )
            )
        else:
            lines.append(W("no_implicit", lang, **limits))
        if uncarried:
            lines.append(
                W(
                    "uncarried",
                    lang,
                    found=counted(len(uncarried), "stated_link", lang),
                    pairs="; ".join(f"{r['theme_a']} – {r['theme_b']}" for r in uncarried),
                )
            )
    return lines
