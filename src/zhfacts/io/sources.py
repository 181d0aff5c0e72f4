"""Where documents come from: ``.txt`` files, directories, ``.jsonl`` and
``.jsonl.gz`` files, stdin.

Everything is read lazily: a directory is walked one level at a time in
sorted order, a JSON Lines file one line at a time, so a corpus of any size
streams through in flat memory. Reading never stops a run: a file that
cannot be read or decoded, or a JSON Lines record that is not an object with
a ``text`` string, becomes a :class:`Document` with an ``error`` and no text,
and the next one follows. Text is decoded as UTF-8 (a leading byte-order mark
is dropped); offsets in the output index the decoded text.

Each document carries ``input_bytes``, the bytes of input it accounts for
(its file, its line; for a gzip file, the compressed bytes read meanwhile),
so progress and ETA can be computed against :func:`input_size`.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

__all__ = ["Decoding", "Document", "document_from_record", "input_size", "parse_json_line",
           "read_documents"]

#: The files a directory walk picks up (JSON Lines files are named
#: explicitly: a directory of texts may keep annotations beside them).
_TEXT_SUFFIX = ".txt"


@dataclass(frozen=True)
class Document:
    """One input document with its context, or the error that stopped reading it."""

    id: str
    text: str | None
    date: str | None = None
    place: str | None = None
    error: str | None = None
    input_bytes: int = 0


@dataclass(frozen=True)
class Decoding:
    """How bytes become text: an encoding (any Python codec name, ``auto``
    for UTF-8 else GB18030) and what to do with bytes that do not decode:
    ``strict`` (the document gets an error record) or ``replace`` (each
    becomes U+FFFD, offsets index the decoded text). A UTF-8 byte-order mark
    is dropped."""

    encoding: str = "utf-8"
    errors: str = "strict"

    def decode(self, data: bytes, where: str) -> tuple[str | None, str | None]:
        encodings = ("utf-8", "gb18030") if self.encoding == "auto" else (self.encoding,)
        problems = []
        for number, encoding in enumerate(encodings):
            last = number == len(encodings) - 1
            try:
                codec = "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") \
                    else encoding
                return data.decode(codec, self.errors if last else "strict"), None
            except UnicodeDecodeError as error:
                problems.append(f"not valid {encoding.upper()} at byte {error.start}: "
                                f"{error.reason}")
        return None, f"{where}: " + "; ".join(problems)


_UTF8 = Decoding()


def read_documents(paths: list[str], date: str | None = None, place: str | None = None,
                   stdin: BinaryIO | None = None, stdin_format: str = "text",
                   decoding: Decoding = _UTF8) -> Iterator[Document]:
    """Yield the documents of every path, lazily, in the order given.

    ``-`` is standard input: one text document, or JSON Lines with
    ``stdin_format="jsonl"``. A directory yields its ``.txt`` files, walked
    in sorted order. ``decoding``: see :class:`Decoding` (default UTF-8,
    undecodable bytes make an error record)."""
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            if stdin_format == "jsonl":
                yield from _jsonl_lines(stream, "stdin", date, place, None, decoding)
            else:
                data = stream.read()
                text, error = decoding.decode(data, "stdin")
                yield Document("stdin", text, date, place, error, len(data))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from _file(file, date, place, decoding)
        else:
            yield from _file(path, date, place, decoding)


def input_size(paths: list[str]) -> int | None:
    """The bytes :func:`read_documents` will read from ``paths`` (``None``
    when standard input is among them). Walks directories once, reading only
    file sizes."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = _walk(path) if path.is_dir() else iter([path])
        for file in files:
            try:
                total += file.stat().st_size
            except OSError:
                continue
    return total


def _walk(root: Path) -> Iterator[Path]:
    """The document files under ``root``, in sorted order, lazily."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path)
            elif entry.is_file() and entry.name.endswith(_TEXT_SUFFIX):
                yield path
        except OSError:
            continue


def _file(path: Path, date: str | None, place: str | None, decoding: Decoding
          ) -> Iterator[Document]:
    name = path.name
    if name.endswith(".jsonl"):
        yield from _jsonl_file(path, date, place, decoding, compressed=False)
    elif name.endswith(".jsonl.gz"):
        yield from _jsonl_file(path, date, place, decoding, compressed=True)
    else:
        yield _text_file(path, date, place, decoding)


def _text_file(path: Path, date: str | None, place: str | None, decoding: Decoding
               ) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Document(str(path), None, date, place, f"cannot read {path}: {error.strerror}")
    text, problem = decoding.decode(data, str(path))
    return Document(str(path), text, date, place, problem, len(data))


def _jsonl_file(path: Path, date: str | None, place: str | None, decoding: Decoding, *,
                compressed: bool) -> Iterator[Document]:
    try:
        raw = path.open("rb")
    except OSError as error:
        yield Document(str(path), None, date, place, f"cannot read {path}: {error.strerror}")
        return
    with raw:
        lines: IO[bytes] = (gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
                            if compressed else raw)
        try:
            yield from _jsonl_lines(lines, str(path), date, place, raw if compressed else None,
                                    decoding)
        except (OSError, EOFError, zlib.error) as error:  # a corrupt or cut gzip stream
            yield Document(str(path), None, date, place,
                           f"{path}: cannot decompress: {error}", 0)


def _jsonl_lines(lines: IO[bytes] | BinaryIO, name: str, date: str | None, place: str | None,
                 compressed: IO[bytes] | None, decoding: Decoding = _UTF8
                 ) -> Iterator[Document]:
    """Documents of a JSON Lines stream; ``compressed`` is the raw file under
    a gzip stream, whose position measures progress."""
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
        decoded, problem = decoding.decode(line, where)
        if decoded is None:
            yield Document(where, None, date, place, problem, consumed)
            continue
        yield parse_json_line(decoded, where, date, place, consumed)


def parse_json_line(line: str, where: str, date: str | None = None, place: str | None = None,
                    consumed: int = 0) -> Document:
    """The document of one JSON Lines record (``where`` names it in errors
    and is its id when it has none); a record that is not an object with a
    ``text`` string becomes a document with an error."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Document(where, None, date, place, f"{where}: not JSON: {error.msg}", consumed)
    if not isinstance(record, dict):
        return Document(where, None, date, place, f"{where}: a line must be a JSON object",
                        consumed)
    return document_from_record(record, where, date, place, consumed)


def document_from_record(record: Mapping[str, Any], where: str, date: str | None = None,
                         place: str | None = None, consumed: int = 0) -> Document:
    """The document of a record with ``text`` and optionally ``id``, ``date``
    and ``place`` (or a ``context`` object holding them); ``where`` names it
    in errors and is its id when it has none; ``date``/``place`` are the
    defaults. A JSON Lines line and a mapping passed to the bulk API go
    through here alike."""
    identifier = record.get("id")
    identifier = str(identifier) if identifier is not None else where
    text = record.get("text")
    if not isinstance(text, str):
        return Document(identifier, None, date, place, f"{where}: no 'text' string", consumed)
    raw_context = record.get("context")
    context: Mapping[str, Any] = raw_context if isinstance(raw_context, dict) else {}
    line_date = record.get("date", context.get("date"))
    line_place = record.get("place", context.get("place"))
    return Document(identifier, text,
                    line_date if line_date is not None else date,
                    line_place if line_place is not None else place, None, consumed)
