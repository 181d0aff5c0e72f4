"""The ``zhfacts`` command line: argument parsing over library functions.

``zhfacts extract PATH... [-o OUT] [--format jsonl|csv] [--date D] [--place P]``
writes one record per document; a document that cannot be read or processed
gets a record with ``error`` and the run goes on. Exit status: 0 when every
document went through, 1 when some failed, 2 for usage errors.

``zhfacts setup pkuseg`` fetches and converts the optional pkuseg model once.

``zhfacts evaluate [CORPUS]`` scores the pipeline on gold JSON Lines files
(SPEC section 5) and prints the table (``--markdown`` for docs/).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .model import SCHEMA_VERSION
from .output import WRITERS, RecordWriter
from .sources import Document, read_documents

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhfacts",
        description="Figures, entities and facts from Chinese government news and reports.",
    )
    parser.add_argument("--version", action="version", version=f"zhfacts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract records from documents")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help=".txt file, directory of .txt files, .jsonl file, or - for stdin")
    extract.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    extract.add_argument("--format", choices=sorted(WRITERS), default="jsonl")
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
    extract.add_argument("--no-progress", action="store_true", help="no progress bar")

    report = commands.add_parser("report", help="an HTML page: entities marked, facts, checks")
    report.add_argument("page", metavar="PAGE", help="a .txt document (UTF-8)")
    report.add_argument("-o", "--output", help="HTML file (default: PAGE with .html)")
    report.add_argument("--date", help="document date (YYYY, YYYY-MM or YYYY-MM-DD)")
    report.add_argument("--place", help="the place the document is about, e.g. 商丘市")
    report.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"))

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
    evaluate.add_argument("--no-model", action="store_true",
                          help="score the pipeline without the NER model "
                               "(zhfacts.load(model=False))")
    evaluate.add_argument("--ner-corpora", metavar="DIR",
                          help="also score entities on MSRA test and People's Daily test, read "
                               "from DIR (e.g. ../shared/corpora)")
    evaluate.add_argument("--min-f1", action="append", default=[], metavar="NAME=F1",
                          help="fail (exit 1) when a score is below F1; NAME is corpora (entity "
                               "micro F1), facts (fact F1), fact-time, fact-place (accuracy over "
                               "matched facts), msra-test or peoples-daily-test (repeatable)")
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
        return _evaluate(args)
    except BrokenPipeError:  # the reader stopped early (zhfacts extract ... | head)
        sys.stderr.close()
        return EXIT_OK


@contextmanager
def _open_output(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .api import load
    from .context import DocumentContext
    from .errors import ContextError, DataFileError

    try:
        DocumentContext.of(args.date, args.place)
    except ContextError as error:
        parser.print_usage(sys.stderr)
        print(f"zhfacts extract: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        nlp = load(args.segmenter, entities=args.entities, units=args.units)
    except DataFileError as error:
        print(f"zhfacts extract: {error}", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    documents = read_documents(args.paths, args.date, args.place)
    with _open_output(args.output) as stream:
        writer: RecordWriter = WRITERS[args.format](stream)
        for document in _progress(documents, args.no_progress):
            record = _process(nlp, document)
            failed += "error" in record
            writer.write(record)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _process(nlp: Any, document: Document) -> dict[str, Any]:
    """The record of one document; any failure becomes its error record."""
    from .api import doc_to_record, make_doc

    if document.text is None:
        return _error_record(document.id, document.error or "unreadable")
    try:
        doc = nlp(make_doc(nlp, document.text, document.date, document.place))
        return doc_to_record(doc, document.id)
    except Exception as error:  # one bad document must not stop the run
        return _error_record(document.id, f"{type(error).__name__}: {error}")


def _error_record(identifier: str, error: str) -> dict[str, Any]:
    return {"id": identifier, "schema_version": SCHEMA_VERSION, "error": error}


def _progress(documents: Iterator[Document], disabled: bool) -> Iterator[Document]:
    if disabled:
        return documents
    from tqdm import tqdm

    bar: Iterator[Document] = tqdm(documents, unit="doc", file=sys.stderr, disable=None,
                                   mininterval=1.0)
    return bar


def _report(args: argparse.Namespace) -> int:
    from .api import doc_to_record, load, make_doc
    from .errors import ZhfactsError
    from .report import render_report

    source = Path(args.page)
    try:
        text = source.read_text(encoding="utf-8")
        nlp = load(args.segmenter)
        record = doc_to_record(nlp(make_doc(nlp, text, args.date, args.place)), source.name)
    except (OSError, UnicodeDecodeError, ZhfactsError) as error:
        print(f"zhfacts report: {source}: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    target = Path(args.output) if args.output else source.with_suffix(".html")
    target.write_text(render_report(text, record), encoding="utf-8")
    print(target)
    return EXIT_OK


def _setup(args: argparse.Namespace) -> int:
    from .errors import ZhfactsError
    from .segmentation import setup_pkuseg

    try:
        path = setup_pkuseg(args.cache, sdist=args.sdist, force=args.force,
                            log=lambda message: print(message, file=sys.stderr))
    except ZhfactsError as error:
        print(f"zhfacts setup: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(path)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from .scoring import evaluate_corpus, format_table

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"zhfacts evaluate: not a directory: {corpus}", file=sys.stderr)
        return EXIT_USAGE
    try:
        bars = _bars(args.min_f1)
    except ValueError as error:
        print(f"zhfacts evaluate: {error}", file=sys.stderr)
        return EXIT_USAGE
    nlp = None
    if args.no_model:
        from .api import extract, load

        nlp = load(model=False)
    report = evaluate_corpus(corpus, None if nlp is None else
                             lambda text, date, place: extract(text, date, place, nlp=nlp))
    print(format_table(report, markdown=args.markdown))
    scores = {"corpora": report.total("entities").f1}
    if report.fact_documents:
        matched = report.facts.found or 1
        scores.update({"facts": report.facts.f1, "fact-time": report.fact_time / matched,
                       "fact-place": report.fact_place / matched})
    if args.ner_corpora:
        from .ner_corpora import (
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
    known = ("corpora", "facts", "fact-time", "fact-place", "msra-test", "peoples-daily-test")
    bars: dict[str, float] = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        if name not in known:
            raise ValueError(f"--min-f1: unknown name {name!r} (one of {', '.join(known)})")
        bars[name] = float(value)
    return bars


if __name__ == "__main__":
    sys.exit(main())
