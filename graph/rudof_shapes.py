"""pyrudof as the fast first pass of the SHACL check (issue 14).

A national build checks hundreds of plans, and pyshacl takes about half of each plan's time.
pyrudof (Rust) finds the same results in about half pyshacl's time, writing the graph out as
N-Triples for it included (benchmarks/shacl_engines.py), but here it only decides *whether* a
graph holds: when it finds a result about a node the caller judges, pyshacl writes the report,
so the messages users read stay pyshacl's. tests/test_shacl_engines.py is the licence: on the
real plans, synthetic plans, the shared graphs and graphs broken in every constraint kind the
shapes use, both engines report the same results (focus node, path, component, value).

pyrudof 0.3.35 reads `sh:target [ a sh:SPARQLTarget ]` (SHACL-AF) and silently selects no
node. So each SPARQL target runs here as the query it is (over the same data, in pyrudof's
SPARQL engine) and the nodes it selects are typed with a class of their own, which the shape
then targets with `sh:targetClass`: the same focus nodes, through core SHACL.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Collection

import pyrudof
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

# the class a SPARQL target's nodes are typed with; no shape or data names this namespace
TARGET_CLASS = "urn:kruisverband:sparql-target:"


class Unsupported(Exception):
    """The shapes use a target this pass cannot rewrite; pyshacl then checks alone."""


def _prefixes(shapes: Graph, target: object) -> str:
    """The PREFIX lines of the query, from the sh:declare of every sh:prefixes node."""
    lines = []
    for owner in shapes.objects(target, SH.prefixes):  # type: ignore[arg-type]
        for declared in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declared, SH.prefix)
            namespace = shapes.value(declared, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


def _drop(g: Graph, node: object) -> None:
    """Remove `node`'s description from `g`, with the blank nodes it owns."""
    for p, o in list(g.predicate_objects(node)):  # type: ignore[arg-type]
        g.remove((node, p, o))  # type: ignore[arg-type]
        if isinstance(o, BNode):
            _drop(g, o)


def core_shapes(shapes: Graph) -> tuple[Graph, list[tuple[str, str]]]:
    """The shapes with each SPARQL target replaced by a class, and the (query, class) pairs.

    Raises Unsupported for a custom target of another kind.
    """
    core = Graph()
    core += shapes
    targets = []
    for number, (shape, target) in enumerate(sorted(shapes.subject_objects(SH.target))):
        select = shapes.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in shapes or not isinstance(select, Literal):
            raise Unsupported(f"{shape}: sh:target {target}")
        target_class = f"{TARGET_CLASS}{number}"
        targets.append((_prefixes(shapes, target) + str(select), target_class))
        core.remove((shape, SH.target, target))
        _drop(core, target)
        core.add((shape, SH.targetClass, URIRef(target_class)))
    return core, targets


# the one triple a session's data holds between checks: each check stages its graph over it
# and rolls back, which is 40 ms a plan cheaper than replacing the data (pyrudof 0.3.35 sets
# up a new store for that); no shape targets or reaches it
EMPTY = "<urn:kruisverband:empty> <urn:kruisverband:empty> <urn:kruisverband:empty> .\n"


class RudofShapes:
    """One pyrudof session holding the core shapes; each check stages its data."""

    def __init__(self, shapes: Graph) -> None:
        core, self.targets = core_shapes(shapes)
        self.rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self.rudof.read_shacl(core.serialize(format="turtle"), pyrudof.ShaclFormat.Turtle)
        self.rudof.read_data(EMPTY, pyrudof.RDFFormat.NTriples, merge=False)

    def report(self, g: Graph) -> pyrudof.ShaclValidationReport:
        """The shapes over `g`: `.conforms`, and one entry per result."""
        rudof = self.rudof
        rudof.begin_staging()
        try:
            rudof.read_data(g.serialize(format="nt"), pyrudof.RDFFormat.NTriples, merge=True)
            for query, target_class in self.targets:
                rudof.read_query(query)
                this = [row["?this"] for row in rudof.run_query()]
                if this:
                    rudof.add_triples([(n, f"<{RDF.type}>", f"<{target_class}>") for n in this])
            global _THREADS_OF
            _THREADS_OF = os.getpid()
            return rudof.validate_shacl(pyrudof.ShaclValidationMode.Native)
        finally:
            rudof.rollback_staging()

    def holds(self, g: Graph, focus: Collection[object] | None) -> bool:
        """No result about a node in `focus` (any node when None). False when pyrudof fails
        on the graph: pyshacl then decides, as it did before pyrudof."""
        try:
            return not any(about(entry, focus) for entry in self.report(g))
        except pyrudof.RudofError:
            return False


def about(entry: pyrudof.ShaclValidationEntry, focus: Collection[object] | None) -> bool:
    """Whether a result is about a node in `focus` (every node when None).

    A result about a blank node or a literal counts as one in `focus`: pyrudof's labels need
    not be rdflib's, and pyshacl then decides.
    """
    node = entry.focus_node
    return focus is None or node.startswith(("_:", '"')) or URIRef(node) in focus


# pyrudof validates on a pool of threads (rayon's), started by the first validation of a
# process. A fork keeps the pool's state but not its threads, so a forked child's validation
# waits for ever: a process forked after its parent validated checks with pyshacl alone. The
# build's workers fork from a parent that has not validated yet (the shared check comes after
# them), and start their own pool.
_THREADS_OF: int | None = None  # the process whose validation started the pool

# one session per shapes graph and process (a session is not shared across a fork)
_SESSIONS: dict[int, tuple[int, weakref.ref[Graph], RudofShapes | None]] = {}


def session(shapes: Graph) -> RudofShapes | None:
    """The pyrudof session for `shapes` in this process, or None when pyrudof cannot serve:
    shapes it cannot run, or a pool of threads inherited broken from a fork."""
    if _THREADS_OF is not None and os.getpid() != _THREADS_OF:
        return None
    key = id(shapes)
    found = _SESSIONS.get(key)
    if found is not None and found[0] == os.getpid() and found[1]() is shapes:
        return found[2]
    try:
        made: RudofShapes | None = RudofShapes(shapes)
    except Unsupported:
        made = None
    _SESSIONS[key] = (os.getpid(), weakref.ref(shapes), made)
    return made
