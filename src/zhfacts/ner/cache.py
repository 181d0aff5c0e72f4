"""The NER model's tagging tables on disk, so a new process does not rebuild them.

Loading the shipped model means reading its weights out of the CRFsuite file
(:func:`zhfacts.ner.crf.read_crfsuite`: 184,000 attribute names out of a
string database) and compiling the attribute index
(:class:`zhfacts.ner.crf.AttributeIndex`): about 0.6 s, in every process.
Both are pure functions of the model file, its provenance JSON and the code
of :mod:`zhfacts.ner`, so the result is written once to one ``.npz`` file in
the user's cache directory (:func:`zhfacts.datafiles.cache_root`, never inside
the installed package), named by a SHA-256 of the content of all of them:
another model, another feature set or an edit to the code is another file, so
a stale file is never read. Later processes read it in a few hundredths of a
second. Writing a new file removes the oldest of the same model beyond the
three newest, so upgrades do not pile up 30 MB files.

The file holds numpy arrays only (read with ``allow_pickle=False``): the
weights, the transitions, each template's table, and the strings (attribute
names, symbols, whole-value keys) as UTF-8 joined by NUL, which no CRFsuite
string contains. It is written atomically; an unreadable or odd file is
ignored and rebuilt; an unwritable directory only costs the build per process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy
from numpy.typing import NDArray

from zhfacts.datafiles import cache_root, remove_stale_caches
from zhfacts.ner import crf, features
from zhfacts.ner.crf import AttributeIndex, CrfWeights, Part

#: The layout of the cache file; part of the key.
FORMAT_VERSION = 1
#: The code the cached tables are a function of: an edit to any of them is a new key.
_CODE_FILES = (crf.__file__, features.__file__, __file__)
_SEPARATOR = "\0"

Templates = Sequence[tuple[str, tuple[Part, ...]]]


def cache_key(model: bytes, meta: str) -> str:
    """A digest of the model file, its provenance JSON, the code and the platform."""
    digest = hashlib.sha256()
    inputs = [("model", model), ("meta", meta.encode("utf-8"))]
    inputs += [(Path(path).name, Path(path).read_bytes()) for path in _CODE_FILES]
    inputs.append(("platform", f"{FORMAT_VERSION}:{sys.byteorder}:"
                               f"{numpy.dtype(numpy.intp).itemsize}".encode("ascii")))
    for label, data in inputs:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def cache_path(name: str, key: str) -> Path:
    """Where the tables of model ``name`` with key ``key`` are cached."""
    return cache_root() / f"ner-{name}-{key}.npz"


def _join(strings: Sequence[str]) -> NDArray[numpy.uint8]:
    joined = _SEPARATOR.join(strings)
    if joined.count(_SEPARATOR) != max(len(strings) - 1, 0):
        raise ValueError("a string with NUL cannot be cached")
    return numpy.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=numpy.uint8)


def _split(data: NDArray[numpy.uint8], count: int) -> list[str]:
    if count == 0:
        return []
    strings = data.tobytes().decode("utf-8", "surrogatepass").split(_SEPARATOR)
    if len(strings) != count:
        raise ValueError("cached strings do not match their count")
    return strings


def dump(weights: CrfWeights, index: AttributeIndex) -> dict[str, NDArray[numpy.generic]]:
    """The arrays of the cache file."""
    attributes = sorted(weights.attribute_ids, key=weights.attribute_ids.__getitem__)
    if [weights.attribute_ids[name] for name in attributes] != list(range(len(attributes))):
        raise ValueError("attribute ids are not 0..n-1")
    arrays: dict[str, NDArray[numpy.generic]] = {
        "labels": _join(weights.labels),
        "label_count": numpy.array(len(weights.labels)),
        "attributes": _join(attributes),
        "attribute_count": numpy.array(len(attributes)),
        "state": weights.state,
        "transitions": weights.transitions,
        "sources": _join(sorted(index.symbols)),
        "source_count": numpy.array(len(index.symbols)),
    }
    for source, ids in index.symbols.items():
        symbols = sorted(ids, key=ids.__getitem__)
        if [ids[symbol] for symbol in symbols] != list(range(1, len(symbols) + 1)):
            raise ValueError("symbol ids are not 1..n")
        arrays[f"symbols:{source}"] = _join(symbols)
        arrays[f"symbol_count:{source}"] = numpy.array(len(symbols))
    for i, table in enumerate(index.tables):
        if isinstance(table, dict):
            arrays[f"whole_keys:{i}"] = _join(list(table))
            arrays[f"whole_ids:{i}"] = numpy.array(list(table.values()), dtype=numpy.intp)
        elif isinstance(table, tuple):
            arrays[f"sorted_keys:{i}"], arrays[f"sorted_ids:{i}"] = table
        else:
            arrays[f"dense:{i}"] = table
    return arrays


def restore(arrays: dict[str, NDArray[numpy.generic]], templates: Templates, *,
            single: frozenset[str], whole: frozenset[str]) -> tuple[CrfWeights, AttributeIndex]:
    """The weights and the index of a cache file's arrays (ValueError/KeyError if odd)."""

    def strings(name: str, count: str) -> list[str]:
        data = arrays[name]
        if data.dtype != numpy.uint8:
            raise ValueError(f"{name}: not text")
        return _split(data, int(arrays[count]))  # type: ignore[arg-type]

    attributes = strings("attributes", "attribute_count")
    state = arrays["state"].astype(numpy.float64, copy=False)
    transitions = arrays["transitions"].astype(numpy.float64, copy=False)
    labels = tuple(strings("labels", "label_count"))
    if state.shape != (len(attributes) + 1, len(labels)) \
            or transitions.shape != (len(labels), len(labels)):
        raise ValueError("cached weights of the wrong shape")
    weights = CrfWeights(labels, dict(zip(attributes, range(len(attributes)), strict=True)),
                         state, transitions)
    symbols = {}
    for source in strings("sources", "source_count"):
        names = strings(f"symbols:{source}", f"symbol_count:{source}")
        symbols[source] = dict(zip(names, range(1, len(names) + 1), strict=True))
    tables: list[crf.Table] = []
    for i in range(len(templates)):
        if f"whole_keys:{i}" in arrays:
            ids = arrays[f"whole_ids:{i}"].tolist()
            tables.append(dict(zip(_split(arrays[f"whole_keys:{i}"],  # type: ignore[arg-type]
                                          len(ids)), ids, strict=True)))
        elif f"sorted_keys:{i}" in arrays:
            tables.append((arrays[f"sorted_keys:{i}"],  # type: ignore[arg-type]
                           arrays[f"sorted_ids:{i}"]))
        else:
            tables.append(arrays[f"dense:{i}"])  # type: ignore[arg-type]
    index = AttributeIndex.from_tables(templates, weights.unknown, single=single, whole=whole,
                                       symbols=symbols, tables=tables)
    return weights, index


def read(path: Path, templates: Templates, *, single: frozenset[str],
         whole: frozenset[str]) -> tuple[CrfWeights, AttributeIndex] | None:
    """The cached weights and index in ``path``; None if missing, unreadable or odd."""
    try:
        with numpy.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        return restore(arrays, templates, single=single, whole=whole)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None


def write(path: Path, weights: CrfWeights, index: AttributeIndex) -> bool:
    """Write atomically (a reader never sees half a file); False if the directory
    cannot be written or the model cannot be cached (nothing is raised)."""
    temporary = None
    try:
        arrays = dump(weights, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            numpy.savez(stream, **arrays)  # type: ignore[arg-type]
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide a shared cache from others
        os.replace(temporary, path)
    except (OSError, ValueError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    _drop_stale(path)
    return True


#: Cache files of one model kept in the directory: the newest, so that a few
#: installed versions sharing a cache do not rebuild each other's in turn.
KEPT_VERSIONS = 3


def _drop_stale(path: Path) -> None:
    """Remove the oldest cache files of the same model beyond :data:`KEPT_VERSIONS`
    (an upgrade or an edit of the code leaves its predecessor's 30 MB behind)."""
    prefix = path.name[:-len(".npz")].rsplit("-", 1)[0] + "-"
    remove_stale_caches(path, prefix + "[0-9a-f]" * 16 + ".npz", KEPT_VERSIONS)
