"""The build's analysis graph in pieces: one per plan, kept between builds, and one national.

A plan's analyses (centrality, overlap, communities, brokers, gaps) read that plan and the
shared graphs only, so their quads are kept in dist/cache/analyses/<plan>.nq under a key of
the plan's quads and the shared inputs, and taken from the previous build when neither
changed. The analyses across plans (national centrality and communities, the comparisons of
plan pairs) depend on every plan: they are recomputed on every build that changes anything,
and the build says so (`Analyses.recomputed`). Every piece holds subjects minted for its own
scope (the plan, `alle-plannen`, or a pair), so the pieces never share a quad and one can be
replaced without touching the others. Each plan's `Result`s are kept too
(graph.analysis_cache), for `ivp analyze --plan` with the default parameters.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph import analysis_cache, network_parts, pieces
from graph.analysis.rdf import (
    ALL,
    analysis_triples,
    as_quads,
    graph_name,
    national_results,
    plan_results,
)
from graph.config import Settings
from graph.store import prefixes

FOLDER = analysis_cache.FOLDER  # inside the cache folder
NATIONAL = ALL  # the piece of the analyses across plans
KEYS = "keys.json"  # plan -> the key its piece was computed for


@dataclass
class Analyses:
    """The analysis pieces of one build, in dump order, and what was computed for them."""

    pieces: dict[str, Path] = field(default_factory=dict)  # plan or NATIONAL -> its .nq
    keys: dict[str, str] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)  # plans whose analyses ran this build
    reused: int = 0
    recomputed: list[str] = field(default_factory=list)  # analyses across plans, run again


def analysis_key(shared_key: str, plan_digest: str) -> str:
    return hashlib.sha256(f"{shared_key}\0{plan_digest}".encode()).hexdigest()


def compute(
    store: ox.Store,
    settings: Settings,
    folder: Path,
    previous: Path | None,
    keys: dict[str, str],
) -> Analyses:
    """Write the analysis pieces into `folder`/analyses, reusing `previous` where keys match.

    `keys` holds each plan's analysis key (`analysis_key`); the store holds every plan. The
    network is read as graph.network_parts puts it together: the unchanged plans' records
    from `previous`, only the others from the store.
    """
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    done = Analyses()
    old = keys_of(previous)
    before = None if previous is None else previous / FOLDER
    loaded = network_parts.load(store, settings, keys, before, old)
    for plan, part in loaded.parts.items():
        target = network_parts.path_of(out, plan)
        if plan in loaded.taken and before is not None:
            pieces.link(network_parts.path_of(before, plan), target)
        else:
            network_parts.save(target, keys[plan], part)
    data = loaded.data
    if not data.plans:
        return done
    name = graph_name(settings)
    names = prefixes(settings)
    for plan in data.plan_ids():
        key = keys.get(plan, "")
        piece = out / f"{plan}.nq"
        if key and old.get(plan) == key and _take(previous, plan, out):
            done.reused += 1
        else:
            results = plan_results(data, plan)
            _write(piece, as_quads(analysis_triples(data, settings, results), name), names)
            analysis_cache.save(analysis_cache.path_of(out, plan), results)
            done.computed.append(plan)
        done.pieces[plan], done.keys[plan] = piece, key
    national = national_results(data)
    runs = Counter(r.analysis for r in national)
    done.recomputed = [f"{kind} x{n}" for kind, n in sorted(runs.items())]
    piece = out / f"{NATIONAL}.nq"
    _write(piece, as_quads(analysis_triples(data, settings, national), name), names)
    done.pieces[NATIONAL] = piece
    (out / KEYS).write_text(json.dumps(done.keys, indent=0, sort_keys=True), encoding="utf-8")
    return done


def keys_of(cache: Path | None) -> dict[str, str]:
    """The analysis keys of the pieces in a build's cache folder (none: {})."""
    try:
        return json.loads((cache / FOLDER / KEYS).read_text(encoding="utf-8"))  # type: ignore[operator]
    except (OSError, ValueError, TypeError):
        return {}


def _take(previous: Path | None, plan: str, out: Path) -> bool:
    """Hard-link a plan's piece files from the previous build; False if any is missing."""
    assert previous is not None
    folder = previous / FOLDER
    sources = [*pieces.files(folder / f"{plan}.nq"), analysis_cache.path_of(folder, plan)]
    if not all(p.is_file() for p in sources):
        return False
    for source in sources:
        pieces.link(source, out / source.name)
    return True


def _write(piece: Path, quads: list[ox.Quad], names: dict[str, str]) -> None:
    piece.unlink(missing_ok=True)
    with piece.open("wb") as target:
        ox.serialize(quads, target, ox.RdfFormat.N_QUADS)
    pieces.write_formats(piece, names)
