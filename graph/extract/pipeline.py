"""Runs the extractors over one text and assembles the draft plan (a dict in the format of
data/plans/*.yaml), the registry entries it proposes and the warnings for the curator."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.extract import (
    crosslinks,
    decision,
    elements,
    legal,
    partner_mentions,
    partners,
    tables,
    themes,
    vng,
)
from graph.extract.lexicon import Lexicon, Municipality, fold
from graph.extract.read import Origin
from graph.extract.sections import ROOT, Document, clean, slug
from graph.extract.similarity import similarity

UNREVIEWED = "unreviewed"
FUNDS_THEME = 0.5  # how alike a budget line's label and a theme's name must be
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–/]|t/m|tot en met)\s*((?:19|20)\d\d)\b")


@dataclass
class Draft:
    plan: dict[str, Any]
    new_partners: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_provisions: list[dict[str, Any]] = field(default_factory=list)  # for legal-bases.yaml

    @property
    def id(self) -> str:
        return str(self.plan["id"])


def marks(confidence: float) -> dict[str, Any]:
    """What every drafted item carries: how sure the extractor is, and that nobody checked."""
    return {"confidence": round(min(max(confidence, 0.0), 1.0), 2), "review": UNREVIEWED}


def find_municipality(doc: Document, lexicon: Lexicon, hint: str) -> Municipality | None:
    """The municipality the text says "gemeente X" of most (or the file name names)."""
    counts: Counter[str] = Counter()
    for m in re.finditer(
        r"\b[Gg]emeente\s+([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})", doc.text[:200_000]
    ):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            candidate = lexicon.municipality(" ".join(words[:n]))
            if candidate is not None:
                counts[candidate.name] += 1
                break
    if counts:
        return lexicon.municipality(counts.most_common(1)[0][0])
    for part in sorted(re.split(r"[-_ .]ivp|[_ .]|-\d", hint), key=len, reverse=True):
        candidate = lexicon.municipality(part.replace("-", " ")) or lexicon.municipality(part)
        if candidate is not None:
            return candidate
    return None


def find_period(doc: Document) -> tuple[int, int] | None:
    counts: Counter[tuple[int, int]] = Counter()
    for m in _PERIOD.finditer(doc.text[:200_000]):
        start, end = int(m.group(1)), int(m.group(2))
        if 0 < end - start <= 8:
            counts[(start, end)] += 3 if m.start() < 3000 else 1
    return counts.most_common(1)[0][0] if counts else None


def title_of(doc: Document) -> str:
    """The first line of the text, where it is short enough to be the title."""
    first = next((clean(line) for line in doc.lines if clean(line)), "")
    if 0 < len(first) <= 120:
        return first
    return "Integraal veiligheidsplan"


def extract(
    text: str,
    lexicon: Lexicon,
    *,
    source_file: str,
    origin: Origin | None = None,
    municipality: str | None = None,
    period: tuple[int, int] | None = None,
    plan_id: str | None = None,
) -> Draft:
    doc = Document(text)
    warnings: list[str] = []
    place = lexicon.municipality(municipality) if municipality else None
    if municipality and place is None:
        warnings.append(
            f"municipality {municipality!r} is not one of the {len(lexicon.municipalities)} "
            "in data/reference/gemeenten-regio.csv: the draft names no municipality"
        )
    if place is None and not municipality:
        place = find_municipality(doc, lexicon, source_file)
    registry_id, new_municipality = _municipality_entry(place, lexicon)
    period = period or find_period(doc)
    if period is None:
        warnings.append("no period found (e.g. 2023-2026): give --period; the draft says 0-0")
    start, end = period or (0, 0)
    ident = (
        plan_id or f"{slug(place.name) if place else slug(source_file.rsplit('.', 1)[0])}-{start}"
    )
    resolver = partners.Resolver(lexicon, place, registry_id)
    found_themes = themes.extract(doc, lexicon)
    plan: dict[str, Any] = {
        "id": ident,
        "status": "draft",
        "title": title_of(doc),
    }
    if registry_id:
        plan["municipality"] = registry_id
    plan["period"] = {"start": start, "end": end}
    plan["source"] = {
        "file": source_file,
        "title": title_of(doc),
        "publisher": f"Gemeente {place.name}" if place else "onbekend",
    }
    plan["sections"] = {s.id: s.title for s in doc.sections.values()}
    adoption, proposal = decision.extract(doc)
    for key, act in (("adoption", adoption), ("proposal", proposal)):
        if act is None or act.date is None:
            continue
        body = _body(resolver, act.body)
        if body is None:
            warnings.append(f"{key}: the {act.body} of an unknown municipality; left out")
            continue
        plan[key] = {
            "by": body, "date": act.date, "section": act.section, "quote": act.quote,
            **marks(act.confidence),
        }  # fmt: skip
    cited = legal.extract(doc, lexicon)
    mentions = partner_mentions.mentions(doc, resolver)
    theme_items = {t.id: _theme_item(t) for t in found_themes}
    for element in elements.extract(doc, found_themes, lexicon):
        item = {"label": element.label}
        if element.number is not None and element.kind != "topics":  # topics: in list order
            item["number"] = element.number
        item |= {"section": element.section, "quote": element.quote, **marks(element.confidence)}
        items = theme_items[element.theme].setdefault(element.kind, [])
        item = {"id": _unique_id(slug(element.label, 40), items), **item}
        items.append(item)
    plan_level: dict[str, list[dict[str, Any]]] = {
        "partners": [],
        "legal_bases": [],
        "laws_used": [],
        "instruments": [],
    }
    basis_cues = [fold(c) for c in lexicon.cue("legalBasis")]
    seen: set[tuple[str, str, str]] = set()
    for m in mentions:
        owner = themes.theme_of(m.section, doc, found_themes)
        key = (owner.id if owner else "", "partner", m.partner.id)
        if key in seen:
            continue
        seen.add(key)
        item = {"partner": m.partner.id, "roles": [], "named_as": m.named_as,
                "section": m.section, "quote": m.quote, **marks(m.confidence)}  # fmt: skip
        target = (
            theme_items[owner.id].setdefault("partners", []) if owner else plan_level["partners"]
        )
        target.append(item)
    for c in cited:
        owner = themes.theme_of(c.section, doc, found_themes)
        field_ = "law" if c.kind == "legal_bases" else "instrument"
        kind = c.kind
        if kind == "legal_bases" and (owner or not any(w in fold(c.quote) for w in basis_cues)):
            kind = "laws_used"  # rule 10: a theme's law, or one named without "gelet op" & co.
        key = (owner.id if owner else "", kind, c.id)
        if key in seen:
            continue
        seen.add(key)
        item = {field_: c.id, "section": c.section, "quote": c.quote, **marks(c.confidence)}
        target = theme_items[owner.id].setdefault(kind, []) if owner else plan_level[kind]
        target.append(item)
    for mapping in vng.extract(doc, found_themes, lexicon):
        theme_items[mapping.theme].setdefault("core_themes", []).append(
            {"concept": mapping.concept, "match": mapping.match, "basis": mapping.basis,
             "section": mapping.section, "quote": mapping.quote, **marks(mapping.confidence)}
        )  # fmt: skip
    if plan_level["legal_bases"]:
        plan["legal_bases"] = plan_level["legal_bases"]
    plan["themes"] = list(theme_items.values())
    links = crosslinks.extract(doc, found_themes, lexicon)
    if links:
        plan["crosslinks"] = [
            {"from": link.source, "to": link.target, "kind": link.kind, "directed": False,
             "section": link.section, "quote": link.quote, **marks(link.confidence)}
            for link in links
        ]  # fmt: skip
    if plan_level["partners"]:
        plan["partners"] = plan_level["partners"]
    if plan_level["laws_used"]:
        plan["laws_used"] = plan_level["laws_used"]
    if plan_level["instruments"]:
        plan["instruments"] = plan_level["instruments"]
    plan |= _tables(tables.extract(doc, lexicon))
    _fund_themes(plan.get("budget"), found_themes)
    new = list(resolver.new.values())
    proposed = [p.new for p in new if p.new] + ([new_municipality] if new_municipality else [])
    for p in new:
        warnings.append(f"new partner proposed for the registry: {p.id} ({p.label})")
    if place is None:
        warnings.append("no municipality found: give --municipality")
    if not found_themes:
        warnings.append("no themes found: the text has no chapter of priorities or themes")
    provisions = {entry["id"]: entry for c in cited for entry in c.new}
    for entry in provisions.values():
        warnings.append(f"new legal provision proposed for the registry: {entry['id']}")
    return Draft(plan, proposed, warnings, list(provisions.values()))  # type: ignore[arg-type]


def _municipality_entry(
    place: Municipality | None, lexicon: Lexicon
) -> tuple[str | None, dict[str, Any] | None]:
    """The registry id of the municipality, and its new registry entry where it has none."""
    if place is None:
        return None, None
    for entry in lexicon.partners.values():
        if entry.kind == "gemeente" and entry.raw.get("cbs_code") == place.cbs_code:
            return entry.id, None
    ident = f"gemeente-{slug(place.name)}"
    return ident, {
        "id": ident,
        "label": f"Gemeente {place.name}",
        "kind": "gemeente",
        "domains": ["bestuur"],
        "type": "gemeente",
        "scope": "lokaal",
        "cbs_code": place.cbs_code,
        "tooi": f"https://identifier.overheid.nl/tooi/id/gemeente/{place.cbs_code.lower()}",
        "aliases": [place.name],
        "description": "Voorgesteld door ivp extract (uit data/reference/): nog te controleren.",
    }


def _body(resolver: partners.Resolver, word: str) -> str | None:
    """The municipality's raad or college: its registry entry, or one proposed by its type."""
    wanted = "gemeenteraad" if word == "raad" else "college"
    for entry in resolver.lexicon.partners.values():
        if entry.bound_to and entry.type_label and fold(entry.type_label).startswith(wanted):
            resolved = resolver.resolve(entry, entry.type_label, "")
            return resolved[0].id if resolved else None
    return None


def _theme_item(theme: themes.Theme) -> dict[str, Any]:
    item: dict[str, Any] = {"id": theme.id}
    if theme.number is not None:
        item["number"] = theme.number
    item["label"] = theme.label
    item["status"] = theme.status or "core"
    item["section"] = theme.section
    item["definition"] = theme.definition or f"{theme.label} (omschrijving nog te schrijven)."
    quotes = list(dict.fromkeys(q for _, q in theme.quotes if _ == theme.section))
    others = [{"section": s, "quote": q} for s, q in theme.quotes if s != theme.section]
    item["quote"] = quotes + others if len(quotes) + len(others) > 1 else (quotes or [others[0]])
    confidence = theme.confidence if theme.status else theme.confidence - 0.2
    if theme.heading is not None and theme.definition is None:
        item["body_missing"] = True
    item |= marks(confidence)
    return item


def _unique_id(ident: str, items: list[dict[str, Any]]) -> str:
    taken = {i["id"] for i in items}
    candidate, n = ident, 2
    while candidate in taken:
        candidate, n = f"{ident}-{n}", n + 1
    return candidate


def _tables(found: list[tables.Table]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    budget = next((t for t in found if t.budget), None)
    if budget is not None:
        lines, total = [], None
        for n, row in enumerate(budget.rows, start=1):
            amounts = {
                int(y): _num(v)
                for y, v in row.cells.items()
                if y.isdigit() and isinstance(v, float)
            }
            if not amounts:
                continue
            entry = {"label": row.label, "quote": row.quote, "amounts": amounts, **marks(0.7)}
            if row.total:
                total = entry
            else:
                lines.append({"id": _unique_id(slug(row.label, 40), lines), "number": n, **entry})
        if lines:
            out["budget"] = {
                "id": slug(budget.title or "begroting", 40) if budget.title else "begroting",
                "label": budget.title or "Begroting",
                "multiplier": budget.multiplier,
                "section": budget.section,
                "quote": budget.rows[0].quote,
                "lines": lines,
                **marks(0.7),
            }
            if total:
                out["budget"]["total"] = total
    indicators: list[dict[str, Any]] = []
    for table in found:
        if table.budget:
            continue
        for row in table.rows:
            observations = []
            for period, value in row.cells.items():
                if isinstance(value, float):
                    observations.append({"period": period, "value": _num(value)})
                else:
                    observations.append({"period": period, "missing": value})
            values = [v for v in row.cells.values() if isinstance(v, float)]
            unit = (
                "rating" if values and max(values) <= 10 and any(v % 1 for v in values) else "count"
            )
            indicators.append(
                {"id": _unique_id(slug(row.label, 40), indicators), "label": row.label,
                 "unit": unit, "section": table.section, "quote": row.quote,
                 "observations": observations, **marks(0.65)}
            )  # fmt: skip
    if indicators:
        out["indicators"] = indicators
    return out


def _fund_themes(budget: dict[str, Any] | None, found: list[themes.Theme]) -> None:
    """A budget line named like a theme ("Woninginbraak" for "Woninginbraak en overvallen")
    funds that theme: linked by its name, never by the number printed beside it."""
    if not budget:
        return
    for line in budget["lines"]:
        scores = [max(similarity(line["label"], n) for n in [t.label, *t.names]) for t in found]
        best = max(range(len(found)), key=lambda i: scores[i], default=None)
        if best is not None and scores[best] >= FUNDS_THEME:
            line["themes"] = [
                {"theme": found[best].id, "quote": line["quote"], **marks(0.5 * scores[best])}
            ]


def _num(value: float) -> int | float:
    return int(value) if value == int(value) else value


__all__ = ["ROOT", "Draft", "extract"]
