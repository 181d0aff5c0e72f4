"""The table as one page, for people who look rather than query.

A self-contained HTML file (inline CSS, a few lines of inline script, charts
as inline SVG drawn here; nothing fetched, readable offline): the merged
table with a search box, conflicts first and highlighted, every value linked
to the sentence it was read from (the figure marked in it), and for each
charted metric a line chart of its series by place and period, where a
conflict shows as its disagreeing values in red and a revision as the
superseded value hollow. Coordinates are computed in ``Decimal`` like
everything else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

__all__ = ["render_html"]

Row = Mapping[str, Any]

_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf", "#393b79")
_CONFLICT = "#c62828"

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
       "Microsoft YaHei", "PingFang SC", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
.controls { margin: 0.8em 0; display: flex; gap: 1.2em; align-items: center; }
input[type=search] { font-size: 1em; padding: 0.25em 0.4em; width: 22em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.conflict td { background: #fde2e2; }
tr.revised td { background: #fff5d6; }
a.conflict-value { color: #c62828; font-weight: bold; }
a.superseded { color: #777; text-decoration: line-through; }
.status { font-weight: bold; }
.status-conflict { color: #c62828; } .status-revised { color: #9a6b00; }
figure.chart { margin: 1em 0; }
figure.chart figcaption { font-weight: bold; margin-bottom: 0.3em; }
svg text { font-size: 11px; fill: #333; }
svg .axis { stroke: #999; stroke-width: 1; }
svg .series { fill: none; stroke-width: 2; }
svg circle.conflict { fill: #c62828; stroke: #fff; stroke-width: 1; }
svg circle.superseded { fill: #fff; stroke-width: 2; }
svg line.conflict-span { stroke: #c62828; stroke-dasharray: 3 2; stroke-width: 1.5; }
ol.sources li { margin-bottom: 0.5em; }
ol.sources li:target { background: #fff3b0; }
ol.sources mark { background: #ffe066; }
.muted { color: #666; }
"""

_SCRIPT = """
(function () {
  var box = document.getElementById('search');
  var only = document.getElementById('only-conflicts');
  var shown = document.getElementById('shown');
  var rows = document.querySelectorAll('#merged tbody tr');
  function filter() {
    var words = box.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search');
      var keep = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
                 (!only.checked || row.getAttribute('data-status') === 'conflict');
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = count;
  }
  box.addEventListener('input', filter);
  only.addEventListener('change', filter);
  var select = document.getElementById('chart-metric');
  var charts = document.querySelectorAll('figure.chart');
  function show() {
    charts.forEach(function (chart) { chart.hidden = chart.id !== select.value; });
  }
  if (select) { select.addEventListener('change', show); show(); }
})();
"""

_ROWS_SQL = """
SELECT row_id, metric_key, indicator, place_name, place_code, period, qualifier, unit, per,
       change, status, ambiguous, value_text, low_text, high_text, sources
FROM merged_facts
ORDER BY status = 'conflict' DESC, status = 'revised' DESC, indicator IS NULL, metric_key,
         place_key, period_first NULLS LAST, period, qualifier, unit, per, change, row_id
LIMIT ?
"""

_SERIES_SQL = """
SELECT metric_key, unit, per, change, count(*) AS points,
       bool_or(status = 'conflict') AS has_conflict,
       bool_or(indicator IS NOT NULL) AS catalogued
FROM merged_facts
WHERE NOT ambiguous AND place_key IS NOT NULL AND period IS NOT NULL AND qualifier <> 'range'
GROUP BY metric_key, unit, per, change
ORDER BY has_conflict DESC, catalogued DESC, change IS NOT NULL, points DESC, metric_key,
         unit, per, change
LIMIT ?
"""

_POINTS_SQL = """
SELECT row_id, place_name, place_key, period, period_first, period_last, status, value,
       sources
FROM merged_facts
WHERE metric_key = ? AND unit IS NOT DISTINCT FROM ? AND per IS NOT DISTINCT FROM ?
  AND change IS NOT DISTINCT FROM ? AND NOT ambiguous AND place_key IS NOT NULL
  AND period IS NOT NULL AND qualifier <> 'range'
ORDER BY place_key, period_first NULLS LAST, period
"""


def render_html(connection: Any, *, title: str = "zhfacts table", max_rows: int = 5000,
                max_charts: int = 12) -> str:
    """The page of the table on ``connection``: at most ``max_rows`` merged
    rows (conflicts and revisions first) and ``max_charts`` charts
    (metrics with a conflict first, then catalogued indicators)."""
    counts = _counts(connection)
    rows = _fetch(connection, _ROWS_SQL, [max_rows])
    charts = [_chart(number, series, _fetch(connection, _POINTS_SQL, [
                  series["metric_key"], series["unit"], series["per"], series["change"]]))
              for number, series in enumerate(
                  _fetch(connection, _SERIES_SQL, [max_charts]), 1)]
    shown = (f"{len(rows):,} of {counts['rows']:,} rows" if len(rows) < counts["rows"]
             else f"all {counts['rows']:,} rows")
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-Hans">', "<head>", '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{counts["documents"]:,} documents ({counts["failed"]:,} '
        f'failed), {counts["facts"]:,} facts in {counts["rows"]:,} rows: '
        f'<span class="status-conflict">{counts["conflict"]:,} conflicts</span>, '
        f'<span class="status-revised">{counts["revised"]:,} revisions</span>; '
        f"this page shows {shown}.</p>",
        "<h2>Charts</h2>", _chart_picker(charts),
        *[html for html, _ in charts],
        "<h2>Facts</h2>",
        '<div class="controls"><input type="search" id="search" '
        'placeholder="search metric, place, period, value, document" aria-label="search">'
        '<label><input type="checkbox" id="only-conflicts"> conflicts only</label>'
        f'<span class="muted"><span id="shown">{len(rows)}</span> rows shown</span></div>',
        _table(rows),
        "<h2>Sources</h2>", _sources(rows),
        f"<script>{_SCRIPT}</script>", "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _fetch(connection: Any, sql: str, parameters: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = connection.execute(sql, list(parameters))
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _counts(connection: Any) -> dict[str, int]:
    documents, failed = connection.execute(
        "SELECT count(*), count(error) FROM documents").fetchone()
    facts = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
    statuses = dict(connection.execute(
        "SELECT status, count(*) FROM merged_facts GROUP BY status").fetchall())
    return {"documents": documents, "failed": failed, "facts": facts,
            "rows": sum(statuses.values()), "conflict": statuses.get("conflict", 0),
            "revised": statuses.get("revised", 0)}


# --- the table -----------------------------------------------------------------

def _anchor(row_id: str, index: int) -> str:
    return f"src-{row_id[:16]}-{index}"


def _number(value: Any) -> str:
    from zhfacts.numbers.numerals import canonical

    if value is None:
        return ""
    return canonical(value) if isinstance(value, Decimal) else str(value)


def _source_value(source: Row) -> str:
    if source.get("value") is not None:
        return str(source["value"])
    return f"{source.get('low')}–{source.get('high')}"


def _value_cell(row: Row) -> str:
    sources = row["sources"]
    row_id = row["row_id"]
    if row["status"] == "conflict":
        # Each value once, linked to its first source, with how many give it.
        first: dict[str, list[int]] = {}
        for k, source in enumerate(sources):
            first.setdefault(_source_value(source), []).append(k)
        links = [f'<a class="conflict-value" href="#{_anchor(row_id, ks[0])}" '
                 f'title="{escape(", ".join(sources[k]["document_id"] for k in ks), quote=True)}"'
                 f">{escape(value)}</a>" + (f"<sup>×{len(ks)}</sup>" if len(ks) > 1 else "")
                 for value, ks in first.items()]
        return " ≠ ".join(links)
    latest = next((k for k, s in enumerate(sources) if not s["superseded"]), 0)
    written = row["value_text"] if row["value_text"] is not None else \
        f"{row['low_text']}–{row['high_text']}"
    cell = f'<a href="#{_anchor(row_id, latest)}">{escape(str(written))}</a>'
    earlier = [f'<a class="superseded" href="#{_anchor(row_id, k)}">'
               f"{escape(_source_value(s))}</a>"
               for k, s in enumerate(sources) if s["superseded"]]
    if earlier:
        cell += " (was " + ", ".join(earlier) + ")"
    return cell


def _table(rows: Sequence[Row]) -> str:
    header = ("metric", "place", "period", "value", "unit", "qualifier", "change", "per",
              "status", "sources")
    out = ['<table id="merged">',
           "<thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead>",
           "<tbody>"]
    for row in rows:
        sources = row["sources"]
        documents = ", ".join(
            f'<a href="#{_anchor(row["row_id"], k)}">{escape(s["document_id"])}</a>'
            for k, s in enumerate(sources))
        search = " ".join(str(x) for x in (
            row["metric_key"], row["indicator"] or "", row["place_name"] or "",
            row["place_code"] or "", row["period"] or "", row["value_text"] or "",
            row["unit"] or "", row["status"],
            *(s["document_id"] for s in sources), *(s["metric"] or "" for s in sources),
            *(_source_value(s) for s in sources))).lower()
        status = row["status"] + (" (ambiguous)" if row["ambiguous"] else "")
        metric_title = f' title="{escape(row["indicator"], quote=True)}"' \
            if row["indicator"] else ""
        cells = [
            f"<td{metric_title}>{escape(row['metric_key'])}</td>",
            f"<td>{escape(row['place_name'] or '')}</td>",
            f"<td>{escape(row['period'] or '')}</td>",
            f'<td class="number">{_value_cell(row)}</td>',
            *(f"<td>{escape(str(row[key] or ''))}</td>"
              for key in ("unit", "qualifier", "change", "per")),
            f'<td class="status status-{row["status"]}">{escape(status)}</td>',
            f"<td>{documents}</td>",
        ]
        out.append(f'<tr class="row {row["status"]}" data-status="{row["status"]}" '
                   f'data-search="{escape(search, quote=True)}">{"".join(cells)}</tr>')
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _sources(rows: Sequence[Row]) -> str:
    items = []
    for row in rows:
        for k, source in enumerate(row["sources"]):
            offsets = f"{source['figure_start']}–{source['figure_end']}" \
                if source.get("figure_start") is not None \
                else f"{source['fact_start']}–{source['fact_end']}"
            date = f", {escape(source['document_date'])}" if source.get("document_date") else ""
            items.append(
                f'<li class="source" id="{_anchor(row["row_id"], k)}">'
                f'<b>{escape(row["metric_key"])}</b> = {escape(_source_value(source))} '
                f'<span class="muted">({escape(source["document_id"])}{date}, characters '
                f"{offsets})</span><br>{_marked_sentence(source)}</li>")
    return '<ol class="sources">' + "\n".join(items) + "</ol>"


def _marked_sentence(source: Row) -> str:
    sentence = source.get("sentence") or ""
    start, figure_start, figure_end = (source.get(key) for key in
                                       ("sentence_start", "figure_start", "figure_end"))
    if start is None or figure_start is None or figure_end is None:
        return escape(sentence)
    local, local_end = int(figure_start) - int(start), int(figure_end) - int(start)
    if not 0 <= local < local_end <= len(sentence):
        return escape(sentence)
    return (escape(sentence[:local]) + "<mark>" + escape(sentence[local:local_end])
            + "</mark>" + escape(sentence[local_end:]))


# --- the charts ----------------------------------------------------------------

_WIDTH, _HEIGHT = 720, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 90, 170, 20, 50


def _chart_picker(charts: Sequence[tuple[str, str]]) -> str:
    if not charts:
        return '<p class="muted">No series to chart.</p>'
    options = "".join(f'<option value="chart-{n}">{escape(label)}</option>'
                      for n, (_, label) in enumerate(charts, 1))
    return (f'<p><label>metric: <select id="chart-metric">{options}</select></label></p>')


def _chart(number: int, series: Row, points: Sequence[Row]) -> tuple[str, str]:
    """One chart: ``(html, label)``."""
    label = " · ".join(str(x) for x in (series["metric_key"], series["unit"],
                                        series["per"], series["change"]) if x)
    marks = []  # what is drawn: (point, source index, source)
    for point in points:
        drawn = [(k, source) for k, source in enumerate(point["sources"])
                 if source.get("value") is not None]
        if drawn and point["status"] not in ("conflict", "revised"):
            # Sources that agree are one point, drawn at the row's value.
            drawn = [next(((k, s) for k, s in drawn if point["value"] is not None
                           and Decimal(str(s["value"])) == point["value"]), drawn[0])]
        marks += [(point, k, source) for k, source in drawn]
    periods = sorted({(str(p["period_first"] or ""), str(p["period_last"] or ""), p["period"])
                      for p in points})
    values = [Decimal(str(source["value"])) for _, _, source in marks]
    if not values:
        return f'<figure class="chart" id="chart-{number}"></figure>', label
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) / 10 if low else Decimal(1)
        low, high = low - pad, high + pad
    else:
        pad = (high - low) / 20
        low, high = low - pad, high + pad
    inner_w, inner_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    x_of = {key[2]: Decimal(_LEFT) + (Decimal(inner_w) * (Decimal(i) + Decimal("0.5"))
                                       / Decimal(len(periods)))
            for i, key in enumerate(periods)}

    def y_of(value: Decimal) -> Decimal:
        return Decimal(_TOP) + (high - value) / (high - low) * Decimal(inner_h)

    places = list(dict.fromkeys((p["place_key"], p["place_name"]) for p in points))
    colour = {key: _PALETTE[i % len(_PALETTE)] for i, (key, _) in enumerate(places)}
    svg = [f'<svg class="chart-svg" width="{_WIDTH}" height="{_HEIGHT}" '
           f'viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" aria-label="{escape(label, quote=True)}">',
           f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + inner_h}"/>',
           f'<line class="axis" x1="{_LEFT}" y1="{_TOP + inner_h}" x2="{_LEFT + inner_w}" '
           f'y2="{_TOP + inner_h}"/>']
    for tick in (low, (low + high) / 2, high):
        y = _fixed(y_of(tick))
        svg.append(f'<text x="{_LEFT - 6}" y="{y}" text-anchor="end" '
                   f'dominant-baseline="middle">{escape(_compact(tick))}</text>')
    for period, x in x_of.items():
        svg.append(f'<text class="period" x="{_fixed(x)}" y="{_TOP + inner_h + 18}" '
                   f'text-anchor="middle">{escape(str(period))}</text>')
    for place_key, _ in places:
        line = [(x_of[p["period"]], y_of(Decimal(str(p["value"])))) for p in points
                if p["place_key"] == place_key and p["value"] is not None]
        if len(line) > 1:
            coordinates = " ".join(f"{_fixed(x)},{_fixed(y)}" for x, y in line)
            svg.append(f'<polyline class="series" points="{coordinates}" '
                       f'stroke="{colour[place_key]}"/>')
    for point in points:
        if point["status"] == "conflict":
            ys = [y_of(Decimal(str(s["value"]))) for s in point["sources"]
                  if s.get("value") is not None]
            span_x = _fixed(x_of[point["period"]])
            svg.append(f'<line class="conflict-span" x1="{span_x}" y1="{_fixed(min(ys))}" '
                       f'x2="{span_x}" y2="{_fixed(max(ys))}"/>')
    for point, k, source in marks:
        value = Decimal(str(source["value"]))
        mark_x, mark_y = _fixed(x_of[point["period"]]), _fixed(y_of(value))
        if point["status"] == "conflict":
            kind, fill = "conflict", ""
        elif source["superseded"]:
            kind, fill = "superseded", f' stroke="{colour[point["place_key"]]}"'
        else:
            kind, fill = "point", f' fill="{colour[point["place_key"]]}"'
        tip = (f"{point['place_name']} {point['period']}: {source['value']} "
               f"{series['unit'] or ''} ({source['document_id']})")
        svg.append(f'<a href="#{_anchor(point["row_id"], k)}"><circle class="{kind}" '
                   f'cx="{mark_x}" cy="{mark_y}" r="{6 if kind == "conflict" else 4}"{fill}>'
                   f"<title>{escape(tip)}</title></circle></a>")
    for i, (place_key, name) in enumerate(places):
        legend_y = _TOP + 14 * i + 6
        svg.append(f'<rect x="{_LEFT + inner_w + 16}" y="{legend_y - 5}" width="10" '
                   f'height="10" fill="{colour[place_key]}"/><text class="legend" '
                   f'x="{_LEFT + inner_w + 30}" y="{legend_y}" dominant-baseline="middle">'
                   f"{escape(name or place_key)}</text>")
    svg.append("</svg>")
    conflicts = sum(p["status"] == "conflict" for p in points)
    caption = escape(label) + (f' <span class="status-conflict">({conflicts} conflict'
                               f'{"s" if conflicts != 1 else ""})</span>' if conflicts else "")
    html = (f'<figure class="chart" id="chart-{number}"><figcaption>{caption}</figcaption>'
            + "".join(svg) + "</figure>")
    return html, label


def _fixed(number: Decimal) -> str:
    return str(number.quantize(Decimal("0.1")))


def _compact(value: Decimal) -> str:
    """A tick label the way Chinese statistics write magnitudes (412.36亿)."""
    from zhfacts.numbers.numerals import canonical

    for size, word in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(value) >= size:
            return canonical((value / size).quantize(Decimal("0.01")).normalize()) + word
    if abs(value) >= 100:
        return canonical(value.quantize(Decimal(1)))
    return canonical(value.quantize(Decimal("0.01")).normalize())
