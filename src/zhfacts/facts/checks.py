"""Consistency checks: do a document's figures add up and agree with each other?

An analyst trusts a table of facts more when the page's own arithmetic
holds, and needs to know where it does not. Three checks, each reported as
passed or failed with the figures it involves (original offsets, so the
analyst can look them up):

- ``sum``: parts that a sentence gives after 其中 add up to the total written
  before it, at the precision the total is written in (其中农村 28.7万 + 城市
  1.9万 = 30.6万; 8.1亿 + 8038.6万 = 890,386,000, which is 8.9亿 to the
  written 0.1亿). A single part must not exceed its total.
- ``repeat``: a figure in a summary box (●), headline or caption that repeats
  a figure of the article body must have the same value; the classifier may
  differ (266处 / 266个).
- ``range``: a share (率, 比重, 占比) written as a percentage lies in 0–100 %.

Pure functions over the entity records and facts of :mod:`zhfacts.facts.linker`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from zhfacts.numbers.numerals import canonical
from zhfacts.page.textmap import clean, clean_document

Record = dict[str, Any]
_AMOUNTS = ("MONEY", "QUANTITY")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")
_SHARE_ENDS = ("率", "比重", "占比", "比例")
_BOX_MARKS = "●■◆★▶◎"
_PART_ENDS = "。！？!?；;"
_SENTENCE_ENDS = "。！？!?"


def check_document(text: str, entities: Sequence[Record], facts: Sequence[Record]
                   ) -> list[Record]:
    """Every check of one document, in text order of the figures involved."""
    figures = sorted((e for e in entities if e["label"] in (*_AMOUNTS, "PERCENT")
                      and e.get("value") is not None), key=lambda e: e["start"])
    checks = _sums(text, figures) + _repeats(text, figures) + _ranges(facts)
    return sorted(checks, key=lambda c: c["figures"][0]["start"] if c["figures"] else 0)


def _brief(figure: Record) -> Record:
    return {key: figure[key] for key in ("start", "end", "text", "value", "unit")
            if key in figure}


def written_step(figure: Record) -> Decimal:
    """The precision a figure is written in, in its base unit: 8.9亿元 -> 10,000,000
    (one decimal of 亿); 46960人 -> 1. Figures written in Chinese numerals
    count as exact (step 1)."""
    match = _NUMBER.search(clean(figure["text"]).text)
    if match is None:
        return Decimal(1)
    number = Decimal(match.group(0).replace(",", ""))
    if number == 0:
        return Decimal(1)
    decimals = len(match.group(1) or "")
    scale = Decimal(figure["value"]) / number
    return scale.scaleb(-decimals)


def _sums(text: str, figures: list[Record]) -> list[Record]:
    cleaned = clean_document(text)
    ctext = cleaned.text
    markers = [m.start() for m in re.finditer("其中", ctext)]
    if not markers:
        return []
    # Where parts and sentences end, found once; every marker then looks its
    # scope up by bisection (no rescan of the text per 其中).
    part_ends = [i for i, char in enumerate(ctext) if char in _PART_ENDS]
    sentence_ends = [i for i, char in enumerate(ctext) if char in _SENTENCE_ENDS]
    # Rates (人均, 每月) do not add up: only plain amounts are summed.
    amounts = [f for f in figures if f["label"] in _AMOUNTS and not f.get("per")]
    starts = [f["start"] for f in amounts]
    checks: list[Record] = []
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
            j = bisect_left(sentence_ends, position)
            end = sentence_ends[j] if j < len(sentence_ends) else len(ctext)
        start, end = max(start, previous), min(end, following)
        origin = cleaned.to_original
        totals = amounts[bisect_left(starts, origin(start)):bisect_left(starts, origin(position))]
        parts = amounts[bisect_left(starts, origin(position)):bisect_left(starts, origin(end))]
        for unit in dict.fromkeys(f["unit"] for f in parts):
            same_totals = [f for f in totals if f["unit"] == unit]
            same_parts = [f for f in parts if f["unit"] == unit]
            if len(same_totals) != 1:
                continue
            checks.append(_sum_check(same_totals[0], same_parts))
    return checks


def _sum_check(total: Record, parts: list[Record]) -> Record:
    value = Decimal(total["value"])
    added = sum((Decimal(p["value"]) for p in parts), Decimal(0))
    written = " + ".join("".join(p["text"].split()) for p in parts)
    total_text = "".join(total["text"].split())
    if len(parts) == 1:
        ok = added <= value
        message = (f"part {written} of total {total_text}: "
                   f"{canonical(added)} {'<=' if ok else '>'} {canonical(value)}")
        return {"check": "sum", "status": "pass" if ok else "fail", "message": message,
                "figures": [_brief(total), *map(_brief, parts)]}
    step = written_step(total)
    ok = abs(added - value) * 2 <= step
    message = (f"{written} = {canonical(added)}; total {total_text} = {canonical(value)} "
               f"written to {canonical(step)}: {'agrees' if ok else 'does not agree'}")
    return {"check": "sum", "status": "pass" if ok else "fail", "message": message,
            "figures": [_brief(total), *map(_brief, parts)]}


def _box_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraphs that are summary boxes (● lines) or
    have no sentence end (headlines, caption lines)."""
    boxes = []
    start = 0
    for paragraph in [*re.finditer(r"\n[ \t\u3000]*\n", text), None]:
        end = paragraph.start() if paragraph is not None else len(text)
        body = text[start:end].strip()
        if body and (body[0] in _BOX_MARKS or not any(e in body for e in "。！？")):
            boxes.append((start, end))
        start = paragraph.end() if paragraph is not None else len(text)
    return boxes


def _repeats(text: str, figures: list[Record]) -> list[Record]:
    boxes = _box_paragraphs(text)
    box_starts = [b[0] for b in boxes]

    def boxed(figure: Record) -> bool:
        k = bisect_right(box_starts, figure["start"]) - 1
        return k >= 0 and figure["start"] < boxes[k][1]

    # Body figures by value: a repeat is looked up, not searched for.
    body: dict[Any, list[Record]] = {}
    for figure in figures:
        if not boxed(figure):
            body.setdefault((figure["label"], figure.get("value")), []).append(figure)
    checks: list[Record] = []
    for figure in figures:
        if not boxed(figure):
            continue
        twins = [f for f in body.get((figure["label"], figure.get("value")), [])
                 if f["unit"] == figure["unit"] or _counts(f) and _counts(figure)]
        if twins:
            twin = twins[0]
            checks.append({
                "check": "repeat", "status": "pass",
                "message": f"{''.join(figure['text'].split())} in a summary or headline "
                           f"agrees with {''.join(twin['text'].split())} in the article",
                "figures": [_brief(figure), _brief(twin)]})
    return checks


def _counts(figure: Record) -> bool:
    """A count of things with a classifier (个, 处, 家): these may be swapped."""
    return figure["label"] == "QUANTITY" and len(figure["unit"]) == 1 and \
        "\u4e00" <= figure["unit"] <= "\u9fff"


def _ranges(facts: Sequence[Record]) -> list[Record]:
    checks: list[Record] = []
    for fact in facts:
        if fact.get("unit") != "%" or fact.get("value") is None or fact.get("change"):
            continue
        if not str(fact.get("metric", "")).endswith(_SHARE_ENDS):
            continue
        value = Decimal(fact["value"])
        ok = Decimal(0) <= value <= Decimal(100)
        checks.append({
            "check": "range", "status": "pass" if ok else "fail",
            "message": f"share {fact['metric']} = {canonical(value)}% "
                       f"{'lies' if ok else 'does not lie'} in 0-100%",
            "figures": [{"start": fact["start"], "end": fact["end"], "value": fact["value"],
                         "unit": "%", "text": fact["metric"]}]})
    return checks
