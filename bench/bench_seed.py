"""Benchmark of the bulk seeder: a 5,000-family centre with 1,000,000 messages.

Prints, per run, the rows/s of the message table (computing, inserting and
indexing the rows together) and of the whole load (every table and the commit):

- generation alone, in Python, rows produced and thrown away (what PostgreSQL's
  COPY is fed; SQLite computes the rows in SQL instead);
- SQLite as seeded: the messages computed by one `INSERT … SELECT`, appending to
  their indexes, the other tables' indexes rebuilt after the load;
- SQLite with every index kept (`--keep-indexes`);
- SQLite with the message indexes dropped beforehand and built after the load,
  the alternative to appending to them;
- SQLite with 16 KiB pages instead of the default 4 KiB (a property of the file,
  set before the schema is created: what a load-test database could choose);
- PostgreSQL, COPY FROM STDIN, indexes rebuilt, if a server answers on
  127.0.0.1:5432 (override with DESK_TEST_PG_HOST / _PORT / _USER).

and last the message rows/s of the SQLite run as seeded, the acceptance figure.
Other work on the machine shows in the figures.

Run: `.venv/bin/python bench/bench_seed.py [--messages N] [--families N]`
"""

from __future__ import annotations

import argparse
import os
import secrets
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import create_engine, event

from desk.server.orm import Base
from desk.tools.seeding import LoadReport, Scale, seed_centre
from desk.tools.seeding.centre import CentreSpec, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.tables import MESSAGE

NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)


def create_schema(url: str, *, page_size: int | None = None) -> None:
    engine = create_engine(url)
    if page_size:

        @event.listens_for(engine, "connect")
        def _page_size(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA page_size={page_size}")  # type: ignore[attr-defined]

    Base.metadata.create_all(engine)
    engine.dispose()


def show(label: str, report: LoadReport) -> float:
    """Print a load's figures; returns its message rows/s."""
    message = report.table(MESSAGE.name)
    print(
        f"{label:<36} messages {message.rows_per_second:>9,.0f} rows/s"
        f" (insert {message.write_seconds:5.2f} s + indexes {message.index_seconds:4.2f} s);"
        f" all {report.rows:,} rows {report.rows_per_second:>9,.0f} rows/s"
        f" incl. commit {report.commit_seconds:.2f} s; prepared in {report.prepare_seconds:.2f} s"
    )
    return message.rows_per_second


def generation_only(scale: Scale) -> None:
    spec = CentreSpec(centre_number=2, scale=scale, seed=1, now=NOW, secrets=StaffSecrets("x", "y"))
    rows = dict(generate_centre(spec, Clock("")).streams)[MESSAGE]
    started = time.perf_counter()
    produced = sum(1 for _ in rows)
    seconds = time.perf_counter() - started
    print(f"{'generation only, in Python':<36} messages {produced / seconds:>9,.0f} rows/s")


def sqlite_run(
    scale: Scale, label: str, *, rebuild: bool = True, page_size: int | None = None
) -> float:
    """Seed a fresh SQLite file; returns the message rows/s."""
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'server.db'}"
        create_schema(url, page_size=page_size)
        return show(label, seed_centre(url, scale, now=NOW, rebuild_indexes=rebuild))


def sqlite_message_indexes_after(scale: Scale) -> None:
    """The alternative to appending to the message indexes: build them after the load.

    They are dropped before the load and built after it, in transactions of their
    own, not checkpointed.
    """
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "server.db"
        url = f"sqlite:///{path}"
        create_schema(url)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (MESSAGE.name,),
            ).fetchall()
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
        report = seed_centre(url, scale, now=NOW)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            started = time.perf_counter()
            for _, definition in indexes:
                conn.execute(definition)
            seconds = time.perf_counter() - started
    report.tables = [
        replace(table, index_seconds=seconds) if table.table == MESSAGE.name else table
        for table in report.tables
    ]
    show("SQLite, message indexes built after", report)


def postgres_run(scale: Scale) -> None:
    host = os.environ.get("DESK_TEST_PG_HOST", "127.0.0.1")
    port = int(os.environ.get("DESK_TEST_PG_PORT", "5432"))
    user = os.environ.get("DESK_TEST_PG_USER", "postgres")
    try:
        admin = psycopg.connect(
            host=host, port=port, user=user, dbname="postgres", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable at {host}:{port}, skipped ({error})")
        return
    with admin:
        name = f"desk_bench_seed_{secrets.token_hex(4)}"
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
            create_schema(url)
            show("PostgreSQL COPY, indexes rebuilt", seed_centre(url, scale, now=NOW))
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description="bulk seeder benchmark")
    parser.add_argument("--families", type=int, default=5_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    scale = Scale(families=args.families, messages=args.messages)
    print(
        f"{scale.families:,} families, {scale.student_count:,} students,"
        f" {scale.thread_count:,} threads, {scale.messages:,} messages"
    )
    generation_only(scale)
    seeded = sqlite_run(scale, "SQLite, as seeded")
    sqlite_run(scale, "SQLite, every index kept", rebuild=False)
    sqlite_message_indexes_after(scale)
    sqlite_run(scale, "SQLite, 16 KiB pages", page_size=16_384)
    postgres_run(scale)
    print(f"SQLite message rows/s of the {scale.messages:,}-message run: {seeded:,.0f}")


if __name__ == "__main__":
    main()
