"""`ExitSignals`: a waiting main thread stops on SIGTERM or SIGINT, whenever it lands.

In a process of its own: the handlers replace the test runner's. The signal is sent
as soon as the child says it waits, the moment the old `threading.Event` version
could deadlock in.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

CHILD = """
import sys
from desk.server.exit_signals import ExitSignals
signals = ExitSignals()
print("waiting", flush=True)
print(f"stopped by {signals.wait()}", flush=True)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_the_wait_and_is_named(signum: signal.Signals) -> None:
    for _ in range(5):  # each lands at another point of the child's first moments
        child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == "waiting\n"
            child.send_signal(signum)
            output, _ = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        assert child.returncode == 0
        assert output == f"stopped by {int(signum)}\n"
