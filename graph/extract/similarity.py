"""When two names name the same thing: "de aanpak van ondermijnende criminaliteit" and
"3.1 Aanpak van ondermijnende criminaliteit", or "Ondernijning" and "Ondermijning"."""

from __future__ import annotations

import difflib
import re

from graph.extract.lexicon import fold

# function words only: they carry no meaning of their own in a theme's name
_FUNCTION_WORDS = frozenset(
    "de het een en van in op tegen voor met door bij om te aan of ook als".split()  # noqa: SIM905
)
STEM = 6


def stems(name: str) -> set[str]:
    """The content words of a name, cut to a common prefix (ondermijning ~ ondermijnende)."""
    words = re.findall(r"[^\W\d_]+", fold(name))
    return {w[:STEM] for w in words if w not in _FUNCTION_WORDS and len(w) > 1}


def similarity(a: str, b: str) -> float:
    """0..1: the better of shared content words and spelling (for typos)."""
    sa, sb = stems(a), stems(b)
    jaccard = len(sa & sb) / len(sa | sb) if sa and sb else 0.0
    contained = 1.0 if sa and sb and (sa <= sb or sb <= sa) and min(len(sa), len(sb)) >= 2 else 0
    spelled = difflib.SequenceMatcher(None, _core(a), _core(b)).ratio()
    return max(jaccard, 0.8 * contained, spelled if spelled >= 0.85 else 0.0)


def _core(name: str) -> str:
    return " ".join(w for w in re.findall(r"[^\W\d_]+", fold(name)) if w not in _FUNCTION_WORDS)


def best_match(name: str, candidates: list[str], threshold: float = 0.5) -> int | None:
    """The index of the candidate most like `name`, if it is like enough."""
    scored = [(similarity(name, c), i) for i, c in enumerate(candidates)]
    scored = [s for s in scored if s[0] >= threshold]
    return max(scored)[1] if scored else None
