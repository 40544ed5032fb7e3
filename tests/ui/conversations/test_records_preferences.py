"""Preferred channel and language on guardian and staff records (issue 13 item 4, seed 004).

Edited on one workstation's record page, shown there at once, and on a second
workstation after its sync; a channel the record cannot use is refused with the
reason before anything is queued.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from desk.core.kinds import Channel
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, cache_of, family_page, sync
from tests.support.qt_async import Runner
from tests.support.record_steps import cells, click, pick_contact, staff_page

PREFERS = 4  # the family record's contacts column of the preferred channel


def choose_channel(combo: QComboBox, channel: Channel) -> None:
    combo.setCurrentIndex(combo.findData(channel.value))


def test_a_guardians_preferences_are_edited_on_the_record_and_a_second_client_shows_them(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    clerk = open_office("office")  # Mass Text: answers families, so edits their contacts
    page = family_page(qtbot, clerk, ui_centre.split_family).page
    assert page.preferences.hint.text() == "Pick a guardian to see how they are told of messages."
    pick_contact(page, "Ann Lee")
    box = page.preferences
    assert (box.channel.currentText(), box.language.text()) == ("Text message", "en")
    assert not box.save_button.isEnabled()  # nothing changed yet
    choose_channel(box.channel, Channel.EMAIL)
    box.language.clear()
    qtbot.keyClicks(box.language, "ES")
    click(qtbot, run_async, box.save_button)
    ann = cells(page.contacts, 0).index("Ann Lee")
    assert cells(page.contacts, PREFERS)[ann] == "Email"  # at once, before any sync
    chosen = page.selected_contact()
    assert chosen is not None
    assert chosen.detail.name == "Ann Lee"  # still on screen, as stored
    assert (box.channel.currentText(), box.language.text()) == ("Email", "es")
    assert not box.save_button.isEnabled()
    sync(run_async, clerk)
    assert clerk.status.outbox_label.text() == ""

    admin = open_office("admin")
    other = family_page(qtbot, admin, ui_centre.split_family).page
    pick_contact(other, "Ann Lee")
    assert other.preferences.channel.currentText() == "Email"
    assert other.preferences.language.text() == "es"
    assert cells(other.contacts, PREFERS)[cells(other.contacts, 0).index("Ann Lee")] == "Email"


def test_a_channel_the_record_cannot_use_is_refused_and_nothing_is_queued(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    admin = open_office("admin")
    box = staff_page(qtbot, admin, ui_centre.office).page.preferences
    assert box.channel.currentText() == "App"  # staff read in the office app by default
    choose_channel(box.channel, Channel.SMS)
    assert box.problem.isVisible()
    assert box.problem.text() == "Texts need a phone number on this record."
    assert not box.save_button.isEnabled()
    choose_channel(box.channel, Channel.EMAIL)
    assert box.problem.text() == "Email needs an email address on this record."
    assert not box.save_button.isEnabled()
    choose_channel(box.channel, Channel.APP)
    assert not box.problem.isVisible()
    box.language.clear()
    qtbot.keyClicks(box.language, "Spanish")
    click(qtbot, run_async, box.save_button)
    assert box.problem.text().startswith("Not saved: 'Spanish' is not a language code")
    assert box.language.text() == "Spanish"  # what was typed stays to be corrected
    assert cache_of(admin).read("SELECT COUNT(*) FROM outbox") == [(0,)]


def test_a_staff_member_sets_their_own_language_and_the_admin_sees_it(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    teacher = open_office("teacher")
    clerk_record = staff_page(qtbot, teacher, ui_centre.office).page.preferences
    assert not clerk_record.channel.isEnabled()  # another staff member's record
    assert not clerk_record.save_button.isVisible()
    assert clerk_record.hint.text() == "Only an administrator or Office Staff may change this."
    own = staff_page(qtbot, teacher, ui_centre.teacher).page.preferences
    own.language.clear()
    qtbot.keyClicks(own.language, "pt-br")
    click(qtbot, run_async, own.save_button)
    assert own.language.text() == "pt-BR"  # stored normalised, shown from the cache
    sync(run_async, teacher)

    admin = open_office("admin")
    seen = staff_page(qtbot, admin, ui_centre.teacher).page.preferences
    assert (seen.channel.currentText(), seen.language.text()) == ("App", "pt-BR")


def test_an_edit_not_yet_saved_survives_a_sync_that_refreshes_the_record(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    """What staff typed stays when another workstation's change arrives meanwhile."""
    admin = open_office("admin")
    page = family_page(qtbot, admin, ui_centre.split_family).page
    pick_contact(page, "Ann Lee")
    page.preferences.language.clear()
    qtbot.keyClicks(page.preferences.language, "fr")
    clerk = open_office("office")
    other = family_page(qtbot, clerk, ui_centre.split_family).page
    pick_contact(other, "Ben Lee")
    choose_channel(other.preferences.channel, Channel.EMAIL)
    click(qtbot, run_async, other.preferences.save_button)
    sync(run_async, clerk)

    sync(run_async, admin)
    ben = cells(page.contacts, 0).index("Ben Lee")
    assert cells(page.contacts, PREFERS)[ben] == "Email"  # the record did re-read
    assert page.preferences.language.text() == "fr"
    assert page.preferences.save_button.isEnabled()
