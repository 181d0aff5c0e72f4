"""The table's database: its tables, their columns, and opening one safely.

One embedded DuckDB file (no server) holds every document, fact, entity and
check of a corpus; the views of :mod:`zhfacts.table.merge` answer the
common questions over them. Columns are declared once here, so the local
build, the Dask partitions and the DDL cannot drift apart.

Values are exact: a figure is stored as ``DECIMAL(38,16)`` where that holds
it exactly and always as its exact decimal text (``value_text``), never as a
float. A database records the version of this schema; a database of another
version, or a DuckDB file that is not a zhfacts table, is refused with a
message and never written to.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhfacts.errors import ZhfactsError

__all__ = ["COLUMNS", "SCHEMA_NAME", "TABLE_SCHEMA_VERSION", "TableError", "open_database"]

#: The version of the tables below; a database of another version is refused.
TABLE_SCHEMA_VERSION = "1"
SCHEMA_NAME = "zhfacts-table"
DECIMAL = "DECIMAL(38,16)"


class TableError(ZhfactsError, ValueError):
    """E006: a table database cannot be opened, created or written as asked."""

    code = "E006"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


DOCUMENTS = _columns(
    ("document_id", "VARCHAR", "the document's id (its path, its JSON Lines id, or path:line)"),
    ("run", "INTEGER", "the build run that added it (table runs)"),
    ("seq", "BIGINT", "its position in the order documents were added"),
    ("source", "VARCHAR", "where it was read: file, or file:line"),
    ("date", "VARCHAR", "the document date given as context (TimeML), if any"),
    ("date_first", "DATE", "the first day of that date"),
    ("date_last", "DATE", "the last day of that date"),
    ("place", "VARCHAR", "the document place given as context, if any"),
    ("place_code", "VARCHAR", "its administrative code"),
    ("characters", "BIGINT", "length of the text (null for records read ready-made)"),
    ("sha256", "VARCHAR", "SHA-256 of the UTF-8 text (null for records read ready-made)"),
    ("facts", "INTEGER", "number of facts"),
    ("entities", "INTEGER", "number of entities"),
    ("error", "VARCHAR", "why the document could not be processed (then it has no rows)"),
    ("record_schema_version", "VARCHAR", "schema_version of its record"),
    ("zhfacts_version", "VARCHAR", "zhfacts_version of its record"),
)

FACTS = _columns(
    ("document_id", "VARCHAR", "the document"),
    ("fact_index", "INTEGER", "position of the fact in its record, from 0"),
    ("metric", "VARCHAR", "the metric as written"),
    ("metric_folded", "VARCHAR", "the metric folded for comparison (catalogue lookup)"),
    ("value", DECIMAL, "the value in its base unit, where DECIMAL(38,16) holds it exactly"),
    ("value_text", "VARCHAR", "the exact value as a decimal string"),
    ("low", DECIMAL, "a range's low end"),
    ("low_text", "VARCHAR", "a range's low end, exact"),
    ("high", DECIMAL, "a range's high end"),
    ("high_text", "VARCHAR", "a range's high end, exact"),
    ("step", DECIMAL, "the precision the figure is written to, in the base unit "
                      "(8.9亿元: 10000000); null when not known"),
    ("unit", "VARCHAR", "unit code of SPEC section 3 (CNY, person, %, ...)"),
    ("qualifier", "VARCHAR", "=, ~, >, >=, <, <=, range"),
    ("per", "VARCHAR", "a rate's denominator (person-month), if any"),
    ("change", "VARCHAR", "increase, decrease, or null for a level"),
    ("period", "VARCHAR", "the fact's time, TimeML"),
    ("granularity", "VARCHAR", "year, half, quarter, season, month, week, day, interval"),
    ("period_first", "DATE", "first day of the period, where known"),
    ("period_last", "DATE", "last day of the period, where known"),
    ("year", "INTEGER", "the year the period lies in, if within one"),
    ("place", "VARCHAR", "the fact's place as the record names it"),
    ("place_code", "VARCHAR", "its administrative code (GB/T 2260 or statistical)"),
    ("place_name", "VARCHAR", "its full name"),
    ("place_level", "VARCHAR", "province, city, county, town, village"),
    ("place_parents", "VARCHAR[]", "its parent divisions, largest first"),
    ("fact_start", "INTEGER", "offset of the fact (metric and figure) in the original text"),
    ("fact_end", "INTEGER", "end offset of the fact"),
    ("figure_start", "INTEGER", "offset of the figure"),
    ("figure_end", "INTEGER", "end offset of the figure"),
    ("figure_text", "VARCHAR", "the figure as written"),
    ("sentence_start", "INTEGER", "offset of the sentence the fact was read from"),
    ("sentence_end", "INTEGER", "end offset of the sentence"),
    ("sentence", "VARCHAR", "the sentence, verbatim"),
)

ENTITIES = _columns(
    ("document_id", "VARCHAR", "the document"),
    ("entity_index", "INTEGER", "position in the record, from 0"),
    ("label", "VARCHAR", "GOV, ORG, PERSON, GPE, LOC, MONEY, QUANTITY, PERCENT, DATE"),
    ("text", "VARCHAR", "as written"),
    ("entity_start", "INTEGER", "offset in the original text"),
    ("entity_end", "INTEGER", "end offset"),
    ("value", "VARCHAR", "exact value (figures) or TimeML value (dates)"),
    ("low", "VARCHAR", "a range's low end"),
    ("high", "VARCHAR", "a range's high end"),
    ("unit", "VARCHAR", "unit code"),
    ("qualifier", "VARCHAR", "qualifier code"),
    ("per", "VARCHAR", "rate denominator"),
    ("norm_name", "VARCHAR", "full name (GOV, GPE, ...)"),
    ("norm_code", "VARCHAR", "administrative code of a GPE"),
    ("norm_parents", "VARCHAR[]", "parent divisions of a GPE"),
    ("found_by", "VARCHAR", "rule, gazetteer or model"),
)

CHECKS = _columns(
    ("document_id", "VARCHAR", "the document"),
    ("check_index", "INTEGER", "position in the record, from 0"),
    ("kind", "VARCHAR", "sum, repeat, range"),
    ("status", "VARCHAR", "pass or fail"),
    ("message", "VARCHAR", "what was compared"),
    ("expected", "VARCHAR", "the total or the article's figure"),
    ("observed", "VARCHAR", "the sum of the parts, the repeat, the share"),
    ("tolerance", "VARCHAR", "half the written step of a total"),
    ("figures", "VARCHAR", "the figures involved, JSON"),
)

INDICATORS = _columns(
    ("indicator", "VARCHAR", "stable id (gdp)"),
    ("name", "VARCHAR", "catalogue name: the metric_key of its facts"),
    ("english", "VARCHAR", "English name"),
    ("category", "VARCHAR", "statistical domain"),
    ("unit", "VARCHAR", "base unit of its level"),
    ("source", "VARCHAR", "the public catalogue that names it"),
    ("variants", "VARCHAR[]", "written forms that mean it"),
    ("origin", "VARCHAR", "zhfacts, or the user's file it came from"),
)

INDICATOR_NAMES = _columns(
    ("folded", "VARCHAR", "a written form, folded as metrics are"),
    ("indicator", "VARCHAR", "the indicator it names"),
    ("name", "VARCHAR", "that indicator's name"),
)

RUNS = _columns(
    ("run", "INTEGER", "number of the build run, from 1"),
    ("started", "TIMESTAMP", "when it started (UTC)"),
    ("zhfacts_version", "VARCHAR", "the zhfacts that ran it"),
    ("inputs", "VARCHAR[]", "what it read"),
    ("added", "INTEGER", "documents added"),
    ("failed", "INTEGER", "documents that failed (kept in documents with their error)"),
    ("skipped", "INTEGER", "documents already in the database"),
)

#: Every table the build writes, with its columns, in the order of the DDL.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENTS, "facts": FACTS, "entities": ENTITIES, "checks": CHECKS,
    "indicators": INDICATORS, "indicator_names": INDICATOR_NAMES, "runs": RUNS,
}
#: The tables of document rows (what a document adds, and a Dask part holds).
DOCUMENT_TABLES = ("documents", "facts", "entities", "checks")
_KEYS = {"documents": "document_id", "indicators": "indicator", "indicator_names": "folded",
         "runs": "run"}


def create_table_sql(table: str, *, temporary: bool = False) -> str:
    columns = [f'"{c.name}" {c.type}' for c in COLUMNS[table]]
    if table in _KEYS and not temporary:
        columns.append(f"PRIMARY KEY ({_KEYS[table]})")
    kind = "TEMPORARY TABLE" if temporary else "TABLE"
    return f"CREATE {kind} IF NOT EXISTS {table} ({', '.join(columns)})"


def insert_sql(table: str, target: str | None = None) -> str:
    """An INSERT of one batch given as one list parameter per column (a
    columnar insert: DuckDB inserts row by row far slower). DECIMAL and DATE
    columns come as exact text and are cast in the database."""
    parts = []
    for number, column in enumerate(COLUMNS[table], 1):
        if column.type == DECIMAL or column.type in ("DATE", "TIMESTAMP"):
            parts.append(f"unnest(${number}::VARCHAR[])::{column.type}")
        else:
            parts.append(f"unnest(${number}::{column.type}[])")
    return f"INSERT INTO {target or table} SELECT {', '.join(parts)}"


def comment_sql(table: str) -> list[str]:
    return [f"COMMENT ON COLUMN {table}.\"{c.name}\" IS '{c.doc.replace(chr(39), chr(39) * 2)}'"
            for c in COLUMNS[table]]


def duckdb_module() -> Any:
    """DuckDB, imported on first use; an install without it gets a clear error
    (DuckDB is the ``table`` extra: 70 MB that extraction alone never needs)."""
    try:
        import duckdb
    except ImportError as error:
        raise TableError("the table needs DuckDB: pip install 'zhfacts[table]'") from error
    return duckdb


def open_database(path: str | os.PathLike[str] | None, *, create: bool = True,
                  read_only: bool = False, memory_limit: str | None = None) -> Any:
    """A connection to the table database at ``path`` (``None``: in memory),
    created when it does not exist (``create``). A file that is not a
    DuckDB database, a DuckDB database that is not a zhfacts table, or one
    of another schema version raises :class:`TableError` untouched."""
    duckdb = duckdb_module()

    from zhfacts.table.merge import create_views

    where = ":memory:" if path is None else str(path)
    exists = path is not None and Path(path).exists()
    if path is not None and not exists and not create:
        raise TableError(f"{path}: no such table database")
    if path is not None and exists and Path(path).is_dir():
        raise TableError(f"{path} is a directory, not a table database")
    config: dict[str, str | bool | int | float | list[str]] = (
        {"memory_limit": memory_limit} if memory_limit else {})
    try:
        connection = duckdb.connect(where, read_only=read_only and exists, config=config)
    except duckdb.Error as error:
        raise TableError(f"{path}: cannot open as a DuckDB database ({error}); zhfacts "
                         "never overwrites a file: give another path") from error
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            " AND table_type = 'BASE TABLE'").fetchall()}
        if not tables:
            if read_only:
                raise TableError(f"{path}: an empty database, not a zhfacts table")
            _create(connection)
        else:
            _check_version(connection, tables, path)
            if not read_only:
                create_views(connection)  # views are derived: this zhfacts's own
    except BaseException:
        connection.close()
        raise
    return connection


def _create(connection: Any) -> None:
    from zhfacts.results import ZHFACTS_VERSION
    from zhfacts.table.merge import create_views

    connection.execute("BEGIN TRANSACTION")
    connection.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema", SCHEMA_NAME), ("schema_version", TABLE_SCHEMA_VERSION),
        ("created_by", f"zhfacts {ZHFACTS_VERSION}"),
        ("created_at", datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")),
    ])
    for table in COLUMNS:
        connection.execute(create_table_sql(table))
        for statement in comment_sql(table):
            connection.execute(statement)
    create_views(connection)
    connection.execute("COMMIT")


def _check_version(connection: Any, tables: set[str], path: str | os.PathLike[str] | None
                   ) -> None:
    if "meta" not in tables:
        raise TableError(f"{path} is a DuckDB database but not a zhfacts table (it has no "
                         "meta table); zhfacts writes only into its own databases: give "
                         "another path")
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema") != SCHEMA_NAME:
        raise TableError(f"{path} is a DuckDB database but not a zhfacts table "
                         f"(schema {meta.get('schema')!r}); give another path")
    version = meta.get("schema_version")
    if version != TABLE_SCHEMA_VERSION:
        raise TableError(
            f"{path} holds a zhfacts table of schema version {version} (written by "
            f"{meta.get('created_by', 'an unknown zhfacts')}); this zhfacts reads and writes "
            f"version {TABLE_SCHEMA_VERSION}. It was left untouched: build a new database "
            "from the same inputs (another -o path), or use the zhfacts that wrote it")
