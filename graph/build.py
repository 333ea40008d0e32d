"""`ivp build`: load, validate, and write the graph to dist/ without ever half-writing it.

Everything is written into a fresh folder beside dist/ and lands only when complete, in one
atomic rename (graph.dist), so a failed or killed build (bad data, full disk, Ctrl-C, kill -9)
leaves the previous dist/ intact, and the next build removes what it left.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import dist
from graph.config import Settings
from graph.notices import notice
from graph.pipeline import Compiled, PlanUnit, Say, Tick, check_data
from graph.store import (
    MANIFEST,
    fingerprint,
    input_stats,
    is_current,
    prefixes,
    read_manifest,
    rows_of,
)

CACHE = "cache"
# the union of all graphs in the triple formats; every graph in TriG and N-Quads
OUTPUTS = ["ivp.ttl", "ivp.nt", "ivp.jsonld", "ivp.trig", "ivp.nq"]
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


@dataclass
class BuildReport:
    dist_dir: Path
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    plans: list[str] = field(default_factory=list)
    checked: int = 0  # plans loaded and checked in this build
    reused: int = 0  # plans taken unchanged from the previous build
    current: bool = False  # nothing had changed: dist/ was left as it was


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
) -> BuildReport:
    """Check the data and write dist/ whole, or not at all.

    When no input changed since the last build, dist/ is left as it is (unless `force`).
    Otherwise plans whose inputs did not change are taken from dist/cache/ instead of being
    loaded and checked again.
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
    with dist.scratch(settings.dist_dir) as tmp:
        compiled = check_data(
            settings, tmp / CACHE, settings.dist_dir / CACHE, say=say, tick=tick, jobs=jobs
        )
        report = _write(compiled, settings, tmp, say, stamp)
        dist.land(tmp, settings.dist_dir)
    report.dist_dir = settings.dist_dir
    say(notice("built", triples=report.triples, graphs=len(report.graphs), dist=settings.dist_dir))
    return report


def _write(
    compiled: Compiled, settings: Settings, out: Path, say: Say, stamp: dict[str, Any]
) -> BuildReport:
    """Stream the checked N-Quads into the store, add the analyses, dump every format.

    Nothing holds the whole graph in Python: the plans' N-Quads are concatenated into
    ivp.nq, the store bulk-loads that file, and the other formats are written by Oxigraph
    straight from the store.
    """
    nquads = out / "ivp.nq"
    say(notice("writing_nq"))
    with nquads.open("wb") as target:
        for part in compiled.nquads():
            with part.open("rb") as source:
                shutil.copyfileobj(source, target, 1 << 20)
    say(notice("loading_store"))
    store = ox.Store(str(out / "store"))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    from graph.analysis.rdf import add_analysis_graph  # networkx: only when building

    say(notice("analyses"))
    analysis_graph = add_analysis_graph(store, settings)
    if analysis_graph is not None:
        with nquads.open("ab") as target:
            # not Store.dump(from_graph=...): it writes the graph's triples without its name
            quads = store.quads_for_pattern(None, None, None, analysis_graph)
            ox.serialize(quads, target, ox.RdfFormat.N_QUADS)
    say(notice("writing_formats"))
    _dump(store, out, prefixes(settings))
    store.flush()
    store.optimize()
    graphs, triples = _counts(store)
    del store
    plans = [u.plan_id for u in compiled.units]
    checked = len(compiled.units) - compiled.reused
    report = BuildReport(out, triples, graphs, plans, checked, compiled.reused)
    manifest = {
        **stamp,
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base": settings.base,
        "triples": triples,
        "graphs": graphs,
        "plans": plans,
        "files": sorted(OUTPUTS),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return report


def _dump(store: ox.Store, out: Path, names: dict[str, str]) -> None:
    """TriG of every graph; Turtle, N-Triples and JSON-LD of their union; at the same time.

    Oxigraph writes without holding the GIL, so the four files are written in parallel.
    Turtle and N-Triples are written graph by graph (a triple stated in two graphs appears
    twice, which any parser reads as one); JSON-LD, which cannot be concatenated, from a
    query for the distinct triples of all graphs (whose writer takes no prefixes: full IRIs).
    """
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)

    def by_graph(name: str, fmt: ox.RdfFormat) -> None:
        with (out / name).open("wb") as target:
            for graph in graphs:
                store.dump(target, fmt, from_graph=graph, prefixes=names)

    def jsonld() -> None:
        store.query(UNION).serialize(out / "ivp.jsonld", ox.RdfFormat.JSON_LD)

    with ThreadPoolExecutor(4) as pool:
        futures = [
            pool.submit(store.dump, out / "ivp.trig", ox.RdfFormat.TRIG, prefixes=names),
            pool.submit(by_graph, "ivp.ttl", ox.RdfFormat.TURTLE),
            pool.submit(by_graph, "ivp.nt", ox.RdfFormat.N_TRIPLES),
            pool.submit(jsonld),
        ]
        for future in futures:
            future.result()


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
