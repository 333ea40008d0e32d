"""Legal bases and instruments, by the names their registries give them.

A law is matched by its name ("Politiewet", "Opiumwet", "Wet Bibob"); an article by "artikel
38b", "art. 13b" or "13b" next to the law's name in the same sentence. The registry decides
which (law, article) pairs exist: an article the registry does not know falls back to the
whole law where the registry has that, and is left out otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.lexicon import Lexicon, Provision, fold
from graph.extract.sections import Document

_ARTICLE = re.compile(r"\b(?:artikel|art\.?)\s*(\d+[a-z]?)\b|\b(\d+[a-z])\b", re.IGNORECASE)


@dataclass
class Cited:
    kind: str  # legal_bases | instruments
    id: str
    line: int
    section: str
    quote: str
    confidence: float


def _occurs(name: str, folded: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded))


def extract(doc: Document, lexicon: Lexicon) -> list[Cited]:
    by_law: dict[str, list[Provision]] = {}
    for provision in lexicon.provisions:
        by_law.setdefault(fold(provision.law), []).append(provision)
    found: list[Cited] = []
    for sentence in doc.sentences():
        folded = fold(sentence.text)
        if len(folded) > 2000:
            continue
        articles = {(m.group(1) or m.group(2)).lower() for m in _ARTICLE.finditer(sentence.text)}
        for provisions in by_law.values():
            named = [p for p in provisions if any(_occurs(n, folded) for n in p.names)]
            if not named:
                continue
            exact = [p for p in provisions if p.article and p.article.lower() in articles]
            whole = [p for p in named if p.article is None]
            chosen = exact or whole or ([named[0]] if len(provisions) == 1 else [])
            for p in chosen:
                confidence = 0.85 if p in exact else 0.65
                found.append(
                    Cited("legal_bases", p.id, sentence.line, sentence.section,
                          sentence.text, confidence)
                )  # fmt: skip
        for ident, (_label, names, _law) in lexicon.instruments.items():
            if any(len(n) > 3 and _occurs(n, folded) for n in names):
                found.append(
                    Cited("instruments", ident, sentence.line, sentence.section,
                          sentence.text, 0.7)
                )  # fmt: skip
    return found
