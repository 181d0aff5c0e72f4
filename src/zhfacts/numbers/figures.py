"""All figures of a document, with offsets into the original text.

This is the spaCy-free path: clean the text (:mod:`zhfacts.page.textmap`), find
dates first (:mod:`zhfacts.numbers.dates`), then money, quantities and percentages
around them (:mod:`zhfacts.numbers.quantities`), and map every span back to the
characters it came from, so ``figure.text == text[figure.start:figure.end]``.
"""

from __future__ import annotations

from zhfacts.errors import InputError
from zhfacts.numbers.dates import find_dates
from zhfacts.numbers.lexicon import Lexicon
from zhfacts.numbers.quantities import find_quantities
from zhfacts.page.context import DocumentContext
from zhfacts.page.textmap import clean_document
from zhfacts.results import DateFigure, Figure


def find_figures(text: str, context: DocumentContext | None = None,
                 lex: Lexicon | None = None) -> list[Figure | DateFigure]:
    """Every MONEY, QUANTITY, PERCENT and DATE figure in ``text``, in text order.

    ``lex``: other tables than the built-in ones (a user's units, see
    :func:`zhfacts.numbers.lexicon.lexicon_with_units`)."""
    context = context or DocumentContext()
    cleaned = clean_document(text)
    dates = find_dates(cleaned.text, context)
    quantities = find_quantities(cleaned.text, [(d.start, d.end) for d in dates], lex)
    found: list[Figure | DateFigure] = []
    for date in dates:
        start, end = cleaned.span(date.start, date.end)
        found.append(DateFigure(start, end, text[start:end], date.value))
    for quantity in quantities:
        start, end = cleaned.span(quantity.start, quantity.end)
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
    return found


def figures(text: str, date: str | None = None, place: str | None = None
            ) -> list[Figure | DateFigure]:
    """Every MONEY, QUANTITY, PERCENT and DATE figure, without spaCy: typed and exact.

    The fast path for bulk numeric work; ``date`` and ``place`` are the
    document context (see :class:`~zhfacts.page.context.DocumentContext`).
    """
    if not isinstance(text, str):
        raise InputError(f"a document must be a str, not {type(text).__name__}")
    return find_figures(text, DocumentContext.of(date, place))
