"""Writers for extraction records: JSON Lines, the entity CSV and the fact CSV (SPEC section 1)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import Any, Protocol, TextIO

ENTITY_COLUMNS = ("id", "label", "text", "start", "end", "value", "unit", "qualifier", "norm",
                  "low", "high", "per", "by", "error")


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...


class JsonLinesWriter:
    """One JSON object per document, UTF-8, no ASCII escaping."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


FACT_COLUMNS = ("id", "metric", "value", "low", "high", "unit", "qualifier", "per", "change",
                "time", "place", "start", "end", "sentence", "error")


class _TableWriter:
    """One CSV row per item of ``record[key]``; a document with no item or
    with an error still gets a row with its id (and the error), so no
    document disappears from the table. Object cells (``norm``) are JSON."""

    columns: tuple[str, ...] = ()
    key = ""
    byte_order_mark = False

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        if self.byte_order_mark:
            stream.write("\ufeff")
        self.writer = csv.DictWriter(stream, fieldnames=self.columns, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        identifier = record.get("id", "")
        items = record.get(self.key) or []
        if record.get("error") or not items:
            self.writer.writerow({"id": identifier, "error": record.get("error", "")})
        for item in items:
            row = {column: _cell(item.get(column)) for column in self.columns}
            row["id"] = identifier
            self.writer.writerow(row)
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


WRITERS: dict[str, Callable[[TextIO], RecordWriter]] = {
    "jsonl": JsonLinesWriter,
    "csv": EntityCsvWriter,
    "facts-csv": FactCsvWriter,
}
