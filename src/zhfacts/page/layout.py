"""The layout of a page: lines, furniture, headings and block breaks.

Text extracted from PDF keeps the page's lines, and with them things that are
not text: page numbers (``— 12 —``, ``5146``), running heads repeated on
every page, footnote markers on a line of their own, ``下转第四版``. Read as
text they fuse into figures (``常住人口\\n1\\n1761.48 万人`` is not 11,761.48
万) and headings run into the sentence after them (``社会保障\\n全年城镇居民…``
is no metric). This module reads the layout once, line by line, so that the
clean-up can drop the furniture and keep a line break where a block ends
(:func:`zhfacts.page.textmap.clean`).

Everything here is decided from a line and its neighbours, with anchored,
bounded patterns: one pass over the lines plus a count of repeated lines, so
the work is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: Characters that end a sentence; a line ending in one closes its block.
SENTENCE_ENDS = "。！？!?"
#: What a title line never contains: a line with clause punctuation is prose.
_PROSE_MARKS = frozenset("。！？!?；;，,、：:")
_BLOCK_ENDS = tuple("。！？!?；;：:")
#: Closing marks that may follow a block's end (…表示，“…指导。”).
_CLOSERS = "”’」』）)\"'"


def _ends_block(content: str) -> bool:
    """Whether a line ends a sentence or clause, also inside a quotation or
    brackets that close right after the mark (。” / 。）)."""
    return content.endswith(_BLOCK_ENDS) or content.rstrip(_CLOSERS).endswith(_BLOCK_ENDS)


@dataclass(frozen=True)
class Line:
    """One line of the original text: ``start``/``end`` exclude the line break."""

    start: int
    end: int
    text: str

    @property
    def content(self) -> str:
        """The line without any whitespace (what the reader sees of it)."""
        return "".join(self.text.split())


@dataclass(frozen=True)
class Furniture:
    """A span of the original that is no text: ``kind`` is ``page_number``,
    ``running_head``, ``footnote_marker`` or ``continuation`` (下转第四版)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Heading:
    """A heading line or a run-in heading (``（二）社会保障。``), original offsets.

    ``marker_end`` is the end of its number (``一、``, ``（二）``, ``1.``); the
    number is no figure, so the clean text drops it. ``level``: 0 for parts
    and titles (``第三部分``, a title line), 1 for ``一、``, 2 for ``（一）``, 3
    for ``1.``, 4 for ``（1）``. ``kind``: ``numbered``, ``part`` or ``title``.
    """

    start: int
    end: int
    marker_end: int
    level: int
    kind: str


@dataclass(frozen=True)
class Layout:
    """What :func:`read_layout` finds: furniture to drop, headings, list-item
    numbers to drop, and the original indices of line breaks that end a block."""

    lines: tuple[Line, ...]
    furniture: tuple[Furniture, ...]
    headings: tuple[Heading, ...]
    markers: tuple[tuple[int, int], ...]
    breaks: tuple[int, ...]


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (``\\n`` ends a line; ``\\r`` is whitespace)."""
    lines = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            lines.append(Line(start, len(text), text[start:]))
            return lines
        lines.append(Line(start, end, text[start:end]))
        start = end + 1


# Furniture -----------------------------------------------------------------

_DASHED_NUMBER = re.compile(r"\s*[-—–－─]{1,3}\s*[0-9]{1,4}\s*[-—–－─]{1,3}\s*")
_PAGE_WORD = re.compile(r"\s*第\s*[0-9]{1,4}\s*页(?:\s*[，,/]?\s*共\s*[0-9]{1,4}\s*页)?\s*")
_BARE_NUMBER = re.compile(r"\s*[0-9]{1,4}\s*")
_NOTE_SYMBOL = re.compile(r"\s*(?:[①-⑳]|[¹²³⁴-⁹]{1,2}|\*{1,3}|[\[［][0-9]{1,2}[\]］])\s*")
_NUMERIC_CELL = re.compile(r"\s*[-+]?[0-9][0-9,，.．]*\s*[%％]?\s*")
_CONTINUATION = re.compile(
    r"[（(]?(?:下转|上接|紧接|转|接)第?[一二三四五六七八九十0-9]{1,2}版[)）]?")
_INLINE_NOTE = re.compile(r"(?<=[\u4e00-\u9fff”」）)])[\[［][0-9]{1,2}[\]］]")
#: A line repeated this often, of this length, is a running head.
_HEAD_REPEATS = 3
_HEAD_LENGTH = (4, 40)


def _is_blank(line: Line) -> bool:
    return not line.text.strip()


def find_furniture(text: str, lines: Sequence[Line],
                   protected: Sequence[tuple[int, int]] = ()) -> list[Furniture]:
    """Page numbers, running heads, footnote markers and continuation notes.

    ``protected``: original spans (tables) whose lines are never furniture.
    A bare number on its own line is a page number or footnote marker unless a
    neighbouring line is a bare number too (a table written a cell a line).
    """
    inside = _line_test(protected)
    repeated = Counter(line.content for line in lines
                       if _HEAD_LENGTH[0] <= len(line.content) <= _HEAD_LENGTH[1])
    found: list[Furniture] = []
    content = [i for i, line in enumerate(lines) if not _is_blank(line)]
    for k, i in enumerate(content):
        line = lines[i]
        if inside(line):
            continue
        kind = None
        if _DASHED_NUMBER.fullmatch(line.text) or _PAGE_WORD.fullmatch(line.text):
            kind = "page_number"
        elif _BARE_NUMBER.fullmatch(line.text):
            neighbours = [lines[j] for j in content[max(0, k - 1):k] + content[k + 1:k + 2]]
            if not any(_NUMERIC_CELL.fullmatch(n.text) for n in neighbours):
                kind = "page_number" if len(line.content) > 2 else "footnote_marker"
        elif _NOTE_SYMBOL.fullmatch(line.text):
            kind = "footnote_marker"
        elif repeated[line.content] >= _HEAD_REPEATS and not _ends_sentence(line.content) \
                and not _NUMERIC_CELL.fullmatch(line.text):
            kind = "running_head"
        if kind is not None:
            found.append(Furniture(line.start, line.end, kind))
    for pattern, kind in ((_CONTINUATION, "continuation"), (_INLINE_NOTE, "footnote_marker")):
        for match in pattern.finditer(text):
            if not inside(Line(match.start(), match.end(), "")):
                found.append(Furniture(match.start(), match.end(), kind))
    return sorted(found, key=lambda f: (f.start, f.end))


def _ends_sentence(content: str) -> bool:
    return bool(content) and content[-1] in SENTENCE_ENDS


def _line_test(spans: Sequence[tuple[int, int]]) -> _Inside:
    return _Inside(sorted(spans))


class _Inside:
    """Whether a line lies inside one of some disjoint spans (tables), by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def __call__(self, line: Line) -> bool:
        k = bisect_right(self.starts, line.start) - 1
        return k >= 0 and line.end <= self.ends[k]


# Headings ------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_MARKERS = (
    (0, re.compile(rf"\s*第[{_CN}]{{1,3}}(?:部分|章|篇)")),
    (1, re.compile(rf"\s*[{_CN}]{{1,3}}[、.．](?![{_CN}])")),
    (2, re.compile(rf"\s*[（(]\s?[{_CN}]{{1,3}}\s?[)）]")),
    (4, re.compile(r"\s*[（(]\s?[0-9]{1,2}\s?[)）]")),
    (3, re.compile(r"\s*[0-9]{1,2}(?:[、．]|\.(?![0-9０-９]))(?![0-9０-９])")),
    (3, re.compile(r"\s*[0-9]{1,2}[ \t\u3000]+(?=[\u4e00-\u9fff])")),
)
#: A report part named by what it holds (2023年工作回顾, 2024年主要目标任务).
_PART_WORDS = re.compile(
    r"(?:工作回顾|回顾|目标任务|预期目标|工作安排|总体要求|主要任务|重点工作)\s*$")
_TITLE_MAX = 40
#: A line opening with one of these is a summary-box or list line: a block of its own.
BOX_MARKS = "●■◆★▶◎▲►•"
#: A line ending in the name of a kind of document is that document's title.
_DOCUMENT_TITLE = re.compile(
    r"(?:公报|报告|通报|公告|通知|意见|办法|方案|决定|规划|纲要|简报)\s*(?:[（(]摘要[)）])?\s*$")
_WIDTH_SAMPLE = 8
_RUN_IN_MAX = 24


def find_headings(lines: Sequence[Line], skipped: Sequence[bool]
                  ) -> tuple[list[Heading], list[tuple[int, int]], set[int], set[int], set[int]]:
    """Headings, list-item numbers to drop, the indices of the lines that
    start a new block (a heading, a numbered item, a summary-box line), of
    those that end one (a heading that is the whole line) and of the box
    lines. ``skipped[i]``: line ``i`` is furniture or in a table."""
    width = _typical_width(lines)
    headings: list[Heading] = []
    markers: list[tuple[int, int]] = []
    block_lines: set[int] = set()
    whole_lines: set[int] = set()
    box_lines: set[int] = set()
    previous: Line | None = None  # the last content line before this one
    previous_heading = False
    for i, line in enumerate(lines):
        if skipped[i] or _is_blank(line):
            if _is_blank(line) and not skipped[i]:
                previous_heading = False
            continue
        opens = previous is None or previous_heading or \
            _ends_block(previous.content) or _blank_between(previous, line)
        if line.content[:1] and line.content[0] in BOX_MARKS:
            # ●地区生产总值386.5亿元: a summary-box line starts a block of its own
            block_lines.add(i)
            box_lines.add(i)
            previous, previous_heading = line, False  # its text may go on (●…老年人\n141.68万)
            continue
        heading = _numbered(line, opens, lines, i, width, skipped)
        if heading is not None:
            markers.append((line.start + _leading_space(line.text), heading.marker_end))
            block_lines.add(i)
        elif opens and _is_title(line, lines, i, width, skipped):
            kind = "part" if _PART_WORDS.search(line.text) else "title"
            start = line.start + _leading_space(line.text)
            heading = Heading(start, line.start + len(line.text.rstrip()), start, 0, kind)
            block_lines.add(i)
        if heading is not None and heading.end > heading.marker_end:
            headings.append(heading)
        previous = line
        previous_heading = heading is not None and heading.end == line.start + len(
            line.text.rstrip())
        if previous_heading:
            whole_lines.add(i)
    return headings, markers, block_lines, whole_lines, box_lines


def _numbered(line: Line, opens: bool, lines: Sequence[Line], i: int, width: int,
              skipped: Sequence[bool]) -> Heading | None:
    """A numbered heading or list item at the start of ``line``."""
    for k, (level, pattern) in enumerate(_MARKERS):
        match = pattern.match(line.text)
        if match is None:
            continue
        if level == 3 and not opens:
            return None  # a wrapped line may start with 3、 or 12 (…共有\n3、4号楼)
        if k == len(_MARKERS) - 1 and not _is_title(line, lines, i, width, skipped):
            return None  # 1 人口特征 is a heading; 3 家单位被评为… a wrapped count
        marker_end = line.start + match.end()
        rest = line.text[match.end():]
        body = "".join(rest.split())
        if not body:
            return None
        start = line.start + _leading_space(line.text)
        line_end = line.start + len(line.text.rstrip())
        if len(body) <= _TITLE_MAX and not _PROSE_MARKS.intersection(body):
            kind = "part" if level == 0 or _PART_WORDS.search(rest) else "numbered"
            return Heading(start, line_end, marker_end, level, kind)
        first_end = min((rest.find(mark) for mark in "。：:" if mark in rest), default=-1)
        if first_end > 0 and len("".join(rest[:first_end].split())) <= _RUN_IN_MAX and \
                not _PROSE_MARKS.intersection(rest[:first_end]):
            return Heading(start, marker_end + first_end + 1, marker_end, level, "numbered")
        return Heading(start, marker_end, marker_end, level, "numbered")  # a list item
    return None


def _is_title(line: Line, lines: Sequence[Line], i: int, width: int,
              skipped: Sequence[bool]) -> bool:
    """A title line: short, no clause punctuation, and it ends early: the next
    line is blank, or the line is much shorter than the page's lines (a line
    a PDF wrapped is as long as its neighbours). A line cut short by a
    footnote marker or page break (``常住人口\n1\n1761.48 万人``) is none."""
    content = line.content
    if not 2 <= len(content) <= _TITLE_MAX or _PROSE_MARKS.intersection(content):
        return False
    if content[-1].isdigit() or _NUMERIC_CELL.fullmatch(line.text):
        return False
    if _DOCUMENT_TITLE.search(line.text):
        return True  # 江西省2022年国民经济和社会发展统计公报: a document's own title
    following = lines[i + 1] if i + 1 < len(lines) else None
    if following is not None and (skipped[i + 1] and not _is_blank(following)
                                  or following.content[:1].isdigit()):
        return False  # 年末常住人口\n50万人: the sentence goes on
    return following is None or _is_blank(following) or len(content) * 5 <= width * 3


def _typical_width(lines: Sequence[Line]) -> int:
    """The median length of the lines that carry text: a PDF column's width
    (about 16 to 40), or a paragraph's length where lines are paragraphs;
    0 (no width to compare with) on a page of fewer than eight such lines."""
    lengths = sorted(len(line.content) for line in lines if len(line.content) >= 8)
    return lengths[len(lengths) // 2] if len(lengths) >= _WIDTH_SAMPLE else 0


def _blank_between(previous: Line, line: Line) -> bool:
    return previous.end + 1 < line.start  # a blank (or skipped) line lies between


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


# The whole layout ------------------------------------------------------------

#: A line this long is a paragraph of a web page, not a line of a PDF column.
_PARAGRAPH_LINE = 80
#: The share of long lines that marks a text written one paragraph per line.
_PARAGRAPH_SHARE = 0.25


def _one_paragraph_per_line(lines: Sequence[Line]) -> bool:
    """Whether ``text`` was written one paragraph per line (a web page, not a
    PDF's column lines): many of its lines are longer than a column holds."""
    content = [len(line.content) for line in lines if line.content]
    return bool(content) and \
        sum(n >= _PARAGRAPH_LINE for n in content) >= _PARAGRAPH_SHARE * len(content)


#: Lines of a web page's header: who published it and when (发布时间：2011-04-02), a
#: government portal's metadata (索引号, 公开形式, 主题分类 …), or a date alone (2011年09月26).
_HEADER_KEYS = ("发布时间|发布日期|发布人|来源|稿源|作者|编辑|日期|时间|索引号|公开日期|成文日期"
                "|发布文号|公开目录|公开形式|公开责任部门|发文机关|主题分类|文号")
_HEADER_LINE = re.compile(rf"\s*(?:(?:{_HEADER_KEYS})\s*[:：]"
                          r"|[0-9]{4}[-年/.][0-9]{1,2}[-月/.]?[0-9]{0,2}[日号]?\s*$)")


def _header_line(line: Line, index: int) -> bool:
    """A line of a web page's header, which is a block of its own: the first
    line (the title) or a line of who published it and when. (Joined with the
    article's first paragraph, its date ran into the paragraph's first figure:
    发布时间：2011-04-02 | 2010年… read 2011-04-022010年.)"""
    return index == 0 or _HEADER_LINE.match(line.text) is not None


def _indented(line: Line) -> bool:
    """A paragraph's first line: opened by an ideographic space or two spaces."""
    return line.text.startswith(("\u3000", "  ", "\t"))


def read_layout(text: str, tables: Sequence[tuple[int, int]] = ()) -> Layout:
    """Furniture, headings, list-item numbers and block breaks of ``text``.

    A block ends at a blank line after a line that ends a sentence or clause
    (a PDF page or column break leaves blank lines inside a sentence, with or
    without furniture: ``工程技术研究中心\n\n26 家``), at a line that ends a
    sentence when the next line is indented (``。\n\u3000\u3000分行业来看``) or the
    text is written one paragraph per line (web pages), before and after a
    heading line, before a numbered item, and at every line end inside a table
    (``tables``: their original spans)."""
    lines = split_lines(text)
    furniture = find_furniture(text, lines, tables)
    inside = _line_test(tables)
    furniture_lines = {(f.start, f.end) for f in furniture}
    skipped = [(line.start, line.end) in furniture_lines or inside(line) for line in lines]
    headings, markers, block_lines, whole_lines, box_lines = find_headings(lines, skipped)
    in_box = False  # the last block opened with a box line (●…): a blank line ends it
    paragraph_lines = _one_paragraph_per_line(lines)
    breaks: set[int] = set()
    previous: int | None = None  # index of the last content line
    gap_has_blank = False
    for i, line in enumerate(lines):
        if inside(line):
            breaks.add(line.end)  # every row of a table ends a block
            if line.start > 0:
                breaks.add(line.start - 1)
        if _is_blank(line):
            gap_has_blank = True
            continue
        if skipped[i] and not inside(line):
            continue
        if previous is not None:
            ended = _ends_block(lines[previous].content)
            if i in block_lines or previous in whole_lines or \
                    (gap_has_blank and (ended or in_box or
                                        _HEADER_LINE.match(lines[previous].text) is not None)) or \
                    (ended and (paragraph_lines or _indented(line))) or \
                    paragraph_lines and _header_line(lines[previous], previous):
                breaks.add(lines[previous].end)
                in_box = False
        if i in box_lines:
            in_box = True
        previous = i
        gap_has_blank = False
    return Layout(tuple(lines), tuple(furniture), tuple(headings), tuple(markers),
                  tuple(sorted(b for b in breaks if 0 <= b < len(text) and text[b] == "\n")))
