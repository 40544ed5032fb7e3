"""Working with the network gone: read, search, reply, and drafts that survive a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.models.cache import open_cache
from desk.server.db import Database
from desk.ui.inbox.thread_list import ROW_ROLE
from desk.ui.mainwindow.navigation import Place
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, sync
from tests.support.qt_async import Runner
from tests.support.server_process import run_server
from tests.support.ui_facts import messages_with_body
from tests.support.ui_steps import open_thread, states


def test_reply_offline_is_queued_and_delivered_once_when_back(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    thread = ui_centre.threads["classroom_a"]
    with run_server(ui_database.url) as server:
        window = open_office("admin", server=server)
        assert window.inbox is not None
        open_thread(qtbot, run_async, window, Place.CLASSROOM, thread)
        sync(run_async, window)  # the open_thread command is out
        server.stop()
        assert not run_async(window.engine.sync_once())
        assert window.status.sync_label.text().startswith("○ Offline — cannot reach the server")
        assert window.status.phase == "offline"

        composer = window.inbox.thread_view.composer
        qtbot.keyClicks(composer.editor, "Back online soon")
        act(
            run_async,
            lambda: qtbot.keyClick(
                composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            ),
        )
        assert (
            window.statusBar()
            .currentMessage()
            .endswith("queued: it goes out when the network is back")
        )
        assert not run_async(window.engine.sync_once())
        assert states(window)[-1] == "Queued offline — sends when back online"
        assert window.status.outbox_label.text() == "1 waiting to send"

        # Everything cached stays readable and searchable offline.
        act(run_async, lambda: window.go(Place.OFFICE))
        assert window.inbox.model.rowCount() == 1
        qtbot.keyClicks(window.inbox.thread_list.search, "Diaz")
        qtbot.keyClick(window.inbox.thread_list.search, Qt.Key.Key_Return)
        assert window.inbox.model.rowCount() == 1
        open_thread(qtbot, run_async, window, Place.CLASSROOM, thread)

        server.restart()
        assert run_async(window.engine.sync_once())
        assert window.status.sync_label.text() == "● Online"
        assert window.status.outbox_label.text() == ""
        assert states(window)[-1] == "Sent"
        assert run_async(window.engine.sync_once())  # sending again changes nothing
        assert messages_with_body(ui_database, thread, "Back online soon") == 1


def test_draft_survives_closing_the_app(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    run_async: Runner,
    tmp_path: Path,
) -> None:
    thread = ui_centre.threads["office"]
    cache = open_cache(tmp_path / "drafts.db")
    try:
        window = open_office("admin", cache=cache)
        assert window.inbox is not None
        open_thread(qtbot, run_async, window, Place.OFFICE, thread)
        composer = window.inbox.thread_view.composer
        qtbot.keyClicks(composer.editor, "Half-written answer about the invoice")
        run_async(window.engine.stop())
        window._engine = None
        window.close()
    finally:
        cache.close()

    reopened = open_cache(tmp_path / "drafts.db")
    try:
        again = open_office("admin", cache=reopened, synced=False)
        assert again.inbox is not None
        act(run_async, lambda: again.go(Place.OFFICE))
        model = again.inbox.model
        marked = model.index(model.row_of(thread)).data(ROW_ROLE)
        assert marked.has_draft  # the list marks where a reply is half-written
        open_thread(qtbot, run_async, again, Place.OFFICE, thread)
        assert again.inbox.thread_view.composer.text == "Half-written answer about the invoice"
        assert again.inbox.thread_view.composer.send_button.isEnabled()
    finally:
        run_async(again.engine.stop())
        again._engine = None
        again.close()
        reopened.close()
