"""Partners a plan lists: the items of a list under a heading or after a sentence that says it
lists partners ("Partners en stakeholders", "We werken samen met de volgende partners:").

Such a list names organisations the registry may not know at all ("Staedion", "Bureau
Bemiddeling en Mediation"): nothing in the name says it is a partner, the list does. An item
that names no known partner and no partner type, and reads as a name, is proposed as a new
partner for review. So is an item of an enumeration that stands beside two known partners
("OM, politie, jeugdbescherming en jeugdreclassering") or after a cue ("partners als ..."),
and what a plan works together with ("samen met de districtelijke aanpak Gelderland-Zuid",
"samenwerking met de strafrechtketen en regiogemeenten"). The cue words are the ontology's
(ivp:extractionCue on ivp:Partner and on ivp:Involvement).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.lexicon import Lexicon, PartnerEntry, PartnerType, abbreviates, fold
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


# the separators of an enumeration: ", " and " en " / " of ", but not the "en" of an elision
# ("branche- en belangenorganisaties" is one item)
_SEPARATOR = re.compile(r",\s+|(?<!-)\s+(?:en|of|en/of)\s+")
_ARTICLE = re.compile(r"^(?:de|het|een|onze|alle|diverse|andere|lokale)\s+", re.IGNORECASE)
_INTRODUCED = re.compile(r"\s+(?:als|zoals|waaronder|onder meer|onder andere|o\.a\.)\s+")
_FOOTNOTE = re.compile(
    r"(?:<sup>\s*\w{1,3}\s*</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*)$"
)  # "Gelderland-Zuid<sup>1</sup>"
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
    starts one with the partner or the short noun phrase it ends in: "komen binnen via de
    politie, ..."), each with whether a cue introduces it; an item's leading article is not
    part of it."""
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
            item = _FOOTNOTE.sub("", _ARTICLE.sub("", piece.strip()))
            at = clause.start() + pos + piece.index(item) if item else 0
            if 0 < len([w for w in item.split() if w not in _CONNECTOR]) <= MAX_ITEM_WORDS:
                run.append((at, at + len(item)))
            else:
                if run:
                    runs.append((run, introduced))
                tail = next((sp for sp in spans if sp[1] == clause.start() + end), None)
                if tail is None:  # "hulpverlening via het kernteam, GGZ, ...": "kernteam"
                    last = list(re.finditer(r"\b(?:de|het)\s+", piece))
                    rest = piece[last[-1].end() :] if last else ""
                    if 0 < len(rest.split()) <= MAX_ITEM_WORDS:
                        at = clause.start() + pos + last[-1].end()
                        tail = (at, at + len(rest.rstrip()))
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


# where the object of "samen met ..." ends: a clause's punctuation, a dash, a word that starts
# a clause ("samenwerking met omliggende gemeenten daar waar ...")
_PHRASE_END = re.compile(
    r"[.;:()\u2013\u2014]|\s-\s|\s(?:die|dat|om|waar|daar|waarbij|waarin|wanneer|zodat|omdat"
    r"|terwijl|indien|zodra|als|zoals|waaronder|in|op|bij|voor|aan|naar|tot|binnen)\b"
)
_PARTICIPLE = re.compile(r"^ge[a-z]{2,6}[td]$")  # "gericht" (op ...), "gevraagd"
_ELIDED_HEAD = re.compile(r"\s+(?:en|of)\s+(?:het\s+|de\s+)?[a-z]+\s+([a-z]+)\b")
_PRONOUNS = {"elkaar", "ons", "hen", "hun", "haar", "hem", "u", "zich", "zichzelf", "iedereen"}


def collaborators(
    sentence: str, cues: list[str], not_cues: list[str], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(start, end) of what a sentence says is worked with and the registry does not know:
    the short items right after a cue ("samen met", "samenwerking met"), up to where the
    phrase ends. A cue inside a longer cue of another kind ("hangt samen met": a
    kruisverband) is not one."""
    if not cues or not has_cue(sentence, cues):
        return []
    blocked = [m.span() for m in _cue_spans(sentence, not_cues)]
    found: list[tuple[int, int]] = []
    for cue in _cue_spans(sentence, cues):
        if any(s <= cue.start() and cue.end() <= e for s, e in blocked):
            continue
        rest = sentence[cue.end() :]
        end = _PHRASE_END.search(rest)
        phrase = rest[: end.start() if end else len(rest)].rstrip(" ,")
        runs = _runs(phrase, [], [])
        if not runs or runs[0][0][0][0] != len(phrase) - len(_ARTICLE.sub("", phrase.lstrip())):
            continue  # the first piece is no short name: "samen met de kans om ..."
        for start, stop in runs[0][0]:
            item = (cue.end() + start, cue.end() + stop)
            word = sentence[item[0] : item[1]].lower()
            if (
                word not in _PRONOUNS
                and not _PARTICIPLE.match(word)
                # half of an elided compound: "veiligheids-, zorg- en maatschappelijke ..."
                and not word.endswith("-")
                and not sentence.startswith("-", item[1])
                and not _overlaps(item, spans)
            ):
                found.append(item)
    return found


# a Dutch plural: "gemeenten", "huurders", "professionals", "boa's", "organisaties" (not "kans")
_PLURAL = re.compile(r"(?:en|ers|els|ems|als|jes|'s|[aeiouy]s)$")


def reads_as_group(name: str, heads: list[str]) -> bool:
    """Can what a sentence works together with be a partner: a name with a capital ("de
    districtelijke aanpak Gelderland-Zuid"), or words that end in a plural or in an
    organisation's head word ("regiogemeenten", "sociaal domein"); not a pronoun ("elkaar")
    and no abstract noun ("de kans op herhaling")."""
    words = name.split()
    if not words or words[0].lower() in _PRONOUNS:
        return False
    if any(w[:1].isupper() for w in words):
        return True
    last = words[-1].lower()
    return bool(_PLURAL.search(last)) or any(last.endswith(h) for h in heads)


def elided(sentence: str, items: list[tuple[int, int]]) -> list[str]:
    """Each item's name, with the head noun an elision left out ("sociaal en (het) fysiek
    domein": "sociaal domein" and "fysiek domein"): a one-word item before "en" and two
    lower-case words takes the second of them, unless it reads as a plural ("wijkbewoners")."""
    named: list[str] = []
    for start, end in items:
        name = sentence[start:end]
        head = _ELIDED_HEAD.match(sentence, end)
        if head and " " not in name and name.islower() and not re.search(r"(?:en|s)$", name):
            name = f"{name} {head[1]}"
        named.append(name)
    return named


def _cue_spans(text: str, cues: list[str]) -> list[re.Match[str]]:
    return list(_cues_pattern(tuple(cues)).finditer(text)) if cues else []


@lru_cache(maxsize=64)
def _cues_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_SHORT = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,9})\)")
_WORD = re.compile(r"[\w][\w'’&\-]*")


def defined_names(
    sentence: str, heads: list[str], spans: list[tuple[int, int]]
) -> list[tuple[str, str, tuple[int, int]]]:
    """(name, short form, span) of each name a sentence defines a short form of and that
    names an organisation: the shortest run of words before "(ACR)" that it abbreviates
    (Schwartz and Hearst), capitalised, with a word that ends in an organisation's head word
    ("Metropoolregio Rotterdam Den Haag (MRDH)"; not "Integrale veiligheidsmonitor (IVM)")."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    if not heads:
        return found
    for m in _SHORT.finditer(sentence):
        short = m[1]
        words = list(_WORD.finditer(sentence, max(0, m.start() - 120), m.start()))[1:]
        limit = min(len(short) + 5, 2 * len(short), MAX_NAME_WORDS + 2, len(words))
        for n in range(1, limit + 1):
            start = words[-n].start()
            name = sentence[start : m.start()].strip(" *")
            if name[:1] != short[0] or not abbreviates(short, name):
                continue
            span = (start, m.end())
            folded = [w.lower() for w in _WORD.findall(name)]
            named = any(w.endswith(h) for w in folded for h in heads)
            if named and not _overlaps(span, spans):
                found.append((name, short, span))
            break
    return found


_GROUP_OF = re.compile(
    r"(?<![\w\-])([a-zà-ÿ][\w\-]*(?:en|s))\s*,?\s+waaronder\s+(?:ook\s+)?(?:de\s+|het\s+)?"
)


def groups_of_partners(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of a plural that a sentence says includes a known partner ("met alle
    betrokken wijkprofessionals, waaronder ook politie en ..."): a group the plan works with."""
    starts = {s for s, _e in spans}
    return [
        m.span(1)
        for m in _GROUP_OF.finditer(sentence)
        if m.end() in starts and not _overlaps(m.span(1), spans)
    ]
