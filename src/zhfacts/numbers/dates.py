"""DATE recognition and TimeML normalization (SPEC sections 3 and 6).

Works on the clean text of :mod:`zhfacts.page.textmap`. A date is read greedily
from a start (a year, a month, a day, or a relative word) through the
periods that refine it: ``2022年1至10月``, ``今年上半年``, ``2021年年底``,
``3月5日至6日``. Values are ISO 8601 with unknown parts as ``X``; periods use
TimeML's ``H1``/``Q1``/``SP``..``WI`` and intervals ``A/B``.

Resolution:
- ``今年``/``去年``/``前年``/``明年``/``来年`` and seasons (今秋) count from the document
  date's year, and so do spans of years: ``过去5年`` (the five years before
  it), ``近3年`` (the three years ending in it), ``未来3至4年`` (from it on, to the
  outer bound);
- ``上年``, ``全年``, ``年初``, ``年末``, ``年内`` (not 三年内, a duration), bare
  ``上半年``/``一季度`` count from the
  *period under review*: the last absolute year the text has named as a
  period (2022年, 2022年底, 2022年1至10月 -- not a day such as a dateline,
  not a relative 今年/去年, not a year only compared with or quoted in
  brackets: 比2021年, （2019年增长6.2%）), else the document year (a 2023
  report on 2022: 上年 = 2021). The first period named (a title's year), and
  a period that opens a sentence or a heading (2022年，全市…; 一、2023年工作
  回顾), holds until another one opens a sentence; a period
  named inside a sentence (…，2019年增速变缓至3%) holds to the end of that
  sentence only, so that a year an article looks back on does not become
  the period of what follows;
- a year-less month or day takes the document year (and month, for a bare
  day); ``当天`` takes the last day named before it, ``今天`` (when the
  document date has no day) the day named close before it; else either takes
  the day named close after it (within ``_ANAPHORA_REACH`` characters), else
  the document's day;
- ``N年前`` counts back from the document's year; ``上周``/``本周``/``下周`` are
  the weeks (Monday to Sunday) around the document's day, ``上周五`` a day of
  one; ``同年``/``同月``/``同日`` repeat the last date named with a year, month
  or day; a bulletin's ``期末`` is the end of the period under review; a
  dateline's day may lack its 日 (``2011年09月30来源：``);
- anything not known stays ``X``.

Every pattern has bounded length, so scanning is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import timedelta

from zhfacts.page.context import DocumentContext
from zhfacts.page.layout import SENTENCE_ENDS

#: 〇 and the look-alikes PDF text and typesetters put in its place (二○○○年, 二Ｏ一Ｏ年, 二O一O年).
_ZEROS = "〇○◯ＯO"
_CN_DIGIT = {**dict.fromkeys(_ZEROS, 0), "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = "一二三四五六七八九"
_MONTH = rf"1[0-2]|0?[1-9]|十[一二]?|[{_CN_SMALL}]"
_DAY = rf"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[{_CN_SMALL}]?|十[{_CN_SMALL}]?|[{_CN_SMALL}]"
_DASH = "至到~\\-—–"
#: Two to twelve months (前5个月, 头两个月).
_SEVERAL_MONTHS = "1[0-2]|[2-9]|十[一二]?|[二三四五六七八九两]"
#: How many years a 过去N年 / 未来N年 span counts (1-20, Arabic or Chinese).
_SPAN_YEARS = "1[0-9]|20|[1-9]|十[一二三四五六七八九]?|二十|[一二三四五六七八九两]"

#: 前年 and 前天 only where 前 starts a word: not after a character that ends a word with
#: 前 (目前年均 is no 前年, 目前天津 no 前天).
_FRONT_STARTS = "(?<![目此之日提先事以当眼面空跟门向往生战会节饭睡婚产史超从最])"

_START = re.compile(
    rf"(?<![0-9.])(?:1[89]|20)[0-9]{{2}}(?=年|[-/.][01]?[0-9]|[{_DASH}](?:1[89]|20)[0-9]{{2}}年)"
    rf"|[{_ZEROS}零一二三四五六七八九]{{4}}(?=年)"
    rf"|(?<![0-9.{_CN_SMALL}十第])(?:{_MONTH})(?=月|[{_DASH}](?:{_MONTH})月)"
    rf"|(?<![0-9.月])(?:3[01]|[12][0-9]|[1-9])(?=日(?![元圆本]))"
    rf"|今明两年|今明二年|今年|去年|{_FRONT_STARTS}前年"
    r"|明年|(?<!未)来年|本年|上一年|上年|全年|年初|年末|年底|上半年|下半年|前三季度|前[二两三2-3]个季度"
    r"|(?<![0-9一二三四五六七八九十两半年数几多])年内"
    rf"|第?[{_CN_SMALL[:4]}1-4]季度|第[{_CN_SMALL[:4]}1-4]季|首[{_CN_SMALL[:3]}1-3]?季度?|今天|今日|昨天|昨日"
    rf"|{_FRONT_STARTS}前天|明天|当天|当日"
    rf"|(?<![0-9{_CN_SMALL}十])(?:前|头)(?:{_SEVERAL_MONTHS})个?月(?!份)"
    r"|本月|当月|上个月|上月|下月|今春|今夏|今秋|今冬|去冬"
    rf"|(?:过去|未来|今后|近)(?:{_SPAN_YEARS})(?:[{_DASH}](?:{_SPAN_YEARS}))?(?=年)"
    rf"|(?<![0-9{_CN_SMALL}十两])(?:{_SPAN_YEARS})年前(?![后期])"
    r"|(?:上|本|这|下)(?:个)?(?:周|星期)(?![期年岁边围到转刊报末])[一二三四五六日天]?"
    r"|(?<![每上本这下个至到0-9一二三四五六七八九十两])(?:周|星期)[一二三四五六日]"
    r"(?=[^\u4e00-\u9fff]|$|[上下早晚中凌夜起开的收盘从在对将即还又也就才已均都表称宣发公举召增减涨跌])"
    r"|(?<!今)昨(?![天日])"
    r"|同年(?!同期)|同月|同日|(?<!学)期末(?!考)"
)
#: 两年前, 10年前: the year that many years before the document's.
_YEARS_AGO = re.compile(rf"(?P<n>{_SPAN_YEARS})年前")
#: 上周, 本星期, 下周三: a week counted from the document's, or a day of it.
_WEEK = re.compile(r"(?P<which>上|本|这|下)?个?(?:周|星期)(?P<day>[一二三四五六日天])?")
_WEEK_OFFSET = {"上": -1, "本": 0, "这": 0, "下": 1}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_YEARS_SPAN = re.compile(
    rf"(?P<side>过去|未来|今后|近)(?P<n>{_SPAN_YEARS})(?:[{_DASH}](?P<n2>{_SPAN_YEARS}))?年"
)
_ABS_YEAR = re.compile(rf"(?P<y>(?:1[89]|20)[0-9]{{2}}|[{_ZEROS}零一二三四五六七八九]{{4}})年")
_YEAR_RANGE = re.compile(
    rf"(?P<y1>(?:1[89]|20)[0-9]{{2}})年?[{_DASH}/](?P<y2>(?:1[89]|20)[0-9]{{2}})(?:年度?|学年)"
)
#: A financial or school year written short: 2013/14年度, 2012-13学年.
_SHORT_YEAR_PAIR = re.compile(
    rf"(?P<y1>(?:1[89]|20)[0-9]{{2}})[/{_DASH}](?P<y2>[0-9]{{2}})(?:年度|学年)"
)
_ISO = re.compile(
    r"(?P<y>(?:1[89]|20)[0-9]{2})(?P<sep>[-/.])(?P<m>1[0-2]|0[1-9]|[1-9])"
    r"(?:(?P=sep)(?P<d>3[01]|[12][0-9]|0[1-9]|[1-9]))?(?![0-9])"
)
_REL_YEAR = re.compile(r"今年|去年|前年|明年|来年|本年|上一年|上年")
_MONTH_RANGE = re.compile(rf"(?P<m1>{_MONTH})(?:月份?)?[{_DASH}](?P<m2>{_MONTH})月份?")
_MONTH_DAY = re.compile(
    rf"(?P<m>{_MONTH})月(?P<d>{_DAY})[日号](?:[{_DASH}](?P<d2>{_DAY})[日号])?"
)
#: A dateline's day written without 日, its month and day in two digits each
#: (2011年09月30来源：…).
_DATELINE_DAY = re.compile(r"(?P<m>1[0-2]|0[1-9])月(?P<d>3[01]|[12][0-9]|0[1-9])"
                           r"(?=[^\u4e00-\u9fff0-9]|来源|$)")
_MONTH_ONLY = re.compile(rf"(?P<m>{_MONTH})月(?P<suffix>份|底|末|初|上旬|中旬|下旬)?")
_DAY_ONLY = re.compile(rf"(?P<d>3[01]|[12][0-9]|[1-9])日(?:[{_DASH}](?P<d2>{_DAY})日)?")
_HALF = re.compile(r"(?P<h>上|下)半年")
#: 一季度, 第二季度, and (Hong Kong style) 第二季.
_QUARTER = re.compile(rf"第?(?P<q>[{_CN_SMALL[:4]}1-4])季度|第(?P<q2>[{_CN_SMALL[:4]}1-4])季")
#: 前三季度, and (Hong Kong style) 首3季; 首季 alone is the first quarter.
_FIRST_QUARTERS = re.compile(rf"(?:前|首)(?P<n>[{_CN_SMALL[:3]}两1-3])(?:个季度|季度?)|首季度?")
#: 前5个月, 头两个月, 前3月: the months from January on (not 前一个月, the month before).
_FIRST_MONTHS = re.compile(rf"(?:前|头)(?P<n>{_SEVERAL_MONTHS})个?月(?!份)")
#: 年中 is mid-year only before what may follow a date (，, 以来, 前后): not in
#: 2011年中关村, 2011年中小企业, 年中国GDP.
_YEAR_PART = re.compile(r"年?(?:底|末|初|中(?=[^\u4e00-\u9fff]|$|以来|前|后|时|期间|左右"
                        r"|开始|起|至|到|的|，))|全年|度")
_SEASON = re.compile(r"(?P<s>春|夏|秋|冬)季?")

_RELATIVE_YEAR_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "来年": 1}
_REVIEW_YEAR_OFFSET = {"上年": -1, "上一年": -1}
_DAY_OFFSET = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "昨": -1, "前天": -2, "明天": 1}
#: 本月3日, 上月15日: a day of a month counted from the document's.
_DAY_AFTER_MONTH = re.compile(rf"(?P<d>{_DAY})[日号]")
_MONTH_OFFSET = {"本月": 0, "当月": 0, "上月": -1, "上个月": -1, "下月": 1}
_SEASON_CODE = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
_DAY_VALUE = re.compile(r"[0-9X]{4}-[0-9]{2}-[0-9]{2}")
_ANAPHORIC = "anaphoric"
_ANAPHORA_REACH = 200


@dataclass(frozen=True)
class FoundDate:
    """A date found in the clean text: clean offsets and its TimeML value."""

    start: int
    end: int
    value: str


@dataclass
class _Reader:
    """Scanning state: the document context and what the text has named so far."""

    text: str
    context: DocumentContext
    review_year: int | None = None
    #: The whole period under review as a TimeML value (2021-01/2021-02, 2016-H1).
    review_value: str | None = None
    #: The period named by the last sentence or heading it opens: what
    #: ``review_*`` return to at the end of each sentence.
    frame_year: int | None = None
    frame_value: str | None = None
    last_day: FoundDate | None = None
    found: list[FoundDate] = field(default_factory=list)
    #: Whether the line starting at each key is a title (no clause punctuation),
    #: asked once a line: a text of many years costs no rescan of its lines.
    titles: dict[int, bool] = field(default_factory=dict)
    #: Where the text's lines end (found once, on the first question).
    newlines: list[int] | None = None

    @property
    def period_year(self) -> int | None:
        return self.review_year if self.review_year is not None else self.context.year

    def review(self, position: int, year: int | None) -> None:
        """A year named at ``position`` becomes the period under review unless
        it is only compared with (比2021年, 较上年, 与2019年相比) or quoted in
        brackets (（2019年增长6.2%，2020年…）): a bulletin on 2022 that compares
        with 2021 still reports 2022, and so do its 全年 and 上年."""
        if year is not None and not _compared_or_quoted(self.text, position) and \
                not _since(self.text, position):
            self.review_year = year
            if self.frame_year is None and self._in_title(position) or \
                    opens_sentence(self.text, position):
                self.frame_year = year  # (the title's year frames: 2022年…统计公报)

    def _in_title(self, position: int) -> bool:
        """Whether ``position`` is in a title: a line without clause punctuation
        (川汇区2022年经济总量突破400亿元), or anywhere in a text of one line. A year
        named first in a sentence further on (苹果在2007年推出…, 预计到2013年时…)
        frames no later 第二季度."""
        if self.newlines is None:
            self.newlines = [m.start() for m in _NEWLINE.finditer(self.text)]
        if not self.newlines:
            return True
        k = bisect_left(self.newlines, position)
        start = self.newlines[k - 1] + 1 if k else 0
        title = self.titles.get(start)
        if title is None:
            end = self.newlines[k] if k < len(self.newlines) else len(self.text)
            title = _CLAUSE_MARK.search(self.text, start, end) is None
            self.titles[start] = title
        return title

    def review_period(self, position: int, value: str) -> None:
        """``value``, named at ``position``, is the whole period under review."""
        self.review_value = value
        if self.frame_value is None or opens_sentence(self.text, position):
            self.frame_value = value

    def end_sentence(self) -> None:
        """Back to the period of the last sentence or heading that named one."""
        self.review_year, self.review_value = self.frame_year, self.frame_value


#: Punctuation of prose: a line with any is no title.
_CLAUSE_MARK = re.compile("[，,。；;！？]")
_NEWLINE = re.compile("\n")
_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_ENDS) + "\n]")
#: What may stand between a sentence's start and the period it opens with:
#: a heading number (一、 （二） 3.), a preposition (在 截至), 全年 or 今年.
_OPENER = re.compile(
    r"(?:[（(]?[一二三四五六七八九十0-9]{1,3}[、.．)）]\s*)?"
    r"(?:在|截至|截止|到|于|至)?\s*"
)
#: How far before a date its sentence's start is looked for.
_OPENER_REACH = 12


def opens_sentence(text: str, position: int) -> bool:
    """Whether the date at ``position`` opens its sentence or heading line
    (2014年，全市…; 一、2023年工作回顾; 截至2022年末): the period it reports."""
    low = max(0, position - _OPENER_REACH)
    window = text[low:position]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    elif low > 0:
        return False
    return _OPENER.fullmatch(window.lstrip(" \u3000\t")) is not None


#: Words right before a year that make it a comparison base, not a period reported.
_COMPARED = ("比", "较", "与", "同", "从", "自", "相比", "对比", "同比")
#: How far back an open bracket is looked for (a bracketed aside is short).
_QUOTE_REACH = 60


#: How far after a year 以来 is looked for (1961年有完整气象记录以来).
_SINCE_REACH = 16


def _since(text: str, position: int) -> bool:
    """Whether the year at ``position`` opens a 以来 phrase (since when, not
    the period reported), within its clause."""
    window = text[position:position + _SINCE_REACH]
    at = window.find("以来")
    return at >= 0 and not any(mark in window[:at] for mark in "，。；,;")


def _compared_or_quoted(text: str, position: int) -> bool:
    """Whether the date at ``position`` is a comparison base or inside brackets."""
    if text.endswith(_COMPARED, 0, position):
        return True
    window = text[max(0, position - _QUOTE_REACH):position]
    opened = max(window.rfind("（"), window.rfind("("))
    closed = max(window.rfind("）"), window.rfind(")"), window.rfind("。"))
    return opened > closed


def _small_number(token: str) -> int:
    """Month, day or quarter numeral: Arabic or 一..三十一."""
    if token.isdigit():
        return int(token)
    if token in _CN_DIGIT:
        return _CN_DIGIT[token]
    tens, _, units = token.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _year_of(token: str) -> int:
    if token.isdigit():
        return int(token)
    return int("".join(str(_CN_DIGIT[c]) for c in token))


def _ymd(year: int | None, month: int | None = None, day: int | None = None) -> str:
    value = f"{year:04d}" if year is not None else "XXXX"
    if month is not None:
        value += f"-{month:02d}"
        if day is not None:
            value += f"-{day:02d}"
    elif day is not None:
        value += f"-XX-{day:02d}"
    return value


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        calendar_date(year or 2000, month or 1, day)
    except ValueError:
        return False
    return True


def _refine_year(reader: _Reader, position: int, year: int | None) -> tuple[int, str] | None:
    """Read what follows a year (months, days, halves, quarters, 年底); None if nothing."""
    text = reader.text
    match = _MONTH_RANGE.match(text, position)
    if match:
        first, last = _small_number(match["m1"]), _small_number(match["m2"])
        if 1 <= first < last <= 12:
            return match.end(), f"{_ymd(year, first)}/{_ymd(year, last)}"
    match = _MONTH_DAY.match(text, position)
    if match:
        month, day = _small_number(match["m"]), _small_number(match["d"])
        if _valid(year, month, day):
            value = _ymd(year, month, day)
            if match["d2"]:
                last = _small_number(match["d2"])
                if _valid(year, month, last) and last > day:
                    return match.end(), f"{value}/{_ymd(year, month, last)}"
                return match.start("d2") - 1, value
            return match.end(), value
    match = _DATELINE_DAY.match(text, position)
    if match and _valid(year, int(match["m"]), int(match["d"])):
        return match.end(), _ymd(year, int(match["m"]), int(match["d"]))
    match = _MONTH_ONLY.match(text, position)
    if match:
        month = _small_number(match["m"])
        if 1 <= month <= 12:
            return match.end(), _ymd(year, month)
    match = _HALF.match(text, position)
    if match:
        return match.end(), f"{_ymd(year)}-H{1 if match['h'] == '上' else 2}"
    match = _FIRST_MONTHS.match(text, position)
    if match:
        last = _small_number(match["n"].replace("两", "二"))
        if 1 <= last <= 12:
            return match.end(), f"{_ymd(year, 1)}/{_ymd(year, last)}" if last > 1 \
                else _ymd(year, 1)
    match = _FIRST_QUARTERS.match(text, position)
    if match:
        last = _small_number(match["n"].replace("两", "二")) if match["n"] else 1
        return match.end(), f"{_ymd(year)}-Q1/{_ymd(year)}-Q{last}" if last > 1 \
            else f"{_ymd(year)}-Q1"
    match = _QUARTER.match(text, position)
    if match:
        return match.end(), f"{_ymd(year)}-Q{_small_number(match['q'] or match['q2'])}"
    match = _SEASON.match(text, position)
    if match and position < len(text) and text[position] in _SEASON_CODE:
        return match.end(), f"{_ymd(year)}-{_SEASON_CODE[match['s']]}"
    match = _YEAR_PART.match(text, position)
    if match:
        return match.end(), _ymd(year)
    return None


#: Words of a resolve: a sentence with one before 全年 looks ahead from the
#: document's own year, whatever past year the text reviewed before it (预计 only
#: after the months of review: 预计全年 in a January review estimates that year).
_AHEAD = ("下一步", "力争", "争取", "确保", "今后", "拟")


def _looks_ahead(text: str, position: int, month: int | None = None) -> bool:
    """Whether the sentence before ``position`` speaks of what is still to come
    (下一步，力争全年…); 预计 does so only in a text written after the months that
    still review the year before (预计全年… in a November story is this year's; in a
    January work report, the year just ended)."""
    low = max(0, position - _OPENER_REACH * 3)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, position)]
    before = text[ends[-1] if ends else low:position]
    return any(word in before for word in _AHEAD) or \
        month is not None and month > REVIEW_MONTHS and _FORECAST in before


#: A forecast's word before a 全年: ahead only after the months of review.
_FORECAST = "预计"
#: The months of a year in which texts still review the year before (bulletins and
#: work reports on a year come out by April of the next).
REVIEW_MONTHS = 4


def _shift_day(context: DocumentContext, offset: int) -> str:
    """The document date moved by ``offset`` days; X where the date is not that precise."""
    if context.year is None or context.month is None or context.day is None:
        if offset == 0 and context.month is not None:
            return _ymd(context.year, context.month) + "-XX"
        return "XXXX-XX-XX"
    day = calendar_date(context.year, context.month, context.day) + timedelta(days=offset)
    return day.isoformat()


def _week(context: DocumentContext, offset: int, weekday: str | None) -> str:
    """The week ``offset`` weeks from the document's (Monday to Sunday), or its
    ``weekday``; X where the document date has no day."""
    if context.year is None or context.month is None or context.day is None:
        return "XXXX-XX-XX"
    today = calendar_date(context.year, context.month, context.day)
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
    if weekday is not None:
        return (monday + timedelta(days=_WEEKDAY[weekday])).isoformat()
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _last_weekday(context: DocumentContext, weekday: str) -> str:
    """周三 without 上/本/下 in a report: the last such day on or before the
    document's (a Friday's 周三 is two days before; a Monday's 周五, three)."""
    if context.year is None or context.month is None or context.day is None:
        return "XXXX-XX-XX"
    today = calendar_date(context.year, context.month, context.day)
    back = (today.weekday() - _WEEKDAY[weekday]) % 7
    return (today - timedelta(days=back)).isoformat()


#: The first characters of a value that name the same year, month or day, and how
#: many of the dates before it are looked at.
_SAME_AS = {"同年": 4, "同月": 7, "同日": 10}
_SAME_AS_LOOKED = 8


def _same_as_before(reader: _Reader, word: str) -> str:
    """同年 / 同月 / 同日: the year, month or day of the last date named with one."""
    size = _SAME_AS[word]
    for found in reversed(reader.found[-_SAME_AS_LOOKED:]):  # (bounded: 同日同日… is linear)
        value = found.value.split("/")[-1]
        if len(value) >= size and value[:4].isdigit() and "X" not in value[:size]:
            return value[:size]
    return "XXXX" if size == 4 else _ANAPHORIC if size == 10 else "XXXX-XX"


def _shift_month(context: DocumentContext, offset: int) -> str:
    if context.year is None or context.month is None:
        return "XXXX-XX"
    index = context.year * 12 + context.month - 1 + offset
    return _ymd(index // 12, index % 12 + 1)


def _read_at(reader: _Reader, position: int, word: str) -> tuple[int, str] | None:
    """Read one date starting at ``position``; ``word`` is what the start pattern matched."""
    text, context = reader.text, reader.context
    year: int | None
    match = _YEAR_RANGE.match(text, position)
    if match and int(match["y1"]) < int(match["y2"]):
        reader.review(position, int(match["y2"]))
        return match.end(), f"{match['y1']}/{match['y2']}"
    match = _SHORT_YEAR_PAIR.match(text, position)
    if match and (int(match["y1"]) + 1) % 100 == int(match["y2"]):
        second = int(match["y1"]) + 1
        reader.review(position, second)
        return match.end(), f"{match['y1']}/{second}"
    match = _ABS_YEAR.match(text, position)
    if match:
        year = _year_of(match["y"])
        refined = _refine_year(reader, match.end(), year)
        if refined is None or not _DAY_VALUE.match(refined[1]):  # a period, not a day
            reader.review(position, year)
        return refined or (match.end(), _ymd(year))
    match = _ISO.match(text, position)
    if match:
        year, month = int(match["y"]), int(match["m"])
        day = int(match["d"]) if match["d"] else None
        if match["sep"] == "." and day is None and len(match["m"]) < 2:
            return None  # 2022.5 is more likely a number than May 2022
        if _valid(year, month, day):
            if day is None:
                reader.review(position, year)
            return match.end(), _ymd(year, month, day)
        return None
    if word in ("今明两年", "今明二年"):  # this year and next
        if context.year is None:
            return position + len(word), "XXXX"
        return position + len(word), f"{_ymd(context.year)}/{_ymd(context.year + 1)}"
    match = _REL_YEAR.match(text, position)
    if match:
        if word in _RELATIVE_YEAR_OFFSET:
            base = context.year
            year = None if base is None else base + _RELATIVE_YEAR_OFFSET[word]
        else:
            base = reader.period_year
            year = None if base is None else base + _REVIEW_YEAR_OFFSET[word]
        refined = _refine_year(reader, match.end(), year)
        return refined or (match.end(), _ymd(year))
    if word in ("全年", "年初", "年末", "年底", "年内"):
        year = reader.period_year
        if year is not None and context.year is not None and year < context.year and \
                _looks_ahead(text, position, context.month):
            year = context.year  # 2010年，…。下一步，力争全年…: the year the text is written in
        return position + len(word), _ymd(year)
    if word in ("上半年", "下半年", "前三季度") or word.endswith(("季度", "季")) or \
            _FIRST_MONTHS.fullmatch(word):
        return _refine_year(reader, position, reader.period_year)
    match = _YEARS_SPAN.match(text, position)
    if match:  # 过去5年 = the five years before the document's; 未来3至4年 from its year on
        count = _small_number((match["n2"] or match["n"]).replace("两", "二"))
        if context.year is None or count < 1:
            return match.end(), "XXXX"
        if match["side"] == "过去":
            since, until = context.year - count, context.year - 1
        elif match["side"] == "近":  # the recent years, the current one among them
            since, until = context.year - count + 1, context.year
        else:
            since, until = context.year, context.year + count - 1
        return match.end(), _ymd(since) if since == until else f"{_ymd(since)}/{_ymd(until)}"
    match = _YEARS_AGO.fullmatch(word)
    if match:  # 两年前: counted back from the document's year
        count = _small_number(match["n"].replace("两", "二"))
        return position + len(word), _ymd(None if context.year is None else context.year - count)
    match = _WEEK.fullmatch(word)
    if match and match["which"] is None:  # 周三 alone: the last one on or before the day
        return position + len(word), _last_weekday(context, match["day"])
    if match:
        return position + len(word), _week(context, _WEEK_OFFSET[match["which"]], match["day"])
    if word in ("同年", "同月", "同日"):
        return position + len(word), _same_as_before(reader, word)
    if word == "期末":  # a bulletin's end of the period under review
        return position + len(word), _ymd(reader.period_year)
    if word in _DAY_OFFSET and (context.day is not None or _DAY_OFFSET[word] != 0):
        return position + len(word), _shift_day(context, _DAY_OFFSET[word])
    if word in ("当天", "当日", "今天", "今日"):
        last = reader.last_day  # 当天 refers back however far; 今天 only nearby
        if last is not None and (word[0] == "当" or position - last.end <= _ANAPHORA_REACH):
            return position + len(word), last.value
        return position + len(word), _ANAPHORIC
    if word in _MONTH_OFFSET:
        shifted = _shift_month(context, _MONTH_OFFSET[word])
        day_after = _DAY_AFTER_MONTH.match(text, position + len(word))
        if day_after is not None and "X" not in shifted and \
                _valid(int(shifted[:4]), int(shifted[5:]), _small_number(day_after["d"])):
            # 截至本月3日: a day of the month counted
            return day_after.end(), f"{shifted}-{_small_number(day_after['d']):02d}"
        return position + len(word), shifted
    if word in ("今春", "今夏", "今秋", "今冬", "去冬"):
        base = context.year
        year = None if base is None else base - (1 if word == "去冬" else 0)
        return position + len(word), f"{_ymd(year)}-{_SEASON_CODE[word[1]]}"
    if word[0].isdigit() and text.startswith("日", position + len(word)):
        match = _DAY_ONLY.match(text, position)
        if match:
            day = int(match["d"])
            if _valid(context.year, context.month, day):
                return match.end(), _ymd(context.year, context.month, day) if context.month \
                    else _ymd(None, None, day)
        return None
    if context.year is None and reader.review_year is not None:
        refined = _refine_year(reader, position, reader.review_year)
        if refined is not None and _within_reviewed_months(refined[1], reader.review_value):
            return refined  # (2021年1-2月，…。1-2月，…: no document date, the text's own year)
    continued = _continued_month(reader, position)
    if continued is not None:
        return continued
    return _refine_year(reader, position, context.year)


#: How far back a month of another year may be for a later month to continue it.
_MONTH_RUN_REACH = 160


def _continued_month(reader: _Reader, position: int) -> tuple[int, str] | None:
    """2010年7月，…；8月，…；10月，…: a month written without its year, in the
    paragraph of a month of an earlier year than the document's and later than
    it, is of that year (a chronicle), not of the document's."""
    if not reader.found or reader.context.year is None:
        return None
    last = reader.found[-1]
    if not MONTH_VALUE.fullmatch(last.value) or position - last.end > _MONTH_RUN_REACH or \
            "\n" in reader.text[last.end:position] or \
            int(last.value[:4]) >= reader.context.year:
        return None
    refined = _refine_year(reader, position, int(last.value[:4]))
    if refined is None or not MONTH_VALUE.fullmatch(refined[1]) or refined[1] <= last.value:
        return None
    return refined


_MONTHS_VALUE = re.compile(r"(?P<y>[0-9X]{4})-(?P<m1>[0-9]{2})(?:/(?P=y)-(?P<m2>[0-9]{2}))?")


def _within_reviewed_months(value: str, reviewed: str | None) -> bool:
    """Whether ``value`` (a month or months) lies within the months under review
    (``2021-01/2021-02``, or ``XXXX-01/XXXX-02`` where the year under review is
    the value's): a period the text named with its year and repeats without it.
    A whole year under review is no evidence: a local story's ``2000年建成的小区``
    says nothing of the year of its ``9月``."""
    inner = _MONTHS_VALUE.fullmatch(value)
    outer = _MONTHS_VALUE.fullmatch(reviewed or "")
    if inner is None or outer is None or outer["y"] not in (inner["y"], "XXXX"):
        return False  # (XXXX: the months were last named without a year, 今年1-2月)
    low, high = outer["m1"], outer["m2"] or outer["m1"]
    return low <= inner["m1"] and (inner["m2"] or inner["m1"]) <= high


def find_dates(text: str, context: DocumentContext | None = None) -> list[FoundDate]:
    """Every DATE in ``text`` (clean text), left to right, non-overlapping."""
    reader = _Reader(text, context or DocumentContext())
    reviewed = reader.review_year
    position = 0
    while True:
        start = _START.search(text, position)
        if start is None:
            break
        if _SENTENCE_END.search(text, position, start.start()):
            reader.end_sentence()
            reviewed = reader.review_year
        read = _read_at(reader, start.start(), start.group(0))
        if read is None or read[0] <= start.start():
            position = start.start() + 1
            continue
        end, value = read
        if text.startswith("同期", end) and _PLAIN_YEAR.fullmatch(value):
            # 2020年同期, 上年同期: that year's stretch of the period under review
            end, value = end + 2, _same_period(reader.review_value, value)
        elif not _DAY_VALUE.fullmatch(value) and (
                reader.review_year != reviewed or not _PLAIN_YEAR.fullmatch(value)
                and not _compared_or_quoted(text, start.start())):
            reader.review_period(start.start(), value)  # a period reported: 2021年, 1-2月
        reviewed = reader.review_year
        found = FoundDate(start.start(), end, value)
        reader.found.append(found)
        if _DAY_VALUE.fullmatch(value):
            reader.last_day = found
        position = end
    return _resolve_anaphoric(_joined_ranges(text, reader.found), reader.context)


#: What joins the two ends of a span of months written as two dates (2009年12月至2010年10月).
_RANGE_JOINS = frozenset(("至", "到", "~", "-", "—", "–", "——"))
#: The value of a month (2010-10), as DATEs write it.
MONTH_VALUE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")


def _joined_ranges(text: str, found: list[FoundDate]) -> list[FoundDate]:
    """Two dates joined by 至 / 到 / a dash, the second a month, are one span of
    months (2009年12月至2010年10月 -> 2009-12/2010-10; 2009年底至2010年10月: a year's end
    starts with its December, 去年初至今年6月 with January), as 1至10月 is; two days
    so joined are one span of days (2010年12月20日至2011年2月28日)."""
    joined: list[FoundDate] = []
    for date in found:
        if joined and text[joined[-1].end:date.start] in _RANGE_JOINS:
            first: str | None = None
            if MONTH_VALUE.fullmatch(date.value):
                first = _first_month(text, joined[-1])
            elif _known_day(date.value) and _known_day(joined[-1].value):
                first = joined[-1].value  # 2010年12月20日至2011年2月28日: a span of days
            if first is not None and first < date.value:
                joined[-1] = FoundDate(joined[-1].start, date.end, f"{first}/{date.value}")
                continue
        joined.append(_with_listed_month(text, date))
    return joined


def _with_listed_month(text: str, date: FoundDate) -> FoundDate:
    """1、2月份 is January and February: a month number listed right before a month,
    the one before it, joins it into a span."""
    listed = _LISTED_MONTH.search(text, max(0, date.start - 3), date.start)
    if listed is None or listed.end() != date.start or not MONTH_VALUE.fullmatch(date.value) \
            or not text[date.start:date.end].rstrip("份").endswith("月"):
        return date
    month = int(date.value[5:7])
    if int(listed["month"]) != month - 1:
        return date
    return FoundDate(listed.start(), date.end, f"{date.value[:5]}{month - 1:02d}/{date.value}")


#: A month number and the 、 that lists it before another month (the 1、 of 1、2月份).
_LISTED_MONTH = re.compile(r"(?<![0-9.])(?P<month>[0-9]{1,2})、")


def _known_day(value: str) -> bool:
    """Whether a DATE value is a day of a known year (2010-12-20, not XXXX-12-20)."""
    return _DAY_VALUE.fullmatch(value) is not None and not value.startswith("X")


def _first_month(text: str, date: FoundDate) -> str | None:
    """The month a span starting at ``date`` starts with: the date's own month, or
    the December of a year's end (年底, 年末) and the January of its start (年初)."""
    if MONTH_VALUE.fullmatch(date.value):
        return date.value
    if _PLAIN_YEAR.fullmatch(date.value):
        written = text[date.start:date.end]
        if written.endswith(("底", "末")):
            return f"{date.value}-12"
        if written.endswith("初"):
            return f"{date.value}-01"
    return None


_PLAIN_YEAR = re.compile(r"[0-9]{4}")
_YEAR_IN_VALUE = re.compile(r"[0-9]{4}")


def _same_period(review_value: str | None, year: str) -> str:
    """``year``'s stretch of the period under review (2021-01/2021-02 reviewed:
    2020年同期 is 2020-01/2020-02; 2016-H1 reviewed: 上年同期 is 2015-H1); the
    year itself when the period under review is a whole year or unknown."""
    if review_value is None or not _YEAR_IN_VALUE.match(review_value):
        return year
    same = _YEAR_IN_VALUE.sub(year, review_value)
    first, _, last = same.partition("/")
    return first if first == last else same  # (近两年 in 2011, 2010/2011: 去年同期 is 2010)


def _resolve_anaphoric(found: list[FoundDate], context: DocumentContext) -> list[FoundDate]:
    """当天 / 今天 with nothing named before: the next day the text names, close by
    (“今天出来散步……”3月6日，在…… -> 3月6日), else the document's day."""
    resolved = []
    for index, date in enumerate(found):
        if date.value == _ANAPHORIC:
            # (only the dates within reach are read: a run of 当天 stays linear)
            following = None
            for later in range(index + 1, len(found)):
                if found[later].start - date.end > _ANAPHORA_REACH:
                    break
                if _DAY_VALUE.fullmatch(found[later].value):
                    following = found[later]
                    break
            value = following.value if following else _shift_day(context, 0)
            date = FoundDate(date.start, date.end, value)
        resolved.append(date)
    return resolved
