"""What ``zhfacts table`` reads: documents to extract, or records already extracted.

The inputs of ``zhfacts extract`` (``.txt`` files, directories, ``.jsonl``
and ``.jsonl.gz`` files, ``-``) plus the records ``zhfacts extract`` wrote:
a JSON Lines line with a ``text`` is a document (its ``id``, ``date``,
``place`` or ``context`` as ``zhfacts extract`` reads them); a line without
one that carries ``schema_version`` is a record, taken as it is (its
``context``, ``date`` and ``place``, when it has them, are the document's).
So ``zhfacts table corpus/ out.jsonl`` mixes both. A directory with the
marker of table parts is imported as such. Reading never stops: a
line that is neither becomes a document with an error, as in ``zhfacts
extract``.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, BinaryIO

from zhfacts.io.sources import Decoding, Document, document_from_record, read_documents

#: The file that makes a directory a set of table parts (zhfacts.table.parts).
PARTS_MARKER = "zhfacts-table.json"

__all__ = ["PartsDirectory", "ReadRecord", "TableInput", "is_record", "read_inputs",
           "record_input"]


@dataclass(frozen=True)
class ReadRecord:
    """A record read ready-made, with where it came from and its context."""

    record: Mapping[str, Any]
    id: str
    source: str
    date: str | None = None
    place: str | None = None
    input_bytes: int = 0


@dataclass(frozen=True)
class PartsDirectory:
    """A directory of table parts (:mod:`zhfacts.table.parts`), imported whole."""

    path: Path
    input_bytes: int = 0

    @property
    def id(self) -> str:
        return f"parts:{self.path}"


@dataclass(frozen=True)
class TableInput:
    """One input item: a document to extract, a record read ready-made, or a
    directory of table parts."""

    item: Document | ReadRecord | PartsDirectory
    source: str

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def input_bytes(self) -> int:
        return self.item.input_bytes


def is_record(line: Mapping[str, Any]) -> bool:
    """A ready-made record: no text to extract, and a record's schema version."""
    return not isinstance(line.get("text"), str) and "schema_version" in line


def record_input(record: Mapping[str, Any], where: str, date: str | None, place: str | None,
                 consumed: int = 0) -> ReadRecord:
    raw_context = record.get("context")
    context: Mapping[str, Any] = raw_context if isinstance(raw_context, dict) else {}
    line_date = record.get("date", context.get("date"))
    line_place = record.get("place", context.get("place"))
    identifier = record.get("id")
    problem = record_problem(record)
    if problem is not None:  # the document fails alone; the batch around it goes in
        record = {"id": identifier, "schema_version": record.get("schema_version"),
                  "error": f"{where}: not a zhfacts record: {problem}"}
    return ReadRecord(record, str(identifier) if identifier is not None else where, where,
                      line_date if line_date is not None else date,
                      line_place if line_place is not None else place, consumed)


_OFFSETS = ("start", "end", "sentence_start", "sentence_end")
_STRINGS = ("text", "label", "metric", "unit", "qualifier", "per", "change", "time", "place",
            "sentence", "check", "status", "message")
_NUMBERS = ("value", "low", "high")


def record_problem(record: Mapping[str, Any]) -> str | None:
    """What makes a ready-made record unfit for the table's typed columns
    (offsets that are no integers, a value that is no exact decimal, a
    float that has already lost digits), or None."""
    if record.get("error"):
        return None
    for key in ("entities", "facts", "checks"):
        items = record.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            return f"'{key}' is not a list"
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                return f"{key}[{index}] is not an object"
            for field in _OFFSETS:
                value = item.get(field)
                if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                    return f"{key}[{index}].{field} is not an integer: {value!r}"
            for field in _STRINGS:
                value = item.get(field)
                if value is not None and not isinstance(value, str):
                    return f"{key}[{index}].{field} is not a string: {value!r}"
            if key == "facts" or item.get("label") in ("MONEY", "QUANTITY", "PERCENT"):
                for field in _NUMBERS:
                    problem = _decimal_problem(item.get(field))
                    if problem:
                        return f"{key}[{index}].{field} {problem}"
    return None


def _decimal_problem(value: Any) -> str | None:
    if value is None or isinstance(value, Decimal) or \
            isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(value, float):
        return f"is a float ({value!r}): write numbers as decimal strings"
    if not isinstance(value, str):
        return f"is not a number: {value!r}"
    try:
        number = Decimal(value)
    except InvalidOperation:
        return f"is not a decimal: {value!r}"
    return None if number.is_finite() else f"is not finite: {value!r}"


def read_inputs(paths: list[str], date: str | None = None, place: str | None = None, *,
                decoding: Decoding | None = None, stdin: BinaryIO | None = None,
                stdin_format: str = "text") -> Iterator[TableInput]:
    """Every input item of ``paths``, lazily, in order (see the module)."""
    decoding = decoding or Decoding()
    for raw in paths:
        if raw == "-":
            if stdin_format == "jsonl":
                yield from _jsonl(stdin or sys.stdin.buffer, "stdin", date, place, None,
                                  decoding)
            else:
                for document in read_documents(["-"], date, place, stdin=stdin,
                                               decoding=decoding):
                    yield TableInput(document, "stdin")
            continue
        path = Path(raw)
        if path.is_dir() and (path / PARTS_MARKER).is_file():
            yield TableInput(PartsDirectory(path), raw)
        elif path.name.endswith((".jsonl", ".jsonl.gz")) and not path.is_dir():
            yield from _jsonl_file(path, date, place, decoding)
        else:
            for document in read_documents([raw], date, place, decoding=decoding):
                yield TableInput(document, document.id)


def _jsonl_file(path: Path, date: str | None, place: str | None, decoding: Decoding
                ) -> Iterator[TableInput]:
    try:
        raw = path.open("rb")
    except OSError as error:
        yield TableInput(Document(str(path), None, date, place,
                                  f"cannot read {path}: {error.strerror}"), str(path))
        return
    with raw:
        compressed = path.name.endswith(".gz")
        lines: IO[bytes] = (gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
                            if compressed else raw)
        try:
            yield from _jsonl(lines, str(path), date, place, raw if compressed else None,
                              decoding)
        except (OSError, EOFError, zlib.error) as error:  # a corrupt or cut gzip stream
            yield TableInput(Document(str(path), None, date, place,
                                      f"{path}: cannot decompress: {error}"), str(path))


def _jsonl(lines: IO[bytes] | BinaryIO, name: str, date: str | None, place: str | None,
           compressed: IO[bytes] | None, decoding: Decoding) -> Iterator[TableInput]:
    position = 0
    for number, line in enumerate(lines, start=1):
        if compressed is not None:
            now = compressed.tell()
            consumed, position = now - position, now
        else:
            consumed = len(line)
        where = f"{name}:{number}"
        if not line.strip():
            continue
        text, problem = decoding.decode(line, where)
        if text is None:
            yield TableInput(Document(where, None, date, place, problem, consumed), where)
            continue
        try:
            parsed = json.loads(text, parse_float=Decimal)  # (a value never passes a float)
        except json.JSONDecodeError as error:
            yield TableInput(Document(where, None, date, place,
                                      f"{where}: not JSON: {error.msg}", consumed), where)
            continue
        if not isinstance(parsed, dict):
            yield TableInput(Document(where, None, date, place,
                                      f"{where}: a line must be a JSON object", consumed), where)
        elif is_record(parsed):
            yield TableInput(record_input(parsed, where, date, place, consumed), where)
        else:
            yield TableInput(document_from_record(parsed, where, date, place, consumed), where)
