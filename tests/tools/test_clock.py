"""Seeded times are stored exactly as SQLAlchemy would store them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from desk.server.orm import Centre, KioskDevice
from desk.tools.seeding.clock import Clock, unix_seconds
from tests.support.seeding import sqlite_url

MOMENTS = [
    datetime(2025, 6, 4, 19, 30, 5, tzinfo=UTC),
    datetime(2024, 2, 29, 0, 0, 0, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC),
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_sqlite_text_is_what_sqlalchemy_writes(tmp_path: Path, moment: datetime) -> None:
    url = sqlite_url(tmp_path)
    engine = create_engine(url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(
                insert(KioskDevice).values(
                    id="k", centre_id="c", version=1, deleted=False, name="Kiosk",
                    enrolled_by="s", enrolled_at=moment, revoked=False,
                )
            )  # fmt: skip
    finally:
        engine.dispose()
    connection = sqlite3.connect(tmp_path / "server.db")
    try:
        [(stored,)] = connection.execute("SELECT enrolled_at FROM kiosk_device").fetchall()
    finally:
        connection.close()
    assert Clock("").text(unix_seconds(moment)) == stored


def test_sqlite_text_reads_back_as_aware_utc(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    connection = sqlite3.connect(tmp_path / "server.db")
    try:
        with connection:
            connection.execute(
                "INSERT INTO kiosk_device (id, centre_id, version, deleted, name, enrolled_by,"
                " enrolled_at, revoked) VALUES ('k', 'c', 1, 0, 'Kiosk', 's', ?, 0)",
                (Clock("").text(unix_seconds(MOMENTS[0])),),
            )
    finally:
        connection.close()
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(KioskDevice.enrolled_at)).one() == MOMENTS[0]
            assert session.scalars(select(Centre)).all() == []
    finally:
        engine.dispose()


def test_postgres_text_names_utc() -> None:
    assert Clock("+00:00").text(unix_seconds(MOMENTS[0])) == "2025-06-04 19:30:05.000000+00:00"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        unix_seconds(datetime(2025, 6, 4))
