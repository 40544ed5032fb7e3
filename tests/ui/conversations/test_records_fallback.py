"""A fallback shows on the guardian's record, and Reset returns to the preferred channel.

Issue 13 item 4 (seed 004): when texts to a guardian fail for good, the server marks
SMS failing and tells them by email instead; the record says so, with the reason and
since when, and an admin's Reset makes the next message go out by text again. The
audit log names the reset in words, never as a raw action name.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.server.db import Database
from desk.ui.admin.audit_log import AuditLogView
from desk.ui.mainwindow.navigation import Place
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, cache_of, family_page, sync
from tests.support.qt_async import Runner
from tests.support.record_steps import cells, click, pick_contact, texts_fail_for


def test_a_fallback_shows_on_the_record_and_reset_returns_to_texts_on_every_client(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    admin = open_office("admin")
    service = admin.service
    assert service is not None
    act(run_async, lambda: service.reply(ui_centre.threads["classroom_a"], "Picture day!"))
    sync(run_async, admin)
    [(message_id,)] = cache_of(admin).read("SELECT id FROM message WHERE body = 'Picture day!'")
    texts_fail_for(ui_database, ui_centre, message_id, "maria")

    clerk = open_office("office")  # may see the fallback, but only an admin resets it
    seen = family_page(qtbot, clerk, ui_centre.family).page
    pick_contact(seen, "Maria Diaz")
    note = seen.preferences.fallback
    assert note.isVisible()
    assert note.text().startswith("Texts failing since ")
    assert note.text().endswith("(The phone could not be reached); using email.")
    assert not seen.preferences.reset_button.isEnabled()

    sync(run_async, admin)
    page = family_page(qtbot, admin, ui_centre.family).page
    pick_contact(page, "Maria Diaz")
    box = page.preferences
    assert box.fallback.text() == note.text()
    assert box.channel.currentText() == "Text message"  # the preference itself stays
    click(qtbot, run_async, box.reset_button)
    assert not box.fallback.isVisible()  # at once
    sync(run_async, admin)
    assert not box.fallback.isVisible()  # and the server agreed

    sync(run_async, clerk)
    pick_contact(seen, "Maria Diaz")
    assert not seen.preferences.fallback.isVisible()

    admin.go(Place.AUDIT)
    audit = admin.page(Place.AUDIT)
    assert isinstance(audit, AuditLogView)
    assert "Reset a channel fallback" in cells(audit.events, 2)
