"""A character-level CRF that tags person, place and organization names.

The rule layers of zhfacts (:mod:`zhfacts.entities.people`, :mod:`zhfacts.entities.bodies`,
:mod:`zhfacts.entities.organizations`, :mod:`zhfacts.entities.gazetteer`) recognise what has a
cue: a title before a name, a known suffix after a body. Names without a cue
need a statistical model. This one is a linear-chain CRF (CRFsuite, through
``python-crfsuite``) over characters, trained on MSRA NER, CLUENER2020 and
Weibo NER mapped to PER, LOC, ORG and GOV (``tools/train_ner.py``; provenance,
the mapping and scores in ``docs/ner-model.md``), with the character features
of :mod:`zhfacts.ner.features`.

This module loads the model and tags: it is Python, numpy and jieba; it knows
nothing of spaCy. It also runs a model file of the other kind the tools can
train, a BiLSTM-CRF (:mod:`zhfacts.ner.neural`, ``use_model_file``), which was
measured and not shipped (docs/ner-model.md, "Session 14").
:func:`tag_entities` returns character offsets and the labels PERSON, ORG,
GOV and LOC; a later layer splits LOC into GPE/LOC and checks ORG and GOV
against the body grammar.
"""

from __future__ import annotations

import io
import json
import lzma
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from numpy.typing import NDArray

from zhfacts.datafiles import data_path
from zhfacts.ner import cache
from zhfacts.ner.crf import AttributeIndex, CrfWeights, Part, read_crfsuite, viterbi
from zhfacts.ner.features import (
    DEFAULT_FEATURES,
    FEATURE_VERSION,
    SINGLE_SOURCES,
    TEMPLATES,
    WHOLE_SOURCES,
    lay_out,
    split_chunks,
)
from zhfacts.ner.neural import GROUPS as NEURAL_GROUPS
from zhfacts.ner.neural import BiLstmCrf, Vocabulary, encode

__all__ = [
    "MODEL_FILE",
    "MODEL_NAME",
    "decode_bio",
    "model_bytes",
    "model_info",
    "provenance_path",
    "tag_entities",
    "use_model_file",
]

#: Base name of the shipped model in ``zhfacts/data/ner/`` (``.crfsuite.xz`` + ``.json``).
MODEL_NAME = "zh-ner-crf"
#: The shipped model file: CRFsuite's file, xz-compressed (27 MB -> 8 MB installed).
MODEL_FILE = MODEL_NAME + ".crfsuite.xz"

#: MSRA tag types -> zhfacts labels.
_LABELS = {"PER": "PERSON", "ORG": "ORG", "GOV": "GOV", "LOC": "LOC"}


def _data_file(name: str) -> Any:
    return data_path("ner", name)


def provenance_path(model: Path) -> Path:
    """The provenance JSON beside a model file: ``m.crfsuite`` or
    ``m.crfsuite.xz`` -> ``m.json``."""
    return model.with_name(model.name.removesuffix(".xz")).with_suffix(".json")


def model_bytes(data: bytes, name: str) -> bytes:
    """CRFsuite's model file out of the bytes of ``name``, decompressed when
    the name ends in ``.xz`` (the shipped model, and the form tools write for it)."""
    return lzma.decompress(data) if name.endswith(".xz") else data


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


class _AttributeIds(dict[str, int]):
    """Attribute name -> id, the ``unknown`` id (the zero row) for a name the
    model does not know; filled on demand from the model's 184,000 names, so
    the few lexicon attribute names stay in a small dict."""

    def __init__(self, names: dict[str, int], unknown: int) -> None:
        super().__init__()
        self.names = names
        self.unknown = unknown

    def __missing__(self, name: str) -> int:
        aid = self.names.get(name, self.unknown)
        if len(self) < 10_000:
            self[name] = aid
        return aid


class _Labels:
    """What both kinds of model share: the label names, the transitions of
    their Viterbi and the decoding of label ids into spans."""

    def __init__(self, labels: Sequence[str], transitions: NDArray[numpy.float64],
                 groups: frozenset[str], info: dict[str, Any]) -> None:
        self.labels = list(labels)
        self.transitions = transitions
        self.groups = groups
        self.info = info
        self.outside = self.labels.index("O")
        #: Per label id: the entity type of a B-/I- label ("" for others), and
        #: whether it begins an entity.
        self.kinds = [label[2:] if label.startswith(("B-", "I-")) else "" for label in labels]
        self.begins = [label.startswith("B-") for label in labels]
        outside = bytes(i for i, label in enumerate(labels)
                        if not label.startswith(("B-", "I-")))
        #: Runs of B-/I- label ids in a chunk's labels as bytes (None when the
        #: ids do not fit in a byte).
        self.entity_runs: re.Pattern[bytes] | None = None
        if len(labels) <= 256:
            self.entity_runs = re.compile(
                b"[^" + re.escape(outside) + b"]+" if outside else b".+", re.DOTALL)

    def spans(self, tags: list[int]) -> list[tuple[int, int, str]]:
        """:func:`decode_bio` of a chunk's label ids, without a name per character:
        the runs of entity labels are found on the ids as bytes (most labels are
        O), and only their characters are read. Between two runs, an O-like label
        has ended any entity, so each run starts as a chunk does."""
        if self.entity_runs is None:
            labels = self.labels
            return decode_bio([labels[t] for t in tags])
        kinds, begins = self.kinds, self.begins
        spans: list[tuple[int, int, str]] = []
        for run in self.entity_runs.finditer(bytes(tags)):
            start = -1
            kind = ""
            for i in range(run.start(), run.end()):
                tag = tags[i]
                if begins[tag] or kinds[tag] != kind:
                    if start >= 0:
                        spans.append((start, i, kind))
                    start, kind = i, kinds[tag]
            if start >= 0:
                spans.append((start, run.end(), kind))
        return spans


    def state_scores(self, text: str, bounds: Sequence[tuple[int, int]]
                     ) -> NDArray[numpy.float64]:
        """Label scores of the characters of the chunks ``bounds`` of ``text``,
        one row per position of :func:`lay_out`'s layout less its first and
        last two (so chunk ``k`` starts 4 rows after chunk ``k - 1`` ends)."""
        raise NotImplementedError


class _Model(_Labels):
    """The loaded CRF: its weights, the attribute ids by template and value,
    and the feature groups it was trained with."""

    def __init__(self, weights: CrfWeights, groups: frozenset[str], info: dict[str, Any],
                 index: AttributeIndex | None = None) -> None:
        super().__init__(weights.labels, weights.transitions, groups, info)
        self.weights = weights
        self.index = index or AttributeIndex(
            _templates(groups), weights.attribute_ids, weights.unknown,
            single=SINGLE_SOURCES, whole=WHOLE_SOURCES)
        #: Attribute ids of the sparse attribute names (the zero row for a name
        #: the model does not know, which adds nothing), looked up once each.
        self.sparse_ids = _AttributeIds(weights.attribute_ids, weights.unknown)

    def state_scores(self, text: str, bounds: Sequence[tuple[int, int]]
                     ) -> NDArray[numpy.float64]:
        """The weight rows of each character's attributes, summed in item
        order (the columns of :data:`TEMPLATES`, then the sparse attributes
        of :func:`lay_out`), as CRFsuite sums them; unknown attributes add
        the zero row."""
        weights = self.weights
        layout = lay_out(text, bounds, self.groups)
        size = layout.size
        ids = self.index.column_ids(layout.sources, size)
        # One row per position of the layout, padding included, so that sparse
        # attributes need no bounds check.
        padded_scores = numpy.zeros((size, len(weights.labels)))
        scores = padded_scores[2:size - 2]
        # Row by row, in template order: the same additions as CRFsuite's, and no
        # (templates x characters x labels) array in between. ``take`` along the
        # rows gathers them in half the time of indexing ``state[row]``.
        state = weights.state
        for row in ids:
            scores += state.take(row, axis=0)
        # Then the sparse attributes, a round at a time in item order: a position
        # occurs at most once in a round, so one fancy-indexed addition adds each
        # weight row once, in the same order as CRFsuite.
        sparse = self.sparse_ids
        for positions, names in layout.extra:
            if positions:
                padded_scores[positions] += state.take(list(map(sparse.__getitem__, names)),
                                                       axis=0)
        return scores


class _NeuralModel(_Labels):
    """The loaded BiLSTM-CRF (:mod:`zhfacts.ner.neural`) and its vocabulary."""

    def __init__(self, arrays: Any, info: dict[str, Any]) -> None:
        self.network = BiLstmCrf(arrays)
        super().__init__(self.network.labels, self.network.transitions, NEURAL_GROUPS, info)
        self.vocabulary = Vocabulary.from_lists(
            *([str(x) for x in arrays[f"vocab_{name}"]] for name in ("chars", "bigrams", "words")))

    def state_scores(self, text: str, bounds: Sequence[tuple[int, int]]
                     ) -> NDArray[numpy.float64]:
        layout = lay_out(text, bounds, self.groups)
        starts: list[int] = []
        at = 2
        for s, e in bounds:
            starts.append(at)
            at += e - s + 4
        lengths = [e - s for s, e in bounds]
        scores = self.network.scores(encode(layout, self.vocabulary), starts, lengths)
        return scores[2:layout.size - 2]


def _templates(groups: frozenset[str]) -> list[tuple[str, tuple[Part, ...]]]:
    """The templates of the feature groups a model was trained with."""
    return [(prefix, parts) for group, prefix, parts in TEMPLATES if group in groups]


_model_file: Path | None = None


def use_model_file(path: str | Path | None) -> None:
    """Tag with the model at ``path`` (its provenance JSON beside it) instead
    of the shipped one; ``None`` goes back to the shipped model. For the
    training and evaluation tools, which score models before they ship."""
    global _model_file
    _model_file = None if path is None else Path(path)
    _model.cache_clear()


@lru_cache(maxsize=1)
def _model() -> _Labels:
    """Load the shipped model once per process.

    The CRFsuite model file is read as bytes through importlib.resources, so
    it works from a wheel or a zip, decompressed (it ships as ``.xz``: 8 MB
    installed instead of 27), and its weights are taken out of it
    (:func:`zhfacts.ner.crf.read_crfsuite`). For the shipped model, the weights
    and the attribute index are cached between processes
    (:mod:`zhfacts.ner.cache`, keyed by a digest of the model and the code).
    """
    if _model_file is None:
        meta = _data_file(MODEL_NAME + ".json").read_text(encoding="utf-8")
        name, stored = MODEL_FILE, _data_file(MODEL_FILE).read_bytes()
    else:
        meta = provenance_path(_model_file).read_text(encoding="utf-8")
        name, stored = _model_file.name, _model_file.read_bytes()
    info: dict[str, Any] = json.loads(meta)
    if info.get("kind") == "bilstm-crf":
        with numpy.load(io.BytesIO(stored), allow_pickle=False) as arrays:
            return _NeuralModel(arrays, info)
    groups = frozenset(info.get("features", DEFAULT_FEATURES))
    version = info.get("feature_version", 1)
    if version != FEATURE_VERSION:
        raise RuntimeError(f"NER model has feature version {version}, this code computes "
                           f"version {FEATURE_VERSION}: retrain it with tools/train_ner.py")
    unknown = groups - DEFAULT_FEATURES
    if unknown:
        raise RuntimeError(f"NER model needs unknown feature groups {sorted(unknown)}")
    if _model_file is not None:  # a model being trained or scored: never cached
        return _Model(read_crfsuite(model_bytes(stored, name)), groups, info)
    templates = _templates(groups)
    try:  # keyed by the stored (compressed) bytes: a hit never decompresses
        path = cache.cache_path(MODEL_NAME, cache.cache_key(stored, meta))
    except OSError:  # the code files cannot be read (a zip, a frozen app): no cache
        return _Model(read_crfsuite(model_bytes(stored, name)), groups, info)
    cached = cache.read(path, templates, single=SINGLE_SOURCES, whole=WHOLE_SOURCES) \
        if path.is_file() else None
    if cached is not None:
        weights, index = cached
        return _Model(weights, groups, info, index)
    model = _Model(read_crfsuite(model_bytes(stored, name)), groups, info)
    cache.write(path, model.weights, model.index)
    return model


def model_info() -> dict[str, Any]:
    """The provenance record of the shipped model (``zh-ner-crf.json``)."""
    return dict(_model().info)


_NONSPACE = re.compile(r"\S")


def tag_entities(text: str) -> list[tuple[int, int, str]]:
    """Person, place and organization names in ``text``.

    Returns ``(start, end, label)`` with character offsets into ``text``
    (end exclusive) and labels PERSON, LOC, ORG or GOV, sorted by start. The
    text is tagged chunk by chunk (:func:`split_chunks`), so the cost is
    linear in its length; any string is accepted.
    """
    if not isinstance(text, str) or not _NONSPACE.search(text):
        return []
    model = _model()
    spans: list[tuple[int, int, str]] = []
    for (start, end), tags in _tagged_chunks(text, model):
        if tags is None:
            continue
        chunk = text[start:end]
        for s, e, kind in model.spans(tags):
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


def _tagged_chunks(text: str, model: _Labels
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


def _tag_chunks(text: str, bounds: Sequence[tuple[int, int]], model: _Labels
                ) -> list[list[int] | None]:
    """Label ids of each chunk; ``None`` for a chunk that is all ``O`` or all
    whitespace (never tagged)."""
    scores = model.state_scores(text, bounds)
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
    for k, tags in zip(tagged, viterbi(scores, starts, lengths, model.transitions),
                       strict=True):
        if tags.count(model.outside) != len(tags):
            out[k] = tags
    return out
