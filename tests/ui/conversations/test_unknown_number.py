"""Unknown numbers in the Messenger Center: answered, then linked or saved (issue 13 item 5).

A text from a number no record holds (an enrollment enquiry) can be answered in
its thread, until the number says STOP; the number is then given to an existing
guardian or saved as a new contact, and the thread keeps every message.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.server.db import Database
from desk.ui.inbox.thread_view import ThreadView
from desk.ui.inbox.unknown_number import UnknownNumberDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.shared.phone_display import national
from tests.support.factories import CentreIds
from tests.support.office import add_sms_thread, add_text
from tests.support.office_window import OpenOffice, act, cache_of, family_page, sync
from tests.support.qt_async import Runner
from tests.support.record_steps import cells, click, tick

ENQUIRY = "+15555550199"


def enquiry(database: Database, centre: CentreIds, *texts: str) -> str:
    """The Messenger Center thread of a number no record holds, with its texts to us."""
    thread_id = add_sms_thread(database, centre, ENQUIRY)
    for body in texts:
        add_text(database, centre, thread_id, body, inbound=True)
    return thread_id


def open_enquiry(window: MainWindow, thread_id: str) -> ThreadView:
    window.open_thread(thread_id)
    assert window.inbox is not None
    view = window.inbox.thread_view
    assert view.current_thread is not None
    assert view.current_thread.id == thread_id
    return view


def answer(run_async: Runner, view: ThreadView, body: str) -> None:
    view.composer.editor.setPlainText(body)
    act(run_async, view.composer.send)


def link_dialog(qtbot: QtBot, run_async: Runner, view: ThreadView) -> UnknownNumberDialog:
    click(qtbot, run_async, view.link_number.button)
    dialog = view.link_number.dialog
    assert isinstance(dialog, UnknownNumberDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_an_unknown_number_is_answered_then_linked_to_a_guardian_with_its_history(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """Regression: the reply box refused a number no record holds (issue 13 item 5).

    `Conversations.may_post` asked the shared-number rule alone, and `can_text`
    refuses a number without holders; fixed in 0997952 by passing the thread, so
    a number that texted the centre may be answered until it says STOP.
    """
    thread_id = enquiry(ui_database, ui_centre, "Any places in September?")
    clerk = open_office("office")
    view = open_enquiry(clerk, thread_id)
    assert view.title.text() == national(ENQUIRY)
    assert not view.composer.editor.isReadOnly()  # refused before issue 13
    assert not view.composer.note.isVisible()
    answer(run_async, view, "Yes, two places. Would you like to visit?")
    sync(run_async, clerk)
    assert clerk.status.outbox_label.text() == ""  # the server took the reply
    answered = view.messages.messages[-1]
    assert answered.body == "Yes, two places. Would you like to visit?"

    dialog = link_dialog(qtbot, run_async, view)
    qtbot.keyClicks(dialog.search, "Lee")
    qtbot.waitUntil(lambda: cells(dialog.guardians, 0) == ["Ann Lee", "Ben Lee"])
    dialog.guardian_table.selectRow(0)
    assert dialog.replace.isVisible()  # Ann has a number of her own
    assert dialog.replace.text() == (
        f"Replace Ann Lee's number {national('+15555550102')} with this one"
    )
    assert not dialog.ok_button.isEnabled()  # not without saying so
    tick(qtbot, run_async, dialog.replace)
    assert dialog.ok_button.text() == "Link number"
    with qtbot.waitSignal(view.link_number.linked):
        click(qtbot, run_async, dialog.ok_button)
    assert not view.link_number.isVisible()  # the number has a holder now, at once
    sync(run_async, clerk)
    assert view.title.text() == "Ann Lee"  # the server's new title
    assert len(view.messages.messages) == 2  # nothing lost

    admin = open_office("admin")
    record = family_page(qtbot, admin, ui_centre.split_family).page
    assert national(ENQUIRY) in cells(record.contacts, 2)
    talk = record.communication
    assert thread_id in [talk.threads.row_at(n).id for n in range(talk.threads.rowCount())]
    assert "Any places in September?" in cells(talk.texts, 3)


def test_an_unknown_number_is_saved_as_a_new_contact_of_a_new_family(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    thread_id = enquiry(ui_database, ui_centre, "Hello, do you take 2 year olds?")
    admin = open_office("admin")
    view = open_enquiry(admin, thread_id)
    dialog = link_dialog(qtbot, run_async, view)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.ok_button.text() == "Save contact"
    assert not dialog.ok_button.isEnabled()  # a contact needs a name
    qtbot.keyClicks(dialog.first_name, "Nora")
    qtbot.keyClicks(dialog.last_name, "Quinn")
    qtbot.keyClicks(dialog.email, "nora@")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "That email address is not complete."
    qtbot.keyClicks(dialog.email, "example.org")
    with qtbot.waitSignal(view.link_number.linked):
        click(qtbot, run_async, dialog.ok_button)
    assert view.title.text() == "Nora Quinn"  # at once
    sync(run_async, admin)
    assert view.title.text() == "Nora Quinn"
    assert [m.body for m in view.messages.messages] == ["Hello, do you take 2 year olds?"]

    clerk = open_office("office")
    clerk.go(Place.FAMILIES)
    families = clerk.page(Place.FAMILIES)
    assert families is not None
    assert "Quinn" in cells(families.families, 0)  # type: ignore[attr-defined]
    [(phone, email)] = cache_of(clerk).read(
        "SELECT phone, email FROM guardian WHERE first_name = 'Nora'"
    )
    assert (phone, email) == (ENQUIRY, "nora@example.org")


def test_an_unknown_number_that_said_stop_cannot_be_answered(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """The opt-in rules still apply to a number nobody holds (carrier keywords)."""
    thread_id = enquiry(ui_database, ui_centre, "Is this the daycare?", "STOP")
    clerk = open_office("office")
    view = open_enquiry(clerk, thread_id)
    assert view.composer.editor.isReadOnly()
    assert view.composer.note.text() == (
        "This number cannot be texted: this number replied STOP and has not texted START since"
    )
    add_text(ui_database, ui_centre, thread_id, "START", inbound=True)
    sync(run_async, clerk)
    assert not view.composer.editor.isReadOnly()


def test_the_link_is_offered_only_for_a_number_no_record_holds(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    known = ui_centre.threads["sms"]  # Maria's number: not an unknown one
    thread_id = enquiry(ui_database, ui_centre, "Hi, what are your hours?")
    clerk = open_office("office")
    assert open_enquiry(clerk, thread_id).link_number.isVisible()
    assert not open_enquiry(clerk, known).link_number.isVisible()
