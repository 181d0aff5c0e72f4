"""Training and development corpora of the NER model, mapped to the model's labels.

The model's tag set is BIO over PER, LOC, ORG and GOV (zhfacts' PERSON, LOC,
ORG, GOV; the entity layer splits LOC into GPE/LOC). Three corpora of
``shared/corpora`` are read at training time and never copied (README there):

- MSRA NER train (PER/LOC/ORG): an ORG that the GOV body grammar of
  :mod:`zhfacts.entities.bodies` reads whole (heads and domains of
  ``data/gov_bodies.json``, the inventory of ``data/central_bodies.json``,
  place prefixes from the gazetteer, foreign bodies after a country) is GOV;
  the rest is kept.
- CLUENER2020 train (JSON lines, ten classes): government -> GOV, except
  a bare head or generic word (a span with no name: 政府, 法院, 警方,
  监管部门) -> O and armed forces (美军, 海军陆战队) -> ORG, as MSRA reads
  解放军; name -> PER; company, organization -> ORG, or GOV when the grammar
  reads it whole; address -> LOC, cut into the divisions it opens with
  (北京市 + 海淀区 + 中关村大街: SPEC's GPEs are one a division); scene -> LOC;
  book, game, movie, position -> O.
  CLUENER leaves most country and city names outside an address untagged
  (中国 is untagged 288 times, an address 13 times), where MSRA tags them
  LOC: untagged occurrences of MSRA's own frequent place names (:func:`msra_place_names`)
  are tagged LOC.
- Weibo NER train (PER/LOC/GPE/ORG, .NAM names and .NOM nominals): only
  .NAM: PER -> PER, GPE and LOC -> LOC, ORG -> ORG (or GOV as above); .NOM
  -> O. Train messages identical to a dev message are left out (README).

Fixed development splits (:func:`dev_sets`): the last 10 % of MSRA train
(``msra-dev``, 4,500 sentences), the last 10 % of CLUENER train records
(``cluener-dev``, 1,074) and Weibo dev (``weibo-dev``, 262 messages); the
training sets are the heads (:func:`train_sets`). MSRA test and People's Daily
test are not read here.
"""

from __future__ import annotations

import json
import lzma
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from zhfacts.evaluation.ner_corpora import read_bio
from zhfacts.ner.model import decode_bio

Sentence = tuple[str, list[str]]
Span = tuple[int, int, str]

MSRA_TRAIN = Path("msra-ner") / "msra_train_bio.txt.xz"
CLUENER_TRAIN = Path("cluener2020") / "train.json.xz"
WEIBO_TRAIN = Path("weibo-ner") / "weibo_train_bio.txt"
WEIBO_DEV = Path("weibo-ner") / "weibo_dev_bio.txt"

#: The model's entity types (BIO tags B-X / I-X).
TYPES = ("PER", "LOC", "ORG", "GOV")
#: Fraction of each training corpus kept out as its fixed dev split.
DEV_FRACTION = 0.1
EXTRA_CORPORA = ("cluener", "weibo")

CLUENER_MAP = {"name": "PER", "company": "ORG", "organization": "ORG", "government": "GOV",
               "address": "LOC", "scene": "LOC",
               "book": None, "game": None, "movie": None, "position": None}
WEIBO_MAP = {"PER.NAM": "PER", "GPE.NAM": "LOC", "LOC.NAM": "LOC", "ORG.NAM": "ORG"}

#: CLUENER government spans that name no body (SPEC: generic words are not
#: annotated): one of gov_bodies.json's heads or not_bodies alone, these
#: words, or a span ending in 部门/机关/机构 that the grammar does not read.
_GENERIC_GOV = ("部门", "机关", "机构", "警方", "军方", "当局", "政府", "地方政府", "部委", "中央")
_GENERIC_ENDS = ("部门", "机关", "机构", "财政")  # SPEC: 县财政, 中央财政 are not annotated
#: Armed forces: MSRA tags 解放军, 海军 as ORG; CLUENER calls 美军 government.
_ARMED = re.compile(r"(?:军|军队|部队|陆战队|舰队|军团|军区|武警|警卫队)$")


def held_out_start(items: int, fraction: float) -> int:
    """Index of the first item of the held-out tail (as ``train_ner.py --holdout``)."""
    return items - round(items * fraction)


def spans_to_tags(length: int, spans: Iterable[Span]) -> list[str]:
    tags = ["O"] * length
    for start, end, kind in sorted(spans):
        if any(t != "O" for t in tags[start:end]):
            continue  # overlapping spans: the first (leftmost) wins
        tags[start] = "B-" + kind
        for i in range(start + 1, end):
            tags[i] = "I-" + kind
    return tags


# --- GOV: the body grammar reads the whole span ----------------------------

@lru_cache(maxsize=200_000)
def is_gov_body(name: str) -> bool:
    """Whether zhfacts' GOV grammar reads all of ``name`` as one government body:
    the same test as ``entities.merge._is_body`` (places from the gazetteer as
    prefixes; a country or city abroad may start it: 美国国会)."""
    from zhfacts.entities.bodies import find_bodies
    from zhfacts.entities.gazetteer import find_places, resolve_places
    from zhfacts.entities.world import world_places

    if len(name) < 2:
        return False
    places = [(p.start, p.end) for p in resolve_places(find_places(name))]
    world = world_places()
    abroad = next(([(0, k)] for k in range(min(len(name) - 1, 8), 1, -1) if name[:k] in world),
                  [])
    return any(b.start == 0 and b.end == len(name) for b in find_bodies(name, places, abroad))


def _is_place(name: str) -> bool:
    from zhfacts.entities.gazetteer import find_places

    return any(p.start == 0 and p.end == len(name) for p in find_places(name))


def _org_or_gov(text: str, start: int, end: int) -> str:
    return "GOV" if is_gov_body(text[start:end]) else "ORG"


def map_msra(sentence: Sentence) -> Sentence:
    """MSRA tags with GOV: an ORG the body grammar reads whole."""
    text, tags = sentence
    spans = [(s, e, _org_or_gov(text, s, e) if k == "ORG" else k)
             for s, e, k in decode_bio(tags)]
    return text, spans_to_tags(len(text), spans)


# --- CLUENER2020 ------------------------------------------------------------

def read_cluener(path: Path) -> list[tuple[str, list[Span]]]:
    """Records ``(text, [(start, end_exclusive, class)])`` of CLUENER's JSON lines."""
    records = []
    with lzma.open(path, "rt", encoding="utf-8") if path.suffix == ".xz" else \
            open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            spans = [(s, e + 1, kind) for kind, names in record.get("label", {}).items()
                     for positions in names.values() for s, e in positions]
            records.append((record["text"], sorted(spans)))
    return records


def _cluener_government(name: str) -> str | None:
    from zhfacts.entities.bodies import grammar

    g = grammar()
    if name in g.heads or name in g.not_bodies or name in _GENERIC_GOV or \
            name.endswith(_GENERIC_ENDS) and not is_gov_body(name):
        return None  # 政府, 法院, 警方, 有关部门, 公安机关, 中央财政: no name
    if _is_place(name):
        return "LOC"  # 益庆乡: a division, as MSRA tags it
    if _ARMED.search(name) and not is_gov_body(name):
        return "ORG"
    return "GOV"


def split_address(text: str, start: int, end: int) -> list[Span]:
    """A CLUENER address as SPEC reads it: the divisions it opens with, one
    LOC each (北京市 + 海淀区), then the rest as one LOC (中关村大街) unless
    it is a single character; the whole span when it opens with no division."""
    from zhfacts.entities.gazetteer import find_places

    name = text[start:end]
    first: dict[int, int] = {}
    for p in find_places(name):
        if p.end - p.start > first.get(p.start, 0):
            first[p.start] = p.end - p.start
    out: list[Span] = []
    at = 0
    while at in first and at < len(name):
        out.append((start + at, start + at + first[at], "LOC"))
        at += first[at]
    if not out:
        return [(start, end, "LOC")]
    if len(name) - at >= 2:
        out.append((start + at, end, "LOC"))
    return out


def map_cluener(record: tuple[str, list[Span]], places: re.Pattern[str] | None = None,
                split_addresses: bool = True) -> Sentence:
    """A CLUENER record as PER/LOC/ORG/GOV tags (the table in the module doc);
    ``places`` (:func:`place_pattern`) tags untagged place names LOC;
    addresses are cut into their divisions (:func:`split_address`) unless
    ``split_addresses`` is false (candidate 1 of docs/ner-model.md)."""
    text, spans = record
    out: list[Span] = []
    for start, end, kind in spans:
        label = CLUENER_MAP[kind]
        if kind == "address" and split_addresses:
            out += split_address(text, start, end)
            continue
        if kind == "government":
            label = _cluener_government(text[start:end])
        elif label == "ORG":
            label = _org_or_gov(text, start, end)
        if label is not None:
            out.append((start, end, label))
    if places is not None:
        out += _untagged_places(text, spans, places)
    return text, spans_to_tags(len(text), out)


# --- Weibo NER ----------------------------------------------------------------

def map_weibo(sentence: Sentence) -> Sentence:
    """Weibo tags: names (.NAM) only, GPE and LOC as LOC, ORG or GOV."""
    text, tags = sentence
    spans = []
    for s, e, kind in decode_bio(tags):
        label = WEIBO_MAP.get(kind)
        if label == "ORG":
            label = _org_or_gov(text, s, e)
        if label is not None:
            spans.append((s, e, label))
    return text, spans_to_tags(len(text), spans)


# --- place names MSRA tags, for CLUENER's untagged ones ------------------------

#: A name is completed when MSRA tags it LOC at least this often, and at
#: least this share of its free occurrences (outside other entities).
PLACE_MIN_COUNT = 20
PLACE_MIN_SHARE = 0.9


def msra_place_names(sentences: Sequence[Sentence]) -> list[str]:
    """Place names MSRA train tags LOC nearly always (:data:`PLACE_MIN_COUNT`,
    :data:`PLACE_MIN_SHARE`), two characters or more."""
    tagged: Counter[str] = Counter()
    for text, tags in sentences:
        for s, e, kind in decode_bio(tags):
            if kind == "LOC" and e - s >= 2:
                tagged[text[s:e]] += 1
    names = [n for n, c in tagged.items() if c >= PLACE_MIN_COUNT]
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    exact: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for text, tags in sentences:
        for m in pattern.finditer(text):
            s, e = m.span()
            window = tags[s:e]
            if window[0] == "B-LOC" and all(t == "I-LOC" for t in window[1:]) and \
                    (e == len(tags) or not tags[e].startswith("I-")):
                exact[m.group()] += 1
            elif all(t == "O" for t in window):
                free[m.group()] += 1
    return sorted(n for n in names
                  if exact[n] / (exact[n] + free[n]) >= PLACE_MIN_SHARE) if exact else []


def place_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _untagged_places(text: str, spans: Sequence[Span], places: re.Pattern[str]) -> list[Span]:
    taken = [False] * len(text)
    for s, e, _ in spans:
        for i in range(s, e):
            taken[i] = True
    return [(m.start(), m.end(), "LOC") for m in places.finditer(text)
            if not any(taken[m.start():m.end()])]


# --- the corpora and their splits -----------------------------------------------

T = TypeVar("T")


def _head(items: list[T], fraction: float) -> list[T]:
    return items[:held_out_start(len(items), fraction)]


def _tail(items: list[T], fraction: float) -> list[T]:
    return items[held_out_start(len(items), fraction):]


@lru_cache(maxsize=2)
def _msra(corpus_dir: Path) -> list[Sentence]:
    return read_bio(corpus_dir / MSRA_TRAIN)


def _weibo_train(corpus_dir: Path) -> list[Sentence]:
    dev = {text for text, _ in read_bio(corpus_dir / WEIBO_DEV)}
    return [s for s in read_bio(corpus_dir / WEIBO_TRAIN) if s[0] not in dev]


def _cluener_places(corpus_dir: Path) -> re.Pattern[str] | None:
    # From the MSRA training head only: dev sentences decide nothing.
    return place_pattern(msra_place_names(_head(_msra(corpus_dir), DEV_FRACTION)))


def train_sets(corpus_dir: Path, extra: Sequence[str] = (), fraction: float = DEV_FRACTION,
               msra: bool = True, split_addresses: bool = True) -> dict[str, list[Sentence]]:
    """The training heads, mapped: MSRA train less its last ``fraction``
    (``fraction`` 0: all of it) and, per ``extra``, CLUENER train less its
    dev tail and Weibo train (NAM) less the messages of Weibo dev."""
    out: dict[str, list[Sentence]] = {}
    if msra:
        out["msra"] = [map_msra(s) for s in _head(_msra(corpus_dir), fraction)]
    unknown = set(extra) - set(EXTRA_CORPORA)
    if unknown:
        raise ValueError(f"unknown corpora {sorted(unknown)}; known: {EXTRA_CORPORA}")
    if "cluener" in extra:
        places = _cluener_places(corpus_dir)
        records = read_cluener(corpus_dir / CLUENER_TRAIN)
        out["cluener"] = [map_cluener(r, places, split_addresses)
                          for r in _head(records, DEV_FRACTION)]
    if "weibo" in extra:
        out["weibo"] = [map_weibo(s) for s in _weibo_train(corpus_dir)]
    return out


DEV_SETS = ("msra-dev", "cluener-dev", "weibo-dev")


def dev_sets(corpus_dir: Path, names: Sequence[str] = DEV_SETS, split_addresses: bool = True
             ) -> dict[str, list[Sentence]]:
    """The fixed development splits, mapped to PER/LOC/ORG/GOV (the same
    mapping as training; CLUENER dev with the same place completion)."""
    out: dict[str, list[Sentence]] = {}
    for name in names:
        if name == "msra-dev":
            out[name] = [map_msra(s) for s in _tail(_msra(corpus_dir), DEV_FRACTION)]
        elif name == "cluener-dev":
            places = _cluener_places(corpus_dir)
            records = read_cluener(corpus_dir / CLUENER_TRAIN)
            out[name] = [map_cluener(r, places, split_addresses)
                         for r in _tail(records, DEV_FRACTION)]
        elif name == "weibo-dev":
            out[name] = [map_weibo(s) for s in read_bio(corpus_dir / WEIBO_DEV)]
        else:
            raise ValueError(f"unknown dev set {name!r}; known: {DEV_SETS}")
    return out
