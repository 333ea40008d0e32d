"""Partners a plan lists: the items of a list under a heading or after a sentence that says it
lists partners ("Partners en stakeholders", "We werken samen met de volgende partners:").

Such a list names organisations the registry may not know at all ("Staedion", "Bureau
Bemiddeling en Mediation"): nothing in the name says it is a partner, the list does. An item
that names no known partner and no partner type, and reads as a name, is proposed as a new
partner for review. The cue words are the ontology's (ivp:extractionCue on ivp:Partner).
"""

from __future__ import annotations

import re

from graph.extract.lexicon import Lexicon
from graph.extract.sections import _LIST_ITEM, Document
from graph.extract.themes import ELEMENT_CLASSES, has_cue, list_label

MAX_NAME_WORDS = 6
_DEFINED = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[A-Z][A-Za-z0-9&\-]{1,9})\)$")
_CONNECTOR = {"en", "van", "voor", "de", "het", "der", "in", "&", "op", "tegen", "aan"}


def listed_lines(doc: Document, lexicon: Lexicon) -> set[int]:
    """The lines that are items of a list of partners."""
    cues = lexicon.cue("Partner")
    if not cues:
        return set()
    found: set[int] = set()
    for section in doc.sections.values():
        if section.line >= 0 and has_cue(section.title, cues):
            found |= _items_after(doc, section.line, prose_first=True)
    others = [cue for kind in ELEMENT_CLASSES for cue in lexicon.cue(kind)]
    for index, line in enumerate(doc.lines):
        text = line.strip()
        if (
            text.endswith(":")
            and index not in doc.headings
            and len(text) < 300
            and not _LIST_ITEM.match(text)
            and has_cue(text, cues)
            and not has_cue(text, others)  # "met de partners ... aandachtspunten:"
        ):
            found |= _items_after(doc, index, prose_first=False)
    return found


def _items_after(doc: Document, start: int, prose_first: bool) -> set[int]:
    """The first list after line `start`, up to the next heading: under a heading, after
    the prose that opens the section; after an introducing sentence, at once."""
    items: set[int] = set()
    for index in range(start + 1, len(doc.lines)):
        text = doc.lines[index].strip()
        if index in doc.headings:
            break
        if not text:
            continue
        if _LIST_ITEM.match(text):
            items.add(index)
        elif items or not prose_first:
            break
    return items


def listed_name(item: str) -> tuple[str, list[str]] | None:
    """The name a list item reads as, and its short form where it defines one ("Haags
    Economisch Interventieteam (HEIT)"); None where the item reads as a sentence."""
    label = list_label(item)
    aliases: list[str] = []
    defined = _DEFINED.match(label)
    if defined and abbreviates(defined["short"], defined["name"]):
        label, aliases = defined["name"].strip(), [defined["short"]]
    words = label.split()
    if not words or len(words) > MAX_NAME_WORDS or not label[0].isupper():
        return None
    if re.search(r"[.:;!?]\s|[():;!?]|,", label):
        return None  # a clause, not a name
    if sum(1 for w in words if w.lower() not in _CONNECTOR) == 0:
        return None
    return label, aliases


def abbreviates(short: str, name: str) -> bool:
    """Does `short` abbreviate `name`: its letters in order, the first at the start of a word
    (Schwartz and Hearst's test: "HEIT" of "Haags Economisch Interventieteam")?"""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not short[0].isupper():
        return False
    at = len(name) - 1
    for n in range(len(letters) - 1, -1, -1):
        while at >= 0 and (
            name[at].lower() != letters[n] or (n == 0 and at > 0 and name[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return True
