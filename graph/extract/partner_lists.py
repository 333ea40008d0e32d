"""Partners a plan lists: the items of a list under a heading or after a sentence that says it
lists partners ("Partners en stakeholders", "We werken samen met de volgende partners:").

Such a list names organisations the registry may not know at all ("Staedion", "Bureau
Bemiddeling en Mediation"): nothing in the name says it is a partner, the list does. An item
that names no known partner and no partner type, and reads as a name, is proposed as a new
partner for review. So is an item of an enumeration that stands beside two known partners
("OM, politie, jeugdbescherming en jeugdreclassering") or after a cue ("partners als ...").
The cue words are the ontology's (ivp:extractionCue on ivp:Partner).
"""

from __future__ import annotations

import re

from graph.extract.lexicon import Lexicon, PartnerEntry, PartnerType, fold
from graph.extract.sections import _LIST_ITEM, Document
from graph.extract.themes import ELEMENT_CLASSES, has_cue, list_label

MAX_NAME_WORDS = 6
_DEFINED = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[A-Z][A-Za-z0-9&\-]{1,9})\)$")
_CONNECTOR = {"en", "van", "voor", "de", "het", "der", "in", "&", "op", "tegen", "aan"}
_PREPOSITIONS = {"van", "voor", "met", "op", "in", "tegen", "aan", "bij", "door", "over", "uit"}


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
    if all(w.lower() in _CONNECTOR for w in words):
        return None
    return label, aliases


def listed_partner(
    item: str,
    known: list[tuple[int, int, PartnerEntry, str]],
    typed: list[tuple[int, int, PartnerType, str, bool]],
) -> tuple[str, list[str]] | None:
    """The new partner an item of a list of partners names, where it names one: an item
    that defines its short form is a name as a whole ("Haags Economisch Interventieteam
    (HEIT)", not the partner type "interventieteam"); else only an item in which nothing
    known or typed is found ("Staedion")."""
    name = listed_name(item)
    if name is None or known:
        return None
    if typed and not (name[1] and all(bare for *_x, bare in typed)):
        return None
    return name


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


# the separators of an enumeration: ", " and " en " / " of ", but not the "en" of an elision
# ("branche- en belangenorganisaties" is one item)
_SEPARATOR = re.compile(r",\s+|(?<!-)\s+(?:en|of|en/of)\s+")
_ARTICLE = re.compile(r"^(?:de|het|een|onze|alle|diverse|andere|lokale)\s+", re.IGNORECASE)
_INTRODUCED = re.compile(r"\s+(?:als|zoals|waaronder|onder meer|onder andere|o\.a\.)\s+")
MAX_ITEM_WORDS = 3
MIN_KNOWN = 2  # an item beside at least this many known partners is one too


def enumerated(
    sentence: str, spans: list[tuple[int, int]], cues: list[str]
) -> list[tuple[int, int]]:
    """(start, end) of the items of an enumeration in `sentence` that name no known partner
    but stand among partners: beside at least two known ones ("OM, politie, jeugdbescherming
    en jeugdreclassering"), or after a cue ("partners als onderwijs, branche- en
    belangenorganisaties en instellingen"). `spans` are the partners already found."""
    found: list[tuple[int, int]] = []
    for run, introduced in _runs(sentence, cues, spans):
        known = [i for i in run if any(s >= i[0] and e <= i[1] for s, e in spans)]
        if len(run) < 2 or (len(known) < MIN_KNOWN and not introduced):
            continue
        found += [i for i in run if i not in known and not _overlaps(i, spans)]
    return found


def _runs(
    sentence: str, cues: list[str], spans: list[tuple[int, int]]
) -> list[tuple[list[tuple[int, int]], bool]]:
    """Runs of consecutive short items between separators (a longer piece ends a run, or
    starts one with the partner it ends in: "komen binnen via de politie, ..."), each with
    whether a cue introduces it; an item's leading article is not part of it."""
    runs: list[tuple[list[tuple[int, int]], bool]] = []
    for clause in re.finditer(r"[^():;]+", sentence):
        text = clause.group().rstrip(" .")
        # an enumeration starts after "zoals", "onder meer", ...; a cue before it ("partners
        # als") makes every item a partner
        starts = list(_INTRODUCED.finditer(text))
        cut = starts[-1].end() if starts else 0
        introduced = bool(starts) and has_cue(text[: starts[-1].start()], cues)
        run: list[tuple[int, int]] = []
        pos = cut
        for sep in [*_SEPARATOR.finditer(text, cut), None]:
            end = sep.start() if sep else len(text)
            piece = text[pos:end]
            item = _ARTICLE.sub("", piece.strip())
            at = clause.start() + pos + piece.index(item) if item else 0
            if 0 < len([w for w in item.split() if w not in _CONNECTOR]) <= MAX_ITEM_WORDS:
                run.append((at, at + len(item)))
            else:
                if run:
                    runs.append((run, introduced))
                tail = next((sp for sp in spans if sp[1] == clause.start() + end), None)
                run = [tail] if tail else []
            pos = sep.end() if sep else end
        if run:
            runs.append((run, introduced))
    return runs


def could_be_partner(item: str, lexicon: Lexicon) -> bool:
    """Can an item of an enumeration of partners be one: not a theme or VNG theme's name
    ("jeugd en veiligheid, zorg en ... digitale criminaliteit"), not a cue ("partners"), no
    phrase with a preposition ("de inzet van andere"), no number."""
    words = fold(item).split()
    if not item[:1].isalpha() or re.search(r"\d", item) or set(words) & _PREPOSITIONS:
        return False
    names = lexicon.topic_names()
    return fold(item) not in names and not any(w in names for w in words)


def _overlaps(item: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < item[1] and item[0] < e for s, e in spans)
