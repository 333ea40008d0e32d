"""The records graph.network reads from the store (`PlanData`) and the views are built from.

Plain frozen dataclasses, so that records read from the store, taken from a build's cache
(graph.network_parts) or made up for a test compare equal field by field. The `*_order`
functions are the one sort order of each list, shared by everything that builds one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Plan:
    id: str
    iri: str
    title: str
    municipality: str
    replaces: str | None = None  # IRI of the plan it replaces (dcterms:replaces)
    draft: bool = False  # written by `ivp extract`, not yet checked by a curator (issue 12)


@dataclass(frozen=True)
class Theme:
    iri: str
    plan: str
    id: str
    label: str
    status: str
    number: int | None = None
    ambitions: int = 0
    pillars: int = 0
    actions: int = 0

    @property
    def key(self) -> str:
        return f"{self.plan}/{self.id}"


@dataclass(frozen=True)
class Partner:
    iri: str
    id: str
    label: str
    kind: str
    domains: tuple[str, ...]
    type: str = ""  # ivp:partnerType notation (riec, woningcorporatie, ...): same kind, other org


@dataclass(frozen=True)
class Involvement:
    plan: str
    partner: str  # IRI
    theme: str | None  # IRI; None for a plan-level mention
    action: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True)
class CrossLink:
    plan: str
    source: str  # theme IRI
    target: str  # theme IRI, or domain concept IRI when `to_theme` is False
    to_theme: bool
    kind: str
    directed: bool
    target_label: str


@dataclass(frozen=True)
class Mapping:
    theme: str  # IRI
    concept: str  # VNG notation: "1" (field) or "1.1" (core theme)
    match: str  # exactMatch, closeMatch, ...
    basis: str | None  # stated | curated


@dataclass(frozen=True)
class Concept:
    notation: str
    label: str

    @property
    def is_field(self) -> bool:
        return "." not in self.notation

    @property
    def field(self) -> str:
        return self.notation.split(".", 1)[0]


@dataclass(frozen=True)
class BudgetLine:
    plan: str
    iri: str
    id: str
    label: str
    themes: tuple[str, ...]  # IRIs
    all_themes: bool
    total: bool
    amount_eur: float


@dataclass
class PlanData:
    """Everything the analyses read, as plain records; see `load`.

    The lookups by plan, theme and partner go through indexes built on first use (a scan of
    every plan's records per lookup is what made the national views quadratic), so fill the
    records before the first lookup, as `load` and graph.html.synthetic do.
    """

    plans: dict[str, Plan] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    involvements: list[Involvement] = field(default_factory=list)
    crosslinks: list[CrossLink] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    type_labels: dict[str, str] = field(default_factory=dict)  # partner type notation -> label

    def plan_ids(self, plan: str | Iterable[str] | None = None) -> list[str]:
        """The plans in scope: one, several, or (None) all, sorted; unknown ids raise."""
        if plan is None:
            return sorted(self.plans)
        wanted = [plan] if isinstance(plan, str) else list(plan)
        for p in wanted:
            if p not in self.plans:
                raise KeyError(p)
        return sorted(dict.fromkeys(wanted))

    def themes_of(self, plan: str) -> list[Theme]:
        """The plan's themes in the plan's own order (number, then id)."""
        return list(self._themes_by_plan.get(plan, ()))

    def involvements_of(self, plan: str) -> list[Involvement]:
        return list(self._involvements_by_plan.get(plan, ()))

    def crosslinks_of(self, plan: str) -> list[CrossLink]:
        return list(self._crosslinks_by_plan.get(plan, ()))

    def mappings_of(self, plan: str) -> list[Mapping]:
        return list(self._mappings_by_plan.get(plan, ()))

    def partners_named(self, plan: str) -> set[str]:
        return {i.partner for i in self._involvements_by_plan.get(plan, ())}

    def partners_of_theme(self, theme: str) -> set[str]:
        return set(self._partners_by_theme.get(theme, ()))

    def plans_naming(self, partner: str) -> list[str]:
        return list(self._plans_by_partner.get(partner, ()))

    @cached_property
    def _themes_by_plan(self) -> dict[str, list[Theme]]:
        return _group(sorted(self.themes.values(), key=_theme_order), lambda t: t.plan)

    @cached_property
    def _involvements_by_plan(self) -> dict[str, list[Involvement]]:
        return _group(self.involvements, lambda i: i.plan)

    @cached_property
    def _crosslinks_by_plan(self) -> dict[str, list[CrossLink]]:
        return _group(self.crosslinks, lambda c: c.plan)

    @cached_property
    def _mappings_by_plan(self) -> dict[str, list[Mapping]]:
        themes = self.themes
        return _group(
            (m for m in self.mappings if m.theme in themes), lambda m: themes[m.theme].plan
        )

    @cached_property
    def _partners_by_theme(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for i in self.involvements:
            if i.theme is not None:
                index[i.theme].add(i.partner)
        return dict(index)

    @cached_property
    def _plans_by_partner(self) -> dict[str, list[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for i in self.involvements:
            index[i.partner].add(i.plan)
        return {partner: sorted(plans) for partner, plans in index.items()}


def _group(records: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Records by key, each list in the records' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for r in records:
        groups[key(r)].append(r)
    return dict(groups)


def _theme_order(t: Theme) -> tuple:
    return (t.plan, t.number is None, t.number or 0, t.id)


def involvement_order(i: Involvement) -> tuple:
    return (i.plan, i.theme or "", i.partner, i.action or "", i.roles)


def crosslink_order(c: CrossLink) -> tuple:
    return (c.plan, c.source, c.target, c.kind, c.directed, c.target_label)


def mapping_order(m: Mapping) -> tuple:
    return (m.theme, m.concept, m.match, m.basis or "")


def budget_line_order(b: BudgetLine) -> tuple:
    return (b.plan, b.id)
