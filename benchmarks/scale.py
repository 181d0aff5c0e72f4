#!/usr/bin/env python3
"""zhfacts on corpora: throughput with 1 and 2 workers, peak memory per process
at two input sizes, a kill and ``--resume`` halfway, and the peers' throughput
on the same text, side by side in one run. A benchmark, not a test.

    python benchmarks/scale.py                         # 10 MB and 100 MB, ~15 minutes
    python benchmarks/scale.py --sizes 2,10 --markdown # a quicker look
    python benchmarks/scale.py --shared ../shared --work /tmp/zhfacts-scale

The corpus (JSON Lines, one document of about ``--doc-chars`` characters a
line, ids ``doc-0000001`` ...) is built from the project's own documents
(``corpora/*.txt``) and public text read from ``--shared``: MSRA NER train
and test, People's Daily NER dev and test, and the SIGHAN 2005 gold test
segmentations (spaces removed). That is about 12 MB of distinct text, so a
larger corpus reuses sentences: each pass over them shuffles the sentences
(seeded) into new documents.

Every zhfacts run is the real command, ``zhfacts extract CORPUS -o OUT
--workers N``, in its own process group. Peak memory per process is the
largest resident set (``VmHWM``) of each process of the group, polled every
0.2 s; the table gives the largest. The largest input is also run with
``--workers 2``, killed (SIGKILL to the whole group) when the checkpoint says
half the documents are done, and resumed with ``--resume``; the output is then
checked to hold every input document exactly once, in order. The peers run
single-process on a sample of the same corpus (their speed does not depend on
corpus size).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

MB = 1_000_000


def public_sentences(shared: Path) -> list[str]:
    """Sentences of the public corpora under ``shared/corpora``."""
    from zhfacts.evaluation.ner_corpora import read_bio

    corpora = shared / "corpora"
    sentences: list[str] = []
    for path in (corpora / "msra-ner" / "msra_train_bio.txt.xz",
                 corpora / "msra-ner" / "msra_test_bio.txt",
                 corpora / "peoples-daily-ner" / "example.dev",
                 corpora / "peoples-daily-ner" / "example.test"):
        if path.is_file():
            sentences += [sentence for sentence, _ in read_bio(path)]
    for name in ("pku_test_gold.utf8", "msr_test_gold.utf8"):
        path = corpora / "sighan2005" / "gold" / name
        if path.is_file():
            sentences += ["".join(line.split()) for line in
                          path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [s for s in sentences if s]


def build_corpus(path: Path, size: int, doc_chars: int, shared: Path, seed: int = 2026) -> dict:
    """Write a JSON Lines corpus of about ``size`` bytes; returns its counts."""
    own = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpora").glob("*.txt"))]
    sentences = public_sentences(shared)
    rng = random.Random(seed)
    written = documents = characters = 0
    with path.open("w", encoding="utf-8") as out:
        passes = 0
        while written < size:
            passes += 1
            order = sentences[:]
            rng.shuffle(order)
            pieces = iter(own + _documents_of(order, doc_chars))
            for text in pieces:
                documents += 1
                line = json.dumps({"id": f"doc-{documents:07d}", "text": text},
                                  ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                characters += len(text)
                if written >= size:
                    break
    return {"bytes": written, "documents": documents, "characters": characters,
            "passes": passes, "distinct_sentences": len(sentences)}


def _documents_of(sentences: list[str], doc_chars: int) -> list[str]:
    documents, buffer = [], ""
    for sentence in sentences:
        buffer += sentence
        if len(buffer) >= doc_chars:
            documents.append(buffer)
            buffer = ""
    return documents


def _group_peaks(pgid: int, peaks: dict[int, int]) -> None:
    """Record VmHWM (kB) of every live process of a process group."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # fields[2] is pgrp (after state, ppid)
                continue
            with open(f"/proc/{entry.name}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        pid = int(entry.name)
                        peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue


def run_extract(corpus: Path, output: Path, workers: int, *, resume: bool = False,
                kill_at: int | None = None) -> dict:
    """Run ``zhfacts extract``; returns wall seconds, peak kB per process,
    and whether it was killed."""
    command = [sys.executable, "-m", "zhfacts.io.cli", "extract", str(corpus), "-o", str(output),
               "--workers", str(workers), "--no-progress"]
    if resume:
        command.append("--resume")
    elif kill_at is not None:
        command.append("--checkpoint")  # the run to be killed keeps its checkpoint
    checkpoint = output.with_name(output.name + ".progress")
    started = time.monotonic()
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    peaks: dict[int, int] = {}
    killed = False
    while process.poll() is None:
        _group_peaks(process.pid, peaks)
        if kill_at is not None and _done(checkpoint) >= kill_at:
            os.killpg(process.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.2)
    process.wait()
    seconds = time.monotonic() - started
    if not killed and process.returncode not in (0, 1):
        raise RuntimeError(f"zhfacts extract failed with {process.returncode}")
    try:  # workers of a killed group may outlive the parent for a moment
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return {"seconds": seconds, "peaks_kb": sorted(peaks.values(), reverse=True),
            "killed": killed}


def _done(checkpoint: Path) -> int:
    try:
        lines = checkpoint.read_text(encoding="utf-8").split("\n")[1:-1]
    except OSError:
        return 0
    return int(lines[-1].split()[0]) if lines and lines[-1].strip() else 0


def sizes_of_output(output: Path) -> None:
    """Print what the output of a run weighs: JSON Lines, gzipped, and the
    entity and fact tables as Parquet (written from the same records)."""
    import gzip
    import tempfile

    from zhfacts.io.output import PARQUET_TABLES, ParquetTableWriter

    data = output.read_bytes()
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    print(f"output of {len(records):,} documents: JSON Lines {len(data):,} bytes, gzipped "
          f"{len(gzip.compress(data)):,}", file=sys.stderr)
    for fmt, (columns, key) in PARQUET_TABLES.items():
        with tempfile.TemporaryDirectory() as directory:
            writer = ParquetTableWriter(Path(directory), columns, key,
                                        documents_per_part=len(records) + 1)
            for record in records:
                writer.write(record)
            writer.close()
            weight = sum(p.stat().st_size for p in Path(directory).glob("*.parquet"))
        rows = sum(len(r.get(key) or []) for r in records)
        print(f"  {fmt}: {weight:,} bytes, {rows:,} rows", file=sys.stderr)


def output_ids(output: Path) -> Iterator[str]:
    with output.open(encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)["id"]


def peers(corpus: Path, sample_chars: int) -> dict[str, float]:
    """Characters per second of zhfacts.extract and the peers, one process,
    on the first ``sample_chars`` characters of the corpus."""
    import speed

    texts: list[str] = []
    total = 0
    with corpus.open(encoding="utf-8") as stream:
        for line in stream:
            texts.append(json.loads(line)["text"])
            total += len(texts[-1])
            if total >= sample_chars:
                break
    rates: dict[str, float] = {}
    for key in ("extract", "recognizers", "jionlp"):
        name, factory = speed.SYSTEMS[key]
        try:
            run = factory()
        except ImportError:
            continue
        for text in texts[:3]:
            run(text)
        started = time.process_time()
        for text in texts:
            run(text)
        rates[name] = total / (time.process_time() - started)
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,100", help="corpus sizes in MB (default 10,100)")
    parser.add_argument("--doc-chars", type=int, default=1500)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhfacts-scale"))
    parser.add_argument("--peer-chars", type=int, default=200_000)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    corpora: dict[int, dict] = {}
    for size in sizes:
        corpus = args.work / f"corpus-{size}mb.jsonl"
        corpora[size] = build_corpus(corpus, size * MB, args.doc_chars, args.shared)
        print(f"corpus {size} MB: {corpora[size]}", file=sys.stderr)
    smallest, largest = min(sizes), max(sizes)
    for size in sizes:
        corpus = args.work / f"corpus-{size}mb.jsonl"
        counts = corpora[size]
        for workers in ((1, 2) if size == smallest else ()):
            output = args.work / f"out-{size}mb-{workers}w.jsonl"
            result = run_extract(corpus, output, workers)
            rows.append({"size": size, "workers": workers, **counts, **result})
            if workers == 1:
                sizes_of_output(output)
            print(f"{size} MB, {workers} worker(s): {result['seconds']:.1f} s", file=sys.stderr)
        if size == largest:
            output = args.work / f"out-{size}mb-2w-resumed.jsonl"
            first = run_extract(corpus, output, 2, kill_at=counts["documents"] // 2)
            second = run_extract(corpus, output, 2, resume=True)
            ids = list(output_ids(output))
            expected = [f"doc-{k:07d}" for k in range(1, counts["documents"] + 1)]
            rows.append({"size": size, "workers": 2, **counts,
                         "seconds": first["seconds"] + second["seconds"],
                         "peaks_kb": sorted(first["peaks_kb"] + second["peaks_kb"],
                                            reverse=True),
                         "killed": first["killed"], "resumed_exact": ids == expected,
                         "lost": len(set(expected) - set(ids)),
                         "duplicated": len(ids) - len(set(ids))})
            print(f"{size} MB, killed and resumed: exact={ids == expected}", file=sys.stderr)
    rates = peers(args.work / f"corpus-{smallest}mb.jsonl", args.peer_chars)
    report(rows, rates, args)
    return 0


def report(rows: list[dict], rates: dict[str, float], args: argparse.Namespace) -> None:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    print(f"## zhfacts extract at scale (one run, `python benchmarks/scale.py "
          f"--sizes {args.sizes}`)\n")
    print(f"- machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"- corpus: JSON Lines, documents of ~{args.doc_chars} characters, built by "
          f"benchmarks/scale.py from corpora/ and the public corpora\n")
    print("| input | docs | chars | workers | seconds | docs/s | chars/s | peak MB per process "
          "(largest) | processes | note |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        peaks = row["peaks_kb"]
        note = ""
        if "resumed_exact" in row:
            note = (f"killed at half, resumed: {'every document once, in order' if row['resumed_exact'] else 'MISMATCH'}"
                    f" (lost {row['lost']}, duplicated {row['duplicated']})")
        print(f"| {row['bytes'] / MB:.0f} MB | {row['documents']:,} | {row['characters']:,} | "
              f"{row['workers']} | {row['seconds']:.1f} | {row['documents'] / row['seconds']:,.1f} | "
              f"{row['characters'] / row['seconds']:,.0f} | {peaks[0] / 1024:,.0f} | "
              f"{len(peaks)} | {note} |")
    one = next((r for r in rows if r["workers"] == 1), None)
    two = next((r for r in rows if r["workers"] == 2 and r["size"] == (one or {}).get("size")),
               None)
    if one and two:
        print(f"\n- 2 workers / 1 worker: {one['seconds'] / two['seconds']:.2f}x the throughput "
              f"(same {one['bytes'] / MB:.0f} MB corpus; wall clock, load included)")
    print("\nPeers, one process, CPU time, on the first "
          f"{args.peer_chars:,} characters of the smallest corpus:\n")
    print("| system | chars/s |")
    print("|---|---:|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:,.0f} |")


if __name__ == "__main__":
    sys.exit(main())
