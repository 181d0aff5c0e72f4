#!/usr/bin/env python3
"""``zhfacts table`` on corpora: time and peak memory of the build with 2
workers at two input sizes, and the same corpus added a second time. A
benchmark, not a test.

    python benchmarks/table_scale.py                  # 10 MB and 100 MB, ~10 minutes
    python benchmarks/table_scale.py --sizes 2        # a quicker look
    python benchmarks/table_scale.py --shared ../shared --work /tmp/zhfacts-table-scale

The corpus is the one ``benchmarks/scale.py`` builds (JSON Lines, documents of
about 1,500 characters from ``corpora/*.txt`` and the public corpora under
``--shared``, sentences reshuffled on each pass). Every run is the real
command, ``zhfacts table CORPUS -o DB --workers 2``, in its own process group;
peak memory is the largest resident set (``VmHWM``) of each process, polled
every 0.2 s: the table gives the parent (reading, keys, DuckDB) and the
largest worker. The second run adds the same corpus to the same database;
it must add nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

MB = 1_000_000


def run_table(corpus: Path, database: Path, workers: int, memory_limit: str | None = None
              ) -> dict[str, Any]:
    """Run ``zhfacts table``; returns wall seconds, the parent's and the
    largest other process's peak kB, the summary line and the exit status."""
    from scale import _group_peaks

    command = [sys.executable, "-m", "zhfacts.io.cli", "table", str(corpus), "-o",
               str(database), "--workers", str(workers), "--no-progress"]
    if memory_limit:
        command += ["--memory-limit", memory_limit]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, text=True)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        _group_peaks(process.pid, peaks)
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    if process.returncode not in (0, 1):
        raise RuntimeError(f"zhfacts table failed ({process.returncode}): {stderr[-2000:]}")
    parent = peaks.pop(process.pid, 0)
    return {"seconds": seconds, "parent_kb": parent,
            "worker_kb": max(peaks.values(), default=0), "processes": len(peaks) + 1,
            "summary": stdout.strip().splitlines()[-1] if stdout.strip() else "",
            "failed_lines": stderr.count("\n"), "status": process.returncode}


def added(summary: str) -> int:
    match = re.search(r": ([\d,]+) documents added", summary)
    return int(match.group(1).replace(",", "")) if match else -1


def table_counts(database: Path) -> dict[str, int]:
    from zhfacts.table import query

    row = query(database, "SELECT (SELECT count(*) FROM documents) AS documents, "
                          "(SELECT count(*) FROM facts) AS facts, "
                          "(SELECT count(*) FROM entities) AS entities, "
                          "(SELECT count(*) FROM merged_facts) AS merged_rows, "
                          "(SELECT count(*) FROM merged_facts WHERE status = 'conflict') "
                          "AS conflicts")[0]
    return {key: int(value) for key, value in row.items()}


def main(argv: list[str] | None = None) -> int:
    from scale import build_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,100", help="corpus sizes in MB (default 10,100)")
    parser.add_argument("--doc-chars", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", help="DuckDB's memory limit for the build, e.g. 256MB")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhfacts-table-scale"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = args.work / f"corpus-{size}mb.jsonl"
        counts = build_corpus(corpus, size * MB, args.doc_chars, args.shared)
        print(f"corpus {size} MB: {counts}", file=sys.stderr)
        database = args.work / f"table-{size}mb.duckdb"
        for stale in (database, database.with_name(database.name + ".wal")):
            stale.unlink(missing_ok=True)
        first = run_table(corpus, database, args.workers, args.memory_limit)
        print(f"{size} MB, first add: {first}", file=sys.stderr)
        after_first = table_counts(database)
        second = run_table(corpus, database, args.workers, args.memory_limit)
        print(f"{size} MB, second add: {second}", file=sys.stderr)
        after_second = table_counts(database)
        rows.append({"size": size, **counts, "first": first, "second": second,
                     "table": after_first, "unchanged": after_first == after_second,
                     "database_bytes": database.stat().st_size})
    report(rows, args)
    return 0


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    limit = f" --memory-limit {args.memory_limit}" if args.memory_limit else ""
    print(f"## zhfacts table at scale (one run, `python benchmarks/table_scale.py "
          f"--sizes {args.sizes}{limit}`)\n")
    print(f"- machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"- corpus: JSON Lines built by benchmarks/scale.py, documents of ~{args.doc_chars} "
          f"characters; {args.workers} workers\n")
    print("| input | docs | chars | seconds | docs/s | peak MB parent | peak MB largest worker "
          "| facts | merged rows | conflicts | database MB | second add: seconds, added, "
          "peak MB parent |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        first, second, table = row["first"], row["second"], row["table"]
        print(f"| {row['bytes'] / MB:.0f} MB | {row['documents']:,} | {row['characters']:,} | "
              f"{first['seconds']:.1f} | {row['documents'] / first['seconds']:,.1f} | "
              f"{first['parent_kb'] / 1024:,.0f} | {first['worker_kb'] / 1024:,.0f} | "
              f"{table['facts']:,} | {table['merged_rows']:,} | {table['conflicts']:,} | "
              f"{row['database_bytes'] / MB:,.1f} | {second['seconds']:.1f} s, "
              f"{added(second['summary'])} added, {second['parent_kb'] / 1024:,.0f} MB"
              f"{'' if row['unchanged'] else ' (TABLE CHANGED)'} |")


if __name__ == "__main__":
    sys.exit(main())
