"""The open conversation: status rules, replies, Close/Reopen, split families, details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.ids import new_id
from desk.core.kinds import Channel, MessageState
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.ui.mainwindow.navigation import Place
from tests.support.factories import CentreIds
from tests.support.office import add_text, opt_out, set_quota, sign_in_child
from tests.support.office_window import OpenOffice, act, sync
from tests.support.qt_async import Runner
from tests.support.ui_facts import (
    incoming,
    messages_with_body,
    private_threads,
    set_capabilities,
    thread_status,
)
from tests.support.ui_steps import open_thread, shown_thread, states


def test_opening_a_thread_makes_it_open_here_and_on_the_server(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    thread = ui_centre.threads["office"]
    assert thread_status(ui_database, thread) == "unread"
    open_thread(qtbot, run_async, window, Place.OFFICE, thread)
    assert shown_thread(window).status == "open"
    assert window.inbox.thread_view.subtitle.text() == "Office Chat · Open"
    assert window.inbox.model.row_at(0).status == "open"
    sync(run_async, window)
    assert thread_status(ui_database, thread) == "open"
    assert window.windowTitle() == "(3) Front Desk — Maple"


def test_message_arriving_on_screen_keeps_it_open_elsewhere_unread(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Seed 001: Unread unless a staff member is viewing the conversation."""
    window = open_office("admin")
    assert window.inbox is not None
    shown, other = ui_centre.threads["classroom_a"], ui_centre.threads["classroom_b"]
    open_thread(qtbot, run_async, window, Place.CLASSROOM, shown)
    sync(run_async, window)
    incoming(ui_database, ui_centre, shown, "Can Leo bring a snack?")
    incoming(ui_database, ui_centre, other, "Ava has a cough")
    sync(run_async, window)  # pulls both; the shown thread is opened again at once
    view = window.inbox.thread_view
    assert shown_thread(window).status == "open"
    assert view.messages.message_at(view.messages.rowCount() - 1).body == "Can Leo bring a snack?"
    sync(run_async, window)  # the open command reaches the server
    assert thread_status(ui_database, shown) == "open"
    assert thread_status(ui_database, other) == "unread"


def test_reply_with_ctrl_enter_shows_its_delivery_state(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    thread = ui_centre.threads["classroom_a"]
    open_thread(qtbot, run_async, window, Place.CLASSROOM, thread)
    composer = window.inbox.thread_view.composer
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert composer.editor.hasFocus()
    qtbot.keyClicks(composer.editor, "See you at pickup")
    assert composer.count.text() == "17 characters"
    act(
        run_async,
        lambda: qtbot.keyClick(
            composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        ),
    )
    assert composer.text == ""
    assert window.statusBar().currentMessage().startswith("Reply to ")  # a confirmation
    assert window.statusBar().currentMessage().endswith(" on its way")
    assert states(window)[-1] in ("Sending…", "Sent")
    sync(run_async, window)
    assert states(window)[-1] == "Sent"
    assert messages_with_body(ui_database, thread, "See you at pickup") == 1
    author = window.inbox.thread_view.messages.message_at(0).author
    assert author == "Admin Staff"


def test_close_and_reopen_with_buttons_and_shortcuts(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    thread = ui_centre.threads["office"]
    open_thread(qtbot, run_async, window, Place.OFFICE, thread)
    view = window.inbox.thread_view
    act(run_async, lambda: qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton))
    assert shown_thread(window).status == "closed"
    assert view.reopen_button.isVisible()
    assert not view.close_button.isVisible()
    sync(run_async, window)
    assert thread_status(ui_database, thread) == "closed"
    act(run_async, lambda: qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton))
    assert shown_thread(window).status == "open"
    act(
        run_async,
        lambda: qtbot.keyClick(
            window,
            Qt.Key.Key_C,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert shown_thread(window).status == "closed"
    act(
        run_async,
        lambda: qtbot.keyClick(
            window,
            Qt.Key.Key_O,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert shown_thread(window).status == "open"
    sync(run_async, window)
    assert thread_status(ui_database, thread) == "open"


def test_split_family_conversations_are_picked_by_guardian_name(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Seed 000: both parents' names at the top; each opens that parent's conversation."""
    threads = private_threads(ui_database, ui_centre)
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.CLASSROOM, threads["ann"])
    view = window.inbox.thread_view
    assert view.siblings.isVisible()
    labels = sorted(b.text() for b in view.sibling_buttons.values())
    assert labels == ["Ann Lee", "Ben Lee"]
    assert view.sibling_buttons[threads["ann"]].isChecked()
    act(
        run_async,
        lambda: qtbot.mouseClick(view.sibling_buttons[threads["ben"]], Qt.MouseButton.LeftButton),
    )
    assert shown_thread(window).id == threads["ben"]
    assert view.title.text() == "Ben Lee"
    assert window.inbox.thread_list.selected_id == threads["ben"]


def test_details_show_where_children_are_and_how_to_reach_guardians(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    sign_in_child(ui_database, ui_centre, "leo", ui_centre.room_a)
    opt_out(ui_database, ui_centre, "rosa")  # shares Maria's number
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.OFFICE, ui_centre.threads["office"])
    details = window.inbox.details
    texts = [label.text() for label in details.findChildren(type(window.inbox.thread_view.title))]
    assert "Diaz" in texts
    assert any(t.startswith("Signed in · Toddlers · since") for t in texts)
    assert "Not signed in" in texts  # Ava
    assert "maria@example.org" in " ".join(texts)
    assert texts.count("SMS: opted out") == 2  # one opt-out silences the shared number
    assert any("every one must be opted in; opted out: Rosa Diaz" in t for t in texts)
    assert "Prefers: Text message" in texts


def test_sms_thread_counts_segments_and_needs_mass_text(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.SMS, ui_centre.threads["sms"])
    composer = window.inbox.thread_view.composer
    qtbot.keyClicks(composer.editor, "x" * 161)
    assert composer.count.text().startswith("161 characters · 2 SMS segments")
    assert composer.send_button.isEnabled()

    set_capabilities(ui_database, ui_centre, "office", "sms_logs")
    office = open_office("office")
    assert office.inbox is not None
    open_thread(qtbot, run_async, office, Place.SMS, ui_centre.threads["sms"])
    composer = office.inbox.thread_view.composer
    assert composer.editor.isReadOnly()
    assert composer.note.text() == "Sending text messages needs the Mass Text permission."


def test_refused_reply_shows_the_reason_and_retries(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    set_quota(ui_database, ui_centre, 0)
    window = open_office("admin")
    assert window.inbox is not None
    thread = ui_centre.threads["sms"]
    open_thread(qtbot, run_async, window, Place.SMS, thread)
    composer = window.inbox.thread_view.composer
    qtbot.keyClicks(composer.editor, "Pickup moved to 4pm")
    act(run_async, lambda: qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton))
    sync(run_async, window)
    failures = window.inbox.thread_view.failures
    assert failures.isVisible()
    [text] = [w.text() for w in failures.findChildren(type(composer.count))]
    assert text.startswith("Not sent: the monthly text limit is reached")
    assert "Pickup moved to 4pm" not in [m.body for m in window.inbox.thread_view.messages.messages]
    set_quota(ui_database, ui_centre, 100)
    act(
        run_async,
        lambda: qtbot.keyClick(
            window,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    sync(run_async, window)
    assert not failures.isVisible()
    assert messages_with_body(ui_database, thread, "Pickup moved to 4pm") == 1
    assert states(window)[-1] == "Queued"  # an SMS waits for the delivery worker


def test_failed_delivery_shows_the_reason_and_retries_it_once(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Regression (issue 12 item 9): every Retry click sent another copy of the text.

    Each went as a new message, and the failure bar never cleared. Now the click asks
    the server to retry the same message, the button shows the retry under way (a
    second click and the shortcut ask nothing more), and the bar follows the
    message's new state.
    """
    from desk.core.ids import derived_id
    from desk.server import orm
    from desk.server.orm.base import utcnow
    from desk.server.versioning import stamp
    from tests.support.office import add_text

    thread_id = ui_centre.threads["sms"]
    failed = add_text(ui_database, ui_centre, thread_id, "Closed tomorrow", inbound=False)
    with ui_database.writing() as s:
        message = s.get_one(orm.Message, failed)
        message.state = MessageState.FAILED
        message.error = "carrier rejected the number"
        thread = s.get_one(orm.Thread, thread_id)
        s.add(
            orm.Delivery(
                id=derived_id(failed, "delivery", "sms"),
                centre_id=ui_centre.centre,
                message_id=failed,
                recipient_kind="phone",
                recipient_id=None,
                channel="sms",
                address=thread.phone,
                for_label="For Maria",
                state="failed",
                error="carrier rejected the number",
                updated_at=utcnow(),
            )
        )
        stamp(s, ui_centre.centre)
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.SMS, thread_id)
    assert states(window)[-1] == "Failed: carrier rejected the number"
    view = window.inbox.thread_view
    failures = view.failures
    assert failures.isVisible()
    seen: list[tuple[str, bool]] = []

    def click_twice() -> None:
        qtbot.mouseClick(failures.retry_buttons[0], Qt.MouseButton.LeftButton)
        [button] = failures.retry_buttons
        seen.append((button.text(), button.isEnabled()))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
        view.retry_first_failure()  # Ctrl+Shift+R: nothing either

    act(run_async, click_twice)
    assert seen == [("Retrying…", False)]
    sync(run_async, window)
    assert not failures.isVisible()
    assert messages_with_body(ui_database, thread_id, "Closed tomorrow") == 1  # no copy
    with ui_database.reading() as s:
        deliveries = s.query(orm.Delivery).filter_by(message_id=failed).all()
        assert len(deliveries) == 2  # the failed attempt, and one retry
        assert s.get_one(orm.Message, failed).state != "failed"


def test_delivery_note_shows_beside_the_delivery_state(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Issue 11: the server's delivery note shows beside the delivery state.

    The note ("sent untranslated") reaches the cache by the feed; before, no screen
    showed it at all.
    """
    sent = add_text(ui_database, ui_centre, ui_centre.threads["sms"], "Snow day", inbound=False)
    note = "sent untranslated: no translation service is configured (reads es)"
    with ui_database.writing() as s:
        s.get_one(orm.Message, sent).state = MessageState.SENT
        for address in ("+12025550101", "+12025550102"):  # the same note shows once
            s.add(
                orm.Delivery(
                    id=new_id(),
                    centre_id=ui_centre.centre,
                    message_id=sent,
                    recipient_kind="phone",
                    channel=Channel.SMS,
                    address=address,
                    state=MessageState.SENT,
                    updated_at=utcnow(),
                    note=note,
                )
            )
        stamp(s, ui_centre.centre)
    window = open_office("admin")
    open_thread(qtbot, run_async, window, Place.SMS, ui_centre.threads["sms"])
    assert states(window)[-1] == f"Sent — {note}"
    assert window.inbox is not None
    model = window.inbox.thread_view.messages
    assert model.index(model.rowCount() - 1).data(Qt.ItemDataRole.ToolTipRole) == f"Sent — {note}"


def test_an_opted_out_shared_number_cannot_be_texted(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Seed 001: every record holding the number must be opted in."""
    opt_out(ui_database, ui_centre, "rosa")
    window = open_office("admin")
    assert window.inbox is not None
    open_thread(qtbot, run_async, window, Place.SMS, ui_centre.threads["sms"])
    composer = window.inbox.thread_view.composer
    assert composer.editor.isReadOnly()
    assert not composer.send_button.isEnabled()
    assert composer.note.text() == (
        "This number cannot be texted: this phone number is shared by 2 records and every"
        " one must be opted in; opted out: Rosa Diaz's pickup record in the Diaz family"
    )
