"""What the gazetteer knows and answers: the division levels, how a written form
relates to its division, and the result types of matching and resolution.

Its own module because every stage (veto rules, compiler, store, resolution)
speaks these terms, and none of them should have to import another to do so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEVELS = ("province", "city", "county", "town", "village")
PROVINCE, CITY, COUNTY, TOWN, VILLAGE = range(5)

#: How a written form relates to the division it names.
NAME, SHORT, FORMER, FORMER_SHORT = range(4)
FORMS = ("name", "short", "former", "former_short")


@dataclass(frozen=True)
class Place:
    """One division of the gazetteer, with its parent chain by full name."""

    id: int
    name: str
    level: str
    code: str | None
    parents: tuple[str, ...]


@dataclass(frozen=True)
class PlaceSense:
    """A division a written name may denote, and how the text names it.

    ``form`` is ``name`` (the full name), ``short`` (河南 for 河南省), ``former``
    (襄樊市, now 襄阳市) or ``former_short``; ``former`` is the former full name.
    A ``weak`` sense (a village name, or a short form that is also an
    ordinary word such as 民权 or 合作) counts only where the document's other
    places support it (see :func:`zhfacts.entities.gazetteer.resolve_places`).
    """

    place: Place
    form: str
    former: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class PlaceMatch:
    """A place name found in a text: ``text[start:end]`` and what it may denote."""

    start: int
    end: int
    text: str
    candidates: tuple[PlaceSense, ...]


@dataclass(frozen=True)
class ResolvedPlace:
    """A matched place after disambiguation.

    When the candidates could not be told apart, ``resolved`` is False, ``code``
    is None, ``name`` is the shared full name (or the text as written) and
    ``parents`` is the part of the parent chain all candidates share.
    """

    start: int
    end: int
    text: str
    name: str
    level: str | None
    code: str | None
    parents: tuple[str, ...]
    resolved: bool
    candidates: int
    former: str | None = None
    place_id: int | None = field(default=None, compare=False)

    def norm(self) -> dict[str, Any]:
        """The SPEC section 3 ``norm`` object of a GPE; with ``former``, the former
        full name the text uses (旬阳县 in a story of 2011, now 旬阳市)."""
        norm = {"name": self.name, "code": self.code, "parents": list(self.parents)}
        return {**norm, "former": self.former} if self.former else norm
