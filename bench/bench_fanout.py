"""Benchmark of delivery fan-out: one Emergency SMS to 5,000 guardians through the queue.

Seeds a centre of N families (one guardian with a phone of their own and one child
each) into a fresh database, applies `send_new_message` with `emergency_sms` to every
child (in commands of 2,000 students, the command's limit), then starts 2 delivery
workers sending through the real Twilio adapter to the loopback Twilio double, which
runs in a process of its own as Twilio would. The workers are `desk worker` processes
of one thread each, as a deployment runs them (`--threads`: threads of this process,
which share one interpreter lock). Prints, with the target:

- the commands: writing N messages, N deliveries and N jobs (messages/s);
- the queue drain: from starting the workers until every job is done and every
  delivery is SENT (messages/s; target over 500/s with 2 workers);
- a check that the double holds exactly N texts.

Each figure is printed beside its floor (`floors.py`), measured in the same run:
for the commands, the rows they added written by the bare driver (`sqlite3` or
psycopg `executemany`, in the tables' foreign-key order, one transaction) into a
fresh database holding what the first held before them; for the queue drain, N
bare HTTP requests (the same form a text is sent with) to the same double, on
kept connections, as many at once as the workers have sends in flight.

Run: `.venv/bin/python bench/bench_fanout.py [--backend sqlite|postgres] [--guardians N]
[--tiny]` (`--tiny`: 40 guardians, to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from floors import Report  # noqa: E402

from desk.core.ids import new_id  # noqa: E402
from desk.core.kinds import MessageState, StaffRole  # noqa: E402
from desk.core.permissions import ROLE_DEFAULTS, format_capabilities  # noqa: E402
from desk.server import orm  # noqa: E402
from desk.server.commands import CommandIn, apply_batch  # noqa: E402
from desk.server.config import ServerSettings  # noqa: E402
from desk.server.db import Database, open_database  # noqa: E402
from desk.server.delivery.runtime import build_delivery  # noqa: E402
from desk.server.migrate import upgrade  # noqa: E402
from desk.server.notify import Announcer, ChangeNotifier  # noqa: E402
from desk.server.principal import staff_principal  # noqa: E402
from desk.server.providers.config import LogSettings, ProviderSettings, TwilioSettings  # noqa: E402
from desk.server.versioning import ensure_scope, stamp  # noqa: E402

TARGET = 500.0
COMMAND_LIMIT = 2000

DOUBLE_SCRIPT = """
import json, sys, threading
from tests.support.doubles.twilio_double import TwilioDouble
double = TwilioDouble().start()
print(json.dumps({"base_url": double.base_url, "account_sid": double.account_sid,
                  "auth_token": double.auth_token, "number": double.numbers[0]}), flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
"""


@contextmanager
def database_url(backend: str, purpose: str = "bench") -> Iterator[str]:
    """A fresh, empty database of `backend`, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / f'{purpose}.db'}"
        return
    import psycopg

    name = f"desk_{purpose}_{os.getpid()}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def seed(database: Database, guardians: int) -> tuple[str, str, list[str]]:
    """A centre, its admin, and `guardians` one-child families; returns ids."""
    centre, admin = new_id(), new_id()
    students: list[str] = []
    with database.writing() as session:
        ensure_scope(session, centre)
        session.add(
            orm.Centre(
                id=centre,
                centre_id=centre,
                name="Bench Centre",
                kiosk_pin_secret="00" * 32,
                sms_monthly_quota=guardians * 10,
            )
        )
        session.add(
            orm.Staff(
                id=admin,
                centre_id=centre,
                first_name="Bench",
                last_name="Admin",
                username=f"bench-{centre}",
                role=StaffRole.ADMIN,
                capabilities=format_capabilities(ROLE_DEFAULTS[StaffRole.ADMIN]),
                password_hash="x",
            )
        )
        families = [new_id() for _ in range(guardians)]
        session.add_all(
            orm.Family(id=f, centre_id=centre, name=f"F{n}") for n, f in enumerate(families)
        )
        session.flush()
        for n, family in enumerate(families):
            student = new_id()
            students.append(student)
            session.add(
                orm.Guardian(
                    id=new_id(),
                    centre_id=centre,
                    family_id=family,
                    first_name=f"G{n}",
                    last_name="Parent",
                    phone=f"+1202555{n:04d}",
                )
            )
            session.add(
                orm.Student(
                    id=student,
                    centre_id=centre,
                    family_id=family,
                    first_name=f"S{n}",
                    last_name="Kid",
                    birth_date=date(2021, 1, 1),
                )
            )
        stamp(session, centre)
    return centre, admin, students


def start_double() -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", DOUBLE_SCRIPT],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, json.loads(process.stdout.readline())


def texts_at_double(info: dict[str, str]) -> int:
    url = f"{info['base_url']}/2010-04-01/Accounts/{info['account_sid']}/Messages.json"
    answer = httpx.get(
        url, params={"PageSize": "100000"}, auth=(info["account_sid"], info["auth_token"])
    )
    return len(answer.json()["messages"])


@contextmanager
def workers_running(
    settings: ServerSettings, info: dict[str, str], processes: bool
) -> Iterator[str]:
    """`settings.workers` workers until the block ends.

    They are threads in this process, or `desk worker` processes of one thread each
    (one GIL per worker).
    """
    if not processes:
        database = open_database(settings.database_url)
        announcer = Announcer(ChangeNotifier(), database.dialect)
        delivery = build_delivery(settings, database, announcer)
        assert delivery is not None
        delivery.start()
        try:
            yield f"{settings.workers} threads in one process"
        finally:
            delivery.close()
            database.dispose()
        return
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "desk.toml"
        config.write_text(
            f"[server]\njob_batch = {settings.job_batch}\n"
            f"send_concurrency = {settings.send_concurrency}\n"
            '[providers.sms]\nkind = "twilio"\n'
            f'account_sid = "{info["account_sid"]}"\nauth_token = "{info["auth_token"]}"\n'
            f'from_number = "{info["number"]}"\nbase_url = "{info["base_url"]}"\n'
            f'[providers.email]\nkind = "log"\npath = "{os.devnull}"\n'
            f'[providers.push]\nkind = "log"\npath = "{os.devnull}"\n'
        )
        env = {
            **os.environ,
            "DESK_CONFIG": str(config),
            "DESK_DATABASE_URL": settings.database_url,
            "PYTHONPATH": str(REPO_ROOT),
        }
        argv = [sys.executable, "-m", "desk", "worker", "--workers", "1"]
        started = [
            subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(settings.workers)
        ]
        try:
            yield f"{settings.workers} `desk worker` processes"
        finally:
            for process in started:
                process.terminate()
            for process in started:
                process.wait(30)


Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def snapshot(database: Database) -> Snapshot:
    """Every table's columns and rows, read with the bare driver, in foreign-key order."""
    tables: Snapshot = {}
    with database.read_engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for table in orm.Base.metadata.sorted_tables:
            cursor = raw.cursor()
            cursor.execute(f"SELECT * FROM {table.name}")
            columns = [d[0] for d in cursor.description]
            tables[table.name] = (columns, [tuple(row) for row in cursor.fetchall()])
    return tables


def added(before: Snapshot, after: Snapshot) -> tuple[Snapshot, Snapshot]:
    """What `before` held that `after` still holds as it was, and what is new or changed.

    A row the commands changed (the centre's `sync_state` version) counts as new,
    and its old version is left out of the first part.
    """
    kept: Snapshot = {}
    new: Snapshot = {}
    for table in orm.Base.metadata.sorted_tables:
        columns, rows = after[table.name]
        keys = [columns.index(c.name) for c in table.primary_key.columns]
        old = set(before[table.name][1])
        fresh = [row for row in rows if row not in old]
        changed = {tuple(row[k] for k in keys) for row in fresh}
        kept[table.name] = (
            columns,
            [row for row in before[table.name][1] if tuple(row[k] for k in keys) not in changed],
        )
        if fresh:
            new[table.name] = (columns, fresh)
    return kept, new


def write_plainly(url: str, tables: Snapshot) -> float:
    """Insert `tables` with the bare driver's `executemany` in one transaction; seconds."""
    import psycopg

    sqlite = url.startswith("sqlite")
    raw: Any = (
        sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        if sqlite
        else psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
    )
    try:
        marker = "?" if sqlite else "%s"
        cursor = raw.cursor()
        started = time.perf_counter()
        if sqlite:
            cursor.execute("BEGIN IMMEDIATE")
        for name, (columns, rows) in tables.items():
            cursor.executemany(
                f"INSERT INTO {name} ({', '.join(columns)})"
                f" VALUES ({', '.join([marker] * len(columns))})",
                rows,
            )
        cursor.execute("COMMIT") if sqlite else raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()


def commands_floor(
    backend: str, before: Snapshot, new_rows: Snapshot, empty: Path | None = None
) -> float:
    """Seconds the bare driver takes to write the rows the commands added.

    Into a fresh database of the same schema (a copy of `empty`, an SQLite file as
    migrated, where given) that first gets (untimed) what the measured one held
    before the commands, so every reference resolves.
    """
    with database_url(backend, "floor") as url:
        if empty is not None:
            shutil.copyfile(empty, url.removeprefix("sqlite:///"))
        else:
            upgrade(url)
        write_plainly(url, {name: table for name, table in before.items() if table[1]})
        return write_plainly(url, new_rows)


def bare_sends(info: dict[str, str], count: int, at_once: int) -> float:
    """Seconds for `count` bare POSTs of a text's form to the double, `at_once` at a time."""
    url = f"{info['base_url']}/2010-04-01/Accounts/{info['account_sid']}/Messages.json"
    auth = (info["account_sid"], info["auth_token"])
    shares = [count // at_once + (1 if n < count % at_once else 0) for n in range(at_once)]

    def send(share: int) -> None:
        with httpx.Client(auth=auth) as client:
            for n in range(share):
                form = {"To": f"+1202555{n:04d}", "From": info["number"], "Body": "floor"}
                client.post(url, data=form).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(at_once) as pool:
        list(pool.map(send, shares))
    return time.perf_counter() - started


def run(
    backend: str, guardians: int, workers: int, batch: int, concurrency: int, processes: bool
) -> None:
    report = Report(
        f"fan-out: one Emergency SMS to {guardians:,} guardians, backend {backend},"
        f" {workers} workers, batch {batch}, {concurrency} sends in flight per worker"
    )
    with database_url(backend) as url, tempfile.TemporaryDirectory() as scratch:
        upgrade(url)
        empty = None
        if backend == "sqlite":  # migrating again for the floor took seconds
            empty = Path(scratch) / "empty.db"
            shutil.copyfile(url.removeprefix("sqlite:///"), empty)
        database = open_database(url)
        centre, admin, students = seed(database, guardians)
        with database.reading() as session:
            principal = staff_principal(session, session.get_one(orm.Staff, admin))
        announcer = Announcer(ChangeNotifier(), database.dialect)
        client = new_id()
        before = snapshot(database)
        started = time.perf_counter()
        for seq, first in enumerate(range(0, len(students), COMMAND_LIMIT), start=1):
            chunk = students[first : first + COMMAND_LIMIT]
            outcome = apply_batch(
                database,
                announcer,
                principal,
                client,
                [
                    CommandIn(
                        command_id=new_id(),
                        seq=seq,
                        name="send_new_message",
                        args={
                            "student_ids": chunk,
                            "channel": "office",
                            "body": "The centre is closed today because of the storm.",
                            "emergency_sms": True,
                        },
                    )
                ],
            )
            assert outcome.results[0].status == "applied", outcome.results[0].error
        commands = time.perf_counter() - started
        kept, new_rows = added(before, snapshot(database))
        double, info = start_double()
        try:
            providers = ProviderSettings(
                sms=TwilioSettings(
                    account_sid=info["account_sid"],
                    auth_token=info["auth_token"],
                    from_number=info["number"],
                    base_url=info["base_url"],
                ),
                email=LogSettings(os.devnull),
                push=LogSettings(os.devnull),
            )
            settings = replace(
                ServerSettings(database_url=url),
                providers=providers,
                workers=workers,
                job_batch=batch,
                send_concurrency=concurrency,
            )
            started = time.perf_counter()
            with workers_running(settings, info, processes) as label:
                while True:
                    with database.reading() as session:
                        left = session.scalar(
                            select(func.count()).where(orm.Job.state.in_(("queued", "running")))
                        )
                    if not left:
                        break
                    time.sleep(0.05)
                drained = time.perf_counter() - started
            with database.reading() as session:
                sent = session.scalar(
                    select(func.count()).where(
                        orm.Delivery.centre_id == centre, orm.Delivery.state == MessageState.SENT
                    )
                )
            at_double = texts_at_double(info)
            sends = bare_sends(info, guardians, workers * concurrency)
        finally:
            assert double.stdin is not None
            double.stdin.close()
            double.wait(10)
        database.dispose()
        floor = commands_floor(backend, kept, new_rows, empty)
    written = sum(len(rows) for _, rows in new_rows.values())
    report.rate(
        f"commands: {guardians:,} messages written",
        guardians / commands,
        guardians / floor,
        "messages/s",
        f"the {written:,} rows they added, bare executemany, one transaction",
        note=f"({commands:.2f} s)",
    )
    rate = guardians / drained
    report.rate(
        "queue drain, every delivery SENT",
        rate,
        guardians / sends,
        "messages/s",
        f"{guardians:,} bare HTTP POSTs to the double, {workers * concurrency} at once",
        note=f"({drained:.2f} s; workers: {label})",
    )
    report.note(f"  target > {TARGET:.0f}/s: {'met' if rate > TARGET else 'NOT met'}")
    report.note(f"  deliveries SENT: {sent}; texts at the Twilio double: {at_double}")
    report.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--guardians", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    defaults = ServerSettings()
    parser.add_argument("--batch", type=int, default=defaults.job_batch)
    parser.add_argument("--concurrency", type=int, default=defaults.send_concurrency)
    parser.add_argument(
        "--threads", action="store_true", help="worker threads in this process, not processes"
    )
    parser.add_argument("--tiny", action="store_true", help="40 guardians, to check it runs")
    args = parser.parse_args()
    run(
        args.backend,
        40 if args.tiny else args.guardians,
        args.workers,
        args.batch,
        args.concurrency,
        processes=not args.threads,
    )


if __name__ == "__main__":
    main()
