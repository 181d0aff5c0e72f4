"""The table reader (zhfacts.page.tables): layouts, units, metrics, periods, offsets.

Every example is written for these tests in the styles of bulletins, budget
reports and price lists (pipe rows, whitespace-aligned rows copied from PDF).
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.numbers.lexicon import lexicon
from zhfacts.numbers.numerals import canonical
from zhfacts.page.tables import Cell, Table, TableReading, find_tables, read_table

Row = tuple[str, str, str, str, str | None, str | None]


def _check(text: str, tables: list[Table]) -> None:
    """Offsets slice back to every cell, caption and figure, inside the table."""
    previous_end = -1
    for table in tables:
        assert previous_end <= table.start < table.end <= len(text)
        previous_end = table.end
        cells: list[Cell] = [c for row in (*table.header_rows, *table.rows) for c in row]
        if table.caption is not None:
            cells.append(table.caption)
        for cell in cells:
            assert text[cell.start:cell.end] == cell.text
            assert cell.text == cell.text.strip(" \t\u3000")
            assert table.start <= cell.start <= cell.end <= table.end
        width = len(table.columns)
        assert all(len(row) == width for row in (*table.header_rows, *table.rows))
        for reading in read_table(table):
            figure = reading.figure
            assert text[figure.start:figure.end] == figure.text
            assert reading.cell.start <= figure.start < figure.end <= reading.cell.end
            assert isinstance(figure.value, Decimal)


def _rows(text: str) -> list[Row]:
    """(number as written, value as SPEC writes it, unit, metric, period, change) of
    every reading."""
    tables = find_tables(text)
    _check(text, tables)
    return [_row(r) for table in tables for r in read_table(table)]


def _row(reading: TableReading) -> Row:
    figure = reading.figure
    assert figure.value is not None
    return (figure.text, canonical(figure.value), figure.unit, reading.metric, reading.period_text,
            reading.change)


def _values(rows: list[Row]) -> list[tuple[Decimal, str, str, str | None]]:
    return [(Decimal(value), unit, metric, period) for _, value, unit, metric, period, _ in rows]


# --------------------------------------------------------------------------- population by age

POPULATION_PIPE = """\
（二）人口
年末全省常住人口4012.6万人，比上年末增加3.1万人。
表1 2022年末人口数及其构成
单位：万人
| 指标 | 年末数 | 比重（%） |
|---|---|---|
| 全省常住人口 | 4,012.6 | 100.0 |
| 其中：城镇 | 2,650.3 | 66.0 |
| 乡村 | 1,362.3 | 34.0 |
| 其中：0-15岁 | 682.1 | 17.0 |
| 16-59岁 | 2,467.8 | 61.5 |
| 60周岁及以上 | 862.7 | 21.5 |
全年出生人口28.4万人，出生率为7.08‰。
"""

POPULATION_SPACES = """\
　　年末全省常住人口4012.6万人，比上年末增加3.1万人。
表1　2022年末人口数及其构成
                                          单位：万人
指    标              年末数          比重（%）
全省常住人口          4012.6          100.0
  其中：城镇          2650.3           66.0
        乡村          1362.3           34.0
  其中：0-15岁         682.1           17.0
  16-59岁             2467.8           61.5
  60周岁及以上         862.7           21.5
　　全年出生人口28.4万人，出生率为7.08‰。
"""

POPULATION_EXPECTED = [
    (Decimal("40126000"), "person", "全省常住人口", "2022年末"),
    (Decimal("100"), "%", "全省常住人口比重", "2022年末"),
    (Decimal("26503000"), "person", "城镇人口数", "2022年末"),
    (Decimal("66"), "%", "城镇人口数比重", "2022年末"),
    (Decimal("13623000"), "person", "乡村人口数", "2022年末"),
    (Decimal("34"), "%", "乡村人口数比重", "2022年末"),
    (Decimal("6821000"), "person", "0-15岁人口数", "2022年末"),
    (Decimal("17"), "%", "0-15岁人口数比重", "2022年末"),
    (Decimal("24678000"), "person", "16-59岁人口数", "2022年末"),
    (Decimal("61.5"), "%", "16-59岁人口数比重", "2022年末"),
    (Decimal("8627000"), "person", "60周岁及以上人口数", "2022年末"),
    (Decimal("21.5"), "%", "60周岁及以上人口数比重", "2022年末"),
]


@pytest.mark.parametrize("text", [POPULATION_PIPE, POPULATION_SPACES], ids=["pipes", "spaces"])
def test_population_table(text: str) -> None:
    tables = find_tables(text)
    assert len(tables) == 1
    table = tables[0]
    assert table.caption is not None and table.caption.text.startswith("表1")
    assert table.caption.text.endswith("2022年末人口数及其构成")
    assert table.unit_text == "万人"
    assert [c.head for c in table.columns] == ["指标", "年末数", "比重（%）"]
    assert [c.unit_text for c in table.columns] == [None, None, "%"]
    assert [c.measure for c in table.columns] == [None, None, "比重"]
    assert table.columns[1].period_text == "年末"
    assert table.row_label_column == 0
    assert len(table.rows) == 6
    # The table span covers caption to last row and no prose around it.
    assert text[table.start:].startswith("表1")
    assert text[table.start:table.end].rstrip(" |").endswith("21.5")
    assert "出生" not in text[table.start:table.end]
    assert _values(_rows(text)) == POPULATION_EXPECTED


def test_population_readings_keep_the_cell_and_column() -> None:
    table = find_tables(POPULATION_PIPE)[0]
    first = read_table(table)[0]
    assert first.cell.text == "4,012.6"
    assert first.figure.text == "4,012.6"
    assert first.figure.label == "QUANTITY"
    assert first.figure.qualifier == "="
    assert first.row_label == "全省常住人口"
    assert first.column.head == "年末数"
    assert first.change is None
    share = read_table(table)[1]
    assert (share.figure.label, share.figure.unit, share.column.measure) == ("PERCENT", "%", "比重")


# --------------------------------------------------------------------------- budgets

BUDGET_TABS = (
    "　　2023年全县财政收支执行情况如下。\n"
    "2023年全县一般公共预算收支执行情况\n"
    "单位：万元\n"
    "项目\t预算数\t执行数\t完成预算%\n"
    "一般公共预算收入\t125,000\t131,250\t105.0\n"
    "  其中：税收收入\t90,000\t87,300\t97.0\n"
    "        非税收入\t35,000\t43,950\t125.6\n"
    "一般公共预算支出\t310,000\t298,760\t96.4\n"
)


def test_budget_table_with_a_unit_line() -> None:
    rows = _rows(BUDGET_TABS)
    assert rows[:3] == [
        ("125,000", "1250000000", "CNY", "一般公共预算收入预算数", "2023年", None),
        ("131,250", "1312500000", "CNY", "一般公共预算收入执行数", "2023年", None),
        ("105.0", "105", "%", "一般公共预算收入完成预算", "2023年", None),
    ]
    assert ("87,300", "873000000", "CNY", "税收收入执行数", "2023年", None) in rows
    assert ("96.4", "96.4", "%", "一般公共预算支出完成预算", "2023年", None) in rows
    assert len(rows) == 12
    table = find_tables(BUDGET_TABS)[0]
    assert table.unit_text == "万元"
    assert BUDGET_TABS[table.start:].startswith("2023年全县一般公共预算收支执行情况")


BUDGET_MONEY_HEAD = """\
2024年部门预算支出情况
科目名称 | 金额(万元) | 比上年增长（%）
一般公共服务支出 | 1,250.5 | 3.2
教育支出 | 8,600 | -1.5
卫生健康支出 | 2,304.75 | 0.0
"""


def test_budget_table_with_the_unit_in_the_money_head() -> None:
    assert _rows(BUDGET_MONEY_HEAD) == [
        ("1,250.5", "12505000", "CNY", "一般公共服务支出", "2024年", None),
        ("3.2", "3.2", "%", "一般公共服务支出比上年增长", "2024年", "increase"),
        ("8,600", "86000000", "CNY", "教育支出", "2024年", None),
        ("-1.5", "-1.5", "%", "教育支出比上年增长", "2024年", "increase"),
        ("2,304.75", "23047500", "CNY", "卫生健康支出", "2024年", None),
        ("0.0", "0", "%", "卫生健康支出比上年增长", "2024年", "increase"),
    ]
    assert find_tables(BUDGET_MONEY_HEAD)[0].columns[1].unit_text == "万元"


# --------------------------------------------------------------------------- quarterly indicators

QUARTERLY = """\
　　一季度全市经济开局良好。
2023年一季度主要经济指标
指标 | 本期 | 比上年同期增长%
地区生产总值（亿元） | 1,234.56 | 4.6
规模以上工业增加值 | — | 5.1
固定资产投资 | — | -2.3
社会消费品零售总额（亿元） | 567.8 | 6.2
居民人均可支配收入（元） | 12,345 | 5.0
城镇化率（%） | 58.2 | …
"""


def test_quarterly_table_units_in_row_labels() -> None:
    assert _rows(QUARTERLY) == [
        ("1,234.56", "123456000000", "CNY", "地区生产总值", "2023年一季度", None),
        ("4.6", "4.6", "%", "地区生产总值比上年同期增长", "2023年一季度", "increase"),
        ("5.1", "5.1", "%", "规模以上工业增加值比上年同期增长", "2023年一季度", "increase"),
        ("-2.3", "-2.3", "%", "固定资产投资比上年同期增长", "2023年一季度", "increase"),
        ("567.8", "56780000000", "CNY", "社会消费品零售总额", "2023年一季度", None),
        ("6.2", "6.2", "%", "社会消费品零售总额比上年同期增长", "2023年一季度", "increase"),
        ("12,345", "12345", "CNY", "居民人均可支配收入", "2023年一季度", None),
        ("5.0", "5", "%", "居民人均可支配收入比上年同期增长", "2023年一季度", "increase"),
        ("58.2", "58.2", "%", "城镇化率", "2023年一季度", None),
    ]
    table = find_tables(QUARTERLY)[0]
    assert [c.period_text for c in table.columns] == [None, "本期", None]  # 比上年同期 is a base
    assert table.columns[2].measure == "增长" and table.columns[2].unit_text == "%"


def test_row_label_unit_does_not_override_a_percent_column() -> None:
    rows = _rows(QUARTERLY)
    assert all(unit == "%" for _, _, unit, metric, _, _ in rows if metric.endswith("增长"))


# --------------------------------------------------------------------------- prices

PRICES_BORDERED = """\
本周主要农副产品价格监测
| 类别 | 品种 | 等级规格 | 计量单位 | 价格（元） |
| --- | --- | --- | --- | --- |
| 粮油类 | 粳米 | 一级 | 元/500克 | 3.15 |
| | 花生油 | 5升桶装 | 元/桶 | 86.50 |
| | | 非转基因 | | 92.00 |
| 肉禽类 | 猪肉 | 精瘦肉 | 元/500克 | 15.80 |
| | 鸡蛋 | 散装 | 元/500克 | 5.60 |
| 能源类 | 居民用电 | | 元/千瓦时 | 0.56 |
"""

PRICES_LOOSE = """\
县城主要商品零售价格
类别 | 品种 | 等级规格 | 计量单位 | 价格（元）
粮油类 | 粳米 | 一级 | 元/500克 | 3.15
 | 花生油 | 5升桶装 | 元/桶 | 86.50
| | 挂面 | 散装 | 元/500克 | 4.20
肉禽类 | 猪肉 | 精瘦肉 | 元/500克 | 15.80
县发改委价格监测中心 |  |  |  | 2023.11.3
"""


def test_price_table_with_merged_first_cells() -> None:
    tables = find_tables(PRICES_BORDERED)
    assert len(tables) == 1
    table = tables[0]
    assert table.row_label_column == 1
    assert table.unit_column == 3
    assert table.caption is not None and table.caption.text == "本周主要农副产品价格监测"
    readings = read_table(table)
    got = [(r.figure.text, r.figure.value, r.figure.unit, r.figure.per, r.metric, r.per_text)
           for r in readings]
    assert got == [
        ("3.15", Decimal("3.15"), "CNY", None, "粳米价格", "500克"),
        ("86.50", Decimal("86.5"), "CNY", "桶", "花生油价格", "桶"),
        ("92.00", Decimal("92"), "CNY", "桶", "花生油价格", "桶"),  # merged: the row above's
        ("15.80", Decimal("15.8"), "CNY", None, "猪肉价格", "500克"),
        ("5.60", Decimal("5.6"), "CNY", None, "鸡蛋价格", "500克"),
        ("0.56", Decimal("0.56"), "CNY", "kWh", "居民用电价格", "千瓦时"),
    ]
    _check(PRICES_BORDERED, tables)


def test_price_table_without_border_pipes() -> None:
    tables = find_tables(PRICES_LOOSE)
    assert len(tables) == 1
    table = tables[0]
    assert all(len(row) == 5 for row in table.rows)
    assert [r[1].text for r in table.rows] == ["粳米", "花生油", "挂面", "猪肉"]
    assert "发改委" not in PRICES_LOOSE[table.start:table.end]  # the sign-off row is no body row
    assert [(m, v) for _, v, _, m, _, _ in _rows(PRICES_LOOSE)] == [
        ("粳米价格", "3.15"), ("花生油价格", "86.5"), ("挂面价格", "4.2"), ("猪肉价格", "15.8")]


# --------------------------------------------------------------------------- other layouts

SPACER_COLUMNS = """\
2023年主要农产品产量
作物名称 | 产量（万吨） | 同比增长（±%）
粮　食 | 512.4 |  | 3.1 |
#稻 谷 | 88.0 |  | -0.7 |
油 料 | 12.6 |  | 持平 |
"""


def test_header_skipping_the_spacer_columns_of_the_body() -> None:
    table = find_tables(SPACER_COLUMNS)[0]
    assert [c.head for c in table.columns] == ["作物名称", "产量（万吨）", "同比增长（±%）"]
    assert _rows(SPACER_COLUMNS) == [
        ("512.4", "5124000", "t", "粮食", "2023年", None),
        ("3.1", "3.1", "%", "粮食同比增长", "2023年", "increase"),
        ("88.0", "880000", "t", "稻谷", "2023年", None),
        ("-0.7", "-0.7", "%", "稻谷同比增长", "2023年", "increase"),
        ("12.6", "126000", "t", "油料", "2023年", None),
    ]


TWO_HEADER_ROWS = """\
（单位：亿元）
| 指标 | 2022年 | | 2023年 | |
|---|---|---|---|---|
| | 绝对数 | 增长% | 绝对数 | 增长% |
| 地区生产总值 | 2,980.1 | 3.5 | 3,150.7 | 5.2 |
| 第二产业增加值 | 1,210.0 | 2.9 | 1,266.3 | 4.1 |
"""


def test_merged_period_over_two_header_rows() -> None:
    table = find_tables(TWO_HEADER_ROWS)[0]
    assert table.unit_text == "亿元"
    assert [c.period_text for c in table.columns] == [None, "2022年", "2022年", "2023年", "2023年"]
    rows = _rows(TWO_HEADER_ROWS)
    assert rows[:4] == [
        ("2,980.1", "298010000000", "CNY", "地区生产总值", "2022年", None),
        ("3.5", "3.5", "%", "地区生产总值增长", "2022年", "increase"),
        ("3,150.7", "315070000000", "CNY", "地区生产总值", "2023年", None),
        ("5.2", "5.2", "%", "地区生产总值增长", "2023年", "increase"),
    ]


YEAR_HEADS = """\
单位:万户
指标        2021        2022
市场主体    56.2        61.9
  企业      18.4        20.3
"""


def test_bare_years_as_column_heads() -> None:
    table = find_tables(YEAR_HEADS)[0]
    assert [c.period_text for c in table.columns] == [None, "2021", "2022"]
    assert _rows(YEAR_HEADS) == [
        ("56.2", "562000", "household", "市场主体", "2021", None),
        ("61.9", "619000", "household", "市场主体", "2022", None),
        ("18.4", "184000", "household", "企业", "2021", None),
        ("20.3", "203000", "household", "企业", "2022", None),
    ]


def test_caption_with_its_unit_and_month_periods() -> None:
    text = ("表3 2023年1-6月外贸进出口情况（单位：亿元）\n"
            "指标\t1-6月\t同比增长（%）\n"
            "进出口总额\t1,520.3\t6.8\n"
            "  出口\t980.6\t9.1\n"
            "  进口\t539.7\t2.7\n")
    table = find_tables(text)[0]
    assert table.caption is not None and table.caption.text == "表3 2023年1-6月外贸进出口情况"
    assert table.unit_text == "亿元"
    rows = _rows(text)
    assert rows[0] == ("1,520.3", "152030000000", "CNY", "进出口总额", "2023年1-6月", None)
    assert rows[1] == ("6.8", "6.8", "%", "进出口总额同比增长", "2023年1-6月", "increase")


def test_group_label_rows_inside_a_whitespace_table() -> None:
    text = ("指标名称            本期      增长%\n"
            "期末存栏\n"
            "生猪（万头）        35.2       4.1\n"
            "牛（万头）           6.8      -2.0\n"
            "全年出栏\n"
            "生猪（万头）        52.9       3.3\n")
    tables = find_tables(text)
    assert len(tables) == 1
    assert len(tables[0].rows) == 5
    assert [(v, u, m) for _, v, u, m, _, _ in _rows(text)] == [
        ("352000", "头", "生猪"), ("4.1", "%", "生猪增长"),
        ("68000", "头", "牛"), ("-2", "%", "牛增长"),
        ("529000", "头", "生猪"), ("3.3", "%", "生猪增长"),
    ]


TIME_SERIES = """\
表4 2019-2023年全市地区生产总值
单位：亿元
年份        地区生产总值      比上年增长（%）
2021年        2,650.2            7.9
2022年        2,801.5            3.6
2023年        2,987.0            5.3
"""


def test_rows_that_are_years_take_the_metric_from_the_head() -> None:
    rows = _rows(TIME_SERIES)
    assert rows[:2] == [
        ("2,650.2", "265020000000", "CNY", "地区生产总值", "2021年", None),
        ("7.9", "7.9", "%", "地区生产总值比上年增长", "2021年", "increase"),
    ]
    assert [period for _, _, _, _, period, _ in rows] == ["2021年"] * 2 + ["2022年"] * 2 + \
        ["2023年"] * 2


PLACES_SPACES = """\
表5 2023年分县区常住人口
                      年末常住人口（万人）
全市                       456.7
东城区                     120.3
城关镇                      28.4
"""

PLACES_PIPES = """\
| 表2 2023年各县区财政收入 | | |
| 单位：万元 | | |
| 县区 | 一般公共预算收入 | 增长% |
|---|---|---|
| 全市 | 1,203,456 | 5.6 |
| 城关区 | 305,120 | 7.1 |
| 平安县 | 98,760 | -3.4 |
"""


def test_rows_that_are_places_take_the_metric_from_the_head() -> None:
    table = find_tables(PLACES_SPACES)[0]
    assert table.caption is not None and table.caption.text == "表5 2023年分县区常住人口"
    assert [c.head for c in table.columns] == ["", "年末常住人口（万人）"]
    readings = read_table(table)
    assert [(r.figure.value, r.figure.unit, r.metric, r.place_text, r.period_text)
            for r in readings] == [
        (Decimal("4567000"), "person", "常住人口", "全市", "2023年末"),
        (Decimal("1203000"), "person", "常住人口", "东城区", "2023年末"),
        (Decimal("284000"), "person", "常住人口", "城关镇", "2023年末"),
    ]


def test_caption_and_unit_in_single_cell_pipe_rows() -> None:
    table = find_tables(PLACES_PIPES)[0]
    assert table.start == 0 and table.caption is not None
    assert table.caption.text == "表2 2023年各县区财政收入"
    assert table.unit_text == "万元"
    readings = read_table(table)
    assert [(r.figure.text, r.metric, r.place_text, r.change) for r in readings[:2]] == [
        ("1,203,456", "一般公共预算收入", "全市", None),
        ("5.6", "一般公共预算收入增长", "全市", "increase"),
    ]
    assert readings[0].figure.value == Decimal("12034560000")


# --------------------------------------------------------------------------- number forms


def test_number_forms_in_cells() -> None:
    text = ("单位：万元\n"
            "项目 | 金额 | 备注\n"
            "甲项 | －７．４ | —\n"
            "乙项 | 1,234.5 | …\n"
            "丙项 | 3.2万人 | -\n"
            "丁项 | 58% | \n"
            "戊项 | 2亿 | \n")
    assert _rows(text) == [
        ("－７．４", "-74000", "CNY", "甲项", None, None),
        ("1,234.5", "12345000", "CNY", "乙项", None, None),
        ("3.2万人", "32000", "person", "丙项", None, None),
        ("58%", "58", "%", "丁项", None, None),
        ("2亿", "2000000000000", "CNY", "戊项", None, None),
    ]


def test_serial_number_column_is_not_read() -> None:
    text = ("金额单位：万元\n"
            "序号 | 项目名称 | 总投资\n"
            "1 | 城区污水管网改造 | 3,600\n"
            "2 | 乡村道路提升 | 2,150\n"
            "3 | 学校校舍加固 | 980\n")
    table = find_tables(text)[0]
    assert table.row_label_column == 1
    assert [(v, m) for _, v, _, m, _, _ in _rows(text)] == [
        ("36000000", "城区污水管网改造"), ("21500000", "乡村道路提升"), ("9800000", "学校校舍加固")]


def test_custom_lexicon_is_used() -> None:
    table = find_tables(QUARTERLY)[0]
    assert [_row(r) for r in read_table(table, lexicon())] == [
        _row(r) for r in read_table(table)]


# ------------------------------------------- single-space rows under stacked column heads

#: A Legislative Council annex as PDF text: column heads stand one under
#: another, each closed by its unit line; body cells are separated by single
#: spaces; (1.7) is an accounting negative, (1) and (2) footnote markers,
#: 不適用 an empty cell, and the last row label is broken over two lines.
STACKED_TRADITIONAL = """\
附件

主要財政數據 (2018年至 2021年 6月底 )

年份
公共財政
總收入
(億港元 )
公共開支
(億港元 )

經濟
增長率
(%)
財政儲備
結餘 (1)
(億港元 )
2018年  5,993 5,234 3.8 11,609
2019年  6,263 5,846  (1.7) 11,703
2020年  5,963 8,086 (6.5) 9,026
2021年
6月
2,871 3,123 不適用 (2) 8,745

註：
(1) 包括土地基金。
"""

#: The same layout in simplified script, with full-width unit lines, a dash and
#: n.a. for empty cells, and a row label whose start stands alone above it.
STACKED_SIMPLIFIED = """\
三、财政收支
表3 2019—2023年全县财政收支情况
年度
一般公共
预算收入
（万元）
一般公共
预算支出
（万元）
收支
差额
（万元）
2019年 85,632 210,455 -124,823
2020年 80,117 235,760 (155,643)
2021年 91,204 241,308 —
2022年 96,850 248,912 n.a.
2023年
1-9月 72,310 180,144 -107,834
全年财政运行总体平稳。
"""


def test_stacked_heads_and_single_space_rows_in_traditional_script() -> None:
    tables = find_tables(STACKED_TRADITIONAL)
    assert len(tables) == 1
    table = tables[0]
    assert table.caption is not None and table.caption.text.startswith("主要財政數據")
    assert [c.head for c in table.columns] == [
        "年份", "公共財政總收入(億港元)", "公共開支(億港元)", "經濟增長率(%)",
        "財政儲備結餘(億港元)"]
    assert [r[0].text for r in table.rows] == ["2018年", "2019年", "2020年", "2021年\n6月"]
    assert table.end == STACKED_TRADITIONAL.index("8,745") + len("8,745")
    rows = _rows(STACKED_TRADITIONAL)
    assert rows[:4] == [
        ("5,993", "599300000000", "HKD", "公共財政總收入", "2018年", None),
        ("5,234", "523400000000", "HKD", "公共開支", "2018年", None),
        ("3.8", "3.8", "%", "經濟增長率", "2018年", "increase"),
        ("11,609", "1160900000000", "HKD", "財政儲備結餘", "2018年", None),
    ]
    assert ("(1.7)", "-1.7", "%", "經濟增長率", "2019年", "increase") in rows
    assert rows[-3:] == [  # 不適用 (2): no figure, and (2) is no cell of its own
        ("2,871", "287100000000", "HKD", "公共財政總收入", "2021年6月", None),
        ("3,123", "312300000000", "HKD", "公共開支", "2021年6月", None),
        ("8,745", "874500000000", "HKD", "財政儲備結餘", "2021年6月", None),
    ]
    assert len(rows) == 15


def test_stacked_heads_and_single_space_rows_in_simplified_script() -> None:
    table = find_tables(STACKED_SIMPLIFIED)[0]
    assert table.caption is not None and table.caption.text == "表3 2019—2023年全县财政收支情况"
    assert [c.head for c in table.columns] == [
        "年度", "一般公共预算收入（万元）", "一般公共预算支出（万元）", "收支差额（万元）"]
    rows = _rows(STACKED_SIMPLIFIED)
    assert [(text, metric, period) for text, _, _, metric, period, _ in rows
            if metric == "收支差额"] == [
        ("-124,823", "收支差额", "2019年"), ("(155,643)", "收支差额", "2020年"),
        ("-107,834", "收支差额", "2023年1-9月")]
    assert ("72,310", "723100000", "CNY", "一般公共预算收入", "2023年1-9月", None) in rows
    assert len(rows) == 13  # — and n.a. are empty cells


def test_stacked_heads_without_unit_lines_one_line_each() -> None:
    text = ("2023年分区主要指标\n单位：亿元\n项目\n地区生产总值\n第一产业\n第二产业\n"
            "全市 3,456.7 234.5 1,234.5\n东城区 1,200.3 20.1 500.2\n西城区 980.4 - 410.6\n")
    table = find_tables(text)[0]
    assert table.start == 0 and table.unit_text == "亿元"
    assert [c.head for c in table.columns] == ["项目", "地区生产总值", "第一产业", "第二产业"]
    readings = read_table(table)
    assert [(r.figure.text, r.metric, r.place_text) for r in readings[:3]] == [
        ("3,456.7", "地区生产总值", "全市"), ("234.5", "第一产业", "全市"),
        ("1,234.5", "第二产业", "全市")]
    assert len(readings) == 8


def test_stacked_heads_that_do_not_fit_the_columns_are_not_read() -> None:
    text = ("年份\n一般公共\n预算收入\n（万元）\n一般公共预算支出\n（万元）\n增长（%）\n"
            "2021年 85,632 210,455 3.1 2.2\n2022年 80,117 235,760 4.5 1.1\n")
    table = find_tables(text)[0]  # three heads over four value columns: no heads at all
    assert table.header_rows == () and table.caption is None
    assert table.start == text.index("2021年")
    assert read_table(table) == []


def test_footnote_marker_or_negative_is_decided_by_the_row_width() -> None:
    text = ("单位：万元\n"
            "项目 | 本年 | 上年\n"
            "甲项 | 1,234 | 1,100\n"
            "乙项 | (12) | 30\n")
    assert [(t, v) for t, v, _, _, _, _ in _rows(text)] == [
        ("1,234", "12340000"), ("1,100", "11000000"), ("(12)", "-120000"), ("30", "300000")]
    spaced = ("单位：万元\n项目\n本年\n上年\n"
              "甲项 1,234 1,100\n乙项 (2) 56 30\n丙项 (12) 40\n")
    assert [(t, v, m) for t, v, _, m, _, _ in _rows(spaced)] == [
        ("1,234", "12340000", "甲项"), ("1,100", "11000000", "甲项"),
        ("56", "560000", "乙项"), ("30", "300000", "乙项"),  # 乙项 (2): a marker
        ("(12)", "-120000", "丙项"), ("40", "400000", "丙项")]


def test_a_broken_row_label_that_cannot_be_joined_is_skipped() -> None:
    text = ("年份\n收入\n（万元）\n支出\n（万元）\n"
            "2021年 1,200 1,100\n2022年 1,300 1,250\n"
            "2023年 1,400\n2024年 1,500 1,450\n")
    table = find_tables(text)[0]
    assert [r[0].text for r in table.rows] == ["2021年", "2022年", "2024年"]
    assert {r.period_text for r in read_table(table)} == {"2021年", "2022年", "2024年"}


#: Running prose from a PDF, with digit groups separated by spaces (15 000) and
#: lines that end in numbers: no table, and the clean text still reads 15 000.
PROSE_SPACED_NUMBERS = """\
　　2022年，全港共有 15 000 名學生獲資助，
涉及開支 3 200 萬元，較上年增加 1 200
萬元。政府預計 2023年 受惠學生將達 16 500
人，開支 3 600 萬元。各區新增資助宿位分別為 1 200
800 及 650 個。
本年度新建公屋單位 12 000 3 500
居屋單位 3 500
"""


def test_prose_with_spaced_numbers_is_no_table() -> None:
    assert find_tables(PROSE_SPACED_NUMBERS) == []
    from zhfacts.numbers.figures import figures

    read = {(f.text, str(f.value)) for f in figures(PROSE_SPACED_NUMBERS)}
    assert {("15 000 名", "15000"), ("3 200 萬元", "32000000"), ("16 500\n人", "16500")} <= read


def test_single_space_tables_in_a_long_document_are_found_in_linear_time() -> None:
    prose = "　　全年全市地区生产总值3456.7亿元，比上年增长4.5%。其中，第一产业增加值234.5亿元。\n"
    block = prose * 95 + STACKED_SIMPLIFIED
    text = block * (100_000 // block.count("\n"))
    began = time.perf_counter()
    tables = find_tables(text)
    readings = sum(len(read_table(t)) for t in tables)
    assert time.perf_counter() - began < 10
    assert len(tables) == 100_000 // block.count("\n")
    assert readings == 13 * len(tables)


_STACKED_ALPHABET = st.sampled_from(list(" \n(（)）-—,.0123456789年月") + [
    "2012年", "10月", "(2)", "(750)", "不適用", "n.a.", "(億港元 )", "(%)", "（万元）", "曆年",
    "总资产", "6,367 ", " 2,376", "[1]", "*", "表1 ", "。", "，", "单位：万元"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_STACKED_ALPHABET, max_size=120).map("".join))
def test_single_space_tables_never_raise_and_offsets_slice_back(text: str) -> None:
    _check(text, find_tables(text))


# --------------------------------------------------------------------------- not tables

PROSE_DOUBLE_SPACES = """\
　　2022年，全市经济运行稳中有进。全年地区生产总值  3456.7亿元，比上年增长  4.5%。
　　全年规模以上工业增加值增长  6.1%，其中  制造业增长  7.0%。
　　全年一般公共预算收入  210.3亿元，增长  5.5%。
"""

PROSE_BROKEN_LINES = """\
全市实现地区生产总值  2345.6亿元  比上年增长  4.5%
居民人均可支配收入  35678元  增长  5.1%
城镇新增就业  3.2万人  完成目标  106%
"""

HEADINGS = """\
一、综合
二、农业
三、工业和建筑业
四、固定资产投资
五、国内贸易
"""

HEADINGS_SPREAD = """\
一、综合    二、农业    三、工业
四、投资    五、贸易    六、金融
"""

ONE_PIPE_LINE = "记者 | 王立新  通讯员 | 2023年3月5日 全市新增就业1.2万人\n"

PIPES_IN_PROSE = """\
本报讯 | 今年以来，全市共发放创业担保贷款3.5亿元。
编辑 | 李华
"""


@pytest.mark.parametrize("text", [PROSE_DOUBLE_SPACES, PROSE_BROKEN_LINES, HEADINGS,
                                  HEADINGS_SPREAD, ONE_PIPE_LINE, PIPES_IN_PROSE],
                         ids=["prose", "broken-prose", "headings", "headings-spread",
                              "one-pipe-line", "pipes-in-prose"])
def test_prose_is_no_table(text: str) -> None:
    assert find_tables(text) == []


def test_one_body_row_is_no_table() -> None:
    assert find_tables("指标 | 本期 | 增长%\n地区生产总值（亿元） | 1,234.5 | 4.6\n") == []


def test_numbers_without_any_unit_are_no_figures() -> None:
    text = ("组别        甲组      乙组\n"
            "第一批       12        15\n"
            "第二批       13        17\n")
    tables = find_tables(text)
    assert len(tables) == 1
    assert read_table(tables[0]) == []


def test_empty_and_blank_text() -> None:
    assert find_tables("") == []
    assert find_tables("\n\n   \n") == []


# --------------------------------------------------------------------------- properties


def test_tables_in_a_long_document_are_found_in_linear_time() -> None:
    prose = "　　全年全市地区生产总值3456.7亿元，比上年增长4.5%。其中，第一产业增加值234.5亿元。\n"
    block = prose * 95 + QUARTERLY
    text = block * (100_000 // block.count("\n"))
    assert text.count("\n") >= 99_000
    began = time.perf_counter()
    tables = find_tables(text)
    readings = sum(len(read_table(t)) for t in tables)
    assert time.perf_counter() - began < 10
    assert len(tables) == 100_000 // block.count("\n")
    assert readings == 9 * len(tables)


_ALPHABET = st.sampled_from(list(
    "|｜ \t\u3000\n\r-—…,.．%％()（）:：0123456789０１２万亿元人吨户表1指标增长比重年月本期"
    "单位其中#、。，") + ["  ", " | ", "单位：万元", "比上年增长%", "2022年", "\n表1 "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_never_raises_and_offsets_slice_back(text: str) -> None:
    _check(text, find_tables(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    _check(text, find_tables(text))


DEPOSITS = """\
2023年末全县金融机构存贷款
单位：亿元
指 标 | 12月末 | 比年初增加额
金融机构存款余额 | 520.4 | 48.2
住户存款 | 390.1 | 41.5
"""


def test_a_change_since_the_years_start_is_of_the_captions_year() -> None:
    # 比年初增加额 beside a month-end: the change over 2023, the stock at its December's end
    assert [(row[3], row[4]) for row in _rows(DEPOSITS)] == [
        ("金融机构存款余额", "2023年12月末"), ("金融机构存款余额比年初增加额", "2023年"),
        ("住户存款", "2023年12月末"), ("住户存款比年初增加额", "2023年")]
