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
        named_vng = core_themes_named(folded, lexicon)
        if not named_vng:
            continue
        # the plan's themes as the sentence names them outside the core themes' names: a plan
        # theme called like a core theme ("Weerbare overheid ...") is named there as that one
        rest = folded
        for start, end in sorted(named_vng.values(), reverse=True):
            rest = rest[:start] + " " + rest[end:]
        # past a cue of a raakvlak ("en heeft raakvlakken met 5.1 ..."), a core theme is one
        # the theme touches, not one it falls under
        touch = _first_cue(folded, lexicon.cue("kruisverbandsoort/raakvlak"))
        for theme in named_in(rest, themes):
            for n, (at, _end) in named_vng.items():
                match = "related" if touch is not None and at > touch else "broad"
                found.setdefault(
                    (theme.id, n),
                    Mapping(theme.id, n, match, "stated", sentence.section, sentence.text, 0.7),
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


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]\d)")
_WORDS = re.compile(r"[^\W\d_]+")


def core_themes_named(folded: str, lexicon: Lexicon) -> dict[str, tuple[int, int]]:
    """The VNG core themes a folded sentence names by number and name ("5.2 Georganiseerde
    criminaliteit" for "Georganiseerde ondermijnende criminaliteit"), each with the span of
    its number and name; or by its full label with its number elsewhere in the sentence."""
    found: dict[str, tuple[int, int]] = {}
    for m in _NUMBER.finditer(folded):
        n = m.group().rstrip(".")
        words = list(_WORDS.finditer(folded, m.end(), min(len(folded), m.end() + 200)))
        for label in lexicon.vng.get(n, ()):
            size = len(label.split())
            best = max(
                (k for k in range(1, min(len(words), size + 1) + 1)
                 if similarity(" ".join(w.group() for w in words[:k]), label) >= LIKE_VNG),
                default=0,
            )  # fmt: skip
            if best:
                found.setdefault(n, (m.start(), words[best - 1].end()))
    for n, labels in lexicon.vng.items():
        for label in labels:
            at = folded.find(fold(label)) if len(label) > 5 and n not in found else -1
            if at >= 0 and re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", folded):
                found[n] = (at, at + len(fold(label)))
    return found


def _first_cue(folded: str, cues: list[str]) -> int | None:
    """Where the first of `cues` stands in the folded sentence."""
    places = [m.start() for c in cues if (m := re.search(rf"\b{re.escape(fold(c))}", folded))]
    return min(places) if places else None
