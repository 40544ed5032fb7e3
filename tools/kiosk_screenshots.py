"""Render the kiosk's screens to PNG files, offscreen, from the demo centre.

    .venv/bin/python tools/kiosk_screenshots.py [OUTPUT_DIR]   (default: screenshots/)

`render_kiosk` starts an embedded backend on a throwaway SQLite file, loads the demo
centre, shows the enrollment screen with a code an admin issued, enrolls, syncs its
cache and drives the real kiosk window at 1280x800 (or the size given): the PIN
screen, the first of Rachel Weber's queued messages, and the sign-in screen with her
children. `tools/screenshots.py` calls it with its own size.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import qasync
import requests
from PySide6.QtWidgets import QWidget

from desk.kiosk.app import make_application, open_kiosk
from desk.kiosk.enrollment import EnrollmentScreen
from desk.kiosk.window import KioskWindow
from desk.models.cache import open_cache
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.services.kiosk_device import enroll
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo

SIZE = (1280, 800)
FEATURED = "Rachel Weber"  # the demo guardian with several queued kiosk messages


def issue_code(server_url: str, username: str, password: str) -> str:
    """A one-time enrollment code, as an admin issues it."""
    with requests.Session() as http:
        login = http.post(
            f"{server_url}/api/v1/auth/login",
            json={"username": username, "password": password},
            timeout=10,
        )
        login.raise_for_status()
        answer = http.post(
            f"{server_url}/api/v1/kiosk/enrollment-codes",
            headers={"Authorization": f"Bearer {login.json()['token']}"},
            timeout=10,
        )
        answer.raise_for_status()
        return str(answer.json()["code"])


async def render_kiosk(output: Path, workdir: Path, size: tuple[int, int] = SIZE) -> list[Path]:
    """Drive the real kiosk window to each screen and grab it."""
    url = f"sqlite:///{workdir / 'kiosk-server.db'}"
    server = EmbeddedServer(ServerSettings(database_url=url, port=0)).start()
    saved: list[Path] = []
    try:
        info = load_demo(url)
        code = await asyncio.to_thread(issue_code, server.url, info.admin_username, info.password)
        cache = open_cache(workdir / "kiosk-cache.db")
        screen = EnrollmentScreen(cache, server.url)
        screen.code.setText(code)
        screen.resize(*size)
        screen.show()
        saved.append(await _save(screen, output / "kiosk-enrollment.png"))
        screen.close()
        enrollment, api = await asyncio.to_thread(enroll, cache, server.url, code, "Front door")
        window = open_kiosk(cache, enrollment, api)
        assert window.engine is not None
        await window.engine.sync_once()
        window.refresh_centre()
        window.resize(*size)
        window.show()
        saved.append(await _save(window, output / "kiosk-pin.png"))
        for digit in info.pins[FEATURED]:
            window.pin_screen.keypad.press(digit)
        saved.append(await _save(window, output / "kiosk-message.png"))
        while window.current == "message":
            window.message_screen.ok_button.click()
        saved.append(await _save(window, output / "kiosk-sign-in.png"))
        await window.engine.stop()
        window.allow_close()
        window.close()
        cache.close()
        api.close()
    finally:
        server.stop()
    return saved


async def _save(widget: KioskWindow | QWidget, path: Path) -> Path:
    await asyncio.sleep(0.2)  # let the loop lay out and paint; processEvents would re-enter it
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    return path


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    output.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    make_application().setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory(prefix="desk-kiosk-shots-") as workdir:
        saved = qasync.run(render_kiosk(output, Path(workdir)))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
