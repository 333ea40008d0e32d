"""Kruisverbanden and raakvlakken: sentences with a cue of a kind of link (ontology:
ivp:extractionCue on the concepts of kruisverbandsoort) that name two themes, or that stand in
one theme and name another, by its name or by a section reference ("zie ook § 3.4"); and
samenhang matrices, tables whose rows and columns are themes and whose marked cells link them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.lexicon import Lexicon, fold
from graph.extract.sections import Document
from graph.extract.themes import Theme, has_cue, named_in, theme_of
from graph.extract.vng import core_themes_named

KINDS = ("kruisverband", "raakvlak", "overlap", "verwijzing", "relatie")
_REFERENCE = re.compile(r"(?:§|paragraaf|hoofdstuk|par\.|thema)\s*(\d+(?:\.\d+)*)", re.IGNORECASE)
_MARK = re.compile(r"^\s*(?:x|X|✓|✔|●|•|\+|v|ja|Ja)\s*$")


@dataclass
class Link:
    source: str
    target: str
    kind: str
    section: str
    quote: str
    confidence: float


def extract(doc: Document, themes: list[Theme], lexicon: Lexicon) -> list[Link]:
    links: dict[tuple[str, str, str], Link] = {}
    firsts = {
        w[0] for k in KINDS for c in lexicon.cue(f"kruisverbandsoort/{k}")
        if (w := re.findall(r"\w+", fold(c)))
    } | {"§"}  # fmt: skip
    for sentence in doc.sentences():
        if len(sentence.text) > 1500:
            continue
        if not firsts & set(re.findall(r"\w+", sentence.folded)) and "§" not in sentence.text:
            continue  # no cue word: skip the slow tests
        kind = next(
            (k for k in KINDS if has_cue(sentence.text, lexicon.cue(f"kruisverbandsoort/{k}"))),
            None,
        )
        if kind is None:
            continue
        named = named_in(sentence.text, themes)
        refs = _REFERENCE.findall(sentence.text)
        core = core_themes_named(sentence.folded, lexicon) if refs else {}
        for ref in refs:
            if ref in core:
                continue  # "thema 5.2 Georganiseerde criminaliteit": the VNG's, not a section
            target = theme_of(ref, doc, themes) if ref in doc.sections else None
            if target is None:
                target = next(
                    (t for t in themes if t.number is not None and str(t.number) == ref), None
                )
            if target is not None and target not in named:
                named.append(target)
        own = theme_of(sentence.section, doc, themes)
        pairs = []
        if own is not None:
            pairs = [(own, t) for t in named if t is not own]
        elif len(named) >= 2:
            pairs = [(a, b) for i, a in enumerate(named) for b in named[i + 1 :]]
        for a, b in pairs:
            key = (*sorted((a.id, b.id)), kind)
            confidence = 0.7 if own is not None else 0.55
            links.setdefault(
                key, Link(a.id, b.id, kind, sentence.section, sentence.text, confidence)
            )
    for link in _matrices(doc, themes):
        links.setdefault((*sorted((link.source, link.target)), link.kind), link)
    return list(links.values())


def _matrices(doc: Document, themes: list[Theme]) -> list[Link]:
    """A table whose header names themes, rows start with a theme, marks link the two."""
    found = []
    header: list[Theme | None] | None = None
    for index, raw in enumerate(doc.lines):
        if "\t" not in raw and "|" not in raw:
            header = None
            continue
        cells = [c.strip() for c in re.split(r"\t|\|", raw.strip().strip("|"))]
        if header is None:
            columns = [_one(c, themes) for c in cells]
            if sum(1 for c in columns if c is not None) >= 2:
                header = columns
            continue
        row = _one(cells[0], themes) if cells else None
        if row is None:
            continue
        for col, cell in enumerate(cells[1:], start=1):
            column = header[col] if col < len(header) else None
            if column is not None and column is not row and _MARK.match(cell):
                found.append(
                    Link(row.id, column.id, "kruisverband", doc.section_of(index), raw.strip(), 0.6)
                )
    return found


def _one(cell: str, themes: list[Theme]) -> Theme | None:
    named = named_in(cell, themes) if cell else []
    return named[0] if len(named) == 1 else None
