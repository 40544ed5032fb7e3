"""A real `desk worker` process: delivery workers beside a `desk server` process.

It is a `ServerProcess` in everything but readiness (same log file attached to a failed
test's report, same stop, kill and restart on its own process group, killed with the
rest when a test times out): a worker serves nothing to ask whether it is up, and
claims jobs from the database as soon as it runs, so tests wait for what it does
(a delivery reaching a state) rather than for it to start.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from .server_process import ServerProcess, ServerStartError


class WorkerProcess(ServerProcess):
    """`python -m desk worker --workers N` on `database_url`, with `env` over the test's.

    `host`, `port` and `url` are unused. Use it as a context manager, or `start` it.
    """

    def __init__(
        self,
        database_url: str,
        *,
        env: Mapping[str, str] | None = None,
        workers: int = 1,
        log_dir: Path | None = None,
    ) -> None:
        command = (sys.executable, "-m", "desk", "worker", "--workers", str(workers))
        super().__init__(database_url, env=env, command=command, log_dir=log_dir)

    def _wait_until_healthy(self) -> None:
        """Only that it did not exit at once; its effects are what tests wait for."""
        assert self._proc is not None
        if (code := self._proc.poll()) is not None:
            self._finish()
            raise ServerStartError(
                f"desk worker exited with code {code} at start\n"
                f"output:\n{self.log_text(self._start_offset)[-4000:]}"
            )

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.running else f"exited {self.returncode}"
        return f"<WorkerProcess {state}>"
