"""zhfacts' character tokenizer makes the Docs of spaCy's ``char`` segmenter."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import zhfacts
from zhfacts.pipeline.char_tokenizer import char_words_and_spaces

_SPACY_CHAR = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
_ALPHABET = "商丘市ab1 \n\t\r\u3000\u00a0\u2028。，"


def _tokens(doc: spacy.tokens.Doc) -> list[tuple[str, str]]:
    return [(token.text, token.whitespace_) for token in doc]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_same_tokens_and_spaces_as_spacys_char_segmenter(text: str) -> None:
    ours = zhfacts.load().tokenizer(text)
    assert _tokens(ours) == _tokens(_SPACY_CHAR(text))
    assert ours.text == text


@given(st.text(max_size=60))
def test_any_text_round_trips(text: str) -> None:
    words, spaces = char_words_and_spaces(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text


def test_pipeline_uses_it_and_it_survives_to_disk(tmp_path: Path) -> None:
    nlp = zhfacts.load()
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "zhfacts.CharTokenizer.v1"
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "商丘市民政局 发放\n8.9亿元"
    assert _tokens(loaded.tokenizer(text)) == _tokens(_SPACY_CHAR(text))
