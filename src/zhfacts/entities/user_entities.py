"""Entities a user adds: bodies, organizations, people and places zhfacts does not know.

A project that reads one county's news every day knows names no grammar or
model will: a new leading-group office, a local company without a type
word, a development zone, a village missing from the division data. They
go into a JSON file (``docs/extending.md`` has an example)::

    {
      "bodies": ["市城市更新工作专班"],
      "organizations": ["西工城投"],
      "people": ["欧阳东方"],
      "places": [
        {"name": "洛阳伊滨经济技术开发区", "label": "GPE", "code": null,
         "parents": ["河南省", "洛阳市"]},
        {"name": "涧河", "label": "LOC"}
      ]
    }

and are matched as written (after zhfacts' own clean-up, so line breaks
inside them do not matter). A user's name wins over every recognizer where
they overlap: the user knows the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhfacts.datafiles import parse_json
from zhfacts.errors import DataFileError

_LABELS = {"bodies": "GOV", "organizations": "ORG", "people": "PERSON"}
_PLACE_LABELS = ("GPE", "LOC")


@dataclass(frozen=True)
class UserEntities:
    """Names -> (label, norm), compiled into one longest-first pattern."""

    entries: dict[str, tuple[str, dict[str, Any]]]
    pattern: re.Pattern[str] | None

    def find(self, text: str) -> list[tuple[int, int, str, dict[str, Any]]]:
        """``(start, end, label, norm)`` of every listed name in ``text``, left to right."""
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            label, norm = self.entries[match.group(0)]
            found.append((match.start(), match.end(), label, dict(norm)))
        return found


def parse_user_entities(data: dict[str, Any], name: str = "user entities") -> UserEntities:
    """Validate the user's tables; any mistake is a :class:`DataFileError` naming it."""
    entries: dict[str, tuple[str, dict[str, Any]]] = {}
    unknown = set(data) - {*_LABELS, "places", "_doc"}
    if unknown:
        raise DataFileError(f"{name}: unknown keys {sorted(unknown)} "
                            "(bodies, organizations, people, places)")
    for key, label in _LABELS.items():
        words = data.get(key, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataFileError(f"{name}: '{key}' must be a list of names")
        for word in words:
            entries["".join(word.split())] = (label, {"name": "".join(word.split())})
    places = data.get("places", [])
    if not isinstance(places, list):
        raise DataFileError(f"{name}: 'places' must be a list of objects")
    for place in places:
        if not isinstance(place, dict) or not isinstance(place.get("name"), str) \
                or not place["name"].strip():
            raise DataFileError(f"{name}: every place needs a 'name': {place!r}")
        label = place.get("label", "GPE")
        if label not in _PLACE_LABELS:
            raise DataFileError(f"{name}: place label must be GPE or LOC: {place!r}")
        written = "".join(place["name"].split())
        norm: dict[str, Any] = {"name": place.get("norm", written)}
        if label == "GPE":
            parents = place.get("parents", [])
            if not isinstance(parents, list):
                raise DataFileError(f"{name}: 'parents' must be a list: {place!r}")
            norm.update(code=place.get("code"), parents=list(parents))
        entries[written] = (label, norm)
    ordered = sorted(entries, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(word) for word in ordered)) if ordered else None
    return UserEntities(entries, pattern)


def load_user_entities(path: str | Path) -> UserEntities:
    """Read a user entities file (UTF-8 JSON)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot read user entities: {error}") from error
    try:
        return parse_user_entities(parse_json(str(path), text), str(path))
    except json.JSONDecodeError as error:  # parse_json reports it; kept for safety
        raise DataFileError(f"{path}: not valid JSON: {error}") from error
