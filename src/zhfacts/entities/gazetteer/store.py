"""The compiled gazetteer in memory: look-up of written names, the parent chains,
and the leftmost-longest scan of a text under the veto rules.

Its own module because it is the reader of the layout :mod:`.compile` writes
(flat arrays, one string of all names), whichever way the data arrived: built
in this process or read from the cache.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

import numpy

from zhfacts.entities.gazetteer.compile import FORMAT_VERSION, WORD_MINIMUM
from zhfacts.entities.gazetteer.places import (
    COUNTY,
    FORMER,
    FORMER_SHORT,
    FORMS,
    LEVELS,
    NAME,
    SHORT,
    TOWN,
    Place,
    PlaceMatch,
    PlaceSense,
)
from zhfacts.entities.gazetteer.veto_rules import Vetoes, vetoes
from zhfacts.errors import DataFileError


def _int_array(data: bytes, byteorder: str) -> array[int]:
    values = array("i")
    values.frombytes(data)
    if byteorder != sys.byteorder:
        values.byteswap()
    return values


#: Bits of a code point (U+10FFFF needs 21): a pair is ``first << 21 | second``.
_POINT_BITS = numpy.uint64(21)


def _pair_table(prefixes: list[str], set_ids: array[int]
                ) -> tuple[numpy.ndarray[Any, Any], numpy.ndarray[Any, Any]]:
    """The two-character prefixes as sorted ``first << 21 | second`` keys, and
    each one's length set. Sorting strings of two characters by code point is
    sorting their keys, so the compiled order is kept (checked, not assumed)."""
    kept = [k for k, prefix in enumerate(prefixes) if len(prefix) == 2]
    points = numpy.frombuffer("".join(prefixes[k] for k in kept).encode(
        "utf-32-le", "surrogatepass"), dtype="<u4").astype(numpy.uint64).reshape(-1, 2)
    keys = (points[:, 0] << _POINT_BITS) | points[:, 1]
    sets = numpy.asarray(set_ids, dtype=numpy.int64)[numpy.asarray(kept, dtype=numpy.intp)]
    if len(keys) > 1 and not bool((keys[1:] > keys[:-1]).all()):
        order = numpy.argsort(keys, kind="stable")
        keys, sets = keys[order], sets[order]
    return keys, sets


#: Bits of the pair hash: a table of 2 ** 21 bits (256 KiB) leaves about one
#: position in fourteen that begins no name to the binary search.
_HASH_BITS = 21
_HASH_SHIFT = numpy.uint64(64 - _HASH_BITS)
_HASH_FACTOR = numpy.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing


def _pair_hash(pairs: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    """Multiplicative hash of pair keys (uint64, wrapping) to ``_HASH_BITS`` bits."""
    with numpy.errstate(over="ignore"):
        return ((pairs * _HASH_FACTOR) >> _HASH_SHIFT).astype(numpy.intp)


def _pair_bits(keys: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    table = numpy.zeros(1 << _HASH_BITS, dtype=bool)
    table[_pair_hash(keys)] = True
    return numpy.packbits(table, bitorder="little")


class Gazetteer:
    """The compiled gazetteer: look-up, matching and the parent chains."""

    def __init__(self, compiled: Mapping[str, Any], rules: Vetoes | None = None) -> None:
        if compiled.get("format") != FORMAT_VERSION:
            raise DataFileError(f"gazetteer: compiled format {compiled.get('format')!r}, "
                                f"expected {FORMAT_VERSION}")
        order = str(compiled["byteorder"])
        self.version: str = str(compiled["source"])
        self.stats: dict[str, int] = dict(compiled.get("stats", {}))
        self._names: str = compiled["names"]
        self._name_offsets = _int_array(compiled["name_offsets"], order)
        self._levels: bytes = compiled["levels"]
        self._parents = _int_array(compiled["parents"], order)
        self._codes: dict[int, str] = dict(
            zip(_int_array(compiled["code_nodes"], order), compiled["code_values"], strict=True))
        self._surfaces: dict[str, int] = dict(
            zip(compiled["surfaces"], range(len(compiled["surfaces"])), strict=True))
        self._offsets = _int_array(compiled["offsets"], order)
        self._entries = _int_array(compiled["entries"], order)
        self._max_length: dict[str, int] = dict(
            zip(compiled["prefixes"], compiled["prefix_lengths"], strict=True))
        #: The lengths of the names each two-character prefix begins, longest first
        #: (:meth:`find`): ``_length_sets[_pair_sets[k]]`` for the prefix whose two
        #: code points make ``_pair_keys[k]`` (sorted, as the prefixes are).
        self._length_sets: list[tuple[int, ...]] = [
            tuple(lengths) for lengths in compiled["prefix_length_sets"]]
        self._pair_keys, self._pair_sets = _pair_table(
            compiled["prefixes"], _int_array(compiled["prefix_length_ids"], order))
        #: One bit per :func:`_pair_hash` value, set where a prefix's pair hashes.
        self._pair_bits = _pair_bits(self._pair_keys)
        self._former_names: dict[tuple[str, int], str] = {
            (surface, node): former for surface, node, former in compiled["former_names"]}
        self._words: dict[str, int] = dict(
            zip(compiled["words"], _int_array(compiled["word_frequencies"], order), strict=True))
        self._places: dict[int, Place] = {}
        self.rules = rules or vetoes()
        self._beginnings_of: Vetoes | None = None  # the rules _beginnings was read off
        self._beginnings: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    # -- look-up

    def __len__(self) -> int:
        return len(self._levels)

    def name(self, node: int) -> str:
        """The full name of division ``node``."""
        return self._names[self._name_offsets[node]:self._name_offsets[node + 1]]

    def place(self, node: int) -> Place:
        """The division with id ``node``."""
        place = self._places.get(node)
        if place is None:
            chain = [self.name(parent) for parent in self.ancestors(node)]
            place = Place(node, self.name(node), LEVELS[self._levels[node]],
                          self._codes.get(node), tuple(reversed(chain)))
            if len(self._places) < 100_000:
                self._places[node] = place
        return place

    def ancestors(self, node: int) -> list[int]:
        """Parent ids of ``node``, nearest first."""
        chain = []
        parent = self._parents[node]
        while parent >= 0:
            chain.append(parent)
            parent = self._parents[parent]
        return chain

    def self_evident(self, written: str) -> bool:
        """Whether a town or village name is plainly one without context."""
        stem = written
        for suffix in self.rules.self_evident_suffixes:
            if written.endswith(suffix):
                stem = written[: -len(suffix)]
                break
        return self.rules.self_evident(written, abs(self._words.get(stem, 0)))

    def level(self, node: int) -> int:
        """0 (province) to 4 (village)."""
        return self._levels[node]

    def entries(self, surface: str) -> list[tuple[int, int, bool]]:
        """(node, form, weak) triples a written name may denote, [] for none."""
        index = self._surfaces.get(surface)
        if index is None:
            return []
        raw = self._entries[self._offsets[index]: self._offsets[index + 1]]
        return [(value >> 3, value & 3, bool(value & 4)) for value in raw]

    def lookup(self, surface: str) -> tuple[PlaceSense, ...]:
        """Every division a written name may denote (no context, no vetoes)."""
        return tuple(self._sense(surface, *entry) for entry in self.entries(surface))

    def surfaces(self) -> Iterator[str]:
        """Every written name the gazetteer matches (full, short and former), sorted."""
        return iter(self._surfaces)

    def by_code(self, code: str) -> Place | None:
        """The division with a GB/T 2260 code, if the gazetteer has it."""
        for node, value in self._codes.items():
            if value == code:
                return self.place(node)
        return None

    def _sense(self, surface: str, node: int, form: int, weak: bool) -> PlaceSense:
        former = None
        if form == FORMER:
            former = surface
        elif form == FORMER_SHORT:
            former = self._former_names.get((surface, node))
        return PlaceSense(self.place(node), FORMS[form], former, weak)

    # -- matching

    def find(self, text: str) -> list[PlaceMatch]:
        """Place names in ``text``, leftmost-longest, without overlaps.

        The positions whose two characters begin a name are found at once (the
        pairs of code points of the text looked up in the sorted pairs of the
        prefixes, in numpy); at each, only the lengths that names beginning with
        those two characters have are tried, longest first.
        """
        matches: list[PlaceMatch] = []
        n = len(text)
        if n < 2:
            return matches
        keys = self._pair_keys
        if not len(keys):
            return matches
        points = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"),
                                  dtype="<u4").astype(numpy.uint64)
        pairs = (points[:-1] << _POINT_BITS) | points[1:]
        # A bit per hash of the prefixes' pairs rules most positions out at one
        # look-up in a table small enough to stay in cache; the binary search in
        # the sorted pairs then answers for the few left.
        hashed = _pair_hash(pairs)
        maybe = numpy.flatnonzero(
            (self._pair_bits[hashed >> 3] >> (hashed & 7).astype(numpy.uint8)) & 1)
        pairs = pairs[maybe]
        slots = numpy.searchsorted(keys, pairs)
        numpy.minimum(slots, len(keys) - 1, out=slots)
        found = keys[slots] == pairs
        starts = maybe[found]
        length_sets = self._length_sets
        surfaces = self._surfaces
        following = 0  # the first position after the last match
        for i, lengths in zip(starts.tolist(), self._pair_sets[slots[found]].tolist(),
                              strict=True):
            if i < following:
                continue
            for length in length_sets[lengths]:
                end = i + length
                if end <= n and text[i:end] in surfaces:
                    match = self._accept(text, i, end, after_place=i == following > 0)
                    if match is not None:
                        matches.append(match)
                        following = match.end
                        break
        return matches

    def _starts_name(self, text: str, start: int) -> bool:
        """Whether a full name, or a short form that is no ordinary word, starts here
        (商丘市民权县 is 商丘市 + 民权县; 商丘市民和 is 商丘 + 市民 + 和)."""
        longest = self._max_length.get(text[start:start + 2])
        if longest is None:
            return False
        for end in range(min(start + longest, len(text)), start + 1, -1):
            for node, form, weak in self.entries(text[start:end]):
                if not weak and (form in (NAME, FORMER) or self._levels[node] <= COUNTY):
                    return True
        return False

    def _crosses_word(self, text: str, start: int, end: int, after_place: bool = False
                      ) -> bool:
        """Whether ``text[start:end]`` is more likely a piece of other words:
        欢迎江主席 (迎江), 弘扬中华 (扬中), 长治久安, 孙中山, 远大理想 (大理). A word
        across its boundary with another place name does not count (海南海口: 南海)."""
        words = self._words
        own = max(abs(words.get(text[start:end], 0)), WORD_MINIMUM)
        # A name of three or more characters ending in its own level word (街道,
        # 社区, 村) is bounded by it: 金谷园路街道 + 白马集团社区 makes no 道白.
        closed = end - start > 2 and text[start:end].endswith(self.rules.self_evident_suffixes)
        if not closed and start > 0 and not after_place and \
                abs(words.get(text[start - 1:start + 1], 0)) > own:
            return True
        if not closed and end < len(text) and \
                abs(words.get(text[end - 1:end + 1], 0)) > own and \
                not self._starts_name(text, end):
            return True
        kept = self.rules.kept_extensions
        spans = ((start - 1, end), (start - 2, end)) if closed else (
            (start, end + 1), (start, end + 2), (start - 1, end), (start - 2, end),
            (start - 1, end + 1))
        for left, right in spans:
            if left >= 0 and right <= len(text) and text[left:right] in words \
                    and (left < start or text[end:right] not in kept):
                return True  # a longer word contains it: 科教兴国, 长治久安, 孙中山
        return False

    def _rule_beginnings(self, rules: Vetoes) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the ``after`` rules' continuations begin with, and the ``split``
        rules' suffixes: a text that goes on with none of the first, or a name
        that ends in none of the second, need not try the rules one by one."""
        if self._beginnings_of is not rules:
            self._beginnings = (tuple(rule.next for rule in rules.after),
                                tuple(rule.suffix for rule in rules.split))
            self._beginnings_of = rules
        return self._beginnings

    def _accept(self, text: str, start: int, end: int, after_place: bool = False
                ) -> PlaceMatch | None:
        """Apply the veto rules to the divisions ``text[start:end]`` names;
        ``after_place``: a place name ends where this one starts."""
        surface = text[start:end]
        rules = self.rules
        entries = self.entries(surface)
        # Short forms and town / village names are the ones ordinary text contains
        # by chance; full names down to the county are trusted as written.
        loose = [e for e in entries if e[1] in (SHORT, FORMER_SHORT) or self._levels[e[0]] >= TOWN]
        after, split_suffixes = self._rule_beginnings(rules)
        if loose and (text.startswith(after, end)
                      and any(rule.applies(text, end) for rule in rules.after)
                      or self._crosses_word(text, start, end, after_place)):
            entries = [e for e in entries if e not in loose]
        elif loose and start > 0 and text[start - 1] in rules.surname_chars:
            # 王秀英, 李卫东: a county's short form as a given name
            entries = [e for e in entries if e not in loose or self._levels[e[0]] != COUNTY]
        for rule in rules.split if surface.endswith(split_suffixes) else ():
            if surface.endswith(rule.suffix) and rule.applies(text, end) \
                    and not self._starts_name(text, end):
                kept = [(node, SHORT if form == NAME else FORMER_SHORT, weak)
                        for node, form, weak in entries
                        if self._levels[node] <= COUNTY and form in (NAME, FORMER)]
                if len(surface) < 3 or not kept:
                    return None
                candidates = tuple(self._sense(surface, *entry) for entry in kept)
                return PlaceMatch(start, end - 1, surface[:-1], candidates)
        if not entries:
            return None
        candidates = tuple(self._sense(surface, *entry) for entry in entries)
        return PlaceMatch(start, end, surface, candidates)
