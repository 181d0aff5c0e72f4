"""zhfacts.ner.crf: CRFsuite's weights read from the model file, and tagging with
them gives CRFsuite's own labels."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy
import pycrfsuite
import pytest
from conftest import shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.datafiles import data_path
from zhfacts.ner import features as ner_features
from zhfacts.ner import model as ner_model
from zhfacts.ner.crf import read_crfsuite, viterbi

SHIPPED = Path(str(data_path("ner", ner_model.MODEL_FILE)))
SHARED = shared_dir() / "corpora" / "msra-ner"
_ALPHABET = "。！；\n\r，张王欧阳李记者省市县局医院公司人民政府中国北京商丘ab1２ ^$“”"


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CRFsuite's own file of the shipped model (it ships xz-compressed)."""
    path = tmp_path_factory.mktemp("model") / (ner_model.MODEL_NAME + ".crfsuite")
    path.write_bytes(ner_model.model_bytes(SHIPPED.read_bytes(), SHIPPED.name))
    return path


@pytest.fixture(scope="module")
def crfsuite_tagger(model_file: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    return tagger


def test_weights_match_crfsuites_dump(crfsuite_tagger: pycrfsuite.Tagger,
                                      model_file: Path) -> None:
    weights = read_crfsuite(model_file.read_bytes())
    dump = crfsuite_tagger.info()  # CRFsuite prints weights to 6 decimals
    assert list(weights.labels) == crfsuite_tagger.labels()
    assert len(weights.attribute_ids) == len(dump.attributes)
    for (source, target), value in dump.transitions.items():
        i, j = weights.labels.index(source), weights.labels.index(target)
        assert weights.transitions[i, j] == pytest.approx(value, abs=1e-6)
    sample = list(dump.state_features.items())[::97]
    for (attribute, label), value in sample:
        row = weights.attribute_ids[attribute]
        assert weights.state[row, weights.labels.index(label)] == pytest.approx(value, abs=1e-6)
    assert not weights.state[weights.unknown].any()


def test_a_file_that_is_not_a_model_is_refused() -> None:
    with pytest.raises(ValueError, match="CRFsuite"):
        read_crfsuite(b"not a model at all, just some bytes of text....")
    with pytest.raises(ValueError, match="CRFsuite"):
        read_crfsuite(b"")


def _crfsuite_labels(tagger: pycrfsuite.Tagger, text: str) -> list[list[str]]:
    model = ner_model._model()
    bounds = ner_features.split_chunks(text)
    return [tagger.tag(items) for items in ner_features.chunk_features(text, bounds, model.groups)]


def _our_labels(text: str) -> list[list[str]]:
    model = ner_model._model()
    bounds = ner_features.split_chunks(text)
    outside = model.weights.labels[model.outside]
    return [[outside] * (e - s) if tags is None else [model.weights.labels[t] for t in tags]
            for (s, e), tags in zip(bounds, ner_model._tag_chunks(text, bounds, model),
                                    strict=True)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=120))
def test_tags_equal_crfsuites(crfsuite_tagger: pycrfsuite.Tagger, text: str) -> None:
    bounds = ner_features.split_chunks(text)
    ours = _our_labels(text)
    theirs = _crfsuite_labels(crfsuite_tagger, text)
    # Whitespace-only chunks are not tagged (all O by definition here).
    for (s, e), a, b in zip(bounds, ours, theirs, strict=True):
        if text[s:e].strip():
            assert a == b


@pytest.mark.skipif(not (SHARED / "msra_test_bio.txt").is_file(), reason="needs ../shared")
def test_tags_equal_crfsuites_on_msra_test(crfsuite_tagger: pycrfsuite.Tagger) -> None:
    from zhfacts.evaluation.ner_corpora import read_bio

    sentences = [s for s, _ in itertools.islice(read_bio(SHARED / "msra_test_bio.txt"), 600)]
    for k in range(0, len(sentences), 20):
        text = "".join(sentences[k:k + 20])
        assert _our_labels(text) == _crfsuite_labels(crfsuite_tagger, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=60))
def test_column_ids_are_the_ids_of_the_attribute_strings(text: str) -> None:
    model = ner_model._model()
    bounds = ner_features.split_chunks(text)
    layout = ner_features.lay_out(text, bounds, model.groups)
    ids = model.index.column_ids(layout.sources, layout.size)
    names = model.weights.attribute_ids
    row = 0
    for group, prefix, parts in ner_features.TEMPLATES:
        if group not in model.groups:
            continue
        values = ner_features._values(parts, layout.sources, layout.size)
        expected = [names.get(prefix + value, model.weights.unknown) for value in values]
        assert ids[row].tolist() == expected, prefix
        row += 1


def _reference_viterbi(scores: numpy.ndarray, transitions: numpy.ndarray) -> list[int]:
    """CRFsuite's crf1dc_viterbi, loop for loop."""
    length, labels = scores.shape
    alpha = [list(scores[0])]
    back = [[0] * labels]
    for t in range(1, length):
        row, pointers = [], []
        for j in range(labels):
            best, arg = -numpy.inf, -1
            for i in range(labels):
                value = alpha[t - 1][i] + transitions[i, j]
                if best < value:
                    best, arg = value, i
            row.append(best + scores[t, j])
            pointers.append(arg)
        alpha.append(row)
        back.append(pointers)
    path = [max(range(labels), key=lambda i: (alpha[-1][i], -i))]
    for t in range(length - 1, 0, -1):
        path.append(back[t][path[-1]])
    return path[::-1]


def test_batched_viterbi_equals_the_reference_loop() -> None:
    rng = random.Random(7)
    for _ in range(60):
        labels = rng.randint(1, 5)
        lengths = [rng.randint(1, 9) for _ in range(rng.randint(1, 6))]
        # Small integer scores make ties common: the first maximum must win.
        transitions = numpy.array([[rng.randint(-2, 2) for _ in range(labels)]
                                   for _ in range(labels)], dtype=float)
        gaps = [rng.randint(0, 3) for _ in lengths]
        starts, at = [], 0
        for gap, length in zip(gaps, lengths, strict=True):
            starts.append(at + gap)
            at += gap + length
        scores = numpy.array([[rng.randint(-3, 3) for _ in range(labels)] for _ in range(at)],
                             dtype=float)
        got = viterbi(scores, starts, lengths, transitions)
        for start, length, path in zip(starts, lengths, got, strict=True):
            assert path == _reference_viterbi(scores[start:start + length], transitions)


def test_long_texts_are_tagged_in_bounded_groups_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = (Path(__file__).resolve().parents[1] / "corpora" / "shangqiu-daily-page.txt"
            ).read_text(encoding="utf-8")
    whole = ner_model.tag_entities(text)
    monkeypatch.setattr(ner_model, "_GROUP_CHARS", 50)  # many groups of a few chunks
    assert ner_model.tag_entities(text) == whole
    monkeypatch.setattr(ner_model, "_GROUP_CHARS", 10**9)
    monkeypatch.setattr(ner_model, "_GROUP_CHUNKS", 3)  # groups of three chunks
    assert ner_model.tag_entities(text) == whole
