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


# --- the central inventory (data/central_bodies.json) -------------------------

def test_inventory_gives_every_body_its_current_successor() -> None:
    from zhfacts.entities.bodies import central_body

    assert central_body("建设部").current == "住房和城乡建设部"  # type: ignore[union-attr]
    assert central_body("央行").name == "中国人民银行"  # type: ignore[union-attr]
    banking = central_body("银监会")
    assert banking is not None and banking.current == "国家金融监督管理总局"
    assert banking.via == ("中国银行保险监督管理委员会",)
    assert (banking.since, banking.until) == (2003, 2018)
    health = central_body("卫生部")
    assert health is not None and health.current == "国家卫生健康委员会"
    assert health.via == ("国家卫生和计划生育委员会",)
    assert central_body("监察部").current == "国家监察委员会"  # type: ignore[union-attr]
    assert central_body("中华人民共和国外交部").name == "外交部"  # type: ignore[union-attr]
    assert central_body("市民政局") is None


def test_inventory_is_consistent() -> None:
    import json

    from zhfacts.datafiles import read_data_text
    from zhfacts.entities.bodies import grammar

    data = json.loads(read_data_text("central_bodies.json"))
    names = {entry["name"] for entry in data["bodies"]}
    others = set(grammar().central) - names
    years = {None, 1998, 2000, 2001, 2003, 2005, 2007, 2008, 2010, 2011, 2013, 2018, 2020, 2021, 2023}
    for entry in data["bodies"]:
        assert entry["label"] == "GOV"
        assert entry["current"] in names or entry["current"] in others, entry["name"]
        assert all(step in names for step in entry.get("via", [])), entry["name"]
        assert entry["from"] in years and entry["until"] in years, entry["name"]
        if entry["until"] is None:
            assert entry["current"] == entry["name"] or "note" in entry, entry["name"]


@pytest.mark.parametrize("text, places, expected", [
    # A central body keeps the place and the local unit written after it.
    ("2021年，人民银行赣州中心支行统计显示", ["赣州"], ["人民银行赣州中心支行"]),
    ("国家统计局九江调查队昨日发布数据", ["九江"], ["国家统计局九江调查队"]),
    ("国家统计局江苏调查总队和省统计局", ["江苏"], ["国家统计局江苏调查总队", "省统计局"]),
    ("国家税务总局南昌市税务局发布公告", ["南昌市"], ["国家税务总局南昌市税务局"]),
    ("国家审计署驻南京特派员办事处进驻", ["南京"], ["国家审计署驻南京特派员办事处"]),
    ("中国银保监会九江监管分局局长介绍", ["九江"], ["中国银保监会九江监管分局"]),
    # A department written right after its body is part of it.
    ("国务院机关事务管理局近日印发通知", [], ["国务院机关事务管理局"]),
    ("宜春市财政局政府采购管理办公室负责人介绍", ["宜春市"], ["宜春市财政局政府采购管理办公室"]),
    # Regulators and their local offices, from domains and heads.
    ("有关数据由省通信管理局、江西证监局和九江海关提供", ["江西", "九江"],
     ["省通信管理局", "江西证监局", "九江海关"]),
    ("数据来自省广播电视局和省市场监督管理局", [], ["省广播电视局", "省市场监督管理局"]),
    ("此外还与市公证处签订协议", [], ["市公证处"]),
    ("自治区住房和城乡建设厅牵头", [], ["自治区住房和城乡建设厅"]),
    # A bare level after a named place repeats it: one body as written.
    ("会上，崇礼县政府负责人作了发言", ["崇礼"], ["崇礼县政府"]),
    ("从吉安市市委的部署来看", ["吉安市"], ["吉安市市委"]),
    ("晨光街道市委院社区", ["晨光街道"], ["市委"]),
    # 该市 points back; the body is what follows it.
    ("由该市行政服务中心管理", [], ["行政服务中心"]),
    # Former names and abbreviations of the inventory.
    ("当年建设部和监察部联合发文", [], ["建设部", "监察部"]),
    ("建议央行适当降准，银监会随后发文", [], ["央行", "银监会"]),
    ("此案由高检、高法和公安部联合督办", [], ["高检", "高法", "公安部"]),
    # Short names are not read inside longer words.
    ("中央行政机关要带头", [], []),
    ("要不断提高法律意识", [], []),
    ("全国会议代表", [], []),
    # Sessions of a committee.
    ("按照市第五次党代会、市委六届三次全会的部署", [], ["市第五次党代会", "市委六届三次全会"]),
])
def test_bodies_from_the_inventory_and_the_grammar(text: str, places: list[str],
                                                   expected: list[str]) -> None:
    assert _bodies(text, places) == expected


def test_foreign_bodies_follow_a_country() -> None:
    text = "美国国土安全部和日本外务省"
    bodies = find_bodies(text, foreign_spans=[(0, 2), (8, 10)])
    assert [b.text for b in bodies] == ["美国国土安全部", "日本外务省"]
    assert [b.text for b in find_bodies("国会通过了该法案，FBI介入调查")] == ["国会", "FBI"]
    assert [b.text for b in find_bodies("XFBIZ")] == []


def test_short_names_the_document_gives() -> None:
    from zhfacts.entities.bodies import short_names

    text = "九江市政府采购中心（以下简称“中心”）成立于2002年，采购中心现有职工20人，中心主任说。"
    bodies = find_bodies(text, [(0, 3)])
    assert [b.text for b in bodies] == ["九江市政府采购中心"]
    assert [b.text for b in short_names(text, bodies)] == ["采购中心"]  # not 中心
    text = "萍乡市财政局政府采购管理办公室（以下简称“政采办”）制定办法，政采办要求"
    bodies = find_bodies(text, [(0, 3)])
    assert [b.text for b in bodies] == ["萍乡市财政局政府采购管理办公室"]
    found = [(b.start, b.text) for b in short_names(text, bodies)]
    assert found == [(21, "政采办"), (31, "政采办")]


def test_a_short_name_after_a_generic_word_is_a_kind_of_body() -> None:
    from zhfacts.entities.bodies import short_names

    # 一些地方 / 各级 / 各地的 + 政府采购中心: the kind, not the body the document named.
    text = ("武汉市政府采购中心发布通知。一些地方政府采购中心主任认为，各级政府采购中心应加强交流，"
            "每家政府采购中心都要建立制度，政府采购中心将牵头。")
    bodies = find_bodies(text, [(0, 3)])
    assert [b.text for b in short_names(text, bodies)] == ["政府采购中心"]


@pytest.mark.parametrize(("text", "expected"), [
    # The grammar and the inventory win over the model's ORG.
    ("有关数据由江西证监局和九江海关提供", [("GOV", "江西证监局"), ("GOV", "九江海关")]),
    ("建议央行适当降准", [("GOV", "央行")]),
    ("2021年，人民银行赣州中心支行统计显示", [("GOV", "人民银行赣州中心支行")]),
    ("美国国土安全部发言人说", [("GOV", "美国国土安全部")]),
    # a place in brackets inside a name stays inside it (SPEC: flat, the longest wins)
    ("中国（深圳）综合开发研究院发布报告", [("ORG", "中国（深圳）综合开发研究院")]),
])
def test_bodies_win_over_the_model(text: str, expected: list[tuple[str, str]]) -> None:
    entities = find_entities(build_page(text))
    assert [(e.label, e.text) for e in entities if e.label != "DATE"] == expected


@pytest.mark.parametrize(("text", "bodies"), [
    ("召开了三次国务院常务会议", ["国务院"]),          # a count before a body is no session
    ("消息来自央行", ["央行"]),                      # a short name at the end of the text
    ("县第十五届人民代表大会第四次会议召开", ["县第十五届人民代表大会第四次会议"]),
])
def test_a_session_number_opens_a_body_a_count_does_not(text: str, bodies: list[str]) -> None:
    assert [b.text for b in find_bodies(text)] == bodies


@pytest.mark.parametrize(("text", "bodies"), [
    # A sub-unit written right after a body is part of it (issue 13: bodies keep
    # the sub-units written inside them)...
    ("省财政厅政府采购监督管理处日前发出通知", ["省财政厅政府采购监督管理处"]),
    ("财政部预算司负责人介绍", ["财政部预算司"]),
    ("市财政局政府采购中心主任表示", ["市财政局政府采购中心"]),
    # ...but not a title (处长), a predicate (要求各处室), an idiom or a website.
    ("市财政局处长表示", ["市财政局"]),
    ("市财政局要求各处室加强管理", ["市财政局"]),
    ("县人民政府网站公布了名单", ["县人民政府"]),
])
def test_a_body_keeps_the_sub_unit_written_after_it(text: str, bodies: list[str]) -> None:
    assert [b.text for b in find_bodies(text)] == bodies


def test_a_place_before_a_central_name_names_its_own_body() -> None:
    # SPEC: the place prefix written attached is part of the body (香港 + 证监会);
    # bodies only the whole country has take none (北京 | 国务院新闻办公室).
    assert _bodies_of("香港证监会法规执行部执行董事表示", [(0, 2)]) == ["香港证监会"]
    assert _bodies_of("北京国务院新闻办公室", [(0, 2)]) == ["国务院新闻办公室"]


def _bodies_of(text: str, places: list[tuple[int, int]]) -> list[str]:
    return [b.text for b in find_bodies(text, places)]


def test_central_procurement_centres_are_bodies() -> None:
    text = "据国采中心有关负责人介绍，中央国家机关政府采购中心今年采购规模扩大。"
    assert [b.text for b in find_bodies(text)] == ["国采中心", "中央国家机关政府采购中心"]


@pytest.mark.parametrize(("text", "expected"), [
    # A headquarters' office is a group body; a bare level may open its name.
    ("国家防汛抗旱总指挥部办公室下达通知。", ["国家防汛抗旱总指挥部办公室"]),
    ("据悉，省森林防火指挥部办公室发布预警。", ["省森林防火指挥部办公室"]),
    # ... but a clause is no name.
    ("他说，县里成立了指挥部。", []),
    ("区政府新建疫情防控指挥部。", ["区政府"]),  # a body inside the free text: two
    # 国办 / 中办 are the State Council's and the Central Committee's general offices,
    # not the end of 全国 or 集中 before 办理.
    ("中办、国办联合印发通知。", ["中办", "国办"]),
    ("全国办理案件300件，集中办理业务。", []),
])
def test_group_bodies_opened_by_a_bare_level(text: str, expected: list[str]) -> None:
    assert [b.text for b in find_bodies(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A level written inside a body's name (省级, 省级机关) keeps its place with it.
    ("山西省省级政府采购中心完成采购。", ["山西省省级政府采购中心"]),
    ("山东省省级机关政府采购中心组织招标。", ["山东省省级机关政府采购中心"]),
    # Investment promotion and economic cooperation bureaus.
    ("四川省经济合作局梳理项目。", ["四川省经济合作局"]),
])
def test_a_level_inside_a_bodys_name(text: str, expected: list[str]) -> None:
    assert [b.text for b in find_bodies(text, [(0, 3)])] == expected


def test_a_level_with_no_place_before_it_names_a_kind_of_body() -> None:
    assert [b.text for b in find_bodies("各省级政府采购中心积极参与。")] == []


def test_a_central_procurement_centre_is_a_sub_unit() -> None:
    assert [b.text for b in find_bodies("国家税务总局集中采购中心组织招标。")] == [
        "国家税务总局集中采购中心"]


def test_a_level_that_ends_a_name_is_no_prefix() -> None:
    # 中关村: 村 ends the name, it is no bare level before 管委会.
    assert [b.text for b in find_bodies("中关村管委会组织采购。")] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("江西省政府采购管理处发出通知。", ["江西省政府采购管理处"]),
    ("省监察厅派员参加。", ["省监察厅"]),
    ("县公共资源交易中心组织开标。", ["县公共资源交易中心"]),
    # (the unit's 处 joined by jieba to its head's title: 采购处 | 处长)
    ("市财政局政府采购处处长到会讲话。", ["市财政局政府采购处"]),
])
def test_procurement_and_supervision_offices_are_bodies(text: str, expected: list[str]) -> None:
    assert _bodies(text, ["江西省"]) == expected
