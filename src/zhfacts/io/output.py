"""Writers for extraction records: JSON Lines, the entity and fact tables (SPEC
section 1) as CSV, and the same tables as Parquet when pyarrow is installed.

Writers stream: each record is written (and flushed) as it comes. Every
writer can tell where it stands (:meth:`RecordWriter.mark`), which is what
``zhfacts extract --resume`` records after each document: the byte length of
a file output, or the number of finished part files of a Parquet output.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

ENTITY_COLUMNS = ("id", "label", "text", "start", "end", "value", "unit", "qualifier", "norm",
                  "low", "high", "per", "by", "error")


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...

    def mark(self) -> int | None:
        """Where a resumed run would continue: everything written so far is
        complete up to this point (``None``: not at such a point now)."""

    def close(self) -> None: ...


class _StreamWriter:
    """A writer to a text stream; its mark is the stream's byte position."""

    def __init__(self, stream: TextIO, *, resumed: bool = False) -> None:
        self.stream = stream
        self.resumed = resumed

    def mark(self) -> int | None:
        self.stream.flush()
        try:
            return self.stream.tell()
        except (OSError, ValueError):  # a pipe
            return None

    def close(self) -> None:
        self.stream.flush()


class JsonLinesWriter(_StreamWriter):
    """One JSON object per document, UTF-8, no ASCII escaping."""

    def write(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


FACT_COLUMNS = ("id", "metric", "value", "low", "high", "unit", "qualifier", "per", "change",
                "time", "place", "start", "end", "sentence", "error")


def table_rows(record: dict[str, Any], key: str, columns: tuple[str, ...]
               ) -> list[dict[str, Any]]:
    """The table rows of a record: one per item of ``record[key]``; a document
    with no item or with an error still gets a row with its id (and the
    error), so no document disappears from the table. Object cells (``norm``)
    are JSON."""
    identifier = record.get("id", "")
    items = record.get(key) or []
    rows: list[dict[str, Any]] = []
    if record.get("error") or not items:
        rows.append({"id": identifier, "error": record.get("error", "")})
    for item in items:
        row = {column: _cell(item.get(column)) for column in columns}
        row["id"] = identifier
        rows.append(row)
    return rows


class _TableWriter(_StreamWriter):
    """The rows of :func:`table_rows` as CSV (header first, unless resumed)."""

    columns: tuple[str, ...] = ()
    key = ""
    byte_order_mark = False

    def __init__(self, stream: TextIO, *, resumed: bool = False) -> None:
        super().__init__(stream, resumed=resumed)
        self.writer = csv.DictWriter(stream, fieldnames=self.columns, extrasaction="ignore")
        if not resumed:
            if self.byte_order_mark:
                stream.write("\ufeff")
            self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        self.writer.writerows(table_rows(record, self.key, self.columns))
        self.stream.flush()


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


class EntityCsvWriter(_TableWriter):
    """One row per entity (SPEC section 1, ``--format csv``)."""

    columns = ENTITY_COLUMNS
    key = "entities"


class FactCsvWriter(_TableWriter):
    """One row per fact, columns as SPEC section 1 lists them
    (``--format facts-csv``). The file starts with a UTF-8 byte order mark,
    which spreadsheet programs need to read Chinese text as UTF-8."""

    columns = FACT_COLUMNS
    key = "facts"
    byte_order_mark = True


class ParquetTableWriter:
    """The rows of :func:`table_rows` as a Parquet dataset: a directory of
    part files (``part-00000.parquet`` ...), each written whole (to a
    temporary name, then renamed) after ``documents_per_part`` documents, so
    memory stays bounded and a killed run leaves only complete parts. Every
    column is a string except ``start`` and ``end``: figures keep their exact
    decimal text (``value``, ``low``, ``high``), ``norm`` is JSON.

    The mark is the number of finished parts; a resumed run removes any part
    after it and writes on from there."""

    def __init__(self, directory: Path, columns: tuple[str, ...], key: str, *,
                 resumed_parts: int | None = None, documents_per_part: int = 1000) -> None:
        try:
            import pyarrow
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise RuntimeError("Parquet output needs pyarrow: pip install 'zhfacts[parquet]'"
                               ) from error
        self.pyarrow = pyarrow
        self.directory = directory
        self.columns = columns
        self.key = key
        self.documents_per_part = documents_per_part
        self.schema = pyarrow.schema([(c, pyarrow.int64() if c in ("start", "end")
                                       else pyarrow.string()) for c in columns])
        directory.mkdir(parents=True, exist_ok=True)
        self.parts = resumed_parts or 0
        for stale in directory.glob("part-*.parquet*"):
            number = stale.name[len("part-"):].split(".")[0]
            if not number.isdigit() or int(number) >= self.parts:
                stale.unlink()
        self.rows: list[dict[str, Any]] = []
        self.documents = 0

    def write(self, record: dict[str, Any]) -> None:
        self.rows += table_rows(record, self.key, self.columns)
        self.documents += 1
        if self.documents >= self.documents_per_part:
            self._flush_part()

    def mark(self) -> int | None:
        return self.parts if not self.documents else None

    def close(self) -> None:
        if self.documents:
            self._flush_part()

    def _flush_part(self) -> None:
        import pyarrow.parquet

        data = {c: [_text(row.get(c)) if c not in ("start", "end") else row.get(c)
                    for row in self.rows] for c in self.columns}
        table = self.pyarrow.Table.from_pydict(data, schema=self.schema)
        final = self.directory / f"part-{self.parts:05d}.parquet"
        temporary = final.with_name(final.name + ".tmp")
        pyarrow.parquet.write_table(table, temporary)
        os.replace(temporary, final)
        self.parts += 1
        self.rows = []
        self.documents = 0


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


#: Formats written to a text stream, by ``--format`` name.
WRITERS: dict[str, Callable[..., RecordWriter]] = {
    "jsonl": JsonLinesWriter,
    "csv": EntityCsvWriter,
    "facts-csv": FactCsvWriter,
}
#: Formats written as a Parquet directory: the table's columns and record key.
PARQUET_TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "parquet": (ENTITY_COLUMNS, "entities"),
    "facts-parquet": (FACT_COLUMNS, "facts"),
}
