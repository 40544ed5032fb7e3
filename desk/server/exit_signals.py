"""SIGINT and SIGTERM for a process whose main thread only waits for them.

`desk worker` and `desk mail-receiver` start their threads, then wait. They used to
wait on a `threading.Event` that the signal handler set, and that deadlocked: the
handler runs on the main thread between two bytecodes, so a signal landing while
`Event.wait()` held the event's own lock made `set()` wait for that lock forever. A
SIGTERM right after start left the process running (a CI failure on a loaded
machine). Here the handler only appends to a list, which takes no lock, and the main
thread looks at it a few times a second.
"""

from __future__ import annotations

import signal
import time
from types import FrameType

CHECK_SECONDS = 0.2
"""How often the waiting thread looks whether a signal asked it to stop."""


class ExitSignals:
    """Notes SIGINT and SIGTERM from the moment it is made; `wait` returns on one."""

    def __init__(self) -> None:
        self._asked: list[int] = []
        signal.signal(signal.SIGINT, self._note)
        signal.signal(signal.SIGTERM, self._note)

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        self._asked.append(signum)

    def wait(self) -> int:
        """Block until a signal asks to stop; returns which one."""
        while not self._asked:
            time.sleep(CHECK_SECONDS)
        return self._asked[0]
