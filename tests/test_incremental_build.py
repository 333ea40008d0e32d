"""An incremental build gives exactly what a build from scratch gives, store and dumps.

Each test changes a private copy of the data (edits, removes and adds plans, edits and adds
registry entries), builds incrementally on the previous dist/ and from scratch into another,
and compares the quads of both stores and of every dump, blank nodes canonicalised (their
labels are minted per run). The plan edits must take the incremental path (the previous
store kept, one plan's analyses computed); a registry change reaches every plan, so it is
allowed to start from scratch, and must still agree.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import BuildReport, build, dump_file
from graph.config import Settings
from graph.pieces import OUTPUTS
from graph.store import open_store

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"
DATASETS = {"ivp.trig", "ivp.nq"}


def canonical(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def dump_quads(dist: Path, name: str) -> set[ox.Quad]:
    fmt = ox.RdfFormat.from_extension(name.rsplit(".", 1)[1])
    path = dump_file(dist, name)
    assert path is not None
    parsed = ox.parse(path=path, format=fmt)
    if name in DATASETS:
        return canonical(parsed)
    # the triple formats hold the union: compare as triples in the default graph
    return canonical(ox.Quad(q.subject, q.predicate, q.object) for q in parsed)


def assert_same_as_from_scratch(settings: Settings, tmp: Path) -> BuildReport:
    """Build `settings` incrementally and from scratch; everything written must agree."""
    report = build(settings)
    fresh = dataclasses.replace(settings, dist_dir=tmp / f"scratch-{len(list(tmp.iterdir()))}")
    reference = build(fresh, scratch=True)
    assert not reference.incremental
    stores = [open_store(s, rebuild=False) for s in (settings, fresh)]
    incremental, scratch = (canonical(s.quads_for_pattern(None, None, None, None)) for s in stores)
    assert len(incremental) == len(scratch) > 0
    assert incremental == scratch
    for name in OUTPUTS:
        assert dump_quads(settings.dist_dir, name) == dump_quads(fresh.dist_dir, name), name
    manifests = [json.loads((s.dist_dir / "build.json").read_text()) for s in (settings, fresh)]
    for key in ("triples", "quads", "graphs", "plans"):
        assert manifests[0][key] == manifests[1][key], key
    shutil.rmtree(fresh.dist_dir.resolve())
    return report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def first(project_copy: Settings, tmp_path: Path) -> Settings:
    build(project_copy)
    (tmp_path / "scratch").mkdir()
    return project_copy


def test_an_edited_plan_replaces_only_that_plan(first: Settings, tmp_path: Path) -> None:
    plan = first.data_dir / "plans" / f"{NIJMEGEN}.yaml"
    edit(plan, "label: Ondermijning", "label: Ondermijning en georganiseerde misdaad")
    report = assert_same_as_from_scratch(first, tmp_path / "scratch")
    assert report.incremental and (report.checked, report.reused) == (1, 1)
    assert report.analysed == 1  # the other plan's analyses were kept
    assert report.recomputed  # the analyses across plans were run again, and say so


def test_a_removed_and_re_added_plan(first: Settings, tmp_path: Path) -> None:
    plan = first.data_dir / "plans" / f"{NIJMEGEN}.yaml"
    kept = plan.read_text(encoding="utf-8")
    plan.unlink()
    report = assert_same_as_from_scratch(first, tmp_path / "scratch")
    assert report.incremental and report.plans == [PN] and report.analysed == 0
    plan.write_text(kept, encoding="utf-8")
    report = assert_same_as_from_scratch(first, tmp_path / "scratch")
    assert report.incremental and report.plans == [NIJMEGEN, PN] and report.analysed == 1


def test_two_edits_in_a_row_build_on_each_other(first: Settings, tmp_path: Path) -> None:
    plan = first.data_dir / "plans" / f"{PN}.yaml"
    edit(plan, "status: priority", "status: core")
    assert assert_same_as_from_scratch(first, tmp_path / "scratch").incremental
    edit(plan, "status: core", "status: priority")
    assert assert_same_as_from_scratch(first, tmp_path / "scratch").incremental


def test_an_edited_registry_entry(first: Settings, tmp_path: Path) -> None:
    registry = first.data_dir / "registry" / "partners.yaml"
    edit(registry, "label: Gemeente Nijmegen", "label: Gemeente Nijmegen (gewijzigd)")
    assert_same_as_from_scratch(first, tmp_path / "scratch")


def test_an_added_registry_entry(first: Settings, tmp_path: Path) -> None:
    registry = first.data_dir / "registry" / "target-groups.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "\n- id: testgroep\n  label: Testgroep\n  definition: Alleen voor deze test.\n",
        encoding="utf-8",
    )
    assert_same_as_from_scratch(first, tmp_path / "scratch")


def test_a_store_written_by_the_endpoint_is_not_built_upon(first: Settings, tmp_path: Path) -> None:
    """`ivp serve --writable` changes the build's store: the next build must not keep that."""
    store = ox.Store(str(first.store_dir.resolve()))
    store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.Literal("z")))
    del store
    (first.dist_dir.resolve() / "store-written").touch()
    edit(first.data_dir / "plans" / f"{PN}.yaml", "status: priority", "status: core")
    report = assert_same_as_from_scratch(first, tmp_path / "scratch")
    assert not report.incremental
