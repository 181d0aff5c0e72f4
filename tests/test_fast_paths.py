"""The faster forms of the tagger, the segmenter's models and the gazetteer scan
give what the plain forms gave: each is checked here against a transcription
of the plain form (jieba's decoders, the old ones of zhfacts), with ties and the
edge cases the fast forms treat apart (shared hash slots, predecessors that all
score -inf, runs of entity labels, sparse attributes in their item order)."""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy
import pytest
from conftest import CORPORA, shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.entities import gazetteer as gz
from zhfacts.entities.gazetteer.places import PlaceMatch
from zhfacts.ner import features as ner_features
from zhfacts.ner import model as ner_model
from zhfacts.ner.crf import SlotIndex
from zhfacts.words.dictionary import WordDictionary, word_dictionary
from zhfacts.words.hmm import _PREVIOUS, MIN_FLOAT, MIN_INF, TagHmm, WordHmm
from zhfacts.words.segmenter import _BLOCK, _SPACE, Segmenter

# ------------------------------------------------------------ the slot index


def test_slot_index_finds_exactly_the_sorted_keys_also_in_shared_slots() -> None:
    rng = numpy.random.default_rng(3)
    keys = numpy.unique(rng.integers(1, 10**10, 5000))
    aids = rng.permutation(len(keys)).astype(numpy.intp)
    index = SlotIndex(keys, aids, unknown=-7)
    # A few slots hold two keys or more: the binary search answers for them.
    assert (index.positions == len(keys) + 1).any()
    queries = numpy.concatenate([keys, rng.integers(0, 10**10, 5000), keys[::7] + 1,
                                 numpy.zeros(3, dtype=numpy.int64)])
    expected = {int(k): int(a) for k, a in zip(keys, aids, strict=True)}
    assert index.lookup(queries).tolist() == [expected.get(int(q), -7) for q in queries]


def test_slot_index_of_one_key() -> None:
    index = SlotIndex(numpy.array([42], dtype=numpy.int64), numpy.array([5]), unknown=0)
    assert index.lookup(numpy.array([42, 41, 0], dtype=numpy.int64)).tolist() == [5, 0, 0]


# ------------------------------------------------------ labels to entity spans


def test_spans_of_label_ids_are_decode_bio_of_their_names() -> None:
    model = ner_model._model()
    labels = model.weights.labels
    rng = random.Random(2)
    for _ in range(3000):
        outside_share = rng.random()
        tags = [model.outside if rng.random() < outside_share else rng.randrange(len(labels))
                for _ in range(rng.randint(1, 30))]
        assert model.spans(tags) == ner_model.decode_bio([labels[t] for t in tags]), tags


# ------------------------------------------- sparse attributes in item order


def _sparse_by_position(text: str, bounds: list[tuple[int, int]]) -> dict[int, list[str]]:
    """The sparse attributes as the first feature-version-2 code laid them out
    (position by position, appended in matching order): the order the shipped
    model was trained with."""
    layout = ner_features.lay_out(text, bounds, ner_features.DEFAULT_FEATURES)
    padded = str(layout.sources["char"])
    positions = str(layout.sources["pos"])
    classes = layout.sources["class"]
    single_re, double_re, double, suffixes = ner_features._patterns()
    extra: dict[int, list[str]] = {}
    at = [m.start() for m in single_re.finditer(padded)]
    for i in at:
        extra.setdefault(i, []).append("sn0")
        extra.setdefault(i + 1, []).append("sn-1")
        extra.setdefault(i + 2, []).append("sn-2")
    for m in double_re.finditer(padded):
        if padded[m.start():m.start() + 2] in double:
            extra.setdefault(m.start(), []).append("sn2b")
    found = set(at)
    for i in at:
        if i - 3 in found:
            extra.setdefault(i, []).append("nr3")
        if i - 2 in found:
            extra.setdefault(i, []).append("nr2")
        if positions[i] == "B":
            extra.setdefault(i, []).append("snw=" + classes[i])
    for kind, finals, lexicon, _ in suffixes:
        starts: dict[int, int] = {}
        for m in finals.finditer(padded):
            e = m.start()
            longest = 0
            for length in range(1, min(ner_features._SUFFIX_MAX, e + 1) + 1):
                if padded[e - length + 1:e + 1] in lexicon:
                    longest = length
                    if length > starts.get(e - length + 1, 0):
                        starts[e - length + 1] = length
            if longest:
                extra.setdefault(e, []).append(f"xe{kind}{min(longest, 3)}")
        for j, length in starts.items():
            extra.setdefault(j - 1, []).append(f"xn{kind}{min(length, 3)}")
    return extra


def _texts() -> list[str]:
    texts = [(CORPORA / "shangqiu-daily-page.txt").read_text("utf-8")[:6000],
             "欧阳修与司马光、张王李赵刘陈等人在北京市海淀区人民政府、商丘市第一人民医院和中国石油天然气集团公司开会。",
             "傅锡寿舒圣佑鲁平普朝柱何其宗何椿霖佟宝存", "市县区局厅委员会街道社区路江山公司集团"]
    documents = shared_dir() / "real-documents"
    texts += [path.read_text("utf-8")[:4000] for path in sorted(documents.glob("*.txt"))[:8]]
    return texts


@pytest.mark.parametrize("text", _texts())
def test_sparse_attributes_come_in_the_order_the_model_was_trained_with(text: str) -> None:
    bounds = ner_features.split_chunks(text)
    layout = ner_features.lay_out(text, bounds, ner_features.DEFAULT_FEATURES)
    rounds: dict[int, list[str]] = {}
    for positions, names in layout.extra:
        assert len(set(positions)) == len(positions)  # at most once a round
        for j, name in zip(positions, names, strict=True):
            rounds.setdefault(j, []).append(name)
    assert rounds == _sparse_by_position(text, bounds)


# ------------------------------------------------- the segmenter's route search


def _cut_block_by_block(segmenter: Segmenter, text: str) -> list[str]:
    """Segmenter.cut as it was: each block on its own, its route searched with
    one dictionary lookup per position and fragment length (``_Router.runs``)."""
    words: list[str] = []
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            for run, is_word in segmenter._router.runs(block):
                if is_word:
                    words.append(run)
                else:
                    segmenter._flush(run, words)
        else:
            for piece in _SPACE.split(block):
                if _SPACE.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
    return words


def _route_texts() -> list[str]:
    texts = ["", "中", "中华", "中华人民共和国", "  \r\n\t ", "a\r\nb", "南京市长江大桥",
             "中华人民共和国，中华人民共和国国务院", "中华人\n民共和国", "12.5%增长-3.2%C++a#b_x",
             "😀中国𠀀人民\ud800政府", "籣虈鸕龖一二三", "的" * 50, "中华人民共和国" * 40]
    documents = shared_dir() / "real-documents"
    texts += [path.read_text("utf-8")[:5000] for path in sorted(documents.glob("*.txt"))[:6]]
    texts.append((CORPORA / "shangqiu-daily-page.txt").read_text("utf-8")[:8000])
    return texts


@pytest.mark.parametrize("text", _route_texts())
def test_segmenter_cuts_as_block_by_block_lookups(text: str) -> None:
    segmenter = _real_segmenter()
    assert segmenter.cut(text) == _cut_block_by_block(segmenter, text)
    normalized = text.translate(ner_features._SEG_MAP)
    assert segmenter.cut(normalized) == _cut_block_by_block(segmenter, normalized)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中华人民共和国国务院南京市长江大桥的了一是abc12.%-+# "
                                             "\r\n，。😀\ud800")), max_size=60))
def test_segmenter_cuts_as_block_by_block_lookups_on_any_mix(text: str) -> None:
    segmenter = _real_segmenter()
    assert segmenter.cut(text) == _cut_block_by_block(segmenter, text)


_SEGMENTERS: dict[str, Segmenter] = {}


def _real_segmenter() -> Segmenter:
    if "real" not in _SEGMENTERS:
        _SEGMENTERS["real"] = Segmenter(word_dictionary())
    return _SEGMENTERS["real"]


def test_segmenter_route_ties_and_dictionaries_without_prefixes() -> None:
    """Equal scores everywhere (every count the total: each word costs 0), so
    ties decide every route: the longest word wins, as jieba's max over
    (score, end). A dictionary without the prefixes of its words (a fragment
    jieba's DAG never reaches) and words of four to six characters."""
    models = word_dictionary().models
    rng = random.Random(5)
    alphabet = "甲乙丙丁戊"
    for _ in range(300):
        freq: dict[str, int] = {}
        for _ in range(rng.randint(0, 25)):
            word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
            freq[word] = rng.choice([0, 10, 10, 3, 7])
            if rng.random() < 0.7:
                for end in range(1, len(word)):
                    freq.setdefault(word[:end], 0)
        segmenter = Segmenter(WordDictionary(freq, 10, {}, models))
        for _ in range(5):
            text = "".join(rng.choice(alphabet + "，a") for _ in range(rng.randint(0, 30)))
            assert segmenter.cut(text) == _cut_block_by_block(segmenter, text), (freq, text)
            blocks = [m.span() for m in _BLOCK.finditer(text)]
            ends = segmenter.ends(text, blocks)
            for start, end in blocks:
                assert [e - start for e in ends[start:end]] == \
                    segmenter._router.ends(text[start:end])[:end - start]


# ------------------------------------------------------------ jieba's HMMs


def _finalseg_viterbi(hmm: WordHmm, text: str) -> list[str]:
    """jieba 0.42.1's finalseg.viterbi, transcribed."""
    score = [{y: hmm.start[y] + hmm.emit[y].get(text[0], MIN_FLOAT) for y in "BMES"}]
    path = {y: [y] for y in "BMES"}
    for t in range(1, len(text)):
        score.append({})
        new_path = {}
        for y in "BMES":
            em = hmm.emit[y].get(text[t], MIN_FLOAT)
            prob, state = max((score[t - 1][y0] + hmm.trans[y0].get(y, MIN_FLOAT) + em, y0)
                              for y0 in _PREVIOUS[y])
            score[t][y] = prob
            new_path[y] = path[state] + [y]
        path = new_path
    _, state = max((score[len(text) - 1][y], y) for y in "ES")
    return path[state]


def _posseg_viterbi(hmm: TagHmm, text: str) -> list[str]:
    """jieba 0.42.1's posseg.viterbi, transcribed."""
    score: list[dict[str, float]] = [{}]
    came: list[dict[str, str]] = [{}]
    for y in hmm.char_states.get(text[0], hmm.all_states):
        score[0][y] = hmm.start[y] + hmm.emit[y].get(text[0], MIN_FLOAT)
        came[0][y] = ""
    for t in range(1, len(text)):
        score.append({})
        came.append({})
        previous = [x for x in came[t - 1] if len(hmm.trans[x]) > 0]
        expected = {y for x in previous for y in hmm.trans[x]}
        states = set(hmm.char_states.get(text[t], hmm.all_states)) & expected
        if not states:
            states = expected if expected else set(hmm.all_states)
        for y in states:
            prob, state = max((score[t - 1][y0] + hmm.trans[y0].get(y, MIN_INF)
                               + hmm.emit[y].get(text[t], MIN_FLOAT), y0) for y0 in previous)
            score[t][y] = prob
            came[t][y] = state
    _, state = max((score[-1][y], y) for y in came[-1])
    route = [state]
    for t in range(len(text) - 1, 0, -1):
        state = came[t][state]
        route.append(state)
    return route[::-1]


def _word_tables(rng: random.Random) -> dict[str, Any]:
    """Small finalseg tables with integer weights (ties everywhere) and gaps."""
    def weight() -> float:
        return float(rng.choice([-3, -2, -2, -1])) if rng.random() < 0.8 else MIN_FLOAT

    return {"start": {y: weight() for y in "BMES"},
            "trans": {y0: {y: weight() for y in "BMES" if rng.random() < 0.7} for y0 in "BMES"},
            "emit": {y: {c: weight() for c in "甲乙丙丁" if rng.random() < 0.7} for y in "BMES"}}


def _tag_tables(rng: random.Random) -> dict[str, Any]:
    """Small posseg tables: few states, missing transitions (-inf), ties, states
    with no follower, characters without a state list."""
    states = [f"{p} {f}" for p in "BMES" for f in ("n", "v", "x")]

    def weight() -> float:
        return float(rng.choice([-3, -2, -2, -1]))

    trans = {y0: ({y: weight() for y in states if rng.random() < 0.25}
                  if rng.random() < 0.9 else {}) for y0 in states}
    return {"start": {y: weight() if rng.random() < 0.8 else MIN_FLOAT for y in states},
            "trans": trans,
            "emit": {y: {c: weight() for c in "甲乙丙丁" if rng.random() < 0.6} for y in states},
            "char_states": {c: rng.sample(states, rng.randint(1, 6)) for c in "甲乙丙"}}


def test_word_hmm_decodes_as_jieba_with_ties() -> None:
    rng = random.Random(5)
    for _ in range(200):
        hmm = WordHmm(_word_tables(rng))
        for _ in range(10):
            text = "".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randint(1, 9)))
            assert hmm._positions(text) == _finalseg_viterbi(hmm, text), text


def _outcome(decode: Any, text: str) -> Any:
    """The states, or the error: jieba's decoder fails (``max`` of nothing) when
    no previous state has any follower, and so must the fast one."""
    try:
        return decode(text)
    except ValueError as error:
        return type(error)


def test_tag_hmm_decodes_as_jieba_with_ties_and_dead_ends() -> None:
    rng = random.Random(6)
    decoded = 0
    for _ in range(300):
        hmm = TagHmm(_tag_tables(rng))
        for _ in range(10):
            text = "".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randint(1, 8)))
            expected = _outcome(lambda t: _posseg_viterbi(hmm, t), text)  # noqa: B023
            assert _outcome(hmm._states, text) == expected, text
            decoded += isinstance(expected, list)
    assert decoded > 1000  # most texts decode: the tables are not all dead ends


# ------------------------------------------------------------- the gazetteer


def _find_by_every_length(gazetteer: gz.Gazetteer, text: str) -> list[PlaceMatch]:
    """The scan as it was: every length from the longest name down."""
    matches: list[PlaceMatch] = []
    n = len(text)
    i = 0
    while i < n - 1:
        longest = gazetteer._max_length.get(text[i:i + 2])
        if longest is None:
            i += 1
            continue
        match = None
        for end in range(min(i + longest, n), i + 1, -1):
            if text[i:end] in gazetteer._surfaces:
                match = gazetteer._accept(text, i, end,
                                          after_place=bool(matches) and matches[-1].end == i)
                if match is not None:
                    break
        if match is None:
            i += 1
        else:
            matches.append(match)
            i = match.end
    return matches


@pytest.fixture(scope="module")
def real() -> gz.Gazetteer:
    return gz.load_gazetteer()


def test_place_scan_finds_what_trying_every_length_found(real: gz.Gazetteer) -> None:
    texts = [path.read_text("utf-8") for path in sorted(CORPORA.glob("*.txt"))]
    documents = shared_dir() / "real-documents"
    texts += [path.read_text("utf-8") for path in sorted(documents.glob("*.txt"))]
    rng = random.Random(4)
    names = list(itertools.islice(real.surfaces(), 0, None, 37))
    for _ in range(300):  # names glued together and to common suffixes, cut anywhere
        glued = "".join(rng.choice(names) + rng.choice(["", "", "市", "县", "的", "人民", "，"])
                        for _ in range(rng.randint(1, 8)))
        cut = rng.randint(0, len(glued))
        texts.append(glued[cut:] + glued[:cut])
    for text in texts:
        assert real.find(text) == _find_by_every_length(real, text), text[:60]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="北京市朝阳区河南省商丘市睢阳区民权县中国人民政府大学路街道社区村镇，。 ",
               max_size=60))
def test_place_scan_on_any_text(text: str) -> None:
    gazetteer = gz.load_gazetteer()
    assert gazetteer.find(text) == _find_by_every_length(gazetteer, text)
