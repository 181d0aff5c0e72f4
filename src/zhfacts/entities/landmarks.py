"""Named places that are not divisions (LOC): roads, rivers, parks, airports, compounds.

SPEC section 2 and 6: residential compounds, roads, parks, rivers, mountains,
airports and natural villages are LOC. Like organizations, most are named
with a type word at the end (公园, 机场, 家属院, 大道); the same suffix grammar
as :mod:`zhfacts.entities.organizations` reads them, from ``data/landmark_suffixes.json``.
One-character type words (路, 河, 山) are too common inside ordinary words
(思路, 银河) to start a name on their own: those come from the statistical
model, and :func:`extend_roads` completes a model place that a road word
follows (中州 + 中路).
"""

from __future__ import annotations

import re

from zhfacts.entities.organizations import OrgGrammar, find_suffixed_names, grammar

#: A road word after a place name, unless it starts another word (街头, 路上, 路口).
_ROAD = re.compile(r"[东西南北中]?(?:大街|大道|路|街)(?![头上口边面道旁段巷])")


def find_landmarks(text: str) -> list[tuple[int, int]]:
    """Spans (clean offsets) of landmarks named with a type word, left to right."""
    return find_suffixed_names(text, _grammar())


def _grammar() -> OrgGrammar:
    return grammar("landmark_suffixes.json")  # cached by grammar()


def extend_roads(text: str, end: int) -> int:
    """Where a place name that ends at ``end`` ends when a road word follows
    it (中州 + 中路 -> 中州中路); ``end`` itself when none does."""
    match = _ROAD.match(text, end)
    return match.end() if match else end
