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

Each figure is printed beside its floor (`floors.py`), measured in the same run:
the same rows, read back from the seeded database, written by the bare tool into
a fresh database of the same schema and page size in one transaction, with the
seeder's pragmas: plain `sqlite3.executemany` (every index kept), or psycopg's
plain `COPY` for PostgreSQL. The message floor is the message table alone; the
floor of the whole load is every table plus the commit. Last comes the
acceptance figure of issue 16: the SQLite message rows/s as seeded, against
300k rows/s and 1.5 times its floor.

Run: `.venv/bin/python bench/bench_seed.py [--messages N] [--families N] [--tiny]`
(`--tiny`: 20 families and 2,000 messages, to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import functools
import os
import secrets
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from floors import Report
from psycopg import sql
from sqlalchemy import create_engine, event

from desk.server.orm import Base
from desk.tools.seeding import LoadReport, Scale, seed_centre
from desk.tools.seeding.centre import CentreSpec, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.sinks.sqlite import PRAGMAS as SQLITE_PRAGMAS
from desk.tools.seeding.tables import MESSAGE

NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)
TARGET_ROWS_PER_SECOND = 300_000
TARGET_RATIO = 1.5


def create_schema(url: str, *, page_size: int | None = None) -> None:
    engine = create_engine(url)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: object, _record: object) -> None:
            if page_size:
                dbapi_connection.execute(f"PRAGMA page_size={page_size}")  # type: ignore[attr-defined]
            # A scratch file: each DDL statement commits on its own, and need not sync.
            dbapi_connection.execute("PRAGMA synchronous=OFF")  # type: ignore[attr-defined]

    Base.metadata.create_all(engine)
    engine.dispose()


_SCHEMAS = tempfile.TemporaryDirectory(prefix="desk-bench-seed-schemas-")


@functools.cache
def _empty_sqlite_schema(page_size: int | None) -> Path:
    path = Path(_SCHEMAS.name) / f"schema-{page_size or 'default'}.db"
    create_schema(f"sqlite:///{path}", page_size=page_size)
    return path


def sqlite_schema(path: Path, *, page_size: int | None = None) -> str:
    """An empty SQLite server database at `path`; returns its URL.

    Copied from one made once per page size: each of the schema's hundreds of
    statements commits on its own, and on a busy machine their syncs took longer
    than seeding a small centre.
    """
    shutil.copyfile(_empty_sqlite_schema(page_size), path)
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Floor:
    """The bare tool's rates for the same rows: the message table, and every table."""

    message_rows_per_second: float
    rows_per_second: float
    what: str


Tables = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def _read_back(fetch: Any, names: list[str]) -> Tables:
    """Each table's columns and rows, in the order they were stored."""
    tables: Tables = {}
    for name in names:
        cursor = fetch(f"SELECT * FROM {name}")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if rows:
            tables[name] = (columns, rows)
    return tables


def _ordered(tables: Tables) -> Iterator[tuple[str, list[str], list[tuple[Any, ...]]]]:
    """The tables in the order their foreign keys need (`Base.metadata.sorted_tables`)."""
    for name, (columns, rows) in tables.items():
        yield name, columns, rows


def sqlite_floor(seeded: Path, *, page_size: int | None = None) -> Floor:
    """`executemany` of the seeded file's rows into a fresh file of the same schema."""
    with closing(sqlite3.connect(seeded)) as source:
        names = [table.name for table in Base.metadata.sorted_tables]
        tables = _read_back(source.execute, names)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "floor.db"
        sqlite_schema(path, page_size=page_size)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            for pragma in SQLITE_PRAGMAS:  # the same connection as the seeder's
                conn.execute(pragma)
            conn.execute("BEGIN IMMEDIATE")
            started = time.perf_counter()
            message_seconds = 0.0
            for name, columns, rows in _ordered(tables):
                marks = ", ".join("?" * len(columns))
                table_started = time.perf_counter()
                conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
                if name == MESSAGE.name:
                    message_seconds = time.perf_counter() - table_started
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            seconds = time.perf_counter() - started
    messages = len(tables.get(MESSAGE.name, ([], []))[1])
    total = sum(len(rows) for _, rows in tables.values())
    return Floor(
        messages / message_seconds if message_seconds else 0.0,
        total / seconds,
        "plain sqlite3.executemany of the same rows, every index kept, one transaction",
    )


def show(report: Report, label: str, load: LoadReport, floor: Floor, cpu: float) -> float:
    """Print a load's figures beside the floor; returns its message rows/s.

    `cpu` is this process's CPU time over the whole load (preparing included): on a
    busy machine wall-clock figures of one run swing by a third, CPU time far less.
    """
    message = load.table(MESSAGE.name)
    report.rate(
        f"{label}: messages",
        message.rows_per_second,
        floor.message_rows_per_second,
        "rows/s",
        floor.what,
        note=f"(insert {message.write_seconds:.2f} s + indexes {message.index_seconds:.2f} s)",
    )
    report.rate(
        f"{label}: all {load.rows:,} rows",
        load.rows_per_second,
        floor.rows_per_second,
        "rows/s",
        floor.what + " + commit",
        note=f"(commit {load.commit_seconds:.2f} s; prepared in {load.prepare_seconds:.2f} s;"
        f" process CPU {cpu:.2f} s)",
    )
    return message.rows_per_second


def generation_only(report: Report, scale: Scale) -> None:
    spec = CentreSpec(centre_number=2, scale=scale, seed=1, now=NOW, secrets=StaffSecrets("x", "y"))
    rows = dict(generate_centre(spec, Clock("")).streams)[MESSAGE]
    started = time.perf_counter()
    produced = sum(1 for _ in rows)
    seconds = time.perf_counter() - started
    report.note(
        f"  generation only, in Python: messages {produced / seconds:,.0f} rows/s"
        " (what COPY is fed; no floor: nothing is written)"
    )


def sqlite_run(
    report: Report,
    scale: Scale,
    label: str,
    *,
    rebuild: bool = True,
    page_size: int | None = None,
    floor: Floor | None = None,
) -> tuple[float, Floor]:
    """Seed a fresh SQLite file and print it beside its floor.

    Returns the message rows/s and the floor, which is measured on the seeded
    file unless one is given (the same schema and page size need it only once).
    """
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "server.db"
        url = sqlite_schema(path, page_size=page_size)
        started = time.process_time()
        load = seed_centre(url, scale, now=NOW, rebuild_indexes=rebuild)
        cpu = time.process_time() - started
        floor = floor or sqlite_floor(path, page_size=page_size)
        return show(report, label, load, floor, cpu), floor


def sqlite_message_indexes_after(report: Report, scale: Scale, floor: Floor) -> None:
    """The alternative to appending to the message indexes: build them after the load.

    They are dropped before the load and built after it, in transactions of their
    own, not checkpointed.
    """
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "server.db"
        url = sqlite_schema(path)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (MESSAGE.name,),
            ).fetchall()
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
        cpu_started = time.process_time()
        load = seed_centre(url, scale, now=NOW)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            started = time.perf_counter()
            for _, definition in indexes:
                conn.execute(definition)
            seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    load.tables = [
        replace(table, index_seconds=seconds) if table.table == MESSAGE.name else table
        for table in load.tables
    ]
    show(report, "SQLite, message indexes built after", load, floor, cpu)


@contextmanager
def postgres_database(
    admin: psycopg.Connection[Any], user: str, host: str, port: int
) -> Iterator[str]:
    """A fresh database with the server schema, dropped afterwards; yields its URL."""
    name = f"desk_bench_seed_{secrets.token_hex(4)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
        create_schema(url)
        yield url
    finally:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def postgres_floor(tables: Tables, url: str) -> Floor:
    """Plain `COPY` of the same rows into a fresh database of the same schema."""
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        started = time.perf_counter()
        message_seconds = 0.0
        with conn.cursor() as cursor:
            for name, columns, rows in _ordered(tables):
                names = sql.SQL(", ").join(map(sql.Identifier, columns))
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(name), names)
                table_started = time.perf_counter()
                with cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
                if name == MESSAGE.name:
                    message_seconds = time.perf_counter() - table_started
        conn.commit()
        seconds = time.perf_counter() - started
    messages = len(tables.get(MESSAGE.name, ([], []))[1])
    return Floor(
        messages / message_seconds if message_seconds else 0.0,
        sum(len(rows) for _, rows in tables.values()) / seconds,
        "plain psycopg COPY of the same rows, every index kept, one transaction",
    )


def postgres_run(report: Report, scale: Scale) -> None:
    host = os.environ.get("DESK_TEST_PG_HOST", "127.0.0.1")
    port = int(os.environ.get("DESK_TEST_PG_PORT", "5432"))
    user = os.environ.get("DESK_TEST_PG_USER", "postgres")
    try:
        admin = psycopg.connect(
            host=host, port=port, user=user, dbname="postgres", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as error:
        report.note(f"PostgreSQL not reachable at {host}:{port}, skipped ({error})")
        return
    with admin:
        with postgres_database(admin, user, host, port) as url:
            started = time.process_time()  # the client's share: PostgreSQL works apart
            load = seed_centre(url, scale, now=NOW)
            cpu = time.process_time() - started
            with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as seeded:
                names = [table.name for table in Base.metadata.sorted_tables]
                tables = _read_back(seeded.execute, names)
        with postgres_database(admin, user, host, port) as url:
            floor = postgres_floor(tables, url)
        show(report, "PostgreSQL COPY, indexes rebuilt", load, floor, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description="bulk seeder benchmark")
    parser.add_argument("--families", type=int, default=5_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--tiny", action="store_true", help="a small centre, to check it runs")
    args = parser.parse_args()
    scale = (
        Scale(families=20, messages=2_000)
        if args.tiny
        else Scale(families=args.families, messages=args.messages)
    )
    report = Report(
        f"bulk seeder: {scale.families:,} families, {scale.student_count:,} students,"
        f" {scale.thread_count:,} threads, {scale.messages:,} messages"
    )
    generation_only(report, scale)
    seeded, floor = sqlite_run(report, scale, "SQLite, as seeded")
    sqlite_run(report, scale, "SQLite, every index kept", rebuild=False, floor=floor)
    sqlite_message_indexes_after(report, scale, floor)
    sqlite_run(report, scale, "SQLite, 16 KiB pages", page_size=16_384)
    postgres_run(report, scale)
    ratio = floor.message_rows_per_second / seeded
    report.note(
        f"acceptance (issue 16): SQLite messages as seeded {seeded:,.0f} rows/s"
        f" (target {TARGET_ROWS_PER_SECOND:,}:"
        f" {'met' if seeded >= TARGET_ROWS_PER_SECOND else 'NOT met'}),"
        f" {ratio:.2f}x its floor (target {TARGET_RATIO}x:"
        f" {'met' if ratio <= TARGET_RATIO else 'NOT met'})"
    )
    report.close()


if __name__ == "__main__":
    main()
