"""Attachments in the office window (issue 14 item 4), through the real window and server.

Files are attached to a reply by the Attach button, by a drop and by a paste; a
refused file is named with the reason and nothing is queued; another workstation
sees the files under the message, previews an image, opens a file (fetched once,
checked) and opens it again offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desk.server import orm
from desk.server.db import Database
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.inbox.attachment_bar import AttachmentBar
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.clipping import clipped_texts
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, cache_of, sync
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner
from tests.support.ui_steps import open_thread

PDF = b"%PDF-1.4\n" + b"statement " * 300


def _attachment_rows(database: Database, thread_id: str) -> list[tuple[str, int]]:
    with database.reading() as session:
        rows = (
            session.query(orm.Attachment.filename, orm.Attachment.size)
            .join(orm.Message, orm.Message.id == orm.Attachment.message_id)
            .filter(orm.Message.thread_id == thread_id)
            .order_by(orm.Attachment.filename)
            .all()
        )
    return [(name, size) for name, size in rows]


def _drop(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> None:
    """Drop files on the reply box as a file manager would."""
    assert window.inbox is not None
    _drop_on(window.inbox.thread_view.composer.editor, paths)


def _drop_on(editor: QPlainTextEdit, paths: list[Path]) -> None:
    """Drop files on a text box as a file manager would."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = editor.viewport().rect().center()
    enter = QDragEnterEvent(
        where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(editor.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(editor.viewport(), drop)


def _wait(run_async: Runner, condition: Callable[[], bool], what: str) -> None:
    """Let the background work of the window run until `condition()` holds."""
    run_async(wait_until_async(condition, what))


def test_files_attached_by_button_drop_and_paste_go_out_with_the_reply(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    window.resize(1024, 768)  # the smallest supported window: nothing may be cut off
    thread = ui_centre.threads["office"]
    open_thread(qtbot, run_async, window, Place.OFFICE, thread)
    composer = window.inbox.thread_view.composer
    assert not composer.send_button.isEnabled()

    form = tmp_path / "form.pdf"
    form.write_bytes(PDF)
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda *_args, **_kw: ([str(form)], ""),
    )
    qtbot.mouseClick(composer.attached.attach_button, Qt.MouseButton.LeftButton)
    notes = tmp_path / "notes.txt"
    notes.write_text("Pickup at four.\n")
    _drop(qtbot, window, [notes])
    image = QImage(32, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    QGuiApplication.clipboard().setImage(image)
    composer.editor.setFocus()
    composer.editor.paste()

    names = [f.name for f in composer.attached.files]
    assert names[:2] == ["form.pdf", "notes.txt"]
    assert names[2].startswith("pasted-")
    assert names[2].endswith(".png")
    assert composer.attached.chips.isVisible()
    assert len(composer.attached.chips.chips) == 3
    assert composer.text == ""  # the drop and the paste put no text in the box
    assert composer.send_button.isEnabled()  # files alone make a message
    qtbot.waitUntil(lambda: clipped_texts(window) == [])

    # A chip's remove button takes its file off.
    qtbot.mouseClick(composer.attached.chips.chips[1].remove, Qt.MouseButton.LeftButton)
    assert [f.name for f in composer.attached.files][:1] == ["form.pdf"]
    assert len(composer.attached.files) == 2

    act(run_async, lambda: qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton))
    assert composer.attached.files == []
    assert not composer.attached.chips.isVisible()
    view = window.inbox.thread_view
    assert view.attachments.isVisible()
    assert next(r.attachment.name for r in view.attachments.rows) == "form.pdf"  # by name
    qtbot.waitUntil(lambda: clipped_texts(window) == [])
    sync(run_async, window)
    rows = _attachment_rows(ui_database, thread)
    assert ("form.pdf", len(PDF)) in rows
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("page.html", b"<html></html>", "is not a kind of file that can be attached"),
        ("photo.jpg", b"<html><script>alert(1)</script>", "is not the kind of file its name says"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_a_refused_file_is_named_with_the_reason_and_nothing_is_queued(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    run_async: Runner,
    tmp_path: Path,
    name: str,
    data: bytes,
    sentence: str,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.OFFICE, ui_centre.threads["office"])
    composer = window.inbox.thread_view.composer
    path = tmp_path / name
    path.write_bytes(data)
    _drop(qtbot, window, [path])
    assert composer.attached.files == []
    assert composer.problem.isVisible()
    assert sentence in composer.problem.text()
    assert f'"{name}"' in composer.problem.text()
    assert not composer.send_button.isEnabled()
    assert cache_of(window).read("SELECT COUNT(*) FROM outbox WHERE name = 'send_message'") == [
        (0,)
    ]


def test_a_too_large_file_is_refused_with_its_size(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds, run_async: Runner, tmp_path: Path
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.OFFICE, ui_centre.threads["office"])
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-")
        handle.truncate(21 * 1024 * 1024)
    _drop(qtbot, window, [big])
    problem = window.inbox.thread_view.composer.problem.text()
    assert problem == '"scan.pdf" is 21.0 MB; attachments can be at most 20 MB.'


def test_another_workstation_sees_the_files_and_opens_them_online_then_offline(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    run_async: Runner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sender, reader = open_office("admin"), open_office("admin")
    assert sender.inbox is not None
    assert reader.inbox is not None
    thread = ui_centre.threads["office"]
    open_thread(qtbot, run_async, sender, Place.OFFICE, thread)
    photo = QImage(300, 200, QImage.Format.Format_RGB32)
    photo.fill(QColor("orange"))
    photo_path = tmp_path / "photo.png"
    assert photo.save(str(photo_path))
    form = tmp_path / "form.pdf"
    form.write_bytes(PDF)
    composer = sender.inbox.thread_view.composer
    _drop(qtbot, sender, [form, photo_path])
    qtbot.keyClicks(composer.editor, "Both attached")
    act(run_async, lambda: qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton))
    sync(run_async, sender)

    sync(run_async, reader)
    open_thread(qtbot, run_async, reader, Place.OFFICE, thread)
    view = reader.inbox.thread_view
    messages = view.messages
    newest = messages.index(messages.rowCount() - 1)
    lines = [text for text, _tone in newest.data(attachment_bar_lines())]
    assert any(line.startswith("Attached: form.pdf · ") for line in lines)
    assert any(line.startswith("Attached: photo.png · ") for line in lines)
    bar: AttachmentBar = view.attachments
    assert sorted(r.attachment.name for r in bar.rows) == ["form.pdf", "photo.png"]
    [image_row] = [r for r in bar.rows if r.attachment.name == "photo.png"]
    _wait(run_async, lambda: not image_row.preview.pixmap().isNull(), "the preview shows")

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    [form_row] = [r for r in bar.rows if r.attachment.name == "form.pdf"]
    qtbot.mouseClick(form_row.open_button, Qt.MouseButton.LeftButton)
    _wait(run_async, lambda: bool(opened), "the file opens")
    assert Path(opened[0]).read_bytes() == PDF
    assert Path(opened[0]).name == hashlib.sha256(PDF).hexdigest()

    # Offline, the file fetched opens from the kept copy; the image never fetched says so.
    service = view._attachment_service
    assert service is not None
    monkeypatch.setattr(service, "_connection", lambda: None)
    opened.clear()
    qtbot.mouseClick(form_row.open_button, Qt.MouseButton.LeftButton)
    _wait(run_async, lambda: bool(opened), "the file opens")
    assert Path(opened[0]).read_bytes() == PDF
    qtbot.mouseClick(image_row.open_button, Qt.MouseButton.LeftButton)
    _wait(run_async, bar.problem.isVisible, "the bar says why")
    assert bar.problem.text() == (
        '"photo.png" has not been downloaded yet; it can be opened once the network is back.'
    )

    # Save as copies the kept file where the user chose.
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.mouseClick(form_row.save_button, Qt.MouseButton.LeftButton)
    _wait(run_async, target.exists, "the file is saved")
    assert target.read_bytes() == PDF


def attachment_bar_lines() -> int:
    """The role of the lines under a bubble."""
    from desk.ui.inbox.messages import LINES_ROLE

    return int(LINES_ROLE)


def test_new_message_carries_files_to_each_conversation_it_starts(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
    tmp_path: Path,
) -> None:
    """Seed 002: "Subject, body, attachments" from New Message."""
    window = open_office("admin")
    act(run_async, lambda: window.go(Place.OFFICE))
    act(run_async, window.new_message_button.click)
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    picker = dialog.picker
    qtbot.keyClicks(picker.search, "Teacher Staff")
    qtbot.waitUntil(lambda: any(r.name == "Teacher Staff" for r in picker.model.rows()))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.subject, "Field trip forms")
    form = tmp_path / "trip-form.pdf"
    form.write_bytes(PDF)
    refused = tmp_path / "script.html"
    refused.write_text("<html></html>")
    _drop_on(dialog.body, [refused])
    assert '"script.html" is not a kind of file' in dialog.problem.text()
    _drop_on(dialog.body, [form])
    qtbot.waitUntil(dialog.send_button.isEnabled)  # the pick is counted after a pause
    assert dialog.problem.text() == ""  # attaching a good file cleared the refusal
    assert dialog.attached.chips.texts()[0].startswith("trip-form.pdf · ")
    assert dialog.body.toPlainText() == ""  # a subject and a file, no text: allowed

    dialog.emergency.setChecked(True)
    assert dialog.problem.text().startswith("An emergency text cannot carry files")
    dialog.emergency.setChecked(False)

    queued: list[object] = []
    dialog.queued.connect(queued.append)
    act(run_async, dialog.send)
    _wait(run_async, lambda: bool(queued), "the message is queued")
    sync(run_async, window)
    with ui_database.reading() as session:
        rows = (
            session.query(orm.Attachment.filename, orm.Attachment.size, orm.Message.subject)
            .join(orm.Message, orm.Message.id == orm.Attachment.message_id)
            .filter(orm.Message.centre_id == ui_centre.centre)
            .all()
        )
    assert [(n, s, subject) for n, s, subject in rows] == [
        ("trip-form.pdf", len(PDF), "Field trip forms")
    ]
