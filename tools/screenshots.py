"""Render the main screens to PNG files, offscreen, from the demo centre.

    .venv/bin/python tools/screenshots.py [OUTPUT_DIR]   (default: screenshots/)

Starts an embedded backend on a throwaway SQLite file, loads the demo centre, signs
in as the demo admin, syncs a fresh cache and saves each screen at 1280x800.
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
from PySide6.QtWidgets import QWidget

from desk.models.cache import open_cache
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.services.account import adopt, sign_in
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo
from desk.ui.app import make_application, open_window
from desk.ui.sign_in import SignInDialog

SIZE = (1280, 800)


async def render(output: Path, workdir: Path) -> list[Path]:
    """Drive the real widgets to each screen and grab it."""
    url = f"sqlite:///{workdir / 'server.db'}"
    server = EmbeddedServer(ServerSettings(database_url=url, port=0)).start()
    info = load_demo(url)
    saved: list[Path] = []
    try:
        dialog = SignInDialog(server.url, info.admin_username)
        dialog.resize(420, 220)
        dialog.show()
        saved.append(await _save(dialog, output / "sign-in.png"))
        dialog.close()

        _, api = await asyncio.to_thread(sign_in, server.url, info.admin_username, info.password)
        cache = open_cache(workdir / "cache.db")
        await asyncio.to_thread(adopt, cache, api)
        window = open_window(cache, api, info.centre_name)
        window.resize(*SIZE)
        await window.engine.sync_once()
        saved.append(await _save(window, output / "inbox.png"))
        window.tabs.setCurrentIndex(1)
        window.family_search.setText("Weber")
        window._apply_family_search()
        saved.append(await _save(window, output / "families.png"))
        window.tabs.setCurrentIndex(0)
        await window.engine.stop()
        await asyncio.to_thread(server.stop)
        await window.engine.sync_once()
        saved.append(await _save(window, output / "offline.png"))
        window.close()
        cache.close()
        api.close()
    finally:
        server.stop()
    return saved


async def _save(widget: QWidget, path: Path) -> Path:
    await asyncio.sleep(0.2)  # let the loop lay out and paint; processEvents would re-enter it
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    return path


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    output.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    make_application().setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as workdir:
        saved = qasync.run(render(output, Path(workdir)))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
