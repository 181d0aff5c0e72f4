"""The command line: formats, error records, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from conftest import SEED
from zhfacts.io.cli import main


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zhfacts.io.cli", *args], input=stdin,
                          capture_output=True, text=True)


def test_extract_seed_page_to_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED), "-o", str(out), "--date", "2023-03",
                 "--place", "商丘市", "--no-progress"]) == 0
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["id"] == str(SEED)
    values = {(e["text"], e.get("value"), e.get("unit")) for e in record["entities"]}
    assert ("8.9亿元", "890000000", "CNY") in values
    assert ("30.6 万\n人", "306000", "person") in values
    assert ("市民政局", None, None) in values  # a GOV entity


def test_bad_documents_get_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("发放资金8.9亿元", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    lines = tmp_path / "docs.jsonl"
    lines.write_text('{"id": "a", "text": "2022年", "date": "2023"}\nnot json\n{"id": "b"}\n'
                     '{"id": "c", "text": "去年", "date": "yesterday"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(corpus), str(lines), str(tmp_path / "missing.txt"), "-o",
                 str(out), "--no-progress"])
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert code == 1
    assert [r["id"] for r in records] == [
        str(corpus / "bad.txt"), str(corpus / "good.txt"), "a", f"{lines}:2", "b", "c",
        str(tmp_path / "missing.txt")]
    errors = {r["id"]: r.get("error", "") for r in records}
    assert "UTF-8" in errors[str(corpus / "bad.txt")]
    assert errors[str(corpus / "good.txt")] == "" and errors["a"] == ""
    assert "not JSON" in errors[f"{lines}:2"] and "text" in errors["b"]
    assert "E003" in errors["c"] and "cannot read" in errors[str(tmp_path / "missing.txt")]


def test_jsonl_line_context_wins_over_the_command_line(tmp_path: Path) -> None:
    lines = tmp_path / "docs.jsonl"
    lines.write_text('{"id": "a", "text": "去年", "date": "2020"}\n{"id": "b", "text": "去年"}\n',
                     encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(lines), "--date", "2023", "-o", str(out), "--no-progress"]) == 0
    values = [json.loads(line)["entities"][0]["value"]
              for line in out.read_text("utf-8").splitlines()]
    assert values == ["2019", "2022"]


def test_stdin_and_csv() -> None:
    result = _run("extract", "-", "--format", "csv", stdin="发放资金8.9亿元\n")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["label"], r["text"], r["value"], r["unit"]) for r in rows] == [
        ("stdin", "MONEY", "8.9亿元", "890000000", "CNY")]


def test_csv_keeps_documents_without_entities_and_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    out = tmp_path / "out.csv"
    assert main(["extract", str(tmp_path), "--format", "csv", "-o", str(out),
                 "--no-progress"]) == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(Path(r["id"]).name, bool(r["error"])) for r in rows] == [
        ("bad.txt", True), ("empty.txt", False)]


def test_usage_errors_exit_2() -> None:
    assert _run("extract").returncode == 2
    assert _run("extract", "x.txt", "--date", "soon").returncode == 2
    assert _run("nonsense").returncode == 2


def test_evaluate_prints_the_table() -> None:
    result = _run("evaluate", str(SEED.parent), "--markdown")
    assert result.returncode == 0, result.stderr
    assert "| figures | all |" in result.stdout


def test_evaluate_without_context_scores_what_the_text_makes_clear(tmp_path: Path) -> None:
    # A gold document whose context gives a date the text never writes: with the
    # context the year resolves, without it 今年 stays unknown.
    text = "今年全县地区生产总值完成386.5亿元。"
    fact = {"metric": "地区生产总值", "value": "38650000000", "unit": "CNY", "qualifier": "=",
            "time": "2023", "place": "鹿邑县", "per": None, "change": None,
            "start": 9, "end": 17}
    gold = {"id": "t", "text": text, "context": {"date": "2023-03", "place": "鹿邑县"},
            "entities": [], "facts": [fact], "scope": "figures"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    with_context = _run("evaluate", str(tmp_path), "--min-f1", "fact-time=1")
    without = _run("evaluate", str(tmp_path), "--no-context", "--min-f1", "fact-time=1")
    assert with_context.returncode == 0, with_context.stdout + with_context.stderr
    assert "change accuracy 1.000" in with_context.stdout  # (a level, as the gold says)
    assert without.returncode == 1 and "fact time accuracy 0.000" in without.stdout


def test_facts_csv_is_one_clean_row_per_fact(tmp_path: Path) -> None:
    """The seed page as a spreadsheet table: SPEC's columns, one row per fact,
    a byte order mark so spreadsheet programs read the Chinese as UTF-8, and
    a row for a document without facts and for one that failed."""
    from zhfacts.io.output import FACT_COLUMNS

    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff")
    out = tmp_path / "facts.csv"
    assert main(["extract", str(corpus), "--format", "facts-csv", "--date", "2023-03",
                 "--place", "商丘市", "-o", str(out), "--no-progress"]) == 1
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == FACT_COLUMNS
    by_document: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_document.setdefault(Path(row["id"]).name, []).append(row)
    assert [bool(r["error"]) for r in by_document["bad.txt"]] == [True]
    assert [r["metric"] for r in by_document["empty.txt"]] == [""]
    seed = by_document["seed.txt"]
    assert len(seed) >= 40 and all(r["metric"] and r["unit"] for r in seed)
    first = seed[0]
    assert (first["metric"], first["value"], first["unit"], first["time"], first["place"]) == (
        "低保对象", "306000", "person", "2022", "商丘市")
    text = SEED.read_text("utf-8")
    assert all(0 <= int(r["start"]) < int(r["end"]) <= len(text) for r in seed)
    assert "低保对象" in "".join(text[int(first["start"]):int(first["end"])].split())
