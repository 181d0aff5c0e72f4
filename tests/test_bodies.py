"""Government bodies: the grammar over data (SPEC section 2, GOV)."""

from __future__ import annotations

import pytest

from zhfacts.page.page import build_page
from zhfacts.entities.bodies import body_norm, find_bodies, levels_of
from zhfacts.page.context import DocumentContext
from zhfacts.entities.merge import find_entities


def _bodies(text: str, places: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    spans = []
    for place in places:
        index = text.find(place)
        while index >= 0:
            spans.append((index, index + len(place)))
            index = text.find(place, index + 1)
    return [b.text for b in find_bodies(text, spans)]


@pytest.mark.parametrize("text, places, expected", [
    ("记者从市民政局了解到", [], ["市民政局"]),
    ("联合市财政局印发通知", [], ["市财政局"]),
    ("河南省人力资源和社会保障厅、省科学技术厅联合下发", ["河南省"],
     ["河南省人力资源和社会保障厅", "省科学技术厅"]),
    ("商丘市质量强市工作领导小组办公室印发", ["商丘市"], ["商丘市质量强市工作领导小组办公室"]),
    ("市委、市政府高度重视", [], ["市委", "市政府"]),
    ("县委宣传部组织", [], ["县委宣传部"]),
    ("在县纪委全程监督下", [], ["县纪委"]),
    ("县纪委监委通报", [], ["县纪委监委"]),
    ("加强与乡村振兴局相关信息衔接", [], ["乡村振兴局"]),
    ("党中央、国务院印发", [], ["党中央", "国务院"]),
    ("市科技局在市人大常委会开展的测评中", [], ["市科技局", "市人大常委会"]),
    ("被人社部、科技部评为", [], ["人社部", "科技部"]),
    ("县直各部门、各单位要认真组织学习", [], []),
    ("科技部门和省直有关单位", [], []),
    ("市人大代表和政协委员", [], []),
    ("委托常春藤养老服务有限公司", [], []),
])
def test_bodies(text: str, places: list[str], expected: list[str]) -> None:
    assert _bodies(text, places) == expected


def test_bare_prefix_resolves_against_the_document_place() -> None:
    (body,) = find_bodies("记者从市民政局了解到")
    assert body_norm(body, levels_of("商丘市", ["河南省"])) == "商丘市民政局"
    assert body_norm(body, {}) == "市民政局"


def test_entities_map_back_through_line_breaks() -> None:
    text = "市住房公积金管\n理中心负责人表示"
    (entity,) = find_entities(build_page(text, DocumentContext.of(None, "商丘市")))
    assert entity.label == "GOV" and text[entity.start:entity.end] == "市住房公积金管\n理中心"
    assert entity.norm == {"name": "商丘市住房公积金管理中心"}


def test_merge_keeps_the_longest_span_and_prefers_rules() -> None:
    from zhfacts.entities.merge import Candidate, merge_candidates

    merged = merge_candidates([
        Candidate("GPE", 0, 3, {"name": "商丘市"}, "gazetteer"),
        Candidate("GOV", 0, 7, {"name": "商丘市民政局"}, "rule"),
        Candidate("ORG", 3, 7, {"name": "民政局"}, "model"),
        Candidate("PERSON", 8, 10, {"name": "王薇"}, "model"),
        Candidate("PERSON", 8, 10, {"name": "王薇"}, "rule"),
    ])
    assert [(c.label, c.start, c.end, c.by) for c in merged] == [
        ("GOV", 0, 7, "rule"), ("PERSON", 8, 10, "rule")]


def test_named_place_prefixes_come_from_the_gazetteer() -> None:
    text = "虞城县财政局召开培训会，睢阳区宋城街道迎宾社区日间照料中心"
    entities = find_entities(build_page(text, DocumentContext.of(None, "商丘市")))
    assert [(e.label, e.text) for e in entities] == [
        ("GOV", "虞城县财政局"), ("GPE", "睢阳区"), ("GPE", "宋城街道"), ("GPE", "迎宾社区")]
    assert entities[1].norm == {"name": "睢阳区", "code": "411403",
                                "parents": ["河南省", "商丘市"]}
