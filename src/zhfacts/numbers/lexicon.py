"""The data files that drive figure recognition, loaded once and validated.

The tables live in ``zhfacts/data/`` as JSON (units, qualifiers, rates,
counted nouns) and plain text (numbered terms); each opens with a ``_doc``
string or a comment block that states its syntax. Loading checks every entry
(codes, labels, decimal factors, duplicate surfaces) and raises
:class:`~zhfacts.errors.DataFileError` naming the file and the entry, so a
bad edit fails at load, not as a wrong figure later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from zhfacts.datafiles import parse_json, read_data_json, read_data_text
from zhfacts.errors import DataFileError
from zhfacts.results import NUMERIC_LABELS

NUMERIC_LABELS_SET = frozenset(NUMERIC_LABELS)

#: Read so that they are not misread, and not reported: durations and ages (SPEC 6 makes
#: them optional), and currencies whose name leaves the country open (比索, 里拉: no one
#: ISO 4217 code; a bare magnitude before one would otherwise read as yuan).
SILENT_LABELS = frozenset({"DURATION", "AGE", "AMBIGUOUS_CURRENCY"})
QUALIFIERS = frozenset({"=", "~", ">", ">=", "<", "<=", "range"})


@dataclass(frozen=True)
class Unit:
    """One written unit: ``万元`` is the magnitude 万 plus the unit 元."""

    surface: str
    code: str
    label: str
    factor: Decimal = Decimal(1)
    context: tuple[str, ...] = ()
    compound_only: bool = False
    otherwise: str | None = None

    def __post_init__(self) -> None:
        if not self.surface or not self.code:
            raise DataFileError(f"units.json: empty surface or code in {self!r}")
        if self.label not in NUMERIC_LABELS_SET | SILENT_LABELS:
            raise DataFileError(f"units.json: unknown label {self.label!r} for {self.surface!r}")
        if self.factor <= 0:
            raise DataFileError(f"units.json: factor must be positive for {self.surface!r}")
        if self.otherwise is not None and not self.context:
            raise DataFileError(f"units.json: 'otherwise' needs 'context' ({self.surface!r})")
        if self.compound_only and self.label != "MONEY":
            raise DataFileError(f"units.json: only money units are compound_only "
                                f"({self.surface!r})")

    @property
    def emitted(self) -> bool:
        """Durations, ages and ambiguous currencies are read (so they are not misread)
        but not reported."""
        return self.label in NUMERIC_LABELS_SET


@dataclass(frozen=True)
class OrdinalUnit:
    """A classifier that numbers a session when ``words`` (or a numeral) follow
    it and, if ``after`` is set, the numeral comes right after one of ``after``."""

    words: tuple[str, ...]
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Every table figure recognition needs, keyed for longest-match look-up."""

    units: Mapping[str, Unit]
    unit_max_length: int
    currency_prefixes: Mapping[str, str]
    qualifiers_before: Mapping[str, str]
    qualifiers_after: Mapping[str, str]
    qualifiers_inside: Mapping[str, str]
    distant_bounds: frozenset[str]
    absolute_bounds: frozenset[str]
    bound_not_after: Mapping[str, str]
    rates_before: Mapping[str, str]
    rates_after: Mapping[str, str]
    rates_in_clause: Mapping[str, str]
    counted_nouns: Mapping[str, str]
    money_verbs: frozenset[str]
    numbered_terms: tuple[str, ...]
    ordinal_units: Mapping[str, OrdinalUnit]


def _string_map(name: str, data: dict[str, Any], key: str, allowed: frozenset[str] | None = None
                ) -> dict[str, str]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise DataFileError(f"{name}: '{key}' must be an object")
    for word, code in table.items():
        if not word or not isinstance(code, str) or (not code and key != "not_after"):
            raise DataFileError(f"{name}: bad entry {word!r}: {code!r} in '{key}'")
        if allowed is not None and code not in allowed:
            raise DataFileError(f"{name}: {word!r} has unknown code {code!r}")
    return dict(table)


def parse_units(data: dict[str, Any]) -> dict[str, Unit]:
    """The unit table of units.json, validated."""
    units: dict[str, Unit] = {}
    for entry in data.get("units", []):
        try:
            unit = Unit(
                surface=entry["surface"],
                code=entry["code"],
                label=entry["label"],
                factor=Decimal(entry.get("factor", "1")),
                context=tuple(entry.get("context", ())),
                compound_only=bool(entry.get("compound_only", False)),
                otherwise=entry.get("otherwise"),
            )
        except (KeyError, TypeError, InvalidOperation) as error:
            raise DataFileError(f"units.json: bad entry {entry!r}: {error}") from error
        if unit.surface in units:
            raise DataFileError(f"units.json: duplicate surface {unit.surface!r}")
        units[unit.surface] = unit
    if not units:
        raise DataFileError("units.json: no units")
    return units


def _numbered_terms() -> tuple[str, ...]:
    text = read_data_text("numbered_terms.txt")
    terms = [line.strip() for line in text.splitlines()]
    return tuple(term for term in terms if term and not term.startswith("#"))


def _ordinal_units() -> dict[str, OrdinalUnit]:
    name = "ordinal_units.json"
    table = read_data_json(name).get("units")
    if not isinstance(table, dict):
        raise DataFileError(f"{name}: 'units' must be an object")
    units: dict[str, OrdinalUnit] = {}
    for unit, entry in table.items():
        words = entry.get("words") if isinstance(entry, dict) else None
        after = entry.get("after", []) if isinstance(entry, dict) else None
        after = [after] if isinstance(after, str) else after
        if not isinstance(words, list) or not words or not isinstance(after, list) or \
                not all(isinstance(word, str) and word for word in [*words, *after]):
            raise DataFileError(f"{name}: {unit!r} needs 'words' (a list) and an optional "
                                "'after' (a word or a list of words)")
        units[unit] = OrdinalUnit(tuple(sorted(words, key=len, reverse=True)), tuple(after))
    return units


def _string_list(name: str, data: dict[str, Any], key: str) -> list[str]:
    words = data.get(key, [])
    if not isinstance(words, list) or not all(isinstance(word, str) and word for word in words):
        raise DataFileError(f"{name}: '{key}' must be a list of words")
    return words


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The validated tables, loaded on first use and cached for the process."""
    unit_data = read_data_json("units.json")
    units = parse_units(unit_data)
    qualifiers = read_data_json("qualifiers.json")
    rates = read_data_json("rates.json")
    counted = read_data_json("counted_nouns.json")
    distant = qualifiers.get("distant", [])
    before = _string_map("qualifiers.json", qualifiers, "before", QUALIFIERS)
    absolute = qualifiers.get("absolute", [])
    for key, words in (("distant", distant), ("absolute", absolute)):
        if not isinstance(words, list) or not set(words) <= set(before):
            raise DataFileError(f"qualifiers.json: '{key}' must list words of 'before'")
    return Lexicon(
        units=units,
        unit_max_length=max(len(surface) for surface in units),
        currency_prefixes=_string_map("units.json", unit_data, "prefixes"),
        qualifiers_before=before,
        qualifiers_after=_string_map("qualifiers.json", qualifiers, "after", QUALIFIERS),
        qualifiers_inside=_string_map("qualifiers.json", qualifiers, "inside", QUALIFIERS),
        distant_bounds=frozenset(distant) | frozenset(absolute),
        absolute_bounds=frozenset(absolute),
        bound_not_after=_string_map("qualifiers.json", qualifiers, "not_after"),
        rates_before=_string_map("rates.json", rates, "before"),
        rates_after=_string_map("rates.json", rates, "after"),
        rates_in_clause=_string_map("rates.json", rates, "clause"),
        counted_nouns=_string_map("counted_nouns.json", counted, "nouns"),
        money_verbs=frozenset(
            verb + suffix for verb in _string_list("counted_nouns.json", counted, "verbs")
            for suffix in ("", *_string_list("counted_nouns.json", counted, "verb_suffixes"))),
        numbered_terms=_numbered_terms(),
        ordinal_units=_ordinal_units(),
    )


def lexicon_with_units(path: str | Path) -> Lexicon:
    """The built-in tables plus a user's units file (same shape as
    ``data/units.json``: ``{"units": [{"surface", "code", "label", "factor"}]}``;
    a user's surface replaces a built-in one). See docs/extending.md."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot read units: {error}") from error
    extra = parse_units(parse_json(str(path), text))
    base = lexicon()
    units = {**base.units, **extra}
    return replace(base, units=units, unit_max_length=max(len(surface) for surface in units))
