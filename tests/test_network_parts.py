"""An incremental build's network, merged from kept parts and the plans read again, is what
reading the whole store gives (graph.network_parts), and a bad part is read from the store.

On a private copy of the real data, as tests/test_incremental_build.py; the PlanData the
build's analyses ran on is caught where graph.analyses asks for it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph import analyses, network, network_parts
from graph.analysis_cache import CACHE
from graph.build import build
from graph.config import Settings
from graph.network import PlanData
from graph.store import open_store

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"


@pytest.fixture
def first(project_copy: Settings) -> Settings:
    build(project_copy)
    return project_copy


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[network_parts.Loaded]:
    """Every network the build's analyses are given, in order."""
    seen: list[network_parts.Loaded] = []
    original = network_parts.load

    def recording(*args, **kwargs) -> network_parts.Loaded:
        seen.append(original(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(analyses.network_parts, "load", recording)
    return seen


def parts_folder(settings: Settings) -> Path:
    return settings.dist_dir / CACHE / analyses.FOLDER


def assert_same_as_whole_load(settings: Settings, data: PlanData) -> None:
    whole = network.load(open_store(settings, rebuild=False), settings)
    assert whole.plans and whole.involvements and whole.mappings and whole.budget_lines
    for f in dataclasses.fields(PlanData):
        assert getattr(data, f.name) == getattr(whole, f.name), f.name


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_rebuild_reads_only_the_edited_plan(first: Settings, loads: list) -> None:
    edit(first.data_dir / "plans" / f"{NIJMEGEN}.yaml", "label: Ondermijning", "label: Ondermijn")
    report = build(first)
    assert report.incremental
    [loaded] = loads
    assert loaded.taken == {PN} and loaded.read == [NIJMEGEN]
    assert_same_as_whole_load(first, loaded.data)
    keys = analyses.keys_of(first.dist_dir / CACHE)
    for plan in (NIJMEGEN, PN):  # both parts kept for the next build, the edited one anew
        path = network_parts.path_of(parts_folder(first), plan)
        assert network_parts.read(path, plan, keys[plan]) is not None


def test_a_build_from_scratch_keeps_parts_that_add_up(first: Settings) -> None:
    store = open_store(first, rebuild=False)
    keys = analyses.keys_of(first.dist_dir / CACHE)
    loaded = network_parts.load(store, first, keys, parts_folder(first), keys)
    assert loaded.taken == {NIJMEGEN, PN} and loaded.read == []
    assert_same_as_whole_load(first, loaded.data)


def corrupt(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")


def foreign(path: Path) -> None:
    path.write_bytes(network_parts.path_of(path.parent, NIJMEGEN).read_bytes())


@pytest.mark.parametrize("spoil", [corrupt, Path.unlink, foreign], ids=lambda f: f.__name__)
def test_a_bad_part_is_read_from_the_store(first: Settings, loads: list, spoil) -> None:
    path = network_parts.path_of(parts_folder(first), PN)
    spoil(path)
    keys = analyses.keys_of(first.dist_dir / CACHE)
    assert network_parts.read(path, PN, keys[PN]) is None
    build(first, force=True)
    [loaded] = loads
    assert loaded.taken == {NIJMEGEN} and loaded.read == [PN]
    assert_same_as_whole_load(first, loaded.data)
    assert network_parts.read(network_parts.path_of(parts_folder(first), PN), PN, keys[PN])


def test_a_part_of_another_key_is_not_taken(first: Settings) -> None:
    keys = analyses.keys_of(first.dist_dir / CACHE)
    path = network_parts.path_of(parts_folder(first), PN)
    assert network_parts.read(path, PN, keys[PN]) is not None
    assert network_parts.read(path, PN, keys[NIJMEGEN]) is None
    assert network_parts.read(path, NIJMEGEN, keys[PN]) is None
