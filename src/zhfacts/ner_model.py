"""A character-level CRF that tags person, place and organization names.

The rule layers of zhfacts (:mod:`zhfacts.people`, :mod:`zhfacts.bodies`,
:mod:`zhfacts.organizations`, :mod:`zhfacts.gazetteer`) recognise what has a
cue: a title before a name, a known suffix after a body. Names without a cue
need a statistical model. This one is a linear-chain CRF (CRFsuite, through
``python-crfsuite``) over characters, trained on the MSRA NER corpus
(``tools/train_ner.py``; provenance and scores in ``docs/ner-model.md``).

Characters rather than words, because Chinese word segmenters cut names
apart; the segmentation of jieba is one feature among others instead (the
position of the character in its word, the word, and the name class of the
word in jieba's dictionary). Other features: the normalized characters in a
±2 window and their bigrams and trigrams, the character types, a surname list
and lists of place and organization suffixes (``zhfacts/data/ner/``).

This module is pure Python plus pycrfsuite and jieba; it knows nothing of
spaCy. :func:`tag_entities` returns character offsets and the coarse labels
PERSON, ORG and LOC; a later layer splits LOC into GPE/LOC and ORG into
GOV/ORG. :func:`char_features` is the single feature extractor, used by
training and tagging alike, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_FEATURES",
    "FEATURE_GROUPS",
    "MODEL_NAME",
    "char_features",
    "decode_bio",
    "model_info",
    "split_chunks",
    "tag_entities",
    "use_model_file",
]

#: Base name of the shipped model in ``zhfacts/data/ner/`` (``.crfsuite`` + ``.json``).
MODEL_NAME = "msra-crf"

#: Feature groups :func:`char_features` knows. A model records the groups it
#: was trained with in its provenance JSON, and tagging uses exactly those.
FEATURE_GROUPS = ("uni", "bi", "tri", "type", "seg", "word", "dict", "surname", "suffix")
DEFAULT_FEATURES = frozenset(FEATURE_GROUPS)

#: Chunks are cut after these characters, so tagging cost stays linear in the
#: text length (Viterbi is linear, but jieba and memory like short inputs) and
#: features never reach across a sentence end.
_SENTENCE_ENDS = frozenset("。！？；!?;\n\r\u2028\u2029")
#: A chunk longer than this is cut again, at the last comma or space if any.
MAX_CHUNK = 300
_SOFT_BREAKS = frozenset("，,、：: \t\u3000")

#: MSRA tag types -> zhfacts labels.
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}

#: jieba dictionary POS tags that name a class of proper noun.
_DICT_CLASSES = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG", "nz": "NZ"}

_WORD_MAX = 4  # longer words are too rare to be useful as a feature value
_SUFFIX_MAX = 5


def _data_file(name: str) -> Any:
    return resources.files("zhfacts").joinpath("data", "ner", name)


def _read_list(name: str) -> frozenset[str]:
    """One item per line; ``#`` starts a comment line."""
    text = _data_file(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Single-character surnames, compound surnames, place and organization suffixes."""
    surnames = _read_list("surnames.txt")
    single = frozenset(s for s in surnames if len(s) == 1)
    double = frozenset(s for s in surnames if len(s) == 2)
    return single, double, _read_list("loc_suffixes.txt"), _read_list("org_suffixes.txt")


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """A private jieba tokenizer with the stock dictionary.

    Private because jieba's module-level tokenizer is process-wide and other
    code may add words to it; the model must see the segmentation it was
    trained with.
    """
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=1)
def _dictionary_classes() -> dict[str, str]:
    """Word -> PER/LOC/ORG/NZ for the proper nouns of jieba's stock dictionary."""
    import jieba

    classes: dict[str, str] = {}
    path = resources.files(jieba).joinpath("dict.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[2] in _DICT_CLASSES:
            classes[parts[0]] = _DICT_CLASSES[parts[2]]
    return classes


_NORM_CACHE: dict[str, str] = {}


def _normalize(ch: str) -> str:
    """The feature form of a character: NFKC when that keeps one character
    (full-width digits and letters as in MSRA become ASCII, so the model
    generalizes to modern text), digits collapsed to ``0``, ASCII letters
    lowercased, and anything that cannot be encoded (lone surrogates) or is
    invisible replaced by a placeholder."""
    got = _NORM_CACHE.get(ch)
    if got is not None:
        return got
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) != 1:
        norm = ch
    if "0" <= norm <= "9":
        norm = "0"
    elif norm.isascii() and norm.isalpha():
        norm = norm.lower()
    cat = unicodedata.category(norm)
    if cat == "Cs":
        norm = "\ufffd"
    elif cat in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        norm = "_"
    if len(_NORM_CACHE) < 100_000:
        _NORM_CACHE[ch] = norm
    return norm


@lru_cache(maxsize=65536)
def _seg_form(ch: str) -> str:
    """The character as jieba sees it: NFKC when that keeps one character; a
    lone surrogate (which cannot be encoded for CRFsuite) becomes U+FFFD."""
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else ch


def _char_type(ch: str) -> str:
    """D digit, N Chinese numeral, L latin, C CJK, P punctuation, S space, O other."""
    if ch == "0":
        return "D"
    if ch in "零〇一二三四五六七八九十百千万亿两":
        return "N"
    if "a" <= ch <= "z":
        return "L"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "C"
    if ch == "_":
        return "S"
    cat = unicodedata.category(ch)
    if cat[0] == "P":
        return "P"
    if cat[0] == "L":
        return "L"
    return "O"


def _segment_positions(text: str) -> tuple[list[str], list[str], list[str]]:
    """Per character: its B/M/E/S position in its jieba word, the word (empty
    when longer than ``_WORD_MAX`` characters) and the word's dictionary class
    (PER/LOC/ORG/NZ, ``new`` for a multi-character word that jieba's HMM made
    up, ``-`` otherwise)."""
    n = len(text)
    positions: list[str] = []
    words: list[str] = []
    classes: list[str] = []
    try:
        pieces: list[str] = list(_segmenter().cut(text, HMM=True))
    except Exception:  # jieba is robust in practice; never let it break tagging
        pieces = list(text)
    if sum(map(len, pieces)) != n:
        pieces = list(text)
    freq = _segmenter().FREQ
    dict_classes = _dictionary_classes()
    for word in pieces:
        size = len(word)
        if size == 1:
            positions.append("S")
        else:
            positions.append("B")
            positions.extend("M" * (size - 2))
            positions.append("E")
        shown = word if size <= _WORD_MAX else ""
        words.extend([shown] * size)
        cls = dict_classes.get(word)
        if cls is None:
            cls = "new" if size > 1 and not freq.get(word) else "-"
        classes.extend([cls] * size)
    return positions, words, classes


def char_features(text: str, groups: Iterable[str] = DEFAULT_FEATURES) -> list[list[str]]:
    """CRFsuite attributes of each character of ``text`` (one list per character).

    ``text`` should be one chunk (see :func:`split_chunks`): the window
    features see its ends as sentence boundaries. ``groups`` selects feature
    groups from :data:`FEATURE_GROUPS`; the result is deterministic and has
    exactly ``len(text)`` entries. Features are built column by column (one
    list comprehension per template) because that is what keeps tagging
    fast in Python; the attribute order inside an item does not matter to
    the CRF.
    """
    groups = frozenset(groups)
    n = len(text)
    if n == 0:
        return []
    norm = [_normalize(ch) for ch in text]
    columns: list[list[str]] = [["b"] * n]
    padded = ["^", "^", *norm, "$", "$"]
    m2, m1, p1, p2 = padded[:n], padded[1:n + 1], padded[3:n + 3], padded[4:n + 4]
    if "uni" in groups:
        columns += (["c-2=" + x for x in m2], ["c-1=" + x for x in m1],
                    ["c0=" + x for x in norm], ["c1=" + x for x in p1], ["c2=" + x for x in p2])
    if "bi" in groups or "tri" in groups:
        bm2 = [a + b for a, b in zip(m2, m1, strict=False)]  # c-2 c-1
        bm1 = [a + b for a, b in zip(m1, norm, strict=False)]  # c-1 c0
        b0 = [a + b for a, b in zip(norm, p1, strict=False)]  # c0 c1
        b1 = [a + b for a, b in zip(p1, p2, strict=False)]  # c1 c2
        if "bi" in groups:
            columns += (["b-2=" + x for x in bm2], ["b-1=" + x for x in bm1],
                        ["b0=" + x for x in b0], ["b1=" + x for x in b1],
                        ["s=" + a + b for a, b in zip(m1, p1, strict=False)])
        if "tri" in groups:
            columns += (["t-1=" + a + b for a, b in zip(bm2, norm, strict=False)],
                        ["t0=" + a + b for a, b in zip(bm1, p1, strict=False)],
                        ["t1=" + a + b for a, b in zip(norm, b1, strict=False)])
    if "type" in groups:
        types = [_char_type(ch) for ch in norm]
        ptypes = ["^", *types, "$"]
        columns += (["y0=" + x for x in types],
                    ["y=" + a + b + c for a, b, c in zip(ptypes, types, ptypes[2:], strict=False)])
    words: list[str] = []
    positions: list[str] = []
    if groups & {"seg", "word", "dict"}:
        segtext = "".join([_seg_form(ch) for ch in text])
        positions, words, classes = _segment_positions(segtext)
        ppos = ["^", *positions, "$"]
        if "seg" in groups:
            columns += (["p0=" + x for x in positions],
                        ["p=" + a + b + c
                         for a, b, c in zip(ppos, positions, ppos[2:], strict=False)],
                        ["pc=" + a + b for a, b in zip(positions, norm, strict=False)])
        if "dict" in groups:
            pcls = ["^", *classes, "$"]
            columns += (["d0=" + a + b for a, b in zip(classes, positions, strict=False)],
                        ["d=" + a + "|" + b + "|" + c
                         for a, b, c in zip(pcls, classes, pcls[2:], strict=False)])
    feats = [list(item) for item in zip(*columns, strict=False)]
    if "word" in groups:
        for f, word, pos in zip(feats, words, positions, strict=False):
            if word:
                f.append("w=" + word + "/" + pos)
    if "surname" in groups:
        single, double, _, _ = _lexicons()
        for i in range(n):
            if norm[i] in single:
                feats[i].append("sn0")
                if i + 1 < n:
                    feats[i + 1].append("sn-1")
                    if i + 2 < n:
                        feats[i + 2].append("sn-2")
            if i + 1 < n and norm[i] + norm[i + 1] in double:
                feats[i].append("sn2b")
    if "suffix" in groups:
        _, _, loc_sfx, org_sfx = _lexicons()
        joined = "".join(norm)
        for kind, lexicon in (("L", loc_sfx), ("G", org_sfx)):
            finals = _final_chars(lexicon)
            # ends[i]: longest suffix ending at i; starts[j]: longest one starting at j.
            ends = [0] * n
            starts = [0] * (n + 1)
            for e in range(n):
                if joined[e] not in finals:
                    continue
                for size in range(1, min(_SUFFIX_MAX, e + 1) + 1):
                    if joined[e - size + 1:e + 1] in lexicon:
                        ends[e] = size
                        if size > starts[e - size + 1]:
                            starts[e - size + 1] = size
            for i in range(n):
                if ends[i]:
                    feats[i].append(f"xe{kind}{min(ends[i], 3)}")
                if starts[i + 1]:
                    feats[i].append(f"xn{kind}{min(starts[i + 1], 3)}")
    return feats


@lru_cache(maxsize=4)
def _final_chars(lexicon: frozenset[str]) -> frozenset[str]:
    """Last characters of the words of ``lexicon``: only there can one end."""
    return frozenset(word[-1] for word in lexicon)


def split_chunks(text: str, max_len: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``text`` that are tagged one by one.

    A chunk ends after a sentence-ending character; a chunk longer than
    ``max_len`` is cut after its last comma or space before the limit, else
    at the limit. Together the chunks cover ``text`` exactly.
    """
    chunks: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        if text[i] in _SENTENCE_ENDS:
            chunks.extend(_cut_long(text, start, i + 1, max_len))
            start = i + 1
        i += 1
    if start < n:
        chunks.extend(_cut_long(text, start, n, max_len))
    return chunks


def _cut_long(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while end - start > max_len:
        cut = start + max_len
        for j in range(start + max_len - 1, start + max_len // 2, -1):
            if text[j] in _SOFT_BREAKS:
                cut = j + 1
                break
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def decode_bio(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, type)`` of a BIO sequence; an ``I-`` tag that
    does not continue an entity of its type starts one (CRFs rarely emit
    that, but the decoder must not lose the characters)."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = i, tag[2:]
        elif not tag.startswith("I-"):
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = -1, ""
    if start >= 0:
        spans.append((start, len(tags), kind))
    return spans


class _Model:
    """The loaded tagger and the feature groups it was trained with."""

    def __init__(self, tagger: Any, groups: frozenset[str], info: dict[str, Any],
                 data: bytes) -> None:
        self.tagger = tagger
        # CRFsuite reads the model in place: the buffer must live as long as the tagger.
        self.data = data
        self.groups = groups
        self.info = info
        self.lock = threading.Lock()  # a pycrfsuite Tagger holds one sequence at a time


_model_file: Path | None = None


def use_model_file(path: str | Path | None) -> None:
    """Tag with the model at ``path`` (its provenance JSON beside it) instead
    of the shipped one; ``None`` goes back to the shipped model. For the
    training and evaluation tools, which score models before they ship."""
    global _model_file
    _model_file = None if path is None else Path(path)
    _model.cache_clear()


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Load the shipped model once per process.

    The model is read as bytes through importlib.resources and opened in
    memory (``Tagger.open_inmemory``), so it works from a wheel or a zip
    without a temporary file.
    """
    import pycrfsuite

    if _model_file is None:
        meta = _data_file(MODEL_NAME + ".json").read_text(encoding="utf-8")
        data = _data_file(MODEL_NAME + ".crfsuite").read_bytes()
    else:
        meta = _model_file.with_suffix(".json").read_text(encoding="utf-8")
        data = _model_file.read_bytes()
    info: dict[str, Any] = json.loads(meta)
    groups = frozenset(info.get("features", DEFAULT_FEATURES))
    unknown = groups - DEFAULT_FEATURES
    if unknown:
        raise RuntimeError(f"NER model needs unknown feature groups {sorted(unknown)}")
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    return _Model(tagger, groups, info, data)


def model_info() -> dict[str, Any]:
    """The provenance record of the shipped model (``msra-crf.json``)."""
    return dict(_model().info)


_NONSPACE = re.compile(r"\S")


def tag_entities(text: str) -> list[tuple[int, int, str]]:
    """Person, place and organization names in ``text``.

    Returns ``(start, end, label)`` with character offsets into ``text``
    (end exclusive) and labels PERSON, LOC or ORG, sorted by start. The
    text is tagged chunk by chunk (:func:`split_chunks`), so the cost is
    linear in its length; any string is accepted.
    """
    if not isinstance(text, str) or not _NONSPACE.search(text):
        return []
    model = _model()
    spans: list[tuple[int, int, str]] = []
    for start, end in split_chunks(text):
        chunk = text[start:end]
        if not _NONSPACE.search(chunk):
            continue
        xseq = char_features(chunk, model.groups)
        with model.lock:
            tags = model.tagger.tag(xseq)
        for s, e, kind in decode_bio(tags):
            label = _LABELS.get(kind)
            if label is None:
                continue
            # Entities never start or end in whitespace.
            while s < e and chunk[s].isspace():
                s += 1
            while e > s and chunk[e - 1].isspace():
                e -= 1
            if s < e:
                spans.append((start + s, start + e, label))
    return spans
