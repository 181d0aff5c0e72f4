"""Scoring against gold documents, exactly as SPEC section 5 says.

- Figures (MONEY, QUANTITY, PERCENT, DATE): a gold figure is found when a
  predicted figure overlaps it with the same label, value (or low/high), unit
  and qualifier; one-to-one. Accuracy = found / gold; precision = predicted
  figures that found a gold one / predicted figures.
- Entities (GOV, ORG, PERSON, GPE, LOC): exact (start, end, label) matches;
  precision, recall and F1 per label and micro-averaged.

Gold files are JSON Lines: the SPEC section 1 record plus ``text`` and
``context`` (``{"date": ..., "place": ...}``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhfacts.errors import ZhfactsError
from zhfacts.results import ENTITY_LABELS, FIGURE_LABELS

Record = dict[str, Any]
Predictor = Callable[[str, str | None, str | None], Record]


@dataclass
class Tally:
    """Counts for one label: gold, predicted, gold found, predictions that matched."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    matched: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.matched += other.matched

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Per-document and per-label tallies of one evaluation run."""

    figures: dict[str, Tally] = field(default_factory=dict)
    entities: dict[str, Tally] = field(default_factory=dict)
    documents: dict[str, dict[str, Tally]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    facts: Tally = field(default_factory=Tally)
    #: Of the matched facts: how many have the gold time / place.
    fact_time: int = 0
    fact_place: int = 0
    fact_change: int = 0
    fact_documents: int = 0  # documents whose gold has facts

    def total(self, kind: str) -> Tally:
        total = Tally()
        for tally in getattr(self, kind).values():
            total.add(tally)
        return total


def _same_figure(gold: Record, predicted: Record) -> bool:
    if gold["label"] != predicted["label"]:
        return False
    if not (predicted["start"] < gold["end"] and gold["start"] < predicted["end"]):
        return False
    keys = ("value", "low", "high", "unit", "qualifier")
    return all(gold.get(key) == predicted.get(key) for key in keys)


def _one_to_one(gold: list[Record], predicted: list[Record],
                same: Callable[[Record, Record], bool]) -> tuple[set[int], set[int]]:
    found: set[int] = set()
    matched: set[int] = set()
    for g, gold_item in enumerate(gold):
        for p, predicted_item in enumerate(predicted):
            if p not in matched and same(gold_item, predicted_item):
                found.add(g)
                matched.add(p)
                break
    return found, matched


def _same_span(gold: Record, predicted: Record) -> bool:
    return (gold["start"], gold["end"], gold["label"]) == \
        (predicted["start"], predicted["end"], predicted["label"])


def score_document(gold: Record, predicted: Record, report: Report) -> None:
    """Add one document's comparison to ``report``. A gold record with
    ``"scope": "figures"`` annotates figures and facts only (a text in
    traditional script, whose names SPEC leaves out of scope): its names are
    not scored."""
    document: dict[str, Tally] = {}
    scored: list[tuple[str, tuple[str, ...], Callable[[Record, Record], bool]]] = [
        ("figures", FIGURE_LABELS, _same_figure)]
    if gold.get("scope") != "figures":
        scored.append(("entities", ENTITY_LABELS, _same_span))
    for kind, labels, same in scored:
        for label in labels:
            gold_items = [e for e in gold.get("entities", []) if e["label"] == label]
            predicted_items = [e for e in predicted.get("entities", []) if e["label"] == label]
            found, matched = _one_to_one(gold_items, predicted_items, same)
            tally = Tally(len(gold_items), len(predicted_items), len(found), len(matched))
            getattr(report, kind).setdefault(label, Tally()).add(tally)
            document[label] = tally
            name = gold.get("id", "?")
            for g, item in enumerate(gold_items):
                if g not in found:
                    report.misses.append(f"{name}: missed {label} {item['text']!r} {_brief(item)}")
            for p, item in enumerate(predicted_items):
                if p not in matched:
                    report.misses.append(f"{name}: spurious {label} {item['text']!r} "
                                         f"{_brief(item)}")
    report.documents[gold.get("id", "?")] = document


_QUOTES = str.maketrans("", "", "“”\"‘’'「」『』《》")


def metric_key(metric: str | None) -> str:
    """A metric as SPEC section 5 compares it: no whitespace, no quotation marks."""
    return "".join((metric or "").split()).translate(_QUOTES)


def same_metric(gold: str | None, predicted: str | None) -> bool:
    """One contains the other, the longer at most twice the shorter plus two."""
    a, b = metric_key(gold), metric_key(predicted)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short in long and len(long) <= 2 * len(short) + 2


def _same_fact(gold: Record, predicted: Record) -> bool:
    keys = ("value", "low", "high", "unit")
    return all(gold.get(key) == predicted.get(key) for key in keys) and \
        same_metric(gold.get("metric"), predicted.get("metric"))


def score_facts(gold: Record, predicted: Record, report: Report) -> None:
    """Fact P/R and time / place accuracy over matched facts (SPEC section 5)."""
    if "facts" not in gold:
        return
    report.fact_documents += 1
    gold_facts, predicted_facts = gold["facts"], predicted.get("facts", [])
    pairs: list[tuple[Record, Record]] = []
    used: set[int] = set()
    for g in gold_facts:
        for p, candidate in enumerate(predicted_facts):
            if p not in used and _same_fact(g, candidate):
                used.add(p)
                pairs.append((g, candidate))
                break
    report.facts.add(Tally(len(gold_facts), len(predicted_facts), len(pairs), len(pairs)))
    report.fact_time += sum(g.get("time") == p.get("time") for g, p in pairs)
    report.fact_place += sum(g.get("place") == p.get("place") for g, p in pairs)
    report.fact_change += sum(g.get("change") == p.get("change") for g, p in pairs)
    name = gold.get("id", "?")
    matched_gold = {id(g) for g, _ in pairs}
    for g in gold_facts:
        if id(g) not in matched_gold:
            report.misses.append(f"{name}: missed fact {g.get('metric')!r} "
                                 f"{g.get('value')} {g.get('unit')}")
    for index, candidate in enumerate(predicted_facts):
        if index not in used:
            report.misses.append(f"{name}: spurious fact {candidate.get('metric')!r} "
                                 f"{candidate.get('value')} {candidate.get('unit')}")
    for gold_fact, predicted_fact in pairs:
        for key in ("time", "place"):
            if gold_fact.get(key) != predicted_fact.get(key):
                report.misses.append(f"{name}: fact {gold_fact.get('metric')!r} {key} "
                                     f"{predicted_fact.get(key)!r}, gold {gold_fact.get(key)!r}")


def _brief(entity: Record) -> str:
    keys = ("value", "low", "high", "unit", "qualifier")
    return " ".join(f"{k}={entity[k]}" for k in keys if entity.get(k) is not None)


#: Where stand-off gold finds its texts unless told otherwise.
DEFAULT_TEXTS = Path("../shared/real-documents")


def read_gold(corpus: Path, texts: Path | None = None) -> Iterable[Record]:
    """The gold documents of ``corpus`` (every ``*.jsonl`` in it, or the one
    file it names), each with
    its ``text``. Stand-off gold (``corpora/real``) carries no text but the
    ``file`` it annotates and that file's ``sha256``: the text is read from
    ``texts`` (default ``../shared/real-documents``) and refused if it is not
    the text that was annotated."""
    paths = [corpus] if corpus.is_file() else sorted(corpus.glob("*.jsonl"))
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    gold = json.loads(line)
                    if "text" not in gold:
                        gold["text"] = standoff_text(gold, texts or DEFAULT_TEXTS,
                                                     f"{path}:{number}")
                    yield gold


def standoff_text(gold: Record, texts: Path, where: str) -> str:
    """The text a stand-off gold record annotates, checked against its sha256."""
    if "file" not in gold or "sha256" not in gold:
        raise ZhfactsError(f"{where}: a gold record needs 'text', or 'file' and 'sha256'")
    source = texts / gold["file"]
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ZhfactsError(f"{where}: cannot read {source}: {error.strerror}") from error
    digest = hashlib.sha256(data).hexdigest()
    if digest != gold["sha256"]:
        raise ZhfactsError(f"{where}: {source} is not the annotated text "
                           f"(sha256 {digest}, gold has {gold['sha256']})")
    text: str = data.decode("utf-8")
    return text


def evaluate_corpus(corpus: Path, predict: Predictor | None = None,
                    texts: Path | None = None) -> Report:
    """Score ``predict`` (default: :func:`zhfacts.extract`) on every gold document
    (``texts``: where stand-off gold finds its texts)."""
    if predict is None:
        from zhfacts.api import extract

        def predict(text: str, date: str | None, place: str | None) -> Record:
            return extract(text, date, place)

    report = Report()
    for gold in read_gold(corpus, texts):
        context = gold.get("context") or {}
        predicted = predict(gold["text"], context.get("date"), context.get("place"))
        score_document(gold, predicted, report)
        score_facts(gold, predicted, report)
    return report


def format_table(report: Report, markdown: bool = False) -> str:
    """The per-label table; Markdown for docs/, aligned text for a terminal."""
    rows = [("figures", label, report.figures[label]) for label in FIGURE_LABELS
            if label in report.figures]
    rows.append(("figures", "all", report.total("figures")))
    rows += [("entities", label, report.entities[label]) for label in ENTITY_LABELS
             if label in report.entities]
    rows.append(("entities", "all", report.total("entities")))
    if report.fact_documents:
        rows.append(("facts", "all", report.facts))
    header = ("kind", "label", "gold", "predicted", "found", "accuracy/recall", "precision",
              "F1")
    lines = []
    for kind, label, tally in rows:
        lines.append((kind, label, str(tally.gold), str(tally.predicted), str(tally.found),
                      f"{tally.recall:.3f}", f"{tally.precision:.3f}", f"{tally.f1:.3f}"))
    matched = report.facts.found
    accuracy = (f"fact time accuracy {report.fact_time / matched:.3f}, place accuracy "
                f"{report.fact_place / matched:.3f}, change accuracy "
                f"{report.fact_change / matched:.3f} (over {matched} matched facts)"
                if matched else "")
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out + ([f"\n{accuracy}"] if accuracy else []))
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    table = "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                      for row in [header, *lines])
    return table + ("\n" + accuracy if accuracy else "")
