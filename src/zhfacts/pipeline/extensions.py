"""Every spaCy extension zhfacts declares, in one place.

Doc: ``date`` and ``place`` (the document context, set by the caller before
the pipeline runs); ``page`` (the :class:`~zhfacts.page.page.Page` every
zhfacts component reads, built once by the first of them); ``facts`` and
``checks`` (set by ``zhfacts_facts``, kept in ``doc.user_data`` like the
figure records, as JSON-ready records). Span: ``value``,
``low``, ``high`` (``Decimal``), ``unit``, ``qualifier``, ``per``, ``norm``
and ``by``.

Span values are getters over one JSON-ready record per figure kept in
``doc.user_data``, so they survive ``Doc.to_bytes``, ``nlp.pipe(...,
n_process=2)`` and ``DocBin`` unchanged. Registering refuses to replace an
extension of the same name that another package declared.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import catalogue
import srsly
from spacy.tokens import Doc, Span

from zhfacts.errors import ExtensionConflictError
from zhfacts.page.context import DocumentContext
from zhfacts.page.page import Page, build_page

RECORDS_KEY = ("zhfacts", "records")
PAGE_KEY = ("zhfacts", "page")
CONTEXT_KEY = ("zhfacts", "context")
FACTS_KEY = ("zhfacts", "facts")
CHECKS_KEY = ("zhfacts", "checks")
_OWNER_MARK = "_zhfacts_extension"


def record_key(start: int, end: int) -> str:
    return f"{start}:{end}"


def span_record(span: Span) -> dict[str, Any] | None:
    """The JSON-ready record zhfacts stored for this exact span, if any."""
    records = span.doc.user_data.get(RECORDS_KEY)  # type: ignore[call-overload]
    if not records:
        return None
    record: dict[str, Any] | None = records.get(record_key(span.start_char, span.end_char))
    return record


def _field(name: str, convert: Callable[[Any], Any] | None = None) -> Callable[[Span], Any]:
    def getter(span: Span) -> Any:
        record = span_record(span)
        if record is None or record.get(name) is None:
            return None
        value = record[name]
        return convert(value) if convert else value

    setattr(getter, _OWNER_MARK, True)
    return getter


def _value(span: Span) -> Decimal | str | None:
    """Figures carry exact Decimals; a DATE's value is its TimeML string."""
    record = span_record(span)
    if record is None or record.get("value") is None:
        return None
    raw: str = record["value"]
    return raw if record.get("label") == "DATE" else Decimal(raw)


setattr(_value, _OWNER_MARK, True)

_SPAN_GETTERS: dict[str, Callable[[Span], Any]] = {
    "value": _value,
    "low": _field("low", Decimal),
    "high": _field("high", Decimal),
    "unit": _field("unit"),
    "qualifier": _field("qualifier"),
    "per": _field("per"),
    "norm": _field("norm"),
    "by": _field("by"),
}
_DOC_DEFAULTS = ("date", "place")


def _stored(key: tuple[str, str]) -> Callable[[Doc], Any]:
    def getter(doc: Doc) -> Any:
        return doc.user_data.get(key)  # type: ignore[call-overload]

    setattr(getter, _OWNER_MARK, True)
    return getter


def stored_page(doc: Doc) -> Page | None:
    """The page a zhfacts component built for ``doc``, if it is this doc's
    (a ``user_data`` copied from another Doc, or one read back from bytes, is not)."""
    page = doc.user_data.get(PAGE_KEY)  # type: ignore[call-overload]
    if isinstance(page, Page) and page.original == doc_text(doc):
        return page
    return None


def store_page(doc: Doc, page: Page) -> None:
    """Keep ``page`` on ``doc``, and its resolved context as plain strings
    (which, unlike the page, survive ``Doc.to_bytes`` and worker processes)."""
    doc.user_data[PAGE_KEY] = page  # type: ignore[index]
    doc.user_data[CONTEXT_KEY] = [page.context.date, page.context.place]  # type: ignore[index]


def stored_context(doc: Doc) -> DocumentContext:
    """The context a page of ``doc`` was built with, if any (else empty)."""
    stored = doc.user_data.get(CONTEXT_KEY)  # type: ignore[call-overload]
    if isinstance(stored, (list, tuple)) and len(stored) == 2:
        return DocumentContext.of(stored[0], stored[1])
    return DocumentContext()


def _page(doc: Doc) -> Page:
    """``doc._.page``: the stored page, else one built now from the doc's text,
    its ``doc._.date`` / ``doc._.place`` and the context its page had (a Doc
    read back from bytes keeps that context, not the page)."""
    page = stored_page(doc)
    if page is None:
        context = DocumentContext.of(doc._.date, doc._.place).or_else(stored_context(doc))
        page = build_page(doc_text(doc), context)
        store_page(doc, page)
    return page


setattr(_page, _OWNER_MARK, True)


def _encode_page(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """A Page is not serialized with the Doc (it is derived data): its context
    is kept under its own key (:func:`store_page`) and the page is built again
    from the text when it is asked for."""
    if isinstance(obj, Page):
        return None
    return obj if chain is None else chain(obj)


_DOC_GETTERS: dict[str, Callable[[Doc], Any]] = {
    "facts": _stored(FACTS_KEY),
    "checks": _stored(CHECKS_KEY),
    "page": _page,
}


TEXT_KEY = ("zhfacts", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy joins it from a Token
    object per token on every access, which on a character-segmented page
    cost as much as the NER model. A Doc's text never changes (retokenizing
    keeps it), so the first result is kept in ``doc.user_data``."""
    text = doc.user_data.get(TEXT_KEY)  # type: ignore[call-overload]
    if isinstance(text, str) and len(text) == _text_length(doc):
        return text
    text = doc.text
    doc.user_data[TEXT_KEY] = text  # type: ignore[index]
    return text


def _text_length(doc: Doc) -> int:
    """The length of ``doc.text`` from its last token (a guard against a
    ``user_data`` copied from another Doc)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return int(last.idx) + len(last.text_with_ws)


def entity_records(doc: Doc) -> list[dict[str, Any]]:
    """The SPEC records of ``doc.ents``: zhfacts' own as stored, a host
    pipeline's entities with a plain ``norm``."""
    records = []
    for span in doc.ents:
        record = span_record(span)
        if record is None:  # a host pipeline's entity
            record = {"start": span.start_char, "end": span.end_char, "text": span.text,
                      "label": span.label_, "norm": {"name": "".join(span.text.split())},
                      "by": "model"}
        records.append(record)
    return records


def _is_ours(extension: tuple[Any, Any, Any, Any], expect_getter: bool) -> bool:
    default, method, getter, setter = extension
    if expect_getter:
        return bool(getter is not None and getattr(getter, _OWNER_MARK, False))
    return default is None and method is None and getter is None and setter is None


def register_extensions() -> None:
    """Declare zhfacts' extensions once; raise if another package owns one of the names.

    Called for every document, so it must be cheap: the registry is asked
    directly, not through ``get_all()``, which scans the installed entry
    points (8 % of a document's time when it did)."""
    if not catalogue.check_exists(*srsly.msgpack_encoders.namespace, "zhfacts_page"):
        srsly.msgpack_encoders.register("zhfacts_page", func=_encode_page)
    for name, getter in _SPAN_GETTERS.items():
        _declare(Span, name, {"getter": getter}, "figure values")
    for name in _DOC_DEFAULTS:
        _declare(Doc, name, {"default": None}, "the document context")
    for name, doc_getter in _DOC_GETTERS.items():
        _declare(Doc, name, {"getter": doc_getter}, "facts and checks")


def _declare(owner: type[Doc] | type[Span], name: str, how: dict[str, Any], needed_for: str
             ) -> None:
    if not owner.has_extension(name):
        owner.set_extension(name, **how)
        return
    if not _is_ours(owner.get_extension(name), expect_getter="getter" in how):
        raise ExtensionConflictError(
            f"{owner.__name__}._.{name} is already declared differently by another package; "
            f"zhfacts needs it for {needed_for}. Remove the other declaration or run zhfacts "
            f"in a separate process."
        )
