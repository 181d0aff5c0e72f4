"""The features of the NER model: how a text is cut into chunks, and the
attributes of each character (:data:`TEMPLATES` and the lexicon attributes).

Characters rather than words, because Chinese word segmenters cut names
apart; the segmentation of jieba is one feature among others instead (the
position of the character in its word, the word, and the name class of the
word in jieba's dictionary). Other features: the normalized characters in a
±2 window and their bigrams and trigrams, the character types, a surname list
and lists of place and organization suffixes (``zhfacts/data/ner/``).

Its own module because training (``tools/train_ner.py``) and tagging
(:mod:`zhfacts.ner.model`) must compute the same attributes: training renders
:data:`TEMPLATES` as CRFsuite's attribute strings (:func:`char_features`),
tagging looks their values up as integer keys in the model's weights
(:mod:`zhfacts.ner.crf`), so the two cannot drift apart (``tests/test_crf.py``
checks both against CRFsuite).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zhfacts.datafiles import read_data_list
from zhfacts.ner.crf import Part
from zhfacts.words import dictionary_classes, segmenter, surnames

__all__ = [
    "DEFAULT_FEATURES",
    "FEATURE_GROUPS",
    "FEATURE_VERSION",
    "MAX_CHUNK",
    "SINGLE_SOURCES",
    "TEMPLATES",
    "WHOLE_SOURCES",
    "Layout",
    "char_features",
    "chunk_features",
    "lay_out",
    "split_chunks",
]

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
#: features never reach across a sentence end. These are the model's chunks (as in
#: training), not the page's sentences (:mod:`zhfacts.page.page`).
_CHUNK_ENDS = frozenset("。！？；!?;\n\r\u2028\u2029")
_CHUNK_END_RE = re.compile("[" + "".join(sorted(_CHUNK_ENDS)) + "]")
#: A chunk longer than this is cut again, at the last comma or space if any.
MAX_CHUNK = 300
_SOFT_BREAKS = frozenset("，,、：: \t\u3000")

_WORD_MAX = 4  # longer words are too rare to be useful as a feature value
_SUFFIX_MAX = 5


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Single-character surnames, compound surnames, place and organization suffixes."""
    single, double = surnames()
    return (single, double, read_data_list("ner", "loc_suffixes.txt"),
            read_data_list("ner", "org_suffixes.txt"))


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
                         tuple[tuple[str, re.Pattern[str], frozenset[str],
                                     dict[str, tuple[int, ...]]], ...]]:
    """Lexicon lookups over normalized text: character classes of the single
    surnames and of the first characters of compound surnames, the compound
    surnames, and per suffix list (``L`` places, ``G``
    organizations) a character class of the characters a suffix can end with
    (only there is the list looked up), the list itself, and by final
    character the lengths its suffixes have (only those are looked up)."""
    single, double, loc_sfx, org_sfx = _lexicons()

    def chars(items: Iterable[str]) -> re.Pattern[str]:
        return re.compile("[" + "".join(re.escape(c) for c in sorted(set(items))) + "]")

    def lengths_by_final(words: frozenset[str]) -> dict[str, tuple[int, ...]]:
        found: dict[str, set[int]] = {}
        for word in words:
            found.setdefault(word[-1], set()).add(len(word))
        return {final: tuple(sorted(lengths)) for final, lengths in found.items()}

    suffixes = []
    for kind, lexicon in (("L", loc_sfx), ("G", org_sfx)):
        kept = frozenset(w for w in lexicon if len(w) <= _SUFFIX_MAX)
        suffixes.append((kind, chars(w[-1] for w in lexicon), kept, lengths_by_final(kept)))
    return chars(single), chars(w[0] for w in double), double, tuple(suffixes)


#: Per jieba word: the B/M/E/S positions, the ``w=`` attribute values and the
#: dictionary class of each of its characters (see :func:`_segment_positions`).
_WORD_CACHE: dict[str, tuple[str, list[str], list[str]]] = {}


def _word_info(word: str) -> tuple[str, list[str], list[str]]:
    got = _WORD_CACHE.get(word)
    if got is not None:
        return got
    size = len(word)
    positions = "S" if size == 1 else "B" + "M" * (size - 2) + "E"
    shown = word if size <= _WORD_MAX else ""
    attrs = [shown + "/" + p for p in positions]
    cls = dictionary_classes().get(word)
    if cls is None:
        cls = "new" if size > 1 and not segmenter().freq.get(word) else "-"
    info = (positions, attrs, [cls] * size)
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
        pieces = segmenter().cut(text)
    except Exception:  # jieba is robust in practice; never let it break tagging
        return None
    return pieces if sum(map(len, pieces)) == len(text) else None


def _word_positions(pieces: list[str]) -> tuple[str, list[str], list[str]]:
    positions: list[str] = []
    words: list[str] = []
    classes: list[str] = []
    for word in pieces:
        pos, attrs, word_classes = _WORD_CACHE.get(word) or _word_info(word)
        positions.append(pos)
        words += attrs
        classes += word_classes
    return "".join(positions), words, classes


def _segment_chunks(text: str, bounds: Sequence[tuple[int, int]]
                    ) -> list[tuple[str, list[str], list[str]]]:
    """:func:`_segment_positions` of each chunk of ``text`` (already in jieba's
    character form), cut out of one segmentation of the whole text when that
    is the same thing: when every chunk boundary falls after a character that
    jieba never joins to the next one (not one of its Han/alphanumeric block
    characters, and not the CR of a CR LF). Otherwise chunk by chunk."""
    re_han = segmenter().block
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
    in one pass (see :func:`lay_out`)."""
    if not bounds:
        return []
    groups = frozenset(groups)
    layout = lay_out(text, bounds, groups)
    size = layout.size
    rendered = [[prefix + value for value in _values(parts, layout.sources, size)]
                for group, prefix, parts in TEMPLATES if group in groups]
    feats: list[tuple[str, ...]] = (list(zip(*rendered, strict=True)) if rendered
                                    else [()] * (size - 4))
    for positions, names in layout.extra:
        for j, name in zip(positions, names, strict=True):
            if 2 <= j < size - 2:
                feats[j - 2] += (name,)
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
SINGLE_SOURCES = frozenset({"char", "type", "pos"})
WHOLE_SOURCES = frozenset({"word"})


def _values(parts: tuple[Part, ...], sources: dict[str, Sequence[str]], size: int
            ) -> Sequence[str]:
    """The values of a template at positions ``[2, size - 2)``."""
    pieces = [itertools.repeat(part) if isinstance(part, str)
              else sources[part[0]][2 + part[1]:size - 2 + part[1]] for part in parts]
    if len(pieces) == 1:
        return pieces[0]  # type: ignore[return-value]
    return list(map("".join, zip(*pieces, strict=False)))  # separators repeat without end


@dataclass(frozen=True)
class Layout:
    """The chunks of a text laid out for feature extraction: the sources of
    :data:`TEMPLATES` on ``size`` positions, and the sparse lexicon
    attributes as rounds of (positions, names) in item order (a position at
    most once a round; see :func:`lay_out`)."""

    size: int
    sources: dict[str, Sequence[str]]
    extra: list[tuple[list[int], list[str]]]


def lay_out(text: str, bounds: Sequence[tuple[int, int]], groups: frozenset[str]) -> Layout:
    """Lay the chunks of ``text`` out in one padded string, ``^^chunk$$^^chunk$$``.

    Short chunks are the norm (a sentence is a chunk), so the fixed cost of a
    pass matters as much as the cost per character. Two padding characters on
    each side are all that the ±2 window and the lexicon matches can see, so
    every character gets exactly the attributes it gets in its chunk alone;
    the padding positions between chunks are dropped later. Sources are
    mapped with ``str.translate``; the sparse lexicon attributes (surnames,
    suffixes, runs of names) are matched with regular expressions on the
    padded string and come as whole names, in rounds of positions (:class:`Layout`).
    """
    normtext = text.translate(_NORM_MAP)
    padded = "^^" + "$$^^".join(normtext[s:e] for s, e in bounds) + "$$"
    size = len(padded)
    sources: dict[str, Sequence[str]] = {"char": padded}
    if "type" in groups:
        typetext = normtext.translate(_TYPE_MAP)  # one pass: a character's type is its own
        sources["type"] = "^^" + "$$^^".join(typetext[s:e] for s, e in bounds) + "$$"
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
    # Sparse attributes (lexicon matches) at positions of ``padded``; matches
    # never span the padding. They come in rounds, in item order: a position
    # occurs at most once in a round, and its attributes are the names of its
    # rounds in round order (so tagging adds a round's weights in one step).
    extra: list[tuple[list[int], list[str]]] = []
    if groups & {"surname", "suffix", "namerun"}:
        single_re, double_re, double, suffixes = _patterns()
        if groups & {"surname", "namerun"}:
            at = [m.start() for m in single_re.finditer(padded)]
            if "surname" in groups:
                # A position's own surname comes after those of the two before it.
                extra.append(([i + 2 for i in at], ["sn-2"] * len(at)))
                extra.append(([i + 1 for i in at], ["sn-1"] * len(at)))
                extra.append((at, ["sn0"] * len(at)))
                compound = [m.start() for m in double_re.finditer(padded)
                            if padded[m.start():m.start() + 2] in double]
                extra.append((compound, ["sn2b"] * len(compound)))
            if "namerun" in groups:
                found = set(at)
                after_three = [i for i in at if i - 3 in found]
                after_two = [i for i in at if i - 2 in found]
                word_starts = [i for i in at if positions[i] == "B"]
                extra.append((after_three, ["nr3"] * len(after_three)))
                extra.append((after_two, ["nr2"] * len(after_two)))
                extra.append((word_starts, ["snw=" + classes[i] for i in word_starts]))
        if "suffix" in groups:
            for kind, finals, lexicon, lengths_of in suffixes:
                # The longest suffix ending at each character, and the longest one
                # starting at the next character (any suffix found, not only the
                # longest at its end). Only the lengths some suffix ending in the
                # character has are looked up, shortest first.
                ends: list[int] = []
                end_names: list[str] = []
                starts: dict[int, int] = {}
                for m in finals.finditer(padded):
                    e = m.start()
                    longest = 0
                    for length in lengths_of.get(padded[e], ()):
                        if length > e + 1:
                            break
                        if padded[e - length + 1:e + 1] in lexicon:
                            longest = length
                            if length > starts.get(e - length + 1, 0):
                                starts[e - length + 1] = length
                    if longest:
                        ends.append(e)
                        end_names.append(f"xe{kind}{min(longest, 3)}")
                extra.append((ends, end_names))
                extra.append(([j - 1 for j in starts],
                              [f"xn{kind}{min(length, 3)}" for length in starts.values()]))
    return Layout(size, sources, extra)


def split_chunks(text: str, max_len: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``text`` that are tagged one by one.

    A chunk ends after a sentence-ending character; a chunk longer than
    ``max_len`` is cut after its last comma or space before the limit, else
    at the limit. Together the chunks cover ``text`` exactly.
    """
    chunks: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for match in _CHUNK_END_RE.finditer(text):
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
