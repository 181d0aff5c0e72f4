"""DATE recognition and TimeML values (SPEC sections 3 and 6)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import load_cases
from zhfacts.page.page import build_page
from zhfacts.page.context import DocumentContext
from zhfacts.numbers.figures import find_figures

CASES = load_cases("dates.json")


def _dates(text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(f.text, str(f.value)) for f in find_figures(build_page(text, DocumentContext.of(date)))
            if f.label == "DATE"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']}|{c['date']}" for c in CASES])
def test_date_value(case: dict[str, Any]) -> None:
    assert _dates(case["text"], case["date"]) == [(case["span"], case["value"])]


def test_previous_year_counts_from_the_period_under_review() -> None:
    text = "2022年，全市生产总值比上年增长3%。"
    assert _dates(text, "2023-03") == [("2022年", "2022"), ("上年", "2021")]


def test_the_same_day_takes_the_last_full_date() -> None:
    assert _dates("2023年3月5日上午，会议召开。当天下午") == [
        ("2023年3月5日", "2023-03-05"), ("当天", "2023-03-05")]


def test_comparison_words_stay_outside_the_span() -> None:
    assert _dates("2022 年以来") == [("2022 年", "2022")]


@pytest.mark.parametrize("text", ["近日", "目前", "近年来", "3个月", "21号院", "第3月"])
def test_vague_words_and_durations_are_not_dates(text: str) -> None:
    assert _dates(text, "2023-03") == []


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("1-2月，工业增加值同比增长44.6%，比2019年同期增长11.1%，上年同期下降20.3%。", "2021-03",
     [("1-2月", "2021-01/2021-02"), ("2019年同期", "2019-01/2019-02"),
      ("上年同期", "2020-01/2020-02")]),
    ("2016年上半年，全市GDP增长1.5%，上年同期为下降3%。", "2016-07",
     [("2016年上半年", "2016-H1"), ("上年同期", "2015-H1")]),
    # A year that opens a 以来 phrase is not the period reported.
    ("2022年全省降水偏少，为1961年有完整气象记录以来最少。全年粮食产量增长1%。", "2023-03",
     [("2022年", "2022"), ("1961年", "1961"), ("全年", "2022")]),
])
def test_the_same_period_of_another_year(text: str, date: str,
                                         expected: list[tuple[str, str]]) -> None:
    assert _dates(text, date) == expected


def test_a_year_looked_back_on_inside_a_sentence_frames_only_that_sentence() -> None:
    # An article on January-February compares with earlier years in passing;
    # the next sentences still report 2021, and their 上年同期 is 2020's.
    text = ("2021年1-2月，广东经济持续恢复。从历史看，2013-2018年同期增速为7.35%，"
            "2019年增速变缓至3%。受上年同期低基数影响，投资增长较快。")
    assert _dates(text, "2021-03")[-1] == ("上年同期", "2020-01/2020-02")


def test_a_period_that_opens_a_heading_frames_its_section() -> None:
    text = ("一、2023年工作回顾\n全县生产总值增长5%，比上年提高1个百分点。\n"
            "二、2024年主要目标\n全年生产总值增长6%。")
    values = [value for _, value in _dates(text, "2024-01")]
    assert values == ["2023", "2022", "2024", "2024"]


@pytest.mark.parametrize(("text", "expected"), [
    ("来年财政收入预计增长5%。", [("来年", "2014")]),
    ("未来年均增长6%。", []),  # 未来 + 年均: no 来年
    ("年内完成投资50亿元。", [("年内", "2013")]),
    ("三年内完成改造。", []),  # a duration
    ("预计会于其后数年内完成。", []),
])
def test_next_year_and_within_the_year(text: str, expected: list[tuple[str, str]]) -> None:
    page = build_page(text, DocumentContext.of("2013-02-27"))
    assert [(d.text, d.value) for d in find_figures(page) if d.label == "DATE"] == expected


@pytest.mark.parametrize(("text", "dates"), [
    ("前3月全市采购额达10亿元。", [("前3月", "2011-01/2011-03")]),
    ("今年前5个月，全市出口增长8%。", [("今年前5个月", "2011-01/2011-05")]),
    ("头两个月出口增长5%。", [("头两个月", "2011-01/2011-02")]),
    ("首季全市采购节约资金1.58亿元。", [("首季", "2011-Q1")]),
    ("前一个月出口下降。", []),  # the month before, not the first month
])
def test_the_first_months_and_the_first_quarter(text: str, dates: list[tuple[str, str]]) -> None:
    import zhfacts

    found = [(e["text"], e["value"]) for e in zhfacts.extract(text, "2011-06-20")["entities"]
             if e["label"] == "DATE"]
    assert found == dates


@pytest.mark.parametrize(("text", "dates"), [
    # 年中 is mid-year only before what may follow a date ...
    ("2012年中，市场回暖。", [("2012年中", "2012")]),
    ("去年年中以来，价格上涨。", [("去年年中", "2022")]),
    # ... not where 中 begins a word: 中关村, 中小企业, 中国.
    ("2011年中关村示范区", [("2011年", "2011")]),
    ("2011年中小企业贷款", [("2011年", "2011")]),
])
def test_mid_year_is_no_part_of_a_word_after_it(text: str, dates: list[tuple[str, str]]) -> None:
    assert _dates(text, "2023-03") == dates


def test_without_a_document_date_months_repeated_without_their_year_keep_it() -> None:
    # the text names 2021年1-2月, then writes 1-2月 and 2月 alone: the same months
    text = "2021年1-2月，全省经济稳定恢复。1-2月，工业增加值增长44.6%。今年1-2月，投资增长。2月，消费回升。"
    assert _dates(text) == [("2021年1-2月", "2021-01/2021-02"), ("1-2月", "2021-01/2021-02"),
                            ("今年1-2月", "XXXX-01/XXXX-02"), ("2月", "2021-02")]


@pytest.mark.parametrize("text, expected", [
    # a whole year named in passing is no evidence of a later month's year
    ("2000年建成的小区正在改造。9月，改造完成。", [("2000年", "2000"), ("9月", "XXXX-09")]),
    # months outside those under review stay without a year
    ("2021年1-2月，全省经济稳定恢复。3月，消费回升。",
     [("2021年1-2月", "2021-01/2021-02"), ("3月", "XXXX-03")]),
])
def test_without_a_document_date_other_months_stay_without_a_year(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(text) == expected


def test_a_document_date_still_resolves_months_written_without_a_year() -> None:
    text = "2021年1-2月，全省经济稳定恢复。1-2月，工业增加值增长44.6%。"
    assert _dates(text, "2023-03")[1] == ("1-2月", "2023-01/2023-02")


@pytest.mark.parametrize(("text", "expected"), [
    ("二○○○年下半年，全县财政收入增长。", [("二○○○年下半年", "2000-H2")]),  # U+25CB
    ("二Ｏ一Ｏ年全县财政收入增长。", [("二Ｏ一Ｏ年", "2010")]),  # full-width letter O
    ("二O二三年一季度", [("二O二三年一季度", "2023-Q1")]),
])
def test_years_written_with_a_look_alike_of_zero(text: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(text) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("自2019年12月至2020年10月，", None, [("2019年12月至2020年10月", "2019-12/2020-10")]),
    ("自2019年底至2020年10月，", None, [("2019年底至2020年10月", "2019-12/2020-10")]),
    ("去年初至今年6月，", "2021-07", [("去年初至今年6月", "2020-01/2021-06")]),
    # (two year-ends are two dates; an open end is no span)
    ("2019年底到2020年底，", None, [("2019年底", "2019"), ("2020年底", "2020")]),
    ("2020年初至今，", None, [("2020年初", "2020")]),
])
def test_two_dates_joined_by_zhi_are_one_span_of_months(
        text: str, date: str | None, expected: list[tuple[str, str]]) -> None:
    assert _dates(text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a dateline's day written without 日, in two digits
    ("2012年03月15来源：市财政局", None, [("2012年03月15", "2012-03-15")]),
    ("三年前，该县还没有一家超市。", "2012-05", [("三年前", "2009")]),
    ("10年前全县只有2所中学。", "2012-05", [("10年前", "2002")]),
    # (a year before 前 is a deadline, not years counted back)
    ("2015年前完成改造。", "2012-05", [("2015年", "2015")]),
    # weeks from the document's day (2012-05-16 is a Wednesday), Monday to Sunday
    ("上周蔬菜价格回落。", "2012-05-16", [("上周", "2012-05-07/2012-05-13")]),
    ("本周三召开会议。", "2012-05-16", [("本周三", "2012-05-16")]),
    ("上星期五下了雨。", "2012-05-16", [("上星期五", "2012-05-11")]),
    ("这周期内完成。", "2012-05-16", []),  # (周期: a cycle, no week)
    # a weekday alone: the last one on or before the document's day (a Wednesday)
    ("周一，沪铜收盘上涨。", "2012-05-16", [("周一", "2012-05-14")]),
    ("周五晚间公布数据。", "2012-05-16", [("周五", "2012-05-11")]),
    ("周一至周五开放，每周一闭馆。", "2012-05-16", []),  # (opening days, no date)
    ("周一鸣表示同意。", "2012-05-16", []),  # (a name)
    # 昨 alone in a news story; a day of this month or the last
    ("昨早盘开于每吨17105元。", "2012-05-16", [("昨", "2012-05-15")]),
    ("截至本月3日，共成交20笔。", "2012-05-16", [("本月3日", "2012-05-03")]),
    ("上月28日开标。", "2012-05-16", [("上月28日", "2012-04-28")]),
    # a chronicle: later months after a month of an earlier year are of that year
    ("2010年7月签约；8月交付；10月验收。", "2011-03-10",
     [("2010年7月", "2010-07"), ("8月", "2010-08"), ("10月", "2010-10")]),
    # (not an earlier month, nor a month of the document's year named after it)
    ("2010年12月签约。今年1月交付，2月验收。", "2011-03-10",
     [("2010年12月", "2010-12"), ("今年1月", "2011-01"), ("2月", "2011-02")]),
    # the same year, month or day as the date named before
    ("2008年全县建成新校区。同年，招生人数翻番。", None,
     [("2008年", "2008"), ("同年", "2008")]),
    ("3月5日开工，同日签约。", "2012-05", [("3月5日", "2012-03-05"), ("同日", "2012-03-05")]),
    # a bulletin's end of the period (期末考试: an exam)
    ("2011年末总人口80万人，期末城镇化率为45%。", "2012-03",
     [("2011年末", "2011"), ("期末", "2011")]),
    ("学生期末考试成绩良好。", "2012-03", []),
])
def test_relative_days_weeks_and_years(text: str, date: str | None,
                                       expected: list[tuple[str, str]]) -> None:
    assert _dates(text, date) == expected


def test_a_resolve_looks_ahead_from_the_documents_year() -> None:
    text = "2010年，全市完成投资12亿元。下一步，力争全年投资突破15亿元。"
    assert _dates(text, "2011-09-21")[-1] == ("全年", "2011")
    # (an estimate in a review of the year before is of that year)
    text = "2022年，全市经济平稳运行，预计全年地区生产总值增长4%。"
    assert _dates(text, "2023-01-10")[-1] == ("全年", "2022")


def test_a_forecast_after_the_months_of_review_is_of_the_documents_year() -> None:
    # (预计全年 in a November story: this year, though the clause before named last year)
    text = "负责人介绍，去年全县粮食总产量为91.7万吨，预计全年粮食总产量将超过95万吨。"
    assert _dates(text, "2023-11-20")[-1] == ("全年", "2023")
    text = "2010年，园区新签项目17个，预计年内均可落地开工。"
    assert _dates(text, "2011-08-08")[-1] == ("年内", "2011")


@pytest.mark.parametrize(("text", "expected"), [
    # a year named first deep in a story, not in its title, frames no later bare period
    ("诺基亚亏损 第二季度净亏5.21亿\n\n诺基亚表示，预计到2013年时，可将营业费用降低10亿欧元。\n\n"
     "苹果第二季度的iPhone销量达到了2030万部。", "2011-Q2"),
    ("白酒股半年报\n\n张裕在1998年上市时，股价不足10元。\n\n上半年，五粮液净利润将近34亿元。",
     "2011-H1"),
    # the title's year still frames (a bulletin on the year before), and so does the first
    # year of a text of one line
    ("川汇区2022年经济总量突破400亿元\n\n按常住人口计算，全年人均地区生产总值51545元。", "2022"),
    ("张裕在1998年上市时，股价不足10元，上半年净利润将近34亿元。", "1998-H1"),
])
def test_only_a_titles_year_frames_by_being_named_first(text: str, expected: str) -> None:
    assert _dates(text, "2011-07-22" if "2022" not in text else "2023-03-29")[-1][1] == expected


@pytest.mark.parametrize(("text", "dates"), [
    # the recent years include the current one; the past ones end before it
    ("近3年全县新建学校12所。", [("近3年", "2009/2011")]),
    ("过去3年全县新建学校12所。", [("过去3年", "2008/2010")]),
    # two days joined by 至 are one span of days, as two months are
    ("对2010年11月15日至2011年1月31日期间的采购给予补贴。", [
        ("2010年11月15日至2011年1月31日", "2010-11-15/2011-01-31")]),
    ("3月1日-3月20日开展检查。", [("3月1日-3月20日", "2011-03-01/2011-03-20")]),
    # a month number listed before the next month is the start of a span
    ("7、8月份全市用电量增长较快。", [("7、8月份", "2011-07/2011-08")]),
    ("3、6月份各检查一次。", [("6月份", "2011-06")]),  # not consecutive: no span
])
def test_spans_of_recent_years_of_days_and_of_listed_months(
        text: str, dates: list[tuple[str, str]]) -> None:
    assert _dates(text, "2011-05-10") == dates


@pytest.mark.parametrize(("text", "dates"), [
    # 前年 and 前天 are no dates where 前 ends a word (目前, 此前, 提前)
    ("目前年均产量达到4亿吨。", []),
    ("目前天气晴好，提前天亮。", []),
    ("前年全市产量增长5%，前天召开会议。", [("前年", "2009"), ("前天", "2011-07-09")]),
])
def test_the_day_and_year_before_last_only_where_they_start_a_word(
        text: str, dates: list[tuple[str, str]]) -> None:
    assert _dates(text, "2011-07-11") == dates
