"""The table as Parquet parts: what a cluster writes and DuckDB reads.

At a scale where one process cannot build the table, each worker writes the
rows of its own documents as Parquet parts, one file per table per part::

    parts/zhfacts-table.json             the schema version of the parts
    parts/documents/part-00000.parquet   the rows of zhfacts.table.schema,
    parts/facts/part-00000.parquet       column for column
    parts/entities/part-00000.parquet
    parts/checks/part-00000.parquet

The parts are written by DuckDB from the same rows and columns as a local
build (:func:`write_part`), so the types are the same: DECIMAL values,
exact text beside them. :func:`open_parts` queries them in place (the merge
views over ``read_parquet``, no copy); ``zhfacts table parts/ -o facts.duckdb``
imports them into a database, skipping documents it already holds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from zhfacts.table.inputs import PARTS_MARKER
from zhfacts.table.rows import DocumentInfo, RowBatch, rows_of_record
from zhfacts.table.schema import (
    COLUMNS,
    DOCUMENT_TABLES,
    SCHEMA_NAME,
    TABLE_SCHEMA_VERSION,
    TableError,
    create_table_sql,
    duckdb_module,
)

__all__ = ["MARKER", "import_parts", "is_parts_directory", "open_parts", "write_marker",
           "write_part"]

#: The file that makes a directory a set of table parts.
MARKER = PARTS_MARKER


def write_marker(directory: str) -> None:
    """Mark ``directory`` (local) as table parts of this schema version."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).write_text(json.dumps({"schema": SCHEMA_NAME,
                                           "schema_version": TABLE_SCHEMA_VERSION}) + "\n",
                               encoding="utf-8")


def is_parts_directory(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def write_part(records: Iterable[tuple[dict[str, Any], DocumentInfo]], directory: str,
               name: str) -> dict[str, int]:
    """Write the rows of ``records`` as part ``name`` of every table under
    ``directory`` (a local path, or a URL DuckDB can write to); returns the
    rows per table. Locally each file is written under a temporary name and
    renamed, and the documents part last, so a crash leaves no truncated
    part and no documents without their rows (the import joins the other
    tables to the documents part); a retried task replaces its part."""
    duckdb = duckdb_module()

    from zhfacts.table.keys import PlaceResolver

    places = PlaceResolver()
    batch = RowBatch()
    for seq, (record, info) in enumerate(records, 1):
        batch.add(rows_of_record(record, info, places, seq=seq))
    connection = duckdb.connect()
    try:
        for table in DOCUMENT_TABLES:
            connection.execute(create_table_sql(table))
        batch.insert_into(connection)
        for table in [*DOCUMENT_TABLES[1:], DOCUMENT_TABLES[0]]:  # documents last
            target = f"{directory.rstrip('/')}/{table}"
            final = f"{target}/{name}.parquet"
            if "://" in target:  # (an object store writes a file whole or not at all)
                connection.execute(f"COPY {table} TO {_literal(final)} (FORMAT parquet)")
                continue
            Path(target).mkdir(parents=True, exist_ok=True)
            partial = f"{final}.partial"  # (not *.parquet: never read as a part)
            connection.execute(f"COPY {table} TO {_literal(partial)} (FORMAT parquet)")
            os.replace(partial, final)
        return {table: batch.count(table) for table in DOCUMENT_TABLES}
    finally:
        connection.close()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _glob(directory: str | Path, table: str) -> str:
    return _literal(f"{str(directory).rstrip('/')}/{table}/*.parquet")


def _check_marker(directory: Path) -> None:
    try:
        marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TableError(f"{directory}: cannot read {MARKER}: {error}") from error
    if marker.get("schema") != SCHEMA_NAME or \
            marker.get("schema_version") != TABLE_SCHEMA_VERSION:
        raise TableError(f"{directory}: parts of schema {marker.get('schema')!r} version "
                         f"{marker.get('schema_version')!r}; this zhfacts reads "
                         f"{SCHEMA_NAME!r} version {TABLE_SCHEMA_VERSION}")


def import_parts(connection: Any, directory: Path, run: int) -> tuple[int, int]:
    """Copy the parts' documents that the database does not hold yet (or
    holds only with an error) into it; returns (added, skipped)."""
    _check_marker(directory)
    names = {table: ", ".join(f'"{c.name}"' for c in COLUMNS[table])
             for table in DOCUMENT_TABLES}
    part = "regexp_extract(filename, '([^/\\\\]+)\\.parquet$', 1)"
    part_of_p = part.replace("filename", "p.filename")
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "CREATE OR REPLACE TEMPORARY TABLE parts_new AS "
            f"SELECT document_id, {part} AS part, seq FROM read_parquet("
            f"{_glob(directory, 'documents')}, filename = true) p "
            "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.document_id = p.document_id "
            "AND d.error IS NULL) "
            "QUALIFY row_number() OVER (PARTITION BY document_id ORDER BY filename, seq) = 1")
        total = connection.execute(f"SELECT count(*) FROM read_parquet("
                                   f"{_glob(directory, 'documents')})").fetchone()[0]
        added = connection.execute("SELECT count(*) FROM parts_new").fetchone()[0]
        connection.execute("DELETE FROM documents WHERE error IS NOT NULL AND document_id IN "
                           "(SELECT document_id FROM parts_new)")
        first = connection.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        columns = [c.name for c in COLUMNS["documents"]]
        select = ", ".join(
            f"{run} AS run" if c == "run" else
            f"{first} + row_number() OVER (ORDER BY n.part, n.seq) AS seq" if c == "seq" else
            f'p."{c}"' for c in columns)
        connection.execute(
            f"INSERT INTO documents ({names['documents']}) SELECT {select} FROM read_parquet("
            f"{_glob(directory, 'documents')}, filename = true) p JOIN parts_new n "
            f"ON n.document_id = p.document_id AND n.part = {part_of_p}")
        for table in DOCUMENT_TABLES[1:]:
            connection.execute(
                f"INSERT INTO {table} ({names[table]}) SELECT "
                + ", ".join(f'p."{c.name}"' for c in COLUMNS[table])
                + f" FROM read_parquet({_glob(directory, table)}, filename = true) p "
                f"JOIN parts_new n ON n.document_id = p.document_id "
                f"AND n.part = {part_of_p}")
        connection.execute("DROP TABLE parts_new")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return int(added), int(total) - int(added)


def open_parts(directory: str | Path, indicators: str | Path | None = None) -> Any:
    """An in-memory DuckDB connection whose tables are views over the parts
    under ``directory`` (read in place, never copied) with the merge views
    on top: the table of a corpus of any size, queried where it lies."""
    duckdb = duckdb_module()

    from zhfacts.table.builder import install_catalogue
    from zhfacts.table.merge import create_views

    if "://" not in str(directory):
        _check_marker(Path(directory))
    connection = duckdb.connect()
    for table in DOCUMENT_TABLES:
        columns = ", ".join(f'"{c.name}"' for c in COLUMNS[table])
        connection.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet("
                           f"{_glob(directory, table)})")
    for table in ("indicators", "indicator_names", "runs"):
        connection.execute(create_table_sql(table))
    install_catalogue(connection, indicators)
    create_views(connection)
    return connection
