"""The indicator catalogue: which written metrics name the same statistical indicator.

Pages write one indicator many ways (地区生产总值 / 生产总值 / GDP;
一般公共预算收入 / 地方一般公共预算收入), so figures from different documents
compare only after their metrics are folded into one key. The catalogue is
data (``zhfacts/data/indicators.json``, with its provenance), validated on
load; a user's file of the same shape extends it. A metric the catalogue
does not know keeps its written (folded) form as its key.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from zhfacts.errors import DataFileError

__all__ = ["Catalogue", "Indicator", "fold_metric", "load_catalogue", "shipped_catalogue"]

SHIPPED = "zhfacts"
_INDICATOR_KEYS = frozenset({"id", "name", "english", "category", "unit", "source", "variants"})
_FILE_KEYS = frozenset({"_doc", "provenance", "scope_prefixes", "indicators"})
#: Quotation marks and brackets of titles that do not change what a metric names.
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』《》")


@dataclass(frozen=True)
class Indicator:
    """One indicator: its stable ``id``, its catalogue ``name`` (the table's
    ``metric_key``) and the written ``variants`` that mean it."""

    id: str
    name: str
    variants: tuple[str, ...] = ()
    english: str | None = None
    category: str | None = None
    unit: str | None = None
    source: str | None = None
    origin: str = SHIPPED

    def written_forms(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass(frozen=True)
class Catalogue:
    """Indicators by id, and the folded written forms that name each."""

    indicators: tuple[Indicator, ...]
    scope_prefixes: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)  # folded form -> indicator id

    def key_of(self, folded_metric: str) -> Indicator | None:
        """The indicator a folded metric names, if the catalogue knows it."""
        identifier = self.names.get(folded_metric)
        return None if identifier is None else self.by_id(identifier)

    def by_id(self, identifier: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == identifier), None)

    def fold(self, metric: str) -> str:
        return fold_metric(metric, self.scope_prefixes)

    def extended(self, indicators: Iterable[Indicator], where: str) -> Catalogue:
        """This catalogue with ``indicators`` added: a new id adds an indicator,
        a known id adds its variants (and may rename it); a written form that
        already names another indicator is an error."""
        merged = {indicator.id: indicator for indicator in self.indicators}
        for extra in indicators:
            known = merged.get(extra.id)
            if known is None:
                merged[extra.id] = extra
                continue
            variants = tuple(dict.fromkeys((*known.written_forms(), *extra.written_forms())))
            merged[extra.id] = Indicator(
                known.id, extra.name, tuple(v for v in variants if v != extra.name),
                extra.english or known.english, extra.category or known.category,
                extra.unit or known.unit, extra.source or known.source, extra.origin)
        return _compiled(tuple(merged.values()), self.scope_prefixes, where)


def fold_metric(metric: str, scope_prefixes: Sequence[str] = ()) -> str:
    """The form a written metric is compared in: traditional and full-width
    characters folded to simplified and ASCII, spaces and quotation marks
    dropped, Latin letters upper-cased, leading scope words (全市, 全年)
    dropped, so that 全市地区生产總值 and 地区生产总值 meet."""
    from zhfacts.page.textmap import traditional_fold

    text = unicodedata.normalize("NFKC", metric.translate(traditional_fold()))
    text = "".join(text.split()).translate(_QUOTES).upper()
    stripped = True
    while stripped:
        stripped = False
        for prefix in scope_prefixes:
            if prefix and text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix):]
                stripped = True
    return text


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    """The catalogue that ships with zhfacts (``data/indicators.json``)."""
    from zhfacts.datafiles import read_data_json

    data = read_data_json("indicators.json")
    prefixes = data.get("scope_prefixes", [])
    if not isinstance(prefixes, list) or not all(isinstance(p, str) for p in prefixes):
        raise DataFileError("indicators.json: scope_prefixes must be a list of strings")
    return _compiled(_indicators_of(data, "indicators.json", SHIPPED), tuple(prefixes),
                     "indicators.json")


def load_catalogue(extra: str | Path | None = None,
                   stored: Iterable[Indicator] = ()) -> Catalogue:
    """The shipped catalogue extended by ``stored`` indicators (those a
    database keeps from earlier runs) and by the user's file ``extra``."""
    from zhfacts.datafiles import parse_json

    catalogue = shipped_catalogue()
    stored = tuple(stored)
    if stored:
        catalogue = catalogue.extended(stored, "the database's own indicators")
    if extra is not None:
        path = Path(extra)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DataFileError(f"{path}: cannot read the indicator file: {error}") from error
        data = parse_json(str(path), text)
        catalogue = catalogue.extended(_indicators_of(data, str(path), str(path)), str(path))
    return catalogue


def _indicators_of(data: Mapping[str, Any], where: str, origin: str) -> tuple[Indicator, ...]:
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)} (expected "
                            f"{sorted(_FILE_KEYS)})")
    entries = data.get("indicators")
    if not isinstance(entries, list):
        raise DataFileError(f"{where}: 'indicators' must be a list")
    return tuple(_indicator(entry, f"{where}: indicator {number}", origin)
                 for number, entry in enumerate(entries, 1))


def _indicator(entry: Any, where: str, origin: str) -> Indicator:
    if not isinstance(entry, dict):
        raise DataFileError(f"{where}: must be an object")
    unknown = set(entry) - _INDICATOR_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)}")
    identifier, name = entry.get("id"), entry.get("name")
    if not isinstance(identifier, str) or not identifier.isascii() or not identifier:
        raise DataFileError(f"{where}: 'id' must be a non-empty ASCII string")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(f"{where} ({identifier}): 'name' must be a non-empty string")
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip()
                                                 for v in variants):
        raise DataFileError(f"{where} ({identifier}): 'variants' must be a list of strings")
    for key in ("english", "category", "unit", "source"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise DataFileError(f"{where} ({identifier}): '{key}' must be a string")
    return Indicator(identifier, name, tuple(variants), entry.get("english"),
                     entry.get("category"), entry.get("unit"), entry.get("source"), origin)


def _compiled(indicators: tuple[Indicator, ...], scope_prefixes: tuple[str, ...],
              where: str) -> Catalogue:
    """The catalogue with its lookup of folded forms; a form that two
    indicators claim is an error, since a key must mean one thing."""
    names: dict[str, str] = {}
    identifiers: set[str] = set()
    for indicator in indicators:
        if indicator.id in identifiers:
            raise DataFileError(f"{where}: indicator id {indicator.id!r} listed twice")
        identifiers.add(indicator.id)
        for form in indicator.written_forms():
            folded = fold_metric(form, scope_prefixes)
            owner = names.setdefault(folded, indicator.id)
            if owner != indicator.id:
                raise DataFileError(f"{where}: {form!r} names both {owner!r} and "
                                    f"{indicator.id!r}")
    return Catalogue(indicators, scope_prefixes, names)
