"""Where builds live, and how a finished one becomes dist/ in one atomic step.

dist/ is a symbolic link to a build folder beside it, `.dist.builds/<id>/` (for a dist/ named
otherwise, `.<name>.builds/`). A build is written into a fresh folder there and lands by
replacing the link with `os.replace` of a new link: one rename(2), which POSIX makes atomic,
so every reader sees either the old build or the new one, never a missing or half-written
dist/ (two renames of real folders, as before, left no dist/ between them, and a crash there
left none at all).

A folder being written holds an exclusive flock(2) for as long as its writer lives; the kernel
drops it when the writer dies, however it dies. So at the next build a folder that is neither
the current build, nor the previous one (a reader such as the endpoint may still have it
open), nor locked is a leftover of a killed build and is removed.

A dist/ that is still a real folder (written by an older version) is moved into the builds
folder by the first build that lands; that one migration takes two renames.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREVIOUS = "previous"
# left in a build folder by `ivp serve --writable` before it opens that build's store for
# writing: the store may then hold more than the build made, so no build starts from it
WRITTEN = "store-written"  # a link in the builds folder to the build before the current one
# in a build's cache/: each plan's instances per ivp: class as the build counted them (`ivp stats`)
CLASS_COUNTS = "class-counts.json"
# in a build's cache/: the rows of `ivp plans` as the build listed them from its store
PLAN_ROWS = "plans.json"
_LINK_SUFFIX = ".link"


def builds_dir(dist: Path) -> Path:
    """The folder that holds the builds dist/ links to."""
    return dist.parent / f".{dist.name}.builds"


def current(dist: Path) -> Path | None:
    """The build folder dist/ stands for now (dist/ itself while it is a real folder)."""
    if dist.is_symlink():
        return dist.resolve() if dist.exists() else None
    return dist if dist.is_dir() else None


@contextlib.contextmanager
def scratch(dist: Path, kind: str = "build") -> Iterator[Path]:
    """A fresh, locked folder in the builds folder; removed on error, kept on success.

    The caller either lands it (`land`) or removes it; while the caller's process lives the
    lock tells `prune` that the folder is in use.
    """
    folder = builds_dir(dist)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    path = Path(tempfile.mkdtemp(prefix=f"{kind}-{stamp}-", dir=folder))
    path.chmod(0o755)  # mkdtemp makes it private; dist/ is meant to be shared and served
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield path
    except BaseException:
        if current(dist) != path.resolve():  # it may have landed before the error
            shutil.rmtree(path, ignore_errors=True)
        raise
    finally:
        os.close(fd)  # releases the lock


def land(new: Path, dist: Path) -> None:
    """Make dist/ stand for the build folder `new`, in one rename; then prune old builds."""
    folder = builds_dir(dist)
    old = current(dist)
    if old is not None and not dist.is_symlink():  # a real folder from an older version
        migrated = folder / f"build-migrated-{new.name}"
        dist.rename(migrated)
        old = migrated
    if old is not None:
        _point(folder / PREVIOUS, old)
    link = folder / (new.name + _LINK_SUFFIX)
    _point(link, new, relative_to=dist.parent)
    os.replace(link, dist)  # the swap: one atomic rename of a link over the link
    prune(dist)


def _point(link: Path, target: Path, relative_to: Path | None = None) -> None:
    """(Re)create `link` pointing at `target`, relative so the whole folder can be moved."""
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(os.path.relpath(target, relative_to or link.parent))


def _locked(path: Path) -> bool:
    """Is a living process writing into `path` (it holds the folder's lock)?"""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def prune(dist: Path) -> list[str]:
    """Remove builds that are neither current, previous nor being written; say which.

    Also removes what older versions left beside dist/ when killed (`.dist.XXXXXXXX`,
    `.dist.old`, `.dist-check.XXXXXXXX`).
    """
    folder = builds_dir(dist)
    keep = {p for p in (current(dist), current(folder / PREVIOUS)) if p is not None}
    removed = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name == PREVIOUS:
                continue
            if path.is_symlink():  # a link of a swap that was killed before its rename
                if path.name.endswith(_LINK_SUFFIX):
                    path.unlink()
                    removed.append(path.name)
                continue
            if path.resolve() in keep or _locked(path):
                continue
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    legacy = re.compile(rf"^\.{re.escape(dist.name)}(\.|-check\.)([a-z0-9_]{{8}}|old)$")
    for path in sorted(dist.parent.glob(f".{dist.name}*")):
        if legacy.match(path.name) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed
