"""Train the character CRF of :mod:`zhfacts.ner.model` on MSRA NER (train split).

    python tools/train_ner.py                          # the shipped configuration
    python tools/train_ner.py --iterations 50 --out /tmp/try.crfsuite --no-eval
    python tools/train_ner.py --features uni,bi,type --c1 0.1 --c2 0.01
    python tools/train_ner.py --holdout 0.1 --labels gov --extra-corpus cluener,weibo \
        --out /tmp/ner_runs/cand1/m.crfsuite   # MSRA + CLUENER + Weibo, with GOV (issue 13)

The corpus is read from ``../shared/corpora/msra-ner`` (beside the
repository) at training time and never copied into the repository; only the
model ships. Training uses :func:`zhfacts.ner.features.char_features` on the
chunks of :func:`zhfacts.ner.features.split_chunks`, exactly as tagging does.

``--labels gov`` maps the corpora to PER/LOC/ORG/GOV and ``--extra-corpus``
adds CLUENER2020 train and Weibo NER train (``tools/ner_corpora.py``; the
table is in docs/ner-model.md). The dev tails (the last ``--holdout`` of MSRA
train, the last 10 % of CLUENER train, Weibo dev) are never trained on.

Writes the model (``--out``) and, beside it, a provenance JSON with the same
base name: corpus file, sha256 of the uncompressed training data, command
line, date, parameters, feature groups, CRFsuite version, training time,
model size and (unless ``--no-eval``) the scores of ``tools/eval_ner.py`` on
the dev splits (never on a test set).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.metadata
import json
import lzma
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhfacts.ner.model import provenance_path
from zhfacts.words.dictionary import jieba_version

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "msra-ner"
DEFAULT_OUT = ROOT / "src" / "zhfacts" / "data" / "ner" / "zh-ner-crf.crfsuite.xz"
TRAIN_FILE = "msra_train_bio.txt.xz"


def read_bio(lines: Iterator[str]) -> Iterator[tuple[str, list[str]]]:
    """Sentences of a char-per-line BIO file: zhfacts' one reader of the format."""
    from zhfacts.evaluation.ner_corpora import read_bio_lines

    return read_bio_lines(lines)


def held_out_start(sentences: int, fraction: float) -> int:
    """Index of the first sentence of the held-out tail of MSRA train."""
    return sentences - round(sentences * fraction)


def _extra_files(extra: list[str]) -> dict[str, Path]:
    """The files of the extra corpora, under the corpora folder."""
    from ner_corpora import CLUENER_TRAIN, WEIBO_DEV, WEIBO_TRAIN

    files = {"cluener": CLUENER_TRAIN, "weibo": WEIBO_TRAIN}
    out = {name: files[name] for name in extra}
    if "weibo" in extra:
        out["weibo-dev (messages left out of train)"] = WEIBO_DEV
    return out


def main(argv: list[str] | None = None) -> int:
    from zhfacts.ner import features as ner_features

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding msra_train_bio.txt.xz")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 coefficient")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 coefficient")
    parser.add_argument("--minfreq", type=float, default=1.0,
                        help="feature.minfreq: drop attributes seen fewer times")
    parser.add_argument("--features",
                        default=",".join(g for g in ner_features.FEATURE_GROUPS
                                         if g in ner_features.DEFAULT_FEATURES),
                        help="comma-separated feature groups, from: "
                        + ", ".join(ner_features.FEATURE_GROUPS))
    parser.add_argument("--limit", type=int, default=0, help="train on the first N sentences")
    parser.add_argument("--holdout", type=float, default=0.0,
                        help="leave out the last FRACTION of MSRA train (0.1: the msra-dev split"
                        " eval_ner.py scores; for comparing variants)")
    parser.add_argument("--labels", choices=("msra", "gov"), default="msra",
                        help="msra: MSRA's PER/LOC/ORG as they are (the shipped model); gov: "
                        "PER/LOC/ORG/GOV mapped as in tools/ner_corpora.py")
    parser.add_argument("--extra-corpus", default="",
                        help="comma-separated corpora added to MSRA train (needs --labels gov): "
                        "cluener (train less its last 10 %%), weibo (train, names only)")
    parser.add_argument("--whole-addresses", action="store_true",
                        help="keep CLUENER addresses whole (candidate 1) instead of cutting them"
                        " into their divisions")
    parser.add_argument("--verbose", action="store_true", help="print CRFsuite's iteration log")
    parser.add_argument("--no-eval", action="store_true", help="skip scoring on the dev splits")
    args = parser.parse_args(argv)

    import pycrfsuite

    groups = [g for g in args.features.split(",") if g]
    unknown = set(groups) - set(ner_features.FEATURE_GROUPS)
    if unknown:
        parser.error(f"unknown feature groups: {sorted(unknown)}")
    extra = [c for c in args.extra_corpus.split(",") if c]
    if extra and args.labels != "gov":
        parser.error("--extra-corpus needs --labels gov")
    train_path = args.corpus / TRAIN_FILE
    with lzma.open(train_path, "rb") as handle:
        raw = handle.read()
    digest = hashlib.sha256(raw).hexdigest()
    text = raw.decode("utf-8")

    start = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=args.verbose)
    sentences = chars = 0
    corpus = list(read_bio(iter(text.splitlines(keepends=True))))
    keep = held_out_start(len(corpus), args.holdout)
    training = corpus[:keep]
    per_corpus = {"msra": len(training)}
    if args.labels == "gov":
        from ner_corpora import train_sets  # tools/ is the script's own folder

        sets = train_sets(args.corpus.parent, extra, fraction=args.holdout,
                          split_addresses=not args.whole_addresses)
        per_corpus = {name: len(sentences) for name, sentences in sets.items()}
        training = [s for sentences in sets.values() for s in sentences]
        print("training sentences: " + ", ".join(f"{k} {v}" for k, v in per_corpus.items()),
              flush=True)
    for sentence, tags in training:
        if args.limit and sentences >= args.limit:
            break
        sentences += 1
        chars += len(sentence)
        for s, e in ner_features.split_chunks(sentence):
            trainer.append(ner_features.char_features(sentence[s:e], groups), tags[s:e])
    featurize_seconds = time.perf_counter() - start
    print(f"featurized {sentences} sentences, {chars} chars in {featurize_seconds:.0f} s",
          flush=True)
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # CRFsuite writes its own file; an ``.xz`` output (the shipped model) is that
    # file compressed, which zhfacts.ner.model reads back (27 MB -> 8 MB installed).
    crfsuite_file = args.out.with_name(args.out.name.removesuffix(".xz"))
    trainer.train(str(crfsuite_file))
    train_seconds = time.perf_counter() - start
    size = crfsuite_file.stat().st_size
    if crfsuite_file != args.out:
        args.out.write_bytes(lzma.compress(crfsuite_file.read_bytes(), preset=6))
        crfsuite_file.unlink()
    iterations = trainer.logparser.iterations
    last: dict[str, Any] = iterations[-1] if iterations else {}
    print(f"trained in {train_seconds:.0f} s ({train_seconds / 60:.1f} min); "
          f"model {size / 1e6:.2f} MB", flush=True)

    info: dict[str, Any] = {
        "model": crfsuite_file.name,
        "corpus": f"msra-ner/{TRAIN_FILE}",
        "corpus_sha256_uncompressed": digest,
        "extra_corpus_files": {name: {"file": str(path), "sha256": hashlib.sha256(
            (args.corpus.parent / path).read_bytes()).hexdigest()}
            for name, path in _extra_files(extra).items()},
        "sentences": sentences,
        "characters": chars,
        "labels": args.labels,
        "extra_corpora": extra,
        "cluener_addresses": "whole" if args.whole_addresses else "split",
        "sentences_per_corpus": per_corpus,
        "command": shlex.join([Path(sys.argv[0]).name if not argv else "train_ner.py",
                               *(sys.argv[1:] if argv is None else argv)]),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "algorithm": "lbfgs",
        "iterations": args.iterations,
        "iterations_run": len(iterations),
        "c1": args.c1,
        "c2": args.c2,
        "feature.minfreq": args.minfreq,
        "features": groups,
        "feature_version": ner_features.FEATURE_VERSION,
        "holdout": args.holdout,
        "crfsuite_version": importlib.metadata.version("python-crfsuite"),
        # the words of the features: jieba's, from zhfacts' shipped copy (data/words)
        "jieba_version": jieba_version(),
        "training_seconds": round(train_seconds, 1),
        "featurize_seconds": round(featurize_seconds, 1),
        "model_bytes": size,
        "final_loss": last.get("loss"),
        "active_features": last.get("active_features"),
    }
    json_path = provenance_path(args.out)
    json_path.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.no_eval:
        # Scored in a fresh process that loads the model the way users do.
        # The fixed dev splits (never MSRA test: that is scored once per model, at
        # the end, with eval_ner.py --test). A model trained on all of MSRA train
        # (no --holdout) has seen msra-dev: its score there is an upper bound.
        out = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "eval_ner.py"), "--model", str(args.out),
             "--json", "--dev", "msra-dev,cluener-dev,weibo-dev"],
            check=True, capture_output=True, text=True).stdout
        info["scores"] = json.loads(out)
        json_path.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        for name, result in info["scores"]["corpora"].items():
            print(f"{name}: micro F1 {result['micro']['f1']:.4f} "
                  f"(GOV as ORG {result['micro-coarse']['f1']:.4f}), "
                  f"{result['chars_per_second']:.0f} chars/s")
    print(f"wrote {args.out} and {json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
