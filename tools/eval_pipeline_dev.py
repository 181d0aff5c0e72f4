#!/usr/bin/env python3
"""The whole pipeline (``zhfacts.extract`` per sentence) on a development split.

``msra-dev`` is the last 10 % of MSRA train: unseen sentences for a model
trained with ``train_ner.py --holdout 0.1``, so that recipes can be compared
through the pipeline without touching MSRA test (docs/ner-model.md, "The
choice"); scored with GOV folded into ORG, as MSRA has no GOV.

``cluener-dev`` is the last 10 % of CLUENER2020 train (news on finance,
society, sports, entertainment and games), which no shipped model was trained
on, mapped to PER/LOC/ORG/GOV as for training (``tools/ner_corpora.py``):
the development measure for entities on general news, GOV kept apart from
ORG (GPE and LOC are folded into LOC). ``--errors FILE`` writes every missed
and spurious span with its context, for error reading on this split only.

    python tools/eval_pipeline_dev.py /tmp/ner_runs/base0/m.crfsuite
    python tools/eval_pipeline_dev.py shipped --dev cluener-dev --errors /tmp/cl.tsv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_ner  # noqa: E402
import ner_corpora  # noqa: E402

from zhfacts.evaluation.scoring import Tally  # noqa: E402

#: zhfacts' labels on cluener-dev: GOV stays apart, GPE and LOC are one LOC.
_CLUENER_LABELS = {"PERSON": "PER", "GOV": "GOV", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
_CONTEXT = 12


def _msra_dev(shared: Path) -> None:
    from zhfacts.evaluation.ner_corpora import pipeline_tagger, score_sentences

    corpus = shared / "corpora" / "msra-ner" / "msra_train_bio.txt.xz"
    sentences = list(eval_ner.read_bio(corpus))
    dev = sentences[ner_corpora.held_out_start(len(sentences), 0.1):]
    for kind, tally in score_sentences(dev, pipeline_tagger()).items():
        _print("msra-dev", kind, tally)


def _cluener_dev(shared: Path, errors: Path | None) -> None:
    from zhfacts.api import extract
    from zhfacts.evaluation.ner_corpora import bio_spans

    sentences = ner_corpora.dev_sets(shared / "corpora", ["cluener-dev"])["cluener-dev"]
    kinds = ("PER", "LOC", "ORG", "GOV")
    tallies = {kind: Tally() for kind in (*kinds, "all")}
    rows: list[str] = []
    for text, tags in sentences:
        gold = bio_spans(tags)
        predicted = {(e["start"], e["end"], _CLUENER_LABELS[e["label"]])
                     for e in extract(text)["entities"] if e["label"] in _CLUENER_LABELS}
        for kind in kinds:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in predicted if s[2] == kind}
            found = len(g & p)
            for key in (kind, "all"):
                tallies[key].add(Tally(len(g), len(p), found, found))
        for what, spans, other in (("miss", gold - predicted, predicted),
                                   ("spurious", predicted - gold, gold)):
            for start, end, kind in sorted(spans):
                overlapping = ",".join(f"{text[a:b]}/{k}" for a, b, k in sorted(other)
                                       if a < end and b > start)
                rows.append(f"{what}\t{kind}\t{text[start:end]}\t"
                            f"{text[max(0, start - _CONTEXT):start]}[{text[start:end]}]"
                            f"{text[end:end + _CONTEXT]}\t{overlapping}")
    for kind, tally in tallies.items():
        _print("cluener-dev", kind, tally)
    if errors is not None:
        errors.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _print(split: str, kind: str, tally: Tally) -> None:
    print(f"{split} pipeline {kind:4s} gold {tally.gold:5d} predicted {tally.predicted:5d} "
          f"found {tally.found:5d} P {tally.precision:.4f} R {tally.recall:.4f} "
          f"F1 {tally.f1:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a .crfsuite file, or 'shipped'")
    parser.add_argument("--dev", choices=("msra-dev", "cluener-dev"), default="msra-dev")
    parser.add_argument("--errors", type=Path, help="cluener-dev: write the errors here")
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args(argv)
    from zhfacts.ner import model as ner_model

    if args.model != "shipped":
        ner_model.use_model_file(args.model)
    if args.dev == "msra-dev":
        _msra_dev(args.shared)
    else:
        _cluener_dev(args.shared, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
