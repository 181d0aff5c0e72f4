"""spaCy adapters: ``zhfacts_entities``, ``zhfacts_figures`` and ``zhfacts_facts``.

Thin components over the pure functions :func:`zhfacts.entities.merge.find_entities`,
:func:`zhfacts.numbers.figures.find_figures`, :func:`zhfacts.facts.linker.link_facts` and
:func:`zhfacts.facts.checks.check_document`. They are registered through the
``spacy_factories`` entry point, so ``nlp.add_pipe("zhfacts_figures")`` works
without importing zhfacts. The recognizers work on ``doc.text``, split tokens
where a span starts or ends inside one (whatever the segmenter cut), and write
their spans to ``doc.ents`` (keeping the host's entities that do not overlap;
on overlap zhfacts' span wins unless ``overwrite_ents`` is false) and their
normalized values to span extensions; ``zhfacts_facts`` reads ``doc.ents``
and sets ``doc._.facts`` and ``doc._.checks``.

The document context comes from ``doc._.date`` / ``doc._.place`` when set,
else from the component's ``date`` / ``place`` config.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from zhfacts.entities.merge import find_entities
from zhfacts.entities.user_entities import load_user_entities
from zhfacts.facts.checks import check_document
from zhfacts.facts.linker import link_facts
from zhfacts.numbers.figures import find_figures
from zhfacts.numbers.lexicon import lexicon_with_units
from zhfacts.page.context import DocumentContext
from zhfacts.pipeline.extensions import (
    CHECKS_KEY,
    FACTS_KEY,
    RECORDS_KEY,
    doc_text,
    entity_records,
    record_key,
    register_extensions,
)


@Language.factory(
    "zhfacts_figures",
    assigns=["doc.ents", "span._.value", "span._.unit", "span._.qualifier"],
    default_config={"date": None, "place": None, "overwrite_ents": True, "units": None},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0},
)
def make_figure_recognizer(nlp: Language, name: str, date: str | None, place: str | None,
                           overwrite_ents: bool, units: str | None) -> FigureRecognizer:
    return FigureRecognizer(nlp, name, date=date, place=place, overwrite_ents=overwrite_ents,
                            units=units)


class FigureRecognizer:
    """Tags MONEY, QUANTITY, PERCENT and DATE figures with exact normalized values."""

    def __init__(self, nlp: Language, name: str = "zhfacts_figures", *,
                 date: str | None = None, place: str | None = None,
                 overwrite_ents: bool = True, units: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.default_context = DocumentContext.of(date, place)
        self.overwrite_ents = overwrite_ents
        # A user's units file (docs/extending.md), read once here.
        self.lexicon = lexicon_with_units(units) if units else None

    def __call__(self, doc: Doc) -> Doc:
        context = self._context(doc)
        records = [figure.to_dict()
                   for figure in find_figures(doc_text(doc), context, self.lexicon)]
        return add_entities(doc, records, overwrite=self.overwrite_ents)

    def _context(self, doc: Doc) -> DocumentContext:
        date = doc._.date if doc._.date is not None else self.default_context.date
        place = doc._.place if doc._.place is not None else self.default_context.place
        if date == self.default_context.date and place == self.default_context.place:
            return self.default_context
        return DocumentContext.of(date, place)


@Language.factory(
    "zhfacts_entities",
    assigns=["doc.ents", "span._.norm"],
    default_config={"place": None, "overwrite_ents": True, "model": True, "entities": None},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0},
)
def make_entity_recognizer(nlp: Language, name: str, place: str | None,
                           overwrite_ents: bool, model: bool,
                           entities: str | None) -> EntityRecognizer:
    return EntityRecognizer(nlp, name, place=place, overwrite_ents=overwrite_ents,
                            model=model, entities=entities)


class EntityRecognizer:
    """Tags GOV, ORG, PERSON, GPE and LOC: rules, the gazetteer and the NER model.

    ``model=False`` leaves the statistical model out (faster, rules only);
    ``entities`` is a user's JSON file of extra names (docs/extending.md).
    """

    def __init__(self, nlp: Language, name: str = "zhfacts_entities", *,
                 place: str | None = None, overwrite_ents: bool = True, model: bool = True,
                 entities: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.default_context = DocumentContext.of(None, place)
        self.overwrite_ents = overwrite_ents
        self.use_model = model
        self.user = load_user_entities(entities) if entities else None

    def __call__(self, doc: Doc) -> Doc:
        place = doc._.place if doc._.place is not None else self.default_context.place
        context = DocumentContext.of(doc._.date, place)
        records = [entity.to_dict() for entity in find_entities(
            doc_text(doc), context, use_model=self.use_model, user=self.user)]
        return add_entities(doc, records, overwrite=self.overwrite_ents)


@Language.factory(
    "zhfacts_facts",
    assigns=["doc._.facts", "doc._.checks"],
    requires=["doc.ents"],
)
def make_fact_linker(nlp: Language, name: str) -> FactLinker:
    return FactLinker(nlp, name)


class FactLinker:
    """Links the figures on ``doc.ents`` into facts (``doc._.facts``) and runs
    the consistency checks (``doc._.checks``); put it after the zhfacts
    recognizers. Both are the JSON-ready records of SPEC section 1."""

    def __init__(self, nlp: Language, name: str = "zhfacts_facts") -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        entities = entity_records(doc)
        facts = link_facts(doc_text(doc), entities, DocumentContext.of(doc._.date, doc._.place))
        doc.user_data[FACTS_KEY] = facts  # type: ignore[index]
        doc.user_data[CHECKS_KEY] = check_document(  # type: ignore[index]
            doc_text(doc), entities, facts)
        return doc


def add_entities(doc: Doc, records: list[dict[str, Any]], *, overwrite: bool = True) -> Doc:
    """Put zhfacts records on ``doc`` as entities with their values; returns the doc.

    Shared by every zhfacts component: tokens are split at the records'
    boundaries first, so any segmenter's cut works.
    """
    if not records:
        return doc
    split_tokens_at(doc, {offset for r in records for offset in (r["start"], r["end"])})
    host = list(doc.ents)
    ours: list[Span] = []
    stored: dict[str, Any] = doc.user_data.setdefault(  # type: ignore[call-overload]
        RECORDS_KEY, {})
    for record in records:
        span = doc.char_span(record["start"], record["end"], label=record["label"])
        if span is None:  # cannot happen after the split; never lose a record silently
            raise RuntimeError(f"figure {record['text']!r} does not align to tokens")
        ours.append(span)
    overlaps_ours = _overlap_test(ours)
    kept_host = [e for e in host if not overlaps_ours(e)]
    if not overwrite:
        overlaps_host = _overlap_test(host)
        ours = [s for s in ours if not overlaps_host(s)]
    by_span = {(r["start"], r["end"]): r for r in records}
    for span in ours:
        stored[record_key(span.start_char, span.end_char)] = by_span[
            (span.start_char, span.end_char)]
    doc.ents = sorted(kept_host + ours if overwrite else host + ours, key=lambda s: s.start)
    return doc


def _overlap_test(spans: list[Span]) -> Callable[[Span], bool]:
    """A test of whether a span overlaps one of ``spans``, by bisection, not a
    scan (a page with thousands of entities must not cost their square).
    ``spans`` are flat, as entities are: sorted by start, their ends are
    sorted too."""
    ordered = sorted(spans, key=lambda span: span.start)
    starts = [span.start for span in ordered]
    ends = [span.end for span in ordered]

    def overlaps(span: Span) -> bool:
        k = bisect_right(ends, span.start)  # the first one that ends after span starts
        return k < len(starts) and starts[k] < span.end

    return overlaps


def split_tokens_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split every token that a character offset falls strictly inside."""
    starts = doc.to_array("IDX").tolist()  # no Token objects: 10x faster than iterating
    cuts: dict[int, list[int]] = {}
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            continue
        token = doc[i]
        if token.idx < offset < token.idx + len(token.text):
            cuts.setdefault(i, []).append(offset - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, positions in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(set(positions)), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)
