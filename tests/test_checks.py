"""Consistency checks that can fail: each says what it compared, and a
planted disagreement is reported as one (tests/test_facts.py has the seed
page's passing checks)."""

from __future__ import annotations

from decimal import Decimal

import zhfacts
from zhfacts.facts.checks import check_document
from zhfacts.facts.linker import link_facts
from zhfacts.numbers.figures import find_figures
from zhfacts.page.context import DocumentContext
from zhfacts.page.page import build_page
from zhfacts.results import Check

BODY = ("本报讯 2022年，全市新增城镇就业4.8万人，完成年度目标的120%。"
        "全市城镇登记失业率为3.2%。\n")


def _repeat_checks(box: str) -> list[dict[str, object]]:
    text = f"{box}\n\n{BODY}"
    record = zhfacts.extract(text, date="2023-03", place="商丘市")
    return [c for c in record["checks"] if c["check"] == "repeat"]


def test_a_repeat_that_agrees_passes() -> None:
    (check,) = _repeat_checks("●全市新增城镇就业4.8万人")
    assert check["status"] == "pass"
    assert check["expected"] == check["observed"] == "48000"


def test_a_planted_disagreement_between_repeats_fails() -> None:
    (check,) = _repeat_checks("●全市新增城镇就业5.2万人")
    assert check["status"] == "fail"
    assert check["expected"] == "48000" and check["observed"] == "52000"
    assert "新增城镇就业" in check["message"] and "5.2万人" in check["message"]
    texts = [figure["text"] for figure in check["figures"]]
    assert texts == ["5.2万人", "4.8万人"]


def test_a_box_figure_of_another_metric_is_no_repeat() -> None:
    assert _repeat_checks("●全市新增农村劳动力转移就业5.2万人") == []


def test_a_sum_says_what_it_compared() -> None:
    text = "全县共有贫困人口3.0万人，其中农村2.1万人、城镇0.6万人。"
    page = build_page(text, DocumentContext.of("2023"))
    figures = find_figures(page)
    checks = check_document(page, figures, link_facts(page, figures))
    (check,) = [c for c in checks if c.kind == "sum"]
    assert isinstance(check, Check) and not check.passed
    assert check.expected == Decimal(30000) and check.observed == Decimal(27000)
    assert check.tolerance == Decimal(1500)  # half a step of 0.1万, for each of the three
    assert [f.text for f in check.figures] == ["3.0万人", "2.1万人", "0.6万人"]
    assert check.to_dict()["tolerance"] == "1500"


def test_a_sum_within_the_written_precision_passes() -> None:
    record = zhfacts.extract("全县共有贫困人口3.0万人，其中农村2.1万人、城镇0.94万人。")
    (check,) = [c for c in record["checks"] if c["check"] == "sum"]
    assert check["status"] == "pass"  # 3.04万 is 3.0万 to the written 0.1万


def test_every_check_offset_indexes_the_original() -> None:
    text = "●全市新增城镇就业\n5.2万人\n\n本报讯 全市新增城镇就业\n4.8 万人，其中女性\n2.0万人。"
    record = zhfacts.extract(text, date="2023-03")
    assert record["checks"]
    for check in record["checks"]:
        for figure in check["figures"]:
            assert text[figure["start"]:figure["end"]] == figure["text"]


def _statuses(text: str, kind: str) -> list[str]:
    record = zhfacts.extract(text, date="2023-03")
    return [str(c["status"]) for c in record["checks"] if c["check"] == kind]


def test_nested_thresholds_are_no_parts_that_must_add_up() -> None:
    # 超10亿元的6户 lies inside 超亿元的58户: some of the total, not its parts.
    text = "全市营业收入超亿元的企业58户，其中超10亿元的6户、超50亿元的2户。"
    assert _statuses(text, "sum") == ["pass"]


def test_some_parts_of_a_total_need_not_add_up_but_never_exceed_it() -> None:
    assert _statuses("全县新增就业1.2万人，其中返乡创业0.3万人、高校毕业生0.2万人。",
                     "sum") == ["pass"]
    assert _statuses("全县新增就业1.2万人，其中返乡创业0.9万人、高校毕业生0.8万人。",
                     "sum") == ["fail"]


def test_parts_that_make_a_whole_must_add_up() -> None:
    text = "全市地区生产总值412.36亿元，其中第一产业12.37亿元、第二产业151.75亿元、第三产业200.24亿元。"
    assert _statuses(text, "sum") == ["fail"]
    text = text.replace("200.24", "248.24")
    assert _statuses(text, "sum") == ["pass"]


def test_rounding_on_both_sides_is_no_disagreement() -> None:
    # 3473.11 vs 3473.12: each part is rounded to 0.01亿, so the sum may be off by 0.015亿.
    text = "全市财政收入3473.12亿元，其中税收收入2473.06亿元、非税收入1000.05亿元。"
    assert _statuses(text, "sum") == ["pass"]


def test_a_gross_enrolment_rate_may_exceed_a_hundred_percent() -> None:
    assert _statuses("高中阶段毛入学率105.8%。", "range") == []
    assert _statuses("全市森林覆盖率达到105.8%。", "range") == ["fail"]


def test_list_items_are_no_headlines() -> None:
    # Items of a budget speech's list end in ；(及), not in nothing: they repeat no body figure.
    text = ("(三) 增拨900万元经常开支，加强社区照顾服务；\n\n"
            "(四) 增拨1.64亿元经常开支，提高持续护理宿位的资助金额；及\n\n"
            "(五) 增拨7300万元经常开支，增加日间护理名额。\n")
    assert _statuses(text, "repeat") == []


def test_a_rate_of_return_may_be_negative() -> None:
    text = "2008年外汇基金投资回报率为-5.6%，毛入学率为105.8%。"
    assert _statuses(text, "range") == []
