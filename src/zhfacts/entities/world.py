"""Countries and foreign cities, so that a place outside China is a GPE too.

SPEC's GPE runs "from country down to 社区 and 村"; the gazetteer
(:mod:`zhfacts.entities.gazetteer`) holds China's divisions only. The world list
is jionlp's ``dictionary/world_location.txt`` (continent headers, then one
country a line with its short name, full name, capital and major cities),
shipped unchanged inside zhfacts as ``data/gazetteer/world_location.txt.xz``
(built by ``tools/build_gazetteer.py``; Apache-2.0, provenance in
``data/gazetteer/jionlp.json``).

The list classifies names that something else found (the statistical model's
LOC spans); it is not matched against free text, because short foreign names
hide inside ordinary words far too often (印度 in 印度洋 is fine, but 乍得 in
乍得到…, 几内亚 …). Countries normalize to their common short name, with no
code (GB/T 2260 has none for them) and no parents; the one-character
abbreviations of news prose (中美, 俄方) are a small data file of zhfacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import read_data_json, read_data_xz

_WORLD_FILE = ("gazetteer", "world_location.txt.xz")


@dataclass(frozen=True)
class WorldPlace:
    """A country, or a city abroad with the country it lies in."""

    name: str
    country: str | None = None

    def norm(self) -> dict[str, Any]:
        """The SPEC ``norm`` of a GPE; a foreign city's parent is its country."""
        return {"name": self.name, "code": None,
                "parents": [self.country] if self.country else []}


def parse_world(text: str) -> dict[str, WorldPlace]:
    """Every written form -> place, from the world list's text.

    China's own row is skipped beyond the country names: its cities belong to
    the gazetteer, which knows their codes.
    """
    places: dict[str, WorldPlace] = {}
    for line in text.splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 2 or line.rstrip().endswith(":"):
            continue
        short, full = fields[0], fields[1]
        country = WorldPlace(short)
        places.setdefault(short, country)
        places.setdefault(full, country)
        if short == "中国":
            continue
        cities = [fields[2]] if len(fields) > 2 else []
        if len(fields) > 3:
            cities += fields[3].split("/")
        for city in cities:
            if city and city != short:
                places.setdefault(city, WorldPlace(city, short))
    return places


@lru_cache(maxsize=1)
def world_places() -> dict[str, WorldPlace]:
    """The shipped world list plus one-character country abbreviations and short
    or former names (``data/country_abbreviations.json``: 中, 美, 俄; 印尼, 前苏联),
    read once."""
    places = parse_world(read_data_xz(*_WORLD_FILE))
    data = read_data_json("country_abbreviations.json")
    for short, country in [*data["abbreviations"].items(), *data["short_names"].items()]:
        places.setdefault(short, WorldPlace(country))
    return places
