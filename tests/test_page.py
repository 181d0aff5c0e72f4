"""The Page: one reading of a document that every stage shares.

Layout tests use pages written here in the layouts PDF extraction produces
(footnote markers and page numbers on lines of their own, running heads
repeated on every page, headings without a full stop); none is copied from
a real document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import zhfacts
from zhfacts.page.context import DocumentContext
from zhfacts.page.layout import read_layout
from zhfacts.numbers.numerals import canonical
from zhfacts.page.page import build_page
from zhfacts.results import Figure

CORPORA = Path(__file__).resolve().parent.parent / "corpora"

# A statistical bulletin as pdftotext gives it: a running head and a page
# number at each page break, a footnote marker on its own line inside a
# sentence, a section number on its own line, numbered headings.
BULLETIN = (
    "某某省2022年国民经济和社会发展统计公报\n"
    "\n"
    "一、综合\n"
    "全年全省地区生产总值32074.7亿元，比上年增长4.7%。年末全省常住人口\n"
    "1\n"
    "4527.98 万人，比上年末减少0.14万人。\n"
    "某某省统计局 2023年3月\n"
    "— 3 —\n"
    "\n"
    "全年出生人口28.62万人，出生率为6.32‰。全年城镇新增就业\n"
    "某某省统计局 2023年3月\n"
    "4\n"
    "44.5万人。\n"
    "2\n"
    "1 人口特征\n"
    "年末60周岁及以上人口1034.5万人。\n"
    "十一、人民生活和社会保障\n"
    "全年城镇居民人均可支配收入45554元，比上年增长4.5%。\n"
    "某某省统计局 2023年3月\n"
    "— 5 —\n"
)


def _figures(text: str) -> list[tuple[str, str]]:
    return [(f.text, canonical(f.value)) for f in zhfacts.figures(text, date="2023-03")
            if isinstance(f, Figure) and f.value is not None]


def test_no_figure_takes_a_digit_from_furniture() -> None:
    found = _figures(BULLETIN)
    assert ("4527.98 万人", "45279800") in found  # not 14527.98万 (footnote marker 1)
    assert ("44.5万人", "445000") in found  # not 444.5万 (page number 4)
    values = [value for _, value in found]
    assert "21" not in values and "1" not in values  # 2 (page) and 1 (section number)
    assert ("32074.7亿元", "3207470000000") in found


def test_furniture_kinds() -> None:
    layout = read_layout(BULLETIN)
    kinds = {(BULLETIN[f.start:f.end].strip(), f.kind) for f in layout.furniture}
    assert ("1", "footnote_marker") in kinds
    assert ("— 3 —", "page_number") in kinds
    assert ("某某省统计局 2023年3月", "running_head") in kinds
    assert ("2", "footnote_marker") in kinds


def test_a_running_head_has_its_date_and_dates_no_sentence() -> None:
    record = zhfacts.extract(BULLETIN, date="2023-03", place="河南省")
    heads = [e for e in record["entities"] if e["label"] == "DATE" and e["text"] == "2023年3月"]
    assert len(heads) == 3  # decision 29: page-header dates are DATE entities
    assert all(BULLETIN[e["start"]:e["end"]] == "2023年3月" for e in heads)
    facts = {f["metric"]: f["time"] for f in record["facts"]}
    assert facts["出生人口"] == "2022"  # the sentence runs on across the head


def test_a_heading_never_runs_into_the_sentence_after_it() -> None:
    record = zhfacts.extract(BULLETIN, date="2023-03", place="河南省")
    metrics = {fact["metric"] for fact in record["facts"]}
    assert "城镇居民人均可支配收入" in metrics
    assert not any("社会保障" in metric or "人口特征" in metric for metric in metrics)
    # The sentence goes on across the footnote marker: the figure has its metric.
    assert any(fact["metric"].endswith("常住人口") and fact["value"] == "45279800"
               for fact in record["facts"])


def test_headings_and_sections() -> None:
    page = build_page(BULLETIN)
    headings = [(BULLETIN[h.start:h.end], h.level, h.kind) for h in page.headings]
    assert ("一、综合", 1, "numbered") in headings
    assert ("1 人口特征", 3, "numbered") in headings
    assert ("十一、人民生活和社会保障", 1, "numbered") in headings
    assert headings[0][2] == "title"  # the bulletin's title line
    last = page.sections[-1]
    assert BULLETIN[last.heading.start:last.heading.end] == "十一、人民生活和社会保障"
    assert last.end == len(BULLETIN)


def test_the_clean_text_keeps_block_breaks_and_drops_numbers_of_headings() -> None:
    page = build_page("一、综合\n全年地区生产总值100亿元。\n\n二、人口\n年末常住人口\n50万人。")
    assert page.clean.text == "综合\n全年地区生产总值100亿元。\n人口\n年末常住人口50万人。"
    for index in range(len(page.clean.text)):  # every clean character maps back
        original = page.clean.to_original(index)
        assert page.original[original] in (page.clean.text[index], "\n")


@pytest.mark.parametrize("text", [
    "全市共有\n3、4号楼两栋住宅。",  # a wrapped line starting with 3、 is no list item
    "其中一、二季度增长较快，全年增长5%。",
    "截至年底，全市共有\n12 个社区。",
])
def test_numbers_that_are_not_headings_stay(text: str) -> None:
    assert build_page(text).headings == ()
    assert build_page(text).layout.markers == ()


def test_sentences_are_defined_once_and_verbatim() -> None:
    page = build_page(BULLETIN)
    for sentence in page.sentences:
        verbatim = page.sentence_text(sentence)
        assert verbatim == BULLETIN[sentence.start:sentence.end]
        assert verbatim.strip() == verbatim


@pytest.mark.parametrize("path", sorted(CORPORA.glob("*.jsonl")), ids=lambda p: p.stem)
def test_every_fact_sentence_is_the_source_text(path: Path) -> None:
    gold = json.loads(path.read_text("utf-8").splitlines()[0])
    text = gold["text"]
    context = gold.get("context") or {}
    record = zhfacts.extract(text, date=context.get("date"), place=context.get("place"))
    assert record["facts"]
    for fact in record["facts"]:
        assert fact["sentence"] == text[fact["sentence_start"]:fact["sentence_end"]]
        assert fact["sentence_start"] <= fact["start"] and fact["end"] <= fact["sentence_end"]


CONTEXT_TEXT = "全市地区生产总值增长8.5%。市民政局发放资金8.9亿元，其中城市低保1.9万人。"


def _facts_with(configure: str) -> list[dict[str, object]]:
    nlp = spacy.blank("zh")
    config = {"date": "2023-03", "place": "商丘市"}
    nlp.add_pipe("zhfacts_entities", config={"model": False})
    nlp.add_pipe("zhfacts_figures", config=config if configure == "figures" else {})
    nlp.add_pipe("zhfacts_facts", config=config if configure == "facts" else {})
    doc = nlp.make_doc(CONTEXT_TEXT)
    if configure == "doc":
        doc._.date, doc._.place = config["date"], config["place"]
    facts: list[dict[str, object]] = nlp(doc)._.facts
    return facts


def test_the_context_reaches_every_stage_however_it_is_given() -> None:
    through_api = zhfacts.extract(CONTEXT_TEXT, date="2023-03", place="商丘市",
                                  nlp=_model_free_pipeline())["facts"]
    assert through_api and all(f["time"] == "2023" or f["time"] == "2023-03"
                               for f in through_api)
    assert all(f["place"] == "商丘市" for f in through_api)
    for way in ("figures", "facts", "doc"):
        assert _facts_with(way) == through_api, way


def _model_free_pipeline() -> spacy.language.Language:
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhfacts_entities", config={"model": False})
    nlp.add_pipe("zhfacts_figures")
    nlp.add_pipe("zhfacts_facts")
    return nlp


def test_the_page_rides_on_the_doc_and_survives_serialization() -> None:
    nlp = _model_free_pipeline()
    doc = nlp.make_doc(CONTEXT_TEXT)
    doc._.place = "商丘市"
    doc = nlp(doc)
    page = doc._.page
    assert page.original == CONTEXT_TEXT and page.context.place == "商丘市"
    assert doc._.page is page  # built once
    restored = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.page.original == CONTEXT_TEXT
    assert restored._.page.context.place == "商丘市"  # the context, not the page, is kept
    assert restored._.facts == doc._.facts


def test_a_configured_context_survives_serialization() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhfacts_entities", config={"model": False})
    nlp.add_pipe("zhfacts_figures", config={"date": "2023-03-05", "place": "商丘市"})
    nlp.add_pipe("zhfacts_facts")
    doc = nlp(CONTEXT_TEXT)
    restored = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.page.context == DocumentContext.of("2023-03-05", "商丘市")


def test_context_merging() -> None:
    given = DocumentContext.of("2023-03", None)
    assert given.or_else(DocumentContext.of("2022", "商丘市")) == DocumentContext.of(
        "2023-03", "商丘市")


# Tables through the whole pipeline: every number cell is a figure with the
# unit its header gives and a fact whose metric is its row (and measure
# column), dated by its column or caption. Written here in bulletin layouts.
POPULATION_TABLE = """本报讯 下表为全省人口数据。

表1  2022年末人口数及其构成
单位：万人
| 指标 | 年末数 | 比重（%） |
|---|---|---|
| 全省常住人口 | 4527.98 | 100.0 |
| 0-15岁 | 987.45 | 21.8 |
| 60周岁及以上 | 762.41 | 16.8 |
"""
BUDGET_TABLE = """某县2023年一般公共预算收支执行情况表
项目              预算数（万元）    执行数（万元）    完成预算%
一般公共预算收入    125000            131250            105.0
  税收收入          86000             88320             102.7
"""
QUARTER_TABLE = """2023年一季度主要经济指标
指标\t本期\t比上年同期增长%
地区生产总值（亿元）\t412.36\t4.8
规模以上工业增加值\t—\t5.6
"""


def _table_facts(text: str) -> list[tuple[object, ...]]:
    record = zhfacts.extract(text, date="2023-04", place="商丘市")
    for fact in record["facts"]:
        assert text[fact["start"]:fact["end"]] in fact["sentence"]
        assert fact["sentence"] == text[fact["sentence_start"]:fact["sentence_end"]]
    return [(f["metric"], f["value"], f["unit"], f["time"], f["change"])
            for f in record["facts"]]


def test_a_population_table_with_a_unit_line() -> None:
    facts = _table_facts(POPULATION_TABLE)
    assert ("全省常住人口", "45279800", "person", "2022", None) in facts
    assert ("0-15岁人口数", "9874500", "person", "2022", None) in facts
    assert ("60周岁及以上人口数比重", "16.8", "%", "2022", None) in facts
    assert len(facts) == 6


def test_a_budget_table_with_wan_yuan_in_the_column_heads() -> None:
    facts = _table_facts(BUDGET_TABLE)
    assert ("一般公共预算收入预算数", "1250000000", "CNY", "2023", None) in facts
    assert ("税收收入执行数", "883200000", "CNY", "2023", None) in facts
    assert ("税收收入完成预算", "102.7", "%", "2023", None) in facts
    assert len(facts) == 6


def test_a_quarterly_table_with_this_period_and_growth_columns() -> None:
    facts = _table_facts(QUARTER_TABLE)
    assert facts == [
        ("地区生产总值", "41236000000", "CNY", "2023-Q1", None),
        ("地区生产总值比上年同期增长", "4.8", "%", "2023-Q1", "increase"),
        ("规模以上工业增加值比上年同期增长", "5.6", "%", "2023-Q1", "increase"),
    ]


def test_table_cells_are_figures_that_trace_back() -> None:
    for text in (POPULATION_TABLE, BUDGET_TABLE, QUARTER_TABLE):
        found = [f for f in zhfacts.figures(text) if isinstance(f, Figure)]
        assert found
        for figure in found:
            assert text[figure.start:figure.end] == figure.text
            assert figure.text.replace(".", "").isdigit()  # the cell's number as written


def test_a_web_pages_header_lines_are_blocks_of_their_own() -> None:
    import zhfacts

    # A web page (one paragraph per line): the title and the publication line do not run
    # into the first paragraph, whose year governs its figures (2011-04-02 | 2010年 once
    # read 2011-04-022010年); the date published frames nothing.
    body = "2010年全区累计执行政府采购预算295.25亿元，实际采购规模263.36亿元，" + "比上年增长49.89%，" * 4
    text = f"全区去年政府采购规模263亿多\n发布时间：2011-04-02\n{body}\n其中本级采购规模58.18亿元。"
    facts = zhfacts.extract(text, "2011-04-02")["facts"]
    assert {f["time"] for f in facts} == {"2010"}
    dated = "某市首季采购节约资金1.58亿元\n2011年04月13\n一季度，某市采购节约资金1.58亿元。" + "采购规模扩大，" * 12
    assert {f["time"] for f in zhfacts.extract(dated, "2011-04-13")["facts"]} == {"2011-Q1"}


def test_a_line_ending_a_quoted_sentence_ends_its_paragraph() -> None:
    # web text, one paragraph per line: 。” ends the paragraph as 。 does
    text = ("烟台前3月县市区采购“全面开花”\n"
            "记者从采购办了解到，作为2011年工作重点之一，今年该市将向辖区内各县市区全面推进政府采购模式。"
            "采购办相关工作人员表示，“2011年，我们将进一步加大力度，继续从运行模式、实务操作、"
            "制度建设等方面加强对县区工作的指导，促进全市政府采购协调发展。”\n"
            "记者注意到，一季度该市采购额超过2亿元的县区有3个，占全市采购额的60.06%。"
            "其中仅高新区就完成采购额7.84亿元，占比34%。龙口、牟平的采购规模分别为3.26亿元和2.63亿元。\n")
    page = build_page(text, DocumentContext.of("2011-04-22"))
    starts = sorted({s.paragraph_start for s in page.sentences})
    assert len(starts) == 3
    facts = zhfacts.extract(text, "2011-04-22", "烟台市")["facts"]
    assert {f["time"] for f in facts} == {"2011-Q1"}  # (not the quoted 2011 of the paragraph before)


def test_a_government_portals_metadata_lines_end_their_block() -> None:
    # 政府信息公开 headers (索引号, 公开形式, 有效性) are blocks of their own: the bulletin's first
    # paragraph after them opens with its year, which frames the figures
    text = ("宁陕县2021年国民经济和社会发展统计公报\n\n"
            "索引号: zfbmnsxtjj/2022-0011 公开责任部门: 宁陕县统计局\n"
            "公开日期: 2022-05-08 10:48 成文日期: 2022-05-08 10:48\n"
            "公开形式: 主动公开 有效性: 有效\n\n"
            "2021年,全县上下认真贯彻落实决策部署,全县经济呈现平缓恢复态势。\n\n"
            "一、综合\n\n"
            "初步核算,全县生产总值(GDP)完成24.34亿元,同比增长5.2%。\n")
    facts = zhfacts.extract(text, "2022-05-08", "宁陕县")["facts"]
    assert {f["time"] for f in facts} == {"2021"}
