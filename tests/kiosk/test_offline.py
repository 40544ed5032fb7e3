"""The kiosk without a network, and killed between a sign-in tap and its sync.

Both rest on the outbox: a sign-in or acknowledgement is written with its local
effect in one transaction, and the server applies each command once per (client,
seq), so whatever happens to the network or the process, it arrives exactly once.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk.core.kinds import AttendanceKind
from desk.kiosk.window import Screen
from desk.models.cache import open_cache
from desk.server import orm
from desk.server.db import Database, open_database
from desk.services.kiosk_device import enroll
from desk.sync.outbox import client_id
from desk.sync.pull import pull
from tests.support.factories import CentreIds, make_centre
from tests.support.kiosk import OfficeClient, attendance, give_admin_pin, kiosk_message
from tests.support.kiosk_steps import MakeKiosk, screen, tap, tap_pin, wait_until_sent
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess, run_server

pytestmark = pytest.mark.usefixtures("keyring_file")

WORKER = Path(__file__).with_name("kiosk_worker.py")
REPO_ROOT = Path(__file__).resolve().parents[2]
WORKER_TIMEOUT = 60.0  # a worker taking this long is stuck, not slow


@pytest.fixture
def own_server(
    database_factory: Callable[[], str], tmp_path: Path
) -> Iterator[tuple[ServerProcess, Database, CentreIds]]:
    """A server of this test's own, which it may stop, with a centre on it."""
    with run_server(database_factory(), log_dir=tmp_path / "server") as server:
        database = open_database(server.database_url)
        try:
            centre = make_centre(database)
            give_admin_pin(database, centre)
            yield server, database, centre
        finally:
            database.dispose()


def test_offline_the_kiosk_keeps_working_and_sends_everything_once_later(
    qtbot: QtBot,
    run_async: Runner,
    own_server: tuple[ServerProcess, Database, CentreIds],
    make_kiosk: MakeKiosk,
) -> None:
    server, database, centre = own_server
    with OfficeClient(server.url, centre) as office:
        note = office.queue(centre.guardians["maria"], "Sunscreen, please")
    window = make_kiosk(server, centre)
    server.stop()

    tap_pin(qtbot, window, centre.pins["maria"])
    assert window.message_screen.body.text() == "Sunscreen, please"
    tap(qtbot, window.message_screen.ok_button)
    window.children_screen.toggle_for(centre.students["leo"]).click()
    tap(qtbot, window.children_screen.done_button)
    assert "Leo signed in" in window.done_screen.summary.text()
    tap(qtbot, window.done_screen.ok_button)
    assert window.desk.waiting() == 2  # the acknowledgement and the sign-in
    tap_pin(qtbot, window, centre.pins["maria"])
    assert screen(window) is Screen.CHILDREN  # acknowledged locally already
    assert window.children_screen.toggle_for(centre.students["leo"]).text() == "Sign out"

    server.restart()
    wait_until_sent(run_async, window)
    assert kiosk_message(database, note).acknowledged_at is not None
    [(kind, who, _)] = attendance(database, centre.students["leo"])
    assert (kind, who) == (AttendanceKind.SIGN_IN, centre.guardians["maria"])


def run_worker(mode: str, cache: Path, keyring_file: str, pin: str, student: str) -> list[str]:
    """Run the kiosk worker; in the `tap` modes SIGKILL it as soon as it says `tapped`.

    Lines are read on a thread, so a stuck worker fails the test after
    `WORKER_TIMEOUT` instead of hanging it.
    """
    argv = [sys.executable, str(WORKER), mode, str(cache), keyring_file, pin, student]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1"}
    lines: list[str] = []
    received: queue.Queue[str | None] = queue.Queue()
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT
    ) as process:
        assert process.stdout is not None
        reader = threading.Thread(target=_read_lines, args=(process.stdout, received))
        reader.start()
        deadline = time.monotonic() + WORKER_TIMEOUT
        try:
            while (line := received.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
                lines.append(line)
                if mode != "sync" and line == "tapped":
                    os.kill(process.pid, signal.SIGKILL)
                    break
            process.wait(max(0.0, deadline - time.monotonic()))
        except (queue.Empty, subprocess.TimeoutExpired):
            pytest.fail(f"the kiosk worker ({mode}) was stuck after {lines}")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            reader.join()
    if mode == "sync":
        assert process.returncode == 0, lines
    else:
        assert process.returncode == -signal.SIGKILL, lines
    return lines


def _read_lines(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.strip())
    lines.put(None)


def test_a_sign_in_killed_before_its_sync_reaches_the_server_once_after_a_restart(
    own_server: tuple[ServerProcess, Database, CentreIds], tmp_path: Path, keyring_file: Any
) -> None:
    server, database, centre = own_server
    cache_path = tmp_path / "kiosk.db"
    with OfficeClient(server.url, centre) as office, open_cache(cache_path) as cache:
        _, api = enroll(cache, server.url, office.enrollment_code(), "Front door")
        pull(api, cache)
        device = client_id(cache)
        api.close()
    leo, pin, keys = centre.students["leo"], centre.pins["maria"], keyring_file.file_path

    # Killed with the sign-in in the outbox and no engine: it cannot have been sent.
    assert run_worker("tap", cache_path, keys, pin, leo)[-1] == "tapped"
    assert attendance(database, leo) == []
    # Killed as soon as it tapped, with the engine sending: before, during or after the
    # push, wherever the kill lands.
    for _ in range(2):
        assert run_worker("tap-sync", cache_path, keys, pin, leo)[-1] == "tapped"
    assert run_worker("sync", cache_path, keys, pin, leo)[-1] == "synced"

    kinds = [kind for kind, *_ in attendance(database, leo)]
    assert kinds == [AttendanceKind.SIGN_IN, AttendanceKind.SIGN_OUT, AttendanceKind.SIGN_IN]
    with database.reading() as session:
        logged = session.scalar(
            select(func.count()).where(
                orm.CommandLog.client_id == device, orm.CommandLog.name == "record_attendance"
            )
        )
    assert logged == 3
    with open_cache(cache_path) as cache:
        assert cache.read("SELECT COUNT(*) FROM outbox") == [(0,)]
