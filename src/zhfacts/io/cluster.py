"""The same extraction on a Dask cluster (``pip install 'zhfacts[dask]'``).

Dask rather than Spark: it is pip-installable with no JVM, runs the same
Python code in its workers, and a ``LocalCluster`` on a laptop or in CI is
the same scheduler as a cluster of hundreds of machines (docs/scale.md has
the reasoning and the recipe).

A corpus is a :class:`dask.bag.Bag` of documents: plain strings, mappings
with ``id``, ``text``, ``date``, ``place`` (JSON Lines records), or
:class:`zhfacts.io.sources.Document`. :func:`extract_bag` maps each partition
through :func:`zhfacts.io.bulk.process_document`; each worker process loads the
pipeline once (the first partition it gets) and keeps it. Records come out
in the order of the bag, exactly as :func:`zhfacts.io.bulk.extract_many` makes
them in one process.

:func:`write_table_parts` makes the same table as ``zhfacts table`` on the
cluster: each partition's rows become Parquet parts (one file per table per
partition, :mod:`zhfacts.table.parts`), which DuckDB reads in place
(:func:`zhfacts.table.parts.open_parts`) or ``zhfacts table PARTS -o DB``
imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from zhfacts.io.bulk import PipelineConfig, as_document, pipeline_for, process_document
from zhfacts.io.sources import Document, parse_json_line

__all__ = ["extract_bag", "read_jsonl_bag", "write_table_parts"]


def extract_bag(bag: Any, config: PipelineConfig | None = None) -> Any:
    """A bag of SPEC section 1 records, one per document of ``bag``.

    A plain string gets its position in its partition as id, which is only
    unique within the partition: give documents ids (mappings or Documents)
    when the bag has more than one partition."""
    return bag.map_partitions(_extract_partition, config or PipelineConfig())


def _extract_partition(items: Iterable[Any], config: PipelineConfig) -> list[dict[str, Any]]:
    nlp = pipeline_for(config)
    return [process_document(nlp, as_document(item, number), config.max_chars)
            for number, item in enumerate(items)]


def read_jsonl_bag(urlpath: str | list[str], *, blocksize: int | str | None = None,
                   date: str | None = None, place: str | None = None) -> Any:
    """A bag of :class:`Document` from JSON Lines files (local paths, globs,
    or any URL fsspec knows, such as ``s3://bucket/corpus/*.jsonl.gz``),
    parsed as ``zhfacts extract`` parses them. A partition is a file
    (``blocksize=None``, the only choice for compressed files) or a block of
    an uncompressed one (``blocksize="64MiB"``). A record without ``id`` is
    named by its file and line (``corpus.jsonl:12``); in blocks the line is
    counted from the block's start, so records read in blocks should carry
    their own ids."""
    import dask.bag

    def parse(lines: Iterable[tuple[str, str]]) -> list[Document]:
        return [parse_json_line(line, f"{path}:{number}", date, place)
                for number, (line, path) in enumerate(lines, start=1) if line.strip()]

    lines = dask.bag.read_text(urlpath, blocksize=blocksize,  # type: ignore[no-untyped-call]
                               include_path=True)
    return lines.map_partitions(parse)


def write_table_parts(bag: Any, directory: str, config: PipelineConfig | None = None
                      ) -> dict[str, int]:
    """Extract the documents of ``bag`` (or take its ready-made records:
    mappings with ``schema_version`` and no ``text``) and write their table
    rows as Parquet parts under ``directory`` (a local path or a URL DuckDB
    writes to), ``part-00000`` for the first partition and so on; runs on
    the current Dask scheduler and returns the totals (documents, failed,
    facts, parts)."""
    from dask import compute, delayed  # type: ignore[attr-defined]

    from zhfacts.table.parts import write_marker

    if "://" not in directory:
        write_marker(directory)
    tasks = [delayed(_table_part)(part, directory, f"part-{number:05d}",
                                       config or PipelineConfig())
             for number, part in enumerate(bag.to_delayed())]
    totals = {"documents": 0, "failed": 0, "facts": 0, "parts": len(tasks)}
    for counts in compute(*tasks):  # type: ignore[no-untyped-call]
        for key in ("documents", "failed", "facts"):
            totals[key] += counts[key]
    return totals


def _table_part(items: Iterable[Any], directory: str, name: str, config: PipelineConfig
                ) -> dict[str, int]:
    from zhfacts.table.inputs import is_record, record_input
    from zhfacts.table.parts import write_part
    from zhfacts.table.rows import DocumentInfo

    pairs: list[tuple[dict[str, Any], DocumentInfo]] = []
    nlp = None
    for number, item in enumerate(items):
        if isinstance(item, Mapping) and is_record(item):
            read = record_input(item, f"{name}:{number}", None, None)
            pairs.append(({**read.record, "id": read.id},
                          DocumentInfo(read.id, None, read.date, read.place)))
            continue
        # (a string or a mapping without id is named by its part and position,
        # so that two partitions never give two documents one id)
        document = as_document(item, number) if isinstance(item, Document) else \
            as_document(item, f"{name}:{number}")
        nlp = nlp or pipeline_for(config)
        record = process_document(nlp, document, config.max_chars)
        pairs.append((record, DocumentInfo(document.id, None, document.date, document.place,
                                           document.text)))
    rows = write_part(pairs, directory, name)
    return {"documents": len(pairs), "failed": sum(bool(r.get("error")) for r, _ in pairs),
            "facts": rows["facts"]}
