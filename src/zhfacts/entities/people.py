"""People's names (PERSON) from the cues news prose gives them.

Bylines and credits (本报讯（记者 翟华伟 通讯员 马冰露）, 吕忠箱 摄), titles right
before a name (公司负责人王薇介绍道), speakers (刘振立高兴地说) and enumerations
that end in a head count (庞进红、王学文……和刘新亚7人). The name is what is
written, without title or role (SPEC section 2), and only a span that looks
like a name is one (:func:`~zhfacts.entities.name_lists.name_like`: a surname
first, no ordinary word), so that 记者介绍道 or 记者手记 give no name. Cue words are data
(``data/person_cues.json``). The statistical model finds the names no cue
marks; these rules give the cued ones exact boundaries.

Works on the clean text of :mod:`zhfacts.page.textmap`; ``gaps`` are the clean
positions where the original had whitespace, which bylines use as the
boundary of a name (``记者 李岩\\n``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from zhfacts.datafiles import parse_json, read_data_text
from zhfacts.entities.name_lists import name_like, word_frequency
from zhfacts.errors import DataFileError

_NAME_CHARS = r"[\u4e00-\u9fff]"
_CJK = re.compile(_NAME_CHARS)
_NOT_NAME = frozenset("的了在和与及或是为对把被从向到于也都就又而且但等各该本"
                      "我你他她它们这那有无不之其")
#: At most this many names before the last two of an enumeration (a bound keeps the
#: scan linear: an unbounded list would be re-read from every name in it).
_ENUMERATED_MAX = 40
_ENUMERATION = re.compile(
    rf"(?P<names>(?:{_NAME_CHARS}{{2,3}}、){{1,{_ENUMERATED_MAX}}}{_NAME_CHARS}{{2,3}}"
    rf"[和及与]{_NAME_CHARS}{{2,3}})"
    r"(?:[0-9]+|[一二三四五六七八九十]+)(?:人|名|位)"
)


@dataclass(frozen=True)
class PersonCues:
    byline: re.Pattern[str]
    titles: re.Pattern[str]
    speech: tuple[str, ...]
    credit: tuple[str, ...]
    stops: tuple[str, ...]
    term_heads: tuple[str, ...]
    well_known: re.Pattern[str]
    address_forms: tuple[str, ...]


def _list(data: dict[str, object], key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"person_cues.json: '{key}' must be a list of words")
    return words


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def cues() -> PersonCues:
    text = read_data_text("person_cues.json")
    data = parse_json("person_cues.json", text)
    return PersonCues(
        byline=re.compile(rf"(?:{_alternation(_list(data, 'byline'))})(?={_NAME_CHARS})"),
        titles=re.compile(rf"(?:{_alternation(_list(data, 'titles'))})(?={_NAME_CHARS})"),
        speech=tuple(sorted(_list(data, "speech"), key=len, reverse=True)),
        credit=tuple(_list(data, "credit")),
        stops=tuple(_list(data, "stops")),
        term_heads=tuple(sorted(_list(data, "term_heads"), key=len, reverse=True)),
        well_known=re.compile(_alternation(_list(data, "well_known"))),
        address_forms=tuple(sorted(_list(data, "address_forms"), key=len, reverse=True)),
    )


def find_people(text: str, gaps: Collection[int] = ()) -> list[tuple[int, int]]:
    """Spans (clean offsets) of cued names, flat, left to right."""
    c = cues()
    spans: set[tuple[int, int]] = set()
    for match in c.byline.finditer(text):
        if len(match.group(0)) == 1 and _CJK.fullmatch(text[match.start() - 1:match.start()]):
            continue  # 文 / 图 are cues only on their own (文/图 X), not inside 吴文英
        end = _byline_name_end(text, match.end(), gaps, c)
        if end is not None:
            spans.add((match.end(), end))
    for match in c.titles.finditer(text):
        end = _spoken_name_end(text, match.end(), c)
        if end is not None:
            spans.add((match.end(), end))
    for credit in c.credit:
        for index in _occurrences(text, credit):
            start = _credited_name_start(text, index, gaps)
            if start is not None:
                spans.add((start, index))
    for match in _ENUMERATION.finditer(text):
        offset = match.start("names")
        for name in re.split("[、和及与]", match["names"]):
            if _plausible(name):
                spans.add((offset, offset + len(name)))
            offset += len(name) + 1
    spans = {s for s in spans if name_like(text[s[0]:s[1]])}
    spans.update(m.span() for m in c.well_known.finditer(text))  # 习近平, wherever it stands
    # (吴先生表示: the name without its form of address)
    return _flat(sorted((start, end - address_form_length(text[start:end]))
                        for start, end in spans))


def address_form_length(name: str) -> int:
    """How many characters of ``name`` a form of address ends it with (吴先生: 2), where
    a name is left before it; 0 otherwise (SPEC: a name without title or role)."""
    form = next((f for f in cues().address_forms if name.endswith(f)), "")
    return len(form) if len(name) > len(form) else 0


def names_a_term(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is part of the name of a term, an event
    or a prize (恩格尔 + 系数, 玉茗花 + 戏剧节): a head of ``term_heads`` follows,
    and a one-character head begins no common word there (节约, 号召)."""
    head = next((h for h in cues().term_heads if text.startswith(h, end)), None)
    if head is None:
        return False
    return len(head) > 1 or word_frequency(text[end:end + 2]) < _COMMON_AFTER


#: A two-character word seen this often after a one-character term head makes
#: the head part of that word (节约, 号召).
_COMMON_AFTER = 100


def _plausible(name: str) -> bool:
    return 2 <= len(name) <= 4 and all(_CJK.fullmatch(char) and char not in _NOT_NAME
                                       for char in name)


def _byline_name_end(text: str, start: int, gaps: Collection[int], c: PersonCues) -> int | None:
    """记者 李岩 / （记者 翟华伟） / 记者刘建谠通讯员: a gap, a bracket or a stop word ends it."""
    for length in (2, 3, 4):
        end = start + length
        name = text[start:end]
        if len(name) < length or not _plausible(name):
            return None
        following = text[end:end + 1]
        if end in gaps or following in "）)，,。 " or not following or \
                text.startswith(c.stops, end):
            return end
    return None


def _spoken_name_end(text: str, start: int, c: PersonCues) -> int | None:
    """负责人王薇介绍道 / 住户刘振立高兴地说: the name runs to the verb, or to a
    two-character adverb in 地 before it."""
    lengths = [length for length in (2, 3) if _plausible(text[start:start + length])
               and len(text[start:start + length]) == length]
    for length in lengths:
        if text.startswith(c.speech, start + length):
            return start + length
    for length in lengths:
        adverb_end = start + length + 2
        if text[adverb_end:adverb_end + 1] == "地" and text.startswith(c.speech, adverb_end + 1):
            return start + length
    return None


def _credited_name_start(text: str, credit_index: int, gaps: Collection[int]) -> int | None:
    """吕忠箱 摄: the name stands between a boundary and 摄."""
    for length in (2, 3):
        start = credit_index - length
        if start < 0:
            return None
        name = text[start:credit_index]
        before = text[start - 1:start] if start else ""
        if _plausible(name) and (start in gaps or not before or before in "。！？；）)\n"):
            return start
    return None


def _occurrences(text: str, word: str) -> list[int]:
    found, index = [], text.find(word)
    while index >= 0:
        found.append(index)
        index = text.find(word, index + 1)
    return found


def _flat(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    flat: list[tuple[int, int]] = []
    for start, end in spans:
        if flat and start < flat[-1][1]:
            if end - start > flat[-1][1] - flat[-1][0]:
                flat[-1] = (start, end)
            continue
        flat.append((start, end))
    return flat
