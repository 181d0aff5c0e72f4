"""Many documents at once: lazily, in input order, on N processes.

:func:`extract_many` is the engine behind ``zhfacts extract`` and the Dask
path (:mod:`zhfacts.io.cluster`). It takes any iterable of documents and yields
one SPEC section 1 record per document, in input order, as soon as the
records before it are done. With ``workers > 1`` documents go in small
batches to a process pool; at most a few batches per worker are in flight,
so memory stays flat however long the input is. Each worker process loads
the pipeline once.

Nothing is lost: a document that raises becomes its own error record; when a
worker dies (killed, out of memory) the pool is replaced, the batches it
held are retried, the first of them one document at a time with nothing else
in flight, so only a document that kills its worker twice more is reported
as an error.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from zhfacts.io.sources import Document, document_from_record
from zhfacts.results import SCHEMA_VERSION, ZHFACTS_VERSION

logger = logging.getLogger(__name__)

__all__ = ["PipelineConfig", "as_document", "extract_many", "pipeline_for",
           "process_document"]


@dataclass(frozen=True)
class PipelineConfig:
    """What :func:`zhfacts.load` is called with in every process."""

    segmenter: str = "char"
    entities: str | None = None
    units: str | None = None
    model: bool = True
    #: A document longer than this (characters) gets an error record instead
    #: of being processed; below it, long documents go in pieces.
    max_chars: int = 50_000_000

    def load(self) -> Any:
        from zhfacts.api import load

        started = time.monotonic()
        nlp = load(self.segmenter, entities=self.entities, units=self.units, model=self.model)
        logger.info("pipeline loaded (segmenter %s) in %.1f s", self.segmenter,
                    time.monotonic() - started)
        return nlp


def as_document(item: Document | Mapping[str, Any] | str, number: int | str) -> Document:
    """A :class:`Document` from what a caller passes: a Document, a mapping
    with ``text`` (and ``id``, ``date``, ``place``, read as a JSON Lines
    record is), or a plain string (its id is ``number``, its position in the
    input from 0, or a name the caller gives)."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(str(number), item)
    if isinstance(item, Mapping):
        return document_from_record(item, str(number))
    return Document(str(number), None,
                    error=f"a document must be a str, a mapping or a Document, "
                          f"not {type(item).__name__}")


def error_record(identifier: str, error: str) -> dict[str, Any]:
    """The record of a document that could not be processed."""
    return {"id": identifier, "schema_version": SCHEMA_VERSION,
            "zhfacts_version": ZHFACTS_VERSION, "error": error}


def process_document(nlp: Any, document: Document, max_chars: int | None = None
                     ) -> dict[str, Any]:
    """The record of one document; any failure becomes its error record, and
    so does a text longer than ``max_chars``."""
    from zhfacts.api import extract

    if document.text is None:
        return error_record(document.id, document.error or "unreadable")
    if max_chars is not None and len(document.text) > max_chars:
        return error_record(document.id, f"the document has {len(document.text):,} "
                                          f"characters, over the limit of {max_chars:,} "
                                          "(--max-chars)")
    try:
        return extract(document.text, document.date, document.place, id=document.id, nlp=nlp)
    except Exception as error:  # one bad document must not stop the run
        return error_record(document.id, f"{type(error).__name__}: {error}")


def extract_many(documents: Iterable[Document | Mapping[str, Any] | str], *,
                 workers: int = 1, config: PipelineConfig | None = None,
                 batch_size: int = 8) -> Iterator[dict[str, Any]]:
    """Records of ``documents``, lazily and in input order.

    ``workers``: processes (1 runs in this process). ``config``: the pipeline
    each process loads (default: :func:`zhfacts.load`'s defaults).
    ``batch_size``: documents sent to a worker at a time.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    config = config or PipelineConfig()
    items = (as_document(item, number) for number, item in enumerate(documents))
    if workers == 1:
        nlp = config.load()
        for document in items:
            yield process_document(nlp, document, config.max_chars)
        return
    yield from _Pool(workers, config).run(items, batch_size)


# --- worker side -------------------------------------------------------------

_worker_pipeline: tuple[PipelineConfig, Any] | None = None


def pipeline_for(config: PipelineConfig) -> Any:
    """This process's pipeline for ``config``, loaded on first use and kept (the
    pool's and the Dask cluster's workers call it for every batch)."""
    global _worker_pipeline
    if _worker_pipeline is None or _worker_pipeline[0] != config:
        _worker_pipeline = (config, config.load())
    return _worker_pipeline[1]


def _process_batch(config: PipelineConfig, batch: list[Document]) -> list[dict[str, Any]]:
    nlp = pipeline_for(config)
    return [process_document(nlp, document, config.max_chars) for document in batch]


# --- parent side ---------------------------------------------------------------

def _context() -> Any:
    """``forkserver`` where there is one: workers start from a clean process
    (no threads, no half-loaded state of the parent), and load the pipeline
    themselves."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Pool:
    """A process pool that keeps results in order, bounds what is in flight,
    and survives a worker's death."""

    def __init__(self, workers: int, config: PipelineConfig) -> None:
        self.workers = workers
        self.config = config
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                   initializer=pipeline_for, initargs=(self.config,))

    def run(self, documents: Iterator[Document], batch_size: int) -> Iterator[dict[str, Any]]:
        pending: deque[tuple[Future[list[dict[str, Any]]], list[Document]]] = deque()
        limit = 2 * self.workers
        try:
            batch: list[Document] = []
            for document in documents:
                batch.append(document)
                if len(batch) == batch_size:
                    pending.append((self._submit(batch), batch))
                    batch = []
                    while len(pending) > limit:
                        yield from self._collect(pending)
            if batch:
                pending.append((self._submit(batch), batch))
            while pending:
                yield from self._collect(pending)
        finally:
            for future, _ in pending:
                future.cancel()
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, batch: list[Document]) -> Future[list[dict[str, Any]]]:
        return self.executor.submit(_process_batch, self.config, batch)

    def _collect(self, pending: deque[tuple[Future[list[dict[str, Any]]], list[Document]]]
                 ) -> Iterator[dict[str, Any]]:
        future, batch = pending.popleft()
        try:
            records = future.result()
        except BrokenProcessPool:
            # A worker died. In a new pool, with nothing else in flight, the
            # batch's documents go one at a time, so a second death names its
            # document; then the batches that were waiting go again.
            self._replace_executor()
            records = [self._alone(document) for document in batch]
            for k, (_, waiting) in enumerate(pending):
                pending[k] = (self._submit(waiting), waiting)
        yield from records

    def _replace_executor(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    def _alone(self, document: Document) -> dict[str, Any]:
        """The record of one document in a pool with nothing else in flight;
        a document whose worker dies twice is given up."""
        for _ in range(2):
            try:
                return self._submit([document]).result()[0]
            except BrokenProcessPool:
                self._replace_executor()
        return error_record(document.id, "the worker process died on this document (twice)")
