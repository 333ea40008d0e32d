"""The persistent store that commands open instead of re-parsing the sources.

It is an Oxigraph (RocksDB) store in dist/store, written by `ivp build`. Readers open it
read-only, so a CLI query and a running endpoint can use it at once. The build writes a
fingerprint of its inputs next to it; a store whose fingerprint differs from the current
inputs is stale and is rebuilt before use.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.config import Settings
from graph.notices import notice
from graph.problems import InvalidData, Problem, shown

MANIFEST = "build.json"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "qb": "http://purl.org/linked-data/cube#",
    "oa": "http://www.w3.org/ns/oa#",
}


def prefixes(settings: Settings) -> dict[str, str]:
    """The prefixes every query may use without declaring them."""
    return PREFIXES | {"ivp": settings.base + "def/ivp#", "id": settings.base + "id/"}


def input_files(settings: Settings) -> Iterator[Path]:
    for folder, pattern in (
        (settings.ontology_dir, "*.ttl"),
        (settings.data_dir / "plans", "*.yaml"),
        (settings.data_dir / "registry", "*.yaml"),
        (settings.data_dir / "sources", "*.txt"),
        (settings.data_dir / "reference", "*.csv"),  # regions of the partners' scope
    ):
        yield from sorted(folder.glob(pattern))


def code_files() -> list[Path]:
    """The code that builds: a change to it may change what a build writes."""
    return sorted(Path(__file__).parent.rglob("*.py"))


def digest_of(base: str, files: Iterable[Path]) -> str:
    """A hash of the base IRI and of each file's name and content."""
    digest = hashlib.sha256(base.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(settings: Settings) -> str:
    """A hash of every input of the build: data, ontology, base IRI, and the code that builds."""
    return digest_of(settings.base, _build_inputs(settings))


def _build_inputs(settings: Settings) -> list[Path]:
    return [*input_files(settings), *code_files()]


def input_stats(settings: Settings) -> dict[str, list[int]]:
    """Size and modification time of every input: a cheap first look before hashing them."""
    stats = {}
    for path in _build_inputs(settings):
        info = path.stat()
        stats[str(path)] = [info.st_size, info.st_mtime_ns]
    return stats


def read_manifest(settings: Settings) -> dict[str, Any] | None:
    try:
        return json.loads((settings.dist_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def generation(settings: Settings) -> str | None:
    """Which build dist/ holds now, cheaply (one readlink, no file read): it changes when a
    build lands, because every build lands in a folder of its own (graph.dist).

    A long-running reader (the endpoint) checks it before each request and reopens the store
    when it changed, so that every answer comes from one build.
    """
    try:
        return os.readlink(settings.dist_dir)
    except OSError:  # missing, or a real folder written by an older version
        pass
    try:
        info = (settings.dist_dir / MANIFEST).stat()
    except OSError:
        return None
    return f"{info.st_dev}:{info.st_ino}:{info.st_mtime_ns}"


def store_path(settings: Settings) -> Path:
    """The store of the build dist/ stands for now, with the link resolved.

    A reader opens this rather than dist/store, so it keeps the build that was current when it
    opened, even after the next build lands and dist/ points elsewhere.
    """
    return settings.store_dir.resolve()


def is_current(settings: Settings) -> bool:
    """Was the store built from exactly the current inputs?

    Unchanged sizes and times settle it without reading a file (a national data folder holds
    tens of megabytes: hashing them all would double a cold command's start); otherwise the
    content hash decides, so a touched but unchanged file does not force a rebuild.
    """
    manifest = read_manifest(settings)
    if manifest is None or not settings.store_dir.is_dir():
        return False
    if manifest.get("base") == settings.base and manifest.get("inputs") == input_stats(settings):
        return True
    return manifest.get("fingerprint") == fingerprint(settings)


def ensure_current(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Build the store first when it is missing or stale; InvalidData if the data is broken."""
    if not is_current(settings):
        from graph.build import build  # the build imports this module

        if progress:
            progress(notice("building_first"))
        build(settings, progress=progress)


def open_store(
    settings: Settings, progress: Callable[[str], None] | None = None, rebuild: bool = True
) -> ox.Store:
    """The built store, read-only; (re)built first when it is missing or stale."""
    if rebuild:
        ensure_current(settings, progress)
    return ox.Store.read_only(str(store_path(settings)))


@dataclass(frozen=True)
class Stale:
    """dist/ holds the last good build, older than data/: data/ changed since, and is broken."""

    built: str  # when the build that is served was made (build.json)
    problems: tuple[Problem, ...]
    data: str = "data/"  # the data folder as the reader named it (--data DIR), to say which

    def summary(self) -> str:
        first, more = self.problems[0], len(self.problems) - 1
        return (
            f"serving the last good build, of {self.built}, because {self.data} changed since and "
            f"does not validate: {first}" + (f" (and {more} more problems)" if more else "")
        )

    def lines(self, limit: int = 10) -> list[str]:
        """What a command says on stderr: the summary, then the first `limit` problems.

        A reader repeats this on every run; `ivp validate` is where all of them are listed.
        """
        more = len(self.problems) - limit
        return [
            notice("stale", data=self.data, built=self.built),
            *(f"  {p}" for p in self.problems[:limit]),
            *([notice("stale_more", more=more)] if more > 0 else []),
        ]


@dataclass(frozen=True)
class Opened:
    """A store opened for reading, the build folder it is in, and whether that build is stale."""

    store: ox.Store
    path: Path  # the store's folder, link resolved: more readers of the same build open this
    stale: Stale | None = None


def open_build(settings: Settings, progress: Callable[[str], None] | None = None) -> Opened:
    """The store, rebuilt first when stale; if data/ is broken, the last good build instead.

    For readers (listings, queries, the endpoint): a typo in data/ should not take down what
    the last good build still answers correctly. With no good build to fall back on (none, or
    one for another base IRI) the problems are raised as InvalidData. Building and validating
    never fall back.
    """
    stale = None
    try:
        ensure_current(settings, progress)
    except InvalidData as err:
        manifest = read_manifest(settings)
        if (
            manifest is None
            or manifest.get("base") != settings.base
            or not settings.store_dir.is_dir()
        ):
            raise
        built = str(manifest.get("built", "an unknown time"))
        stale = Stale(built, tuple(err.problems), shown(settings.data_dir) + "/")
    path = store_path(settings)
    return Opened(ox.Store.read_only(str(path)), path, stale)


def python_value(term: Any) -> Any:
    """A SPARQL result term as a plain Python value (numbers as numbers, IRIs as strings)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long", "nonNegativeInteger"):
            return int(term.value)
        if datatype == "decimal":
            number = Decimal(term.value)
            return int(number) if number == number.to_integral_value() else float(number)
        if datatype in ("double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    return term.value


def sparql_string(value: str) -> str:
    """A SPARQL string literal for any text, so user input can never change a query's shape."""
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def rows_of(solutions: ox.QuerySolutions) -> tuple[list[str], list[dict[str, Any]]]:
    """A SELECT answer (local or parsed from a remote store) as variable names and plain rows."""
    names = [v.value for v in solutions.variables]
    return names, [{n: python_value(row[n]) for n in names} for row in solutions]


def select(store: ox.Store, query: str, settings: Settings) -> list[dict]:
    """Run a SELECT over the union of all graphs; return rows of plain values."""
    solutions = store.query(query, prefixes=prefixes(settings), use_default_graph_as_union=True)
    return rows_of(solutions)[1]
