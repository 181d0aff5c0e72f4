"""Government bodies (GOV): a grammar over data, not a list of names.

A body is ``[place prefix] [domain words] head`` (河南省 + 人力资源和社会保障 + 厅;
市 + 民政 + 局; 县 + 纪委监委), a party department inside its committee (县委宣传部),
a leading-group office whose domain is free text back to a named place
(商丘市 + 质量强市 + 工作领导小组办公室), or a central body written whole (党中央,
国务院, ministries). The tables are in ``data/gov_bodies.json``.

Matching is on characters, not words, so the segmentation traps (市民/政局,
联合市/财政局) cannot matter. Named places come from the caller (the
gazetteer's matches); a bare level (市, 县) is read here. ``norm`` of a body
with a bare prefix is resolved against the document's places (市民政局 in a
Shangqiu page -> 商丘市民政局).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import parse_json, read_data_text
from zhfacts.errors import DataFileError

_CLAUSE_BREAK = frozenset("，。；：！？,;:!?、\n()（）《》“”\"")
_GROUP_REACH = 26
_WHOLE_PREFIXES = ("全省", "全市", "全县", "全区")
_SESSION = re.compile(r"第?[一二三四五六七八九十]{1,3}届$")
_MEETING = re.compile(r"第[一二三四五六七八九十]{1,3}次(?:全体)?会议")
_SESSION_BODIES = frozenset(("人民代表大会", "人大", "人大常委会", "人民代表大会常务委员会",
                             "政协", "委员会"))


@dataclass(frozen=True)
class BodyGrammar:
    central: tuple[str, ...]
    heads: frozenset[str]
    heads_need_domain: frozenset[str]
    domains: frozenset[str]
    domain_max: int
    party_departments: frozenset[str]
    group_heads: frozenset[str]
    bare_levels: tuple[str, ...]
    head_vetoes: Mapping[str, str]
    not_bodies: tuple[str, ...]
    head_pattern: re.Pattern[str]
    central_pattern: re.Pattern[str]


@dataclass(frozen=True)
class FoundBody:
    """A government body on the (clean) text; ``bare_level`` is 市 in 市民政局."""

    start: int
    end: int
    text: str
    bare_level: str | None = None


def _words(data: dict[str, Any], key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"gov_bodies.json: '{key}' must be a list of words")
    return words


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def grammar() -> BodyGrammar:
    """The validated body grammar, loaded once."""
    text = read_data_text("gov_bodies.json")
    data = parse_json("gov_bodies.json", text)
    heads = _words(data, "heads")
    need = _words(data, "heads_need_domain")
    groups = _words(data, "group_heads")
    if not set(need) <= set(heads):
        raise DataFileError("gov_bodies.json: 'heads_need_domain' must list words of 'heads'")
    domains = _words(data, "domains")
    vetoes = data.get("head_vetoes", {})
    if not isinstance(vetoes, dict):
        raise DataFileError("gov_bodies.json: 'head_vetoes' must be an object")
    return BodyGrammar(
        central=tuple(_words(data, "central")),
        heads=frozenset(heads),
        heads_need_domain=frozenset(need),
        domains=frozenset(domains),
        domain_max=max(len(d) for d in domains),
        party_departments=frozenset(_words(data, "party_departments")),
        group_heads=frozenset(groups),
        bare_levels=tuple(sorted(_words(data, "bare_levels"), key=len, reverse=True)),
        head_vetoes={str(k): str(v) for k, v in vetoes.items()},
        not_bodies=tuple(_words(data, "not_bodies")),
        head_pattern=_alternation([*heads, *groups]),
        central_pattern=_alternation(_words(data, "central")),
    )


def find_bodies(text: str, place_spans: Sequence[tuple[int, int]] = ()) -> list[FoundBody]:
    """Every government body in ``text``, left to right, flat and non-overlapping.

    ``place_spans`` are the named places the gazetteer found (start, end), used
    as prefixes (河南省 + 民政厅) and as the left end of leading-group names.
    """
    g = grammar()
    place_ends = {end: start for start, end in place_spans}
    found: list[FoundBody] = []
    taken_until = 0
    central = {m.start(): m for m in g.central_pattern.finditer(text)}
    for head in g.head_pattern.finditer(text):
        if head.start() < taken_until:
            continue
        body = _body_ending_with(text, head.group(0), head.start(), g, place_ends, found)
        if body is None:  # 南华街道 + 办事处: the place's level word begins the head
            inner = next((p for p in range(head.start() + 1, head.end())
                          if p in place_ends and text[p:head.end()] in g.heads), None)
            if inner is not None:
                first = inner
                while first in place_ends:
                    first = place_ends[first]
                body = FoundBody(first, head.end(), text[first:head.end()])
        if body is None:
            continue
        if found and body.start < found[-1].end:  # a party department inside its committee
            found.pop()
        found.append(body)
        taken_until = body.end
    for start, match in central.items():
        if text[match.end():match.end() + 1] == "门":  # 科技部门 is a department in general
            continue
        overlapping = [b for b in found if b.start < match.end() and start < b.end]
        if all(start <= b.start and b.end <= match.end() for b in overlapping):
            # A central body written whole wins over the bodies inside it
            # (中共中央统战部, not 中共 + 中央统战部).
            found = [b for b in found if b not in overlapping]
            session = _SESSION.search(text, max(0, start - 5), start)
            first = session.start() if session else start  # 八届全国人大: the session's body
            found.append(FoundBody(first, match.end(), text[first:match.end()]))
    found.sort(key=lambda b: b.start)
    return [b for b in found if not any(b.text.endswith(w) and w in text[max(0, b.start - 4):b.end]
                                         for w in g.not_bodies)]


def _body_ending_with(text: str, word: str, start: int, g: BodyGrammar,
                      place_ends: Mapping[int, int], found: list[FoundBody]) -> FoundBody | None:
    end = start + len(word)
    veto = g.head_vetoes.get(word, "")
    if end < len(text) and text[end] in veto:
        return None
    if word in g.group_heads:
        return _group_body(text, start, end, place_ends)
    left = start
    session = _SESSION.search(text, max(0, start - 5), start)
    if session is not None:  # 鹿邑县 + 第十五届 + 人民代表大会: a session of the body
        left = session.start()
    meeting = _MEETING.match(text, end)
    if meeting is not None and word in _SESSION_BODIES:  # … + 第四次会议
        end = meeting.end()
    domains = 0
    while domains < 3:
        domain = _longest_ending_at(text, left, g.domains, g.domain_max)
        if domain is None:
            break
        left -= len(domain)
        domains += 1
    if found and word in g.party_departments and found[-1].end == left and \
            found[-1].text.endswith("委"):
        previous = found[-1]
        return FoundBody(previous.start, end, text[previous.start:end], previous.bare_level)
    prefix_start, bare = _prefix_before(text, left, g, place_ends)
    if domains == 0 and (word in g.heads_need_domain or prefix_start == left):
        return None
    return FoundBody(prefix_start, end, text[prefix_start:end], bare)


def _prefix_before(text: str, position: int, g: BodyGrammar, place_ends: Mapping[int, int]
                   ) -> tuple[int, str | None]:
    """Named places (chained: 河南省商丘市) or one bare level written before ``position``."""
    start = position
    while start in place_ends:
        start = place_ends[start]
    if start < position:
        return start, None
    for level in g.bare_levels:
        if text.startswith(level, position - len(level)) and position - len(level) >= 0:
            return position - len(level), level
    return position, None


def _group_body(text: str, start: int, end: int, place_ends: Mapping[int, int]
                ) -> FoundBody | None:
    """商丘市质量强市工作领导小组办公室: free text back to a named place (or 全省)."""
    floor = max(0, start - _GROUP_REACH)
    for position in range(start - 1, floor - 1, -1):
        if text[position] in _CLAUSE_BREAK:
            return None
        if position in place_ends:
            first = place_ends[position]
            while first in place_ends:
                first = place_ends[first]
            return FoundBody(first, end, text[first:end])
        if text.startswith(_WHOLE_PREFIXES, position):
            return FoundBody(position, end, text[position:end])
    return None


def _longest_ending_at(text: str, end: int, words: frozenset[str], longest: int) -> str | None:
    for length in range(min(longest, end), 0, -1):
        if text[end - length:end] in words:
            return text[end - length:end]
    return None


def body_norm(body: FoundBody, document_places: Mapping[str, str]) -> str:
    """The full name, the bare prefix resolved when the document makes it unambiguous.

    ``document_places`` maps a level written bare (省, 市, 县, 区) to the one
    place of that level the document is about (``{"市": "商丘市", "省": "河南省"}``).
    """
    name = "".join(body.text.split())
    if body.bare_level and body.bare_level in document_places:
        return document_places[body.bare_level] + name[len(body.bare_level):]
    return name


def levels_of(place: str | None, parents: Sequence[str] = ()) -> dict[str, str]:
    """Bare-level map for a document place and its parents (商丘市 -> {"市": "商丘市"})."""
    levels: dict[str, str] = {}
    for name in [*parents, *([place] if place else [])]:
        for level in ("省", "市", "县", "区", "乡", "镇"):
            if name.endswith(level):
                levels[level] = name
    return levels
