"""zhfacts.words segments and tags exactly as jieba 0.42.1 does, from the
dictionary and model tables shipped in data/words/ (tools/build_word_data.py),
without importing jieba: checked here against jieba itself (a test
dependency, not a runtime one) on the real documents of ../shared and on
texts written to reach every branch (Latin, digits, decimals, percent,
whitespace, CR LF, symbols, emoji, characters no dictionary knows)."""

from __future__ import annotations

import lzma
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, shared_dir
from zhfacts.datafiles import data_path, parse_json
from zhfacts.errors import DataFileError
from zhfacts.words import dictionary as word_data
from zhfacts.words import dictionary_classes, pos_tagger, segmenter

jieba = pytest.importorskip("jieba")
posseg = pytest.importorskip("jieba.posseg")

WRITTEN = ["记者翟华伟报道：河南省商丘市睢阳区人民政府近日召开会议。",
           "何其宗何椿霖佟宝存等同志出席", "ＡＢＣ abc 123 45.6% 😀 a\r\nb",
           "南京市长江大桥", "他来到了网易杭研大厦", "傅锡寿舒圣佑鲁平普朝柱", "",
           "GDP增长3.5%，CPI上涨1.2个百分点，C++ a#b x1.2.3yz", "  \r\n\t ",
           "籣虈鸕龖𠀀一二三", "2022年全市低保对象30.6万人。", "增长-0.5%至12.3-15.6亿元"]


@pytest.fixture(scope="module")
def reference() -> tuple[Any, Any]:
    """jieba's own tokenizer and tagger (a private tokenizer: the stock dictionary)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, posseg.POSTokenizer(tokenizer)


def _lines() -> list[str]:
    lines = list(WRITTEN) + SEED.read_text("utf-8").splitlines()
    documents = shared_dir() / "real-documents"
    for path in sorted(documents.glob("*.txt")):
        if path.name != "README.md":
            lines += path.read_text("utf-8").splitlines()
    return lines


def test_segmentation_and_tags_equal_jiebas_on_real_text(reference: tuple[Any, Any]) -> None:
    tokenizer, tagger = reference
    lines = _lines()
    assert len(lines) > 2000  # the real documents were found
    for line in lines:
        assert segmenter().cut(line) == list(tokenizer.cut(line, HMM=True)), line
        ours = [(w.word, w.flag) for w in pos_tagger().cut(line)]
        assert ours == [(p.word, p.flag) for p in tagger.cut(line)], line


_ALPHABET = "河南省商丘市睢阳区人民政府增长亿元万人同比籣虈龖abcXYZ0123.%-+#&_ \r\n\t，。、😀"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_equal_jiebas_on_any_mix(text: str) -> None:
    tokenizer = jieba.dt if jieba.dt.initialized else _initialized()
    tagger = posseg.dt
    assert segmenter().cut(text) == list(tokenizer.cut(text, HMM=True))
    assert [(w.word, w.flag) for w in pos_tagger().cut(text)] == \
        [(p.word, p.flag) for p in tagger.cut(text)]


def _initialized() -> Any:
    jieba.dt.initialize()
    return jieba.dt


def test_dictionary_is_jiebas_dict_txt() -> None:
    """The shipped file is jieba's dict.txt byte for byte, as its provenance says."""
    installed = Path(jieba.__file__).parent / "dict.txt"
    shipped = lzma.decompress(data_path("words", word_data.DICTIONARY_FILE).read_bytes())
    assert shipped == installed.read_bytes()
    provenance = parse_json("jieba.json", data_path("words", "jieba.json").read_text("utf-8"))
    assert provenance["version"] == jieba.__version__ == word_data.jieba_version()
    assert provenance["licence"] == "MIT"
    assert data_path("words", provenance["licence_file"]).read_text("utf-8").startswith(
        "The MIT License")


def test_dictionary_classes_name_proper_nouns() -> None:
    classes = dictionary_classes()
    assert classes["北京"] == "LOC" and classes["李白"] == "PER"
    assert "增长" not in classes


def test_a_malformed_dictionary_line_is_a_clear_error() -> None:
    freq, total, tags = word_data.parse_dictionary("国务院 3000 nt\n\n增长 2000 v\n")
    assert freq["国务院"] == 3000 and freq["国务"] == 0 and freq["国"] == 0
    assert total == 5000 and tags["增长"] == "v"
    with pytest.raises(DataFileError, match="line 2"):
        word_data.parse_dictionary("国务院 3000 nt\n增长 many v\n")


def test_the_compiled_dictionary_is_cached(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHFACTS_CACHE", str(tmp_path))
    word_data.word_dictionary.cache_clear()
    try:
        built = word_data.word_dictionary()
        cached_files = list(tmp_path.glob("words-*.marshal"))
        assert len(cached_files) == 1
        word_data.word_dictionary.cache_clear()
        again = word_data.word_dictionary()
        assert again == built and again is not built
        # A damaged cache file is compiled again, not trusted.
        cached_files[0].write_bytes(b"\x00 not marshal")
        word_data.word_dictionary.cache_clear()
        assert word_data.word_dictionary() == built
    finally:
        word_data.word_dictionary.cache_clear()
