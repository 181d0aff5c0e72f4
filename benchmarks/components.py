"""Where zhfacts.extract spends its time: microseconds per character by stage.

    python benchmarks/components.py                 # MSRA test text, 200 documents
    python benchmarks/components.py --chars 60000 --repeat 3

The corpus and document size are those of benchmarks/speed.py (MSRA NER test
sentences joined into documents of about 600 characters). Each stage of the
default pipeline is timed on its own, document by document: spaCy's Doc
(``make_doc``), each component of ``zhfacts.load()``, the record
(``doc_to_record``), and, separately, ``ner_model.tag_entities`` on the same
text (inside ``zhfacts_entities``, which runs it on the clean text) and the
Page with its parts (inside ``make_doc``: ``build_page``, the clean-up, the
layout, the tables). The best
of ``--repeat`` passes is reported, single process. A profile, not a
comparison: the ratios to the peers come from benchmarks/speed.py. ``--unseen``
times one pass over documents nothing has read yet (after a warm-up on others),
the model on its own half of them, as a corpus run sees them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "msra-ner" / "msra_test_bio.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--chars", type=int, default=120_000, help="characters of text")
    parser.add_argument("--doc-chars", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--unseen", action="store_true",
                        help="one pass over documents the pipeline has not seen (after "
                             "warming up on others): no cache has seen what is timed")
    parser.add_argument("--warm", type=int, default=20, help="warm-up documents (--unseen)")
    args = parser.parse_args(argv)

    import zhfacts
    from zhfacts.api import doc_to_record, make_doc
    from zhfacts.evaluation.ner_corpora import read_bio
    from zhfacts.ner.model import tag_entities
    from zhfacts.page.layout import read_layout
    from zhfacts.page.page import build_page
    from zhfacts.page.tables import find_tables
    from zhfacts.page.textmap import clean

    text = "".join(sentence for sentence, _ in read_bio(args.corpus))[:args.chars]
    docs = [text[i:i + args.doc_chars] for i in range(0, len(text), args.doc_chars)]
    nlp = zhfacts.load()
    if args.unseen:
        return _unseen(nlp, docs, args.warm)
    for doc in docs[:3]:
        zhfacts.extract(doc, nlp=nlp)  # load the model, the words and the gazetteer first
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent: dict[str, float] = {}
        for raw in docs:
            started = time.perf_counter()
            doc = make_doc(nlp, raw)
            spent["make_doc"] = spent.get("make_doc", 0.0) + time.perf_counter() - started
            for name, component in nlp.pipeline:
                started = time.perf_counter()
                doc = component(doc)
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
            started = time.perf_counter()
            doc_to_record(doc)
            spent["record"] = spent.get("record", 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        for raw in docs:
            tag_entities(raw)
        spent["(of which tag_entities)"] = time.perf_counter() - started
        # The Page, built in make_doc, and its parts (page/): each on its own.
        for stage, function in (("(of which build_page)", build_page),
                                ("(  of which clean)", clean),
                                ("(  of which read_layout)", read_layout),
                                ("(  of which find_tables)", find_tables)):
            started = time.perf_counter()
            for raw in docs:
                function(raw)
            spent[stage] = time.perf_counter() - started
        for stage, seconds in spent.items():
            best[stage] = min(best.get(stage, seconds), seconds)
    total = sum(seconds for stage, seconds in best.items() if not stage.startswith("("))
    print(f"{len(text):,} characters in {len(docs)} documents, best of {args.repeat} passes")
    print(f"{'stage':28} {'µs/char':>8}")
    for stage, seconds in best.items():
        print(f"{stage:28} {seconds / len(text) * 1e6:8.2f}")
    print(f"{'total':28} {total / len(text) * 1e6:8.2f}  ({len(text) / total:,.0f} chars/s)")
    return 0


def _unseen(nlp: object, docs: list[str], warm: int) -> int:
    """Each stage on documents nothing has read yet: after ``warm`` documents, the
    even ones go through the pipeline stage by stage and the odd ones through
    ``tag_entities`` alone (the model inside ``zhfacts_entities``), so neither
    times a cache the other filled; each stage's µs per character is of its own
    documents, and the model's share is of the pipeline's total."""
    import zhfacts
    from zhfacts.api import doc_to_record, make_doc
    from zhfacts.ner.model import tag_entities

    for doc in docs[:warm]:
        zhfacts.extract(doc, nlp=nlp)  # type: ignore[arg-type]
    piped, tagged = docs[warm::2], docs[warm + 1::2]
    spent: dict[str, float] = {}
    for raw in piped:
        started = time.perf_counter()
        doc = make_doc(nlp, raw)  # type: ignore[arg-type]
        spent["make_doc"] = spent.get("make_doc", 0.0) + time.perf_counter() - started
        for name, component in nlp.pipeline:  # type: ignore[attr-defined]
            started = time.perf_counter()
            doc = component(doc)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        doc_to_record(doc)
        spent["record"] = spent.get("record", 0.0) + time.perf_counter() - started
    started = time.perf_counter()
    for raw in tagged:
        tag_entities(raw)
    model = (time.perf_counter() - started) / sum(map(len, tagged))
    piped_chars = sum(map(len, piped))
    total = sum(spent.values()) / piped_chars
    print(f"unseen: {len(piped)} documents ({piped_chars:,} characters) through the pipeline, "
          f"{len(tagged)} others through tag_entities, after {warm} to warm up")
    print(f"{'stage':28} {'µs/char':>8} {'share':>6}")
    for stage, seconds in spent.items():
        print(f"{stage:28} {seconds / piped_chars * 1e6:8.2f} {seconds / piped_chars / total:6.0%}")
    print(f"{'(tag_entities, the model)':28} {model * 1e6:8.2f} {model / total:6.0%}")
    print(f"{'total':28} {total * 1e6:8.2f}  ({1 / total:,.0f} chars/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
