#!/usr/bin/env python3
"""Where ``zhfacts.extract`` spends its time on documents it has not seen: cProfile.

    python benchmarks/profile_unseen.py                 # 100 unseen documents
    python benchmarks/profile_unseen.py --docs 247 --sort tottime --top 40

The documents are those of ``benchmarks/speed.py`` (MSRA NER test sentences
joined into documents of about 600 characters). As ``speed.py --unseen`` does,
the pipeline warms up on the first ``--warm`` documents and is profiled on the
next ``--docs``, each read once, so caches keyed by text (none should be) do not
flatter it. A profile inflates Python-level calls against numpy and C code:
read it for where to look, and ``speed.py`` / ``components.py`` for speed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (the benchmark's corpus reader, beside this file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=speed.DEFAULT_CORPUS)
    parser.add_argument("--chars", type=int, default=600, help="document size")
    parser.add_argument("--warm", type=int, default=20, help="warm-up documents")
    parser.add_argument("--docs", type=int, default=100, help="profiled documents")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--top", type=int, default=60, help="rows to print")
    args = parser.parse_args(argv)

    import zhfacts

    documents = speed.make_documents(speed.read_sentences(args.corpus), args.chars)
    for document in documents[:args.warm]:
        zhfacts.extract(document)
    unseen = documents[args.warm:args.warm + args.docs]
    profile = cProfile.Profile()
    profile.enable()
    for document in unseen:
        zhfacts.extract(document)
    profile.disable()
    print(f"{len(unseen)} unseen documents, {sum(map(len, unseen)):,} characters")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
