"""Resolution: which division a matched name means in its document.

Its own module because this is the part that reads context (written
hierarchies, the caller's document place, the other places of the text, one
sense per document) rather than the data; the store only says what a name
may denote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from zhfacts.entities.gazetteer.cache import load_gazetteer
from zhfacts.entities.gazetteer.places import (
    CITY,
    COUNTY,
    LEVELS,
    TOWN,
    PlaceMatch,
    PlaceSense,
    ResolvedPlace,
)
from zhfacts.entities.gazetteer.store import Gazetteer


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """Place names in ``text`` (a clean string: see ``textmap.clean``), left to right."""
    return (gazetteer or load_gazetteer()).find(text)


def _descends(gazetteer: Gazetteer, node: int, ancestor: int) -> bool:
    return node == ancestor or ancestor in gazetteer.ancestors(node)


def _relation(gazetteer: Gazetteer, node: int, anchor: int) -> int:
    """How strongly an anchor supports a candidate: deeper anchors say more."""
    if _descends(gazetteer, node, anchor):
        return 2 * (gazetteer.level(anchor) + 1)
    if _descends(gazetteer, anchor, node):
        return 1
    return 0


def _document_anchor(gazetteer: Gazetteer, place: str | None) -> int | None:
    """The division the caller says the document is about, if the name is clear."""
    if not place:
        return None
    matches = gazetteer.find(place)
    if not matches:
        return None
    last = _resolve(gazetteer, matches, None, keep_weak=True)[-1]
    if last.place_id is not None:
        return last.place_id
    upper = {c.place.id for c in matches[-1].candidates if c.place.level in LEVELS[:3]}
    return upper.pop() if len(upper) == 1 else None


def _distinct(options: Iterable[PlaceSense]) -> int:
    return len({c.place.id for c in options})


#: How far back (in characters) a place named in the text still decides a tie.
NEARBY = 80


@dataclass
class _Slot:
    """One match while it is resolved."""

    match: PlaceMatch
    options: list[PlaceSense]
    written: bool = False  # written right after a larger place (北关镇程庄村)
    parent: int | None = None  # index of that larger place's slot
    pick: PlaceSense | None = None
    orphan: bool = False  # no candidate is supported, yet the name is plainly a place


def _written_hierarchies(gazetteer: Gazetteer, slots: Sequence[_Slot]) -> None:
    """Narrow candidates by written hierarchies (睢阳区宋城街道迎宾社区): a name
    written right after a larger one is looked for under it, and the reverse."""
    for k in range(1, len(slots)):
        upper, lower = slots[k - 1], slots[k]
        if lower.match.start != upper.match.end:
            continue
        above = {c.place.id for c in upper.options}
        below = [c for c in lower.options if above & set(gazetteer.ancestors(c.place.id))]
        if below:
            lower.options = below
        elif min(gazetteer.level(c.place.id) for c in lower.options) < TOWN \
                or max(gazetteer.level(c.place.id) for c in upper.options) < COUNTY:
            # Above the town level the data is complete: 北京上海, 江苏省公安 are no
            # hierarchy. Below it, a village the data lacks under its written town
            # still belongs there.
            continue
        lower.written, lower.parent = True, k - 1
    for k in range(len(slots) - 1, 0, -1):
        lower, upper = slots[k], slots[k - 1]
        if lower.parent != k - 1:
            continue
        ancestors = {a for c in lower.options for a in gazetteer.ancestors(c.place.id)}
        narrowed = [c for c in upper.options if c.place.id in ancestors]
        if narrowed:
            upper.options = narrowed
            upper.written = True


def _supported(gazetteer: Gazetteer, candidate: PlaceSense, anchors: Iterable[int]) -> bool:
    """A weak candidate lies under a city-or-smaller anchor, or contains an anchor."""
    node = candidate.place.id
    for anchor in anchors:
        if _descends(gazetteer, anchor, node):
            return True
        if gazetteer.level(anchor) >= CITY and _descends(gazetteer, node, anchor):
            return True
    return False


def _pick(gazetteer: Gazetteer, slot: _Slot, document: int | None,
          anchors: Sequence[tuple[int, int]]) -> PlaceSense | None:
    """The one candidate the context prefers, or None. ``anchors`` are (start, node)
    of the places the text names unambiguously."""
    options = slot.options
    if _distinct(options) == 1:
        return options[0]
    # Other places only: a name resolved in the first pass must not vote for itself,
    # nor its other mentions for one of its senses (长沙 read as 长沙市 elsewhere would
    # make 长沙县, under it, the better sense here).
    senses = {c.place.id for c in options}
    nodes = {node for at, node in anchors if at != slot.match.start and node not in senses}

    def score(candidate: PlaceSense) -> tuple[int, int]:
        node = candidate.place.id
        doc = _relation(gazetteer, node, document) if document is not None else 0
        return doc, sum(_relation(gazetteer, node, a) for a in nodes if a != node)

    def nearest(candidate: PlaceSense) -> int:
        start = slot.match.start
        return max((at for at, anchor in anchors if start - NEARBY <= at < start
                    and _relation(gazetteer, candidate.place.id, anchor) > 1), default=-1)

    def current(candidate: PlaceSense) -> int:
        return int(candidate.former is None)

    def larger(candidate: PlaceSense) -> int:
        return -LEVELS.index(candidate.place.level)

    scored = [(score(c), c) for c in options]
    best = max(s for s, _ in scored)
    tied = [c for s, c in scored if s == best]
    tie_breaks: tuple[Callable[[PlaceSense], int], ...] = (nearest, current, larger)
    for prefer in tie_breaks:
        if _distinct(tied) == 1:
            break
        top = max(prefer(c) for c in tied)
        preferred = [c for c in tied if prefer(c) == top]
        if preferred and _distinct(preferred) < _distinct(tied):
            tied = preferred
    return tied[0] if _distinct(tied) == 1 else None


def _shared_parents(options: Sequence[PlaceSense]) -> tuple[str, ...]:
    shared: list[str] = []
    for level_names in zip(*(c.place.parents for c in options), strict=False):
        if len(set(level_names)) != 1:
            break
        shared.append(level_names[0])
    return tuple(shared)


def _result(gazetteer: Gazetteer, slot: _Slot, slots: Sequence[_Slot]) -> ResolvedPlace:
    match, options, pick = slot.match, slot.options, slot.pick
    upper = slots[slot.parent].pick if slot.parent is not None else None
    if slot.orphan:
        pick = None
    if pick is not None and (upper is None or _descends(gazetteer, pick.place.id, upper.place.id)):
        place = pick.place
        return ResolvedPlace(match.start, match.end, match.text, place.name, place.level,
                             place.code, place.parents, True, _distinct(options), pick.former,
                             place.id)
    names = {c.place.name for c in options}
    levels = {c.place.level for c in options}
    parents = () if slot.orphan else _shared_parents(options)
    if upper is not None:  # the text says where it is, the data has no such place there
        parents = (*upper.place.parents, upper.place.name)
    return ResolvedPlace(match.start, match.end, match.text,
                         names.pop() if len(names) == 1 else match.text,
                         levels.pop() if len(levels) == 1 else None, None, parents,
                         False, _distinct(options))


def _resolve(gazetteer: Gazetteer, matches: Sequence[PlaceMatch], document: int | None,
             keep_weak: bool = False) -> list[ResolvedPlace]:
    slots = [_Slot(m, list(m.candidates)) for m in matches]
    _written_hierarchies(gazetteer, slots)
    anchors = [(slot.match.start, slot.options[0].place.id) for slot in slots
               if _distinct(slot.options) == 1 and not slot.options[0].weak
               and gazetteer.level(slot.options[0].place.id) <= TOWN]
    support = [node for _, node in anchors] + ([document] if document is not None else [])
    # Weak candidates stay only where a written hierarchy, the document's place or
    # a place the text names unambiguously supports them; a match left without
    # candidates is no place (合作 in 多党合作, 民权 in a text about civil rights).
    if not keep_weak:
        for slot in slots:
            if not slot.written:
                kept = [c for c in slot.options
                        if not c.weak or _supported(gazetteer, c, support)]
                if kept or not gazetteer.self_evident(slot.match.text):
                    slot.options = kept
                else:
                    slot.orphan = True  # 迎宾社区 in a text that says nothing of where
    for _ in range(2):  # a second pass lets resolved names anchor the others
        for slot in slots:
            slot.pick = None if slot.orphan or not slot.options \
                else _pick(gazetteer, slot, document, anchors)
        known = {node for _, node in anchors}
        anchors += [(slot.match.start, slot.pick.place.id) for slot in slots
                    if slot.pick is not None and slot.pick.place.id not in known
                    and gazetteer.level(slot.pick.place.id) <= COUNTY]
    return [_result(gazetteer, slot, slots) for slot in slots if slot.options]


def resolve_places(matches: Sequence[PlaceMatch], document_place: str | None = None,
                   gazetteer: Gazetteer | None = None) -> list[ResolvedPlace]:
    """Pick one division per match, or leave it unresolved (code None, name kept).

    A name several divisions share goes to the one (in order of precedence)
    under or over a name written right next to it (睢阳区迎宾社区), under the
    caller's ``document_place``, under the places the text itself names
    unambiguously, under the nearest such place before it; then a current
    division rather than a former name, the one larger unit rather than smaller
    ones (安阳 is 安阳市, not 安阳县); otherwise it stays unresolved. A name
    written under a larger place that the data does not list there
    (北关镇程庄村) keeps the written parents, code None. A name resolved once
    means the same place where the document writes it again (one sense per
    document).
    Weak candidates (village names, short forms that are ordinary words) need
    support from that context: a match whose candidates are all weak and
    unsupported is dropped, so the result can be shorter than ``matches``.
    """
    gazetteer = gazetteer or load_gazetteer()
    return one_sense_per_document(
        _resolve(gazetteer, matches, _document_anchor(gazetteer, document_place)))


def one_sense_per_document(places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A name the document resolves once (白庙乡土楼村) means the same place
    where it is written again alone (在土楼村, which five villages share)."""
    known: dict[str, ResolvedPlace] = {}
    for place in places:
        if place.resolved:
            known.setdefault(place.text, place)
    return [replace(place, name=known[place.text].name, level=known[place.text].level,
                    code=known[place.text].code, parents=known[place.text].parents,
                    resolved=True, candidates=1)
            if not place.resolved and place.text in known else place
            for place in places]


def parents_of(place: str | None, gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """The divisions above the caller's document place, top first (南京市 ->
    江苏省), so that 全省 in its text resolves though the text never names the
    province; empty when the name is unknown or ambiguous. With the shipped
    gazetteer, looked up once per place name (a corpus passes the same few)."""
    if gazetteer is None:
        return _shipped_parents(place)
    anchor = _document_anchor(gazetteer, place)
    return () if anchor is None else gazetteer.place(anchor).parents


@lru_cache(maxsize=1024)
def _shipped_parents(place: str | None) -> tuple[str, ...]:
    return parents_of(place, load_gazetteer())
