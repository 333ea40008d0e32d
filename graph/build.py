"""`ivp build`: load, validate, and write the graph to dist/ without ever half-writing it.

Everything is written into a fresh folder beside dist/ and lands only when complete, in one
atomic rename (graph.dist), so a failed or killed build (bad data, full disk, Ctrl-C, kill -9)
leaves the previous dist/ intact, and the next build removes what it left.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import dist, pieces
from graph.analysis_cache import CACHE
from graph.catalog import Catalog
from graph.config import Settings
from graph.iris import Iris
from graph.notices import notice
from graph.pieces import NQUADS, OUTPUTS
from graph.pipeline import PLANS, SHARED, SHARED_GRAPHS, Compiled, PlanUnit, Say, Tick, check_data
from graph.store import (
    MANIFEST,
    fingerprint,
    input_stats,
    is_current,
    read_manifest,
    rows_of,
)

NQ = ox.RdfFormat.N_QUADS
# in the manifest: the pieces a whole dump is the concatenation of, in order, relative to
# the build folder (graph.pieces)
DUMP_PIECES = "dump_pieces"


@dataclass
class BuildReport:
    dist_dir: Path
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    plans: list[str] = field(default_factory=list)
    checked: int = 0  # plans loaded and checked in this build
    reused: int = 0  # plans taken unchanged from the previous build
    current: bool = False  # nothing had changed: dist/ was left as it was
    incremental: bool = False  # the previous build's store was kept and only changes applied
    analysed: int = 0  # plans whose analyses were computed in this build (the rest reused)
    recomputed: list[str] = field(default_factory=list)  # analyses across plans, run again


def check(
    settings: Settings, say: Say | None = None, tick: Tick | None = None, jobs: int | None = None
) -> list[PlanUnit]:
    """Validate everything without writing dist/ (reusing its cache); raise InvalidData."""
    # beside dist/, so reused cache files are hard-linked rather than copied across disks
    with dist.scratch(settings.dist_dir, "check") as folder:
        try:
            compiled = check_data(
                settings, folder, settings.dist_dir / CACHE, say=say, tick=tick, jobs=jobs
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return compiled.units


def build(
    settings: Settings,
    progress: Say | None = None,
    tick: Tick | None = None,
    jobs: int | None = None,
    force: bool = False,
    scratch: bool = False,
) -> BuildReport:
    """Check the data and write dist/ whole, or not at all.

    When no input changed since the last build, dist/ is left as it is (unless `force`).
    Otherwise plans whose inputs did not change are taken from dist/cache/ instead of being
    loaded and checked again, and the previous build's store is copied (hard links) and
    changed only where a plan changed; `scratch` uses neither the cache nor the store.
    """
    say = progress or (lambda _msg: None)
    for name in dist.prune(settings.dist_dir):
        say(notice("removed", name=name))
    manifest = read_manifest(settings)
    if not force and manifest is not None and is_current(settings):
        say(notice("current", dist=settings.dist_dir, built=manifest["built"]))
        plans = manifest["plans"]
        return BuildReport(
            settings.dist_dir, manifest["triples"], manifest["graphs"], plans, 0, len(plans), True
        )
    # taken before reading anything: a file edited during the build makes the store stale
    stamp = {"fingerprint": fingerprint(settings), "inputs": input_stats(settings)}
    previous = None if scratch else settings.dist_dir / CACHE
    with dist.scratch(settings.dist_dir) as tmp:
        compiled = check_data(settings, tmp / CACHE, previous, say=say, tick=tick, jobs=jobs)
        counts = {u.plan_id: u.classes for u in compiled.units if u.nquads}
        (tmp / CACHE / dist.CLASS_COUNTS).write_text(json.dumps(counts), encoding="utf-8")
        report = _write(compiled, settings, tmp, say, stamp, None if scratch else manifest)
        dist.land(tmp, settings.dist_dir)
    report.dist_dir = settings.dist_dir
    say(notice("built", triples=report.triples, graphs=len(report.graphs), dist=settings.dist_dir))
    return report


def dump_file(dist_dir: Path, name: str, say: Say | None = None) -> Path | None:
    """The current build's whole dump `name` (one of OUTPUTS), written from its pieces the
    first time it is asked for; None when there is no build or no such dump.

    A build writes none of them but the N-Quads it bulk-loads from scratch: concatenating
    3 GB of dumps nationally took 10 s of every rebuild after an edit, for files most
    rebuilds never serve. Written beside the build's other files under a temporary name
    and renamed, so a reader sees the whole file or none, and two writers the same file.
    """
    folder = dist.current(dist_dir)
    if folder is None or name not in OUTPUTS:
        return None
    path = folder / name
    if path.is_file():
        return path
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if DUMP_PIECES not in manifest:
        return None
    (say or (lambda _msg: None))(notice("writing_dump", name=name))
    partial = folder / f".{name}.{os.getpid()}.{threading.get_ident()}"
    try:
        with partial.open("wb") as target:
            pieces.write_dump((folder / p for p in manifest[DUMP_PIECES]), name, target)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _write(
    compiled: Compiled,
    settings: Settings,
    out: Path,
    say: Say,
    stamp: dict[str, Any],
    manifest: dict[str, Any] | None,
) -> BuildReport:
    """Fill the store, add the analyses, write the dumps from their pieces, and the manifest.

    Nothing holds the whole graph in Python. From scratch, the pieces' N-Quads are
    concatenated into ivp.nq and bulk-loaded. Incrementally (a previous build for the same
    base whose store nobody wrote to), its store is copied by hard links and only the pieces
    whose digest changed are replaced (see graph.analyses for the analysis graph).
    """
    iris = Iris(settings.base)
    data = {SHARED: compiled.shared} | {
        u.plan_id: compiled.folder / PLANS / u.nquads for u in compiled.units if u.nquads
    }
    digests = {SHARED: pieces.digest(compiled.shared)} | {
        u.plan_id: u.nquads_sha256 for u in compiled.units if u.nquads
    }

    def graphs_of(piece: str) -> list[ox.NamedNode]:
        names = SHARED_GRAPHS if piece == SHARED else (piece,)
        return [ox.NamedNode(str(iris.graph(n))) for n in names]

    previous = _previous(settings, manifest, compiled.key, digests)
    store: ox.Store | None = None
    if previous is not None:
        store = _copy_store(previous, out / "store")
    if store is not None and manifest is not None:
        say(notice("copying_store"))
        old: dict[str, str] = manifest["pieces"]
        total, graphs = int(manifest["triples"]), dict(manifest["graphs"])
        changed = sorted(n for n in data if old.get(n) != digests[n])
        for name in sorted(old.keys() - data.keys()) + changed:
            for graph in graphs_of(name) if name in old else []:
                total = _remove_graph(store, graph, total)
                graphs.pop(graph.value.rsplit("/", 1)[-1], None)
            if name in data:
                total = _add_graphs(store, data[name], graphs_of(name), total)
                graphs |= _graph_counts(store, graphs_of(name))
    else:
        changed = sorted(data)
        say(notice("loading_store"))
        with (out / NQUADS).open("wb") as target:
            for path in data.values():
                pieces.append(path, target)
        store = ox.Store(str(out / "store"))
        store.bulk_load(path=str(out / NQUADS), format=NQ)
        total, graphs = 0, {}
    from graph import analyses  # networkx: only when building

    say(notice("analyses"))
    keys = {
        u.plan_id: analyses.analysis_key(compiled.key, u.nquads_sha256 or "")
        for u in compiled.units
    }
    found = analyses.compute(store, settings, out / CACHE, settings.dist_dir / CACHE, keys)
    analysis_graph = analyses.graph_name(settings)
    if previous is not None:
        before = analyses.keys_of(settings.dist_dir / CACHE)
        renewed = [*found.computed, analyses.NATIONAL]
        for plan in sorted(before.keys() - found.pieces.keys()) + renewed:
            old_piece = settings.dist_dir / CACHE / analyses.FOLDER / f"{plan}.nq"
            new_piece = found.pieces.get(plan)
            total += _replace_piece(store, old_piece, new_piece, analysis_graph, out)
        graphs |= _graph_counts(store, [analysis_graph])
    else:
        with (out / NQUADS).open("ab") as target:
            for path in found.pieces.values():
                pieces.append(path, target)
        with (out / "analyse.nq").open("wb") as target:
            for path in found.pieces.values():
                pieces.append(path, target)
        store.bulk_load(path=str(out / "analyse.nq"), format=NQ)
        (out / "analyse.nq").unlink()
        store.flush()
        store.optimize()
        graphs, total = _counts(store)
    if found.pieces and analysis_graph.value.rsplit("/", 1)[-1] not in graphs:
        graphs |= _graph_counts(store, [analysis_graph])
    graphs = {g: n for g, n in sorted(graphs.items()) if n}
    quads = len(store)
    rows = Catalog(store, settings).plans_in_store()  # `ivp plans` reads them (graph.catalog)
    (out / CACHE / dist.PLAN_ROWS).write_text(json.dumps(rows), encoding="utf-8")
    store.flush()
    del store
    plans = [u.plan_id for u in compiled.units]
    checked = len(compiled.units) - compiled.reused
    report = BuildReport(
        out,
        total,
        graphs,
        plans,
        checked,
        compiled.reused,
        incremental=previous is not None,
        analysed=len(found.computed),
        recomputed=found.recomputed,
    )
    if found.recomputed:
        say(
            notice(
                "analyses_done",
                computed=len(found.computed),
                reused=found.reused,
                recomputed=", ".join(found.recomputed),
            )
        )
    written = {
        **stamp,
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base": settings.base,
        "triples": total,
        "quads": quads,
        "graphs": graphs,
        "plans": plans,
        "files": sorted(OUTPUTS),  # offered; each written when first asked for (dump_file)
        DUMP_PIECES: [str(p.relative_to(out)) for p in [*data.values(), *found.pieces.values()]],
        "incremental": previous is not None,
        "changed": changed,
        "analyses": {
            "computed": found.computed,
            "reused": found.reused,
            "recomputed": found.recomputed,
        },
        "key": compiled.key,
        "pieces": digests,
    }
    (out / MANIFEST).write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
    return report


def _previous(
    settings: Settings, manifest: dict[str, Any] | None, key: str, digests: dict[str, str | None]
) -> Path | None:
    """The previous build's store, when this build should start from it; else None.

    Only a build for the same base and shared inputs that recorded its pieces, whose store
    nobody wrote to since (`ivp serve --writable` leaves WRITTEN), and only when few pieces
    changed: replacing a graph costs more than loading it, so past a tenth of them a fresh
    bulk load is faster.
    """
    if manifest is None or manifest.get("base") != settings.base or "pieces" not in manifest:
        return None
    old = manifest["pieces"]
    changed = sum(old.get(n) != d for n, d in digests.items()) + len(old.keys() - digests)
    if manifest.get("key") != key or changed > max(2, len(digests) // 10):
        return None
    folder = dist.current(settings.dist_dir)
    if folder is None or (folder / dist.WRITTEN).exists() or not (folder / "store").is_dir():
        return None
    return folder / "store"


def _copy_store(previous: Path, target: Path) -> ox.Store | None:
    """A writable copy of a finished store: a RocksDB checkpoint, hard links to its files."""
    try:
        ox.Store.read_only(str(previous)).backup(str(target))
        return ox.Store(str(target))
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return None


def _only_in(store: ox.Store, graph: ox.NamedNode) -> int:
    """How many of the graph's triples no other graph states."""
    rows = store.query(
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}"""
    )
    return int(next(iter(rows))[0].value)  # type: ignore[index]


def _remove_graph(store: ox.Store, graph: ox.NamedNode, total: int) -> int:
    """Drop a graph; return the distinct triples left of `total`."""
    total -= _only_in(store, graph)
    store.remove_graph(graph)
    return total


def _add_graphs(store: ox.Store, piece: Path, graphs: list[ox.NamedNode], total: int) -> int:
    """Load a piece holding whole `graphs`; return `total` plus the triples new to the store."""
    store.load(path=str(piece), format=NQ)  # a bulk load costs ~0.3 s per call
    return total + sum(_only_in(store, g) for g in graphs)


def _replace_piece(
    store: ox.Store, old: Path, new: Path | None, graph: ox.NamedNode, out: Path
) -> int:
    """Turn an analysis piece's old version in the store into its new one; return the
    change in quads (all of them distinct triples: the piece's subjects are minted for the
    analyses, so no other graph states its triples).

    Only the lines that differ are written: the national piece holds millions of quads, most
    of them the same from one build to the next, and removing and loading it whole would
    cost more than the rest of an incremental build.
    """
    before, after = _line_hashes(old), _line_hashes(new)
    gone, come = before - after, after - before
    if gone:
        tail = f" {graph} .\n".encode()
        triples = b"".join(
            line[: -len(tail)] + b" .\n" for line in _lines(old) if hash(line) in gone
        )
        store.update(f"DELETE DATA {{ GRAPH {graph} {{ {triples.decode()} }} }}")
    if come and new is not None:
        added = out / "added.nq"
        added.write_bytes(b"".join(line for line in _lines(new) if hash(line) in come))
        store.load(path=str(added), format=NQ)
        added.unlink()
    return len(come) - len(gone)


def _lines(path: Path | None) -> Iterator[bytes]:
    if path is None or not path.is_file():
        return
    with path.open("rb") as source:
        yield from source


def _line_hashes(path: Path | None) -> set[int]:
    """The hashes of a piece's lines (each line one quad, each quad once)."""
    return {hash(line) for line in _lines(path)}


def _graph_counts(store: ox.Store, graphs: list[ox.NamedNode]) -> dict[str, int]:
    """Triples in each of `graphs`, by the graph IRI's last segment."""
    counts = {}
    for g in graphs:
        rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        counts[g.value.rsplit("/", 1)[-1]] = int(next(iter(rows))[0].value)  # type: ignore[index]
    return counts


def _counts(store: ox.Store) -> tuple[dict[str, int], int]:
    """Triples per named graph, and distinct triples in all."""

    def rows(query: str) -> list[dict]:
        return rows_of(store.query(query))[1]

    per_graph = rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    graphs = dict(sorted((r["g"].rsplit("/", 1)[-1], r["n"]) for r in per_graph))
    total = rows(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )[0]["n"]
    return graphs, total
