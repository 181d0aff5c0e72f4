#!/usr/bin/env python3
"""Benchmark of the gazetteer: first build, cache load, memory, matching speed.

* build      -- ``load_gazetteer()`` in a fresh process with an empty cache
                directory: locate and read the source files, compile, write the
                cache (what a user's first call costs);
* load       -- ``load_gazetteer()`` in fresh processes once the cache exists
                (median of ``--loads`` processes), plus the module's import time;
* memory     -- resident memory the loaded gazetteer adds to the process;
* matching   -- ``find_places`` over the first ``--chars`` characters of the
                MSRA NER test sentences joined into one text, and
                ``find_places`` + ``resolve_places`` over the same text cut into
                documents of about 600 characters (median of ``--rounds``).

Every number is wall clock on this machine, single process. docs/gazetteer.md
has a run. Usage::

    python tools/bench_gazetteer.py [--corpus FILE] [--chars 100000]
                                    [--loads 5] [--rounds 5] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "msra-ner" / "msra_test_bio.txt"

# Runs in a fresh interpreter: times the import and the load, measures memory.
_CHILD = r"""
import json, os, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
start = time.perf_counter()
import zhfacts.entities.gazetteer as gz
imported = time.perf_counter()
before = rss()
g = gz.load_gazetteer()
loaded = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported,
                  "memory": rss() - before, "version": g.version, "stats": g.stats,
                  "cache": str(gz.cache_path(g.version))}))
"""


def _child(cache: str) -> dict[str, object]:
    env = dict(os.environ, ZHFACTS_CACHE=cache)
    done = subprocess.run([sys.executable, "-c", _CHILD], env=env, check=True,
                          capture_output=True, text=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def read_corpus(path: Path) -> str:
    """The MSRA test sentences (one character per line, BIO tag after a tab)."""
    chars = [line.split("\t", 1)[0] for line in path.read_text("utf-8").splitlines()
             if line.strip()]
    return "".join(chars)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zhfacts-gazetteer-") as cache:
        build = _child(cache)
        loads = [_child(cache) for _ in range(args.loads)]
        cache_file = Path(str(build["cache"]))
        cache_size = cache_file.stat().st_size if cache_file.is_file() else 0

        os.environ["ZHFACTS_CACHE"] = cache
        import zhfacts.entities.gazetteer as gz

        gazetteer = gz.load_gazetteer()
        text = read_corpus(args.corpus)[: args.chars]
        documents = [text[i:i + 600] for i in range(0, len(text), 600)]
        gazetteer.find(text)  # warm-up
        find_times, resolve_times = [], []
        matches = resolved = 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            matches = len(gazetteer.find(text))
            find_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            resolved = sum(len(gz.resolve_places(gazetteer.find(doc), None, gazetteer))
                           for doc in documents)
            resolve_times.append(time.perf_counter() - start)

    load_times = [float(str(run["load"])) for run in loads]
    import_times = [float(str(run["import"])) for run in loads]
    memory = statistics.median(float(str(run["memory"])) for run in loads)
    find_time = statistics.median(find_times)
    resolve_time = statistics.median(resolve_times)
    stats = build["stats"]
    assert isinstance(stats, dict)
    rows = [
        ("source", str(build["version"])),
        ("divisions (province / city / county / town / village)",
         " / ".join(f"{stats[f'count_{level}']:,}" for level in gz.LEVELS)),
        ("names and short forms matched", f"{stats['surfaces']:,}"),
        ("first run: build + write cache", f"{float(str(build['load'])):.2f} s"),
        ("cache file", f"{cache_size / 2**20:.1f} MiB"),
        (f"cache load, median of {args.loads} fresh processes",
         f"{statistics.median(load_times):.3f} s (max {max(load_times):.3f} s)"),
        ("import zhfacts.entities.gazetteer", f"{statistics.median(import_times):.3f} s"),
        ("memory added by the loaded gazetteer", f"{memory / 2**20:.0f} MiB"),
        (f"find_places, {len(text):,} chars", f"{len(text) / find_time:,.0f} chars/s "
                                              f"({matches:,} matches)"),
        (f"find + resolve, {len(documents)} documents", f"{len(text) / resolve_time:,.0f} "
                                                        f"chars/s ({resolved:,} places)"),
    ]
    if args.markdown:
        print("| what | result |\n|---|---|")
        for name, value in rows:
            print(f"| {name} | {value} |")
    else:
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
