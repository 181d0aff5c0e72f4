"""The veto rules of place matching (``data/place_vetoes.json``), validated.

Its own module because both the compiler (which names are indexed, which short
forms are weak) and the store (which matches a text's context rejects) apply
the same rules, and their digest is part of the cache key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from zhfacts.datafiles import parse_json, read_data_text
from zhfacts.entities.gazetteer.places import TOWN
from zhfacts.errors import DataFileError


@dataclass(frozen=True)
class Continuation:
    """A string that vetoes (or splits) a match when the text goes on with it."""

    next: str
    unless: tuple[str, ...] = ()
    suffix: str = ""

    def applies(self, text: str, end: int) -> bool:
        """True when ``text`` continues at ``end`` with ``next`` and with no exception."""
        if not text.startswith(self.next, end):
            return False
        return not any(text.startswith(word, end) for word in self.unless)


@dataclass(frozen=True)
class Vetoes:
    """The rules of ``data/place_vetoes.json``, validated."""

    min_length_below_county: int
    skip_containing: tuple[str, ...]
    not_names: frozenset[str]
    not_short_forms: frozenset[str]
    weak_short_forms: frozenset[str]
    common_word_frequency: int
    common_place_word_frequency: int
    function_chars: frozenset[str]
    surname_chars: frozenset[str]
    self_evident_suffixes: tuple[str, ...]
    self_evident_length: int
    kept_extensions: frozenset[str]
    after: tuple[Continuation, ...]
    split: tuple[Continuation, ...]
    digest: str

    def indexable(self, name: str, level: int) -> bool:
        """Whether a full name is matched at all."""
        minimum = self.min_length_below_county if level >= TOWN else 2
        if len(name) < minimum or name in self.not_names:
            return False
        return all(part not in name for part in self.skip_containing)

    def self_evident(self, written: str, stem_frequency: int) -> bool:
        """A name that says it is a division even where nothing else does (迎宾社区,
        but not 城镇社区 or 建成社区, whose first part is a frequent word)."""
        return len(written) >= self.self_evident_length \
            and written.endswith(self.self_evident_suffixes) \
            and stem_frequency < self.common_place_word_frequency


def parse_vetoes(text: str, name: str = "place_vetoes.json") -> Vetoes:
    """Validate the veto rules; the digest of the text becomes part of the cache key."""
    data = parse_json(name, text)

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise DataFileError(f"{name}: '{key}' must be a list of non-empty strings")
        return value

    def continuations(key: str, need_suffix: bool) -> tuple[Continuation, ...]:
        rules = []
        for entry in data.get(key, []):
            if not isinstance(entry, dict) or not isinstance(entry.get("next"), str) \
                    or not entry["next"]:
                raise DataFileError(f"{name}: bad entry {entry!r} in '{key}'")
            unless = entry.get("unless", [])
            suffix = entry.get("suffix", "")
            if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
                raise DataFileError(f"{name}: bad 'unless' in {entry!r}")
            if any(not u.startswith(entry["next"]) for u in unless):
                raise DataFileError(f"{name}: each 'unless' must start with 'next' in {entry!r}")
            if need_suffix != (isinstance(suffix, str) and len(suffix) == 1):
                wanted = "need" if need_suffix else "take no"
                raise DataFileError(f"{name}: '{key}' entries {wanted} one-character "
                                    f"'suffix': {entry!r}")
            rules.append(Continuation(entry["next"], tuple(unless), suffix))
        return tuple(rules)

    def integer(key: str, least: int) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise DataFileError(f"{name}: '{key}' must be an integer >= {least}")
        return value

    def characters(key: str) -> frozenset[str]:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise DataFileError(f"{name}: '{key}' must be a string of characters")
        return frozenset(value)

    return Vetoes(
        min_length_below_county=integer("min_length_below_county", 2),
        skip_containing=tuple(strings("skip_containing")),
        not_names=frozenset(strings("not_names")),
        not_short_forms=frozenset(strings("not_short_forms")),
        weak_short_forms=frozenset(strings("weak_short_forms")),
        common_word_frequency=integer("common_word_frequency", 1),
        common_place_word_frequency=integer("common_place_word_frequency", 1),
        function_chars=characters("function_chars"),
        surname_chars=characters("surname_chars"),
        self_evident_suffixes=tuple(strings("self_evident_suffixes")),
        self_evident_length=integer("self_evident_length", 2),
        kept_extensions=frozenset(strings("kept_extensions")),
        after=continuations("after", need_suffix=False),
        split=continuations("split", need_suffix=True),
        digest=hashlib.sha1(text.encode("utf-8")).hexdigest()[:10],
    )


@lru_cache(maxsize=1)
def vetoes() -> Vetoes:
    """The package's veto rules, loaded once per process."""
    text = read_data_text("place_vetoes.json")
    return parse_vetoes(text)
