"""Gaps: what a plan promises without the means to carry it.

- a priority theme without partners, without ambitions, or without a budget line of its own
  (a line that serves all themes is noted, but does not count as the theme's own money; a
  plan without a budget table gets one gap for the plan instead of one per theme);
- a priority theme that is not mapped onto the VNG core themes (so comparison cannot see it);
- a partner the plan names but never involves in any theme;
- a budget line that funds no theme (neither named themes nor all themes).
"""

from __future__ import annotations

from collections import Counter

from graph import network
from graph.analysis import Result
from graph.analysis.words import WORDS as W
from graph.analysis.words import counted
from graph.i18n import Language, choose
from graph.network import BudgetLine, PlanData

METHOD = (
    "degree of theme and partner nodes in the theme-partner graph; counts of ambitions, "
    "ivp:funds and core-theme mappings per theme"
)
KINDS = (
    "priority without partners",
    "priority without ambitions",
    "priority without budget",
    "priority without VNG mapping",
    "partner in no theme",
    "budget line without theme",
    "plan without budget table",
)
# the kinds not about priorities, counted on their own (their words: graph.analysis.words)
COUNTED = ("partner in no theme", "budget line without theme")


def gaps(data: PlanData, plan: str | None = None, *, language: Language | None = None) -> Result:
    """The gaps of each plan in scope; `language` is that of the reading."""
    scope = data.plan_ids(plan)
    b = network.bipartite(data, scope)
    rows: list[dict] = []
    mapped = {m.theme for m in data.mappings}
    budget: dict[str, list[BudgetLine]] = {p: [] for p in scope}
    for line in data.budget_lines:
        if line.plan in budget and not line.total:
            budget[line.plan].append(line)
    for p in scope:
        lines = budget[p]
        funded = {t for line in lines for t in line.themes}
        shared_lines = [line.id for line in lines if line.all_themes]
        if not lines:
            rows.append(_gap(p, "plan without budget table", p, data.plans[p].title, ""))
        for t in data.themes_of(p):
            if t.status != "priority":
                continue
            if not b.degree(t.iri):
                rows.append(_gap(p, "priority without partners", t.id, t.label, ""))
            if not t.ambitions:
                detail = (
                    f"{t.pillars} pillars, {t.actions} actions" if t.pillars or t.actions else ""
                )
                rows.append(_gap(p, "priority without ambitions", t.id, t.label, detail))
            if lines and t.iri not in funded:
                detail = (
                    f"only lines for all themes: {', '.join(shared_lines)}" if shared_lines else ""
                )
                rows.append(_gap(p, "priority without budget", t.id, t.label, detail))
            if t.iri not in mapped:
                rows.append(_gap(p, "priority without VNG mapping", t.id, t.label, ""))
        for n in data.partners_named(p):
            if not any(b.nodes[t]["plan"] == p for t in b[n]):
                node = b.nodes[n]
                rows.append(
                    _gap(p, "partner in no theme", node["identifier"], node["label"], "named only")
                )
        for line in lines:
            if not line.themes and not line.all_themes:
                rows.append(
                    _gap(
                        p,
                        "budget line without theme",
                        line.id,
                        line.label,
                        f"€ {line.amount_eur:,.0f}",
                    )
                )
    rows.sort(key=lambda r: (r["plan"], KINDS.index(r["gap"]), r["id"]))
    result = Result("gaps", scope, METHOD, {})
    result.rows = rows
    lang = choose(language)
    for p in scope:
        counts = Counter(r["gap"] for r in rows if r["plan"] == p)
        priorities = sum(1 for t in data.themes_of(p) if t.status == "priority")
        if not counts:
            result.reading.append(W("no_gaps", lang, plan=p))
            continue
        parts = [_counted(k, counts[k], priorities, lang) for k in KINDS if counts[k]]
        result.reading.append(W("gaps", lang, plan=p, parts="; ".join(parts)))
    return result


def _counted(kind: str, n: int, priorities: int, lang: Language) -> str:
    """How the reading counts one kind of gap, in agreement with the number: '2 of 8
    priorities without partners', '1 partner in no theme' (the rows keep the KINDS words)."""
    if kind == "plan without budget table":
        return W("no_budget_table", lang)
    if kind in COUNTED:
        return counted(n, kind, lang)
    of = W("of_priorities1" if priorities == 1 else "of_priorities", lang, n=n, of=priorities)
    return f"{of} {W(kind.removeprefix('priority '), lang)}"


def _gap(plan: str, kind: str, ident: str, label: str, detail: str) -> dict:
    return {"plan": plan, "gap": kind, "id": ident, "label": label, "detail": detail}
