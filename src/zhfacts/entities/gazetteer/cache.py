"""The on-disk cache of the compiled gazetteer: one msgpack file per source
version under :func:`zhfacts.datafiles.cache_root`, and :func:`load_gazetteer`,
which reads it or builds and writes it.

Its own module because building takes seconds and loading a fraction of one:
this is the only code that decides which of the two a process does.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from zhfacts.datafiles import cache_root, remove_stale_caches
from zhfacts.entities.gazetteer.compile import (
    FORMAT_VERSION,
    WORD_MINIMUM,
    build_gazetteer,
    read_word_frequencies,
)
from zhfacts.entities.gazetteer.sources import locate_sources, source_version
from zhfacts.entities.gazetteer.store import Gazetteer

#: Compiled gazetteers kept in the cache directory (an upgrade of the sources or of
#: the format writes a new one; the oldest beyond these are removed).
KEPT_VERSIONS = 2


def cache_path(version: str | None = None) -> Path:
    """Where the compiled gazetteer of the installed sources is cached."""
    return cache_root() / f"gazetteer-{version or source_version()}.msgpack"


def write_cache(path: Path, compiled: Mapping[str, Any]) -> bool:
    """Write atomically (a reader never sees half a file); False if the directory
    cannot be written, which only costs a build per process."""
    import srsly

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(srsly.msgpack_dumps(compiled))
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide a shared cache from others
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


def read_cache(path: Path) -> dict[str, Any] | None:
    """The compiled form in ``path``; None if it is unreadable or of another format."""
    import srsly

    try:
        data = srsly.msgpack_loads(path.read_bytes())
    except (OSError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT_VERSION else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the installed sources: from the cache, else built and cached.

    The first call in a new environment builds (several seconds) and writes the
    cache; later processes read it. An unwritable cache directory only costs the
    build in each process.
    """
    version = source_version()
    path = cache_path(version)
    compiled = read_cache(path) if path.is_file() else None
    if compiled is None or compiled.get("source") != version:
        sources = locate_sources()
        words = read_word_frequencies(sources.words, WORD_MINIMUM) if sources.words else None
        compiled = build_gazetteer(sources.locations, sources.changes, sources.codes, words,
                                   version=version)
        if write_cache(path, compiled):
            remove_stale_caches(path, "gazetteer-*.msgpack", KEPT_VERSIONS)
    return Gazetteer(compiled)
