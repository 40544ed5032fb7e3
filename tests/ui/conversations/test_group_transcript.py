"""Download a conversation as a transcript and read the file (seed 004)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk.ui.inbox.conversation_text import moment
from desk.ui.mainwindow.main_window import MainWindow
from tests.support.factories import CentreIds
from tests.support.group_steps import click, open_conversation, start_conversation
from tests.support.office_window import OpenOffice, act, sync
from tests.support.qt_async import Runner

BODY = "Bring <script>alert('hi')</script> & a hat\nand sunscreen"


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Answer the save dialog with `path`, as a user picking a file would."""
    monkeypatch.setattr(
        "desk.ui.inbox.group_panel.QFileDialog.getSaveFileName",
        lambda *_args: (str(path), ""),
    )


def reply(qtbot: QtBot, run_async: Runner, window: MainWindow, body: str) -> None:
    assert window.inbox is not None
    composer = window.inbox.thread_view.composer
    composer.editor.setPlainText(body)
    click(qtbot, run_async, composer.send_button)


def test_download_writes_a_readable_escaped_transcript_with_seen_by(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    run_async: Runner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    admin, teacher = open_office("admin"), open_office("teacher")
    thread_id = start_conversation(run_async, admin, ui_centre, title="Trip <b>Zoo</b> & Co")
    panel = open_conversation(qtbot, run_async, admin, thread_id)
    reply(qtbot, run_async, admin, BODY)
    sync(run_async, admin)
    sync(run_async, teacher)
    assert teacher.service is not None
    teachers = teacher.service
    act(run_async, lambda: teachers.mark_seen(thread_id))  # the teacher read it
    sync(run_async, teacher)
    sync(run_async, admin)
    assert admin.service is not None
    [message] = admin.service.messages(thread_id)
    seen = panel.groups.seen_by_message(message.id)
    assert [s.name for s in seen] == ["Teacher Staff"]

    html_file = tmp_path / "transcript.html"
    save_to(monkeypatch, html_file)
    click(qtbot, run_async, panel.transcript_button)
    text = html_file.read_text(encoding="utf-8")
    assert "<title>Trip &lt;b&gt;Zoo&lt;/b&gt; &amp; Co</title>" in text
    assert "<h1>Trip &lt;b&gt;Zoo&lt;/b&gt; &amp; Co</h1>" in text
    assert "<script>" not in text
    assert (
        "Bring &lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &amp; a hat<br>and sunscreen"
    ) in text
    assert "Participants (3)" in text
    assert "<b>Maria Diaz</b> <span class='muted'>Guardian · Text message</span>" in text
    assert "<b>Teacher Staff</b> <span class='muted'>Staff · Teacher · App</span>" in text
    assert (
        f"<p class='entry'><b>Admin Staff</b> <span class='muted'>{moment(message.created_at)}"
        " · App"
    ) in text
    assert f"Seen by Teacher Staff ({moment(seen[0].seen_at)})" in text
    assert admin.statusBar().currentMessage() == f"Transcript saved to {html_file}"

    pdf_file = tmp_path / "transcript.pdf"
    save_to(monkeypatch, pdf_file)
    click(qtbot, run_async, panel.transcript_button)
    assert pdf_file.read_bytes().startswith(b"%PDF")
