"""Steps the group conversation screen tests share: start one, open it, read its pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from desk.core.kinds import PersonKind
from desk.server import orm
from desk.server.db import Database
from desk.services.group_conversations import GroupConversations, Person
from desk.ui.inbox.group_panel import GroupPanel
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.factories import CentreIds
from tests.support.office_window import act, cache_of, sync
from tests.support.qt_async import Runner
from tests.support.ui_steps import open_thread


def start_conversation(
    run_async: Runner,
    window: MainWindow,
    centre: CentreIds,
    *others: Person,
    title: str = "Field trip",
) -> str:
    """The window's user starts a conversation with the teacher and Maria (and `others`).

    Started through the service, as New Message does; the screens under test are
    the ones that run it afterwards. Synced, so the server holds it.
    """
    people = [
        Person(PersonKind.STAFF, centre.teacher),
        Person(PersonKind.GUARDIAN, centre.guardians["maria"]),
        *others,
    ]
    holder: list[str] = []
    act(
        run_async,
        lambda: holder.append(GroupConversations(cache_of(window)).create(title, people)),
    )
    sync(run_async, window)
    return holder[0]


def open_conversation(
    qtbot: QtBot, run_async: Runner, window: MainWindow, thread_id: str
) -> GroupPanel:
    """Open the conversation from Classroom Chat's list; answers its details panel."""
    open_thread(qtbot, run_async, window, Place.CLASSROOM, thread_id)
    return panel_of(window)


def panel_of(window: MainWindow) -> GroupPanel:
    """The group conversation panel the details pane shows."""
    assert window.inbox is not None
    panel = window.inbox.group_panel
    assert panel is not None
    assert panel.isVisibleTo(window.inbox.details)
    return panel


def participant_cards(panel: GroupPanel) -> list[list[str]]:
    """The participants' cards as shown: each card's lines of text, top to bottom."""
    cards = []
    for n in range(panel.people.count()):
        item = panel.people.itemAt(n)
        card = item.widget() if item is not None else None
        if card is not None:
            cards.append([label.text() for label in card.findChildren(QLabel)])
    return cards


def listed(window: MainWindow, thread_id: str) -> bool:
    """Whether the inbox list shows the conversation now."""
    assert window.inbox is not None
    return window.inbox.model.row_of(thread_id) >= 0


def server_participant(
    database: Database, thread_id: str, person_id: str
) -> orm.Participant | None:
    """The server's live participant row of someone in the conversation, if any."""
    with database.reading() as s:
        row = (
            s.query(orm.Participant)
            .filter_by(thread_id=thread_id, person_id=person_id, deleted=False)
            .one_or_none()
        )
        if row is not None:
            s.expunge(row)
        return row


def click(qtbot: QtBot, run_async: Runner, button: QAbstractButton) -> None:
    """Click a button once it is laid out (cards are rebuilt after each sync)."""
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0)
    act(run_async, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))


def thread_title(database: Database, thread_id: str) -> str:
    """The server's title of a conversation."""
    with database.reading() as s:
        return str(s.get_one(orm.Thread, thread_id).title)
