"""jieba's two hidden Markov models over runs of characters no dictionary word
covers, decoded as jieba 0.42.1 decodes them (same tables, same tie-breaking):

- :class:`WordHmm` (``jieba.finalseg``): B/M/E/S positions, which join unknown
  characters into new words;
- :class:`TagHmm` (``jieba.posseg``): positions joined with a part-of-speech
  flag (``B n``), which tags the new words as it cuts them.

A state of the tagging model is the string ``"B n"`` (position, space, flag):
compared as strings, states order as jieba's ``('B', 'n')`` tuples do, so
``max`` breaks ties the same way.
"""

from __future__ import annotations

import re
from typing import Any

#: jieba's floor for an unseen emission or transition.
MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")

#: finalseg: the states that may precede each state.
_PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}

_HAN = re.compile("([\u4E00-\u9FD5]+)")
#: finalseg: Latin and digit runs (with a decimal part and %) stay whole.
_WORD_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
#: posseg: number runs, then Latin/digit runs.
_TAG_SKIP = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile("[a-zA-Z0-9]+")


def _backtrace(last: str, back: list[dict[str, str]]) -> list[str]:
    """The best path's states, from its last state and each step's back-pointers."""
    route = [last]
    for came in reversed(back):
        route.append(came[route[-1]])
    route.reverse()
    return route


class WordHmm:
    """``jieba.finalseg.cut``: the words of a run of characters."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.start: dict[str, float] = tables["start"]
        self.trans: dict[str, dict[str, float]] = tables["trans"]
        self.emit: dict[str, dict[str, float]] = tables["emit"]

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                words.extend(self._cut_han(block))
            else:
                words.extend(piece for piece in _WORD_SKIP.split(block) if piece)
        return words

    def _positions(self, text: str) -> list[str]:
        emit, trans = self.emit, self.trans
        score = {y: self.start[y] + emit[y].get(text[0], MIN_FLOAT) for y in "BMES"}
        back: list[dict[str, str]] = []
        for char in text[1:]:
            step: dict[str, float] = {}
            came: dict[str, str] = {}
            for y in "BMES":
                em = emit[y].get(char, MIN_FLOAT)
                step[y], came[y] = max((score[y0] + trans[y0].get(y, MIN_FLOAT) + em, y0)
                                       for y0 in _PREVIOUS[y])
            score = step
            back.append(came)
        return _backtrace(max((score[y], y) for y in "ES")[1], back)

    def _cut_han(self, text: str) -> list[str]:
        words = []
        begin = following = 0
        for i, position in enumerate(self._positions(text)):
            if position == "B":
                begin = i
            elif position == "E":
                words.append(text[begin:i + 1])
                following = i + 1
            elif position == "S":
                words.append(text[i])
                following = i + 1
        if following < len(text):
            words.append(text[following:])
        return words


class TagHmm:
    """``jieba.posseg``'s detail cut: ``(word, flag)`` pairs of a run of characters."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.start: dict[str, float] = tables["start"]
        self.trans: dict[str, dict[str, float]] = tables["trans"]
        self.emit: dict[str, dict[str, float]] = tables["emit"]
        self.char_states: dict[str, list[str]] = tables["char_states"]
        self.all_states = list(self.trans)

    def cut(self, text: str) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                pairs.extend(self._cut_han(block))
                continue
            for piece in _TAG_SKIP.split(block):
                if not piece:
                    continue
                if _NUMBER.match(piece):
                    pairs.append((piece, "m"))
                elif _LATIN.match(piece):
                    pairs.append((piece, "eng"))
                else:
                    pairs.append((piece, "x"))
        return pairs

    def _states(self, text: str) -> list[str]:
        emit, trans, start = self.emit, self.trans, self.start
        first = text[0]
        score = {y: start[y] + emit[y].get(first, MIN_FLOAT)
                 for y in self.char_states.get(first, self.all_states)}
        back: list[dict[str, str]] = []
        for char in text[1:]:
            previous = [x for x in score if trans[x]]
            expected = {y for x in previous for y in trans[x]}
            candidates = set(self.char_states.get(char, self.all_states)) & expected
            if not candidates:
                candidates = expected if expected else set(self.all_states)
            step: dict[str, float] = {}
            came: dict[str, str] = {}
            for y in candidates:
                em = emit[y].get(char, MIN_FLOAT)
                step[y], came[y] = max((score[y0] + trans[y0].get(y, MIN_INF) + em, y0)
                                       for y0 in previous)
            score = step
            back.append(came)
        return _backtrace(max((value, y) for y, value in score.items())[1], back)

    def _cut_han(self, text: str) -> list[tuple[str, str]]:
        pairs = []
        states = self._states(text)
        begin = following = 0
        for i, state in enumerate(states):
            position = state[0]
            if position == "B":
                begin = i
            elif position == "E":
                pairs.append((text[begin:i + 1], state[2:]))
                following = i + 1
            elif position == "S":
                pairs.append((text[i], state[2:]))
                following = i + 1
        if following < len(text):
            pairs.append((text[following:], states[following][2:]))
        return pairs
