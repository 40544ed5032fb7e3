"""A real backend process on loopback, for tests that talk HTTP to it.

`run_server` starts `python -m desk server` on a free port with `DESK_DATABASE_URL` set,
waits until `GET /api/v1/health/ready` answers 200 (database, migrations, command
processes up) and returns a `ServerProcess` that can be
stopped, killed and restarted mid-test (a crash, a deploy, an outage) on the same URL.

The process writes stdout and stderr to a log file rather than a pipe, so a chatty server
can never block on a full pipe; `tests/conftest.py` attaches the part of every server log
written during a failed test to that test's report.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from .net import free_port
from .polling import PollTimeout, wait_until

HEALTH_PATH = "/api/v1/health/ready"
"""Answers 200 once the server has run its migrations and accepts requests."""

DEFAULT_COMMAND: tuple[str, ...] = (
    sys.executable,
    "-m",
    "desk",
    "server",
    "--host",
    "{host}",
    "--port",
    "{port}",
)
"""The server command line; `{host}` and `{port}` are filled in at each start."""

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0
_POLL_INTERVAL = 0.05
_PORT_ATTEMPTS = 3
_REPO_ROOT = Path(__file__).resolve().parents[2]

_serial = itertools.count(1)
_logs: list[tuple[str, Path]] = []  # (label, log file) of every server started
_live: weakref.WeakSet[ServerProcess] = weakref.WeakSet()
_temp_dirs: list[str] = []


class ServerStartError(RuntimeError):
    """The server died during start-up or never answered its health check in time."""


class ServerProcess:
    """One server process: started by `start`, reachable at `url` while `running`.

    Use it as a context manager (`with run_server(url) as server:`) so that it is
    stopped however the block ends. A stopped or killed server can be started again
    with `restart`, on the same host and port, so clients keep their base URL.
    """

    def __init__(
        self,
        database_url: str,
        *,
        env: Mapping[str, str] | None = None,
        command: Sequence[str] = DEFAULT_COMMAND,
        host: str = "127.0.0.1",
        port: int | None = None,
        log_dir: Path | None = None,
        startup_timeout: float = STARTUP_TIMEOUT,
        stop_timeout: float = STOP_TIMEOUT,
    ) -> None:
        self.database_url = database_url
        self.env = dict(env or {})
        self.command = tuple(command)
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.returncode: int | None = None
        self._port_chosen_by_us = port is None
        self._started_once = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._start_offset = 0
        if log_dir is None:
            log_dir = Path(tempfile.mkdtemp(prefix="desk-server-"))
            _temp_dirs.append(str(log_dir))
        log_dir.mkdir(parents=True, exist_ok=True)
        serial = next(_serial)
        self.log_path = log_dir / f"server-{serial}.log"
        self.log_path.touch()
        _logs.append((f"server #{serial} ({self.log_path})", self.log_path))
        _live.add(self)

    # -- state ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. `http://127.0.0.1:8123`."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        """Whether the process is alive (it may still be starting up)."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        """Process id of the current process, or None when none was started."""
        return None if self._proc is None else self._proc.pid

    def log_text(self, since: int = 0) -> str:
        """What the process printed (stdout and stderr) from byte offset `since` on."""
        with self.log_path.open("rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", "replace")

    # -- lifecycle --------------------------------------------------------------------

    def start(self) -> ServerProcess:
        """Start the process and wait until its health check answers 200.

        Raises:
            ServerStartError: the process exited or did not become healthy within
                `startup_timeout` seconds; the message carries its output.
        """
        if self.running:
            raise RuntimeError(f"{self.url} is already running (pid {self.pid})")
        retry_port = self._port_chosen_by_us and not self._started_once
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            self._spawn()
            try:
                self._wait_until_healthy()
            except ServerStartError:
                output = self.log_text(self._start_offset).lower()
                if retry_port and attempt < _PORT_ATTEMPTS and "address already in use" in output:
                    # Another process took the port between free_port() and bind().
                    self.port = free_port(self.host)
                    continue
                raise
            self._started_once = True
            return self
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self, timeout: float | None = None) -> None:
        """Stop gracefully: SIGTERM, then SIGKILL after `timeout` (default 5) seconds."""
        if self._proc is None:
            return
        timeout = self.stop_timeout if timeout is None else timeout
        if self._proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._note(f"still running {timeout:g}s after SIGTERM: sending SIGKILL")
                self._signal(signal.SIGKILL)
                self._proc.wait()
        self._finish()

    def kill(self) -> None:
        """Kill at once with SIGKILL, as a crash or a power cut would."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._signal(signal.SIGKILL)
            self._proc.wait()
        self._finish()

    def restart(self) -> ServerProcess:
        """Stop the process if it runs, then start a new one on the same URL."""
        self.stop()
        return self.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.running else f"exited {self.returncode}"
        return f"<ServerProcess {self.url} {state}>"

    # -- internals --------------------------------------------------------------------

    def _argv(self) -> list[str]:
        return [part.format(host=self.host, port=self.port) for part in self.command]

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        # Import this checkout's `desk` even where it is not installed in editable mode.
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_REPO_ROOT), env.get("PYTHONPATH", "")) if p
        )
        env["DESK_DATABASE_URL"] = self.database_url
        # One process applying commands, not two: each is spawned and imports the
        # server, seconds of CPU per server a test starts on PostgreSQL.
        env["DESK_COMMAND_PROCESSES"] = "1"
        # Uploads stay with the test's files, never in the working directory.
        env["DESK_ATTACHMENTS_DIR"] = str(self.log_path.parent / "attachments")
        env.update(self.env)
        return env

    def _spawn(self) -> None:
        argv = self._argv()
        self._start_offset = self.log_path.stat().st_size
        self.returncode = None
        with self.log_path.open("ab") as log:
            log.write(f"--- starting: {' '.join(argv)}\n".encode())
            log.flush()
            self._proc = subprocess.Popen(
                argv,
                env=self._environment(),
                cwd=self.log_path.parent,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so stop/kill reach any worker processes too.
                start_new_session=os.name == "posix",
            )

    def _wait_until_healthy(self) -> None:
        assert self._proc is not None
        # Never through a proxy from the environment: the server is on loopback.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        health_url = self.url + HEALTH_PATH
        proc = self._proc
        last = "no answer yet"

        def healthy() -> bool:
            nonlocal last
            code = proc.poll()
            if code is not None:
                self._finish()
                raise ServerStartError(
                    f"server exited with code {code} before answering {health_url}\n"
                    f"command: {' '.join(self._argv())}\n"
                    f"output:\n{_tail(self.log_text(self._start_offset))}"
                )
            try:
                with opener.open(health_url, timeout=2) as response:
                    if response.status == 200:
                        return True
                    last = f"HTTP {response.status}"
            except urllib.error.HTTPError as error:
                last = f"HTTP {error.code}"
                error.close()
            except (urllib.error.URLError, OSError) as error:
                last = str(getattr(error, "reason", error))
            return False

        try:
            wait_until(
                healthy,
                f"{health_url} answers 200",
                timeout=self.startup_timeout,
                interval=_POLL_INTERVAL,
            )
        except PollTimeout:
            self.kill()
            raise ServerStartError(
                f"server did not answer 200 on {health_url} within "
                f"{self.startup_timeout:g}s (last: {last})\n"
                f"command: {' '.join(self._argv())}\n"
                f"output:\n{_tail(self.log_text(self._start_offset))}"
            ) from None

    def _signal(self, signum: signal.Signals) -> None:
        assert self._proc is not None
        if os.name != "posix":  # pragma: no cover - Windows has no process groups here
            if signum == signal.SIGTERM:
                self._proc.terminate()
            else:
                self._proc.kill()
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, signum)

    def _finish(self) -> None:
        """Reap the process and sweep up anything left in its process group."""
        assert self._proc is not None
        self.returncode = self._proc.wait()
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._proc.pid, signal.SIGKILL)
        self._note(f"exited with code {self.returncode}")
        self._proc = None

    def _note(self, text: str) -> None:
        with self.log_path.open("ab") as log:
            log.write(f"--- {text}\n".encode())


def run_server(
    database_url: str,
    *,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] = DEFAULT_COMMAND,
    host: str = "127.0.0.1",
    port: int | None = None,
    log_dir: Path | None = None,
    startup_timeout: float = STARTUP_TIMEOUT,
    stop_timeout: float = STOP_TIMEOUT,
) -> ServerProcess:
    """Start a server on `database_url` and return it once healthy.

    The result is a context manager that stops the server on exit::

        with run_server(database_factory(), env={"DESK_TOKEN_DAYS": "1"}) as server:
            ...
            server.kill()
            server.restart()

    Args:
        database_url: SQLAlchemy URL passed as `DESK_DATABASE_URL`; the server runs its
            migrations on it at start.
        env: extra environment variables for the process (over the test's own).
        command: the command line; `{host}` and `{port}` are filled in.
        host: address to listen on; keep it on loopback.
        port: a fixed port; by default a free one is picked (and re-picked if taken).
        log_dir: where the process log goes; a temporary folder by default.
        startup_timeout: seconds to wait for the health check.
        stop_timeout: seconds between SIGTERM and SIGKILL in `stop`.
    """
    return ServerProcess(
        database_url,
        env=env,
        command=command,
        host=host,
        port=port,
        log_dir=log_dir,
        startup_timeout=startup_timeout,
        stop_timeout=stop_timeout,
    ).start()


def log_marks() -> dict[Path, int]:
    """Current size of every server log, to later show only what a test added."""
    return {path: path.stat().st_size for _, path in _logs if path.exists()}


def logs_since(marks: Mapping[Path, int]) -> list[tuple[str, str]]:
    """(label, text) of every server log that grew since `marks` (see `log_marks`)."""
    grown = []
    for label, path in _logs:
        if not path.exists():
            continue
        with path.open("rb") as log:
            log.seek(marks.get(path, 0))
            text = log.read().decode("utf-8", "replace")
        if text:
            grown.append((label, _tail(text)))
    return grown


def _tail(text: str, lines: int = 200) -> str:
    kept = text.splitlines()[-lines:]
    cut = "" if len(kept) == len(text.splitlines()) else "[... earlier output cut ...]\n"
    return cut + "\n".join(kept)


def kill_all() -> None:
    """Kill every server this run started and has not stopped yet."""
    for server in list(_live):
        with contextlib.suppress(Exception):
            server.kill()


@atexit.register
def _cleanup() -> None:
    """Never leave a server behind, even when the test run is interrupted."""
    kill_all()
    for directory in _temp_dirs:
        shutil.rmtree(directory, ignore_errors=True)
