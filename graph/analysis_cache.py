"""Each plan's analysis results as the build computed them, for commands that ask for them.

`ivp analyze <analysis> --plan P` with the default parameters asks exactly what `ivp build`
computed for the analysis graph (graph.analyses); reading the build's results saves the
command the import of networkx and igraph and the computation (0.8-1.7 s cold). They are
kept as the `Result`s themselves (rows, reading, method, parameters) beside the plan's
analysis piece, so the answer is the one the computation gives, sentences included. This
module imports nothing heavy on purpose.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from graph.analysis import Result

CACHE, FOLDER = "cache", "analyses"  # as graph.build.CACHE and graph.analyses.FOLDER


def path_of(folder: Path, plan: str) -> Path:
    """Where a plan's results lie in a cache folder's analyses/."""
    return folder / f"{plan}.json"


def save(path: Path, results: list[Result]) -> None:
    path.unlink(missing_ok=True)  # never write through a hard link into an older build
    path.write_text(json.dumps([asdict(r) for r in results]), encoding="utf-8")


def load(build: Path, plan: str, analysis: str) -> Result | None:
    """The result of `analysis` for `plan` in the build folder `build`, if it kept one."""
    try:
        saved = json.loads(path_of(build / CACHE / FOLDER, plan).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for record in saved:
        if record.get("analysis") == analysis:
            return Result(**record)
    return None
