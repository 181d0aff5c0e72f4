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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhfacts.io.bulk import PipelineConfig, as_document, pipeline_for, process_document
from zhfacts.io.sources import Document, parse_json_line

__all__ = ["extract_bag", "read_jsonl_bag"]


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
    an uncompressed one (``blocksize="64MiB"``)."""
    import dask.bag

    def parse(line: str) -> Document:
        return parse_json_line(line, "jsonl", date, place)

    lines = dask.bag.read_text(urlpath, blocksize=blocksize)  # type: ignore[no-untyped-call]
    return lines.filter(lambda line: bool(line.strip())).map(parse)
