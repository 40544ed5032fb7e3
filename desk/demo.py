"""`desk demo`: an embedded backend on demo data, and the office app signed in to it.

The first thing a new user runs: no server to set up, no account to create. The
backend keeps its data in an SQLite file, and the sign-in token lives only in
memory for this run.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import keyring
import qasync

from desk.models.cache import open_cache
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.server.providers.config import ProviderSettings
from desk.services.account import adopt, sign_in
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo
from desk.ui.app import make_application, open_window, until_closed


def default_data_dir() -> Path:
    """Where the demo keeps its database and cache between runs."""
    return Path.home() / ".front-desk-demo"


def run_demo(data_dir: str | None = None, port: int = 0) -> int:
    """Start the backend, load the demo centre once, and open the office app."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{folder / 'server.db'}"
    # Deliveries go to a file in the data folder: the demo texts and emails nobody.
    providers = ProviderSettings.log_only(folder / "deliveries.jsonl")
    settings = ServerSettings(database_url=database_url, port=port, providers=providers)
    server = EmbeddedServer(settings).start()
    info = load_demo(database_url)
    keyring.set_keyring(MemoryKeyring())
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    print(f"Front Desk demo: backend at {server.url}, data in {folder}")
    print(f"Staff sign-in: {info.admin_username} / {info.password}")
    for name, pin in info.pins.items():
        print(f"Kiosk PIN of {name}: {pin}")

    async def main() -> int:
        _, api = await asyncio.to_thread(sign_in, server.url, info.admin_username, info.password)
        cache = open_cache(folder / "office-cache.db")
        try:
            await asyncio.to_thread(adopt, cache, api)
            window = open_window(cache, api, info.centre_name)
            await until_closed(window)
            await window.engine.stop()
        finally:
            cache.close()
            api.close()
        return 0

    try:
        exit_code: int = qasync.run(main())  # qasync is untyped: run() returns main's int
        return exit_code
    finally:
        server.stop()
