"""Turn the curated YAML files and the ontology into one RDF dataset.

The loader is forgiving in one way only: it does not stop at the first problem. It records
every problem it meets (with file, line and entity) and keeps going, so that one run of
`ivp validate` shows a curator everything to fix. It never guesses: an unknown key, a dangling
id or a missing quote is a problem, not a default.
"""

from __future__ import annotations

from graph.config import Settings
from graph.entries import OA, ONTOLOGY_FILES, QB, Context, LoadResult, Location
from graph.plan_loader import PlanLoader
from graph.registry import load_model, load_registries

__all__ = ["OA", "ONTOLOGY_FILES", "QB", "LoadResult", "Location", "load"]


def load(settings: Settings) -> LoadResult:
    """Load the ontology, the registries and every plan; see LoadResult.problems for errors."""
    ctx = Context(settings)
    load_model(ctx)
    load_registries(ctx)
    plan_dir = settings.data_dir / "plans"
    for path in sorted(plan_dir.glob("*.yaml")):
        PlanLoader(ctx, path).load()
    return ctx.result
