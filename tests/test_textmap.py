"""The clean-up layer: clean text for matching, offsets back into the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhfacts.page.textmap import clean, is_traditional


def test_line_breaks_and_spaces_inside_a_figure_are_removed() -> None:
    original = "共认定 30.6 万\n人，3 月 5\n日"
    cleaned = clean(original)
    assert cleaned.text == "共认定30.6万人，3月5日"
    start = cleaned.text.index("30.6")
    end = cleaned.text.index("人") + 1
    assert cleaned.span(start, end) == (4, 12)
    assert original[4:12] == "30.6 万\n人"


def test_full_width_forms_fold_one_to_one() -> None:
    cleaned = clean("增长３０．６％")
    assert cleaned.text == "增长30.6%"
    assert cleaned.span(2, 7) == (2, 7)


def test_chinese_comma_stays_except_between_full_width_digit_groups() -> None:
    assert clean("630元，420元").text == "630元，420元"
    assert clean("４，５６５").text == "4,565"


def test_horizontal_space_between_ascii_digits_is_kept_as_one_separator() -> None:
    assert clean("表 3  12 人").text == "表3 12人"
    assert clean("12\n34万").text == "1234万"  # a hard wrap inside a figure


def test_empty_text() -> None:
    cleaned = clean("")
    assert cleaned.text == ""
    assert cleaned.span(0, 0) == (0, 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("万人元3０.　 \n\t，,﻿１亿年月")), max_size=40))
def test_every_clean_character_maps_to_its_source(original: str) -> None:
    cleaned = clean(original)
    for index, char in enumerate(cleaned.text):
        source = original[cleaned.to_original(index)]
        if char == " ":
            assert source.isspace()
        elif char == ",":
            assert source in ",，"
        else:
            assert source == char or ord(source) - 0xFEE0 == ord(char)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.data())
def test_spans_map_into_the_original(original: str, data: st.DataObject) -> None:
    cleaned = clean(original)
    n = len(cleaned.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    a, b = cleaned.span(start, end)
    assert 0 <= a <= b <= len(original)
    if end > start:
        assert b - a >= end - start
        assert clean(original[a:b]).text.strip() == cleaned.text[start:end].strip()


def test_a_text_in_traditional_script_is_read_in_simplified_one_for_one() -> None:
    original = "全港住宅單位落成量約 15 000個，較去年增長兩個百分點。"
    cleaned = clean(original)
    assert "单位" in cleaned.text and "个百分点" in cleaned.text and "15000个" in cleaned.text
    assert len(cleaned.text) <= len(original)
    start = cleaned.text.index("15000")
    low, high = cleaned.span(start, start + 5)
    assert original[low:high] == "15 000"


def test_a_simplified_text_with_a_few_traditional_forms_is_left_alone() -> None:
    # 著 and 乾 are also simplified characters (著名, 乾隆): one of many is no traditional text.
    original = "著名的乾隆御碑所在的景区今年接待游客120万人次，门票收入同比增长百分之八。"
    assert not is_traditional(original)
    assert clean(original).text == original


def test_spaces_between_groups_of_three_digits_separate_thousands_only() -> None:
    assert clean("合共 1 234 567 元").text == "合共1234567元"
    assert clean("第 3 页 12").text == "第3页12"
    assert clean("2022 2023年").text == "2022 2023年"


@pytest.mark.parametrize(("original", "expected"), [
    ("好转率为９１·５７％", "好转率为91.57%"),       # no month 91: a decimal
    ("贫困户增加４·６万户", "贫困户增加4.6万户"),     # a magnitude follows
    ("上浮５·７６％", "上浮5.76%"),
    ("“5·12”地震", "“5·12”地震"),                # an event's month and day
    ("3·15晚会", "3·15晚会"),
    ("佩尔·施泰因", "佩尔·施泰因"),              # a name's separator
])
def test_a_middle_dot_between_digits_is_a_decimal_point(original: str, expected: str) -> None:
    cleaned = clean(original)
    assert cleaned.text == expected
    assert [cleaned.to_original(i) for i in range(len(cleaned.text))] == list(range(len(original)))
