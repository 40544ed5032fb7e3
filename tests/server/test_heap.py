"""The server process's collector settings (`desk.server.heap`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_a_command_process_freezes_what_it_inherited_and_keeps_the_default_passes(
    tmp_path: Path,
) -> None:
    """Its full passes walked the command layer and stalled a command (`freeze_startup_heap`).

    The set-up of a command process, in a process of its own as the fork server's
    child is: afterwards the imported code is frozen and the thresholds are
    CPython's own, not the server process's rare large passes.
    """
    probe = (
        "import gc, os, sys\n"
        "defaults = gc.get_threshold()\n"
        "from desk.server import apply_process\n"
        "apply_process._open(sys.argv[1], 'text', 0, os.getppid())\n"
        "print(gc.get_freeze_count() > 10_000, gc.get_threshold() == defaults)\n"
    )
    url = f"sqlite:///{tmp_path / 'server.db'}"
    shown = subprocess.run(
        [sys.executable, "-c", probe, url], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["True", "True"]
