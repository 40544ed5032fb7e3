"""Render the main screens to PNG files, offscreen, from the demo centre.

    .venv/bin/python tools/screenshots.py [OUTPUT_DIR]   (default: screenshots/)

Starts an embedded backend on a throwaway SQLite file, loads the demo centre, signs
in as the demo admin, syncs a fresh cache and saves each screen at 1280x800, in the
light theme (pass `--dark` for the dark one): sign-in, the inbox with a conversation
open, a group conversation with seen-by under its messages, New Message, a family
record, the audit log, the push notification dialog, the template editor, Background
Tasks, and the offline state with a reply queued; then the kiosk's screens
(`tools.kiosk_screenshots.render_kiosk`).
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
from kiosk_screenshots import render_kiosk  # beside this script, on sys.path when run
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desk.core.kinds import ThreadKind
from desk.models.cache import open_cache
from desk.models.inbox_sql import InboxFilter
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.services.account import adopt, sign_in
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo
from desk.ui.admin.background_tasks import BackgroundTasksView
from desk.ui.admin.kiosk_devices import KiosksDialog
from desk.ui.app import make_application, open_window
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.compose.push_dialog import PushDialog
from desk.ui.compose.templates_editor import TemplateEditor
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.sign_in import SignInDialog
from desk.ui.shared.theme import apply_theme

SIZE = (1280, 800)  # the window size; `--size=1024x768` checks the smallest supported


async def render(output: Path, workdir: Path) -> list[Path]:
    """Drive the real widgets to each screen and grab it."""
    url = f"sqlite:///{workdir / 'server.db'}"
    server = EmbeddedServer(ServerSettings(database_url=url, port=0)).start()
    info = load_demo(url)
    saved: list[Path] = []
    try:
        dialog = SignInDialog(server.url, info.admin_username)
        dialog.resize(420, dialog.sizeHint().height())
        dialog.show()
        saved.append(await _save(dialog, output / "sign-in.png"))
        dialog.close()

        _, api = await asyncio.to_thread(sign_in, server.url, info.admin_username, info.password)
        cache = open_cache(workdir / "cache.db")
        await asyncio.to_thread(adopt, cache, api)
        window = open_window(cache, api, info.centre_name, start_sync=False)
        window.resize(*SIZE)
        await window.engine.sync_once()
        saved.append(await _inbox(window, output / "inbox.png"))
        saved.append(await _group_conversation(window, output / "group-conversation.png"))
        saved.append(await _new_message(window, output / "new-message.png"))
        saved.append(await _family(window, output / "family-record.png"))
        window.go(Place.AUDIT)
        saved.append(await _save(window, output / "audit-log.png"))
        saved.append(await _push(window, output / "push-notification.png"))
        saved.append(await _templates(window, output / "templates.png"))
        saved.append(await _tasks(window, output / "background-tasks.png"))
        saved.append(await _kiosks(window, output / "kiosks.png"))

        await asyncio.to_thread(server.stop)
        await window.engine.sync_once()
        saved.append(await _offline(window, output / "offline.png"))
        window.close()
        cache.close()
        api.close()
    finally:
        server.stop()
    return saved


async def render_all(output: Path, workdir: Path) -> list[Path]:
    """The office's screens, then the kiosk's, each on its own demo server."""
    return await render(output, workdir) + await render_kiosk(output, workdir)


def _busiest_row(window: MainWindow) -> str:
    """The open thread of the first page with the longest preview: one being answered."""
    assert window.inbox is not None
    model = window.inbox.model
    rows = [model.row_at(n) for n in range(min(model.rowCount(), 30))]
    answering = [row for row in rows if row.status == "open"] or rows
    return max(answering, key=lambda row: len(row.snippet)).id


async def _inbox(window: MainWindow, path: Path) -> Path:
    window.go(Place.CLASSROOM)
    assert window.inbox is not None
    window.inbox.open_thread(_busiest_row(window))
    window.inbox.thread_view.composer.editor.setPlainText(
        "Thanks for letting us know, we'll keep an eye on"
    )
    return await _save(window, path)


async def _group_conversation(window: MainWindow, path: Path) -> Path:
    """The latest running group conversation, seen-by under its messages (seed 004)."""
    window.go(Place.CLASSROOM)
    assert window.inbox is not None
    assert window.service is not None
    groups = window.service.page(InboxFilter((ThreadKind.GROUP.value,)), limit=50)
    running = [row for row in groups if not row.stopped] or groups
    window.inbox.open_thread(running[0].id)
    return await _save(window, path)


async def _new_message(window: MainWindow, path: Path) -> Path:
    window.new_message()
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    dialog.resize(760, 640)
    picker = dialog.picker
    picker.group.setCurrentIndex(1)  # the first room, then every child in it
    picker.select_group.click()
    dialog.body.setPlainText("Reminder: the centre closes at 3pm on Friday for staff training.")
    saved = await _save(dialog, path)
    dialog.reject()
    return saved


async def _family(window: MainWindow, path: Path) -> Path:
    assert window.inbox is not None
    assert window.inbox.thread_view.current_thread is not None
    family_id = window.inbox.thread_view.current_thread.family_id
    window.go(Place.FAMILIES)
    page = window.page(Place.FAMILIES)
    if family_id and page is not None:
        page.show_family(family_id)  # type: ignore[attr-defined]
    return await _save(window, path)


async def _push(window: MainWindow, path: Path) -> Path:
    """The push dialog as the Tools menu opens it, every child of a family chosen."""
    window.push_action.trigger()
    dialog = window.push_dialog
    assert isinstance(dialog, PushDialog)
    picker = dialog.picker
    picker.set_source("families")
    for row in range(min(3, picker.model.rowCount())):
        picker.model.setData(
            picker.model.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    dialog.subject.setText("Picture day tomorrow")
    dialog.body.setPlainText("Smiles ready! Picture day is tomorrow morning from 9am.")
    saved = await _save(dialog, path)
    dialog.reject()
    return saved


async def _templates(window: MainWindow, path: Path) -> Path:
    """The template editor as the Tools menu opens it, the first template chosen."""
    window.templates_action.trigger()
    dialog = window.templates_dialog
    assert dialog is not None
    editor = dialog.findChild(TemplateEditor)
    assert editor is not None
    if editor.saved.rowCount():
        editor.list.setCurrentIndex(editor.saved.index(0, 0))
    saved = await _save(dialog, path)
    dialog.reject()
    return saved


async def _tasks(window: MainWindow, path: Path) -> Path:
    """Background Tasks from the navigation, the newest error shown in full."""
    window.go(Place.TASKS)
    page = window.page(Place.TASKS)
    assert isinstance(page, BackgroundTasksView)
    if page.errors.rowCount():
        page.table.setCurrentIndex(page.errors.index(0, 0))
    return await _save(window, path)


async def _kiosks(window: MainWindow, path: Path) -> Path:
    """Tools > Kiosks: the enrolled kiosks, read from the server, with Revoke."""
    window.show_kiosks()
    dialog = window.kiosks_dialog
    assert isinstance(dialog, KiosksDialog)
    for _ in range(200):  # the list arrives from the server off the GUI thread
        if dialog.model.rowCount():
            break
        await asyncio.sleep(0.02)
    saved = await _save(dialog, path)
    dialog.close()
    return saved


async def _offline(window: MainWindow, path: Path) -> Path:
    window.go(Place.OFFICE)
    assert window.inbox is not None
    window.inbox.open_thread(_busiest_row(window))
    view = window.inbox.thread_view
    view.composer.editor.setPlainText("Yes, the invoice is paid; we'll send a receipt today.")
    view.composer.send()
    return await _save(window, path)


async def _save(widget: QWidget, path: Path) -> Path:
    await asyncio.sleep(0.3)  # let the loop lay out and paint; processEvents would re-enter it
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    return path


def main() -> int:
    global SIZE
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    for option in sys.argv[1:]:
        if option.startswith("--size="):
            width, height = option.removeprefix("--size=").split("x")
            SIZE = (int(width), int(height))
    output = Path(args[0] if args else "screenshots")
    output.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    assert isinstance(app, QApplication)
    apply_theme(app, dark="--dark" in sys.argv)
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as workdir:
        saved = qasync.run(render_all(output, Path(workdir)))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
