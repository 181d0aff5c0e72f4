"""``zhfacts table``: the command over :mod:`zhfacts.table`.

``zhfacts table [INPUT ...] [-o DB] [--html F] [--csv F] [--parquet F]
[--sql QUERY]`` adds the inputs (read as ``zhfacts extract`` reads them, or
records it wrote, or table parts) to the database ``DB``, then writes what
was asked from it. Without inputs it only reads ``DB``; without ``-o`` the
table lives in memory for the outputs of this run. Each document that fails
is reported on stderr and the table is built from the rest (exit 1); a
summary line goes to stdout. Exit 2 for usage errors, among them a database
that is not a zhfacts table of this schema version (never written to).
"""

from __future__ import annotations

import argparse
import codecs
import logging
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_table_parser", "run_table"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def add_table_parser(commands: Any) -> None:
    """Register ``zhfacts table`` on the command line's subparsers."""
    from zhfacts.io.bulk import PipelineConfig

    table = commands.add_parser(
        "table", help="every fact of a corpus in one DuckDB table: repeats merged, "
                      "conflicts shown (docs/table.md)")
    table.add_argument("inputs", nargs="*", metavar="INPUT",
                       help="what to add: .txt files, directories, .jsonl(.gz) documents or "
                            "records written by zhfacts extract, table parts, - for stdin")
    table.add_argument("-o", "--database", metavar="DB",
                       help="the DuckDB database to build or add to (default: in memory, "
                            "for --html/--csv/--parquet/--sql of this run only)")
    table.add_argument("--html", metavar="FILE", help="write the page: searchable table, "
                                                      "charts, conflicts, sources")
    table.add_argument("--csv", metavar="FILE", help="write the merged table as CSV")
    table.add_argument("--parquet", metavar="FILE", help="write the merged table as Parquet")
    table.add_argument("--sql", metavar="QUERY", help="print the rows of a query as a table")
    table.add_argument("--indicators", metavar="FILE",
                       help="JSON file of your own indicators, shaped like zhfacts' "
                            "indicators.json; the database keeps them")
    table.add_argument("--html-rows", type=int, default=5000, metavar="N",
                       help="rows on the page (default 5000; conflicts first)")
    table.add_argument("--workers", type=int, default=1, metavar="N",
                       help="processes extracting documents (default 1)")
    table.add_argument("--date", help="document date for documents without one")
    table.add_argument("--place", help="document place for documents without one")
    table.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"))
    table.add_argument("--entities", metavar="FILE", help="your own entities (extending.md)")
    table.add_argument("--units", metavar="FILE", help="your own units (extending.md)")
    table.add_argument("--max-chars", type=int, default=PipelineConfig.max_chars, metavar="N",
                       help="a longer document fails (default 50,000,000)")
    table.add_argument("--encoding", default="utf-8", metavar="NAME",
                       help="encoding of input files (utf-8, gb18030, ..., auto)")
    table.add_argument("--decode-errors", choices=("strict", "replace"), default="strict")
    table.add_argument("--stdin-format", choices=("text", "jsonl"), default="text")
    table.add_argument("--memory-limit", metavar="SIZE",
                       help="DuckDB's memory limit, e.g. 1GB (default: DuckDB's)")
    table.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress line on stderr (default: on a terminal)")
    table.add_argument("-v", "--verbose", action="store_true",
                       help="log lines of zhfacts on stderr")


def run_table(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``zhfacts table`` with parsed ``args``; returns the exit status."""
    problem = _usage_problem(args)
    if problem is not None:
        parser.print_usage(sys.stderr)
        print(f"zhfacts table: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from zhfacts.errors import ZhfactsError
    from zhfacts.table.schema import open_database

    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logging.getLogger("zhfacts").addHandler(handler)
        logging.getLogger("zhfacts").setLevel(logging.DEBUG)
    try:
        _check_user_files(args)
        connection = open_database(args.database, create=bool(args.inputs),
                                   read_only=not args.inputs, memory_limit=args.memory_limit)
    except ZhfactsError as error:
        print(f"zhfacts table: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        failed = 0
        if args.inputs:
            summary = _build(connection, args)
            failed = summary.failed
            print(summary.line())
        _outputs(connection, args)
    except ZhfactsError as error:
        print(f"zhfacts table: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        connection.close()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _usage_problem(args: argparse.Namespace) -> str | None:
    if not args.inputs and not args.database:
        return "give inputs to build from, or a database (-o) to read"
    if not args.database and not (args.html or args.csv or args.parquet or args.sql):
        return "nothing to write: give -o DB, or --html, --csv, --parquet or --sql"
    if args.database and not args.inputs and not Path(args.database).exists():
        return f"{args.database}: no such table database (give inputs to build it)"
    if args.workers < 1:
        return "--workers must be at least 1"
    if args.max_chars < 1:
        return "--max-chars must be at least 1"
    if args.html_rows < 1:
        return "--html-rows must be at least 1"
    if args.encoding != "auto":
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return f"unknown encoding {args.encoding!r}"
    if args.date is not None or args.place is not None:
        from zhfacts.errors import ContextError
        from zhfacts.page.context import DocumentContext

        try:
            DocumentContext.of(args.date, args.place)
        except ContextError as error:
            return str(error)
    return None


def _check_user_files(args: argparse.Namespace) -> None:
    """A bad file of the user's is a usage error before anything is read."""
    from zhfacts.table.catalogue import load_catalogue

    if args.indicators:
        load_catalogue(args.indicators)
    if args.entities:
        from zhfacts.entities.user_entities import load_user_entities

        load_user_entities(args.entities)
    if args.units:
        from zhfacts.numbers.lexicon import lexicon_with_units

        lexicon_with_units(args.units)


def _build(connection: Any, args: argparse.Namespace) -> Any:
    from zhfacts.io.bulk import PipelineConfig
    from zhfacts.io.progress import Progress
    from zhfacts.io.sources import Decoding
    from zhfacts.table.builder import build_into, input_bytes

    def report(identifier: str, error: str) -> None:
        print(f"zhfacts table: {identifier}: {error}", file=sys.stderr)

    show = args.progress if args.progress is not None else _stderr_is_a_terminal()
    paths = [p for p in args.inputs if p != "-"]
    progress = Progress(input_bytes(paths) if len(paths) == len(args.inputs) else None,
                        enabled=show)
    config = PipelineConfig(args.segmenter, args.entities, args.units,
                            max_chars=args.max_chars)
    summary = build_into(connection, args.inputs, workers=args.workers, config=config,
                         date=args.date, place=args.place, indicators=args.indicators,
                         decoding=Decoding(args.encoding, args.decode_errors),
                         stdin_format=args.stdin_format, progress=progress,
                         on_error=report, database=args.database)
    progress.finish()
    return summary


def _outputs(connection: Any, args: argparse.Namespace) -> None:
    from zhfacts.table.export import export_csv, export_parquet
    from zhfacts.table.html import render_html
    from zhfacts.table.queries import format_rows, query

    if args.html:
        title = f"zhfacts table: {Path(args.database).name}" if args.database \
            else "zhfacts table"
        Path(args.html).write_text(render_html(connection, title=title,
                                               max_rows=args.html_rows), encoding="utf-8")
    if args.csv:
        export_csv(connection, args.csv)
    if args.parquet:
        export_parquet(connection, args.parquet)
    if args.sql:
        import duckdb

        from zhfacts.table.schema import TableError

        try:
            print(format_rows(query(connection, args.sql)))
        except duckdb.Error as error:
            raise TableError(f"--sql: {error}") from error


def _stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
