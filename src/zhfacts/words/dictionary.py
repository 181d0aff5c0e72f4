"""jieba's word dictionary, shipped in ``data/words/`` (``tools/build_word_data.py``):
word frequencies with every prefix (what the segmenter's DAG walks), the total,
and each word's part-of-speech tag; and the tables of jieba's two hidden Markov
models.

Reading the dictionary means splitting 349,000 lines and adding 150,000
prefixes (0.6 s); the compiled form is kept in the user's cache
(:func:`zhfacts.datafiles.cache_root`) as one ``marshal`` file (0.25 s to
read), named by a digest of the shipped files and :data:`FORMAT_VERSION`, the
way jieba kept its own ``jieba.cache``. A cache that cannot be written or read
only costs the compile.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from zhfacts.datafiles import cache_root, data_path, parse_json, read_data_xz, remove_stale_caches
from zhfacts.errors import DataFileError

DATA_DIR = "words"
DICTIONARY_FILE = "jieba-dict.txt.xz"
MODELS_FILE = "jieba-hmm.json.xz"
#: Bump when the compiled form changes: old cache files are then never read.
FORMAT_VERSION = 1
#: How many compiled versions the cache keeps (the newest).
KEPT_VERSIONS = 2


@dataclass(frozen=True)
class WordDictionary:
    """``freq``: word -> frequency, and every proper prefix of a word -> 0 (as
    jieba's ``Tokenizer.FREQ``); ``total``: the sum of the frequencies; ``tags``:
    word -> jieba's part-of-speech tag; ``models``: the HMM tables (``finalseg``
    and ``posseg``, as ``data/words/jieba-hmm.json.xz`` writes them)."""

    freq: dict[str, int]
    total: int
    tags: dict[str, str]
    models: dict[str, Any]


def parse_dictionary(text: str) -> tuple[dict[str, int], int, dict[str, str]]:
    """``freq`` (with prefixes), ``total`` and ``tags`` of a dictionary in jieba's
    format: ``word frequency tag`` per line."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split(" ")
        if len(parts) != 3 or not parts[1].isdigit():
            if not line.strip():
                continue
            raise DataFileError(f"{DICTIONARY_FILE}: line {number} is not 'word freq tag': "
                                f"{line[:40]!r}")
        word, count, tag = parts
        value = int(count)
        freq[word] = value
        tags[word] = tag
        total += value
        for end in range(1, len(word)):
            prefix = word[:end]
            if prefix not in freq:
                freq[prefix] = 0
    return freq, total, tags


def _compile() -> WordDictionary:
    freq, total, tags = parse_dictionary(dictionary_text())
    models = json.loads(read_data_xz(DATA_DIR, MODELS_FILE))
    return WordDictionary(freq, total, tags, models)


def cache_key() -> str:
    """A digest of the shipped files and the compiled form's version."""
    digest = hashlib.sha256(f"format{FORMAT_VERSION}".encode())
    for name in (DICTIONARY_FILE, MODELS_FILE):
        digest.update(data_path(DATA_DIR, name).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(key: str) -> Path:
    return cache_root() / f"words-{key}.marshal"


def _read_cache(path: Path) -> WordDictionary | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 4 and isinstance(data[0], dict)
            and isinstance(data[1], int) and isinstance(data[2], dict)
            and isinstance(data[3], dict)):
        return None
    return WordDictionary(*data)


def _write_cache(path: Path, words: WordDictionary) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            marshal.dump((words.freq, words.total, words.tags, words.models), out)
        os.replace(temporary, path)
    except OSError:
        return
    remove_stale_caches(path, "words-*.marshal", KEPT_VERSIONS)


@lru_cache(maxsize=1)
def word_dictionary() -> WordDictionary:
    """The process-wide dictionary: from the cache, else compiled (and cached)."""
    try:
        path: Path | None = cache_path(cache_key())
    except OSError:  # the data cannot be read as files (a zip): no cache
        path = None
    if path is not None and path.is_file():
        cached = _read_cache(path)
        if cached is not None:
            return cached
    words = _compile()
    if path is not None:
        _write_cache(path, words)
    return words


def jieba_version() -> str:
    """The jieba release the shipped dictionary and tables come from (``0.42.1``)."""
    provenance = parse_json("jieba.json", data_path(DATA_DIR, "jieba.json").read_text("utf-8"))
    return str(provenance["version"])


def dictionary_text() -> str:
    """The shipped dictionary as jieba's ``dict.txt`` (the gazetteer reads it)."""
    return read_data_xz(DATA_DIR, DICTIONARY_FILE)


def dictionary_bytes() -> bytes:
    """The compressed dictionary, for cache keys that depend on it."""
    try:
        return data_path(DATA_DIR, DICTIONARY_FILE).read_bytes()
    except OSError as error:
        raise DataFileError(f"{DICTIONARY_FILE}: missing from the installed zhfacts: "
                            f"{error}") from error


__all__ = ["WordDictionary", "word_dictionary", "parse_dictionary", "dictionary_text",
           "dictionary_bytes", "jieba_version"]
