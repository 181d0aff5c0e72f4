"""The table across documents (zhfacts.table, ``zhfacts table``): keys, merging,
conflicts and revisions, adding twice, bad input, schema versions, exports,
the HTML page (also rendered in headless Chromium), the Parquet parts of the
Dask path, and the five questions of docs/table.md with their answers."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, CORPORA, ROOT

from zhfacts.errors import DataFileError
from zhfacts.table import TableError, build, build_into, connect, format_rows, query
from zhfacts.table.catalogue import fold_metric, load_catalogue, shipped_catalogue
from zhfacts.api import extract
from zhfacts.table.keys import (
    PlaceResolver,
    exact_decimal,
    level_of_code,
    period_of,
    written_precision,
)
from zhfacts.table.schema import open_database

COPIES = CASES / "table-copies.jsonl"
DOCS = ROOT / "docs" / "table.md"


# ------------------------------------------------------------------ the corpus


def _documents() -> list[dict[str, Any]]:
    """corpora/ (gold files: text and context) and the two copies of the seed page."""
    lines = [json.loads(p.read_text("utf-8")) for p in sorted(CORPORA.glob("*.jsonl"))]
    lines += [json.loads(line) for line in COPIES.read_text("utf-8").splitlines()]
    return [{"id": d["id"], "text": d["text"], "context": d.get("context") or {}}
            for d in lines]


@pytest.fixture(scope="module")
def records(nlp: Any) -> list[dict[str, Any]]:
    """The records of the corpus, each with its context, as a user would keep
    them from ``zhfacts extract`` (extracted once for the module)."""
    import zhfacts

    out = []
    for document in _documents():
        context = document["context"]
        record = zhfacts.extract(document["text"], context.get("date"), context.get("place"),
                                 id=document["id"], nlp=nlp)
        out.append({**record, "context": context})
    return out


@pytest.fixture(scope="module")
def database(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("table") / "facts.duckdb"
    summary = build(records, path)
    assert summary.added == len(records) and summary.failed == 0
    return path


def _rows(path: Path | Any, sql: str, parameters: list[Any] | None = None
          ) -> list[dict[str, Any]]:
    return query(path, sql, parameters)


# ------------------------------------------------------------------ the catalogue


@pytest.mark.parametrize(("written", "name"), [
    ("地区生产总值", "地区生产总值"), ("生产总值", "地区生产总值"), ("GDP", "地区生产总值"),
    ("gdp", "地区生产总值"), ("全市地區生產總值", "地区生产总值"), ("国内生产总值", "地区生产总值"),
    ("一般公共预算收入", "一般公共预算收入"), ("地方一般公共预算收入", "一般公共预算收入"),
    ("公共财政预算收入", "一般公共预算收入"),
    ("城镇居民人均可支配收入", "城镇居民人均可支配收入"),
    ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"),
    ("城镇居民可支配收入", "城镇居民人均可支配收入"),
    ("“城镇居民人均可支配收入”", "城镇居民人均可支配收入"),
    ("固定资产投资", "固定资产投资（不含农户）"),
])
def test_written_variants_fold_into_one_indicator(written: str, name: str) -> None:
    catalogue = shipped_catalogue()
    indicator = catalogue.key_of(catalogue.fold(written))
    assert indicator is not None and indicator.name == name


def test_a_changed_definition_is_another_indicator_and_unknown_metrics_keep_theirs() -> None:
    catalogue = shipped_catalogue()
    net = catalogue.key_of(catalogue.fold("农村居民人均纯收入"))
    disposable = catalogue.key_of(catalogue.fold("农村居民人均可支配收入"))
    assert net is not None and disposable is not None and net.id != disposable.id
    assert catalogue.key_of(catalogue.fold("特困人员")) is None
    assert fold_metric(" 特困\n人员 ") == "特困人员"


def test_every_indicator_cites_its_catalogue() -> None:
    from zhfacts.datafiles import read_data_json

    data = read_data_json("indicators.json")
    assert "国家统计局" in data["provenance"]["names"]
    assert "by hand" in data["provenance"]["variants"]
    assert all(indicator.source for indicator in shipped_catalogue().indicators)


def test_user_indicators_extend_the_catalogue(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"indicators": [
        {"id": "gdp", "name": "地区生产总值", "variants": ["GDP总值"]},
        {"id": "poverty_relief_fund", "name": "衔接资金", "variants": ["衔接推进乡村振兴补助资金"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    catalogue = load_catalogue(mine)
    assert catalogue.key_of(catalogue.fold("GDP总值")).id == "gdp"  # type: ignore[union-attr]
    assert catalogue.key_of(catalogue.fold("生产总值")).id == "gdp"  # type: ignore[union-attr]
    found = catalogue.key_of(catalogue.fold("衔接推进乡村振兴补助资金"))
    assert found is not None and found.name == "衔接资金" and found.origin == str(mine)


@pytest.mark.parametrize("content", [
    {"indicators": [{"id": "mine", "name": "我的指标", "variants": ["地方一般公共预算收入"]}]},
    {"indicators": [{"id": "mine", "variants": []}]},
    {"indicators": [{"id": "mine", "name": "x", "colour": "red"}]},
    {"indicator": []},
])
def test_a_bad_indicator_file_is_refused(tmp_path: Path, content: dict[str, Any]) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataFileError):
        load_catalogue(mine)


# ------------------------------------------------------------------ keys


@pytest.mark.parametrize(("value", "granularity", "first", "last", "year"), [
    ("2022", "year", "2022-01-01", "2022-12-31", 2022),
    ("2023-03", "month", "2023-03-01", "2023-03-31", 2023),
    ("2024-02", "month", "2024-02-01", "2024-02-29", 2024),
    ("2023-03-05", "day", "2023-03-05", "2023-03-05", 2023),
    ("2023-Q2", "quarter", "2023-04-01", "2023-06-30", 2023),
    ("2023-H2", "half", "2023-07-01", "2023-12-31", 2023),
    ("2023-01/2023-10", "interval", "2023-01-01", "2023-10-31", 2023),
    ("2008/2012", "interval", "2008-01-01", "2012-12-31", None),
    ("2023-FA", "season", None, None, None),
    ("XXXX-11-18", "day", None, None, None),
    (None, None, None, None, None),
])
def test_periods_get_granularity_and_days(value: str | None, granularity: str | None,
                                          first: str | None, last: str | None,
                                          year: int | None) -> None:
    period = period_of(value)
    assert period.granularity == granularity
    assert (period.first.isoformat() if period.first else None) == first
    assert (period.last.isoformat() if period.last else None) == last
    assert period.year == year


def test_values_are_stored_exactly_or_only_as_text() -> None:
    assert exact_decimal("890000000") == "890000000"
    assert exact_decimal("0.333333333333333") == "0.333333333333333"
    assert exact_decimal("0.12345678901234567") is None  # 17 decimals: text only
    assert exact_decimal("1" + "0" * 22) is None
    # 21 digits leave room for the half-step the merge adds (DECIMAL(38, 16) + 0.5 step)
    assert exact_decimal("1" + "0" * 20) == "1" + "0" * 20
    assert exact_decimal("1" + "0" * 21) is None
    assert exact_decimal("１２") == "12" and exact_decimal("1E+3") == "1000"


@pytest.mark.parametrize(("figure", "step"), [
    ({"label": "MONEY", "start": 0, "end": 5, "text": "8.9亿元", "value": "890000000",
      "unit": "CNY"}, "10000000"),
    ({"label": "QUANTITY", "start": 0, "end": 8, "text": "30.6 万\n人", "value": "306000",
      "unit": "person"}, "1000"),
    ({"label": "QUANTITY", "start": 0, "end": 6, "text": "46960人", "value": "46960",
      "unit": "person"}, "1"),
    ({"label": "MONEY", "start": 0, "end": 5, "text": "3至5万元", "value": None, "low": "30000",
      "high": "50000", "unit": "CNY"}, "10000"),
    ({"label": "PERCENT", "start": 0, "end": 4, "text": "4.8%", "value": "4.8", "unit": "%"},
     "0.1"),
    (None, None),
])
def test_written_precision(figure: dict[str, Any] | None, step: str | None) -> None:
    assert written_precision(figure) == step


def test_levels_of_codes() -> None:
    assert [level_of_code(c) for c in ("410000", "411400", "411403", "419001", "411403001",
                                       "411403001001", None, "abc")] == \
        ["province", "city", "county", "county", "town", "village", None, None]


# ------------------------------------------------------------------ the corpus table


def test_every_fact_is_held_once_with_all_its_sources(records: list[dict[str, Any]],
                                                      database: Path) -> None:
    facts = sum(len(r["facts"]) for r in records)
    assert _rows(database, "SELECT count(*) AS n FROM facts")[0]["n"] == facts
    sources = _rows(database, "SELECT s.document_id, s.fact_index FROM merged_facts, "
                              "unnest(sources) AS u(s)")
    assert len(sources) == facts  # each fact in exactly one row
    assert len({(s["document_id"], s["fact_index"]) for s in sources}) == facts
    # Every fact of the seed page is one row with both copies among its sources.
    seed = _rows(database, """
        SELECT m.row_id, [s.document_id FOR s IN m.sources] AS documents
        FROM merged_facts m
        WHERE list_contains([s.document_id FOR s IN m.sources], 'shangqiu-daily-page')""")
    seed_facts = len(next(r for r in records if r["id"] == "shangqiu-daily-page")["facts"])
    assert sum(len(r["documents"]) for r in seed) == 3 * seed_facts
    assert all(sorted(r["documents"]) == ["shangqiu-daily-page", "shangqiu-daily-page-copy",
                                          "shangqiu-daily-page-copy-changed"] for r in seed)


def test_the_changed_figure_is_the_conflict(database: Path) -> None:
    rows = _rows(database, "SELECT * FROM merged_facts WHERE status = 'conflict'")
    assert len(rows) == 1
    conflict = rows[0]
    assert (conflict["metric_key"], conflict["place_name"], conflict["period"],
            conflict["unit"]) == ("特困人员", "商丘市", "2022", "person")
    assert conflict["value"] is None and conflict["values"] == ["46960", "47960"]
    listed = _rows(database, "SELECT document_id, source_value, figure_text, sentence "
                             "FROM conflicts ORDER BY document_id")
    assert [(r["document_id"], r["source_value"]) for r in listed] == [
        ("shangqiu-daily-page", "46960"), ("shangqiu-daily-page-copy", "46960"),
        ("shangqiu-daily-page-copy-changed", "47960")]
    assert all(r["figure_text"] in r["sentence"] for r in listed)


def test_rows_carry_comparable_keys(database: Path) -> None:
    rows = _rows(database, """
        SELECT metric_key, indicator, place_name, place_code, place_level, place_parents,
               period, granularity, year, value, value_text, unit
        FROM merged_facts
        WHERE metric_key = '地区生产总值' AND qualifier = '=' AND unit = 'CNY'
        ORDER BY place_code""")
    assert [(r["place_name"], r["place_code"], r["year"], r["value_text"]) for r in rows] == [
        ("川汇区", "411602", 2022, "41236000000"), ("鹿邑县", "411628", 2023, "38650000000")]
    assert all(r["indicator"] == "gdp" and r["place_level"] == "county"
               and r["place_parents"] == ["河南省", "周口市"] for r in rows)
    assert isinstance(rows[0]["value"], Decimal) and rows[0]["value"] == Decimal(41236000000)


def test_adding_the_same_records_again_adds_nothing(records: list[dict[str, Any]],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "twice.duckdb"
    first = build(records, path)
    counts = _rows(path, "SELECT (SELECT count(*) FROM documents) AS d, "
                         "(SELECT count(*) FROM facts) AS f, (SELECT count(*) FROM entities) "
                         "AS e, (SELECT count(*) FROM checks) AS c")
    second = build(records, path)
    assert (first.added, second.added, second.skipped) == (len(records), 0, len(records))
    assert _rows(path, "SELECT (SELECT count(*) FROM documents) AS d, "
                       "(SELECT count(*) FROM facts) AS f, (SELECT count(*) FROM entities) "
                       "AS e, (SELECT count(*) FROM checks) AS c") == counts
    assert [r["added"] for r in _rows(path, "SELECT added FROM runs ORDER BY run")] == \
        [len(records), 0]


def test_a_memory_limit_too_small_to_merge_still_keeps_the_documents(
        records: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 236,000 facts, DuckDB's 64MB could not hold the merged view's groups
    (docs/scale.md): the build is whole, only the count is left to a later query."""
    import duckdb

    from zhfacts.table import builder

    opened = builder.open_database

    class Tight:  # the connection, with the merged view over its memory
        def __init__(self, connection: Any) -> None:
            self.connection = connection

        def execute(self, sql: str, *args: Any) -> Any:
            if "FROM merged_facts" in sql:
                raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block")
            return self.connection.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.connection, name)

    monkeypatch.setattr(builder, "open_database",
                        lambda *a, **k: Tight(opened(*a, **k)))
    path = tmp_path / "tight.duckdb"
    summary = build(records, path, memory_limit="64MB")
    assert summary.added == len(records) and summary.failed == 0
    assert "merged rows not counted" in summary.line() and "MiB" in summary.line()
    monkeypatch.undo()
    assert _rows(path, "SELECT count(*) AS n FROM merged_facts")[0]["n"] > 0


# ------------------------------------------------------------------ merging, on small records


def _record(identifier: str, facts: list[dict[str, Any]], date: str | None = "2023-03",
            place: str | None = "商丘市") -> dict[str, Any]:
    entities = []
    for fact in facts:
        text = fact.pop("written")
        entities.append({"start": fact["end"] - len(text), "end": fact["end"], "text": text,
                         "label": fact.pop("label", "QUANTITY"), "value": fact["value"],
                         "unit": fact["unit"], "qualifier": "="})
    full = [{"qualifier": "=", "per": None, "change": None, "time": "2022", "place": "商丘市",
             "start": 0, "sentence": "", "sentence_start": 0, "sentence_end": 0, **fact}
            for fact in facts]
    return {"id": identifier, "schema_version": "1", "entities": entities, "facts": full,
            "checks": [], "context": {"date": date, "place": place}}


def _fact(metric: str, value: str, written: str, unit: str = "person", end: int = 10,
          **more: Any) -> dict[str, Any]:
    return {"metric": metric, "value": value, "written": written, "unit": unit, "end": end,
            **more}


def _merged(records: list[dict[str, Any]], tmp_path: Path) -> list[dict[str, Any]]:
    connection = open_database(None)
    build_into(connection, records)
    try:
        return _rows(connection, "SELECT * FROM merged_facts ORDER BY metric_key, value_text")
    finally:
        connection.close()


def test_values_agree_at_their_written_precision(tmp_path: Path) -> None:
    rows = _merged([_record("a", [_fact("低保对象", "306000", "30.6万人")]),
                    _record("b", [_fact("低保对象", "306012", "306012人")])], tmp_path)
    assert len(rows) == 1 and rows[0]["status"] == "agree"
    assert rows[0]["value_text"] == "306012"  # the more precise figure
    rows = _merged([_record("a", [_fact("低保对象", "306000", "30.6万人")]),
                    _record("b", [_fact("低保对象", "307000", "30.7万人")])], tmp_path)
    assert [r["status"] for r in rows] == ["conflict"]


def test_values_too_large_for_the_decimal_compare_as_exact_text(tmp_path: Path) -> None:
    huge, other = "1" + "0" * 24, "2" + "0" * 24
    rows = _merged([_record("a", [_fact("存量", huge, "100万亿亿元", "CNY", label="MONEY")]),
                    _record("b", [_fact("存量", huge, "100万亿亿元", "CNY", label="MONEY")])],
                   tmp_path)
    assert [(r["status"], r["value_text"]) for r in rows] == [("agree", huge)]
    rows = _merged([_record("a", [_fact("存量", huge, "100万亿亿元", "CNY", label="MONEY")]),
                    _record("b", [_fact("存量", other, "200万亿亿元", "CNY", label="MONEY")])],
                   tmp_path)
    assert {r["status"] for r in rows} == {"conflict"}


def test_a_later_document_revises_an_earlier_one(tmp_path: Path) -> None:
    early = _record("bulletin", [_fact("地区生产总值", "41236000000", "412.36亿元", "CNY",
                                       label="MONEY")], date="2023-03")
    late = _record("yearbook", [_fact("GDP", "41580000000", "415.8亿元", "CNY",
                                      label="MONEY")], date="2024-01")
    rows = _merged([late, early], tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert (row["status"], row["value_text"], row["metric_key"]) == \
        ("revised", "41580000000", "地区生产总值")
    assert [(s["document_id"], s["superseded"]) for s in row["sources"]] == \
        [("bulletin", True), ("yearbook", False)]
    same_day = _record("yearbook", [_fact("GDP", "41580000000", "415.8亿元", "CNY",
                                          label="MONEY")], date="2023-03")
    assert [r["status"] for r in _merged([early, same_day], tmp_path)] == ["conflict"]
    undated = _record("yearbook", [_fact("GDP", "41580000000", "415.8亿元", "CNY",
                                         label="MONEY")], date=None)
    assert [r["status"] for r in _merged([early, undated], tmp_path)] == ["conflict"]


def test_a_metric_a_page_gives_several_values_merges_by_value_only(tmp_path: Path) -> None:
    page = [_fact("发放资金", "890000000", "8.9亿元", "CNY", end=10, label="MONEY"),
            _fact("发放资金", "810000000", "8.1亿元", "CNY", end=20, label="MONEY")]
    other = [_fact("发放资金", "810000000", "8.1亿元", "CNY", end=10, label="MONEY"),
             _fact("发放资金", "340000000", "3.4亿元", "CNY", end=20, label="MONEY")]
    rows = _merged([_record("a", page), _record("b", other)], tmp_path)
    assert [(r["value_text"], r["status"], r["ambiguous"], r["source_count"]) for r in rows] == [
        ("340000000", "single", True, 1), ("810000000", "agree", True, 2),
        ("890000000", "single", True, 1)]


def test_a_fact_without_period_or_place_stays_alone(tmp_path: Path) -> None:
    rows = _merged([_record("a", [_fact("补贴", "100", "100人", time=None)]),
                    _record("b", [_fact("补贴", "200", "200人", time=None)]),
                    _record("c", [_fact("补贴", "300", "300人", time="XXXX-03")])], tmp_path)
    assert [(r["status"], r["source_count"]) for r in rows] == [("single", 1)] * 3


# ------------------------------------------------------------------ bad input, schema versions


def test_a_failing_document_is_reported_and_the_rest_is_built(
        records: list[dict[str, Any]], tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    lines = [json.dumps(records[0], ensure_ascii=False), "{not json",
             json.dumps({"id": "broken", "schema_version": "1", "error": "could not read"}),
             json.dumps(records[1], ensure_ascii=False)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reported: list[tuple[str, str]] = []
    path = tmp_path / "mixed.duckdb"
    summary = build([source], path, on_error=lambda i, e: reported.append((i, e)))
    assert (summary.added, summary.failed) == (2, 2)
    assert [i for i, _ in reported] == [f"{source}:2", "broken"]
    assert "not JSON" in reported[0][1]
    errors = _rows(path, "SELECT document_id, error FROM document_errors ORDER BY document_id")
    assert [e["document_id"] for e in errors] == sorted(["broken", f"{source}:2"])
    assert _rows(path, "SELECT count(*) AS n FROM facts")[0]["n"] == \
        len(records[0]["facts"]) + len(records[1]["facts"])
    # A document that failed is tried again; the others are not added twice.
    source.write_text(json.dumps({**records[2], "id": "broken"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    again = build([source], path)
    assert (again.added, again.failed) == (1, 0)
    assert _rows(path, "SELECT error FROM documents WHERE document_id = 'broken'") == \
        [{"error": None}]


def test_a_record_unfit_for_the_columns_fails_alone_and_floats_stay_exact(
        records: list[dict[str, Any]], tmp_path: Path) -> None:
    bad_offset = _record("bad-offset", [_fact("低保对象", "306000", "30.6万人")])
    bad_offset["entities"][0]["start"] = "a"
    bad_value = _record("bad-value", [_fact("低保对象", "１２x", "12人")])
    source = tmp_path / "mixed.jsonl"
    floats = json.dumps(_record("float", [_fact("资金", "0", "12亿元", "CNY", label="MONEY")]),
                        ensure_ascii=False).replace('"value": "0"', '"value": 1234567890.123456789')
    lines = [json.dumps(records[0], ensure_ascii=False), json.dumps(bad_offset),
             json.dumps(bad_value, ensure_ascii=False), floats]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reported: list[tuple[str, str]] = []
    path = tmp_path / "mixed.duckdb"
    summary = build([source], path, on_error=lambda i, e: reported.append((i, e)))
    assert (summary.added, summary.failed) == (2, 2)
    assert [i for i, _ in reported] == ["bad-offset", "bad-value"]
    assert "start is not an integer" in reported[0][1]
    assert _rows(path, "SELECT value_text FROM facts WHERE document_id = 'float'") == \
        [{"value_text": "1234567890.123456789"}]


def test_another_schema_version_is_refused_never_overwritten(database: Path,
                                                             tmp_path: Path) -> None:
    import duckdb

    old = tmp_path / "old.duckdb"
    shutil.copy(database, old)
    connection = duckdb.connect(str(old))
    connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    connection.close()
    before = old.read_bytes()
    with pytest.raises(TableError, match=r"schema version 0 .* this zhfacts reads and writes "
                                         r"version 1.*left untouched"):
        build([str(COPIES)], old)
    assert old.read_bytes() == before
    with pytest.raises(TableError, match="schema version 0"):
        connect(old)


def test_without_duckdb_the_table_says_how_to_install_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb fails
    with pytest.raises(TableError, match=r"zhfacts\[table\]"):
        open_database(tmp_path / "facts.duckdb")
    assert not (tmp_path / "facts.duckdb").exists()


def test_a_file_that_is_not_a_zhfacts_table_is_refused(tmp_path: Path) -> None:
    import duckdb

    text = tmp_path / "notes.duckdb"
    text.write_text("my notes, not a database\n", encoding="utf-8")
    with pytest.raises(TableError, match="cannot open as a DuckDB database"):
        build([], text)
    assert text.read_text(encoding="utf-8") == "my notes, not a database\n"
    other = tmp_path / "other.duckdb"
    connection = duckdb.connect(str(other))
    connection.execute("CREATE TABLE mine (x INTEGER)")
    connection.close()
    with pytest.raises(TableError, match="not a zhfacts table"):
        build([], other)


def test_records_alone_never_load_the_pipeline(records: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    from zhfacts.io.bulk import PipelineConfig

    def refuse(self: PipelineConfig) -> None:
        raise AssertionError("the pipeline was loaded")

    monkeypatch.setattr(PipelineConfig, "load", refuse)
    assert build(records[:2], tmp_path / "r.duckdb", workers=2).added == 2


# ------------------------------------------------------------------ command line


@pytest.fixture(scope="module")
def records_file(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
                 ) -> Path:
    path = tmp_path_factory.mktemp("records") / "out.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_table_command_builds_and_exports(records_file: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from zhfacts.io.cli import main

    db, html, csv_path, parquet = (tmp_path / n for n in ("f.duckdb", "f.html", "f.csv",
                                                         "f.parquet"))
    assert main(["table", str(records_file), "-o", str(db), "--html", str(html), "--csv",
                 str(csv_path), "--parquet", str(parquet)]) == 0
    out = capsys.readouterr()
    assert "11 documents added (0 failed), 0 already there" in out.out
    assert "1 conflicts" in out.out and out.err == ""
    rows = _rows(db, "SELECT count(*) AS n FROM merged_facts")[0]["n"]
    data = csv_path.read_bytes()
    assert data.startswith("\ufeff".encode()) and data.decode("utf-8").count("\n") >= rows + 1
    connection = duckdb.connect()
    exported = connection.execute(
        f"SELECT value, value_text, sources FROM read_parquet('{parquet}') "
        "WHERE metric_key = '地区生产总值' AND value_text = '41236000000'").fetchall()
    connection.close()
    assert exported[0][0] == Decimal("41236000000") and exported[0][2][0]["figure_text"]
    # From the database alone: the page and a query.
    assert main(["table", "-o", str(db), "--sql",
                 "SELECT metric_key, status FROM merged_facts WHERE status = 'conflict'"]) == 0
    assert "| 特困人员 | conflict |" in capsys.readouterr().out
    # Adding again adds nothing.
    assert main(["table", str(records_file), "-o", str(db)]) == 0
    assert "0 documents added (0 failed), 11 already there" in capsys.readouterr().out


def test_table_command_usage_errors(database: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from zhfacts.io.cli import main

    assert main(["table"]) == 2
    assert main(["table", str(COPIES)]) == 2  # nothing to write
    assert main(["table", "-o", str(tmp_path / "missing.duckdb")]) == 2
    assert "no such table database" in capsys.readouterr().err
    old = tmp_path / "old.duckdb"
    shutil.copy(database, old)
    connection = duckdb.connect(str(old))
    connection.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    connection.close()
    before = old.read_bytes()
    assert main(["table", str(COPIES), "-o", str(old)]) == 2
    assert "schema version 2" in capsys.readouterr().err
    assert old.read_bytes() == before
    bad = tmp_path / "bad-indicators.json"
    bad.write_text("{\"indicators\": [{\"id\": \"x\"}]}", encoding="utf-8")
    assert main(["table", str(COPIES), "--indicators", str(bad), "--html",
                 str(tmp_path / "x.html")]) == 2


def test_table_command_extracts_documents_and_reports_failures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from zhfacts.io.cli import main

    good = tmp_path / "good.txt"
    good.write_text("2022年，全市共认定低保对象30.6万人，发放资金8.9亿元。", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "docs.duckdb"
    assert main(["table", str(good), str(missing), "-o", str(db), "--date", "2023-03",
                 "--place", "商丘市"]) == 1
    out = capsys.readouterr()
    assert f"zhfacts table: {missing}: cannot read" in out.err
    assert "1 documents added (1 failed)" in out.out
    rows = _rows(db, "SELECT metric_key, place_code, period, value_text FROM merged_facts "
                     "ORDER BY metric_key")
    assert ("最低生活保障对象", "411400", "2022", "306000") in \
        [tuple(r.values()) for r in rows]
    document = _rows(db, f"SELECT date, place_code, sha256, characters FROM documents "
                         f"WHERE document_id = '{good}'")[0]
    assert (document["date"], document["place_code"], document["characters"]) == \
        ("2023-03", "411400", len(good.read_text("utf-8")))
    assert document["sha256"] and len(document["sha256"]) == 64


# ------------------------------------------------------------------ Python helpers


def test_query_gives_plain_rows_and_connect_gives_duckdb(database: Path) -> None:
    rows = query(database, "SELECT value, sources FROM merged_facts WHERE value IS NOT NULL "
                           "LIMIT 1")
    assert isinstance(rows[0]["value"], Decimal) and isinstance(rows[0]["sources"], list)
    connection = connect(database)
    try:
        pytest.importorskip("pyarrow")
        table = connection.sql("SELECT metric_key FROM merged_facts").to_arrow_table()
        assert table.num_rows == _rows(database, "SELECT count(*) AS n FROM merged_facts"
                                       )[0]["n"]
    finally:
        connection.close()


# ------------------------------------------------------------------ Parquet parts (Dask)


def test_parts_of_the_dask_path_give_the_same_table(records: list[dict[str, Any]],
                                                    database: Path, tmp_path: Path) -> None:
    import dask
    import dask.bag

    from zhfacts.io.cluster import write_table_parts
    from zhfacts.table.parts import open_parts

    parts = tmp_path / "parts"
    with dask.config.set(scheduler="synchronous"):
        totals = write_table_parts(dask.bag.from_sequence(records, npartitions=3), str(parts))
    assert totals == {"documents": len(records), "failed": 0,
                      "facts": sum(len(r["facts"]) for r in records), "parts": 3}
    merged = ("SELECT metric_key, place_key, period, qualifier, unit, per, change, status, "
              "value_text, source_count FROM merged_facts ORDER BY ALL")
    local = _rows(database, merged)
    connection = open_parts(parts)
    try:
        assert _rows(connection, merged) == local
    finally:
        connection.close()
    imported = tmp_path / "imported.duckdb"
    first = build([parts], imported)
    assert (first.added, first.skipped) == (len(records), 0)
    assert _rows(imported, merged) == local
    again = build([parts], imported)
    assert (again.added, again.skipped) == (0, len(records))
    # parts and the same records in one build: every document once
    same = tmp_path / "same.jsonl"
    same.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    both = build([parts, same], tmp_path / "both.duckdb")
    assert (both.added, both.skipped, both.documents_in_table) == \
        (len(records), len(records), len(records))


def test_dask_parts_extract_documents(nlp: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import dask
    import dask.bag

    import zhfacts.io.bulk as bulk
    from zhfacts.io.bulk import PipelineConfig
    from zhfacts.io.cluster import write_table_parts
    from zhfacts.table.parts import open_parts

    monkeypatch.setattr(bulk, "_worker_pipeline", (PipelineConfig(), nlp))  # loaded once
    documents = [{"id": "a", "text": "2022年，全市共认定低保对象30.6万人。", "date": "2023-03",
                  "place": "商丘市"}, {"id": "b", "text": None}]
    with dask.config.set(scheduler="synchronous"):
        totals = write_table_parts(dask.bag.from_sequence(documents, npartitions=1),
                                   str(tmp_path / "parts"))
    assert (totals["documents"], totals["failed"]) == (2, 1)
    connection = open_parts(tmp_path / "parts")
    try:
        assert _rows(connection, "SELECT metric_key, value_text FROM merged_facts") == \
            [{"metric_key": "最低生活保障对象", "value_text": "306000"}]
    finally:
        connection.close()


# ------------------------------------------------------------------ the page


@pytest.fixture(scope="module")
def page(database: Path) -> str:
    from zhfacts.table import render_html

    connection = connect(database)
    try:
        return render_html(connection, title="zhfacts table: corpora")
    finally:
        connection.close()


def test_page_is_self_contained(page: str) -> None:
    lowered = page.lower()
    assert "<script src" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "http://" not in lowered and "https://" not in lowered and "url(" not in lowered
    assert '<meta charset="utf-8">' in page and "<svg" in page


def test_page_links_every_value_to_its_sentence(page: str) -> None:
    anchors = set(re.findall(r'id="(src-[^"]+)"', page))
    links = set(re.findall(r'href="#(src-[^"]+)"', page))
    assert links and links <= anchors
    assert "<mark>46960人</mark>" in page and "<mark>47960人</mark>" in page


def _browser() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.mark.browser
def test_table_page_renders_in_headless_chromium(page: str, tmp_path: Path) -> None:
    """Open the page in Debian's Chromium and read what it drew: the table,
    a chart with its lines and points, the conflict highlighted in both, the
    search box filtering rows, and a value's link landing on its sentence."""
    found = _browser()
    if found is None:
        if os.environ.get("ZHFACTS_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required (apt install chromium "
                        "chromium-driver fonts-noto-cjk)")
        pytest.skip("no chromium / chromedriver on this machine")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path = tmp_path / "table.html"
    path.write_text(page, encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=found[1])
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.set_window_size(1400, 1000)
        browser.get(path.as_uri())
        assert browser.title == "zhfacts table: corpora"
        rows = browser.find_elements(By.CSS_SELECTOR, "#merged tbody tr")
        assert len(rows) > 100 and rows[0].is_displayed()
        # The conflict: first row, highlighted, both values shown.
        first = rows[0]
        assert "conflict" in (first.get_attribute("class") or "")
        assert "特困人员" in first.text and "46960" in first.text and "47960" in first.text
        background = first.find_element(By.TAG_NAME, "td").value_of_css_property(
            "background-color")
        assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        # The chart shown first is the conflict's, with its red points.
        charts = [c for c in browser.find_elements(By.CSS_SELECTOR, "figure.chart")
                  if c.is_displayed()]
        assert len(charts) == 1
        red = charts[0].find_elements(By.CSS_SELECTOR, "circle.conflict")
        assert len(red) == 3 and all(c.is_displayed() for c in red)
        # Another metric's chart: a line through its points, by place.
        select = Select(browser.find_element(By.ID, "chart-metric"))
        labels = [o.text for o in select.options]
        select.select_by_visible_text(next(t for t in labels if t.startswith("社会消费品零售总额")))
        chart = next(c for c in browser.find_elements(By.CSS_SELECTOR, "figure.chart")
                     if c.is_displayed())
        assert "社会消费品零售总额" in chart.text
        assert chart.find_elements(By.CSS_SELECTOR, "circle.point")
        assert len(chart.find_elements(By.CSS_SELECTOR, "text.legend")) >= 2
        assert chart.find_element(By.TAG_NAME, "svg").size["width"] > 300
        # The search box filters rows (read in one script call, not one per row).
        visible = ("return Array.from(document.querySelectorAll('#merged tbody tr'))"
                   ".filter(r => r.offsetParent !== null).map(r => r.innerText)")
        box = browser.find_element(By.ID, "search")
        box.send_keys("地区生产总值 川汇区")
        shown = browser.execute_script(visible)
        assert shown and all("地区生产总值" in r and "川汇区" in r for r in shown)
        assert len(shown) < len(rows)
        assert browser.find_element(By.ID, "shown").text == str(len(shown))
        box.clear()
        browser.find_element(By.ID, "only-conflicts").click()
        assert [r.split()[0] for r in browser.execute_script(visible)] == ["特困人员"]
        # A value's link lands on its sentence, the figure marked in it.
        link = first.find_element(By.CSS_SELECTOR, "a.conflict-value")
        link.click()
        target = browser.find_element(By.ID, link.get_attribute("href").rsplit("#", 1)[1])
        assert target.find_element(By.TAG_NAME, "mark").text == link.text + "人"
    finally:
        browser.quit()


# ------------------------------------------------------------------ docs/table.md


def _questions() -> list[tuple[str, str, str]]:
    """(title, SQL, answer table) of each numbered question of docs/table.md."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.findall(r"^### (\d\. .+?)\n.*?```sql\n(.*?)```\n\n(\|.*?)\n\n", text,
                       re.S | re.M)
    return [(title, sql, answer) for title, sql, answer in found]


def test_docs_show_five_questions() -> None:
    assert len(_questions()) == 5


@pytest.mark.parametrize("number", range(5))
def test_docs_questions_give_the_answers_shown(number: int, database: Path) -> None:
    title, sql, answer = _questions()[number]
    got = format_rows(_rows(database, sql))
    assert got == answer.strip(), f"{title}: docs/table.md shows another answer:\n{got}"


def test_docs_describe_every_column() -> None:
    from zhfacts.table.merge import VIEWS
    from zhfacts.table.schema import COLUMNS

    text = DOCS.read_text(encoding="utf-8")
    missing = [f"{table}.{column.name}" for table, columns in COLUMNS.items()
               for column in columns if f"| `{column.name}` |" not in text]
    assert not missing, f"docs/table.md does not describe {missing}"
    assert all(f"| `{view}` |" in text for view in VIEWS)


def test_a_stopped_build_keeps_what_it_committed_and_a_rerun_adds_the_rest(
        records: list[dict[str, Any]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import zhfacts.table.builder as builder

    path = tmp_path / "stopped.duckdb"
    real = builder.rows_of_record
    seen: list[str] = []

    def stop_at_the_fifth(record: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(record["id"])
        if len(seen) == 5:
            raise KeyboardInterrupt
        return real(record, *args, **kwargs)

    monkeypatch.setattr(builder, "rows_of_record", stop_at_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        build(records, path, batch_documents=2)
    assert [r["document_id"] for r in _rows(path, "SELECT document_id FROM documents "
                                                  "ORDER BY seq")] == seen[:4]
    monkeypatch.setattr(builder, "rows_of_record", real)
    rest = build(records, path)
    assert (rest.added, rest.skipped) == (len(records) - 4, 4)
    assert _rows(path, "SELECT count(*) AS n FROM facts")[0]["n"] == \
        sum(len(r["facts"]) for r in records)


def test_page_and_exports_of_an_empty_table(tmp_path: Path) -> None:
    from zhfacts.table import export_csv, export_parquet, render_html

    connection = open_database(None)
    try:
        html = render_html(connection)
        assert "No series to chart." in html and "0 documents" in html
        assert export_csv(connection, tmp_path / "e.csv") == 0
        assert export_parquet(connection, tmp_path / "e.parquet") == 0
    finally:
        connection.close()
    assert (tmp_path / "e.csv").read_text("utf-8-sig").startswith("row_id,metric_key")


def test_the_merge_never_computes_in_floating_point() -> None:
    connection = open_database(None)
    try:
        for view in ("merged_facts", "conflicts", "revisions"):
            plan = connection.execute(f"EXPLAIN SELECT * FROM {view}").fetchall()[0][1]
            assert "DOUBLE" not in plan and "FLOAT" not in plan, view
    finally:
        connection.close()


def test_a_facts_former_place_name_keys_to_todays_division() -> None:
    record = extract("襄樊市今年完成采购项目35个。", "2009-06-10")
    resolver = PlaceResolver()
    known = resolver.of_record(record)
    [fact] = record["facts"]
    assert fact["place"] == "襄樊市"
    key = resolver.resolve(fact["place"], None, known)
    assert key is not None and (key.name, key.code) == ("襄阳市", "420600")
