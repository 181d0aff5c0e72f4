"""Consistency checks: do a page's figures add up and agree with each other?

An analyst trusts a table of facts more when the page's own arithmetic
holds, and needs to know where it does not. Three checks, each a typed
:class:`~zhfacts.results.Check` that says what it compared (``expected``
against ``observed`` within ``tolerance``), whether it held, and why:

- ``sum``: parts that a sentence gives after 其中 add up to the total written
  before it, at the precision the figures are written in (其中农村 28.7万 + 城市
  1.9万 = 30.6万; 8.1亿 + 8038.6万 = 890,386,000, which is 8.9亿 to the
  written 0.1亿), when they name every member of a series that makes a whole
  (第一、第二、第三产业; 城镇、农村: ``data/check_rules.json``); other parts
  (其中 highlights some of a total; 超10亿元的6户 inside 超亿元的58户) must
  only not exceed it.
- ``repeat``: a figure in a summary box (●), headline or caption that repeats
  a figure of the article body must have the same value. A box figure with
  a twin of equal value passes (the classifier may differ: 266处 / 266个); a
  box figure whose fact names the same metric, place and unit as a body
  fact of another value, for the same time (or none of its own: a headline
  is dated by the document) fails: the page contradicts itself.
- ``range``: a share (率, 比重, 占比) written as a percentage lies in 0–100 %.

Pure functions over the :class:`~zhfacts.page.page.Page`, its figures and its
facts; every position is the page's (clean for scanning, original in the
results).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from zhfacts.datafiles import read_data_json
from zhfacts.numbers.numerals import canonical
from zhfacts.page.page import SENTENCE_ENDS, Page
from zhfacts.page.textmap import clean, traditional_fold
from zhfacts.results import Check, Fact, Figure, Mention

_AMOUNTS = ("MONEY", "QUANTITY")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")
_SHARE_ENDS = ("率", "比重", "占比", "比例")
#: What follows a figure that names a class of things rather than an amount.
_CLASS_AFTER = ("的", "以上", "以下", "以内")
#: Parts of an enumeration after 其中 end at a semicolon as well as a sentence end.
_PART_ENDS = SENTENCE_ENDS + "；;"


def check_document(page: Page, mentions: Sequence[Mention], facts: Sequence[Fact]
                   ) -> list[Check]:
    """Every check of one page, in text order of the figures involved."""
    # A table's rows are neither sentences with 其中 nor summary boxes: its
    # cells are checked by what they state (the share ranges), not by layout.
    figures = sorted((m for m in mentions if isinstance(m, Figure) and m.value is not None
                      and (not page.tables or page.in_table(m.start, m.end) is None)),
                     key=lambda figure: figure.start)
    checks = _sums(page, figures) + _repeats(page, figures, facts) + _ranges(facts)
    return sorted(checks, key=lambda check: check.figures[0].start if check.figures else 0)


def written_step(figure: Figure) -> Decimal:
    """The precision a figure is written in, in its base unit: 8.9亿元 -> 10,000,000
    (one decimal of 亿); 46960人 -> 1. Figures written in Chinese numerals
    count as exact (step 1)."""
    match = _NUMBER.search(clean(figure.text).text)
    if match is None or figure.value is None:
        return Decimal(1)
    number = Decimal(match.group(0).replace(",", ""))
    if number == 0:
        return Decimal(1)
    decimals = len(match.group(1) or "")
    scale = figure.value / number
    return scale.scaleb(-decimals)


def _sums(page: Page, figures: list[Figure]) -> list[Check]:
    cleaned = page.clean
    ctext = cleaned.text
    markers = [m.start() for m in re.finditer("其中", ctext)]
    if not markers:
        return []
    # Where parts and sentences end, found once; every marker then looks its
    # scope up by bisection (no rescan of the text per 其中).
    part_ends = [i for i, char in enumerate(ctext) if char in _PART_ENDS or char == "\n"]
    sentence_ends = [s.clean_end for s in page.sentences]
    # Rates (人均, 每月) do not add up: only plain amounts are summed.
    # Nor do thresholds that name a class (超10亿元的 | 6户; 5000万元以上 | 项目).
    amounts = [f for f in figures if f.label in _AMOUNTS and not f.per
               and not ctext.startswith(_CLASS_AFTER, cleaned.to_clean(f.end))]
    starts = [f.start for f in amounts]
    checks: list[Check] = []
    for index, position in enumerate(markers):
        # A scope never reaches past the 其中 before or after it, so each
        # figure is looked at for one marker at most.
        previous = markers[index - 1] + 2 if index else 0
        following = markers[index + 1] if index + 1 < len(markers) else len(ctext)
        k = bisect_left(part_ends, position)
        start = part_ends[k - 1] + 1 if k else 0
        end = part_ends[k] if k < len(part_ends) else len(ctext)
        if not ctext[start:position].strip("，, "):
            # 其中 opens a sentence: the total is in the one before, the parts
            # run to the sentence end (其中，第一产业…；第二产业…；第三产业…。)
            start = part_ends[k - 2] + 1 if k >= 2 else 0
            j = bisect_left(sentence_ends, position + 1)
            end = sentence_ends[j] if j < len(sentence_ends) else len(ctext)
        start, end = max(start, previous), min(end, following)
        origin = cleaned.to_original
        totals = amounts[bisect_left(starts, origin(start)):bisect_left(starts, origin(position))]
        parts = amounts[bisect_left(starts, origin(position)):bisect_left(starts, origin(end))]
        for unit in dict.fromkeys(f.unit for f in parts):
            same_totals = [f for f in totals if f.unit == unit]
            same_parts = [f for f in parts if f.unit == unit]
            if len(same_totals) != 1:
                continue
            checks.append(_sum_check(same_totals[0], same_parts,
                                     _is_partition(page, same_parts, position)))
    return checks


def _sum_check(total: Figure, parts: list[Figure], partition: bool) -> Check:
    """Parts against their total, at the precision both are written in: each
    figure may be off by half a step of its last written digit, so the sum may
    differ from the total by the sum of those halves. Parts that make up a
    whole (``partition``) must add up to it; other parts must not exceed it."""
    value = total.value if total.value is not None else Decimal(0)
    added = sum((p.value for p in parts if p.value is not None), Decimal(0))
    written = " + ".join(_written(p) for p in parts)
    tolerance = (written_step(total) + sum((written_step(p) for p in parts), Decimal(0))) / 2
    if len(parts) == 1 or not partition:
        ok = added <= value + tolerance
        what = "part" if len(parts) == 1 else "parts (some of the total)"
        over = added - value
        verdict = ("within the total" if over <= 0 else
                   f"over the total by {canonical(over)}, "
                   f"{'within' if ok else 'beyond'} the written precision {canonical(tolerance)}")
        message = (f"{what} {written} = {canonical(added)}; total {_written(total)} = "
                   f"{canonical(value)}: {verdict}")
        return Check("sum", ok, message, (total, *parts), expected=value, observed=added,
                     tolerance=tolerance)
    ok = abs(added - value) <= tolerance
    message = (f"{written} = {canonical(added)}; total {_written(total)} = {canonical(value)}; "
               f"written precision allows {canonical(tolerance)}: "
               f"{'agrees' if ok else 'does not agree'}")
    return Check("sum", ok, message, (total, *parts), expected=value, observed=added,
                 tolerance=tolerance)


def _is_partition(page: Page, parts: list[Figure], marker: int) -> bool:
    """Whether the parts name every member of one series that makes a whole
    (第一、第二、第三产业; 城镇、农村), each in the text between the part
    before it (or 其中, at clean position ``marker``) and its figure."""
    labels = []
    start = marker
    for part in parts:
        end = page.clean.to_clean(part.start)
        labels.append(page.clean.text[start:end])
        start = page.clean.to_clean(part.end)
    for series in rules().partitions:
        if len(series) == len(parts) and all(
                any(member in label for label in labels) for member in series):
            return True
    return False


@dataclass(frozen=True)
class CheckRules:
    partitions: tuple[tuple[str, ...], ...]
    open_rates: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> CheckRules:
    """The check rules of ``data/check_rules.json``."""
    data = read_data_json("check_rules.json")
    return CheckRules(tuple(tuple(series) for series in data["partitions"]),
                      tuple(data["open_rates"]))


def _written(figure: Figure) -> str:
    return "".join(figure.text.split())


def _repeats(page: Page, figures: list[Figure], facts: Sequence[Fact]) -> list[Check]:
    boxes = list(page.summary_boxes)
    box_starts = [b[0] for b in boxes]

    def boxed(figure: Figure) -> bool:
        k = bisect_right(box_starts, figure.start) - 1
        return k >= 0 and figure.start < boxes[k][1]

    # Body figures by value, body facts by what they state: a repeat is
    # looked up, not searched for.
    body: dict[tuple[str, Decimal | None], list[Figure]] = {}
    for figure in figures:
        if not boxed(figure):
            body.setdefault((figure.label, figure.value), []).append(figure)
    fact_of = {(fact.figure.start, fact.figure.end): fact for fact in facts}
    stated: dict[tuple[str, str | None, str], list[Fact]] = {}
    for fact in facts:
        if not boxed(fact.figure):
            stated.setdefault(_statement(fact), []).append(fact)
    checks: list[Check] = []
    for figure in figures:
        if not boxed(figure):
            continue
        twins = [f for f in body.get((figure.label, figure.value), [])
                 if f.unit == figure.unit or _counts(f) and _counts(figure)]
        if twins:
            twin = twins[0]
            checks.append(Check(
                "repeat", True,
                f"{_written(figure)} in a summary or headline agrees with "
                f"{_written(twin)} in the article",
                (figure, twin), expected=twin.value, observed=figure.value))
            continue
        boxed_fact = fact_of.get((figure.start, figure.end))
        if boxed_fact is None:
            continue
        # A headline with no date of its own is dated by the document (its date or year).
        undated = (None, page.context.date,
                   None if page.context.year is None else str(page.context.year))
        rivals = [f for f in stated.get(_statement(boxed_fact), [])
                  if f.value != figure.value and (f.time == boxed_fact.time or
                                                  boxed_fact.time in undated)]
        if rivals:
            rival = rivals[0]
            checks.append(Check(
                "repeat", False,
                f"{boxed_fact.metric} is {_written(figure)} in a summary or headline but "
                f"{_written(rival.figure)} in the article",
                (figure, rival.figure), expected=rival.value, observed=figure.value))
    return checks


def _statement(fact: Fact) -> tuple[str, str | None, str]:
    """What a fact states, without its value and time: a repeat states the
    same (of the same time, unless the box gives none of its own)."""
    return ("".join(fact.metric.split()), fact.place, fact.unit)


def _counts(figure: Figure) -> bool:
    """A count of things with a classifier (个, 处, 家): these may be swapped."""
    return figure.label == "QUANTITY" and len(figure.unit) == 1 and \
        "\u4e00" <= figure.unit <= "\u9fff"


def _ranges(facts: Sequence[Fact]) -> list[Check]:
    checks: list[Check] = []
    for fact in facts:
        value = fact.value
        if fact.unit != "%" or value is None or fact.change:
            continue
        metric = fact.metric.translate(traditional_fold())  # (投資回報率 reads 投资回报率)
        if not metric.endswith(_SHARE_ENDS) or any(
                rate in metric for rate in rules().open_rates):
            continue  # a gross enrolment rate may exceed 100 %
        ok = Decimal(0) <= value <= Decimal(100)
        checks.append(Check(
            "range", ok,
            f"share {fact.metric} = {canonical(value)}% "
            f"{'lies' if ok else 'does not lie'} in 0-100%",
            (fact.figure,), observed=value))
    return checks
