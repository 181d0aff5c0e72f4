"""People's names from bylines, credits, titles, speakers and enumerations."""

from __future__ import annotations

import pytest

from zhfacts.page.page import build_page
from zhfacts.page.context import DocumentContext
from zhfacts.entities.merge import find_entities


def _people(text: str) -> list[str]:
    return [e.text for e in find_entities(build_page(text)) if e.label == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    ("本报讯 （记者 翟华伟） 3 月 5\n日，记者从", ["翟华伟"]),
    ("本报融媒体记者 李岩\n\n本报讯", ["李岩"]),
    ("本报讯 （记者 刘建谠 通讯\n员 马冰露）“通过", ["刘建谠", "马冰露"]),
    ("受到村民好\n评。 张子斌 摄", ["张子斌"]),
    ("”公司负责人王薇介绍道。", ["王薇"]),
    ("城央学府住户刘振立高兴地说。", ["刘振立"]),
    ("会上，副省长罗成林介绍说，全省增长较快。", ["罗成林"]),
    ("新闻发言人邹长海表示。", ["邹长海"]),
    ("会上，市长覃伟中作政府工作报告。", ["覃伟中"]),
    ("庞进红、王学文、朱志伟、李雪\n超和刘新亚 7人被评为",
     ["庞进红", "王学文", "朱志伟", "李雪\n超", "刘新亚"]),
    ("记者从市民政局了解到", []),
    ("各地各部门要高度重视", []),
])
def test_cued_names(text: str, expected: list[str]) -> None:
    assert _people(text) == expected


@pytest.mark.parametrize("text", [
    # A cue word followed by no name gives no PERSON (no surname, or an ordinary word).
    "他向记者介绍道，今年收成不错。",
    "她自豪地向记者介绍。",
    "记者统计发现，全市消费增长。",
    "记者手记",
    "他在接受记者采访时说，一切顺利。",
])
def test_cue_without_a_name_gives_no_person(text: str) -> None:
    assert _people(text) == []


def test_cued_name_that_is_also_a_word_stays() -> None:
    # 高峰 is a common word, but jieba's dictionary knows it as a name too.
    assert _people("该院心内科主任高峰说，今年") == ["高峰"]


def test_name_likeness() -> None:
    from zhfacts.entities.name_lists import name_like

    assert name_like("翟华伟") and name_like("欧阳东方") and name_like("高峰")
    assert not name_like("介绍道") and not name_like("统计发现") and not name_like("手记")


def test_terms_and_slogans_are_not_people() -> None:
    from zhfacts.entities.name_lists import split_name_lists
    from zhfacts.entities.people import names_a_term

    assert _people("农村居民恩格尔系数下降") == []
    text = "第三届桂花戏剧节开幕，王刚节约用水"
    assert names_a_term(text, 5) and not names_a_term(text, text.index("节约"))
    # 强农惠农 read as two names by the model: parallel phrases, no names at all.
    slogan = "落实强农惠农政策"
    assert split_name_lists(slogan, [(2, 6, "PERSON")], lambda name: False) == []
    names = "何其宗佟宝存"
    assert split_name_lists(names, [(0, 6, "PERSON")], lambda name: False) == [
        (0, 3, "PERSON"), (3, 6, "PERSON")]


def test_the_countrys_leaders_are_people_wherever_they_stand() -> None:
    from zhfacts.entities.people import find_people

    text = "坚持以习近平新时代中国特色社会主义思想为指导，学习邓小平理论。一片汪洋。"
    assert [text[s:e] for s, e in find_people(text)] == ["习近平", "邓小平"]  # not 汪洋


@pytest.mark.parametrize(("text", "people"), [
    ("工作人员吴先生表示，今天乘客不多。", ["吴"]),
    ("北京大学的张老师在接受采访时说。", ["张"]),
    ("王建国先生出席了会议。", ["王建国"]),
])
def test_a_form_of_address_is_no_part_of_the_name(text: str, people: list[str]) -> None:
    assert _people(text) == people
