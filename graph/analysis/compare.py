"""Comparison of two or more plans through the VNG Kernbeleid Veiligheid.

Plans name their themes in their own words; the VNG scheme (5 fields, 23 core themes) is the
common ground. Two themes of different plans cover the same ground when they map onto the same
core theme (any SKOS match). A plan covers a field when one of its themes maps onto the field
or onto one of its core themes. Partners are compared by identity (the shared registry makes
the same organisation one node), and by their kinds and domains.

Partner types (graph/partner_types.py) add a level between identity and kind: two plans
that both work with "a RIEC" or "a woningcorporatie" do so through different organisations,
which a `partner type` row shows with, per plan, the partners of that type.

Similarity of two plans: the Jaccard index of the core themes they cover, of the partners
they name and of their partner types, and the cosine similarity of their partner-kind and
domain mixes (which does not depend on plan size). `overall` is the mean of the core-theme
and partner Jaccard indices: what the plans work on and with whom.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

from graph import network
from graph.analysis import Result, r4
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted
from graph.i18n import Language, choose
from graph.network import PlanData
from graph.output import plural

METHOD = (
    "coverage of the VNG core themes through the plans' skos:*Match mappings; Jaccard index "
    "of covered core themes, of named partners and of their partner types; cosine similarity "
    "of partner kind and domain counts; overall = mean of the two Jaccard indices"
)
ASPECTS = (
    "core theme",
    "field",
    "partner",
    "partner type",
    "partner kind",
    "domain",
    "similarity",
)


class TooFewPlans(ValueError):
    pass


def coverage_label(covering: list[str], plans: list[str]) -> str:
    if not covering:
        return "neither" if len(plans) == 2 else "none"
    if len(covering) == len(plans):
        return "both" if len(plans) == 2 else "all"
    if len(covering) == 1:
        return f"only {covering[0]}"
    return ", ".join(covering)


def cosine(a: Counter, b: Counter) -> float:
    keys = set(a) | set(b)
    dot = sum(a[k] * b[k] for k in keys)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def compare(data: PlanData, plans: list[str], *, language: Language | None = None) -> Result:
    """The plans side by side; `language` is that of the reading."""
    scope = data.plan_ids(plans)
    if len(scope) < 2:
        raise TooFewPlans("compare needs two or more different plans")
    b = network.bipartite(data, scope)
    rows: list[dict] = []

    # core themes and fields
    by_concept: dict[str, dict[str, list[str]]] = {}
    for p in scope:
        for m in data.mappings_of(p):
            entry = by_concept.setdefault(m.concept, {q: [] for q in scope})
            entry[p].append(f"{data.themes[m.theme].id} ({m.match.removesuffix('Match')})")
    covered: dict[str, set[str]] = {p: set() for p in scope}
    fields: dict[str, set[str]] = {p: set() for p in scope}
    for notation, entry in by_concept.items():
        for p, themes in entry.items():
            if themes:
                (fields[p] if "." not in notation else covered[p]).add(notation)
                fields[p].add(notation.split(".")[0])
    concepts = sorted(data.concepts.values(), key=lambda c: [int(x) for x in c.notation.split(".")])
    for c in concepts:
        entry = by_concept.get(c.notation, {p: [] for p in scope})
        if c.is_field:
            holders = [p for p in scope if c.notation in fields[p]]
            per_plan = {
                p: ", ".join(entry[p]) or ("via core themes" if p in holders else "") for p in scope
            }
            aspect = "field"
        else:
            holders = [p for p in scope if entry[p]]
            per_plan = {p: ", ".join(entry[p]) for p in scope}
            aspect = "core theme"
        rows.append(_row(aspect, c.notation, c.label, coverage_label(holders, scope), per_plan))

    # partners, kinds, domains
    named = {p: data.partners_named(p) for p in scope}
    themes_per = {
        (p, partner): sum(1 for t in b[partner] if b.nodes[t]["plan"] == p)
        for p in scope
        for partner in named[p]
    }
    everyone = sorted(set().union(*named.values()), key=lambda x: data.partners[x].id)
    for partner in everyone:
        holders = [p for p in scope if partner in named[p]]
        per_plan = {
            p: plural(themes_per[(p, partner)], "theme") if partner in named[p] else ""
            for p in scope
        }
        info = data.partners[partner]
        rows.append(_row("partner", info.id, info.label, coverage_label(holders, scope), per_plan))
    rows += _type_rows(data, scope, named)
    kinds = {p: Counter(data.partners[x].kind for x in named[p]) for p in scope}
    domains = {p: Counter(d for x in named[p] for d in data.partners[x].domains) for p in scope}
    for aspect, counts in (("partner kind", kinds), ("domain", domains)):
        for key in sorted(set().union(*counts.values())):
            holders = [p for p in scope if counts[p][key]]
            per_plan = {p: counts[p][key] for p in scope}
            rows.append(_row(aspect, key, key, coverage_label(holders, scope), per_plan))

    # similarity, per pair
    for p, q in combinations(scope, 2):
        scores = {
            "core themes (Jaccard)": network.jaccard(covered[p], covered[q]),
            "fields (Jaccard)": network.jaccard(fields[p], fields[q]),
            "partners (Jaccard)": network.jaccard(named[p], named[q]),
            "partner types (Jaccard)": network.jaccard(
                types_of(data, named[p]), types_of(data, named[q])
            ),
            "partner kinds (cosine)": cosine(kinds[p], kinds[q]),
            "domains (cosine)": cosine(domains[p], domains[q]),
        }
        scores["overall"] = (scores["core themes (Jaccard)"] + scores["partners (Jaccard)"]) / 2
        for name, value in scores.items():
            row = _row("similarity", name, f"{p} ~ {q}", "", dict.fromkeys(scope, ""))
            row["score"] = r4(value)
            rows.append(row)

    result = Result("compare", scope, METHOD, {"plans": ", ".join(scope)})
    result.rows = rows
    result.reading = _reading(rows, scope, covered, named, choose(language))
    return result


def types_of(data: PlanData, partners: set[str]) -> set[str]:
    return {data.partners[x].type for x in partners if data.partners[x].type}


def _type_rows(data: PlanData, scope: list[str], named: dict[str, set[str]]) -> list[dict]:
    """One row per partner type: per plan the partners of that type it names.

    `same` says whether the plans that have the type name the same organisation for it
    ("same") or the same kind of partner through different organisations ("different":
    RIEC Oost-Nederland and RIEC Den Haag), which identity alone cannot show.
    """
    rows = []
    labels = dict(data.type_labels)
    by_type: dict[str, dict[str, list[str]]] = {}
    for p in scope:
        for x in named[p]:
            info = data.partners[x]
            if info.type:
                by_type.setdefault(info.type, {q: [] for q in scope})[p].append(info.id)
    for kind in sorted(by_type):
        per_plan = {p: ", ".join(sorted(ids)) for p, ids in by_type[kind].items()}
        holders = [p for p in scope if by_type[kind][p]]
        row = _row(
            "partner type", kind, labels.get(kind, kind), coverage_label(holders, scope), per_plan
        )
        sets = [frozenset(by_type[kind][p]) for p in holders]
        row["same"] = (
            ""
            if len(holders) < 2
            else "same"
            if len(set(sets)) == 1 and len(sets[0])
            else "different"
            if not frozenset.intersection(*sets)
            else "partly"
        )
        rows.append(row)
    return rows


def _row(aspect: str, item: str, label: str, coverage: str, per_plan: dict) -> dict:
    return {
        "aspect": aspect,
        "item": item,
        "label": label,
        "coverage": coverage,
        **per_plan,
        "score": None,
    }


def _reading(
    rows: list[dict],
    scope: list[str],
    covered: dict[str, set[str]],
    named: dict[str, set[str]],
    lang: Language,
) -> list[str]:
    cores = [r for r in rows if r["aspect"] == "core theme"]
    two = len(scope) == 2
    all_label, none_label = ("both", "neither") if two else ("all", "none")
    common = [r["item"] for r in cores if r["coverage"] == all_label]
    nobody = [r["item"] for r in cores if r["coverage"] == none_label]
    lines = [
        W(
            "compare_core",
            lang,
            n=len(cores),
            covers=W("and", lang).join(W("covers", lang, plan=p, n=len(covered[p])) for p in scope),
            common=counted(len(common), "covered", lang),
            all=W(all_label, lang),
            commons=", ".join(common) or "-",
            nobody=len(nobody),
            none=W(none_label, lang),
            nobodies=", ".join(nobody) or "-",
        )
    ]
    for p in scope:
        only = [r["item"] for r in cores if r["coverage"] == f"only {p}"]
        if only:
            lines.append(W("only", lang, plan=p, items=", ".join(only)))
    partners = [r for r in rows if r["aspect"] == "partner"]
    shared = [r["item"] for r in partners if r["coverage"] == all_label]
    lines.append(
        W(
            "compare_partners",
            lang,
            shared=len(shared),
            n=len(partners),
            named=W("named1" if len(shared) == 1 else "named", lang),
            all=W(all_label, lang),
            names=", ".join(W("names", lang, plan=p, n=len(named[p])) for p in scope),
        )
        + (f": {', '.join(shared[:10])}{'…' if len(shared) > 10 else ''}." if shared else ".")
    )
    types = [r for r in rows if r["aspect"] == "partner type"]
    different = [r["item"] for r in types if r.get("same") == "different"]
    common_types = [r for r in types if r["coverage"] == all_label]
    lines.append(
        W(
            "compare_types",
            lang,
            common=len(common_types),
            n=len(types),
            all=W(all_label, lang),
            different=len(different),
        )
        + (
            f" ({', '.join(different[:10])}{'…' if len(different) > 10 else ''})."
            if different
            else "."
        )
    )
    for r in rows:
        if r["aspect"] == "similarity" and r["item"] == "overall":
            parts = {
                s["item"]: s["score"]
                for s in rows
                if s["aspect"] == "similarity" and s["label"] == r["label"]
            }
            lines.append(
                W(
                    "similarity",
                    lang,
                    pair=r["label"],
                    score=f"{r['score']:g}",
                    core=f"{parts['core themes (Jaccard)']:g}",
                    partners=f"{parts['partners (Jaccard)']:g}",
                    kinds=f"{parts['partner kinds (cosine)']:g}",
                )
            )
    return lines
