"""The spaCy half of the Python API: ``load`` and ``extract``.

``extract`` runs the default spaCy pipeline and returns the JSON-ready record
of SPEC section 1. The spaCy-free ``zhfacts.figures`` lives in
:mod:`zhfacts.numbers.figures`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from zhfacts.errors import InputError
from zhfacts.page.context import DocumentContext
from zhfacts.pipeline.components import link_and_check, page_for
from zhfacts.pipeline.extensions import (
    TEXT_KEY,
    entity_records,
    register_extensions,
)
from zhfacts.pipeline.segmentation import make_nlp
from zhfacts.results import SCHEMA_VERSION, ZHFACTS_VERSION

DEFAULT_SEGMENTER = "char"


def load(segmenter: str = DEFAULT_SEGMENTER, *, entities: str | None = None,
         units: str | None = None, model: bool = True) -> Language:
    """A new default zhfacts pipeline: a Chinese tokenizer and the zhfacts components.

    ``segmenter`` is ``"char"`` (default: the fastest, and the recognizers match
    on characters), ``"jieba"``, or ``"pkuseg"`` (the most accurate words;
    needs ``zhfacts setup pkuseg`` once and ~800 MB per process). See
    docs/segmentation.md for the measurements behind the default.
    ``entities`` and ``units`` are a user's JSON files of extra names and
    units (docs/extending.md). ``model=False`` leaves the statistical name
    model out: rules and gazetteer only, about three times as fast, blind to names
    that have no cue (docs/benchmarks.md).
    """
    nlp = make_nlp(segmenter)
    nlp.add_pipe("zhfacts_entities", config={"entities": entities, "model": model})
    nlp.add_pipe("zhfacts_figures", config={"units": units})
    nlp.add_pipe("zhfacts_facts")
    return nlp


@lru_cache(maxsize=4)
def _cached_pipeline(segmenter: str) -> Language:
    return load(segmenter)


def make_doc(nlp: Language, text: str, date: str | None = None, place: str | None = None
             ) -> Doc:
    """A tokenized Doc carrying its document context, ready for ``nlp(doc)``."""
    register_extensions()
    _check_text(text)
    context = DocumentContext.of(date, place)
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # type: ignore[index]  # the tokenizer kept it whole
    doc._.date = context.date
    doc._.place = context.place
    page_for(doc, nlp)  # read once here; every component reads this page
    return doc


#: A document longer than this many characters is processed in pieces of at
#: most this size, cut after a line or sentence end (offsets still index the
#: whole text). Far above any page; it bounds the memory of one Doc.
PIECE_CHARS = 200_000
_PIECE_ENDS = ("\n", "。", "！", "？", "；")


def extract(text: str, date: str | None = None, place: str | None = None, *,
            id: str | None = None, nlp: Language | None = None) -> dict[str, Any]:
    """Entities, figures, facts and consistency checks of one document.

    Returns the SPEC section 1 record; offsets index ``text`` as given. A
    text longer than :data:`PIECE_CHARS` is processed piece by piece
    (facts and checks then see one piece at a time).
    """
    _check_text(text)
    pipeline = nlp or _cached_pipeline(DEFAULT_SEGMENTER)
    pieces = split_pieces(text, PIECE_CHARS)
    if len(pieces) == 1:
        return doc_to_record(pipeline(make_doc(pipeline, text, date, place)), id)
    merged: dict[str, Any] = {}
    if id is not None:
        merged["id"] = id
    merged.update({"schema_version": SCHEMA_VERSION, "zhfacts_version": ZHFACTS_VERSION,
                   "entities": [], "facts": [], "checks": []})
    for start, end in pieces:
        record = doc_to_record(pipeline(make_doc(pipeline, text[start:end], date, place)))
        for key in ("entities", "facts"):
            merged[key] += [_shifted(item, start) for item in record[key]]
        for check in record["checks"]:
            merged["checks"].append({**check, "figures": [_shifted(figure, start)
                                                          for figure in check["figures"]]})
    return merged


def split_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of at most ``size`` characters
    covering ``text``, each cut after its last line or sentence end (else at
    ``size``). Linear: each piece searches only its own window."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = max(text.rfind(mark, start + size // 2, window_end) for mark in _PIECE_ENDS)
        end = cut + 1 if cut >= 0 else window_end
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _shifted(item: dict[str, Any], offset: int) -> dict[str, Any]:
    return {**item, "start": item["start"] + offset, "end": item["end"] + offset}


def doc_to_record(doc: Doc, id: str | None = None) -> dict[str, Any]:
    """The SPEC section 1 record of a processed Doc (facts and checks from
    ``zhfacts_facts`` when it ran, else linked here)."""
    register_extensions()
    entities = entity_records(doc)
    facts, checks = doc._.facts, doc._.checks
    if facts is None:  # the pipeline had no zhfacts_facts: link here, the same way
        typed_facts, typed_checks = link_and_check(page_for(doc), entities)
        facts = [fact.to_dict() for fact in typed_facts]
        checks = [check.to_dict() for check in typed_checks]
    result: dict[str, Any] = {}
    if id is not None:
        result["id"] = id
    result["schema_version"] = SCHEMA_VERSION
    result["zhfacts_version"] = ZHFACTS_VERSION
    result["entities"] = entities
    result["facts"] = facts
    result["checks"] = checks
    return result


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(f"a document must be a str, not {type(text).__name__}")
