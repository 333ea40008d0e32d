"""The one place that turns rows into a table, JSON, NDJSON, CSV or TSV, shaped as asked.

Rows are lists of dicts with plain values (see graph.store.python_value). A detail record is a
dict whose values may be rows themselves; tables render it as blocks, JSON as it is.

Every listing is shaped here too (`Listing`: sort fields, a row limit, headers or none), so
each command that lists rows takes the same options and they behave the same everywhere.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

ListFormat = Literal["table", "json", "ndjson", "csv", "tsv"]
LIST_FORMATS: tuple[str, ...] = get_args(ListFormat)
DETAIL_FORMATS = ("table", "json")
MAX_CELL = 72
MAX_DECIMALS = 4  # what graph.analysis rounds scores to, so a table shows what JSON holds


class UnknownField(ValueError):
    """A sort field that is not a column of the listing; the message lists the columns."""


@dataclass(frozen=True, kw_only=True)
class Listing:
    """How to show a listing: its format, the fields to sort by ('-field': descending), how
    many rows at most (after sorting), and whether tables, CSV and TSV get a header line.
    A format of None is the command's default (a table, for rows)."""

    format: str | None = "table"
    sort: tuple[str, ...] = ()
    limit: int | None = None
    headers: bool = True
    empty: str = "(no rows)"  # what a table says for no rows, in the reader's language

    @property
    def shaped(self) -> bool:
        """Whether anything beyond the format was asked for."""
        return bool(self.sort) or self.limit is not None or not self.headers


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` with its noun (or noun and verb) in agreement: plural(1, 'partner') = '1 partner'.

    >>> plural(2, "priority", "priorities"), plural(1, "partner is", "partners are")
    ('2 priorities', '1 partner is')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _places(value: float) -> int:
    """Decimals `value` needs, up to MAX_DECIMALS: 0.25 needs 2, 1.0 none."""
    text = f"{value:.{MAX_DECIMALS}f}".rstrip("0")
    return len(text) - text.index(".") - 1 if "." in text else 0


def _decimals(values: Sequence[Any]) -> int | None:
    """One precision for a column of numbers (that of its most precise float, at most
    MAX_DECIMALS), so 0.82 and 0.8283 print as 0.8200 and 0.8283; None without floats."""
    floats = [v for v in values if isinstance(v, float)]
    return max(_places(v) for v in floats) if floats else None


def _cell(value: Any, limit: int | None, decimals: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list | tuple | set):
        text = ", ".join(str(v) for v in value)
    elif decimals is not None and isinstance(value, int | float):
        text = f"{value:.{decimals}f}"
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _field(value: Any) -> str:
    """A CSV/TSV field: like a table cell, but floats in full (a file is read by programs)."""
    return repr(value) if isinstance(value, float) else _cell(value, None)


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sort_key(value: Any) -> tuple[int, Any, str]:
    """Numbers before text and in numeric order; text without regard to case."""
    if _is_number(value) or isinstance(value, bool):
        return (0, value, "")
    text = _cell(value, None)
    return (1, text.casefold(), text)


def shape(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    sort: Sequence[str] = (),
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The rows sorted by each field in turn ('-field': descending), then the first `limit`.

    Empty values (None or "") go last in either direction, and rows that tie keep the order
    the command gave them (which is itself meaningful: central's ranking, gaps by kind).
    A field that is no column raises UnknownField, unless there are no columns to know.
    """
    out = list(rows)
    for field in reversed(sort):
        name, descending = (field[1:], True) if field.startswith("-") else (field, False)
        if columns and name not in columns:
            close = difflib.get_close_matches(name, columns, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise UnknownField(
                f"no field {name!r} to sort by; {hint}the fields are: {', '.join(columns)} "
                "(-FIELD sorts descending)"
            )
        present = [r for r in out if r.get(name) not in (None, "")]
        present.sort(key=lambda r: _sort_key(r[name]), reverse=descending)
        out = present + [r for r in out if r.get(name) in (None, "")]
    return out if limit is None else out[:limit]


def table(
    rows: Sequence[dict[str, Any]],
    columns: list[str] | None = None,
    *,
    headers: bool = True,
    empty: str = "(no rows)",
) -> str:
    """Aligned columns; numbers right-aligned, floats at one precision per column."""
    columns = columns or columns_of(rows)
    if not rows:
        return empty if headers else ""
    decimals = [_decimals([row.get(c) for row in rows]) for c in columns]
    cells = [
        [_cell(row.get(c), MAX_CELL, d) for c, d in zip(columns, decimals, strict=True)]
        for row in rows
    ]
    shown = [len(c) if headers else 0 for c in columns]
    widths = [max(shown[i], *(len(r[i]) for r in cells)) for i in range(len(columns))]
    numeric = [all(_is_number(row.get(c)) or row.get(c) is None for row in rows) for c in columns]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(columns), line(["-" * w for w in widths])] if headers else []
    out += [line(r) for r in cells]
    return "\n".join(out)


def _jsonable(value: Any) -> Any:
    if isinstance(value, set):
        return sorted(value)
    return str(value)


def render(
    rows: Sequence[dict[str, Any]], listing: Listing | str, columns: list[str] | None = None
) -> str:
    """The rows in a list format (a format name, or a Listing that also sorts and limits).

    `columns` fixes the column order (a SELECT's variables); by default the rows' keys.
    NDJSON is one JSON object per line and nothing at all for no rows.
    """
    if isinstance(listing, str):
        listing = Listing(format=listing)
    columns = columns or columns_of(rows)
    rows = shape(rows, columns, listing.sort, listing.limit)
    fmt = listing.format or "table"
    if fmt == "table":
        return table(rows, columns, headers=listing.headers, empty=listing.empty)
    if fmt == "json":
        return json.dumps(
            [{c: row.get(c) for c in columns} for row in rows],
            ensure_ascii=False,
            indent=2,
            default=_jsonable,
        )
    if fmt == "ndjson":
        return "\n".join(
            json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, default=_jsonable)
            for row in rows
        )
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        if listing.headers:
            writer.writerow(columns)
        for row in rows:
            writer.writerow([_field(row.get(c)) for c in columns])
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
