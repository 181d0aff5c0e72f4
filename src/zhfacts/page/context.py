"""Document context: the date a document was published and the place it is about.

Every entry point takes an optional ``date`` (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``) and ``place`` (an administrative name such as ``商丘市``).
Relative and year-less dates resolve against the date; deictic places
(全市, 我市) resolve to the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date

from zhfacts.errors import ContextError

_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


@dataclass(frozen=True)
class DocumentContext:
    """Validated context; ``year``/``month``/``day`` are None when not given."""

    date: str | None = None
    place: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, date: str | None = None, place: str | None = None) -> DocumentContext:
        """Parse and validate a caller's context; raise ContextError if malformed."""
        if place is not None and (not isinstance(place, str) or not place.strip()):
            raise ContextError(f"place must be a non-empty string, not {place!r}")
        if date is None or date == "":
            return cls(None, place.strip() if place else None)
        if not isinstance(date, str):
            raise ContextError(f"date must be a string like 2023-03-05, not {date!r}")
        match = _DATE.fullmatch(date.strip())
        if match is None:
            raise ContextError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        try:
            calendar_date(year, month or 1, day or 1)
        except ValueError as error:
            raise ContextError(f"date {date!r} is not a calendar date: {error}") from error
        return cls(match.group(0), place.strip() if place else None, year, month, day)

    def or_else(self, other: DocumentContext) -> DocumentContext:
        """This context, with the fields it leaves open taken from ``other``
        (a document's own date over a component's configured one)."""
        if self.date is not None and self.place is not None:
            return self
        return DocumentContext.of(self.date if self.date is not None else other.date,
                                  self.place if self.place is not None else other.place)
