"""The Page: one document, read once, carried to every stage.

A Page holds the original text exactly as given, the clean text the
recognizers match on with its map back to the original, the document
context (date and place, resolved once), and the structure of the document:
furniture that is no text, headings and the sections they open, tables,
paragraphs, sentences and clauses. It is built by :func:`build_page` and never
changed; every stage reads it instead of cleaning or splitting the text
again, so they all agree on where a sentence ends (spaCy's ``Doc`` is the
model: an immutable text with views over it).

Offsets: ``start``/``end`` index the original text; ``clean_start`` /
``clean_end`` index ``page.clean.text``. Sentences and clauses are defined
here and only here (:data:`SENTENCE_ENDS`, :data:`CLAUSE_ENDS`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property

from zhfacts.page.context import DocumentContext
from zhfacts.page.layout import (
    BOX_MARKS,
    SENTENCE_ENDS,
    Furniture,
    Heading,
    Layout,
    read_layout,
)
from zhfacts.page.tables import Table, find_tables
from zhfacts.page.textmap import CleanText, clean

#: Characters that end a clause inside a sentence (besides the sentence
#: ends and the block breaks, which the clean text keeps as ``\n``). Not the
#: colon: in 单价：58万元 the figure belongs with what comes before it.
CLAUSE_ENDS = frozenset("，,。；;！!？?（）()●▶■◆★\n")

_SENTENCE_BREAK = re.compile("[" + re.escape(SENTENCE_ENDS) + "\n]")
_CLAUSE_BREAK = re.compile("[" + re.escape("".join(sorted(CLAUSE_ENDS))) + "]")

__all__ = ["CLAUSE_ENDS", "SENTENCE_ENDS", "Page", "Section", "Sentence", "build_page"]


@dataclass(frozen=True)
class Sentence:
    """A sentence: clean offsets, the clean start of its paragraph, and its
    original span (the verbatim text is ``page.original[start:end]``)."""

    clean_start: int
    clean_end: int
    paragraph_start: int
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """What a heading opens: from the heading to the next heading of the same
    or a higher level (original offsets, and clean offsets for lookups)."""

    heading: Heading
    start: int
    end: int
    clean_start: int
    clean_end: int
    #: Index in ``page.sections`` of the section this one lies in.
    parent: int | None = None


@dataclass(frozen=True)
class Page:
    """One document, read once (see the module docstring)."""

    original: str
    clean: CleanText
    context: DocumentContext
    layout: Layout
    tables: tuple[Table, ...]
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    #: Clean positions of the characters in :data:`CLAUSE_ENDS`, in order.
    clause_breaks: tuple[int, ...]

    @property
    def furniture(self) -> tuple[Furniture, ...]:
        return self.layout.furniture

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.layout.headings

    def with_context(self, context: DocumentContext) -> Page:
        """The same page under another context (the structure does not depend on it)."""
        return self if context == self.context else replace(self, context=context)

    def sentence_at(self, clean_index: int) -> Sentence:
        """The sentence that holds clean position ``clean_index`` (or the one before)."""
        k = bisect_right(self._sentence_starts, clean_index) - 1
        return self.sentences[max(k, 0)]

    def section_index_at(self, clean_index: int) -> int | None:
        """The index in :attr:`sections` of the innermost section that holds
        clean position ``clean_index``."""
        k: int | None = bisect_right(self._section_starts, clean_index) - 1
        while k is not None and k >= 0:
            # The last section opened before the position, or one it lies in
            # (at most one per heading level: a short climb).
            if clean_index < self.sections[k].clean_end:
                return k
            k = self.sections[k].parent
        return None

    @cached_property
    def summary_boxes(self) -> tuple[tuple[int, int], ...]:
        """Original ``(start, end)`` of the paragraphs that are summary boxes (●
        lines) or have no sentence end (headlines, captions): where a page
        repeats figures of its body. Worked out once, on first use."""
        return tuple(_summary_boxes(self))

    def in_summary_box(self, start: int) -> bool:
        """Whether original position ``start`` lies in a summary box or headline."""
        boxes = self.summary_boxes
        k = bisect_right(boxes, (start, len(self.original) + 1)) - 1
        return k >= 0 and start < boxes[k][1]

    def sentence_text(self, sentence: Sentence) -> str:
        """The verbatim original text of ``sentence``."""
        return self.original[sentence.start:sentence.end]

    def in_furniture(self, start: int) -> bool:
        """Whether original position ``start`` lies in a page number, running
        head or other furniture (no part of the text's sentences)."""
        spans = self._furniture_spans
        k = bisect_right(spans, (start, len(self.original) + 1)) - 1
        return k >= 0 and start < spans[k][1]

    @cached_property
    def _furniture_spans(self) -> list[tuple[int, int]]:
        return sorted((f.start, f.end) for f in self.furniture)

    def in_table(self, start: int, end: int) -> Table | None:
        """The table whose span holds the original span ``[start, end)``."""
        k = bisect_right(self._table_starts, start) - 1
        if k >= 0 and end <= self.tables[k].end:
            return self.tables[k]
        return None

    # Positions looked up by bisection, worked out once, on first use
    # (cached_property writes the instance dict, which a frozen dataclass allows).
    @cached_property
    def _table_starts(self) -> list[int]:
        return [t.start for t in self.tables]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.clean_start for s in self.sections]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.clean_start for s in self.sentences]

#: A paragraph ending in one of these is prose or a list item (（a）增拨900万元；),
#: not a headline or caption.
_PARAGRAPH_ENDS = SENTENCE_ENDS + "；;：:，,、"


def _summary_boxes(page: Page) -> list[tuple[int, int]]:
    paragraphs: list[tuple[int, int, bool]] = []  # clean start, end, has a sentence end
    for sentence in page.sentences:
        text = page.clean.text[sentence.clean_start:sentence.clean_end]
        last = text.rstrip("及和或并")[-1:]  # (…宿位；及: a list item)
        ended = bool(last) and last in _PARAGRAPH_ENDS
        if paragraphs and sentence.paragraph_start == paragraphs[-1][0]:
            start, _, had = paragraphs[-1]
            paragraphs[-1] = (start, sentence.clean_end, had or ended)
        else:
            paragraphs.append((sentence.paragraph_start, sentence.clean_end, ended))
    boxes = []
    for start, end, ended in paragraphs:
        body = page.clean.text[start:end].strip()
        if body and (body[0] in BOX_MARKS or not ended):
            boxes.append(page.clean.span(start, end))
    return boxes


def build_page(text: str, context: DocumentContext | None = None) -> Page:
    """Read ``text`` once: tables, layout, clean text, sentences, sections."""
    tables = tuple(find_tables(text))
    layout = read_layout(text, [(t.start, t.end) for t in tables])
    dropped = [(f.start, f.end) for f in layout.furniture] + list(layout.markers)
    cleaned = clean(text, dropped, layout.breaks)
    sentences = _sentences(cleaned)
    sections = _sections(cleaned, layout.headings)
    ctext = cleaned.text
    clause_breaks = tuple(_without_inner_brackets(
        ctext, [match.start() for match in _CLAUSE_BREAK.finditer(ctext)]))
    return Page(text, cleaned, context or DocumentContext(), layout, tables, sentences,
                sections, clause_breaks)


#: A bracket pair this short, with no clause punctuation inside, is part of
#: the phrase around it (国家工程（技术）研究中心; 普通高等学校（含普通、职业本专科）
#: | 106所), not a clause of its own.
_INNER_BRACKET = 16
_OPENS = "（("
_CLOSES = "）)"


def _without_inner_brackets(ctext: str, breaks: list[int]) -> list[int]:
    """``breaks`` without the brackets of short asides inside a phrase."""
    inner: set[int] = set()
    for k, at in enumerate(breaks):
        if ctext[at] not in _OPENS or k + 1 >= len(breaks):
            continue
        close = breaks[k + 1]
        if ctext[close] in _CLOSES and close - at - 1 <= _INNER_BRACKET and close > at + 1:
            inner.update((at, close))
    return [at for at in breaks if at not in inner]


def _sentences(cleaned: CleanText) -> tuple[Sentence, ...]:
    """Sentences end after 。！？ and at a block break (the clean ``\\n``);
    a paragraph starts after a block break."""
    ctext = cleaned.text
    found: list[Sentence] = []
    start = paragraph = 0

    def close(end: int) -> None:
        if end > start:
            original_start, original_end = cleaned.span(start, end)
            found.append(Sentence(start, end, paragraph, original_start, original_end))

    for match in _SENTENCE_BREAK.finditer(ctext):
        i = match.start()
        if match.group() == "\n":
            close(i)
            start = paragraph = i + 1
        else:
            close(i + 1)
            start = i + 1
    close(len(ctext))
    if not found:
        found.append(Sentence(0, len(ctext), 0, 0, len(cleaned.original)))
    return tuple(found)


def _sections(cleaned: CleanText, headings: tuple[Heading, ...]) -> tuple[Section, ...]:
    """Each heading opens a section up to the next heading of its level or a
    higher one (a title or part: level 0). One pass with a stack of the open
    sections (at most one per level), so it is linear in the headings."""
    end_of_text = len(cleaned.original)
    ends: list[int] = [end_of_text] * len(headings)
    parents: list[int | None] = [None] * len(headings)
    open_sections: list[int] = []
    for k, heading in enumerate(headings):
        while open_sections and headings[open_sections[-1]].level >= heading.level:
            ends[open_sections.pop()] = heading.start
        parents[k] = open_sections[-1] if open_sections else None
        open_sections.append(k)
    return tuple(
        Section(heading, heading.start, ends[k], cleaned.to_clean(heading.start),
                cleaned.to_clean(ends[k]) if ends[k] < end_of_text else len(cleaned.text),
                parents[k])
        for k, heading in enumerate(headings))
