"""MONEY, QUANTITY and PERCENT figures: golden cases as data (tests/cases/figures.json)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import load_cases
from zhfacts.page.page import build_page
from zhfacts.page.context import DocumentContext
from zhfacts.numbers.figures import find_figures
from zhfacts.numbers.quantities import find_quantities
from zhfacts.numbers.numerals import canonical
from zhfacts.results import Figure

import zhfacts

CASES = load_cases("figures.json")


def _numeric(text: str, date: str | None = None) -> list[dict[str, Any]]:
    found = find_figures(build_page(text, DocumentContext.of(date)))
    return [f.to_dict() for f in found if f.label != "DATE"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_figures(case: dict[str, Any]) -> None:
    got = _numeric(case["text"], case.get("date"))
    want = case["figures"]
    assert [g["text"] for g in got] == [w["text"] for w in want]
    for g, w in zip(got, want, strict=True):
        assert g["text"] == case["text"][g["start"]:g["end"]]
        assert g["label"] == w["label"]
        assert g["value"] == w["value"]
        assert g.get("low") == w.get("low")
        assert g.get("high") == w.get("high")
        assert g["unit"] == w["unit"]
        assert g["qualifier"] == w["qualifier"]
        if "per" in w:
            assert g.get("per") == w["per"]


def test_durations_and_ages_are_read_but_not_reported() -> None:
    assert _numeric("为期3个月，老人72岁，用时40分钟") == []


def test_a_lone_yi_before_a_classifier_is_an_article_not_a_figure() -> None:
    assert _numeric("建成一个中心") == []
    assert _numeric("建成1个中心")[0]["value"] == "1"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("货运周转量60.5亿吨公里", "6050000000", "吨公里"),
    ("客运周转量12.9亿人公里", "1290000000", "人公里"),
    ("啤酒10.3万千升", "103000", "千升"),
    ("出生率下降1.15个千分点", "1.15", "个千分点"),
    ("变电容量201万千伏安", "2010000", "千伏安"),
    ("建成10千伏线路", "10", "千伏"),
])
def test_units_of_statistical_bulletins(text: str, value: str, unit: str) -> None:
    (figure,) = [f for f in zhfacts.figures(text) if isinstance(f, Figure)]
    assert (canonical(figure.value), figure.unit) == (value, unit)


TRADITIONAL = load_cases("traditional.json")


@pytest.mark.parametrize("case", TRADITIONAL, ids=[c["style"] for c in TRADITIONAL])
def test_traditional_script_reads_like_simplified(case: dict[str, Any]) -> None:
    """Sentences written in Hong Kong, Macau and Taiwan styles (tests/cases/
    traditional.json): units, magnitudes and qualifiers in traditional script,
    spaced thousands, 元 as the place's currency; offsets into the original."""
    record = zhfacts.extract(case["text"], date=case["date"], place=case["place"])
    figures = [[e["text"], e["label"], e.get("value"), e.get("unit"), e.get("qualifier")]
               for e in record["entities"] if e["label"] in ("MONEY", "QUANTITY", "PERCENT", "DATE")]
    assert figures == case["figures"]
    for entity in record["entities"]:
        assert case["text"][entity["start"]:entity["end"]] == entity["text"]
    if case["facts"] is not None:
        assert [[f["metric"], f["value"]] for f in record["facts"]] == case["facts"]


@pytest.mark.parametrize(("text", "figure", "qualifier"), [
    # 高于 … 的 N: N is the value compared with, exactly; 不低于 … 的 still bounds
    ("增速高于深圳一季度的2%。", "2%", "="),
    ("补助不低于当地低保标准的1.3倍。", "1.3倍", ">="),
])
def test_a_comparison_through_de_gives_the_base_exactly(text: str, figure: str,
                                                      qualifier: str) -> None:
    (found,) = [f for f in zhfacts.figures(text) if isinstance(f, Figure)]
    assert (found.text, found.qualifier) == (figure, qualifier)


@pytest.mark.parametrize(("text", "figure", "qualifier"), [
    # A bracketed (含) / (不含) between a figure and its bound says whether the
    # bound is included; the note and the bound stay outside the figure's span.
    ("配备排气量1.8升（含）以下的轿车", "1.8升", "<="),
    ("采购金额100万元（不含）以上的项目", "100万元", ">"),
    ("建筑面积50平方米(含)以上", "50平方米", ">="),
    ("约3万人（含）左右", "3万人", "~"),  # (含) bounds no approximation
])
def test_an_inclusion_note_before_a_bound(text: str, figure: str, qualifier: str) -> None:
    found = [f for f in _numeric(text) if f["text"] == figure]
    assert [f["qualifier"] for f in found] == [qualifier]


@pytest.mark.parametrize(("text", "metric", "qualifier", "per"), [
    # Bounds written with the verbs of markets and indices, and with 或等于.
    ("上证指数冲破3200点。", "上证指数", ">", None),
    ("本周生猪出场价跌破每公斤14元。", "生猪出场价", "<", "kg"),  # (本周: a DATE)
    ("制造业采购经理指数高过荣枯线后回落。", None, None, None),
    ("工业增速应大于或等于6.5%。", "工业增速", ">=", None),
    # A rate word before the figure is its per, no part of the metric.
    ("鸡蛋零售价为每斤5.2元。", "鸡蛋零售价", "=", "斤"),
])
def test_market_bounds_and_rates_before_a_figure(text: str, metric: str | None,
                                                 qualifier: str | None, per: str | None) -> None:
    facts = zhfacts.extract(text, "2023-05")["facts"]
    assert [(f["metric"], f["qualifier"], f["per"]) for f in facts] == \
        ([(metric, qualifier, per)] if metric else [])


@pytest.mark.parametrize(("text", "unit"), [
    ("轮候册上的申请个案总数超过20万。", "宗"),
    ("全省市场主体总数达到520万。", "户"),
    ("全市规模以上企业达到1.2万。", "家"),
    ("基本落实15亿中央投资计划。", "CNY"),  # the noun it counts written after it
    ("可实现每年70亿的销售额。", "CNY"),
    ("中钢集团被合作企业占款超70亿。", "CNY"),  # the nearest noun before: 占款, not 企业
    ("全省设立的产业引导基金共计120.5亿。", "CNY"),
    ("该型号越野车的价格为28万。", "CNY"),
    # what a verb of spending or saving takes right after it is money
    ("该市拟花3亿建设污水处理厂。", "CNY"),
    ("违规企业被罚掉50万。", "CNY"),
    ("集团斥资12亿收购矿山。", "CNY"),
])
def test_a_bare_magnitude_takes_the_unit_of_the_things_it_counts(text: str, unit: str) -> None:
    import zhfacts

    figures = [e for e in zhfacts.extract(text)["entities"]
               if e["label"] in ("QUANTITY", "MONEY")]
    assert [f["unit"] for f in figures] == [unit]


@pytest.mark.parametrize(("text", "figures"), [
    # A list of plain numbers writes its unit once, after the last item.
    ("比上年提高3.9、2.0、2.9个百分点。", [("3.9", "pp"), ("2", "pp"), ("2.9", "pp")]),
    ("三次产业分别增长5.1、6.2和7.3%。", [("5.1", "%"), ("6.2", "%"), ("7.3", "%")]),
    ("1、2号线同时开通。", []),  # no unit after the list
    # An index's points are a unit only where an index is written.
    ("综合指数达到849.8点，同比下降38.6点。", [("849.8", "点"), ("38.6", "点")]),
    ("下午3点开会，他有一点担心。", []),
])
def test_lists_and_index_points(text: str, figures: list[tuple[str, str]]) -> None:
    import zhfacts

    found = [(e["value"], e["unit"]) for e in zhfacts.extract(text)["entities"]
             if e["label"] in ("QUANTITY", "PERCENT", "MONEY")]
    assert found == figures


@pytest.mark.parametrize(("text", "figures"), [
    # A magnitude alone is a number after a bound word or before 余 / 多 ...
    ("全市有千余家企业参与，近万人到场。", [("1000", "家", ">"), ("10000", "person", "~")]),
    ("营业收入超千亿元。", [("100000000000", "CNY", ">")]),
    # ... and vague or a word elsewhere.
    ("上万人参加，数百人受伤，千万不要去，千百年来如此。", []),
    ("多达数十家企业参与，几十个项目开工。", []),  # 十 after 数 / 几 as well
    # 款 counts models and products.
    ("近500款车型入围，共有十款产品。", [("500", "款", "~"), ("10", "款", "=")]),
    # bound words: 不止 and 远超 are more than, 约占 … 的 about
    ("全国公共采购规模不止5000亿元，远超官方统计的1万亿元。",
     [("500000000000", "CNY", ">"), ("1000000000000", "CNY", "=")]),
    ("中小企业贷款约占全部贷款的18%。", [("18", "%", "~")]),
])
def test_a_lone_magnitude_with_a_bound_or_more_is_a_number(
        text: str, figures: list[tuple[str, str, str]]) -> None:
    import zhfacts

    found = [(e["value"], e["unit"], e["qualifier"]) for e in zhfacts.extract(text)["entities"]
             if e["label"] in ("QUANTITY", "PERCENT", "MONEY")]
    assert found == figures


@pytest.mark.parametrize(("text", "figures"), [
    ("采购A4单面打印机269台。", [("269", "台")]),  # A4: a code's digits
    ("实行四位一体的监管模式，三位同志获奖。", [("3", "person")]),  # an idiom is no count
    ("人民币RMB500元。", [("500", "CNY")]),  # a currency prefix is no code
    ("汽车零部件企业增长，进出口延续两位数增速。", []),  # 零 of 零部件, 两位数: words
    ("协鑫光伏二期总投资50亿元，三期工程开工。", [("5000000000", "CNY")]),  # a project's phase
    ("举办培训班3期，培训200人。", [("3", "期"), ("200", "person")]),  # a count of sessions
])
def test_codes_and_idioms_are_no_figures(text: str, figures: list[tuple[str, str]]) -> None:
    import zhfacts

    found = [(e["value"], e["unit"]) for e in zhfacts.extract(text)["entities"]
             if e["label"] in ("QUANTITY", "PERCENT", "MONEY")]
    assert found == figures


@pytest.mark.parametrize(("text", "per"), [
    ("全年60亿元的采购任务", None),  # 全年 / 明年 end a date: an annual total is no rate
    ("明年80亿元的投资计划", None),
    ("月人均630元", "person-month"),
])
def test_a_date_ending_in_nian_sets_no_per(text: str, per: str | None) -> None:
    (money,) = [e for e in zhfacts.extract(text, "2011-07")["entities"] if e["label"] == "MONEY"]
    assert money.get("per") == per


@pytest.mark.parametrize(("text", "figures"), [
    # 次 after a congress numbers its session; 召开3次会议 counts meetings.
    ("十四届全国人大一次会议审议通过。", []),
    ("今年共召开3次会议。", [("3", "次")]),
    ("推动三次分配协调配套。", []),  # a term of economics, no count
])
def test_sessions_and_terms_are_no_counts(text: str, figures: list[tuple[str, str]]) -> None:
    found = [(e["value"], e["unit"]) for e in zhfacts.extract(text, "2023-03")["entities"]
             if e["label"] == "QUANTITY"]
    assert found == figures


@pytest.mark.parametrize("text", [
    "助力我国营商环境国际排名从46位进一步提升到31位。",
    "该市综合实力排名上升5位。",
])
def test_places_in_a_ranking_are_no_counts(text: str) -> None:
    assert _numeric(text) == []


def test_people_counted_with_wei_outside_a_ranking() -> None:
    assert [f["unit"] for f in _numeric("共有12位专家参加评审。")] == ["person"]


def test_a_flow_written_per_minute_is_one_figure_with_its_rate() -> None:
    got = _numeric("最大流量达到或超过18000升/分的工业泡沫消防车7辆。")
    assert [(f["text"], f.get("per")) for f in got][0] == ("18000升/分", "minute")


def test_batches_are_counted_as_written() -> None:
    assert [f["unit"] for f in _numeric("全年完成政府采购220批次。")] == ["批次"]


@pytest.mark.parametrize(("text", "values"), [
    # 一 counts in a list of counts of the same thing
    ("其中小轿车五包，轻型客车两包，中型客车一包，微型客车一包。", ["5", "2", "1", "1"]),
    # an article, also beside one other count or in a slogan
    ("把一层楼改建成3层木结构。", ["3"]),
    ("坚持一个中心、两个基本点、三个代表。", ["2"]),
])
def test_yi_in_a_list_of_counts(text: str, values: list[str]) -> None:
    assert [f["value"] for f in _numeric(text)] == values


def test_a_congress_numbered_before_its_plenums_is_no_count() -> None:
    assert [f["text"] for f in _numeric("深入学习贯彻党的十九届历次全会精神，连续三届获评先进。")] == ["三届"]


@pytest.mark.parametrize(("text", "spans"), [
    # a 多 after a unit of measure, a word of its own before the noun: inside the figure, >
    ("种了4亩多玉米，5公斤多粮食。", [("4亩多", ">"), ("5公斤多", ">")]),
    # a 多 that starts a word (多元化, 多少) is no part of the figure
    ("推进3亩多元化种植，5公斤多少钱？", [("3亩", "="), ("5公斤", "=")]),
    # a classifier keeps a 多 after it out of the figure
    ("完成3个多项目。", [("3个", "=")]),
    ("2亩多", [("2亩多", ">")]),
])
def test_more_after_a_unit_of_measure(text: str, spans: list[tuple[str, str]]) -> None:
    assert [(f["text"], f["qualifier"]) for f in _numeric(text)] == spans


@pytest.mark.parametrize(("text", "unit"), [
    ("递交了80万元港币的支票。", "HKD"), ("借了3万元美金。", "USD"), ("投资5000万元人民币。", "CNY")])
def test_a_currency_written_after_yuan_is_the_currency(text: str, unit: str) -> None:
    assert [f["unit"] for f in _numeric(text)] == [unit]


@pytest.mark.parametrize(("text", "figures"), [
    ("用电量一度紧张。", []),                       # 一度: "at one time"
    ("一度电可以炼钢。", [("一度电", "kWh")]),
    ("全年用电1000度。", [("1000度", "kWh")]),
])
def test_yidu_is_an_adverb_unless_it_counts_electricity(text: str,
                                                       figures: list[tuple[str, str]]) -> None:
    assert [(f["text"], f["unit"]) for f in _numeric(text)] == figures


@pytest.mark.parametrize(("text", "span", "value"), [
    ("国内生产总值8.9万多亿元", "8.9万多亿元", "8900000000000"),
    ("投资1千多万元", "1千多万元", "10000000"),
    ("投资1000多万元", "1000多万元", "10000000"),
])
def test_a_larger_magnitude_after_more_multiplies_again(text: str, span: str, value: str) -> None:
    assert [(f["text"], f["value"]) for f in _numeric(text)] == [(span, value)]


def test_kou_ren_counts_people() -> None:
    assert [(f["text"], f["unit"]) for f in _numeric("该村共有86户、352口人。")] == [
        ("86户", "household"), ("352口人", "person")]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("最低气温零下15℃。", "零下15℃", "-15"),
    ("夜间降到零下8摄氏度。", "零下8摄氏度", "-8"),
])
def test_below_zero_is_a_negative_temperature(text: str, span: str, value: str) -> None:
    assert [(f["text"], f["value"]) for f in _numeric(text)] == [(span, value)]


@pytest.mark.parametrize(("text", "span", "value", "qualifier"), [
    ("该县耕地占全市的三分之一。", "三分之一", "33.3333333333333", "="),
    ("外资股份约占四分之一。", "四分之一", "25", "~"),
    ("本地品牌的数量已接近一半。", "一半", "50", "~"),
    ("超过一半的住户用上了天然气。", "一半", "50", ">"),
    ("新增岗位的五分之一以上在服务业。", "五分之一", "20", ">="),
    ("今年销量增长了七成多。", "七成多", "70", ">"),
])
def test_fractions_and_halves_are_shares(text: str, span: str, value: str, qualifier: str
                                         ) -> None:
    assert [(f["text"], f["label"], f["unit"], f["value"], f["qualifier"])
            for f in _numeric(text)] == [(span, "PERCENT", "%", value, qualifier)]


@pytest.mark.parametrize(("text", "span", "bounds", "unit"), [
    ("村里只剩下两三户人家。", "两三户", ("2", "3"), "household"),
    ("会场来了三四十人。", "三四十人", ("30", "40"), "person"),
    ("全乡十七八个村都通了路。", "十七八个", ("17", "18"), "个"),
    ("每户投入三五万元。", "三五万元", ("30000", "50000"), "CNY"),
])
def test_neighbouring_digits_bound_a_rough_count(text: str, span: str,
                                                 bounds: tuple[str, str], unit: str) -> None:
    assert [(f["text"], f["qualifier"], (f["low"], f["high"]), f["unit"])
            for f in _numeric(text)] == [(span, "range", bounds, unit)]


@pytest.mark.parametrize("text", ["四五月份雨水偏多。", "他考了第三四名。", "屋里乱七八糟。"])
def test_neighbouring_digits_without_a_count_are_no_figure(text: str) -> None:
    assert _numeric(text) == []


@pytest.mark.parametrize(("text", "span", "unit"), [
    ("德国政府拨款50亿德国马克。", "50亿德国马克", "DEM"),
    ("汇率回升到1美元兑9000印尼盾。", "9000印尼盾", "IDR"),
    ("政府将投入30亿新元建设地铁。", "30亿新元", "SGD"),
    ("内阁批准了总额达8250亿铢的预算。", "8250亿铢", "THB"),
    ("机场噪声为65分贝。", "65分贝", "dB"),
    ("噪声在67.3—77.8分贝之间。", "67.3—77.8分贝", "dB"),
    ("该党在议会中获得28席。", "28席", "席"),
])
def test_currencies_and_measures_of_foreign_news(text: str, span: str, unit: str) -> None:
    assert [(f["text"], f["unit"]) for f in _numeric(text)][-1] == (span, unit)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("外资股份约占10%。", "~"),
    ("井下大约有90名矿工。", "~"),
    ("至少有30名工人受伤。", ">="),
    ("签约有10家企业。", "="),  # (签约: no 约 of approximation)
])
def test_a_bound_governs_the_figure_through_a_linking_verb(text: str, qualifier: str) -> None:
    assert [f["qualifier"] for f in _numeric(text)] == [qualifier]


@pytest.mark.parametrize("text", ["预算赤字达1336亿比索。", "罚款13.5万里拉。"])
def test_a_currency_of_no_one_country_is_not_read_as_yuan(text: str) -> None:
    assert _numeric(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("税收和非税收入分别为120亿、135亿元。", [("120亿", "12000000000", "CNY"),
                                       ("135亿元", "13500000000", "CNY")]),
    ("两地分别新增3500万和1.2亿个岗位。", [("3500万", "35000000", "个"),
                                           ("1.2亿个", "120000000", "个")]),
    ("全县存款由2005年的8.6亿增加到2010年底的21亿元。",
     [("8.6亿", "860000000", "CNY"), ("21亿元", "2100000000", "CNY")]),
    ("常住人口从48万增长到52万人。", [("48万", "480000", "person"), ("52万人", "520000", "person")]),
    ("交易规模从400亿扩大到650亿美元。", [("400亿", "40000000000", "USD"),
                                         ("650亿美元", "65000000000", "USD")]),
])
def test_a_unit_written_once_after_the_last_number_is_the_others_too(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(f["text"], f["value"], f["unit"]) for f in _numeric(text)
            if f["label"] != "DATE"] == expected


def test_a_number_after_from_takes_no_unit_across_other_words() -> None:
    # (a unit the lexicon does not know stands between: 1 is no number of 美元 here)
    text = "汇价从1美元兑换300图格里克跌到1美元兑换900图格里克。"
    assert _numeric(text) == []


@pytest.mark.parametrize(("text", "value"), [("目前1美元约合36泰铢。", "36"),
                                            ("当时1英镑可兑换2.1美元。", "2.1")])
def test_the_one_unit_an_exchange_rate_is_quoted_for_is_no_figure(text: str, value: str) -> None:
    assert [f["value"] for f in _numeric(text)] == [value]


@pytest.mark.parametrize(("text", "figures"), [
    # a change, then the level it reached (not a range from one to the other)
    ("指数上涨0.76点至103.95点。", [("0.76点", "0.76", None), ("103.95点", "103.95", None)]),
    ("库存增加675吨至3350吨。", [("675吨", "675", None), ("3350吨", "3350", None)]),
    # a range of changes, or one unit for both ends, stays a range
    ("价格上涨5%至10%。", [("5%至10%", None, ("5", "10"))]),
    ("工资增长3至5万元。", [("3至5万元", None, ("30000", "50000"))]),
])
def test_a_change_to_a_level_is_two_figures_not_a_range(
        text: str, figures: list[tuple[str, str | None, tuple[str, str] | None]]) -> None:
    found = find_quantities(text)
    read = [(text[f.start:f.end], None if f.value is None else str(f.value),
             None if f.low is None else (str(f.low), str(f.high))) for f in found]
    assert read == figures


def test_a_full_width_comma_separates_thousands_before_a_group_of_three() -> None:
    text = "面积为35，000平方米。"
    [figure] = find_quantities(text)
    assert (text[figure.start:figure.end], str(figure.value)) == ("35，000平方米", "35000")
    # (a clause comma before a number of another length is no separator)
    assert [str(f.value) for f in find_quantities("增长12%，1500家企业参加。")] == ["12", "1500"]


@pytest.mark.parametrize(("text", "expected"), [
    # a range whose ends each carry the same rate is one range
    ("现货报价在3300元/吨-3400元/吨之间。", [("3300元/吨-3400元/吨", None, "3300", "3400", "t")]),
    # with different rates, two figures; the dash between is no minus sign
    ("报价3300元/吨-3400元/公斤。", [("3300元/吨", "3300", None, None, "t"),
                                   ("3400元/公斤", "3400", None, None, "kg")]),
    # 由 as part of 为由 opens no change: the range stands
    ("以新配方为由涨价5%-10%。", [("5%-10%", None, "5", "10", None)]),
    # 从原来的 before a range with a dash keeps the range
    ("价格从原来的3000-4000元涨到5000元。", [("3000-4000元", None, "3000", "4000", None),
                                       ("5000元", "5000", None, None, None)]),
    # a written minus sign stays one
    ("2010年增速为-3.2%。", [("-3.2%", "-3.2", None, None, None)]),
])
def test_ranges_with_rates_and_dashes(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(f["text"], f["value"], f.get("low"), f.get("high"), f.get("per"))
            for f in _numeric(text)] == expected


@pytest.mark.parametrize(("text", "qualifier"), [
    ("铜价站稳在60000元/吨之上。", ">"),
    ("棉花价格在25000元/吨附近震荡。", "~"),
    ("铁矿石价格在每吨160美元上方运行。", ">"),
    ("螺纹钢价跌到4800元/吨之下。", "<"),
])
def test_position_words_after_a_price_bound_it(text: str, qualifier: str) -> None:
    assert [f["qualifier"] for f in _numeric(text)] == [qualifier]
