"""The Python API: extract, figures, parse_number, the output schema."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

import jsonschema
import pytest

import zhfacts
from conftest import SEED
from zhfacts.results import FIGURE_LABELS, DateFigure, Figure

SPEC_EXAMPLE = "记者从市民政局了解到，2022年，全市共认定低保对象 30.6 万人，发放资金8.9亿元。"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = resources.files("zhfacts").joinpath("data", "output.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_extract_gives_the_spec_example_figures(schema: dict[str, Any]) -> None:
    record = zhfacts.extract(SPEC_EXAMPLE, place="商丘市", id="example.txt")
    jsonschema.validate(record, schema)
    figures = [e for e in record["entities"] if e["label"] in ("DATE", "QUANTITY", "MONEY")]
    assert [(e["start"], e["end"], e["text"], e["value"]) for e in figures] == [
        (11, 16, "2022年", "2022"),
        (27, 34, "30.6 万人", "306000"),
        (39, 44, "8.9亿元", "890000000"),
    ]
    assert record["id"] == "example.txt" and record["schema_version"] == "1"


def test_extract_seed_page_matches_schema_and_offsets(schema: dict[str, Any]) -> None:
    text = SEED.read_text(encoding="utf-8")
    record = zhfacts.extract(text, date="2023-03", place="商丘市")
    jsonschema.validate(record, schema)
    for entity in record["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]
    by_text = {e["text"]: e for e in record["entities"]}
    assert by_text["8.9亿元"]["value"] == "890000000" and by_text["8.9亿元"]["unit"] == "CNY"
    assert by_text["30.6 万\n人"]["value"] == "306000"
    assert by_text["30.6 万\n人"]["unit"] == "person"


def test_figures_is_typed_and_exact() -> None:
    found = zhfacts.figures("发放资金8.9亿元，2022年")
    money, date = found
    assert isinstance(money, Figure) and isinstance(date, DateFigure)
    assert money.value == Decimal("890000000") and isinstance(money.value, Decimal)
    assert date.value == "2022"


def test_figures_and_extract_agree_on_the_seed_page() -> None:
    text = SEED.read_text(encoding="utf-8")
    fast = [f.to_dict() for f in zhfacts.figures(text, "2023-03", "商丘市")]
    entities = zhfacts.extract(text, "2023-03", "商丘市")["entities"]
    assert fast == [e for e in entities if e["label"] in FIGURE_LABELS]


@pytest.mark.parametrize("bad", [{"date": "March"}, {"date": "2023-13"}, {"place": ""}])
def test_bad_context_is_a_clear_error(bad: dict[str, str]) -> None:
    with pytest.raises(zhfacts.ContextError, match="E003"):
        zhfacts.figures("2022年", **bad)


def test_non_text_is_a_clear_error() -> None:
    with pytest.raises(zhfacts.InputError):
        zhfacts.figures(b"bytes")  # type: ignore[arg-type]


def test_empty_document() -> None:
    assert zhfacts.extract("")["entities"] == []
    assert zhfacts.figures("") == []


def test_parse_number_is_exported() -> None:
    assert zhfacts.parse_number("一百四十一点六八万") == Decimal("1416800")
    with pytest.raises(ValueError):
        zhfacts.parse_number("万")


def test_every_record_says_which_zhfacts_wrote_it() -> None:
    import zhfacts

    record = zhfacts.extract("全市常住人口88.5万人。", date="2023-03")
    assert record["zhfacts_version"] == zhfacts.__version__
    long_record = zhfacts.extract("全市常住人口88.5万人。" * 4000, date="2023-03")  # in pieces
    assert long_record["zhfacts_version"] == zhfacts.__version__
