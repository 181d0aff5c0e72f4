"""The portal view leaves out every page that quotes a held-back document."""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

from portal_news_view import passages_of, shares_a_passage  # noqa: E402

HELD = ("某市2011年公共图书馆工作总结\n今年以来，全市图书馆接待读者达到85万人次，比上年增长12%，"
        "新增藏书6万册。\n全市已有社区书屋、流动图书车等形式的38个服务点开通了通借通还，"
        "覆盖人口40万人。\n下一步，我们将继续推进数字图书馆建设。\n")


def test_a_page_quoting_one_paragraph_of_a_held_back_text_is_found() -> None:
    passages = passages_of([HELD])
    # one sentence quoted, with other line breaks and spaces, between unrelated text
    page = ("另一篇报道\n据了解，全市已有社区书屋、流动图书车等形式的38个服务点\n开通了 通借通还，"
            "记者了解到，这一做法还将推广。\n")
    assert shares_a_passage(page, passages)


def test_a_page_that_shares_only_common_phrases_is_kept() -> None:
    passages = passages_of([HELD])
    page = "今年以来，全县公共图书馆接待读者达到9万人次，比上年增长5%，各项工作稳步推进。\n"
    assert not shares_a_passage(page, passages)
