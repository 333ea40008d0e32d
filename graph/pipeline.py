"""From data files to validated N-Quads, one plan at a time: in parallel, and only what changed.

A plan depends on its own YAML file, its source text, and the shared part (ontology, shapes,
registries, base IRI and the code that builds); it never depends on another plan. So each plan
is loaded and checked on its own (quotes, values and SHACL over its named graph, with the
types of the shared nodes it points at), in worker processes when there are many, and a valid
plan's N-Quads are kept in dist/cache/ under a key of everything it depends on. The next build
reuses them for the plans whose inputs did not change; a changed registry or ontology changes
every key, because every plan is checked against it.

What this cannot see per plan is checked once, in the parent: the shared graphs (model and
register) against the shapes, and the model's quotes (the VNG scheme cites a plan section)
against the sections and source text of the plan they cite.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from graph import pieces
from graph.config import Settings
from graph.entries import Context
from graph.notices import notice
from graph.plan_loader import PlanLoader
from graph.problems import CannotRun, InvalidData, Problem, relative
from graph.registry import load_model, load_registries
from graph.store import code_files, digest_of, prefixes
from graph.validate import check_quotes, check_shapes, check_values, read_shapes

Say = Callable[[str], None]
Tick = Callable[[int, int], None]  # (plans done, plans in all)

SHARED_GRAPHS = ("model", "register")
# inside the cache folder: per valid plan <plan>.json, and <plan>.nq with the same graph in
# every other dump format beside it (graph.pieces)
PLANS = "plans"
SHARED = "shared.nq"  # the shared graphs' piece, in the cache folder
SHARED_CHECK = "shared.checked"  # the key of the inputs of the last shared check that passed
# below this many plans to check, worker start-up costs more than it saves
PARALLEL_FROM = 8


@dataclass
class PlanUnit:
    """One plan checked: its N-Quads file, or the problems that kept it from one."""

    plan_id: str
    file: str
    key: str
    nquads: str | None = None  # file name in the cache folder
    nquads_sha256: str | None = None  # its digest: equal digests, the same quads
    triples: int = 0
    source: str | None = None  # path of the source text it was checked against
    source_sha256: str | None = None
    sections: list[str] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)  # ivp: class -> instances, `ivp stats`
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Compiled:
    """Everything a build needs: the shared graphs' N-Quads and one unit per plan."""

    folder: Path
    shared: Path
    units: list[PlanUnit]
    reused: int
    key: str  # of the shared part every plan was checked against (shared_key)

    def nquads(self) -> Iterator[Path]:
        yield self.shared
        for unit in self.units:
            if unit.nquads:
                yield self.folder / PLANS / unit.nquads


class Shared:
    """The model, the registries and the shapes that every plan is checked against."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ctx = Context(settings)
        load_model(self.ctx)
        load_registries(self.ctx)
        self.shapes = read_shapes(settings.ontology_dir / "shapes.ttl", settings.base)
        shared = Graph()
        for name in SHARED_GRAPHS:
            shared += self.ctx.graph(name)
        self.graph = shared
        # what the shared graphs say about each node, for the plans that point at it
        self.about: dict[object, list[tuple]] = {}
        for triple in shared:
            self.about.setdefault(triple[0], []).append(triple)
        self.subclasses = list(shared.triples((None, RDFS.subClassOf, None)))
        self.key = shared_key(settings)

    def check_plan(self, path: Path, key: str, folder: Path) -> PlanUnit:
        """Load one plan into its own context, check it, and write its N-Quads if valid."""
        ctx = self.ctx.fresh()
        result = ctx.result
        plan_id = path.stem
        unit = PlanUnit(plan_id, relative(path, self.settings.data_dir.parent), key)
        PlanLoader(ctx, path).load()
        g = ctx.graph(plan_id)
        problems = list(result.problems)
        problems += check_quotes(result, g)
        problems += check_values(result, g)
        # the nodes the plan types; a shared node it only says more of (a partner's
        # org:hasMember from a plan's memberships) is still described by the register
        described = set(g.subjects(RDF.type, None))
        # what the shared graphs say of the nodes the plan points at (their types, schemes),
        # so that sh:class and paths through them can be checked here; never written out
        pointed_at = {n for n in (*g.objects(), *g.subjects()) if isinstance(n, URIRef)}
        pointed_at -= described
        written = len(g)
        nquads = as_nquads(g)
        unit.classes = class_counts(g, str(ctx.ivp))
        for node in pointed_at:
            for triple in self.about.get(node, ()):
                g.add(triple)
        for triple in self.subclasses:
            g.add(triple)
        problems += check_shapes(result, g, self.shapes, focus=described)
        unit.problems = problems
        unit.sections = sorted(str(s) for s in g.subjects(RDF.type, ctx.ivp.Section))
        source = result.sources.get(plan_id)
        if source is not None:
            unit.source, unit.source_sha256 = str(source), _sha256(source.read_bytes())
        if not problems:
            unit.nquads, unit.triples = f"{plan_id}.nq", written
            unit.nquads_sha256 = _sha256(nquads)
            target = folder / PLANS / unit.nquads
            target.unlink(missing_ok=True)  # never write through a link into an older build
            target.write_bytes(nquads)
            pieces.write_formats(folder / PLANS / unit.nquads, prefixes(self.settings))
            record = json.dumps(_record(unit))
            (folder / PLANS / f"{plan_id}.json").unlink(missing_ok=True)
            (folder / PLANS / f"{plan_id}.json").write_text(record, encoding="utf-8")
        return unit


def class_counts(g: Graph, namespace: str) -> dict[str, int]:
    """How many nodes of each class of `namespace` the plan's own graph types, as `ivp stats`
    counts them in the store; counted here, where the graph is at hand, a national `ivp stats`
    reads them instead of grouping every typed node of every plan (5 s)."""
    counted: Counter[str] = Counter()
    if (None, URIRef(namespace + "hasTheme"), None) not in g:
        return {}  # as the query: only the graphs of plans with themes
    for _node, cls in set(g.subject_objects(RDF.type)):
        if str(cls).startswith(namespace):
            counted[str(cls).rsplit("#", 1)[-1]] += 1
    return dict(counted)


def as_nquads(g: Graph) -> bytes:
    """The graph as N-Quads in its own named graph: N-Triples with the graph name added."""
    name = f" <{g.identifier}> .\n".encode()
    lines = g.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(line[:-3] + name for line in lines if line.endswith(b" .\n"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record(unit: PlanUnit) -> dict:
    record = asdict(unit)
    del record["problems"]  # only valid plans are kept
    return record


def shared_key(settings: Settings) -> str:
    """A hash of what every plan is checked against (not the plans, not their texts)."""
    files = [
        *sorted(settings.ontology_dir.glob("*.ttl")),
        *sorted((settings.data_dir / "registry").glob("*.yaml")),
        *sorted((settings.data_dir / "reference").glob("*.csv")),  # the partners' regions
        *code_files(),
    ]
    return digest_of(settings.base, files)


def plan_key(shared: str, path: Path) -> str:
    return _sha256(shared.encode() + b"\0" + path.read_bytes())


def _reuse(previous: Path | None, folder: Path, path: Path, key: str) -> PlanUnit | None:
    """The unit cached by an earlier build for exactly these inputs, moved into `folder`."""
    if previous is None:
        return None
    try:
        record = json.loads((previous / PLANS / f"{path.stem}.json").read_text(encoding="utf-8"))
        unit = PlanUnit(**record)
        if unit.key != key or unit.nquads is None or unit.source is None or not unit.nquads_sha256:
            return None
        if _sha256(Path(unit.source).read_bytes()) != unit.source_sha256:
            return None
        names = [f"{path.stem}.json", *(p.name for p in pieces.files(Path(unit.nquads)))]
        if not all((previous / PLANS / name).is_file() for name in names):
            return None  # written by a version that kept fewer files
        for name in names:
            pieces.link(previous / PLANS / name, folder / PLANS / name)
    except (OSError, ValueError, TypeError):
        return None  # no usable cache entry: check the plan again
    return unit


# --- worker processes ---------------------------------------------------------------------

_SHARED: Shared | None = None


def _start_worker(settings: Settings) -> None:
    global _SHARED
    if _SHARED is None or _SHARED.settings != settings:  # inherited when forked
        _SHARED = Shared(settings)


def _check_in_worker(path: Path, key: str, folder: Path) -> PlanUnit:
    assert _SHARED is not None
    return _SHARED.check_plan(path, key, folder)


# --- the whole data folder ----------------------------------------------------------------


def check_data(
    settings: Settings,
    folder: Path,
    previous: Path | None = None,
    say: Say | None = None,
    tick: Tick | None = None,
    jobs: int | None = None,
) -> Compiled:
    """Check every plan (reusing `previous` cache entries) and write N-Quads into `folder`.

    Raises InvalidData with every problem found, in the plans and in the shared part.
    """
    global _SHARED
    say = say or (lambda _msg: None)
    for data_folder in (settings.data_dir, settings.ontology_dir):
        if not data_folder.is_dir():
            raise CannotRun(notice("no_folder", folder=data_folder))
    (folder / PLANS).mkdir(parents=True, exist_ok=True)
    say(notice("loading_model"))
    shared = _SHARED = Shared(settings)
    paths = sorted((settings.data_dir / "plans").glob("*.yaml"))
    units: dict[str, PlanUnit] = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        key = plan_key(shared.key, path)
        unit = _reuse(previous, folder, path, key)
        if unit is None:
            todo.append((path, key))
        else:
            units[path.stem] = unit
    reused = len(units)
    say(notice("unchanged", reused=reused, n=len(paths), todo=len(todo)))
    tick = tick or (lambda _done, _total: None)
    tick(reused, len(paths))
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        with ProcessPoolExecutor(
            min(jobs, len(todo)), initializer=_start_worker, initargs=(settings,)
        ) as pool:
            futures = [pool.submit(_check_in_worker, p, k, folder) for p, k in todo]
            for future in as_completed(futures):
                unit = future.result()
                units[unit.plan_id] = unit
                tick(len(units), len(paths))
    else:
        for path, key in todo:
            units[path.stem] = shared.check_plan(path, key, folder)
            tick(len(units), len(paths))
    ordered = [units[p.stem] for p in paths]
    checked_key = _shared_check_key(shared, ordered)
    if _read(previous, SHARED_CHECK) == checked_key:
        problems = []  # the same shared part against the same plan sections passed before
    else:
        problems = _check_shared(shared, ordered)
    for unit in ordered:
        problems += unit.problems
    if problems:
        raise InvalidData(problems)
    (folder / SHARED_CHECK).write_text(checked_key, encoding="utf-8")
    shared_nq = folder / SHARED
    shared_nq.write_bytes(b"".join(as_nquads(shared.ctx.graph(name)) for name in SHARED_GRAPHS))
    pieces.write_formats(shared_nq, prefixes(settings))
    return Compiled(folder, shared_nq, ordered, reused, shared.key)


def _shared_check_key(shared: Shared, units: list[PlanUnit]) -> str:
    """What `_check_shared` reads: the shared inputs, and the plans' sections and sources."""
    cited = [(u.plan_id, u.sections, u.source, u.source_sha256) for u in units]
    return _sha256(shared.key.encode() + json.dumps(cited).encode())


def _read(folder: Path | None, name: str) -> str | None:
    try:
        return (folder / name).read_text(encoding="utf-8")  # type: ignore[operator]
    except (OSError, TypeError):
        return None


def _check_shared(shared: Shared, units: list[PlanUnit]) -> list[Problem]:
    """The shared graphs against the shapes, and the model's quotes against the plans they cite.

    The VNG scheme's quotes cite a plan's section: the sections the plans define are typed
    here (as the plans type them), so that sh:class ivp:Section holds for those only.
    """
    problems = list(shared.ctx.result.problems)
    plan_of_section = {URIRef(s): u.plan_id for u in units for s in u.sections}
    sources = {u.plan_id: Path(u.source) for u in units if u.source}
    model = shared.ctx.graph("model")
    problems += check_quotes(shared.ctx.result, model, plan_of_section, sources)
    described = set(shared.graph.subjects())
    section = shared.ctx.ivp.Section
    for cited in set(model.objects(None, DCTERMS.isPartOf)) & plan_of_section.keys():
        shared.graph.add((cited, RDF.type, section))
    problems += check_shapes(shared.ctx.result, shared.graph, shared.shapes, focus=described)
    return problems
