"""Typed results: frozen dataclasses with exact values, serializable to SPEC section 1.

Lower-level functions return these; :func:`zhfacts.extract` and the CLI emit
their :meth:`to_dict` forms, which are the JSON-ready records of SPEC
section 1 (decimal values as canonical strings).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhfacts.numbers.numerals import canonical

SCHEMA_VERSION = "1"

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
