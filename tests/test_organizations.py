"""Organizations named with a type word (SPEC section 2, ORG)."""

from __future__ import annotations

import pytest

import zhfacts
from zhfacts.entities.organizations import company_short_name, find_organizations


def _orgs(text: str) -> list[str]:
    return [text[start:end] for start, end in find_organizations(text)]


@pytest.mark.parametrize("text, expected", [
    ("区民政局装修完成后，委托常春藤养老服务有限公司进行运营", ["常春藤养老服务有限公司"]),
    ("近日，柘城县人民医院“移动医疗服务站”来到", ["柘城县人民医院"]),
    ("组建了燧皇种业实验室、商丘产业创新发展研究院。",
     ["燧皇种业实验室", "商丘产业创新发展研究院"]),
    ("认定44家市级工程技术研究中心", []),
    ("各部门要集中学习，既支持银行账户实时扣款", []),
    ("培育了一批特色种植合作社", []),
])
def test_organizations(text: str, expected: list[str]) -> None:
    assert _orgs(text) == expected


@pytest.mark.parametrize("name, generic", [
    ("农民专业合作社", True),
    ("现代农机专业合作社", True),
    ("普通小学", True),
    ("社区卫生服务中心", True),
    ("乡镇卫生院", True),
    ("民办学校", True),
    ("证券营业部", True),
    ("国家工程（技术）研究中心", True),
    ("科创板公司", True),
    ("全县农民专业合作社", True),
    ("柘城县人民医院", False),
    ("城郊乡卫生院", False),
    ("民权县丰润种植专业合作社", False),
    ("燧皇种业实验室", False),
])
def test_generic_kinds_are_no_organizations(name: str, generic: bool) -> None:
    from zhfacts.entities.organizations import grammar

    assert grammar().generic(name) is generic


def test_statistics_of_institutions_name_none() -> None:
    from zhfacts.entities.merge import find_entities
    from zhfacts.page.page import build_page

    text = "全县农民专业合作社达到120家，普通小学45所，社区卫生服务中心12个，证券营业部3家。"
    assert [e for e in find_entities(build_page(text)) if e.label in ("ORG", "LOC")] == []


@pytest.mark.parametrize(("text", "names"), [
    ("来源：江城日报", ["江城日报"]),  # a credit before the name
    ("发布人：-晨光晚报", ["晨光晚报"]),  # what stands between is skipped
    ("　　东方财经全媒体记者 王明", ["东方财经全媒体"]),  # a byline after it
    ("据海湾商报报道，当地物价平稳。", ["海湾商报"]),
    # Without a credit the endings are ordinary words; a paper naming itself is no name;
    # a headline does not run into 本报讯.
    ("他在报社工作，网上报名人数很多。", []),
    ("本报记者从市统计局获悉", []),
    ("城区公园改造完工本报讯日前，", []),
])
def test_media_named_in_credits(text: str, names: list[str]) -> None:
    from zhfacts.entities.organizations import find_media

    assert [text[s:e] for s, e in find_media(text)] == names


@pytest.mark.parametrize(("name", "short"), [
    ("西正印制有限公司", "西正"),
    ("爱普生公司", "爱普生"),
    ("用友软件股份有限公司", "用友"),
    ("信息中心", ""),  # (no company)
])
def test_the_short_name_of_a_company_named_in_full(name: str, short: str) -> None:
    assert company_short_name(name) == short


def test_a_company_named_in_full_is_an_organization_by_its_short_name_too() -> None:
    text = ("西安西正印制有限公司是其中一家。西正从2003年就参与政府采购。"
            "江苏信用担保有限公司也参加了。信用担保是重要手段。")
    orgs = [e["text"] for e in zhfacts.extract(text)["entities"] if e["label"] == "ORG"]
    assert orgs == ["西安西正印制有限公司", "西正", "江苏信用担保有限公司"]


def test_known_companies_of_two_characters_are_organizations_unless_a_longer_name_holds_them(
        ) -> None:
    text = "戴尔、佳能的设备入围。"
    orgs = [e["text"] for e in zhfacts.extract(text)["entities"] if e["label"] == "ORG"]
    assert orgs == ["戴尔", "佳能"]


@pytest.mark.parametrize(("text", "orgs", "places"), [
    ("中国石化已与江苏省政府达成意向。", ["中国石化"], []),
    ("上海医药将开放集团的分销网络。", ["上海医药"], []),
    # a place and a trade followed by a word of trade: the place's trade, no company
    ("中国石油产量增长5%。", [], ["中国"]),
    ("上海医药市场规模扩大。", [], ["上海"]),
    # other known names keep their name before such words
    ("华为市场份额上升。", ["华为"], []),
])
def test_a_company_named_as_a_place_and_a_trade(text: str, orgs: list[str],
                                                places: list[str]) -> None:
    entities = zhfacts.extract(text)["entities"]
    assert [e["text"] for e in entities if e["label"] == "ORG"] == orgs
    assert [e["text"] for e in entities if e["label"] == "GPE"] == places


def test_a_known_company_that_begins_a_place_name_is_none() -> None:
    # 伊利 the dairy company; 伊利诺伊州 the American state
    orgs = [e["text"] for e in zhfacts.extract("伊利董事长潘刚回应质疑。")["entities"]
            if e["label"] == "ORG"]
    assert orgs == ["伊利"]
    assert not [e for e in zhfacts.extract("伊利诺伊州的工厂关闭了。")["entities"]
                if e["label"] == "ORG"]


def test_a_known_company_run_on_with_a_second_name_is_that_name() -> None:
    text = "海尔、海信科龙等集团的市场份额已达三分之一以上。最近，长安福特中标政府采购大单。"
    orgs = [e["text"] for e in zhfacts.extract(text)["entities"] if e["label"] == "ORG"]
    assert "海信科龙" in orgs and "长安福特" in orgs and "长安福特中标" not in orgs
    # (a known company that 等 closes a list after is no part of the kind: 格兰仕 | 等五大集团)
    listed = "格力、格兰仕等五大集团的份额。"
    assert [listed[a:b] for a, b in find_organizations(listed)] == ["格兰仕"]
