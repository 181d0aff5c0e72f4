"""Organizations (ORG) from the words that end their names.

Companies, hospitals, schools, institutes, laboratories, associations,
cooperatives and museums end in a type word (有限公司, 人民医院, 实验室, 研究院 …);
the name runs left from it to the nearest boundary: punctuation, a quotation
mark, or a cue that stands before names (委托, 组建了, 在 …). An organization
that contains a place is one ORG span (柘城县人民医院, SPEC section 6). The
tables are in ``data/org_suffixes.json``; the statistical model adds the
names no suffix marks (康拜恩制冷).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from zhfacts.datafiles import read_data_json
from zhfacts.errors import DataFileError
from zhfacts.words import starts_word, word_begun, word_dictionary

_BOUNDARY = frozenset("，。；：！？,;:!?、\n()（）《》“”\"‘’「」【】 0123456789+＋/／—")
_REACH = 16
_BRACKETED = re.compile(r"[（(][^（()）]{1,8}[）)]")


@dataclass(frozen=True)
class OrgGrammar:
    suffixes: tuple[str, ...]
    suffix_pattern: re.Pattern[str]
    left_cues: tuple[str, ...]
    min_name: int
    suffix_vetoes: dict[str, str]
    generic_starts: tuple[str, ...]
    name_breaks: frozenset[str]
    weak_suffixes: frozenset[str]
    generic_kinds: frozenset[str] = frozenset()
    generic_modifiers: tuple[str, ...] = ()

    def generic(self, name: str) -> bool:
        """Whether ``name`` names a kind of institution, not one: only generic
        modifiers before a generic kind, brackets left out (农民 + 专业合作社,
        国家 + 工程（技术）研究中心 -> 工程研究中心)."""
        rest = _BRACKETED.sub("", "".join(name.split()))
        modifiers = self._modifier_beginnings
        while rest not in self.generic_kinds:
            if not rest.startswith(modifiers):  # most names: no modifier to try one by one
                return False
            modifier = next((m for m in self.generic_modifiers if m and rest.startswith(m)), None)
            if modifier is None:
                return False
            rest = rest[len(modifier):]
        return True

    @cached_property
    def _modifier_beginnings(self) -> tuple[str, ...]:
        """The generic modifiers that are not empty, for one ``startswith``."""
        return tuple(m for m in self.generic_modifiers if m)

    def weakly_typed(self, name: str) -> bool:
        """Whether ``name`` ends in a type word news also uses generically
        (its longest matching suffix is weak: 学校, not 实验学校)."""
        ending = max((s for s in self.suffixes if name.endswith(s)), key=len, default="")
        return ending in self.weak_suffixes


@lru_cache(maxsize=4)
def grammar(name: str = "org_suffixes.json") -> OrgGrammar:
    """A suffix grammar from a data file of the package (organizations by
    default; :mod:`zhfacts.entities.landmarks` reads its own file the same way)."""
    data = read_data_json(name)
    suffixes, cues = data.get("suffixes"), data.get("left_cues")
    if not isinstance(suffixes, list) or not isinstance(cues, list) or not suffixes:
        raise DataFileError(f"{name}: 'suffixes' and 'left_cues' must be lists")
    ordered = sorted({str(s) for s in suffixes}, key=len, reverse=True)
    return OrgGrammar(
        suffixes=tuple(ordered),
        suffix_pattern=re.compile("|".join(re.escape(s) for s in ordered)),
        left_cues=tuple(sorted({str(c) for c in cues}, key=len, reverse=True)),
        min_name=int(data.get("min_name", 2)),
        suffix_vetoes={str(k): str(v) for k, v in dict(data.get("suffix_vetoes", {})).items()},
        generic_starts=tuple(str(w) for w in data.get("generic_starts", [])),
        name_breaks=frozenset(str(c) for c in data.get("name_breaks", [])),
        weak_suffixes=frozenset(str(w) for w in data.get("weak_suffixes", [])),
        generic_kinds=frozenset(str(w) for w in data.get("generic_kinds", [])),
        generic_modifiers=tuple(sorted((str(w) for w in data.get("generic_modifiers", [])),
                                       key=len, reverse=True)),
    )


def find_organizations(text: str) -> list[tuple[int, int]]:
    """Spans (clean offsets) of organizations named with a type word, of the
    media a credit names (:func:`find_media`) and of the companies news names
    without one (:func:`find_known_organizations`), left to right, flat."""
    known = find_known_organizations(text)
    listed = {start for start, end in known if text.startswith("等", end)}
    spans = sorted([span for span in find_suffixed_names(text, grammar()) + find_media(text)
                    if span[0] not in listed] + known, key=lambda span: (span[0], -span[1]))
    # (of two names that start together, the longer: IBM业务中心, not IBM; but a known
    # company that 等 closes a list after is no part of the kind the list is: 格兰仕 |
    # 等五大集团)
    flat: list[tuple[int, int]] = []
    for start, end in spans:
        if not flat or start >= flat[-1][1]:
            flat.append((start, end))
    return flat


@lru_cache(maxsize=1)
def _company_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = read_data_json("org_suffixes.json")
    types = sorted(data["company_types"], key=len, reverse=True)
    return tuple(types), tuple(data["company_trades"])


def company_endings() -> tuple[str, ...]:
    """Words that end a company's name: its types and trades (有限公司, 股份, 科技)."""
    types, trades = _company_words()
    return (*types, *trades)


def company_short_name(name: str) -> str:
    """The name a company named in full is called by again: ``name`` (without
    its place) less its type and the trades before it (西正印制有限公司 -> 西正,
    爱普生公司 -> 爱普生); empty when nothing of a name is left."""
    types, trades = _company_words()
    kind = next((t for t in types if name.endswith(t)), "")
    if not kind:
        return ""
    stem = name[:-len(kind)]
    while (trade := next((t for t in trades if stem.endswith(t) and len(stem) > len(t) + 1),
                         "")):
        stem = stem[:-len(trade)]
    return stem if _SHORT_NAME.fullmatch(stem) else ""


#: A short name: two to six Chinese characters or a Latin word.
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}|[A-Za-z][A-Za-z0-9]{1,11}")


def find_short_names(text: str, short_names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``text`` writes one of the companies' ``short_names`` as a word of
    its own (爱普生 after 爱普生公司), with the trades written after it (富美科技 after
    富美科技有限公司), left to right."""
    names = sorted(set(short_names), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in names))
    _, trades = _company_words()
    spans = []
    for match in pattern.finditer(text):
        end = match.end()
        while trade := next((t for t in trades if text.startswith(t, end)), ""):
            end += len(trade)  # 富美 | 科技 | 一期项目: the trade is part of the name again
        if starts_word(text, match.start()) and _ends_word(text, end):
            spans.append((match.start(), end))
    return spans


def _ends_word(text: str, end: int) -> bool:
    return end == len(text) or starts_word(text, end)


@lru_cache(maxsize=1)
def _known_names() -> re.Pattern[str]:
    data = read_data_json("known_organizations.json")
    names = {*data["names"], *data["place_trade_names"]}
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _place_trades() -> tuple[frozenset[str], tuple[str, ...]]:
    """The companies named as a place and a trade (中国石油), and the words after which
    they are that place's trade instead (产量, 行业)."""
    data = read_data_json("known_organizations.json")
    return frozenset(data["place_trade_names"]), tuple(data["not_before"])


def is_known_organization(name: str) -> bool:
    """Whether ``name`` is one of ``data/known_organizations.json`` (戴尔, 佳能)."""
    return _known_names().fullmatch(name) is not None


def find_known_organizations(text: str) -> list[tuple[int, int]]:
    """Spans of the companies of ``data/known_organizations.json`` (江淮汽车, 比亚迪),
    longest first where two start at one place, where a word starts: the first
    character of a match that jieba joins to the one before is inside another
    word (其中石油, 推广汽车, 北京东城区), not a name, nor is one that begins a place's name
    (伊利 | 诺伊州); nor is a place and a trade followed by a word of trade (中国石油产量,
    中国石化行业)."""
    trades, trade_words = _place_trades()
    return [m.span() for m in _known_names().finditer(text) if starts_word(text, m.start())
            and not _inside_place_word(text, m.start(), m.end())
            and not (m.group() in trades and text.startswith(trade_words, m.end()))]


def _inside_place_word(text: str, start: int, end: int) -> bool:
    """Whether the segmenter reads ``text[start:end]`` as the start of a longer word its
    dictionary tags as a place (伊利 | 诺伊州)."""
    word = word_begun(text, start, end)
    return bool(word) and word_dictionary().tags.get(word) == "ns"


@dataclass(frozen=True)
class _MediaCues:
    before: tuple[str, ...]
    after: tuple[str, ...]
    own: tuple[str, ...]
    longest: int


@lru_cache(maxsize=1)
def _media_cues() -> _MediaCues:
    data = read_data_json("media_names.json")
    return _MediaCues(tuple(data["cues_before"]), tuple(data["cues_after"]),
                      tuple(data["own_media"]), int(data["max_name"]))


def find_media(text: str) -> list[tuple[int, int]]:
    """Spans of newspapers, agencies and other media where a byline or a credit
    names them (澎湃新闻 | 记者, 来源：| 宁夏日报, 据 | 新京报 | 报道): a name of
    ``data/media_names.json`` ending right before a cue after it or starting right
    after a cue before it, with no more than spaces or dashes between."""
    cues = _media_cues()
    found = []
    for start, end in find_suffixed_names(text, grammar("media_names.json")):
        while start < end and not "\u4e00" <= text[start] <= "\u9fff":
            start += 1  # 发布人：-新京报
        if not 3 <= end - start <= cues.longest or text.endswith(cues.own, start, end):
            continue
        rest = text[end:end + 12].lstrip(" 　")
        lead = text[max(0, start - 8):start].rstrip(" 　-—")
        if rest.startswith(cues.after) or lead.endswith(cues.before):
            found.append((start, end))
    return found


def find_suffixed_names(text: str, g: OrgGrammar) -> list[tuple[int, int]]:
    """Spans of names that end in one of the grammar's type words, left to right."""
    spans: list[tuple[int, int]] = []
    for match in g.suffix_pattern.finditer(text):
        if text[match.end():match.end() + 1] in g.suffix_vetoes.get(match.group(0), "") and \
                match.end() < len(text):
            continue
        start = _name_start(text, match.start(), g)
        if start is None or (spans and start < spans[-1][1]) or \
                text.startswith(g.generic_starts, start):
            continue
        spans.append((start, match.end()))
    return spans


def _name_start(text: str, suffix_start: int, g: OrgGrammar) -> int | None:
    floor = max(0, suffix_start - _REACH)
    start = suffix_start
    while start > floor and text[start - 1] not in _BOUNDARY:
        start -= 1
    if start and text[start - 1].isdigit() and text[start:start + 1] in "家个所座":
        start += 1  # 44家X研究院: the name follows the count
    best = start
    for position in range(start, suffix_start - g.min_name + 1):
        for cue in g.left_cues:
            if text.startswith(cue, position) and position + len(cue) <= suffix_start - g.min_name:
                best = max(best, position + len(cue))
    for position in range(best, suffix_start):
        if text[position] in g.name_breaks:
            best = position + 1
    if suffix_start - best < g.min_name:
        return None
    return best
