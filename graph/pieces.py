"""The dumps in pieces: each piece of the dataset (a plan's graph, the shared graphs, one
plan's analyses) is written once in every dump format, and the whole dumps are their
concatenation.

Why pieces: a curator edits one plan and rebuilds. Serialising 5.6 million triples five times
(what the build did) costs minutes; concatenating files costs what the disk copies, and even
that (3 GB nationally, 10 s) is paid only when a whole dump is asked for (graph.build's
`dump_file`), not on every build. A piece
whose quads did not change keeps its files from the previous build (hard-linked by the
caller), so an edit re-serialises one plan. Every format concatenates: N-Quads, N-Triples,
Turtle and TriG are sequences of statements (prefix declarations may recur), and JSON-LD, as
Oxigraph writes it, is one array of node objects, so the arrays are joined into one (a node
in two pieces appears twice, which a JSON-LD reader merges, as a Turtle reader merges a triple
stated twice).

A piece's N-Quads file is its truth; the other formats are written from it by an in-memory
Oxigraph store, never through Python objects per triple.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

NQUADS = "ivp.nq"
# the whole dumps written from pieces, by file name: the union of all graphs in the triple
# formats, every graph in TriG and N-Quads
FORMATS: dict[str, ox.RdfFormat] = {
    "ivp.ttl": ox.RdfFormat.TURTLE,
    "ivp.nt": ox.RdfFormat.N_TRIPLES,
    "ivp.jsonld": ox.RdfFormat.JSON_LD,
    "ivp.trig": ox.RdfFormat.TRIG,
}
OUTPUTS = [*FORMATS, NQUADS]
_TRIPLES = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD)


def suffix(fmt: ox.RdfFormat) -> str:
    return "." + fmt.file_extension


def files(nquads: Path) -> list[Path]:
    """Every file of the piece whose N-Quads are `nquads` (that file first)."""
    return [nquads, *(nquads.with_suffix(suffix(f)) for f in FORMATS.values())]


def write_formats(nquads: Path, prefixes: dict[str, str]) -> None:
    """Write the piece `nquads` (a .nq file) in every other dump format beside it."""
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    graphs = sorted((g for g in store.named_graphs()), key=lambda g: g.value)
    for fmt in FORMATS.values():
        names = None if fmt == ox.RdfFormat.JSON_LD else prefixes
        path = nquads.with_suffix(suffix(fmt))
        path.unlink(missing_ok=True)  # never write through a hard link into an older build
        with path.open("wb") as target:
            if fmt not in _TRIPLES:
                store.dump(target, fmt, prefixes=names)
                continue
            if fmt == ox.RdfFormat.JSON_LD:
                # one array for the whole piece, of every graph's triples
                parts = [_array_body(store.dump(format=fmt, from_graph=g)) for g in graphs]
                target.write(b"[" + b",".join(p for p in parts if p) + b"]")
                continue
            for graph in graphs:
                store.dump(target, fmt, from_graph=graph, prefixes=names)


def _array_body(document: bytes | None) -> bytes:
    """What lies between the brackets of a JSON-LD array document (b'' when empty)."""
    text = (document or b"").strip()
    if not (text.startswith(b"[") and text.endswith(b"]")):
        raise ValueError("Oxigraph's JSON-LD writer no longer writes one array")
    return text[1:-1].strip()


def link(src: Path, dst: Path) -> None:
    """Share a file of an older build (which is replaced after this one): link, not copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def digest(path: Path) -> str:
    """The sha256 of a piece's N-Quads: equal digests, equal quads."""
    sha = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def write_dump(pieces: Iterable[Path], name: str, target: BinaryIO) -> None:
    """Write the whole dump `name` (one of OUTPUTS) onto `target` from the pieces' files."""
    ext = Path(name).suffix
    paths = [piece.with_suffix(ext) for piece in pieces]
    if ext == ".jsonld":
        _join_arrays(paths, target)
        return
    for path in paths:
        append(path, target)


def append(path: Path, target: BinaryIO) -> None:
    """Copy a file's bytes onto the end of `target`, in the kernel where it can."""
    target.flush()
    with path.open("rb") as source:
        size = os.fstat(source.fileno()).st_size
        sent = 0
        try:
            while sent < size:
                n = os.copy_file_range(source.fileno(), target.fileno(), size - sent)
                if n == 0:
                    break
                sent += n
        except OSError:
            source.seek(sent)
            target.seek(0, os.SEEK_END)
            while block := source.read(1 << 20):
                target.write(block)
            return
    target.seek(0, os.SEEK_END)


def _join_arrays(paths: list[Path], target: BinaryIO) -> None:
    target.write(b"[")
    first = True
    for path in paths:
        body = _array_body(path.read_bytes())
        if body:
            target.write(body if first else b"," + body)
            first = False
    target.write(b"]")
