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

Run: `.venv/bin/python bench/bench_fanout.py [--backend sqlite|postgres] [--guardians N]`
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import func, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

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
def database_url(backend: str) -> Iterator[str]:
    """A fresh, empty database of `backend`, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    import psycopg

    name = f"desk_bench_{os.getpid()}"
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
            subprocess.Popen(argv, env=env, stderr=subprocess.DEVNULL)
            for _ in range(settings.workers)
        ]
        try:
            yield f"{settings.workers} `desk worker` processes"
        finally:
            for process in started:
                process.terminate()
            for process in started:
                process.wait(30)


def run(
    backend: str, guardians: int, workers: int, batch: int, concurrency: int, processes: bool
) -> None:
    with database_url(backend) as url:
        upgrade(url)
        database = open_database(url)
        centre, admin, students = seed(database, guardians)
        with database.reading() as session:
            principal = staff_principal(session, session.get_one(orm.Staff, admin))
        announcer = Announcer(ChangeNotifier(), database.dialect)
        client = new_id()
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
        finally:
            assert double.stdin is not None
            double.stdin.close()
            double.wait(10)
        database.dispose()
    rate = guardians / drained
    print(
        f"backend: {backend}, guardians: {guardians}, workers: {workers}, "
        f"batch: {batch}, sends in flight per worker: {concurrency}; {label}"
    )
    print(f"  commands: {commands:.2f} s ({guardians / commands:.0f} messages/s written)")
    print(
        f"  queue drain: {drained:.2f} s = {rate:.0f} messages/s "
        f"(target > {TARGET:.0f}/s: {'met' if rate > TARGET else 'NOT met'})"
    )
    print(f"  deliveries SENT: {sent}; texts at the Twilio double: {at_double}")
    print(f"  load average: {os.getloadavg()[0]:.2f}")


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
    args = parser.parse_args()
    run(
        args.backend,
        args.guardians,
        args.workers,
        args.batch,
        args.concurrency,
        processes=not args.threads,
    )


if __name__ == "__main__":
    main()
