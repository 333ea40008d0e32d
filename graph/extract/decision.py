"""The decision: who adopted the plan, when, on whose proposal.

Read from the forms a council decision or a college's signature takes: "gezien het voorstel
van het college van 9 mei 2023", "Vastgesteld in de openbare vergadering van 29 juni 2023",
"De raad van de gemeente X; ... besluit:", "Nijmegen, 18 oktober 2022 / College van B&W". The
body (raad or college) is resolved to the municipality's registry entry by the partner
resolver, so another municipality's college is never chosen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.extract.sections import Document

MONTHS = {
    m: i
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november "  # noqa: SIM905
        "december".split(),
        start=1,
    )
}
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(20\d\d|19\d\d)\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d)\b")
_PROPOSAL = re.compile(r"gezien het (?:voorstel|raadsvoorstel)\b", re.IGNORECASE)
_ADOPTED = re.compile(
    r"\b(?:aldus\s+)?vastgesteld\b.*\b(?:vergadering|zitting|raad|college|d\.d\.|op)\b",
    re.IGNORECASE,
)
_RAAD = re.compile(r"\b(?:gemeente)?raad\b", re.IGNORECASE)
_COLLEGE = re.compile(r"\bcollege\b|burgemeester en wethouders|\bB\s?&\s?W\b", re.IGNORECASE)


@dataclass
class Act:
    body: str  # "raad" | "college"
    date: dt.date | None
    section: str
    quote: str
    confidence: float


def parse_date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    try:
        if m:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _NUMERIC_DATE.search(text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def extract(doc: Document) -> tuple[Act | None, Act | None]:
    """(adoption, proposal) as the text states them, or None where it does not."""
    adoption = proposal = None
    lines = doc.lines
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > 400:
            continue
        if proposal is None and _PROPOSAL.search(line):
            body = "college" if _COLLEGE.search(line) or "burgemeester" in line else "raad"
            proposal = Act(body, parse_date(line), doc.section_of(index), line, 0.85)
        elif adoption is None and _ADOPTED.search(line) and parse_date(line):
            body = "college" if _COLLEGE.search(line) and not _RAAD.search(line) else "raad"
            adoption = Act(body, parse_date(line), doc.section_of(index), line, 0.8)
    if adoption is None:
        adoption = _signature(doc)
    return adoption, proposal


def _signature(doc: Document) -> Act | None:
    """ "<Plaats>, 18 oktober 2022" followed by the college or the council signing."""
    lines = doc.lines
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not re.match(r"^[A-Z][\w\- ']+,\s+\d{1,2}\s+\w+\s+\d{4}\.?$", line):
            continue
        date = parse_date(line)
        following = " ".join(ln.strip() for ln in lines[index + 1 : index + 4])
        if date and (_COLLEGE.search(following) or _RAAD.search(following)):
            body = "college" if _COLLEGE.search(following) else "raad"
            return Act(body, date, doc.section_of(index), line, 0.6)
    return None
