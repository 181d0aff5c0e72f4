#!/usr/bin/env python3
"""Run the Microsoft Recognizers-Text Chinese specs against zhfacts and against the peer.

The specs (copied unchanged into ``shared/conformance/recognizers-text/``, see its
README) are scored for zhfacts and for the peer's own Python package
(``recognizers-text-suite``) in the same run, on the same cases, with the same
comparison. docs/conformance.md states the rules; in short:

* Upstream Python runner rules, for both systems: a case whose
  ``NotSupportedByDesign`` contains ``python`` is dropped, a case whose
  ``NotSupported`` contains ``python`` is skipped (case-sensitive substrings).
* NumberModel.json: only cases with exactly one expected result whose ``Text`` is
  the whole ``Input`` (NFKC, strip, lower-case on both sides) are in scope.
  zhfacts: ``parse_number(Input)``; the peer: ``recognize_number``, which must
  return exactly one result with the expected span. Pass = equal as Decimal.
* PercentModel / CurrencyModel / DimensionModel: a case is in scope when every
  expected result has a SPEC unit code, or when it expects nothing; run through
  ``zhfacts.extract`` (the peer: recognize_percentage / _currency / _dimension).
  Pass = the predictions of the file's kind match the expected results one to
  one on (start, end, value as Decimal, SPEC unit code). Expected results are
  rewritten to SPEC conventions (percent-point and per-mille units) and some
  cases are excluded by SPEC convention (a currency name with no amount, the
  upper half of a written range); both rules apply to both systems, and every
  excluded case is listed and still run. Traditional-character cases are
  scored: SPEC section 3 reads traditional numerals like simplified ones.

Usage::

    python benchmarks/conformance.py [--specs DIR] [--json OUT] [--failures]
                                     [--min-overall 0.97] [--markdown] [--no-info]

With ``--min-overall`` the exit status is 1 when zhfacts' overall pass rate is
below the bound or when zhfacts is below the peer on any file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SPECS = REPO.parent / "shared" / "conformance" / "recognizers-text"

NUMBER_FILE = "Number/Chinese/NumberModel.json"
PERCENT_FILE = "Number/Chinese/PercentModel.json"
CURRENCY_FILE = "NumberWithUnit/Chinese/CurrencyModel.json"
DIMENSION_FILE = "NumberWithUnit/Chinese/DimensionModel.json"
SCORED_FILES = (NUMBER_FILE, PERCENT_FILE, CURRENCY_FILE, DIMENSION_FILE)
DATE_FILE = "DateTime/Chinese/DateExtractor.json"
# Informational only: why the other spec files are not scored.
NOT_APPLICABLE = {
    "Number/Chinese/OrdinalModel.json": "ordinals are not figures (SPEC section 2)",
    "Number/Chinese/NumberRangeModel.json": "every case is NotSupported for python",
    "Number/Chinese/NumberRangeModelExperimentalMode.json": "every case is NotSupported"
    " for python",
    "NumberWithUnit/Chinese/AgeModel.json": "ages are optional and not emitted (SPEC section 6)",
    "NumberWithUnit/Chinese/TemperatureModel.json": "SPEC section 3 has no temperature unit",
    "DateTime/Chinese/DateParser.json": "resolution is compared via DateExtractor spans only",
}

# --- unit table: peer unit names -> SPEC section 3 codes ------------------------

# Money is ISO 4217 by SPEC section 3: the expected ``isoCurrency`` is the code
# when present; these names cover results that carry only ``unit``.
CURRENCY_NAMES = {
    "Chinese yuan": "CNY",
    "United States dollar": "USD",
    "Euro": "EUR",
    "Hong Kong dollar": "HKD",
    "Japanese yen": "JPY",
    "British pound": "GBP",
}
# Only the measures SPEC section 3 names. Other measures (Centimeter, Gram, Jin,
# Liang, Bit, ...) have no SPEC code: a case expecting one is out of scope.
DIMENSION_NAMES = {
    "Square meter": "m2",
    "Square kilometer": "km2",
    "Mu": "mu",
    "Hectare": "ha",
    "Cubic meter": "m3",
    "Ton": "t",
    "Kilogram": "kg",
    "Kilometer": "km",
    "Meter": "m",
}
MEASURE_CODES = frozenset({*DIMENSION_NAMES.values(), "kWh"})
PERCENT_CODES = frozenset({"%", "permille", "pp"})
_ISO_4217 = re.compile(r"[A-Z]{3}")

# The right half of a range written X-Y / X至Y: SPEC reads one range figure.
_RANGE_BEFORE = re.compile(
    r"[0-9零〇一二两三四五六七八九十百千万亿%％]\s*[-~至到—–－～]\s*$"
)


def norm(text: str) -> str:
    """NFKC, stripped, lower-cased: how Text relates to Input (conformance README)."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def to_decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def percent_unit(text: str, value: Decimal | None) -> tuple[str | None, Decimal | None]:
    """The SPEC unit of a percent figure from its text, and its value against that unit.

    The peer writes every percent figure as a percentage ("6%" for 六个百分点,
    "0.24%" for 千分之2.4); SPEC keeps the number as written against its unit:
    个百分点 -> pp, 千分之 -> permille, else %. 万分之 and smaller have no SPEC code.
    """
    t = "".join(unicodedata.normalize("NFKC", text).split())
    if "百分点" in t or "百分點" in t:
        return "pp", value
    if t.startswith(("千分之", "仟分之")) or t.endswith("‰"):
        return "permille", None if value is None else value * 10
    if "分之" in t and not t.startswith(("百分之", "佰分之")):
        return None, value
    return "%", value


@dataclass(frozen=True)
class Item:
    """One figure in the comparison form: end exclusive, SPEC unit code."""

    start: int
    end: int
    value: Decimal | None
    unit: str | None
    text: str = ""
    low: Decimal | None = None  # a range's bounds: shown, never compared
    high: Decimal | None = None

    @property
    def key(self) -> tuple[int, int, Decimal | None, str | None]:
        return (self.start, self.end, self.value, self.unit)

    def show(self) -> str:
        if self.value is not None:
            value = format(self.value.normalize(), "f")
        elif self.low is not None and self.high is not None:
            value = f"range {self.low.normalize():f}..{self.high.normalize():f}"
        else:
            value = "no-value"
        return f"{self.text!r}[{self.start}:{self.end}] {value} {self.unit or ''}".rstrip()


@dataclass
class CaseResult:
    index: int
    input: str
    status: str  # "scored", "out-of-scope", "excluded", "skipped"
    reason: str = ""
    expected: list[str] = field(default_factory=list)
    zhfacts_pass: bool | None = None
    zhfacts_got: list[str] = field(default_factory=list)
    peer_pass: bool | None = None
    peer_got: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    file: str
    cases: int = 0
    dropped_by_design: int = 0
    skipped_python: int = 0
    out_of_scope: int = 0
    excluded: int = 0
    excluded_zhfacts_pass: int = 0
    excluded_peer_pass: int = 0
    in_scope: int = 0
    zhfacts_pass: int = 0
    peer_pass: int = 0
    unmapped_units: dict[str, int] = field(default_factory=dict)
    results: list[CaseResult] = field(default_factory=list)

    @property
    def zhfacts_rate(self) -> float:
        return self.zhfacts_pass / self.in_scope if self.in_scope else 1.0

    @property
    def peer_rate(self) -> float:
        return self.peer_pass / self.in_scope if self.in_scope else 1.0


# --- expected results ----------------------------------------------------------------


def expected_item(kind: str, result: dict[str, Any]) -> tuple[Item, str | None]:
    """A spec result in comparison form, and the name of its unit when it has no SPEC code."""
    resolution = result.get("Resolution") or {}
    start, end = int(result["Start"]), int(result["End"]) + 1  # spec End is inclusive
    text = result["Text"]
    raw = resolution.get("value")
    if kind == "percent":
        value = to_decimal(str(raw).rstrip("%")) if raw is not None else None
        unit, value = percent_unit(text, value)
        return Item(start, end, value, unit, text), None if unit else "per-ten-thousand or finer"
    value = to_decimal(raw)
    name = resolution.get("unit", "")
    if kind == "currency":
        code = resolution.get("isoCurrency") or CURRENCY_NAMES.get(name)
    else:
        code = DIMENSION_NAMES.get(name)
    return Item(start, end, value, code, text), None if code else name


def in_kind(kind: str, label: str | None, unit: str | None) -> bool:
    """Whether a prediction is of the kind a spec file models (others are not compared)."""
    if unit is None:
        return False
    if kind == "percent":
        return label in (None, "PERCENT") and unit in PERCENT_CODES
    if kind == "currency":
        return label in (None, "MONEY") and bool(_ISO_4217.fullmatch(unit))
    return label in (None, "QUANTITY") and unit in MEASURE_CODES


# --- systems ---------------------------------------------------------------------------


def zhfacts_items(kind: str, text: str) -> list[Item]:
    import zhfacts

    record = zhfacts.extract(text)
    items = []
    for entity in record["entities"]:
        if not in_kind(kind, entity.get("label"), entity.get("unit")):
            continue
        items.append(Item(entity["start"], entity["end"], to_decimal(entity.get("value")),
                          entity["unit"], entity.get("text", ""),
                          to_decimal(entity.get("low")), to_decimal(entity.get("high"))))
    return items


def peer_functions() -> dict[str, Callable[[str], list[Any]]]:
    try:
        from recognizers_suite import (
            Culture,
            recognize_currency,
            recognize_dimension,
            recognize_number,
            recognize_percentage,
        )
    except ImportError as error:  # pragma: no cover - environment problem
        sys.exit(f"recognizers-text-suite is not installed ({error}); "
                 'run: pip install -e ".[peers]"')

    def bind(function: Callable[..., list[Any]]) -> Callable[[str], list[Any]]:
        return lambda text: function(text, Culture.Chinese)

    return {
        "number": bind(recognize_number),
        "percent": bind(recognize_percentage),
        "currency": bind(recognize_currency),
        "dimension": bind(recognize_dimension),
    }


def peer_items(kind: str, results: Iterable[Any]) -> list[Item]:
    items = []
    for result in results:
        resolution = result.resolution or {}
        item, _ = expected_item(kind, {
            "Start": result.start, "End": result.end, "Text": result.text,
            "Resolution": resolution,
        })
        if in_kind(kind, None, item.unit):
            items.append(item)
    return items


def one_to_one(expected: list[Item], got: list[Item]) -> bool:
    return Counter(item.key for item in expected) == Counter(item.key for item in got)


# --- the runs ----------------------------------------------------------------------------


def load_cases(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as stream:
        data = json.load(stream)
    if not isinstance(data, list):
        raise SystemExit(f"{path}: not a JSON array")
    return data


def python_filter(cases: list[dict[str, Any]], out: FileResult
                  ) -> list[tuple[int, dict[str, Any]]]:
    """The upstream Python runner's rules: drop NotSupportedByDesign, skip NotSupported."""
    kept = []
    for index, case in enumerate(cases):
        out.cases += 1
        if "python" in (case.get("NotSupportedByDesign") or ""):
            out.dropped_by_design += 1
            continue
        if "python" in (case.get("NotSupported") or ""):
            out.skipped_python += 1
            out.results.append(CaseResult(index, case["Input"], "skipped", "NotSupported python"))
            continue
        kept.append((index, case))
    return kept


def run_number(path: Path, peer: dict[str, Callable[[str], list[Any]]]) -> FileResult:
    import zhfacts

    out = FileResult(NUMBER_FILE)
    for index, case in python_filter(load_cases(path), out):
        text, expected = case["Input"], case["Results"]
        if len(expected) != 1 or norm(expected[0]["Text"]) != norm(text):
            out.out_of_scope += 1
            out.results.append(CaseResult(index, text, "out-of-scope",
                                          "not a single whole-input number"))
            continue
        want = to_decimal(expected[0]["Resolution"]["value"])
        want_item = Item(int(expected[0]["Start"]), int(expected[0]["End"]) + 1, want, None,
                         expected[0]["Text"])
        result = CaseResult(index, text, "scored", expected=[want_item.show()])
        out.in_scope += 1
        try:
            got = zhfacts.parse_number(text)
            result.zhfacts_got = [format(got, "f")]
            result.zhfacts_pass = got == want
        except zhfacts.NumeralError as error:
            result.zhfacts_got = [f"NumeralError: {error}"]
            result.zhfacts_pass = False
        except Exception as error:  # a crash is a failure, and reported as such
            result.zhfacts_got = [f"CRASH {type(error).__name__}: {error}"]
            result.zhfacts_pass = False
        try:
            found = peer["number"](text)
            items = [Item(r.start, r.end + 1, to_decimal((r.resolution or {}).get("value")),
                          None, r.text) for r in found]
            result.peer_got = [item.show() for item in items]
            result.peer_pass = (len(items) == 1 and items[0].value == want
                                and (items[0].start, items[0].end)
                                == (want_item.start, want_item.end))
        except Exception as error:
            result.peer_got = [f"CRASH {type(error).__name__}: {error}"]
            result.peer_pass = False
        out.zhfacts_pass += bool(result.zhfacts_pass)
        out.peer_pass += bool(result.peer_pass)
        out.results.append(result)
    return out


def run_extract(name: str, kind: str, path: Path,
                peer: dict[str, Callable[[str], list[Any]]]) -> FileResult:
    out = FileResult(name)
    unmapped: Counter[str] = Counter()
    for index, case in python_filter(load_cases(path), out):
        text = case["Input"]
        pairs = [expected_item(kind, r) for r in case["Results"]]
        expected = [item for item, _ in pairs]
        missing = [unit for _, unit in pairs if unit]
        unmapped.update(missing)
        shown = [item.show() for item in expected]
        if missing:
            out.out_of_scope += 1
            out.results.append(CaseResult(index, text, "out-of-scope",
                                          "no SPEC unit code: " + ", ".join(sorted(set(missing))),
                                          shown))
            continue
        reason = exclusion(text, expected)
        result = CaseResult(index, text, "excluded" if reason else "scored", reason,
                            expected=shown)
        try:
            got = zhfacts_items(kind, text)
            result.zhfacts_got = [item.show() for item in got]
            result.zhfacts_pass = one_to_one(expected, got)
        except Exception as error:
            result.zhfacts_got = [f"CRASH {type(error).__name__}: {error}"]
            result.zhfacts_pass = False
        try:
            got = peer_items(kind, peer[kind](text))
            result.peer_got = [item.show() for item in got]
            result.peer_pass = one_to_one(expected, got)
        except Exception as error:
            result.peer_got = [f"CRASH {type(error).__name__}: {error}"]
            result.peer_pass = False
        out.results.append(result)
        if reason:  # run for information, not counted
            out.excluded += 1
            out.excluded_zhfacts_pass += bool(result.zhfacts_pass)
            out.excluded_peer_pass += bool(result.peer_pass)
            continue
        out.in_scope += 1
        out.zhfacts_pass += bool(result.zhfacts_pass)
        out.peer_pass += bool(result.peer_pass)
    out.unmapped_units = dict(unmapped.most_common())
    return out


def exclusion(text: str, expected: list[Item]) -> str:
    """Why SPEC convention takes a case out of the score ('' when it does not)."""
    if any(item.value is None for item in expected):
        return "SPEC 2: a currency name without an amount is not a MONEY figure"
    if any(_RANGE_BEFORE.search(text[:item.start]) for item in expected):
        return "SPEC 2/3: the expected figure is the upper bound of a range (one range figure)"
    return ""




def run_dates(path: Path) -> dict[str, Any]:
    """Informational: DateExtractor spans against zhfacts DATE spans and the peer's dates."""
    from recognizers_suite import Culture, recognize_datetime

    import zhfacts

    runnable = zhfacts_ok = peer_ok = 0
    for case in load_cases(path):
        if "python" in (case.get("NotSupportedByDesign") or "") or \
                "python" in (case.get("NotSupported") or ""):
            continue
        runnable += 1
        text = case["Input"]
        want = Counter((r["Start"], r["Start"] + r["Length"]) for r in case["Results"])
        got = Counter((e["start"], e["end"]) for e in zhfacts.extract(text)["entities"]
                      if e["label"] == "DATE")
        zhfacts_ok += got == want
        peer = Counter((r.start, r.end + 1) for r in recognize_datetime(text, Culture.Chinese)
                       if r.type_name.startswith("datetimeV2.date"))
        peer_ok += peer == want
    return {"file": DATE_FILE, "runnable": runnable, "zhfacts_pass": zhfacts_ok,
            "peer_pass": peer_ok,
            "note": "span match only; SPEC DATE differs from the peer's date type"
                    " (weekdays, 最近, lunar dates), so this is not a conformance score"}


# --- reporting ---------------------------------------------------------------------------


def pct(rate: float) -> str:
    return f"{100 * rate:5.1f}%"


def print_table(files: list[FileResult]) -> None:
    header = (f"{'file':<44} {'cases':>5} {'skip':>4} {'oos':>4} {'excl':>4} {'scope':>5}"
              f" {'zhfacts':>13} {'peer':>13}")
    print(header)
    print("-" * len(header))
    for f in files:
        print(f"{f.file:<44} {f.cases:>5} {f.skipped_python:>4} {f.out_of_scope:>4}"
              f" {f.excluded:>4} {f.in_scope:>5} {f.zhfacts_pass:>5} {pct(f.zhfacts_rate)}"
              f" {f.peer_pass:>5} {pct(f.peer_rate)}")
    total = sum(f.in_scope for f in files)
    z = sum(f.zhfacts_pass for f in files)
    p = sum(f.peer_pass for f in files)
    print("-" * len(header))
    print(f"{'overall':<44} {sum(f.cases for f in files):>5}"
          f" {sum(f.skipped_python for f in files):>4} {sum(f.out_of_scope for f in files):>4}"
          f" {sum(f.excluded for f in files):>4} {total:>5}"
          f" {z:>5} {pct(z / total if total else 1)} {p:>5} {pct(p / total if total else 1)}")
    print("columns: skip = NotSupported python (skipped for both), oos = out of scope,"
          " excl = excluded by SPEC convention (listed below)")


def print_markdown_table(files: list[FileResult]) -> None:
    print("| file | cases | skipped (python) | out of scope | excluded | in scope"
          " | zhfacts pass | zhfacts rate | peer pass | peer rate |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [(f.file, f.cases, f.skipped_python, f.out_of_scope, f.excluded, f.in_scope,
             f.zhfacts_pass, f.peer_pass) for f in files]
    rows.append(("**overall**", *(sum(row[i] for row in rows) for i in range(1, 8))))
    for name, cases, skipped, oos, excluded, scope, z, p in rows:
        print(f"| {name} | {cases} | {skipped} | {oos} | {excluded} | {scope} | {z}"
              f" | {pct(z / scope if scope else 1).strip()} | {p}"
              f" | {pct(p / scope if scope else 1).strip()} |")


def print_excluded(files: list[FileResult], verbose: bool) -> None:
    """Excluded cases by reason (both systems run on them for information, not scored)."""
    for f in files:
        groups: dict[str, list[CaseResult]] = {}
        for r in f.results:
            if r.status == "excluded":
                groups.setdefault(r.reason, []).append(r)
        for reason, cases in groups.items():
            z = sum(bool(r.zhfacts_pass) for r in cases)
            p = sum(bool(r.peer_pass) for r in cases)
            print(f"  {f.file}: {len(cases)} excluded, {reason}"
                  f" [not scored; would pass: zhfacts {z}, peer {p}]")
            if verbose:
                for r in cases:
                    print(f"      #{r.index} {short(r.input)}  zhfacts {mark(r.zhfacts_pass)}"
                          f": {'; '.join(r.zhfacts_got) or '(nothing)'}")
            else:
                print("      " + ", ".join(short(r.input, 24) for r in cases))
        if f.unmapped_units:
            units = ", ".join(f"{name} ({count})" for name, count in f.unmapped_units.items())
            print(f"  {f.file}: out of scope, no SPEC unit code: {units}")


def short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def mark(ok: bool | None) -> str:
    return "pass" if ok else "fail"


def print_failures(files: list[FileResult]) -> None:
    for f in files:
        failures = [r for r in f.results if r.status == "scored" and not r.zhfacts_pass]
        if not failures:
            continue
        print(f"\nzhfacts failures in {f.file} ({len(failures)}):")
        for r in failures:
            print(f"  #{r.index} {short(r.input, 120)}")
            print(f"      expected: {'; '.join(r.expected) or '(nothing)'}")
            print(f"      zhfacts:  {'; '.join(r.zhfacts_got) or '(nothing)'}")
            print(f"      peer:     {'; '.join(r.peer_got) or '(nothing)'}"
                  f"  [{mark(r.peer_pass)}]")


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in ("zhfacts", "recognizers-text-suite", "recognizers-text-number"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS,
                        help="the recognizers-text spec directory"
                             " (default: ../shared/conformance/recognizers-text from the repo)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write all results as JSON")
    parser.add_argument("--failures", action="store_true", help="print every zhfacts failure")
    parser.add_argument("--min-overall", type=float, metavar="RATE",
                        help="exit 1 if zhfacts' overall rate is below RATE or below the peer"
                             " on any file")
    parser.add_argument("--markdown", action="store_true",
                        help="print the per-file table as Markdown (for docs/conformance.md)")
    parser.add_argument("--no-info", action="store_true",
                        help="skip the informational DateExtractor run")
    args = parser.parse_args(argv)
    specs: Path = args.specs.resolve()
    for name in SCORED_FILES:
        if not (specs / name).is_file():
            parser.error(f"spec file not found: {specs / name}")

    started = time.perf_counter()
    peer = peer_functions()
    files = [
        run_number(specs / NUMBER_FILE, peer),
        run_extract(PERCENT_FILE, "percent", specs / PERCENT_FILE, peer),
        run_extract(CURRENCY_FILE, "currency", specs / CURRENCY_FILE, peer),
        run_extract(DIMENSION_FILE, "dimension", specs / DIMENSION_FILE, peer),
    ]
    print(f"specs: {specs}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    print()
    if args.markdown:
        print_markdown_table(files)
    else:
        print_table(files)
    print()
    print_excluded(files, args.failures)
    info: dict[str, Any] = {}
    if not args.no_info and (specs / DATE_FILE).is_file():
        info["dates"] = run_dates(specs / DATE_FILE)
        d = info["dates"]
        print(f"\ninformational, not scored: {DATE_FILE}: {d['runnable']} runnable cases, "
              f"span match zhfacts {d['zhfacts_pass']}, peer {d['peer_pass']} ({d['note']})")
    info["not_applicable"] = NOT_APPLICABLE
    for name, why in NOT_APPLICABLE.items():
        if (specs / name).is_file():
            print(f"not run: {name}: {why}")
    if args.failures:
        print_failures(files)

    total = sum(f.in_scope for f in files)
    overall = sum(f.zhfacts_pass for f in files) / total if total else 1.0
    peer_overall = sum(f.peer_pass for f in files) / total if total else 1.0
    print(f"\noverall: zhfacts {pct(overall).strip()}, peer {pct(peer_overall).strip()}"
          f" on {total} in-scope cases ({time.perf_counter() - started:.1f} s)")

    if args.json:
        payload = {
            "specs": str(specs),
            "versions": versions(),
            "overall": {"in_scope": total, "zhfacts_rate": overall, "peer_rate": peer_overall},
            "files": [
                {**{k: v for k, v in asdict(f).items() if k != "results"},
                 "zhfacts_rate": f.zhfacts_rate, "peer_rate": f.peer_rate,
                 "results": [asdict(r) for r in f.results]}
                for f in files
            ],
            "info": info,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")

    if args.min_overall is not None:
        problems = []
        if overall < args.min_overall:
            problems.append(f"zhfacts overall {overall:.4f} < {args.min_overall}")
        problems += [f"{f.file}: zhfacts {f.zhfacts_rate:.4f} < peer {f.peer_rate:.4f}"
                     for f in files if f.zhfacts_rate < f.peer_rate]
        for problem in problems:
            print(f"FAIL: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
