"""Render the main screens to PNG files, offscreen, from the demo centre.

    .venv/bin/python tools/screenshots.py [OUTPUT_DIR]   (default: screenshots/)
    .venv/bin/python tools/screenshots.py OUTPUT_DIR --all   (both sizes, light and dark)

Starts an embedded backend on a throwaway SQLite file, loads the demo centre, signs
in as the demo admin, syncs a fresh cache and saves each screen at 1280x800, in the
light theme (`--dark` for the dark one, `--size=1024x768` for the smallest supported
window; `--all` renders each of the four into OUTPUT_DIR/<size>-<light|dark>/). Under
a real X server (`DISPLAY=:99 QT_QPA_PLATFORM=xcb`) it uses the real window system
and fonts. The screens: every office page in the navigation (`page-<place>.png`),
sign-in, the first-run window and its connect page, the inbox with a conversation
open, a reply with files attached as chips and the thread once they are sent, a
group conversation with its participants and seen-by, the Archived view and a
conversation's transcript, New Message, a family record, the audit log, the push
notification dialog, the template editor, Background Tasks, a guardian's
preferences with a fallback, Settings, an unknown number's thread and its link
dialog, and the offline state with a reply queued; then the kiosk's screens
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
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from desk.core.kinds import PersonKind
from desk.core.transcript import render_html
from desk.models.cache import Cache, open_cache
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.services import transcript
from desk.services.account import adopt, sign_in
from desk.services.group_conversations import GroupConversations, Person
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo
from desk.ui.admin.background_tasks import BackgroundTasksView
from desk.ui.admin.kiosk_devices import KiosksDialog
from desk.ui.app import make_application, open_window
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.compose.push_dialog import PushDialog
from desk.ui.compose.templates_editor import TemplateEditor
from desk.ui.firstrun.window import FirstRunWindow
from desk.ui.inbox.conversation_text import transcript_wording
from desk.ui.inbox.unknown_number import UnknownNumberDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.sign_in import SignInDialog
from desk.ui.records.records import FamiliesView
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
        saved += await _first_run(server.url, output)

        _, api = await asyncio.to_thread(sign_in, server.url, info.admin_username, info.password)
        cache = open_cache(workdir / "cache.db")
        await asyncio.to_thread(adopt, cache, api)
        window = open_window(cache, api, info.centre_name, start_sync=False)
        window.resize(*SIZE)
        await window.engine.sync_once()
        saved.append(await _inbox(window, output / "inbox.png"))
        group = _my_biggest_group(window)
        saved.append(await _group(window, group, output / "group-conversation.png"))
        saved.append(await _archived(window, group, output / "archived.png"))
        saved.append(await _transcript(window, group, output / "transcript.png"))
        saved += await _pages(window, output)
        saved.append(await _new_message(window, output / "new-message.png"))
        saved += await _attachments(window, workdir, output)
        saved.append(await _family(window, output / "family-record.png"))
        # Before the audit log: its page widens the window past 1024 (its minimum size).
        saved.append(await _fallback(window, cache, output / "guardian-preferences.png"))
        window.go(Place.SETTINGS)
        saved.append(await _save(window, output / "settings.png"))
        saved += await _unknown_number(window, cache, output)
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
    return await render(output, workdir) + await render_kiosk(output, workdir, SIZE)


async def _first_run(server_url: str, output: Path) -> list[Path]:
    """The first-run window's three choices, then its connect page once the address checked."""
    window = FirstRunWindow()
    window.resize(*SIZE)
    window.show()
    saved = [await _save(window, output / "first-run.png")]
    window.show_connect()
    window.connect_page.server.setText(server_url)
    checked: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def answered(passed: bool) -> None:
        if not checked.done():
            checked.set_result(passed)

    window.connect_page.check_finished.connect(answered)
    window.connect_page.check()
    await checked
    saved.append(await _save(window, output / "first-run-connect.png"))
    window.close()
    return saved


async def _pages(window: MainWindow, output: Path) -> list[Path]:
    """Every place in the navigation as it first opens, in the navigation's order."""
    saved = []
    for place in window.nav_model.places:
        window.go(place)
        saved.append(await _save(window, output / f"page-{place.value}.png"))
    return saved


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


def _my_biggest_group(window: MainWindow) -> str:
    """The largest group conversation of the first page that the admin is part of."""
    assert window.inbox is not None
    assert window.service is not None
    window.go(Place.CLASSROOM)
    groups = GroupConversations(window.service.cache)
    me = window.service.me()
    model = window.inbox.model
    sizes: dict[str, int] = {}
    for n in range(min(model.rowCount(), 100)):
        row = model.row_at(n)
        if row.kind == "group" and not row.stopped:
            people = groups.participants(row.id)
            if any(p.person_id == me for p in people):
                sizes[row.id] = len(people)
    return max(sizes, key=lambda thread_id: sizes[thread_id])


async def _group(window: MainWindow, thread_id: str, path: Path) -> Path:
    """A group conversation open, its participants and actions in the details pane."""
    assert window.inbox is not None
    window.inbox.open_thread(thread_id)
    return await _save(window, path)


async def _archived(window: MainWindow, thread_id: str, path: Path) -> Path:
    """The Archived view: a conversation started here, archived, open in it."""
    assert window.inbox is not None
    assert window.service is not None
    groups = GroupConversations(window.service.cache)
    me = window.service.me()
    people = [
        Person(PersonKind(p.person_kind), p.person_id)
        for p in groups.participants(thread_id)
        if p.person_id != me
    ][:5]
    archived = groups.create("Spring Fair volunteers", people)
    groups.archive(archived)
    await window.engine.sync_once()
    window.inbox.thread_list.show_archived(True)
    window.inbox.open_thread(archived)
    saved = await _save(window, path)
    window.inbox.thread_list.show_archived(False)
    return saved


async def _transcript(window: MainWindow, thread_id: str, path: Path) -> Path:
    """The transcript the details pane downloads, as a browser would show the HTML."""
    assert window.service is not None
    facts = transcript.facts(window.service.cache, thread_id)
    assert facts is not None
    browser = QTextBrowser()
    browser.setHtml(render_html(facts, transcript_wording()))
    browser.resize(*SIZE)
    browser.show()
    saved = await _save(browser, path)
    browser.close()
    return saved


async def _new_message(window: MainWindow, path: Path) -> Path:
    """New Message (from Classroom Chat): chips of several kinds, a subject, group mode."""
    window.new_message()
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    dialog.resize(min(980, SIZE[0] - 40), min(660, SIZE[1] - 60))
    picker = dialog.picker
    rows = picker.model.rows()
    groups = [row for row in rows if row.kind == "Staff group"]
    if groups:  # the smallest, so that the group conversation stays within 15 people
        picker.model.check_rows([min(groups, key=lambda row: int(row.detail.split()[0]))])
    for kind in ("Staff", "Guardian", "Family", "Student"):
        picker.model.check_rows([row for row in rows if row.kind == kind][:1])
    dialog.group_mode.setChecked(True)
    dialog.subject.setText("Spring concert: who helps on the day")
    dialog.body.setPlainText(
        "Hello all! The spring concert is on Friday 24 April at 5pm. Could you reply "
        "here if you can help with the chairs or the snack table?"
    )
    saved = await _save(dialog, path)
    dialog.reject()
    return saved


async def _attachments(window: MainWindow, workdir: Path, output: Path) -> list[Path]:
    """A reply with two files as chips; then, sent, the thread with the files listed."""
    window.go(Place.OFFICE)
    assert window.inbox is not None
    window.inbox.open_thread(_busiest_row(window))
    view = window.inbox.thread_view
    photo = QImage(640, 420, QImage.Format.Format_RGB32)
    photo.fill(QColor("#7fb3d5"))
    photo_path = workdir / "field-trip-photo.png"
    photo.save(str(photo_path))
    form = workdir / "permission-slip.pdf"
    form.write_bytes(b"%PDF-1.4\n" + b"permission slip " * 4000)
    view.composer.attached.add_paths([form, photo_path])
    view.composer.editor.setPlainText("Here are the permission slip and a photo from the trip.")
    saved = [await _save(window, output / "composer-attachments.png")]
    view.composer.send()
    await window.engine.sync_once()
    saved.append(await _save(window, output / "thread-attachments.png"))
    return saved


async def _family(window: MainWindow, path: Path) -> Path:
    """The record of the open conversation's family (the first family for a group's)."""
    assert window.inbox is not None
    assert window.service is not None
    thread = window.inbox.thread_view.current_thread
    family_id = thread.family_id if thread is not None else None
    if not family_id:
        [(family_id,)] = window.service.cache.read("SELECT id FROM family ORDER BY name LIMIT 1")
    window.go(Place.FAMILIES)
    page = window.page(Place.FAMILIES)
    assert isinstance(page, FamiliesView)
    page.show_family(family_id)
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


async def _fallback(window: MainWindow, cache: Cache, path: Path) -> Path:
    """A guardian's record with their preferences and a channel the server fell back from."""
    [(family_id, name)] = cache.read(
        "SELECT g.family_id, g.first_name || ' ' || g.last_name FROM channel_status AS c"
        " JOIN guardian AS g ON g.id = c.person_id WHERE c.failing AND g.kind = 'guardian'"
        " ORDER BY g.id LIMIT 1"
    )
    window.go(Place.FAMILIES)
    page = window.page(Place.FAMILIES)
    assert isinstance(page, FamiliesView)
    page.show_family(family_id)
    names = [page.page.contacts.index(r, 0).data() for r in range(page.page.contacts.rowCount())]
    page.page.contact_view.selectRow(names.index(name))
    return await _save(window, path)


async def _unknown_number(window: MainWindow, cache: Cache, output: Path) -> list[Path]:
    """An enquiry's thread with its Link number bar, then the dialog, each of its tabs."""
    [(thread_id,)] = cache.read(
        "SELECT id FROM thread WHERE kind = 'sms' AND phone NOT IN"
        " (SELECT phone FROM guardian WHERE phone IS NOT NULL UNION"
        "  SELECT phone FROM staff WHERE phone IS NOT NULL)"
        " ORDER BY message_count DESC, id LIMIT 1"
    )
    window.open_thread(thread_id)
    assert window.inbox is not None
    view = window.inbox.thread_view
    saved = [await _save(window, output / "unknown-number.png")]
    view.link_number.button.click()
    dialog = view.link_number.dialog
    assert isinstance(dialog, UnknownNumberDialog)
    dialog.search.setText("Mar")
    await asyncio.sleep(0.3)  # the search waits for a pause in typing
    dialog.guardian_table.selectRow(0)
    saved.append(await _save(dialog, output / "unknown-number-link.png"))
    dialog.tabs.setCurrentIndex(1)
    dialog.first_name.setText("Nora")
    dialog.last_name.setText("Quinn")
    saved.append(await _save(dialog, output / "unknown-number-new-contact.png"))
    dialog.reject()
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


SIZES = ((1024, 768), (1280, 800))
"""The window sizes `--all` renders: the smallest supported and the default."""


async def render_matrix(app: QApplication, output: Path, workdir: Path) -> list[Path]:
    """Every screen at each of `SIZES`, light and dark, each set in a folder of its own."""
    global SIZE
    saved: list[Path] = []
    for size in SIZES:
        for dark in (False, True):
            SIZE = size
            apply_theme(app, dark=dark)
            name = f"{size[0]}x{size[1]}-{'dark' if dark else 'light'}"
            (output / name).mkdir(parents=True, exist_ok=True)
            (workdir / name).mkdir()
            saved += await render_all(output / name, workdir / name)
    return saved


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
        if "--all" in sys.argv:
            saved = qasync.run(render_matrix(app, output, Path(workdir)))
        else:
            saved = qasync.run(render_all(output, Path(workdir)))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
