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

Every component reads the document through its one Page
(:func:`page_for`), built by the first of them and kept on the Doc
(``doc._.page``). The document context comes from ``doc._.date`` /
``doc._.place`` when set, else from the ``date`` / ``place`` config of any
zhfacts component of the pipeline: set once, it reaches every stage.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from zhfacts.entities.merge import find_entities
from zhfacts.entities.user_entities import load_user_entities
from zhfacts.facts.checks import check_document
from zhfacts.facts.linker import link_facts
from zhfacts.numbers.figures import find_figures
from zhfacts.numbers.lexicon import lexicon_with_units
from zhfacts.page.context import DocumentContext
from zhfacts.page.page import Page, build_page
from zhfacts.pipeline.extensions import (
    CHECKS_KEY,
    FACTS_KEY,
    RECORDS_KEY,
    doc_text,
    entity_records,
    record_key,
    register_extensions,
    store_page,
    stored_context,
    stored_page,
)
from zhfacts.results import ENTITY_LABELS, FIGURE_LABELS, Check, Fact, mention_from_dict

MENTION_LABELS = frozenset((*FIGURE_LABELS, *ENTITY_LABELS))


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
        self.nlp = nlp
        self.default_context = DocumentContext.of(date, place)
        self.overwrite_ents = overwrite_ents
        # A user's units file (docs/extending.md), read once here.
        self.lexicon = lexicon_with_units(units) if units else None

    def __call__(self, doc: Doc) -> Doc:
        records = [figure.to_dict()
                   for figure in find_figures(page_for(doc, self.nlp), self.lexicon)]
        return add_entities(doc, records, overwrite=self.overwrite_ents)


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
        self.nlp = nlp
        self.default_context = DocumentContext.of(None, place)
        self.overwrite_ents = overwrite_ents
        self.use_model = model
        self.user = load_user_entities(entities) if entities else None

    def __call__(self, doc: Doc) -> Doc:
        records = [entity.to_dict() for entity in find_entities(
            page_for(doc, self.nlp), use_model=self.use_model, user=self.user)]
        return add_entities(doc, records, overwrite=self.overwrite_ents)


@Language.factory(
    "zhfacts_facts",
    assigns=["doc._.facts", "doc._.checks"],
    requires=["doc.ents"],
    default_config={"date": None, "place": None},
)
def make_fact_linker(nlp: Language, name: str, date: str | None, place: str | None
                     ) -> FactLinker:
    return FactLinker(nlp, name, date=date, place=place)


class FactLinker:
    """Links the figures on ``doc.ents`` into facts (``doc._.facts``) and runs
    the consistency checks (``doc._.checks``); put it after the zhfacts
    recognizers. Both are the JSON-ready records of SPEC section 1."""

    def __init__(self, nlp: Language, name: str = "zhfacts_facts", *,
                 date: str | None = None, place: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.nlp = nlp
        self.default_context = DocumentContext.of(date, place)

    def __call__(self, doc: Doc) -> Doc:
        facts, checks = link_and_check(page_for(doc, self.nlp), entity_records(doc), self.nlp)
        doc.user_data[FACTS_KEY] = [fact.to_dict() for fact in facts]  # type: ignore[index]
        doc.user_data[CHECKS_KEY] = [check.to_dict()  # type: ignore[index]
                                     for check in checks]
        return doc


def link_and_check(page: Page, records: Iterable[dict[str, Any]],
                   nlp: Language | None = None) -> tuple[list[Fact], list[Check]]:
    """The facts and checks of a page from the entity records on its Doc
    (a host pipeline's entities of other labels are left out); tables are
    read with the units of the pipeline's ``zhfacts_figures``, if it has its own."""
    mentions = [mention_from_dict(r) for r in records if r["label"] in MENTION_LABELS]
    lexicon = None if nlp is None else next(
        (c.lexicon for _, c in nlp.pipeline if isinstance(c, FigureRecognizer)), None)
    facts = link_facts(page, mentions, lexicon)
    return facts, check_document(page, mentions, facts)


def page_for(doc: Doc, nlp: Language | None = None) -> Page:
    """The one Page of ``doc``, built by the first zhfacts component that asks.

    Its context is resolved once, the same way whichever way it was given:
    ``doc._.date`` / ``doc._.place`` when set, else the ``date`` / ``place``
    of the zhfacts components' config in ``nlp`` (the first that sets it, in
    pipeline order)."""
    context = DocumentContext.of(doc._.date, doc._.place)
    if nlp is not None:
        for _, component in nlp.pipeline:
            default = getattr(component, "default_context", None)
            if isinstance(default, DocumentContext):
                context = context.or_else(default)
    page = stored_page(doc)
    if page is None:
        page = build_page(doc_text(doc), context.or_else(stored_context(doc)))
    else:  # doc._ set since the page was built wins; what it left open, the page keeps
        page = page.with_context(context.or_else(page.context))
    store_page(doc, page)
    return page


def add_entities(doc: Doc, records: list[dict[str, Any]], *, overwrite: bool = True) -> Doc:
    """Put zhfacts records on ``doc`` as entities with their values; returns the doc.

    Shared by every zhfacts component: tokens are split at the records'
    boundaries first, so any segmenter's cut works.
    """
    if not records:
        return doc
    # Where every record already starts and ends on token boundaries (a span
    # strictly aligned to tokens), no offset falls inside a token and the split
    # would cut nothing: it is skipped. Otherwise split, then align again.
    aligned = [doc.char_span(r["start"], r["end"], label=r["label"])
               if r["start"] < r["end"] else None for r in records]
    if None in aligned:
        split_tokens_at(doc, {offset for r in records for offset in (r["start"], r["end"])})
        aligned = [doc.char_span(r["start"], r["end"], label=r["label"]) for r in records]
    host = list(doc.ents)
    ours: list[Span] = []
    stored: dict[str, Any] = doc.user_data.setdefault(  # type: ignore[call-overload]
        RECORDS_KEY, {})
    for record, span in zip(records, aligned, strict=True):
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
    set_entities(doc, sorted(kept_host + ours if overwrite else host + ours,
                             key=lambda s: s.start))
    return doc


_IOB_AND_TYPE = [ENT_IOB, ENT_TYPE]
_OUTSIDE_IOB = 2  # spaCy's "O"


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """``doc.ents = spans`` (sorted by start), the same token annotation, faster.

    spaCy's setter marks every token outside the spans one Python step at a
    time; here all tokens are marked outside at once (``from_array``), then
    the spans are set leaving the rest as they are, and spaCy's repair of
    the IOB tags runs over the same state as it would have. Overlapping spans
    (which spaCy refuses) go through the setter, to raise as it does."""
    labelled = [span for span in spans if span.label > 0]
    if not len(doc) or any(a.end > b.start for a, b in zip(labelled, labelled[1:],
                                                          strict=False)):
        doc.ents = spans
        return
    outside = numpy.zeros((len(doc), 2), dtype=numpy.uint64)
    outside[:, 0] = _OUTSIDE_IOB
    doc.from_array(_IOB_AND_TYPE, outside)  # type: ignore[arg-type]  # uint64, as spaCy wants
    doc.set_ents(spans, default="unmodified")


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
