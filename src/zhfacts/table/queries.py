"""Asking the table: rows as plain Python, without pandas.

:func:`query` runs SQL on a table database and returns its rows as dicts,
with exact values (``Decimal`` for the DECIMAL columns, lists for lists);
:func:`connect` gives the DuckDB connection itself, checked like every
open, for ``.df()`` (pandas), ``.to_arrow_table()`` (pyarrow) or ``.pl()``
(Polars) where those are installed. :func:`format_rows` prints rows as the tables of
docs/table.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from zhfacts.table.schema import open_database

__all__ = ["connect", "format_rows", "query"]

Row = dict[str, Any]


def connect(path: str | os.PathLike[str], *, read_only: bool = True) -> Any:
    """A DuckDB connection to the table at ``path`` (refused if it is not a
    zhfacts table of this schema version). ``connect(path).sql(...).df()``
    gives pandas, ``.to_arrow_table()`` Arrow, ``.pl()`` Polars."""
    return open_database(path, create=False, read_only=read_only)


def query(database: str | os.PathLike[str] | Any, sql: str,
          parameters: Sequence[Any] | None = None) -> list[Row]:
    """The rows of ``sql`` on ``database`` (a path, or an open connection),
    one dict per row, column name to value."""
    if isinstance(database, str | os.PathLike):
        connection = connect(database)
        try:
            return _rows(connection, sql, parameters)
        finally:
            connection.close()
    return _rows(database, sql, parameters)


def _rows(connection: Any, sql: str, parameters: Sequence[Any] | None) -> list[Row]:
    cursor = connection.execute(sql, list(parameters) if parameters is not None else None)
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def format_rows(rows: Sequence[Row]) -> str:
    """Rows as a Markdown table, values as exact text (``Decimal`` without
    trailing zeros, lists joined with ``, ``)."""
    if not rows:
        return "(no rows)"
    names = list(rows[0])
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row[name]) for name in names) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        from zhfacts.numbers.numerals import canonical

        return canonical(value)
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("|", "\\|").replace("\n", " ")
