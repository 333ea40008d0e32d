"""Central partner types: which kinds of partner (RIEC, woningcorporatie, politie, ...) the
themes depend on, whatever organisation a plan names for the kind.

`ivp analyze central` ranks organisations, so two plans that each work with their own RIEC
show two unrelated rows. Partner types (graph/partner_types.py) are the level at which plans
can be compared: this analysis folds the theme-partner graph onto them. A type reaches a
theme when one of its partners works on it; `degree` is that share of all themes, as
bipartite degree centrality is for a partner. Across plans, `per plan` names the
organisations each plan has for the type, so "same kind of partner, different organisation"
reads off one row.
"""

from __future__ import annotations

from graph import network
from graph.analysis import Result, r4
from graph.network import PlanData
from graph.output import plural

METHOD = (
    "the theme-partner graph folded onto ivp:partnerType: a type reaches the themes any of "
    "its partners works on; degree = the share of all themes it reaches"
)
UNTYPED = "-"


def central_types(data: PlanData, plan: str | None = None, top: int | None = None) -> Result:
    """Partner types ranked by the number of themes their partners work on."""
    scope = data.plan_ids(plan)
    b = network.bipartite(data, scope)
    themes = network.theme_nodes(b)
    result = Result("central-types", scope, METHOD, {"top": top})
    by_type: dict[str, list[str]] = {}
    for p in network.partner_nodes(b):
        by_type.setdefault(b.nodes[p]["partner_type"] or UNTYPED, []).append(p)
    rows = []
    for kind, members in by_type.items():
        reached = {t for p in members for t in b[p]}
        row: dict = {
            "rank": 0,
            "type": kind,
            "label": data.type_labels.get(kind, kind),
            "themes": len(reached),
            "of_themes": len(themes),
            "degree": r4(len(reached) / len(themes)) if themes else 0.0,
            "partners": len(members),
            "partner_ids": ", ".join(sorted(b.nodes[p]["identifier"] for p in members)),
        }
        if len(scope) > 1:
            for q in scope:
                row[q] = ", ".join(
                    sorted(
                        b.nodes[p]["identifier"]
                        for p in members
                        if q in b.nodes[p]["plan"].split(";")
                    )
                )
        rows.append(row)
    rows.sort(key=lambda r: (-r["themes"], -r["partners"], r["type"]))
    previous, rank = None, 0
    for n, row in enumerate(rows, start=1):
        if row["themes"] != previous:
            rank, previous = n, row["themes"]
        row["rank"] = rank
    result.rows = rows[:top] if top else rows
    if rows:
        where = scope[0] if len(scope) == 1 else f"{len(scope)} plans together"
        first = rows[0]
        result.reading = [
            f"In {where}, partners of type {first['label']} ({first['type']}) work on "
            f"{first['themes']} of {first['of_themes']} themes, through "
            f"{plural(first['partners'], 'partner')}: {first['partner_ids']}."
        ]
        if len(scope) > 1:
            shared = [r for r in rows if r["type"] != UNTYPED and all(r[q] for q in scope)]
            different = [r for r in shared if len({r[q] for q in scope}) > 1]
            result.reading.append(
                f"{len(shared)} of {plural(len(rows), 'partner type')} "
                + ("is" if len(shared) == 1 else "are")
                + " named by every plan; "
                f"{len(different)} of them through different organisations"
                + (": " + ", ".join(r["type"] for r in different[:8]) if different else "")
                + ("…" if len(different) > 8 else "")
                + "."
            )
    return result
