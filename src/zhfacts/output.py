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


class EntityCsvWriter:
    """One row per entity; a document with no entity or with an error still gets a row."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=ENTITY_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        identifier = record.get("id", "")
        entities = record.get("entities") or []
        if record.get("error") or not entities:
            self.writer.writerow({"id": identifier, "error": record.get("error", "")})
        for entity in entities:
            row = {key: entity.get(key) for key in ENTITY_COLUMNS}
            row["id"] = identifier
            if entity.get("norm") is not None:
                row["norm"] = json.dumps(entity["norm"], ensure_ascii=False)
            self.writer.writerow(row)
        self.stream.flush()


FACT_COLUMNS = ("id", "metric", "value", "low", "high", "unit", "qualifier", "per", "change",
                "time", "place", "start", "end", "sentence", "error")


class FactCsvWriter:
    """One row per fact, columns as SPEC section 1 lists them; a document with
    no fact or with an error still gets a row with its id (and the error), so
    no document disappears from the table. The file starts with a UTF-8 byte
    order mark, which spreadsheet programs need to read Chinese text as
    UTF-8; sentences keep their line breaks inside quoted cells."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        stream.write("\ufeff")
        self.writer = csv.DictWriter(stream, fieldnames=FACT_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        identifier = record.get("id", "")
        facts = record.get("facts") or []
        if record.get("error") or not facts:
            self.writer.writerow({"id": identifier, "error": record.get("error", "")})
        for fact in facts:
            row = {key: fact.get(key) for key in FACT_COLUMNS}
            row["id"] = identifier
            self.writer.writerow(row)
        self.stream.flush()


WRITERS: dict[str, Callable[[TextIO], RecordWriter]] = {
    "jsonl": JsonLinesWriter,
    "csv": EntityCsvWriter,
    "facts-csv": FactCsvWriter,
}
