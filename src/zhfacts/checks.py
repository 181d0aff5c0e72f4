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

Pure functions over the entity records and facts of :mod:`zhfacts.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .textmap import clean

Record = dict[str, Any]
_AMOUNTS = ("MONEY", "QUANTITY")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")
_SHARE_ENDS = ("率", "比重", "占比", "比例")
_BOX_MARKS = "●■◆★▶◎"
_PART_ENDS = "。！？!?；;"


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
    cleaned = clean(text)
    ctext = cleaned.text
    checks: list[Record] = []
    for marker in re.finditer("其中", ctext):
        position = marker.start()
        start = max(ctext.rfind(end, 0, position) for end in _PART_ENDS) + 1
        ends = [i for i in (ctext.find(end, position) for end in _PART_ENDS) if i >= 0]
        end = min(ends) if ends else len(ctext)
        if not ctext[start:position].strip("，, "):
            # 其中 opens a sentence: the total is in the one before, the parts
            # run to the sentence end (其中，第一产业…；第二产业…；第三产业…。)
            start = max(ctext.rfind(e, 0, max(start - 1, 0)) for e in _PART_ENDS) + 1
            ends = [i for i in (ctext.find(e, position) for e in "。！？!?") if i >= 0]
            end = min(ends) if ends else len(ctext)
        origin = cleaned.to_original
        # Rates (人均, 每月) do not add up: only plain amounts are summed.
        amounts = [f for f in figures if f["label"] in _AMOUNTS and not f.get("per")]
        totals = [f for f in amounts if origin(start) <= f["start"] < origin(position)]
        parts = [f for f in amounts if origin(position) <= f["start"] < origin(end)]
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
                   f"{_plain(added)} {'<=' if ok else '>'} {_plain(value)}")
        return {"check": "sum", "status": "pass" if ok else "fail", "message": message,
                "figures": [_brief(total), *map(_brief, parts)]}
    step = written_step(total)
    ok = abs(added - value) * 2 <= step
    message = (f"{written} = {_plain(added)}; total {total_text} = {_plain(value)} "
               f"written to {_plain(step)}: {'agrees' if ok else 'does not agree'}")
    return {"check": "sum", "status": "pass" if ok else "fail", "message": message,
            "figures": [_brief(total), *map(_brief, parts)]}


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _boxed(text: str, figure: Record) -> bool:
    """In a summary box (● line), or in a line without a sentence end (a
    headline, a caption line)."""
    line_start = text.rfind("\n\n", 0, figure["start"]) + 1
    paragraph_end = text.find("\n\n", figure["end"])
    paragraph = text[line_start:paragraph_end if paragraph_end >= 0 else len(text)].strip()
    return paragraph[:1] in _BOX_MARKS or not any(end in paragraph for end in "。！？")


def _repeats(text: str, figures: list[Record]) -> list[Record]:
    checks: list[Record] = []
    body = [f for f in figures if not _boxed(text, f)]
    for figure in figures:
        if not _boxed(text, figure):
            continue
        twins = [f for f in body if f["label"] == figure["label"]
                 and (f["unit"] == figure["unit"] or _counts(f) and _counts(figure))
                 and f.get("value") == figure.get("value")]
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
            "message": f"share {fact['metric']} = {_plain(value)}% "
                       f"{'lies' if ok else 'does not lie'} in 0-100%",
            "figures": [{"start": fact["start"], "end": fact["end"], "value": fact["value"],
                         "unit": "%", "text": fact["metric"]}]})
    return checks
