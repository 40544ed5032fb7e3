"""The kiosk in a process of its own, for `test_crash.py` to SIGKILL mid-visit.

It opens an enrolled kiosk cache (its secrets in a file keyring), shows the real
kiosk window offscreen and, in the `tap` modes, drives it as a parent would: PIN on
the keypad, the child's Sign in / Sign out toggle, Done. It announces each step on
stdout, one flushed line each:

    ready     the window is up
    tapped    the sign-in is in the outbox (with its local effect), maybe not sent
    synced    the outbox is empty: the server has answered for everything

Modes:
    tap       no sync engine: after `tapped` it waits to be killed, so the kill lands
              before any sync
    tap-sync  the real engine is running: it sends the sign-in at once, so a kill
              right after `tapped` lands before, during or after the push
    sync      a restart: the real engine sends what the outbox holds, then `synced`

Run: python tests/kiosk/kiosk_worker.py MODE CACHE KEYRING_FILE PIN STUDENT_ID
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import qasync
from keyrings.alt.file import PlaintextKeyring

from desk.kiosk.app import make_application, open_kiosk
from desk.kiosk.window import KioskWindow, Screen
from desk.models.cache import open_cache
from desk.services.kiosk import KioskDesk
from desk.services.kiosk_device import resume
from tests.support.kiosk_steps import screen
from tests.support.qt_async import until


def say(line: str) -> None:
    """Announce a step, flushed so a kill right after it is aimed correctly."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def tap_sign_in(window: KioskWindow, pin: str, student_id: str) -> None:
    """PIN, the child's toggle, Done: the visit up to the confirmation."""
    for digit in pin:
        window.pin_screen.keypad.buttons[digit].click()
    assert screen(window) is Screen.CHILDREN, screen(window)
    window.children_screen.toggle_for(student_id).click()
    window.children_screen.done_button.click()
    assert screen(window) is Screen.DONE, screen(window)


async def run(mode: str, cache_path: Path, pin: str, student_id: str) -> int:
    cache = open_cache(cache_path)
    found = resume(cache)
    if found is None:
        raise SystemExit("the cache is not an enrolled kiosk")
    enrollment, api = found
    if mode == "tap":
        window = KioskWindow(KioskDesk(cache))
        window.show()
        say("ready")
        tap_sign_in(window, pin, student_id)
        say("tapped")
        while True:  # until killed; never syncs
            time.sleep(1)
    window = open_kiosk(cache, enrollment, api, long_poll=1)
    window.show()
    assert window.engine is not None
    say("ready")
    if mode == "tap-sync":
        tap_sign_in(window, pin, student_id)
        say("tapped")
    await until(lambda: window.desk.waiting() == 0, window.engine.outbox_changed, timeout=30)
    say("synced")
    await window.engine.stop()
    window.allow_close()
    window.close()
    api.close()
    cache.close()
    return 0


def main(argv: list[str]) -> int:
    mode, cache_path, keyring_file, pin, student_id = argv
    backend = PlaintextKeyring()
    backend.file_path = keyring_file
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    keyring.set_keyring(backend)
    make_application().setQuitOnLastWindowClosed(False)
    status: int = qasync.run(run(mode, Path(cache_path), pin, student_id))  # qasync is untyped
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
