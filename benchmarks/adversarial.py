#!/usr/bin/env python3
"""Adversarial and broken input through ``zhfacts extract``: a benchmark, not a test.

    python benchmarks/adversarial.py                 # the directory of issue 6, sizes 200k
    python benchmarks/adversarial.py --size 50000    # a quicker look
    python benchmarks/adversarial.py --repeat 1

Builds a directory with the seed page, invalid UTF-8, an empty and a blank
file, NUL bytes, 200k digits, 200k 万, 200k 一, 200k numerals alternating
with separators, 200k nested brackets, 200k random numerals and units, 200k
names in one enumeration, 200k of fractions in words, of bound words before one
figure and of 由…到 pairs with rough counts, and
one line of 2 MB; runs ``zhfacts extract DIR`` on it (the real
command, one process) and checks that there is one record per file, that the
seed page's record equals its record when extracted alone, and that the
invalid file is reported. Then each adversarial text is extracted at its
size and at twice its size, and the times are reported: twice the text
should take at most about twice the time (best of ``--repeat`` timings;
the machine may be shared). The tests count work instead of timing it:
tests/test_hardening.py.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpora" / "shangqiu-daily-page.txt"


def adversarial_texts(size: int) -> dict[str, Callable[[int], str]]:
    """Text makers by name, each taking a length in characters."""

    def random_numerals(n: int) -> str:
        rng = random.Random(n)
        return "".join(rng.choice("0123456789一二三四五六七八九十百千万亿元个人%年月日吨亩，。")
                       for _ in range(n))

    def separated_numerals(n: int) -> str:
        rng = random.Random(n + 1)
        return "".join(rng.choice("一二三1234,.，、万亿元%至-") for _ in range(n))

    line = "商丘市民政局发放资金8.9亿元，其中农村低保人数28.7万人，同比增长8.5%，"
    return {
        "digits": lambda n: "1" * n,
        "wan": lambda n: "万" * n,
        "yi": lambda n: "一" * n,
        "numerals-and-separators": separated_numerals,
        "nested-brackets": lambda n: "（“《" * (n // 6) + "》”）" * (n // 6),
        "nul": lambda n: ("发放\x00资金8.9亿元\x00" * n)[:n],
        "numerals-and-units": random_numerals,
        # an enumeration of names that never ends in its count (王小明、李华、…)
        "name-list": lambda n: ("王小明、李华、张国强、" * (n // 11 + 1))[:n],
        # shares in words, bounds stripped one by one, 由…到 pairs with rough counts
        "fractions": lambda n: ("三分之" * n)[:n],
        "bounds-before-a-figure": lambda n: "约有" * (n // 2 - 1) + "1%",
        "pairs-and-rough-counts": lambda n: ("其中由三四十人增加到两三百人原来的一半" * n)[:n],
        # dates that refer to the dates before or after them (同日, 当天)
        "relative-dates": lambda n: ("同日同年当天上周五三年前" * n)[:n],
        # years in one long line of prose after a first line (each asks whether its line is
        # a title), and places before a company's role (each asks whether it is a nationality)
        "years-in-a-long-line": lambda n: ("标题\n" + "，2011年" * n)[:n],
        "places-before-companies": lambda n: ("北京公司，" * n)[:n],
        # 2 MB of UTF-8 on one line (3 bytes a character): about 667k characters.
        "one-2mb-line": lambda n: (line * (n // len(line) + 1))[:n],
    }


def build_directory(root: Path, size: int) -> dict[str, int]:
    """Write the directory; returns the character count of each adversarial file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "seed-page.txt").write_bytes(SEED.read_bytes())
    (root / "invalid-utf8.txt").write_bytes(b"\xff\xfe\xfa" + "商丘市".encode() + b"\xc3")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    sizes = {}
    for name, make in adversarial_texts(size).items():
        length = 2_000_000 // 3 if name == "one-2mb-line" else size
        (root / f"{name}.txt").write_text(make(length), encoding="utf-8")
        sizes[name] = length
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters per adversarial file")
    parser.add_argument("--repeat", type=int, default=3, help="timings per size (best is kept)")
    args = parser.parse_args(argv)
    import zhfacts

    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "inputs"
        sizes = build_directory(root, args.size)
        output = Path(work) / "out.jsonl"
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "zhfacts.io.cli", "extract", str(root), "-o",
                              str(output), "--date", "2023-03", "--no-progress"],
                             stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - started
        records = {Path(r["id"]).name: r for r in
                   map(json.loads, output.read_text(encoding="utf-8").splitlines())}
        files = sorted(p.name for p in root.iterdir())
        seed = zhfacts.extract(SEED.read_text(encoding="utf-8"), date="2023-03",
                               id=str(root / "seed-page.txt"))
        checks = {
            "one record per file": sorted(records) == files,
            "seed page intact": records.get("seed-page.txt") == seed,
            "invalid UTF-8 reported": "UTF-8" in records.get("invalid-utf8.txt", {}).get(
                "error", ""),
            "no other error": all("error" not in r for name, r in records.items()
                                  if name != "invalid-utf8.txt"),
            "exit status 1 (one document failed)": run.returncode == 1,
        }
        print(f"## Adversarial input (`python benchmarks/adversarial.py --size {args.size} "
              f"--repeat {args.repeat}`)\n")
        print(f"`zhfacts extract` on the directory ({len(files)} files): {seconds:.1f} s\n")
        for name, ok in checks.items():
            print(f"- {name}: {'yes' if ok else 'NO'}")
        print(f"\nExtraction in one process, best of {args.repeat}:\n")
        print("| input | characters | seconds | twice the characters | seconds | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        nlp = zhfacts.load()
        zhfacts.extract("预热：全市低保对象30.6万人，增长8.5%。", nlp=nlp)
        for name, make in adversarial_texts(args.size).items():
            n = sizes[name] // 2 if name == "one-2mb-line" else sizes[name]
            zhfacts.extract(make(1000), nlp=nlp)
            times = []
            for length in (n, 2 * n):
                text = make(length)
                best = float("inf")
                for _ in range(args.repeat):  # the machine is shared: best of a few
                    begun = time.perf_counter()
                    zhfacts.extract(text, nlp=nlp)
                    best = min(best, time.perf_counter() - begun)
                times.append(best)
            print(f"| {name} | {n:,} | {times[0]:.2f} | {2 * n:,} | {times[1]:.2f} | "
                  f"{times[1] / times[0]:.2f} |")
        return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
