"""A linear-chain CRF tagger over a CRFsuite model, in numpy.

The NER model is trained with CRFsuite (``python-crfsuite``), but tagging
through it costs more than computing the features: every attribute string of
every character is encoded, copied into C++ objects and looked up in the
model's string database, one call per sentence. This module reads the
weights out of the CRFsuite model file once (its binary format: a header,
a ``FEAT`` chunk of state and transition features, and the label and
attribute names in two CQDB string databases) and tags with them directly:

- the state score of a character is the sum of the weight rows of its known
  attributes, added in the order CRFsuite adds them (the attribute order of
  the item), so the sums are the same floating-point numbers;
- Viterbi runs over all sentences of a text at once, one numpy step per
  character position, and breaks ties as CRFsuite does (the lowest label
  index wins).

``tests/test_crf.py`` checks the labels against CRFsuite's own tagger.
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from numpy.typing import NDArray

__all__ = ["AttributeIndex", "CrfWeights", "Part", "Table", "read_crfsuite", "viterbi"]

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = numpy.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class CrfWeights:
    """What tagging needs of a model: label names, attribute ids by name, one
    weight row per attribute (the last row, all zeros, stands for an unknown
    attribute) and the label-to-label transition weights."""

    labels: tuple[str, ...]
    attribute_ids: dict[str, int]
    state: NDArray[numpy.float64]
    transitions: NDArray[numpy.float64]

    @property
    def unknown(self) -> int:
        """The id of the zero row."""
        return len(self.state) - 1


def read_crfsuite(data: bytes) -> CrfWeights:
    """The weights of a CRFsuite CRF1d model file (``lCRF``/``FOMC``, version 100)."""
    if len(data) < _HEADER.size:
        raise ValueError("not a CRFsuite model: file too short")
    (magic, _size, kind, version, _, num_labels, num_attributes, off_features, off_labels,
     off_attributes, _, _) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC" or version != 100:
        raise ValueError(f"not a CRFsuite CRF1d model (magic {magic!r}, type {kind!r}, "
                         f"version {version})")
    chunk, _, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError("CRFsuite model without a FEAT chunk")
    features = numpy.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    labels = _cqdb_strings(data, off_labels)
    attributes = _cqdb_strings(data, off_attributes)
    if len(labels) != num_labels or len(attributes) != num_attributes:
        raise ValueError("CRFsuite model: label or attribute count does not match its header")
    state = numpy.zeros((num_attributes + 1, num_labels), dtype=numpy.float64)
    transitions = numpy.zeros((num_labels, num_labels), dtype=numpy.float64)
    is_state = features["type"] == _STATE
    is_transition = features["type"] == _TRANSITION
    state[features["src"][is_state], features["dst"][is_state]] = features["weight"][is_state]
    transitions[features["src"][is_transition], features["dst"][is_transition]] = \
        features["weight"][is_transition]
    return CrfWeights(tuple(labels), {name: i for i, name in enumerate(attributes)},
                      state, transitions)


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """The strings of a CQDB database in id order, read through its backward
    array (id -> record offset; a record is id, key size, key with its NUL)."""
    chunk, _, _, _, count, backward = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB":
        raise ValueError("CRFsuite model: a string database is not CQDB")
    records = struct.unpack_from(f"<{count}I", data, offset + backward)
    strings = []
    for expected, record in enumerate(records):
        found, size = struct.unpack_from("<II", data, offset + record)
        if found != expected or size < 1:
            raise ValueError("CRFsuite model: corrupt string database")
        start = offset + record + 8
        strings.append(data[start:start + size - 1].decode("utf-8", "surrogatepass"))
    return strings


def viterbi(scores: NDArray[numpy.float64], starts: Sequence[int], lengths: Sequence[int],
            transitions: NDArray[numpy.float64]) -> list[list[int]]:
    """The best label sequence of each sentence.

    ``scores`` has one row of state scores per character; sentence ``k`` is
    the rows ``starts[k]`` to ``starts[k] + lengths[k]`` (at least one). All sentences
    advance together, one step per position, the longest first so that
    the sentences still running are a prefix of the batch. As CRFsuite:
    ``alpha[t, j] = max_i(alpha[t-1, i] + trans[i, j]) + state[t, j]``, the
    first maximum wins, and the last label is the first maximum of
    ``alpha[T-1]``. The back pointers are followed in plain Python (lists are
    faster than numpy for one element at a time).

    A step is a few calls on flat arrays, because the fixed cost of a numpy
    call, not the arithmetic, is what a step of a page's sentences costs
    (about 100 steps a page): the candidates ``alpha[i] + trans[i, j]`` are one
    gather of ``alpha`` and one addition, laid out with ``i`` innermost, so
    the first maximum of each ``j`` is one ``argmax`` along contiguous rows,
    and the maxima are gathered at those positions (a reduction call would
    cost more than the rest of the step). The same sums, so the same doubles.
    """
    if not lengths:
        return []
    order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    longest = lengths[order[0]]
    count = len(order)
    labels = len(transitions)
    by_length = numpy.array([lengths[k] for k in order])
    row_starts = numpy.array([starts[k] for k in order])
    # running[t]: how many (sentence, label) cells are live at position t:
    # the labels of a prefix of ``order``.
    running = ((count - numpy.searchsorted(by_length[::-1], numpy.arange(longest),
                                           side="right")) * labels).tolist()
    # The state scores of each sentence by position, one gather: step t reads
    # a row, sentence by sentence. Positions past a sentence's end are never used.
    steps = numpy.minimum(row_starts[:, None] + numpy.arange(longest), len(scores) - 1)
    by_step = scores.take(steps, axis=0).transpose(1, 0, 2).reshape(longest, count * labels)
    alpha = by_step[0].copy()
    # Candidate (sentence s, label j, previous label i) sits at (s * labels + j) * labels + i:
    # it reads alpha[s * labels + i] and adds trans[i, j].
    spread = numpy.repeat(numpy.arange(count * labels).reshape(count, 1, labels), labels,
                          axis=1).ravel()
    incoming = numpy.tile(transitions.T.ravel(), count)
    # Where the candidates of (s, j) begin in the flat candidate array.
    rows = numpy.arange(count * labels) * labels
    back = numpy.empty((longest, count * labels), dtype=numpy.intp)
    add = numpy.add
    live = -1
    for t in range(1, longest):
        if running[t] != live:  # a sentence ended: views of the cells still live
            live = running[t]
            live_alpha = alpha[:live]
            live_spread = spread[:live * labels]
            live_incoming = incoming[:live * labels]
            live_rows = rows[:live]
        candidates = live_alpha[live_spread]
        add(candidates, live_incoming, out=candidates)
        best = back[t, :live]
        candidates.reshape(live, labels).argmax(axis=1, out=best)
        add(candidates[best + live_rows], by_step[t, :live], out=live_alpha)
    # Back pointers as one flat sequence of small ints (bytes index fastest).
    pointers: Sequence[int] = (back.astype(numpy.uint8).tobytes() if labels <= 256
                               else back.ravel().tolist())
    last = alpha.reshape(count, labels).argmax(axis=1).tolist()
    out: list[list[int]] = [[] for _ in lengths]
    stride = count * labels
    for rank, k in enumerate(order):
        label = last[rank]
        path = [label]
        at = rank * labels
        for t in range(lengths[k] - 1, 0, -1):
            label = pointers[t * stride + at + label]
            path.append(label)
        path.reverse()
        out[k] = path
    return out


#: A part of a template's value: a symbol of a source at an offset from the
#: current position, or a literal separator.
Part = tuple[str, int] | str


#: How a template's known values are looked up: a dense array over all keys,
#: sorted keys with their attribute ids, or a dict by whole value.
Table = NDArray[numpy.intp] | tuple[NDArray[numpy.int64], NDArray[numpy.intp]] | dict[str, int]
#: Largest key space given a dense table (entries of 8 bytes).
_DENSE_LIMIT = 1 << 20


class _SymbolCodes(dict[int, str]):
    """A ``str.translate`` table from a character to the character whose code
    is its symbol id (0 when unknown); results for unknown characters are
    remembered up to a bound."""

    def __init__(self, ids: dict[str, int]) -> None:
        super().__init__({ord(symbol): chr(i) for symbol, i in ids.items()})

    def __missing__(self, code: int) -> str:
        if len(self) < 400_000:
            self[code] = "\0"
        return "\0"


#: Fibonacci hashing: keys times 2**64 over the golden ratio, the top bits a slot.
_HASH_MULTIPLIER = numpy.uint64(0x9E3779B97F4A7C15)
#: Slots per key of a :class:`SlotIndex` (at least; a power of two in all).
_SLOTS_PER_KEY = 4


class SlotIndex:
    """A sorted table's keys hashed into slots, for lookups in a few gathers.

    A binary search over a sorted table of 30,000 to 45,000 keys touches about
    16 places per key, and between two documents the tables leave the CPU's
    caches: most of those are cache misses. Here a key's slot (a multiplicative
    hash) holds the position of the one known key hashed there, so a lookup
    reads the slot and that key. A slot two known keys share says so; the keys
    that land there are binary-searched as before. The ids are those of the
    sorted table: a key matches only a known key equal to it.
    """

    def __init__(self, keys: NDArray[numpy.int64], aids: NDArray[numpy.intp],
                 unknown: int) -> None:
        count = len(keys)
        bits = max((count * _SLOTS_PER_KEY - 1).bit_length(), 4)
        self.shift = numpy.uint64(64 - bits)
        self.sorted_keys = keys
        self.sorted_aids = aids
        self.unknown = unknown
        slots = self._slots(keys)
        # Position ``count`` is an empty slot, ``count + 1`` a shared one; the
        # keys there (-1, -2) are no key's: keys are never negative.
        positions = numpy.full(1 << bits, count, dtype=numpy.intp)  # intp: fast indexing
        positions[slots] = numpy.arange(count, dtype=numpy.intp)
        positions[numpy.bincount(slots, minlength=1 << bits) > 1] = count + 1
        self.positions = positions
        self.keys = numpy.concatenate([keys, numpy.array([-1, -2], dtype=numpy.int64)])
        self.aids = numpy.concatenate([aids, numpy.array([unknown, unknown], dtype=numpy.intp)])

    def _slots(self, keys: NDArray[numpy.int64]) -> NDArray[numpy.intp]:
        # Keys are >= 0, so their bits as unsigned are the same number; the
        # product wraps around (mod 2**64), as the hash wants. A slot is below
        # 2**bits, so its bits as signed are the same number again, and an
        # index array of numpy's own index type is the fast one.
        return ((keys.view(numpy.uint64) * _HASH_MULTIPLIER) >> self.shift).view(numpy.intp)

    def lookup(self, key: NDArray[numpy.int64]) -> NDArray[numpy.intp]:
        """The attribute id of each key, ``unknown`` where the model has none."""
        at = self.positions[self._slots(key)]
        found = self.keys[at]
        ids = numpy.where(found == key, self.aids[at], self.unknown)
        shared = numpy.flatnonzero(found == -2)
        if len(shared):  # keys in a slot two known keys share: binary search
            wanted = key[shared]
            where = numpy.minimum(numpy.searchsorted(self.sorted_keys, wanted),
                                  len(self.sorted_keys) - 1)
            ids[shared] = numpy.where(self.sorted_keys[where] == wanted,
                                      self.sorted_aids[where], self.unknown)
        return ids


@dataclass(frozen=True)
class _SharedLookup:
    """Sorted tables of templates that read the same symbols, shifted: the
    parts relative to the first position read (``(("char", 0), ("char", 1))``
    for the bigrams), the keys' slots (to a template's ids when one template
    has the shape, else to a row of the union of their keys), and each
    template's row, shift (the position its first part reads) and ids by union
    row (``None`` when the slots give its ids)."""

    parts: tuple[tuple[str, int], ...]
    slots: SlotIndex
    members: tuple[tuple[int, int, NDArray[numpy.intp] | None], ...]

    @property
    def span(self) -> int:
        """How far past its first position a key reads."""
        return max(offset for _, offset in self.parts)


class AttributeIndex:
    """The model's attribute ids of template columns, found with array operations.

    A template is an attribute prefix and the parts its value joins (``b0=``
    joins the characters at 0 and +1). Its known values are compiled once into
    integer keys: every symbol (a character, a character type, a word
    position, a dictionary class) gets an id per source, and a value's key is
    its symbol ids in mixed radix. For a text, the key of every position is
    then computed with array arithmetic and looked up in a dense array (small
    key spaces) or a hashed form of a sorted one (:class:`SlotIndex`), so no
    attribute string is built. Sources in ``whole`` (words) are looked up by
    value. ``tests/test_crf.py`` checks the ids against the attribute strings.
    """

    def __init__(self, templates: Sequence[tuple[str, tuple[Part, ...]]],
                 attribute_ids: dict[str, int], unknown: int, *,
                 single: frozenset[str], whole: frozenset[str]) -> None:
        self.templates = tuple(templates)
        self.unknown = unknown
        self.single = single
        self.whole = whole
        by_prefix: dict[str, list[tuple[str, int]]] = {}
        for name, aid in attribute_ids.items():
            cut = name.find("=") + 1  # template prefixes end at their first "="
            if cut:
                by_prefix.setdefault(name[:cut], []).append((name[cut:], aid))
        # Each template's known values, split into symbols, with their ids.
        parsed: list[tuple[list[Sequence[str]], list[int]]] = []
        symbols: dict[str, dict[str, int]] = {}
        for prefix, parts in self.templates:
            sources = _sources(parts)
            known = by_prefix.get(prefix, [])
            if len(sources) == len(parts) and all(s in single for s, _ in sources):
                # Only one-character symbols: the value is its symbols.
                fitting = [(v, aid) for v, aid in known if len(v) == len(parts)]
                splits: list[Sequence[str]] = [v for v, _ in fitting]
                aids = [aid for _, aid in fitting]
            else:
                splits, aids = [], []
                for value, aid in known:
                    split = _split_value(value, parts, single)
                    if split is not None:
                        splits.append(split)
                        aids.append(aid)
            for i, (source, _) in enumerate(sources):
                table = symbols.setdefault(source, {})
                for symbol in dict.fromkeys(split[i] for split in splits):
                    table.setdefault(symbol, len(table) + 1)
            parsed.append((splits, aids))
        self._set_symbols(symbols)
        self.tables: list[Table] = []
        for (_, parts), (splits, aid_list) in zip(self.templates, parsed, strict=True):
            sources = _sources(parts)
            if sources[0][0] in whole:
                self.tables.append(dict(zip((split[0] for split in splits), aid_list,
                                            strict=True)))
                continue
            keys = numpy.zeros(len(splits), dtype=numpy.int64)
            for i, (source, _) in enumerate(sources):
                table = symbols[source]
                keys = keys * self.radix[source] + numpy.fromiter(
                    (table[split[i]] for split in splits), dtype=numpy.int64, count=len(splits))
            aids_array = numpy.array(aid_list, dtype=numpy.intp)
            space = math.prod(self.radix.get(source, 1) for source, _ in sources)
            if space <= _DENSE_LIMIT:
                # Every key has a slot: the lookup is one gather.
                dense = numpy.full(space, unknown, dtype=numpy.intp)
                dense[keys] = aids_array
                self.tables.append(dense)
            else:
                order = numpy.argsort(keys, kind="stable")
                self.tables.append((keys[order], aids_array[order]))
        self._index_slots()

    @classmethod
    def from_tables(cls, templates: Sequence[tuple[str, tuple[Part, ...]]], unknown: int, *,
                    single: frozenset[str], whole: frozenset[str],
                    symbols: dict[str, dict[str, int]], tables: Sequence[Table]
                    ) -> AttributeIndex:
        """The index of tables compiled before (``symbols`` and ``tables`` as an
        index built from the same model and templates has them), without compiling
        them again: :mod:`zhfacts.ner.cache` keeps them between processes."""
        if len(tables) != len(templates):
            raise ValueError("one table per template")
        index = cls.__new__(cls)
        index.templates = tuple(templates)
        index.unknown = unknown
        index.single = single
        index.whole = whole
        index._set_symbols(symbols)
        index.tables = list(tables)
        index._index_slots()
        return index

    def _index_slots(self) -> None:
        """Group the sorted tables by the symbols their templates read
        (:class:`_SharedLookup`): ``b-2=``, ``b-1=``, ``b0=`` and ``b1=`` all read
        two adjacent characters, at shifted positions, so the pair at each
        position of a text is looked up once for the four of them, and likewise
        the three trigram templates. What :meth:`column_ids` looks sorted
        tables up in."""
        members: dict[tuple[tuple[str, int], ...],
                      list[tuple[int, int, NDArray[numpy.int64], NDArray[numpy.intp]]]] = {}
        for row, ((_, parts), table) in enumerate(zip(self.templates, self.tables,
                                                      strict=True)):
            if not isinstance(table, tuple) or not len(table[0]):
                continue  # dense, by whole value, or nothing known
            parts_at = _sources(parts)
            shift = min(offset for _, offset in parts_at)
            if shift < -2 or max(offset for _, offset in parts_at) > 2:
                raise ValueError("a template reads beyond the two padding positions")
            shape = tuple((source, offset - shift) for source, offset in parts_at)
            members.setdefault(shape, []).append((row, shift, table[0], table[1]))
        self.shared: list[_SharedLookup] = []
        for shape, group in members.items():
            if len(group) == 1:
                row, shift, keys, aids = group[0]
                self.shared.append(_SharedLookup(shape, SlotIndex(keys, aids, self.unknown),
                                                 ((row, shift, None),)))
                continue
            # One lookup of the union of the keys gives a key's row in the union;
            # each template maps union rows to its own ids.
            union = numpy.unique(numpy.concatenate([keys for _, _, keys, _ in group]))
            rows_of: list[tuple[int, int, NDArray[numpy.intp] | None]] = []
            for row, shift, keys, aids in group:
                by_union_row = numpy.full(len(union) + 1, self.unknown, dtype=numpy.intp)
                by_union_row[numpy.searchsorted(union, keys)] = aids
                rows_of.append((row, shift, by_union_row))
            slots = SlotIndex(union, numpy.arange(len(union), dtype=numpy.intp), len(union))
            self.shared.append(_SharedLookup(shape, slots, tuple(rows_of)))

    def _set_symbols(self, symbols: dict[str, dict[str, int]]) -> None:
        self.symbols = symbols
        self.codes = {source: _SymbolCodes(ids) for source, ids in symbols.items()
                      if source in self.single}
        self.radix = {source: len(ids) + 1 for source, ids in symbols.items()}
        if any(r >= 0xD800 for source, r in self.radix.items() if source in self.single):
            raise ValueError("CRF model: too many symbols for a character code table")

    def column_ids(self, sources: dict[str, Sequence[str]], size: int) -> NDArray[numpy.intp]:
        """Attribute ids, one row per template, for positions ``[2, size - 2)``
        of sources laid out on ``size`` positions (:data:`unknown` where the
        model does not know the attribute)."""
        count = size - 4
        ids = numpy.full((len(self.templates), count), self.unknown, dtype=numpy.intp)
        codes: dict[str, NDArray[numpy.int64]] = {}
        for source, values in sources.items():
            if source in self.whole or source not in self.symbols:
                continue
            if source in self.single:
                assert isinstance(values, str)
                encoded = values.translate(self.codes[source]).encode("utf-32-le")
                codes[source] = numpy.frombuffer(encoded, dtype="<u4").astype(numpy.int64)
            else:
                known_symbols = self.symbols[source]
                codes[source] = numpy.fromiter(map(known_symbols.get, values, itertools.repeat(0)),
                                               dtype=numpy.int64, count=len(values))
        for row, ((_, parts), table) in enumerate(zip(self.templates, self.tables, strict=True)):
            parts_at = _sources(parts)
            if isinstance(table, dict):
                source, offset = parts_at[0]
                values = sources[source][2 + offset:size - 2 + offset]
                ids[row] = numpy.fromiter(map(table.get, values, itertools.repeat(self.unknown)),
                                          dtype=numpy.intp, count=count)
                continue
            if isinstance(table, tuple):
                continue  # sorted tables: looked up below, by shared key
            if any(source not in codes for source, _ in parts_at):
                continue  # a source the model has no symbol of: nothing known
            # Symbol 0 (unknown) never occurs in a known key, and keys are
            # mixed-radix numbers, so a key with an unknown symbol matches nothing.
            key = codes[parts_at[0][0]][2 + parts_at[0][1]:size - 2 + parts_at[0][1]]
            for source, offset in parts_at[1:]:
                key = key * self.radix[source] + codes[source][2 + offset:size - 2 + offset]
            ids[row] = table[key]
        for shared in self.shared:
            if any(source not in codes for source, _ in shared.parts):
                continue
            # The key at every position where the shape fits, then each
            # template's window of it (templates see at most 2 positions away,
            # as the padding does, so every window fits).
            length = size - shared.span
            source, offset = shared.parts[0]
            key = codes[source][offset:offset + length]
            for source, offset in shared.parts[1:]:
                key = key * self.radix[source] + codes[source][offset:offset + length]
            found = shared.slots.lookup(key)
            for row, shift, by_union_row in shared.members:
                window = found[2 + shift:size - 2 + shift]
                ids[row] = window if by_union_row is None else by_union_row[window]
        return ids


def _sources(parts: tuple[Part, ...]) -> list[tuple[str, int]]:
    return [part for part in parts if not isinstance(part, str)]


def _split_value(value: str, parts: tuple[Part, ...], single: frozenset[str]) -> list[str] | None:
    """The symbols of an attribute value, part by part; ``None`` if it does
    not have the template's shape. A symbol of a ``single`` source is one
    character; another symbol runs to the next separator, less the
    one-character symbols between them."""
    symbols: list[str] = []
    i = 0
    for k, part in enumerate(parts):
        if isinstance(part, str):
            if not value.startswith(part, i):
                return None
            i += len(part)
        elif part[0] in single:
            if i >= len(value):
                return None
            symbols.append(value[i])
            i += 1
        else:
            rest = parts[k + 1:]
            literal = next((j for j, p in enumerate(rest) if isinstance(p, str)), len(rest))
            singles = sum(1 for p in rest[:literal] if not isinstance(p, str))
            stop = len(value) if literal == len(rest) else value.find(str(rest[literal]), i)
            if stop < 0:
                return None
            end = stop - singles
            if end < i:
                return None
            symbols.append(value[i:end])
            i = end
    return symbols if i == len(value) else None
