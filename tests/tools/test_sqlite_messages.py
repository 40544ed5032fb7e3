"""SQLite computes exactly the message rows that Python generates, stamped alike."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desk.core.kinds import MessageState
from desk.server.orm import Message
from desk.tools.seeding.centre import CentreSpec, SeededCentre, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.messages import MessageStream
from desk.tools.seeding.scale import Scale
from desk.tools.seeding.sinks.sqlite import SqliteSink
from desk.tools.seeding.sinks.sqlite_messages import APPENDED_INDEXES, placeholders
from desk.tools.seeding.stamping import BATCH, Versions, batches
from desk.tools.seeding.tables import MESSAGE
from tests.support.seeding import NOW, sqlite_url

SPEC = CentreSpec(
    centre_number=5,
    scale=Scale(families=40, students_per_family=2, staff=8, threads=90, messages=4_321),
    seed=12,
    now=NOW,
    secrets=StaffSecrets("password-hash", "admin-pin-hash"),
)
EARLIER_VERSIONS = 17
"""Versions the tables before `message` took in a load."""


def generate() -> tuple[SeededCentre, MessageStream]:
    centre = generate_centre(SPEC, Clock(""))
    stream = dict(centre.streams)[MESSAGE]
    assert isinstance(stream, MessageStream)
    return centre, stream


def versions_from(last: int) -> Versions:
    versions = Versions()
    versions.last = last
    return versions


def stored_messages(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        columns = ", ".join(MESSAGE.all_columns)
        return conn.execute(f"SELECT {columns} FROM message ORDER BY id").fetchall()


def test_sql_rows_equal_the_generated_rows(tmp_path: Path) -> None:
    centre, stream = generate()
    sink = SqliteSink(sqlite_url(tmp_path).removeprefix("sqlite:///"))
    in_sql = versions_from(EARLIER_VERSIONS)
    try:
        assert sink.write_messages(centre.id, stream, in_sql) == SPEC.scale.messages
        sink.commit()
    finally:
        sink.close()
    in_python = versions_from(EARLIER_VERSIONS)
    expected = [
        (centre.id, version, 0, *row)
        for version, rows in batches(stream, in_python)
        for row in rows
    ]
    stored = stored_messages(tmp_path / "server.db")
    assert stored == expected
    assert in_sql.last == in_python.last
    # The sample covers each case the SQL tells apart.
    states = {row[MESSAGE.all_columns.index("state")] for row in stored}
    assert {MessageState.FAILED, MessageState.DELIVERED, MessageState.SENT} <= states
    assert any(row[MESSAGE.all_columns.index("subject")] for row in stored)
    mentions = {
        len(placeholders(plan.lines.texts[q])) for plan in stream.plans for q, _, _ in plan.layout()
    }
    assert mentions == {0, 1, 2}


def test_a_plan_sql_cannot_compute_fails_the_load(tmp_path: Path) -> None:
    """A side without speakers would drop its rows from the join: the load fails."""
    centre, stream = generate()
    stream.plans[3].centre_side.clear()
    sink = SqliteSink(sqlite_url(tmp_path).removeprefix("sqlite:///"))
    try:
        with pytest.raises(RuntimeError, match="computed"):
            sink.write_messages(centre.id, stream, Versions())
    finally:
        sink.close()
    assert stored_messages(tmp_path / "server.db") == []


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Thanks!", []),
        ("Hi {parent}, {child} had a good day. {child} slept well.", ["{parent}", "{child}"]),
    ],
)
def test_placeholders_are_listed_once_each(text: str, fields: list[str]) -> None:
    assert placeholders(text) == fields


@pytest.mark.parametrize(
    "text",
    ["{nobody} called", "{child:>8}", "{child!r}", "{{child}}", "{child}, {parent} and {room}"],
)
def test_lines_sql_cannot_fill_in_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="line"):
        placeholders(text)


@pytest.mark.parametrize("rows", [0, 1, BATCH - 1, BATCH, BATCH + 1, 5 * BATCH + 3])
def test_taking_versions_matches_stamping_batches(rows: int) -> None:
    stamped, taken = versions_from(EARLIER_VERSIONS), versions_from(EARLIER_VERSIONS)
    list(batches([()] * rows, stamped))
    assert taken.take(rows) == EARLIER_VERSIONS
    assert taken.last == stamped.last


def test_the_indexes_kept_through_a_load_exist() -> None:
    """Guards the sink's choice of indexes.

    A renamed index would be dropped and rebuilt silently, and the load would lose
    the appends it was measured with; a new index must be checked for the order the
    computed rows arrive in before it joins them (or is left to be rebuilt).
    """
    names = {index.name for index in Message.__table__.indexes}  # type: ignore[attr-defined]
    assert names == APPENDED_INDEXES
