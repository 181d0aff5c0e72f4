"""Score :func:`zhfacts.ner.model.tag_entities` on MSRA test and People's Daily test.

    python tools/eval_ner.py                   # the shipped model, both corpora
    python tools/eval_ner.py --markdown        # the score table of docs/ner-model.md
    python tools/eval_ner.py --model /tmp/x.crfsuite --json

Corpora are read from ``../shared/corpora`` (``--corpus-dir``):
``msra-ner/msra_test_bio.txt`` and ``peoples-daily-ner/example.test``.
People's Daily test overlaps MSRA train (both come from 1998 People's Daily
text), so that corpus is restricted to the sentences whose text does not
occur in MSRA train; the count kept is reported. That exact-string filter
is weak: MSRA writes digits and Latin letters full width and People's Daily
half width, and splits sentences differently, so most "held-out" sentences
are still in MSRA train. The tool also reports how many of them occur in
MSRA train after NFKC normalization (as a substring of a train sentence);
the People's Daily score is therefore no measure of generalization (see
docs/ner-model.md).

Scores are exact-span precision, recall and F1 per type (PER, LOC, ORG; the
model's PERSON is PER) and micro-averaged overall. Each sentence is passed
to ``tag_entities`` as one text, as a user would. Speed is characters per
second of ``tag_entities`` over the whole corpus, after loading and a
warm-up, single process.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from train_ner import TRAIN_FILE, held_out_start  # tools/ is the script's own folder
from train_ner import read_bio as read_bio_lines

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
TYPES = ("PER", "LOC", "ORG")
_FROM_LABEL = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG"}


def read_bio(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Sentences of a char-per-line BIO file (tab or space separator; xz if ``.xz``)."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from read_bio_lines(handle)


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    from zhfacts.ner.model import decode_bio

    return set(decode_bio(tags))


def score(sentences: list[tuple[str, list[str]]]) -> dict[str, Any]:
    from zhfacts.ner.model import tag_entities

    tag_entities("预热：北京市人民政府")  # load the model and jieba outside the timing
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    chars = 0
    elapsed = 0.0
    for text, tags in sentences:
        chars += len(text)
        start = time.perf_counter()
        found = tag_entities(text)
        elapsed += time.perf_counter() - start
        predicted = {(s, e, _FROM_LABEL[label]) for s, e, label in found}
        gold = gold_spans(tags)
        for kind in TYPES:
            p = {x for x in predicted if x[2] == kind}
            g = {x for x in gold if x[2] == kind}
            counts[kind]["tp"] += len(p & g)
            counts[kind]["pred"] += len(p)
            counts[kind]["gold"] += len(g)
    result: dict[str, Any] = {"sentences": len(sentences), "characters": chars}
    total: Counter[str] = Counter()
    for kind in TYPES:
        result[kind] = _prf(counts[kind])
        total.update(counts[kind])
    result["micro"] = _prf(total)
    result["seconds"] = round(elapsed, 2)
    result["chars_per_second"] = round(chars / elapsed) if elapsed else 0
    return result


def _prf(c: Counter[str]) -> dict[str, Any]:
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "gold": c["gold"], "predicted": c["pred"], "correct": c["tp"]}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def load_corpora(corpus_dir: Path) -> tuple[dict[str, list[tuple[str, list[str]]]], dict[str, int]]:
    """The scored corpora, and counts of the People's Daily test sentences: all,
    kept (text not a sentence of MSRA train) and, of those kept, the ones whose
    NFKC form is still a substring of MSRA train (NFKC too)."""
    train = [text for text, _ in read_bio(corpus_dir / "msra-ner" / "msra_train_bio.txt.xz")]
    msra_train = set(train)
    msra_test = list(read_bio(corpus_dir / "msra-ner" / "msra_test_bio.txt"))
    pd_test = list(read_bio(corpus_dir / "peoples-daily-ner" / "example.test"))
    held_out = [(text, tags) for text, tags in pd_test if text not in msra_train]
    joined = "\n".join(_nfkc(text) for text in train)
    inside = sum(1 for text, _ in held_out if _nfkc(text) in joined)
    counts = {"pd_test_sentences": len(pd_test), "pd_heldout_sentences": len(held_out),
              "pd_heldout_in_msra_train_after_nfkc": inside}
    return {"msra-test": msra_test, "pd-test-heldout": held_out}, counts


def markdown(scores: dict[str, Any]) -> str:
    lines = ["| corpus | sentences | type | P | R | F1 |", "|---|---:|---|---:|---:|---:|"]
    for name, result in scores["corpora"].items():
        for kind in (*TYPES, "micro"):
            r = result[kind]
            lines.append(f"| {name} | {result['sentences']:,} | {kind} | {r['precision']:.4f} | "
                         f"{r['recall']:.4f} | **{r['f1']:.4f}** |" if kind == "micro" else
                         f"| {name} | {result['sentences']:,} | {kind} | {r['precision']:.4f} | "
                         f"{r['recall']:.4f} | {r['f1']:.4f} |")
    lines.append("")
    for name, result in scores["corpora"].items():
        lines.append(f"- {name}: {result['characters']:,} characters, "
                     f"{result['chars_per_second']:,} chars/s")
    total = scores["pd_test_sentences"]
    kept = scores["corpora"]["pd-test-heldout"]["sentences"]
    lines.append(f"- People's Daily test: {total:,} sentences, {total - kept:,} of them occur"
                 f" in MSRA train and are left out; of the {kept:,} kept, "
                 f"{scores['pd_heldout_in_msra_train_after_nfkc']:,} still occur in MSRA train"
                 " after NFKC normalization (full-width digits and letters)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--model", type=Path, help="a model file other than the shipped one")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--holdout", type=float, default=0.0,
                        help="score only the last FRACTION of MSRA train (a model trained with"
                        " train_ner.py --holdout FRACTION), not the test sets")
    args = parser.parse_args(argv)

    from zhfacts.ner import model as ner_model

    if args.model is not None:
        ner_model.use_model_file(args.model)
    if args.holdout:
        train = list(read_bio(args.corpus_dir / "msra-ner" / TRAIN_FILE))
        name = f"msra-train-last-{args.holdout:g}"
        scores: dict[str, Any] = {
            "corpora": {name: score(train[held_out_start(len(train), args.holdout):])}}
        if not args.json:
            print(json.dumps(scores, ensure_ascii=False, indent=2))
            return 0
    else:
        corpora, counts = load_corpora(args.corpus_dir)
        scores = {"corpora": {}, **counts}
        for name, sentences in corpora.items():
            scores["corpora"][name] = score(sentences)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
    elif args.markdown:
        print(markdown(scores))
    else:
        for name, result in scores["corpora"].items():
            print(f"{name}: {result['sentences']} sentences, {result['characters']} chars, "
                  f"{result['chars_per_second']} chars/s")
            for kind in (*TYPES, "micro"):
                r = result[kind]
                print(f"  {kind:5} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}"
                      f"  (gold {r['gold']}, predicted {r['predicted']})")
        print(f"People's Daily test: {counts['pd_test_sentences']} sentences, "
              f"{counts['pd_heldout_sentences']} not in MSRA train as exact strings, "
              f"{counts['pd_heldout_in_msra_train_after_nfkc']} of which are in it after NFKC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
