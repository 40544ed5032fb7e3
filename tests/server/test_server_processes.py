"""`desk server --processes N`: several server processes on one port and one PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desk.server.config import ServerSettings
from desk.server.main import ProcessesRefused, check_processes, settings_environment
from tests.support.polling import wait_until
from tests.support.server_process import DEFAULT_COMMAND, run_server

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_refuses_several_processes_with_the_reason(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "DESK_DATABASE_URL": f"sqlite:///{tmp_path / 'desk.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "desk", "server", "--processes", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "several server processes need PostgreSQL" in done.stderr
    assert not (tmp_path / "desk.db").exists()  # refused before migrating anything


@pytest.mark.parametrize("count", [0, -1])
def test_a_process_count_below_one_is_refused(count: int) -> None:
    with pytest.raises(ProcessesRefused, match="1 or more"):
        check_processes(ServerSettings(database_url="postgresql+psycopg://x/y"), count)


def test_the_processes_get_the_settings_the_command_resolved() -> None:
    """Options given on the command line reach spawned processes through the environment."""
    settings = ServerSettings(
        database_url="postgresql+psycopg://desk@db/desk", port=9001, long_poll_seconds=7
    )
    assert ServerSettings.load(settings_environment(settings)) == settings


@pytest.mark.postgres
@pytest.mark.parametrize("database_backend", ["postgres"], indirect=True, scope="session")
def test_several_processes_serve_one_port(database_factory: Callable[[], str]) -> None:
    command = (*DEFAULT_COMMAND, "--processes", "2")
    with run_server(database_factory(), command=command) as server:
        pids: set[str] = set()

        def both_started() -> bool:
            pids.update(re.findall(r"Started server process \[(\d+)\]", server.log_text()))
            return len(pids) == 2

        wait_until(both_started, "two server processes started", timeout=30)
        assert str(server.pid) not in pids  # the supervisor serves nothing itself
