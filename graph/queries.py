"""Named SPARQL queries shipped with the package: one .rq file each, with a title and a
description in its header comments, runnable as `ivp query @name`.

    # title: Prioritaire thema's per plan
    # title_en: Priority themes per plan
    # description: Welke thema's elk plan prioriteit geeft, in de volgorde van het plan.
    # description_en: Which themes each plan prioritises, in the plan's own order.
    SELECT ...

The plain keys are Dutch, the language people read by default; `_en` gives the English
form, and a query without one is shown in Dutch in English too (graph.i18n falls back).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from graph.i18n import DEFAULT, Language
from graph.notices import notice

QUERY_DIR = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str  # Dutch, as are `description` and the page and command line by default
    description: str
    text: str
    title_en: str = ""
    description_en: str = ""

    def words(self, language: Language) -> tuple[str, str]:
        """Title and description in `language`, Dutch where the file has no English."""
        if language == DEFAULT:
            return self.title, self.description
        return self.title_en or self.title, self.description_en or self.description


class UnknownQuery(KeyError):
    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = notice("did_you_mean", close=", ".join("@" + c for c in close)) if close else ""
        super().__init__(notice("unknown_query", name=name, hint=hint, known=", ".join(known)))
        self.message = self.args[0]

    def __str__(self) -> str:
        return self.message


HEADER_KEYS = ("title", "description", "title_en", "description_en")


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if value and key.strip() in HEADER_KEYS:
            header[key.strip()] = value.strip()
    return NamedQuery(
        path.stem,
        header.get("title", path.stem),
        header.get("description", ""),
        text,
        title_en=header.get("title_en", ""),
        description_en=header.get("description_en", ""),
    )


def named_queries() -> list[NamedQuery]:
    return [_parse(p) for p in sorted(QUERY_DIR.glob("*.rq"))]


def get(name: str) -> NamedQuery:
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise UnknownQuery(name, [q.name for q in named_queries()])
    return _parse(path)
