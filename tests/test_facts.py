"""Fact linking (SPEC section 4) and the consistency checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zhfacts
from zhfacts.facts.checks import written_step
from zhfacts.results import Entity, Figure

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "shangqiu-daily-page.txt"
FACT_KEYS = ("metric", "value", "unit", "qualifier", "time", "place", "per", "change",
             "start", "end")


def facts_of(text: str, date: str | None = "2023-03", place: str | None = "商丘市"
             ) -> list[dict[str, object]]:
    return zhfacts.extract(text, date, place)["facts"]


def test_the_spec_example_gives_the_spec_facts() -> None:
    text = "记者从市民政局了解到，2022年，全市共认定低保对象 30.6 万人，发放资金8.9亿元。"
    got = [{k: f[k] for k in FACT_KEYS} for f in facts_of(text)]
    assert got == [
        {"metric": "低保对象", "value": "306000", "unit": "person", "qualifier": "=",
         "time": "2022", "place": "商丘市", "per": None, "change": None, "start": 22, "end": 34},
        {"metric": "发放资金", "value": "890000000", "unit": "CNY", "qualifier": "=",
         "time": "2022", "place": "商丘市", "per": None, "change": None, "start": 35, "end": 44}]


@pytest.mark.parametrize(("text", "expected"), [
    # 分别 distributes figures over 城乡 (SPEC section 4).
    ("全市城乡低保标准分别提高到月人均不低于630元、420元。",
     [("城市低保标准", "630", "person-month"), ("农村低保标准", "420", "person-month")]),
    # A counted noun written after the count is the metric.
    ("全市建成31个街道综合养老服务中心。", [("街道综合养老服务中心", "31", None)]),
    # A share takes what stands before 占.
    ("农业从业人员占全部从业人员的比重不足10%。", [("农业从业人员", "10", None)]),
    # A growth with no metric of its own is the growth of the figure before it.
    ("全县规模以上工业增加值完成45.6亿元，同比增长8.5%。",
     [("规模以上工业增加值", "4560000000", None), ("规模以上工业增加值", "8.5", None)]),
    # A date in the same clause, with no comma after it, is not part of the metric.
    ("2022年全市低保对象30.6万人。", [("低保对象", "306000", None)]),
    ("今年1-5月全县新增就业3260人。", [("新增就业", "3260", None)]),
])
def test_metrics(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(f["metric"], f["value"], f["per"]) for f in facts_of(text)] == expected


def test_change_and_level() -> None:
    facts = facts_of("常住人口80.1万人，比上年末增加0.3万人；粮食总产量下降1.6%；"
                     "城镇化率提升到79.4%。")
    assert [(f["value"], f["change"]) for f in facts] == [
        ("801000", None), ("3000", "increase"), ("1.6", "decrease"), ("79.4", None)]


def test_time_is_never_a_comparison_base() -> None:
    facts = facts_of("2022年，技术合同登记额10.46亿元，较2021年增长86%。")
    assert [f["time"] for f in facts] == ["2022", "2022"]


def test_a_figure_that_qualifies_a_noun_is_no_fact() -> None:
    assert facts_of("对5000万元以上的新开工项目实行专班推进。") == []


def test_repeats_in_a_summary_box_add_no_fact() -> None:
    text = "●全市共认定低保对象30.6万人\n\n2022年，全市共认定低保对象30.6万人。"
    assert len(facts_of(text)) == 1


def test_place_without_context_is_the_county_the_text_names() -> None:
    facts = facts_of("太康县今年安排衔接资金1.2亿元。太康县还新建道路20公里。", None, None)
    assert {f["place"] for f in facts} == {"太康县"}


def test_place_without_context_is_the_province_the_title_names() -> None:
    text = ("一季度湖南经济数据发布：消费增长较快\n"
            "一季度，湖南省统计局发布数据显示，社会消费品零售总额4500亿元，增长8.5%。")
    assert {f["place"] for f in facts_of(text, None, None)} == {"湖南省"}


def test_a_title_with_two_provinces_gives_no_document_place() -> None:
    from zhfacts.facts.linker import place_of_document

    def gpe(start: int, name: str, code: str) -> Entity:
        return Entity("GPE", start, start + 2, name[:2], {"name": name, "code": code})

    hunan, hubei = ("湖南省", "430000"), ("湖北省", "420000")
    title = [gpe(0, *hunan), gpe(2, *hubei)]
    body = [gpe(40, *hunan), gpe(60, *hubei), gpe(80, *hunan)]
    assert place_of_document([*title, *body], title_end=10) is None
    assert place_of_document([title[0], *body[::2]], title_end=10) == "湖南省"


def test_a_county_named_in_a_title_and_by_its_body_is_the_document_place() -> None:
    # a price table titled with its county, credited to the county's bureau at the end
    text = ("柘城县主要农副产品价格行情\n粳米每500克2.68元，面粉每500克2.98元。\n"
            + "鲜猪肉每500克价格平稳。" * 30 + "\n来源：柘城县发改委")
    assert {f["place"] for f in facts_of(text, None, None)} == {"柘城县"}


def test_the_one_province_a_reply_names_throughout_is_its_place() -> None:
    text = ("外汇储备的管理\n议员问：根据香港金融管理局的数据，外汇储备由1997年香港特别行政区成立时的"
            "约5700亿港元，增长至2012年的约26500亿港元。政府表示，香港的金融体系稳健。")
    facts = facts_of(text, None, None)
    assert facts and {f["place"] for f in facts} == {"香港特别行政区"}


def test_a_province_named_once_in_a_national_story_is_not_its_place() -> None:
    text = ("全国公务车采购新标准出台\n全国公务车采购额约占车市总额的8%，广东省的公务车销量"
            "仅占总销量的5%。")
    facts = facts_of(text, None, None)
    assert facts[0]["place"] is None


def test_document_place_tie_goes_to_the_place_named_first() -> None:
    # Two counties named as often: the first named wins, in every process
    # (not the iteration order of a set, which differs between processes).
    from zhfacts.facts.linker import place_of_document

    gpe = [Entity("GPE", 0, len(n), n, {"name": n, "code": c}) for n, c in
           (("睢县", "411422"), ("民权县", "411421"), ("民权县", "411421"), ("睢县", "411422"))]
    assert place_of_document(gpe) == "睢县"


def test_a_city_named_once_in_a_national_story_is_not_its_place() -> None:
    text = ("公车采购新标准出台\n\n　　全国公务车采购额约占车市总额的8%。\n"
            "　　据广州一家经销商介绍，广东省的公务车销量仅占总销量的5%。")
    facts = facts_of(text, "2011-05-30", None)
    assert facts[0]["metric"].endswith("公务车采购额") and facts[0]["place"] is None


def test_a_city_named_twice_far_into_a_national_story_is_not_its_place() -> None:
    # a story about a place names it in its lead; a steel base named twice at the end is a scene
    lead = "审计署通报了某集团的审计结果。" + "该集团被合作伙伴占用资金88.07亿元。" * 20
    text = lead + "集团在沧州市建设钢铁基地，沧州市提供了土地。"
    facts = facts_of(text, "2011-05-24", None)
    assert facts[0]["place"] is None


def test_seed_page_checks_find_the_sums_and_the_summary_boxes() -> None:
    record = zhfacts.extract(SEED.read_text("utf-8"), "2023-03", "商丘市")
    sums = [c["message"] for c in record["checks"]
            if c["check"] == "sum" and c["status"] == "pass"]
    assert any(m.startswith("28.7万人 + 1.9万人 = 306000") for m in sums)
    assert any(m.startswith("8.1亿元 + 8038.6万元 = 890386000") and "8.9亿元" in m for m in sums)
    repeats = [c for c in record["checks"] if c["check"] == "repeat" and c["status"] == "pass"]
    assert any("266处" in c["message"] and "266个" in c["message"] for c in repeats)
    assert len(repeats) >= 5
    text = SEED.read_text("utf-8")
    for check in record["checks"]:
        for figure in check["figures"]:
            assert 0 <= figure["start"] < figure["end"] <= len(text)


def test_a_sum_that_does_not_add_up_fails() -> None:
    record = zhfacts.extract("全县共有贫困人口3.0万人，其中农村2.1万人、城镇0.6万人。")
    sums = [c for c in record["checks"] if c["check"] == "sum"]
    assert [c["status"] for c in sums] == ["fail"]


@pytest.mark.parametrize(("text", "value", "step"), [
    ("8.9亿元", "890000000", "10000000"), ("46960人", "46960", "1"),
    ("30.6 万\n人", "306000", "1000"), ("2,925.8万元", "29258000", "1000"),
])
def test_written_step(text: str, value: str, step: str) -> None:
    from decimal import Decimal

    figure = Figure("QUANTITY", 0, len(text), text, Decimal(value), "person")
    assert written_step(figure) == Decimal(step)


def test_gold_facts_are_scored_per_spec() -> None:
    from zhfacts.evaluation.scoring import same_metric

    assert same_metric("低保对象", "认定低保对象")
    assert same_metric("“商丘学者”", "商丘学者")
    assert not same_metric("覆盖率", "规上工业企业研发活动覆盖率")  # longer than 2x + 2
    assert not same_metric("", "低保对象")
    gold = json.loads((ROOT / "corpora" / "shangqiu-daily-page.jsonl").read_text("utf-8"))
    assert len(gold["facts"]) >= 40


# Sentences of real statistical texts (shortened) and the facts a statistician
# would write: the metric with its subject, change words as `change`, 分别
# over the standard series, the period the sentence reports.
@pytest.mark.parametrize(("text", "expected"), [
    ("教育支出11.3亿元，比上年增支4676万元。",
     [("教育支出", "1130000000", None), ("教育支出", "46760000", "increase")]),
    ("全社会能源消费总量1281.17万吨标准煤，同比增长2.2%。",
     [("全社会能源消费总量", "12811700", None), ("全社会能源消费总量", "2.2", "increase")]),
    ("营利性服务业实现增加值18.5亿元，增长3.1%。",
     [("营利性服务业增加值", "1850000000", None), ("营利性服务业增加值", "3.1", "increase")]),
    ("三次产业对GDP增长的贡献率分别为8.3%、40.2%和51.5%。",
     [("第一产业对GDP增长的贡献率", "8.3", None), ("第二产业对GDP增长的贡献率", "40.2", None),
      ("第三产业对GDP增长的贡献率", "51.5", None)]),
    ("居民消费价格上涨2.1%，工业生产者出厂价格回落1.2个百分点，粮食减产3.5%。",
     [("居民消费价格", "2.1", "increase"), ("工业生产者出厂价格", "1.2", "decrease"),
      ("粮食", "3.5", "decrease")]),
    ("全县户均增收4200元。", [("户均增收", "4200", None)]),  # 增收 as a noun stays
    ("全省唯一一个获此殊荣的县，进入全国前10名。", []),
])
def test_metrics_as_a_statistician_writes_them(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    facts = zhfacts.extract(text, date="2023-03")["facts"]
    assert [(f["metric"], f["value"], f["change"]) for f in facts] == expected


def test_the_period_reported_not_the_year_compared_with() -> None:
    text = ("江西省2022年国民经济和社会发展统计公报\n"
            "年末全省常住人口4527.98万人，比2021年减少0.14万人。全年出生人口3.83万人，"
            "比上年减少0.5万人。")
    record = zhfacts.extract(text, date="2023-03", place="江西省")
    dates = {e["text"]: e["value"] for e in record["entities"] if e["label"] == "DATE"}
    assert dates["全年"] == "2022" and dates["上年"] == "2021"
    assert {(f["metric"], f["time"]) for f in record["facts"]} == {
        ("常住人口", "2022"), ("出生人口", "2022")}


def test_years_quoted_in_brackets_do_not_set_the_period() -> None:
    text = ("2016年一季度，全市地区生产总值增长5.1%（2014年一季度增长6.2%，"
            "2015年一季度增长5.5%）。一季度规模以上工业增加值增长3.2%。")
    facts = zhfacts.extract(text, date="2016-04", place="大庆市")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [
        ("地区生产总值", "2016-Q1"), ("地区生产总值", "2014-Q1"), ("地区生产总值", "2015-Q1"),
        ("规模以上工业增加值", "2016-Q1")]


@pytest.mark.parametrize(("text", "metrics"), [
    # Names that 、 and 和 would cut (GB/T 4754 industries, NBS indicators).
    ("信息传输、软件和信息技术服务业增加值692.9亿元，增长9.4%。",
     ["信息传输、软件和信息技术服务业增加值"] * 2),
    ("电力、热力、燃气及水生产和供应业增长13.2%。", ["电力、热力、燃气及水生产和供应业"]),
    # The shared head of a coordination is a known measure, or the last item's tail.
    ("战略性新兴产业、高新技术产业、装备制造业增加值分别增长20.6%、16.9%、27.1%。",
     ["战略性新兴产业增加值", "高新技术产业增加值", "装备制造业增加值"]),
    ("城镇和农村居民人均可支配收入分别达到32186元、17624元。",
     ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("工业机器人、新能源汽车、3D打印设备产量分别增长191.6%、349.6%和62.1%。",
     ["工业机器人产量", "新能源汽车产量", "3D打印设备产量"]),
    # Items that share an ending take the head the last one carries after it.
    ("药品类、化妆品类、家电类零售额分别增长12.1%、8.3%和5.2%。",
     ["药品类零售额", "化妆品类零售额", "家电类零售额"]),
    # 增速 names the rate of the quantity before it.
    ("全县地区生产总值增长6.2%，增速高于全省平均水平1.1个百分点。", ["地区生产总值"] * 2),
])
def test_named_metrics(text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2023-03")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_two_year_averages_and_comparisons_keep_the_quantity() -> None:
    text = ("1-2月，全省规模以上工业增加值同比增长44.6%，两年平均增长5.4%。"
            "全省固定资产投资增长46.9%，高于全国同期1.7个百分点。")
    facts = zhfacts.extract(text, date="2021-03", place="广东省")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("规模以上工业增加值", "44.6"), ("规模以上工业增加值", "5.4"),
        ("固定资产投资", "46.9"), ("固定资产投资", "1.7")]


def test_short_brackets_inside_a_name_and_notes_before_a_figure() -> None:
    text = "年末共有普通高等学校（含普通、职业本专科）106所，国家工程（技术）研究中心8个。"
    facts = zhfacts.extract(text, date="2023-03")["facts"]
    assert [f["metric"] for f in facts] == ["普通高等学校", "国家工程（技术）研究中心"]


@pytest.mark.parametrize(("text", "metrics"), [
    # A bracket inside a name is part of it; no cut word inside it splits it.
    ("社区卫生服务中心（站）597个，妇幼保健院（所、站）111个，卫生监督所（中心）100个。",
     ["社区卫生服务中心（站）", "妇幼保健院（所、站）", "卫生监督所（中心）"]),
    # A metric opening with 的 takes the phrase the 的 closes.
    ("每百元营业收入中的成本为86.65元。", ["每百元营业收入中的成本"]),
    ("全年累计获省级检验检测机构资质认定的机构1899个。", ["获省级检验检测机构资质认定的机构"]),
    # A name inside a measure (恩格尔) does not cut it.
    ("全省居民恩格尔系数为32.0%。", ["居民恩格尔系数"]),
])
def test_names_brackets_and_relative_clauses_inside_metrics(text: str,
                                                            metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2023-03")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_the_paragraph_period_is_the_last_one_a_sentence_opens_with() -> None:
    text = ("近年来，全市粮食生产自2010年以来连续5年突破百亿斤。2014年，全市农作物总播种面积"
            "1136.1万亩。粮食总产达106.68亿斤，比2005年增加59.4亿斤。")
    facts = zhfacts.extract(text, date="2015", place="大庆市")["facts"]
    assert {f["time"] for f in facts} == {"2014"}


def test_a_rate_named_in_the_metric_has_its_per() -> None:
    facts = zhfacts.extract("万元GDP能耗0.21吨标准煤，每万人拥有执业医师25.3人。",
                            date="2023-03")["facts"]
    assert [(f["metric"], f["per"]) for f in facts] == [
        ("万元GDP能耗", "万元"), ("每万人拥有执业医师", "万人")]


@pytest.mark.parametrize(("text", "metrics"), [
    ("经过培训后，小学教师的合格率不低于95%，初中不低于85%。", ["小学教师的合格率", "初中教师的合格率"]),
    ("小学在校生5.2万人，初中3.1万人。", ["小学在校生", "初中在校生"]),
    # counts of the schools themselves stay as written
    ("全县有小学56所，在校生5万人；初中12所，在校生3万人。", ["小学", "在校生", "初中", "在校生"]),
    ("初中阶段学校2233所，小学6324所。", ["初中阶段学校", "小学"]),
])
def test_a_sibling_written_alone_takes_the_measure_before(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, date="2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "metrics"), [
    ("全县存栏生猪12万头，牛3万头，羊5万只。", ["存栏生猪", "牛", "羊"]),
    ("种了2亩小麦，4亩多玉米，还养了100多头猪。", ["小麦", "玉米", "猪"]),
])
def test_a_thing_counted_by_one_character_is_a_metric(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, date="2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "per"), [
    ("对企业每吨补贴50元。", ["t"]),
    ("新建商品住宅每平方米售价1.3万元。", ["m2"]),
    ("灵芝价格由过去的每公斤150元降到现在的110元。", ["kg", "kg"]),  # one quantity, two values
    # an annual average of an amount is per year; of a rate, none (decision 46)
    ("国内生产总值年均增长11.2%，非农产业从业人员年均增加1400万人。", [None, "year"]),
    # an average inside an amount's metric gives its per to a figure whose clause names none
    ("村民人均收入增长100元，1995年增长150元。", ["person", "person"]),
])
def test_a_unit_rate_earlier_in_the_clause_gives_the_per(text: str, per: list[str]) -> None:
    assert [f["per"] for f in zhfacts.extract(text, date="2023-03")["facts"]] == per


@pytest.mark.parametrize(("text", "count"), [
    ("城镇居民人均可支配收入增长5.0%，农村居民人均可支配收入增长5.0%。", 2),
    ("2022年全市地区生产总值增长3.0%。2023年全市地区生产总值增长3.0%。", 2),
    ("工业投资增长8%，农业投资增长8%。", 2),
    ("全市地区生产总值增长3.0%。\n\n●地区生产总值增长3.0%\n", 1),  # a summary box repeats
])
def test_equal_values_in_the_body_are_separate_facts(text: str, count: int) -> None:
    assert len(zhfacts.extract(text, date="2023-03")["facts"]) == count


def test_ranking_lists_keep_the_heading_measure_and_no_rank_is_a_count() -> None:
    text = ("县（区）1—7月投资增速前三名：中宁县增长58.3%，海原县增长36.8%。"
            "地级市投资完成率后二名：银川市（不含宁东）计划投资258亿元，完成52%。")
    record = zhfacts.extract(text, date="2021-08", place="宁夏回族自治区")
    assert not [e for e in record["entities"] if e["label"] == "QUANTITY"]  # 前三名, 后二名
    assert [(f["metric"], f["value"]) for f in record["facts"]][:3] == [
        ("投资增速", "58.3"), ("投资增速", "36.8"), ("计划投资", "25800000000")]


def test_a_figure_whose_clause_names_nothing_takes_the_subject_of_the_clause_before() -> None:
    text = "作为工业大市，苏州一季度规模以上工业总产值突破万亿，达10051.6亿元，同比增长9.6%。"
    facts = zhfacts.extract(text, date="2022-04-26", place="苏州市")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("规模以上工业总产值", "1005160000000"), ("规模以上工业总产值", "9.6")]
    assert text[facts[0]["start"]:facts[0]["end"]] == "10051.6亿元"  # the metric is elsewhere


def test_a_method_phrase_is_no_metric() -> None:
    text = "一季度全市实现生产总值5136.7亿元，按可比价格计算同比增长4.4%。"
    facts = zhfacts.extract(text, date="2022-04-26", place="苏州市")["facts"]
    assert [f["metric"] for f in facts] == ["生产总值", "生产总值"]


@pytest.mark.parametrize(("text", "expected"), [
    ("全省居民恩格尔系数为32.0%，其中城镇为31.2%，农村为33.4%。",
     ["居民恩格尔系数", "城镇居民恩格尔系数", "农村居民恩格尔系数"]),
    ("年末共有青少年俱乐部202个，其中，国家级145个，省级57个。",
     ["青少年俱乐部", "国家级青少年俱乐部", "省级青少年俱乐部"]),
])
def test_a_bare_modifier_qualifies_the_measure_before_it(text: str, expected: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, date="2023-03")["facts"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("公司共出口服装5000万件，产品销往25个国家和地区。", ["公司共出口服装", "国家和地区"]),
    # (完成投资 as written: 投资 alone is too generic to cut a verb from it)
    ("全年完成投资80亿元，项目分布在19个省。", ["完成投资", "省"]),
])
def test_a_modifier_word_written_after_a_count_is_what_is_counted(
        text: str, expected: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, date="2023-03")["facts"]] == expected


def test_a_subject_written_in_the_clause_before_a_light_verb() -> None:
    text = "规模以上工业企业达429户，实现增加值2570亿元，同比增长9.5%。"
    facts = zhfacts.extract(text, date="2013-03", place="大庆市")["facts"]
    assert [f["metric"] for f in facts][1:] == ["规模以上工业企业增加值"] * 2


def test_a_one_character_place_locates_no_figure() -> None:
    text = "全年新设外商及港澳台商投资企业669家，比上年增加36家。"
    facts = zhfacts.extract(text, date="2023-03", place="江西省")["facts"]
    assert {f["place"] for f in facts} == {"江西省"}


def test_a_place_inside_a_name_is_not_where_the_figure_was_measured() -> None:
    text = ("万载县主要商品价格\n品种 | 单位 | 价格\n南京豆 | 元/500克 | 6.5\n"
            "北京豆 | 元/500克 | 5.0\n")
    facts = zhfacts.extract(text, date="2023-10", place="万载县")["facts"]
    assert [f["metric"] for f in facts] == ["南京豆价格", "北京豆价格"]
    assert {f["place"] for f in facts} == {"万载县"}


def test_a_body_named_with_its_place_locates_the_figures_it_reports() -> None:
    text = "记者从南昌市政府采购中心获悉，今年1-5月，该中心完成采购金额8.2亿元。"
    record = zhfacts.extract(text, date="2011-06")
    body = next(e for e in record["entities"] if e["label"] == "GOV")
    assert body["norm"] == {"name": "南昌市政府采购中心", "place": "南昌市"}
    assert [(f["metric"], f["place"]) for f in record["facts"]] == [("采购金额", "南昌市")]
    # a body with a bare level names no place of its own: the document's place holds
    text = "市财政局统计，全市完成采购金额3.1亿元。"
    assert [f["place"] for f in facts_of(text)] == ["商丘市"]


@pytest.mark.parametrize(("text", "facts"), [
    # SPEC section 6: a figure inside a metric name is no fact of its own.
    ("公交站点500米覆盖率达95%。", [("公交站点500米覆盖率", "95")]),
    ("建成10千伏线路300公里。", [("10千伏线路", "300")]),
    ("新开工110千伏及以上线路202.79公里。", [("新开工110千伏及以上线路", "202.79")]),
    ("3000万元以上项目达到52个。", [("3000万元以上项目", "52")]),
    # a length of its own stays a fact
    ("道路全长5公里，总投资3亿元。", [("道路全长", "5"), ("总投资", "300000000")]),
])
def test_a_size_that_names_a_metric_is_part_of_it(text: str, facts: list[tuple[str, str]]
                                                  ) -> None:
    assert [(f["metric"], f["value"]) for f in facts_of(text)] == facts


@pytest.mark.parametrize(("text", "change"), [
    ("社会消费品零售总额超过4万亿元。", None),  # 超过 bounds a level (SPEC: qualifier >)
    ("GDP总量相加超30万亿元。", None),
    ("PMI为59.39%，比3月高出5.54个百分点。", "increase"),
])
def test_a_bound_is_no_change_and_a_difference_is(text: str, change: str | None) -> None:
    assert facts_of(text)[-1]["change"] == change


@pytest.mark.parametrize(("text", "place", "expected"), [
    # 全省 in a city's report is its province; 全市 in a district's, its city (SPEC section 4)
    ("大庆市上半年经济运行平稳。全省规模以上工业增加值增长5.1%。", "大庆市", ["黑龙江省"]),
    ("西工区老旧小区改造。今年，全市老旧小区改造资金2.1亿元。", "西工区", ["洛阳市"]),
    # a base of comparison or a rank is not the figure's place
    ("大庆市工业经济效益综合指数比全省平均水平高出476.9点。", "大庆市", ["大庆市"]),
    # without context, a document that calls itself 全省 is the province it names
    ("江西省2022年统计公报\n全年全省粮食产量2150万吨。全省生产总值3.2万亿元。", None,
     ["江西省", "江西省"]),
])
def test_words_for_the_unit_resolve_by_their_level(text: str, place: str | None,
                                                   expected: list[str]) -> None:
    assert [f["place"] for f in facts_of(text, "2023-03", place)] == expected


@pytest.mark.parametrize(("text", "metrics"), [
    # 占用, 占有, 占地 are verbs of their own, not the share word 占
    ("中钢集团被合作伙伴占用资金8.8亿元。", ["被合作伙伴占用资金"]),
    ("第一产业增加值占地区生产总值的比重为3.8%。", ["第一产业增加值"]),
    # a contribution rate is a share of the subject before 对
    ("服务业对经济增长的贡献率达59.5%。", ["服务业"]),
    # 攀升至, 迈上 … 新台阶: verbs between the metric and its figure
    ("其销售收入更是攀升至1860亿元。", ["销售收入"]),  # (其: a pronoun, no part of it)
    ("全省经济总量迈上11万亿元新台阶。", ["经济总量"]),
    # 及 inside an item of a list written with 、
    ("汽车、家电、机电产品及设备类零售额分别增长43%、39.2%和30.4%。",
     ["汽车零售额", "家电零售额", "机电产品及设备类零售额"]),
    # 位于, 稳定在 stand between a metric and its figure; 我省 opens no metric
    ("4月份我省PMI为59.39%，连续4个月位于50%以上。", ["PMI", "PMI"]),
    # a comment on how a quantity moves is no part of it (增势强劲, 涨势猛烈)
    ("特别是工业投资，增势强劲，增长达50.8%。", ["工业投资"]),
    ("食品类涨势猛烈，同比上涨13.4%。", ["食品类"]),
    # items of different lengths share no tail
    ("水产品、蔬菜、干鲜果类分别增长12.1%、20.3%、86.9%。", ["水产品", "蔬菜", "干鲜果类"]),
])
def test_metrics_from_the_second_hand_check(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in facts_of(text)] == metrics


@pytest.mark.parametrize(("text", "times"), [
    # SPEC: a comparison base is never the time, except for the base value itself
    ("相比2020年广东GDP总量110760.94亿元，2021年增加了约1.36万亿元。", ["2020", "2021"]),
    ("2021年全市生产总值比2020年增长8%。", ["2021"]),
])
def test_a_value_written_after_its_base_year_is_of_that_year(text: str, times: list[str]
                                                             ) -> None:
    assert [f["time"] for f in facts_of(text, "2022-01", "广东省")] == times


def test_a_subheading_that_repeats_the_body_gives_the_body_the_fact() -> None:
    text = "保障房完成投资22.81亿元\n\n1~5月，保障性住房完成投资22.81亿元，同比增长12%。"
    facts = facts_of(text, "2011-06", "兰州市")
    assert [(f["value"], f["sentence"][:5]) for f in facts] == [
        ("2281000000", "1~5月，"), ("12", "1~5月，")]


def test_a_start_inside_a_clause_dates_an_event_not_the_figure() -> None:
    text = "去冬今春，我市出现自2007年夏季以来第一次大面积缺电，日限电最大负荷127万千瓦。"
    assert [f["time"] for f in facts_of(text, "2011-04", "重庆市")] == ["2011-SP"]
    # opening its clause, it starts the period: a total runs from it to the document's year
    text = "自2010年以来，全市累计完成投资50亿元。"
    assert [f["time"] for f in facts_of(text, "2011-04", "重庆市")] == ["2010/2011"]


def test_a_five_year_plan_period_dates_the_facts_it_frames() -> None:
    facts = zhfacts.extract("十三五时期，全县生产总值年均增长7.5%。", date="2021-01")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("生产总值", "2016/2020")]
    # the plans before the tenth, as 1990s reports write them
    facts = zhfacts.extract("“九五”期间，全县新建公路300公里。", date="2001-03")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("公路", "1996/2000")]
    facts = zhfacts.extract("九五至尊礼盒的价格为500元。", date="2001-03")["facts"]
    assert [f["time"] for f in facts] == ["2001-03"]  # (no plan: a brand)
    record = zhfacts.extract("“十四五”开局之年。", date="2021-01")
    assert not [e for e in record["entities"] if e["label"] == "DATE"]  # SPEC: no DATE


def test_a_plan_period_in_the_title_frames_an_undated_review() -> None:
    text = ("“十二五”全县农业发展成就回顾\n\n"
            "5年间，全县粮食产量由30万吨增加到36万吨，农民人均纯收入年均增长9%。")
    facts = zhfacts.extract(text, date="2016-03")["facts"]
    # the level five years before the plan's end, that end, the plan's years
    assert [f["time"] for f in facts] == ["2010", "2015", "2011/2015"]
    untitled = zhfacts.extract(text.split("\n\n")[1], date="2016-03")["facts"]
    assert [f["time"] for f in untitled][:2] == ["2011", "2016"]  # the years before the day


def test_a_later_undated_pair_takes_the_periods_of_the_first() -> None:
    text = "全市图书馆藏书由2015年的80万册增加到2020年的120万册，占全省藏书的比重由6.1%提高到7.4%。"
    facts = facts_of(text, "2021-03", "某市")
    assert [(f["value"], f["time"]) for f in facts] == [
        ("800000", "2015"), ("1200000", "2020"), ("6.1", "2015"), ("7.4", "2020")]
    text = "馆舍面积由2015年的3000平方米增加到目前的5000平方米，藏书品种由2万种增加到5万种。"
    assert [f["time"] for f in facts_of(text, "2021-03-05", "某市")] == [
        "2015", "2021-03-05", "2015", "2021-03-05"]
    text = "馆舍面积由3000平方米增加到5000平方米，藏书品种由2万种增加到5万种。"  # no periods: the day's
    assert {f["time"] for f in facts_of(text, "2021-03-05", "某市")} == {"2021-03-05"}


def test_a_speech_on_last_year_and_this_one_speaks_of_its_own_day() -> None:
    # Last year opens clauses more often, but this year does too: no single
    # reporting period; an undated figure takes the document's date.
    text = ("　　2012年，本市经济增长1.8%。2012年，失业率为3.3%。2012年，出口增长2.1%。\n"
            "　　今年，政府会加快建设。今年，我们会推出新措施。\n"
            "　　本市现有酒店房间7万间。")
    facts = zhfacts.extract(text, date="2013-02-27")["facts"]
    assert [(f["metric"], f["time"]) for f in facts][-1] == ("酒店房间", "2013-02-27")
    # A bulletin names its year over and over, and the next year hardly: it frames.
    bulletin = ("　　2022年，全市经济平稳。2022年，全市粮食增产。2022年，全市就业稳定。"
                "2022年，全市物价稳定。\n"
                "　　2023年，全市将继续努力。\n　　全市常住人口88.5万人。")
    facts = zhfacts.extract(bulletin, date="2023-03")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("常住人口", "2022")]


def test_a_year_of_history_in_a_story_lead_is_not_its_period() -> None:
    text = ("某市政府采购走在前列\n2011年09月30日\n　　1998年率先起步采购工作。\n"
            "　　全市共有采购代理机构12家。")
    facts = zhfacts.extract(text, date="2011-09-30")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("采购代理机构", "2011-09-30")]


def test_a_date_written_with_de_before_a_figure_is_its_time() -> None:
    facts = zhfacts.extract("全市采购规模从2005年的3.2亿元增加到2010年的21.6亿元。",
                            date="2011-06")["facts"]
    assert [(f["value"], f["time"]) for f in facts] == [("320000000", "2005"),
                                                        ("2160000000", "2010")]


def test_each_end_of_a_span_of_years_dates_its_side_of_the_change() -> None:
    facts = zhfacts.extract("2015年到2020年，全县公开招标金额由12.5亿元增加到20.3亿元，"
                            "占采购总额的比重由61.2%提高到70.4%。", date="2021-03")["facts"]
    assert [(f["value"], f["time"]) for f in facts] == [
        ("1250000000", "2015"), ("2030000000", "2020"), ("61.2", "2015"), ("70.4", "2020")]
    # a span with no 由 … 到 dates every figure of it
    facts = zhfacts.extract("2015年到2020年，全县累计完成投资85亿元。", date="2021-03")["facts"]
    assert [f["time"] for f in facts] == ["2015/2020"]


def test_years_counted_back_end_with_the_last_year_named() -> None:
    facts = zhfacts.extract("全县采购规模从2012年的2.1亿元增加到2020年的6.3亿元。"
                            "9年累计完成采购规模35.2亿元。", date="2021-03")["facts"]
    assert [f["time"] for f in facts] == ["2012", "2020", "2012/2020"]
    # with no year named before, they end with the document's year
    facts = zhfacts.extract("五年来，全县累计完成投资85亿元。", date="2021-03")["facts"]
    assert [f["time"] for f in facts] == ["2017/2021"]


def test_a_conjunction_opening_a_clause_is_no_part_of_the_metric() -> None:
    facts = zhfacts.extract("但是公务用车价格控制在18万元以内。因此办公设备采购额仅有300万元。",
                            date="2011-05")["facts"]
    assert [f["metric"] for f in facts] == ["公务用车价格", "办公设备采购额"]


@pytest.mark.parametrize(("text", "metrics"), [
    # An adverb between the metric and its figure belongs to neither.
    ("股票市场的市值亦增长12%，银行体系的总资产仍达到9万亿元。",
     ["股票市场的市值", "银行体系的总资产"]),
    # ...but a word that only ends like one keeps it (进度).
    ("全县资金支出进度为78.5%。", ["资金支出进度"]),
    # A verb before a bare head (工程, 项目) is part of a compound, not a cut.
    ("全县实施农村公路提档升级改造工程21项。", ["农村公路提档升级改造工程"]),
    ("全县共计发放补贴资金500万元。", ["补贴资金"]),  # 共计 opens, 补贴 | 资金 no cut
    # An indicator's Latin acronym is a metric of its own.
    ("多家机构预测6月CPI将超过6%。", ["CPI"]),
    # A verb between two figures of one clause leads from one value to the other.
    ("全县粮食产量从2015年的30万吨跨越实现了2020年的41万吨。", ["粮食产量", "粮食产量"]),
    # 分别 after forecasters who give one measure: the measure for each, not the names.
    ("甲银行和乙证券预测7月份PPI分别为2.1%、1.8%。", ["PPI", "PPI"]),
])
def test_adverbs_and_acronyms_around_metrics(text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2011-06")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_a_date_inside_a_later_clause_does_not_date_the_figure() -> None:
    text = ("　　1-5月，全市工业投资增长21.5%。\n"
            "　　其中，技改投资增长18.2%，结束了2019年以来的回落。"
            "民间投资增长9.6%，仍低于2018年水平。")
    facts = zhfacts.extract(text, date="2021-06", place="佛山市")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [
        ("工业投资", "2021-01/2021-05"), ("技改投资", "2021-01/2021-05"),
        ("民间投资", "2021-01/2021-05")]


def test_a_clause_that_only_employs_takes_its_subject_from_the_clause_before() -> None:
    text = "物流业是本市经济支柱之一，聘用约12万人。"
    facts = zhfacts.extract(text, date="2020-05", place="宁波市")["facts"]
    assert [(f["metric"], f["value"], f["unit"]) for f in facts] == [
        ("物流业", "120000", "person")]


def test_a_conjunction_alone_is_no_metric_and_the_noun_after_de_is() -> None:
    text = "新港区建成后将带来2000个岗位，以及每年超过5亿元的税收收入。"
    facts = zhfacts.extract(text, date="2020-05", place="宁波市")["facts"]
    assert ("税收收入", "500000000") in [(f["metric"], f["value"]) for f in facts]


def test_a_preposition_that_introduces_a_date_is_no_part_of_the_metric() -> None:
    text = "全市住户存款余额于2019年年底达到3600亿元。"
    facts = zhfacts.extract(text, date="2020-05", place="宁波市")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("住户存款余额", "2019")]
    at = zhfacts.extract("全市住户存款余额在2019年年底达到3600亿元。", date="2020-05",
                         place="宁波市")["facts"]
    assert [(f["metric"], f["time"]) for f in at] == [("住户存款余额", "2019")]
    built = zhfacts.extract("该小区建于1998年，现有住户1200户。", date="2020-05",
                            place="宁波市")["facts"]
    assert [f["time"] for f in built] == ["2020-05"]  # a date that describes a thing


@pytest.mark.parametrize(("text", "metric", "change"), [
    ("对于“推行公务用车12万元”的说法，各方看法不一。", "推行公务用车", None),
    ("全市公交票价下调至1元。", "公交票价", None),
    ("在名录上的40余家供货企业中，本地企业已过半。", "供货企业", None),
])
def test_quotes_verbs_of_reaching_and_locatives_stay_out_of_metrics(
        text: str, metric: str, change: str | None) -> None:
    facts = zhfacts.extract(text, date="2011-05")["facts"]
    assert (facts[0]["metric"], facts[0]["change"]) == (metric, change)


def test_a_ranking_heading_names_the_rate_its_items_only_complete() -> None:
    text = "二、各县民生项目资金拨付率前两名：甲县安排资金3亿元，拨付82.5%；乙县安排资金2亿元，完成76%。"
    facts = zhfacts.extract(text, date="2020-09", place="某市")["facts"]
    rates = [f["metric"] for f in facts if f["unit"] == "%"]
    assert rates == ["各县民生项目资金拨付率", "各县民生项目资金拨付率"]


@pytest.mark.parametrize("text", [
    "我们将把12幅合共30公顷的政府用地改作住宅用途。",  # 合共 and 将把 name nothing
    "至今8幅已完成改划。",  # a time word alone is no metric
])
def test_words_that_open_or_govern_a_phrase_are_no_metric(text: str) -> None:
    metrics = [f["metric"] for f in zhfacts.extract(text, date="2013-01")["facts"]]
    assert not {"合共", "我们将把", "至今"} & set(metrics)


def test_de_after_a_date_opening_the_clause_before_is_no_part_of_the_subject() -> None:
    text = "2019年前三季度的工业用电量，同比增长4.2%。"
    facts = zhfacts.extract(text, date="2019-11", place="宁波市")["facts"]
    assert [f["metric"] for f in facts] == ["工业用电量"]


@pytest.mark.parametrize(("text", "metric", "value"), [
    ("今年全区安排了3.5亿元的民生保障资金预算，比上年增加10%。", "民生保障资金预算", "350000000"),
    ("银行对小微企业执行6%左右的贷款利率。", "贷款利率", "6"),
    ("与去年全县1.2亿元的农业保险保费收入相比，增长明显。", "农业保险保费收入", "120000000"),
])
def test_a_figure_before_de_and_a_measure_is_that_measures_value(
        text: str, metric: str, value: str) -> None:
    facts = zhfacts.extract(text, date="2015-06", place="某县")["facts"]
    assert (facts[0]["metric"], facts[0]["value"]) == (metric, value)


def test_a_figure_before_de_and_a_thing_still_only_qualifies_it() -> None:
    # 5亿元以上的项目 counts projects; 5亿元 is no value of 项目 (nor a fact).
    facts = zhfacts.extract("全市新开工5亿元以上的项目12个。", date="2015-06")["facts"]
    assert [f["value"] for f in facts] == ["12"] and facts[0]["metric"].endswith("项目")


def test_a_threshold_after_qizhong_inherits_no_total() -> None:
    text = "全年采购车辆200辆，其中新能源车配备标准为价格15万元以内的轿车。"
    facts = zhfacts.extract(text, date="2015-06")["facts"]
    assert "150000" not in [f["value"] for f in facts]


@pytest.mark.parametrize(("text", "metric", "value"), [
    ("全县每1万人拥有卫生技术人员58人。", "每1万人拥有卫生技术人员", "58"),
    ("平均每100户农村居民家庭拥有彩色电视机112台。", "每100户农村居民家庭拥有彩色电视机", "112"),
    ("学校教职工编制按每25名学生不少于1人。", "学校教职工编制", "1"),
    ("全县每1000人口医疗床位数5.2张。", "每1000人口医疗床位数", "5.2"),
])
def test_a_rates_denominator_is_no_figure_and_no_part_of_the_metric(
        text: str, metric: str, value: str) -> None:
    record = zhfacts.extract(text, date="2015-06", place="某县")
    assert [(f["metric"], f["value"]) for f in record["facts"]] == [(metric, value)]
    # The denominator (每1万人, 每25名) is no QUANTITY: only the figure is.
    counts = [e for e in record["entities"] if e["label"] == "QUANTITY"]
    assert [e["value"] for e in counts] == [value]
    if metric.startswith("每"):  # its per is the denominator: 1万人, 100户, 1000人
        assert metric.removeprefix("每").startswith(record["facts"][0]["per"])


def test_a_long_metric_starts_at_a_word() -> None:
    text = "中小企业政府采购信用融资的年化资金成本达到10%左右。"
    facts = zhfacts.extract(text, date="2011-06")["facts"]
    assert facts[0]["metric"] == "政府采购信用融资的年化资金成本"


def test_deng_closes_an_enumeration_that_fen_bie_distributes() -> None:
    text = "其中纺织、食品、医药等传统行业产值分别增长5.1%、6.2%和7.3%。"
    facts = zhfacts.extract(text, date="2022-04", place="某市")["facts"]
    assert [f["metric"] for f in facts] == ["纺织产值", "食品产值", "医药产值"]


@pytest.mark.parametrize(("text", "metrics"), [
    ("交通运输、仓储和邮政业、住宿和餐饮业等行业恢复较快，营业收入分别增长12.5%和8.4%。",
     ["交通运输、仓储和邮政业营业收入", "住宿和餐饮业营业收入"]),
    ("家具、建材等商品销售回暖，零售额分别增长8%和9%。", ["家具零售额", "建材零售额"]),
])
def test_fen_bie_takes_the_subjects_the_clause_before_enumerates(
        text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2022-04", place="某市")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_an_open_enumeration_is_not_guessed() -> None:
    # No 等 closes the list and no known industry is named: the end of the
    # subjects is unknown, so the measure stays as written.
    facts = zhfacts.extract("餐饮、住宿增势较好，收入分别增长5%和6%。", date="2022-04")["facts"]
    assert [f["metric"] for f in facts] == ["收入", "收入"]


@pytest.mark.parametrize(("text", "expected"), [
    # 由/从 and a time between a measure and its first value: the measure is
    # before it, each value has its own period, and the value reached is a level.
    ("全省的存款余额已由2005年全省撤县设市时的约900亿元，增长至2020年6月底的约5600亿元。",
     [("存款余额", "90000000000", "2005", None), ("存款余额", "560000000000", "2020-06", None)]),
    ("本区的养老机构由十年前的不足百家发展到目前的320家。",
     [("养老机构", "320", "2020-05", None)]),
    ("港口吞吐量亦从2010年的3亿吨增大数倍至现时的12亿吨。",
     [("港口吞吐量", "300000000", "2010", None), ("港口吞吐量", "1200000000", "2020-05", None)]),
    ("全市的公共图书馆数目，由2008年年底的12间增加至现时的19间。",
     [("公共图书馆数目", "12", "2008", None), ("公共图书馆数目", "19", "2020-05", None)]),
    ("城镇登记失业率由2019年第三季3.6%的高位，回落至2020年第一季的3.1%。",
     [("城镇登记失业率", "3.6", "2019-Q3", None), ("城镇登记失业率", "3.1", "2020-Q1", None)]),
])
def test_a_change_from_one_value_to_another(text: str, expected: list[tuple]) -> None:
    facts = zhfacts.extract(text, date="2020-05")["facts"]
    assert [(f["metric"], f["value"], f["time"], f["change"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "metric"), [
    # A one-character word before a figure is stripped only as a word of its own:
    # 估计 keeps its 计, and the noun after the figure is the metric.
    ("北部新区初步估计可提供超过300公顷可发展土地。", "可发展土地"),
    # 预计 and 接近 stand between a metric and its figure.
    ("2020年度的卫生经常开支预计达420亿元。", "卫生经常开支"),
    ("全区医疗卫生支出接近90亿元。", "医疗卫生支出"),
    ("在2019学年，有接近500名学生获得资助。", "学生"),
])
def test_words_between_a_metric_and_its_figure(text: str, metric: str) -> None:
    facts = zhfacts.extract(text, date="2020-05")["facts"]
    assert [f["metric"] for f in facts][-1] == metric


def test_a_time_word_alone_is_no_metric() -> None:
    text = "全市网上办理的业务笔数平均每年增长18%，现在已超过600万笔。"
    facts = zhfacts.extract(text, date="2020-05")["facts"]
    assert "现在" not in [f["metric"] for f in facts]


@pytest.mark.parametrize(("text", "metrics"), [
    # The last item of a coordination carries the shared head: its last word and
    # the words that qualify a measure before it (累计), not a tail cut by length.
    ("全市木材加工、印刷和家用电子设备制造投资分别增长12.5%、8.1%和20.3%。",
     ["木材加工投资", "印刷投资", "家用电子设备制造投资"]),
    ("钢铁、水泥和化工累计增速分别为6.3%、2.9%和4.4%。",
     ["钢铁累计增速", "水泥累计增速", "化工累计增速"]),
])
def test_a_coordination_shares_the_head_of_its_last_item(text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2021-03")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_parts_of_a_total_written_as_a_bare_number_count_its_measure() -> None:
    # The total (26, no unit) is no figure; its parts after 其中 count what it
    # counts, not what an earlier sentence counted.
    text = "5日全市新增确诊病例12例。6日全市新增密切接触者26，其中江宁区3人，浦口区23人。"
    facts = zhfacts.extract(text, date="2022-04", place="南京市")["facts"]
    assert [(f["metric"], f["value"], f["place"]) for f in facts] == [
        ("新增确诊病例", "12", "南京市"), ("密切接触者", "3", "江宁区"),
        ("密切接触者", "23", "浦口区")]


def test_items_of_a_list_that_are_only_a_name_count_the_headings_measure() -> None:
    text = ("截至6月底未完工项目共4个，按主管单位划分分别是：银川市1个，某某道路工程；"
            "自治区交通运输厅1个，某某桥梁工程；吴忠市2个，某某厂房项目。")
    facts = zhfacts.extract(text, date="2021-07", place="宁夏回族自治区")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("未完工项目", "4"), ("未完工项目", "1"), ("未完工项目", "1"), ("未完工项目", "2")]


def test_fenbie_after_a_coordination_that_ends_the_clause_before() -> None:
    text = "2019年上半年的营业收入和利润，分别按年上升5.2%和3.1%，扣除通胀后，分别实质增加2.0%和0.4%。"
    facts = zhfacts.extract(text, date="2019-08")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("营业收入", "5.2"), ("利润", "3.1"), ("营业收入", "2"), ("利润", "0.4")]


@pytest.mark.parametrize(("text", "metric"), [
    ("香港的保险业总保费超过5000亿港元。", "保险业总保费"),  # 的 after a place opens no metric
    ("就业人数自年初8.2万人的低位，回升至9.1万人。", "就业人数"),  # 自 and a time: an origin
    ("建筑业雇用12万人。", "建筑业"),  # the verb that employs is no part of the metric
    ("带动整体消费在去年飙升11.5%。", "整体消费"),
])
def test_more_words_around_a_metric(text: str, metric: str) -> None:
    facts = zhfacts.extract(text, date="2020-02")["facts"]
    assert facts[0]["metric"] == metric


def test_a_counting_measure_before_a_count_names_it() -> None:
    text = "过去5年，全市保障房每年竣工量合共只有约12000个单位。全市共有医院32家。"
    facts = zhfacts.extract(text, date="2020-02")["facts"]
    assert [f["metric"] for f in facts] == ["保障房每年竣工量", "医院"]


@pytest.mark.parametrize(("text", "metrics"), [
    # A measure written right after a figure (jieba tags 经常 and 开支 as no nouns).
    ("（二）增拨500万元经常开支，加强社区照顾服务。", ["经常开支"]),
    # A measure's name in brackets after its description names the figure.
    ("其中，城镇常住人口1200万人，占总人口的比重（常住人口城镇化率）为58.3%。",
     ["城镇常住人口", "常住人口城镇化率"]),
    # A Latin name keeps its digits (PM2.5), where an address's digits cut a metric.
    ("全年全市PM2.5平均浓度为31微克/立方米。", ["PM2.5平均浓度"]),
    # 偏高 and 偏少 compare with the normal: the measure of the figure before.
    ("全年平均气温18.2℃，偏高0.5℃；平均降水量1400毫米，偏少1成。",
     ["平均气温", "平均气温", "平均降水量", "平均降水量"]),
])
def test_measures_written_around_figures(text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2022-12")["facts"]
    assert [f["metric"] for f in facts] == metrics


def test_the_period_of_a_lists_lead_dates_its_items() -> None:
    lead = "社区养老服务\n\n今年投放于社区养老的经常开支达20亿元。2021年度新增的服务包括3方面"
    items = ("\n\n(一) 增拨500万元经常开支，增加60个日间护理名额；"
             "\n\n(二) 增拨800万元经常开支，改善院舍人手。")
    listed = zhfacts.extract(lead + "：" + items, date="2020-11-20")["facts"]
    assert [(f["metric"], f["time"]) for f in listed] == [
        ("投放于社区养老的经常开支", "2020"), ("经常开支", "2021"),
        ("日间护理名额", "2021"), ("经常开支", "2021")]
    # Without the colon the paragraph leads no list: the items keep the page's period.
    unlisted = zhfacts.extract(lead + "。" + items, date="2020-11-20")["facts"]
    assert "2021" not in [f["time"] for f in unlisted][1:]


def test_a_span_of_years_in_a_clause_of_its_own_dates_a_change() -> None:
    # 5年间 opens a clause of its own; the span ends with the last year the
    # paragraph named, and the value a change starts from is that of the year before.
    text = ("全县财政收入由2015年的8亿元增加到2020年的12亿元。"
            "与此同时，民生投入明显加大，5年间，教育支出由2.1亿元增加到3.4亿元。")
    facts = zhfacts.extract(text, date="2021-03")["facts"]
    assert [(f["metric"], f["time"]) for f in facts][2:] == [
        ("教育支出", "2015"), ("教育支出", "2020")]


@pytest.mark.parametrize(("text", "metric"), [
    ("全年完成退化林修复（低产低效林改造）12.5万亩。", "退化林修复"),  # said again in brackets
    ("全市共有妇幼保健院（所、站）11个。", "妇幼保健院（所、站）"),  # a list: part of the name
    ("全市共有社区卫生服务中心（站）86个。", "社区卫生服务中心（站）"),
])
def test_a_metric_said_again_in_brackets(text: str, metric: str) -> None:
    assert zhfacts.extract(text, date="2022-12")["facts"][0]["metric"] == metric


def test_a_verb_before_a_generic_head_is_part_of_the_compound() -> None:
    # 服务 before 机构 is part of 社会服务机构, no verb that governs the metric.
    text = "年末全市共有提供住宿的社会服务机构96个。"
    assert zhfacts.extract(text, date="2022-12")["facts"][0]["metric"] == "提供住宿的社会服务机构"


def test_shares_distributed_by_fenbie_are_of_the_figures_before() -> None:
    text = ("全市电子信息产业、生物医药产业、新材料产业增加值分别增长12.1%、9.4%、7.8%，"
            "占规模以上工业比重分别为21.5%、8.2%、11.0%。")
    facts = zhfacts.extract(text, date="2022-12")["facts"]
    assert [f["metric"] for f in facts][3:] == [
        "电子信息产业增加值", "生物医药产业增加值", "新材料产业增加值"]


def test_a_count_of_employees_names_its_employer() -> None:
    text = ("现时，三大支柱产业，包括物流业、旅游业和金融业，共聘用80万名雇员，占全市劳动人口31%。"
            "政府近年推动4项新兴产业，这些产业共雇用9万名员工。")
    facts = zhfacts.extract(text, date="2020-02")["facts"]
    assert [(f["metric"], f["value"]) for f in facts if f["unit"] == "person"] == [
        ("三大支柱产业雇员", "800000"), ("员工", "90000")]  # (这些产业: named before)


@pytest.mark.parametrize(("text", "metrics"), [
    # Far above / below: the comparison is of the quantity before it in the sentence.
    ("全区固定资产投资增长2.1%，远低于过去五年8.5%的平均水平。",
     ["固定资产投资", "固定资产投资"]),
    # An origin after an event (由…后的) dates the value: the measure is before 由.
    ("企业的就业情况有所改善，登记失业率由疫情后的6.8%回落至目前的4.2%。",
     ["登记失业率", "登记失业率"]),
    # The short name a body is given in brackets is no part of the metric.
    ("我们建议向青年发展基金（“青年基金”）额外注资3亿元。", ["青年发展基金额外注资"]),
    # Who allocates and the verb alone name nothing: the purpose after the figure does.
    ("我建议拨款20亿元设立青年创业基金。", ["设立青年创业基金"]),
    ("此外，我们计划动用80亿元，改建区内的公立学校。", ["改建区内的公立学校"]),
    # A clause before 的 describes the counted noun after it ...
    ("新园区建成后将提供3200个不同类型的就业岗位。", ["不同类型的就业岗位"]),
    ("目前仍有1500个已建成但未出售的单位。", ["已建成但未出售的单位"]),
    # ... unless what follows 的 is an amount of the counted things.
    ("明年将为1200个长期护理床位的资助金额增拨经费。", ["长期护理床位"]),
    # A share of a whole: 贡献 and 对…的贡献 leave the subject before them.
    ("物流业是本市支柱产业，聘用约12万人，贡献本地生产总值7.5%。", ["物流业", "物流业"]),
    ("金融业聘用9万人，对本地生产总值的贡献有13%。", ["金融业", "金融业"]),
])
def test_metrics_of_speeches_and_reports(text: str, metrics: list[str]) -> None:
    facts = zhfacts.extract(text, date="2022-12")["facts"]
    assert [f["metric"] for f in facts] == metrics


@pytest.mark.parametrize(("text", "place"), [
    ("全国居民消费价格同比上涨5.5%。", None),  # the whole country's, not the province's
    ("我国公务车采购额已占到汽车消费市场总额的8%。", None),
    ("全市居民消费价格上涨2%。", "江苏省"),
    ("据全国人大代表介绍，全省GDP增长6%。", "江苏省"),  # a body, then the province again
    ("全国平均增长5%，全省增长6%。", "江苏省"),
])
def test_a_national_figure_takes_no_place_of_the_document(text: str, place: str | None) -> None:
    assert zhfacts.extract(text, "2011-06-14", "江苏省")["facts"][-1]["place"] == place


def test_a_bounded_figure_before_a_counted_noun_is_a_threshold() -> None:
    text = "营业收入超千亿元的开发区10个，比上年增加2个。"
    facts = zhfacts.extract(text, date="2022-12")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("营业收入超千亿元的开发区", "10"), ("营业收入超千亿元的开发区", "2")]


@pytest.mark.parametrize(("text", "facts"), [
    # 分别 over places: each figure is of its place, in order, and the measure after the
    # places is the metric of all.
    ("龙口、牟平的采购规模分别为3.26亿元、2.1亿元。",
     [("采购规模", "龙口市"), ("采购规模", "牟平区")]),
    ("乌海市、包头市和鄂尔多斯市位列前三，采购规模分别达到44.97亿元、34.89亿元和24.54亿元。",
     [("采购规模", "乌海市"), ("采购规模", "包头市"), ("采购规模", "鄂尔多斯市")]),
])
def test_fenbie_distributes_places(text: str, facts: list[tuple[str, str]]) -> None:
    found = zhfacts.extract(text, "2011-04-22", "烟台市")["facts"]
    assert [(f["metric"], f["place"]) for f in found] == facts


def test_a_copula_after_a_rate_is_no_part_of_the_metric() -> None:
    # jieba reads 率为 as one word; after a measure's ending 为 is still stripped.
    facts = zhfacts.extract("全年节约资金3.2亿元，资金节约率为10.8%。", date="2011-04")["facts"]
    assert [f["metric"] for f in facts] == ["节约资金", "资金节约率"]


def test_a_governing_word_before_a_kind_is_part_of_the_metric() -> None:
    # 服务 governs a metric (服务 | 群众2万人) but not before 类 or 业: 服务类 is a kind.
    text = "全区工程类采购规模为152.7亿元，服务类采购规模为12.99亿元。"
    facts = zhfacts.extract(text, date="2011-04")["facts"]
    assert [f["metric"] for f in facts] == ["工程类采购规模", "服务类采购规模"]


def test_a_national_clause_takes_no_earlier_clauses_place() -> None:
    # 全国 in the figure's own clause, which names no place: not 广东 of the clause before.
    national = "今年以来，江苏、浙江和广东的采购规模分别为30亿元、20亿元和10亿元，全国采购规模1000亿元。"
    assert zhfacts.extract(national, "2011-04-02")["facts"][-1]["place"] is None


@pytest.mark.parametrize(("text", "metric"), [
    # The perfective 了 ends the verb: its object is the metric ...
    ("通过公开招标的方式采购了公交车234辆。", "公交车"),
    ("今年共完成了采购项目56个。", "采购项目"),
    # ... and 新增 is the change, not the metric (decision 47); 了解 is a word.
    ("全市新增了就业岗位3000个。", "就业岗位"),
    ("据了解，今年全市采购规模达10亿元。", "采购规模"),
])
def test_the_object_of_a_perfective_verb(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2011-06-20")["facts"][0]["metric"] == metric


@pytest.mark.parametrize(("text", "metric"), [
    # A verb, a figure and 的: the figure describes the verb's object, which it measures.
    ("市政府昨日公布了涉及120亿元的稳增长措施。", "稳增长措施"),
    ("新区建成后可以提供80万平方米的商业楼面。", "商业楼面"),
    # A noun phrase ends before a word that opens a predicate.
    ("而耗资35亿元的三期扩建工程预计将于2025年完工。", "三期扩建工程"),
])
def test_a_figure_before_the_object_it_measures(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2023-03")["facts"][0]["metric"] == metric


def test_a_bound_after_a_one_character_verb_stays_a_threshold() -> None:
    # 如 is no verb that takes the figure: 超过500万元的项目 is a class of projects.
    text = "审核流程耗时过长，如超过500万元的项目需要董事会审批。"
    assert zhfacts.extract(text, "2011-06")["facts"] == []


@pytest.mark.parametrize(("text", "facts"), [
    # 分别 over coordinated periods: each figure is of its period, and the periods
    # are no part of the metric.
    ("全市生产总值2019年和2018年分别增长6.8%和7.5%。",
     [("生产总值", "2019", "increase"), ("生产总值", "2018", "increase")]),
    ("一季度、二季度出口额分别增长3.4%和1.2%。",
     [("出口额", "2023-Q1", "increase"), ("出口额", "2023-Q2", "increase")]),
    # A figure of a 分别 enumeration with no change word of its own has the first's.
    ("1-3月和1-2月，全省社会消费品零售总额分别增长4.1%和3.5%。",
     [("社会消费品零售总额", "2023-01/2023-03", "increase"),
      ("社会消费品零售总额", "2023-01/2023-02", "increase")]),
])
def test_fenbie_distributes_periods(text: str, facts: list[tuple[str, str, str]]) -> None:
    found = zhfacts.extract(text, "2023-07", "江苏省")["facts"]
    assert [(f["metric"], f["time"], f["change"]) for f in found] == facts


@pytest.mark.parametrize(("text", "metrics"), [
    # 其 before a measure is the noun that opens the clause before.
    ("受降温影响，蔬菜供应偏紧，其价格同比上涨12.6%。", ["蔬菜价格"]),
    ("全区规模以上企业410家，其余小微企业2.6万家。", ["规模以上企业", "小微企业"]),  # (其余)
    # Under 其中, a phase alone (新建, 续建) qualifies the measure of the total.
    ("全县建成高标准农田4万亩，其中新建2.5万亩。", ["高标准农田", "新建高标准农田"]),
    ("全区实施重点项目210个，其中新开工项目80个、续建95个。",
     ["重点项目", "新开工项目", "续建项目"]),
])
def test_pronouns_and_phases_take_their_measure(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-06")["facts"]] == metrics


def test_this_month_in_a_monthly_release_is_the_month_it_reports() -> None:
    # Published in July about June: 本月 is June, not the publication month; 环比
    # is a comparison base like 同比, no metric.
    text = ("2023年6月份全市居民消费价格运行情况\n"
            "本月，全市居民消费价格同比上涨0.6%，环比下降0.2%。")
    facts = zhfacts.extract(text, "2023-07-11", "兰州市")["facts"]
    assert [(f["metric"], f["time"], f["change"]) for f in facts] == [
        ("居民消费价格", "2023-06", "increase"), ("居民消费价格", "2023-06", "decrease")]


@pytest.mark.parametrize(("text", "place"), [
    # A sentence that cites a State Council body and names no place: the country's.
    ("据国家统计局发布的数据，4月份居民消费价格同比上涨0.1%。", None),
    ("商务部监测显示，上周猪肉批发价格下降2.4%。", None),
    # ... unless it names a place or the document's own unit.
    ("财政部向江苏省下达补助资金6亿元。", "江苏省"),
    ("据国家统计局数据，全省工业增加值增长5%。", "江苏省"),
    # ... or a local body reports it.
    ("在商务部指导下，市商务局梳理外资项目8个。", "南京市"),
])
def test_a_figure_cited_from_a_central_body(text: str, place: str | None) -> None:
    assert zhfacts.extract(text, "2023-05-12", "南京市")["facts"][0]["place"] == place


@pytest.mark.parametrize(("place", "province"), [("南京市", "江苏省"), ("西工区", "河南省")])
def test_whole_province_resolves_though_the_text_never_names_it(place: str, province: str) -> None:
    # The document place's parents come from the gazetteer when the text names none.
    facts = zhfacts.extract("全省工业增加值增长5%。", "2023-05-12", place)["facts"]
    assert facts[0]["place"] == province


def test_a_reference_line_is_no_fact() -> None:
    text = ("4月份，制造业采购经理指数为49.2%，低于50%临界点；"
            "非制造业商务活动指数为56.4%，高于50%的荣枯线。")
    facts = zhfacts.extract(text, "2023-05-01")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("制造业采购经理指数", "49.2"), ("非制造业商务活动指数", "56.4")]


def test_a_body_with_a_chain_of_places_is_of_the_innermost() -> None:
    text = "湖南省新田县财政局今年筹集抗旱资金620万元。"
    record = zhfacts.extract(text, "2011-05-02", "湖南省")
    (body,) = [e for e in record["entities"] if e["label"] == "GOV"]
    assert body["norm"]["place"] == "新田县"
    assert record["facts"][0]["place"] == "新田县"


def test_a_place_opening_a_sentence_is_the_subject_of_the_paragraphs_next_ones() -> None:
    text = ("贵州省的药品招标公告发布后，共有800家企业申报。"
            "截至3月底，共公布中标药品500个，总体降价幅度达40%。\n\n"
            "另据统计，各地共节约资金3亿元。")
    facts = zhfacts.extract(text, "2011-05-13")["facts"]
    assert [(f["value"], f["place"]) for f in facts] == [
        ("800", "贵州省"), ("500", "贵州省"), ("40", "贵州省"), ("300000000", None)]


def test_a_township_opening_a_sentence_leaves_the_next_to_the_county() -> None:
    # A county's report goes through its townships one sentence at a time.
    text = "太清宫镇建成产业园1个。县财政局统筹整合涉农资金2.6亿元。"
    facts = zhfacts.extract(text, "2023-12", "鹿邑县")["facts"]
    assert [f["place"] for f in facts] == ["太清宫镇", "鹿邑县"]


def test_a_release_day_dates_no_figure() -> None:
    text = "开封市上半年政府采购数据7月12日公布，该市实际采购规模9.6亿元。"
    facts = zhfacts.extract(text, "2011-07-15", "开封市")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [("实际采购规模", "2011-H1")]


@pytest.mark.parametrize(("text", "expected"), [
    # A span of years opened with 从 is the period of the clause's figures.
    ("从2007年到2009年，中心共组织采购项目96个。", [("采购项目", "2007/2009", None)]),
    # 增幅 / 降价幅度 before a percentage: the figure is that change.
    ("全县采购规模增幅达18%，药品降价幅度达41.5%。",
     [("采购规模增幅", "2011-06", "increase"), ("药品降价幅度", "2011-06", "decrease")]),
    # 与…相比 is a comparison base, no part of the metric.
    ("采购规模与上年同期相比增加1620万元。", [("采购规模", "2011-06", "increase")]),
])
def test_spans_changes_and_bases_in_news(text: str, expected: list[tuple[str, str, str]]) -> None:
    facts = zhfacts.extract(text, "2011-06")["facts"]
    assert [(f["metric"], f["time"], f["change"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "metrics"), [
    # 则 / 却 between a metric and its figure are adverbs, no part of it.
    ("分散采购额达到20亿元，而协议供货额则只有3亿元。", ["分散采购额", "协议供货额"]),
    ("平均成交价格却比上年下降了6%。", ["平均成交价格"]),
    # 在…中 (among) and the figure's own 约 close no metric.
    ("在560个入围产品中约35%来自本省企业。", ["入围产品", "入围产品"]),
    # A rank or a count of places inside a metric keeps its digits.
    ("全国前50强的医疗器械企业32家。", ["全国前50强的医疗器械企业"]),
    ("中央财政下拨3省防汛资金8亿元。", ["中央财政下拨3省防汛资金"]),
])
def test_adverbs_locatives_and_digits_inside_metrics(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2011-06")["facts"]] == metrics


def test_a_headline_figure_repeated_in_the_body_is_the_bodys_fact() -> None:
    text = ("洛阳政府采购半年省下2.4亿元\n发布时间：2011-07-15\n"
            "洛阳市财政局近日公布的数据显示，该市上半年政府采购预算金额20.6亿元，"
            "节约资金2.4亿元，采购效率和资金使用效益明显提高，政府采购在规范管理、"
            "节约资金、支持中小企业发展等方面发挥了积极作用。\n"
            "市财政局有关负责人介绍，今年以来该市进一步规范政府采购行为，"
            "推进信息公开，加强对采购代理机构的监督管理。\n")
    facts = zhfacts.extract(text, "2011-07-15", "洛阳市")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("政府采购预算金额", "2060000000"), ("节约资金", "240000000")]


def test_a_span_reached_by_a_verbal_noun_takes_the_subject_before() -> None:
    # 发展到 reaches a level (jieba: 发展 vn); the subject is the clause before,
    # a compound with a verb inside (政府 | 采购 | 规模).
    text = "全省政府采购规模保持较快增长，从2005年的12亿元发展到2010年的96亿元。"
    facts = zhfacts.extract(text, "2011-06")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [
        ("政府采购规模", "2005"), ("政府采购规模", "2010")]


def test_a_governing_verb_before_a_spending_head_is_part_of_the_compound() -> None:
    text = "货物支出为2.1亿元，服务支出为0.6亿元，培训经费为80万元。"
    facts = zhfacts.extract(text, "2011-06")["facts"]
    assert [f["metric"] for f in facts] == ["货物支出", "服务支出", "培训经费"]


def test_fenbie_over_the_wholes_of_a_share_gives_each_the_part() -> None:
    # SPEC: a share takes the noun phrase of the quantity it qualifies, for each whole.
    text = "2010年全省政府采购规模占地区生产总值和财政支出的比重分别为1.8%和8.6%。"
    facts = zhfacts.extract(text, "2011-06", "江苏省")["facts"]
    assert [(f["metric"], f["value"], f["time"]) for f in facts] == [
        ("政府采购规模", "1.8", "2010"), ("政府采购规模", "8.6", "2010")]


@pytest.mark.parametrize(("text", "metrics"), [
    # 均 / 各 give the figure to each coordinated subject: one fact each.
    ("进口额和出口额均增长12.5%。", ["进口额", "出口额"]),
    ("本地品牌和外地品牌各占50%。", ["本地品牌", "外地品牌"]),
    ("分散采购占5%，而货物和服务均占20%。", ["分散采购", "货物", "服务"]),  # (而 opens the clause)
    # 平均 / 人均 are rates, not 均.
    ("全区职工平均工资增长7%。", ["职工平均工资"]),
])
def test_jun_and_ge_give_a_figure_to_each_subject(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2022-12")["facts"]] == metrics


@pytest.mark.parametrize(("text", "place"), [
    # A list of places: the figure is of none of them alone ...
    ("中央财政向河北、山西、河南3省拨付抗旱资金8.6亿元。", None),
    # ... but of the division they all lie in, when they share one.
    ("县水利局在西陵寺镇、河堤乡等低洼区域新建排涝泵站8座。", "睢县"),
])
def test_a_figure_of_a_list_of_places(text: str, place: str | None) -> None:
    assert zhfacts.extract(text, "2023-06", "睢县")["facts"][0]["place"] == place


@pytest.mark.parametrize(("text", "metrics"), [
    # A list of figures after a list of as many subjects reads as with 分别.
    ("城镇和农村居民人均消费支出增长4.1%和7.3%。", ["城镇居民人均消费支出", "农村居民人均消费支出"]),
    ("全年小麦产量和玉米产量为310万吨、150万吨。", ["小麦产量", "玉米产量"]),
    # Measures of their own (other units) share no head.
    ("完成投资和新开工项目8亿元和25个。", ["完成投资", "新开工项目"]),
])
def test_a_list_of_figures_matches_a_list_of_subjects(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2022-12")["facts"]] == metrics


@pytest.mark.parametrize(("text", "metric"), [
    # A figure written without its unit took it from the noun after: that noun is
    # what it measures.
    ("银行仍按80万余额计算利息。", "余额"),
    ("全省基本落实12亿中央预算内投资计划。", "中央预算内投资计划"),
])
def test_a_unitless_figure_measures_the_noun_after_it(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2011-06")["facts"][0]["metric"] == metric


def test_a_list_of_places_in_an_earlier_clause_locates_no_later_figure() -> None:
    text = "评审时参考辽宁和江苏两省的成交价，以及供应商自选的2个省份的成交价。"
    assert zhfacts.extract(text, "2011-04-19", "黑龙江省")["facts"][0]["place"] == "黑龙江省"


@pytest.mark.parametrize(("text", "expected"), [
    # A measure's bound before 的 and a noun defines a class of things: no fact ...
    ("采购价值超过5万元的服务器须报财政部门审批。", []),
    ("预算金额达到50万元以上（含50万元）的项目须公开招标。", []),
    # ... a size in brackets after a name too, and the name is the next figure's metric;
    ("中型客车(10座以上)三包，小型客车(9座以下含9座)两包。",
     [("中型客车", "3"), ("小型客车", "2")]),
    # ... but a verb's object is measured by its bound.
    ("新址可提供超过12000平方米的楼面。", [("楼面", "12000")]),
])
def test_bounds_that_define_classes(text: str, expected: list[tuple[str, str]]) -> None:
    facts = zhfacts.extract(text, "2011-06")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == expected


def test_a_month_named_once_in_the_lead_of_a_later_story_frames_nothing() -> None:
    # 今年7月 is when the system was built, not the period of an October story's figures.
    text = ("今年7月，兰州市政府采购电子化系统正式建成，包括7个子系统。\n\n"
            "据介绍，系统运行以来，累计节约资金1200万元。")
    facts = zhfacts.extract(text, "2011-10-09", "兰州市")["facts"]
    assert [(f["metric"], f["time"]) for f in facts] == [
        ("子系统", "2011-07"), ("节约资金", "2011-10-09")]


def test_a_count_reached_now_is_of_the_documents_day() -> None:
    # 发展到 reaches a level (发展: a verbal noun before 到); 现在的 is the story's day,
    # where no year frames the story.
    text = "上半年全市政府采购规模稳步增长。采购品目已从最初的十几个发展到现在的120多个。"
    facts = zhfacts.extract(text, "2011-07-25", "西安市")["facts"]
    # (最初的 | 十几个: an earlier time the story does not name, no time)
    assert [(f["metric"], f["time"]) for f in facts][-2:] == [
        ("采购品目", None), ("采购品目", "2011-07-25")]


def test_a_headline_rounding_a_body_figure_adds_no_fact() -> None:
    text = ("常州政府采购半年规模达58亿余元 节约资金310余万元\n发布时间：2011-07-25\n"
            "上半年我市政府采购规模达58.4亿元，为历年同期最高，节约资金316.2万元，同比增长"
            "12%，政府采购在规范管理方面发挥了积极作用，较好地支持了本地中小企业的发展。\n"
            "市财政局有关负责人介绍，今年以来我市进一步规范政府采购行为，推进信息公开，"
            "加强对采购代理机构的监督管理，采购效率和资金使用效益明显提高。\n")
    facts = zhfacts.extract(text, "2011-07-25", "常州市")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("政府采购规模", "5840000000"), ("节约资金", "3162000"), ("节约资金", "12")]


@pytest.mark.parametrize(("text", "metric", "qualifier"), [
    # A bound before the whole a percentage is of: the part before the bound is the metric.
    ("入围供应商最多不超过有效投标人总数的70%。", "入围供应商", "<="),
    ("政府采购中小企业份额不低于采购总额的30%。", "政府采购中小企业份额", ">="),
])
def test_a_bound_on_a_share_of_a_whole(text: str, metric: str, qualifier: str) -> None:
    (fact,) = zhfacts.extract(text, "2011-07")["facts"]
    assert (fact["metric"], fact["qualifier"]) == (metric, qualifier)


@pytest.mark.parametrize(("text", "metric"), [
    # 减少到 / 扩大到 reach a level: no part of the metric, and no change.
    ("入围厂商减少到5家。", "入围厂商"),
    ("共采购五部iPad2。", "iPad2"),  # a model's name in Latin letters is counted
    ("全县采购规模扩大到12亿元。", "采购规模"),
])
def test_verbs_of_reaching_a_level_and_latin_names(text: str, metric: str) -> None:
    (fact,) = zhfacts.extract(text, "2011-07")["facts"]
    assert (fact["metric"], fact["change"]) == (metric, None)


@pytest.mark.parametrize(("text", "expected"), [
    # 同增 is 同比增长; 名义 / 实际 name how a growth is measured, not what grows.
    ("1-6月，全省外贸进出口值2.6万亿元，同增12.4%。",
     [("外贸进出口值", None), ("外贸进出口值", "increase")]),
    ("全体居民人均可支配收入21000元，名义增长5.1%，实际增长3.2%。",
     [("全体居民人均可支配收入", None), ("全体居民人均可支配收入", "increase"),
      ("全体居民人均可支配收入", "increase")]),
    # 拉动 is a contribution: the subject before it is the metric.
    ("民营企业进出口8000亿元，拉动全省进出口增长6.2个百分点。",
     [("民营企业进出口", None), ("民营企业进出口", "increase")]),
    # 分别 over 产销 / 进出口, with figures joined by 与.
    ("汽车产销分别为120万辆与118万辆。", [("汽车产量", None), ("汽车销量", None)]),
    ("全市进出口分别增长5%和3%。", [("进口", "increase"), ("出口", "increase")]),
])
def test_trade_and_income_releases(text: str, expected: list[tuple[str, str | None]]) -> None:
    facts = zhfacts.extract(text, "2022-07-15", "江苏省")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "change"), [
    # 加快 / 放缓 right before a figure make it a change ...
    ("1-7月全市工业增速比1-6月加快0.7个百分点。", "increase"),
    ("全省消费增速放缓1.2个百分点。", "decrease"),
    # ... not inside a clause that describes what is counted.
    ("当中包括我们正在加快审批的12000个预售楼花单位。", None),
])
def test_changes_written_right_before_a_figure(text: str, change: str | None) -> None:
    assert zhfacts.extract(text, "2021-08-20")["facts"][-1]["change"] == change


def test_a_measure_jieba_tags_as_a_verb_takes_no_object_after_de() -> None:
    # 收入 is a measure, not a verb whose object follows 的; 的情况下 is a frame.
    text = "在全年实现营业收入150亿元的情况下，净利润只有3亿元。"
    facts = zhfacts.extract(text, "2011-07")["facts"]
    assert [f["metric"] for f in facts] == ["全年营业收入", "净利润"]


@pytest.mark.parametrize(("text", "metrics"), [
    ("汽车类商品实现零售额12.6亿元。", ["汽车类商品零售额"]),  # 零售额 alone names nothing
    ("研发投入强度从2%提高到2.4%。", ["研发投入强度", "研发投入强度"]),  # 投入 | 强度: a compound
    ("净利润只有区区3.1亿元。", ["净利润"]),
])
def test_measures_of_economy_analyses(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2011-07")["facts"]] == metrics


def test_the_same_quantity_in_a_sentence_keeps_the_place_it_was_given() -> None:
    # The growth of the national figure, and a part of it after 其中, are the country's,
    # though the story is a province's and their clauses do not say 全国.
    text = "上半年，全国国内生产总值56万亿元，同比增长2.5%，其中二季度GDP同比增长0.4%。山东省GDP增长3.6%。"
    facts = zhfacts.extract(text, "2022-07-20", "山东省")["facts"]
    assert [f["place"] for f in facts] == [None, None, None, "山东省"]


@pytest.mark.parametrize(("text", "metric", "places"), [
    ("前三季度，广东（59518亿元）、江苏（56421亿元）的地区生产总值位居前列。", "地区生产总值",
     ["广东省", "江苏省"]),
    # the kind of the places listed, after 等, is no part of the measure
    ("上半年，郑州（6200亿元）和洛阳（2600亿元）等城市的固定资产投资增长较快。", "固定资产投资",
     ["郑州市", "洛阳市"]),
    ("上半年，郑州（6200亿元）和洛阳（2600亿元）等地固定资产投资增长较快。", "固定资产投资",
     ["郑州市", "洛阳市"]),
])
def test_figures_in_brackets_after_their_places(text: str, metric: str,
                                                 places: list[str]) -> None:
    facts = zhfacts.extract(text, "2021-10-30")["facts"]
    assert [(f["metric"], f["place"]) for f in facts] == [(metric, p) for p in places]


def test_a_single_bracketed_figure_after_a_place_is_no_list() -> None:
    # one place with its figure in brackets is read as before (no measure taken from after)
    facts = zhfacts.extract("广东（59518亿元）居首。", "2021-10-30")["facts"]
    assert all(f["metric"] != "居首" for f in facts)


@pytest.mark.parametrize(("text", "expected"), [
    # the measure written after 分别 is each subject's
    ("两家企业分别实现营业收入12亿元和8亿元。", [("营业收入", None, None)] * 2),
    ("工业和服务业分别实现增加值100亿元和200亿元。",
     [("工业增加值", None, None), ("服务业增加值", None, None)]),
    ("前10个月，江苏和广东分别出口1200亿元和1100亿元。",
     [("出口", "江苏省", None), ("出口", "广东省", None)]),
    ("一季度和二季度分别完成投资30亿元、35亿元。",
     [("完成投资", None, "2021-Q1"), ("完成投资", None, "2021-Q2")]),
])
def test_a_measure_written_after_fenbie(text: str,
                                        expected: list[tuple[str, str | None, str | None]]) -> None:
    facts = [f for f in zhfacts.extract(text, "2021-11-30")["facts"] if f["unit"] != "家"]
    assert [(f["metric"], f["place"]) for f in facts] == [(m, p) for m, p, _ in expected]
    assert all(t is None or f["time"] == t for f, (_, _, t) in zip(facts, expected, strict=True))


def test_after_fenbie_the_target_of_a_share_is_no_measure() -> None:
    text = "宫颈癌筛查3.2万人、乳腺癌筛查2.8万人，分别完成年度任务的106.7%和93.3%。"
    facts = zhfacts.extract(text, "2023-03")["facts"]
    assert [f["metric"] for f in facts][2:] == ["宫颈癌筛查", "乳腺癌筛查"]


def test_a_measure_taken_from_the_countrys_figure_is_the_units_own() -> None:
    text = "上半年，全国规模以上工业增加值同比增长3.4%，我省增长4.1%，广州增长5%。"
    facts = zhfacts.extract(text, "2022-07-30", "广东省")["facts"]
    assert [(f["metric"], f["place"]) for f in facts] == [
        ("全国规模以上工业增加值", None), ("规模以上工业增加值", "广东省"),
        ("规模以上工业增加值", "广州市")]


@pytest.mark.parametrize("text", [
    "推进率先建成“三市”、强力实施“三倍”。",  # a quoted figure alone is a slogan
    "市政府出台了“稳经济十条”和“金融支持八条”措施。",
    "深圳发布《关于加快发展的若干措施》（简称“20条”）。",
])
def test_a_count_ending_a_quoted_name_is_no_fact(text: str) -> None:
    assert zhfacts.extract(text, "2022-07-30")["facts"] == []


@pytest.mark.parametrize(("text", "metrics"), [
    ("分经济类型看，国有控股企业增加值同比增长18.8%；股份制企业增长18.1%。",
     ["国有控股企业增加值", "股份制企业增加值"]),
    ("分三大门类看，采矿业增加值增长0.4%，制造业增长9.6%。", ["采矿业增加值", "制造业增加值"]),
    # a kind of the subject before, in brackets after 其中
    ("汽车产量增长46.7%（其中新能源汽车增长81.4%）。", ["汽车产量", "新能源汽车产量"]),
    # a measure of its own is no elliptical subject
    ("全市投资增长5%，消费增长6%。", ["投资", "消费"]),
])
def test_a_subject_of_the_same_kind_takes_the_measure_before(text: str,
                                                            metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2021-07-30")["facts"]] == metrics


def test_audit_findings_count_divisions_and_name_their_money() -> None:
    text = ("审计长指出，抽查的40个县的50.13亿元扶贫资金中，有8.43亿元闲置超过1年。"
            "29个县的59个单位和28名个人虚报冒领扶贫资金5573.13万元。")
    facts = zhfacts.extract(text, "2016-06-29")["facts"]
    metrics = [(f["metric"], f["value"]) for f in facts]
    assert ("县", "40") in metrics and ("扶贫资金", "5013000000") in metrics
    assert ("县", "29") in metrics and ("单位", "59") in metrics


@pytest.mark.parametrize(("text", "expected"), [
    ("玄武镇胡集村等6个村被评为省级乡村振兴示范村。", [("省级乡村振兴示范村", "鹿邑县")]),
    ("我县3家单位和7名个人被评为全省先进集体和全省先进工作者。",
     [("全省先进集体", "鹿邑县"), ("全省先进工作者", "鹿邑县")]),
    ("全县有12家企业入选“中国民营企业500强”。", [("中国民营企业500强", "鹿邑县")]),
])
def test_the_class_a_count_is_given_is_its_metric(text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    facts = zhfacts.extract(text, "2023-03", "鹿邑县")["facts"]
    assert [(f["metric"].strip("“”"), f["place"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "metric", "change"), [
    ("上半年，服务业增加值同比增长5.3%，快于全市生产总值1.9个百分点。", "服务业增加值", "increase"),
    ("全市GDP增长5%，低于全省平均水平0.5个百分点。", "GDP", "decrease"),
    ("全市GDP增长5%，比全省高0.5个百分点。", "GDP", "increase"),
])
def test_a_margin_of_percentage_points_is_a_change(text: str, metric: str, change: str) -> None:
    fact = zhfacts.extract(text, "2021-07-30")["facts"][-1]
    assert (fact["metric"], fact["unit"], fact["change"]) == (metric, "pp", change)


def test_margins_distributed_by_fenbie_are_of_the_figures_before() -> None:
    text = ("装备制造业增加值增长15.2%，高技术制造业增加值增长22.3%，"
            "增速分别比规模以上工业高6.7和13.8个百分点。")
    facts = zhfacts.extract(text, "2021-07-30")["facts"]
    assert [(f["metric"], f["change"]) for f in facts[2:]] == [
        ("装备制造业增加值", "increase"), ("高技术制造业增加值", "increase")]


def test_a_year_just_past_frames_the_passage_after_it() -> None:
    text = ("1月14日上午，省人民代表大会开幕。本次会议应到代表738人。"
            "省长在报告中说，刚刚过去的2008年，全省较好地完成了年度目标任务。"
            "初步预计，全省生产总值比上年增长12%以上。财政收入1326亿元，增长28.2%。")
    facts = zhfacts.extract(text, "2009-01-14", "安徽省")["facts"]
    assert [f["time"] for f in facts] == ["2009-01-14", "2008", "2008", "2008"]


def test_the_years_of_audited_accounts_frame_the_findings() -> None:
    # (the years named late in the story frame its end, not the findings of its lead)
    text = ("5月20日，审计署通报了某集团2007-2009年度财务收支审计结果。"
            "其中，该集团被合作伙伴占用资金88.07亿元，下属公司虚增销售收入19.82亿元。\n"
            + "业内人士表示，该集团的营业模式一直受到各方质疑。" * 14 + "\n"
            "2010年，其销售收入1860亿元。截至2010年，合作方拖欠款项高达70亿元。")
    facts = zhfacts.extract(text, "2011-05-24")["facts"]
    assert [f["time"] for f in facts[:2]] == ["2007/2009", "2007/2009"]


def test_the_place_of_a_news_dateline_locates_nothing() -> None:
    text = "中广网合肥1月14日消息（记者刘军）省人民代表大会今天开幕。本次会议应到代表738人。"
    facts = zhfacts.extract(text, "2009-01-14", "安徽省")["facts"]
    assert [f["place"] for f in facts] == ["安徽省"]


def test_a_list_after_only_a_change_verb_is_of_the_list_before() -> None:
    text = "城乡居民人均可支配收入分别为3.6万元、2.1万元，增长9.4%、10.2%。"
    facts = zhfacts.extract(text, "2015-01-24")["facts"]
    assert [(f["metric"], f["change"]) for f in facts[2:]] == [
        ("城市居民人均可支配收入", "increase"), ("农村居民人均可支配收入", "increase")]


@pytest.mark.parametrize(("text", "metrics"), [
    # an item ending in a measure of its own keeps it
    ("新设外资项目数量、合同外资金额、实到外资金额分别增长21.5%、13.3%和10.1%。",
     ["新设外资项目数量", "合同外资金额", "实到外资金额"]),
    # a plain noun ending the last item is no head the others share
    ("跨国公司地区总部、外资研发中心分别新增50家和20家。", ["跨国公司地区总部", "外资研发中心"]),
])
def test_coordinated_items_with_heads_of_their_own(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2020-01-15")["facts"]] == metrics


def test_a_scoped_quantity_changing_by_as_much_is_a_fact_of_its_own() -> None:
    text = ("上半年，全市工业增加值增长5.1%，比一季度加快3.1个百分点。"
            "其中，规模以上工业增加值增长3.2%，比一季度加快3.1个百分点。")
    facts = zhfacts.extract(text, "2018-07-19", "天津市")["facts"]
    assert [(f["metric"], f["value"]) for f in facts if f["unit"] == "pp"] == [
        ("工业增加值", "3.1"), ("规模以上工业增加值", "3.1")]


@pytest.mark.parametrize(("text", "pers"), [
    # a growth rate of a per-capita indicator has no per (docs/annotation.md 46)
    ("城镇居民人均可支配收入增长13%，人均消费支出2万元。", [None, "person"]),
    ("城镇居民人均可支配收入、农民人均纯收入分别增长13%和15%以上。", [None, None]),
    ("夏粮亩产319.0公斤，增长2%。", ["mu", None]),  # 亩产 is per mu (decision 64)
])
def test_per_of_rates_and_of_their_growth(text: str, pers: list[str | None]) -> None:
    assert [f["per"] for f in zhfacts.extract(text, "2021-07")["facts"]] == pers


def test_a_title_bounding_a_body_figure_adds_no_fact() -> None:
    text = ("中钢审计结果曝多项问题 被合作企业占款超70亿\n\n"
            "5月20日，审计署通报了中钢集团的审计结果。\n\n截至2010年，纵横钢铁拖欠中钢的款项高达70亿元。")
    facts = zhfacts.extract(text, "2011-05-24")["facts"]
    assert [f["value"] for f in facts] == ["7000000000"]
    assert facts[0]["metric"] != "被合作企业占款"


def test_an_amount_takes_no_counted_noun_of_a_count_before() -> None:
    text = "17个县的25个单位将2194.78万元用于弥补业务经费。"
    facts = zhfacts.extract(text, "2016-06-29")["facts"]
    assert all(f["metric"] != "单位" for f in facts if f["unit"] == "CNY")


def test_a_count_of_sized_things_names_the_size() -> None:
    text = "消防支队获赠2台300米超高层供水消防车。"
    facts = zhfacts.extract(text, "2011-05-01")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [("300米超高层供水消防车", "2")]


def test_a_list_of_places_in_the_sentence_stops_an_earlier_opener() -> None:
    text = ("龙口、牟平的采购规模分别为3.26亿元和2.63亿元。"
            "采购额超过1亿元的县市区有莱阳、栖霞、开发区、蓬莱、海阳，采购额分别为1.62亿元、1.53亿元、"
            "1.09亿元、1.07亿元、1亿元。")
    facts = zhfacts.extract(text, "2011-04-22", "烟台市")["facts"]
    assert [f["place"] for f in facts][2:] == ["烟台市"] * 5


def test_a_count_written_after_sized_things_names_the_size() -> None:
    text = "此次还采购了18吨大功率泡沫防化消防车14辆。"
    facts = zhfacts.extract(text, "2011-05-01")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [("18吨大功率泡沫防化消防车", "14")]


def test_a_person_is_never_a_metric() -> None:
    facts = zhfacts.extract("据国采中心采购二处的罗少伟介绍，今年共有12家企业中标。", "2011-05-01")["facts"]
    assert all(f["metric"] != "罗少伟" for f in facts)


def test_a_rate_written_after_its_percentage() -> None:
    facts = zhfacts.extract("评审时还会再次设置10%的淘汰率。", "2011-05-01")["facts"]
    assert [f["metric"] for f in facts] == ["淘汰率"]


def test_the_kind_of_money_after_an_amount_ends_at_its_noun() -> None:
    text = "除了有8.7亿元扶贫资金闲置或损失浪费外，还有1.51亿元扶贫资金被虚报冒领。"
    facts = zhfacts.extract(text, "2016-06-29")["facts"]
    assert [f["metric"] for f in facts] == ["扶贫资金", "扶贫资金"]


def test_a_rate_per_minute_earlier_in_the_clause() -> None:
    facts = zhfacts.extract("一般消防车每分钟只能出5吨左右泡沫。", "2011-05-01")["facts"]
    assert [f["per"] for f in facts] == ["minute"]


def test_a_procurement_amount_keeps_its_subject_without_focus_adverbs() -> None:
    text = "一季度，其中仅高新区就完成采购额7.84亿元，开发区完成采购额1.09亿元。"
    facts = zhfacts.extract(text, "2011-04-22", "烟台市")["facts"]
    assert [f["metric"] for f in facts] == ["高新区采购额", "开发区采购额"]


def test_a_sentence_opening_with_now_is_of_the_documents_day() -> None:
    text = ("2009年，定点印刷金额为21877万元。目前，全市共有定点企业45家，"
            "预计10家会于2012年前完成改造。")
    facts = zhfacts.extract(text, "2011-03-10")["facts"]
    assert [f["time"] for f in facts] == ["2009", "2011-03-10", "2012"]


def test_an_average_after_a_span_of_years_is_of_the_span() -> None:
    text = "定点印刷金额由2006年的6214万元增加到2009年的21877万元，平均增长率保持在60%左右。"
    facts = zhfacts.extract(text, "2011-03-10")["facts"]
    assert [f["time"] for f in facts] == ["2006", "2009", "2006/2009"]


def test_what_changed_from_a_named_amount_is_the_subject_before_from() -> None:
    facts = zhfacts.extract("采购预算由原计划投入资金3.3亿元调减到3.22亿元。", "2011-05-01")["facts"]
    assert [f["metric"] for f in facts] == ["原计划投入资金", "采购预算"]


def test_fenbie_after_a_clause_of_coordinated_measures() -> None:
    text = "全县完成生产总值、财政收入、固定资产投资，分别比增1.7%、2.8%和1.5%。"
    facts = zhfacts.extract(text, "2021-02-04")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == [
        ("生产总值", "increase"), ("财政收入", "increase"), ("固定资产投资", "increase")]


@pytest.mark.parametrize("text", ["深入实施“三大支撑八项重点”工作，开展“五个年”活动。",
                                  "着力打牢“四个基础”。",
                                  "总结出以“夯实三个基础、强化四个结合”为主要内容的模式。"])
def test_a_count_inside_a_short_quoted_slogan_is_no_fact(text: str) -> None:
    assert zhfacts.extract(text, "2021-02-04")["facts"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("全区新增医疗卫生机构床位620张。", [("医疗卫生机构床位", "increase")]),
    ("全年减少贫困人口1.2万人，增加就业岗位3000个。",
     [("贫困人口", "decrease"), ("就业岗位", "increase")]),
    # indicators that hold the verb keep it, as levels
    ("实现增加值1200亿元，新增就业1.2万人。", [("增加值", None), ("新增就业", None)]),
    # a total after the new ones is a level
    ("新增省高新区1家，总数7家。", [("省高新区", "increase"), ("新增省高新区", None)]),
    # 降低 and 提高 before an amount or a percentage written right after the metric
    ("而且降低造价10%—30%，提高劳动生产率15%。", [("造价", "decrease"), ("劳动生产率", "increase")]),
    # ... not before a share, a list or a count of a kind
    ("新增企业占全部企业的12%。", [("新增企业", None)]),
    ("完成降低标准装修11栋。", [("降低标准装修", None)]),
])
def test_a_verb_of_change_opening_the_metric_is_the_change(
        text: str, expected: list[tuple[str, str | None]]) -> None:
    facts = zhfacts.extract(text, "2023-03")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "metrics"), [
    ("一般公共预算收入完成120亿元，完成预算的102.3%。", ["一般公共预算收入"] * 2),
    ("税收收入累计完成3045亿元，完成计划进度的37.6%。", ["税收收入"] * 2),
    # a budget is a quantity of its own before an amount, and 支出进度 is an indicator
    ("政府性基金预算120亿元，支出进度87.1%。", ["政府性基金预算", "支出进度"]),
])
def test_progress_against_a_budget_is_of_the_quantity_before(text: str,
                                                             metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "change"), [
    ("全市生产总值实现了6.5%的增长。", "increase"),
    ("出口出现0.3%的负增长。", "decrease"),
    # a rate or a target named after the figure is a level
    ("生产总值保持8%的增长速度。", None),
    ("生产总值实现了6.5%的增长目标。", None),
])
def test_a_change_named_after_the_figure(text: str, change: str | None) -> None:
    assert [f["change"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [change]


@pytest.mark.parametrize(("text", "metrics"), [
    ("全市城镇化率为62.1%，这一比例比上年提高1.2个百分点。", ["城镇化率", "城镇化率"]),
    ("甲国养老金支出占国内生产总值的9.7%，而在乙国，这一比例高达15.2%。",
     ["甲国养老金支出", "甲国养老金支出"]),
])
def test_a_measure_named_by_a_demonstrative_is_the_one_before(text: str,
                                                             metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "metrics"), [
    ("出口增长率由原定的6.2%降低为1.4%。", ["出口增长率", "出口增长率"]),
    ("二氧化碳排放230亿吨，比本世纪初增加了25%。", ["二氧化碳排放", "二氧化碳排放"]),
    ("第三产业比重为52.3%。", ["第三产业比重"]),  # 比重 is a measure, not a comparison
])
def test_a_comparison_or_its_base_is_no_metric(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "metric"), [
    ("当时欠着700万元的债务。", "债务"), ("全年新修了15公里的乡村公路。", "乡村公路")])
def test_a_one_character_verb_with_its_aspect_governs_the_noun_after(text: str,
                                                                    metric: str) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [metric]


@pytest.mark.parametrize(("text", "metric"), [
    ("居民人均交通和通信支出2300元。", "交通和通信支出"),
    # (和 between two nouns cuts nothing, so the metric keeps the 人均 it opens
    # with, as 人均可支配收入 does)
    ("人均教育文化和娱乐支出1800元。", "人均教育文化和娱乐支出"),
    ("医疗保健和个人用品价格上涨1.9%。", "医疗保健和个人用品价格"),
    ("其他用品和服务价格上涨2.1%。", "其他用品和服务价格"),  # cut right at the name's end
])
def test_consumption_categories_keep_their_and(text: str, metric: str) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [metric]


@pytest.mark.parametrize(("text", "metrics"), [
    ("非洲有50多个国家，6.8亿人口。", ["国家", "人口"]),
    ("辖区覆盖12万人口。", ["覆盖人口"]),
    ("欧盟11国共有2.9亿人口。", ["人口"]),
])
def test_people_written_as_a_population(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == metrics


@pytest.mark.parametrize(("text", "metric"), [
    ("全国有12个省、自治区和直辖市开展了试点。", "省、自治区和直辖市"),
    ("全市12个县（市、区）全部达标。", "县（市、区）"),
    ("全市5个乡镇（街道）完成任务。", "乡镇（街道）"),
])
def test_divisions_counted_as_one_class(text: str, metric: str) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [metric]


@pytest.mark.parametrize(("text", "metric"), [
    ("省财政安排一笔500万元的专项资金。", "专项资金"),
    ("下达第二批6000万元补助资金。", "补助资金"),
])
def test_a_measure_word_before_an_amount_is_no_metric(text: str, metric: str) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [metric]


def test_a_counted_noun_that_opens_with_a_verb_is_still_a_noun() -> None:
    text = "屏幕上显示出40多家用工单位提供的3000多个就业机会。"
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [
        "用工单位", "就业机会"]


def test_a_class_label_keeps_its_bound() -> None:
    text = "工业废水处理率为78.9%，其中，县及县以上为84.7%。"
    # (was 县及县; the class now takes the measure it qualifies, _complete_breakdowns)
    assert [f["metric"] for f in zhfacts.extract(text, "2023-03")["facts"]] == [
        "工业废水处理率", "县及县以上工业废水处理率"]


@pytest.mark.parametrize(("text", "expected"), [
    ("全市进出口总额同比负增长3.2%。", [("进出口总额", "3.2", "decrease")]),
    ("工业销售收入达到108亿元，比上年净增47亿元。",
     [("工业销售收入", "10800000000", None), ("工业销售收入", "4700000000", "increase")]),
    ("全市户籍人口净减少1.2万人。", [("户籍人口", "12000", "decrease")]),
    # a level reached (下降为, 上升为) is no change
    ("世界粗粮库存将由1.199亿吨下降为1.149亿吨。",
     [("世界粗粮库存", "119900000", None), ("世界粗粮库存", "114900000", None)]),
])
def test_negative_growth_and_net_changes(text: str, expected: list[tuple[str, str, str]]) -> None:
    facts = zhfacts.extract(text, "2023-03")["facts"]
    assert [(f["metric"], f["value"], f["change"]) for f in facts] == expected


def test_a_quoted_remark_with_counts_keeps_its_facts() -> None:
    facts = zhfacts.extract("他说：“我们村新建了三个大棚、两个冷库。”", "2021-02-04")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [("大棚", "3"), ("冷库", "2")]


@pytest.mark.parametrize(("text", "metrics"), [
    ("全县贫困户4805户、贫困人口10478人全部达到脱贫标准。", ["贫困户", "贫困人口"]),  # 全部: scope
    # long coordinated subjects of 均, each whole
    ("国考断面水质达标率、省考断面水质优良率均达100%。", ["国考断面水质达标率", "省考断面水质优良率"]),
])
def test_counts_before_scope_words_and_long_subjects_of_jun(text: str,
                                                           metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2021-02-04")["facts"]] == metrics


def test_a_per_capita_metric_gives_its_per_to_a_figure_in_a_later_clause() -> None:
    text = "全县人均可支配收入突破2万元，达到20625元。"
    facts = zhfacts.extract(text, "2021-02-04")["facts"]
    assert [f["per"] for f in facts] == ["person", "person"]


def test_the_start_of_a_record_dates_no_later_clause() -> None:
    text = "2021年，全市地区生产总值创2014年以来新高，人均生产总值突破1万美元。"
    facts = zhfacts.extract(text, "2022-01-12", "黄山市")["facts"]
    assert [f["time"] for f in facts] == ["2021"]


def test_a_place_that_opens_an_honours_name_locates_nothing() -> None:
    facts = zhfacts.extract("全县荣获中国质量奖提名奖2个。", "2023-02-02", "长沙县")["facts"]
    assert [f["place"] for f in facts] == ["长沙县"]


def test_a_clause_with_a_verb_is_no_subject_of_a_generic_measure() -> None:
    text = "20家企业80个农产品进入省扶贫产品信息名录，实现销售收入2.02亿元。"
    facts = zhfacts.extract(text, "2021-02-04")["facts"]
    assert facts[-1]["metric"] == "销售收入"


def test_a_base_value_after_bi_shang_nian_is_of_the_same_quantity() -> None:
    text = "全县人均生产总值40793元，比上年38690元增加2103元。"
    facts = zhfacts.extract(text, "2022-03-10", "永靖县")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == [
        ("人均生产总值", None), ("人均生产总值", None), ("人均生产总值", "increase")]


@pytest.mark.parametrize(("text", "expected"), [
    # adverbs of a first time, a leap or a norm between a metric and its figure
    ("今年全市税收收入首次突破100亿元。", [("税收收入", None)]),
    ("该县粮食总产量一跃达到50万吨。", [("粮食总产量", None)]),
    ("商业贷款利率一般为6%。", [("商业贷款利率", None)]),
    ("城镇登记失业率已经降到3%以下。", [("城镇登记失业率", None)]),
    # a conversion restates the amount before it; 首次 alone names nothing
    ("出口总额为12亿美元，约合人民币80亿元。", [("出口总额", None), ("出口总额", None)]),
    ("全区财政收入2亿元，首次突破3000万美元。", [("财政收入", None), ("财政收入", None)]),
    # words of time that open a clause; a comparison with the past; the figure's own bound
    ("如今全村外出务工人员达1200人。", [("外出务工人员", None)]),
    ("居民人均收入比以前增加了近一倍。", [("居民人均收入", "increase")]),
    # 基本 before a verb is an adverb, before a noun part of it
    ("农村公路80公里基本完工，新建3项基本农田水利工程。",
     [("农村公路", None), ("基本农田水利工程", None)]),
])
def test_adverbs_conversions_and_bases_are_no_part_of_a_metric(
        text: str, expected: list[tuple[str, str | None]]) -> None:
    facts = zhfacts.extract(text, "2020-05-01")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == expected


@pytest.mark.parametrize(("text", "metric"), [
    # a count that is a verb's object, or follows a 的 phrase, counts the noun after it,
    # even where jieba reads that noun's first words as verbs
    ("去年全乡新修了5个提灌站。", "提灌站"),
    ("纪委受理的42起信访案件已全部办结。", "信访案件"),
    ("保险公司派出了200个查勘理赔小组。", "查勘理赔小组"),
    ("全县12个帮扶车间已投产。", "帮扶车间"),
    ("党委确定了12名拟提拔人选。", "拟提拔人选"),  # a modal opens it
    # the last noun before a predicate heads what the predicate says
    ("承保的80多家受灾企业损失已超过500万元。", "受灾企业"),
    # a copula, a predicate verb, a place: no counted noun
    ("其中9幅是新增土地。", None),
])
def test_a_counted_noun_that_opens_with_verbs_is_whole(text: str, metric: str | None) -> None:
    facts = zhfacts.extract(text, "2020-05-01")["facts"]
    assert (facts[0]["metric"] if facts else None) == metric


def test_a_dateline_dates_no_fact_and_opens_no_metric() -> None:
    text = "新华社北京3月2日电（记者王平）全国农民专业合作社达到200万家。"
    fact, = zhfacts.extract(text, "2023-03-05")["facts"]
    assert fact["time"] != "2023-03-02" and fact["metric"] == "全国农民专业合作社"
    text = "本报郑州3月2日讯 全省今年小麦播种面积达到8000万亩。"
    fact, = zhfacts.extract(text, "2023-03-05", "河南省")["facts"]
    assert (fact["metric"], fact["time"]) == ("小麦播种面积", "2023")


def test_the_worlds_figure_has_no_document_place() -> None:
    text = "全省粮食产量5000万吨，全世界粮食产量27亿吨。"
    facts = zhfacts.extract(text, "2023-03-05", "河南省")["facts"]
    assert [f["place"] for f in facts] == ["河南省", None]


@pytest.mark.parametrize("text", ["全省社会消费品零售总额增长8%，比全国高出1个百分点。",
                                  "全省社会消费品零售总额增长8%，高出全国1个百分点。"])
def test_a_margin_over_the_nation_is_the_provinces(text: str) -> None:
    margin = zhfacts.extract(text, "2023-03-05", "河南省")["facts"][-1]
    assert (margin["unit"], margin["place"], margin["change"]) == ("pp", "河南省", "increase")


@pytest.mark.parametrize(("text", "metric"), [
    ("全县有小学和初中教师2600人。", "小学和初中教师"),
    ("全市新建乡镇文化站和村文化室56个。", "乡镇文化站和村文化室"),
    ("研究生、本科生和专科生共计3万人。", "研究生、本科生和专科生"),
    # 和 before a verb still ends what comes before it
    ("全县新建学校和改造校舍12所。", "校舍"),
    # a list of subjects before 合计完成 stays with the measure
    ("纺织、服装和食品业合计完成增加值80亿元。", "纺织、服装和食品业合计增加值"),
])
def test_he_between_two_nouns_joins_one_metric(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2023-03-05")["facts"][0]["metric"] == metric


@pytest.mark.parametrize(("text", "times"), [
    ("2015年，全镇只有2家农家乐，如今已发展到36家。", ["2015", "2023-05-01"]),
    ("2018年全县快递网点仅5个，目前已增加到60个。", ["2018", "2023-05-01"]),
    # the now of 由目前…提高到 is the first figure's; the target keeps the sentence's year
    ("到2025年，达标学校比例将由目前30%提高到90%。", ["2023-05-01", "2025"]),
])
def test_a_later_clause_that_says_now_is_the_documents_day(text: str, times: list[str]) -> None:
    assert [f["time"] for f in zhfacts.extract(text, "2023-05-01")["facts"]] == times


@pytest.mark.parametrize(("text", "expected"), [
    ("全县居民消费价格比上年小幅上涨0.8%。", [("居民消费价格", "increase")]),
    ("全市外贸出口年均递增15%。", [("外贸出口", "increase")]),
    ("企业亏损面年均递减2个百分点。", [("企业亏损面", "decrease")]),
])
def test_small_moves_and_yearly_steps_are_changes(
        text: str, expected: list[tuple[str, str | None]]) -> None:
    facts = zhfacts.extract(text, "2020-05-01")["facts"]
    assert [(f["metric"], f["change"]) for f in facts] == expected


def test_a_count_after_a_threshold_counts_the_class_the_threshold_makes() -> None:
    text = "全年受理投诉案件48件，其中10万元以上12件。"
    facts = zhfacts.extract(text, "2020-05-01")["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [("受理投诉案件", "48"),
                                                          ("10万元以上", "12")]


def test_a_milestone_is_no_counted_noun() -> None:
    text = "继上年突破300亿元大关后，今年全省地税收入达到360亿元。"
    metrics = [f["metric"] for f in zhfacts.extract(text, "2021-01-05")["facts"]]
    assert "大关" not in "".join(metrics) and metrics[-1] == "地税收入"


def test_a_list_too_long_for_a_metric_leaves_the_head_after_its_de() -> None:
    text = "在全县企业中，担任董事长、总经理、副总经理、财务总监职务的企业高层管理人员约占8%。"
    assert zhfacts.extract(text, "2020-05-01")["facts"][0]["metric"] == "企业高层管理人员"


def test_connected_with_the_whole_country_is_still_national() -> None:
    text = "该市信息中心与全国20个科技网实现联网。"
    assert zhfacts.extract(text, "2020-05-01", "莱州市")["facts"][0]["place"] is None


@pytest.mark.parametrize(("text", "metric"), [
    ("全县95%的行政村通了硬化路。", "行政村"),
    ("全市已有98%的农户用上了自来水。", "农户"),
])
def test_a_share_of_a_noun_after_it_measures_that_noun(text: str, metric: str) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2021-01-05")["facts"]] == [metric]


def test_places_listed_before_a_count_are_counted_not_where() -> None:
    text = "全国已有大庆、胜利等24个油气生产基地。"
    assert zhfacts.extract(text, "2021-01-05", "河南省")["facts"][0]["place"] is None


@pytest.mark.parametrize(("text", "metric"), [
    ("全市重点项目完成投资120亿元。", "重点项目完成投资"),
    ("其中民间投资项目完成投资45亿元。", "民间投资项目完成投资"),
])
def test_investment_completed_keeps_its_verb_as_written(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2021-01-05")["facts"][0]["metric"] == metric


def test_an_adverb_after_a_subject_joined_with_its_measure_is_dropped() -> None:
    text = "全市规上企业已实现利润2200万元。"
    assert zhfacts.extract(text, "2021-01-05")["facts"][0]["metric"] == "规上企业利润"


@pytest.mark.parametrize(("text", "metric", "per"), [
    ("全县平均每天新增市场主体30户。", "市场主体", "day"),
    ("全员劳动生产率达36万元/人年。", "全员劳动生产率", "person-year"),
])
def test_an_average_a_day_is_a_per_not_part_of_the_metric(text: str, metric: str,
                                                         per: str) -> None:
    fact = zhfacts.extract(text, "2021-01-05")["facts"][0]
    assert (fact["metric"], fact["per"]) == (metric, per)


@pytest.mark.parametrize(("text", "metric", "change", "per"), [
    ("该行信用卡透支额大增31.1%。", "该行信用卡透支额", "increase", None),
    ("全市商品房成交量骤降20%。", "商品房成交量", "decrease", None),
    ("民间借贷利率普遍在15%左右。", "民间借贷利率", None, None),
    ("全市商品住宅均价9800元/平米。", "商品住宅均价", None, "m2"),
    ("跨行转账手续费每笔2元。", "跨行转账手续费", None, "笔"),
])
def test_market_news_words_of_change_degree_and_rate(text: str, metric: str,
                                                     change: str | None, per: str | None) -> None:
    fact = zhfacts.extract(text, "2021-01-05")["facts"][0]
    assert (fact["metric"], fact["change"], fact["per"]) == (metric, change, per)


def test_a_family_of_three_is_an_idiom_no_count() -> None:
    assert zhfacts.extract("他们一家三口住在新房里。", "2021-01-05")["facts"] == []


def test_a_bound_jieba_joins_to_the_verb_before_is_stripped_whole() -> None:
    text = "该片首周末取得将近800万元的票房。"
    fact = zhfacts.extract(text, "2021-01-05")["facts"][0]
    assert "将" not in fact["metric"] and fact["qualifier"] == "~"


@pytest.mark.parametrize(("text", "metric"), [
    ("县财政为困难群众增发210元一次性生活补贴。", "一次性生活补贴"),
    ("该行盘活了20亿元存量资金。", "存量资金"),
    # another verb's object is no kind of the amount before it
    ("银行拨备了56亿元同时核销不良贷款94亿元。", "银行拨备"),
])
def test_the_money_after_a_verbs_amount_is_what_it_measures(text: str, metric: str) -> None:
    assert zhfacts.extract(text, "2021-01-05")["facts"][0]["metric"] == metric


def test_a_count_of_people_measures_what_happened_to_them() -> None:
    text = "暴雨引发山洪，造成12人死亡，30人受伤，另有5人全部获救。"
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2021-07", "某县")] == [
        ("死亡", "12"), ("受伤", "30"), ("获救", "5")]
    # (the event word before a noun modifies it: 下岗职工 are counted, not the layoffs)
    text = "企业安置了150名下岗职工。"
    assert [f["metric"] for f in facts_of(text, "2021-07", "某县")] == ["下岗职工"]


def test_the_classes_of_a_breakdown_take_the_total_measure() -> None:
    text = "全市工业废水排放总量为150万吨，其中，县及县以上为48万吨，乡镇为102万吨。"
    assert [f["metric"] for f in facts_of(text, "2021-07", "某市")] == [
        "工业废水排放总量", "县及县以上工业废水排放总量", "乡镇工业废水排放总量"]
    # (a part that names its measure stays as written)
    text = "全市户籍人口为281.7万人，其中非农业人口为144.7万人。"
    assert [f["metric"] for f in facts_of(text, "2021-07", "某市")] == ["户籍人口", "非农业人口"]


def test_a_second_count_joined_by_he_counts_the_noun_after_it() -> None:
    text = "会上表彰了8名基层干部和7名处级干部。"
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2021-07", "某市")] == [
        ("基层干部", "8"), ("处级干部", "7")]


def test_an_earlier_time_the_text_does_not_name_opens_no_metric() -> None:
    text = "中心的经济收入从原来的60万元增加到400万元。"
    assert [(f["metric"], f["time"]) for f in facts_of(text, "2021-07-01", "某市")] == [
        ("中心的经济收入", None), ("中心的经济收入", "2021-07-01")]
    text = "展览面积比原先扩大4倍。"
    assert [(f["metric"], f["change"]) for f in facts_of(text, "2021-07-01", "某市")] == [
        ("展览面积", "increase")]


def test_a_port_named_after_its_city_is_the_place_of_its_figures() -> None:
    text = "全省港口生产平稳。九江港完成货物吞吐量1.8亿吨，增长19%。"
    assert [f["place"] for f in facts_of(text, "2023-03", "江西省")] == ["九江市", "九江市"]
    # (a landmark beside what the clause reports on locates nothing)
    text = "在邙岭路街道中建社区，紧邻洛阳北郊机场的中建家园日均接待老人近200人次。"
    assert [f["place"] for f in facts_of(text, "2023-03", "西工区")] == ["中建社区"]


def test_a_year_inside_a_later_comparison_dates_no_figure_of_the_first_clause() -> None:
    text = "1-5月，全市固定资产投资增长12.5%。工业投资增长20.3%，两年平均增长8.1%，低于2018、2019年水平。"
    assert [f["time"] for f in facts_of(text, "2021-06", "某市")] == [
        "2021-01/2021-05", "2021-01/2021-05", "2021-01/2021-05"]


def test_a_base_built_on_dates_only_its_own_figure() -> None:
    text = ("1-5月，全市社会消费品零售总额增长15%。网上零售额在上年同期20.5%的高增速基础上，"
            "继续实现31.2%的增长，占社会消费品零售总额18.3%。")
    assert [f["time"] for f in facts_of(text, "2021-06", "某市")][1:] == [
        "2020-01/2020-05", "2021-01/2021-05", "2021-01/2021-05"]


def test_a_share_is_of_the_whole_named_before_zhong() -> None:
    text = "在全市规模以上工业企业中，有30%的企业利润超过1000万元。"
    # the share of the whole; the bound after it defines the class, no fact of its own
    assert [(f["metric"], f["value"], f["unit"]) for f in facts_of(text, "2023-03", "某市")] == [
        ("规模以上工业企业", "30", "%")]
    # (a level reached after a figure with 的 is a value, not a class: 回落至…1%以下)
    text = "不良率从63%的峰值水平大幅回落至目前的1%以下。"
    assert [f["value"] for f in facts_of(text, "2023-03", "某市")] == ["63", "1"]


@pytest.mark.parametrize(("text", "metric"), [
    ("今年全省经济增长率调低到3%。", "经济增长率"),
    ("全县粮食产量仍可达到50万吨。", "粮食产量"),
    ("全市工业增长速度要达到11%。", "工业增长速度"),
    ("该市再就业基金所需的1000万元资金已经落实。", "资金"),  # (所需: what is needed)
])
def test_modals_and_verbs_of_lowering_are_no_part_of_a_metric(text: str, metric: str) -> None:
    assert [f["metric"] for f in facts_of(text, "2023-03", "某市")] == [metric]


@pytest.mark.parametrize(("text", "metric"), [
    ("明年全省的投资增长率将达到9%。", "投资增长率"),
    ("该乡的覆盖面为85%。", "覆盖面"),  # (jieba guesses 面为 as one word)
    ("去年全厂的利税就是3000万元。", "全厂的利税"),
    ("目前有40多个城市正在申请试点。", "城市"),
])
def test_adverbs_and_linking_verbs_glued_to_a_metric_are_no_part_of_it(text: str, metric: str
                                                                       ) -> None:
    assert [f["metric"] for f in facts_of(text, "2023-03", "某省")] == [metric]


def test_an_adverb_before_fenbie_is_no_part_of_the_coordinated_metrics() -> None:
    text = "小麦和玉米单产将分别达到420公斤和460公斤。"
    assert [f["metric"] for f in facts_of(text, "2023-03", "某市")] == ["小麦单产", "玉米单产"]


def test_a_coordinated_metric_shares_its_last_word_not_a_character_of_it() -> None:
    text = "小学和初中学龄儿童入学率分别达到99%和97%。"
    assert [f["metric"] for f in facts_of(text, "2023-03", "某市")] == [
        "小学学龄儿童入学率", "初中学龄儿童入学率"]


def test_what_stands_before_he_is_another_item_not_the_metric() -> None:
    text = "村里修了一座水塔和3个500立方米的蓄水池。"
    assert [f["metric"] for f in facts_of(text, "2023-03", "某县")
            if f["unit"] == "个"] == []
    # (涉及 ends in 及 and is no conjunction)
    text = "此次检查涉及42家企业。"
    assert [f["value"] for f in facts_of(text, "2023-03", "某县")] == ["42"]


def test_periods_coordinated_before_fenbie_are_no_metrics() -> None:
    # the periods date the figures and leave the measure written with them
    text = "2021年、2022年该县财政收入分别突破20亿和25亿元。"
    assert [(f["metric"].endswith("收入"), f["time"]) for f in facts_of(text, "2023-03", "某县")] \
        == [(True, "2021"), (True, "2022")]
    # with no measure in the clause, the periods alone are no metric: no fact
    text = "全县财政收入连年增长。2021年、2022年又分别突破20亿和25亿元大关。"
    assert facts_of(text, "2023-03", "某县") == []


@pytest.mark.parametrize(("text", "metric"), [
    ("为扩大生产，他们投资300多万元新建了厂房。", "投资"),
    ("全县去年就新增绿化面积1.2万平方米。", "绿化面积"),
    ("今年又流转土地500亩。", "流转土地"),
    ("该县就业率达到95%。", "就业率"),  # (就业率 opens with no adverb)
])
def test_pronouns_and_adverbs_opening_a_metric_are_no_part_of_it(text: str, metric: str) -> None:
    assert [f["metric"] for f in facts_of(text, "2023-03", "某县")] == [metric]


@pytest.mark.parametrize(("text", "metric", "change"), [
    ("协议供货商品的平均价格比市场价低8%左右。", "协议供货商品的平均价格", "decrease"),
    ("该型号单价较同类产品高15%。", "该型号单价", "increase"),
    ("城镇职工人数比农民工多一倍。", "城镇职工人数", "increase"),
    # (比重, 之比 and a name with 比 in it are no comparison)
    ("第三产业比重为45%。", "第三产业比重", None),
    ("拉美和加勒比地区经济增长3%。", "拉美和加勒比地区经济", "increase"),
])
def test_a_base_named_by_a_noun_is_no_part_of_the_metric(text: str, metric: str,
                                                         change: str | None) -> None:
    assert [(f["metric"], f["change"]) for f in facts_of(text, "2023-03", "某市")] == [
        (metric, change)]


def test_an_adverb_cuts_the_subject_off_a_verb_and_its_object_only() -> None:
    text = "截至8月底，中心共受理采购项目526个。"
    assert [f["metric"] for f in facts_of(text, "2023-09", "某市")] == ["受理采购项目"]
    # (a verb alone after the adverb: the subject is what is measured)
    text = "今年列入计划的项目已竣工180个。"
    assert [f["metric"].startswith("列入计划的项目") for f in facts_of(text, "2023-09", "某市")] \
        == [True]


def test_a_year_before_named_once_in_a_late_story_frames_no_figure_before_it() -> None:
    text = "全市政府采购规模达8.6亿元。\n2010年，全市政府采购预算金额为12.5亿元。"
    assert [f["time"] for f in facts_of(text, "2011-09-21", "某市")] == ["2011-09-21", "2010"]
    # (a review published early in the next year is framed by the year it reviews)
    assert [f["time"] for f in facts_of(text, "2011-02-10", "某市")] == ["2010", "2010"]


def test_this_city_and_that_province_name_the_place_named_before() -> None:
    text = "广东省江门市近年来重视师范教育。从1993年起，该省用于中师办学条件建设的资金累计超过11亿元。"
    facts = facts_of(text, "1998-06-30", None)
    assert [(f["metric"], f["place"]) for f in facts] == [
        ("用于中师办学条件建设的资金", "广东省")]
    text = "威海市大力推行合作医疗。目前，这个市合作医疗人口覆盖率已达62%。"
    assert [(f["metric"], f["place"]) for f in facts_of(text, "1998-06-30", None)] == [
        ("合作医疗人口覆盖率", "威海市")]


@pytest.mark.parametrize(("text", "metric"), [
    ("全市高新区内的企业已有1650家。", "高新区内的企业"),
    ("库房里还有76台旧电脑没有处理。", "旧电脑"),
])
def test_an_adverb_and_you_before_a_count_are_no_part_of_its_metric(text: str, metric: str
                                                                    ) -> None:
    assert [f["metric"] for f in facts_of(text, "2023-03", "某市")] == [metric]


def test_a_table_that_repeats_the_body_adds_no_fact() -> None:
    text = ("2012年，全市粮食总产量650万吨，比上年增长17.3%。\n"
            "2012年主要农产品产量\n"
            "指标名称 | 产量（万吨） | 同比增长（±%）\n"
            "粮食 | 650.0 | 17.3\n"
            "蔬菜 | 120.5 | 3.2\n")
    facts = facts_of(text, "2013-03", "某市")
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("粮食总产量", "6500000"), ("粮食总产量", "17.3"),
        ("蔬菜", "1205000"), ("蔬菜同比增长", "3.2")]


def test_a_total_since_a_year_spans_to_the_documents_year() -> None:
    text = "自2005年新办法实施以来，全县累计发放补贴3.2亿元。"
    assert [f["time"] for f in facts_of(text, "2011-07-20", "某县")] == ["2005/2011"]
    # (a level since then, no total: the year it starts from)
    text = "自2005年以来，全县粮食产量每年都超过50万吨。"
    assert [f["time"] for f in facts_of(text, "2011-07-20", "某县")] == ["2005"]


def test_a_target_held_under_a_bound_is_of_the_measure_not_of_its_verb() -> None:
    text = "今年城镇登记失业率控制在4%以内。"
    assert [(f["metric"], f["qualifier"]) for f in facts_of(text, "2023-01", "某市")] == [
        ("城镇登记失业率", "<=")]


def test_what_an_audit_found_is_the_metric_not_the_finding() -> None:
    text = "审计发现违规使用扶贫资金2.3亿元，查出不合理收支3150万元。"
    assert [f["metric"] for f in facts_of(text, "2011-06-28", "某省")] == [
        "违规使用扶贫资金", "不合理收支"]


def test_a_state_as_of_a_day_frames_no_figure_before_it() -> None:
    text = ("审计署6月27日发布审计结果，审计抽查了54个县。\n"
            "截至2011年5月底，已整改问题资金1.8亿元。")
    assert [f["time"] for f in facts_of(text, "2011-06-28", None)] == ["2011-06-28", "2011-05"]


def test_a_part_after_qizhong_named_by_what_was_done_is_that_class() -> None:
    text = "审计发现违规使用专项资金3.6亿元。其中，挤占挪用1.2亿元，虚报冒领8000万元。"
    assert [f["metric"] for f in facts_of(text, "2011-06-28", None)] == [
        "违规使用专项资金", "挤占挪用", "虚报冒领"]


def test_a_sentence_opened_by_recently_is_of_the_documents_day() -> None:
    text = "2月，全市商品房成交量下降45%。\n日前，一个楼盘降价促销，降幅达到每平方米4000元。"
    assert [f["time"] for f in facts_of(text, "2011-03-24", "某市")] == ["2011-02", "2011-03-24"]


def test_a_coordination_is_not_cut_inside_a_word_of_its_last_item() -> None:
    text = "写字楼和商业营业用房销售额分别增长46.3%和22.1%。"
    assert [f["metric"] for f in facts_of(text, "2011-03-24", None)] == [
        "写字楼销售额", "商业营业用房销售额"]
    text = "办公楼和商业营业用房分别增长46.3%和22.1%。"
    assert [f["metric"] for f in facts_of(text, "2011-03-24", None)] == [
        "办公楼", "商业营业用房"]


def test_the_period_opening_a_coordination_is_no_part_of_its_first_item() -> None:
    text = "因为2009年铅、锌均价分别为每吨13811元、14500元，企业利润下降。"
    assert [(f["metric"], f["time"]) for f in facts_of(text, "2011-04-13", None)] == [
        ("铅均价", "2009"), ("锌均价", "2009")]


def test_a_date_after_youyu_is_the_clauses_time() -> None:
    text = "由于去年锌均价为每吨14500元，企业利润下降。"
    assert [f["time"] for f in facts_of(text, "2011-04-13", None)] == ["2010"]


@pytest.mark.parametrize(("text", "metric", "change"), [
    ("本月从业人员指数为48.9%，比上月微落0.1个百分点。", "从业人员指数", "decrease"),
    ("本月新订单指数为50.9%，比上月略升0.2个百分点。", "新订单指数", "increase"),
    ("预计全省油菜籽产量为250万吨，比上月调增5万吨。", "油菜籽产量", "increase"),
])
def test_slight_and_revised_changes_are_the_change_of_the_measure_before(
        text: str, metric: str, change: str) -> None:
    second = facts_of(text, "2011-03-10", None)[1]
    assert (second["metric"], second["change"]) == (metric, change)


def test_a_rate_fallen_to_a_level_keeps_its_whole_name() -> None:
    text = "全县住院患者县外转诊率下降至8.7%。"
    assert [f["metric"] for f in facts_of(text, "2023-01", "某县")] == ["住院患者县外转诊率"]


def test_fenbie_after_a_span_of_as_many_years_gives_each_figure_its_year() -> None:
    text = "2008-2010年，全县财政收入分别为3.1亿元、3.6亿元、4.2亿元。"
    assert [f["time"] for f in facts_of(text, "2011-03", "某县")] == ["2008", "2009", "2010"]
    # (a span of other length than the list: the span)
    text = "2006-2010年，全县财政收入分别为3.1亿元和4.2亿元。"
    assert [f["time"] for f in facts_of(text, "2011-03", "某县")] == ["2006/2010"] * 2


def test_a_policy_named_by_its_count_of_articles_is_no_figure() -> None:
    text = '受"国八条"等政策影响，全市商品房成交面积下降12%。'
    assert [f["metric"] for f in facts_of(text, "2011-03", "某市")] == ["商品房成交面积"]


def test_a_place_written_by_its_former_name_is_the_facts_place_as_written() -> None:
    # 旬阳县 became 旬阳市 in 2021: a story of 2011 is of the county, and its 全县 too
    text = "旬阳县政府采购中心今年完成采购项目35个。全县共有定点供应商30家。"
    assert [f["place"] for f in facts_of(text, "2011-06-10", None)] == ["旬阳县", "旬阳县"]
    # the GPE keeps today's division and code, and says which name the text used
    record = zhfacts.extract("襄樊市今年完成采购项目35个。", "2009-06-10")
    [place] = [e for e in record["entities"] if e["label"] == "GPE"]
    assert (place["norm"]["name"], place["norm"]["former"]) == ("襄阳市", "襄樊市")
    assert [f["place"] for f in record["facts"]] == ["襄樊市"]


def test_a_share_of_no_named_whole_keeps_its_name() -> None:
    text = "自主品牌汽车所占比例不得低于50%。目前自主品牌数量大约仅占总量的5%。"
    assert [f["metric"] for f in facts_of(text, "2011-05-30", None)] == [
        "自主品牌汽车所占比例", "自主品牌数量"]


def test_a_counted_noun_ends_at_a_conjunction_word_not_inside_a_word() -> None:
    text = "已有73家中央企业参与集中采购，12所高等院校和5个单位参加。"
    assert [f["metric"] for f in facts_of(text, "2011-06-10", None)] == [
        "中央企业", "高等院校", "单位"]


def test_a_place_before_a_level_word_lends_it_its_last_character() -> None:
    text = "去年重庆市级政府采购资金为49亿元。"
    record = zhfacts.extract(text, "2011-06-10")
    assert [e["text"] for e in record["entities"] if e["label"] == "GPE"] == ["重庆"]
    assert [(f["metric"], f["place"]) for f in record["facts"]] == [
        ("市级政府采购资金", "重庆市")]


def test_a_week_that_opens_a_paragraph_is_the_period_of_its_figures() -> None:
    text = "上周有色金属表现出色。伦铝、伦锌分别上涨3.47%、1.68%。"
    assert [f["time"] for f in facts_of(text, "2011-07-14", None)] == [
        "2011-07-04/2011-07-10"] * 2


@pytest.mark.parametrize(("text", "metric", "qualifier"), [
    ("排量不能超过2.0升。", "排量", "<="),
    ("价格不得高于18万元。", "价格", "<="),
    ("国产汽车比例不得低于50%。", "国产汽车比例", ">="),
    ("参展企业不下100家。", "参展企业", ">="),
])
def test_a_bound_written_with_a_modal_is_the_qualifier_not_the_metric(
        text: str, metric: str, qualifier: str) -> None:
    [fact] = facts_of(text, "2011-06-10", None)
    assert (fact["metric"], fact["qualifier"]) == (metric, qualifier)


def test_a_base_named_with_a_roman_numeral_is_no_part_of_the_metric() -> None:
    text = "国Ⅲ标准的排放限值比国Ⅱ标准降低了30%，轴距加长140毫米。"
    assert [(f["metric"], f["change"]) for f in facts_of(text, "2011-06-10", None)] == [
        ("国Ⅲ标准的排放限值", "decrease"), ("轴距", "increase")]


def test_the_bound_and_list_mark_after_a_figure_are_no_part_of_the_next_metric() -> None:
    text = "一般公务用车排气量1.8升（含）以下、价格要在16万元以内。"
    assert [(f["metric"], f["qualifier"]) for f in facts_of(text, "2011-06-10", None)] == [
        ("一般公务用车排气量", "<="), ("价格", "<=")]


def test_a_date_opening_a_later_clause_is_that_clauses_not_the_paragraphs() -> None:
    text = ("中央企业落实工作要求，2009年实现了全部使用正版软件的目标，51家单位入选示范单位。"
            "集中采购工作初见成效，已有73家中央企业参与集采工作。")
    assert [f["time"] for f in facts_of(text, "2011-07-05", None)] == ["2009", "2011-07-05"]


def test_a_date_after_whose_report_it_is_frames_its_paragraph() -> None:
    text = "国家统计局公布的数据显示，1-2月份，全国商品房销售面积增长13.2%。商品房销售额5242亿元。"
    assert [f["time"] for f in facts_of(text, "2011-03-24", None)] == [
        "2011-01/2011-02", "2011-01/2011-02"]


def test_a_range_that_names_a_class_of_things_is_no_fact() -> None:
    assert facts_of("售价在18万元至25万元之间的车型受到冲击。", "2011-06-10", None) == []
    assert facts_of("18万至25万元价位的车型最多。", "2011-06-10", None) == []
    # (the value of the noun after it is a fact)
    assert [f["metric"] for f in facts_of("俄还需要100至150亿美元的国际援助。", "2011-06-10",
                                           None)] == ["国际援助"]


@pytest.mark.parametrize(("text", "metric", "change"), [
    ("今年一季度，公司销售收入取得了40%的增长。", "公司销售收入", "increase"),
    ("智能电视销量实现了596%的爆炸式增长。", "智能电视销量", "increase"),
    ("韩国1月份的出口出现0.3%的负增长。", "出口", "decrease"),
])
def test_a_change_named_after_a_percentage_is_its_change(text: str, metric: str,
                                                         change: str) -> None:
    [fact] = facts_of(text, "2011-06-10", None)
    assert (fact["metric"], fact["change"]) == (metric, change)
    # (a rate named after it is the metric's name, no change)
    assert [f["change"] for f in facts_of("确保8%的增长速度。", "2011-06-10", None)] == [None]


def test_numerals_inside_common_words_are_no_figures() -> None:
    assert facts_of("由于固定零件损坏，公司实行两条腿走路的战略。", "2011-06-10", None) == []


def test_a_figure_of_the_country_itself_has_no_place() -> None:
    text = "2010年中国医疗影像设备市场销售规模达234亿元，相对8500亿的医改投入并不算多。"
    assert [(f["metric"], f["place"]) for f in facts_of(text, "2011-06-10", None)] == [
        ("医疗影像设备市场销售规模", None), ("医改投入", None)]


def test_a_period_after_whose_report_and_a_preposition_frames_its_paragraph() -> None:
    text = "据了解，截至今年上半年，医保已覆盖12.7亿人。中央政府共投入471.5亿元。"
    assert [f["time"] for f in facts_of(text, "2011-09-01", None)] == ["2011-H1", "2011-H1"]


def test_an_item_of_a_list_named_by_a_verb_names_itself() -> None:
    text = "上半年，全市共采用公开招标方式采购45次、竞争性谈判23次、询价23次。"
    assert [f["metric"] for f in facts_of(text, "2011-07-10", None)][1:] == ["竞争性谈判", "询价"]


def test_a_target_named_right_after_its_amount_is_its_metric() -> None:
    text = "上半年，市采购金额完成了市政府设定的全年60亿元采购任务的53%。下达30亿元投资计划。"
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2011-07-10", None)][::2] == [
        ("采购任务", "6000000000"), ("投资计划", "3000000000")]


def test_verbs_of_issuing_cut_the_subject_off_what_they_count() -> None:
    text = "一季度，州采购中心在网站上发布招标公告共计30条，市财政局在网站上公布采购信息45条。"
    assert [f["metric"] for f in facts_of(text, "2011-07-10", None)] == ["招标公告", "采购信息"]


def test_a_period_an_event_of_the_lead_names_frames_no_later_figure() -> None:
    # (a period in a later clause of a sentence without figures is when something happened)
    text = ("热泵产品前景广阔\n\n为扩大产能，某公司加大投入，在今年上半年动工兴建了新的生产基地。"
            "\n热泵机组耗电量仅为电锅炉的四分之一，可节省40%以上的能源。")
    assert [f["time"] for f in facts_of(text, "2011-07-29", None)] == ["2011-07-29"]


def test_a_completion_year_in_a_subtitle_and_a_clause_frames_no_figure() -> None:
    text = ("某热电厂扩建项目启动\n预计今年下半年开工，2013年完工投产\n"
            "14日，记者从市国资委获悉，为进一步提高区域集中采暖供热质量，扩大供热面积，集团将投资"
            "4.96亿元扩建热电厂项目，项目预计2011年下半年开工建设，2013年完工投产。\n"
            "该项目位于热电厂厂区内，为集中供热项目，原有3台蒸汽锅炉，扩建后将建设2台热水锅炉，"
            "总投资4.96亿元，不仅可以满足市区集中供暖改造的需要，还将拆除现有小锅炉，节约建设用地。")
    assert [f["time"] for f in facts_of(text, "2011-04-18", None)] == [
        "2011-04-14", "2011-04-18", "2011-04-18", "2011-04-18"]


def test_a_plan_period_after_whose_report_it_is_frames_its_paragraph() -> None:
    text = ("2010年，全国水利投资达2000亿元。\n\n据介绍，“十二五”期间，某省水利规划投资1497亿元，"
            "其中争取中央安排资金961亿元。根据项目建设性质划分，续建项目投资304亿元。")
    assert [f["time"] for f in facts_of(text, "2011-03-16", None)] == [
        "2010", "2011/2015", "2011/2015", "2011/2015"]


@pytest.mark.parametrize(("text", "metric", "qualifier"), [
    ("我国钢铁年需求量应该在6.5亿吨左右。", "我国钢铁年需求量", "~"),
    ("今年全球肉类产量不大可能突破3亿吨。", "全球肉类产量", ">"),
    ("东风日产几乎贡献了一半。", "东风日产", "="),
    ("加铜管等材料收费全线7折。", "加铜管等材料收费", "="),
    ("紧固件出口量不及9万吨。", "紧固件出口量", "<"),
    ("钾肥进口价格或在500美元/吨。", "钾肥进口价格", "="),
    ("原油价格目前在95美元。", "原油价格", "="),
    ("近期大蒜价格上涨到每斤5元。", "大蒜价格", "="),
    ("后市场规模达到5000亿元。", "后市场规模", "="),  # (后市 opens no metric inside 后市场)
    ("个别企业的增长率甚至达到了100%。", "个别企业的增长率", "="),
])
def test_modals_and_adverbs_before_a_figure_are_no_part_of_its_metric(
        text: str, metric: str, qualifier: str) -> None:
    assert [(f["metric"], f["qualifier"]) for f in facts_of(text, "2011-06-01", None)] == [
        (metric, qualifier)]


def test_a_period_right_after_the_place_that_opens_a_clause_frames_the_document() -> None:
    text = ("韩国IT产品5月出口增长\n\n据报道，该国知识经济部周二发布的每月报告称，韩国5月份IT产品出口金额为"
            "133.8亿美元，同比增长4.7%。\n韩国5月份手机出口金额为24.4亿美元。其中智能手机出口金额为12.5亿美元。"
            "\n半导体产品出口金额为41.8亿美元，同比下降4.7%。")
    assert {f["time"] for f in facts_of(text, "2011-06-09", "韩国")} == {"2011-05"}


def test_a_subheading_that_repeats_the_figure_of_its_passage_adds_no_fact() -> None:
    # (a subheading rounds the figure, or calls it otherwise: the body's sentence is the fact)
    text = ("各地加大水利投资\n近日，各地纷纷出台水利规划，加大对水利建设的投资力度，水利建设迎来新一轮高潮，"
            "专家认为这将带动工程机械等相关行业的发展。\n\n"
            "新疆规划投资1300余亿元兴水利\n\n新疆水利“十二五”规划显示，未来5年新疆规划投资1311亿元发展水利"
            "事业，重点建设防洪减灾工程和水资源工程，切实提升水利服务经济社会发展的能力。\n\n"
            "老旧汽车报废最高补贴1.8万元\n\n日前，财政部发布通知，今年年内符合一定条件的报废汽车，最高可获18000元"
            "补贴，这也被视为今年国家推出的首项汽车行业的刺激政策，对车市的推动作用尚难推断。")
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2011-03-16", None)] == [
        ("规划投资", "131100000000"), ("补贴", "18000")]


@pytest.mark.parametrize("text", [
    "经过1个半月的紧张施工，工程全面完工。",     # a duration
    "公司连续三个季度亏损。",                 # a duration
    "该中心进行了二次装修。",                 # a term
    "项目采用二次竞价的方式确定供应商。",       # a term
    "电煤补贴分两批受理，分两次审核。",         # how it is done
    "工业园总体项目分为三期。",               # how it is done
])
def test_durations_terms_and_parts_of_a_procedure_are_no_facts(text: str) -> None:
    assert facts_of(text, "2011-06-01", None) == []


def test_a_base_of_comparison_in_the_next_clause_is_no_time_of_the_figure_before() -> None:
    text = "白糖价格近两年表现抢眼。数据显示，当下广西甘蔗每吨收购价格为480元/吨左右，去年同期为365元/吨。"
    assert [(f["value"], f["time"]) for f in facts_of(text, "2011-08-25", None)] == [
        ("480", "2011-08-25"), ("365", "2010")]


def test_the_period_of_the_data_a_sentence_cites_frames_its_paragraph() -> None:
    text = ("原材料价格波动对企业影响最大，今年以来企业普遍感到压力。\n\n值得注意的是支柱产业所受到的影响。"
            "广东省发布的上半年数据显示，电子信息业利润总额同比下降17.4%。这样的下降拉低全省工业利润增速"
            "2.9个百分点。")
    assert [f["time"] for f in facts_of(text, "2011-08-24", None)] == ["2011-H1", "2011-H1"]


@pytest.mark.parametrize(("text", "places"), [
    # the country goods come from or go to is no place of the figure
    ("记者在山东采访地方炼油企业时了解到，来自俄罗斯的燃料油每吨价格6700元。", ["山东省"]),
    ("今年1至5月，我国向美国出口光伏组件12亿美元，同比增长30%。", [None, None]),
    ("上半年，该省玩具销往日本2.3亿美元。", [None]),
    # nor a company's nationality before its name
    ("韩国手机生产商LG电子第二季度手机出货量为3000万部，同比下降12%。", [None, None]),
    # a place before a role with 的 or a count between is where the companies are
    ("以广东省的两大本地企业广汽丰田和广汽本田为例，公务车销量占比为8%。", ["广东省"]),
    # and a Chinese place things come from is where they are counted
    ("这支队伍中，32人是来自太原其他16家企业的下岗职工。", [None, "太原市"]),
])
def test_origins_destinations_and_nationalities_are_no_places(text: str,
                                                              places: list[str | None]) -> None:
    assert [f["place"] for f in facts_of(text, "2011-08-01", None)] == places


@pytest.mark.parametrize(("text", "facts"), [
    # words of a price or amount adjusted make the figure a change and leave the metric
    ("消费者物价指数同比涨5.3%。", [("消费者物价指数", "5.3", "increase")]),
    ("产品价格上调了至少5%。", [("产品价格", "5", "increase")]),
    ("大部分产品下调100元。", [("大部分产品", "100", "decrease")]),
    ("猪肉价格一下子涨了十几块。", [("猪肉价格", "10", "increase")]),
    ("棉价下跌了四成。", [("棉价", "40", "decrease")]),
    ("天然橡胶价格微幅下降到每吨3.5万元。", [("天然橡胶价格", "35000", None)]),
    # but never of a count of what was adjusted
    ("国家发改委已上调了山西等15个省的火电企业售电价格。", [("省", "15", None)]),
    ("电动车的价格已经涨了两次。", [("电动车的价格", "2", None)]),
])
def test_price_adjustments_are_changes_but_not_of_counts(text: str,
                                                         facts: list[tuple[str, str, str]]) -> None:
    assert [(f["metric"], f["value"], f["change"]) for f in facts_of(text, "2011-08-01", None)] \
        == facts


@pytest.mark.parametrize(("text", "metric"), [
    # a share after a verb and its object is of the stake its 的 names, the object's
    ("帝亚吉欧日前并购全兴集团4%的股权。", "全兴集团股权"),
    ("基金合计持有贵州茅台11.88%的流通股。", "贵州茅台流通股"),
    ("该公司占有笔记本电脑市场四分之一的市场份额。", "笔记本电脑市场份额"),
    # (a share of what a verb takes without such a noun stays as it was)
    ("公司拿出30%的利润用于分红。", "利润"),
])
def test_a_share_of_an_object_is_of_the_stake_named_after_it(text: str, metric: str) -> None:
    assert [f["metric"] for f in facts_of(text, "2011-08-01", None)] == [metric]


@pytest.mark.parametrize("text", [
    "所有门店五一例外，照常营业。",        # a holiday named by its date
    "五一节前后，各大商场人头攒动。",
    "涨价消息传出后，质疑声再次四起。",     # idioms with numerals
    "消费者不花一毛钱就能享受上门服务。",
])
def test_holidays_and_idioms_with_numerals_are_no_facts(text: str) -> None:
    assert facts_of(text, "2011-05-01", None) == []


def test_a_holiday_leaves_the_figures_of_its_sentence_alone() -> None:
    facts = facts_of("五一节期间，商场销售额达到3000万元。今年共发生四起事故。", "2011-05-03", None)
    assert [(f["metric"], f["value"]) for f in facts] == [("商场销售额", "30000000"), ("事故", "4")]


def test_a_year_long_before_the_documents_frames_no_news_story_by_being_repeated() -> None:
    text = ("鞍钢澳铁矿项目成本再上调\n近日，金达必发布公告称，卡拉拉项目基建总成本确定为25.7亿澳元。\n"
            "2007年9月，鞍钢与金达必签署了合资开发协议。\n"
            "2007年，金达必预测卡拉拉的吨矿运营成本为42澳元/吨。\n"
            "2007年，卡拉拉运营成本的汇率假设是澳元兑美元1:0.7。\n")
    facts = facts_of(text, "2011-07-07", None)
    assert [(f["metric"], f["time"]) for f in facts][:2] == [
        ("项目基建总成本", "2011-07-07"), ("吨矿运营成本", "2007")]


@pytest.mark.parametrize(("text", "facts"), [
    # a coordinated abbreviation before as many figures distributes without 分别
    ("1-5月，货车产销25.95万辆和23.95万辆，同比增长5.66%和1.63%。",
     [("货车产量", "259500"), ("货车销量", "239500"), ("货车产量", "5.66"), ("货车销量", "1.63")]),
    ("汽车产销量分别为155万辆和156万辆。", [("汽车产量", "1550000"), ("汽车销量", "1560000")]),
    # (one figure keeps the abbreviation)
    ("全县进出口总额12亿美元，增长8%。", [("进出口总额", "1200000000"), ("进出口总额", "8")]),
])
def test_a_coordinated_abbreviation_distributes_over_its_figures(
        text: str, facts: list[tuple[str, str]]) -> None:
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2011-06-10", None)] == facts


@pytest.mark.parametrize(("text", "fact"), [
    ("铝需求将要翻一倍。", ("铝需求", "1", "increase")),              # 翻 is a rise
    ("要翻动800立方米石头。", ("石头", "800", None)),                 # (翻动 is none)
    ("油菜籽托市收购价格定在4500元/吨。", ("油菜籽托市收购价格", "4500", None)),
    ("关税确定在3%。", ("关税", "3", None)),
    ("目前已探得铁矿石可开采储量14亿吨。", ("铁矿石可开采储量", "1400000000", None)),
])
def test_verbs_of_doubling_fixing_and_finding_leave_the_metric(
        text: str, fact: tuple[str, str, str | None]) -> None:
    assert [(f["metric"], f["value"], f["change"]) for f in facts_of(text, "2011-06-10", None)] \
        == [fact]


def test_the_bound_of_the_figure_before_is_no_metric_of_the_next() -> None:
    facts = facts_of("秦皇岛港至上海航线煤炭运价由上周的44元/吨左右上涨至48元/吨。", "2011-04-14", None)
    assert [(f["metric"], f["value"], f["change"]) for f in facts] == [
        ("航线煤炭运价", "44", None), ("航线煤炭运价", "48", None)]   # (上涨至: a level reached)


def test_a_month_long_before_the_documents_frames_no_story_by_being_repeated() -> None:
    text = ("食用油限价令即将到期\n\n从4月初开始的限价令在6月初即将到期。\n\n"
            "4月份，进口散装豆油到港价格均在每吨1万元以上。\n\n"
            "丰益国际小包装粮油产品销量同比增加32%。\n\n"
            "4月份，第二批定向销售的食用油再次启动，其中，菜籽油数量约为45万吨。\n")
    times = {f["metric"]: f["time"] for f in facts_of(text, "2011-06-01", None)}
    assert times["粮油产品销量"] == "2011-06-01"           # (not April's)
    assert times["菜籽油数量"] == "2011-04"                # (its own sentence's)


@pytest.mark.parametrize(("text", "metrics"), [
    # the period that opens a coordination is the figures' time, not part of the first item
    ("4月份中国汽车产销量分别为155万辆和156万辆。", ["中国汽车产量", "中国汽车销量"]),
    ("6月19日鲤鱼、鲫鱼价格分别上涨15.4%和8.2%。", ["鲤鱼价格", "鲫鱼价格"]),
])
def test_an_opening_month_or_day_is_no_part_of_a_coordination(text: str,
                                                               metrics: list[str]) -> None:
    assert [f["metric"] for f in facts_of(text, "2011-06-20", None)] == metrics


@pytest.mark.parametrize(("text", "facts"), [
    # the topic of a clause that holds only where a change starts from is what changes
    ("城镇居民人均可支配收入，由上年的3.2万元提高到3.5万元。",
     [("城镇居民人均可支配收入", "32000"), ("城镇居民人均可支配收入", "35000")]),
    ("政府在市中心租用的写字楼总楼面，将由现时的2700多平方米减至不足230平方米。",
     [("政府在市中心租用的写字楼总楼面", "2700"), ("政府在市中心租用的写字楼总楼面", "230")]),
    # the object of 把 is what changes; a condition between them is no subject
    ("我们会把小微企业贷款的担保上限，在符合条件下，由15万元提升至20万元。",
     [("小微企业贷款的担保上限", "150000"), ("小微企业贷款的担保上限", "200000")]),
    ("我們會把累計資助上限，在符合額外條件下，由 15萬元提升至 20萬元。",
     [("累計資助上限", "150000"), ("累計資助上限", "200000")]),
    # (a level the measure reached names the measure before its verb)
    ("这是自2010年有记录以来，鸡蛋批发价格创下的历史最高水平，比去年同期上涨41%。",
     [("鸡蛋批发价格", "41")]),
])
def test_a_topic_before_a_change_from_one_value_to_another_is_its_metric(
        text: str, facts: list[tuple[str, str]]) -> None:
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2016-03-01", "深圳市")] == facts


def test_a_clause_without_a_subject_goes_on_about_the_topic_before_it() -> None:
    facts = facts_of("旅游服务输出被外部形势拖累，在年内放缓，全年实际增长只有1.5%。",
                     "2016-03-01", "深圳市")
    assert [(f["metric"], f["value"], f["change"]) for f in facts] == [
        ("旅游服务输出", "1.5", "increase")]


@pytest.mark.parametrize(("text", "fact"), [
    ("我预计综合通胀率在2016年全年平均为3.5%。", ("综合通胀率", "3.5", "2016")),
    ("城镇登记失业率在年末为3.2%。", ("城镇登记失业率", "3.2", "2016")),
    ("全市生产总值在2015年达到1.75万亿元。", ("生产总值", "1750000000000", "2015")),
])
def test_a_date_between_the_measure_and_its_verb_is_no_part_of_the_metric(
        text: str, fact: tuple[str, str, str]) -> None:
    assert [(f["metric"], f["value"], f["time"]) for f in facts_of(text, "2016-03-01", "深圳市")] \
        == [fact]


@pytest.mark.parametrize(("text", "metric"), [
    ("明年将有1800个新增公共停车位陆续投入使用。", "新增公共停车位"),   # counted after 有
    ("受灾的3家受灾企业损失已超过10亿元。", "受灾企业"),            # (the predicate's own noun)
    ("像这样的社区食堂，全区今年建成了36处。", "社区食堂"),
])
def test_what_a_count_counts_after_a_verb_of_having_or_a_demonstrative(
        text: str, metric: str) -> None:
    assert facts_of(text, "2016-03-01", "深圳市")[0]["metric"] == metric


@pytest.mark.parametrize(("text", "facts"), [
    # the subject a long clause opens with, joined by 及, is the measure of what follows
    ("其中文化及体育产业占本市生产总值的比例正逐渐上升，接近4%，聘用12万人。",
     [("文化及体育产业", "4"), ("文化及体育产业", "120000")]),
    # guards: a verb before a count keeps naming it where nothing was made (no 了)
    ("全年带动就业8600余人。", [("就业", "8600")]),
    ("至3月底已批出超过2600宗。", [("批出", "2600")]),
])
def test_the_subject_a_clause_opens_with_and_a_verb_that_names_a_count(
        text: str, facts: list[tuple[str, str]]) -> None:
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2016-03-01", "深圳市")] == facts


@pytest.mark.parametrize(("text", "metric"), [
    # guards: no name, no time and no predicate of its own is a metric
    ("华强电子公司去年通过网店使营业额大幅提高，从1月的每天不到50万元上升到12月的每天约200万元。",
     None),
    ("为扩大影响，队伍沿主要街道游行宣传；还举行了销毁假冒商品仪式，三千多件假冒商品被当场销毁。",
     "假冒商品"),
    ("在全省20项主要指标中，该市有15项位居前列。", "主要指标"),
    ("目前，越南人是当地最大的外籍群体，达到3.2万人。", None),
])
def test_a_name_a_time_or_a_clause_with_a_predicate_is_no_topic_metric(
        text: str, metric: str | None) -> None:
    facts = facts_of(text, "2016-03-01", "深圳市")
    assert (facts[-1]["metric"] if facts else None) == metric


@pytest.mark.parametrize(("text", "metric"), [
    # a clause that says something of its subject is no noun phrase naming a topic
    ("家电制造领域一直是其最大的市场，占65%。", "家电制造领域"),
    ("我国政府采购规模保持了持续快速增长的态势，从2002年的1009亿元增加到2012年的13977亿元。",
     "我国政府采购规模"),
    ("但涨幅最明显的还是电视机的价格，上涨了10％到30％。", None),
])
def test_a_clause_with_a_predicate_of_its_own_is_no_topic_noun_phrase(
        text: str, metric: str | None) -> None:
    facts = facts_of(text, "2016-03-01", None)
    assert (facts[0]["metric"] if facts else None) == metric


@pytest.mark.parametrize(("text", "times"), [
    # a base the text declares is no time; the target year is
    ("到2020年，以2015年全县公共机构用水量为基数，人均用水量下降10%。", ["2020"]),
    ("到2030年，以2025年为基期，单位地区生产总值能耗下降12%。", ["2030"]),
    ("以2021年为例，全县实现地区生产总值320亿元。", ["2021"]),   # (an example is no base)
])
def test_a_declared_base_is_no_time_of_the_figures(text: str, times: list[str]) -> None:
    assert [f["time"] for f in facts_of(text, "2018-03-01", "某县")] == times


@pytest.mark.parametrize(("text", "facts"), [
    # a size right before the model it names is part of the name, no fact of its own
    ("该车型可选装1.6L发动机。", []),
    ("新标准不会把2.5L车型排除在外。", []),
    ("采购12吨大功率水罐消防车6辆。", [("12吨大功率水罐消防车", "6")]),
    ("购置9座商务车4辆。", [("商务车", "4")]),
    # (a displacement of a standard is a measure: 排量 is no model)
    ("一般公务用车排气量2.0升以下。", [("一般公务用车排气量", "2")]),
])
def test_a_size_in_a_models_name_is_no_fact(text: str, facts: list[tuple[str, str]]) -> None:
    assert [(f["metric"], f["value"]) for f in facts_of(text, "2016-03-01", None)] == facts


@pytest.mark.parametrize(("text", "metric"), [
    # what a clause opens with, past the verbs, times and periods that are no part of it
    ("调高城乡居民医保年度最高支付限额，从原来的10万元提高到25万元。", "城乡居民医保年度最高支付限额"),
    ("“十三五”期间全省整个养老服务市场将翻一番，达到860亿元。", "整个养老服务市场"),
    ("沿海地区万元GDP能耗逐年下降，从2010年的0.6吨标准煤降至2015年的0.5吨标准煤。",
     "沿海地区万元GDP能耗"),
    ("华东精细化工股份有限公司今年上半年聚氨酯胶粘剂销量再创新高，同比上升12%。", "聚氨酯胶粘剂销量"),
    ("按照规定，出口退税率为13%，这一税率在2008年前曾下调至9%。", "出口退税率"),
])
def test_what_an_earlier_clause_opens_with_is_the_topic(text: str, metric: str) -> None:
    assert facts_of(text, "2016-03-01", None)[0]["metric"] == metric


@pytest.mark.parametrize(("text", "metric"), [
    # a time relative to now ends a subject; a time word inside a measure is part of it
    ("在连续两周下行后，蔬菜价格指数上周小幅回升，上涨0.52点至102.3点。", "蔬菜价格指数"),
    ("其中，华为手机当季出货量创出历史新高，环比增长12%至1500万部。", "华为手机当季出货量"),
    ("像这样的日间照料中心，全区今年建成了16处。", "日间照料中心"),
])
def test_a_time_word_ends_a_subject_or_belongs_to_its_measure(text: str, metric: str) -> None:
    assert facts_of(text, "2016-03-01", None)[0]["metric"] == metric


@pytest.mark.parametrize(("text", "metric"), [
    # guards on a topic a later clause would take: a predicate, a company, a 把 completed
    ("尽管进入平板电脑领域才两年，华为市场份额增长非常迅速，第二季度售出了300万台。", "售出"),
    ("政府采购首次把国产软件纳入范围，上半年首购了260套。", "首购"),
    ("2009年以后华美家具的年出口额较前两年相比，下滑近60%。", "华美家具的年出口额"),
])
def test_a_topic_that_is_no_measure_of_the_figure(text: str, metric: str | None) -> None:
    facts = facts_of(text, "2016-03-01", None)
    assert (facts[0]["metric"] if facts else None) == metric


def test_a_subject_cut_before_所_is_no_metric() -> None:
    # 高通所 | 占的市场份额: the particle ends no noun phrase
    facts = facts_of("同时，高通所占的市场份额较去年同季度有所下降，从41.2%下滑至39.5%。",
                     "2016-03-01", None)
    assert not any(f["metric"].endswith("所") for f in facts)


@pytest.mark.parametrize(("text", "metric"), [
    # a firm named as the topic is the metric of its own change, not of a level
    ("2015年，上海宏达建材公司逆势上扬，取得了35%的增长。", "上海宏达建材公司"),
    ("北方建材公司去年通过电商使自己的销售额大幅提高，从1月的每天不到20万元上升到12月的每天约80万元。",
     None),
])
def test_a_firm_is_the_topic_of_its_own_change(text: str, metric: str | None) -> None:
    facts = facts_of(text, "2016-03-01", None)
    assert (facts[0]["metric"] if facts else None) == metric


@pytest.mark.parametrize(("text", "facts"), [
    # several base years are bases, one for each figure, not periods
    ("2021年，全县规模以上工业增加值比2019年和2020年分别增长11.4%和7.2%。",
     [("规模以上工业增加值", "11.4", "2021"), ("规模以上工业增加值", "7.2", "2021")]),
    ("2008年以后宏远家具的年出口额较2005、2006年相比，下滑近60%。",
     [("宏远家具的年出口额", "60", "2008")]),
])
def test_several_base_years_are_no_periods(text: str, facts: list[tuple[str, str, str]]) -> None:
    assert [(f["metric"], f["value"], f["time"]) for f in facts_of(text, "2022-03-01", None)] \
        == facts


@pytest.mark.parametrize(("text", "times"), [
    # the day a sentence is told on is the now of its later clauses
    ("有关负责人6月3日向记者介绍，目前全省已有52个县完成改革。", ["2011-06-03"]),
    ("商会12日发布报告，称目前在华会员企业超过1600家。", ["2011-06-12"]),
    # without such a day, a word of now is the document's day
    ("1990年，全镇企业只有3家，目前已达到120家。", ["1990", "2011-06-20"]),
    # 从…起 dates what holds from that day on; 从…到 is still the span's start
    ("贷款基准利率从4月6日起上调至6.31%。", ["2011-04-06"]),
    ("粮食产量从2009年的420万吨增加到510万吨。", ["2009", "2011-06-20"]),
    # a total since a start runs to now; a start that describes a noun dates nothing
    ("从2008年起，全省用于校舍改造的资金累计达到35亿元。", ["2008/2011"]),
    ("从3月开始的专项检查取得成效，目前已查处违规企业26家。", ["2011-06-20"]),
    ("改革是从2006年起步的，经过几年努力，全县组建了48家合作社。", ["2011-06-20"]),
    # a year a multiple or share is taken of is a base, not the figure's period
    ("今后5年年均投资将是2010年的2倍。", ["2011/2015"]),
    ("今年前5月出口额相当于2008年同期的90%。", ["2011-01/2011-05"]),
])
def test_the_day_of_a_report_a_start_and_the_base_of_a_multiple(text: str,
                                                                 times: list[str]) -> None:
    assert [f["time"] for f in facts_of(text, "2011-06-20", None)] == times


@pytest.mark.parametrize(("text", "metrics"), [
    # an amount of worth describes the thing after it
    ("该局去年购买了一辆价值26.8万元的越野车。", ["越野车价值"]),
    ("海关查获价值3万余元的药品和器械。", ["药品和器械价值"]),
    # two nouns joined by 和 are one class of things counted
    ("全省86家企业和科研院所参加了展会。", ["企业和科研院所"]),
    ("已有40多个国家和地区的客商到会。", ["国家和地区"]),
    ("全市3家单位和7名个人受到表彰。", ["单位", "个人"]),  # a count after 和: two
    # a verb before a generic measure is part of it (覆盖规模), not a cut
    ("光纤入户覆盖规模达到80万户。", ["光纤入户覆盖规模"]),
    # 相当于 says what the figure equals, no part of the metric
    ("按当日汇率计算，相当于人民币到岸成本1650元/吨。", ["人民币到岸成本"]),
    ("全县进口额相当于2010年同期的85%。", ["进口额"]),
])
def test_worth_joined_nouns_compounds_and_equivalents(text: str, metrics: list[str]) -> None:
    assert [f["metric"] for f in facts_of(text, "2011-06-20", None)] == metrics


@pytest.mark.parametrize(("text", "facts"), [
    # a clause that frames the topic (从…来看, 就…而言) names what the figures after it
    # measure, and its period dates them; a base clause between is no subject
    ("从3月份新增存款来看，与2月份相比，增长18%。", [("新增存款", "18", "2011-03")]),
    ("就全年粮食产量而言，比上年增长6%。", [("粮食产量", "6", "2011")]),
    # a word of now that opens the sentence dates its figures with the document's day
    ("迄今为止，全省共建成污水处理厂52座。", [("污水处理厂", "52", "2011-06-20")]),
])
def test_a_topic_frame_names_the_measure_of_the_clauses_after_it(
        text: str, facts: list[tuple[str, str, str]]) -> None:
    assert [(f["metric"], f["value"], f["time"]) for f in facts_of(text, "2011-06-20", None)] \
        == facts


@pytest.mark.parametrize(("text", "facts"), [
    # a multiple or share of another's, written with 相当于…的, is of the measure before
    # 相当于, and the place of the other is no place of the figure
    ("我国单位产值能耗相当于日本的6倍。", [("我国单位产值能耗", "6", None)]),
    ("该县的人均收入仅相当于全国平均水平的60%。", [("人均收入", "60", None)]),
    # without 的 what follows 相当于 is what is measured
    ("通过土地整理，相当于把耕地面积扩大了12%。", [("耕地面积", "12", None)]),
])
def test_a_multiple_of_anothers_written_with_xiangdangyu(
        text: str, facts: list[tuple[str, str, str | None]]) -> None:
    assert [(f["metric"], f["value"], f["place"]) for f in facts_of(text, "2011-06-20", None)] \
        == facts


@pytest.mark.parametrize(("text", "places"), [
    # a foreign country's or city's figure has no place, as a national one has none
    ("印度已将小麦采购价格上调4.5%，至每吨264美元。", [None, None]),
    ("纽约股市当天下跌2.1%。", [None]),
    ("去年，该省对美国出口机电产品120亿美元。", ["江西省"]),  # a destination locates nothing
])
def test_figures_abroad_have_no_place(text: str, places: list[str | None]) -> None:
    assert [f["place"] for f in facts_of(text, "2011-04-21", "江西省")] == places


@pytest.mark.parametrize(("text", "facts"), [
    # a rate's denominator ends no metric (汽油、柴油每吨 | 分别提高): it is the per
    ("汽油、柴油每吨分别提高300元和250元。", [("汽油", "300", "t"), ("柴油", "250", "t")]),
    # two rates before a figure make one per (每车每小时)
    ("临时停车费为每车每小时2元。", [("临时停车费", "2", "辆-hour")]),
    # a generic word for kinds after a count: the noun before names what is counted
    ("目录包括中成药102个品种。", [("中成药", "102", None)]),
    # 盏 counts lamps; a growth rate named 增长幅度 is the rate of the quantity before
    ("全市更换LED路灯3.5万盏。", [("更换LED路灯", "35000", None)]),
    ("空调销售额达到60亿元，增长幅度超过了30%。",
     [("空调销售额", "6000000000", None), ("空调销售额", "30", None)]),
    # 不会低于 bounds the figure and is no part of the metric
    ("最低售价不会低于80元。", [("最低售价", "80", None)]),
])
def test_rates_kinds_lamps_and_growth_words(text: str,
                                           facts: list[tuple[str, str, str | None]]) -> None:
    assert [(f["metric"], f["value"], f["per"]) for f in facts_of(text, "2011-06-20", None)] \
        == facts


@pytest.mark.parametrize(("text", "times"), [
    # N年来 runs up to now, whatever year a look back named before; a yearly average
    # since a start is the span to now
    ("2008年，煤价每吨只有500多元。据介绍，10年来，尿素价格从每吨2700元降到1900元。",
     ["2008", "2002/2011", "2011"]),
    ("从2005年开始，每年事故起数平均在40起。", ["2005/2011"]),
])
def test_years_up_to_now_and_averages_since(text: str, times: list[str]) -> None:
    assert [f["time"] for f in facts_of(text, "2011-07-18", None)] == times


@pytest.mark.parametrize(("text", "metrics"), [
    ("调查显示，58.0%的受访者表示关注房价的新闻，其中23.9%的人表示“非常关注”。",
     ["表示关注房价的新闻", "表示非常关注"]),
    # the verb ends its clause: what was said is the next one
    ("此次调查中，94.7%的公众认为，当前的交通拥堵情况严重。", ["认为当前的交通拥堵情况严重"]),
    ("有63%的网友支持这项措施，仅5.2%的人对此表示反对。", ["支持这项措施", "表示反对"]),
    # a share of a class that says nothing keeps the class
    ("全市60%的企业实现盈利。", ["企业"]),
])
def test_a_share_of_the_people_asked_measures_what_they_said(text: str,
                                                              metrics: list[str]) -> None:
    assert [f["metric"] for f in zhfacts.extract(text, "2011-04-19")["facts"]] == metrics
