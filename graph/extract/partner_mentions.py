"""Where a plan names partners: each sentence's registry names, partner types and the names
only the sentence says are partners (graph.extract.partner_lists), resolved by
graph.extract.partners. Kept apart from the resolving, which knows nothing of sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract import partner_lists
from graph.extract.lexicon import PartnerType
from graph.extract.partner_lists import MAX_NAME_WORDS
from graph.extract.partners import (
    UNKNOWN_TYPE,
    Partner,
    Resolver,
    is_acronym,
    region_after,
    starts_longer_name,
)
from graph.extract.sections import Document, Sentence

# the next word of a name: never across a tab or a line break (a table's next cell)
_NAME_WORD = re.compile(r"[^\S\t\n\r]+((?:[A-Z][A-Za-zÀ-ÿ'’\-]*|&|en|voor|van|de)(?=[\s,.;:)]|$))")
_ARTICLE = re.compile(r"\s+(?:de|het|een)\s", re.IGNORECASE)


@dataclass
class Mention:
    """One sentence naming one partner, with how sure the draft is of it."""

    partner: Partner
    named_as: str
    line: int
    quote: str
    section: str
    confidence: float


_NAME_BEFORE = re.compile(r"(?<![\w\-])([A-Z][\w'’\-]*)\s+$")
_NOT_IN_NAME = {"de", "het", "een", "en", "ook", "onze", "ons", "deze", "dit", "die", "alle", "met",
                "in", "op", "voor", "van", "bij", "door", "via", "zoals", "waaronder"}  # fmt: skip


def _name_start(text: str, start: int) -> int:
    """Where a capitalised type word's name starts, with the capitalised words before it
    ("Veiliger Wijkteams", "Haags Economisch Interventieteam"), not an article or a word
    that starts a sentence ("De Wijkteams")."""
    while (before := _NAME_BEFORE.search(text, 0, start)) and before[1].lower() not in _NOT_IN_NAME:
        start = before.start()
    return start


def typed_names(text: str, resolver: Resolver) -> list[tuple[int, int, PartnerType, str, bool]]:
    """(start, end, type, name, bare) of each partner a sentence names by its type only: the type's
    label ("jongerenwerk", plural too; the name is the label, singular) or a head word with a
    capitalised name after it ("afdeling Wijkzaken", the name as printed)."""
    found = []
    lowered = text.lower()
    for ptype, word, word_lower, head, pattern in resolver.type_words():
        if word_lower not in lowered:
            continue  # a cheap test first: most sentences name no type at all
        for m in pattern.finditer(text):
            if is_acronym(word) and m.group() != word:
                continue  # "GGZ", not "ggz" inside a word list
            end, tail = m.end(), []
            while len(tail) < MAX_NAME_WORDS:
                follow = _NAME_WORD.match(text, end)
                if follow is None:
                    break
                if not tail and not follow.group(1)[0].isupper():
                    break  # "brandweer en de GHOR": two partners, not one name
                if tail and follow.group(1) == "en" and _ARTICLE.match(text, follow.end()):
                    break  # "RIEC Midden-Nederland en de Veiligheidsregio": two as well
                tail.append(follow)
                end = follow.end()
            while tail and not tail[-1].group(1)[0].isupper():
                tail.pop()  # "Stichting Welzijn en" ends at "Welzijn"
            if head and not tail:
                continue
            end = tail[-1].end() if tail else m.end()
            start = _name_start(text, m.start()) if m.group()[0].isupper() else m.start()
            name = text[start:end] if tail or start < m.start() else None
            found.append((start, end, ptype, name or word[0].upper() + word[1:], name is None))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, PartnerType, str, bool]] = []
    for item in found:  # the longest of overlapping names
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def mentions(doc: Document, resolver: Resolver) -> list[Mention]:
    """Every resolved partner name, with its sentence as the quote; then the partners a list
    or an enumeration of partners names (graph.extract.partner_lists) and those named by
    their type only, proposed as new with a lower confidence."""
    found = []
    listed = partner_lists.listed_lines(doc, resolver.lexicon)
    cues = resolver.lexicon.cue("Partner")
    works_with = resolver.lexicon.cue("Involvement")
    heads = resolver.lexicon.cue(f"partnertype/{UNKNOWN_TYPE}")
    links = [
        c for kind, words in resolver.lexicon.cues.items()
        if kind.startswith("kruisverbandsoort/") for c in words
    ]  # fmt: skip
    for sentence in doc.sentences():

        def add(
            partner: Partner, named_as: str, confidence: float, at: Sentence = sentence
        ) -> None:
            found.append(Mention(partner, named_as, at.line, at.text, at.section, confidence))

        known = resolver.find(sentence.text)
        typed = typed_names(sentence.text, resolver)
        if sentence.list_item and sentence.line in listed:
            name = partner_lists.listed_partner(sentence.text, known, typed)
            if name is not None:
                partner = resolver.listed(*name, "een lijst van partners")
                add(partner, name[0], 0.45)
                continue
        # a registry name inside a longer name with a head word ("Buurtwerk" in "Stichting
        # Buurtwerk Zandweerd") is part of that name; else the registry's name wins
        named = [(s, e) for s, e, _t, _n, bare in typed if not bare]
        known = [
            k for k in known
            if not any(s <= k[0] and k[1] <= e for s, e in named)
            and not starts_longer_name(sentence.text, k[0], k[1])
        ]  # fmt: skip
        spans = [(k[0], k[1]) for k in known if resolver.resolve(k[2], k[3], sentence.text[k[1] :])]
        spans += [(t[0], t[1]) for t in typed]
        for start, end in partner_lists.enumerated(sentence.text, spans, cues):
            printed = sentence.text[start:end]
            if partner_lists.could_be_partner(printed, resolver.lexicon):
                partner = resolver.listed(printed, [], "een opsomming met andere partners")
                add(partner, printed, 0.35)
        for name, short, span in partner_lists.defined_names(sentence.text, heads, spans):
            partner = resolver.listed(name, [short], "een naam met een afkorting")
            add(partner, name, 0.45)
            spans.append(span)
        together = partner_lists.collaborators(sentence.text, works_with, links, spans)
        together += partner_lists.groups_of_partners(sentence.text, spans)
        for printed in partner_lists.elided(sentence.text, together):
            if partner_lists.reads_as_group(printed, heads) and partner_lists.could_be_partner(
                printed, resolver.lexicon
            ):
                partner = resolver.listed(printed, [], "een zin over samenwerking")
                add(partner, printed, 0.3)
        for start, end, ptype, name, bare in typed:
            if any(start < k_end and k_start < end for k_start, k_end, _e, _n in known):
                continue  # the registry knows the name
            region = region_after(sentence.text[end:], resolver.lexicon) if bare else None
            if not bare:
                region = next(
                    (r for names in resolver.lexicon.regions.values() for r in names
                     if re.search(rf"\b{re.escape(r)}\b", name)),
                    None,
                )  # fmt: skip
            partner = resolver.typed(ptype, name, region, bare)
            add(partner, sentence.text[start:end], 0.4 if bare else 0.5)
        for start, end, entry, name in known:
            resolved = resolver.resolve(entry, name, sentence.text[end:])
            if resolved is None:
                continue
            partner, confidence = resolved
            add(partner, sentence.text[start:end], confidence)
    return found
