#!/usr/bin/env python3
"""The whole pipeline (``zhfacts.extract`` per sentence) on ``msra-dev``, the
last 10 % of MSRA train: unseen sentences for a model trained with
``train_ner.py --holdout 0.1``, so that recipes can be compared through the
pipeline without touching MSRA test (docs/ner-model.md, "The choice").

    python tools/eval_pipeline_dev.py /tmp/ner_runs/base0/m.crfsuite
    python tools/eval_pipeline_dev.py shipped --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_ner  # noqa: E402
import ner_corpora  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a .crfsuite file, or 'shipped'")
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args(argv)
    from zhfacts.ner import model as ner_model

    if args.model != "shipped":
        ner_model.use_model_file(args.model)
    from zhfacts.evaluation.ner_corpora import pipeline_tagger, score_sentences

    corpus = args.shared / "corpora" / "msra-ner" / "msra_train_bio.txt.xz"
    sentences = list(eval_ner.read_bio(corpus))
    dev = sentences[ner_corpora.held_out_start(len(sentences), 0.1):]
    tallies = score_sentences(dev, pipeline_tagger())
    for kind, tally in tallies.items():
        precision = tally.found / tally.predicted if tally.predicted else 0.0
        recall = tally.found / tally.gold if tally.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"msra-dev pipeline {kind:4s} gold {tally.gold:5d} predicted {tally.predicted:5d} "
              f"found {tally.found:5d} P {precision:.4f} R {recall:.4f} F1 {f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
