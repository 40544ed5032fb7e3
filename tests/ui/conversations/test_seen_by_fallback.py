"""How a message went out, on the message, and Reset of a fallback (issue 13 item 4).

The thread says which language a message was translated to, or that it went out
untranslated and why (the server's note), and when a guardian's preferred channel
failed so the message went out on another: "Sent to Maria Diaz by email: SMS
failed", with Reset above the composer for those allowed to reset it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.ids import new_id
from desk.core.kinds import Channel, Direction, MessageState
from desk.models.thread_view import WRITTEN_IN
from desk.server import orm
from desk.server.db import Database
from desk.server.delivery.receipts import mark_failing
from desk.server.delivery.translate import SOURCE_LANGUAGE
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.ui.inbox.messages import REMARKS_ROLE, STATE_ROLE
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.conversation_facts import rows_of
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, sync
from tests.support.qt_async import Runner
from tests.support.ui_steps import open_thread

UNTRANSLATED = "sent untranslated: no translation service is configured (reads es)"


def sent_to_maria(database: Database, centre: CentreIds, thread_id: str) -> None:
    """Two messages to Maria: one by email as her SMS failed, translated; one untranslated."""
    maria = centre.guardians["maria"]
    now = utcnow()
    with database.writing() as s:
        mark_failing(
            s, centre.centre, "guardian", maria, Channel.SMS, "30003 unreachable handset", now
        )
        for body, channel, language, note, fallback in (
            ("Picnic on Friday", Channel.EMAIL, "es", "", "sms"),
            ("Menu for next week", Channel.EMAIL, "en", UNTRANSLATED, "sms"),
        ):
            message_id = new_id()
            s.add(
                orm.Message(
                    id=message_id,
                    centre_id=centre.centre,
                    thread_id=thread_id,
                    direction=Direction.OUTBOUND,
                    author_kind="staff",
                    author_id=centre.admin,
                    body=body,
                    state=MessageState.SENT,
                    created_at=now,
                )
            )
            s.flush()
            s.add(
                orm.Delivery(
                    id=new_id(),
                    centre_id=centre.centre,
                    message_id=message_id,
                    recipient_kind="guardian",
                    recipient_id=maria,
                    channel=channel,
                    address="maria@example.org",
                    state="sent",
                    updated_at=now,
                    language=language,
                    note=note,
                    fallback_from=fallback,
                )
            )
        stamp(s, centre.centre)


def row_data(window: MainWindow, body: str, role: int) -> object:
    assert window.inbox is not None
    model = window.inbox.thread_view.messages
    [row] = [r for r in range(model.rowCount()) if model.message_at(r).body == body]
    return model.index(row).data(role)


def test_the_thread_shows_translation_and_fallback_and_reset_returns_to_sms(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    thread_id = ui_centre.threads["classroom_a"]
    sent_to_maria(ui_database, ui_centre, thread_id)
    admin, teacher = open_office("admin"), open_office("teacher")

    open_thread(qtbot, run_async, teacher, Place.CLASSROOM, thread_id)
    assert teacher.inbox is not None
    [teacher_reset] = teacher.inbox.thread_view.fallbacks.reset_buttons.values()
    assert not teacher_reset.isEnabled()  # the server lets only an admin reset a guardian

    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    assert admin.inbox is not None
    view = admin.inbox.thread_view
    assert row_data(admin, "Picnic on Friday", REMARKS_ROLE) == [
        "Translated to Spanish for Maria Diaz",
        "Sent to Maria Diaz by email: SMS failed",
    ]
    assert row_data(admin, "Menu for next week", STATE_ROLE) == f"Sent — {UNTRANSLATED}"
    tooltip = str(row_data(admin, "Picnic on Friday", Qt.ItemDataRole.ToolTipRole))
    assert "Sent to Maria Diaz by email: SMS failed (The phone could not be reached)" in tooltip
    assert view.fallbacks.isVisible()
    assert view.fallbacks.texts == [
        "Maria Diaz: SMS failed, so messages go by email (The phone could not be reached)"
    ]
    [reset] = view.fallbacks.reset_buttons.values()
    assert reset.isEnabled()

    act(run_async, lambda: qtbot.mouseClick(reset, Qt.MouseButton.LeftButton))
    assert not view.fallbacks.isVisible()  # at once, before the server answers
    assert row_data(admin, "Picnic on Friday", REMARKS_ROLE) == [
        "Translated to Spanish for Maria Diaz",
        "Sent to Maria Diaz by email: SMS failed",  # what happened stays on the message
    ]
    sync(run_async, admin)
    [status] = rows_of(ui_database, orm.ChannelStatus, person_id=ui_centre.guardians["maria"])
    assert not status.failing
    sync(run_async, teacher)
    assert not teacher.inbox.thread_view.fallbacks.isVisible()


def test_translated_means_another_language_than_the_server_translates_from() -> None:
    """The client's `WRITTEN_IN` is the server's source language, or every line lies."""
    assert WRITTEN_IN == SOURCE_LANGUAGE
