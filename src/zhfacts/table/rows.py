"""A record becomes table rows: pure, shared by the local build and the Dask parts.

:func:`rows_of_record` turns one SPEC section 1 record (and what is known of
its document: id, source, context, text) into the rows of the documents,
facts, entities and checks tables, with the comparable keys of
:mod:`zhfacts.table.keys`. :class:`RowBatch` gathers the rows of many
documents column by column, the shape a columnar insert and a Parquet part
want.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zhfacts.table.catalogue import fold_metric, shipped_catalogue
from zhfacts.table.keys import PlaceResolver, exact_decimal, period_of, written_precision
from zhfacts.table.schema import COLUMNS, DOCUMENT_TABLES

__all__ = ["DocumentInfo", "RowBatch", "rows_of_record"]

_NUMERIC = ("MONEY", "QUANTITY", "PERCENT")


@dataclass(frozen=True)
class DocumentInfo:
    """What the table records of a document besides its record."""

    id: str
    source: str | None = None
    date: str | None = None
    place: str | None = None
    text: str | None = None


Rows = dict[str, list[tuple[Any, ...]]]


def rows_of_record(record: Mapping[str, Any], document: DocumentInfo,
                   places: PlaceResolver, *, run: int = 0, seq: int = 0) -> Rows:
    """The rows one document adds: one documents row (with its error, if
    the record has one, and then nothing else), and its facts, entities and
    checks."""
    error = record.get("error")
    entities = list(record.get("entities") or ()) if not error else []
    facts = list(record.get("facts") or ()) if not error else []
    checks = list(record.get("checks") or ()) if not error else []
    date = period_of(document.date)
    known_places = places.of_record(record)
    document_place = places.resolve(document.place, None, known_places)
    text = document.text
    rows: Rows = {table: [] for table in DOCUMENT_TABLES}
    rows["documents"].append((
        document.id, run, seq, document.source, document.date,
        _day(date.first), _day(date.last), document.place,
        document_place.code if document_place else None,
        len(text) if text is not None else None,
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if text is not None else None,
        len(facts), len(entities), str(error) if error else None,
        record.get("schema_version"), record.get("zhfacts_version")))
    figures = {(e.get("end"), e.get("label")): e for e in entities
               if e.get("label") in _NUMERIC}
    scope = shipped_catalogue().scope_prefixes
    for index, fact in enumerate(facts):
        rows["facts"].append(_fact_row(document, index, fact, figures, known_places, places,
                                       scope))
    for index, entity in enumerate(entities):
        norm = entity.get("norm") or {}
        rows["entities"].append((
            document.id, index, entity.get("label"), entity.get("text"), entity.get("start"),
            entity.get("end"), _text(entity.get("value")), _text(entity.get("low")),
            _text(entity.get("high")), entity.get("unit"), entity.get("qualifier"),
            entity.get("per"), norm.get("name"), norm.get("code"),
            list(norm["parents"]) if isinstance(norm.get("parents"), list) else None,
            entity.get("by")))
    for index, check in enumerate(checks):
        rows["checks"].append((
            document.id, index, check.get("check"), check.get("status"), check.get("message"),
            _text(check.get("expected")), _text(check.get("observed")),
            _text(check.get("tolerance")),
            json.dumps(check.get("figures") or [], ensure_ascii=False)))
    return rows


def _fact_row(document: DocumentInfo, index: int, fact: Mapping[str, Any],
              figures: Mapping[tuple[Any, Any], Mapping[str, Any]],
              known_places: Any, places: PlaceResolver, scope: tuple[str, ...]
              ) -> tuple[Any, ...]:
    figure = next((figures[(fact.get("end"), label)] for label in _NUMERIC
                   if (fact.get("end"), label) in figures), None)
    period = period_of(fact.get("time"))
    place = places.resolve(fact.get("place"), document.place, known_places)
    value, low, high = (_text(fact.get(key)) for key in ("value", "low", "high"))
    metric = str(fact.get("metric") or "")
    return (
        document.id, index, metric, fold_metric(metric, scope),
        exact_decimal(value), value, exact_decimal(low), low, exact_decimal(high), high,
        exact_decimal(written_precision(figure)),
        fact.get("unit"), fact.get("qualifier"), fact.get("per"), fact.get("change"),
        fact.get("time"), period.granularity, _day(period.first), _day(period.last),
        period.year,
        fact.get("place"), place.code if place else None, place.name if place else None,
        place.level if place else None, list(place.parents) if place else None,
        fact.get("start"), fact.get("end"),
        figure.get("start") if figure else None, figure.get("end") if figure else None,
        figure.get("text") if figure else None,
        fact.get("sentence_start"), fact.get("sentence_end"), fact.get("sentence"))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _day(day: Any) -> str | None:
    return None if day is None else day.isoformat()


class RowBatch:
    """Rows of several documents, gathered per table; turned into columns
    (one list per column, the shape of a columnar insert) when inserted."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in DOCUMENT_TABLES}
        self.documents = 0
        self.ids: list[str] = []

    def add(self, rows: Rows) -> None:
        for table, table_rows in rows.items():
            self.rows[table] += table_rows
        self.ids += [row[0] for row in rows["documents"]]
        self.documents += 1

    def count(self, table: str) -> int:
        return len(self.rows[table])

    def without(self, ids: set[str]) -> RowBatch:
        """The batch without the documents ``ids`` (every table's rows start
        with their document's id)."""
        kept = RowBatch()
        kept.rows = {table: [row for row in rows if row[0] not in ids]
                     for table, rows in self.rows.items()}
        kept.ids = [identifier for identifier in self.ids if identifier not in ids]
        kept.documents = len(kept.ids)
        return kept

    def columns(self, table: str) -> list[list[Any]]:
        width = len(COLUMNS[table])
        return [list(column) for column in zip(*self.rows[table], strict=True)] \
            if self.rows[table] else [[] for _ in range(width)]

    def insert_into(self, connection: Any, prefix: str = "") -> None:
        """Insert every table's rows (one statement per table); the caller
        holds the transaction."""
        from zhfacts.table.schema import insert_sql

        for table, rows in self.rows.items():
            if rows:
                connection.execute(insert_sql(table, prefix + table if prefix else None),
                                   self.columns(table))
