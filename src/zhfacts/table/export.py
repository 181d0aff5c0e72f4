"""The merged table as CSV (for spreadsheets) and Parquet (for everything else).

Both are one row per ``merged_facts`` row, in a fixed order. CSV streams
from the database a thousand rows at a time, starts with a byte order mark
(as ``--format facts-csv`` does, so spreadsheets read Chinese as UTF-8) and
writes its sources as JSON; Parquet is written by DuckDB itself, with exact
DECIMAL values and the sources as a list of structs.
"""

from __future__ import annotations

import csv
import json
import os
from decimal import Decimal
from typing import Any

__all__ = ["MERGED_COLUMNS", "export_csv", "export_parquet", "merged_rows_sql"]

#: The columns of an export, in order.
MERGED_COLUMNS = (
    "row_id", "metric_key", "indicator", "place_name", "place_code", "place_level", "period",
    "granularity", "year", "qualifier", "unit", "per", "change", "status", "ambiguous",
    "value", "value_text", "low_text", "high_text", "min_value", "max_value", "values",
    "source_count", "document_count", "sources",
)

_ORDER = "metric_key, place_key, period, qualifier, unit, per, change, row_id"


def merged_rows_sql() -> str:
    return (f"SELECT {', '.join(chr(34) + c + chr(34) for c in MERGED_COLUMNS)} "
            f"FROM merged_facts ORDER BY {_ORDER}")


def export_csv(connection: Any, path: str | os.PathLike[str]) -> int:
    """Write the merged table to ``path`` as CSV; returns the rows written."""
    cursor = connection.execute(merged_rows_sql())
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow(MERGED_COLUMNS)
        while True:
            rows = cursor.fetchmany(1000)
            if not rows:
                break
            for row in rows:
                writer.writerow([_cell(name, value)
                                 for name, value in zip(MERGED_COLUMNS, row, strict=True)])
            written += len(rows)
    return written


def export_parquet(connection: Any, path: str | os.PathLike[str]) -> int:
    """Write the merged table to ``path`` as one Parquet file; returns the rows."""
    target = "'" + os.fspath(path).replace("'", "''") + "'"
    connection.execute(f"COPY ({merged_rows_sql()}) TO {target} (FORMAT parquet)")
    return int(connection.execute("SELECT count(*) FROM merged_facts").fetchone()[0])


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name == "sources":
        return json.dumps(value, ensure_ascii=False, default=_plain)
    if name == "values":
        return "; ".join(value)
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _plain(value: Any) -> Any:
    from zhfacts.numbers.numerals import canonical

    if isinstance(value, Decimal):
        return canonical(value)
    return str(value)
