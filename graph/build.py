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
from rdflib import RDF, Dataset

from graph.config import Settings
from graph.loader import LoadResult, load
from graph.problems import CannotRun, InvalidData
from graph.store import MANIFEST, PREFIXES, fingerprint
from graph.validate import validate

Progress = Callable[[str], None]

# file name -> rdflib serializer; the union graph for triple formats, all graphs for TriG/N-Quads
OUTPUTS = {
    "ivp.ttl": "turtle",
    "ivp.nt": "nt",
    "ivp.jsonld": "json-ld",
    "ivp.trig": "trig",
    "ivp.nq": "nquads",
}


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
    _bind(dataset, settings)
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


def _bind(dataset: Dataset, settings: Settings) -> None:
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    dataset.bind("ivp", settings.base + "def/ivp#", override=True)


def _write(result: LoadResult, settings: Settings, out: Path, say: Progress) -> BuildReport:
    dataset = result.dataset
    union = Dataset()
    _bind(union, settings)
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    graphs = {
        str(g.identifier).rsplit("/", 1)[-1]: len(g)
        for g in dataset.graphs()
        if len(g) and str(g.identifier).startswith(settings.base)
    }
    for name, fmt in OUTPUTS.items():
        say(f"writing {name}")
        source = dataset if fmt in ("trig", "nquads") else union
        kwargs: dict[str, object] = {"encoding": "utf-8"}
        if fmt == "json-ld":
            kwargs["auto_compact"] = True
        source.serialize(destination=out / name, format=fmt, **kwargs)
    say("loading the store")
    store = ox.Store(str(out / "store"))
    store.bulk_load(path=str(out / "ivp.nq"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    classes = Counter(
        str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for o in union.objects(None, RDF.type)
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
