"""Repeats merged, conflicts and revisions marked: the views of the table.

The same fact reported by several documents (the same metric key, place,
period, qualifier, unit, rate and change) becomes one row of
``merged_facts`` with all its sources. Values agree when they agree at the
precision each was written in: 30.6万人 stands for 305,500–306,500 people,
so it agrees with 306,012人 and not with 31.6万人 (the intervals of all
sources must meet). Where they do not:

- ``revised``: every source is dated, the sources of the latest document
  date agree among themselves, and every other source is dated strictly
  before it (a later document correcting an earlier one); the row takes the
  latest value and marks the earlier sources ``superseded``;
- ``conflict``: anything else; the row has no single value and lists each
  source with its own.

A fact without a period, with an unknown year, or without a place is not
identified well enough to be the same as another document's: it stays a
row of its own. A metric that one document gives several values for (a page
that writes 发放资金 for each group it helps) is ``ambiguous``: which of its
figures another page's would contradict is unknowable, so its figures merge
only where their values are equal and disagreement is no conflict.

The views are SQL (DuckDB computes them where the data is, in or out of
memory); they are created again each time a database is opened to write,
so they are always this zhfacts's own.
"""

from __future__ import annotations

from typing import Any

__all__ = ["VIEWS", "create_views"]

_KEY = "metric_key, place_key, period, qualifier, unit, per, change, alone_in"


def _agree(only: str) -> str:
    """SQL: the values (``only``: of the rows a FILTER keeps) agree at their
    written precision. A figure written to a step stands for the half-open
    interval of values that round to it, so intervals that only touch
    (30.6万 and 30.7万; 46960 and 46961) disagree; equal values always agree
    (also when a step is unknown). Half a step is ``* 0.5``, not ``/ 2``:
    DuckDB divides DECIMALs in floating point, and multiplies them exactly."""
    parts = []
    for end in ("lower_value", "upper_value"):
        parts.append(f"(max({end} - known_step * 0.5){only}"
                     f" < min({end} + known_step * 0.5){only}"
                     f" OR max({end}){only} = min({end}){only})")
        # (a value the DECIMAL cannot hold is NULL there: it agrees with nothing by number)
        parts.append(f"count({end}){only} = count(*){only}")
    exact_texts = ("count(DISTINCT concat_ws('/', coalesce(value_text, ''), coalesce(low_text, ''),"
                   f" coalesce(high_text, ''))){only} = 1")
    return f"(({' AND '.join(parts)}) OR {exact_texts})"

_OBSERVATIONS = """
CREATE OR REPLACE VIEW observations AS
SELECT f.*,
       coalesce(n.name, f.metric_folded) AS metric_key,
       n.indicator,
       coalesce(f.place_code, f.place_name) AS place_key,
       d.date AS document_date,
       d.date_first AS document_date_first,
       d.date_last AS document_date_last,
       d.seq AS document_seq
FROM facts f
JOIN documents d USING (document_id)
LEFT JOIN indicator_names n ON n.folded = f.metric_folded
"""

_MERGED = f"""
CREATE OR REPLACE VIEW merged_facts AS
WITH keyed AS (
    SELECT *,
           CASE WHEN period IS NULL OR period LIKE '%X%' OR place_key IS NULL
                THEN document_id END AS alone_in,
           coalesce(value, low) AS lower_value,
           coalesce(value, high) AS upper_value,
           coalesce(step, 0) AS known_step
    FROM observations
), counted AS (
    SELECT *, count(*) OVER (PARTITION BY {_KEY}, document_id) AS in_document
    FROM keyed
), grouped AS (
    SELECT *,
           max(in_document) OVER (PARTITION BY {_KEY}) > 1 AS ambiguous
    FROM counted
), valued AS (
    SELECT *,
           CASE WHEN ambiguous THEN coalesce(value_text, low_text || '/' || high_text)
           END AS value_group
    FROM grouped
), dated AS (
    SELECT *,
           max(document_date_first) OVER (PARTITION BY {_KEY}, value_group) AS latest_date
    FROM valued
), judged AS (
    SELECT {_KEY}, value_group,
           any_value(indicator) AS indicator,
           any_value(place_name) AS place_name,
           any_value(place_code) AS place_code,
           any_value(place_level) AS place_level,
           any_value(place_parents) AS place_parents,
           any_value(granularity) AS granularity,
           any_value(period_first) AS period_first,
           any_value(period_last) AS period_last,
           any_value(year) AS year,
           bool_or(ambiguous) AS ambiguous,
           count(*) AS source_count,
           count(DISTINCT document_id) AS document_count,
           {_agree("")} AS values_agree,
           count(document_date_first) = count(*) AS all_dated,
           coalesce({_agree(" FILTER (WHERE document_date_first = latest_date)")}, false)
             AS latest_agree,
           coalesce(max(document_date_last) FILTER (WHERE document_date_first < latest_date)
                    < any_value(latest_date), false) AS earlier_before_latest,
           first(value ORDER BY known_step = 0, known_step, document_seq, fact_index)
             AS best_value,
           first(value_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             AS best_value_text,
           first(low_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             AS best_low_text,
           first(high_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             AS best_high_text,
           first(value ORDER BY known_step = 0, known_step, document_seq, fact_index)
             FILTER (WHERE document_date_first = latest_date) AS latest_value,
           first(value_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             FILTER (WHERE document_date_first = latest_date) AS latest_value_text,
           first(low_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             FILTER (WHERE document_date_first = latest_date) AS latest_low_text,
           first(high_text ORDER BY known_step = 0, known_step, document_seq, fact_index)
             FILTER (WHERE document_date_first = latest_date) AS latest_high_text,
           min(lower_value) AS min_value,
           max(upper_value) AS max_value,
           list_sort(list_distinct(list(coalesce(value_text, low_text || '/' || high_text))))
             AS "values",
           list({{'document_id': document_id, 'fact_index': fact_index,
                  'document_date': document_date, 'metric': metric, 'place': place,
                  'value': value_text, 'low': low_text, 'high': high_text,
                  'figure_text': figure_text, 'step': step,
                  'fact_start': fact_start, 'fact_end': fact_end,
                  'figure_start': figure_start, 'figure_end': figure_end,
                  'sentence_start': sentence_start, 'sentence_end': sentence_end,
                  'sentence': sentence,
                  'latest': document_date_first IS NOT DISTINCT FROM latest_date}}
                ORDER BY document_date_first NULLS LAST, document_seq, fact_index) AS sources
    FROM dated
    GROUP BY {_KEY}, value_group
), classified AS (
    SELECT *,
           CASE WHEN source_count = 1 THEN 'single'
                WHEN values_agree THEN 'agree'
                WHEN NOT ambiguous AND all_dated AND latest_agree AND earlier_before_latest
                  THEN 'revised'
                ELSE 'conflict' END AS status
    FROM judged
)
SELECT md5(concat_ws('|', metric_key, place_key, period, qualifier, unit, per, change,
                     alone_in, value_group)) AS row_id,
       metric_key, indicator, place_key, place_name, place_code, place_level, place_parents,
       period, granularity, period_first, period_last, year,
       qualifier, unit, per, change,
       status, ambiguous,
       CASE status WHEN 'conflict' THEN NULL WHEN 'revised' THEN latest_value
            ELSE best_value END AS value,
       CASE status WHEN 'conflict' THEN NULL WHEN 'revised' THEN latest_value_text
            ELSE best_value_text END AS value_text,
       CASE status WHEN 'conflict' THEN NULL WHEN 'revised' THEN latest_low_text
            ELSE best_low_text END AS low_text,
       CASE status WHEN 'conflict' THEN NULL WHEN 'revised' THEN latest_high_text
            ELSE best_high_text END AS high_text,
       min_value, max_value, "values",
       source_count, document_count,
       CASE WHEN status = 'revised'
            THEN [struct_insert(s, superseded := NOT s.latest) FOR s IN sources]
            ELSE [struct_insert(s, superseded := false) FOR s IN sources] END AS sources
FROM classified
"""

_SOURCE_COLUMNS = """
       s.document_id, s.document_date, s.value AS source_value, s.low AS source_low,
       s.high AS source_high, s.figure_text, s.metric AS written_metric,
       s.place AS written_place, s.superseded, s.fact_start, s.fact_end, s.figure_start,
       s.figure_end, s.sentence_start, s.sentence_end, s.sentence
"""

_CONFLICTS = f"""
CREATE OR REPLACE VIEW conflicts AS
SELECT m.row_id, m.metric_key, m.place_name, m.place_code, m.period, m.qualifier, m.unit,
       m.per, m.change, m.min_value, m.max_value, {_SOURCE_COLUMNS}
FROM merged_facts m, unnest(m.sources) AS u(s)
WHERE m.status = 'conflict'
"""

_REVISIONS = f"""
CREATE OR REPLACE VIEW revisions AS
SELECT m.row_id, m.metric_key, m.place_name, m.place_code, m.period, m.qualifier, m.unit,
       m.per, m.change, m.value_text AS revised_value, {_SOURCE_COLUMNS}
FROM merged_facts m, unnest(m.sources) AS u(s)
WHERE m.status = 'revised'
"""

_COVERAGE = """
CREATE OR REPLACE VIEW indicator_coverage AS
SELECT i.indicator, i.name AS metric_key, i.category,
       count(o.document_id) AS facts,
       count(DISTINCT o.document_id) AS documents,
       count(DISTINCT o.place_key) AS places,
       count(DISTINCT o.period) AS periods,
       list_sort(list_distinct(list(o.metric))) AS written_as
FROM indicators i
LEFT JOIN observations o ON o.indicator = i.indicator
GROUP BY i.indicator, i.name, i.category
"""

_FAILED_CHECKS = """
CREATE OR REPLACE VIEW failed_checks AS
SELECT c.document_id, d.date AS document_date, c.kind, c.message, c.expected, c.observed,
       c.tolerance, c.figures
FROM checks c JOIN documents d USING (document_id)
WHERE c.status = 'fail'
"""

_DOCUMENT_ERRORS = """
CREATE OR REPLACE VIEW document_errors AS
SELECT document_id, source, run, error FROM documents WHERE error IS NOT NULL
"""

#: The views, in the order they depend on each other, by name.
VIEWS = {"observations": _OBSERVATIONS, "merged_facts": _MERGED, "conflicts": _CONFLICTS,
         "revisions": _REVISIONS, "indicator_coverage": _COVERAGE,
         "failed_checks": _FAILED_CHECKS, "document_errors": _DOCUMENT_ERRORS}


def create_views(connection: Any) -> None:
    """(Re)create every view on ``connection`` (its tables must exist)."""
    for sql in VIEWS.values():
        connection.execute(sql)
