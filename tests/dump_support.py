"""The whole dumps of a test's build, written from their pieces as the endpoint writes them."""

from __future__ import annotations

from pathlib import Path

from graph.build import dump_file
from graph.config import Settings


def whole_dump(settings: Settings, name: str) -> Path:
    path = dump_file(settings.dist_dir, name)
    assert path is not None, f"{settings.dist_dir} has no build to write {name} from"
    return path
