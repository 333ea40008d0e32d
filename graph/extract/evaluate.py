"""How much of a draft a curator can trust: each curated plan drafted again, leave-one-plan-out,
and compared with what the curator wrote, item type by item type.

Leave-one-plan-out: the lexicons are loaded without what only that plan taught (its registry
partners, aliases only its text uses, its theme labels and mappings), so the figures predict a
plan nobody has curated. A proposed new partner counts as right where its id or label is the
curated partner's, in the singular or the plural ("Makelaar" for the curated "makelaars": the
curator accepts it as proposed, taking the registry's spelling). A proposed regional partner is
also right where the curated plan has one partner of its type: the draft's "Zorg- en
Veiligheidshuis Gelderland-Zuid" is the curator's "Zorg- en Veiligheidshuis (Nijmegen)", the
one house this municipality works with, whatever the curator named it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from graph import yamlfile
from graph.config import Settings
from graph.extract import lexicon as lexicons
from graph.extract import pipeline
from graph.extract.lexicon import fold
from graph.extract.normalise import normalise_text
from graph.extract.read import read
from graph.extract.similarity import similarity

ITEM_TYPES = (
    "themes", "status", "ambitions", "pillars", "actions", "topics", "partners",
    "involvements", "crosslinks",
    "legal bases", "laws used", "instruments", "budget cells", "indicator cells",
    "vng mappings", "decision",
)  # fmt: skip
SAME_THEME = 0.5
SAME_ITEM = 0.5


@dataclass
class Score:
    plan: str
    item_type: str
    curated: int
    drafted: int
    right: int
    right_drafted: int | None = None  # when precision counts differently from recall

    def row(self) -> dict[str, Any]:
        p_right = self.right if self.right_drafted is None else self.right_drafted
        return {
            "plan": self.plan,
            "item type": self.item_type,
            "curated": self.curated,
            "drafted": self.drafted,
            "right": self.right,
            "precision": round(p_right / self.drafted, 2) if self.drafted else None,
            "recall": round(self.right / self.curated, 2) if self.curated else None,
        }


def evaluate(settings: Settings) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Rows of scores per plan and item type, the totals over all plans, and seconds per plan."""
    full = lexicons.load(settings)
    scores: list[Score] = []
    seconds: dict[str, float] = {}
    for pid, path in full.plans.items():
        curated = yamlfile.load(path)
        source = settings.data_dir / "sources" / str(curated["source"]["file"])
        started = time.perf_counter()
        lexicon = lexicons.load(settings, leave_out=pid)
        # read as `ivp extract` reads a file (footnote markers and page noise removed)
        text = normalise_text(read(source).text)
        draft = pipeline.extract(text, lexicon, source_file=source.name)
        seconds[pid] = round(time.perf_counter() - started, 2)
        scores += compare(pid, curated, draft.plan, _with_proposed(full, draft.new_partners))
    totals: dict[str, Score] = {}
    for s in scores:
        t = totals.setdefault(s.item_type, Score("all", s.item_type, 0, 0, 0, 0))
        t.curated += s.curated
        t.drafted += s.drafted
        t.right += s.right
        t.right_drafted = (t.right_drafted or 0) + (
            s.right if s.right_drafted is None else s.right_drafted
        )
    rows = [s.row() for s in scores] + [totals[t].row() for t in ITEM_TYPES if t in totals]
    return rows, seconds


def compare(
    pid: str, curated: dict[str, Any], draft: dict[str, Any], full: lexicons.Lexicon
) -> list[Score]:
    c_themes = curated.get("themes") or []
    d_themes = draft.get("themes") or []
    pairs = _match(
        [[t.get("label", ""), t.get("source_label") or t.get("label", "")] for t in c_themes],
        [[t.get("label", "")] for t in d_themes],
    )
    to_curated = {d_themes[d]["id"]: c_themes[c]["id"] for c, d in pairs}
    scores = [Score(pid, "themes", len(c_themes), len(d_themes), len(pairs))]
    right = sum(1 for c, d in pairs if c_themes[c].get("status") == d_themes[d].get("status"))
    scores.append(Score(pid, "status", len(c_themes), len(d_themes), right))
    for key in ("ambitions", "pillars", "actions", "topics"):
        c_items = [(t["id"], i) for t in c_themes for i in t.get(key) or []]
        d_items = [(to_curated.get(t["id"]), i) for t in d_themes for i in t.get(key) or []]
        right = 0
        used: set[int] = set()
        for theme, item in d_items:
            for n, (c_theme, c_item) in enumerate(c_items):
                if n in used or c_theme != theme:
                    continue
                if _same_text(_quotes(item), [*_quotes(c_item), str(c_item.get("label", ""))]):
                    used.add(n)
                    right += 1
                    break
        scores.append(Score(pid, key, len(c_items), len(d_items), right))
    c_partners = set(_values(curated, "partner"))
    d_partners = set(_values(draft, "partner"))
    right_partners = {p for p in d_partners if _same_partner(p, c_partners, full)}
    scores.append(
        Score(pid, "partners", len(c_partners), len(d_partners),
              len({_canonical(p, c_partners, full) for p in right_partners}), len(right_partners))
    )  # fmt: skip
    c_inv = {(t["id"], i["partner"]) for t in c_themes for i in t.get("partners") or []}
    d_inv = {
        (to_curated.get(t["id"]), _canonical(i["partner"], c_partners, full))
        for t in d_themes for i in t.get("partners") or []
    }  # fmt: skip
    scores.append(Score(pid, "involvements", len(c_inv), len(d_inv), len(c_inv & d_inv)))
    c_links = {
        frozenset((x["from"], x["to"])) for x in curated.get("crosslinks") or [] if "to" in x
    }
    d_links = {
        frozenset((to_curated.get(x["from"]), to_curated.get(x["to"])))
        for x in draft.get("crosslinks") or []
    }
    scores.append(Score(pid, "crosslinks", len(c_links), len(d_links), len(c_links & d_links)))
    for name, (c_set, d_set) in {
        "legal bases": (_laws(curated, "legal_bases"), _laws(draft, "legal_bases")),
        "laws used": (_laws(curated, "laws_used"), _laws(draft, "laws_used")),
        "instruments": (set(_values(curated, "instrument")), set(_values(draft, "instrument"))),
    }.items():
        scores.append(Score(pid, name, len(c_set), len(d_set), len(c_set & d_set)))
    c_cells, d_cells = _budget_cells(curated), _budget_cells(draft)
    scores.append(
        Score(pid, "budget cells", sum(c_cells.values()), sum(d_cells.values()),
              sum((c_cells & d_cells).values()))
    )  # fmt: skip
    c_obs, d_obs = _indicator_cells(curated), _indicator_cells(draft)
    scores.append(
        Score(pid, "indicator cells", sum(c_obs.values()), sum(d_obs.values()),
              sum((c_obs & d_obs).values()))
    )  # fmt: skip
    c_map = {(t["id"], str(m["concept"])) for t in c_themes for m in t.get("core_themes") or []}
    d_map = {
        (to_curated.get(t["id"]), str(m["concept"]))
        for t in d_themes for m in t.get("core_themes") or []
    }  # fmt: skip
    scores.append(Score(pid, "vng mappings", len(c_map), len(d_map), len(c_map & d_map)))
    c_act, d_act = _decision(curated), _decision(draft)
    right = sum(
        1 for k, v in d_act.items()
        if k in c_act and (v == c_act[k] or _same_partner(str(v), {str(c_act[k])}, full))
    )  # fmt: skip
    scores.append(Score(pid, "decision", len(c_act), len(d_act), right))
    return scores


def _match(curated: list[list[str]], drafted: list[list[str]]) -> list[tuple[int, int]]:
    """One-to-one pairs (curated index, draft index), most alike first."""
    scored = sorted(
        (
            (max(similarity(a, b) for a in c for b in d if a and b), ci, di)
            for ci, c in enumerate(curated)
            for di, d in enumerate(drafted)
        ),
        reverse=True,
    )
    pairs, used_c, used_d = [], set(), set()
    for score, ci, di in scored:
        if score < SAME_THEME or ci in used_c or di in used_d:
            continue
        pairs.append((ci, di))
        used_c.add(ci)
        used_d.add(di)
    return pairs


def _quotes(item: dict[str, Any]) -> list[str]:
    quote = item.get("quote")
    quotes = quote if isinstance(quote, list) else [quote]
    return [str(q["quote"] if isinstance(q, dict) else q) for q in quotes if q]


def _same_text(ours: list[str], theirs: list[str]) -> bool:
    for a in ours:
        for b in theirs:
            fa, fb = fold(a), fold(b)
            if fa and fb and (fa in fb or fb in fa or similarity(fa, fb) >= SAME_ITEM):
                return True
    return False


def _laws(plan: dict[str, Any], key: str) -> set[tuple[str, str]]:
    """(where, law) of every law under `key` (legal_bases or laws_used), the plan's own apart
    from those anywhere under its themes: a theme's law drafted as the plan's basis is wrong."""
    themes = _values(plan.get("themes") or [], "law", under=key)
    return {("plan", str(b["law"])) for b in plan.get(key) or []} | {("theme", t) for t in themes}


def _values(node: Any, key: str, under: str | None = None) -> Iterator[str]:
    """Every string value of `key` at any depth (only inside a `under` list, when given)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key and isinstance(v, str) and under is None:
                yield v
            else:
                yield from _values(v, key, None if k == under else under)
    elif isinstance(node, list):
        for item in node:
            yield from _values(item, key, under)


def _with_proposed(full: lexicons.Lexicon, proposed: list[dict[str, Any]]) -> lexicons.Lexicon:
    """The full lexicon and, for this plan only, the draft's proposed partners by their label:
    a proposal the curator accepts as it stands is right even where its id differs."""
    extra = {
        str(p["id"]): lexicons.PartnerEntry(
            str(p["id"]),
            str(p["label"]),
            str(p.get("kind", "")),
            [],
            [str(p["label"])],
            raw=dict(p),
        )
        for p in proposed
        if p.get("id") not in full.partners and p.get("label")
    }
    return replace(full, partners={**full.partners, **extra}) if extra else full


def _names(pid: str, full: lexicons.Lexicon) -> set[str]:
    entry = full.partners.get(pid)
    names = [*(entry.names if entry else []), pid.replace("-", " ")]
    return {_singular(fold(n)) for n in names}


def _singular(name: str) -> str:
    """A name with each word's Dutch plural ending taken off, so one group named in the
    singular and in the plural compares equal: "sportverenigingen" and "sportvereniging"."""
    return " ".join(re.sub(r"(?<=\w{3})(?:'s|s|en)$", "", w) for w in name.split())


def _same_partner(pid: str, curated: set[str], full: lexicons.Lexicon) -> bool:
    return _canonical(pid, curated, full) in curated


def _canonical(pid: str, curated: set[str], full: lexicons.Lexicon) -> str:
    """The curated id a drafted partner id stands for (by id, else by its registry label)."""
    if pid in curated:
        return pid
    ours = _names(pid, full)
    for other in curated:
        if ours & _names(other, full):
            return other
    entry = full.partners.get(pid)
    if entry is not None and entry.raw.get("scope") == "regionaal" and entry.raw.get("type"):
        alike = [c for c in curated if _type_of(c, full) == entry.raw["type"]]
        if len(alike) == 1:
            return alike[0]
    return pid


def _type_of(pid: str, full: lexicons.Lexicon) -> object:
    entry = full.partners.get(pid)
    return entry.raw.get("type") if entry else None


def _budget_cells(plan: dict[str, Any]) -> Counter[tuple[str, float]]:
    budget = plan.get("budget") or {}
    cells: Counter[tuple[str, float]] = Counter()
    for line in [*(budget.get("lines") or []), budget.get("total") or {}]:
        for year, amount in (line.get("amounts") or {}).items():
            cells[(str(year), float(amount))] += 1
    return cells


def _indicator_cells(plan: dict[str, Any]) -> Counter[tuple[str, str]]:
    cells: Counter[tuple[str, str]] = Counter()
    for indicator in plan.get("indicators") or []:
        for obs in indicator.get("observations") or []:
            value = f"{float(obs['value'])}" if "value" in obs else "missing"
            cells[(str(obs.get("period")), value)] += 1
    return cells


def _decision(plan: dict[str, Any]) -> dict[str, Any]:
    found = {}
    for key in ("adoption", "proposal"):
        act = plan.get(key)
        if isinstance(act, dict):
            found[f"{key} by"] = act.get("by")
            found[f"{key} date"] = str(act.get("date"))
    return found
