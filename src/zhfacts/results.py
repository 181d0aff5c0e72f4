"""Typed results: frozen dataclasses with exact values, serializable to SPEC section 1.

Every stage returns these: :class:`Figure` and :class:`DateFigure` (the
number engine), :class:`Entity` (the entity recognizers), :class:`Fact` and
:class:`Check` (the fact linker and the checks). Dicts exist only at the
output edge: :meth:`to_dict` gives the JSON-ready records of SPEC section 1
(decimal values as canonical strings), and :func:`mention_from_dict` reads a
record back (the spaCy components keep records on the ``Doc`` so that it
serializes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zhfacts.numbers.numerals import canonical
from zhfacts.version import __version__

SCHEMA_VERSION = "1"
#: Which zhfacts wrote a record (a record says so next to its schema version).
ZHFACTS_VERSION = __version__

NUMERIC_LABELS = ("MONEY", "QUANTITY", "PERCENT")
FIGURE_LABELS = (*NUMERIC_LABELS, "DATE")
ENTITY_LABELS = ("GOV", "ORG", "PERSON", "GPE", "LOC")


@dataclass(frozen=True)
class Figure:
    """A MONEY, QUANTITY or PERCENT figure; offsets index the original text.

    ``value`` is in the base unit of ``unit`` (万元 -> yuan). A range has
    ``value=None`` with ``low`` and ``high`` and qualifier ``range``.
    """

    label: str
    start: int
    end: int
    text: str
    value: Decimal | None
    unit: str
    qualifier: str = "="
    low: Decimal | None = None
    high: Decimal | None = None
    per: str | None = None

    def __post_init__(self) -> None:
        if self.label not in NUMERIC_LABELS:
            raise ValueError(f"not a numeric figure label: {self.label!r}")
        if (self.value is None) == (self.low is None or self.high is None):
            raise ValueError("a figure has either a value or a low and a high")

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "value": None if self.value is None else canonical(self.value),
        }
        if self.low is not None and self.high is not None:
            record["low"] = canonical(self.low)
            record["high"] = canonical(self.high)
        record["unit"] = self.unit
        record["qualifier"] = self.qualifier
        if self.per is not None:
            record["per"] = self.per
        record["by"] = "rule"
        return record


@dataclass(frozen=True)
class DateFigure:
    """A DATE: ``value`` is a TimeML / ISO 8601 string with unknown parts as X."""

    start: int
    end: int
    text: str
    value: str
    label: str = "DATE"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "value": self.value,
            "by": "rule",
        }


@dataclass(frozen=True)
class Entity:
    """A named entity (GOV, ORG, PERSON, GPE, LOC); ``norm`` is always an object
    with at least ``name``."""

    label: str
    start: int
    end: int
    text: str
    norm: dict[str, Any] = field(default_factory=dict)
    by: str = "rule"

    def __post_init__(self) -> None:
        if self.label not in ENTITY_LABELS:
            raise ValueError(f"not an entity label: {self.label!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "norm": self.norm, "by": self.by}


#: What a document mentions: a figure, a date or a named entity.
Mention = Figure | DateFigure | Entity


def mention_from_dict(record: dict[str, Any]) -> Mention:
    """The typed mention of a SPEC section 1 entity record (the inverse of
    ``to_dict``). A host pipeline's entity of another label is an Entity only
    if its label is one of SPEC's; callers skip the others."""
    label = record["label"]
    if label == "DATE":
        return DateFigure(record["start"], record["end"], record["text"], record["value"])
    if label in NUMERIC_LABELS:
        return Figure(
            label=label, start=record["start"], end=record["end"], text=record["text"],
            value=_decimal(record.get("value")), unit=record["unit"],
            qualifier=record.get("qualifier", "="), low=_decimal(record.get("low")),
            high=_decimal(record.get("high")), per=record.get("per"))
    return Entity(label, record["start"], record["end"], record["text"],
                  dict(record.get("norm") or {"name": record["text"]}), record.get("by", "model"))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


CHANGES = ("increase", "decrease")


@dataclass(frozen=True)
class Fact:
    """One figure stated about one thing (SPEC section 4).

    ``start``/``end`` cover the figure and the metric when written before it
    in the same clause; ``sentence_start``/``sentence_end`` are the sentence
    that holds the figure, and ``sentence`` is that text verbatim."""

    metric: str
    figure: Figure
    time: str | None
    place: str | None
    change: str | None
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    #: The rate's denominator when the metric names it (万元GDP能耗 -> 万元);
    #: else the figure's own (月人均 -> person-month).
    metric_per: str | None = None

    def __post_init__(self) -> None:
        if not self.metric:
            raise ValueError("a fact names what it measures")
        if self.change is not None and self.change not in CHANGES:
            raise ValueError(f"change is one of {CHANGES} or None, not {self.change!r}")

    @property
    def value(self) -> Decimal | None:
        return self.figure.value

    @property
    def unit(self) -> str:
        return self.figure.unit

    @property
    def qualifier(self) -> str:
        return self.figure.qualifier

    @property
    def per(self) -> str | None:
        return self.figure.per or self.metric_per

    def to_dict(self) -> dict[str, Any]:
        figure = self.figure
        record: dict[str, Any] = {
            "metric": self.metric,
            "value": None if figure.value is None else canonical(figure.value)}
        if figure.low is not None and figure.high is not None:
            record["low"] = canonical(figure.low)
            record["high"] = canonical(figure.high)
        record.update({
            "unit": figure.unit, "qualifier": figure.qualifier, "time": self.time,
            "place": self.place, "per": self.per, "change": self.change,
            "start": self.start, "end": self.end, "sentence": self.sentence,
            "sentence_start": self.sentence_start, "sentence_end": self.sentence_end})
        return record


CHECK_KINDS = ("sum", "repeat", "range")


@dataclass(frozen=True)
class Check:
    """A consistency check over some figures of a page: what was compared
    (``expected`` against ``observed``, within ``tolerance``), whether it held,
    and a message that says so in words."""

    kind: str
    passed: bool
    message: str
    figures: tuple[Figure, ...]
    expected: Decimal | None = None
    observed: Decimal | None = None
    tolerance: Decimal | None = None

    def __post_init__(self) -> None:
        if self.kind not in CHECK_KINDS:
            raise ValueError(f"check kind is one of {CHECK_KINDS}, not {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "check": self.kind, "status": "pass" if self.passed else "fail",
            "message": self.message,
            "figures": [_brief(figure) for figure in self.figures]}
        for name in ("expected", "observed", "tolerance"):
            value = getattr(self, name)
            if value is not None:
                record[name] = canonical(value)
        return record


def _brief(figure: Figure) -> dict[str, Any]:
    record: dict[str, Any] = {"start": figure.start, "end": figure.end, "text": figure.text}
    if figure.value is not None:
        record["value"] = canonical(figure.value)
    record["unit"] = figure.unit
    return record
