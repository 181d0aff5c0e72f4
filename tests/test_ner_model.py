"""The character CRF of zhfacts.ner.model: features, offsets, robustness, a few names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.ner import features as ner_features
from zhfacts.ner import model as ner_model
from zhfacts.ner.features import char_features, chunk_features, split_chunks
from zhfacts.ner.model import decode_bio, tag_entities

ODD_INPUTS = [
    "",
    " ",
    "\n\n\n",
    "a",
    "张",
    "😀👍🏽 emoji 😀",
    "\x00\x01\x1f\x7f control",
    "lone \ud800 surrogate",
    "ＦＵＬＬ　ｗｉｄｔｈ１２３",
    "\u200b\u200d\ufeff",
    "。。。！！？？；；",
    "王" * 1000,
    "河南省商丘市" * 200,
    "a\r\nb\rc\u2028d",
]


def test_features_are_aligned_and_deterministic() -> None:
    text = "记者翟华伟报道：河南省商丘市ＡＢＣ１２３😀"
    first = char_features(text)
    assert len(first) == len(text)
    assert first == char_features(text)
    assert all(item and all(isinstance(a, str) and a for a in item) for item in first)
    # The current character is a feature of its own item, in normalized form.
    assert "c0=翟" in first[2]
    assert "c0=a" in first[text.index("Ａ")]  # full width -> ASCII, lowercased
    assert "c0=0" in first[text.index("１")]  # digits collapsed


def test_feature_groups_select_templates() -> None:
    text = "河南省商丘市"
    plain = char_features(text, ["uni"])
    assert all(len(item) == 3 for item in plain)  # unigrams at -1, 0, +1
    assert char_features("", ner_features.DEFAULT_FEATURES) == []
    # Every group adds attributes of its own; none is computed when not asked for.
    text = "张王李欧阳修在河南省商丘市人民医院"
    full = sum(map(len, char_features(text, ner_features.FEATURE_GROUPS)))
    for group in ner_features.FEATURE_GROUPS:
        rest = [g for g in ner_features.FEATURE_GROUPS if g != group]
        assert sum(map(len, char_features(text, rest))) < full, group


def test_lexicon_features() -> None:
    text = "张王李记者在河南省商丘市人民医院"
    feats = char_features(text, ["surname", "suffix", "namerun"])
    assert "sn0" in feats[0] and "sn-1" in feats[1] and "sn-2" in feats[2]
    assert "nr2" in feats[2]  # 张 two characters before 李
    assert "xeL1" in feats[text.index("省")]  # a place suffix ends here
    assert "xnL1" in feats[text.index("省") - 1]  # and starts at the next character
    assert "xeG2" in feats[text.index("医院") + 1]
    assert "sn2b" in char_features("欧阳修", ["surname"])[0]  # compound surname


# Characters that exercise every template at chunk edges: sentence ends and
# CR LF (chunk boundaries), surnames, place and organization suffixes, words
# jieba joins, digits, Latin, spaces, and the padding characters themselves.
_EDGE_ALPHABET = "。！；\n\r，张王欧阳李省市县局医院公司人民政府中国北京ab1２ ^$"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_EDGE_ALPHABET, max_size=80), st.integers(min_value=2, max_value=40))
def test_chunk_features_equal_features_of_each_chunk_alone(text: str, max_len: int) -> None:
    # Tagging computes all chunks of a text in one pass; training computes
    # each chunk alone. The two must give the same attributes (as sets).
    bounds = split_chunks(text, max_len)
    together = chunk_features(text, bounds)
    alone = [char_features(text[s:e]) for s, e in bounds]
    assert [[sorted(item) for item in chunk] for chunk in together] == \
        [[sorted(item) for item in chunk] for chunk in alone]


def test_model_with_other_feature_version_is_refused(tmp_path: Path) -> None:
    info = ner_model.model_info()
    info["feature_version"] = ner_features.FEATURE_VERSION + 1
    model = tmp_path / "m.crfsuite"
    model.write_bytes(b"not read")
    model.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")
    ner_model.use_model_file(model)
    try:
        with pytest.raises(RuntimeError, match="feature version"):
            tag_entities("北京")
    finally:
        ner_model.use_model_file(None)
    assert tag_entities("记者翟华伟报道")


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_gives_valid_offsets(text: str) -> None:
    spans = tag_entities(text)
    for start, end, label in spans:
        assert 0 <= start < end <= len(text)
        assert label in {"PERSON", "ORG", "LOC"}
        assert not text[start].isspace() and not text[end - 1].isspace()
    assert spans == sorted(spans)


def test_chunks_cover_the_text() -> None:
    text = "第一句。第二句！" + "很长，" * 200 + "\n末尾"
    chunks = split_chunks(text)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert all(0 < e - s <= ner_features.MAX_CHUNK for s, e in chunks)


def test_decode_bio() -> None:
    assert decode_bio(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG"]) == [
        (0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG")]
    assert decode_bio([]) == []


def test_obvious_names() -> None:
    text = "记者翟华伟报道，河南省商丘市睢阳区人民政府近日召开会议。"
    found = {(text[s:e], label) for s, e, label in tag_entities(text)}
    assert ("翟华伟", "PERSON") in found
    # the government with its place prefix, as SPEC writes a body (or the place alone)
    assert ("河南省商丘市睢阳区人民政府", "GOV") in found or \
        any(label == "LOC" and "河南" in span for span, label in found)


def test_offsets_are_into_the_original_text_across_chunks() -> None:
    sentence = "国务院总理李克强在北京会见了美国总统。"
    text = "\n".join([sentence] * 5)
    spans = tag_entities(text)
    per_sentence = tag_entities(sentence)
    assert per_sentence
    step = len(sentence) + 1
    expected = [(s + k * step, e + k * step, label)
                for k in range(5) for s, e, label in per_sentence]
    assert spans == expected


def test_model_info_names_its_corpus() -> None:
    info = ner_model.model_info()
    assert "msra" in info["corpus"]
    assert set(info["features"]) <= set(ner_features.FEATURE_GROUPS)


def test_a_compressed_model_reads_as_its_crfsuite_file(tmp_path: Path) -> None:
    import lzma

    assert ner_model.provenance_path(Path("d/m.crfsuite.xz")) == Path("d/m.json")
    assert ner_model.provenance_path(Path("d/m.crfsuite")) == Path("d/m.json")
    data = b"CRFsuite bytes"
    assert ner_model.model_bytes(lzma.compress(data), "m.crfsuite.xz") == data
    assert ner_model.model_bytes(data, "m.crfsuite") == data
