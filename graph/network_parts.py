"""The build's `PlanData` from parts, so an edit rebuild reads only the edited plans.

Reading every plan from the store (graph.network.load) took 8 s of a 22 s edit rebuild at
national scale (686 plans), to read back records of which all but one plan's were the same as
the build before. Most records belong to one plan: its Plan, themes, involvements,
cross-links, mappings (through the theme's plan) and budget lines. They are read from that
plan's named graph with 'register' and 'model', so they change only when the plan's quads or
the shared inputs do, which is what a plan's analysis key (graph.analyses) covers: a build
keeps each plan's records as its part, `<plan>.data.json` beside the plan's analysis piece,
under that key. The next build takes the parts whose key did not change, reads only the other
plans from the store (their named graphs only) and the shared records from the whole store
(partners, the VNG concepts, partner type labels: a query each, and read whole, because a
whole `load` gives every partner of the register, named or not), and merges them into what a
whole `load` of the same store gives: the same records and the lists in the same order.

A part is never trusted blindly: one that is missing, unreadable, of another format or
written for another key is read from the store instead, and when the records read cannot be
told apart per plan, the build falls back to a whole `load` and keeps no parts.

What this assumes, as the analysis keys do: a plan's records depend on its own graph and the
shared graphs only. One exception is known: a plan that names its predecessor states the
predecessor's title; if that plan is in the store too and the two titles differ, which title
a whole `load` gives the predecessor depends on the store's order anyway.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.config import Settings
from graph.network_read import load_shared, load_with_theme_plans
from graph.network_records import (
    BudgetLine,
    CrossLink,
    Involvement,
    Mapping,
    Plan,
    PlanData,
    Theme,
    budget_line_order,
    crosslink_order,
    involvement_order,
    mapping_order,
)

FORMAT = 1  # of a part file; a part of another format is read from the store instead
SUFFIX = ".data.json"
# a scoped read of many plans costs about what a whole load does: past this share, load whole
WHOLE_PAST = 0.5


@dataclass
class Part:
    """The records one plan owns; `plan` is None for a plan without themes (no records)."""

    plan: Plan | None = None
    themes: list[Theme] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    crosslinks: list[CrossLink] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)


_LISTS: dict[str, type] = {
    "themes": Theme,
    "involvements": Involvement,
    "crosslinks": CrossLink,
    "mappings": Mapping,
    "budget_lines": BudgetLine,
}


@dataclass
class Loaded:
    """The build's PlanData, and the part of each plan to keep for the next build."""

    data: PlanData
    parts: dict[str, Part]  # empty when the records could not be split per plan
    taken: set[str] = field(default_factory=set)  # plans whose part came from the cache
    read: list[str] = field(default_factory=list)  # plans read from the store (all: whole)


def path_of(folder: Path, plan: str) -> Path:
    return folder / f"{plan}{SUFFIX}"


def load(
    store: ox.Store,
    settings: Settings,
    keys: dict[str, str],
    previous: Path | None,
    old_keys: dict[str, str],
) -> Loaded:
    """The build's PlanData: the parts in `previous` (a build's analyses folder) whose key
    in `old_keys` is the plan's key in `keys` now, the other plans read from the store.

    `keys` must name every plan in the store.
    """
    cached: dict[str, Part] = {}
    if previous is not None:
        for plan, key in keys.items():
            if key and old_keys.get(plan) == key:
                part = read(path_of(previous, plan), plan, key)
                if part is not None:
                    cached[plan] = part
    missing = sorted(keys.keys() - cached.keys())
    if cached and len(missing) <= WHOLE_PAST * len(keys):
        parts = split(*load_with_theme_plans(store, settings, missing), missing) if missing else {}
        if parts is not None:
            data = merge(load_shared(store, settings), {**cached, **parts})
            return Loaded(data, {**cached, **parts}, set(cached), missing)
    data, theme_plans = load_with_theme_plans(store, settings)
    return Loaded(data, split(data, theme_plans, keys) or {}, set(), sorted(keys))


def split(
    data: PlanData, theme_plans: dict[str, str], plans: Collection[str]
) -> dict[str, Part] | None:
    """Each of `plans`' records; None if some record belongs to none of them (a mapping of
    a theme no plan has, a plan not asked for), as then the parts would not add up to `data`."""
    parts = {plan: Part() for plan in plans}
    try:
        for plan in data.plans.values():
            parts[plan.id].plan = plan
        for theme in data.themes.values():
            parts[theme.plan].themes.append(theme)
        for i in data.involvements:
            parts[i.plan].involvements.append(i)
        for c in data.crosslinks:
            parts[c.plan].crosslinks.append(c)
        for m in data.mappings:
            parts[theme_plans[m.theme]].mappings.append(m)
        for b in data.budget_lines:
            parts[b.plan].budget_lines.append(b)
    except KeyError:
        return None
    return parts


def merge(shared: PlanData, parts: dict[str, Part]) -> PlanData:
    """The PlanData of the shared records and the plans' parts, as a whole `load` gives it.

    Built whole before it is returned: PlanData's indexes are made on the first lookup.
    """
    data = PlanData(
        partners=dict(shared.partners),
        concepts=dict(shared.concepts),
        type_labels=dict(shared.type_labels),
    )
    lists: dict[str, list[Any]] = defaultdict(list)
    for plan in sorted(parts):
        part = parts[plan]
        if part.plan is not None:
            data.plans[plan] = part.plan
        data.themes.update((t.iri, t) for t in part.themes)
        for name in _LISTS:
            if name != "themes":
                lists[name].extend(getattr(part, name))
    data.involvements = sorted(lists["involvements"], key=involvement_order)
    data.crosslinks = sorted(lists["crosslinks"], key=crosslink_order)
    data.mappings = sorted(lists["mappings"], key=mapping_order)
    data.budget_lines = sorted(lists["budget_lines"], key=budget_line_order)
    return data


def save(path: Path, key: str, part: Part) -> None:
    """Write a plan's part, under the key it was read for (records as lists of fields)."""
    record: dict[str, Any] = {
        "format": FORMAT,
        "key": key,
        "plan": None if part.plan is None else _row(part.plan),
    }
    for name in _LISTS:
        record[name] = [_row(r) for r in getattr(part, name)]
    path.unlink(missing_ok=True)  # never write through a hard link into an older build
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def read(path: Path, plan_id: str, key: str) -> Part | None:
    """Plan `plan_id`'s part as saved for `key`; None if it is missing, unreadable, for
    another key or holds another plan's records, so that the plan is read from the store."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["format"] != FORMAT or record["key"] != key:
            return None
        plan = None if record["plan"] is None else _record(Plan, record["plan"])
        lists = {name: [_record(cls, r) for r in record[name]] for name, cls in _LISTS.items()}
        part = Part(plan, **lists)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    owners = {r.plan for name in ("themes", "involvements", "crosslinks", "budget_lines")
              for r in getattr(part, name)}  # fmt: skip
    if plan is None:
        return None if any(lists.values()) else part
    return part if plan.id == plan_id and owners <= {plan_id} else None


def _row(record: Any) -> list[Any]:
    return [getattr(record, f.name) for f in fields(record)]


def _record(cls: type, row: Iterable[Any]) -> Any:
    """A record from its fields; JSON gave its tuples back as lists."""
    return cls(*(tuple(v) if isinstance(v, list) else v for v in row))
