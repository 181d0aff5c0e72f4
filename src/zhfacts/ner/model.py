"""A character-level CRF that tags person, place and organization names.

The rule layers of zhfacts (:mod:`zhfacts.entities.people`, :mod:`zhfacts.entities.bodies`,
:mod:`zhfacts.entities.organizations`, :mod:`zhfacts.entities.gazetteer`) recognise what has a
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

This module is Python, numpy and jieba; it knows nothing of spaCy.
:func:`tag_entities` returns character offsets and the coarse labels PERSON,
ORG and LOC; a later layer splits LOC into GPE/LOC and ORG into GOV/ORG. The
attribute templates are one table, :data:`TEMPLATES`: training renders them
as CRFsuite's attribute strings (:func:`char_features`), tagging looks their
values up as integer keys in the model's weights (:mod:`zhfacts.ner.crf`), so the
two cannot drift apart (``tests/test_crf.py`` checks both against CRFsuite).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy

from zhfacts.datafiles import data_path
from zhfacts.ner.crf import AttributeIndex, CrfWeights, Part, read_crfsuite, viterbi

__all__ = [
    "DEFAULT_FEATURES",
    "FEATURE_GROUPS",
    "FEATURE_VERSION",
    "MODEL_NAME",
    "char_features",
    "chunk_features",
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
FEATURE_GROUPS = ("uni", "bi", "skip", "tri", "tri0", "type", "seg", "segtri", "word", "dict",
                  "surname", "suffix", "namerun")
DEFAULT_FEATURES = frozenset(FEATURE_GROUPS)
#: Version of the attribute templates of :func:`char_features`. A model
#: records it in its provenance JSON; a model made with other templates is
#: refused rather than fed attributes it never saw. Version 1 (the first
#: model) had a bias attribute, unigrams at -2..+2 and separate type,
#: position and class attributes of the current character; version 2 drops
#: those (about 16 attributes a character instead of 22, for speed).
FEATURE_VERSION = 2

#: Chunks are cut after these characters, so tagging cost stays linear in the
#: text length (Viterbi is linear, but jieba and memory like short inputs) and
#: features never reach across a sentence end.
_SENTENCE_ENDS = frozenset("。！？；!?;\n\r\u2028\u2029")
_SENTENCE_END_RE = re.compile("[" + "".join(sorted(_SENTENCE_ENDS)) + "]")
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
    return data_path("ner", name)


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


def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound surnames (``data/ner/surnames.txt``)."""
    single, double, _, _ = _lexicons()
    return single, double


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


class _CharMap(dict[int, str]):
    """A ``str.translate`` table computed on demand: ``fn`` maps a character to
    one character, and each result is cached, so translating a text costs one
    C-level pass once its characters have been seen."""

    def __init__(self, fn: Any) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, code: int) -> str:
        value: str = self.fn(chr(code))
        if len(self) < 200_000:
            self[code] = value
        return value


def _normalize(ch: str) -> str:
    """The feature form of a character: NFKC when that keeps one character
    (full-width digits and letters as in MSRA become ASCII, so the model
    generalizes to modern text), digits collapsed to ``0``, ASCII letters
    lowercased, and anything that cannot be encoded (lone surrogates) or is
    invisible replaced by a placeholder."""
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
    return norm


def _seg_form(ch: str) -> str:
    """The character as jieba sees it: NFKC when that keeps one character; a
    lone surrogate (which cannot be encoded for CRFsuite) becomes U+FFFD."""
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else ch


def _char_type(ch: str) -> str:
    """D digit, N Chinese numeral, L latin, C CJK, P punctuation, S space, O other
    (of a normalized character)."""
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


_NORM_MAP = _CharMap(_normalize)
_SEG_MAP = _CharMap(_seg_form)
_TYPE_MAP = _CharMap(_char_type)  # applied to normalized text


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str],
                         tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]]:
    """Lexicon lookups over normalized text: character classes of the single
    surnames and of the first characters of compound surnames, the compound
    surnames, and per suffix list (``L`` places, ``G``
    organizations) a character class of the characters a suffix can end with
    (only there is the list looked up) and the list itself."""
    single, double, loc_sfx, org_sfx = _lexicons()

    def chars(items: Iterable[str]) -> re.Pattern[str]:
        return re.compile("[" + "".join(re.escape(c) for c in sorted(set(items))) + "]")

    suffixes = tuple(
        (kind, chars(w[-1] for w in lexicon),
         frozenset(w for w in lexicon if len(w) <= _SUFFIX_MAX))
        for kind, lexicon in (("L", loc_sfx), ("G", org_sfx)))
    return chars(single), chars(w[0] for w in double), double, suffixes


class _Segmenter:
    """jieba's default mode (``Tokenizer.cut(text, HMM=True)``) re-implemented
    for speed, with the same output: the prefix-dictionary DAG and the
    best-route search in one right-to-left pass (the word log-probabilities
    memoized), then jieba's own HMM (``jieba.finalseg``) on runs of single
    characters that are not a dictionary word. ``tests/test_ner_model.py``
    checks it against jieba."""

    def __init__(self) -> None:
        import jieba
        import jieba.finalseg

        # A private tokenizer: jieba's module-level one is process-wide and other
        # code may add words to it; the model must see the segmentation it was
        # trained with (the stock dictionary).
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        self.tokenizer = tokenizer
        self.freq: dict[str, int] = tokenizer.FREQ
        self.logtotal = math.log(tokenizer.total)
        self.logp: dict[str, float] = {}
        self.hmm_cut = jieba.finalseg.cut
        self.hmm_cuts: dict[str, list[str]] = {}
        self.re_han = jieba.re_han_default
        self.re_skip = jieba.re_skip_default

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        re_han = self.re_han
        for block in re_han.split(text):
            if not block:
                continue
            if re_han.match(block):
                self._cut_block(block, words)
            else:
                for piece in self.re_skip.split(block):
                    if self.re_skip.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _cut_block(self, sentence: str, words: list[str]) -> None:
        freq = self.freq
        logp = self.logp
        logtotal = self.logtotal
        log = math.log
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            # As jieba's get_DAG + calc: candidates are the dictionary words
            # (frequency > 0) starting at k, else the character alone; the
            # best score wins, a tie goes to the longest word.
            best = -math.inf
            best_end = -1
            i = k
            frag = sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    p = logp.get(frag)
                    if p is None:
                        p = logp[frag] = log(freq[frag]) - logtotal
                    value = p + score[i + 1]
                    if value >= best:
                        best, best_end = value, i
                i += 1
                frag = sentence[k:i + 1]
            if best_end < 0:
                best = log(freq.get(sentence[k]) or 1) - logtotal + score[k + 1]
                best_end = k
            score[k] = best
            ends[k] = best_end
        x = 0
        buf = ""
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, words)
                    buf = ""
                words.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, words)

    def _flush(self, buf: str, words: list[str]) -> None:
        if len(buf) == 1:
            words.append(buf)
        elif not self.freq.get(buf):
            # The HMM is the slow part of jieba and its inputs (short runs of
            # single characters) repeat, so its cuts are remembered.
            cut = self.hmm_cuts.get(buf)
            if cut is None:
                cut = list(self.hmm_cut(buf))
                if len(self.hmm_cuts) < 50_000:
                    self.hmm_cuts[buf] = cut
            words.extend(cut)
        else:
            words.extend(buf)


@lru_cache(maxsize=1)
def _fast_segmenter() -> _Segmenter:
    return _Segmenter()


def jieba_tokenizer() -> Any:
    """The private ``jieba.Tokenizer`` (stock dictionary) behind the model's
    segmentation; other modules (``zhfacts.facts.linker``) share it rather than load a
    second dictionary."""
    return _fast_segmenter().tokenizer


#: Per jieba word: the B/M/E/S positions, the ``w=`` attribute values and the
#: dictionary class of each of its characters (see :func:`_segment_positions`).
_WORD_CACHE: dict[str, tuple[str, list[str], str]] = {}


def _word_info(word: str) -> tuple[str, list[str], str]:
    got = _WORD_CACHE.get(word)
    if got is not None:
        return got
    size = len(word)
    positions = "S" if size == 1 else "B" + "M" * (size - 2) + "E"
    shown = word if size <= _WORD_MAX else ""
    attrs = [shown + "/" + p for p in positions]
    cls = _dictionary_classes().get(word)
    if cls is None:
        cls = "new" if size > 1 and not _fast_segmenter().freq.get(word) else "-"
    info = (positions, attrs, cls)
    if len(_WORD_CACHE) < 100_000:  # bounded: memory stays flat on any corpus
        _WORD_CACHE[word] = info
    return info


def _segment_positions(text: str) -> tuple[str, list[str], list[str]]:
    """Per character: its B/M/E/S position in its jieba word (a string), the
    ``word/position`` value of its ``w=`` attribute (the word empty when longer than
    ``_WORD_MAX`` characters) and the word's dictionary class (PER/LOC/ORG/NZ,
    ``new`` for a multi-character word that jieba's HMM made up, ``-``
    otherwise)."""
    return _word_positions(_cut(text) or list(text))


def _cut(text: str) -> list[str] | None:
    """jieba's words of ``text``; ``None`` if jieba fails or loses characters."""
    try:
        pieces = _fast_segmenter().cut(text)
    except Exception:  # jieba is robust in practice; never let it break tagging
        return None
    return pieces if sum(map(len, pieces)) == len(text) else None


def _word_positions(pieces: list[str]) -> tuple[str, list[str], list[str]]:
    positions: list[str] = []
    words: list[str] = []
    classes: list[str] = []
    for word in pieces:
        pos, attrs, cls = _WORD_CACHE.get(word) or _word_info(word)
        positions.append(pos)
        words += attrs
        classes += [cls] * len(word)
    return "".join(positions), words, classes


def _segment_chunks(text: str, bounds: Sequence[tuple[int, int]]
                    ) -> list[tuple[str, list[str], list[str]]]:
    """:func:`_segment_positions` of each chunk of ``text`` (already in jieba's
    character form), cut out of one segmentation of the whole text when that
    is the same thing: when every chunk boundary falls after a character that
    jieba never joins to the next one (not one of its Han/alphanumeric block
    characters, and not the CR of a CR LF). Otherwise chunk by chunk."""
    re_han = _fast_segmenter().re_han
    pieces = None
    if all(not re_han.match(text, end - 1, end) and text[end - 1:end + 1] != "\r\n"
           for _, end in bounds[:-1]):
        pieces = _cut(text)
    if pieces is None:
        return [_segment_positions(text[s:e]) for s, e in bounds]
    positions, words, classes = _word_positions(pieces)
    return [(positions[s:e], words[s:e], classes[s:e]) for s, e in bounds]


def char_features(text: str,
                  groups: Iterable[str] = DEFAULT_FEATURES) -> list[tuple[str, ...]]:
    """CRFsuite attributes of each character of ``text`` (one tuple per character).

    ``text`` should be one chunk (see :func:`split_chunks`): the window
    features see its ends as sentence boundaries. ``groups`` selects feature
    groups from :data:`FEATURE_GROUPS`; the result is deterministic and has
    exactly ``len(text)`` entries. Templates (``docs/ner-model.md``, feature
    version :data:`FEATURE_VERSION`):

    - ``uni``: characters at -1, 0, +1
    - ``bi``: bigrams (-2,-1), (-1,0), (0,1), (1,2); ``skip``: the pair (-1,+1)
    - ``tri``: trigrams (-2..0), (0..+2); ``tri0``: the trigram (-1..+1)
    - ``type``: the character types at -1, 0, +1
    - ``seg``: jieba B/M/E/S position + character; ``segtri``: the positions
      at -1, 0, +1
    - ``word``: the jieba word (up to 4 characters) + position
    - ``dict``: the dictionary classes of the words at -1, 0, +1 + position
    - ``surname``: a single surname at 0, -1, -2; a compound surname starts here
    - ``suffix``: a place or organization suffix ends here or starts at +1
    - ``namerun``: a surname here and another 2 or 3 characters before (runs
      of names with no separator); a surname that begins a jieba word, with
      the word's class
    """
    if not text:
        return []
    return chunk_features(text, [(0, len(text))], groups)[0]


def chunk_features(text: str, bounds: Sequence[tuple[int, int]],
                   groups: Iterable[str] = DEFAULT_FEATURES) -> list[list[tuple[str, ...]]]:
    """:func:`char_features` of each chunk ``text[start:end]`` of ``bounds``
    (consecutive, non-empty chunks such as :func:`split_chunks` gives), computed
    in one pass (see :func:`_layout`)."""
    if not bounds:
        return []
    groups = frozenset(groups)
    layout = _layout(text, bounds, groups)
    size = layout.size
    rendered = [[prefix + value for value in _values(parts, layout.sources, size)]
                for group, prefix, parts in TEMPLATES if group in groups]
    feats: list[tuple[str, ...]] = (list(zip(*rendered, strict=True)) if rendered
                                    else [()] * (size - 4))
    for j, more in layout.extra.items():
        if 2 <= j < size - 2:
            feats[j - 2] += tuple(more)
    out = []
    at = 0
    for s, e in bounds:
        out.append(feats[at:at + e - s])
        at += e - s + 4
    return out


#: The column templates, in item order: feature group, attribute prefix and
#: the parts of the value, each a symbol of a source (``char`` the normalized
#: characters, ``type`` their types, ``pos`` the B/M/E/S positions in jieba
#: words, ``class`` the words' dictionary classes, ``word`` the ``word/position``
#: of each character) at an offset, or a literal separator. Training renders
#: them as strings (:func:`chunk_features`); tagging looks their values up as
#: integer keys (:class:`zhfacts.ner.crf.AttributeIndex`). One table, so the two
#: cannot drift apart.
TEMPLATES: tuple[tuple[str, str, tuple[Part, ...]], ...] = (
    ("uni", "c-1=", (("char", -1),)),
    ("uni", "c0=", (("char", 0),)),
    ("uni", "c1=", (("char", 1),)),
    ("bi", "b-2=", (("char", -2), ("char", -1))),
    ("bi", "b-1=", (("char", -1), ("char", 0))),
    ("bi", "b0=", (("char", 0), ("char", 1))),
    ("bi", "b1=", (("char", 1), ("char", 2))),
    ("skip", "s=", (("char", -1), ("char", 1))),
    ("tri", "t-1=", (("char", -2), ("char", -1), ("char", 0))),
    ("tri", "t1=", (("char", 0), ("char", 1), ("char", 2))),
    ("tri0", "t0=", (("char", -1), ("char", 0), ("char", 1))),
    ("type", "y=", (("type", -1), ("type", 0), ("type", 1))),
    ("segtri", "p=", (("pos", -1), ("pos", 0), ("pos", 1))),
    ("seg", "pc=", (("pos", 0), ("char", 0))),
    ("word", "w=", (("word", 0),)),
    ("dict", "d=", (("class", -1), "|", ("class", 0), ("pos", 0), "|", ("class", 1))),
)
#: Sources whose symbols are single characters, and sources looked up whole.
_SINGLE_SOURCES = frozenset({"char", "type", "pos"})
_WHOLE_SOURCES = frozenset({"word"})


def _values(parts: tuple[Part, ...], sources: dict[str, Sequence[str]], size: int
            ) -> Sequence[str]:
    """The values of a template at positions ``[2, size - 2)``."""
    pieces = [itertools.repeat(part) if isinstance(part, str)
              else sources[part[0]][2 + part[1]:size - 2 + part[1]] for part in parts]
    if len(pieces) == 1:
        return pieces[0]  # type: ignore[return-value]
    return list(map("".join, zip(*pieces, strict=False)))  # separators repeat without end


@dataclass(frozen=True)
class _Layout:
    """The chunks of a text laid out for feature extraction: the sources of
    :data:`TEMPLATES` on ``size`` positions, and the sparse lexicon
    attributes by position."""

    size: int
    sources: dict[str, Sequence[str]]
    extra: dict[int, list[str]]


def _layout(text: str, bounds: Sequence[tuple[int, int]], groups: frozenset[str]) -> _Layout:
    """Lay the chunks of ``text`` out in one padded string, ``^^chunk$$^^chunk$$``.

    Short chunks are the norm (a sentence is a chunk), so the fixed cost of a
    pass matters as much as the cost per character. Two padding characters on
    each side are all that the ±2 window and the lexicon matches can see, so
    every character gets exactly the attributes it gets in its chunk alone;
    the padding positions between chunks are dropped later. Sources are
    mapped with ``str.translate``; the sparse lexicon attributes (surnames,
    suffixes, runs of names) are matched with regular expressions on the
    padded string and come as whole names by position.
    """
    normtext = text.translate(_NORM_MAP)
    padded = "^^" + "$$^^".join(normtext[s:e] for s, e in bounds) + "$$"
    size = len(padded)
    sources: dict[str, Sequence[str]] = {"char": padded}
    if "type" in groups:
        sources["type"] = "^^" + "$$^^".join(normtext[s:e].translate(_TYPE_MAP)
                                             for s, e in bounds) + "$$"
    positions = ""
    classes: list[str] = []
    if groups & {"seg", "segtri", "word", "dict", "namerun"}:
        segmented = _segment_chunks(text.translate(_SEG_MAP), bounds)
        positions = "^^" + "$$^^".join(pos for pos, _, _ in segmented) + "$$"
        classes = ["^", "^"]
        words: list[str] = ["", ""]
        for k, (_, chunk_words, chunk_classes) in enumerate(segmented):
            if k:
                classes += ("$", "$", "^", "^")
                words += ("", "", "", "")
            classes += chunk_classes
            words += chunk_words
        classes += ("$", "$")
        words += ("", "")
        sources.update(pos=positions, word=words, **{"class": classes})
    # Sparse attributes (lexicon matches) by position of ``padded``; matches
    # never span the padding.
    extra: dict[int, list[str]] = {}
    if groups & {"surname", "suffix", "namerun"}:
        single_re, double_re, double, suffixes = _patterns()
        if groups & {"surname", "namerun"}:
            at = [m.start() for m in single_re.finditer(padded)]
            if "surname" in groups:
                for i in at:
                    extra.setdefault(i, []).append("sn0")
                    extra.setdefault(i + 1, []).append("sn-1")
                    extra.setdefault(i + 2, []).append("sn-2")
                for m in double_re.finditer(padded):
                    if padded[m.start():m.start() + 2] in double:
                        extra.setdefault(m.start(), []).append("sn2b")
            if "namerun" in groups:
                found = set(at)
                for i in at:
                    if i - 3 in found:
                        extra.setdefault(i, []).append("nr3")
                    if i - 2 in found:
                        extra.setdefault(i, []).append("nr2")
                    if positions[i] == "B":
                        extra.setdefault(i, []).append("snw=" + classes[i])
        if "suffix" in groups:
            for kind, finals, lexicon in suffixes:
                # The longest suffix ending at each character, and the longest one
                # starting at the next character (any suffix found, not only the
                # longest at its end).
                starts: dict[int, int] = {}
                for m in finals.finditer(padded):
                    e = m.start()
                    longest = 0
                    for length in range(1, min(_SUFFIX_MAX, e + 1) + 1):
                        if padded[e - length + 1:e + 1] in lexicon:
                            longest = length
                            if length > starts.get(e - length + 1, 0):
                                starts[e - length + 1] = length
                    if longest:
                        extra.setdefault(e, []).append(f"xe{kind}{min(longest, 3)}")
                for j, length in starts.items():
                    extra.setdefault(j - 1, []).append(f"xn{kind}{min(length, 3)}")
    return _Layout(size, sources, extra)


def split_chunks(text: str, max_len: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``text`` that are tagged one by one.

    A chunk ends after a sentence-ending character; a chunk longer than
    ``max_len`` is cut after its last comma or space before the limit, else
    at the limit. Together the chunks cover ``text`` exactly.
    """
    chunks: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if end - start <= max_len:
            chunks.append((start, end))
        else:
            chunks.extend(_cut_long(text, start, end, max_len))
        start = end
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
    """The loaded model: its weights, the attribute ids by template and value,
    and the feature groups it was trained with."""

    def __init__(self, weights: CrfWeights, groups: frozenset[str], info: dict[str, Any]) -> None:
        self.weights = weights
        self.groups = groups
        self.info = info
        self.index = AttributeIndex(
            [(prefix, parts) for group, prefix, parts in TEMPLATES if group in groups],
            weights.attribute_ids, weights.unknown,
            single=_SINGLE_SOURCES, whole=_WHOLE_SOURCES)
        self.outside = weights.labels.index("O")


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

    The CRFsuite model file is read as bytes through importlib.resources, so
    it works from a wheel or a zip, and its weights are taken out of it
    (:func:`zhfacts.ner.crf.read_crfsuite`).
    """
    if _model_file is None:
        meta = _data_file(MODEL_NAME + ".json").read_text(encoding="utf-8")
        data = _data_file(MODEL_NAME + ".crfsuite").read_bytes()
    else:
        meta = _model_file.with_suffix(".json").read_text(encoding="utf-8")
        data = _model_file.read_bytes()
    info: dict[str, Any] = json.loads(meta)
    groups = frozenset(info.get("features", DEFAULT_FEATURES))
    version = info.get("feature_version", 1)
    if version != FEATURE_VERSION:
        raise RuntimeError(f"NER model has feature version {version}, this code computes "
                           f"version {FEATURE_VERSION}: retrain it with tools/train_ner.py")
    unknown = groups - DEFAULT_FEATURES
    if unknown:
        raise RuntimeError(f"NER model needs unknown feature groups {sorted(unknown)}")
    return _Model(read_crfsuite(data), groups, info)


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
    labels = model.weights.labels
    for (start, end), tags in _tagged_chunks(text, model):
        if tags is None:
            continue
        chunk = text[start:end]
        for s, e, kind in decode_bio([labels[t] for t in tags]):
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


#: Chunks are tagged together in groups of about this many characters, and
#: at most this many chunks: one pass for a page, and arrays bounded by
#: chunks x longest chunk x labels for a document of any length or shape.
_GROUP_CHARS = 8192
_GROUP_CHUNKS = 256


def _tagged_chunks(text: str, model: _Model
                   ) -> Iterator[tuple[tuple[int, int], list[int] | None]]:
    """Each chunk of ``text`` with its label ids (:func:`_tag_chunks`), a
    group of chunks at a time."""
    bounds = split_chunks(text)
    first = 0
    while first < len(bounds):
        last = first
        size = 0
        while last < len(bounds) and (last == first or (
                size < _GROUP_CHARS and last - first < _GROUP_CHUNKS)):
            size += bounds[last][1] - bounds[last][0]
            last += 1
        group = bounds[first:last]
        offset = group[0][0]
        local = [(s - offset, e - offset) for s, e in group]
        tags = _tag_chunks(text[offset:group[-1][1]], local, model)
        yield from zip(group, tags, strict=True)
        first = last


def _tag_chunks(text: str, bounds: Sequence[tuple[int, int]], model: _Model
                ) -> list[list[int] | None]:
    """Label ids of each chunk; ``None`` for a chunk that is all ``O`` or all
    whitespace (never tagged).

    The state scores are the model's weight rows of each character's
    attributes, summed in item order (the columns of :data:`TEMPLATES`, then
    the sparse attributes of :func:`_layout`), as CRFsuite sums
    them; unknown attributes add the zero row.
    """
    weights = model.weights
    layout = _layout(text, bounds, model.groups)
    size = layout.size
    ids = model.index.column_ids(layout.sources, size)
    # Row by row, in template order: the same additions as CRFsuite's, and no
    # (templates x characters x labels) array in between.
    scores = numpy.zeros((size - 4, len(weights.labels)))
    for row in ids:
        scores += weights.state[row]
    rows: list[int] = []
    found: list[int] = []
    names = weights.attribute_ids
    for j, more in layout.extra.items():
        if 2 <= j < size - 2:
            for name in more:
                aid = names.get(name)
                if aid is not None:
                    rows.append(j - 2)
                    found.append(aid)
    if rows:
        numpy.add.at(scores, rows, weights.state[found])  # in order, repeats included
    starts: list[int] = []
    lengths: list[int] = []
    tagged: list[int] = []
    at = 0
    for k, (s, e) in enumerate(bounds):
        if _NONSPACE.search(text, s, e):
            starts.append(at)
            lengths.append(e - s)
            tagged.append(k)
        at += e - s + 4
    out: list[list[int] | None] = [None] * len(bounds)
    for k, tags in zip(tagged, viterbi(scores, starts, lengths, weights.transitions),
                       strict=True):
        if tags.count(model.outside) != len(tags):
            out[k] = tags
    return out
