"""MONEY, QUANTITY and PERCENT figures on clean text (SPEC sections 2, 3 and 6).

A figure is read left to right from a numeral:

    [sign] NUMBER [magnitude] [余|多|来] [magnitude] UNIT [余|多] [/rate]
    NUMBER ... [UNIT] (至|到|-|~|—) NUMBER ... UNIT          (a range)
    百分之 NUMBER | 千分之 NUMBER | 七成[五] | 八[五]折          (percent words)

then placed in its clause: bound words before or after it set the
qualifier, rate words set ``per``, a figure in an enumeration (630元、420元)
inherits both from the one before it, and a magnitude written without a unit
takes the unit of the noun it counts (入网老年人达到141.68万 -> person).

Not figures: ordinals (第一), numerals inside fixed expressions and plan
names (data/numbered_terms.txt), ratios and clock times (3.0:36.8), numbers
inside URLs, a lone 一 before a classifier or a person count (an indefinite
article in news prose: 一名记者; 一美元 and 近一吨 are figures), a lone
magnitude (千家, 百姓) unless a bound word makes it a number (近万人), and
numbers with no unit. All patterns have bounded length, so a scan is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from zhfacts.errors import NumeralError
from zhfacts.numbers.lexicon import Lexicon, Unit, lexicon
from zhfacts.numbers.numerals import parse_number

#: Notes between a figure and its bound that say whether the bound is included.
_INCLUSION_NOTES = ("（含）", "(含)", "（不含）", "(不含)")
_CN_NUMERAL_CHARS = "零〇一二两俩三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_DECIMAL_DIGITS = "零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖"
_MAGNITUDE_CHARS = "十百千万亿兆拾佰仟"
#: (a full-width comma separates thousands only before a whole group of three: 35，000)
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}|，[0-9]{3}(?![0-9]))+|[0-9]+)(?:\.[0-9]+)?"
_CHINESE = (rf"[{_CN_NUMERAL_CHARS}]{{1,24}}"
            rf"(?:点[{_CN_DECIMAL_DIGITS}]{{1,12}}[万亿]{{0,2}})?")
_NUMERAL = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<chinese>{_CHINESE})")
_ARABIC_MAGNITUDE = re.compile(
    r"个?(?:万亿|千万|百万|十万|千亿|百亿|十亿|[万亿]|[千百](?![克米瓦])|[kK](?![A-Za-z]))"
)
_CONNECTOR = re.compile(r"[至到~\-—–]{1,2}")
_PERCENT_PREFIX = re.compile(
    rf"(?<![{_CN_NUMERAL_CHARS}0-9])(?P<word>百分之|千分之|仟分之|佰分之)"
    rf"(?P<number>{_ARABIC}[kK]?|{_CHINESE})"
)
_TENTHS_WORD = re.compile(r"(?P<number>半|(?<=打)对)(?P<word>成|折)")
#: A fraction in words (三分之一, 4分之3) and 一半: a share, PERCENT of its hundredfold
#: (百分之 and 千分之 are percent words of their own).
_FRACTION = re.compile(rf"(?<![{_CN_NUMERAL_CHARS}0-9])"
                       rf"(?:(?:[一二三四五六七八九十]{{1,3}}|[0-9]{{1,3}})分之"
                       rf"(?:[一二三四五六七八九十]{{1,3}}|[0-9]{{1,3}})"
                       rf"|(?P<half>一半))(?![{_CN_NUMERAL_CHARS}0-9])")
#: A bound or approximation word and the linking verb between it and the figure
#: (约占, 大约有, 至少有, 近为): the bound governs the figure, whatever noun follows it.
_LINKED_BOUND = re.compile("(?P<word>大约|将近|接近|至少|最少|起码|约|近)"
                           "(?:占|有|为|是|达到|达|在)$")
#: Two neighbouring digits for a rough count (两三种, 三四十人, 十七八个, 三五万元):
#: the range they bound, not the digits read as one number (23).
_ROUGH = re.compile("(?P<teen>十)?(?P<first>[一两二三四五六七八])(?P<second>[二三四五六七八九])"
                    "(?P<magnitude>十万|百万|千万|十|百|千|万|亿)?")
_TENTHS_NOT_BEFORE = {"成": "员为本立果绩交品熟就都长功年人", "折": "合扣旧算线叠射腾服"}
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_CLAUSE_BREAK = frozenset("，。；：！？,;:!?、\n()（）《》“”\"")
_SENTENCE_BREAK = frozenset("。；！？;!?\n")
_ENUMERATION = frozenset("、")
_NOUN_FOLLOWERS_OK = frozenset("的了地")
_MAX_LOOKBACK = 24
_DISTANT_LOOKBACK = 14
_ABSOLUTE_BOUND_REACH = 4
_VAGUE_BEFORE = frozenset("数几上成")  # 数十万, 上万, 成千: vague, not figures
_BOUND_BEFORE_LONE_MAGNITUDE = frozenset("近逾超约")
_INNER_MORE = frozenset("余多")
_RANGE_CONNECTORS = frozenset("至到~—–")
#: Verbs of change before ``A至B`` (上涨0.76点至103.95点): A is the change, B the level.
_CHANGE_VERBS = ("增加", "增长", "上涨", "上升", "提高", "提升", "回升", "扩大", "攀升",
                 "减少", "下降", "降低", "下跌", "回落", "缩小", "下滑", "减", "增", "涨", "跌")
#: How many times the change the level after it is, at least (增加675吨至3350吨).
_LEVEL_OVER_CHANGE = 3
_UNIT_FIRST_CHARS_BEFORE_MAGNITUDE = frozenset("个千百万亿兆")
_COMPOUND_LINK = frozenset("又零")
_HALF = Decimal("0.5")
_ARTICLE_UNIT_CODES = frozenset({"person", "household", "person_time"})
_COORDINATORS = frozenset("和与及、")
_COORDINATED_NOUN_MAX = 4
#: A plain number of a list (3.9 in 3.9、2.0、2.9个百分点), and the most items read;
#: of a list of numbers with a magnitude (400亿、500亿元), an item with its magnitude.
_LIST_ITEM = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LIST_ITEM_MAGNITUDE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万亿|[万亿])")
_LIST_ITEMS_MAX = 12
#: What follows the one unit of a currency that an exchange rate is quoted for.
_EXCHANGE_AFTER = re.compile(r"[约可]?(?:兑换|兑|约合|折合|合|换)[约]?[0-9一二三四五六七八九十]")
#: A change from one level to another (由…到…): what opens it before the first number
#: (从 / 由, or a date or 原来 / 目前 after them) and how far before it, what links the
#: number to the 到 / 至 (a verb at most), and how far after that the level reached is
#: looked for.
_FROM_OPENING = re.compile(r"[从由](?:[0-9]{4}年(?:[0-9]{1,2}月)?[底末]?的?|原来?的?|目前的?)?$")
_FROM_REACH = 12
_TO_LINK = re.compile(r"[\u4e00-\u9fff]{0,4}?[到至]")
_TO_REACH = 16
_COUNT_CODES_FOR_COORDINATION = frozenset({"person", "household"})
#: Classifiers that make 前 / 后 + number a rank (前10名, 前三位, 前50强, 后三名),
#: not a count.
_RANKS = frozenset(("名", "位", "强"))


#: Classifiers whose 一 stays an article even in a list (一个中心、两个基本点).
_SLOGAN_CLASSIFIERS = frozenset("个项条")
_LISTED_REACH = 60
_LISTED_OTHERS = 2
_OTHER_COUNT = re.compile("[0-9两二三四五六七八九十]+")


def _listed_count(text: str, start: int, surface: str) -> bool:
    """Whether 一 + ``surface`` at ``start`` is one count of a list of counts of
    the same thing in its sentence, with two others at least (小轿车五包，轻型客车两包，
    中型客车一包): then it is a count, not an article."""
    if surface in _SLOGAN_CLASSIFIERS:
        return False
    low = max(0, start - _LISTED_REACH)
    high = min(len(text), start + _LISTED_REACH)
    for stop in "。；;\n":
        cut = text.rfind(stop, low, start)
        low = max(low, cut + 1)
        cut = text.find(stop, start, high)
        high = cut if cut >= 0 else high
    window = text[low:start] + " " + text[start + 1:high]
    others = sum(window.startswith(surface, m.end()) for m in _OTHER_COUNT.finditer(window))
    return others >= _LISTED_OTHERS  # (not 把一層樓改建成3層: two counts are no list)


#: Words of a ranking: a 名 / 位 figure after one in its clause is a place in it.
_RANK_WORDS = ("排名", "排位", "名次", "位次", "排行", "位列", "排序", "位居")
_RANK_REACH = 20


def _after_rank_word(text: str, start: int) -> bool:
    floor = _clause_start(text, start, _CLAUSE_BREAK, _RANK_REACH)
    return any(word in text[floor:start] for word in _RANK_WORDS)


@dataclass(frozen=True)
class FoundFigure:
    """A numeric figure on the clean text (clean offsets)."""

    start: int
    end: int
    label: str
    unit: str
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str = "="
    per: str | None = None
    unit_inferred: bool = False


@dataclass(frozen=True)
class _Number:
    """A numeral with its magnitude, as read at one position."""

    start: int
    end: int
    value: Decimal
    has_magnitude: bool
    trailing_magnitude: Decimal | None
    inner_qualifier: str | None
    lone_yi: bool = False


def _blocked_spans(text: str, terms: Iterable[str], taken: Iterable[tuple[int, int]]
                   ) -> list[tuple[int, int]]:
    spans = list(taken)
    pattern = _terms_pattern(tuple(terms))
    spans.extend(match.span() for match in pattern.finditer(text))
    return sorted(spans)


_PATTERN_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _PATTERN_CACHE.get(terms)
    if pattern is None:
        alternatives = sorted(terms, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(term) for term in alternatives) or "(?!)")
        _PATTERN_CACHE[terms] = pattern
    return pattern


class _Blocked:
    """Spans (dates, fixed expressions) that figures may not overlap, merged and sorted."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def adding(self, spans: Iterable[tuple[int, int]]) -> _Blocked:
        return _Blocked([*zip(self.starts, self.ends, strict=True), *spans])

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.ends, start + 1)
        return k < len(self.starts) and self.starts[k] < end


_MAGNITUDES = {"十": 1, "百": 2, "千": 3, "k": 3, "K": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7,
               "亿": 8, "十亿": 9, "百亿": 10, "千亿": 11, "万亿": 12}


def _magnitude_value(word: str) -> Decimal:
    """The power of ten a magnitude after Arabic digits stands for (3千万, 3个亿, 40k)."""
    return Decimal(10) ** _MAGNITUDES[word.lstrip("个")]


def _trailing_magnitude(numeral: str) -> Decimal | None:
    """The 万 / 亿 a numeral ends with (三至五万: 五万 ends with 万)."""
    if numeral.endswith("兆"):
        return Decimal(10) ** 12
    if numeral.endswith("亿"):
        return Decimal(10) ** 8
    if numeral.endswith("万"):
        return Decimal(10) ** 4
    return None


def _read_number(text: str, start: int, lex: Lexicon) -> _Number | None:
    """Read a numeral at ``start`` with its magnitude and inner 余/多 marker."""
    match = _NUMERAL.match(text, start)
    if match is None:
        return None
    end = match.end()
    numeral = match.group(0)
    has_magnitude = False
    trailing: Decimal | None = None
    value: Decimal | None
    if match["chinese"]:
        numeral, value = _chinese_prefix(text, start, numeral, lex)
        if value is None:
            return None
        end = start + len(numeral)
        has_magnitude = any(c in "万亿兆" for c in numeral)
        trailing = _trailing_magnitude(numeral)
    else:
        value = _parse_or_none(numeral)
        if value is None:
            return None
    inner: str | None = None
    scale = Decimal(1)  # what the magnitudes read so far multiply by
    for _ in range(2):  # 30多万人: number, marker, magnitude
        # (8.9万多亿元, 1千多万元: a larger magnitude after the marker multiplies again)
        if (not has_magnitude or inner is not None and match["arabic"]) and \
                not _unit_starting_like_magnitude(text, end, lex):
            magnitude = _ARABIC_MAGNITUDE.match(text, end) \
                if match["arabic"] or inner is not None else None
            factor = _magnitude_value(magnitude.group(0)) if magnitude else Decimal(1)
            if magnitude and factor > scale:
                value *= factor
                scale *= factor
                trailing = scale if scale != factor else \
                    _trailing_magnitude(magnitude.group(0)) or factor
                has_magnitude = True
                end = magnitude.end()
        if inner is None and end < len(text) and text[end] in lex.qualifiers_inside:
            following = text[end + 1: end + 2]
            if following and (following in "万亿萬億千百" or _unit_at(text, end + 1, lex)):
                inner = lex.qualifiers_inside[text[end]]
                end += 1
                continue
        break
    return _Number(start, end, value, has_magnitude, trailing, inner, numeral == "一")


def _is_cn_numeral(char: str) -> bool:
    return bool(char) and char in _CN_NUMERAL_CHARS


def _rough_bounds(rough: re.Match[str]) -> tuple[Decimal, Decimal] | None:
    """The two bounds of a rough count (三四十 -> 30, 40), when its digits are
    neighbours (or 三五, three to five)."""
    first = 2 if rough["first"] == "两" else _CN_DIGIT_VALUE[rough["first"]]
    second = _CN_DIGIT_VALUE[rough["second"]]
    if second != first + 1 and (first, second) != (3, 5):
        return None
    base = 10 if rough["teen"] else 0
    magnitude = _magnitude_value(rough["magnitude"]) if rough["magnitude"] else Decimal(1)
    return (base + first) * magnitude, (base + second) * magnitude


def _parse_or_none(numeral: str) -> Decimal | None:
    try:
        return parse_number(numeral)
    except NumeralError:
        return None


def _chinese_prefix(text: str, start: int, run: str, lex: Lexicon
                    ) -> tuple[str, Decimal | None]:
    """The longest reading of a Chinese numeral run: 五千克 is 五 + 千克, and
    百分之七十百分位 reads 七十, not 七十百."""
    for cut in (1, 2):
        if len(run) > cut and _unit_starting_like_magnitude(text, start + len(run) - cut, lex):
            run = run[:-cut]
            break
    if len(run) > 1 and _CN_DIGIT_VALUE.get(run[1], -1) - _CN_DIGIT_VALUE.get(run[0], -9) == 1:
        return run, None  # 二三十, 七八个: neighbouring digits bound a rough count (_rough_count)
    for length in range(len(run), max(0, len(run) - 3), -1):
        candidate = run[:length]
        if not _acceptable_chinese(text, start, candidate):
            continue
        numeral = "一" + candidate if all(c in _MAGNITUDE_CHARS for c in candidate) \
            else candidate  # 近万人: a bound word makes 万 a number
        value = _parse_or_none(numeral)
        if value is not None:
            return candidate, value
    return run, None


def _acceptable_chinese(text: str, start: int, numeral: str) -> bool:
    """Reject the Chinese numeral runs that are words, not numbers."""
    if all(c in _MAGNITUDE_CHARS for c in numeral):
        before = text[start - 1] if start else ""
        if numeral in ("十", "拾"):
            return before not in _VAGUE_BEFORE  # (数十家, 几十个: vague)
        after = text[start + len(numeral):start + len(numeral) + 1]
        # 近万人, 不足百个, 突破百亿斤, 千余家: a bound before a magnitude, or 余 / 多
        # after it, makes it a number; 上万, 数百 stay vague
        return len(numeral) <= 2 and before not in _VAGUE_BEFORE and \
            (before in _BOUND_BEFORE_LONE_MAGNITUDE or after in _INNER_MORE)
    before = text[start - 1] if start else ""
    return before not in _VAGUE_BEFORE


def _unit_at(text: str, position: int, lex: Lexicon) -> Unit | None:
    """The longest unit written at ``position`` (a Latin one not run into more
    letters or digits: 5kg, not 5kgs or 3L3)."""
    for length in range(min(lex.unit_max_length, len(text) - position), 0, -1):
        unit = lex.units.get(text[position:position + length])
        if unit is not None and not (_is_ascii_alnum(unit.surface[-1]) and
                                     _is_ascii_alnum(text[position + length:][:1])):
            return unit
    return None


def _shareable(unit: Unit, number: _Number) -> bool:
    """Whether a unit written after another number is also ``number``'s: one
    that is reported, needs no context word, and, after a number with its own
    magnitude (400亿), holds none (元, not 万元)."""
    return unit.emitted and not unit.context and \
        (not number.has_magnitude or unit.factor == 1)


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _unit_starting_like_magnitude(text: str, position: int, lex: Lexicon) -> bool:
    """千克, 千米, 个百分点 are units, not the magnitudes 千 / 个百 before a unit."""
    unit = _unit_at(text, position, lex)
    return unit is not None and len(unit.surface) > 1 and \
        unit.surface[0] in _UNIT_FIRST_CHARS_BEFORE_MAGNITUDE


def _longest_word_at(text: str, position: int, table: dict[str, str] | object,
                     max_length: int = 6) -> str | None:
    for length in range(min(max_length, len(text) - position), 0, -1):
        word = text[position:position + length]
        if word in table:  # type: ignore[operator]
            return word
    return None


def _longest_word_ending_at(text: str, end: int, table: object, floor: int,
                            max_length: int = 5) -> str | None:
    for length in range(min(max_length, end - floor), 0, -1):
        word = text[end - length:end]
        if word in table:  # type: ignore[operator]
            return word
    return None


def _clause_start(text: str, position: int, breaks: frozenset[str], limit: int) -> int:
    floor = max(0, position - limit)
    for index in range(position - 1, floor - 1, -1):
        if text[index] in breaks:
            return index + 1
    return floor


def _in_code(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the digits at ``start`` go on a Latin code (A4纸, G20峰会, B2B): a
    letter right before them that is no currency prefix (RMB500元 is money)."""
    if not start or not text[start].isdigit():
        return False
    letters = start
    while letters > max(0, start - _CODE_LETTERS) and text[letters - 1].isascii() and \
            text[letters - 1].isalpha():
        letters -= 1
    return letters < start and text[letters:start].upper() not in lex.currency_prefixes


#: How many letters before the digits are read to tell a code from a currency prefix.
_CODE_LETTERS = 8


#: A four-character word that opens with a numeral is an idiom seen this often in
#: jieba's dictionary (四位一体 11, 三位一体 137), not a count.
_IDIOM_SEEN = 5


def _in_idiom(text: str, start: int) -> bool:
    """Whether a Chinese numeral at ``start`` opens a four-character idiom or set
    phrase of the dictionary (四位一体, 一举两得: tagged i or l, not a numeral's m
    as 三十多万 is), which is no figure."""
    if text[start] not in _CN_DIGIT_VALUE:
        return False
    from zhfacts.words.dictionary import word_dictionary

    words = word_dictionary()
    word = text[start:start + 4]
    return (words.freq.get(word) or 0) >= _IDIOM_SEEN and words.tags.get(word) in ("i", "l")


def _is_ratio_or_time(text: str, start: int, end: int) -> bool:
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] == ":" and after[1].isdigit()) or (
        len(before) == 2 and before[1] == ":" and before[0].isdigit()
    )


def _sign(text: str, start: int) -> tuple[int, int]:
    """A written sign before the numeral (-, +, 负, 零下): (-1 or 1, new start)."""
    if start and text[start - 1] in "-−+":
        before = text[start - 2] if start >= 2 else ""
        if not before.isdigit() and before not in _RANGE_CONNECTORS:
            return (-1 if text[start - 1] != "+" else 1), start - 1
    if start and text[start - 1] == "负":
        return -1, start - 1
    if start >= 2 and text.startswith("零下", start - 2):
        return -1, start - 2  # 零下20摄氏度: below zero
    return 1, start


class _Scanner:
    """One pass over a clean text; holds what earlier figures tell later ones."""

    def __init__(self, text: str, blocked: _Blocked, lex: Lexicon) -> None:
        self.text = text
        self.blocked = blocked
        self.lex = lex
        self.found: list[FoundFigure] = []

    def scan(self) -> list[FoundFigure]:
        text = self.text
        position = 0
        for prefix in _PERCENT_PREFIX.finditer(text):
            self._percent_word(prefix)
        for word in _TENTHS_WORD.finditer(text):
            self._tenths_word(word)
        for fraction in _FRACTION.finditer(text):
            self._fraction(fraction)
        self.found.sort(key=lambda f: f.start)
        self.blocked = self.blocked.adding([(f.start, f.end) for f in self.found])
        while True:
            match = _NUMERAL.search(text, position)
            if match is None:
                break
            start = match.start()
            figure = self._figure_at(start)
            if figure is None:
                position = max(match.end(), start + 1)
                continue
            if figure.label:
                self.found.append(figure)
            position = max(figure.end, start + 1)
        self.found.sort(key=lambda f: f.start)
        return [f for f in self.found if f.label]

    def _percent_word(self, match: re.Match[str]) -> None:
        """百分之三十, 千分之五, 百分之百, 百分之1,111."""
        if self.blocked.overlaps(match.start(), match.end()):
            return
        number = match["number"]
        end = match.end()
        multiplier = Decimal(1)
        if number[-1] in "kK":
            number, multiplier = number[:-1], Decimal(1000)
        value: Decimal | None
        if number == "百":  # 百分之百
            value = Decimal(100)
        elif number[0] in _CN_NUMERAL_CHARS:
            number, value = _chinese_prefix(self.text, match.start("number"), number, self.lex)
            end = match.start("number") + len(number)
        else:
            value = _parse_or_none(number)
        if value is None:
            return
        unit = "%" if match["word"] in ("百分之", "佰分之") else "permille"
        figure = FoundFigure(match.start(), end, "PERCENT", unit, value * multiplier)
        self.found.append(self._placed(figure))

    def _fraction(self, match: re.Match[str]) -> None:
        """三分之一 (33.3333333333333 %, SPEC's rounding of a fraction), 4分之3, 一半 (50 %)."""
        if self.blocked.overlaps(match.start(), match.end()):
            return
        if match["half"]:
            value: Decimal | None = Decimal(50)
        else:
            value = _parse_or_none(match.group(0))
            if value is None or not 0 < value <= 1:
                return
            value = (value * 100).normalize()
        self.found.append(self._placed(FoundFigure(match.start(), match.end(), "PERCENT", "%",
                                                   value)))

    def _tenths_word(self, match: re.Match[str]) -> None:
        """半成 (5 %), 半折 and 打对折 (50 %); a bare 对折 is the verb "fold in half"."""
        if self.blocked.overlaps(match.start(), match.end()) or not self._tenths_ok(match.end()):
            return
        value = Decimal(5) if match["word"] == "成" else Decimal(50)
        self.found.append(self._placed(FoundFigure(match.start(), match.end(), "PERCENT", "%",
                                                   value)))

    def _tenths_ok(self, end: int) -> bool:
        """成 and 折 end the figure: 九成 is 90 %, but 五成员 and 八折扣 are words."""
        word, following = self.text[end - 1], self.text[end:end + 1]
        return not following or following not in _TENTHS_NOT_BEFORE[word]

    def _figure_at(self, start: int) -> FoundFigure | None:
        """The figure that starts at ``start``, if any (not an ordinal, a rank, a
        ratio, a time of day or an article)."""
        text, lex = self.text, self.lex
        rough = _ROUGH.match(text, start)
        bounds = _rough_bounds(rough) if rough is not None else None
        if rough is not None and bounds is not None and \
                not _is_cn_numeral(text[rough.end():rough.end() + 1]) and \
                not self.blocked.overlaps(start, rough.end()) and \
                not (start and text[start - 1] == "第") and not _in_idiom(text, start):
            return self._rough_count(rough, bounds)
        number = _read_number(text, start, lex)
        if number is None or self.blocked.overlaps(start, number.end):
            return None
        if start and text[start - 1] == "第" or _is_ratio_or_time(text, start, number.end):
            return None
        if _in_code(text, start, lex) or _in_idiom(text, start):
            return None  # A4纸, G20; 四位一体, 三位一体: a name's digits, an idiom
        tenths = self._tenths_at(number)
        if tenths is not None:
            return tenths
        sign, span_start = _sign(text, start)
        if sign < 0 and self.found and self.found[-1].end == span_start:
            sign, span_start = 1, start  # 3300元/吨-3400元/公斤: the dash joins two figures
        unit = self._unit_after(number)
        if unit is not None and start and text[start - 1] in "前后" and unit.surface in _RANKS:
            return None  # 进入全国前10名, 增速后三名: a rank, not a count of people
        if unit is not None and unit.surface in _RANKS and _after_rank_word(text, start):
            return None  # 排名从46位提升到31位, 排名上升5位: places in a ranking
        if unit is not None and self._numbers_a_session(number, unit):
            return None
        if unit is not None and start and text[start - 1] == "每" and \
                unit.label in ("QUANTITY", "MONEY"):
            # 每10万人口拥有…, 按每20人不超过1辆: a rate's denominator (SPEC: not a figure)
            return _silent(span_start, number.end + len(unit.surface))
        end = number.end + (len(unit.surface) if unit else 0)
        if unit is not None and unit.label == "MONEY" and number.value == 1 and \
                _EXCHANGE_AFTER.match(text, end):
            # 1美元约合40铢, 1美元可兑换1.8793马克: the base of an exchange rate, which
            # is the other figure (SPEC: a rate's denominator is no figure)
            return _silent(span_start, end)
        prefix = self._currency_prefix(span_start)
        if prefix is not None and (unit is None or unit.label == "MONEY"):
            span_start -= len(prefix)
            if unit is None:
                unit = Unit(prefix, lex.currency_prefixes[prefix], "MONEY")
                end = number.end
        if number.lone_yi and (unit is None or unit.code == unit.surface
                               or unit.code in _ARTICLE_UNIT_CODES) and \
                not (unit is not None and _listed_count(text, start, unit.surface)):
            return None  # 一个中心, 一名记者: an article, not a count
        if number.lone_yi and unit is not None and unit.surface == "度" and \
                not text.startswith("电", end):
            return None  # 用电量一度紧张: 一度 is "at one time", no kilowatt-hour
        range_figure = self._range_from(number, unit, end, sign, span_start)
        if range_figure is not None:
            return range_figure
        if unit is None:
            shared = self._listed_unit(number) or self._unit_of_end(number)
            if shared is not None:  # 提高3.9、2.0、2.9个百分点: 3.9 pp too
                return self._placed(FoundFigure(
                    span_start, number.end, shared.label, shared.code,
                    sign * number.value * shared.factor, unit_inferred=True))
            if not number.has_magnitude:
                return self._coordinated_count(number, span_start)
            return self._unitless(number, sign, span_start)
        if not unit.emitted:
            return _silent(span_start, end)
        if unit.compound_only:
            return None
        value = sign * number.value * unit.factor
        qualifier = number.inner_qualifier
        end, value = self._half_after(end, value, unit)
        if unit.label == "MONEY":
            end, value = self._compound_money(end, value, unit)
        end, qualifier = self._after_unit_marker(end, qualifier, unit)
        end, per = self._rate_after(end)
        figure = FoundFigure(span_start, end, unit.label, unit.code, value,
                             qualifier=qualifier or "=", per=per)
        return self._placed(figure)

    def _rough_count(self, rough: re.Match[str], bounds: tuple[Decimal, Decimal]
                     ) -> FoundFigure | None:
        """两三种, 三四十人, 十七八个: a range between two neighbouring digits
        (``bounds``), with the unit after them; no figure without one."""
        unit = _unit_at(self.text, rough.end(), self.lex)
        if unit is None or not unit.emitted or unit.context or unit.compound_only:
            return None
        low, high = bounds
        return self._placed(FoundFigure(rough.start(), rough.end() + len(unit.surface),
                                        unit.label, unit.code, None, low=low * unit.factor,
                                        high=high * unit.factor, qualifier="range"))

    def _numbers_a_session(self, number: _Number, unit: Unit) -> bool:
        """八届二次全会, 十四届全国人大: a classifier followed by what it numbers
        (``data/ordinal_units.json``) or by another numeral is an ordinal."""
        ordinal = self.lex.ordinal_units.get(unit.surface)
        if ordinal is None or ordinal.after and \
                not self.text.endswith(ordinal.after, 0, number.start):
            return False
        end = number.end + len(unit.surface)
        following = self.text[end:end + 1]
        return following in _CN_DIGIT_VALUE or following.isdigit() or \
            self.text.startswith(ordinal.words, end)

    def _listed_unit(self, number: _Number) -> Unit | None:
        """The unit a list of plain numbers writes once, after its last item
        (分别增长5.1、6.2和7.3%; 提高3.9、2.0、2.9个百分点): items of Arabic digits
        joined by 、 (和, 与 or 及 before the last), the last with an emitted unit."""
        text, position = self.text, number.end
        if not text[number.start].isdigit():
            return None
        items = _LIST_ITEM_MAGNITUDE if number.has_magnitude else _LIST_ITEM
        for _ in range(_LIST_ITEMS_MAX):
            if position >= len(text) or text[position] not in _COORDINATORS:
                return None
            item = items.match(text, position + 1)
            if item is None:
                return None
            position = item.end()
            unit = _unit_at(text, position, self.lex)
            if unit is not None:
                return unit if _shareable(unit, number) else None
        return None

    def _unit_of_end(self, number: _Number) -> Unit | None:
        """The unit a change from one level to another writes once, after the
        level it reaches (由2.3亿增长到15亿元, 从400亿到500亿元): a plain number
        right after 从 / 由 (or after a date there: 由2002年的2.3亿) takes the unit
        of the number after the 到 / 至 that follows it, past a date (增长到2010年的
        15亿元), when at most a verb stands between the number and 到."""
        text = self.text
        if not text[number.start].isdigit() or \
                _FROM_OPENING.search(text, max(0, number.start - _FROM_REACH),
                                     number.start) is None:
            return None
        link = _TO_LINK.match(text, number.end)
        if link is None:
            return None
        position, stop = link.end(), min(len(text), link.end() + _TO_REACH)
        while position < stop and text[position] not in _CLAUSE_BREAK:
            other = _read_number(text, position, self.lex) if text[position].isdigit() \
                else None
            if other is None:
                position += 1
                continue
            unit = _unit_at(text, other.end, self.lex)
            if unit is not None and not unit.emitted:
                position = other.end + len(unit.surface)  # 到2010年的 | 15亿元
                continue
            if unit is None or other.has_magnitude != number.has_magnitude:
                return None
            return unit if _shareable(unit, number) else None
        return None

    def _coordinated_count(self, number: _Number, span_start: int) -> FoundFigure | None:
        """3集体和7个人: a bare count before a noun, coordinated with a counted figure,
        counts that noun with the default classifier 个 (headline style)."""
        text = self.text
        if number.value != number.value.to_integral_value() or number.value <= 0 \
                or not text[number.start].isdigit():
            return None
        window = text[number.end:number.end + _COORDINATED_NOUN_MAX + 1]
        for offset, char in enumerate(window):
            if not _is_cjk(char) or char in _CLAUSE_BREAK:
                return None
            if offset and char in _COORDINATORS:
                other = _read_number(text, number.end + offset + 1, self.lex)
                unit = other and _unit_at(text, other.end, self.lex)
                if unit and unit.label == "QUANTITY" and unit.emitted and \
                        unit.code in _COUNT_CODES_FOR_COORDINATION | {unit.surface}:
                    return self._placed(FoundFigure(span_start, number.end, "QUANTITY", "个",
                                                    number.value))
                return None
        return None

    def _unit_after(self, number: _Number) -> Unit | None:
        """The unit written after the number; a context unit needs its context word."""
        unit = _unit_at(self.text, number.end, self.lex)
        if unit is None or not unit.context or self._context_has(number.start, unit.context):
            return unit
        if unit.otherwise is not None:
            return Unit(unit.surface, unit.otherwise, "QUANTITY")
        return None

    def _currency_prefix(self, span_start: int) -> str | None:
        """人民币 / ¥ / $ written right before the number, not inside the figure before."""
        floor = max(0, span_start - 3, self.found[-1].end if self.found else 0)
        return _longest_word_ending_at(self.text, span_start, self.lex.currency_prefixes,
                                       floor, 3)

    def _tenths_at(self, number: _Number) -> FoundFigure | None:
        """七成 (70 %), 七成五 (75 %), 三成半 (35 %), 9.5成, 八折 (80 %), 八五折 / 75折 (75 %)."""
        text, end = self.text, number.end
        if end >= len(text) or text[end] not in "成折" or number.has_magnitude:
            return None
        if not self._tenths_ok(end + 1):
            return None
        value = number.value
        word = text[end]
        end += 1
        if word == "折" and value > 10 and value == value.to_integral_value():
            return self._placed(FoundFigure(number.start, end, "PERCENT", "%", value))
        if value > 10 or (word == "折" and value == 10):
            return None  # 十折 is no discount at all; 十成 is 100 %
        value *= 10
        if self.blocked.overlaps(end, end + 1):  # 一成一九八四年: the 一 opens a date
            pass
        elif word == "成" and end < len(text) and text[end] in _CN_DIGIT_VALUE \
                and value == value.to_integral_value():
            value += _CN_DIGIT_VALUE[text[end]]
            end += 1
        elif word == "成" and text[end:end + 1] == "半":
            value += 5
            end += 1
        qualifier = "="
        following = text[end + 1:end + 2]
        if word == "成" and text[end:end + 1] in _INNER_MORE and \
                (not following or following in _CLAUSE_BREAK or following in _NOUN_FOLLOWERS_OK):
            end, qualifier = end + 1, ">"  # 七成多, 六成多的: more than 70 %
        return self._placed(FoundFigure(number.start, end, "PERCENT", "%", value,
                                        qualifier=qualifier))

    def _half_after(self, end: int, value: Decimal, unit: Unit) -> tuple[int, Decimal]:
        """一吨半, 两米半: half a unit more (not after a classifier: 一个半月 is a duration)."""
        if self.text[end:end + 1] != "半" or unit.code == unit.surface or \
                unit.code in _ARTICLE_UNIT_CODES:
            return end, value
        return end + 1, value + _HALF * unit.factor

    def _compound_money(self, end: int, value: Decimal, unit: Unit) -> tuple[int, Decimal]:
        """五元三毛, 两美元又三美分, 10日元5日本銭: minor units add to the amount."""
        text, lex = self.text, self.lex
        position = end + 1 if text[end:end + 1] in _COMPOUND_LINK else end
        number = _read_number(text, position, lex)
        if number is None or number.has_magnitude:
            return end, value
        minor = _unit_at(text, number.end, lex)
        if minor is None or minor.code != unit.code or minor.factor >= unit.factor:
            return end, value
        return number.end + len(minor.surface), value + number.value * minor.factor

    def _context_has(self, position: int, words: tuple[str, ...]) -> bool:
        clause = self.text[_clause_start(self.text, position, _SENTENCE_BREAK, 40):position]
        return any(word in clause for word in words)

    def _after_unit_marker(self, end: int, qualifier: str | None,
                           unit: Unit) -> tuple[int, str | None]:
        """2亩多, 3万元余: a 余/多 right after the unit, when no word follows it,
        or when a unit of measure (not a classifier) is followed by a 多 that is
        a word of its own (4亩多 | 玉米, 5公斤多 | 粮食; not 多元化, 多少, 余额)."""
        text = self.text
        if end < len(text) and text[end] in "余多":
            following = text[end + 1: end + 2]
            if not following or following in _CLAUSE_BREAK or following in _NOUN_FOLLOWERS_OK:
                return end + 1, qualifier or ">"
            if unit.label == "QUANTITY" and unit.code != unit.surface and \
                    _is_cjk(following) and _word_alone(text, end):
                return end + 1, qualifier or ">"
        return end, qualifier

    def _rate_after(self, end: int) -> tuple[int, str | None]:
        word = _longest_word_at(self.text, end, self.lex.rates_after)
        if word is None:
            return end, None
        return end + len(word), self.lex.rates_after[word]

    def _range_from(self, first: _Number, first_unit: Unit | None, end: int, sign: int,
                    span_start: int) -> FoundFigure | None:
        """3至5万元, 3-5万元, 30%—40%, 5万元至10万元, 3300元/吨-3400元/吨."""
        text, lex = self.text, self.lex
        connector = _CONNECTOR.match(text, end)
        first_per = None
        if connector is None and first_unit is not None:
            # (3300元/吨-3400元/吨: each end written with its rate, the same one)
            rate_end, first_per = self._rate_after(end)
            connector = _CONNECTOR.match(text, rate_end) if first_per is not None else None
        if connector is None:
            return None
        if connector.group() in ("至", "到") and \
                _FROM_OPENING.search(text, max(0, span_start - _FROM_REACH), span_start):
            return None  # 从18%到58.8% is a change, not a range (以…为由涨价5%-10% is one)
        second = _read_number(text, connector.end(), lex)
        if second is None or self.blocked.overlaps(second.start, second.end):
            return None
        unit = _unit_at(text, second.end, lex)
        if unit is None or not unit.emitted or unit.compound_only:
            return None  # (67.3—77.8分 | 贝: a minor unit only after an amount)
        if first_unit is not None and first_unit.code != unit.code:
            return None
        low = sign * first.value
        if not first.has_magnitude and second.trailing_magnitude is not None:
            low *= second.trailing_magnitude
        high = second.value
        if low >= high or self._change_then_level(first_unit, connector.group(), span_start,
                                                  low, high):
            return None
        end = second.end + len(unit.surface)
        end, per = self._rate_after(end)
        if first_per is not None and per != first_per:
            return None
        figure = FoundFigure(span_start, end, unit.label, unit.code, None,
                             low=low * unit.factor, high=high * unit.factor, qualifier="range",
                             per=per)
        return self._placed(figure)

    def _change_then_level(self, first_unit: Unit | None, connector: str, span_start: int,
                           low: Decimal, high: Decimal) -> bool:
        """增加675吨至3350吨, 上涨0.76点至103.95点: after a verb of change, two
        amounts with their units, the second several times the first, are the
        change and the level it reached; not 上涨5%至10% (a range of changes)
        or 增长3至5万元 (one unit for both)."""
        before = self.text[max(0, span_start - 4):span_start].removesuffix("了")
        return first_unit is not None and first_unit.code != "%" and connector in ("至", "到") \
            and before.endswith(_CHANGE_VERBS) and high >= _LEVEL_OVER_CHANGE * low > 0

    def _unitless(self, number: _Number, sign: int, span_start: int) -> FoundFigure | None:
        """141.68万 with no unit: the unit of the noun it counts, else of the figure before."""
        code = None
        if _longest_word_ending_at(self.text, span_start, self.lex.money_verbs,
                                   max(0, span_start - 4)) is not None:
            code = "CNY"  # 花4亿治废气, 企业被罚掉200万: what is spent or saved is money
        if code is None:
            code = self._counted_noun_unit(span_start)
        if code is None:
            code = self._noun_after_unit(number.end)
        if code is None:
            code = self._previous_inferred_unit(span_start)
        if code is None:
            return None
        label = "MONEY" if code.isupper() and len(code) == 3 else "QUANTITY"
        figure = FoundFigure(span_start, number.end, label, code, sign * number.value,
                             qualifier=number.inner_qualifier or "=", unit_inferred=True)
        return self._placed(figure)

    def _counted_noun_unit(self, position: int) -> str | None:
        text, nouns = self.text, self.lex.counted_nouns
        floor = _clause_start(text, position, _CLAUSE_BREAK, 30)
        for end in range(position, floor, -1):
            word = _longest_word_ending_at(text, end, nouns, floor, 4)
            if word is not None:
                return nouns[word]
        return None

    def _noun_after_unit(self, end: int) -> str | None:
        """The unit of a counted noun written right after the number, through 的
        or a short modifier (每年70亿的销售额, 15亿中央投资计划): the noun it counts
        when its clause names none before it."""
        text, nouns = self.text, self.lex.counted_nouns
        start = end + 1 if text.startswith("的", end) else end
        for at in range(start, min(len(text), start + _NOUN_AFTER_REACH + 1)):
            if not _is_cjk(text[at]):
                return None
            word = next((text[at:at + size] for size in range(4, 0, -1)
                         if text[at:at + size] in nouns), None)
            if word is not None:
                return nouns[word]
        return None

    def _previous_inferred_unit(self, position: int) -> str | None:
        floor = _clause_start(self.text, position, _SENTENCE_BREAK, 120)
        for figure in reversed(self.found):
            if figure.end <= floor:
                break
            if figure.unit_inferred:
                return figure.unit
        return None

    def _placed(self, figure: FoundFigure) -> FoundFigure:
        """Set qualifier and per from the words around the figure, and its enumeration."""
        qualifier, per = figure.qualifier, figure.per
        before_qualifier, before_per = self._words_before(figure.start)
        after_end, after_qualifier = self._qualifier_after(figure.end)
        if qualifier == "=":
            qualifier = before_qualifier or after_qualifier or "="
        per = per or before_per
        if qualifier == "=" and before_qualifier is None:
            qualifier = self._distant_bound(figure) or "="
        previous = self._enumerated_previous(figure.start)
        if previous is not None:
            if qualifier == "=" and previous.qualifier not in ("=", "range"):
                qualifier = previous.qualifier
            per = per or previous.per
        if per is None:
            per = self._clause_rate(figure.start)
        if figure.unit in RATIO_UNITS:
            per = None  # 人均可支配收入增长13%: a ratio has no denominator of its own
        return replace(figure, qualifier=qualifier, per=per)

    def _words_before(self, start: int) -> tuple[str | None, str | None]:
        """Bound and rate words written right before the figure (月人均不低于630元)."""
        text, lex = self.text, self.lex
        qualifier: str | None = None
        per: str | None = None
        position = start
        floor = max(0, start - _MAX_LOOKBACK)
        for _ in range(3):
            word = _longest_word_ending_at(text, position, lex.qualifiers_before, floor)
            if word is not None and qualifier is None and self._bound_word_ok(word, position):
                qualifier = lex.qualifiers_before[word]
                position -= len(word)
                continue
            word = _longest_word_ending_at(text, position, lex.rates_before, floor)
            if word is not None and self._rate_word_ok(word, position) and \
                    (per is None or word.startswith("每") and "-" not in per):
                # (每车每小时1.5元: a rate per vehicle and hour, 辆-hour)
                per = lex.rates_before[word] if per is None else f"{lex.rates_before[word]}-{per}"
                position -= len(word)
                continue
            break
        return qualifier, per

    def _bound_word_ok(self, word: str, end: int) -> bool:
        """签约3个 is not 约3个: a one-character bound word inside a word is no bound."""
        if len(word) > 1:
            return True
        before = self.text[end - 2] if end >= 2 else ""
        return not before or before not in self.lex.bound_not_after.get(word, "")

    def _rate_word_ok(self, word: str, end: int) -> bool:
        """A bare 月 / 年 that ends a date (3月, 2022年, 全年, 明年) is not a rate."""
        if word not in ("月", "年"):
            return True
        before = self.text[end - 2] if end >= 2 else ""
        return not (before.isdigit() or before in _CN_NUMERAL_CHARS or before in "今去上本当全明前")

    def _qualifier_after(self, end: int) -> tuple[int, str | None]:
        """The bound or approximation word right after a figure; a bracketed (含) or
        (不含) may stand between (排气量1.8升（含）以下: <=; 10万元（不含）以上: >)."""
        inclusive = next((note for note in _INCLUSION_NOTES if self.text.startswith(note, end)),
                         None)
        at = end + len(inclusive) if inclusive is not None else end
        word = _longest_word_at(self.text, at, self.lex.qualifiers_after, 3)
        if word is None:
            return end, None
        qualifier = self.lex.qualifiers_after[word]
        if inclusive is not None and qualifier not in ("<=", ">="):
            return end, None  # (含) before 左右 bounds nothing
        if inclusive is not None and "不" in inclusive:
            qualifier = qualifier[0]  # exclusive: < or >
        return at + len(word), qualifier

    def _distant_bound(self, figure: FoundFigure) -> str | None:
        """A bound word further back in the clause that still governs the figure.

        Through 的 it does (不低于当地低保标准的1.3倍 -> >=), and an absolute bound
        does through a short verb (最高补贴5000元 -> <=); a comparison without 的
        states a margin (高于全省平均水平1.3个百分点, 超省定目标18.8%: =), and a
        figure that modifies a following noun is not bounded at all
        (超过省厅下达的50万目标任务: the target is exactly 50万).
        """
        text, lex = self.text, self.lex
        floor = _clause_start(text, figure.start, _CLAUSE_BREAK, _DISTANT_LOOKBACK)
        if self.found and self.found[-1].end > floor:
            floor = self.found[-1].end
        linked = _LINKED_BOUND.search(text, floor, figure.start)
        if linked is not None and self._bound_word_ok(linked["word"], linked.end("word")):
            return lex.qualifiers_before[linked["word"]]  # 约占四分之一, 至少有90名矿工
        after_end, _ = self._qualifier_after(figure.end)
        following = text[after_end:after_end + 1]
        if following and _is_cjk(following) and following not in _NOUN_FOLLOWERS_OK:
            return None
        prefix = text[floor:figure.start]
        best: tuple[int, str] | None = None
        for word in lex.distant_bounds:
            index = prefix.rfind(word)
            if index < 0:
                continue
            if best is None or (index + len(word), len(word)) > (best[0] + len(best[1]),
                                                                   len(best[1])):
                best = (index, word)
        if best is None:
            return None
        between = prefix[best[0] + len(best[1]):]
        governs = between.endswith("的") or (
            best[1] in lex.absolute_bounds and len(between) <= _ABSOLUTE_BOUND_REACH)
        return lex.qualifiers_before[best[1]] if governs else None

    def _enumerated_previous(self, start: int) -> FoundFigure | None:
        """The figure this one follows in an enumeration (630元、420元)."""
        if not self.found or start == 0 or self.text[start - 1] not in _ENUMERATION:
            return None
        previous = self.found[-1]
        if previous.end == start - 1 and previous.label:
            return previous
        return None

    def _clause_rate(self, start: int) -> str | None:
        text = self.text
        floor = _clause_start(text, start, _CLAUSE_BREAK, 30)
        clause = text[floor:start]
        for word in sorted(self.lex.rates_in_clause, key=len, reverse=True):
            if word in clause:
                return self.lex.rates_in_clause[word]
        return None


#: Units of ratios: a rate word near one (人均…增长13%) gives it no per.
RATIO_UNITS = frozenset({"%", "pp", "permille", "个千分点"})
#: How far after a unit-less number the noun it counts may begin (15亿 | 中央 | 投资).
_NOUN_AFTER_REACH = 2


def _silent(start: int, end: int) -> FoundFigure:
    """A duration or an age: read, so that it is not misread, and then dropped."""
    return FoundFigure(start, end, "", "", Decimal(0))


#: Characters read after a 多 to tell whether the segmenter makes it a word alone.
_WORD_WINDOW = 6


def _word_alone(text: str, position: int) -> bool:
    """Whether the character at ``position`` is a word of its own to the
    segmenter (多 | 玉米), not the start of one (多元化, 多少, 余额)."""
    from zhfacts.words import segmenter

    first = next(iter(segmenter().cut(text[position:position + _WORD_WINDOW])), "")
    return first == text[position]


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"




def find_quantities(text: str, taken: Iterable[tuple[int, int]] = (),
                    lex: Lexicon | None = None) -> list[FoundFigure]:
    """Every MONEY / QUANTITY / PERCENT figure in clean ``text``.

    ``taken`` are spans already claimed (dates), which no figure overlaps.
    """
    lex = lex or lexicon()
    urls = [match.span() for match in _URL.finditer(text)] if "/" in text else []
    blocked = _Blocked(_blocked_spans(text, lex.numbered_terms, [*taken, *urls]))
    return _Scanner(text, blocked, lex).scan()
