"""Shared word resources: jieba's stock dictionary and tokenizer, and the surname list.

The NER model's features, the fact linker's part-of-speech checks and the
person-name splitter all need them; one home means one jieba dictionary in
memory and one reading of each list, whichever layer asks first.

It is also zhfacts' one door to jieba (:func:`import_jieba`): jieba installs
a console handler on its logger at import and writes "Building prefix dict
..." and "Loading model cost ..." to stderr when a dictionary loads. zhfacts
takes that handler off, so jieba's lines go up the ``logging`` hierarchy
like any library's: silent by default, shown when the user configures
logging at DEBUG (or runs ``zhfacts extract --verbose``).
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from zhfacts.datafiles import read_data_list

#: jieba dictionary POS tags that name a class of proper noun.
_DICT_CLASSES = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG", "nz": "NZ"}


@lru_cache(maxsize=1)
def import_jieba() -> Any:
    """The ``jieba`` module, its log lines routed through ``logging`` (once
    per process): jieba's own stderr handler is removed from the ``jieba``
    logger, the DEBUG level jieba sets at import is reset to NOTSET (so the
    logger follows its ancestors' level: the root's WARNING by default, DEBUG
    when the user asks), and a ``NullHandler`` keeps its warnings off
    Python's last-resort stderr handler when nobody configured logging. The
    records still propagate to the handlers the user installs. A level the
    user set on the ``jieba`` logger (other than DEBUG) is left alone, and so
    is a logger someone already took jieba's handler off."""
    import jieba

    logger = logging.getLogger("jieba")
    console = getattr(jieba, "log_console", None)
    if console is not None and console in logger.handlers:
        # As jieba's import left it: its handler, and DEBUG.
        logger.removeHandler(console)
        if logger.level == logging.DEBUG:
            logger.setLevel(logging.NOTSET)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    return jieba


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound surnames (``data/ner/surnames.txt``)."""
    names = read_data_list("ner", "surnames.txt")
    single = frozenset(s for s in names if len(s) == 1)
    double = frozenset(s for s in names if len(s) == 2)
    return single, double


@lru_cache(maxsize=1)
def dictionary_classes() -> dict[str, str]:
    """Word -> PER/LOC/ORG/NZ for the proper nouns of jieba's stock dictionary."""
    jieba = import_jieba()
    classes: dict[str, str] = {}
    path = resources.files(jieba).joinpath("dict.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[2] in _DICT_CLASSES:
            classes[parts[0]] = _DICT_CLASSES[parts[2]]
    return classes


class Segmenter:
    """jieba's default mode (``Tokenizer.cut(text, HMM=True)``) re-implemented
    for speed, with the same output: the prefix-dictionary DAG and the
    best-route search in one right-to-left pass (the word log-probabilities
    memoized), then jieba's own HMM (``jieba.finalseg``) on runs of single
    characters that are not a dictionary word. ``tests/test_ner_model.py``
    checks it against jieba."""

    def __init__(self) -> None:
        jieba = import_jieba()
        from jieba import finalseg

        # A private tokenizer: jieba's module-level one is process-wide and other
        # code may add words to it; the model must see the segmentation it was
        # trained with (the stock dictionary).
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        self.tokenizer = tokenizer
        self.freq: dict[str, int] = tokenizer.FREQ
        self.logtotal = math.log(tokenizer.total)
        self.logp: dict[str, float] = {}
        self.hmm_cut = finalseg.cut
        self.hmm_cuts: dict[str, list[str]] = {}
        self.re_han = jieba.re_han_default
        self.re_skip = jieba.re_skip_default

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, as ``Tokenizer.cut(text, HMM=True)`` gives them."""
        words: list[str] = []
        re_han = self.re_han
        for block in re_han.split(text):
            if not block:
                continue
            if re_han.match(block):
                self._cut_block(block, words)
            else:
                for piece in self.re_skip.split(block):
                    if self.re_skip.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _cut_block(self, sentence: str, words: list[str]) -> None:
        freq = self.freq
        logp = self.logp
        logtotal = self.logtotal
        log = math.log
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            # As jieba's get_DAG + calc: candidates are the dictionary words
            # (frequency > 0) starting at k, else the character alone; the
            # best score wins, a tie goes to the longest word.
            best = -math.inf
            best_end = -1
            i = k
            frag = sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    p = logp.get(frag)
                    if p is None:
                        p = logp[frag] = log(freq[frag]) - logtotal
                    value = p + score[i + 1]
                    if value >= best:
                        best, best_end = value, i
                i += 1
                frag = sentence[k:i + 1]
            if best_end < 0:
                best = log(freq.get(sentence[k]) or 1) - logtotal + score[k + 1]
                best_end = k
            score[k] = best
            ends[k] = best_end
        x = 0
        buf = ""
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, words)
                    buf = ""
                words.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, words)

    def _flush(self, buf: str, words: list[str]) -> None:
        if len(buf) == 1:
            words.append(buf)
        elif not self.freq.get(buf):
            # The HMM is the slow part of jieba and its inputs (short runs of
            # single characters) repeat, so its cuts are remembered.
            cut = self.hmm_cuts.get(buf)
            if cut is None:
                cut = list(self.hmm_cut(buf))
                if len(self.hmm_cuts) < 50_000:
                    self.hmm_cuts[buf] = cut
            words.extend(cut)
        else:
            words.extend(buf)


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The process-wide :class:`Segmenter` (stock dictionary), built on first use."""
    return Segmenter()


def jieba_tokenizer() -> Any:
    """The private ``jieba.Tokenizer`` (stock dictionary) behind the model's
    segmentation; other modules (``zhfacts.facts.linker``) share it rather than load a
    second dictionary."""
    return segmenter().tokenizer
