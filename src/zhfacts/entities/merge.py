"""Named entities of a document (GOV, ORG, PERSON, GPE, LOC), in original offsets.

The spaCy-free path, like :mod:`zhfacts.numbers.figures` for figures: clean the
text, run the recognizers on the clean string, merge their candidates into
flat spans, and map every span back so that
``entity.text == text[entity.start:entity.end]``.

Sources, by what decides: government bodies from the grammar in
:mod:`zhfacts.entities.bodies`, cued people's names from :mod:`zhfacts.entities.people`,
organizations and landmarks named with a type word from
:mod:`zhfacts.entities.organizations` and :mod:`zhfacts.entities.landmarks`,
places (GPE, with codes and parents) from the gazetteer in
:mod:`zhfacts.entities.gazetteer`, and the names no rule has a cue for from the
statistical model in :mod:`zhfacts.ner.model`, relabelled by what the
grammar and the gazetteer know of them. :func:`merge_candidates` makes the
spans flat (SPEC section 6: the longest entity wins) with rules first and
the model filling what they left.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Generic, Protocol, TypeVar

from zhfacts.datafiles import read_data_json
from zhfacts.entities.bodies import (
    FoundBody,
    body_norm,
    find_bodies,
    levels_of,
    short_names,
)
from zhfacts.entities.bodies import grammar as body_grammar
from zhfacts.entities.gazetteer import (
    LEVELS,
    Gazetteer,
    ResolvedPlace,
    find_places,
    load_gazetteer,
    resolve_places,
    vetoes,
)
from zhfacts.entities.landmarks import extend_roads, find_landmarks
from zhfacts.entities.name_lists import split_name_lists, word_frequency
from zhfacts.entities.organizations import (
    company_endings,
    company_short_name,
    find_organizations,
    find_short_names,
    is_known_organization,
)
from zhfacts.entities.organizations import grammar as organization_grammar
from zhfacts.entities.people import address_form_length, find_people, names_a_term
from zhfacts.entities.user_entities import UserEntities
from zhfacts.entities.world import world_places
from zhfacts.ner.model import tag_entities
from zhfacts.page.page import Page
from zhfacts.results import Entity
from zhfacts.words import segmenter, starts_word, word_begun, word_dictionary


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


@dataclass(frozen=True)
class Candidate:
    """A proposed entity on the clean text, before merging."""

    label: str
    start: int
    end: int
    norm: dict[str, Any]
    by: str
    #: No longer span may start before this one's start (a body written with
    #: a bare level, 市财政局, is never the tail of 联合市财政局).
    anchored: bool = False
    #: A user's own name (:mod:`zhfacts.entities.user_entities`): decided before all else.
    forced: bool = False


class SpanIndex(Generic[S]):
    """Spans sorted by start, for "which of them lie in / overlap this range"
    in logarithmic time plus the answer: every lookup of the merge goes
    through one, so entity merging stays near-linear on any text."""

    def __init__(self, items: Iterable[S]) -> None:
        self.items = sorted(items, key=lambda item: (item.start, item.end))
        self.starts = [item.start for item in self.items]
        self.longest = max((item.end - item.start for item in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[S]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [item for item in self.items[lo:hi] if item.end > start]

    def inside(self, start: int, end: int) -> list[S]:
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        return [item for item in self.items[lo:hi] if item.end <= end]


def merge_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Flat spans, decided in four rounds, the longest span first in each.

    1. Rules (GOV grammar, cued people, organizations with a type word), and
       model organizations that contain rule spans whole and reach beyond
       them (中共中央政治局 around 中共中央, 苏州大学法学院 around 苏州大学):
       the longest entity wins.
    2. Model names that contain a gazetteer place and reach beyond it: an
       organization or person named after a place is one span (SPEC section
       6: 柘城县人民医院 is one ORG), and so is a road or river (重庆路); and
       model people over places written short (李长春 is no 长春市).
    3. The gazetteer's places.
    4. The rest of the model's names, only in the text left free.
    """
    pool = list(candidates)
    places = sorted((c.start, c.end) for c in pool if c.by == "gazetteer")
    written_full = SpanIndex(c for c in pool if c.by == "gazetteer"
                             and c.end - c.start >= len(c.norm.get("name", "")))
    rules = SpanIndex(c for c in pool if c.by == "rule")

    def round_of(c: Candidate) -> int:
        if c.forced:
            return -1
        if c.by == "rule":
            return 0
        if c.label in ("ORG", "GOV") and _encloses(c, rules) and not _second_name(c, rules) and \
                (_ends_in_type_word(c.norm.get("name", "")) or _around_body(c, rules)):
            return 0
        if c.by == "gazetteer":
            return 2
        if c.label == "PERSON" and not written_full.overlapping(c.start, c.end):
            return 1
        return 1 if _extends_place(c, places) else 3

    # An organization around a body is a body too (中共中央 -> 中共中央政治局).
    pool = [replace(c, label="GOV") if c.by == "model" and c.label == "ORG" and round_of(c) == 0
            and any(r.label == "GOV" for r in rules.inside(c.start, c.end))
            else c for c in pool]
    ordered = sorted(pool, key=lambda c: (round_of(c), -(c.end - c.start), c.start))
    starts: list[int] = []  # kept spans are disjoint, so sorted by start is sorted by end
    ends: list[int] = []
    kept: list[Candidate] = []
    for candidate in ordered:
        k = bisect_right(starts, candidate.start)
        if k and ends[k - 1] > candidate.start or k < len(starts) and starts[k] < candidate.end:
            continue
        starts.insert(k, candidate.start)
        ends.insert(k, candidate.end)
        kept.insert(k, candidate)
    return kept


def _ends_in_type_word(name: str) -> bool:
    """Whether ``name`` ends like a body or an organization (局, 委员会, 学院)."""
    return "".join(name.split()).endswith(_type_words())


@lru_cache(maxsize=1)
def _type_words() -> tuple[str, ...]:
    bodies = body_grammar()
    return (*bodies.heads, *bodies.group_heads, *bodies.central, *bodies.foreign_heads,
            *bodies.foreign_bodies, *organization_grammar().suffixes)


def _encloses(candidate: Candidate, rules: SpanIndex[Candidate]) -> bool:
    """Whether ``candidate`` contains exactly one rule span, whole and shorter,
    cuts no other, and does not reach left of an anchored one."""
    inside = 0
    for rule in rules.overlapping(candidate.start, candidate.end):
        if rule.start < candidate.start or rule.end > candidate.end or \
                (rule.start, rule.end) == (candidate.start, candidate.end) or \
                (rule.anchored and candidate.start < rule.start):
            return False
        inside += 1
    return inside == 1


def _after_opening_body(text: str, start: int, end: int, bodies: list[FoundBody]) -> int:
    """Where an organization begins when a government body opens its span and a
    country or city follows it (国家发改委 | 中国宏观经济学会): after the body."""
    body = next((b for b in bodies if b.start == start and b.end < end), None)
    if body is None:
        return start
    world = world_places()
    rest = text[body.end:end]
    return body.end if any(rest[:k] in world for k in range(2, min(len(rest), 8) + 1)) \
        else start


def _around_body(candidate: Candidate, rules: SpanIndex[Candidate]) -> bool:
    """Whether the one rule span inside a model organization is a government
    body and the model's longer name ends like a unit or a group of it
    (国家科委 + 基础研究高技术司, 美国众议院 + 民主党; not 县纪委监委 + 聚焦医保基金)."""
    inside = rules.inside(candidate.start, candidate.end)
    name = "".join(candidate.norm.get("name", "").split())
    return len(inside) == 1 and inside[0].label == "GOV" and \
        name.endswith(body_grammar().unit_endings)


def _second_name(candidate: Candidate, rules: SpanIndex[Candidate]) -> bool:
    """Whether what follows the rule span that opens ``candidate`` begins with a
    country or city of its own (国家发改委 | 中国宏观经济学会): two names, not one."""
    inside = rules.inside(candidate.start, candidate.end)
    if len(inside) != 1 or inside[0].start != candidate.start or inside[0].label != "GOV":
        return False
    rest = "".join(candidate.norm.get("name", "").split())[inside[0].end - candidate.start:]
    world = world_places()
    return any(rest[:k] in world for k in range(2, min(len(rest), 8) + 1))


def _extends_place(candidate: Candidate, places: list[tuple[int, int]]) -> bool:
    """Whether ``candidate`` contains a place and ends beyond the last place
    inside it (柘城县人民医院, 重庆路; not 河南省商丘市, which is two places)."""
    k = bisect_right(places, (candidate.start, -1))
    last_end = -1
    while k < len(places) and places[k][0] < candidate.end:
        start, end = places[k]
        if end > candidate.end:
            return False
        last_end = max(last_end, end)
        k += 1
    return candidate.start <= last_end < candidate.end


@dataclass(frozen=True)
class ModelFilters:
    """How the model's names are read (``data/model_filters.json``)."""

    generic_names: frozenset[str]
    generic_starts: tuple[str, ...]
    address_ends: tuple[str, ...]
    level_ends: tuple[str, ...]
    government_ends: tuple[str, ...] = ()
    body_ends: tuple[str, ...] = ()
    indicator_ends: tuple[str, ...] = ()
    division_ends: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def model_filters() -> ModelFilters:
    data = read_data_json("model_filters.json")
    return ModelFilters(frozenset(data["generic_names"]), tuple(data["generic_starts"]),
                        tuple(data["address_ends"]), tuple(data["level_ends"]),
                        tuple(data.get("government_ends", ())), tuple(data.get("body_ends", ())),
                        tuple(data.get("indicator_ends", ())),
                        tuple(data.get("division_ends", ())))


def model_candidates(text: str, places: SpanIndex[ResolvedPlace]) -> list[Candidate]:
    """The statistical model's names, labelled by what zhfacts knows of them.

    The model speaks PER, LOC, ORG and GOV. An ORG or GOV that the GOV grammar
    reads as a body whole is GOV, any other ORG; a LOC that is exactly a place the gazetteer
    resolved, or a country or foreign city, is GPE; the rest keep ORG, LOC
    and PERSON. Type words alone (中心) are dropped, a LOC that runs into a
    house number is cut back to its road, and a LOC that begins with places
    written in full keeps only what follows them (金水区 + 花园路).
    """
    by_span = {(p.start, p.end): p for p in places.items}
    place_names = Counter(text[p.start:p.end] for p in places.items)
    world = world_places()
    filters = model_filters()
    found: list[Candidate] = []
    tagged = _split_joined_bodies(text, split_name_lists(text, tag_entities(text),
                                                         _ends_in_type_word))
    singles = frozenset(start for start, end, label in tagged
                        if label == "LOC" and end - start == 1)
    for start, end, label in tagged:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum() and text[end - 1] not in "）)":
            end -= 1
        if label == "LOC":
            end = extend_roads(text, end)
            start, end = _loc_extent(text, start, end, places, filters)
        name = text[start:end]
        if not name or name in filters.generic_names or \
                name.startswith(filters.generic_starts) or not _balanced(name) or \
                label in ("ORG", "GOV", "LOC") and organization_grammar().generic(name) or \
                _after_places(text, start, end, places) in filters.generic_names:
            continue
        if label == "PERSON" and names_a_term(text, end):
            continue  # 恩格尔系数, 玉茗花戏剧节: a term or an event, not a person
        if label == "PERSON":
            end -= address_form_length(name)  # 吴 | 先生: the name without the address
            name = text[start:end]
        if label == "LOC" and len(name) > 1 and (start, end) not in by_span and \
                name not in world and _ends_inside_word(text, start, end):
            continue  # 太阳 | 能: the start of a common noun, no place
        norm: dict[str, Any] = {"name": name}
        if label == "LOC" and len(name) == 1:  # 豫, 中, 港: a place only where it stands as one
            if not _stands_as_place(text, start, singles):
                continue
            province = _province_reading(text, start, singles)
            if province is not None:
                label, norm = "GPE", _province_norm(province)
        if label in ("ORG", "GOV") and name.upper().endswith(filters.indicator_ends):
            continue  # 深圳GDP: a place and an indicator
        if label in ("ORG", "GOV"):  # a body where the grammar reads one
            label = "GOV" if _is_body(name, start, places) or \
                _named_station(name, filters.body_ends) or \
                label == "GOV" and _ends_in_head(name) else "ORG"
            if label == "ORG" and "".join(name.split()).endswith(filters.government_ends):
                continue  # 河南省电子化政府(采购系统): a government's name the grammar rejects

        elif label == "PERSON" and len(name) > 2 and name in world:
            label, norm = "GPE", world[name].norm()  # 马拉维, 扎伊尔: countries, not people
        elif label == "PERSON" and (start, end) in by_span and place_names[name] > 1:
            # 令大庆政采人自豪: a place the page names as a place elsewhere, not a person
            label, norm = "GPE", by_span[(start, end)].norm()
        elif label == "LOC":
            place = by_span.get((start, end))
            abroad = world.get(name)
            if place is not None:
                label, norm = "GPE", place.norm()
            elif abroad is not None:
                label, norm = "GPE", abroad.norm()
        if label in ("LOC", "PERSON") and _named_division(name, filters.division_ends) and \
                not (label == "PERSON" and name.endswith("市")):  # (原正市: a Japanese name)
            # 淮阴市, 堆龙德庆县, 孙居砦乡: a division the gazetteer does not list (a former
            # name, a township) is still a division, whatever the model called it
            label, norm = "GPE", {"name": name, "code": None, "parents": []}
        found.append(Candidate(label, start, end, norm, "model"))
    return found


def _ends_inside_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the beginning of one word of the segmenter's,
    which its dictionary tags as a common noun (太阳 | 能; not 长江 | 流域, a place, nor
    中华 | 民族, a proper noun MSRA reads 中华 in, nor 秋涛路 | 口, where the word starts
    inside the name) and which is not the place's lands or people (东欧 | 国家): a model's
    LOC that is only the start of a common noun is no place."""
    word = word_begun(text, start, end)
    return bool(word) and word_dictionary().tags.get(word) == "n" and \
        word[end - start:] not in _PEOPLE_OF_PLACE


#: What a place's name joins into one word of its lands or people (东欧国家, 普鲁士人):
#: the name is still a place.
_PEOPLE_OF_PLACE = frozenset(("国家", "地区", "各国", "人", "一带"))


#: How often jieba's dictionary has seen the last two characters of a name that make
#: them an ordinary word (超市, 城镇, 股市), not a stem and a division's suffix.
_ORDINARY_ENDING = 20


def _named_division(name: str, division_ends: tuple[str, ...]) -> bool:
    """Whether ``name`` is a division by its suffix (县, 市, 乡, 镇): a stem of two or
    more Chinese characters and a suffix that is no part of an ordinary word ending
    the name (沃尔玛超市, 小城镇 are no divisions)."""
    suffix = next((end for end in division_ends if name.endswith(end)), "")
    stem = name[:len(name) - len(suffix)]
    return bool(suffix) and len(stem) >= 2 and _cjk(stem) and \
        word_frequency(name[-len(suffix) - 1:]) < _ORDINARY_ENDING


@dataclass(frozen=True)
class Abbreviations:
    """One-character abbreviations of provinces (``data/province_abbreviations.json``)."""

    provinces: dict[str, str]
    bound_after: frozenset[str]
    place_words: tuple[str, ...]
    needs_partner: frozenset[str]


@lru_cache(maxsize=1)
def abbreviations() -> Abbreviations:
    data = read_data_json("province_abbreviations.json")
    return Abbreviations({str(k): str(v) for k, v in data["abbreviations"].items()},
                         frozenset(data["bound_after"]), tuple(data["place_words"]),
                         frozenset(data["needs_partner"]))


#: A word jieba's dictionary has seen this often is a word (京报, 中药).
_WORD_SEEN = 10


def _is_abbreviation(char: str) -> bool:
    return char in abbreviations().provinces or char in _country_characters()


@lru_cache(maxsize=1)
def _country_characters() -> frozenset[str]:
    return frozenset(name for name in world_places() if len(name) == 1)


def _run(start: int, singles: frozenset[int]) -> tuple[int, int]:
    """The run of one-character places the model tagged around ``start`` (港澳台
    in 港澳台商)."""
    first, last = start, start + 1
    while first - 1 in singles and start - first < _RUN_REACH:
        first -= 1
    while last in singles and last - start < _RUN_REACH:
        last += 1
    return first, last


#: Runs of abbreviations are short (京津冀, 苏浙沪皖): a bound keeps the work linear.
_RUN_REACH = 8


def _stands_as_place(text: str, start: int, singles: frozenset[int]) -> bool:
    """Whether a one-character place stands as a place. A run of two or more
    abbreviations followed by a word about people or capital names a category,
    not places (港澳台商, 港澳台胞); a character whose place sense needs a partner
    (中) is no place where it begins a word of the dictionary other than a run
    of abbreviations and a word of place (中药材, 中西药; but 中美, 中方, 中外)."""
    a = abbreviations()
    run_start, run_end = _run(start, singles)
    if run_end - run_start > 1 and run_end < len(text) and text[run_end] in a.bound_after:
        return False
    if text[start] not in a.needs_partner or run_end - run_start > 1 or \
            text.startswith(a.place_words, run_end):
        return True  # 韩中建交, 中方: 中 has its partner
    for length in (2, 3, 4):
        word = text[start:start + length]
        if len(word) == length and word_frequency(word) >= _WORD_SEEN:
            rest = word.lstrip("".join(c for c in word if _is_abbreviation(c)))
            if rest and rest not in a.place_words:
                return False
    return True


def _province_reading(text: str, start: int, singles: frozenset[int]) -> str | None:
    """The province a one-character place names (豫 河南省), or None when it names
    a country: a character of both (澳, 苏) is a province only in a run with a
    province-only character (港澳, 苏浙沪), not alone or beside a country (中澳)."""
    char = text[start]
    province = abbreviations().provinces.get(char)
    if province is None or char not in _country_characters():
        return province
    first, last = _run(start, singles)
    others = text[first:start] + text[start + 1:last]
    return province if any(o in abbreviations().provinces and o not in _country_characters()
                           for o in others) else None


@lru_cache(maxsize=64)
def _province_norm(name: str) -> dict[str, Any]:
    """The GPE norm of a province by its full name (code from the gazetteer)."""
    gazetteer = load_gazetteer()
    written = [p for p in resolve_places(find_places(name, gazetteer), None, gazetteer)
               if p.text == name]
    return written[0].norm() if written else {"name": name, "code": None, "parents": []}


def _after_places(text: str, start: int, end: int, places: SpanIndex[ResolvedPlace]) -> str:
    """What follows the places that open ``text[start:end]`` (all of it when none do)."""
    for place in places.inside(start, end):
        if place.start == start and place.end < end:
            start = place.end
    return text[start:end]


_PAIRS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "「": "」", "【": "】"}


def _balanced(name: str) -> bool:
    """Whether every quotation mark or bracket opened in ``name`` closes in it."""
    stack: list[str] = []
    for char in name:
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif char in _PAIRS.values() and (not stack or stack.pop() != char):
            return False
    return not stack


def _loc_extent(text: str, start: int, end: int, places: SpanIndex[ResolvedPlace],
                filters: ModelFilters) -> tuple[int, int]:
    """The part of a model LOC that is a LOC: no house number, no leading
    places written in full. An empty result (start == end) drops it."""
    digit = next((i for i in range(start, end) if text[i].isdigit()), None)
    if digit is not None:
        end = digit if text[start:digit].endswith(filters.address_ends) else start
    for place in places.inside(start, end):
        if place.start == start and place.end < end and place.text.endswith(filters.level_ends):
            start = place.end
    return start, end


def _first_place(text: str, start: int, end: int, places: SpanIndex[ResolvedPlace]) -> int:
    """Where a name read back to a clause boundary begins when a place or a
    country stands inside it and nothing before that place starts a name
    (除 | 台湾鸿禧美术馆, 建设 | 中国科技馆): at the place. The name ends in its
    type word, so the place is part of it (SPEC section 6)."""
    world = world_places()
    for position in range(start + 1, end - 2):
        if any(p.start == position for p in places.inside(position, end)) or \
                any(text[position:position + k] in world for k in (2, 3)):
            return position
    return start


def _organization_start(start: int, end: int, places: SpanIndex[ResolvedPlace]) -> int:
    """Where an organization's name starts among the places before its type
    word: a place of a higher level after a lower one opens a new name
    (在西华县逍遥镇 | 河南禾丰源食品有限公司)."""
    previous: int | None = None
    for place in places.inside(start, end):
        rank = LEVELS.index(place.level) if place.level in LEVELS else None
        if rank is not None and previous is not None and rank < previous:
            start = place.start
        previous = rank
    return start


#: The longest country or foreign city name read before the head of one of its bodies.
_FOREIGN_NAME_REACH = 8
#: A one-character abbreviation (俄, 美) names a country only before a head this long
#: (俄 + 国防部, 美 + 国务院); before a short one it is a word (新政府, 新国会).
_ABBREVIATED_HEAD_MIN = 3


def countries_before_their_bodies(text: str, known: Iterable[tuple[int, int]]
                                  ) -> list[tuple[int, int]]:
    """Countries and foreign cities written right before the head of one of their
    bodies that the model did not tag (加拿大 + 政府, 俄 + 国防部), so that the body
    grammar reads the foreign body whole. The world list is read only here, where
    the head vouches for the name; a one-character abbreviation also needs a long
    head and must not end a word of the dictionary (增加 | 国防部)."""
    world = world_places()
    known_ends = {end for _, end in known}
    found = []
    for head in body_grammar().foreign_head_pattern.finditer(text):
        end = head.start()
        if end in known_ends:
            continue
        for length in range(min(end, _FOREIGN_NAME_REACH), 0, -1):
            start = end - length
            if text[start:end] not in world:
                continue
            if length == 1 and (len(head.group(0)) < _ABBREVIATED_HEAD_MIN or start > 0 and
                                word_frequency(text[start - 1:end]) >= _WORD_SEEN):
                break
            found.append((start, end))
            break
    return found


@lru_cache(maxsize=1)
def _head_words() -> tuple[str, ...]:
    g = body_grammar()
    return tuple({*g.heads, *g.foreign_heads, *g.unit_endings, *g.sub_unit_endings})


def _ends_in_head(name: str) -> bool:
    """Whether ``name`` ends in a word that ends bodies (局, 委员会, 部, 办公室, 处 …) but
    not in 政府 (a government the grammar rejects is a system's or a plan's name):
    a name the model reads as GOV that ends so is one, though the grammar does not
    know its domain (英国边境局, 市住保办机关服务中心, 中情局)."""
    return name.endswith(_head_words()) and not name.endswith(model_filters().government_ends)


def _split_joined_bodies(text: str, tagged: list[tuple[int, int, str]]
                         ) -> list[tuple[int, int, str]]:
    """A model ORG or GOV that joins two bodies with 和 / 与 / 及 (文昌看守所和文城交警中队)
    is two names, where each side ends as a body does (not 国家发展和改革委员会, whose
    first side is a domain)."""
    split: list[tuple[int, int, str]] = []
    for start, end, label in tagged:
        name = text[start:end]
        at = next((i for i, char in enumerate(name) if char in _BODY_JOINS and
                   _JOINED_SIDE_MIN <= i <= len(name) - 1 - _JOINED_SIDE_MIN and
                   _ends_in_body_word(name[:i]) and _ends_in_body_word(name)), -1) \
            if label in ("ORG", "GOV") else -1
        if at > 0:
            split += [(start, start + at, label), (start + at + 1, end, label)]
        else:
            split.append((start, end, label))
    return split


_BODY_JOINS = "和与及"
#: How long each side of two joined bodies is at least (看守所 + a place).
_JOINED_SIDE_MIN = 3


def _ends_in_body_word(name: str) -> bool:
    return _ends_in_head(name) or name.endswith(model_filters().body_ends)


def _named_station(name: str, body_ends: tuple[str, ...]) -> bool:
    """Whether ``name`` is a body named after a place of its own (东湖 + 派出所):
    Chinese characters, then one of ``body_ends``."""
    return any(name.endswith(e) and len(name) > len(e) and _cjk(name) for e in body_ends)


def _is_body(name: str, offset: int, places: SpanIndex[ResolvedPlace]) -> bool:
    """Whether the GOV grammar reads all of ``name`` as one government body (a
    country or city abroad may start it: 美国国会, 日本外务省)."""
    inside = [(p.start - offset, p.end - offset) for p in places.inside(offset, offset + len(name))]
    world = world_places()
    abroad = next(([(0, k)] for k in range(min(len(name) - 1, 8), 1, -1) if name[:k] in world), [])
    return any(b.start == 0 and b.end == len(name) for b in find_bodies(name, inside, abroad))


_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:村|社区)")
_NOT_IN_VILLAGE_NAME = frozenset("村镇乡区县市的了在和与及或各该全每本这那是为对到从向有等")


def unlisted_villages(text: str, places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Villages and communities written right after their town that the data
    does not list (陈青集镇 + 打油李村): GPEs under that town, code None
    (SPEC: natural villages the data lacks are still places). A place the
    matcher found inside such a name (油李村, elsewhere in China) gives way."""
    added: list[ResolvedPlace] = []
    for town in places:
        if town.level != "town":
            continue
        match = _VILLAGE.match(text, town.end)
        if match is None or any(c in _NOT_IN_VILLAGE_NAME for c in match.group(1)):
            continue
        start, end = match.span()
        if any(p.start == start and p.end == end for p in places):
            continue
        added.append(ResolvedPlace(start, end, text[start:end], text[start:end], "village", None,
                                   (*town.parents, town.name), True, 0))
    if not added:
        return places
    kept = [p for p in places if not any(a.start < p.end and p.start < a.end for a in added)]
    return sorted(kept + added, key=lambda p: p.start)


def abbreviated_cities(text: str, places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A city the document names in full, written again as its first character and 市
    (哈尔滨市 … 哈市郊区, 佳木斯市 … 宣传佳市): the same city. Only where the two
    characters start a word of their own (吸纳 | 哈市) and are no common word (城市, 上市,
    股市, 沪市: ``data/city_abbreviations.json``)."""
    cities: dict[str, ResolvedPlace] = {}
    for place in places:
        if place.level == "city" and place.resolved and place.name.endswith("市") and \
                len(place.name) >= 3:
            short = place.name[0] + "市"
            if cities.setdefault(short, place).name != place.name:
                cities[short] = replace(place, name="")  # two cities, one abbreviation
    not_cities, frequent = _city_abbreviation_vetoes()
    cities = {short: city for short, city in cities.items() if city.name and
              short not in not_cities and word_frequency(short) < frequent}
    if not cities:
        return places
    taken = SpanIndex(places)
    added: list[ResolvedPlace] = []
    for short, city in cities.items():
        at = text.find(short)
        while at >= 0:
            end = at + len(short)
            if not taken.overlapping(at, end) and not text.startswith("场", end) and \
                    starts_word(text, at):
                added.append(replace(city, start=at, end=end, text=short, place_id=None))
            at = text.find(short, end)
    return sorted(places + added, key=lambda p: p.start) if added else places


@lru_cache(maxsize=1)
def _city_abbreviation_vetoes() -> tuple[frozenset[str], int]:
    """The forms never read as a city's abbreviation and the word frequency that makes
    one an ordinary word (``data/city_abbreviations.json``)."""
    data = read_data_json("city_abbreviations.json")
    return frozenset(data["not_abbreviations"]), int(data["max_word_frequency"])


_BODY_AFTER_LEVEL = ("委", "政府", "政协", "人大", "人民政府", "纪委", "监委", "党委")


def _function_char_before_body(text: str, place: ResolvedPlace) -> bool:
    """和县 in 市委、市政府和县委: a two-character county name that begins with a
    function character and runs into a body head is the character plus a
    bare-level body (和 + 县委), not the county."""
    return len(place.text) == 2 and place.text[0] in vetoes().function_chars and \
        text.startswith(_BODY_AFTER_LEVEL, place.end)


def _first_character_ends_a_word(text: str, place: ResolvedPlace) -> bool:
    """商都 in 经销商都表示, 台中 in 电视台中: a short form of two characters whose first
    character ends a common word of three with the two before it is no place (unless
    a place ends there: 江苏 | 南京). Words of two are too many to say so (前台 | 湾)."""
    return len(place.text) == 2 and place.start >= 2 and \
        word_frequency(text[place.start - 2:place.start + 1]) > _ORDINARY_FREQUENCY


def _document_levels(place: str | None, places: list[ResolvedPlace], gazetteer: Gazetteer
                     ) -> dict[str, str]:
    """What a bare 市 / 县 / 省 means in this document: the caller's place and its
    parents, else the city (and its province) the text names most often."""
    if place:
        written = resolve_places(find_places(place, gazetteer), None, gazetteer)
        parents = written[0].parents if written and written[0].resolved else ()
        return levels_of(written[0].name if written else place, parents)
    cities = Counter(p.name for p in places if p.resolved and p.level == "city")
    if not cities:
        return {}
    city, _ = cities.most_common(1)[0]
    parents = next(p.parents for p in places if p.name == city)
    return levels_of(city, parents)


#: Items of a list of names are short: a separator this far from the next
#: one ends the list.
_ITEM_REACH = 6


def _coherent_lists(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Without the model's names in lists whose items are not all names.

    In a list written with 、, every item is a name or none is (王薇、李岩、张伟;
    河南、山东、河北). Where an item between two separators is no entity of any
    source, the list is of things that are not names (car models: 思域、捷达、
    新宝来、速腾), and the model's names that are whole items between two
    separators are dropped. Only middle items count: the first and the last may
    run into the words around the list."""
    exact = {(c.start, c.end) for c in candidates}
    separators = [i for i, char in enumerate(text) if char == "、"]
    middles: list[list[tuple[int, int]]] = [[]]
    for left, right in zip(separators, separators[1:], strict=False):
        if 1 < right - left <= _ITEM_REACH and _cjk(text[left + 1:right]):
            middles[-1].append((left + 1, right))
        elif middles[-1]:
            middles.append([])
    dropped = {item for items in middles if any(item not in exact for item in items)
               for item in items}
    if not dropped:
        return candidates
    return [c for c in candidates if c.by != "model" or (c.start, c.end) not in dropped]


_ACRONYM = re.compile(r"[（(]([A-Z][A-Za-z]{1,7})[）)]")


def _restated_acronyms(text: str, merged: list[Candidate]) -> list[Candidate]:
    """``merged`` with an acronym in brackets right after a body or organization
    labelled as that name (美国联邦贸易委员会（FTC）: FTC is the body too, whatever
    the model read of it or missed)."""
    by_start = {c.start: i for i, c in enumerate(merged)}
    out = list(merged)
    added = []
    for name in merged:
        match = _ACRONYM.match(text, name.end) if name.label in ("GOV", "ORG") else None
        if match is None:
            continue
        acronym = Candidate(name.label, match.start(1), match.end(1),
                            {"name": match.group(1)}, "rule")
        i = by_start.get(acronym.start)
        if i is None:
            added.append(acronym)
        elif out[i].end == acronym.end:
            out[i] = replace(out[i], label=name.label, norm=acronym.norm)
    return sorted(out + added, key=lambda c: c.start) if added else out


def _bracketed_places(text: str, merged: list[Candidate]) -> list[Candidate]:
    """``merged`` with a body or organization named after a place and a place in
    brackets (中国（深圳）综合开发研究院) as one name: SPEC keeps the places inside
    a name in its span."""
    out: list[Candidate] = []
    for candidate in merged:
        if candidate.label in ("GOV", "ORG") and len(out) >= 2:
            inner, outer = out[-1], out[-2]
            if inner.label == "GPE" and outer.label == "GPE" and \
                    text[inner.end:inner.end + 1] in _CLOSE and inner.end + 1 == candidate.start \
                    and text[outer.end:outer.end + 1] in _OPEN and outer.end + 1 == inner.start:
                del out[-2:]
                name = text[outer.start:candidate.end]
                candidate = replace(candidate, start=outer.start, norm={**candidate.norm,
                                                                         "name": name})
        out.append(candidate)
    return out


_OPEN, _CLOSE = "（(", "）)"


def _cjk(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def find_entities(page: Page, *, use_model: bool = True,
                  user: UserEntities | None = None) -> list[Entity]:
    """Every named entity zhfacts recognizes on ``page``, in text order, flat.

    ``use_model=False`` leaves out the statistical model (rules and gazetteer
    only: faster, and blind to names without a cue); ``user`` adds a user's
    own names, which win where they overlap anything else."""
    context = page.context
    cleaned = page.clean
    text = page.original
    gazetteer = load_gazetteer()
    places = resolve_places(find_places(cleaned.text, gazetteer), context.place, gazetteer)
    places = unlisted_villages(cleaned.text, places)
    places = abbreviated_cities(cleaned.text, places)
    places = [p for p in places if not _function_char_before_body(cleaned.text, p)]
    place_ends = {p.end for p in places}
    places = [p for p in places if p.start in place_ends or
              not _first_character_ends_a_word(cleaned.text, p)]
    levels = _document_levels(context.place, places, gazetteer)
    candidates = [Candidate("GPE", p.start, p.end, p.norm(), "gazetteer") for p in places]
    place_index = SpanIndex(places)
    named = model_candidates(cleaned.text, place_index) if use_model else []
    place_spans = {(p.start, p.end) for p in places}
    abroad = [(c.start, c.end) for c in named if c.label == "GPE" and (c.start, c.end) not in
              place_spans and c.end - c.start > 1]  # 日本 + 政府: the model's countries
    abroad += countries_before_their_bodies(cleaned.text, abroad)
    bodies = find_bodies(cleaned.text, sorted(place_spans), abroad)
    bodies += short_names(cleaned.text, bodies)
    candidates += [Candidate("GOV", body.start, body.end, {"name": body_norm(body, levels)},
                             "rule", anchored=body.bare_level is not None)
                   for body in bodies]
    gaps = frozenset(cleaned.clean_starts[1:])
    candidates += [Candidate("PERSON", start, end, {"name": cleaned.text[start:end]}, "rule")
                   for start, end in find_people(cleaned.text, gaps)]
    model_starts = {c.end: c.start for c in named if c.label in ("ORG", "GOV")}
    people = SpanIndex(c for c in named if c.label == "PERSON")
    named_names = SpanIndex(c for c in named if c.label in ("ORG", "GOV", "LOC", "GPE"))
    for label, spans in (("ORG", find_organizations(cleaned.text)),
                         ("LOC", find_landmarks(cleaned.text))):
        for start, end in spans:
            start = _organization_start(start, end, place_index)
            # The rule reads back to a clause boundary; the model knows better where
            # a name begins (进一步发挥 | 黄埔同学会), unless a place starts it; and a
            # name never swallows a person (袁茂堂借黄登仁 | 儿子考上大学).
            model_start = model_starts.get(end) if label == "ORG" else None
            place_first = any(p.start == start for p in place_index.inside(start, end))
            if model_start is not None and model_start > start and not any(
                    start <= p.start for p in place_index.overlapping(start, model_start)):
                start = model_start
            if label == "ORG" and model_start is None and not place_first and \
                    organization_grammar().weakly_typed(cleaned.text[start:end]):
                continue  # 办好每一所学校, 伙同公司: a type word used generically
            for person in people.inside(start, end):
                if person.start > start or person.end < end:
                    start = max(start, person.end)
            start = _after_opening_body(cleaned.text, start, end, bodies)
            if label == "ORG" and model_start is None and not place_first:
                start = _first_place(cleaned.text, start, end, place_index)
            name = cleaned.text[start:end]
            if label == "ORG" and organization_grammar().generic(name):
                continue  # 农民专业合作社, 普通小学: a kind of institution, not one
            known = is_known_organization(name)
            if known and any(_longer_name(cleaned.text, c, start, end)
                             for c in named_names.overlapping(start, end)):
                continue  # 京东 | 大溶洞, 宝钢 | 股份: the model reads a longer name
            if (len(name) >= 3 or known) and _balanced(name):
                candidates.append(Candidate(label, start, end, {"name": name}, "rule"))
    candidates += named
    candidates += _short_company_names(cleaned.text, candidates, place_index)
    candidates = _coherent_lists(cleaned.text, candidates)
    if user is not None:
        candidates += [Candidate(label, start, end, norm, "rule", forced=True)
                       for start, end, label, norm in user.find(cleaned.text)]
    entities = []
    merged = _bracketed_places(cleaned.text, merge_candidates(candidates))
    for candidate in _restated_acronyms(cleaned.text, merged):
        if candidate.label == "GPE":
            candidate = _before_level_word(cleaned.text, candidate)
        start, end = cleaned.span(candidate.start, candidate.end)
        norm = candidate.norm
        if candidate.label == "GOV":
            norm = _with_body_place(norm, candidate, place_index)
        entities.append(Entity(candidate.label, start, end, text[start:end], norm, candidate.by))
    return entities


def _longer_name(text: str, candidate: Candidate, start: int, end: int) -> bool:
    """Whether the model's ``candidate`` is a longer name around a known company's
    ``start``-``end``: a place (京东大溶洞), a name that ends in a type word or a
    company's (宝钢股份, 摩托罗拉（中国）电子有限公司) or runs on with a second name
    (海信科龙), not the name run on into a verb or a product (长安福特中标, 北京奔驰车,
    一汽迈腾小轿车和东风本田CRV越野车)."""
    if not (candidate.start <= start and end <= candidate.end and
            candidate.end - candidate.start > end - start):
        return False
    name = text[candidate.start:candidate.end]
    extension = text[end:candidate.end]
    # (海信 | 科龙, 索尼 | 影业: a second name, no word of the dictionary's common stock)
    named_on = candidate.start == start and len(extension) >= 2 and _cjk(extension) and \
        word_frequency(extension) <= _ORDINARY_FREQUENCY
    return candidate.label in ("LOC", "GPE") or _ends_in_type_word(name) or \
        name.endswith(company_endings()) or named_on


def _short_company_names(text: str, candidates: list[Candidate],
                         places: SpanIndex[ResolvedPlace]) -> list[Candidate]:
    """爱普生 after 爱普生公司, 西正 after 西安西正印制有限公司: a company named in
    full is an organization where the document names it again by its short name
    (:func:`company_short_name`), written as a word and not inside another name;
    not a short name that is an ordinary word or a place (长城, 金山)."""
    place_names = {p.text for p in places.items}
    shorts = set()
    for candidate in candidates:
        if candidate.label != "ORG":
            continue
        start = candidate.start
        for place in places.inside(candidate.start, candidate.end):
            if place.start == start:  # (西安 | 西正印制有限公司: the place is no part of it)
                start = place.end
        short = company_short_name(text[start:candidate.end])
        if short and short not in place_names and not _ordinary_words(short):
            shorts.add(short)
    taken = SpanIndex(candidates)
    return [Candidate("ORG", start, end, {"name": text[start:end]}, "rule")
            for start, end in find_short_names(text, shorts)
            if not taken.overlapping(start, end)]


def _ordinary_words(short: str) -> bool:
    """Whether ``short`` is an ordinary word (长城, 大众) or only ordinary words
    (信用 | 担保 of 某某信用担保有限公司): a trade, not a company's own name."""
    return all(word_frequency(word) > _ORDINARY_FREQUENCY for word in segmenter().cut(short))


#: How often jieba's dictionary may have seen a word of a short name that is a
#: name (用友: 83), not an ordinary word (长城: 1559, 大众: 1523, 担保).
_ORDINARY_FREQUENCY = 100


def _before_level_word(text: str, place: Candidate) -> Candidate:
    """重庆 | 市级政府采购资金: a division's full name before 级 lends its last
    character to the level word (市级, 县级, 省级); the place is written short."""
    name = text[place.start:place.end]
    if text.startswith("级", place.end) and name.endswith(_LEVEL_CHARS) and len(name) > 2:
        return replace(place, end=place.end - 1)
    return place


_LEVEL_CHARS = ("省", "市", "县", "区")


def _with_body_place(norm: dict[str, Any], body: Candidate,
                     places: SpanIndex[ResolvedPlace]) -> dict[str, Any]:
    """A body's norm with ``place``, the GPE written inside its name (大庆 of
    国家统计局大庆调查队 → 大庆市), where one is: SPEC keeps that place inside
    the body's span, and it still says where the body's figures belong. Of a
    chain of places written one after the other, the innermost (开鲁县 of
    内蒙古开鲁县政府采购中心)."""
    inside = [p for p in places.inside(body.start, body.end) if p.resolved]
    if not inside or "place" in norm:
        return norm
    chain = 1
    while chain < len(inside) and inside[chain].start == inside[chain - 1].end:
        chain += 1
    inside = inside[:chain]
    return {**norm, "place": inside[-1].former or inside[-1].name}
