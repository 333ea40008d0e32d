"""Named SPARQL queries shipped with the package: one .rq file each, with a title and a
description in its header comments, runnable as `ivp query @name`.

    # title: Prioritaire thema's per plan
    # description: Which themes each plan prioritises, in the plan's own order.
    SELECT ...
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

QUERY_DIR = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str


class UnknownQuery(KeyError):
    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join('@' + c for c in close)}? " if close else ""
        super().__init__(f"no named query @{name}; {hint}known: {', '.join(known)}")
        self.message = self.args[0]

    def __str__(self) -> str:
        return self.message


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if value and key.strip() in ("title", "description"):
            header[key.strip()] = value.strip()
    return NamedQuery(
        path.stem, header.get("title", path.stem), header.get("description", ""), text
    )


def named_queries() -> list[NamedQuery]:
    return [_parse(p) for p in sorted(QUERY_DIR.glob("*.rq"))]


def get(name: str) -> NamedQuery:
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise UnknownQuery(name, [q.name for q in named_queries()])
    return _parse(path)
