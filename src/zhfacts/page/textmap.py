"""Clean-up of PDF / OCR text for matching, with a map back to the original.

Pages extracted from PDF break lines inside words and figures (``30.6 万\\n人``,
``3 月 5\\n日``) and mix full-width forms (``３０．６％``). Recognizers match on a
*clean* string in which

- full-width ASCII forms (U+FF01..U+FF5E) are folded to ASCII, one character
  for one character, except the full-width comma ``，`` which is Chinese
  clause punctuation; it is folded only between full-width digit groups of
  three (``４，５６５``);
- the traditional forms of numeral, unit and bound characters (萬, 億, 點,
  個, 兩, 負, 餘, 約, 噸 ...) are folded to their simplified forms, one for one,
  so figures written in them read like simplified ones (SPEC section 3); a
  text written in traditional script (:data:`TRADITIONAL_SHARE` of its Chinese
  characters or more have a simplified form) is folded whole, one character
  for one (OpenCC's table, ``data/traditional.json``), so that its units,
  bodies, places and metric words are read as well;
- a space between digit groups of three (``15 000``, Hong Kong and Taiwan
  style) is a thousands separator and is removed;
- a middle dot between digits written as a decimal point (``９１·５７％``,
  ``４·６万户``, the typesetting of 1990s newspapers) becomes ``.``, one for
  one; a month·day that names an event (``5·12地震``, ``3·15晚会``) stays;
- whitespace (spaces, line breaks, U+3000, no-break spaces) and invisible
  characters (zero-width spaces, soft hyphens, BOM) are removed, except that
  a run of *horizontal* whitespace between two ASCII letters or digits is kept
  as one space, so ``第 3 页 12`` does not become ``312``. A run that contains
  a line break is removed even between digits: a hard wrap inside a figure.

Every index of the clean string maps back to the original, so a span found on
the clean string is reported with ``text == original[start:end]``.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

_FULLWIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code != 0xFF0C}
_FULLWIDTH_FOLD[0x3000] = 0x20  # ideographic space: whitespace, removed below
_TRADITIONAL = ("萬万 億亿 點点 個个 兩两 貳贰 參叁 陸陆 對对 負负 幾几 倆俩 圓圆 塊块 錢钱 噸吨 "
                "畝亩 餘余 約约 釐厘 裡里 來来 門门 間间 條条 張张 筆笔 輛辆 臺台 項项 處处 萬万")
_FULLWIDTH_FOLD.update({ord(pair[0]): ord(pair[1]) for pair in _TRADITIONAL.split()})

#: The share of a text's Chinese characters that must have a simplified form
#: for the text to be read as written in traditional script (a simplified text
#: has a few: 乾隆, 著名).
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def traditional_fold() -> dict[int, int]:
    """The full traditional -> simplified table, on top of the width fold."""
    from zhfacts.datafiles import read_data_json

    table = dict(_FULLWIDTH_FOLD)
    table.update({ord(t): ord(s) for t, s in read_data_json("traditional.json")["map"].items()})
    return table


@lru_cache(maxsize=1)
def _traditional_only() -> dict[int, None]:
    """A deletion table of the characters the full fold changes (to count them in C)."""
    return {code: None for code, target in traditional_fold().items()
            if code not in _FULLWIDTH_FOLD and code != target}


def _char_class(codes: Iterable[int]) -> re.Pattern[str]:
    """A one-character class of ``codes`` (at least one), written as escapes."""
    return re.compile("[" + "".join(f"\\U{code:08x}" for code in sorted(codes)) + "]")


@lru_cache(maxsize=1)
def _traditional_classes() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The characters the full fold changes, as two classes: those of the Basic
    Multilingual Plane, which ``re`` tests with a bitmap, and the rest, which
    would turn the whole class into a list it searches for every character."""
    codes = _traditional_only()
    astral = [code for code in codes if code > 0xFFFF]
    return (_char_class(code for code in codes if code <= 0xFFFF),
            _char_class(astral) if astral else None)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional script."""
    # Counted with character classes: ``str.translate`` looks every CJK character
    # up in a dict, and findall of single characters makes one string each.
    basic, astral = _traditional_classes()
    changed = len(basic.findall(text))
    if astral is not None and _ASTRAL.search(text) is not None:
        changed += len(astral.findall(text))
    if not changed:
        return False
    chinese = sum(map(len, _CJK_RUN.findall(text)))
    return changed >= TRADITIONAL_SHARE * chinese


# A space (or thin / no-break space) between digit groups of three: 15 000, 1 234 567.
# Each group checks its own end, so a long run that fails late is not re-tried
# from every group (linear).
_SPACED_THOUSANDS = re.compile(
    "(?<![0-9.])([0-9]{1,3})((?:[ \u00a0\u2009\u202f][0-9]{3}(?![0-9]))+)")

# Whitespace and invisible characters; \s covers U+3000 and U+00A0.
_GAP = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_FULLWIDTH_COMMA_GROUP = re.compile("(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


@dataclass(frozen=True)
class CleanText:
    """A clean string for matching plus the map from its indices to the original.

    The map is stored as segments: clean index ``clean_starts[k]`` corresponds
    to original index ``original_starts[k]``, and the following characters up
    to the next segment correspond one to one.
    """

    original: str
    text: str
    clean_starts: tuple[int, ...]
    original_starts: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Original index of clean character ``index`` (``len(text)`` maps to the end)."""
        if index >= len(self.text):
            return len(self.original)
        k = bisect_right(self.clean_starts, index) - 1
        return self.original_starts[k] + (index - self.clean_starts[k])

    def to_clean(self, index: int) -> int:
        """Clean index of original index ``index``; inside a dropped gap, the
        clean index that follows it."""
        k = bisect_right(self.original_starts, index) - 1
        if k < 0:
            return 0
        following = self.clean_starts[k + 1] if k + 1 < len(self.clean_starts) else len(self.text)
        return min(self.clean_starts[k] + (index - self.original_starts[k]), following)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the clean span ``[start, end)``."""
        if end <= start:
            position = self.to_original(start)
            return position, position
        return self.to_original(start), self.to_original(end - 1) + 1


def clean(original: str, dropped: Sequence[tuple[int, int]] = (),
          breaks: Iterable[int] = ()) -> CleanText:
    """Fold full-width forms and drop whitespace, keeping a map to ``original``.

    ``dropped``: original ``(start, end)`` spans that are no text at all (page
    furniture: page numbers, running heads, footnote markers), removed like
    whitespace so no figure can take a digit from them. ``breaks``: original
    indices of line breaks that end a block (a heading, a paragraph, a table
    row); each stays in the clean text as one ``\\n``, so nothing that
    matches on the clean text runs across it. Both come from the Page
    (:mod:`zhfacts.page.layout`); without them the clean-up is the plain one.
    """
    prepared = _FULLWIDTH_COMMA_GROUP.sub(",", original) if "，" in original else original
    folded = prepared.translate(traditional_fold()) if is_traditional(original) \
        else _fold_width(prepared)
    if _DOTS.intersection(folded):
        folded = _DOTTED_NUMBER.sub(_decimal_dot, folded)
    thousands = set(_thousands_spaces(folded))
    kept_breaks = sorted(set(breaks))
    pieces: list[str] = []
    clean_starts: list[int] = [0]
    original_starts: list[int] = [0]
    clean_length = 0
    previous_end = 0
    next_break = 0
    for start, end in _gaps(folded, dropped):
        kept = folded[previous_end:start]
        pieces.append(kept)
        clean_length += len(kept)
        while next_break < len(kept_breaks) and kept_breaks[next_break] < start:
            next_break += 1
        if next_break < len(kept_breaks) and kept_breaks[next_break] < end:
            # One line break stands for the gap: it maps to that break.
            position = kept_breaks[next_break]
            clean_starts.append(clean_length)
            original_starts.append(position)
            pieces.append("\n")
            clean_length += 1
        elif _keeps_one_space(folded, start, end) and start not in thousands:
            pieces.append(" ")
            clean_length += 1
        clean_starts.append(clean_length)
        original_starts.append(end)
        previous_end = end
    pieces.append(folded[previous_end:])
    return CleanText(original, "".join(pieces), tuple(clean_starts), tuple(original_starts))


#: The characters :data:`_FULLWIDTH_FOLD` changes, and what each becomes. No
#: target is itself folded, so replacing one character after another is the
#: one simultaneous ``translate`` (``tests/test_rule_fast_paths.py``).
_WIDTH_CHARS = _char_class(_FULLWIDTH_FOLD)
_WIDTH_TARGETS = {chr(code): chr(target) for code, target in _FULLWIDTH_FOLD.items()}


def _fold_width(text: str) -> str:
    """``text.translate(_FULLWIDTH_FOLD)``, one ``str.replace`` per distinct
    character to fold: ``translate`` looks every CJK character up in the table."""
    for char in set(_WIDTH_CHARS.findall(text)):
        text = text.replace(char, _WIDTH_TARGETS[char])
    return text


#: Middle dots that typesetters used as a decimal point (U+00B7, U+30FB, U+2022).
_DOTS = frozenset("·・•")
#: Digits, a middle dot, digits, and the character after them. The lookbehind
#: starts a match only at the first digit of a run, so the scan is linear.
_DOTTED_NUMBER = re.compile("(?<![0-9])([0-9]+)[·・•]([0-9]+)(.?)", re.DOTALL)
#: What, right after the digits, makes a month·day pair (4·6) a decimal (4·6万户).
_AFTER_A_DECIMAL = frozenset("万亿千百%‰倍元个人户家项吨米亩斤克升度")


def _decimal_dot(match: re.Match[str]) -> str:
    """The match with its dot as ``.`` where it is a decimal point: the
    digits cannot be a month and a day (91·57), or a magnitude, a percent sign
    or a unit follows them (4·6万户, 5·76%)."""
    whole, fraction, after = match.group(1), match.group(2), match.group(3)
    month_day = len(whole) <= 2 and len(fraction) <= 2 and \
        1 <= int(whole) <= 12 and 1 <= int(fraction) <= 31
    if month_day and after not in _AFTER_A_DECIMAL:
        return match.group(0)
    return f"{whole}.{fraction}{after}"


def _thousands_spaces(folded: str) -> Iterator[int]:
    """Where the spaces are that separate thousands inside a number (15 000)."""
    for match in _SPACED_THOUSANDS.finditer(folded):
        yield from range(match.start(2), match.end(2), 4)


def _gaps(folded: str, dropped: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The runs of whitespace and the dropped spans, merged where they overlap
    or touch, in text order (one merge of two sorted streams: linear)."""
    spans = sorted((start, end) for start, end in dropped if end > start)
    current: tuple[int, int] | None = None
    for start, end in heapq.merge((m.span() for m in _GAP.finditer(folded)), spans):
        if current is None:
            current = (start, end)
        elif start <= current[1]:
            current = (current[0], max(current[1], end))
        else:
            yield current
            current = (start, end)
    if current is not None:
        yield current


def _keeps_one_space(folded: str, start: int, end: int) -> bool:
    """A horizontal gap between two ASCII letters or digits separates tokens."""
    if start == 0 or end >= len(folded):
        return False
    if folded[start - 1] not in _ASCII_ALNUM or folded[end] not in _ASCII_ALNUM:
        return False
    gap = folded[start:end]
    return gap[0].isspace() and "\n" not in gap and "\r" not in gap
