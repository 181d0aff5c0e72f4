"""The BiLSTM-CRF tagger run with numpy (zhfacts.ner.neural): its forward pass
against a plain loop written here, and a model file of that kind in the
tagging path. The weights are random: these tests check the arithmetic and the
plumbing, not a trained model (none ships; docs/ner-model.md)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest

from zhfacts.ner import model as ner_model
from zhfacts.ner.features import lay_out, split_chunks
from zhfacts.ner.neural import (
    CLASSES,
    FLAGS,
    GROUPS,
    POSITIONS,
    TABLES,
    TYPES,
    BiLstmCrf,
    Vocabulary,
    encode,
)

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
TEXTS = ["河南省商丘市睢阳区人民政府今天召开会议。张三说，这是好事！",
         "国务院总理在北京会见了来访的客人。", "", "x"]


def random_arrays(seed: int = 0, hidden: int = 5) -> dict[str, numpy.ndarray]:
    rng = numpy.random.default_rng(seed)
    chars = ["<unk>", *"河南省商丘市北京张三国务院会见"]
    bigrams = ["<unk>", "河南", "南省", "北京", "张三"]
    words = ["<unk>", "河南省", "北京", "会见"]
    widths = {"chars": 4, "bigrams": 3, "words": 3, "positions": 2, "classes": 2, "types": 2}
    sizes = {"chars": len(chars), "bigrams": len(bigrams), "words": len(words),
             "positions": len(POSITIONS), "classes": len(CLASSES), "types": len(TYPES)}
    arrays: dict[str, numpy.ndarray] = {
        f"emb_{name}": rng.normal(size=(sizes[name], widths[name])).astype(numpy.float32)
        for name in sizes}
    width = sum(widths[name] for name in TABLES) + len(FLAGS)
    for d in ("fw", "bw"):
        arrays[f"{d}_w_ih"] = rng.normal(size=(4 * hidden, width)).astype(numpy.float32)
        arrays[f"{d}_w_hh"] = rng.normal(size=(4 * hidden, hidden)).astype(numpy.float32)
        arrays[f"{d}_b"] = rng.normal(size=4 * hidden).astype(numpy.float32)
    arrays["out_w"] = rng.normal(size=(len(LABELS), 2 * hidden)).astype(numpy.float32)
    arrays["out_b"] = rng.normal(size=len(LABELS)).astype(numpy.float32)
    arrays["transitions"] = rng.normal(size=(len(LABELS), len(LABELS)))
    arrays["hidden"] = numpy.array(hidden)
    arrays["labels"] = numpy.array(LABELS)
    arrays["vocab_chars"] = numpy.array(chars)
    arrays["vocab_bigrams"] = numpy.array(bigrams)
    arrays["vocab_words"] = numpy.array(words)
    return arrays


def reference_scores(arrays: dict[str, numpy.ndarray], inputs: numpy.ndarray
                     ) -> numpy.ndarray:
    """The network on one chunk, step by step: concatenated inputs, an LSTM
    each way (gates i, f, g, o as PyTorch orders them), a linear layer."""
    hidden = int(arrays["hidden"])

    def sigmoid(x: numpy.ndarray) -> numpy.ndarray:
        return 1 / (1 + numpy.exp(-x))

    def run(d: str, rows: numpy.ndarray) -> numpy.ndarray:
        h = numpy.zeros(hidden)
        c = numpy.zeros(hidden)
        out = []
        for x in rows:
            g = arrays[f"{d}_w_ih"] @ x + arrays[f"{d}_w_hh"] @ h + arrays[f"{d}_b"]
            i, f = sigmoid(g[:hidden]), sigmoid(g[hidden:2 * hidden])
            cell, o = numpy.tanh(g[2 * hidden:3 * hidden]), sigmoid(g[3 * hidden:])
            c = f * c + i * cell
            h = o * numpy.tanh(c)
            out.append(h)
        return numpy.array(out)

    both = numpy.concatenate([run("fw", inputs), run("bw", inputs[::-1])[::-1]], axis=1)
    return both @ arrays["out_w"].T + arrays["out_b"]


def chunk_inputs(arrays: dict[str, numpy.ndarray], text: str
                 ) -> tuple[list[numpy.ndarray], numpy.ndarray, list[int], list[int]]:
    vocab = Vocabulary.from_lists(*([str(x) for x in arrays[f"vocab_{n}"]]
                                    for n in ("chars", "bigrams", "words")))
    bounds = split_chunks(text)
    encoded = encode(lay_out(text, bounds, GROUPS), vocab)
    names = ("chars", "left_bigrams", "right_bigrams", "words", "positions", "classes", "types")
    columns = [arrays[f"emb_{table}"][getattr(encoded, name)]
               for table, name in zip(TABLES, names, strict=True)]
    inputs = numpy.concatenate([*columns, encoded.flags], axis=1)
    starts, at = [], 2
    for s, e in bounds:
        starts.append(at)
        at += e - s + 4
    lengths = [e - s for s, e in bounds]
    network = BiLstmCrf(arrays)
    return [inputs[a:a + n] for a, n in zip(starts, lengths, strict=True)], \
        network.scores(encoded, starts, lengths), starts, lengths


@pytest.mark.parametrize("text", [t for t in TEXTS if t])
def test_forward_pass_is_the_plain_loop(text: str) -> None:
    arrays = random_arrays()
    chunks, scores, starts, lengths = chunk_inputs(arrays, text)
    for rows, start, length in zip(chunks, starts, lengths, strict=True):
        expected = reference_scores(arrays, rows)
        assert numpy.allclose(scores[start:start + length], expected, atol=1e-4)


def test_lexicon_matches_are_input_flags() -> None:
    vocab = Vocabulary.from_lists(["<unk>"], ["<unk>"], ["<unk>"])
    text = "张三说"
    encoded = encode(lay_out(text, [(0, 3)], GROUPS), vocab)
    assert encoded.flags[2, FLAGS.index("sn0")] == 1.0  # 张 is a surname (position 2: after ^^)
    assert encoded.chars.tolist() == [0] * len(encoded.chars)  # unknown characters are 0


def test_a_model_file_of_this_kind_tags(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    numpy.savez_compressed(path, **random_arrays(seed=3))
    (tmp_path / "m.json").write_text(json.dumps({"kind": "bilstm-crf"}), encoding="utf-8")
    ner_model.use_model_file(path)
    try:
        for text in TEXTS:
            spans = ner_model.tag_entities(text)
            assert all(0 <= s < e <= len(text) and label in ("PERSON", "LOC")
                       for s, e, label in spans)
    finally:
        ner_model.use_model_file(None)
