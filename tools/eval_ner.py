"""Score :func:`zhfacts.ner.model.tag_entities` on the dev splits, or once on the test sets.

    python tools/eval_ner.py                   # the shipped model, the three dev splits
    python tools/eval_ner.py --dev cluener-dev --model /tmp/x.crfsuite --json
    python tools/eval_ner.py --test --markdown # MSRA and People's Daily test (see below)
    python tools/eval_ner.py --model /tmp/x.crfsuite --pipeline corpora/real/dev \
        --texts ../shared/real-documents       # the whole pipeline with that model

Development and model selection use the fixed dev splits of
``tools/ner_corpora.py`` (``--dev``, the default): ``msra-dev`` (the last 10 %
of MSRA train, as ``train_ner.py --holdout 0.1``), ``cluener-dev`` (the last
10 % of CLUENER2020 train) and ``weibo-dev`` (Weibo NER dev, names only), all
mapped to PER/LOC/ORG/GOV. Scores per type, micro over the four, and
``micro-coarse`` with GOV folded into ORG on both sides (what a PER/LOC/ORG
model such as the shipped one can reach). A model trained on all of MSRA
train (the shipped one) has seen msra-dev: its score there is an upper bound.

``--test`` scores MSRA test and People's Daily test: **once per model, at
the end**, never to choose between variants or to read errors from.

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

Test scores are exact-span precision, recall and F1 per type (PER, LOC, ORG;
the model's PERSON is PER, its GOV is ORG) and micro-averaged overall. Each sentence is passed
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
DEV_TYPES = ("PER", "LOC", "ORG", "GOV")
_FROM_LABEL = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG", "GOV": "GOV"}
#: GOV folded into ORG (the test sets' and the shipped model's types).
_COARSE = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "GOV": "ORG"}


def _model_gov_label() -> None:
    """Let ``tag_entities`` return a model's GOV spans. ``zhfacts.ner.model``
    maps only PER/ORG/LOC (``_LABELS``) and drops other tags; a GOV model
    needs ``"GOV": "GOV"`` there. Done here for scoring, not in the package."""
    from zhfacts.ner import model as ner_model

    ner_model._LABELS.setdefault("GOV", "GOV")


def read_bio(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Sentences of a char-per-line BIO file (tab or space separator; xz if ``.xz``)."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from read_bio_lines(handle)


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    from zhfacts.ner.model import decode_bio

    return set(decode_bio(tags))


def score(sentences: list[tuple[str, list[str]]], types: tuple[str, ...] = TYPES
          ) -> dict[str, Any]:
    """Exact-span P/R/F1 per type of ``types`` and micro; with GOV among the
    types also ``ORG+GOV`` and ``micro-coarse`` (GOV folded into ORG on both
    sides). Without GOV, a model's GOV counts as ORG."""
    from zhfacts.ner.model import tag_entities

    tag_entities("预热：北京市人民政府")  # load the model and the words outside the timing
    fine = "GOV" in types
    counts: dict[str, Counter[str]] = {t: Counter() for t in types}
    coarse: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    chars = 0
    elapsed = 0.0
    for text, tags in sentences:
        chars += len(text)
        start = time.perf_counter()
        found = tag_entities(text)
        elapsed += time.perf_counter() - start
        predicted = {(s, e, _FROM_LABEL[label]) for s, e, label in found}
        gold = gold_spans(tags)
        if not fine:
            predicted = {(s, e, _COARSE[k]) for s, e, k in predicted}
        _count(counts, predicted, gold)
        if fine:
            _count(coarse, {(s, e, _COARSE[k]) for s, e, k in predicted},
                   {(s, e, _COARSE[k]) for s, e, k in gold})
    result: dict[str, Any] = {"sentences": len(sentences), "characters": chars}
    total: Counter[str] = Counter()
    for kind in types:
        result[kind] = _prf(counts[kind])
        total.update(counts[kind])
    result["micro"] = _prf(total)
    if fine:
        result["ORG+GOV"] = _prf(coarse["ORG"])
        result["micro-coarse"] = _prf(sum(coarse.values(), Counter()))
    result["seconds"] = round(elapsed, 2)
    result["chars_per_second"] = round(chars / elapsed) if elapsed else 0
    return result


def _count(counts: dict[str, Counter[str]], predicted: set[tuple[int, int, str]],
           gold: set[tuple[int, int, str]]) -> None:
    for kind, c in counts.items():
        p = {x for x in predicted if x[2] == kind}
        g = {x for x in gold if x[2] == kind}
        c["tp"] += len(p & g)
        c["pred"] += len(p)
        c["gold"] += len(g)


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


def _kinds(result: dict[str, Any]) -> list[str]:
    return [k for k in (*DEV_TYPES, "micro", "ORG+GOV", "micro-coarse") if k in result]


def markdown(scores: dict[str, Any]) -> str:
    lines = ["| corpus | sentences | type | P | R | F1 |", "|---|---:|---|---:|---:|---:|"]
    for name, result in scores["corpora"].items():
        for kind in _kinds(result):
            r = result[kind]
            lines.append(f"| {name} | {result['sentences']:,} | {kind} | {r['precision']:.4f} | "
                         f"{r['recall']:.4f} | **{r['f1']:.4f}** |" if kind.startswith("micro") else
                         f"| {name} | {result['sentences']:,} | {kind} | {r['precision']:.4f} | "
                         f"{r['recall']:.4f} | {r['f1']:.4f} |")
    lines.append("")
    for name, result in scores["corpora"].items():
        lines.append(f"- {name}: {result['characters']:,} characters, "
                     f"{result['chars_per_second']:,} chars/s")
    if "pd_test_sentences" not in scores:
        return "\n".join(lines)
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
    parser.add_argument("--dev", default="",
                        help="comma-separated dev splits (the default, all of them): "
                        "msra-dev, cluener-dev, weibo-dev")
    parser.add_argument("--whole-addresses", action="store_true",
                        help="cluener-dev with CLUENER's addresses whole, not cut into divisions")
    parser.add_argument("--test", action="store_true",
                        help="score MSRA test and People's Daily test: once per model, at the"
                        " end, never for choosing or reading errors")
    parser.add_argument("--holdout", type=float, default=0.0,
                        help="score only the last FRACTION of MSRA train with MSRA's own labels"
                        " (a model trained with train_ner.py --holdout FRACTION)")
    parser.add_argument("--pipeline", metavar="GOLD_DIR",
                        help="instead, run `zhfacts evaluate GOLD_DIR` with this model in the"
                        " pipeline (corpora/real/dev, corpora); --texts as for zhfacts evaluate")
    parser.add_argument("--texts", help="with --pipeline: the texts of stand-off gold")
    args = parser.parse_args(argv)
    if sum(map(bool, (args.dev, args.test, args.holdout, args.pipeline))) > 1:
        parser.error("--dev, --test, --holdout and --pipeline are exclusive")

    from zhfacts.ner import model as ner_model

    _model_gov_label()
    if args.model is not None:
        ner_model.use_model_file(args.model)
    if args.pipeline:
        from zhfacts.io.cli import main as zhfacts_main

        texts = ["--texts", args.texts] if args.texts else []
        return zhfacts_main(["evaluate", args.pipeline, *texts,
                             *(["--markdown"] if args.markdown else [])])
    counts: dict[str, int] = {}
    if not args.test and not args.holdout:
        from ner_corpora import DEV_SETS, dev_sets

        names = [n for n in args.dev.split(",") if n] or list(DEV_SETS)
        scores: dict[str, Any] = {"corpora": {
            name: score(sentences, DEV_TYPES)
            for name, sentences in dev_sets(args.corpus_dir, names,
                                            not args.whole_addresses).items()}}
    elif args.holdout:
        train = list(read_bio(args.corpus_dir / "msra-ner" / TRAIN_FILE))
        name = f"msra-train-last-{args.holdout:g}"
        scores = {
            "corpora": {name: score(train[held_out_start(len(train), args.holdout):])}}
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
            for kind in _kinds(result):
                r = result[kind]
                print(f"  {kind:12} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}"
                      f"  (gold {r['gold']}, predicted {r['predicted']})")
        if not counts:
            return 0
        print(f"People's Daily test: {counts['pd_test_sentences']} sentences, "
              f"{counts['pd_heldout_sentences']} not in MSRA train as exact strings, "
              f"{counts['pd_heldout_in_msra_train_after_nfkc']} of which are in it after NFKC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
