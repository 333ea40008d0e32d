"""The one place that turns rows into a table, JSON, CSV or TSV.

Rows are lists of dicts with plain values (see graph.store.python_value). A detail record is a
dict whose values may be rows themselves; tables render it as blocks, JSON as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

LIST_FORMATS = ("table", "json", "csv", "tsv")
DETAIL_FORMATS = ("table", "json")
MAX_CELL = 72


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` with its noun (or noun and verb) in agreement: plural(1, 'partner') = '1 partner'.

    >>> plural(2, "priority", "priorities"), plural(1, "partner is", "partners are")
    ('2 priorities', '1 partner is')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _cell(value: Any, limit: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list | tuple | set):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def table(rows: Sequence[dict[str, Any]], columns: list[str] | None = None) -> str:
    columns = columns or columns_of(rows)
    if not rows:
        return "(no rows)"
    cells = [[_cell(row.get(c), MAX_CELL) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    numeric = [
        all(isinstance(row.get(c), int | float) or row.get(c) is None for row in rows)
        for c in columns
    ]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def _jsonable(value: Any) -> Any:
    if isinstance(value, set):
        return sorted(value)
    return str(value)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> str:
    columns = columns or columns_of(rows)
    if fmt == "table":
        return table(rows, columns)
    if fmt == "json":
        return json.dumps(
            [{c: row.get(c) for c in columns} for row in rows],
            ensure_ascii=False,
            indent=2,
            default=_jsonable,
        )
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c), None) for c in columns])
        return buffer.getvalue().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}")


def render_detail(record: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2, default=_jsonable)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    scalars = {k: v for k, v in record.items() if not _is_rows(v)}
    width = max((len(k) for k in scalars), default=0)
    out = [
        f"{k.ljust(width)}  {_cell(v, None)}" for k, v in scalars.items() if v not in (None, "", [])
    ]
    for key, value in record.items():
        if _is_rows(value) and value:
            out += ["", f"{key.replace('_', ' ')} ({len(value)})", table(value)]
    return "\n".join(out)


def _is_rows(value: Any) -> bool:
    return isinstance(value, list) and (not value or isinstance(value[0], dict))
