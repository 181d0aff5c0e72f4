"""Shared word resources: jieba's dictionary, segmentation and part-of-speech
tags, and the surname list.

The NER model's features, the fact linker's part-of-speech checks, the
person-name splitter and the gazetteer all need them; one home means one
dictionary in memory and one reading of each list, whichever layer asks first.

jieba itself is not imported: its dictionary and model tables ship inside
zhfacts (``data/words/``, MIT, provenance in ``jieba.json``; built by
``tools/build_word_data.py``) and :mod:`zhfacts.words.segmenter` segments and
tags with them exactly as jieba 0.42.1 does. That keeps 40 MB of jieba (most of
it a neural model and keyword data zhfacts never used) out of the install.
jieba is still what spaCy's ``segmenter="jieba"`` tokenizer runs; that option
needs ``pip install zhfacts[jieba]``, and :func:`import_jieba` quiets it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import read_data_list
from zhfacts.words.dictionary import WordDictionary, dictionary_text, word_dictionary
from zhfacts.words.segmenter import PosTagger, Segmenter, Tagged

#: jieba dictionary POS tags that name a class of proper noun.
_DICT_CLASSES = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG", "nz": "NZ"}


@lru_cache(maxsize=1)
def import_jieba() -> Any:
    """The ``jieba`` module (for spaCy's jieba tokenizer), its log lines routed
    through ``logging`` (once per process): jieba's own stderr handler is
    removed from the ``jieba`` logger, the DEBUG level jieba sets at import is
    reset to NOTSET (so the logger follows its ancestors' level: the root's
    WARNING by default, DEBUG when the user asks), and a ``NullHandler`` keeps
    its warnings off Python's last-resort stderr handler when nobody configured
    logging. A level the user set on the ``jieba`` logger (other than DEBUG) is
    left alone, and so is a logger someone already took jieba's handler off.
    Raises ``ImportError`` with the install command when jieba is missing."""
    try:
        import jieba
    except ImportError as error:
        raise ImportError("the jieba segmenter needs jieba: pip install 'zhfacts[jieba]' "
                          "(zhfacts' own models do not; docs/segmentation.md)") from error

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
    """Word -> PER/LOC/ORG/NZ for the proper nouns of jieba's dictionary."""
    tags = word_dictionary().tags
    return {word: _DICT_CLASSES[tag] for word, tag in tags.items() if tag in _DICT_CLASSES}


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The process-wide :class:`Segmenter`, built on first use."""
    return Segmenter(word_dictionary())


@lru_cache(maxsize=1)
def pos_tagger() -> PosTagger:
    """The process-wide :class:`PosTagger`, built on first use."""
    return PosTagger(word_dictionary())


def starts_word(text: str, start: int, window: int = 6) -> bool:
    """Whether the segmenter starts a word at ``start``, reading ``window`` characters
    on each side (enough for jieba's longest usual words: 吸纳 | 哈市; not 其中石 | 油):
    where a name written without a cue can begin."""
    if start == 0:
        return True
    low = max(0, start - window)
    at = low
    for word in segmenter().cut(text[low:start + window]):
        if at >= start:
            return at == start
        at += len(word)
    return at == start


def word_begun(text: str, start: int, end: int, reach: int = 4) -> str:
    """The word the segmenter reads from ``start`` when it runs past ``end`` (at most
    ``reach`` characters: 太阳 in 太阳能, 伊利 in 伊利诺伊州), else the empty string:
    ``text[start:end]`` is then only the beginning of that word."""
    first = next(iter(segmenter().cut(text[start:end + reach])), "")
    return first if len(first) > end - start else ""


__all__ = ["PosTagger", "Segmenter", "Tagged", "WordDictionary", "dictionary_classes",
           "dictionary_text", "import_jieba", "pos_tagger", "segmenter", "starts_word",
           "surnames", "word_begun", "word_dictionary"]
