"""The data files are validated on load: a bad edit fails loudly, naming the entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from zhfacts.errors import DataFileError
from zhfacts.datafiles import parse_json
from zhfacts.numbers.lexicon import lexicon, parse_units


def test_shipped_data_loads_and_is_cached() -> None:
    lex = lexicon()
    assert lex is lexicon()
    assert "万元" not in lex.units and lex.units["元"].code == "CNY"  # 万 is a magnitude
    assert lex.units["个百分点"].code == "pp"
    assert lex.qualifiers_after["以上"] == ">="
    assert lex.distant_bounds >= lex.absolute_bounds


def test_duplicate_keys_are_rejected() -> None:
    with pytest.raises(DataFileError, match="duplicate keys"):
        parse_json("rates.json", '{"before": {"月": "month", "月": "year"}}')


def test_broken_json_is_rejected() -> None:
    with pytest.raises(DataFileError, match="not valid JSON"):
        parse_json("units.json", '{"units": [')


@pytest.mark.parametrize("entry, message", [
    ({"surface": "元", "code": "CNY", "label": "MONEY", "factor": "x"}, "bad entry"),
    ({"surface": "元", "code": "CNY", "label": "CASH"}, "unknown label"),
    ({"surface": "", "code": "CNY", "label": "MONEY"}, "empty surface"),
    ({"surface": "元", "code": "CNY", "label": "MONEY", "factor": "-1"}, "positive"),
    ({"code": "CNY", "label": "MONEY"}, "bad entry"),
])
def test_bad_unit_entries_are_rejected(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_units({"units": [entry]})


def test_duplicate_unit_surfaces_are_rejected() -> None:
    entry = {"surface": "元", "code": "CNY", "label": "MONEY"}
    with pytest.raises(DataFileError, match="duplicate surface"):
        parse_units({"units": [entry, entry]})


def test_factor_is_exact() -> None:
    units = parse_units({"units": [{"surface": "角", "code": "CNY", "label": "MONEY",
                                    "factor": "0.1"}]})
    assert units["角"].factor == Decimal("0.1")
