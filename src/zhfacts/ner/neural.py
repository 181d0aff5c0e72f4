"""A character BiLSTM-CRF tagger run with numpy: the inputs it reads from a
text, and its forward pass.

The character CRF (:mod:`zhfacts.ner.crf`) scores each label from the
attributes of a ±2 window; a name often needs more (the verb that follows a
person, the head that ends an organization ten characters later). A
bidirectional LSTM reads the whole chunk. Its inputs are the CRF's own
sources, laid out by :func:`zhfacts.ner.features.lay_out` (so both models see
the same characters, jieba words, dictionary classes and lexicon matches):
embeddings of the character, of the bigrams it starts and ends, of its jieba
word, of its position in that word, of the word's dictionary class and of the
character's type, and one flag per lexicon match (surnames, place and
organization suffixes, runs of names). The label scores go to the CRF's
Viterbi (:func:`zhfacts.ner.crf.viterbi`) with the learned transitions.

Training is ``tools/train_neural_ner.py`` (PyTorch, not a dependency of the
package); the trained weights ship as a ``.npz`` of plain arrays (no pickle),
read here. Tagging needs numpy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from numpy.typing import NDArray

from zhfacts.ner.features import Layout

__all__ = [
    "CLASSES",
    "FLAGS",
    "GROUPS",
    "POSITIONS",
    "TABLES",
    "TYPES",
    "BiLstmCrf",
    "Encoded",
    "Vocabulary",
    "encode",
]

#: The feature groups of :func:`zhfacts.ner.features.lay_out` the tagger reads.
GROUPS = frozenset({"type", "seg", "word", "dict", "surname", "suffix", "namerun"})
#: Symbols of the single-valued sources; index 0 is "unknown".
POSITIONS = "?^$BMES"
TYPES = "?^$DNLCSPO"
CLASSES = ("?", "^", "$", "-", "new", "PER", "LOC", "ORG", "NZ")
#: The lexicon matches of :func:`zhfacts.ner.features.lay_out`, one input flag each.
FLAGS = ("sn0", "sn-1", "sn-2", "sn2b", "nr3", "nr2",
         *(f"snw={c}" for c in CLASSES[3:]),
         *(f"{side}{kind}{n}" for side in ("xe", "xn") for kind in "LG" for n in (1, 2, 3)))
_FLAG_INDEX = {name: i for i, name in enumerate(FLAGS)}
_POSITION_INDEX = {c: i for i, c in enumerate(POSITIONS)}
_TYPE_INDEX = {c: i for i, c in enumerate(TYPES)}
_CLASS_INDEX = {c: i for i, c in enumerate(CLASSES)}


@dataclass(frozen=True)
class Vocabulary:
    """Ids of the characters, bigrams and jieba words the model knows; 0 is
    unknown (and the padding outside a chunk)."""

    chars: Mapping[str, int]
    bigrams: Mapping[str, int]
    words: Mapping[str, int]

    @classmethod
    def from_lists(cls, chars: Sequence[str], bigrams: Sequence[str],
                   words: Sequence[str]) -> Vocabulary:
        """Ids from lists whose first entry is the unknown symbol."""
        return cls(*({item: i for i, item in enumerate(items) if i} for items in
                     (chars, bigrams, words)))


@dataclass(frozen=True)
class Encoded:
    """The inputs of every position of a layout (padding included): ids of
    the character, the bigram ending and the bigram starting there, the word,
    the position in the word, its class and the type, and the flags."""

    chars: NDArray[numpy.int64]
    left_bigrams: NDArray[numpy.int64]
    right_bigrams: NDArray[numpy.int64]
    words: NDArray[numpy.int64]
    positions: NDArray[numpy.int64]
    classes: NDArray[numpy.int64]
    types: NDArray[numpy.int64]
    flags: NDArray[numpy.float32]


def encode(layout: Layout, vocab: Vocabulary) -> Encoded:
    """The model inputs of each position of ``layout`` (laid out with at
    least :data:`GROUPS`)."""
    sources = layout.sources
    padded = str(sources["char"])
    size = layout.size
    char_ids, bigram_ids, word_ids = vocab.chars, vocab.bigrams, vocab.words
    chars = numpy.fromiter((char_ids.get(c, 0) for c in padded), numpy.int64, size)
    pairs = [padded[j:j + 2] for j in range(size - 1)]
    right = numpy.zeros(size, numpy.int64)
    right[:-1] = numpy.fromiter((bigram_ids.get(p, 0) for p in pairs), numpy.int64, size - 1)
    left = numpy.zeros(size, numpy.int64)
    left[1:] = right[:-1]
    words = numpy.fromiter((word_ids.get(w.rpartition("/")[0], 0) for w in sources["word"]),
                           numpy.int64, size)
    positions = numpy.fromiter((_POSITION_INDEX.get(c, 0) for c in sources["pos"]),
                               numpy.int64, size)
    classes = numpy.fromiter((_CLASS_INDEX.get(c, 0) for c in sources["class"]),
                             numpy.int64, size)
    types = numpy.fromiter((_TYPE_INDEX.get(c, 0) for c in sources["type"]), numpy.int64, size)
    flags = numpy.zeros((size, len(FLAGS)), numpy.float32)
    for at, names in layout.extra:
        if at:
            flags[at, [_FLAG_INDEX[name] for name in names]] = 1.0
    return Encoded(chars, left, right, words, positions, classes, types, flags)


#: The embedding tables in the order their vectors are concatenated, then the flags.
TABLES = ("chars", "bigrams", "bigrams", "words", "positions", "classes", "types")
_INPUTS = ("chars", "left_bigrams", "right_bigrams", "words", "positions", "classes", "types")


class BiLstmCrf:
    """The forward pass of the trained network, from the arrays of its ``.npz``.

    The input projection of the LSTM is folded into the embedding tables at
    load time (each table times its slice of the input weights), so a
    position's input gates are a sum of seven table rows and one small
    product with the flags, not a concatenation and a large product.
    """

    def __init__(self, arrays: Mapping[str, NDArray[Any]]) -> None:
        hidden = int(arrays["hidden"])
        self.hidden = hidden
        self.transitions = numpy.asarray(arrays["transitions"], numpy.float64)
        self.labels = [str(x) for x in arrays["labels"]]
        self.directions: list[tuple[list[NDArray[numpy.float32]], NDArray[numpy.float32],
                                    NDArray[numpy.float32], NDArray[numpy.float32]]] = []
        tables = [numpy.asarray(arrays[f"emb_{name}"], numpy.float32) for name in TABLES]
        widths = [t.shape[1] for t in tables]
        for d in ("fw", "bw"):
            w_ih = numpy.asarray(arrays[f"{d}_w_ih"], numpy.float32)  # (4H, input)
            bias = numpy.asarray(arrays[f"{d}_b"], numpy.float32)
            projected = []
            at = 0
            for table, width in zip(tables, widths, strict=True):
                projected.append(numpy.ascontiguousarray(table @ w_ih[:, at:at + width].T))
                at += width
            flags_w = numpy.ascontiguousarray(w_ih[:, at:].T)
            w_hh = numpy.ascontiguousarray(numpy.asarray(arrays[f"{d}_w_hh"], numpy.float32).T)
            self.directions.append((projected, flags_w, w_hh, bias))
        self.out_w = numpy.ascontiguousarray(numpy.asarray(arrays["out_w"], numpy.float32).T)
        self.out_b = numpy.asarray(arrays["out_b"], numpy.float32)

    def scores(self, encoded: Encoded, starts: Sequence[int], lengths: Sequence[int]
               ) -> NDArray[numpy.float64]:
        """Label scores of every position of the layout; the chunk ``k`` is
        the positions ``starts[k]`` to ``starts[k] + lengths[k]`` (padding
        positions get scores too, and are never read)."""
        size = len(encoded.chars)
        hidden_states = []
        inputs = [getattr(encoded, name) for name in _INPUTS]
        for direction, (projected, flags_w, w_hh, bias) in enumerate(self.directions):
            gates_in = encoded.flags @ flags_w + bias
            for table, ids in zip(projected, inputs, strict=True):
                gates_in += table.take(ids, axis=0)
            hidden_states.append(self._run(gates_in, w_hh, starts, lengths, size,
                                           reverse=direction == 1))
        both = numpy.concatenate(hidden_states, axis=1)
        return (both @ self.out_w + self.out_b).astype(numpy.float64)

    def _run(self, gates_in: NDArray[numpy.float32], w_hh: NDArray[numpy.float32],
             starts: Sequence[int], lengths: Sequence[int], size: int, reverse: bool
             ) -> NDArray[numpy.float32]:
        """One direction of the LSTM over all chunks at once, one step per
        position of the longest chunk; the chunks still running are a prefix
        of the batch (longest first)."""
        hidden = self.hidden
        out = numpy.zeros((size, hidden), numpy.float32)
        if not lengths:
            return out
        order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
        by_length = [lengths[k] for k in order]
        first = numpy.array([starts[k] for k in order])
        last = numpy.array([starts[k] + lengths[k] - 1 for k in order])
        h = numpy.zeros((len(order), hidden), numpy.float32)
        c = numpy.zeros((len(order), hidden), numpy.float32)
        running = len(order)
        for t in range(by_length[0]):
            while by_length[running - 1] <= t:
                running -= 1
            rows = (last[:running] - t) if reverse else (first[:running] + t)
            gates = gates_in[rows] + h[:running] @ w_hh
            i_f = 1.0 / (1.0 + numpy.exp(-gates[:, :2 * hidden]))
            g = numpy.tanh(gates[:, 2 * hidden:3 * hidden])
            o = 1.0 / (1.0 + numpy.exp(-gates[:, 3 * hidden:]))
            c_new = i_f[:, hidden:] * c[:running] + i_f[:, :hidden] * g
            h_new = o * numpy.tanh(c_new)
            c[:running] = c_new
            h[:running] = h_new
            out[rows] = h_new
        return out
