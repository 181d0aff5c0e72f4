"""The ``zhfacts`` command line: argument parsing over library functions.

``zhfacts extract PATH... [-o OUT] [--format F] [--date D] [--place P]
[--workers N] [--checkpoint | --resume] [--verbose]`` streams one record per
document, in input order, through :func:`zhfacts.io.bulk.extract_many`; a
document that cannot be read or processed gets a record with ``error`` and the
run goes on. ``--checkpoint`` keeps ``OUT.progress`` beside the output so that
``--resume`` can continue an interrupted run (:mod:`zhfacts.io.checkpoint`);
``--resume`` implies it; without either no ``.progress`` file is written.
Exit status: 0 when every document went through, 1 when some failed, 2 for
usage errors.

Quiet by default: nothing goes to stderr but errors and, when stderr is a
terminal, the progress line (``--progress`` also into a file or pipe,
``--no-progress`` never). ``--verbose`` shows the log lines of zhfacts (and of
jieba, with ``--segmenter jieba``) on stderr.

``zhfacts setup pkuseg`` fetches and converts the optional pkuseg model once.

``zhfacts table [INPUT...] -o DB`` puts every fact of a corpus in one DuckDB
table (:mod:`zhfacts.table.command`).

``zhfacts evaluate [CORPUS]`` scores the pipeline on gold JSON Lines files
(SPEC section 5) and prints the table (``--markdown`` for docs/).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import logging
import sys
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zhfacts import __version__
from zhfacts.io.bulk import PipelineConfig
from zhfacts.io.checkpoint import Checkpoint, ResumePoint, checkpoint_path
from zhfacts.io.output import PARQUET_TABLES, WRITERS, RecordWriter
from zhfacts.io.sources import Decoding, Document, input_size, read_documents
from zhfacts.table.command import add_table_parser, run_table

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

logger = logging.getLogger("zhfacts.io.cli")  # also when run as __main__
_verbose_handler: logging.Handler | None = None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhfacts",
        description="Figures, entities and facts from Chinese government news and reports.",
    )
    parser.add_argument("--version", action="version", version=f"zhfacts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract records from documents")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help=".txt file, directory of .txt files, .jsonl or .jsonl.gz file, "
                              "or - for stdin")
    extract.add_argument("-o", "--output", default="-",
                         help="output file (default: stdout); a directory for the Parquet "
                              "formats")
    extract.add_argument("--format", choices=sorted([*WRITERS, *PARQUET_TABLES]),
                         default="jsonl",
                         help="jsonl: one record per document; csv / facts-csv: the entity "
                              "or fact table; parquet / facts-parquet: the same tables as a "
                              "Parquet dataset (needs pyarrow)")
    extract.add_argument("--part-documents", type=int, default=1000, metavar="N",
                         help="Parquet formats: documents per part file (default 1000)")
    extract.add_argument("--stdin-format", choices=("text", "jsonl"), default="text",
                         help="what - reads: one text document (default) or JSON Lines")
    extract.add_argument("--encoding", default="utf-8", metavar="NAME",
                         help="encoding of the input files: utf-8 (default), gb18030, gbk, "
                              "big5 ... or auto (UTF-8, else GB18030); no detection unless "
                              "asked")
    extract.add_argument("--decode-errors", choices=("strict", "replace"), default="strict",
                         help="bytes that do not decode: strict (default) gives the document "
                              "an error record; replace decodes them as U+FFFD")
    extract.add_argument("--max-chars", type=int, default=PipelineConfig.max_chars, metavar="N",
                         help="a document longer than N characters gets an error record "
                              "(default 50,000,000); long documents below it are processed "
                              "in pieces")
    extract.add_argument("--workers", type=int, default=1, metavar="N",
                         help="processes (default 1); output order stays the input order")
    extract.add_argument("--checkpoint", action="store_true",
                         help="keep a checkpoint (OUTPUT.progress) beside the output, so "
                              "that --resume can continue the run if it is interrupted "
                              "(needs -o; without it or --resume no .progress file is "
                              "written)")
    extract.add_argument("--resume", action="store_true",
                         help="continue an interrupted --checkpoint (or --resume) run into "
                              "the same output, skipping the documents it finished; with "
                              "no checkpoint, start afresh and keep one (needs -o)")
    extract.add_argument("--date", help="document date (YYYY, YYYY-MM or YYYY-MM-DD) for "
                                        ".txt and stdin documents")
    extract.add_argument("--place", help="the place the documents are about, e.g. 商丘市")
    extract.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"),
                         help="Chinese word segmenter of the pipeline (default: char; "
                              "pkuseg needs `zhfacts setup pkuseg` once)")
    extract.add_argument("--entities", metavar="FILE",
                         help="JSON file of your own bodies, organizations, people and places "
                              "(docs/extending.md)")
    extract.add_argument("--units", metavar="FILE",
                         help="JSON file of extra units, shaped like zhfacts' units.json "
                              "(docs/extending.md)")
    extract.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="progress line (documents/s, characters/s, ETA) on stderr: "
                              "by default only when stderr is a terminal; --progress also "
                              "into a file or pipe (a line every ten seconds), "
                              "--no-progress never")
    extract.add_argument("-v", "--verbose", action="store_true",
                         help="log lines of zhfacts (and of jieba with --segmenter jieba) "
                              "on stderr; without it nothing but errors and the progress line "
                              "is printed there (worker processes of --workers stay quiet)")

    report = commands.add_parser("report", help="an HTML page: entities marked, facts, checks")
    report.add_argument("page", metavar="PAGE", help="a .txt document (UTF-8)")
    report.add_argument("-o", "--output", help="HTML file (default: PAGE with .html)")
    report.add_argument("--date", help="document date (YYYY, YYYY-MM or YYYY-MM-DD)")
    report.add_argument("--place", help="the place the document is about, e.g. 商丘市")
    report.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"))

    add_table_parser(commands)

    setup = commands.add_parser("setup", help="download and convert an optional model")
    setup.add_argument("model", choices=("pkuseg",),
                       help="pkuseg: the default model of PyPI's pkuseg 0.0.25 sdist")
    setup.add_argument("--cache", help="cache root (default: $ZHFACTS_CACHE or ~/.cache/zhfacts)")
    setup.add_argument("--sdist", help="use a local pkuseg-0.0.25.tar.gz instead of pip download")
    setup.add_argument("--force", action="store_true", help="set up again even if cached")

    evaluate = commands.add_parser("evaluate", help="score the pipeline on gold documents")
    evaluate.add_argument("corpus", nargs="?", default="corpora",
                          help="directory of gold .jsonl files (default: corpora)")
    evaluate.add_argument("--markdown", action="store_true", help="print Markdown tables")
    evaluate.add_argument("--texts", metavar="DIR", type=Path,
                          help="where stand-off gold (corpora/real) finds the texts it "
                               "annotates (default: ../shared/real-documents)")
    evaluate.add_argument("--no-model", action="store_true",
                          help="score the pipeline without the NER model "
                               "(zhfacts.load(model=False))")
    evaluate.add_argument("--no-context", action="store_true",
                          help="give the pipeline no document date or place (as a user who "
                               "passes none): scores what zhfacts infers from the text alone")
    evaluate.add_argument("--ner-corpora", metavar="DIR",
                          help="also score entities on MSRA test and People's Daily test, read "
                               "from DIR (e.g. ../shared/corpora)")
    evaluate.add_argument("--min-f1", action="append", default=[], metavar="NAME=F1",
                          help="fail (exit 1) when a score is below F1; NAME is corpora (entity "
                               "micro F1), facts (fact F1), fact-time, fact-place (accuracy over "
                               "matched facts), msra-test, peoples-daily-test, or either "
                               "with -spec (gold mapped to SPEC's conventions; repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    try:
        if args.command == "extract":
            return _extract(args, parser)
        if args.command == "setup":
            return _setup(args)
        if args.command == "report":
            return _report(args)
        if args.command == "table":
            return run_table(args, parser)
        return _evaluate(args)
    except BrokenPipeError:  # the reader stopped early (zhfacts extract ... | head)
        sys.stderr.close()
        return EXIT_OK


def _extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from zhfacts.errors import ContextError, DataFileError, InputError
    from zhfacts.io.bulk import extract_many
    from zhfacts.io.progress import Progress
    from zhfacts.page.context import DocumentContext

    problem = _extract_usage_problem(args)
    if problem is None:
        try:
            DocumentContext.of(args.date, args.place)
        except ContextError as error:
            problem = str(error)
    if problem is not None:
        parser.print_usage(sys.stderr)
        print(f"zhfacts extract: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.verbose:
        _log_to_stderr()
    started = time.monotonic()
    config = PipelineConfig(args.segmenter, args.entities, args.units,
                            max_chars=args.max_chars)
    try:
        _check_data_files(args)
    except DataFileError as error:
        print(f"zhfacts extract: {error}", file=sys.stderr)
        return EXIT_USAGE
    checkpoint = None
    point = None
    if args.output != "-" and (args.checkpoint or args.resume):
        checkpoint = Checkpoint(Path(args.output), _run_settings(args))
        logger.info("checkpoint: %s", checkpoint.path)
        if args.resume:
            try:
                point = _resume_point(checkpoint, Path(args.output),
                                      args.format in PARQUET_TABLES)
            except InputError as error:
                print(f"zhfacts extract: {error}", file=sys.stderr)
                return EXIT_USAGE
        if point is not None:
            logger.info("resuming after %d documents", point.done)
    elif args.output != "-":
        # A checkpoint left by an earlier run describes an output this run
        # rewrites: a later --resume must not trust it.
        checkpoint_path(Path(args.output)).unlink(missing_ok=True)
    documents = read_documents(args.paths, args.date, args.place, stdin_format=args.stdin_format,
                               decoding=Decoding(args.encoding, args.decode_errors))
    skipped_bytes = 0
    if point is not None:
        for _ in range(point.done):  # finished by the earlier run
            skipped = next(documents, None)
            if skipped is None:
                break
            skipped_bytes += skipped.input_bytes
    show_progress = args.progress if args.progress is not None else _stderr_is_a_terminal()
    progress = Progress(input_size(args.paths),
                        enabled=show_progress, already_bytes=skipped_bytes)
    in_flight: deque[Document] = deque()

    def remembered(items: Iterator[Document]) -> Iterator[Document]:
        for document in items:
            in_flight.append(document)
            yield document

    failed = 0
    done = point.done if point is not None else 0
    with _open_writer(args, point) as writer:
        if checkpoint is not None:
            checkpoint.start(point)
        try:
            for record in extract_many(remembered(documents), workers=args.workers,
                                       config=config):
                document = in_flight.popleft()
                failed += "error" in record
                writer.write(record)
                done += 1
                progress.update(document.input_bytes, len(document.text or ""))
                mark = writer.mark() if checkpoint is not None else None
                if checkpoint is not None and mark is not None:
                    checkpoint.record(done, mark)
            writer.close()
            if checkpoint is not None:
                mark = writer.mark()
                if mark is not None:
                    checkpoint.record(done, mark)
        finally:
            if checkpoint is not None:
                checkpoint.close()
    progress.finish()
    logger.info("%d documents (%d with an error) in %.1f s", done, failed,
                time.monotonic() - started)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def _log_to_stderr() -> None:
    """``--verbose``: the zhfacts and jieba loggers, down to DEBUG, on stderr.
    jieba, when installed, is imported (and its own console handler taken off)
    first, so its lines come once, through this handler."""
    from zhfacts.words import import_jieba

    global _verbose_handler
    with contextlib.suppress(ImportError):  # jieba is only the optional segmenter
        import_jieba()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    for name in ("zhfacts", "jieba"):
        named = logging.getLogger(name)
        named.setLevel(logging.DEBUG)
        if _verbose_handler is not None:  # main() called again in this process
            named.removeHandler(_verbose_handler)
        named.addHandler(handler)
    _verbose_handler = handler


def _resume_point(checkpoint: Checkpoint, output: Path, directory: bool) -> ResumePoint | None:
    """Where to resume: ``None`` (start afresh) when there is no checkpoint
    or no output any more; an error when the output is shorter than the
    checkpoint says it was (it was changed since)."""
    from zhfacts.errors import InputError

    point = checkpoint.load()
    if point is None or not output.exists():
        return None
    if not directory and output.stat().st_size < point.mark:
        raise InputError(f"{output} is shorter than {checkpoint.path} says it was; "
                         "run again without --resume")
    return point


def _extract_usage_problem(args: argparse.Namespace) -> str | None:
    if args.workers < 1:
        return "--workers must be at least 1"
    if args.part_documents < 1:
        return "--part-documents must be at least 1"
    if args.max_chars < 1:
        return "--max-chars must be at least 1"
    if args.encoding != "auto":
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return f"unknown encoding {args.encoding!r}"
    if args.resume and args.output == "-":
        return "--resume needs an output file (-o)"
    if args.checkpoint and args.output == "-":
        return "--checkpoint needs an output file (-o)"
    if args.format in PARQUET_TABLES and args.output == "-":
        return f"--format {args.format} writes a directory: give it with -o"
    return None


def _check_data_files(args: argparse.Namespace) -> None:
    """Read the user's data files once here, so a bad one is a usage error
    before any document is read or any worker starts."""
    from zhfacts.entities.user_entities import load_user_entities
    from zhfacts.numbers.lexicon import lexicon_with_units

    if args.entities:
        load_user_entities(args.entities)
    if args.units:
        lexicon_with_units(args.units)


def _run_settings(args: argparse.Namespace) -> dict[str, Any]:
    """What a resumed run must share with the run it continues."""
    return {"inputs": [str(Path(p).resolve()) if p != "-" else "-" for p in args.paths],
            "format": args.format, "date": args.date, "place": args.place,
            "segmenter": args.segmenter, "entities": args.entities, "units": args.units,
            "stdin_format": args.stdin_format, "part_documents": args.part_documents,
            "encoding": args.encoding, "decode_errors": args.decode_errors,
            "max_chars": args.max_chars}


@contextmanager
def _open_writer(args: argparse.Namespace, point: ResumePoint | None) -> Iterator[RecordWriter]:
    """The writer of ``--format`` on ``-o``; resuming, a file output is cut
    back to the earlier run's mark and appended to."""
    from zhfacts.io.output import ParquetTableWriter

    if args.format in PARQUET_TABLES:
        columns, key = PARQUET_TABLES[args.format]
        yield ParquetTableWriter(Path(args.output), columns, key,
                                 resumed_parts=point.mark if point is not None else None,
                                 documents_per_part=args.part_documents)
        return
    if args.output == "-":
        yield WRITERS[args.format](sys.stdout)
        return
    resumed = point is not None and Path(args.output).exists()
    if resumed:
        assert point is not None
        with open(args.output, "r+b") as raw:
            raw.truncate(point.mark)
    mode = "a" if resumed else "w"
    with open(args.output, mode, encoding="utf-8", newline="") as handle:
        yield WRITERS[args.format](handle, resumed=resumed and handle.tell() > 0)


def _report(args: argparse.Namespace) -> int:
    from zhfacts.api import extract, load
    from zhfacts.errors import ZhfactsError
    from zhfacts.io.report import render_report

    source = Path(args.page)
    try:
        text = source.read_text(encoding="utf-8")
        nlp = load(args.segmenter)
        record = extract(text, args.date, args.place, id=source.name, nlp=nlp)
    except (OSError, UnicodeDecodeError, ZhfactsError) as error:
        print(f"zhfacts report: {source}: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    target = Path(args.output) if args.output else source.with_suffix(".html")
    target.write_text(render_report(text, record), encoding="utf-8")
    print(target)
    return EXIT_OK


def _setup(args: argparse.Namespace) -> int:
    from zhfacts.errors import ZhfactsError
    from zhfacts.pipeline.segmentation import setup_pkuseg

    try:
        path = setup_pkuseg(args.cache, sdist=args.sdist, force=args.force,
                            log=lambda message: print(message, file=sys.stderr))
    except ZhfactsError as error:
        print(f"zhfacts setup: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(path)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from zhfacts.errors import ZhfactsError
    from zhfacts.evaluation.scoring import evaluate_corpus, format_table

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"zhfacts evaluate: not a directory: {corpus}", file=sys.stderr)
        return EXIT_USAGE
    try:
        bars = _bars(args.min_f1)
    except ValueError as error:
        print(f"zhfacts evaluate: {error}", file=sys.stderr)
        return EXIT_USAGE
    from zhfacts.api import extract, load

    nlp = load(model=False) if args.no_model else None
    no_context = args.no_context

    def predict(text: str, date: str | None, place: str | None) -> dict[str, Any]:
        if no_context:
            date = place = None
        return extract(text, date, place, nlp=nlp)

    try:
        report = evaluate_corpus(corpus, predict, texts=args.texts)
    except ZhfactsError as error:
        print(f"zhfacts evaluate: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(format_table(report, markdown=args.markdown))
    scores = {"corpora": report.total("entities").f1}
    if report.fact_documents:
        matched = report.facts.found or 1
        scores.update({"facts": report.facts.f1, "fact-time": report.fact_time / matched,
                       "fact-place": report.fact_place / matched})
    if args.ner_corpora:
        from zhfacts.evaluation.ner_corpora import (
            format_benchmarks,
            load_benchmarks,
            pipeline_tagger,
            score_sentences,
        )

        benchmarks = load_benchmarks(Path(args.ner_corpora))
        tagger = pipeline_tagger(nlp)
        results = {name: score_sentences(sentences, tagger)
                   for name, sentences in benchmarks.corpora.items()}
        print()
        print(format_benchmarks(results, benchmarks.notes, markdown=args.markdown))
        scores.update({name: tallies["all"].f1 for name, tallies in results.items()})
    failed = [f"{name} {scores[name]:.3f} < {bar}" for name, bar in bars.items()
              if name in scores and scores[name] < bar]
    missing = [name for name in bars if name not in scores]
    for line in failed + [f"{name}: not evaluated" for name in missing]:
        print(f"zhfacts evaluate: {line}", file=sys.stderr)
    return EXIT_SOME_FAILED if failed or missing else EXIT_OK


def _bars(specs: list[str]) -> dict[str, float]:
    known = ("corpora", "facts", "fact-time", "fact-place", "msra-test", "msra-test-spec",
             "peoples-daily-test", "peoples-daily-test-spec")
    bars: dict[str, float] = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        if name not in known:
            raise ValueError(f"--min-f1: unknown name {name!r} (one of {', '.join(known)})")
        bars[name] = float(value)
    return bars


if __name__ == "__main__":
    sys.exit(main())
