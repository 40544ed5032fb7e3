"""A server process's command processes end with it, however it ends.

They wait for work on a queue whose both ends they hold, so nothing told them the
server was gone: a SIGTERM to the server alone (a supervisor that signals one
process, not its group) or a kill -9 left them, and the fork server they came from,
holding database connections. Each child now watches the server process itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.polling import wait_until
from tests.support.server_process import run_server


def group_members(group: int) -> list[int]:
    """The processes of process group `group`, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:  # state, ppid, pgrp
                members.append(int(stat.parent.name))
    return members


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process groups from /proc")
@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_the_command_processes_end_with_the_server_process(
    ending: signal.Signals, database_factory: Callable[[], str], database_backend: str
) -> None:
    if database_backend == "sqlite":
        pytest.skip("on SQLite the server applies commands in its own threads")
    with run_server(database_factory()) as server:
        pid = server.pid
        assert pid is not None
        group = os.getpgid(pid)  # the server leads a group of its own
        # The fork server, its command processes and multiprocessing's resource tracker.
        assert len(group_members(group)) >= 4, group_members(group)
        os.kill(pid, ending)  # the server alone, not its group
        wait_until(lambda: not server.running, "the server process ended", timeout=30)
        wait_until(
            lambda: not group_members(group),
            "no process of the server's group is left",
            timeout=30,
        )
