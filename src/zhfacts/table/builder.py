"""Building the table: documents in, rows out, streamed into the database.

:func:`build` (and :func:`build_into`, for a connection already open) reads
its inputs lazily, extracts the documents with the same engine, workers and
error handling as ``zhfacts extract`` (:func:`zhfacts.io.bulk.extract_many`),
takes ready-made records as they are, and inserts the rows of a few hundred
documents at a time, each batch in one transaction: a build that is stopped
leaves every document it committed whole, and running it again adds the rest.

A document already in the database (by id) is skipped before it is
extracted, so adding the same corpus twice adds nothing; a document that
failed before is tried again. A document that fails is kept in ``documents``
with its error (reported through ``on_error``) and the table is built from
the rest.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhfacts.io.bulk import PipelineConfig, as_document, extract_many, process_document
from zhfacts.io.sources import Decoding, Document, input_size
from zhfacts.table.catalogue import SHIPPED, Catalogue, Indicator, load_catalogue
from zhfacts.table.inputs import (
    PartsDirectory,
    ReadRecord,
    TableInput,
    is_record,
    read_inputs,
    record_input,
)
from zhfacts.table.keys import PlaceResolver
from zhfacts.table.rows import DocumentInfo, RowBatch, rows_of_record
from zhfacts.table.schema import duckdb_module, open_database

__all__ = ["BuildSummary", "build", "build_into", "install_catalogue"]

logger = logging.getLogger(__name__)

Input = str | os.PathLike[str] | Mapping[str, Any] | Document
#: A batch is inserted after this many fact and entity rows, if it has not
#: reached its documents before (long reports have hundreds of rows each).
_BATCH_ROWS = 20_000
ErrorHandler = Callable[[str, str], None]


@dataclass
class BuildSummary:
    """What one build did, and what the table holds after it."""

    database: str | None
    run: int
    added: int = 0
    failed: int = 0
    skipped: int = 0
    facts: int = 0
    documents_in_table: int = 0
    facts_in_table: int = 0
    merged_rows: int = 0
    conflicts: int = 0
    revisions: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # the first 100
    #: Why the merged rows were not counted (DuckDB's memory limit), if they were not.
    uncounted: str | None = None

    def line(self) -> str:
        where = self.database or "the table"
        held = (f"{self.facts_in_table:,} facts in {self.merged_rows:,} rows, "
                f"{self.conflicts:,} conflicts, {self.revisions:,} revisions"
                if self.uncounted is None else
                f"{self.facts_in_table:,} facts (merged rows not counted: {self.uncounted})")
        return (f"{where}: {self.added:,} documents added ({self.failed:,} failed), "
                f"{self.skipped:,} already there; it holds {self.documents_in_table:,} "
                f"documents, {held}")


def build(inputs: Iterable[Input] | str | os.PathLike[str], path: str | os.PathLike[str], *,
          workers: int = 1, config: PipelineConfig | None = None, nlp: Any = None,
          date: str | None = None, place: str | None = None,
          indicators: str | os.PathLike[str] | None = None,
          decoding: Decoding | None = None, stdin_format: str = "text",
          progress: Any = None, on_error: ErrorHandler | None = None,
          memory_limit: str | None = None,
          batch_documents: int = 200) -> BuildSummary:
    """Build (or add to) the table database at ``path`` from ``inputs``.

    ``inputs``: paths (as ``zhfacts table`` reads them: text files,
    directories, JSON Lines of documents or of records, Parquet parts
    written by :func:`zhfacts.io.cluster.write_table_parts`), mappings (a
    document with ``text``, or a record with ``schema_version``) or
    :class:`~zhfacts.io.sources.Document`. ``workers``/``config``: as for
    :func:`zhfacts.io.bulk.extract_many`; ``nlp``: a pipeline already loaded,
    used in this process instead (``workers=1``). ``date``/``place``: the
    context of documents and records that carry none. ``indicators``: a
    file of your own indicators (docs/table.md). ``decoding``,
    ``stdin_format``: as for ``zhfacts extract``. ``progress``: an object with
    ``update(input_bytes, characters)`` (:class:`zhfacts.io.progress.Progress`).
    ``on_error(id, message)``: called for each document that fails.
    ``memory_limit``: DuckDB's (e.g. ``"1GB"``).
    """
    connection = open_database(path, memory_limit=memory_limit)
    try:
        return build_into(connection, inputs, workers=workers, config=config, nlp=nlp,
                          date=date, place=place, indicators=indicators, decoding=decoding,
                          stdin_format=stdin_format, progress=progress, on_error=on_error,
                          batch_documents=batch_documents, database=str(path))
    finally:
        connection.close()


def build_into(connection: Any, inputs: Iterable[Input] | str | os.PathLike[str], *,
               workers: int = 1, config: PipelineConfig | None = None, nlp: Any = None,
               date: str | None = None, place: str | None = None,
               indicators: str | os.PathLike[str] | None = None,
               decoding: Decoding | None = None, stdin_format: str = "text",
               progress: Any = None, on_error: ErrorHandler | None = None,
               batch_documents: int = 200,
               database: str | None = None) -> BuildSummary:
    """:func:`build` on an open table connection (:func:`open_database`)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    install_catalogue(connection, indicators)
    run = _new_run(connection, inputs)
    summary = BuildSummary(database, run)
    writer = _Writer(connection, run, summary, on_error, batch_documents, progress)
    extract = _extractor(workers, config or PipelineConfig(), nlp)
    items = _items(inputs, date, place, decoding, stdin_format)
    for entry, record in _records(items, writer.new_only, extract):
        writer.add(entry, record)
    writer.flush()
    summary.skipped += writer.skipped
    connection.execute("UPDATE runs SET added = ?, failed = ?, skipped = ? WHERE run = ?",
                       [summary.added, summary.failed, summary.skipped, run])
    _totals(connection, summary)
    return summary


def install_catalogue(connection: Any, extra: str | os.PathLike[str] | None = None
                      ) -> Catalogue:
    """Write the indicator catalogue into the database: zhfacts's own, the
    user's indicators the database keeps from earlier runs, and ``extra``.
    Metric keys are a join at query time, so every fact is keyed by the
    catalogue in force, whenever it was added."""
    stored = [Indicator(row[0], row[1], tuple(row[6] or ()), row[2], row[3], row[4], row[5],
                        row[7])
              for row in connection.execute(
                  "SELECT indicator, name, english, category, unit, source, variants, origin "
                  "FROM indicators WHERE origin <> ? ORDER BY indicator", [SHIPPED]).fetchall()]
    catalogue = load_catalogue(Path(extra) if extra is not None else None, stored)
    indicator_rows = [(i.id, i.name, i.english, i.category, i.unit, i.source,
                       list(i.variants), i.origin) for i in catalogue.indicators]
    name_rows = [(folded, identifier, catalogue.by_id(identifier).name)  # type: ignore[union-attr]
                 for folded, identifier in sorted(catalogue.names.items())]
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM indicator_names")
        connection.execute("DELETE FROM indicators")
        connection.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               indicator_rows)
        connection.executemany("INSERT INTO indicator_names VALUES (?, ?, ?)", name_rows)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return catalogue


# --- reading -----------------------------------------------------------------

def _items(inputs: Iterable[Input], date: str | None, place: str | None,
           decoding: Decoding | None, stdin_format: str) -> Iterator[TableInput]:
    """The inputs as :class:`TableInput`, lazily (a generator of a million
    records is read one at a time)."""
    for number, item in enumerate(inputs):
        if isinstance(item, str | os.PathLike):
            yield from read_inputs([os.fspath(item)], date, place, decoding=decoding,
                                   stdin_format=stdin_format)
        elif isinstance(item, Mapping) and is_record(item):
            yield TableInput(record_input(item, str(number), date, place), str(number))
        else:
            document = as_document(item, number)
            if isinstance(item, Mapping) and document.text is not None:
                document = Document(document.id, document.text, document.date or date,
                                    document.place or place)
            yield TableInput(document, document.id)


Extract = Callable[[Iterator[Document]], Iterator[dict[str, Any]]]


def _extractor(workers: int, config: PipelineConfig, nlp: Any) -> Extract:
    if nlp is not None and workers == 1:
        return lambda documents: (process_document(nlp, d, config.max_chars) for d in documents)
    return lambda documents: extract_many(documents, workers=workers, config=config)


def _records(items: Iterator[TableInput], new_only: Callable[[Iterator[TableInput]],
                                                          Iterator[TableInput]],
             extract: Extract
             ) -> Iterator[tuple[TableInput, dict[str, Any] | None]]:
    """Each new input with its record, in input order: ready-made records as
    they are, documents through ``extract``, which starts (and loads the
    pipeline) only when the first document to extract comes."""
    fresh = new_only(items)
    for entry in fresh:
        if isinstance(entry.item, Document):
            first = entry
            break
        yield entry, _ready(entry)
    else:
        return
    waiting: deque[TableInput] = deque()

    def documents() -> Iterator[Document]:
        waiting.append(first)
        yield first.item  # type: ignore[misc]
        for entry in fresh:
            waiting.append(entry)
            if isinstance(entry.item, Document):
                yield entry.item

    for record in extract(documents()):
        while True:
            entry = waiting.popleft()
            if isinstance(entry.item, Document):
                yield entry, record
                break
            yield entry, _ready(entry)
    while waiting:  # ready-made records after the last document
        entry = waiting.popleft()
        yield entry, _ready(entry)


def _ready(entry: TableInput) -> dict[str, Any] | None:
    """The record of an input that needs no extraction (None: table parts)."""
    return dict(entry.item.record) if isinstance(entry.item, ReadRecord) else None


# --- writing -----------------------------------------------------------------

class _Writer:
    """Rows of new documents, inserted a batch at a time in one transaction."""

    def __init__(self, connection: Any, run: int, summary: BuildSummary,
                 on_error: ErrorHandler | None, batch_documents: int, progress: Any) -> None:
        self.connection = connection
        self.progress = progress
        self.run = run
        self.summary = summary
        self.on_error = on_error
        self.batch_documents = batch_documents
        self.places = PlaceResolver()
        self.batch = RowBatch()
        self.claimed: set[str] = set()  # read in this run, not yet committed
        self.skipped = 0
        self.seq = connection.execute("SELECT coalesce(max(seq), 0) FROM documents"
                                      ).fetchone()[0]

    def new_only(self, items: Iterator[TableInput]) -> Iterator[TableInput]:
        """The inputs not in the database (or there only with an error) and
        not read already in this run, looked up a chunk at a time (one query
        per chunk: a query per document would cost more than reading it); a
        document skipped counts as done for the progress line."""
        while True:
            chunk = list(itertools.islice(items, 256))
            if not chunk:
                return
            known = {row[0] for row in self.connection.execute(
                "SELECT document_id FROM documents WHERE error IS NULL AND document_id IN "
                "(SELECT unnest($1::VARCHAR[]))", [[entry.id for entry in chunk]]).fetchall()}
            for entry in chunk:
                if isinstance(entry.item, PartsDirectory):
                    yield entry  # its documents are looked up as it is imported
                    continue
                if entry.id in known or entry.id in self.claimed:
                    self.skipped += 1
                    if self.progress is not None:
                        self.progress.update(entry.input_bytes, 0)
                    continue
                self.claimed.add(entry.id)
                yield entry

    def add(self, entry: TableInput, record: dict[str, Any] | None) -> None:
        item = entry.item
        if isinstance(item, PartsDirectory):
            self.flush()
            from zhfacts.table.parts import import_parts

            added, skipped = import_parts(self.connection, item.path, self.run)
            self.summary.added += added
            self.skipped += skipped
            self.seq = self.connection.execute("SELECT coalesce(max(seq), 0) FROM documents"
                                               ).fetchone()[0]
            return
        assert record is not None
        self.seq += 1
        if isinstance(item, Document):
            info = DocumentInfo(item.id, entry.source, item.date, item.place, item.text)
            record.setdefault("id", item.id)
        else:
            info = DocumentInfo(item.id, entry.source, item.date, item.place)
        if record.get("id") != info.id:
            record = {**record, "id": info.id}
        error = record.get("error")
        if error:
            self.summary.failed += 1
            if len(self.summary.errors) < 100:
                self.summary.errors.append((info.id, str(error)))
            if self.on_error is not None:
                self.on_error(info.id, str(error))
        else:
            self.summary.added += 1
            self.summary.facts += len(record.get("facts") or ())
        self.batch.add(rows_of_record(record, info, self.places, run=self.run, seq=self.seq))
        if self.progress is not None:
            self.progress.update(item.input_bytes, len(info.text or ""))
        if self.batch.documents >= self.batch_documents or \
                self.batch.count("facts") + self.batch.count("entities") >= _BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        batch = self.batch
        if not batch.documents:
            return
        connection = self.connection
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute("DELETE FROM documents WHERE error IS NOT NULL AND document_id "
                               "IN (SELECT unnest($1::VARCHAR[]))", [batch.ids])
            # (table parts imported since these ids were looked up may hold some)
            present = {row[0] for row in connection.execute(
                "SELECT document_id FROM documents WHERE document_id "
                "IN (SELECT unnest($1::VARCHAR[]))", [batch.ids]).fetchall()}
            if present:
                self._skip_present(batch, present)
                batch = batch.without(present)
            batch.insert_into(connection)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        self.claimed.difference_update(self.batch.ids)
        self.batch = RowBatch()

    def _skip_present(self, batch: RowBatch, present: set[str]) -> None:
        """Count the documents of ``batch`` the database already holds as
        skipped, not added (nor failed)."""
        failed_ids = {row[0] for row in batch.rows["documents"] if row[13] is not None}
        for identifier in present:
            if identifier in failed_ids:
                self.summary.failed -= 1
            else:
                self.summary.added -= 1
                self.summary.facts -= sum(1 for row in batch.rows["facts"] if row[0] == identifier)
            self.skipped += 1


def _new_run(connection: Any, inputs: Iterable[Input]) -> int:
    from zhfacts.results import ZHFACTS_VERSION

    run = int(connection.execute("SELECT coalesce(max(run), 0) + 1 FROM runs").fetchone()[0])
    listed = inputs[:1000] if isinstance(inputs, list | tuple) else []
    described = [os.fspath(item) if isinstance(item, str | os.PathLike) else type(item).__name__
                 for item in listed] or [type(inputs).__name__]
    connection.execute("INSERT INTO runs VALUES (?, ?, ?, ?, 0, 0, 0)", [
        run, datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None),
        ZHFACTS_VERSION, described])
    return run


def _totals(connection: Any, summary: BuildSummary) -> None:
    summary.documents_in_table = connection.execute("SELECT count(*) FROM documents"
                                                    ).fetchone()[0]
    summary.facts_in_table = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
    try:
        counts = dict(connection.execute(
            "SELECT status, count(*) FROM merged_facts GROUP BY status").fetchall())
    except duckdb_module().OutOfMemoryException:
        # The documents are in; only the count over the merged view did not fit
        # (its groups hold every source's list). The table is whole: a later
        # query with more memory answers it.
        limit = connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        summary.uncounted = (f"DuckDB's memory limit of {limit} is too small to merge "
                             f"{summary.facts_in_table:,} facts; query with a larger "
                             "--memory-limit")
        return
    summary.merged_rows = sum(counts.values())
    summary.conflicts = counts.get("conflict", 0)
    summary.revisions = counts.get("revised", 0)


def input_bytes(inputs: Iterable[Input]) -> int | None:
    """The bytes the path inputs will read (for the progress line's ETA)."""
    paths = [os.fspath(item) for item in inputs if isinstance(item, str | os.PathLike)]
    return input_size(paths) if paths else None

