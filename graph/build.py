"""`ivp build`: load, validate, and write the graph to dist/ without ever half-writing it.

Everything is written into a fresh temporary folder next to dist/ and swapped in only when
complete, so a failed build (bad data, full disk, Ctrl-C) leaves the previous dist/ intact.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.config import Settings
from graph.loader import LoadResult, load
from graph.problems import CannotRun, InvalidData
from graph.store import MANIFEST, fingerprint, prefixes
from graph.validate import validate

Progress = Callable[[str], None]

# file name -> format; the union of all graphs for triple formats, every graph for TriG/N-Quads
OUTPUTS = {
    "ivp.ttl": ox.RdfFormat.TURTLE,
    "ivp.nt": ox.RdfFormat.N_TRIPLES,
    "ivp.jsonld": ox.RdfFormat.JSON_LD,
    "ivp.trig": ox.RdfFormat.TRIG,
    "ivp.nq": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass
class BuildReport:
    dist_dir: Path
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    plans: list[str] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)


def load_and_validate(settings: Settings, progress: Progress | None = None) -> LoadResult:
    say = progress or (lambda _msg: None)
    for folder in (settings.data_dir, settings.ontology_dir):
        if not folder.is_dir():
            raise CannotRun(f"folder {folder} does not exist")
    say("loading ontology, registries and plans")
    result = load(settings)
    problems = validate(result, settings, progress=say)
    if problems:
        raise InvalidData(problems)
    return result


def build(settings: Settings, progress: Progress | None = None) -> BuildReport:
    say = progress or (lambda _msg: None)
    result = load_and_validate(settings, say)
    dataset = result.dataset
    # computed, not curated: network analysis scores into their own named graph 'analyse'
    from graph.analysis.rdf import add_analysis_graph

    say("computing the network analyses into graph 'analyse'")
    add_analysis_graph(dataset, settings)
    parent = settings.dist_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{settings.dist_dir.name}.", dir=parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; dist/ is meant to be shared and served
    try:
        report = _write(result, settings, tmp, say)
        _swap(tmp, settings.dist_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.dist_dir = settings.dist_dir
    say(f"built {report.triples} triples in {len(report.graphs)} graphs into {settings.dist_dir}")
    return report


def _write(result: LoadResult, settings: Settings, out: Path, say: Progress) -> BuildReport:
    """N-Quads from rdflib, then the store, then every other format from the store.

    Oxigraph's serializers are an order of magnitude faster than rdflib's, so rdflib only
    writes the one streaming format the store loads from.
    """
    dataset = result.dataset
    say("writing ivp.nq")
    dataset.serialize(destination=out / "ivp.nq", format="nquads", encoding="utf-8")
    say("loading the store")
    store = ox.Store(str(out / "store"))
    store.bulk_load(path=str(out / "ivp.nq"), format=ox.RdfFormat.N_QUADS)
    quads = list(store.quads_for_pattern(None, None, None, None))
    union = list(dict.fromkeys(q.triple for q in quads))
    names = prefixes(settings)
    for name, fmt in OUTPUTS.items():
        if fmt in QUAD_FORMATS and name != "ivp.nq":
            say(f"writing {name}")
            ox.serialize(quads, out / name, fmt, prefixes=names)
        elif fmt not in QUAD_FORMATS:
            say(f"writing {name}")
            ox.serialize(union, out / name, fmt, prefixes=names)
    store.flush()
    store.optimize()
    del store
    graphs = dict(sorted(Counter(q.graph_name.value.rsplit("/", 1)[-1] for q in quads).items()))
    classes = Counter(
        t.object.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for t in union
        if t.predicate == RDF_TYPE
    )
    report = BuildReport(out, len(union), graphs, list(result.plans), dict(classes))
    manifest = {
        "fingerprint": fingerprint(settings),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base": settings.base,
        "triples": report.triples,
        "graphs": graphs,
        "plans": report.plans,
        "files": sorted(OUTPUTS),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return report


def _swap(new: Path, dist: Path) -> None:
    """Put `new` in the place of `dist`; the old one is removed only after the rename."""
    old = None
    if dist.exists():
        old = dist.with_name(f".{dist.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        dist.rename(old)
    new.rename(dist)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
