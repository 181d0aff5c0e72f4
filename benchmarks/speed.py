#!/usr/bin/env python3
"""Throughput of zhfacts and its peers on the same documents, in one run.

Systems (each warmed up first; load time and the first calls are reported
separately and excluded from throughput):

* ``zhfacts.extract``  -- the default spaCy pipeline, one call per document;
* ``zhfacts.figures``  -- the spaCy-free fast path;
* recognizers-text     -- recognize_number + recognize_percentage +
  recognize_currency + recognize_dimension (Culture.Chinese), all four on each
  document;
* jionlp               -- ``jio.ner.extract_money`` + ``jio.ner.extract_time``
  with a fixed ``time_base``.

Documents: the MSRA NER test sentences (char-per-line BIO, blank line between
sentences) joined in order into documents of about ``--chars`` characters.
The systems take turns in ``--rounds`` rounds; in each round every system
makes full passes over its documents for ``--seconds / --rounds`` (at least one
pass), so background load on a shared machine hits all of them alike.
Throughput is documents and characters per second of the median pass (wall
clock), plus characters per CPU second over all passes; single process,
single thread. docs/benchmarks.md has a run and its reading.

``--unseen`` measures what a corpus run sees: every system warms up on the
first documents, then reads each remaining document exactly once, so no
cache of any system has seen the text it is timed on. The documents are cut
into ``--rounds`` chunks and the systems take turns chunk by chunk (the same
fairness on a shared machine); throughput is characters over the seconds of
that one pass. Only one zhfacts system per run, since zhfacts' systems share
the library's caches.

Usage::

    python benchmarks/speed.py [--corpus FILE] [--docs N] [--rt-docs N]
                               [--seconds 30] [--rounds 6] [--chars 600]
                               [--systems extract,rules,figures,recognizers,jionlp]
                               [--markdown] [--unseen]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "msra-ner" / "msra_test_bio.txt"
# 2024-01-01 00:00:00 UTC: jionlp resolves relative times against it.
TIME_BASE = 1704067200.0
WARMUP_DOCS = 3
UNSEEN_WARMUP_DOCS = 20  # --unseen: every cache has seen other text before timing


def read_sentences(path: Path) -> list[str]:
    """Sentences of a char-per-line BIO file (``char<TAB>tag``), blank line between."""
    sentences: list[str] = []
    chars: list[str] = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    sentences.append("".join(chars))
                    chars = []
                continue
            char, _, _tag = line.rpartition("\t")
            chars.append(char if char else line.split()[0])
    if chars:
        sentences.append("".join(chars))
    return sentences


def make_documents(sentences: list[str], size: int) -> list[str]:
    """Consecutive sentences joined until a document reaches ``size`` characters."""
    documents: list[str] = []
    buffer = ""
    for sentence in sentences:
        buffer += sentence
        if len(buffer) >= size:
            documents.append(buffer)
            buffer = ""
    if buffer:
        documents.append(buffer)
    return documents


@dataclass
class Result:
    name: str
    docs: int
    chars: int
    load_seconds: float
    passes: list[float] = field(default_factory=list)  # wall seconds per full pass
    cpu: list[float] = field(default_factory=list)  # process CPU seconds per full pass
    found: int = 0  # results per pass, a sanity check that the system did work
    note: str = ""
    single_pass: bool = False  # --unseen: passes are chunks of one pass, not repeats

    @property
    def seconds(self) -> float:
        return sum(self.passes)

    @property
    def median_pass(self) -> float:
        return self.seconds if self.single_pass else statistics.median(self.passes)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.median_pass

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.median_pass

    @property
    def cpu_chars_per_s(self) -> float:
        passes = 1 if self.single_pass else len(self.cpu)
        return self.chars * passes / sum(self.cpu)

    @property
    def spread(self) -> float:
        """Interquartile range of the pass times over their median: how noisy the run was."""
        if len(self.passes) < 4:
            return (max(self.passes) - min(self.passes)) / self.median_pass
        q1, _, q3 = statistics.quantiles(self.passes, n=4)
        return (q3 - q1) / self.median_pass


# --- the systems: a factory imports and loads, and returns run(doc) -> number of results --


def zhfacts_extract() -> Callable[[str], int]:
    import zhfacts

    def run(doc: str) -> int:
        return len(zhfacts.extract(doc)["entities"])

    return run


def zhfacts_extract_rules() -> Callable[[str], int]:
    import zhfacts

    nlp = zhfacts.load(model=False)

    def run(doc: str) -> int:
        return len(zhfacts.extract(doc, nlp=nlp)["entities"])

    return run


def zhfacts_figures() -> Callable[[str], int]:
    import zhfacts

    def run(doc: str) -> int:
        return len(zhfacts.figures(doc))

    return run


def recognizers_text() -> Callable[[str], int]:
    from recognizers_suite import (
        Culture,
        recognize_currency,
        recognize_dimension,
        recognize_number,
        recognize_percentage,
    )

    functions = (recognize_number, recognize_percentage, recognize_currency,
                 recognize_dimension)

    def run(doc: str) -> int:
        return sum(len(function(doc, Culture.Chinese)) for function in functions)

    return run


def jionlp_money_time() -> Callable[[str], int]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp as jio  # prints a banner on import
    # extract_time logs a formatted traceback (logging.error) for every time string it
    # cannot parse; the formatting stays in its cost, the printing to stderr is switched off.
    logging.disable(logging.ERROR)

    def run(doc: str) -> int:
        money = jio.ner.extract_money(doc)
        times = jio.ner.extract_time(doc, time_base=TIME_BASE)
        return len(money) + len(times)

    return run


SYSTEMS: dict[str, tuple[str, Callable[[], Callable[[str], int]]]] = {
    "extract": ("zhfacts.extract", zhfacts_extract),
    "rules": ("zhfacts.extract, model=False", zhfacts_extract_rules),
    "figures": ("zhfacts.figures", zhfacts_figures),
    "recognizers": ("recognizers-text (4 models)", recognizers_text),
    "jionlp": ("jionlp money+time", jionlp_money_time),
}


def load(name: str, factory: Callable[[], Callable[[str], int]], docs: list[str],
         warmup: int = WARMUP_DOCS) -> tuple[Callable[[str], int], Result]:
    """Import and warm up one system; the time this takes is its load time."""
    gc.collect()
    started = time.perf_counter()
    run = factory()
    for doc in docs[:warmup]:  # models load lazily on the first calls
        run(doc)
    return run, Result(name, len(docs), sum(map(len, docs)), time.perf_counter() - started)


def measure(systems: list[tuple[Callable[[str], int], list[str], Result]], seconds: float,
            rounds: int) -> None:
    """Round-robin: in each round every system makes full passes for seconds/rounds.

    Interleaving spreads any background load over all systems alike, so the
    ratios stay fair on a shared machine.
    """
    budget = seconds / rounds
    for _ in range(rounds):
        for run, docs, result in systems:
            spent = 0.0
            while spent < budget or not result.passes:
                found = 0
                wall, cpu = time.perf_counter(), time.process_time()
                for doc in docs:
                    found += run(doc)
                result.passes.append(time.perf_counter() - wall)
                result.cpu.append(time.process_time() - cpu)
                result.found = found
                spent += result.passes[-1]


def measure_unseen(systems: list[tuple[Callable[[str], int], list[str], Result]],
                   rounds: int) -> None:
    """One pass over documents no system has seen: chunk by chunk, the systems in turn.

    Each system reads each measured document once, so a cache keyed by text
    cannot make a repeat cheap; taking turns per chunk spreads background load
    over all systems alike, as :func:`measure` does."""
    for _, _docs, result in systems:
        result.single_pass = True
        result.found = 0
    size = -(-len(systems[0][1]) // rounds)
    for start in range(0, len(systems[0][1]), size):
        for run, docs, result in systems:
            found = 0
            wall, cpu = time.perf_counter(), time.process_time()
            for doc in docs[start:start + size]:
                found += run(doc)
            result.passes.append(time.perf_counter() - wall)
            result.cpu.append(time.process_time() - cpu)
            result.found += found


# --- reporting ------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, str]:
    return {
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def package_versions() -> dict[str, str]:
    out = {}
    for name in ("zhfacts", "spacy", "cn2an", "recognizers-text-suite", "jionlp"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def ratio(a: Result | None, b: Result | None) -> str:
    """How many times the characters per second: wall clock (median pass) and CPU time."""
    if a is None or b is None:
        return "n/a (not measured)"
    return (f"{a.chars_per_s / b.chars_per_s:.1f}x the characters per second (wall clock),"
            f" {a.cpu_chars_per_s / b.cpu_chars_per_s:.1f}x (CPU time)")


def report(results: dict[str, Result], args: argparse.Namespace, corpus: Path,
           total_docs: int) -> None:
    md = args.markdown
    print(("## " if md else "") + "Speed: zhfacts vs peers (one run)")
    print()
    lines = [f"machine: {', '.join(f'{k} {v}' for k, v in machine().items())}",
             "packages: " + ", ".join(f"{k} {v}" for k, v in package_versions().items()),
             f"corpus: {corpus.name}, {total_docs} documents of ~{args.chars} characters"
             " (MSRA NER test sentences joined in order)",
             (f"each system: warm-up on the first {UNSEEN_WARMUP_DOCS} documents (reported as"
              f" load), then one pass over the other {total_docs - UNSEEN_WARMUP_DOCS}, which no"
              " system has"
              f" seen, in {args.rounds} chunks taken in turn with the other systems; single"
              " process, single thread" if args.unseen else
              f"each system: warm-up on {WARMUP_DOCS} documents (reported as load), then full"
              f" passes for at least {args.seconds:g} s, round-robin with the other systems in"
              f" {args.rounds} rounds; single process, single thread")]
    for line in lines:
        print(("- " if md else "") + line)
    print()
    rows = [(r.name, str(r.docs), f"{r.chars:,}", str(len(r.passes)), f"{r.seconds:.1f}",
             f"{r.docs_per_s:,.1f}", f"{r.chars_per_s:,.0f}", f"{r.cpu_chars_per_s:,.0f}",
             f"{100 * r.spread:.0f}%", f"{r.load_seconds:.2f}", f"{r.found / r.docs:.1f}")
            for r in results.values()]
    header = ("system", "docs", "chars", "passes", "seconds", "docs/s", "chars/s",
              "CPU chars/s", "spread", "load s", "results/doc")
    if md:
        print("| " + " | ".join(header) + " |")
        print("|---|" + "---:|" * (len(header) - 1))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                        for i, (h, w) in enumerate(zip(header, widths, strict=True))))
        for row in rows:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                            for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print()
    notes = [
        "docs/s and chars/s: wall clock, median pass; CPU chars/s: all passes, process CPU"
        " time (less sensitive to other load on the machine); spread: interquartile range of"
        " the pass times over their median; load s: import and warm-up calls in this process"
        " (zhfacts.figures shares the imports zhfacts.extract made); results/doc: what the"
        " system returned per document (its own notion of an entity), a sanity check only",
        "zhfacts.figures / jionlp(money+time): "
        + ratio(results.get("figures"), results.get("jionlp")),
        "zhfacts.extract / recognizers-text: "
        + ratio(results.get("extract"), results.get("recognizers")),
        "zhfacts.extract with model=False / recognizers-text: "
        + ratio(results.get("rules"), results.get("recognizers")),
    ]
    if "jionlp" in results:
        notes.append("jionlp: extract_time formats a traceback for each time string it cannot"
                     " parse and logs it; the formatting is part of its time, the log output"
                     " is switched off")
    notes += [f"{r.name}: {r.note}" for r in results.values() if r.note]
    for note in notes:
        print(("- " if md else "") + note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="char-per-line BIO file (default: ../shared/corpora/msra-ner/"
                             "msra_test_bio.txt from the repo)")
    parser.add_argument("--docs", type=int, default=0,
                        help="use only the first N documents (default: all)")
    parser.add_argument("--rt-docs", type=int, default=0,
                        help="recognizers-text runs on the first N of those documents"
                             " (default: all; it is the slowest system)")
    parser.add_argument("--chars", type=int, default=600, help="document size (default 600)")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="minimum measured time per system, split over the rounds"
                             " (default 30)")
    parser.add_argument("--rounds", type=int, default=6,
                        help="round-robin rounds the measured time is split into (default 6)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated subset of {','.join(SYSTEMS)}")
    parser.add_argument("--markdown", action="store_true", help="print Markdown for docs/")
    parser.add_argument("--unseen", action="store_true",
                        help="warm up on the first documents, then read every other document"
                             " once (no system is timed on text it has seen)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"corpus not found: {args.corpus}")
    chosen = [name.strip() for name in args.systems.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {unknown}")
    if args.unseen and args.rt_docs:
        parser.error("--unseen reads every document once with every system: no --rt-docs")
    if args.unseen and len({"extract", "rules", "figures"} & set(chosen)) > 1:
        parser.error("--unseen: one zhfacts system per run (they share the library's caches)")

    docs = make_documents(read_sentences(args.corpus), args.chars)
    if args.docs:
        docs = docs[:args.docs]
    results: dict[str, Result] = {}
    systems = []
    for key in chosen:
        name, factory = SYSTEMS[key]
        subset = docs[:args.rt_docs] if key == "recognizers" and args.rt_docs else docs
        print(f"loading {name} ...", file=sys.stderr, flush=True)
        run, result = load(name, factory, subset,
                           UNSEEN_WARMUP_DOCS if args.unseen else WARMUP_DOCS)
        if len(subset) < len(docs):
            result.note = (f"measured on the first {len(subset)} of {len(docs)} documents"
                           " (same source and document size, so chars/s compare)")
        results[key] = result
        systems.append((run, subset, result))
    if args.unseen:
        systems = [(run, docs[UNSEEN_WARMUP_DOCS:], result) for run, docs, result in systems]
        for _, measured, result in systems:
            result.docs, result.chars = len(measured), sum(map(len, measured))
        print(f"measuring {len(systems)} systems, one pass over {len(systems[0][1])} unseen"
              " documents ...", file=sys.stderr, flush=True)
        measure_unseen(systems, args.rounds)
    else:
        print(f"measuring {len(systems)} systems, {args.rounds} rounds of"
              f" {args.seconds / args.rounds:g} s each ...", file=sys.stderr, flush=True)
        measure(systems, args.seconds, args.rounds)
    report(results, args, args.corpus, len(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
