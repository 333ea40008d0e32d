"""Themes and their status, from the headings, the lists that name the priorities and the
decision's list; one theme however it is named in each of those places.

A chapter or section whose title carries a status cue (ontology: ivp:extractionCue of
themastatus/priority and /core, e.g. "Prioriteiten", "Kernthema's") introduces themes: its
subsections, and headings that go on with the themes' numbering at any level, are the themes.
A sentence with such a cue that ends in ":" introduces a list of themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract.lexicon import Lexicon, fold
from graph.extract.sections import _LIST_ITEM, Document, Section, slug
from graph.extract.similarity import best_match, similarity

ELEMENT_CLASSES = ("Ambition", "Action", "Pillar", "AttentionPoint", "Topic")


@dataclass
class Theme:
    id: str
    label: str
    status: str | None
    section: str
    quotes: list[tuple[str, str]]  # (section, quote)
    confidence: float
    number: int | None = None
    names: list[str] = field(default_factory=list)
    heading: Section | None = None
    definition: str | None = None


def has_cue(text: str, cues: list[str]) -> bool:
    return bool(cues) and _cue_pattern(tuple(cues)).search(fold(text)) is not None


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(c)) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def status_of(text: str, lexicon: Lexicon) -> str | None:
    if has_cue(text, lexicon.cue("themastatus/core")):
        return "core"
    if has_cue(text, lexicon.cue("themastatus/priority")):
        return "priority"
    return None


def is_element_heading(title: str, lexicon: Lexicon) -> bool:
    return any(has_cue(title, lexicon.cue(c)) for c in ELEMENT_CLASSES)


def list_label(text: str) -> str:
    """A list item as a label: no marker, no closing punctuation, a capital first letter."""
    m = _LIST_ITEM.match(text)
    body = m.group(1) if m else text.strip()
    body = re.sub(r"^(?:[-–•▪●◦*]|\d{1,2}[.)]|[a-z][.)])\s+", "", body)
    body = re.sub(r"[;,.:]+$|\s+(?:en|of)$", "", body.strip()).strip()
    body = re.sub(r"[;,.:]+$", "", body).strip()
    return body[:1].upper() + body[1:] if body else body


def _item_text(line: str) -> str:
    m = _LIST_ITEM.match(line)
    text = m.group(1) if m else line.strip()
    return re.sub(r"^(?:[-–•▪●◦*]|\d{1,2}[.)]|[a-z][.)])\s+", "", text).strip()


def listed(doc: Document, lexicon: Lexicon) -> list[tuple[str, str, int, str]]:
    """(label, status, line, quote) of each item of a list a status sentence introduces."""
    found = []
    lines = doc.lines
    for index, line in enumerate(lines):
        text = line.strip()
        if not text.endswith(":") or index in doc.headings or len(text) > 600:
            continue
        status = status_of(text, lexicon)
        if status is None or not re.search(r"thema|priorit|speerpunt", fold(text)):
            continue
        j = index + 1
        while j < len(lines) and j < index + 40:
            item = lines[j].strip()
            if not item:
                j += 1
                continue
            if not _LIST_ITEM.match(item) or j in doc.headings:
                break
            label = list_label(item)
            if label and len(label.split()) <= 12:
                found.append((label, status, j, _item_text(item)))
            j += 1
    return found


def extract(doc: Document, lexicon: Lexicon) -> list[Theme]:
    themes: list[Theme] = []
    mode: str | None = None
    intro: Section | None = None
    last_number: int | None = None
    for section in list(doc.sections.values())[1:]:
        status = status_of(section.title, lexicon)
        numbered = section.number.isdigit() if section.number else False
        continues = (
            numbered and last_number is not None and int(section.number or 0) == (last_number + 1)
        )
        if status and not continues:
            mode, intro, last_number = status, section, None
            continue
        if mode is None or intro is None:
            continue
        child = section.parent == intro.id
        if (child or continues) and not is_element_heading(section.title, lexicon):
            themes.append(_theme(doc, section, mode, themes))
            last_number = int(section.number) if numbered and section.number else None
        elif section.level <= intro.level and section.id not in doc.subtree(intro.id):
            mode = intro = None
    for label, status, line, quote in listed(doc, lexicon):
        at = best_match(label, [t.label for t in themes], 0.5)
        if at is not None:
            theme = themes[at]
            if label not in theme.names:
                theme.names.append(label)
            theme.quotes.append((doc.section_of(line), quote))
            if theme.status != status and status == "priority":
                theme.status = status
            theme.confidence = min(0.95, theme.confidence + 0.1)
        else:
            section = doc.section_of(line)
            themes.append(
                Theme(
                    _unique(slug(label, 40), themes), label, status, section,
                    [(section, quote)], 0.5, definition=None,
                )
            )  # fmt: skip
    if not themes:
        themes = _from_lexicon(doc, lexicon)
    return themes


def _theme(doc: Document, section: Section, status: str, themes: list[Theme]) -> Theme:
    label = section.title.strip()
    body = [s for s in doc.sentences(doc.body_lines(section.id)) if s.section == section.id]
    quotes = [(section.id, section.heading)]
    definition = None
    if body:
        quotes.append((section.id, body[0].text))
        definition = body[0].text
    number = int(section.number) if section.number and section.number.isdigit() else None
    return Theme(
        _unique(slug(label, 40), themes), label, status, section.id, quotes, 0.8,
        number=number, heading=section, definition=definition,
    )  # fmt: skip


def _from_lexicon(doc: Document, lexicon: Lexicon) -> list[Theme]:
    """No chapter of themes: headings that carry a known theme name (other plans, VNG)."""
    names = [n for n, _, _ in lexicon.theme_names] + [
        label for labels in lexicon.vng.values() for label in labels
    ]
    statuses = [s for _, s, _ in lexicon.theme_names] + [
        "core" for labels in lexicon.vng.values() for _ in labels
    ]
    themes: list[Theme] = []
    for section in list(doc.sections.values())[1:]:
        if is_element_heading(section.title, lexicon):
            continue
        at = best_match(section.title, names, 0.75)
        if at is None or best_match(section.title, [t.label for t in themes], 0.6) is not None:
            continue
        theme = _theme(doc, section, statuses[at], themes)
        theme.confidence = 0.4
        themes.append(theme)
    return themes


def _unique(ident: str, themes: list[Theme]) -> str:
    taken = {t.id for t in themes}
    candidate, n = ident, 2
    while candidate in taken:
        candidate = f"{ident}-{n}"
        n += 1
    return candidate


def theme_of(section: str, doc: Document, themes: list[Theme]) -> Theme | None:
    """The theme whose section holds `section` (the deepest, if themes nest)."""
    by_section = {t.section: t for t in themes if t.heading is not None}
    current: str | None = section
    while current is not None:
        if current in by_section:
            return by_section[current]
        current = doc.sections[current].parent if current in doc.sections else None
    return None


def named_in(text: str, themes: list[Theme]) -> list[Theme]:
    """The themes a sentence names: by a name, or by all the words only that theme's name has."""
    folded = fold(text)
    sequence = re.findall(r"[^\W\d_]+", folded)
    words = set(sequence)
    prefixes = {w[:6] for w in words}
    from graph.extract.similarity import stems

    all_stems = [stems(" ".join([t.label, *t.names])) for t in themes]
    found = []
    for theme, own in zip(themes, all_stems, strict=True):
        names = [theme.label, *theme.names]
        if any(len(n) > 3 and fold(n) in folded for n in names):
            found.append(theme)
            continue
        others = set().union(*(s for s in all_stems if s is not own)) if len(themes) > 1 else set()
        distinctive = {s for s in stems(theme.label) if s not in others}
        if distinctive and distinctive <= prefixes and len("".join(distinctive)) >= 6:
            found.append(theme)
            continue
        # a label misspelt where it was read ("Ondernijning") still names the theme where the
        # text spells it right: its words in a row, a long one give or take one letter
        label = re.findall(r"[^\W\d_]+", fold(theme.label))
        if any(len(w) >= 8 for w in label) and _printed_nearly(label, sequence):
            found.append(theme)
    return found


def _printed_nearly(label: list[str], text: list[str]) -> bool:
    n = len(label)
    return any(
        all(
            a == b or (len(a) >= 8 and _one_edit(a, b))
            for a, b in zip(label, text[i : i + n], strict=True)
        )
        for i in range(len(text) - n + 1)
    )


def _one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` at most one inserted, deleted or replaced letter apart?"""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


__all__ = ["Theme", "extract", "named_in", "similarity", "theme_of"]
