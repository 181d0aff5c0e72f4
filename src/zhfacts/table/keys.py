"""Comparable keys of a fact: its period, its place and the precision of its figure.

Two documents state the same fact when they give the same indicator
(:mod:`zhfacts.table.catalogue`), for the same place, the same period and
the same kind of figure. Records name a period by its TimeML value and a
place by its name; here the period gets its granularity and first and last
day, the place its administrative code, level and parents (from the
record's own place entities, else the gazetteer), and the figure the
precision it was written in, which is what two values may differ by and
still agree.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

__all__ = ["Period", "PlaceKey", "PlaceResolver", "exact_decimal", "level_of_code",
           "period_of", "written_precision"]

#: The DECIMAL the table stores values in: 22 digits before the point, 16 after.
DECIMAL_PRECISION, DECIMAL_SCALE = 38, 16

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_SHAPES = ((_DAY, "day"), (_MONTH, "month"), (_QUARTER, "quarter"), (_HALF, "half"),
           (_SEASON, "season"), (_WEEK, "week"), (_YEAR, "year"))


@dataclass(frozen=True)
class Period:
    """A TimeML value read as a period: ``granularity`` (year, half,
    quarter, season, month, week, day, interval), its first and last day
    where they are known, and its ``year`` when it lies within one."""

    value: str | None
    granularity: str | None
    first: datetime.date | None
    last: datetime.date | None

    @property
    def year(self) -> int | None:
        if self.first is None or self.last is None or self.first.year != self.last.year:
            return None
        return self.first.year


_NO_PERIOD = Period(None, None, None, None)


@lru_cache(maxsize=4096)
def period_of(value: str | None) -> Period:
    """The period of a TimeML value (``2022``, ``2023-01/2023-10``,
    ``2023-H1``, ``XXXX-11-18``); an unknown year leaves the days unknown."""
    if not value:
        return _NO_PERIOD
    if "/" in value:
        left, _, right = value.partition("/")
        start, end = period_of(left), period_of(right)
        return Period(value, "interval", start.first, end.last)
    for pattern, granularity in _SHAPES:
        shape = pattern.pattern.replace(r"\d", "[\\dX]")
        if re.match(shape, value):
            match = pattern.match(value)
            bounds = _bounds(granularity, match.groups()) if match else (None, None)
            return Period(value, granularity, *bounds)
    return Period(value, None, None, None)


def _bounds(granularity: str, groups: tuple[str, ...]
            ) -> tuple[datetime.date | None, datetime.date | None]:
    year = int(groups[0])
    try:
        if granularity == "year":
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if granularity == "month":
            month = int(groups[1])
            return (datetime.date(year, month, 1),
                    datetime.date(year, month, calendar.monthrange(year, month)[1]))
        if granularity == "day":
            day = datetime.date(year, int(groups[1]), int(groups[2]))
            return day, day
        if granularity in ("quarter", "half"):
            months = 3 if granularity == "quarter" else 6
            first_month = (int(groups[1]) - 1) * months + 1
            last_month = first_month + months - 1
            return (datetime.date(year, first_month, 1),
                    datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]))
        if granularity == "week":
            monday = datetime.date.fromisocalendar(year, int(groups[1]), 1)
            return monday, monday + datetime.timedelta(days=6)
    except ValueError:  # 2023-13, 2023-02-30, week 54
        return None, None
    return None, None  # a season has no agreed days


def exact_decimal(text: str | None) -> str | None:
    """``text`` in plain ASCII digits when the table's DECIMAL holds it
    exactly, with room for the half-step the merge adds, else None (the exact
    text is kept beside it, so nothing is ever rounded)."""
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    decimals = max(0, -exponent)
    integer_digits = max(0, len(digits) + exponent)
    if decimals > DECIMAL_SCALE or integer_digits > DECIMAL_PRECISION - DECIMAL_SCALE - 1:
        return None
    return format(number, "f")  # (１２ and " 12" are 12 to Decimal, not to DuckDB)


def written_precision(figure: Mapping[str, Any] | None) -> str | None:
    """The step a figure is written to, in its base unit (8.9亿元 -> 10000000,
    46960人 -> 1), by the checks' own definition; None when the figure's
    text is not known (the value is then compared exactly)."""
    from zhfacts.facts.checks import written_step
    from zhfacts.results import NUMERIC_LABELS, Figure

    if not figure or figure.get("label") not in NUMERIC_LABELS or not figure.get("text"):
        return None
    number = figure.get("value") if figure.get("value") is not None else figure.get("low")
    if number is None:
        return None
    try:
        # A range is written to the step of its first number, its low end.
        step = written_step(Figure(figure["label"], int(figure["start"]), int(figure["end"]),
                                   str(figure["text"]), Decimal(str(number)),
                                   str(figure.get("unit") or "")))
    except (ArithmeticError, ValueError, KeyError, TypeError):
        return None
    from zhfacts.numbers.numerals import canonical

    return canonical(step) if step > 0 else None


# --- places ------------------------------------------------------------------

@dataclass(frozen=True)
class PlaceKey:
    """A place as the table compares it: its code where one is known, its
    full name, level (province ... village) and parent chain."""

    name: str
    code: str | None
    level: str | None
    parents: tuple[str, ...]


def level_of_code(code: str | None) -> str | None:
    """The level a division code denotes: GB/T 2260 (6 digits: 410000
    province, 411400 city, 411403 county) and the statistical codes below
    it (9 digits a town, 12 a village)."""
    if not code or not code.isdigit():
        return None
    if len(code) == 6:
        if code.endswith("0000"):
            return "province"
        return "city" if code.endswith("00") else "county"
    return {9: "town", 12: "village"}.get(len(code))


class PlaceResolver:
    """Place names to :class:`PlaceKey`, remembering what it looked up. The
    gazetteer is loaded only when a name is not among a record's own place
    entities (a document place given as context, a place no entity names)."""

    def __init__(self, gazetteer: Any = None) -> None:
        self._gazetteer = gazetteer
        self._looked_up: dict[tuple[str, str | None], PlaceKey | None] = {}
        self._levels: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def of_record(self, record: Mapping[str, Any]) -> dict[str, PlaceKey]:
        """The places a record's GPE entities name, by their full name (the
        name its facts carry, and the former name a fact carries where the text
        uses one), preferring a mention that carries a code."""
        places: dict[str, PlaceKey] = {}
        for entity in record.get("entities") or ():
            if entity.get("label") != "GPE":
                continue
            norm = entity.get("norm") or {}
            name = norm.get("name") or entity.get("text")
            if not isinstance(name, str):
                continue
            code = norm.get("code")
            if name in places and (places[name].code or not code):
                continue
            parents = tuple(p for p in norm.get("parents") or () if isinstance(p, str))
            level = level_of_code(code) or self._level_by_name(name, parents)
            places[name] = PlaceKey(name, code, level, parents)
            former = norm.get("former")
            if isinstance(former, str) and former not in places:
                places[former] = places[name]  # (a fact's 旬阳县 is today's 旬阳市, one key)
        return places

    def resolve(self, name: str | None, document_place: str | None = None,
                known: Mapping[str, PlaceKey] | None = None) -> PlaceKey | None:
        """The key of a place name: from ``known`` (a record's entities), else
        from the gazetteer, read as the document would be (under its place);
        a name the gazetteer cannot pin down keeps its name alone."""
        if not name:
            return None
        if known and name in known:
            return known[name]
        memo = (name, document_place)
        if memo not in self._looked_up:
            if len(self._looked_up) > 100_000:  # bounded, whatever the corpus
                self._looked_up.clear()
            self._looked_up[memo] = self._from_gazetteer(name, document_place)
        return self._looked_up[memo] or PlaceKey(name, None, None, ())

    def _gazetteer_or_none(self) -> Any:
        if self._gazetteer is None:
            from zhfacts.entities.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def _from_gazetteer(self, name: str, document_place: str | None) -> PlaceKey | None:
        from zhfacts.entities.gazetteer import find_places, resolve_places

        gazetteer = self._gazetteer_or_none()
        matches = [m for m in find_places(name, gazetteer) if (m.start, m.end) == (0, len(name))]
        if not matches:
            return None
        resolved = resolve_places(matches, document_place, gazetteer)
        if not resolved or not resolved[0].resolved:
            return None
        place = resolved[0]
        return PlaceKey(place.name, place.code, place.level or level_of_code(place.code),
                        tuple(place.parents))

    def _level_by_name(self, name: str, parents: Iterable[str]) -> str | None:
        """The level of a division without a code (towns, villages), from the
        gazetteer's entries of that name under the same parents."""
        chain = tuple(parents)
        memo = (name, chain)
        if memo not in self._levels:
            if len(self._levels) > 100_000:
                self._levels.clear()
            levels = {sense.place.level for sense in self._gazetteer_or_none().lookup(name)
                      if sense.place.parents[:len(chain)] == chain}
            self._levels[memo] = levels.pop() if len(levels) == 1 else None
        return self._levels[memo]
