"""Network analyses of the plans, each in a module with one job, all on the views of
graph.network: central partners, theme overlap, communities and brokers, gaps, comparison.

Every analysis returns a `Result`: rows of plain values (for graph.output), a few sentences
that read the rows in plain language, and the method and parameters that produced them (the
provenance graph.analysis.rdf writes next to the scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DIGITS = 4


@dataclass
class Result:
    analysis: str
    scope: list[str]
    method: str
    parameters: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)


def r4(value: float) -> float:
    """Scores rounded, so that the output (and tests) do not depend on float noise."""
    return round(float(value), DIGITS)
