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
#: posseg: what :attr:`TagHmm.feeders` gives a state nothing may precede.
_NO_STATES: frozenset[str] = frozenset()

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
        #: ``"EB"`` -> the weight of E followed by B (jieba's floor when none).
        self._links = {y0 + y: self.trans[y0].get(y, MIN_FLOAT)
                       for y, before in _PREVIOUS.items() for y0 in before}

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
        """jieba's ``finalseg.viterbi`` written out for its four states: each
        state has two possible predecessors (:data:`_PREVIOUS`), so jieba's
        ``max`` over ``(score, state)`` pairs is one comparison, a tie going
        to the larger state name as there. The same sums, so the same path."""
        emit_b, emit_m, emit_e, emit_s = (self.emit[y] for y in "BMES")
        link = self._links
        eb, sb, mm, bm, be, me, ss, es = (link[pair] for pair in
                                          ("EB", "SB", "MM", "BM", "BE", "ME", "SS", "ES"))
        first = text[0]
        score_b = self.start["B"] + emit_b.get(first, MIN_FLOAT)
        score_m = self.start["M"] + emit_m.get(first, MIN_FLOAT)
        score_e = self.start["E"] + emit_e.get(first, MIN_FLOAT)
        score_s = self.start["S"] + emit_s.get(first, MIN_FLOAT)
        back: list[dict[str, str]] = []
        for char in text[1:]:
            em = emit_b.get(char, MIN_FLOAT)
            one, two = score_e + eb + em, score_s + sb + em
            next_b, from_b = (one, "E") if one > two else (two, "S")
            em = emit_m.get(char, MIN_FLOAT)
            one, two = score_m + mm + em, score_b + bm + em
            next_m, from_m = (one, "M") if one >= two else (two, "B")
            em = emit_e.get(char, MIN_FLOAT)
            one, two = score_b + be + em, score_m + me + em
            next_e, from_e = (one, "B") if one > two else (two, "M")
            em = emit_s.get(char, MIN_FLOAT)
            one, two = score_s + ss + em, score_e + es + em
            next_s, from_s = (one, "S") if one >= two else (two, "E")
            back.append({"B": from_b, "M": from_m, "E": from_e, "S": from_s})
            score_b, score_m, score_e, score_s = next_b, next_m, next_e, next_s
        return _backtrace("S" if score_s >= score_e else "E", back)

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
        feeders: dict[str, set[str]] = {}
        for y0, followers in self.trans.items():
            for y in followers:
                feeders.setdefault(y, set()).add(y0)
        #: State -> the states that may precede it (have a transition to it).
        self.feeders = {y: frozenset(before) for y, before in feeders.items()}

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
        """jieba's ``posseg.viterbi``, with the same sums and the same winners.

        jieba tries every state that may follow any previous state and, for
        each, every previous state; most pairs have no transition (-inf), and
        building the set of all followers costs more than the rest. Here a
        state is a candidate when one of the previous states may precede it
        (:attr:`feeders`), and its best predecessor is sought among those
        first: one of them wins unless all of them score -inf, and only then
        (as jieba, by the largest state name) are all previous states compared.
        """
        emit, trans, start = self.emit, self.trans, self.start
        feeders = self.feeders
        first = text[0]
        score = {y: start[y] + emit[y].get(first, MIN_FLOAT)
                 for y in self.char_states.get(first, self.all_states)}
        back: list[dict[str, str]] = []
        for char in text[1:]:
            previous = [x for x in score if trans[x]]
            before = set(previous)
            candidates: set[str] | dict[str, None] = dict.fromkeys(
                y for y in self.char_states.get(char, self.all_states)
                if not feeders.get(y, _NO_STATES).isdisjoint(before))
            if not candidates:
                expected = {y for x in previous for y in trans[x]}
                candidates = expected if expected else set(self.all_states)
            step: dict[str, float] = {}
            came: dict[str, str] = {}
            for y in candidates:
                em = emit[y].get(char, MIN_FLOAT)
                feeding = feeders.get(y, _NO_STATES) & before
                best = (MIN_INF, "")
                if feeding:
                    best = max((score[y0] + trans[y0][y] + em, y0) for y0 in feeding)
                if best[0] == MIN_INF:  # no finite predecessor: jieba's own comparison
                    best = max((score[y0] + trans[y0].get(y, MIN_INF) + em, y0)
                               for y0 in previous)
                step[y], came[y] = best
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
