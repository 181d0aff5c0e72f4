"""Government bodies (GOV): a grammar over data, not a list of names.

A body is ``[place prefix] [domain words] head`` (河南省 + 人力资源和社会保障 + 厅;
市 + 民政 + 局; 县 + 纪委监委), a party department inside its committee (县委宣传部),
a leading-group office whose domain is free text back to a named place
(商丘市 + 质量强市 + 工作领导小组办公室), or a central body written whole (党中央,
国务院, ministries). The tables are in ``data/gov_bodies.json``; the State
Council's bodies, with their former names and abbreviations by reform year,
are an inventory in ``data/central_bodies.json`` (:func:`central_body`).

Matching is on characters, not words, so the segmentation traps (市民/政局,
联合市/财政局) cannot matter. Named places come from the caller (the
gazetteer's matches); a bare level (市, 县) is read here. ``norm`` of a body
with a bare prefix is resolved against the document's places (市民政局 in a
Shangqiu page -> 商丘市民政局).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import parse_json, read_data_text
from zhfacts.entities.name_lists import word_frequency
from zhfacts.errors import DataFileError
from zhfacts.words import pos_tagger

_CLAUSE_BREAK = frozenset("，。；：！？,;:!?、\n()（）《》“”\"")
_GROUP_REACH = 26
_WHOLE_PREFIXES = ("全省", "全市", "全县", "全区")
#: A session number before a body: 第十五届, 十四届, 八届二次, 第三次 (a bare 三次 is a count).
_SESSION = re.compile(r"(?:第?[一二三四五六七八九十]{1,3}届(?:[一二三四五六七八九十]{1,3}次)?"
                      r"|第[一二三四五六七八九十]{1,3}次)$")
_MEETING = re.compile(r"第[一二三四五六七八九十]{1,3}次(?:全体)?会议"
                      r"|[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}次全(?:体)?会(?:议)?")
_SESSION_BODIES = frozenset(("人民代表大会", "人大", "人大常委会", "人民代表大会常务委员会",
                             "政协", "委员会", "委", "党委", "纪委"))


@dataclass(frozen=True)
class CentralBody:
    """One body of the inventory (``data/central_bodies.json``): its name in the
    reform plans, what it is today and the reform years it spans."""

    name: str
    kind: str
    current: str
    since: int | None
    until: int | None
    via: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyGrammar:
    central: tuple[str, ...]
    inventory: Mapping[str, CentralBody]
    foreign_bodies: frozenset[str]
    foreign_heads: frozenset[str]
    short_forms: Mapping[str, tuple[str, ...]]
    generic_before: tuple[str, ...]
    #: Domains that are levels (省级, 市级机关), domains only after a place (山西省 |
    #: 省级政府采购中心): a body that opens with one names a kind of body.
    level_domains: tuple[str, ...]
    central_vetoes: Mapping[str, str]
    unit_endings: tuple[str, ...]
    sub_unit_endings: tuple[str, ...]
    sub_unit_verbs: frozenset[str]
    not_sub_units: frozenset[str]
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
    foreign_head_pattern: re.Pattern[str]


@dataclass(frozen=True)
class FoundBody:
    """A government body on the (clean) text; ``bare_level`` is 市 in 市民政局;
    ``name_start`` is where the name begins after a named place (政府采购中心 in
    大庆市政府采购中心), so that the document's short forms can be read."""

    start: int
    end: int
    text: str
    bare_level: str | None = None
    name_start: int | None = None



def _words(data: dict[str, Any], key: str, name: str = "gov_bodies.json") -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"{name}: '{key}' must be a list of words")
    return words


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _year(entry: dict[str, Any], key: str) -> int | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, int):
        raise DataFileError(f"central_bodies.json: '{key}' of {entry.get('name')} must be a year")
    return value


def _central_body(entry: Any) -> CentralBody:
    """One inventory entry, validated: a GOV with a name, a kind and a current body."""
    required = ("name", "kind", "current")
    if not isinstance(entry, dict) or entry.get("label") != "GOV" or \
            not all(isinstance(entry.get(k), str) and entry[k] for k in required):
        raise DataFileError(f"central_bodies.json: every body needs a name, a kind, a current "
                            f"body and the label GOV: {entry!r}")
    lists = {}
    for key in ("via", "written", "units"):
        lists[key] = tuple(_words({key: entry.get(key, [])}, key, "central_bodies.json"))
    return CentralBody(entry["name"], entry["kind"], entry["current"], _year(entry, "from"),
                       _year(entry, "until"), lists["via"], lists["written"], lists["units"])


def _inventory(data: dict[str, Any]) -> dict[str, CentralBody]:
    """Every written form of the inventory -> its body (a name before an abbreviation
    that two bodies share: 国家计委)."""
    bodies = data.get("bodies")
    if not isinstance(bodies, list) or not bodies:
        raise DataFileError("central_bodies.json: 'bodies' must be a list of bodies")
    forms: dict[str, CentralBody] = {}
    parsed = [_central_body(entry) for entry in bodies]
    for body in parsed:
        if body.name in forms:
            raise DataFileError(f"central_bodies.json: {body.name} is listed twice")
        forms[body.name] = body
    for body in parsed:
        for written in body.written:
            forms.setdefault(written, body)
    return forms


@lru_cache(maxsize=1)
def grammar() -> BodyGrammar:
    """The validated body grammar and central inventory, loaded once."""
    text = read_data_text("gov_bodies.json")
    data = parse_json("gov_bodies.json", text)
    heads = _words(data, "heads")
    need = _words(data, "heads_need_domain")
    groups = _words(data, "group_heads")
    if not set(need) <= set(heads):
        raise DataFileError("gov_bodies.json: 'heads_need_domain' must list words of 'heads'")
    domains = _words(data, "domains")
    vetoes = data.get("head_vetoes", {})
    central_vetoes = data.get("central_vetoes", {})
    if not isinstance(vetoes, dict) or not isinstance(central_vetoes, dict):
        raise DataFileError("gov_bodies.json: 'head_vetoes' and 'central_vetoes' must be objects")
    central_data = parse_json("central_bodies.json", read_data_text("central_bodies.json"))
    inventory = _inventory(central_data)
    foreign = central_data.get("foreign", {})
    short_forms = central_data.get("short_forms", {})
    if not isinstance(foreign, dict) or not isinstance(short_forms, dict):
        raise DataFileError("central_bodies.json: 'foreign' and 'short_forms' must be objects")
    foreign_bodies = _words(foreign, "bodies", "central_bodies.json")
    foreign_heads = _words(foreign, "heads", "central_bodies.json")
    central = tuple(dict.fromkeys([*_words(data, "central"), *inventory]))
    return BodyGrammar(
        central=central,
        inventory=inventory,
        foreign_bodies=frozenset(foreign_bodies),
        foreign_heads=frozenset(foreign_heads),
        short_forms={str(k): tuple(_words(short_forms, k, "central_bodies.json"))
                     for k in short_forms},
        generic_before=tuple(_words(data, "generic_before")),
        level_domains=tuple(d for d in domains if "级" in d),
        central_vetoes={str(k): str(v) for k, v in central_vetoes.items()},
        unit_endings=tuple(_words(data, "unit_endings")),
        sub_unit_endings=tuple(_words(data, "sub_unit_endings")),
        sub_unit_verbs=frozenset(_words(data, "sub_unit_verbs")),
        not_sub_units=frozenset(_words(data, "not_sub_units")),
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
        central_pattern=_alternation([*central, *foreign_bodies]),
        foreign_head_pattern=_alternation(foreign_heads),
    )


def central_body(name: str) -> CentralBody | None:
    """The inventory entry of a State Council body as written (央行, 建设部,
    中华人民共和国外交部), with its current successor; None for other names."""
    written = "".join(name.split())
    for prefix in ("中华人民共和国", "中国"):
        if written.startswith(prefix) and written not in grammar().inventory:
            written = written[len(prefix):]
    return grammar().inventory.get(written)


def find_bodies(text: str, place_spans: Sequence[tuple[int, int]] = (),
                foreign_spans: Sequence[tuple[int, int]] = ()) -> list[FoundBody]:
    """Every government body in ``text``, left to right, flat and non-overlapping.

    ``place_spans`` are the named places the gazetteer found (start, end), used
    as prefixes (河南省 + 民政厅) and as the left end of leading-group names;
    ``foreign_spans`` are countries and cities abroad, which also take the heads
    of foreign bodies (日本 + 外务省, 美国 + 国会, 日本 + 政府: SPEC's governments
    keep their place).
    """
    g = grammar()
    place_ends = {end: start for start, end in place_spans}
    place_starts = {start: end for start, end in place_spans}
    central = _central_matches(text, g, {end: start for start, end in foreign_spans},
                               place_starts, place_ends)
    found: list[FoundBody] = []
    taken_until = 0
    for head in g.head_pattern.finditer(text):
        if head.start() < taken_until:
            continue
        body = None
        for word in _heads_ending(head.group(0), g):  # 市场监督管理 + 局, not 市场监督 + 管理局
            body = _body_ending_with(text, word, head.end() - len(word), g, place_ends, found,
                                     central)
            if body is not None:
                break
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
        while found and body.start < found[-1].end:  # a party department inside its committee
            found.pop()
        found.append(body)
        taken_until = body.end
    found += _foreign_bodies(text, g, foreign_spans)
    found.sort(key=lambda b: (b.start, -b.end))
    found = _with_sub_units(text, _with_central(_flat(found), central.values()), g)
    return [b for b in found if not any(b.text.endswith(w) and w in text[max(0, b.start - 4):b.end]
                                         for w in g.not_bodies)
            and not b.text.startswith(g.level_domains)]  # (各 | 省级政府采购中心: a kind)


#: How far after a body its sub-unit may reach (政府采购监督管理处: 9 characters).
_SUB_UNIT_REACH = 12
#: Parts of speech of the words of a sub-unit's name (nouns, verbal nouns,
#: abbreviations, attributes); any other word ends it (各, 要求, 落到实处).
_IN_SUB_UNIT = ("n", "vn", "j", "b")


def _with_sub_units(text: str, found: list[FoundBody], g: BodyGrammar) -> list[FoundBody]:
    """``found`` with the sub-unit written right after each body kept in it
    (辽宁省财政厅 + 政府采购监督管理处, 财政部 + 国库司), up to the next body."""
    kept = []
    for i, body in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        end = _sub_unit_end(text, body.end, min(limit, body.end + _SUB_UNIT_REACH + 2), g)
        kept.append(body if end == body.end else
                    FoundBody(body.start, end, text[body.start:end], body.bare_level,
                              body.name_start))
    return kept


def _sub_unit_end(text: str, end: int, limit: int, g: BodyGrammar) -> int:
    """The end of a sub-unit's name written from ``end`` (words of Chinese
    characters: nouns, and the verbs of ``sub_unit_verbs``, up to a word ending in
    one of ``sub_unit_endings`` that no longer word runs on from: 管理处, not 处长;
    never a word of ``not_sub_units``: 网站);
    ``end`` itself when there is none."""
    window = text[end:limit]
    if not any(ending in window for ending in g.sub_unit_endings):
        return end  # (most bodies: no ending within reach, no tagging)
    best = at = end
    for word in pos_tagger().cut(window):
        if at > end and len(word.word) == 3 and word.word[0] == word.word[1] and \
                word.word[0] in g.sub_unit_endings and word.word[2] == "长":
            best = at + 1  # 政府采购 | 处处长: jieba joins the unit's 处 to its head's title (处长)
            break
        named = word.flag.startswith(_IN_SUB_UNIT) or word.word in g.sub_unit_verbs
        if not named or word.word in g.not_sub_units or \
                not all("\u4e00" <= char <= "\u9fff" for char in word.word):
            break
        at += len(word.word)
        if at - end > _SUB_UNIT_REACH or at >= limit and limit < len(text):
            break  # (a word cut by the window may run on: 处 | 长)
        if word.word.endswith(g.sub_unit_endings):
            best = at
    return best


def _flat(bodies: list[FoundBody]) -> list[FoundBody]:
    """Bodies sorted by start (longest first), without the ones that overlap a kept one."""
    kept: list[FoundBody] = []
    for body in bodies:
        if not kept or body.start >= kept[-1].end:
            kept.append(body)
    return kept


def _with_central(found: list[FoundBody], central: Iterable[FoundBody]) -> list[FoundBody]:
    """``found`` (flat, sorted) with the central bodies written whole, which win
    over the bodies inside them (中共中央统战部, not 中共 + 中央统战部) and give
    way to a body that reaches beyond them (国务院 + 机关事务管理局)."""
    starts = [b.start for b in found]
    removed: set[int] = set()
    added = []
    for whole in central:
        first = max(0, bisect_left(starts, whole.start) - 1)
        inside = [i for i in range(first, bisect_left(starts, whole.end))
                  if found[i].end > whole.start]
        if all(whole.start <= found[i].start and found[i].end <= whole.end for i in inside):
            removed.update(inside)
            added.append(whole)
    kept = [b for i, b in enumerate(found) if i not in removed]
    return sorted(kept + added, key=lambda b: b.start)


def _heads_ending(word: str, g: BodyGrammar) -> list[str]:
    """``word`` and the shorter heads it ends with (管理局, 局), longest first."""
    return [word, *sorted((h for h in g.heads if h != word and word.endswith(h)),
                          key=len, reverse=True)]


def _central_matches(text: str, g: BodyGrammar, foreign_ends: Mapping[int, int],
                     place_starts: Mapping[int, int], place_ends: Mapping[int, int]
                     ) -> dict[int, FoundBody]:
    """Central bodies written whole, by end: with a session before them (八届全国人大),
    a foreign place before a foreign head (美国 + 国务院), a named place written right
    before them, whose counterpart body they then name (香港 + 证监会, SPEC: the place
    prefix is part of the span), and a place and a local unit after them
    (国家统计局 + 大庆 + 调查队)."""
    bodies: dict[int, FoundBody] = {}
    for match in g.central_pattern.finditer(text):
        start, end, name = match.start(), match.end(), match.group(0)
        if text[end:end + 1] in g.central_vetoes.get(name[-1], "") and end < len(text):
            continue  # 科技部门: departments in general
        if not _stands_alone(text, start, end):
            continue  # 全国会议 is no 国会, 中央行政 no 央行
        first = start
        if start in foreign_ends and (name in g.foreign_heads or name in g.foreign_bodies):
            first = foreign_ends[start]
        while first in place_ends and not name.startswith(_NATIONAL):
            first = place_ends[first]
        session = _SESSION.search(text, max(0, first - 5), first)
        first = session.start() if session else first  # 八届全国人大: the session's body
        body = g.inventory.get(name)
        if body is not None and body.units:
            end = _unit_end(text, end, body.units, place_starts)
        bodies[end] = FoundBody(first, end, text[first:end])
    return bodies


#: Beginnings of the names of bodies that only the whole country has (国务院, 全国人大,
#: 中共中央, 最高人民法院): no place before them is theirs.
_NATIONAL = ("国", "全国", "中", "党中央", "最高")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a short name (央行, 国会, FBI) is not part of a longer word: no
    letter runs on from a Latin name, and no word more common than a
    two-character name crosses either of its edges (全国会议, 中央行政, 提高法律)."""
    if text[start:end].isascii():
        around = text[start - 1:start] + text[end:end + 1] if start else text[end:end + 1]
        return not any(char.isascii() and char.isalnum() for char in around)
    if end - start > 2:
        return True
    own = word_frequency(text[start:end])
    return not (start and word_frequency(text[start - 1:start + 1]) > own) and \
        not (end < len(text) and word_frequency(text[end - 1:end + 1]) > own)


def _unit_end(text: str, end: int, units: Sequence[str], place_starts: Mapping[int, int]) -> int:
    """The end of a local unit written after a central body and its place
    (人民银行 + 南昌 + 中心支行; 审计署 + 驻 + 广州 + 特派员办事处); ``end`` itself
    when none is."""
    position = end + 1 if text.startswith("驻", end) else end
    if position in place_starts:
        start = position
    else:
        return end
    while position in place_starts:
        position = place_starts[position]
    if position == start:
        return end
    unit = next((u for u in sorted(units, key=len, reverse=True)
                 if text.startswith(u, position)), None)
    return position + len(unit) if unit else end


def _foreign_bodies(text: str, g: BodyGrammar, foreign_spans: Sequence[tuple[int, int]]
                    ) -> list[FoundBody]:
    """A foreign country or city and the head of one of its bodies (日本 + 外务省)."""
    found = []
    for start, end in foreign_spans:
        match = g.foreign_head_pattern.match(text, end)
        if match is not None and not _vetoed(text, match.end(), match.group(0), g):
            found.append(FoundBody(start, match.end(), text[start:match.end()], name_start=end))
    return found


def _body_ending_with(text: str, word: str, start: int, g: BodyGrammar,
                      place_ends: Mapping[int, int], found: list[FoundBody],
                      central: Mapping[int, FoundBody]) -> FoundBody | None:
    end = start + len(word)
    if _vetoed(text, end, word, g):
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
    previous = found[-1] if found and found[-1].end == left else central.get(left)
    if previous is not None and (word in g.party_departments and previous.text.endswith("委")
                                 or domains and left not in place_ends):
        # 县委 + 宣传部; 国务院 + 机关事务管理局, 市财政局 + 政府采购管理办公室: a
        # department written right after its body, with no place of its own.
        return FoundBody(previous.start, end, text[previous.start:end], previous.bare_level,
                         previous.name_start)
    prefix_start, bare = _prefix_before(text, left, g, place_ends)
    if domains == 0 and (word in g.heads_need_domain or prefix_start == left):
        return None
    named = prefix_start < left and bare is None
    return FoundBody(prefix_start, end, text[prefix_start:end], bare, left if named else None)


def _vetoed(text: str, end: int, head: str, g: BodyGrammar) -> bool:
    """Whether the character after ``head`` makes it another word (局长, 政府采购)."""
    return end < len(text) and text[end] in g.head_vetoes.get(head, "")


def _prefix_before(text: str, position: int, g: BodyGrammar, place_ends: Mapping[int, int]
                   ) -> tuple[int, str | None]:
    """Named places (chained: 河南省商丘市) or one bare level written before
    ``position``; a bare level after a named place repeats it (崇礼县 + 县政府 as
    written 崇礼县政府, 大庆市 + 市委)."""
    start = position
    while start in place_ends:
        start = place_ends[start]
    if start < position:
        return start, None
    for level in g.bare_levels:
        first = position - len(level)
        if first < 0 or not text.startswith(level, first):
            continue
        if text[first - 1:first] == "该" and first:
            return position, None  # 该市 + 行政服务中心: the level points back, it names nothing
        if len(level) == 1 and first >= 2 and \
                word_frequency(text[first - 2:position]) >= _NAME_ENDING_IN_LEVEL:
            return position, None  # 中关村 + 管委会: the level ends a name, it is no prefix
        if len(level) == 1 and first >= 1 and _ends_a_word(text[first - 1:position], g):
            return position, None  # 灾区 + 政府, 城市 + 政府, 团 + 省委: no level of a body
        named = place_ends.get(first)
        if named is not None and (text[named:first].endswith(level) or
                                  not text[named:first].endswith(g.bare_levels)):
            while named in place_ends:
                named = place_ends[named]
            return named, None
        return first, level
    return position, None


#: How common a three-character word ending in a level must be to be a name
#: (中关村 153, 华西村 21 in the word list), not a word and a bare level.
_NAME_ENDING_IN_LEVEL = 20
#: How common a two-character word ending in a one-character level must be to hide
#: it (灾区 694, 城市 25084 in the word list; 外省 175 and 新区 145 do not).
_WORD_ENDING_IN_LEVEL = 500
#: Characters before a level that point at it (全市, 本县, 各省, 该区) or name the
#: Youth League's committee of that level (团省委: no party committee).
_POINTING = frozenset("全本各该每此我两这那")
_YOUTH_LEAGUE = "团"


def _ends_a_word(word: str, g: BodyGrammar) -> bool:
    """Whether a one-character level ends a common word with the character before
    it (灾区, 山区, 城市), so that it is no bare level opening a body; or follows 团."""
    if word[0] == _YOUTH_LEAGUE:
        return True
    return word[0] not in _POINTING and word not in g.bare_levels and word != "社区" and \
        word_frequency(word) >= _WORD_ENDING_IN_LEVEL


def _group_body(text: str, start: int, end: int, place_ends: Mapping[int, int]
                ) -> FoundBody | None:
    """商丘市质量强市工作领导小组办公室: free text back to a named place (or 全省),
    or to a bare level opening the clause (省 | 防汛抗旱指挥部办公室, 国家 | 防汛抗旱
    总指挥部)."""
    floor = max(0, start - _GROUP_REACH)
    for position in range(start - 1, floor - 1, -1):
        if text[position] in _CLAUSE_BREAK:
            return _opened_by_level(text, position + 1, start, end)
        if position in place_ends:
            first = place_ends[position]
            while first in place_ends:
                first = place_ends[first]
            return FoundBody(first, end, text[first:end])
        if text.startswith(_WHOLE_PREFIXES, position):
            return FoundBody(position, end, text[position:end])
    return _opened_by_level(text, 0, start, end) if floor == 0 else None


def _opened_by_level(text: str, opening: int, start: int, end: int) -> FoundBody | None:
    """A headquarters (指挥部) whose clause opens with a bare level (省, 市, 国家)
    before its free-text domain; None when the clause opens otherwise, or the
    text between holds a body of its own."""
    level = next((lv for lv in _GROUP_LEVELS if text.startswith(lv, opening)), None)
    domain = text[opening + len(level):start] if level is not None else ""
    if level is None or not domain or "指挥部" not in text[start:end] or \
            any(char in _NOT_IN_DOMAIN for char in domain) or \
            any(word in domain for word in _BODY_WORDS):
        return None  # (县里成立了 | 指挥部: a clause, no name; 区政府新建… | 指挥部: two)
    return FoundBody(opening, end, text[opening:end])


#: Characters no free-text domain of a name holds (particles, 里 of 县里).
_NOT_IN_DOMAIN = frozenset("了的里是在和与及着过把被将")
#: Words of a body inside the free text before a headquarters (区政府 | 新建…指挥部).
_BODY_WORDS = ("政府", "委", "局", "厅", "办", "人大", "政协", "部")
#: Bare levels that may open a headquarters' name (国家防汛抗旱总指挥部).
_GROUP_LEVELS = ("国家", "中央", "省", "市", "县", "区")


def _longest_ending_at(text: str, end: int, words: frozenset[str], longest: int) -> str | None:
    for length in range(min(longest, end), 0, -1):
        if text[end - length:end] in words:
            return text[end - length:end]
    return None


_SHORT_NAME = re.compile(r"[（(]以下简称[“\"‘]?([^“”\"‘’（）()，,。]{3,10})[”\"’]?[）)]")


def short_names(text: str, bodies: Sequence[FoundBody]) -> list[FoundBody]:
    """The short names a document gives the bodies it named in full, wherever
    they stand alone: the name without its place (大庆市政府采购中心 -> 政府采购中心),
    the short forms of its head (-> 采购中心, ``short_forms`` of the inventory)
    and what it defines (…办公室（以下简称“采购办”）). Generic words such as
    中心 are no short name (decision 31: two characters are too few)."""
    g = grammar()
    names: set[str] = set()
    for body in bodies:
        name = "".join(body.text.split())
        if body.name_start is not None and len(name) - (body.name_start - body.start) >= 4:
            names.add("".join(text[body.name_start:body.end].split()))
        for ending, forms in g.short_forms.items():
            if name.endswith(ending):
                names.update(forms)
        defined = _SHORT_NAME.match(text, body.end)
        if defined is not None:
            names.add(defined.group(1))
    names = {n for n in names if len(n) >= 3}
    if not names:
        return []
    taken = sorted((b.start, b.end) for b in bodies)
    starts = [start for start, _ in taken]
    found = []
    for match in _alternation(names).finditer(text):
        start, end = match.span()
        k = bisect_left(starts, end)  # bodies are flat: only the one before may overlap
        before = text[max(0, start - 4):start].removesuffix("的")
        if (k == 0 or taken[k - 1][1] <= start) and _stands_alone(text, start, end) and \
                not before.endswith(g.generic_before):  # (一些地方 | 政府采购中心主任)
            found.append(FoundBody(start, end, match.group(0)))
    return found

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
