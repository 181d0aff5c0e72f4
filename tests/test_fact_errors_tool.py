"""tools/fact_errors.py sorts a development set's fact errors by kind, on a gold
file written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

from fact_errors import fact_errors  # noqa: E402

TEXT = "2021年，全县地区生产总值320亿元，新建学校12所。"


def _fact(metric: str, value: str, unit: str, start: int, end: int) -> dict[str, object]:
    return {"metric": metric, "value": value, "unit": unit, "qualifier": "=", "time": "2021",
            "place": None, "per": None, "change": None, "start": start, "end": end}


def test_each_unmatched_fact_is_sorted_by_kind(tmp_path: Path) -> None:
    at = TEXT.index("320亿元")
    gold = {"id": "made-up", "text": TEXT, "context": {"date": "2022-01-20"}, "facts": [
        _fact("地区生产总值", "32000000000", "CNY", at, at + 5),    # found
        _fact("全县居民存款", "12", "所", TEXT.index("12所"), TEXT.index("12所") + 3),
        _fact("教师人数", "75", "person", 0, 5),                    # not in the output at all
    ]}
    (tmp_path / "made-up.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    kinds, rows = fact_errors(tmp_path, tmp_path)
    assert kinds["METRIC"] == 1 and kinds["MISSING"] == 1
    assert ("METRIC", "made-up", "全县居民存款") == rows[0][:3]
    assert rows[1][:3] == ("MISSING", "made-up", "教师人数")
