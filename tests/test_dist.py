"""dist/ as a link to its build: one atomic swap, killed builds cleaned up, readers kept whole.

The kill is real (SIGKILL of an `ivp build` subprocess in the middle of writing), and so is the
server that must still answer afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from endpoint_support import running_server

from graph.build import build
from graph.config import PROJECT_ROOT, Settings
from graph.dist import PREVIOUS, builds_dir
from graph.store import generation, open_store, store_path

CHANGES = ("os.rename", "os.remove", "os.rmdir", "shutil.rmtree")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def builds(settings: Settings) -> set[Path]:
    return {p for p in builds_dir(settings.dist_dir).iterdir() if p.name != PREVIOUS}


def test_killed_build_leaves_dist_serving_and_the_next_build_clears_it(
    project_copy: Settings,
) -> None:
    build(project_copy)
    dist = project_copy.dist_dir
    good, manifest = dist.resolve(), (dist / "build.json").read_bytes()
    command = [
        sys.executable, "-m", "cli",
        "--data", str(project_copy.data_dir), "--dist", str(dist), "build", "--force",
    ]  # fmt: skip
    env = {**os.environ, "KRUISVERBAND_ONTOLOGY": str(project_copy.ontology_dir)}
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline, half_written = time.monotonic() + 120, None
    while half_written is None and time.monotonic() < deadline and process.poll() is None:
        for path in builds(project_copy) - {good}:
            if (path / "store").is_dir():  # the new store is being loaded
                half_written = path
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    assert half_written is not None, "the build ended before it could be killed mid-way"
    assert half_written.is_dir() and not (half_written / "build.json").exists()
    assert dist.resolve() == good and (dist / "build.json").read_bytes() == manifest

    with running_server(project_copy) as server:
        assert server.count() == json.loads(manifest)["triples"]

    said: list[str] = []
    assert build(project_copy, progress=said.append).current  # nothing changed: no new build
    assert not half_written.exists()
    assert f"{half_written.name} verwijderd, achtergelaten door een eerdere build" in said
    assert builds(project_copy) == {good}


def test_the_swap_is_one_rename_of_a_link(project_copy: Settings) -> None:
    """Landing a build renames one link over dist/ and nothing else touches dist/.

    rename(2) replaces its target atomically, so no reader ever finds dist/ missing; the
    audit hook sees the calls the build really makes (os.replace raises 'os.rename').
    """
    build(project_copy)
    dist = str(project_copy.dist_dir)
    events: list[tuple[str, tuple]] = []
    recording = True

    def hook(event: str, args: tuple) -> None:
        paths = [os.fspath(a) for a in args[:2] if isinstance(a, str | os.PathLike)]
        if recording and event in CHANGES and dist in paths:
            events.append((event, args[:2]))

    sys.addaudithook(hook)
    try:
        before = project_copy.dist_dir.resolve()
        build(project_copy, force=True)
    finally:
        recording = False
    assert len(events) == 1
    ((event, (source, target)),) = events
    assert event == "os.rename" and os.fspath(target) == dist
    assert not os.path.lexists(source)  # the new link was moved, not copied
    assert project_copy.dist_dir.is_symlink() and project_copy.dist_dir.resolve() != before


def test_a_reader_keeps_its_build_and_generation_names_each_build(
    project_copy: Settings,
) -> None:
    build(project_copy)
    first = generation(project_copy)
    store = open_store(project_copy)
    opened = store_path(project_copy)
    assert opened.parent.parent == builds_dir(project_copy.dist_dir)
    build(project_copy)  # nothing changed: nothing lands
    assert generation(project_copy) == first
    build(project_copy, force=True)
    assert generation(project_copy) != first
    assert store_path(project_copy) != opened and opened.is_dir()  # the previous build stays
    assert len(list(store.query(COUNT, use_default_graph_as_union=True))) == 1


def test_a_real_dist_folder_and_old_leftovers_are_migrated(project_copy: Settings) -> None:
    """dist/ as older versions wrote it: a real folder, with killed builds' folders beside it."""
    build(project_copy)
    dist = project_copy.dist_dir
    real = dist.parent / "real"
    os.rename(dist.resolve(), real)
    dist.unlink()
    os.rename(real, dist)
    for name in (".dist.k1ll_3d0", ".dist-check.abcdefgh", ".dist.old"):
        (dist.parent / name).mkdir()
        (dist.parent / name / "ivp.nq").write_text("half\n")
    manifest = (dist / "build.json").read_bytes()
    assert generation(project_copy) is not None

    build(project_copy, force=True)
    assert dist.is_symlink()
    assert sorted(p.name for p in dist.parent.iterdir()) == [
        ".dist.builds", "data", "dist", "ontology",
    ]  # fmt: skip
    previous = builds_dir(dist) / PREVIOUS
    assert (previous / "build.json").read_bytes() == manifest  # the old folder, kept as previous
    assert builds(project_copy) == {dist.resolve(), previous.resolve()}
