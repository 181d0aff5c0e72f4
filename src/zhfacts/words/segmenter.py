"""Words and part-of-speech tags as jieba 0.42.1 gives them, from the shipped
dictionary and models (:mod:`zhfacts.words.dictionary`), without jieba:

- :class:`Segmenter`: jieba's default mode (``Tokenizer.cut(text, HMM=True)``):
  the prefix-dictionary DAG and the best route in one right-to-left pass (the
  word log-probabilities memoized), then the word HMM on runs of single
  characters that are not a dictionary word;
- :class:`PosTagger`: ``jieba.posseg.cut``: the same route, each word tagged
  from the dictionary, runs of single characters cut and tagged by the tagging
  HMM.

``tests/test_words.py`` checks both against jieba on real documents.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

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
    """The dictionary-route search both classes share (``get_DAG`` + ``calc``)."""

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
        ends = self.ends(sentence)
        out: list[tuple[str, bool]] = []
        x = 0
        single = -1  # where the current run of single characters began
        n = len(sentence)
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                if single < 0:
                    single = x
            else:
                if single >= 0:
                    out.append((sentence[single:x], False))
                    single = -1
                out.append((sentence[x:y], True))
            x = y
        if single >= 0:
            out.append((sentence[single:], False))
        return out


class Segmenter:
    """The words of a text as ``jieba.Tokenizer().cut(text, HMM=True)`` gives them."""

    #: The runs it segments; a character outside them is never joined to another.
    block = _BLOCK

    def __init__(self, words: WordDictionary) -> None:
        self.freq = words.freq
        self._router = _Router(words)
        self._hmm = WordHmm(words.models["finalseg"])
        self._hmm_cuts: dict[str, list[str]] = {}

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        for block in _BLOCK.split(text):
            if not block:
                continue
            if _BLOCK.match(block):
                for run, is_word in self._router.runs(block):
                    if is_word:
                        words.append(run)
                    else:
                        self._flush(run, words)
            else:
                for piece in _SPACE.split(block):
                    if _SPACE.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

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
