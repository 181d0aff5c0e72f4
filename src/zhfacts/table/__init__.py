"""One table across documents: every fact of a corpus in an embedded DuckDB database.

Analysts ask across pages: the 地区生产总值 of every county for 2018–2023, with
the page each figure came from, and where two sources disagree. The table
holds every document, fact, entity and check of a corpus, keys each fact so
that figures from different pages compare (the indicator, the place's code,
the period's granularity, the written precision), merges repeats into one
row with all their sources and marks conflicts and revisions
(docs/table.md).

- :func:`build` builds a database from paths, documents or records
  (``zhfacts table``), with the workers and error handling of ``zhfacts
  extract``; :func:`query` asks it, rows as plain Python; :func:`connect`
  gives the DuckDB connection (pandas, Arrow, Polars where installed).
- :func:`render_html` is the page for people who look rather than query;
  :func:`export_csv` and :func:`export_parquet` write the merged table.
- :mod:`zhfacts.table.parts` is the same table as Parquet parts, written on
  a Dask cluster (:func:`zhfacts.io.cluster.write_table_parts`).

The modules, one concept each: ``schema`` (tables, columns, opening a
database), ``catalogue`` (the indicator catalogue, ``data/indicators.json``),
``keys`` (periods, places, precision), ``rows`` (a record as rows), ``inputs``
(what is read), ``builder``, ``merge`` (the views), ``queries``, ``export``,
``html``, ``parts``, ``command`` (the ``zhfacts table`` command).
DuckDB is imported on first use, not with the package.
"""

from __future__ import annotations

from zhfacts.table.builder import BuildSummary, build, build_into
from zhfacts.table.export import export_csv, export_parquet
from zhfacts.table.html import render_html
from zhfacts.table.queries import connect, format_rows, query
from zhfacts.table.schema import TABLE_SCHEMA_VERSION, TableError, open_database

__all__ = ["TABLE_SCHEMA_VERSION", "BuildSummary", "TableError", "build", "build_into",
           "connect", "export_csv", "export_parquet", "format_rows", "open_database", "query",
           "render_html"]
