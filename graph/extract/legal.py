"""Legal bases and instruments, by the names their registries give them.

A law is matched by its name ("Politiewet", "Opiumwet", "Wet Bibob"); an article by "artikel
38b", "art. 13b" or "13b" next to the law's name in the same sentence. The registry decides
which (law, article) pairs exist: an article the registry does not know falls back to the
whole law where the registry has that, and is left out otherwise. A law the registry does not
know at all is proposed by its name where the name's form says it is a law ("Omgevingswet",
"Wet kwaliteitsborging bouwen", "Wet verplichte ggz (Wvggz)"), without a BWB id: the curator
adds it (`review: unreviewed` in the registry until then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.lexicon import Lexicon, Provision, fold
from graph.extract.sections import Document, slug

_WORD = re.compile(r"\w+")
_ARTICLE = re.compile(r"\b(?:artikel|art\.?)\s*(\d+[a-z]?)\b|\b(\d+[a-z])\b", re.IGNORECASE)


@dataclass
class Cited:
    kind: str  # legal_bases | instruments
    id: str
    line: int
    section: str
    quote: str
    confidence: float
    new: tuple[dict[str, str], ...] = ()  # registry entries to propose: the article, its lid


@lru_cache(maxsize=4096)
def _firsts(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w[0] for n in names if (w := _WORD.findall(fold(n))))


@lru_cache(maxsize=4096)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all names of a law or instrument, compiled once."""
    alternatives = "|".join(re.escape(fold(n)) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _occurs(names: tuple[str, ...], folded: str) -> bool:
    return bool(names) and _pattern(names).search(folded) is not None


_ORDINALS = {"1": "eerste", "2": "tweede", "3": "derde", "4": "vierde", "5": "vijfde"}
_LID = re.compile(r"\blid\s+(\d+)\b|\b(eerste|tweede|derde|vierde|vijfde)\s+lid\b")
_BY_ORDINAL = {word: number for number, word in _ORDINALS.items()}


def _names_paragraph(p: Provision, folded: str) -> bool:
    """True for a provision without a lid, or when the sentence names its lid ("lid 1",
    "eerste lid"): a passage citing "artikel 38b" is not a citation of its first lid."""
    if p.paragraph is None:
        return True
    ordinal = _ORDINALS.get(p.paragraph, "")
    return bool(
        re.search(rf"\blid\s+{p.paragraph}\b", folded)
        or (ordinal and re.search(rf"\b{ordinal}\s+lid\b", folded))
    )


def extract(doc: Document, lexicon: Lexicon) -> list[Cited]:
    by_law: dict[str, list[Provision]] = {}
    for provision in lexicon.provisions:
        by_law.setdefault(fold(provision.law), []).append(provision)
    names = [n for p in lexicon.provisions for n in p.names] + [
        n for _label, ns, _law in lexicon.instruments.values() for n in ns
    ]
    firsts = {w[0] for n in names if (w := _WORD.findall(fold(n)))}
    found: list[Cited] = []
    law_firsts = {
        law: frozenset(w for p in provisions for w in _firsts(p.names))
        for law, provisions in by_law.items()
    }
    instruments = [
        (ident, long_names, _firsts(long_names))
        for ident, (_label, names, _law) in lexicon.instruments.items()
        if (long_names := tuple(n for n in names if len(n) > 3))
    ]
    known_laws = {fold(n) for p in lexicon.provisions for n in p.names}
    known_ids = {p.id for p in lexicon.provisions}
    for sentence in doc.sentences():
        folded = sentence.folded
        if len(folded) > 2000:
            continue
        words = set(_WORD.findall(folded))
        if "wet" not in folded and not firsts & words:
            continue  # no name of a law or instrument starts here: skip the slow tests
        articles = {(m.group(1) or m.group(2)).lower() for m in _ARTICLE.finditer(sentence.text)}
        laws = {
            law: named
            for law, provisions in by_law.items()
            if words & law_firsts[law]
            and (named := [p for p in provisions if _occurs(p.names, folded)])
        }
        for law, named in laws.items():
            provisions = by_law[law]
            exact = [
                p
                for p in provisions
                if p.article and p.article.lower() in articles and _names_paragraph(p, folded)
            ]
            if any(p.paragraph for p in exact):  # "lid 1" named: the lid, not the whole article
                exact = [p for p in exact if p.paragraph]
            whole = [p for p in named if p.article is None]
            # the law's one provision, unless that is a lid the sentence does not name: a
            # passage citing "artikel 38b" says nothing of its first lid
            only = [named[0]] if len(provisions) == 1 and _names_paragraph(named[0], folded) else []
            lid_known = any(p.paragraph for p in exact)
            proposed = () if lid_known or len(laws) > 1 else _proposed(provisions, sentence.text)
            if proposed:
                found.append(
                    Cited("legal_bases", proposed[-1]["id"], sentence.line, sentence.section,
                          sentence.text, 0.5, proposed)
                )  # fmt: skip
                continue
            chosen = exact or whole or only
            for p in chosen:
                confidence = 0.85 if p in exact else 0.65
                found.append(
                    Cited("legal_bases", p.id, sentence.line, sentence.section,
                          sentence.text, confidence)
                )  # fmt: skip
        new_laws = unknown_laws(sentence.text, known_laws)
        for name, short in new_laws:
            entries = _new_law(name, short, sentence.text if len(new_laws) == 1 else "")
            entries = tuple(e for e in entries if e["id"] not in known_ids)  # named otherwise
            if not entries:
                continue
            found.append(
                Cited("legal_bases", entries[-1]["id"], sentence.line, sentence.section,
                      sentence.text, 0.4, entries)
            )  # fmt: skip
        for ident, long_names, starts in instruments:
            if words & starts and _occurs(long_names, folded):
                found.append(
                    Cited("instruments", ident, sentence.line, sentence.section,
                          sentence.text, 0.7)
                )  # fmt: skip
    return found


def _proposed(provisions: list[Provision], text: str) -> tuple[dict[str, str], ...]:
    """The registry entries for an article of a known law that the registry lacks, and for
    its lid where the sentence names one: "artikel 38b, eerste lid Politiewet 2012" with only
    the whole Politiewet known. Only for one article written out as "artikel"/"art." in a
    sentence naming one law, so that an article is never given to the wrong law."""
    written = {m.group(1).lower() for m in _ARTICLE.finditer(text) if m.group(1)}
    if len(written) != 1 or not provisions or provisions[0].bwb is None:
        return ()
    article = written.pop()
    lids = {m.group(1) or _BY_ORDINAL[m.group(2).lower()] for m in _LID.finditer(text.lower())}
    lid = lids.pop() if len(lids) == 1 else None
    law = max(provisions, key=lambda p: len(p.law)).law  # "Politiewet 2012" over "Politiewet"
    stem, bwb = provisions[0].law_id, provisions[0].bwb
    known = {(p.article.lower() if p.article else None, p.paragraph) for p in provisions}
    entries = []
    ident = f"{stem}-art-{article}"
    if (article, None) not in known:
        entries.append(
            {"id": ident, "label": f"{law}, artikel {article}", "bwb": bwb, "article": article}
        )
    if lid is not None and (article, lid) not in known:
        entries.append(
            {"id": f"{ident}-lid-{lid}", "label": f"{law}, artikel {article}, "
             f"{_ORDINALS.get(lid, f'lid {lid}')}{' lid' if lid in _ORDINALS else ''}",
             "bwb": bwb, "article": article, "paragraph": lid, "part_of": ident}
        )  # fmt: skip
    return tuple(entries)


# a law by its name's form: one word ending in "wet" ("Omgevingswet", "Drank- en Horecawet",
# "Politiewet 2012"), or "Wet" and a name: capitalised words ("Wet Bibob", "Wet
# Veiligheidsregio's"), or up to four lower-case words ("en" among them: "Wet zorg en dwang")
# before a short form in brackets or the end of a clause ("Wet verplichte geestelijke
# gezondheidszorg (Wvggz)", "Wet kwaliteitsborging bouwen,")
_LAW = re.compile(
    r"(?<![\w\-])(?:(?P<word>[A-Z][a-zà-ÿ]+(?:- en [A-Z][a-zà-ÿ]+)?wet(?:\s\d{4})?)"
    r"|Wet\s(?P<proper>['‘’]?[A-Z][A-Za-zÀ-ÿ'’\-]*(?:\s[A-Z][A-Za-zÀ-ÿ'’\-]*)*['’]?)"
    r"|Wet\s(?P<plain>[a-zà-ÿ][a-zà-ÿ'’\-]*(?:\s(?:en\s)?[a-zà-ÿ][a-zà-ÿ'’\-]*){0,3})"
    r"(?=\s*[(,.;:]|\s(?:en|of)\s(?:de|het|een|[A-Z])|$))"
    r"(?:\s\((?P<short>[A-Z][A-Za-z]{1,9})\))?"
)
_LONG_NAME = re.compile(r"((?:\s[a-zà-ÿ][\w'’\-]*){1,8})\s\(([^()]{2,30})\)")
_TITLE_START = re.compile(r"^[A-Z][a-zà-ÿ]+(?:ing|heid|tie)$")  # a noun a long title starts with
_LOWER_NEXT = re.compile(r"\s[a-zà-ÿ]")
_NOT_A_LAW = {"wet", "de wet", "deze wet", "die wet"}


def _new_law(name: str, short: str | None, text: str) -> tuple[dict[str, str], ...]:
    """The registry entries to propose for a law it does not know, and for its article where
    `text` (the sentence, when it names this one law) writes one out ("artikel 13b")."""
    law_id = slug(re.sub(r"['’]", "", short or name), 64)
    law = {"id": law_id, "label": f"{name} ({short})" if short else name, "review": "unreviewed"}
    written = {m.group(1).lower() for m in _ARTICLE.finditer(text) if m.group(1)}
    if len(written) != 1:
        return (law,)
    article = written.pop()
    return law, {
        "id": f"{law_id}-art-{article}", "label": f"{name}, artikel {article}",
        "article": article, "review": "unreviewed",
    }  # fmt: skip


def unknown_laws(text: str, known: set[str]) -> list[tuple[str, str | None]]:
    """(name, short form) of each law a sentence names that the registry does not know."""
    found: list[tuple[str, str | None]] = []
    covered = 0  # the end of a long name with its short form: "(Wet Bibob)" is that one
    for m in _LAW.finditer(text):
        if m.start() < covered:
            continue
        name = m["word"] or "Wet " + (m["proper"] or m["plain"]).strip("'‘’")
        short = m["short"]
        longer = _LONG_NAME.match(text, m.end()) if m["proper"] and not short else None
        if longer:  # "Wet Bevordering integriteitsbeoordelingen door ... (Wet Bibob)"
            name, short, covered = name + longer[1], longer[2], longer.end()
        elif m["proper"] and _TITLE_START.match(m["proper"]) and _LOWER_NEXT.match(text, m.end()):
            continue  # "Wet Bevordering integriteitsbeoordeling door ...": a title cut short
        if fold(name) in _NOT_A_LAW or fold(name) in known or (short and fold(short) in known):
            continue
        if re.sub(r"\s\d{4}$", "", fold(name)) in known:
            continue  # "Politiewet 2012" where the registry knows "Politiewet"
        found.append((name, short))
    return list(dict.fromkeys(found))
