"""All figures of a document, with offsets into the original text.

This is the spaCy-free path over a :class:`~zhfacts.page.page.Page`: dates
first (:mod:`zhfacts.numbers.dates`), then money, quantities and percentages
around them (:mod:`zhfacts.numbers.quantities`), all on the page's clean text
and mapped back to the characters they came from, so
``figure.text == text[figure.start:figure.end]``. Inside a table the running
text reading gives way to the table's (:mod:`zhfacts.page.tables`): a cell's
number takes the unit its header or unit line gives.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import read_data_json
from zhfacts.errors import InputError
from zhfacts.numbers.dates import find_dates
from zhfacts.numbers.lexicon import Lexicon
from zhfacts.numbers.quantities import find_quantities
from zhfacts.page.context import DocumentContext
from zhfacts.page.page import Page, build_page
from zhfacts.page.tables import read_table
from zhfacts.results import DateFigure, Figure


def find_figures(page: Page, lex: Lexicon | None = None) -> list[Figure | DateFigure]:
    """Every MONEY, QUANTITY, PERCENT and DATE figure of ``page``, in text order.

    ``lex``: other tables than the built-in ones (a user's units, see
    :func:`zhfacts.numbers.lexicon.lexicon_with_units`)."""
    cleaned = page.clean
    text = page.original
    dates = find_dates(cleaned.text, page.context)
    quantities = find_quantities(cleaned.text, [(d.start, d.end) for d in dates], lex)
    found: list[Figure | DateFigure] = []
    for date in dates:
        start, end = cleaned.span(date.start, date.end)
        found.append(DateFigure(start, end, text[start:end], date.value))
    for quantity in quantities:
        start, end = cleaned.span(quantity.start, quantity.end)
        if page.tables and page.in_table(start, end) is not None:
            continue  # a table's cells are read with their headers, below
        found.append(Figure(
            label=quantity.label,
            start=start,
            end=end,
            text=text[start:end],
            value=quantity.value,
            unit=quantity.unit,
            qualifier=quantity.qualifier,
            low=quantity.low,
            high=quantity.high,
            per=quantity.per,
        ))
    found.sort(key=lambda figure: (figure.start, figure.end))
    # Inside tables only dates are found so far; they are disjoint and sorted.
    running = list(found)
    starts = [f.start for f in running]
    for table in page.tables:
        for reading in read_table(table, lex):
            figure = reading.figure
            k = bisect_left(starts, figure.end) - 1
            if k < 0 or running[k].end <= figure.start:  # a date in a header wins
                found.append(figure)
    heads = _running_head_dates(page)
    if heads:  # (a figure read across dropped lines may span a head: it wins)
        found.sort(key=lambda figure: (figure.start, figure.end))
        starts = [f.start for f in found]
        found += [date for date in heads if not _overlaps(found, starts, date.start, date.end)]
    found = _disjoint(sorted(found, key=lambda figure: (figure.start, figure.end)))
    currency = _local_currency(page.context)
    if currency is not None:
        found = [_in_local_currency(f, currency) for f in found]
    return found


def _disjoint(found: list[Figure | DateFigure]) -> list[Figure | DateFigure]:
    """The sorted figures with none overlapping another: the readers keep their
    figures apart, and this holds it for any text (a span claimed twice would
    stop spaCy from setting the entities of the whole document). Of two that
    overlap, a date wins, then the longer."""
    kept: list[Figure | DateFigure] = []
    for figure in found:
        if kept and kept[-1].end > figure.start:
            if _precedence(figure) > _precedence(kept[-1]):
                kept[-1] = figure
            continue
        kept.append(figure)
    return kept


def _precedence(figure: Figure | DateFigure) -> tuple[bool, int]:
    return figure.label == "DATE", figure.end - figure.start


def _overlaps(found: list[Figure | DateFigure], starts: list[int], start: int, end: int
              ) -> bool:
    """Whether ``[start, end)`` overlaps a figure of ``found`` (disjoint, sorted;
    ``starts`` their starts)."""
    k = bisect_left(starts, end) - 1
    return k >= 0 and found[k].end > start


def _running_head_dates(page: Page) -> list[DateFigure]:
    """The dates of running heads (``立法會 ─ 2013年 2月 27日`` on every page):
    the clean text drops the heads, so that a sentence runs on across a page
    break, but their dates are DATE entities all the same (docs/annotation.md,
    decision 29). Each distinct head is read once."""
    found: list[DateFigure] = []
    read: dict[str, list[DateFigure]] = {}
    for furniture in page.furniture:
        if furniture.kind != "running_head":
            continue
        head = page.original[furniture.start:furniture.end]
        if head not in read:
            read[head] = [f for f in find_figures(build_page(head, page.context))
                          if isinstance(f, DateFigure)]
        found.extend(replace(date, start=date.start + furniture.start,
                             end=date.end + furniture.start) for date in read[head])
    return found


def _local_currency(context: DocumentContext) -> str | None:
    """The currency a bare 元 means in a document about ``context.place``."""
    if context.place is None:
        return None
    places: dict[str, str] = _local_currencies()["places"]
    return places.get(context.place)


@lru_cache(maxsize=1)
def _local_currencies() -> dict[str, Any]:
    return read_data_json("local_currencies.json")


def _in_local_currency(figure: Figure | DateFigure, currency: str) -> Figure | DateFigure:
    """A CNY amount written with a bare 元 (4萬元 in a Hong Kong budget), in the
    place's currency; one that writes 人民币 stays CNY."""
    if not isinstance(figure, Figure) or figure.unit != "CNY":
        return figure
    data = _local_currencies()
    written = "".join(figure.text.split())
    if any(word in written for word in data["written_currency"]) or \
            not any(unit in written for unit in data["bare_units"]):
        return figure
    return replace(figure, unit=currency)


def figures(text: str, date: str | None = None, place: str | None = None
            ) -> list[Figure | DateFigure]:
    """Every MONEY, QUANTITY, PERCENT and DATE figure, without spaCy: typed and exact.

    The fast path for bulk numeric work; ``date`` and ``place`` are the
    document context (see :class:`~zhfacts.page.context.DocumentContext`).
    """
    if not isinstance(text, str):
        raise InputError(f"a document must be a str, not {type(text).__name__}")
    return find_figures(build_page(text, DocumentContext.of(date, place)))
