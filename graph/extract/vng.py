"""Each theme onto the VNG Kernbeleid Veiligheid, with the evidence used.

Three kinds of evidence, strongest first: a sentence that names the theme and a VNG core
theme ("'Zorg en veiligheid' valt onder sub-thema 1.1 Sociale kwaliteit": basis stated); a
theme name like a VNG label (basis curated, the heading as the words that justify it); a
theme name like a theme another curated plan mapped (basis curated, that plan's mapping).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.lexicon import Lexicon, fold
from graph.extract.sections import Document
from graph.extract.similarity import similarity
from graph.extract.themes import Theme, named_in

LIKE_VNG = 0.6
LIKE_OTHER_PLAN = 0.6


@dataclass
class Mapping:
    theme: str
    concept: str
    match: str  # exact | broad | narrow | related (data/README.md rule 8)
    basis: str  # stated | curated
    section: str
    quote: str
    confidence: float


def extract(doc: Document, themes: list[Theme], lexicon: Lexicon) -> list[Mapping]:
    found: dict[tuple[str, str], Mapping] = {}
    labels = [(n, label) for n, labels in lexicon.vng.items() for label in labels]
    tabbed = {i for i, line in enumerate(doc.lines) if "\t" in line}  # table rows, found once
    for sentence in doc.sentences():
        if len(sentence.text) > 1000 or sentence.line in tabbed:
            continue
        folded = sentence.folded
        named_vng = [
            n for n, label in labels
            if len(label) > 5 and fold(label) in folded
            and re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", sentence.text)
        ]  # fmt: skip
        if not named_vng:
            continue
        for theme in named_in(sentence.text, themes):
            for n in named_vng:
                if fold(theme.label) == fold(dict(labels).get(n, "")):
                    continue
                found.setdefault(
                    (theme.id, n),
                    Mapping(theme.id, n, "broad", "stated", sentence.section, sentence.text, 0.7),
                )
    for theme in themes:
        section, quote = theme.quotes[0]
        scored = sorted(
            ((similarity(name, label), n) for n, label in labels
             for name in [theme.label, *theme.names]),
            reverse=True,
        )  # fmt: skip
        if scored and scored[0][0] >= LIKE_VNG:
            score, n = scored[0]
            # a name merely like the label says only that the two overlap: related
            match = "exact" if score >= 0.95 else "related"
            found.setdefault(
                (theme.id, n), Mapping(theme.id, n, match, "curated", section, quote, 0.6)
            )
            continue
        for name, _status, concepts in lexicon.theme_names:
            if similarity(theme.label, name) >= LIKE_OTHER_PLAN:
                for n in concepts:
                    if n in lexicon.vng:
                        found.setdefault(
                            (theme.id, n),
                            Mapping(theme.id, n, "related", "curated", section, quote, 0.4),
                        )
                break
    return list(found.values())
