#!/usr/bin/env python3
"""The fact errors of a development set, by kind, for reading where the linker fails.

For every gold fact zhfacts does not match (SPEC section 5: value, bounds, unit and
metric), it says whether zhfacts gave a fact of the same value under another metric
(``METRIC``) or none (``MISSING``); a predicted fact of a value no gold fact has is
``SPURIOUS``. First the counts, then one line per error (kind, document, gold
metric, predicted metric, value, the text around the figure), sorted.

Only for development sets: the held-out sets are scored by CI and their errors
are not read (docs/evaluation.md).

Usage::

    python tools/fact_errors.py corpora/real/dev [--texts ../shared/real-documents]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import zhfacts
from zhfacts.evaluation.scoring import DEFAULT_TEXTS, read_gold, same_metric

#: How much text either side of a missed figure is shown.
_AROUND = 15


def _value(fact: dict[str, Any]) -> tuple[Any, ...]:
    return fact.get("value"), fact.get("low"), fact.get("high"), fact.get("unit")


def fact_errors(corpus: Path, texts: Path) -> tuple[Counter[str], list[tuple[str, ...]]]:
    """The counts of each kind of error and the errors, one tuple each."""
    kinds: Counter[str] = Counter()
    rows: list[tuple[str, ...]] = []
    for gold in read_gold(corpus, texts):
        context = gold.get("context") or {}
        predicted = zhfacts.extract(gold["text"], context.get("date"),
                                    context.get("place"))["facts"]
        used: set[int] = set()
        missed = []
        for fact in gold["facts"]:
            match = next((i for i, p in enumerate(predicted) if i not in used and
                          _value(p) == _value(fact) and
                          same_metric(fact.get("metric"), p.get("metric"))), None)
            if match is None:
                missed.append(fact)
            else:
                used.add(match)
        spurious = [p for i, p in enumerate(predicted) if i not in used]
        text = gold["text"]
        for fact in missed:
            other = next((p for p in spurious if _value(p) == _value(fact)), None)
            kind = "METRIC" if other is not None else "MISSING"
            kinds[kind] += 1
            around = text[max(0, fact["start"] - _AROUND):fact["end"] + _AROUND // 3]
            rows.append((kind, gold["id"], fact["metric"], other["metric"] if other else "",
                         str(_value(fact)), around.replace("\n", "")))
        missed_values = Counter(_value(fact) for fact in missed)
        for fact in spurious:
            if not missed_values[_value(fact)]:
                kinds["SPURIOUS"] += 1
                around = text[max(0, fact["start"] - _AROUND):fact["end"] + _AROUND // 3]
                rows.append(("SPURIOUS", gold["id"], "", fact["metric"], str(_value(fact)),
                             around.replace("\n", "")))
    return kinds, sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a development set (corpora/real/dev)")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS,
                        help="the texts stand-off gold names (default ../shared/real-documents)")
    args = parser.parse_args()
    kinds, rows = fact_errors(args.corpus, args.texts)
    print(", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    for row in rows:
        print("\t".join(row))


if __name__ == "__main__":
    main()
