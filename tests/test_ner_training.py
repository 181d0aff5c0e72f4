"""The NER training data mapping (tools/ner_corpora.py) and the dev scoring of
tools/eval_ner.py, on sentences written for these tests (no corpus is read)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import eval_ner  # noqa: E402
import ner_corpora as nc  # noqa: E402
import train_ner  # noqa: E402

from zhfacts.ner.model import decode_bio  # noqa: E402


def bio(text: str, spans: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """Tags of ``text`` with each (name, type) tagged at its first occurrence."""
    out = []
    for name, kind in spans:
        start = text.index(name)
        out.append((start, start + len(name), kind))
    return text, nc.spans_to_tags(len(text), out)


def named(sentence: tuple[str, list[str]]) -> list[tuple[str, str]]:
    text, tags = sentence
    return [(text[s:e], k) for s, e, k in decode_bio(tags)]


def test_msra_org_read_whole_as_a_body_is_gov() -> None:
    sentence = bio("国务院和河南省民政厅邀请中国科学院与美国国会的代表座谈。",
                   [("国务院", "ORG"), ("河南省民政厅", "ORG"), ("中国科学院", "ORG"),
                    ("美国国会", "ORG")])
    assert named(nc.map_msra(sentence)) == [
        ("国务院", "GOV"), ("河南省民政厅", "GOV"), ("中国科学院", "ORG"), ("美国国会", "GOV")]


def test_msra_person_and_place_unchanged() -> None:
    sentence = bio("王小明昨天到了商丘市。", [("王小明", "PER"), ("商丘市", "LOC")])
    assert nc.map_msra(sentence) == sentence


def test_cluener_classes() -> None:
    text = "张伟在北京市住建委门口看了电影《大地》，星河科技公司和市政府都说美军来了。"
    spans = [(text.index(n), text.index(n) + len(n), k) for n, k in [
        ("张伟", "name"), ("北京市住建委", "government"), ("大地", "movie"),
        ("星河科技公司", "company"), ("政府", "government"), ("美军", "government")]]
    assert named(nc.map_cluener((text, sorted(spans)))) == [
        ("张伟", "PER"), ("北京市住建委", "GOV"), ("星河科技公司", "ORG"), ("美军", "ORG")]


def test_cluener_company_that_is_a_ministry_is_gov() -> None:
    text = "商务部发布了新规定。"
    assert named(nc.map_cluener((text, [(0, 3, "company")]))) == [("商务部", "GOV")]


def test_cluener_generic_government_words_are_no_entities() -> None:
    for word in ("有关部门", "公安机关", "中央财政", "警方", "法院"):
        text = f"{word}表示将加强监管。"
        assert named(nc.map_cluener((text, [(0, len(word), "government")]))) == [], word


def test_cluener_untagged_places_completed_outside_spans() -> None:
    text = "中国星河公司在中国和日本都有工厂。"
    pattern = nc.place_pattern(["中国", "日本"])
    record = (text, [(0, 6, "company")])
    assert named(nc.map_cluener(record, pattern)) == [
        ("中国星河公司", "ORG"), ("中国", "LOC"), ("日本", "LOC")]
    assert named(nc.map_cluener(record)) == [("中国星河公司", "ORG")]


def test_cluener_address_cut_into_its_divisions() -> None:
    text = "他住在河南省商丘市睢阳区神火大道。"
    start = text.index("河南省")
    record = (text, [(start, len(text) - 1, "address")])
    assert named(nc.map_cluener(record)) == [
        ("河南省", "LOC"), ("商丘市", "LOC"), ("睢阳区", "LOC"), ("神火大道", "LOC")]
    assert named(nc.map_cluener(record, split_addresses=False)) == [
        ("河南省商丘市睢阳区神火大道", "LOC")]
    assert nc.split_address("去碧桂园城央学府", 1, 8) == [(1, 8, "LOC")]  # no division first


def test_weibo_names_only() -> None:
    text = "小李和粉丝在上海见了新浪的人"
    tags = ["O"] * len(text)
    for name, kind in [("小李", "PER.NAM"), ("粉丝", "PER.NOM"), ("上海", "GPE.NAM"),
                       ("新浪", "ORG.NAM")]:
        s = text.index(name)
        tags[s] = "B-" + kind
        for i in range(s + 1, s + len(name)):
            tags[i] = "I-" + kind
    assert named(nc.map_weibo((text, tags))) == [("小李", "PER"), ("上海", "LOC"),
                                                ("新浪", "ORG")]


def test_place_names_need_count_and_share() -> None:
    tagged = [bio("他去了长安镇。", [("长安镇", "LOC")])] * nc.PLACE_MIN_COUNT
    rare = [bio("他去了白石镇。", [("白石镇", "LOC")])] * (nc.PLACE_MIN_COUNT - 1)
    mixed = [bio("他去了红旗村。", [("红旗村", "LOC")])] * nc.PLACE_MIN_COUNT + \
        [("红旗村的人说。", ["O"] * 7)] * 5  # tagged 20 of 25 times: share 0.8
    assert nc.msra_place_names(tagged + rare + mixed) == ["长安镇"]


def test_overlapping_spans_keep_the_first() -> None:
    assert nc.spans_to_tags(5, [(0, 3, "ORG"), (2, 4, "LOC")]) == \
        ["B-ORG", "I-ORG", "I-ORG", "O", "O"]


def test_dev_tail_is_train_ner_holdout() -> None:
    for n in (10, 45000, 10737):
        assert nc.held_out_start(n, 0.1) == train_ner.held_out_start(n, 0.1)


def test_unknown_corpus_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        nc.train_sets(tmp_path, ["people"], msra=False)
    with pytest.raises(ValueError):
        nc.dev_sets(tmp_path, ["msra-test"])


def test_dev_scores_per_type_and_coarse(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhfacts.ner import model as ner_model

    text = "国务院和星河公司"
    gold = [bio(text, [("国务院", "GOV"), ("星河公司", "ORG")])]
    monkeypatch.setattr(ner_model, "tag_entities",
                        lambda t: [(0, 3, "ORG"), (4, 8, "ORG")] if t == text else [])
    result = eval_ner.score(gold, eval_ner.DEV_TYPES)
    assert result["GOV"]["recall"] == 0.0
    assert result["ORG"]["precision"] == 0.5
    assert result["ORG+GOV"]["f1"] == 1.0
    assert result["micro-coarse"]["f1"] == 1.0
    # Test-set scoring (PER/LOC/ORG): a model's GOV counts as ORG.
    monkeypatch.setattr(ner_model, "tag_entities",
                        lambda t: [(0, 3, "GOV"), (4, 8, "ORG")] if t == text else [])
    coarse = [bio(text, [("国务院", "ORG"), ("星河公司", "ORG")])]
    assert eval_ner.score(coarse)["micro"]["f1"] == 1.0


def test_test_sets_only_behind_their_flag() -> None:
    with pytest.raises(SystemExit):
        eval_ner.main(["--test", "--dev", "msra-dev"])
