"""A page report: the text with its entities marked, the facts table and the checks.

One self-contained HTML file (inline CSS, no script, no font or image to
fetch), readable offline in any browser: an analyst opens it next to the
PDF and sees at a glance what zhfacts read, which figure it took for what,
and which sums and repeats to verify. Entities are marked the way spaCy's
displaCy marks them (a coloured box with the label after the text); each
fact row links to its figure in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

Record = dict[str, Any]

#: displaCy's colours for the labels it knows, and one of ours for GOV.
COLORS = {
    "GOV": "#f7b3b3", "ORG": "#7aecec", "PERSON": "#aa9cfc", "GPE": "#feca74",
    "LOC": "#ff9561", "MONEY": "#e4e7d2", "QUANTITY": "#e4e7d2", "PERCENT": "#e4e7d2",
    "DATE": "#bfe1d9",
}

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
       "Microsoft YaHei", "PingFang SC", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
.layout { display: flex; gap: 2em; align-items: flex-start; }
.page { flex: 1 1 50%; white-space: pre-wrap; line-height: 2.4; border: 1px solid #ddd;
        padding: 1em; }
.side { flex: 1 1 50%; }
mark.entity { padding: 0.2em 0.35em; margin: 0 0.1em; border-radius: 0.35em;
              line-height: 1; }
mark.entity .label { font-size: 0.6em; font-weight: bold; text-transform: uppercase;
                     vertical-align: middle; margin-left: 0.4em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.4em; text-align: left;
         vertical-align: top; }
th { background: #f3f3f3; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #1b7a2c; } .fail { color: #b00020; font-weight: bold; }
ul.checks li { margin-bottom: 0.4em; }
.legend mark { margin-right: 0.5em; }
"""


def render_report(text: str, record: Record, title: str | None = None) -> str:
    """The HTML page of one document's record (as :func:`zhfacts.extract` gives it)."""
    name = title or record.get("id") or "document"
    entities = sorted(record.get("entities", []), key=lambda e: e["start"])
    facts = record.get("facts", [])
    checks = record.get("checks", [])
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-Hans">', "<head>", '<meta charset="utf-8">',
        f"<title>zhfacts: {escape(str(name))}</title>", f"<style>{_STYLE}</style>", "</head>",
        "<body>", f"<h1>{escape(str(name))}</h1>",
        f'<p class="summary">{len(entities)} entities, {len(facts)} facts, '
        f'{sum(c["status"] == "pass" for c in checks)} checks passed, '
        f'{sum(c["status"] == "fail" for c in checks)} failed</p>',
        _legend(),
        '<div class="layout">',
        f'<section class="page" id="text">{_marked_text(text, entities, facts)}</section>',
        '<div class="side">',
        "<h2>Facts</h2>", _facts_table(facts),
        "<h2>Checks</h2>", _checks_list(checks),
        "</div>", "</div>", "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _legend() -> str:
    marks = "".join(f'<mark class="entity" style="background: {color}">{label}</mark>'
                    for label, color in COLORS.items())
    return f'<p class="legend">{marks}</p>'


def _marked_text(text: str, entities: Sequence[Record], facts: Sequence[Record]) -> str:
    """The text with every entity in a displaCy-style box; figures that are
    the figure of a fact carry the fact's anchor."""
    anchors: dict[tuple[int, int], str] = {}
    for index, fact in enumerate(facts):
        for entity in entities:
            if fact["start"] <= entity["start"] and entity["end"] == fact["end"]:
                anchors.setdefault((entity["start"], entity["end"]), f"fact-{index + 1}")
    out: list[str] = []
    position = 0
    for entity in entities:
        if entity["start"] < position:
            continue  # entities are flat; never print a character twice
        out.append(escape(text[position:entity["start"]]))
        label = entity["label"]
        anchor = anchors.get((entity["start"], entity["end"]))
        attributes = f' id="{anchor}"' if anchor else ""
        tip = _tooltip(entity)
        out.append(f'<mark class="entity" data-label="{label}"{attributes} '
                   f'title="{escape(tip, quote=True)}" '
                   f'style="background: {COLORS.get(label, "#ddd")}">'
                   f'{escape(entity["text"])}<span class="label">{label}</span></mark>')
        position = entity["end"]
    out.append(escape(text[position:]))
    return "".join(out)


def _tooltip(entity: Record) -> str:
    if "value" in entity:
        bits = [str(entity.get("value")), entity.get("unit") or "", entity.get("qualifier") or ""]
        return " ".join(bit for bit in bits if bit and bit != "=")
    norm = entity.get("norm") or {}
    return " / ".join(str(x) for x in (norm.get("name"), norm.get("code")) if x)


def _facts_table(facts: Sequence[Record]) -> str:
    if not facts:
        return '<p class="empty">No facts.</p>'
    header = ("#", "metric", "value", "unit", "qualifier", "per", "change", "time", "place")
    rows = ["<table class=\"facts\">", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in header)
            + "</tr></thead>", "<tbody>"]
    for index, fact in enumerate(facts, 1):
        value = fact.get("value")
        if value is None and fact.get("low") is not None:
            value = f"{fact['low']}–{fact['high']}"
        cells = [f'<td><a href="#fact-{index}">{index}</a></td>',
                 f"<td>{escape(str(fact['metric']))}</td>",
                 f'<td class="number">{escape(str(value))}</td>']
        cells += [f"<td>{escape(str(fact.get(key) or ''))}</td>"
                  for key in ("unit", "qualifier", "per", "change", "time", "place")]
        rows.append(f'<tr class="fact">{"".join(cells)}</tr>')
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def _checks_list(checks: Sequence[Record]) -> str:
    if not checks:
        return '<p class="empty">No checks apply.</p>'
    items = [f'<li class="check {c["status"]}" data-check="{escape(c["check"])}">'
             f'<span class="{c["status"]}">{c["status"].upper()}</span> '
             f'{escape(c["check"])}: {escape(c["message"])}</li>' for c in checks]
    return '<ul class="checks">' + "".join(items) + "</ul>"
