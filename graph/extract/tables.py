"""Tables of figures per year: budgets (with their unit, "x € 1.000") and indicators.

A table is a header row with years and the rows under it, cells separated by tabs, "|" or
runs of spaces. A table is a budget where its header, its title or its section speaks of
money (a euro sign, "bedragen", or the cue words of ivp:BudgetTable); otherwise its rows are
indicators. A cell without a figure ("-", "n.b.", a footnote-marked "1.") stays missing, with
what was printed: it is never read as zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.lexicon import Lexicon
from graph.extract.sections import _EMPHASIS, Document
from graph.extract.themes import has_cue

_YEAR = re.compile(r"^(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?$")
_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{2,}")
_NUMBER = re.compile(r"^[-−–]?\s?€?\s?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^[-−–]?\s?€?\s?\d+(?:,\d+)?$")
_MISSING = re.compile(
    r"^(?:[-–—]|n\.?\s?b\.?|n\.?v\.?t\.?|onb\.?|\?|\*|x|\d{1,2}\.|\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹]+|.*[¹²³⁴⁵⁶⁷⁸⁹*]|)$",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(
    r"x\s*€?\s*(1\.000\.000|1\.000|1000|1\s*mln|1\s*miljoen|mln|miljoen)|"
    r"(?:€|euro)\s*x\s*(1\.000\.000|1\.000|1000)|x\s*1000\s*€",
    re.IGNORECASE,
)


@dataclass
class Row:
    line: int
    label: str
    quote: str
    cells: dict[str, float | str]  # period -> value, or the printed text of a missing cell
    total: bool = False


@dataclass
class Table:
    budget: bool
    title: str
    section: str
    line: int
    multiplier: int
    rows: list[Row] = field(default_factory=list)


def number(cell: str) -> float | None:
    """A Dutch figure: "14.736" is 14736, "-71" is -71, "7,8" is 7.8; anything else None."""
    text = cell.strip().replace("−", "-").replace("–", "-")
    text = re.sub(r"€\s*", "", text).replace("- ", "-")
    if not _NUMBER.match(text):
        return None
    text = (
        text.replace(".", "").replace(",", ".")
        if "," in text or re.search(r"\.\d{3}(?!\d)", text)
        else text
    )
    try:
        return float(text)
    except ValueError:
        return None


def _cells(line: str) -> list[str]:
    return [_EMPHASIS.sub("", c).strip() for c in _SPLIT.split(line.strip().strip("|"))]


def _multiplier(text: str) -> int:
    m = _MULTIPLIER.search(text)
    if not m:
        return 1
    found = (m.group(1) or m.group(2) or "1000").replace(".", "").replace(" ", "").lower()
    return 1_000_000 if found in ("1000000", "1mln", "1miljoen", "mln", "miljoen") else 1000


def extract(doc: Document, lexicon: Lexicon) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    years: list[str] = []
    for index, raw in enumerate(doc.lines):
        if not raw.strip():
            continue
        if len(raw) > 2000:
            current = None
            continue
        cells = _cells(raw)
        head = [c for c in cells[1:] if c]
        if len(head) >= 2 and all(_YEAR.match(c) for c in head):
            years = head
            context = " ".join(doc.lines[max(0, index - 2) : index + 1])
            section = doc.section_of(index)
            title = doc.sections[section].title
            above = doc.lines[index - 1].strip() if index else ""
            budget = bool(
                "€" in context
                or re.search(r"\bbedragen\b|\beuro\b", context, re.IGNORECASE)
                or has_cue(above, lexicon.cue("BudgetTable"))
                or (not above and has_cue(title, lexicon.cue("BudgetTable")))
            )
            previous = current
            current = Table(budget, cells[0] or title, section, index, _multiplier(context))
            if previous is not None and previous.section == section and not previous.budget:
                current.title = cells[0] or previous.title
            tables.append(current)
            continue
        if current is None:
            continue
        values = cells[1:]
        if len(cells) < 2 or not cells[0] or number(cells[0]) is not None:
            current = None
            continue
        parsed: dict[str, float | str] = {}
        for year, cell in zip(years, values + [""] * (len(years) - len(values)), strict=False):
            value = number(cell)
            if value is not None:
                parsed[year] = value
            elif _MISSING.match(cell.strip()) or len(cell.split()) > 1:
                parsed[year] = cell.strip() or "(leeg)"
            else:
                parsed = {}
                break
        if not parsed or not any(isinstance(v, float) for v in parsed.values()):
            current = None
            continue
        label = re.sub(r"^\d{1,2}[.)]\s*", "", cells[0]).strip()
        total = bool(re.match(r"^(?:totaal|total)\b", label, re.IGNORECASE))
        quote = " ".join(_EMPHASIS.sub("", raw).split())
        current.rows.append(Row(index, label, quote, parsed, total))
    return [t for t in tables if t.rows]
