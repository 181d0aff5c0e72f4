"""The merged entity layer: rules, gazetteer and the statistical model together."""

from __future__ import annotations

from pathlib import Path

import pytest

import zhfacts

from conftest import shared_dir
from zhfacts.page.page import build_page
from zhfacts.page.context import DocumentContext
from zhfacts.entities.merge import Candidate, find_entities, merge_candidates
from zhfacts.entities.landmarks import extend_roads, find_landmarks
from zhfacts.evaluation.ner_corpora import bio_spans, read_bio_lines, score_sentences
from zhfacts.entities.world import parse_world


def labelled(text: str, place: str | None = None) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in find_entities(build_page(text, DocumentContext.of(None, place)))]


@pytest.mark.parametrize(("text", "expected"), [
    # The model finds a name no cue marks; the gazetteer still decides places.
    ("昨天，王建国在商丘市调研。", [("PERSON", "王建国"), ("GPE", "商丘市")]),
    # A body the model finds is read by the grammar: GOV, not ORG.
    ("国家卫生健康委员会发布通知。", [("GOV", "国家卫生健康委员会")]),
    # The longest entity wins: a model name around a rule span.
    ("中共中央政治局召开会议。", [("GOV", "中共中央政治局")]),
    # A bare-level body is never the tail of a longer word (联合 | 市财政局).
    ("市民政局联合市财政局印发通知。", [("GOV", "市民政局"), ("GOV", "市财政局")]),
    # Countries are GPEs without a code.
    ("中美两国元首举行会谈。", [("GPE", "中"), ("GPE", "美")]),
])
def test_merged_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # SPEC: a government with the place written before it is one GOV, a foreign one too;
    # the world list is read before a body's head even where the model tags no country.
    ("据悉，加拿大政府已经澄清。", [("GOV", "加拿大政府")]),
    ("外资企业来华投资，中国政府也表示欢迎。", [("GOV", "中国政府")]),
    # A one-character abbreviation names its country before a long head only (俄 +
    # 国防部), not where it ends a word (增加 | 国防部) or before a short head (新政府).
    ("俄国防部认为，改革将继续。", [("GOV", "俄国防部")]),
    ("议员要求增加国防部的预算。", [("GOV", "国防部")]),
    ("新政府成立以后，两国政府签署协议。", []),
    # Abbreviated commissions after a bare level or a city (教委, 建委).
    ("自去年起，市教委下发通知。", [("GOV", "市教委")]),
    ("不愿透露姓名的杭州建委官员表示。", [("GOV", "杭州建委")]),
    # An acronym in brackets restates the body before it.
    ("美国联邦贸易委员会（FTC）批准了收购。", [("GOV", "美国联邦贸易委员会"), ("GOV", "FTC")]),
    # The national and local tax bureaus before their 2018 merger, and a prefecture's
    # party committee and its level (地委, 地区).
    ("县国税局、县地税局联合办公。", [("GOV", "县国税局"), ("GOV", "县地税局")]),
    ("该项工作由抚州地委负责。", [("GOV", "抚州地委")]),
    ("地区财政局拨款100万元。", [("GOV", "地区财政局")]),
    # Central bodies of the years before the 1998 plan, and of the party's centre.
    ("国家环境保护局和国家土地管理局联合检查。", [("GOV", "国家环境保护局"), ("GOV", "国家土地管理局")]),
    ("该书由新闻出版署批准出版。", [("GOV", "新闻出版署")]),
    ("中央政策研究室的课题组到县里调研。", [("GOV", "中央政策研究室")]),
    # Foreign ministries and agencies of the 1990s news after their country.
    ("日本通产省发表声明。", [("GOV", "日本通产省")]),
    ("据马来西亚中央统计局统计，出口下降。", [("GOV", "马来西亚中央统计局")]),
    # (not 发展中 + 国家银行: a place before a head of a foreign body)
    ("发展中国家银行业比较落后。", []),
    # Police units, detention centres and administrations named after their place.
    # (two bodies the model reads as one name, joined by 和, are two)
    ("文昌看守所和文城交警中队受到表彰。", [("GOV", "文昌看守所"), ("GOV", "文城交警中队")]),
    ("国家发展和改革委员会发布通知。", [("GOV", "国家发展和改革委员会")]),
    ("前海管理局发布数据。", [("GOV", "前海管理局")]),
    # A level that ends a word opens no body (灾区 | 政府, 城市 | 政府); 团省委 is the
    # Youth League's committee, not the party's 省委.
    ("企业向这些灾区政府捐赠了物资。", []),
    ("城市政府要加强规划管理。", []),
    ("团省委和省妇联联合发文。", [("ORG", "团省委"), ("ORG", "省妇联")]),
    ("本市政府已作部署。", [("GOV", "市政府")]),  # (a level 本 points at opens one)
])
def test_governments_and_foreign_bodies(text: str, expected: list[tuple[str, str]]) -> None:
    assert [x for x in labelled(text) if x[0] in ("GOV", "ORG")] == expected


def test_a_model_name_ending_in_an_indicator_is_no_organization(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The model reads 深圳GDP as one ORG in some contexts; it is a place and an indicator.
    import zhfacts.entities.merge as merge

    text = "这成为深圳GDP增速反超的重要原因。"
    monkeypatch.setattr(merge, "tag_entities", lambda _: [(3, 8, "ORG")])
    assert labelled(text) == [("GPE", "深圳")]


def test_a_model_name_ending_in_a_measured_amount_is_no_organization(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A place and the amount it plans or takes in, read by the model as one ORG.
    import zhfacts.entities.merge as merge

    text = "河南省水利规划投资1497亿元，全市财政收入增长8%。"
    monkeypatch.setattr(merge, "tag_entities", lambda _: [(0, 9, "ORG"), (16, 22, "ORG")])
    assert [x for x in labelled(text) if x[0] in ("GPE", "ORG")] == [("GPE", "河南省")]


def test_a_station_named_after_an_unlisted_place_is_a_body() -> None:
    from zhfacts.entities.merge import _named_station

    ends = ("派出所", "人民法院")
    assert _named_station("东湖派出所", ends) and _named_station("沙坪镇人民法院", ends)
    assert not _named_station("派出所", ends) and not _named_station("A区派出所", ends)
    assert ("GOV", "朝阳东湖派出所") in labelled("1月9日，朝阳东湖派出所打掉了这个盗窃团伙。")


def test_facility_named_after_its_places_is_not_an_organization() -> None:
    # SPEC section 6: the places are GPEs, 日间照料中心 is not annotated.
    got = labelled("睢阳区宋城街道迎宾社区日间照料中心", "商丘市")
    assert got == [("GPE", "睢阳区"), ("GPE", "宋城街道"), ("GPE", "迎宾社区")]


def test_model_can_be_left_out() -> None:
    text = "昨天，王建国在商丘市调研。"
    without = find_entities(build_page(text), use_model=False)
    assert [(e.label, e.text) for e in without] == [("GPE", "商丘市")]
    assert {e.by for e in find_entities(build_page(text))} == {"model", "gazetteer"}


def test_entity_offsets_point_into_line_broken_text() -> None:
    text = "记者从河南省人力资源和社会\n保障厅获悉，柘城县人民\n医院新院区启用。"
    for entity in find_entities(build_page(text)):
        assert text[entity.start:entity.end] == entity.text
    assert ("ORG", "柘城县人民\n医院") in [(e.label, e.text) for e in find_entities(build_page(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("第十七届就业援助月专场招聘会在庄周广场举行", ["庄周广场"]),
    ("，紧邻洛阳北郊机场的中建家园也已启动改造", ["洛阳北郊机场", "中建家园"]),
    ("打造连接隋唐洛阳城国家遗址公园的文化街区", ["隋唐洛阳城国家遗址公园"]),
    ("每天晚上跳广场舞", []),
    ("建设口袋公园12个", []),
])
def test_landmarks(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_landmarks(text)] == expected


def test_roads_complete_a_place_name() -> None:
    text = "中州中路、凯旋东路"
    assert text[:extend_roads(text, 2)] == "中州中路"
    assert extend_roads(text, 4) == 4


def test_merge_rounds() -> None:
    rule = Candidate("GOV", 2, 6, {"name": "市财政局"}, "rule", anchored=True)
    around = Candidate("ORG", 0, 6, {"name": "联合市财政局"}, "model")
    place = Candidate("GPE", 0, 2, {"name": "长春市"}, "gazetteer")
    person = Candidate("PERSON", 10, 13, {"name": "李长春"}, "model")
    short_place = Candidate("GPE", 11, 13, {"name": "长春市"}, "gazetteer")
    kept = merge_candidates([rule, around, place, person, short_place])
    assert [(c.label, c.start, c.end) for c in kept] == [
        ("GPE", 0, 2), ("GOV", 2, 6), ("PERSON", 10, 13)]


def test_world_list_parsing() -> None:
    text = "亚洲:\n中国\t中华人民共和国\t北京\t上海/深圳\n日本\t日本国\t东京\t大阪/京都\n"
    world = parse_world(text)
    assert world["中华人民共和国"].norm() == {"name": "中国", "code": None, "parents": []}
    assert world["大阪"].norm() == {"name": "大阪", "code": None, "parents": ["日本"]}
    assert "上海" not in world  # China's cities belong to the gazetteer


def test_bio_reading_and_scoring() -> None:
    lines = ["李\tB-PER", "明\tI-PER", "在\tO", "北\tB-LOC", "京\tI-LOC", "", "好\tO", ""]
    sentences = list(read_bio_lines(lines))
    assert sentences[0][0] == "李明在北京" and sentences[1][0] == "好"
    assert bio_spans(sentences[0][1]) == {(0, 2, "PER"), (3, 5, "LOC")}
    assert bio_spans(["I-ORG", "I-ORG", "O", "I-LOC"]) == {(0, 2, "ORG"), (3, 4, "LOC")}

    def tagger(text: str) -> list[tuple[int, int, str]]:
        return [(0, 2, "PERSON"), (3, 5, "GPE"), (0, 1, "DATE")] if text.startswith("李") else []

    tallies = score_sentences(sentences, tagger)
    assert (tallies["all"].gold, tallies["all"].predicted, tallies["all"].found) == (2, 2, 2)
    assert tallies["PER"].f1 == 1.0


def test_corpus_gold_mapped_to_spec_governments() -> None:
    from zhfacts.evaluation.ner_corpora import spec_conventions

    text = "中国政府和日本代表团在北京市政府会谈"
    tags = ["B-LOC", "I-LOC", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG",
            "O", "B-LOC", "I-LOC", "I-LOC", "O", "O", "O", "O"]
    mapped = spec_conventions((text, tags))[1]
    assert bio_spans(mapped) == {(0, 4, "ORG"), (5, 10, "ORG"), (11, 16, "ORG")}
    # 政府 already inside another entity stays as annotated.
    inside = ["B-LOC", "I-LOC", "B-ORG", "I-ORG"]
    assert spec_conventions(("中国政府", inside))[1] == inside


def test_shared_corpora_benchmark_reads_when_present() -> None:
    root = shared_dir() / "corpora"
    if not (root / "msra-ner" / "msra_test_bio.txt").is_file():
        pytest.skip("../shared/corpora is not here")
    from zhfacts.evaluation.ner_corpora import MSRA_TEST, read_bio

    sentences = read_bio(root / MSRA_TEST)
    assert len(sentences) == 3442
    assert all(len(text) == len(tags) for text, tags in sentences)


def test_user_entities_and_units_extend_the_pipeline(tmp_path: Path) -> None:
    import json

    import zhfacts

    entities = tmp_path / "entities.json"
    entities.write_text(json.dumps({
        "bodies": ["市城市更新工作专班"], "organizations": ["西工城投"], "people": ["欧阳东方"],
        "places": [{"name": "涧河", "label": "LOC"},
                   {"name": "伊滨经开区", "label": "GPE", "code": None, "parents": ["洛阳市"]}]},
        ensure_ascii=False), encoding="utf-8")
    units = tmp_path / "units.json"
    units.write_text(json.dumps({"units": [
        {"surface": "标箱", "code": "TEU", "label": "QUANTITY"},
        {"surface": "万千瓦时", "code": "kWh", "label": "QUANTITY", "factor": "10000"}]},
        ensure_ascii=False), encoding="utf-8")
    text = ("市城市更新工作专班组织西工城投在涧河沿岸施工，欧阳\n东方说，"
            "伊滨经开区吞吐量达12.5万标箱，用电36万千瓦时。")
    nlp = zhfacts.load(entities=str(entities), units=str(units))
    record = zhfacts.extract(text, nlp=nlp)
    got = {(e["label"], e["text"]) for e in record["entities"]}
    assert {("GOV", "市城市更新工作专班"), ("ORG", "西工城投"), ("LOC", "涧河"),
            ("PERSON", "欧阳\n东方"), ("GPE", "伊滨经开区")} <= got
    figures = {e["text"]: (e["value"], e["unit"]) for e in record["entities"] if "unit" in e}
    assert figures["12.5万标箱"] == ("125000", "TEU")
    assert figures["36万千瓦时"] == ("360000", "kWh")
    place = next(e for e in record["entities"] if e["text"] == "伊滨经开区")
    assert place["norm"] == {"name": "伊滨经开区", "code": None, "parents": ["洛阳市"]}
    # Without the files the same text has no such units.
    plain = zhfacts.extract(text)
    assert "12.5万标箱" not in {e["text"] for e in plain["entities"]}


@pytest.mark.parametrize("data", [
    {"bodys": ["x"]}, {"bodies": "市委"}, {"places": [{"label": "GPE"}]},
    {"places": [{"name": "涧河", "label": "RIVER"}]},
])
def test_bad_user_entities_are_reported(data: dict[str, object]) -> None:
    from zhfacts.errors import DataFileError
    from zhfacts.entities.user_entities import parse_user_entities

    with pytest.raises(DataFileError):
        parse_user_entities(data)


#: SPEC section 2's examples from the seed page for GOV, PERSON and GPE.
SPEC_TABLE = {
    "GOV": ["市民政局", "市财政局", "乡村振兴局", "河南省人力资源和社会保障厅",
            "商丘市质量强市工作领导小组办公室", "县纪委", "市住房公积金管理中心", "虞城县财政局",
            "民权县南华街道办事处", "党中央", "国务院", "市人大常委会"],
    "PERSON": ["翟华伟", "刘振立", "王薇", "庞进红", "吕忠箱"],
    "GPE": ["河南省", "商丘市", "睢阳区", "宋城街道", "迎宾社区", "宁陵县", "城郊乡", "陈青集镇",
            "打油李村"],
}


def test_every_spec_table_entity_of_the_seed_page_is_found_exactly() -> None:
    import json

    import zhfacts

    root = Path(__file__).resolve().parents[1]
    gold = json.loads((root / "corpora" / "shangqiu-daily-page.jsonl").read_text("utf-8"))
    found = {(e["start"], e["end"], e["label"])
             for e in zhfacts.extract(gold["text"], "2023-03", "商丘市")["entities"]}
    for label, names in SPEC_TABLE.items():
        mentions = [e for e in gold["entities"]
                    if e["label"] == label and "".join(e["text"].split()) in names]
        assert {"".join(e["text"].split()) for e in mentions} == set(names)
        missed = [e["text"] for e in mentions if (e["start"], e["end"], label) not in found]
        assert not missed, f"{label} not found exactly: {missed}"


@pytest.mark.parametrize(("run", "names"), [
    ("何其宗何椿霖佟宝存", ["何其宗", "何椿霖", "佟宝存"]),
    ("王薇刘洋", ["王薇", "刘洋"]),
    ("欧阳东方", None),        # one name with a compound surname
    ("李建国", None),          # one name
    ("戈麦尔斯基", None),      # a foreign name
    ("吉姆·吉尔摩", None),
])
def test_runs_of_names_are_split(run: str, names: list[str] | None) -> None:
    from zhfacts.entities.name_lists import name_pieces

    pieces = name_pieces(run)
    assert (None if pieces is None else [run[a:a + n] for a, n in pieces]) == names


def test_a_name_list_without_separators_gives_each_name() -> None:
    # PDF extraction removed the spaces between the names of a list.
    text = "出席会议的有：何其宗 何椿霖 佟宝存。"
    people = [e.text for e in find_entities(build_page(text)) if e.label == "PERSON"]
    assert people == ["何其宗", "何椿霖", "佟宝存"]


def test_load_without_the_model_keeps_rules_and_gazetteer() -> None:
    import zhfacts

    text = "昨天，王建国在商丘市调研。"
    with_model = zhfacts.extract(text)
    without = zhfacts.extract(text, nlp=zhfacts.load(model=False))
    assert ("PERSON", "王建国") in {(e["label"], e["text"]) for e in with_model["entities"]}
    assert {(e["label"], e["text"]) for e in without["entities"]} >= {("GPE", "商丘市")}
    assert all(e.get("by") != "model" for e in without["entities"])


@pytest.mark.parametrize(("text", "expected"), [
    # One-character places stand as places in runs and after a preposition ...
    ("豫沪两地签署合作协议", [("GPE", "豫"), ("GPE", "沪")]),
    ("疫情过后在粤消费明显回暖", [("GPE", "粤")]),
    ("港澳地区游客增多", [("GPE", "港"), ("GPE", "澳")]),
    # ... not inside ordinary words, nor as a category of investors.
    ("全市中药材种植面积扩大", []),
    ("外商及港澳台商投资企业利润增长", []),
    # Countries by their one-character or short names, and states of the past.
    ("他是第一位来华访问的秘鲁总统。", [("GPE", "华"), ("GPE", "秘鲁")]),
    ("海外华人华侨纷纷捐款。", []),  # (华 of the people, not the country)
    ("印尼今年的出口下降。", [("GPE", "印尼")]),
    ("南斯拉夫和前苏联都已解体。", [("GPE", "南斯拉夫"), ("GPE", "苏联")]),
    # Two places written together, where a word crosses their boundary (海南 | 海口: 南海).
    ("他从山西太原调到海南海口工作。", [("GPE", "山西"), ("GPE", "太原"), ("GPE", "海南"), ("GPE", "海口")]),
])
def test_one_character_places(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(label, name) for label, name in labelled(text) if label in ("GPE", "LOC")] == expected


def test_province_abbreviations_normalize_to_the_province() -> None:
    (first, second) = [e for e in find_entities(build_page("豫沪两地签署合作协议"))]
    assert first.norm == {"name": "河南省", "code": "410000", "parents": []}
    assert second.norm["name"] == "上海市"
    # 澳 beside a country is Australia, beside 港 Macao.
    macao = [e for e in find_entities(build_page("港澳地区游客增多")) if e.text == "澳"]
    assert macao[0].norm["name"] == "澳门特别行政区"
    australia = [e for e in find_entities(build_page("中澳关系稳步发展")) if e.text == "澳"]
    assert australia[0].norm["name"] != "澳门特别行政区"


def test_lists_of_things_that_are_not_names() -> None:
    # Car models in a list: the model's readings (LOC, ORG, PERSON) go with the list.
    text = "销量靠前的有思域、捷达、新宝来、速腾、骐达等车型"
    assert labelled(text) == []
    # A list of people stays.
    assert labelled("王建国、李明华、张志强出席会议") == [
        ("PERSON", "王建国"), ("PERSON", "李明华"), ("PERSON", "张志强")]


def test_body_before_an_organization_of_its_own() -> None:
    text = "国家发改委中国宏观经济学会秘书长认为"
    assert [(label, name) for label, name in labelled(text) if label in ("GOV", "ORG")] == [
        ("GOV", "国家发改委"), ("ORG", "中国宏观经济学会")]


def test_a_place_the_page_names_elsewhere_is_no_person(monkeypatch: pytest.MonkeyPatch) -> None:
    # The model may read a city's short name before a noun as a person's name
    # (令大庆政采人自豪); where the page names that place as a place elsewhere, it
    # is the place there too. A name the page does not otherwise use as a place stays.
    import zhfacts.entities.merge as merge

    text = "记者来到大庆采访。这些做法令大庆政采人自豪。"
    at = text.rindex("大庆")
    monkeypatch.setattr(merge, "tag_entities", lambda _: [(at, at + 2, "PERSON")])
    assert ("GPE", "大庆") in labelled(text)
    assert ("PERSON", "大庆") not in labelled(text)
    alone = "这些做法令大庆政采人自豪。"
    monkeypatch.setattr(merge, "tag_entities", lambda _: [(5, 7, "PERSON")])
    assert ("PERSON", "大庆") in labelled(alone)


def test_a_model_body_that_ends_in_a_head_stays_a_body() -> None:
    from zhfacts.entities.merge import _ends_in_head

    # The model's GOV is kept where the name ends in a word that ends bodies,
    # though the grammar does not know its domain; never a 政府 the grammar rejects.
    assert _ends_in_head("市住保办机关服务中心") and _ends_in_head("中情局")
    assert not _ends_in_head("河南省电子化政府") and not _ends_in_head("住房和城乡建设")


@pytest.mark.parametrize(("text", "names"), [
    ("入围的品牌有江淮汽车、比亚迪、长城汽车和广汽长丰。", ["江淮汽车", "比亚迪", "长城汽车", "广汽长丰"]),
    # inside another word (其中 | 石油, 推广 | 汽车) a company's name is none
    ("其中石油价格上涨，推广汽车下乡。", []),
])
def test_companies_news_names_without_a_type_word(text: str, names: list[str]) -> None:
    from zhfacts.entities.organizations import find_known_organizations
    assert [text[s:e] for s, e in find_known_organizations(text)] == names


@pytest.mark.parametrize("text", ["当年淮阴市的粮食产量创了新高。", "堆龙德庆县今年粮食增产。",
                                  "干部们来到孙居砦乡检查工作。"])
def test_a_division_the_gazetteer_does_not_list_is_still_a_gpe(text: str) -> None:
    import zhfacts

    labels = {e["text"]: e["label"] for e in zhfacts.extract(text)["entities"]}
    assert "GPE" in labels.values() and "LOC" not in labels.values() and \
        "PERSON" not in labels.values()


def test_a_shop_ending_in_shi_is_no_division() -> None:
    import zhfacts

    assert all(e["label"] != "GPE" for e in zhfacts.extract("沃尔玛超市开业了。")["entities"])


@pytest.mark.parametrize("text", ["个别股份有限公司违规担保。", "一个技术研究所正在筹建。"])
def test_an_indefinite_organization_is_no_name(text: str) -> None:
    import zhfacts

    assert all(e["label"] != "ORG" for e in zhfacts.extract(text)["entities"])


@pytest.mark.parametrize(("text", "expected"), [
    ("任县化肥厂改制后扭亏为盈。", [("ORG", "任县化肥厂")]),  # a factory named after its place
    ("新建污水处理厂3座。", []),  # a kind of factory, no name
    ("上海一家私营物资公司倒闭。", [("GPE", "上海")]),  # 一家 opens no name
    ("全县药材厂村有农户300户。", []),  # 厂 inside a village's name ends no organization
])
def test_factories_are_organizations_where_a_place_names_them(
        text: str, expected: list[tuple[str, str]]) -> None:
    import zhfacts

    found = [(e["label"], e["text"]) for e in zhfacts.extract(text)["entities"]
             if e["label"] in ("ORG", "GPE", "GOV", "LOC", "PERSON")]
    assert [f for f in found if f[0] == "ORG" or f in expected] == expected


def test_a_short_place_name_whose_first_character_ends_a_word_is_no_place() -> None:
    # 经销商 | 都, 电视台 | 中: not 商都 (县), 台中 (市); a place that ends there keeps it.
    assert [x for x in labelled("不少经销商都表示销量增长了。") if x[0] == "GPE"] == []
    assert [x for x in labelled("他在电视台中担任主持人。") if x[0] == "GPE"] == []
    assert ("GPE", "南京") in labelled("江苏南京的销量增长了20%。")


def test_a_city_named_in_full_is_its_abbreviation_too() -> None:
    """哈市 after 哈尔滨市 is the same city; 城市, 超市 and a city the text never
    names in full are no abbreviation."""
    text = "记者来到哈尔滨市。由于该乡属于哈市郊区，吸引了哈市企业；超市和城市都在扩张，郑市不详。"
    places = [(e["text"], e["norm"]["name"]) for e in zhfacts.extract(text)["entities"]
              if e["label"] == "GPE"]
    assert places == [("哈尔滨市", "哈尔滨市"), ("哈市", "哈尔滨市"), ("哈市", "哈尔滨市")]


@pytest.mark.parametrize(("text", "places"), [
    # the model's 太阳 of 太阳能 (a common noun): no place
    ("2010年全球新增太阳能光伏装机容量增长。", []),
    # a place joined into a place's word, or into its lands, is still one
    ("长江流域降雨偏多。", ["长江"]),
    ("产品主要出口东欧国家。", ["东欧"]),
])
def test_a_model_place_that_only_starts_a_common_noun_is_none(text: str,
                                                              places: list[str]) -> None:
    entities = zhfacts.extract(text)["entities"]
    assert [e["text"] for e in entities if e["label"] in ("LOC", "GPE")] == places
