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
    ("庞进红、王学文、朱志伟、李雪\n超和刘新亚 7人被评为",
     ["庞进红", "王学文", "朱志伟", "李雪\n超", "刘新亚"]),
    ("记者从市民政局了解到", []),
    ("各地各部门要高度重视", []),
])
def test_cued_names(text: str, expected: list[str]) -> None:
    assert _people(text) == expected
