"""The wire form of times and dates (`desk.core.wire`), computed by the database.

The change feed sends hundreds of thousands of values per initial sync. Reading each
time as a `datetime` and formatting it back to text in Python cost more than the
query itself; asking the database for the text directly makes every feed row
JSON-ready as it is fetched. The output is exactly `desk.core.wire.format_utc` and
`format_date` (a test compares them).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, ColumnElement, Date, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.functions import FunctionElement

from desk.server.orm.base import UtcDateTime


class wire_time(FunctionElement[str]):  # noqa: N801 - SQL functions read lower case
    """`format_utc(column)` in SQL: `2026-11-23T09:04:00.000000Z`."""

    type = String()
    inherit_cache = True
    name = "wire_time"


class wire_date(FunctionElement[str]):  # noqa: N801
    """`format_date(column)` in SQL: `2026-11-23`."""

    type = String()
    inherit_cache = True
    name = "wire_date"


@compiles(wire_time)
def _sqlite_time(element: wire_time, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy stores SQLite datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" (always six
    # fraction digits, UTC by `UtcDateTime`), so the wire form is one substitution.
    (column,) = element.clauses
    return f"(replace({compiler.process(column, **kw)}, ' ', 'T') || 'Z')"


@compiles(wire_time, "postgresql")
def _postgres_time(element: wire_time, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return (
        f"to_char({compiler.process(column, **kw)} AT TIME ZONE 'UTC',"
        ' \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\')'
    )


@compiles(wire_date)
def _sqlite_date(element: wire_date, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses  # already ISO text in SQLite
    return str(compiler.process(column, **kw))


@compiles(wire_date, "postgresql")
def _postgres_date(element: wire_date, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return f"to_char({compiler.process(column, **kw)}, 'YYYY-MM-DD')"


def wire_value(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """`column` as the feed sends it, labelled with its own name."""
    name = column.key
    if isinstance(column.type, UtcDateTime):
        return wire_time(column).label(name)
    if isinstance(column.type, Date):
        return wire_date(column).label(name)
    return column


class in_json_list(FunctionElement[bool]):  # noqa: N801
    """`column IN (the values of a JSON list of text)`, the list bound as one parameter.

    An expanding `IN` renders a different statement for every length of the list; the
    feed's queries are compiled once and run on the driver's cursor, so the caller's
    rooms arrive as one JSON text instead.
    """

    type = Boolean()
    inherit_cache = True
    name = "in_json_list"


@compiles(in_json_list)
def _sqlite_in_list(element: in_json_list, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = element.clauses
    return (
        f"({compiler.process(column, **kw)} IN"
        f" (SELECT value FROM json_each({compiler.process(values, **kw)})))"
    )


@compiles(in_json_list, "postgresql")
def _postgres_in_list(element: in_json_list, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = element.clauses
    return (
        f"({compiler.process(column, **kw)} IN"
        f" (SELECT jsonb_array_elements_text(CAST({compiler.process(values, **kw)} AS jsonb))))"
    )


class json_row(FunctionElement[str]):  # noqa: N801
    """A row's values as the text of one JSON array, built by the database.

    A page of the feed is thousands of rows of a dozen values; having the database
    write each row's JSON spares the server a Python object per value, both when the
    driver returns it and when orjson writes it again (DESIGN.md §6: initial sync).
    """

    type = String()
    inherit_cache = True
    name = "json_row"


_SQLITE_BOOLEAN = "iif({0}, json('true'), json('false'))"
"""A NOT NULL 0/1 column as a JSON boolean.

`iif` reads the column once; the `CASE` that also keeps NULL reads it twice, and
on a page of messages (three booleans a row) that was 15% of the feed query.
"""
_SQLITE_NULLABLE_BOOLEAN = f"CASE WHEN {{0}} IS NULL THEN NULL ELSE {_SQLITE_BOOLEAN} END"


def _values(element: json_row, compiler: SQLCompiler, *, booleans: bool, **kw: Any) -> str:
    """The arguments, labels dropped; with `booleans`, SQLite's 0/1 written as JSON booleans."""
    rendered = []
    for clause in element.clauses:
        inner = clause.element if isinstance(clause, Label) else clause
        sql = compiler.process(inner, **{**kw, "within_columns_clause": False})
        if booleans and isinstance(inner.type, Boolean):
            nullable = not isinstance(inner, Column) or inner.nullable
            sql = (_SQLITE_NULLABLE_BOOLEAN if nullable else _SQLITE_BOOLEAN).format(sql)
        rendered.append(sql)
    return ", ".join(rendered)


@compiles(json_row)
def _sqlite_json_row(element: json_row, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array({_values(element, compiler, booleans=True, **kw)})"


@compiles(json_row, "postgresql")
def _postgres_json_row(element: json_row, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(json_build_array({_values(element, compiler, booleans=False, **kw)}) AS text)"
