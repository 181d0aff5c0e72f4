"""One home for the package's data files: reading them (validated, no duplicate
keys) and where compiled caches live.

Every table zhfacts reads at run time lies in ``zhfacts/data`` and is read
through :func:`read_data_json` or :func:`data_path`, never by a path of its own.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from zhfacts.errors import DataFileError


def data_path(*parts: str) -> Traversable:
    """A file of ``zhfacts/data`` (``data_path("ner", "surnames.txt")``)."""
    return resources.files("zhfacts").joinpath("data", *parts)


def read_data_text(*parts: str) -> str:
    """The UTF-8 text of a file of ``zhfacts/data``."""
    return data_path(*parts).read_text(encoding="utf-8")


def read_data_json(name: str) -> dict[str, Any]:
    """A JSON table of ``zhfacts/data``, validated by :func:`parse_json`."""
    text = read_data_text(name)
    return parse_json(name, text)


def parse_json(name: str, text: str) -> dict[str, Any]:
    """Parse one data file, rejecting duplicate keys (JSON itself allows them)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        duplicates = {key for key in keys if keys.count(key) > 1}
        if duplicates:
            raise DataFileError(f"{name}: duplicate keys {sorted(duplicates)}")
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise DataFileError(f"{name}: not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: the top level must be an object")
    return data


