"""A record's "Message this family / person", and same-name families told apart.

Issue 15 item 6: five "Bianchi" families read alike wherever a family is one line,
and the family and staff records had no way to write to whom they show. Driven
through the real window against a real server, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.audience import Pick, PickKind
from desk.core.ids import new_id
from desk.core.kinds import GuardianKind
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import StaffView
from desk.ui.shared.row_model import ROW_ROLE
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, family_page
from tests.support.qt_async import Runner

CHILDREN = [
    ("Chloe", "Emma"),
    ("Luca",),
    ("Massimiliano", "Bartolomeo", "Costantino", "Alessandra"),
    ("Giulia",),
    (),
]
"""Five Bianchi families: the last has no child yet, so its name is all it has."""


def add_bianchi_families(database: Database, centre: CentreIds) -> list[str]:
    """Five families named "Bianchi", each with a guardian and `CHILDREN`; their ids."""
    ids = []
    with database.writing() as s:
        for n, children in enumerate(CHILDREN):
            family = new_id()
            ids.append(family)
            s.add(orm.Family(id=family, centre_id=centre.centre, name="Bianchi"))
            s.flush()
            s.add(
                orm.Guardian(
                    id=new_id(),
                    centre_id=centre.centre,
                    family_id=family,
                    kind=GuardianKind.GUARDIAN,
                    first_name=f"Parent{n}",
                    last_name="Bianchi",
                    phone=f"+1555556{n:04d}",
                    email=None,
                )
            )
            for first_name in children:
                s.add(
                    orm.Student(
                        id=new_id(),
                        centre_id=centre.centre,
                        family_id=family,
                        room_id=centre.room_b,
                        first_name=first_name,
                        last_name="Bianchi",
                        birth_date=date(2021, 1, 1),
                    )
                )
        stamp(s, centre.centre)
    return ids


def chips(dialog: NewMessageDialog) -> list[tuple[str, str]]:
    """Each chip's kind and full name, as the chips show them."""
    return [(chip.kind_text(), chip.full_text) for chip in dialog.picker.chips.chips]


def opened_dialog(window: MainWindow) -> NewMessageDialog:
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    assert dialog.isVisible()
    return dialog


def test_message_this_family_opens_new_message_with_that_family_alone(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """The record's title names the children, and so does the one chip it picks."""
    bianchi = add_bianchi_families(ui_database, ui_centre)
    window = open_office("admin")
    view = family_page(qtbot, window, bianchi[0])
    assert view.page.name.text() == "Bianchi — Chloe, Emma"
    # Regression: the button beside the longer title widened the window past 1024 px.
    act(run_async, view.page.message_button.click)
    dialog = opened_dialog(window)
    assert chips(dialog) == [("Family", "Bianchi — Chloe, Emma")]
    assert dialog.picks() == [Pick(PickKind.FAMILY, bianchi[0])]
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Goes to 1 guardian in 1 family"))
    dialog.reject()
    view = family_page(qtbot, window, bianchi[4])
    assert view.page.name.text() == "Bianchi"  # no child to name
    # Regression: a long title beside the buttons widened the window past 1024 px.
    view = family_page(qtbot, window, bianchi[2])
    assert view.page.name.text().endswith("Bartolomeo, Costantino, Massimiliano")
    window.resize(1024, 768)
    assert window.width() == 1024


def test_message_this_person_opens_new_message_with_that_staff_member_alone(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    nadia = add_staff(ui_database, ui_centre, "Nadia")
    window = open_office("admin")
    window.go(Place.STAFF)
    view = window.page(Place.STAFF)
    assert isinstance(view, StaffView)
    rows = [view.staff.index(r, 0) for r in range(view.staff.rowCount())]
    view.list.setFocus()
    view.list.setCurrentIndex(next(i for i in rows if i.data(ROW_ROLE).id == nadia))
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.page.name.text() == "Nadia Staff"
    act(run_async, view.page.message_button.click)
    dialog = opened_dialog(window)
    assert chips(dialog) == [("Staff", "Nadia Staff")]
    assert dialog.picks() == [Pick(PickKind.STAFF, nadia)]


def test_five_same_surname_families_get_five_distinct_labels_in_new_message(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    add_bianchi_families(ui_database, ui_centre)
    window = open_office("admin")
    act(run_async, window.new_message_button.click)
    picker = opened_dialog(window).picker
    qtbot.keyClicks(picker.search, "Bianchi")

    def families() -> list[str]:
        return [r.name for r in picker.model.rows() if r.kind == "Family"]

    qtbot.waitUntil(lambda: len(families()) == len(CHILDREN))
    assert sorted(families()) == [
        "Bianchi",
        "Bianchi — Alessandra, Bartolomeo, Costantino, Massimiliano",
        "Bianchi — Chloe, Emma",
        "Bianchi — Giulia",
        "Bianchi — Luca",
    ]
