"""Start-up time: ``zhfacts.load()`` in a fresh process against ``spacy.blank("zh")``.

    python benchmarks/startup.py                  # 5 fresh processes per measurement
    python benchmarks/startup.py --runs 9 --markdown
    python benchmarks/startup.py --python /tmp/venv/bin/python   # another environment

Each measurement runs a new interpreter and times, with ``time.perf_counter``
from before the first import:

* ``spacy.blank("zh")``  -- ``import spacy; spacy.blank("zh")``, the reference;
* ``zhfacts.load()``     -- ``import zhfacts; zhfacts.load()``;
* ``+ first document``   -- ``zhfacts.load()`` and then ``zhfacts.extract`` of one
  short sentence: what a process pays before its first result (the NER
  model, the word dictionary and the gazetteer are loaded on first use, not
  by ``load()``).

Each zhfacts measurement is taken twice: with a **warm** cache (a temporary
``ZHFACTS_CACHE`` that one unmeasured run has filled: the compiled gazetteer,
the word dictionary and the NER model's attribute index) and with a **cold**
one (a new, empty ``ZHFACTS_CACHE`` for every run, as in a fresh environment:
the gazetteer and the dictionary are compiled and the caches are written). The
runs of all measurements are interleaved, so a change in the machine's load
touches them alike; the
median, minimum and maximum are printed, and the ratios of the medians to
``spacy.blank("zh")``. The target of issue 15 is ``load <= 2 x blank + 1 s``.
Wall clock on this machine; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_BLANK = """
import json, time
start = time.perf_counter()
import spacy
nlp = spacy.blank("zh")
print(json.dumps({"load": time.perf_counter() - start}))
"""

_LOAD = """
import json, time
start = time.perf_counter()
import zhfacts
nlp = zhfacts.load()
print(json.dumps({"load": time.perf_counter() - start}))
"""

_FIRST = """
import json, time
start = time.perf_counter()
import zhfacts
nlp = zhfacts.load()
loaded = time.perf_counter()
zhfacts.extract("2023年，河南省商丘市睢阳区地区生产总值增长5.2%，市长张三出席会议。", nlp=nlp)
print(json.dumps({"load": loaded - start, "first": time.perf_counter() - start}))
"""


def _run(python: str, code: str, cache: str) -> dict[str, float]:
    env = dict(os.environ, ZHFACTS_CACHE=cache)
    done = subprocess.run([python, "-c", code], env=env, check=True, capture_output=True,
                          text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _summary(values: list[float]) -> str:
    return (f"{statistics.median(values):6.2f} s  (min {min(values):.2f}, "
            f"max {max(values):.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measurement")
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter to measure (default: this one)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)

    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="zhfacts-startup-") as scratch:
        warm = str(Path(scratch) / "warm")
        _run(args.python, _FIRST, warm)  # fills the warm cache; not measured
        for run in range(args.runs):
            times.setdefault("blank", []).append(_run(args.python, _BLANK, warm)["load"])
            times.setdefault("load warm", []).append(_run(args.python, _LOAD, warm)["load"])
            first = _run(args.python, _FIRST, warm)
            times.setdefault("first warm", []).append(first["first"])
            cold = str(Path(scratch) / f"cold-{run}")
            times.setdefault("load cold", []).append(_run(args.python, _LOAD, cold)["load"])
            first = _run(args.python, _FIRST, str(Path(scratch) / f"cold-first-{run}"))
            times.setdefault("first cold", []).append(first["first"])

    blank = statistics.median(times["blank"])
    target = 2 * blank + 1
    rows = [
        ('spacy.blank("zh")', "blank"),
        ("zhfacts.load(), warm cache", "load warm"),
        ("zhfacts.load(), cold cache", "load cold"),
        ("zhfacts.load() + first document, warm cache", "first warm"),
        ("zhfacts.load() + first document, cold cache", "first cold"),
    ]
    lines = []
    for label, key in rows:
        median = statistics.median(times[key])
        ratio = median / blank
        verdict = "" if key == "blank" else ("within" if median <= target else "over")
        lines.append((label, _summary(times[key]), f"{ratio:.2f}x", verdict))
    print(f"python: {args.python}; {args.runs} fresh processes each; "
          f"target 2 x blank + 1 s = {target:.2f} s")
    if args.markdown:
        print("\n| measurement | median (min, max) | / blank | target |\n|---|---|---|---|")
        for label, summary, ratio, verdict in lines:
            print(f"| {label} | {summary.strip()} | {ratio} | {verdict} |")
    else:
        width = max(len(label) for label, *_ in lines)
        for label, summary, ratio, verdict in lines:
            print(f"{label:<{width}}  {summary}  {ratio:>6}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
