#!/usr/bin/env python3
"""Check gold files against SPEC section 5's shape before they are used.

Every ``*.jsonl`` under the given paths: entities sorted, flat and within the
text, ``text == document[start:end]``, labels and fields as SPEC says, figure
values canonical, facts with every required key and their span inside the
text. Stand-off gold (``corpora/real``) is checked against the document it
names, whose sha256 must match.

Usage::

    python tools/check_gold.py corpora corpora/real/dev corpora/real/heldout \
        [--texts ../shared/real-documents]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from zhfacts.evaluation.scoring import DEFAULT_TEXTS, read_gold
from zhfacts.results import ENTITY_LABELS, FIGURE_LABELS, NUMERIC_LABELS

_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
_QUALIFIERS = {"=", "~", ">", ">=", "<", "<=", "range"}
_FACT_KEYS = ("metric", "value", "unit", "qualifier", "time", "place", "per", "change",
              "start", "end")


def problems(gold: dict[str, object]) -> list[str]:
    """What is wrong with one gold record (empty when nothing)."""
    text = str(gold["text"])
    found: list[str] = []
    last_end = 0
    entities = gold.get("entities") or []
    assert isinstance(entities, list)
    for entity in entities:
        start, end, label = entity["start"], entity["end"], entity["label"]
        where = f"entity {entity.get('text')!r} at {start}"
        if not 0 <= start < end <= len(text) or text[start:end] != entity["text"]:
            found.append(f"{where}: text is not document[start:end]")
        if start < last_end:
            found.append(f"{where}: overlaps or is out of order")
        last_end = max(last_end, end)
        if label not in (*ENTITY_LABELS, *FIGURE_LABELS):
            found.append(f"{where}: unknown label {label}")
        if label in NUMERIC_LABELS:
            for key in ("unit", "qualifier"):
                if not entity.get(key):
                    found.append(f"{where}: no {key}")
            if entity.get("qualifier") not in _QUALIFIERS:
                found.append(f"{where}: qualifier {entity.get('qualifier')!r}")
            values = [entity.get("value")] if entity.get("value") is not None else \
                [entity.get("low"), entity.get("high")]
            if not all(isinstance(v, str) and _DECIMAL.fullmatch(v) for v in values):
                found.append(f"{where}: value not a canonical decimal: {values}")
        if label in ENTITY_LABELS and not isinstance(entity.get("norm"), dict):
            found.append(f"{where}: norm must be an object")
    facts = gold.get("facts") or []
    assert isinstance(facts, list)
    for fact in facts:
        where = f"fact {fact.get('metric')!r} at {fact.get('start')}"
        missing = [key for key in _FACT_KEYS if key not in fact]
        if missing:
            found.append(f"{where}: missing {missing}")
            continue
        if not fact["metric"]:
            found.append(f"{where}: empty metric")
        if not 0 <= fact["start"] < fact["end"] <= len(text):
            found.append(f"{where}: span outside the text")
        if fact["change"] not in (None, "increase", "decrease"):
            found.append(f"{where}: change {fact['change']!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path,
                        help="gold .jsonl files or directories of them")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS,
                        help="where stand-off gold finds its texts")
    args = parser.parse_args(argv)
    bad = 0
    for path in args.paths:
        for gold in read_gold(path, args.texts):
            name = gold.get("id") or gold.get("file")
            found = problems(gold)
            entities, facts = len(gold.get("entities") or []), len(gold.get("facts") or [])
            print(f"{path}/{name}: {entities} entities, {facts} facts, "
                  f"{'ok' if not found else f'{len(found)} problems'}")
            for problem in found:
                print(f"  {problem}")
            bad += bool(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
