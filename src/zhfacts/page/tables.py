"""Tables in government text, found in the original document and read cell by cell.

Why a reader of its own: statistical bulletins, budget reports and price lists
put most of their figures in tables, and a table is not prose. Its units stand
in a unit line (``单位：万元``), a column head (``比上年增长（%）``), a row label
(``地区生产总值（亿元）``) or a unit column (``元/500克``), never next to the
number; its metric is the row label, joined with the column head when the head
names a measure (增长, 比重); its period is the column's (本期, 2022年) or the
caption's. Read as running text, a table yields numbers with no unit and
metrics that run across rows. This module finds tables in the *original* text
(every offset indexes it), so that a caller can read them here and keep the
running-text recognizers out of ``Table.start``..``Table.end`` (SPEC section 6,
Tables).

Layouts: pipe tables (``指标 | 本期 | 比上年增长%``, with or without border
pipes, markdown separator rows, empty spacer columns and merged, empty first
cells) and whitespace-aligned tables copied from PDF (cells separated by tabs,
runs of two or more spaces or full-width spaces), each with an optional caption
line, unit line and header rows. Detection is conservative: at least two body
rows that hold a number cell each, a consistent number of columns, number cells
that are whole cells, and no sentence punctuation in a whitespace row, so prose
with double spaces, heading lists and a stray ``|`` are not tables.

A third layout is the common one of PDF text from Legislative Council papers
and Taiwan or mainland bulletins: body rows whose cells are separated by
*single* spaces (``2008年  15,603 5,314 (750) (5.6) 464``) under column heads
that stand one under another, each over one or more short lines and closed by
its unit line (``外匯基金`` / ``總資產`` / ``(億港元 )``), the stub head
(``曆年``) first. Such a row is a label followed only by number-like tokens:
numbers, accounting negatives ``(750)``, empty cells (``-``, ``—``,
``不適用``, ``n.a.``) and footnote markers (``[1]``, ``*``; a ``(2)`` is a
marker or a negative as the row's width decides), no sentence punctuation and
no word after the numbers; at least two rows must have the same number of
value cells. Inside such a table every space separates cells, so ``15 000``
is two cells there, while the clean text of prose still reads it as one
number (prose lines are no rows). A row label broken over lines (``2012年`` /
``10月`` / the numbers) is joined; a row that does not fit the width is
skipped, never read by a guess. Heads are read only when they come out one per
value column (:meth:`_Finder._group_heads`), else the table has none. Heads,
units and placeholders are matched in both scripts (traditional characters
folded with :mod:`zhfacts.page.textmap`'s table); metrics stay as written.

Numbers go through the project's number engine (:func:`parse_number`) and unit
table (:func:`zhfacts.numbers.lexicon.lexicon`): ``万元`` is the magnitude 万 and
the unit 元, so a cell ``227.4`` under ``单位：万人`` is 2274000 person. Words for
heads, labels and captions are data (``data/table_heads.json``).

How a cell is read (:func:`read_table`):

- number: ``1,234.5``, ``－７．４``, ``3.2万人``; ``(750)`` is the accounting
  negative -750; a footnote marker (``(1)``, ``[1]``, ``*``) is dropped from a
  head; placeholders (—, …, 不适用) are no figure.
- unit: written in the cell (``3.2万人``); else a percent head (``增长%``); a
  rate column (增长, 比重) without a unit of its own takes only a ``%`` of the
  unit line; else the row's unit (``地区生产总值（亿元）``, a 计量单位 column, which
  adds its rate to a head of the same unit: 价格（元） over 元/500克); else the
  head's (``人口数（万人）``); else the unit line. No unit, no figure.
- metric: the row label (``其中：``, ``#``, ``一、``, spaces and a unit in
  parentheses removed; an empty, merged label cell takes the label above),
  joined with the head's measure word (``地区生产总值`` + ``增长``). A label that
  names a part of the caption's subject (城镇, 0-15岁) is joined with it
  (``0-15岁人口数``); rows that are periods (2021年) or places (东城区) take what
  the column head names (``常住人口``), else the caption's subject.
- period: the row's, else the column's (a measure column without one takes the
  table's only column period), else the caption's; 本期 is the caption's period,
  and a period without a year (年末, 1-3月) takes the caption's year. A
  comparison base (比上年同期) is never a period. Periods stay text.

Work is linear in the length of the text: one pass over the lines, each line
looked at a bounded number of times (a table's caption and header are looked
for at most a few lines above its body, stacked heads at most 40 lines above,
never below the end of the table before), bounded patterns on lines of bounded
length, and no loop over pairs of lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import read_data_json
from zhfacts.errors import DataFileError, NumeralError
from zhfacts.numbers.lexicon import Lexicon
from zhfacts.numbers.lexicon import lexicon as default_lexicon
from zhfacts.numbers.numerals import parse_number
from zhfacts.page.textmap import traditional_fold
from zhfacts.results import Figure

__all__ = ["Cell", "Column", "Table", "TableReading", "find_tables", "read_table"]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Cell:
    """One cell: its text without surrounding spaces; ``text == original[start:end]``.

    An empty cell (a spacer, a merged cell, a cell missing at the end of a row)
    has ``start == end`` at the place it would stand.
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Column:
    """A column of a table and what its head says.

    ``head`` is the text of its header cells, top to bottom, without
    whitespace (a merged upper header cell counts for every column under it);
    ``head_span`` the span of its lowest header cell of its own, if any.
    ``unit_text`` is the unit the head gives (``%`` of ``比上年增长（%）``,
    ``万人`` of ``人口数（万人）``), ``period_text`` its period (``2022年``,
    ``本期``, ``1-3月``; a comparison base such as ``比上年同期`` is no
    period) and ``measure`` the measure word it names (增长, 比重, 占比, ...).
    """

    index: int
    head: str
    head_span: tuple[int, int] | None
    unit_text: str | None
    period_text: str | None
    measure: str | None


@dataclass(frozen=True)
class Table:
    """A table found in a text; every offset indexes the original text.

    ``start``/``end`` cover the caption, the unit line, the header rows and the
    body rows. ``rows`` are the body rows, each with one cell per column
    (spacer columns removed); ``row_label_column`` is the column whose cells
    name the rows (-1 if none), ``unit_column`` a column whose cells give the
    unit of their row (``计量单位``), if any.
    """

    start: int
    end: int
    caption: Cell | None
    unit_text: str | None
    header_rows: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    columns: tuple[Column, ...]
    row_label_column: int
    unit_column: int | None = None


@dataclass(frozen=True)
class TableReading:
    """A number cell read as a figure, with what the table says about it.

    ``row_label`` is the row's label as a metric phrase (whitespace, ``其中：``
    and a unit in parentheses removed); ``metric`` the fact's metric and ``subject``
    what it measures before the column's measure word (第一产业 of 第一产业同比增长);
    ``change``
    ``"increase"`` / ``"decrease"`` for a growth / decline column, else None;
    ``period_text`` the period as written (not resolved); ``per_text`` what
    follows the slash of a rate unit (``500克`` of ``元/500克``); ``place_text``
    the row label when it names a place (``东城区``, ``全市``), for the caller to
    resolve: the metric is then what the column head or the caption names.
    """

    cell: Cell
    figure: Figure
    row_label: str
    column: Column
    metric: str
    period_text: str | None
    change: str | None
    subject: str = ""
    per_text: str | None = None
    place_text: str | None = None


# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class _Measure:
    metric: str
    change: str | None
    rate: bool


@dataclass(frozen=True)
class _Words:
    measures: Mapping[str, _Measure]
    unit_heads: frozenset[str]
    index_heads: frozenset[str]
    deictic_periods: frozenset[str]
    caption_suffixes: tuple[str, ...]
    label_prefixes: tuple[str, ...]
    partitive_labels: frozenset[str]
    note_openers: tuple[str, ...]
    place_words: frozenset[str]
    place_suffixes: tuple[str, ...]
    generic_heads: frozenset[str]
    placeholders: frozenset[str]
    not_applicable: frozenset[str]
    stub_heads_period: frozenset[str]
    stub_heads: frozenset[str]
    prose_label_endings: tuple[str, ...]


def _word_list(data: dict[str, Any], key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"table_heads.json: '{key}' must be a list of non-empty strings")
    return words


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The validated word lists of ``data/table_heads.json``, loaded once."""
    data = read_data_json("table_heads.json")
    raw = data.get("measures")
    if not isinstance(raw, dict):
        raise DataFileError("table_heads.json: 'measures' must be an object")
    measures: dict[str, _Measure] = {}
    for word, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("metric"), str) \
                or entry.get("change") not in (None, "increase", "decrease") \
                or not isinstance(entry.get("rate"), bool):
            raise DataFileError(f"table_heads.json: bad measure {word!r}: {entry!r}")
        measures[word] = _Measure(entry["metric"], entry["change"], entry["rate"])
    return _Words(
        measures=measures,
        unit_heads=frozenset(_word_list(data, "unit_heads")),
        index_heads=frozenset(_word_list(data, "index_heads")),
        deictic_periods=frozenset(_word_list(data, "deictic_periods")),
        caption_suffixes=tuple(sorted(_word_list(data, "caption_suffixes"), key=len,
                                      reverse=True)),
        label_prefixes=tuple(sorted(_word_list(data, "label_prefixes"), key=len, reverse=True)),
        partitive_labels=frozenset(_word_list(data, "partitive_labels")),
        note_openers=tuple(_word_list(data, "note_openers")),
        place_words=frozenset(_word_list(data, "place_words")),
        place_suffixes=tuple(_word_list(data, "place_suffixes")),
        generic_heads=frozenset(_word_list(data, "generic_heads")),
        placeholders=frozenset(_word_list(data, "placeholders")),
        not_applicable=frozenset(_word_list(data, "not_applicable")),
        stub_heads_period=frozenset(_fold(w) for w in _word_list(data, "stub_heads_period")),
        stub_heads=frozenset(_fold(w) for w in _word_list(data, "stub_heads")),
        prose_label_endings=tuple(_fold(w) for w in _word_list(data, "prose_label_endings")),
    )


# --------------------------------------------------------------------------- units and numbers

#: Full-width forms folded for matching; one character for one, so offsets hold.
_FOLD = str.maketrans("０１２３４５６７８９％／．，－＋～：（）｜", "0123456789%/.,-+~:()|")
_MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8, "十万": Decimal(10) ** 5, "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7, "万千": Decimal(10) ** 7, "十亿": Decimal(10) ** 9,
    "百亿": Decimal(10) ** 10, "千亿": Decimal(10) ** 11, "万亿": Decimal(10) ** 12,
}
_MAX_UNIT_CHARS = 16
_MAX_NUMBER_CELL = 40
_DIGIT = "0-9０-９"
_NUMBER_CELL = re.compile(
    rf"(?P<sign>[-+−－﹣＋])?[ ]?"
    rf"(?P<num>[{_DIGIT}]{{1,3}}(?:[,，][{_DIGIT}]{{3}}){{1,6}}(?:[.．][{_DIGIT}]{{1,12}})?"
    rf"|[{_DIGIT}]{{1,18}}(?:[.．][{_DIGIT}]{{1,12}})?)"
    rf"(?:[ ]?(?P<unit>[^{_DIGIT}\s\[\]*＊]{{1,{_MAX_UNIT_CHARS}}}))?"
    rf"(?P<note>\[[{_DIGIT}]{{1,2}}\]|[*＊])?"
)
_NEGATIVE = frozenset("-−－﹣")
#: An accounting negative: a number in parentheses, ``(750)`` is -750.
_ACCOUNTING = re.compile(r"[(（](?P<inner>[^()（）\s]{1,38})[)）]")


@lru_cache(maxsize=1)
def _script_table() -> dict[int, int]:
    """Full-width forms and traditional characters to simplified ASCII-friendly ones,
    one character for one (``zhfacts.page.textmap``'s table plus ``_FOLD``)."""
    table = dict(traditional_fold())
    table.update(_FOLD)
    return table


def _fold(text: str) -> str:
    """``text`` with full-width forms and traditional characters folded (億 -> 亿,
    （ -> (), one character for one, so that indices into it index ``text``."""
    return text.translate(_script_table())
_PLACEHOLDER_CHARS = frozenset("—–-－…·./／×xX*＊ ")


@dataclass(frozen=True)
class _Unit:
    """A unit as a table writes it: ``万元`` is CNY with factor 10000."""

    code: str
    label: str
    factor: Decimal
    per: str | None
    per_text: str | None


@dataclass(frozen=True)
class _Number:
    """A number cell: the number's span inside the cell, its signed value as
    written and the unit written in the cell, if any."""

    start: int
    end: int
    value: Decimal
    unit: _Unit | None
    year_like: bool


class _Reader:
    """Units and number cells read against one lexicon, memoized for one call."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._units: dict[str, _Unit | None] = {}
        self._numbers: dict[str, _Number | None] = {}

    def unit(self, text: str) -> _Unit | None:
        """The unit ``text`` names (``万元``, ``%``, ``±%``, ``元/500克``), else None."""
        if text in self._units:
            return self._units[text]
        found = self._read_unit(text)
        if len(self._units) < 100_000:
            self._units[text] = found
        return found

    def _read_unit(self, text: str) -> _Unit | None:
        written = "".join(text.split())
        folded = _fold(written)
        cut = len(folded) - len(folded.lstrip("±+-"))
        written, folded = written[cut:], folded[cut:]
        if not folded or len(folded) > _MAX_UNIT_CHARS:
            return None
        main, slash, rate = folded.partition("/")
        base = self._plain(main)
        if base is None:
            return None
        per: str | None = None
        per_text: str | None = None
        if slash and rate:
            per_text = written[len(main) + 1:]  # as written: 桶（5升）
            bare = self._plain(rate)
            if bare is not None and bare[2] == 1:
                per = bare[0]
        return _Unit(base[0], base[1], base[2], per, per_text)

    def _plain(self, word: str) -> tuple[str, str, Decimal] | None:
        """Code, label and factor of a unit word, with a magnitude before it (万吨)."""
        units = self.lex.units
        if word in units:
            return self._accept(word, Decimal(1))
        for cut in (2, 1):
            magnitude = _MAGNITUDES.get(word[:cut])
            if magnitude is not None and len(word) > cut and word[cut:] in units:
                return self._accept(word[cut:], magnitude)
        return None

    def _accept(self, surface: str, magnitude: Decimal) -> tuple[str, str, Decimal] | None:
        unit = self.lex.units[surface]
        if unit.compound_only or not unit.emitted:
            return None
        code, label = unit.code, unit.label
        if unit.context:  # 度 needs 电, 块 a money word: in a head, take the fallback
            if unit.otherwise is None:
                return None
            code, label = unit.otherwise, "QUANTITY"
        if label == "PERCENT" and magnitude != 1:
            return None
        return code, label, magnitude * unit.factor

    def number(self, text: str) -> _Number | None:
        """The number a whole cell holds (``-7.4``, ``1,234.5``, ``3.2万人``), else None."""
        if text in self._numbers:
            return self._numbers[text]
        found = self._read_number(text)
        if len(self._numbers) < 100_000:
            self._numbers[text] = found
        return found

    def _read_number(self, text: str) -> _Number | None:
        if not text or len(text) > _MAX_NUMBER_CELL:
            return None
        accounting = _ACCOUNTING.fullmatch(text)
        if accounting is not None:  # (750): -750, the parentheses are part of the figure
            inner = self._read_number(accounting["inner"])
            if inner is None or inner.value < 0 or inner.start != 0 \
                    or inner.end != len(accounting["inner"]):
                return None
            return _Number(0, len(text), -inner.value, inner.unit, False)
        match = _NUMBER_CELL.fullmatch(text)
        if match is None:
            return None
        try:
            value = parse_number(match["num"])
        except NumeralError:
            return None
        sign = match["sign"]
        if sign and sign in _NEGATIVE:
            value = -value
        unit: _Unit | None = None
        end = match.end("num")
        if match["unit"]:
            magnitude = _MAGNITUDES.get(match["unit"])
            if magnitude is not None:  # 3.2万 under a head 人口数（人）
                value *= magnitude
            else:
                unit = self.unit(match["unit"])
                if unit is None:
                    return None
            end = match.end("unit")
        digits = match["num"].translate(_FOLD)
        year_like = (not sign and not match["unit"] and len(digits) == 4
                     and digits[:2] in ("19", "20"))
        return _Number(match.start("sign") if sign else match.start("num"), end, value, unit,
                       year_like)

    def is_placeholder(self, text: str) -> bool:
        """—, -, …, 持平: a cell that stands for 'no figure'."""
        words = _words()
        if text in words.placeholders or text in words.not_applicable:
            return True
        return 0 < len(text) <= 6 and all(c in _PLACEHOLDER_CHARS for c in text)


# ------------------------------------------------------------- heads, labels, captions

_PERIOD = re.compile(
    r"(?:19|20)[0-9]{2}[-—–~至](?:19|20)[0-9]{2}年"
    r"|(?:19|20)[0-9]{2}年(?:[0-9]{1,2}[-—–~至][0-9]{1,2}月(?:末|底|份)?|[0-9]{1,2}月(?:末|底|初|份)?"
    r"|[一二三四1-4]季度|前三季度|上半年|下半年|全年|年末|年底|年初|末|底|初|度)?"
    r"|[0-9]{1,2}[-—–~至][0-9]{1,2}月(?:末|底|份)?"
    r"|[0-9]{1,2}月(?:末|底|初|份)?"
    r"|[一二三四]季度|前三季度|上半年|下半年|全年|年末|年底|年初"
    r"|本年累计|本年|本期|本月|本季度|本季|上年同期|同期|上期|上年末|上年|当月|当期|累计"
)
_YEAR_ONLY = re.compile(r"(?:19|20)[0-9]{2}")
_CAPTION_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
_BASE_BEFORE = frozenset("比较")
_NOT_A_PERIOD_AFTER = ("预算",)  # 年初预算数 is the budget set in January, not a period
_SUB_YEAR_START = re.compile(r"[0-9]|[一二三四]季度|前三季度|上半年|下半年|全年|年末|年底|年初")
_PAREN = re.compile(r"\(([^()]{1,20})\)")
#: A footnote marker at the end of a compact head or before its unit:
#: 支付予财政储备的数额(1)(亿港元).
_HEAD_NOTE = re.compile(r"(?:[(（][0-9]{1,2}[)）]|\[[0-9]{1,2}\]|[*＊])(?=[(（]|$)")
_UNIT_PREFIX = re.compile(r"(?:计量|金额|价格|货币|数量)?单位:?")
_CAPTION_MARK = re.compile(r"附?表[ \t\u3000]{0,3}[0-9一二三四五六七八九十]{1,3}(?![0-9])")
_ENUMERATED = re.compile(
    r"[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十0-9]{1,3}\)|[0-9]{1,2}[.、](?![0-9])")
_UNIT_DECL = re.compile(
    r"\(?[ \u3000]{0,3}(?:计量|金额|价格|货币|数量)?单[ \u3000]?位[ \u3000]{0,3}:[ \u3000]{0,3}"
    r"(?P<unit>[^\s(),;。|]{1,16})[ \u3000]{0,3}\)?")
_SENTENCE_MARKS = frozenset("。；！？，,;!?")
_CAPTION_BAD = _SENTENCE_MARKS | frozenset(":：|｜")


def _compact(text: str) -> str:
    """``text`` folded to half-width forms, without whitespace."""
    return "".join(text.translate(_FOLD).split())


def _caption_mark(text: str) -> re.Match[str] | None:
    """``表1`` / ``附表3`` at the start of a caption (spaces kept, so that
    ``表1 2022年`` does not read as 表12022)."""
    return _CAPTION_MARK.match(text.translate(_FOLD).lstrip(_STRIP))


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _find_period(text: str) -> str | None:
    """The first period named in a compact head or caption; a comparison base
    (比上年同期, 较2021年) is no period."""
    if _YEAR_ONLY.fullmatch(text):
        return text
    for match in _PERIOD.finditer(text):
        start = match.start()
        if start and text[start - 1] in _BASE_BEFORE:
            continue
        if text.startswith(_NOT_A_PERIOD_AFTER, match.end()):
            continue
        return match.group(0)
    return None


def _find_measure(text: str) -> str | None:
    """The measure word that ends last in a compact head (the longer on a tie);
    a head in traditional script (增長) names the simplified word."""
    text = _fold(text)
    best: tuple[int, int, str] | None = None
    for word in _words().measures:
        index = text.rfind(word)
        if index >= 0:
            key = (index + len(word), len(word), word)
            if best is None or key > best:
                best = key
    return best[2] if best else None


def _head_unit(head: str, reader: _Reader) -> str | None:
    """The unit a compact head gives: in parentheses (人口数(万人)), a trailing
    ``%`` (比上年增长%), or the whole head (万元)."""
    for match in reversed(list(_PAREN.finditer(head))):
        inner = _UNIT_PREFIX.sub("", match.group(1), count=1)
        if reader.unit(inner) is not None:
            return inner
    for suffix in ("±%", "%", "‰", "个百分点", "百分点"):
        if head.endswith(suffix):
            return suffix
    if reader.unit(head) is not None:
        return head
    return None


def _clean_label(text: str, reader: _Reader) -> tuple[str, str | None]:
    """A row label as a metric phrase and the unit in its parentheses:
    ``其中：地区生产总值（亿元）`` -> (``地区生产总值``, ``亿元``)."""
    words = _words()
    raw = "".join(text.split())
    folded = raw.translate(_FOLD)
    for _ in range(3):
        match = _ENUMERATED.match(folded)
        if match:
            raw, folded = raw[match.end():], folded[match.end():]
            continue
        prefix = next((p for p in words.label_prefixes if folded.startswith(p.translate(_FOLD))),
                      None)
        if prefix is None or len(prefix) >= len(folded):
            break
        raw, folded = raw[len(prefix):], folded[len(prefix):]
    unit: str | None = None
    for match in reversed(list(_PAREN.finditer(folded))):
        inner = match.group(1)
        if unit is None and match.end() == len(folded) and reader.unit(inner) is not None:
            unit = inner
        elif not inner.startswith(words.note_openers):
            continue
        raw = raw[:match.start()] + raw[match.end():]
        folded = folded[:match.start()] + folded[match.end():]
    if "(" in folded and ")" not in folded:  # a note left unclosed: 用水(含污水处理费
        cut = folded.index("(")
        if folded[cut + 1:].startswith(words.note_openers):
            raw = raw[:cut]
    return raw, unit


def _caption_parts(caption: str) -> tuple[str | None, str]:
    """The period and the subject of a caption: ``表1 2022年末人口数及其构成`` ->
    (``2022年末``, ``人口数``)."""
    text = caption.translate(_FOLD).lstrip(_STRIP)
    mark = _CAPTION_MARK.match(text)
    text = _compact(text[mark.end():] if mark else text).lstrip(".、:")
    period = _find_period(text)
    subject = text
    if period and subject.startswith(period):
        subject = subject[len(period):]
    for _ in range(3):
        suffix = next((s for s in _words().caption_suffixes
                       if subject.endswith(s) and len(s) < len(subject)), None)
        if suffix is None:
            break
        subject = subject[:-len(suffix)]
    return period, subject


# --------------------------------------------------------------------------- finding tables

_PIPES = frozenset("|｜")
#: A cell boundary in a whitespace table: a run of two or more blanks, or one
#: tab or full-width space (a single space stays inside a cell: 粮 食).
_GAP = re.compile(r"[ \t\u3000\xa0]{2,}|[\t\u3000]")
_MAX_CELLS = 64
_STRIP = " \t\u3000\xa0\r\f\v"
_MAX_ROW_CHARS = 2000
_MAX_WS_CELL = 40
_MAX_WS_HEAD_CELL = 30
_MAX_CAPTION = 60
_MAX_GROUP_LABEL = 20
_MAX_HEADER_ROWS = 3
_MAX_WS_HEADER_ROWS = 2
_SEPARATOR_CHARS = frozenset("|｜-—–:：+= \t")
_Span = tuple[int, int]

# Single-space tables (PDF text of Hong Kong and Taiwan papers): every run of
# blanks separates tokens; a row is a label and then number-like tokens only.
_TOKEN = re.compile(r"[^ \t\u3000\xa0]+")
_NUM_BODY = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,18})(?:\.[0-9]{1,12})?"
_TOKEN_NUMBER = re.compile(rf"[-+−﹣]?{_NUM_BODY}[%‰]?|\({_NUM_BODY}[%‰]?\)")
#: ``(2)``: a footnote marker, or a small accounting negative; the row's width decides.
_TOKEN_NOTE = re.compile(r"\([0-9]{1,2}\)")
_TOKEN_MARK = re.compile(r"\[[0-9]{1,2}\]|\*{1,3}|\([a-z]\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")
_TRAILING_MARK = re.compile(r"(?:\([0-9]{1,2}\)|\[[0-9]{1,2}\]|\*{1,3})$")
_YEAR_LABEL = re.compile(r"(?:19|20)[0-9]{2}(?:[-/–][0-9]{2,4})?")
_CLOSING_UNIT = re.compile(r"\(([^()]{1,16})\)$")
_MAX_TOKEN_ROW = 300
_MAX_TOKEN_LABEL = 30
_MAX_LABEL_TOKENS = 4
_MAX_FRAGMENT = 12
_MAX_STACK_LINES = 40
_MAX_STACK_HEAD_LINE = 12
_MAX_STACK_CLOSING_LINE = 20
_LABEL_BAD = _SENTENCE_MARKS | frozenset("、“”\"'")


@dataclass(frozen=True)
class _Token:
    """A value token of a single-space row: a number, an empty cell (-, 不适用)
    or a ``(2)`` that is a footnote marker or a negative; ``strong`` when it
    follows no number (不适用 (2), a label), so it is most likely a marker."""

    span: _Span
    kind: str  # "number", "empty" or "note"
    strong: bool


@dataclass(frozen=True)
class _TokenRow:
    """A line of a single-space table: its label (None on a line of values only)
    and its value tokens, sure footnote markers left out."""

    label: _Span | None
    values: tuple[_Token, ...]


@dataclass(frozen=True)
class _TokenBodyRow:
    first_line: int
    last_line: int
    label: _Span
    values: tuple[_Token, ...]


def _trim(text: str, start: int, end: int) -> _Span:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _line_spans(text: str) -> list[_Span]:
    """Every line's span, without its line break (``\\n``, ``\\r\\n``)."""
    spans: list[_Span] = []
    position, length = 0, len(text)
    while True:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        end = stop - 1 if stop > position and text[stop - 1] == "\r" else stop
        spans.append((position, end))
        if newline < 0:
            return spans
        position = newline + 1


@dataclass(frozen=True)
class _UnitLine:
    """A unit declaration on a line; ``rest`` is the line without it (a caption)."""

    unit: str
    start: int
    end: int
    rest: _Span | None


class _Finder:
    """One pass over a text's lines; each table is built from its body upwards."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reader = _Reader(default_lexicon())
        self.spans = _line_spans(text)
        self.contents = [_trim(text, s, e) for s, e in self.spans]
        self._pipe_cache: dict[int, list[_Span] | None] = {}
        self._space_cache: dict[int, list[_Span] | None] = {}
        self._unit_cache: dict[int, _UnitLine | None] = {}
        self._token_cache: dict[int, _TokenRow | None] = {}

    # ---- line views

    def cell_text(self, span: _Span) -> str:
        return self.text[span[0]:span[1]]

    def pipe_pieces(self, i: int) -> list[_Span] | None:
        """The pieces of a line split at its pipes (None without a pipe)."""
        if i in self._pipe_cache:
            return self._pipe_cache[i]
        start, end = self.contents[i]
        pieces: list[_Span] | None = None
        segment = self.text[start:end].replace("｜", "|")
        if 0 < len(segment) <= _MAX_ROW_CHARS and 0 < segment.count("|") < _MAX_CELLS:
            found: list[_Span] = []
            position = 0
            cut = segment.find("|")
            while cut >= 0:
                found.append(_trim(self.text, start + position, start + cut))
                position = cut + 1
                cut = segment.find("|", position)
            if found:
                found.append(_trim(self.text, start + position, end))
                pieces = found
        self._pipe_cache[i] = pieces
        return pieces

    def is_separator(self, i: int) -> bool:
        """A markdown rule row: ``|---|:---:|``."""
        start, end = self.contents[i]
        segment = self.text[start:end]
        return (0 < len(segment) <= _MAX_ROW_CHARS and any(c in "-—–" for c in segment)
                and any(c in _PIPES for c in segment) and all(c in _SEPARATOR_CHARS
                                                              for c in segment))

    def space_cells(self, i: int) -> list[_Span] | None:
        """A line split at tabs and runs of 2+ spaces or full-width spaces, with a
        label spread over cells re-joined (``粮  食``, ``其中  男性``); None if the
        line is long or has a pipe."""
        if i in self._space_cache:
            return self._space_cache[i]
        start, end = self.contents[i]
        cells: list[_Span] | None = None
        segment = self.text[start:end] if end - start <= _MAX_ROW_CHARS else ""
        if segment and "|" not in segment and "｜" not in segment:
            if "  " in segment or "\t" in segment or "\u3000" in segment or "\xa0" in segment:
                cells = self._merge_spread_label(self._split_gaps(start, end))
                if len(cells) > _MAX_CELLS:
                    cells = None
            else:
                cells = [(start, end)]
        self._space_cache[i] = cells
        return cells

    def _split_gaps(self, start: int, end: int) -> list[_Span]:
        cells: list[_Span] = []
        cell_start = start
        for gap in _GAP.finditer(self.text, start, end):
            cells.append((cell_start, gap.start()))
            cell_start = gap.end()
        cells.append((cell_start, end))
        return cells

    def _merge_spread_label(self, cells: list[_Span]) -> list[_Span]:
        prefixes = _words().label_prefixes
        while len(cells) > 2:
            first, second = self.cell_text(cells[0]), self.cell_text(cells[1])
            spread = (len(first) == 1 and len(second) == 1 and _is_cjk(first)
                      and _is_cjk(second))
            if not (spread or (first in prefixes and self.reader.number(second) is None)):
                break
            cells = [(cells[0][0], cells[1][1]), *cells[2:]]
        return cells

    def unit_line(self, i: int) -> _UnitLine | None:
        """The unit declaration of a short line (``单位：万元``, ``（单位：万人）``)."""
        if i in self._unit_cache:
            return self._unit_cache[i]
        start, end = self.contents[i]
        found: _UnitLine | None = None
        segment = self.text[start:end]
        if 0 < len(segment) <= 120 and "位" in segment:
            match = _UNIT_DECL.search(_fold(segment))
            if match and any(self.reader.unit(part) for part in _unit_parts(match["unit"])):
                unit = self.text[start + match.start("unit"):start + match.end("unit")]
                before = _trim(self.text, start, start + match.start())
                after = _trim(self.text, start + match.end(), end)
                rest = before if before[0] < before[1] else after if after[0] < after[1] else None
                found = _UnitLine(unit, start + match.start(), start + match.end(), rest)
        self._unit_cache[i] = found
        return found

    def caption_at(self, i: int) -> tuple[_Span, str | None] | None:
        """A caption line (``表1 2022年末人口数及其构成``), with the unit it declares."""
        unit_line = self.unit_line(i)
        span = self.contents[i]
        unit: str | None = None
        if unit_line is not None:
            if unit_line.rest is None:
                return None
            span, unit = unit_line.rest, unit_line.unit
        text = self.cell_text(span)
        compact = _compact(text)
        if not compact or len(compact) > _MAX_CAPTION or sum(map(_is_cjk, compact)) < 2:
            return None
        if any(c in _CAPTION_BAD for c in compact):
            return None
        if not _caption_mark(text) and (_ENUMERATED.match(compact)
                                        or len(self._split_gaps(*span)) > 1):
            return None
        return span, unit

    # ---- rows

    def is_number(self, span: _Span) -> bool:
        number = self.reader.number(self.cell_text(span))
        return number is not None

    def ws_body(self, i: int, width: int | None = None) -> list[_Span] | None:
        """A whitespace body row: a label and number cells (placeholders and unit
        words allowed), no sentence punctuation."""
        cells = self.space_cells(i)
        if cells is None or len(cells) < 2 or (width is not None and len(cells) != width):
            return None
        reader = self.reader
        texts = [self.cell_text(c) for c in cells]
        first = reader.number(texts[0])
        if (first is not None and not first.year_like) or len(texts[0]) > _MAX_WS_CELL \
                or any(m in texts[0] for m in _SENTENCE_MARKS):
            return None
        numbers = 0
        for text in texts[1:]:
            if reader.number(text) is not None:
                numbers += 1
            elif not (reader.is_placeholder(text) or reader.unit(text) is not None):
                return None
        if width is None and numbers == 0:
            return None
        return cells

    def ws_header(self, i: int, width: int) -> list[_Span] | None:
        """A whitespace header row of at most ``width`` cells, none a number (a
        year such as 2022 is a head). Over a single number column, one head
        with a unit of its own (``年末常住人口（万人）``) is a header row too."""
        cells = self.space_cells(i)
        if cells is None or len(cells) > width or self.unit_line(i) is not None:
            return None
        if len(cells) == 1:
            compact = _compact(self.cell_text(cells[0]))
            if width != 2 or not compact.endswith(")") or _caption_mark(compact) \
                    or _head_unit(compact, self.reader) is None:
                return None
        for span in cells:
            text = self.cell_text(span)
            if len(text) > _MAX_WS_HEAD_CELL or any(m in text for m in _SENTENCE_MARKS):
                return None
            number = self.reader.number(text)
            if number is not None and not number.year_like:
                return None
        if _caption_mark(self.cell_text(cells[0])):
            return None
        return cells

    def ws_group(self, i: int) -> bool:
        """A short label alone on its line inside a table (``期末畜禽存栏``)."""
        cells = self.space_cells(i)
        if cells is None or len(cells) != 1:
            return False
        text = self.cell_text(cells[0])
        return (len(text) <= _MAX_GROUP_LABEL and any(map(_is_cjk, text))
                and not any(c in _CAPTION_BAD or "0" <= c <= "9" for c in text)
                and self.unit_line(i) is None and not _caption_mark(text))

    # ---- single-space rows

    def token_row(self, i: int) -> _TokenRow | None:
        """A line of a label and number-like tokens separated by single spaces
        (``2008年 15,603 (750) 不适用 (2) 464``), or of such tokens only (label
        None); None for anything else: a sentence, a line of words, a line
        where words follow the numbers."""
        if i in self._token_cache:
            return self._token_cache[i]
        found = self._read_token_row(i)
        self._token_cache[i] = found
        return found

    def _read_token_row(self, i: int) -> _TokenRow | None:
        start, end = self.contents[i]
        if not 0 < end - start <= _MAX_TOKEN_ROW or "|" in self.text[start:end] \
                or "｜" in self.text[start:end]:
            return None
        label_start = label_end = -1
        label_tokens = 0
        values: list[_Token] = []
        previous = "label"
        for match in _TOKEN.finditer(self.text, start, end):
            token = match.group()
            kind, cut = self._token_kind(token)
            if kind is None:
                if values or label_tokens >= _MAX_LABEL_TOKENS:
                    return None
                if label_start < 0:
                    label_start = match.start()
                mark = _TRAILING_MARK.search(_fold(token))
                label_end = match.start() + (mark.start() if mark and mark.start() else len(token))
                label_tokens += 1
                continue
            if kind == "mark":
                previous = "mark"
                continue
            values.append(_Token((match.start(), match.start() + cut), kind,
                                 kind == "note" and previous != "number"))
            previous = "mark" if cut < len(token) else kind
        if not any(v.kind == "number" for v in values):
            return None
        if label_tokens == 0:
            return _TokenRow(None, tuple(values))
        if not self._is_token_label(label_start, label_end):
            return None
        return _TokenRow((label_start, label_end), tuple(values))

    def _token_kind(self, token: str) -> tuple[str | None, int]:
        """What a token is: ``number`` (6,367, -7.4, (750), 5.6%), ``note`` ((2)),
        ``mark`` (a footnote marker: [1], *), ``empty`` (—, 不适用, n.a.) or None (a
        word); and how much of it is the value (356(1): 3 characters)."""
        folded = _fold(token)
        if _TOKEN_NOTE.fullmatch(folded):
            return "note", len(token)
        if _TOKEN_NUMBER.fullmatch(folded):
            return "number", len(token)
        if _TOKEN_MARK.fullmatch(folded):
            return "mark", 0
        if self.reader.is_placeholder(token) or self.reader.is_placeholder(folded):
            return "empty", len(token)
        mark = _TRAILING_MARK.search(folded)
        if mark is not None and mark.start() > 0:
            kind, _ = self._token_kind(token[:mark.start()])
            if kind in ("number", "empty"):
                return kind, mark.start()
        return None, 0

    def _is_token_label(self, start: int, end: int) -> bool:
        """A row label of a single-space row: short, words or a year, no sentence
        punctuation, not a clause that leads into its numbers (分别为, 共有)."""
        raw = self.text[start:end]
        compact = _fold("".join(raw.split()))
        if not compact or len(compact) > _MAX_TOKEN_LABEL or _caption_mark(raw):
            return False
        if any(c in _LABEL_BAD for c in compact):
            return False
        if not any(_is_cjk(c) or ("a" <= c.lower() <= "z") for c in compact):
            return _YEAR_LABEL.fullmatch(compact) is not None
        return not compact.endswith(_words().prose_label_endings)

    def _is_period_label(self, span: _Span) -> bool:
        compact = _compact(self.cell_text(span))
        return bool(compact) and (_YEAR_ONLY.fullmatch(compact) is not None
                                  or _find_period(compact) == compact)

    def _fragment(self, i: int) -> bool:
        """A short piece of a row label broken over lines (``2012年`` / ``10月``)."""
        start, end = self.contents[i]
        if start == end or end - start > 3 * _MAX_FRAGMENT or self.token_row(i) is not None:
            return False
        compact = _fold("".join(self.text[start:end].split()))
        return (len(compact) <= _MAX_FRAGMENT and any(map(_is_cjk, compact))
                and not any(c in _CAPTION_BAD for c in compact)
                and self.unit_line(i) is None and not _caption_mark(compact))

    def _broken_row(self, line: int) -> _TokenBodyRow | None:
        """A row whose label is broken over one or two lines above its numbers
        (``2012年`` / ``10月`` / ``26,123 6,352``), or whose label's start stands
        alone above a row that ends it (``2012年`` / ``10月 26,123``, only when
        the two make a period)."""
        count = len(self.spans)
        if not self._fragment(line):
            return None
        start = self.contents[line][0]
        for last_label in (line, line + 1):
            if last_label > line and not self._fragment(last_label):
                return None
            following = last_label + 1
            if following >= count:
                return None
            row = self.token_row(following)
            if row is None:
                continue
            if row.label is None:
                return _TokenBodyRow(line, following, (start, self.contents[last_label][1]),
                                     row.values)
            joined = (start, row.label[1])
            if self._is_period_label(joined):
                return _TokenBodyRow(line, following, joined, row.values)
            return None
        return None

    def _stack_line(self, i: int) -> bool:
        """A line of a column head that stands one line under another (``外匯基金``,
        ``(億港元 )``, ``儲備的數額 (1)``): short, one cell, no number row."""
        start, end = self.contents[i]
        segment = self.text[start:end]
        if end - start > 3 * _MAX_STACK_CLOSING_LINE or "|" in segment or "｜" in segment \
                or len(self._split_gaps(start, end)) > 1 or _caption_mark(segment):
            return False
        if self.unit_line(i) is not None or self.token_row(i) is not None:
            return False
        compact = _HEAD_NOTE.sub("", _compact(segment))
        closing = self._closing_unit(compact)
        name = compact[:closing.start()] if closing else compact
        limit = _MAX_STACK_CLOSING_LINE if closing else _MAX_STACK_HEAD_LINE
        return (0 < len(compact) <= limit and not any(c in _CAPTION_BAD for c in name)
                and any(_is_cjk(c) or c.isalpha() or c in "%‰" for c in compact))

    def _closing_unit(self, compact: str) -> re.Match[str] | None:
        """The unit in parentheses that ends a stacked column head: ``(億港元)``, ``(%)``."""
        match = _CLOSING_UNIT.search(compact)
        if match is None:
            return None
        inner = _UNIT_PREFIX.sub("", _fold(match.group(1)), count=1)
        return match if self.reader.unit(inner) is not None else None

    def _is_closing(self, i: int) -> bool:
        return self._closing_unit(_HEAD_NOTE.sub("", _compact(self.cell_text(self.contents[i])))) \
            is not None

    # ---- the scan

    def find(self) -> list[Table]:
        """The tables, in order: a pipe row, a whitespace body row or a single-space
        row starts a block, which is read to its end before the scan goes on after it."""
        tables: list[Table] = []
        floor = 0  # lines before this one belong to an earlier table or block
        index, count = 0, len(self.spans)
        while index < count:
            table: Table | None = None
            found: list[Table] = []
            if self.pipe_pieces(index) is not None and not self.is_separator(index):
                stop, table = self._pipe_block(index, floor)
            elif self.ws_body(index) is not None:
                stop, table = self._ws_block(index, floor)
                if table is None and self._token_start(index):  # 2021年  1,234 5,678 9.1
                    stop, found = self._token_block(index, floor)
            elif self._token_start(index):
                stop, found = self._token_block(index, floor)
            else:
                index += 1
                continue
            tables.extend([table] if table is not None else found)
            floor = index = max(stop, index + 1)
        return tables

    def _token_start(self, i: int) -> bool:
        row = self.token_row(i)
        return row is not None and row.label is not None and len(row.values) >= 2

    def _above(self, first: int, floor: int, unit: _UnitLine | None, caption: _Span | None
               ) -> tuple[_UnitLine | None, _Span | None, str | None]:
        """The unit line and the caption on the (at most two) lines above line
        ``first``, in either order; a caption may declare the unit itself."""
        caption_unit: str | None = None
        line = first - 1
        for _ in range(2):
            if line < floor:
                break
            unit_line = self.unit_line(line)
            if unit is None and unit_line is not None and unit_line.rest is None:
                unit, line = unit_line, line - 1
                continue
            if caption is None:
                found = self.caption_at(line)
                if found is not None:
                    caption, caption_unit = found
                    line -= 1
                    continue
            break
        return unit, caption, caption_unit

    def _pipe_block(self, first: int, floor: int) -> tuple[int, Table | None]:
        """Collect the pipe rows from line ``first`` (markdown rules skipped, a
        unit line allowed above the first number row) and make a table of them."""
        rows: list[int] = []
        units: list[tuple[int, int]] = []  # (rows before it, line)
        seen_number = False
        line = first
        while line < len(self.spans):
            pieces = self.pipe_pieces(line)
            if pieces is not None:
                if not self.is_separator(line):
                    rows.append(line)
                    nonempty = [p for p in pieces if p[0] < p[1]]
                    seen_number = seen_number or any(self.is_number(p) for p in nonempty[1:])
                line += 1
                continue
            unit_line = self.unit_line(line)
            if seen_number or unit_line is None or unit_line.rest is not None:
                break
            units.append((len(rows), line))
            line += 1
        return line, self._pipe_table(rows, units, floor)

    def _pipe_grid(self, lines: list[int]) -> list[list[_Span]]:
        """The cells of pipe rows, trailing empty cells dropped. A pipe that starts
        every row is a border, no cell boundary (``| 指标 | 本期 |``); in a table
        whose rows mostly start with a cell, a row that starts with a pipe has a
        border only if it would otherwise be wider than the others (``| | 面粉 |
        标一 | 元/500克 | 2.98`` under ``类别 | 品种 | 等级规格 | 计量单位 | 价格``)."""
        text = self.text
        starts_with_pipe = [text[self.contents[i][0]] in _PIPES for i in lines]
        grid: list[list[_Span]] = []
        for i in lines:
            pieces = list(self.pipe_pieces(i) or [])
            while pieces and pieces[-1][0] == pieces[-1][1]:
                pieces.pop()
            grid.append(pieces)
        if all(starts_with_pipe):
            return [row[1:] for row in grid]
        width = max(len(row) for row, piped in zip(grid, starts_with_pipe, strict=True)
                    if not piped)
        return [row[1:] if piped and len(row) > width else row
                for row, piped in zip(grid, starts_with_pipe, strict=True)]

    def _pipe_table(self, lines: list[int], units: list[tuple[int, int]], floor: int
                    ) -> Table | None:
        """Header rows are the rows above the first number row (a caption or a unit
        declaration alone in the top row is neither); the body runs to the last
        number row; spacer columns, empty in every body row, are dropped."""
        if not lines:
            return None
        grid = self._pipe_grid(lines)
        numeric = [any(self.is_number(c) for c in row[1:]) for row in grid]
        body_start = next((k for k, flag in enumerate(numeric) if flag), None)
        if body_start is None:
            return None
        caption: _Span | None = None
        unit: _UnitLine | None = None
        headers: list[int] = []
        for k in range(body_start):
            nonempty = [c for c in grid[k] if c[0] < c[1]]
            if not nonempty:
                continue
            if not headers and len(nonempty) == 1:
                declared = self._unit_in(nonempty[0])
                if declared is not None and unit is None:
                    unit = declared
                    caption = caption or declared.rest
                    continue
                if caption is None and self._caption_like(nonempty[0]):
                    caption = nonempty[0]
                    continue
            headers.append(k)
        if not headers and self._year_row(grid[body_start]):
            headers = [body_start]
            body_start = next((k for k in range(body_start + 1, len(grid)) if numeric[k]),
                              len(grid))
        whole_block = len(headers) <= _MAX_HEADER_ROWS
        if not whole_block:
            headers, caption, unit = headers[-_MAX_HEADER_ROWS:], None, None
        if len(headers) >= 2:
            last = [c for c in grid[headers[-1]] if c[0] < c[1]]
            if len(last) == 1 and grid[headers[-1]][0] == last[0]:
                body_start = headers.pop()  # a group label row (期末畜禽存栏), not a head
        body_end = len(grid)
        while body_end > body_start and not numeric[body_end - 1]:
            body_end -= 1
        body = list(range(body_start, body_end))
        if sum(numeric[k] for k in body) < 2:
            return None
        width = max(len(grid[k]) for k in body)
        live = [c for c in range(width)
                if any(c < len(grid[k]) and grid[k][c][0] < grid[k][c][1] for k in body)]
        if len(live) < 2:
            return None
        header_cells = [self._aligned_header(grid[k], live, width, lines[k]) for k in headers]
        body_cells = [[grid[k][c] if c < len(grid[k]) else self._row_end(lines[k]) for c in live]
                      for k in body]
        if unit is None:
            before = [line for count, line in units if count <= body_start]
            unit = self.unit_line(before[-1]) if before else None
        first_line = lines[headers[0]] if headers else lines[body[0]]
        caption_unit: str | None = None
        if whole_block:
            first_line = min([lines[0], *(line for _, line in units)])
            if caption is None or unit is None:
                unit, caption, caption_unit = self._above(first_line, floor, unit, caption)
        return self._make_table(caption, unit, caption_unit, header_cells, body_cells,
                                first_line, lines[body[-1]])

    def _aligned_header(self, row: list[_Span], live: list[int], width: int, line: int
                        ) -> list[_Span]:
        """A pipe header row over the live columns: in order when the head skips
        the body's spacer columns (``指标名称 | 产量 | 增长`` over ``粮食 | 650 | | 17.3``),
        else by position."""
        if len(row) < width and len(row) == len(live):
            return list(row)
        return [row[c] if c < len(row) else self._row_end(line) for c in live]

    def _row_end(self, line: int) -> _Span:
        end = self.contents[line][1]
        return end, end

    def _unit_in(self, span: _Span) -> _UnitLine | None:
        """A unit declaration alone in a pipe cell (``| 单位：万元 | | |``)."""
        segment = self.cell_text(span)
        if len(segment) > 120 or "位" not in segment:
            return None
        match = _UNIT_DECL.search(_fold(segment))
        if match is None or not any(self.reader.unit(p) for p in _unit_parts(match["unit"])):
            return None
        start = span[0]
        before = _trim(self.text, start, start + match.start())
        after = _trim(self.text, start + match.end(), span[1])
        rest = before if before[0] < before[1] else after if after[0] < after[1] else None
        return _UnitLine(self.text[start + match.start("unit"):start + match.end("unit")],
                         start + match.start(), start + match.end(), rest)

    def _caption_like(self, span: _Span) -> bool:
        compact = _compact(self.cell_text(span))
        return (0 < len(compact) <= _MAX_CAPTION and sum(map(_is_cjk, compact)) >= 2
                and not any(c in _CAPTION_BAD for c in compact))

    def _year_row(self, row: list[_Span]) -> bool:
        """A row whose heads are bare years (``指标 | 2021 | 2022``)."""
        heads = [self.reader.number(self.cell_text(c)) for c in row[1:] if c[0] < c[1]]
        return bool(heads) and all(h is not None and h.year_like for h in heads)

    def _ws_block(self, first: int, floor: int) -> tuple[int, Table | None]:
        """Collect whitespace body rows of one width from line ``first`` (a short
        label alone on a line may stand between them), then look above them for
        the header rows, the unit line and the caption."""
        cells = self.ws_body(first)
        assert cells is not None
        width = len(cells)
        body: list[tuple[int, list[_Span]]] = [(first, cells)]
        line, count = first + 1, len(self.spans)
        while line < count:
            row = self.ws_body(line, width)
            if row is not None:
                body.append((line, row))
                line += 1
                continue
            if self.ws_group(line) and line + 1 < count and self.ws_body(line + 1, width):
                body.append((line, [self.contents[line]] + [self._row_end(line)] * (width - 1)))
                line += 1
                continue
            break
        header_lines: list[tuple[int, list[_Span]]] = []
        if len(body) > 2 and self._year_row(body[0][1]):
            header_lines.append(body.pop(0))  # 指标  2021  2022
        if sum(any(self.is_number(c) for c in row[1:]) for _, row in body) < 2:
            return line, None
        above = body[0][0] - 1 - len(header_lines)
        if above > floor and not header_lines and self.ws_group(above) \
                and self.ws_header(above - 1, width):  # a group label right under the head
            body.insert(0, (above, [self.contents[above]] + [self._row_end(above)] * (width - 1)))
            above -= 1
        unit: _UnitLine | None = None
        if above >= floor and not header_lines:
            unit_line = self.unit_line(above)
            if unit_line is not None and unit_line.rest is None:
                unit, above = unit_line, above - 1
        while above >= floor and len(header_lines) < _MAX_WS_HEADER_ROWS:
            header = self.ws_header(above, width)
            if header is None:
                break
            header_lines.insert(0, (above, header))
            above -= 1
        headers = [[(self.contents[k][0], self.contents[k][0])] * (width - len(h)) + h
                   for k, h in header_lines]
        unit, caption, caption_unit = self._above(above + 1, floor, unit, None)
        first_line = header_lines[0][0] if header_lines else body[0][0]
        return line, self._make_table(caption, unit, caption_unit, headers,
                                      [row for _, row in body], first_line, body[-1][0])

    def _token_block(self, first: int, floor: int) -> tuple[int, list[Table]]:
        """Collect single-space rows from line ``first`` (a label broken over lines
        joined, one blank line allowed between rows), settle the number of value
        cells (the most common count among the rows without a ``(2)`` that may be a
        footnote marker) and make a table of each run of rows of that width (a
        lone row that does not fit is skipped: better unread than misread), with
        its stacked column heads above it."""
        row = self.token_row(first)
        assert row is not None and row.label is not None
        rows = [_TokenBodyRow(first, first, row.label, row.values)]
        line, count = first + 1, len(self.spans)
        while line < count:
            row = self.token_row(line)
            if row is not None and row.label is not None:
                rows.append(_TokenBodyRow(line, line, row.label, row.values))
                line += 1
                continue
            broken = self._broken_row(line)
            if broken is not None:
                rows.append(broken)
                line = broken.last_line + 1
                continue
            if self.contents[line][0] == self.contents[line][1] and line + 1 < count \
                    and self._token_start(line + 1):
                line += 1
                continue
            break
        plain = Counter(len(r.values) for r in rows if all(v.kind != "note" for v in r.values))
        width = (plain or Counter(len(r.values) for r in rows)).most_common(1)[0][0]
        if width < 2:
            return line, []
        period_rows = 2 * sum(self._is_period_label(r.label) for r in rows) >= len(rows)
        segments: list[list[tuple[_TokenBodyRow, list[_Span]]]] = [[]]
        gap = 0
        for body_row in rows:
            cells = _resolve_tokens(body_row.values, width)
            if cells is None:
                gap += 1
                continue
            if gap > 1 and segments[-1]:
                segments.append([])
            gap = 0
            segments[-1].append((body_row, cells))
        tables: list[Table] = []
        for segment in segments:
            if len(segment) < 2:
                continue
            top = segment[0][0].first_line
            caption, unit, caption_unit, headers, first_line = self._stacked_header(
                top, floor, width, period_rows)
            body = [[r.label, *cells] for r, cells in segment]
            tables.append(self._make_table(caption, unit, caption_unit, headers, body,
                                           first_line, segment[-1][0].last_line))
            floor = segment[-1][0].last_line + 1
        return line, tables

    def _stacked_header(self, first: int, floor: int, width: int, period_rows: bool
                        ) -> tuple[_Span | None, _UnitLine | None, str | None,
                                   list[list[_Span]], int]:
        """The caption, unit line, header row and first line of a single-space table
        whose body starts at line ``first``: its column heads stand one under
        another above the body, each head on one or more short lines (blank lines
        between them), see :meth:`_group_heads`. When the heads do not come out as
        one per value column, the table has none (and no caption): better no head
        than a wrong one."""
        lines: list[int] = []
        line = first - 1
        while line >= floor and first - line <= _MAX_STACK_LINES:
            if self.contents[line][0] < self.contents[line][1]:
                if not self._stack_line(line):
                    break
                lines.append(line)
            line -= 1
        lines.reverse()
        if not lines:
            unit, caption, caption_unit = self._above(first, floor, None, None)
            return caption, unit, caption_unit, [], first
        grouped = self._group_heads(lines, width, period_rows)
        if grouped is None:
            return None, None, None, [], first
        caption_line, stub, heads = grouped
        top = caption_line if caption_line is not None else line
        unit, caption, caption_unit = self._above(top + 1, floor, None, None)
        first_head = stub if stub is not None else heads[0][0]
        label_head = self.contents[stub] if stub is not None else (
            self.contents[first_head][0], self.contents[first_head][0])
        row = [label_head] + [(self.contents[h[0]][0], self.contents[h[-1]][1]) for h in heads]
        return caption, unit, caption_unit, [row], first_head

    def _group_heads(self, lines: list[int], width: int, period_rows: bool
                     ) -> tuple[int | None, int | None, list[list[int]]] | None:
        """Stacked head lines (top to bottom) as (caption line, stub head line,
        lines of each value column's head), or None unless there are exactly
        ``width`` heads.

        A head ends at its unit line (``(億港元 )``, ``(%)``, ``投资收入（万元）``);
        lines after the last unit line make one head without a unit. The first
        lines hold the caption, if short, and the stub head: the first line that
        names the row labels' kind (历年, 年份 for rows that are periods; 指标,
        项目 ... otherwise); lines above it hold the caption, the nearest is it.
        Without a stub head, a blank line ends what is above the first head.
        When no head has a unit line, each line is a head (a line over a blank
        line at the top being the caption when there is one line too many): a
        head broken over lines cannot be told from two heads, so the count
        decides, and a count that does not fit reads no heads at all."""
        words = _words()
        stubs = words.stub_heads_period if period_rows else words.stub_heads
        closing = [self._is_closing(k) for k in lines]

        def is_stub(j: int) -> bool:
            return not closing[j] and _fold(_compact(self.cell_text(self.contents[lines[j]]))) \
                in stubs

        heads: list[list[int]]
        if any(closing):
            chunks: list[list[int]] = []
            current: list[int] = []
            for k, closes in zip(lines, closing, strict=True):
                current.append(k)
                if closes:
                    chunks.append(current)
                    current = []
            top = chunks[0]
            stub_at = next((j for j in range(len(top) - 1) if is_stub(j)), None)
            if stub_at is None:
                stub = None
                cut = max((j for j in range(1, len(top)) if top[j] - top[j - 1] > 1), default=0)
            else:
                stub, cut = top[stub_at], stub_at + 1
            before = top[:stub_at] if stub_at is not None else top[:cut]
            heads = [top[cut:], *chunks[1:]] + ([current] if current else [])
        else:
            stub_at = next((j for j in range(len(lines)) if is_stub(j)), None)
            if stub_at is not None:
                before, stub, rest = lines[:stub_at], lines[stub_at], lines[stub_at + 1:]
            else:
                before, stub, rest = [], None, lines
                if len(lines) == width + 1 and lines[1] - lines[0] > 1:
                    before, rest = lines[:1], lines[1:]
            heads = [[k] for k in rest]
        if len(heads) != width or not all(heads):
            return None
        return (before[-1] if before else None), stub, heads

    # ---- the table object

    def _make_table(self, caption: _Span | None, unit: _UnitLine | None,
                    caption_unit: str | None, headers: list[list[_Span]],
                    body: list[list[_Span]], first_line: int, last_line: int) -> Table:
        cell = self._cell
        header_rows = tuple(tuple(cell(s) for s in row) for row in headers)
        rows = tuple(tuple(cell(s) for s in row) for row in body)
        columns = tuple(self._column(c, header_rows) for c in range(len(rows[0])))
        unit_column = self._unit_column(columns, rows)
        starts = [self.contents[first_line][0]]
        if caption is not None:
            starts.append(caption[0])
        if unit is not None:
            starts.append(unit.start)
        return Table(
            start=min(starts), end=self.contents[last_line][1],
            caption=cell(caption) if caption is not None else None,
            unit_text=unit.unit if unit is not None else caption_unit,
            header_rows=header_rows, rows=rows, columns=columns,
            row_label_column=self._label_column(columns, rows, unit_column),
            unit_column=unit_column)

    def _cell(self, span: _Span) -> Cell:
        return Cell(span[0], span[1], self.text[span[0]:span[1]])

    def _column(self, index: int, header_rows: tuple[tuple[Cell, ...], ...]) -> Column:
        """A column and what its head says; an empty cell of an upper header row
        under a merged head takes the head to its left (``2022年`` over two columns)."""
        parts: list[str] = []
        own: Cell | None = None
        for number, row in enumerate(header_rows):
            cell = row[index]
            if cell.text:
                parts.append(cell.text)
                own = cell
            elif number < len(header_rows) - 1 and index > 1:
                left = next((row[k].text for k in range(index - 1, 0, -1) if row[k].text), "")
                if left:
                    parts.append(left)
        head = _HEAD_NOTE.sub("", "".join("".join(parts).split()))
        compact = head.translate(_FOLD)
        return Column(index=index, head=head,
                      head_span=(own.start, own.end) if own is not None else None,
                      unit_text=_head_unit(compact, self.reader) if compact else None,
                      period_text=_find_period(compact) if compact else None,
                      measure=_find_measure(compact) if compact else None)

    def _unit_column(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]
                     ) -> int | None:
        """A column of units: headed 计量单位, or unheaded with unit words in it."""
        words = _words()
        for column in columns:
            if column.head.translate(_FOLD) in words.unit_heads:
                return column.index
        for column in columns[1:]:
            texts = [r[column.index].text for r in rows if r[column.index].text]
            if column.head or len(texts) < 2:
                continue
            if all(self.reader.number(t) is None for t in texts) and \
                    2 * sum(self.reader.unit(t) is not None for t in texts) >= len(texts):
                return column.index
        return None

    def _label_column(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
                      unit_column: int | None) -> int:
        """The column naming the rows: left of the number columns, not a serial
        number or unit column, filled in most number rows (a category column
        that is mostly merged, empty cells is passed over)."""
        index_heads = _words().index_heads
        skip = {unit_column} | {c.index for c in columns if c.head in index_heads}
        skip |= {c.index for c in columns[:2] if _is_serial(rows, c.index, self.reader)}
        values = [c.index for c in columns if c.index not in skip
                  and _is_value_column(rows, c.index, self.reader)]
        first_value = min(values) if values else len(columns)
        candidates = [c for c in range(first_value) if c not in skip]
        number_rows = [r for r in rows if any(self.reader.number(c.text) for c in r[1:])]
        for candidate in candidates:
            filled = sum(1 for r in number_rows if r[candidate].text)
            if 5 * filled >= 3 * len(number_rows):
                return candidate
        return candidates[0] if candidates else -1


def _resolve_tokens(values: Sequence[_Token], width: int) -> list[_Span] | None:
    """The value cells of a single-space row of ``width`` cells: a ``(2)`` is a
    footnote marker when the row has one cell too many for each such token that
    follows no number (不适用 (2)), or for each such token; else a negative.
    None when the row cannot have ``width`` cells, or only by a guess."""
    drop = len(values) - width
    if drop < 0:
        return None
    dropped: list[_Token] = []
    if drop:
        notes = [v for v in values if v.kind == "note"]
        strong = [v for v in notes if v.strong]
        if drop == len(strong):
            dropped = strong
        elif drop == len(notes):
            dropped = notes
        else:
            return None
    return [v.span for v in values if not any(v is d for d in dropped)]


def _unit_parts(unit: str) -> list[str]:
    """The units of a unit line: ``亿元、%`` -> [亿元, %]."""
    return [part for part in re.split(r"[、,，]", unit) if part]


def _is_value_column(rows: Sequence[Sequence[Cell]], index: int, reader: _Reader) -> bool:
    """Numbers in at least half of the column's cells that are not placeholders."""
    texts = [r[index].text for r in rows if r[index].text and not reader.is_placeholder(
        r[index].text)]
    numbers = sum(reader.number(t) is not None for t in texts)
    return numbers > 0 and 2 * numbers >= len(texts)


def _is_serial(rows: Sequence[Sequence[Cell]], index: int, reader: _Reader) -> bool:
    """A column of serial numbers 1, 2, 3 ..."""
    values = [reader.number(r[index].text) for r in rows if r[index].text]
    if len(values) < 2 or any(v is None or v.unit is not None for v in values):
        return False
    return [v.value for v in values if v is not None] == [Decimal(k) for k in
                                                           range(1, len(values) + 1)]


def find_tables(text: str) -> list[Table]:
    """Every table in ``text`` (the original document: no clean-up before), in order.

    Offsets index ``text``. Tables never overlap; prose, heading lists and lone
    lines with a pipe are not tables.
    """
    if not text:
        return []
    return _Finder(text).find()


# --------------------------------------------------------------------------- reading tables


@dataclass(frozen=True)
class _TableContext:
    """What the whole table says: its caption's period and subject, its unit line."""

    caption_period: str | None
    caption_year: str | None
    subject: str
    value_unit: _Unit | None
    percent_unit: _Unit | None
    only_period: str | None
    head_nouns: Mapping[int, str]


def _table_context(table: Table, reader: _Reader) -> _TableContext:
    period, subject = _caption_parts(table.caption.text) if table.caption else (None, "")
    year = _CAPTION_YEAR.match(period) if period else None
    value_unit: _Unit | None = None
    percent_unit: _Unit | None = None
    for part in _unit_parts(table.unit_text or ""):
        read = reader.unit(part)
        if read is None:
            continue
        if read.label == "PERCENT":
            percent_unit = percent_unit or read
        elif value_unit is None:
            value_unit = read
    if value_unit is None and percent_unit is not None:
        value_unit = percent_unit  # 单位：% applies to every column
    periods = {c.period_text for c in table.columns if c.period_text}
    return _TableContext(period, year.group(0) if year else None, subject, value_unit,
                         percent_unit, periods.pop() if len(periods) == 1 else None,
                         _head_nouns(table))


def _head_nouns(table: Table) -> dict[int, str]:
    """What each column's head names, for rows that are periods or places (2021年,
    东城区): the head without its unit, period and measure (``地区生产总值（亿元）`` ->
    地区生产总值); a measure column (比上年增长%) names what the column to its
    left names."""
    nouns: dict[int, str] = {}
    previous = ""
    for column in table.columns:
        noun = _PAREN.sub("", column.head.translate(_FOLD))
        if noun in _words().generic_heads:
            noun = ""
        if column.measure is not None:
            at = _fold(noun).rfind(column.measure)
            noun = noun[:at] if at >= 0 else noun
        if column.period_text:
            noun = noun.replace(column.period_text, "")
        noun = noun.rstrip("%‰").removesuffix("比上年同期").removesuffix("比上年")
        noun = noun.removesuffix("同比").removesuffix("较上年")
        if len(noun) < 2 or noun in _words().generic_heads:
            noun = ""  # 年末数 without 年末 names nothing
        if column.index > table.row_label_column:
            nouns[column.index] = noun or previous
        previous = noun or previous
    return nouns


def _is_place(label: str) -> bool:
    """A row label that names a place (全市, 东城区, 城关镇), not a metric; a part
    of the caption's subject (城镇, 乡村) is none."""
    words = _words()
    if label in words.partitive_labels:
        return False
    return label in words.place_words or (
        1 < len(label) <= 10 and label.endswith(words.place_suffixes)
        and all(map(_is_cjk, label)))


#: Heads of a change since the year's start (比年初增加额, 较年初增长): a change over the year.
_SINCE_YEAR_START = ("比年初", "较年初")


def _period(row_period: str | None, column: Column, context: _TableContext) -> str | None:
    """The period of a value: the row's (a time series), the column's (a growth
    column without one takes the table's only column period), else the caption's.
    本期 is the caption's period; a period without a year (年末, 1-3月) takes the
    caption's year."""
    if row_period:
        return row_period
    period = column.period_text
    if period is None and column.head.startswith(_SINCE_YEAR_START) and context.caption_year:
        # 比年初增加额 beside 12月末: the change over the year the caption names (2012年末
        # 金融机构存贷 -> 2012), not the month-end the stock is read at
        return context.caption_year
    if period is None and column.measure is not None:
        period = context.only_period
    if period is None:
        return context.caption_period
    if period in _words().deictic_periods:
        return context.caption_period or period
    year = context.caption_year
    if year and not _CAPTION_YEAR.match(period) and _SUB_YEAR_START.match(period) \
            and not _YEAR_ONLY.fullmatch(period):
        return (year[:-1] if period.startswith("年") else year) + period
    return period


def _unit_for(number: _Number, column: Column, row_unit: _Unit | None, measure: _Measure | None,
              context: _TableContext, reader: _Reader) -> _Unit | None:
    """A cell's unit, most specific first: written in the cell; a percent head
    (比上年增长%); for a rate column without a unit, only a ``%`` of the unit
    line; the row's (``地区生产总值（亿元）``, a unit column), which adds its rate to
    a head of the same unit (价格（元） over 元/500克); the head's; the unit line."""
    if number.unit is not None:
        return number.unit
    head = reader.unit(column.unit_text) if column.unit_text else None
    if head is not None and head.label == "PERCENT":
        return head
    if head is None and measure is not None and measure.rate:
        return context.percent_unit
    if row_unit is not None:
        if head is None or row_unit.label == "PERCENT" or (
                head.code == row_unit.code and head.factor == row_unit.factor):
            return row_unit
        return head
    return head or context.value_unit


def _subject(label: str, row_period: str | None, place: str | None, column: Column,
             context: _TableContext) -> str:
    """What a cell measures before its column's measure word: the row label, joined
    with the caption's subject when the label names only a part of it (男性, 0-15岁
    -> 0-15岁人口数). When the rows are periods (2021年, 2022年) or places (东城区),
    what the column head names, else the caption's subject."""
    subject = context.subject
    if row_period is not None or place is not None:
        return context.head_nouns.get(column.index) or subject
    if subject and label and (label in _words().partitive_labels or "0" <= label[0] <= "9"):
        return label + subject
    return label


def _metric(base: str, column: Column, measure: _Measure | None) -> str:
    """The cell's subject (:func:`_subject`) joined with the head's measure word
    (增长, 比重)."""
    if not base:
        return ""
    if measure is not None and not _fold(base).endswith(measure.metric):
        return base + _measure_phrase(column.head, measure.metric)
    return base


#: Comparison bases a measure head may write before its measure word.
_BASES_BEFORE_MEASURE = ("比上年同期", "比去年同期", "比上年末", "比上年", "比去年", "较上年",
                         "比年初", "同比", "环比")


def _measure_phrase(head: str, word: str) -> str:
    """The measure as the column head writes it: with the comparison base
    that precedes the measure word (同比增长, 比上年增长; SPEC: the row label
    joined with the column head), else the measure word alone."""
    folded = _fold(head)
    at = folded.rfind(word)
    if at < 0:
        return word
    base = next((b for b in _BASES_BEFORE_MEASURE if folded[:at].endswith(b)), "")
    return head[at - len(base):at + len(word)]  # as written: 同比增長


def read_table(table: Table, lexicon: Lexicon | None = None) -> list[TableReading]:
    """Every number cell of ``table`` whose unit is known, as a figure with its
    metric, period and change. Figures' offsets index the original text."""
    reader = _Reader(lexicon or default_lexicon())
    words = _words()
    context = _table_context(table, reader)
    label_column, unit_column = table.row_label_column, table.unit_column
    values = [c for c in table.columns if c.index > label_column and c.index != unit_column
              and _is_value_column(table.rows, c.index, reader)]
    readings: list[TableReading] = []
    label_text = ""
    unit_text = ""
    for row in table.rows:
        own_label = row[label_column].text if label_column >= 0 else ""
        merged = label_column >= 0 and not own_label
        label_text = own_label or label_text
        label, label_unit = _clean_label(label_text, reader)
        if unit_column is not None:
            unit_text = row[unit_column].text or (unit_text if merged else "")
        row_unit = reader.unit(label_unit) if label_unit else None
        if row_unit is None and unit_text:
            row_unit = reader.unit(unit_text)
        folded_label = label.translate(_FOLD)
        row_period = label if label and (_YEAR_ONLY.fullmatch(folded_label) or (
            _find_period(folded_label) == folded_label)) else None
        place = label if row_period is None and _is_place(label) else None
        for column in values:
            cell = row[column.index]
            number = reader.number(cell.text)
            if number is None:
                continue
            measure = words.measures.get(column.measure) if column.measure else None
            unit = _unit_for(number, column, row_unit, measure, context, reader)
            if unit is None:
                continue
            figure = Figure(
                label=unit.label, start=cell.start + number.start, end=cell.start + number.end,
                text=cell.text[number.start:number.end], value=number.value * unit.factor,
                unit=unit.code, per=unit.per)
            subject = _subject(label, row_period, place, column, context)
            readings.append(TableReading(
                cell=cell, figure=figure, row_label=label, column=column,
                metric=_metric(subject, column, measure), subject=subject,
                period_text=_period(row_period, column, context),
                change=measure.change if measure is not None else None,
                per_text=unit.per_text, place_text=place))
    return readings
