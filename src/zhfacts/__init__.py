"""zhfacts: structured, checked facts from Chinese government news and reports.

``zhfacts.parse_number`` reads numerals exactly; ``zhfacts.figures`` finds
money, quantity, percent and date figures without spaCy; ``zhfacts.extract``
and ``zhfacts.load`` run the spaCy pipeline (entities, figures, facts and
consistency checks). Importing the package is cheap:
spaCy is imported on first use of the pipeline.

zhfacts prints nothing: its log lines (loggers ``zhfacts.*``) and, with the
optional jieba segmenter, jieba's (logger ``jieba``, whose own console handler
zhfacts takes off) go through
``logging`` and show only where the application configures it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from zhfacts.errors import (
    ContextError,
    DataFileError,
    ExtensionConflictError,
    InputError,
    NumeralError,
    ZhfactsError,
)
from zhfacts.numbers.figures import figures
from zhfacts.numbers.numerals import canonical, parse_number

if TYPE_CHECKING:
    from zhfacts.api import extract, load

from zhfacts.version import __version__ as __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ContextError",
    "DataFileError",
    "ExtensionConflictError",
    "InputError",
    "NumeralError",
    "ZhfactsError",
    "canonical",
    "extract",
    "figures",
    "load",
    "parse_number",
]


def __getattr__(name: str) -> Any:
    if name in ("extract", "load"):
        from zhfacts import api

        return getattr(api, name)
    if name == "table":  # zhfacts.table.build(...) after a bare ``import zhfacts``
        from importlib import import_module

        return import_module("zhfacts.table")
    raise AttributeError(f"module 'zhfacts' has no attribute {name!r}")
