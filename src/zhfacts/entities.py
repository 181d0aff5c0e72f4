"""Named entities of a document (GOV, ORG, PERSON, GPE, LOC), in original offsets.

The spaCy-free path, like :mod:`zhfacts.recognizer` for figures: clean the
text, run the recognizers on the clean string, merge their candidates into
flat spans, and map every span back so that
``entity.text == text[entity.start:entity.end]``.

Sources, by what decides: places (GPE, with codes and parents) from the
gazetteer in :mod:`zhfacts.gazetteer`; government bodies from the grammar in
:mod:`zhfacts.bodies`, cued people's names from :mod:`zhfacts.people`, organizations named with a
type word from :mod:`zhfacts.organizations`; more
recognizers (places, people, organizations) join
through :func:`merge_candidates`: rules and the gazetteer decide first, the
longest span winning (SPEC section 6: spans are flat, the longest entity
wins), and the statistical model fills only the text they left.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .bodies import body_norm, find_bodies, levels_of
from .context import DocumentContext
from .gazetteer import Gazetteer, ResolvedPlace, find_places, load_gazetteer, resolve_places
from .organizations import find_organizations
from .people import find_people
from .textmap import CleanText, clean

_SOURCE_RANK = {"rule": 0, "gazetteer": 1, "model": 2}


@dataclass(frozen=True)
class Entity:
    """A named entity; ``norm`` is always an object with at least ``name``."""

    label: str
    start: int
    end: int
    text: str
    norm: dict[str, Any] = field(default_factory=dict)
    by: str = "rule"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "norm": self.norm, "by": self.by}


@dataclass(frozen=True)
class Candidate:
    """A proposed entity on the clean text, before merging."""

    label: str
    start: int
    end: int
    norm: dict[str, Any]
    by: str


def merge_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Flat spans. Rules and the gazetteer decide first (longest first, a rule
    before the gazetteer on equal length); the model only fills what they left
    (SPEC: GOV is decided by the grammar, places by the gazetteer)."""
    ordered = sorted(candidates, key=lambda c: (c.by == "model", -(c.end - c.start),
                                                _SOURCE_RANK[c.by], c.start))
    starts: list[int] = []  # kept spans are disjoint, so sorted by start is sorted by end
    ends: list[int] = []
    kept: list[Candidate] = []
    for candidate in ordered:
        k = bisect_right(starts, candidate.start)
        if k and ends[k - 1] > candidate.start or k < len(starts) and starts[k] < candidate.end:
            continue
        starts.insert(k, candidate.start)
        ends.insert(k, candidate.end)
        kept.insert(k, candidate)
    return kept


def _document_levels(place: str | None, places: list[ResolvedPlace], gazetteer: Gazetteer
                     ) -> dict[str, str]:
    """What a bare 市 / 县 / 省 means in this document: the caller's place and its
    parents, else the city (and its province) the text names most often."""
    if place:
        written = resolve_places(find_places(place, gazetteer), None, gazetteer)
        parents = written[0].parents if written and written[0].resolved else ()
        return levels_of(written[0].name if written else place, parents)
    cities = Counter(p.name for p in places if p.resolved and p.level == "city")
    if not cities:
        return {}
    city, _ = cities.most_common(1)[0]
    parents = next(p.parents for p in places if p.name == city)
    return levels_of(city, parents)


def find_entities(text: str, context: DocumentContext | None = None,
                  cleaned: CleanText | None = None) -> list[Entity]:
    """Every named entity zhfacts recognizes in ``text``, in text order, flat."""
    context = context or DocumentContext()
    cleaned = cleaned or clean(text)
    gazetteer = load_gazetteer()
    places = resolve_places(find_places(cleaned.text, gazetteer), context.place, gazetteer)
    levels = _document_levels(context.place, places, gazetteer)
    candidates = [Candidate("GPE", p.start, p.end, p.norm(), "gazetteer") for p in places]
    candidates += [Candidate("GOV", body.start, body.end, {"name": body_norm(body, levels)},
                             "rule")
                   for body in find_bodies(cleaned.text, [(p.start, p.end) for p in places])]
    gaps = frozenset(cleaned.clean_starts[1:])
    candidates += [Candidate("PERSON", start, end, {"name": cleaned.text[start:end]}, "rule")
                   for start, end in find_people(cleaned.text, gaps)]
    candidates += [Candidate("ORG", start, end, {"name": cleaned.text[start:end]}, "rule")
                   for start, end in find_organizations(cleaned.text)]
    entities = []
    for candidate in merge_candidates(candidates):
        start, end = cleaned.span(candidate.start, candidate.end)
        entities.append(Entity(candidate.label, start, end, text[start:end], candidate.norm,
                               candidate.by))
    return entities
