"""The server process's collector settings (`desk.server.heap`)."""

from __future__ import annotations

import subprocess
import sys

from desk.server.heap import OLDER_PASSES, YOUNG_ALLOCATIONS


def test_a_server_process_freezes_its_startup_heap_and_collects_rarely() -> None:
    """Run in a process of its own: freezing is for the whole interpreter."""
    probe = (
        "import gc\n"
        "from desk.server.heap import settle_after_startup\n"
        "kept = [[n] for n in range(1000)]\n"
        "settle_after_startup()\n"
        "print(gc.get_freeze_count() >= len(kept), *gc.get_threshold())\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["True", str(YOUNG_ALLOCATIONS), *map(str, OLDER_PASSES)]
