"""Organizations named with a type word (SPEC section 2, ORG)."""

from __future__ import annotations

import pytest

from zhfacts.entities.organizations import find_organizations


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
