"""Errors zhfacts raises, each with a stable, greppable code.

Every error is a subclass of :class:`ZhfactsError`; the ones about bad input
values are also :class:`ValueError`, so callers that only know the standard
library can still catch them.
"""

from __future__ import annotations


class ZhfactsError(Exception):
    """Base class of every error zhfacts raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class NumeralError(ZhfactsError, ValueError):
    """E001: the string is not a numeral zhfacts can read (parse_number)."""

    code = "E001"


class DataFileError(ZhfactsError):
    """E002: a data file shipped with (or given to) zhfacts is malformed."""

    code = "E002"


class ContextError(ZhfactsError, ValueError):
    """E003: a document context value (date, place) is malformed."""

    code = "E003"


class InputError(ZhfactsError, ValueError):
    """E004: a document cannot be read or is not text."""

    code = "E004"


class ExtensionConflictError(ZhfactsError):
    """E005: another package already owns a spaCy extension zhfacts needs."""

    code = "E005"
