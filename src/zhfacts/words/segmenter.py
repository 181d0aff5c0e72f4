"""Words and part-of-speech tags as jieba 0.42.1 gives them, from the shipped
dictionary and models (:mod:`zhfacts.words.dictionary`), without jieba:

- :class:`Segmenter`: jieba's default mode (``Tokenizer.cut(text, HMM=True)``):
  the prefix-dictionary DAG and the best route in one right-to-left pass, the
  words of up to three characters at every position of the whole text found
  in numpy first (:class:`_ShortFragments`), then the word HMM on runs of
  single characters that are not a dictionary word;
- :class:`PosTagger`: ``jieba.posseg.cut``: the same route, each word tagged
  from the dictionary, runs of single characters cut and tagged by the tagging
  HMM.

``tests/test_words.py`` checks both against jieba on real documents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import numpy
from numpy.typing import NDArray

from zhfacts.ner.crf import SlotIndex
from zhfacts.words.dictionary import WordDictionary
from zhfacts.words.hmm import TagHmm, WordHmm

#: What ``Tokenizer.cut`` segments (Han, Latin, digits and a few joiners); the
#: rest is whitespace (kept whole) or single characters.
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = re.compile("(\r\n|\\s)")
#: What ``posseg.cut`` segments: as ``_BLOCK`` without % and -.
_TAG_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile("[a-zA-Z0-9]+")
#: How many HMM cuts each class remembers (its inputs, short runs, repeat).
_HMM_MEMORY = 50_000


class Tagged(NamedTuple):
    """A word and jieba's part-of-speech flag (``n``, ``v``, ``ns``, ``x``)."""

    word: str
    flag: str


#: What :attr:`_Router.cost` holds for a proper prefix of a word (frequency 0).
_PREFIX = None
#: What :attr:`_Router.cost` gives for a fragment not looked up yet: a float
#: object of its own (compared by identity; no cost is this object).
_UNSEEN = float("nan")


class _Router:
    """The dictionary-route search (``get_DAG`` + ``calc``) of one block: what
    :class:`PosTagger` runs on its short texts, and what :meth:`Segmenter.ends`
    gives for every block of a long one at once."""

    def __init__(self, words: WordDictionary) -> None:
        self.freq = words.freq
        self.logtotal = math.log(words.total)
        #: Fragment -> the word's log-probability, or :data:`_PREFIX` for a
        #: fragment that only begins words: what ``ends`` needs of ``freq`` in
        #: one dictionary lookup instead of three. Filled as fragments are met,
        #: so it holds only entries of ``freq`` (bounded by the dictionary).
        self.cost: dict[str, float | None] = {}

    def ends(self, sentence: str) -> list[int]:
        """For each start k, the last index of the word the best route takes there."""
        freq_get = self.freq.get
        cost = self.cost
        cost_get = cost.get
        logtotal = self.logtotal
        log = math.log
        unseen = _UNSEEN
        # A character no dictionary word is: jieba's log(1) - logtotal.
        lone = log(1) - logtotal
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            # Candidates are the dictionary words (frequency > 0) starting at k,
            # else the character alone; the best score wins, a tie goes to the
            # longest word. ``stop`` is one past the fragment's last character.
            best = -math.inf
            best_end = -1
            stop = k + 1
            frag = sentence[k]
            while True:
                p = cost_get(frag, unseen)
                if p is unseen:
                    count = freq_get(frag)
                    if count is None:
                        break
                    p = cost[frag] = (log(count) - logtotal) if count else _PREFIX
                if p is not None:
                    value = p + score[stop]
                    if value >= best:
                        best, best_end = value, stop - 1
                if stop >= n:
                    break
                stop += 1
                frag = sentence[k:stop]
            if best_end < 0:
                best = lone + score[k + 1]
                best_end = k
            score[k] = best
            ends[k] = best_end
        return ends

    def runs(self, sentence: str) -> list[tuple[str, bool]]:
        """The route as ``(text, is_word)``: dictionary words, and runs of single
        characters between them (``is_word`` False)."""
        return [(sentence[start:end], is_word)
                for start, end, is_word in _pieces(self.ends(sentence), 0, len(sentence))]


def _pieces(ends: list[int], start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The route over ``start:end`` that ``ends`` gives (the last index of the
    word at each position) as ``(start, end, is_word)``: dictionary words, and
    the runs of single characters between them, which the HMM reads."""
    single = -1  # where the current run of single characters began
    x = start
    while x < end:
        y = ends[x] + 1
        if y - x == 1:
            if single < 0:
                single = x
        else:
            if single >= 0:
                yield single, x, False
                single = -1
            yield x, y, True
        x = y
    if single >= 0:
        yield single, end, False


#: Fragments up to this many characters are looked up for all positions at once.
_SHORT = 3
#: Bits of a code point (U+10FFFF needs 21): a fragment's key is its code points.
_POINT_BITS = 21
_NO_WORD = -math.inf


class _ShortFragments:
    """The dictionary's fragments of one to three characters (words and
    prefixes) as integer keys, one :class:`SlotIndex` per length: which of
    them start at every position of a text is then a few numpy calls, not a
    dictionary lookup per position and length (what :meth:`_Router.ends`
    spends most of its time on)."""

    def __init__(self, freq: dict[str, int], logtotal: float) -> None:
        by_length: list[list[str]] = [[] for _ in range(_SHORT + 1)]
        for fragment in freq:
            if len(fragment) <= _SHORT:
                by_length[len(fragment)].append(fragment)
        #: Per length 1 to 3: the index (fragment key -> row) and each row's
        #: log-probability; ``-inf`` for a prefix and for the last row, the
        #: index's ``unknown`` (not in the dictionary).
        self.tables: list[tuple[SlotIndex, NDArray[numpy.float64]]] = []
        for length in range(1, _SHORT + 1):
            fragments = by_length[length]
            keys = _fragment_keys(_code_points("".join(fragments)).reshape(-1, length))
            order = numpy.argsort(keys, kind="stable")
            counts = numpy.fromiter(map(freq.__getitem__, fragments), dtype=numpy.int64,
                                    count=len(fragments))
            # math.log of each distinct count (a few thousand), as the
            # router computes it: numpy's log may differ in the last bit.
            distinct, rows = numpy.unique(counts, return_inverse=True)
            cost_of = numpy.array([math.log(count) - logtotal if count else _NO_WORD
                                   for count in distinct.tolist()] + [_NO_WORD])
            self.tables.append((
                SlotIndex(keys[order], order.astype(numpy.intp), len(fragments)),
                cost_of[numpy.append(rows.ravel(), len(distinct))]))

    def costs(self, text: str, inside: NDArray[numpy.bool_]
              ) -> tuple[list[list[float]], list[int]]:
        """Per length 1 to 3, the log-probability of the word of that length
        at each position of ``text`` (``-inf`` where none: not a word, not in
        the dictionary, or crossing the end of a block, where ``inside`` is
        False), each list padded to ``len(text) + 2``; and the positions where
        the dictionary has a three-character fragment, where longer words may
        start. A fragment counts only if every shorter one at its position is
        in the dictionary, as jieba's DAG walks them."""
        points = _code_points(text)
        keys = points
        found = inside
        costs: list[list[float]] = []
        go_on = numpy.zeros(0, dtype=numpy.intp)
        for length, (index, row_costs) in enumerate(self.tables, 1):
            if length > 1:
                keys = (keys[:-1] << _POINT_BITS) | points[length - 1:]
                found = found[:-1] & inside[length - 1:]
            rows = index.lookup(keys)
            found = found & (rows != index.unknown)
            costs.append(numpy.where(found, row_costs[rows], _NO_WORD).tolist()
                         + [_NO_WORD] * (length + 1))
            if length == _SHORT:
                go_on = numpy.flatnonzero(found)
        return costs, go_on.tolist()


def _code_points(text: str) -> NDArray[numpy.int64]:
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"),
                            dtype="<u4").astype(numpy.int64)


def _fragment_keys(points: NDArray[numpy.int64]) -> NDArray[numpy.int64]:
    """The key of each row of code points: the points in base 2**21 (three fit
    in 63 bits)."""
    keys = points[:, 0].copy()
    for column in range(1, points.shape[1]):
        keys = (keys << _POINT_BITS) | points[:, column]
    return keys


class Segmenter:
    """The words of a text as ``jieba.Tokenizer().cut(text, HMM=True)`` gives them."""

    #: The runs it segments; a character outside them is never joined to another.
    block = _BLOCK

    def __init__(self, words: WordDictionary) -> None:
        self.freq = words.freq
        self._router = _Router(words)
        self._short: _ShortFragments | None = None  # built on the first cut
        self._hmm = WordHmm(words.models["finalseg"])
        self._hmm_cuts: dict[str, list[str]] = {}

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        blocks = [match.span() for match in _BLOCK.finditer(text)]
        ends = self.ends(text, blocks)
        after = 0  # the end of the previous block
        for start, end in blocks:
            if start > after:
                self._cut_between(text[after:start], words)
            for piece_start, piece_end, is_word in _pieces(ends, start, end):
                if is_word:
                    words.append(text[piece_start:piece_end])
                else:
                    self._flush(text[piece_start:piece_end], words)
            after = end
        if after < len(text):
            self._cut_between(text[after:], words)
        return words

    def ends(self, text: str, blocks: list[tuple[int, int]]) -> list[int]:
        """For each position of a block (``blocks``: the spans of the matches
        of :data:`_BLOCK` in ``text``), the last index of the word the best
        route of its block takes there: :meth:`_Router.ends` of every block,
        with the words of up to three characters found in numpy
        (:class:`_ShortFragments`) and only longer ones looked up one by one.

        The same sums as jieba's ``calc``: a position's score is the best of
        each word's log-probability plus the score after the word (0 at the
        end of a block), a tie going to the longest word (here the candidates
        are tried longest first and only a larger score replaces one)."""
        size = len(text)
        ends = [0] * size
        if not blocks:
            return ends
        if self._short is None:
            self._short = _ShortFragments(self.freq, self._router.logtotal)
        bounds = numpy.zeros(size + 1, dtype=numpy.int8)
        for start, end in blocks:
            bounds[start] += 1
            bounds[end] -= 1
        inside = numpy.cumsum(bounds[:size]) > 0
        (cost1, cost2, cost3), go_on = self._short.costs(text, inside)
        longer = self._longer_words(text, go_on, inside.tolist())
        logtotal = self._router.logtotal
        lone = math.log(1) - logtotal  # a character no dictionary word is
        score = [0.0] * (size + _SHORT)  # 0 after the end of each block
        for start, end in reversed(blocks):
            for k in range(end - 1, start - 1, -1):
                best = _NO_WORD
                last = -1
                extra = longer.get(k)
                if extra is not None:
                    for stop, cost in extra:
                        value = cost + score[stop]
                        if value > best:
                            best, last = value, stop - 1
                value = cost3[k] + score[k + 3]
                if value > best:
                    best, last = value, k + 2
                value = cost2[k] + score[k + 2]
                if value > best:
                    best, last = value, k + 1
                value = cost1[k] + score[k + 1]
                if value > best:
                    best, last = value, k
                if last < 0:
                    best, last = lone + score[k + 1], k
                score[k] = best
                ends[k] = last
        return ends

    def _longer_words(self, text: str, starts: list[int], inside: list[bool]
                      ) -> dict[int, list[tuple[int, float]]]:
        """The words of four or more characters at ``starts`` (where a
        three-character fragment is in the dictionary), as ``(end, cost)``
        longest first: the fragments are extended while the dictionary has
        them, within the block."""
        freq_get = self.freq.get
        logtotal = self._router.logtotal
        log = math.log
        size = len(text)
        longer: dict[int, list[tuple[int, float]]] = {}
        for k in starts:
            found: list[tuple[int, float]] = []
            stop = k + _SHORT + 1
            while stop <= size and inside[stop - 1]:
                count = freq_get(text[k:stop])
                if count is None:
                    break
                if count:
                    found.append((stop, log(count) - logtotal))
                stop += 1
            if found:
                found.reverse()
                longer[k] = found
        return longer

    @staticmethod
    def _cut_between(text: str, words: list[str]) -> None:
        """What lies between blocks: runs of whitespace whole, the rest one
        character a word."""
        for piece in _SPACE.split(text):
            if _SPACE.match(piece):
                words.append(piece)
            else:
                words.extend(piece)

    def _flush(self, buf: str, words: list[str]) -> None:
        if len(buf) == 1:
            words.append(buf)
        elif not self.freq.get(buf):
            cut = self._hmm_cuts.get(buf)
            if cut is None:
                cut = self._hmm.cut(buf)
                if len(self._hmm_cuts) < _HMM_MEMORY:
                    self._hmm_cuts[buf] = cut
            words.extend(cut)
        else:
            words.extend(buf)


class PosTagger:
    """Words and flags as ``jieba.posseg.POSTokenizer().cut(text)`` gives them."""

    def __init__(self, words: WordDictionary) -> None:
        self.freq = words.freq
        self.tags = words.tags
        self._router = _Router(words)
        self._hmm = TagHmm(words.models["posseg"])
        self._hmm_cuts: dict[str, tuple[Tagged, ...]] = {}
        self.cut = lru_cache(maxsize=_HMM_MEMORY)(self._cut)

    def _cut(self, text: str) -> tuple[Tagged, ...]:
        """The tagged words of ``text`` (remembered: the linker asks about the
        same short texts again and again)."""
        out: list[Tagged] = []
        for block in _TAG_BLOCK.split(text):
            if _TAG_BLOCK.match(block):
                for run, is_word in self._router.runs(block):
                    if is_word:
                        out.append(Tagged(run, self.tags.get(run, "x")))
                    else:
                        self._flush(run, out)
                continue
            for piece in _SPACE.split(block):
                if _SPACE.match(piece):
                    out.append(Tagged(piece, "x"))
                    continue
                for char in piece:
                    if _NUMBER.match(char):
                        out.append(Tagged(char, "m"))
                    elif _LATIN.match(piece):
                        out.append(Tagged(char, "eng"))
                    else:
                        out.append(Tagged(char, "x"))
        return tuple(out)

    def _flush(self, buf: str, out: list[Tagged]) -> None:
        if len(buf) == 1:
            out.append(Tagged(buf, self.tags.get(buf, "x")))
        elif not self.freq.get(buf):
            # Remembered: runs such as 5月 or 上的 come back in text after text.
            cut = self._hmm_cuts.get(buf)
            if cut is None:
                cut = tuple(Tagged(word, flag) for word, flag in self._hmm.cut(buf))
                if len(self._hmm_cuts) < _HMM_MEMORY:
                    self._hmm_cuts[buf] = cut
            out.extend(cut)
        else:
            out.extend(Tagged(char, self.tags.get(char, "x")) for char in buf)
