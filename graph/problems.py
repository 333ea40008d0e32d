"""What can be wrong with the data, said so that a curator can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.notices import notice


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entity: str | None
    message: str
    check: str  # syntax | schema | reference | duplicate | quote | value | shacl

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        who = f" [{self.entity}]" if self.entity else ""
        return f"{where}:{who} {self.message} ({self.check})"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "entity": self.entity,
            "check": self.check,
            "message": self.message,
        }


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def shown(path: Path) -> str:
    """`path` as a reader can open it from here: relative to the working folder when inside
    it, else in full. Messages that send the reader to another file (a registry, the sources)
    use this, so with `--data DIR` they name DIR's file and not the project's data/."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


class InvalidData(Exception):
    """The data has problems; the build stops and writes nothing."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(notice("invalid1" if n == 1 else "invalid", n=n))


class CannotRun(Exception):
    """Something other than the data is wrong (missing folder, unreadable file)."""
