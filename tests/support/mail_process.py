"""A real `desk mail` process: the SMTP receiver of email replies.

A `ServerProcess` in everything but readiness: it is up once its SMTP port accepts a
connection and greets, which is what a sending mail server waits for too.
"""

from __future__ import annotations

import smtplib
import sys
from collections.abc import Mapping
from pathlib import Path

from .polling import wait_until
from .server_process import ServerProcess, ServerStartError


class MailProcess(ServerProcess):
    """`python -m desk mail`, listening where `[email_replies]` of its config says."""

    def __init__(
        self,
        database_url: str,
        *,
        port: int,
        env: Mapping[str, str] | None = None,
        log_dir: Path | None = None,
    ) -> None:
        command = (sys.executable, "-m", "desk", "mail")
        super().__init__(database_url, env=env, command=command, port=port, log_dir=log_dir)

    def _wait_until_healthy(self) -> None:
        """Until the receiver greets on its port; fails at once if the process exits."""
        assert self._proc is not None

        def greets() -> bool:
            if (code := self._proc.poll() if self._proc else None) is not None:
                self._finish()
                raise ServerStartError(
                    f"desk mail exited with code {code} at start\n"
                    f"output:\n{self.log_text(self._start_offset)[-4000:]}"
                )
            try:
                with smtplib.SMTP(self.host, self.port, timeout=2) as session:
                    return session.noop()[0] == 250
            except OSError:
                return False

        wait_until(greets, "desk mail greets on its SMTP port", timeout=self.startup_timeout)

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.running else f"exited {self.returncode}"
        return f"<MailProcess {state}>"
