"""Where documents come from: ``.txt`` files, directories, ``.jsonl`` files, stdin.

Reading never stops a run: a file that cannot be read or decoded, or a JSON
Lines record that is not an object with a ``text`` string, becomes a
:class:`Document` with an ``error`` and no text, and the next one follows.
Text is decoded as UTF-8 (a leading byte-order mark is dropped); offsets in
the output index the decoded text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO


@dataclass(frozen=True)
class Document:
    """One input document with its context, or the error that stopped reading it."""

    id: str
    text: str | None
    date: str | None = None
    place: str | None = None
    error: str | None = None


def _decode(data: bytes, where: str) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, f"{where}: not valid UTF-8 at byte {error.start}: {error.reason}"


def read_documents(paths: list[str], date: str | None = None, place: str | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[Document]:
    """Yield the documents of every path, lazily, in the order given."""
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            text, error = _decode(data, "stdin")
            yield Document("stdin", text, date, place, error)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            for file in files:
                yield _text_file(file, date, place)
        elif path.suffix == ".jsonl":
            yield from _jsonl_file(path, date, place)
        else:
            yield _text_file(path, date, place)


def _text_file(path: Path, date: str | None, place: str | None) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Document(str(path), None, date, place, f"cannot read {path}: {error.strerror}")
    text, problem = _decode(data, str(path))
    return Document(str(path), text, date, place, problem)


def _jsonl_file(path: Path, date: str | None, place: str | None) -> Iterator[Document]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Document(str(path), None, date, place, f"cannot read {path}: {error.strerror}")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            decoded, problem = _decode(line, where)
            if decoded is None:
                yield Document(where, None, date, place, problem)
                continue
            yield _json_record(decoded, where, date, place)


def _json_record(line: str, where: str, date: str | None, place: str | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Document(where, None, date, place, f"{where}: not JSON: {error.msg}")
    if not isinstance(record, dict):
        return Document(where, None, date, place, f"{where}: a line must be a JSON object")
    identifier = record.get("id")
    identifier = str(identifier) if identifier is not None else where
    text = record.get("text")
    if not isinstance(text, str):
        return Document(identifier, None, date, place, f"{where}: no 'text' string")
    raw_context = record.get("context")
    context: dict[str, Any] = raw_context if isinstance(raw_context, dict) else {}
    line_date = record.get("date", context.get("date"))
    line_place = record.get("place", context.get("place"))
    return Document(identifier, text,
                    line_date if line_date is not None else date,
                    line_place if line_place is not None else place)
