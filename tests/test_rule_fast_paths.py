"""The faster forms of the rule stages (clean-up, gazetteer scan, units,
organizations) give what the plain forms gave: each is checked here against
a transcription of the plain form, on random and real text."""

from __future__ import annotations

import random

from conftest import CORPORA, shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.page import textmap

# ------------------------------------------------------------------ clean-up

_ALPHABET = ("的一是了人在有中国市县区发展经济增长百分之万亿元年月日，。、；：（）！？"
             "萬億點個兩貳參陸對負幾倆圓塊錢噸畝餘約釐裡來門間條張筆輛臺項處"
             "經濟發展會議國際區縣鄉鎮乾隆著名為與"
             "０１２３４５６７８９．％，（）ＡＢｚ\u3000 \n\t abc123-+"
             "\U00020000\U0002a6d6\U0002f800\ud7ff\ue000\uffff\u00a0\u200b")


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = [path.read_text("utf-8") for path in sorted(CORPORA.glob("*.txt"))]
    texts += [path.read_text("utf-8")
              for path in sorted((shared_dir() / "real-documents").glob("*.txt"))]
    for _ in range(count):
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 80))))
    # Traditional characters of the full table, astral ones included, in plain text.
    traditional = [chr(code) for code in textmap._traditional_only()]
    for _ in range(count):
        base = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60)))
        texts.append("".join(c + (rng.choice(traditional) if rng.random() < 0.1 else "")
                             for c in base))
    return texts


def _is_traditional_by_translate(text: str) -> bool:
    chinese = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    changed = len(text) - len(text.translate(textmap._traditional_only()))
    return changed > 0 and changed >= textmap.TRADITIONAL_SHARE * chinese


def test_is_traditional_counts_what_the_deletion_table_counted() -> None:
    texts = _texts(1, 2000)
    verdicts = [textmap.is_traditional(text) for text in texts]
    assert verdicts == [_is_traditional_by_translate(text) for text in texts]
    assert any(verdicts) and not all(verdicts)


def test_width_fold_is_the_translate_table() -> None:
    targets = set(textmap._WIDTH_TARGETS.values())
    assert not targets & set(textmap._WIDTH_TARGETS)  # one replace after another is safe
    for text in _texts(2, 2000):
        assert textmap._fold_width(text) == text.translate(textmap._FULLWIDTH_FOLD)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_ALPHABET)), max_size=60))
def test_fold_and_traditional_on_any_text(text: str) -> None:
    assert textmap._fold_width(text) == text.translate(textmap._FULLWIDTH_FOLD)
    assert textmap.is_traditional(text) == _is_traditional_by_translate(text)


# --------------------------------------------------------------- the gazetteer


def test_pair_table_holds_every_prefix_with_its_lengths() -> None:
    import numpy

    from zhfacts.entities.gazetteer import load_gazetteer
    from zhfacts.entities.gazetteer.store import _POINT_BITS, _pair_hash

    gazetteer = load_gazetteer()
    lengths: dict[str, set[int]] = {}
    for surface in gazetteer.surfaces():
        lengths.setdefault(surface[:2], set()).add(len(surface))
    pairs = [prefix for prefix in lengths if len(prefix) == 2]
    points = numpy.array([[ord(a), ord(b)] for a, b in pairs], dtype=numpy.uint64)
    keys = (points[:, 0] << _POINT_BITS) | points[:, 1]
    assert sorted(keys.tolist()) == gazetteer._pair_keys.tolist()
    slots = numpy.searchsorted(gazetteer._pair_keys, keys)
    for prefix, slot in zip(pairs, slots.tolist(), strict=True):
        expected = tuple(sorted(lengths[prefix], reverse=True))
        assert gazetteer._length_sets[gazetteer._pair_sets[slot]] == expected, prefix
    hashed = _pair_hash(keys)
    assert ((gazetteer._pair_bits[hashed >> 3] >> (hashed & 7).astype(numpy.uint8)) & 1).all()


def test_place_scan_on_texts_with_astral_characters_and_surrogates() -> None:
    from zhfacts.entities.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    text = "\U00020000河南省\ud800商丘市民权县\U0002a6d6北关镇程庄村"
    found = [(m.start, m.end, m.text) for m in gazetteer.find(text)]
    assert found and all(text[start:end] == name for start, end, name in found)
    assert gazetteer.find("") == [] and gazetteer.find("河") == []


# ------------------------------------------------------------- organizations


def test_generic_names_read_as_the_plain_loop_read_them() -> None:
    from zhfacts.entities.organizations import grammar

    g = grammar()

    def plain(name: str) -> bool:
        import re

        rest = re.sub(r"[（(][^（()）]{1,8}[）)]", "", "".join(name.split()))
        while rest not in g.generic_kinds:
            modifier = next((m for m in g.generic_modifiers if m and rest.startswith(m)), None)
            if modifier is None:
                return False
            rest = rest[len(modifier):]
        return True

    rng = random.Random(5)
    words = [*g.generic_kinds, *g.generic_modifiers, "河南", "大学", "（技术）", "公司", "的"]
    names = ["".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    verdicts = [g.generic(name) for name in names]
    assert verdicts == [plain(name) for name in names]
    assert any(verdicts) and not all(verdicts)


# ------------------------------------------------------------ spaCy entities


def _annotation(doc: object) -> list[list[int]]:
    from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE

    return doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]).tolist()  # type: ignore[attr-defined, no-any-return]


def test_set_entities_leaves_the_tokens_as_the_ents_setter_does() -> None:
    import spacy
    from spacy.tokens import Span

    from zhfacts.pipeline.components import set_entities

    nlp = spacy.blank("zh")
    rng = random.Random(6)
    for _ in range(300):
        text = "".join(rng.choice("河南省商丘市 人民政府\n123") for _ in range(rng.randint(0, 40)))
        before = nlp.make_doc(text)
        n = len(before)
        for doc_round in range(2):  # on a fresh Doc, then over entities already set
            spans: list[Span] = []
            position = 0
            while position < n:
                start = rng.randint(position, n)
                end = min(n, start + rng.randint(0, 4))
                if end > start:
                    label = rng.choice(["GPE", "ORG", "GOV", ""])
                    spans.append(Span(before, start, end, label=label, kb_id=rng.choice([0, 5]),
                                      span_id=rng.choice([0, 7])))
                position = end + rng.randint(0, 2)
            expected = nlp.make_doc(text)
            got = nlp.make_doc(text)
            if doc_round:
                for doc in (expected, got):
                    doc.ents = [Span(doc, s.start, s.end, label="PERSON")
                                for s in spans[::2] if s.end > s.start]
            expected.ents = [Span(expected, s.start, s.end, label=s.label, kb_id=s.kb_id,
                                  span_id=s.id) for s in spans]
            set_entities(got, [Span(got, s.start, s.end, label=s.label, kb_id=s.kb_id,
                                    span_id=s.id) for s in spans])
            assert _annotation(got) == _annotation(expected)
            assert [(e.start, e.end, e.label_) for e in got.ents] == \
                [(e.start, e.end, e.label_) for e in expected.ents]


def test_set_entities_refuses_overlaps_as_spacy_does() -> None:
    import pytest
    import spacy
    from spacy.tokens import Span

    from zhfacts.pipeline.components import set_entities

    doc = spacy.blank("zh").make_doc("河南省商丘市")
    with pytest.raises(ValueError):
        set_entities(doc, [Span(doc, 0, 3, label="GPE"), Span(doc, 2, 5, label="GPE")])
