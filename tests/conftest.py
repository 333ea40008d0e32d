"""Shared fixtures: the real curated data, built once per session into a temporary dist/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.catalog import Catalog
from graph.config import PROJECT_ROOT, Settings
from graph.store import open_store


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped data and ontology, with a private dist/ so tests never touch the real one."""
    return Settings(
        data_dir=PROJECT_ROOT / "data",
        ontology_dir=PROJECT_ROOT / "ontology",
        dist_dir=tmp_path_factory.mktemp("build") / "dist",
    )


@pytest.fixture(scope="session")
def built(settings: Settings) -> Settings:
    build(settings)
    return settings


@pytest.fixture(scope="session")
def catalog(built: Settings) -> Catalog:
    return Catalog(open_store(built), built)


@pytest.fixture
def project_copy(tmp_path: Path) -> Settings:
    """A writable copy of data/ and ontology/, for tests that break things on purpose."""
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    shutil.copytree(PROJECT_ROOT / "ontology", tmp_path / "ontology")
    return Settings(
        data_dir=tmp_path / "data", ontology_dir=tmp_path / "ontology", dist_dir=tmp_path / "dist"
    )


@pytest.fixture
def run_cli(built: Settings):
    """Invoke `ivp` in-process against the session build."""
    from cli import main

    def invoke(*args: str, settings: Settings | None = None):
        s = settings or built
        return CliRunner().invoke(
            main,
            ["--data", str(s.data_dir), "--dist", str(s.dist_dir), *args],
            catch_exceptions=False,
        )

    return invoke
