"""The Families and Staff pages: a searchable list beside the chosen person's record.

A record has a Communication tab with the person's conversations and every text
message to or from their numbers (seed 001: the Messenger Center is reachable from
the family and staff records, and searching by name or phone happens here).
Activating a conversation or a text asks the main window to open its thread.
Each guardian's and staff member's preferred channel and language, with any
fallback and its Reset, are edited on the record (seed 004, `PreferencesBox`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.audience import Pick, PickKind
from desk.core.kinds import Direction, GuardianKind, PersonKind
from desk.core.permissions import parse_capabilities
from desk.i18n.errors import error_text
from desk.models.cache import Cache
from desk.models.directory_queries import (
    PersonThreadRow,
    PickupDetail,
    SmsEntry,
    StaffRow,
    StudentDetail,
)
from desk.models.queries import FamilyRow
from desk.services import directory
from desk.ui.admin.kiosk_messages import QueueKioskMessageDialog
from desk.ui.admin.pin_choice import PinChoiceDialog
from desk.ui.records.preferences import Person, PreferencesBox
from desk.ui.shared.delivery_words import plain_reason
from desk.ui.shared.flow_layout import FlowLayout
from desk.ui.shared.formatting import local_time, status_label, thread_kind_label
from desk.ui.shared.people_text import (
    capability_label,
    channel_label,
    contact_kind_label,
    direction_label,
    family_label,
    message_state_label,
    phone_text,
    role_label,
)
from desk.ui.shared.row_model import ROW_ROLE, Column, RowTableModel
from desk.ui.shared.widgets import empty_hint, table

R = TypeVar("R")
SEARCH_PAUSE_MS = 150
LIST_MIN_WIDTH = 250
"""The list beside a record never narrows past names: at 1024 px it cut them to "A…"."""


def _rows(source: Callable[[], Sequence[R]]) -> Callable[[int, int], Sequence[R]]:
    """A page loader over a list the page already holds."""
    return lambda offset, limit: source()[offset : offset + limit]


def heading(text: str) -> QLabel:
    """A small section heading (styled by `#detailsHeading`)."""
    label = QLabel(text)
    label.setObjectName("detailsHeading")
    return label


def _thread_name(row: PersonThreadRow) -> str:
    """Who a conversation is with; a Messenger Center thread is with a number."""
    return phone_text(row.phone) if row.kind == "sms" and row.phone else row.name


def _family_members(row: FamilyRow) -> str:
    """What tells a family from another of its name: its children, then its guardians."""
    return " · ".join(part for part in (row.children, row.guardian_names) if part)


def _text_state(entry: SmsEntry) -> str:
    """Where a sent text stands (with the carrier's reason when it failed)."""
    if entry.direction == Direction.INBOUND:
        return ""
    state = message_state_label(entry.state)
    return f"{state} — {plain_reason(entry.error)}" if entry.error else state


class CommunicationTab(QWidget):
    """A person's conversations and text messages (seed 001 Communication tab).

    Signals:
        open_thread(str): the user activated a conversation or a text; its thread id.
    """

    open_thread = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._threads: list[PersonThreadRow] = []
        self._texts: list[SmsEntry] = []
        self.threads = RowTableModel[PersonThreadRow](
            [
                Column(self.tr("Channel"), lambda r: thread_kind_label(r.kind)),
                Column(
                    self.tr("With"), lambda r: r.name if r.kind != "sms" else phone_text(r.phone)
                ),
                Column(self.tr("Status"), lambda r: status_label(r.status)),
                Column(self.tr("Last message"), lambda r: r.last_message_preview),
                Column(self.tr("When"), lambda r: local_time(r.last_message_at)),
            ],
            _rows(lambda: self._threads),
            parent=self,
        )
        self.texts = RowTableModel[SmsEntry](
            [
                Column(self.tr("When"), lambda r: local_time(r.created_at)),
                Column(self.tr("Direction"), lambda r: direction_label(r.direction)),
                Column(
                    self.tr("Number"),
                    lambda r: phone_text(r.phone) if r.phone else self.tr("Emergency SMS"),
                ),
                Column(self.tr("Message"), lambda r: r.body),
                Column(self.tr("State"), _text_state),
            ],
            _rows(lambda: self._texts),
            parent=self,
        )
        self.thread_table = table(self.threads, "threadTable", 3, self.tr("Conversations"))
        self.text_table = table(self.texts, "smsTable", 3, self.tr("Text messages"))
        self.thread_table.activated.connect(self._open_thread)
        self.text_table.activated.connect(self._open_text)
        self.open_button = QPushButton(self.tr("&Open conversation"))
        self.open_button.setObjectName("openThread")
        self.open_button.clicked.connect(self._open_selected)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        row = QHBoxLayout()
        row.addWidget(heading(self.tr("CONVERSATIONS")))
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.thread_table, 1)
        layout.addWidget(heading(self.tr("TEXT MESSAGES (SMS)")))
        layout.addWidget(self.text_table, 1)
        layout.addWidget(self.empty)

    def show_communication(self, talk: directory.Communication) -> None:
        """Show one person's history."""
        self._threads, self._texts = talk.threads, talk.texts
        self.threads.reload()
        self.texts.reload()
        self.empty.setText(
            ""
            if talk.threads or talk.texts
            else self.tr("No conversations or text messages with this person yet.")
        )

    def _open_thread(self, index: QModelIndex) -> None:
        self.open_thread.emit(index.data(ROW_ROLE).id)

    def _open_text(self, index: QModelIndex) -> None:
        self.open_thread.emit(index.data(ROW_ROLE).thread_id)

    def _open_selected(self) -> None:
        rows = self.thread_table.selectionModel().selectedRows()
        if rows:
            self._open_thread(rows[0])
        elif (texts := self.text_table.selectionModel().selectedRows()) and texts:
            self._open_text(texts[0])


class _ListPage(QWidget):
    """A search box over a paged table, with the chosen row's record beside it."""

    def __init__(self, search_name: str, placeholder: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName(search_name)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(placeholder)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.stack = QStackedWidget()
        self.empty = empty_hint()
        self.stack.addWidget(self.empty)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))

    def _lay_out(self, view: QTableView, record: QWidget) -> None:
        self.stack.addWidget(record)
        left = QWidget()
        left.setMinimumWidth(LIST_MIN_WIDTH)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(view, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        view.selectionModel().currentRowChanged.connect(lambda current, _: self._chosen(current))
        view.activated.connect(self._chosen)
        self._view = view

    def reveal(self, record_id: str, name: str) -> None:
        """Show one record, the list searched for `name` and the record's row chosen.

        For Search everything (Ctrl+K): the record then sits beside a list that holds
        it, as if the user had searched here themselves.
        """
        self.search.setText(name)
        self._search_now()
        model = self._view.model()
        for n in range(model.rowCount()):
            index = model.index(n, 0)
            if index.data(ROW_ROLE).id == record_id:
                self._view.setCurrentIndex(index)  # shows the record through `_chosen`
                return
        self._show(record_id)  # not listed by that name: still show what was picked

    def _search_now(self) -> None:
        raise NotImplementedError

    def _show(self, record_id: str) -> None:
        raise NotImplementedError

    def _chosen(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def _filter(self, model: RowTableModel[Any], shown_id: str | None) -> bool:
        """Re-read the list for the search typed; False when the record shown left it.

        A family the search filtered out stayed on screen beside a list that no
        longer held it (issue 15 item 6); the caller then forgets it and the page
        shows its hint until a row is chosen.
        """
        model.reload()
        listed = {model.row_at(n).id for n in range(model.rowCount())}
        if shown_id is None or shown_id in listed:
            return True
        self.stack.setCurrentWidget(self.empty)
        return False


class FamiliesView(_ListPage):
    """Families found by name, guardian, child or phone digits, and one family's record.

    Signals:
        open_thread(str): open this thread in the inbox.
        new_kiosk_pin(str, str, str): an admin confirmed a new kiosk PIN for this
            guardian or pickup (id, name, `PinDelivery` value); the main window,
            which holds the connection, asks the server.
        message(object): "Message this family": open New Message with this family
            (a `Pick`) picked; the main window owns that dialog.
    """

    open_thread = Signal(str)
    new_kiosk_pin = Signal(str, str, str)
    message = Signal(object)

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(
            "familySearch", self.tr("Search families, guardians, children, phones…"), parent
        )
        self.setObjectName("familiesView")
        self._cache = cache
        self._record: directory.FamilyRecord | None = None
        self.pin_question: PinChoiceDialog | None = None
        self.families = RowTableModel[FamilyRow](
            [
                Column(self.tr("Family"), lambda r: r.name),
                Column(self.tr("Members"), _family_members),
            ],
            lambda offset, limit: directory.find_families(
                cache, self.search.text().strip(), offset, limit
            ),
            parent=self,
        )
        self.list = table(self.families, "familyList", 1, self.tr("Families"))
        self.page = FamilyRecordPage(cache, self)
        self.page.communication.open_thread.connect(self.open_thread)
        self.page.preferences.changed.connect(self.refresh)
        self.page.queue_kiosk.clicked.connect(self._queue_kiosk_message)
        self.page.new_pin.clicked.connect(self._ask_new_pin)
        self.page.message_button.clicked.connect(self._message_family)
        self._lay_out(self.list, self.page)
        self.empty.setText(self.tr("Pick a family to see its record."))
        self.refresh()

    @property
    def record(self) -> directory.FamilyRecord | None:
        """The family shown, if any."""
        return self._record

    def refresh(self) -> None:
        """Re-read the list and the family shown (after a sync)."""
        self.families.reload()
        if self._record is not None:
            self.show_family(self._record.id)

    def _search_now(self) -> None:
        self._timer.stop()
        if not self._filter(self.families, self._record.id if self._record else None):
            self._record = None

    def show_family(self, family_id: str) -> None:
        """Show one family's record (also for the main window's "open family")."""
        self._record = directory.family_record(self._cache, family_id)
        if self._record is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.page.show_record(
            self._record,
            directory.family_communication(self._cache, self._record),
            directory.who_am_i(self._cache),
        )
        self.stack.setCurrentWidget(self.page)

    def _show(self, record_id: str) -> None:
        self.show_family(record_id)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_family(index.data(ROW_ROLE).id)

    def allow_pin_resets(self, allowed: bool) -> None:
        """Offer "New kiosk PIN" (admins only: the server refuses everyone else)."""
        self.page.new_pin.setVisible(allowed)

    def _ask_new_pin(self) -> None:
        """Confirm first: the old PIN stops working at once (issue 15 item 6)."""
        contact = self.page.selected_contact()
        if contact is None:
            return
        person = contact.detail
        dialog = PinChoiceDialog(person, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.new_kiosk_pin.emit(person.id, person.name, dialog.send_by().value)
        )
        self.pin_question = dialog
        dialog.open()

    def _message_family(self) -> None:
        if self._record is not None:
            self.message.emit(Pick(PickKind.FAMILY, self._record.id))

    def _queue_kiosk_message(self) -> None:
        if self._record is None:
            return
        dialog = QueueKioskMessageDialog(self._cache, self._record.guardian_ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()


class FamilyRecordPage(QWidget):
    """One family: contacts with their texting verdict, children, pickups, communication.

    The chosen contact's preferences show under the contacts (`PreferencesBox`).
    """

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._me: directory.Me | None = None
        self._contacts: list[directory.Contact] = []
        self._students: list[StudentDetail] = []
        self._pickups: list[PickupDetail] = []
        self.name = QLabel()
        self.name.setObjectName("threadTitle")
        self.notes = QLabel()
        self.notes.setObjectName("cardLine")
        self.notes.setWordWrap(True)
        self.message_button = QPushButton(self.tr("&Message this family…"))
        self.message_button.setObjectName("messageFamily")
        self.queue_kiosk = QPushButton(self.tr("Queue &kiosk message…"))
        self.queue_kiosk.setObjectName("queueKioskMessage")
        self.new_pin = QPushButton(self.tr("New kiosk &PIN…"))
        self.new_pin.setObjectName("newKioskPin")
        self.new_pin.setToolTip(self.tr("A new sign-in PIN for the selected guardian or pickup"))
        self.new_pin.setVisible(False)
        self.new_pin.setEnabled(False)
        self.contacts = RowTableModel[directory.Contact](
            [
                Column(self.tr("Name"), lambda c: c.detail.name),
                Column(self.tr("Kind"), lambda c: contact_kind_label(c.detail.kind)),
                Column(self.tr("Phone"), lambda c: phone_text(c.detail.phone)),
                Column(self.tr("Email"), lambda c: c.detail.email or ""),
                Column(self.tr("Prefers"), lambda c: channel_label(c.detail.preferred_channel)),
                Column(self.tr("Texts"), self._texting),
            ],
            _rows(lambda: self._contacts),
            parent=self,
        )
        self.students = RowTableModel[StudentDetail](
            [
                Column(self.tr("Student"), lambda s: s.name),
                Column(self.tr("Room"), lambda s: s.room_name),
                Column(
                    self.tr("Right now"),
                    lambda s: (
                        self.tr("Signed in — {room}").format(room=s.signed_in_room)
                        if s.signed_in_room is not None
                        else self.tr("Not signed in")
                    ),
                ),
            ],
            _rows(lambda: self._students),
            parent=self,
        )
        self.pickups = RowTableModel[PickupDetail](
            [
                Column(self.tr("Authorized pickup"), lambda p: p.name),
                Column(self.tr("Phone"), lambda p: phone_text(p.phone)),
                Column(self.tr("May collect"), lambda p: ", ".join(p.students)),
            ],
            _rows(lambda: self._pickups),
            parent=self,
        )
        self.opt_in_notes = QLabel()
        self.opt_in_notes.setObjectName("optedOut")
        self.opt_in_notes.setWordWrap(True)
        details = QWidget()
        column = QVBoxLayout(details)
        column.addWidget(heading(self.tr("GUARDIANS AND CONTACTS")))
        # The email column gives way on a narrow window, so names are never cut.
        self.contact_view = table(self.contacts, "guardianTable", 3, self.tr("Guardians"))
        self.contact_view.selectionModel().selectionChanged.connect(
            lambda *_: self._contact_chosen()
        )
        self.preferences = PreferencesBox(cache)
        column.addWidget(self.contact_view, 2)
        column.addWidget(self.opt_in_notes)
        column.addWidget(self.preferences)
        column.addWidget(heading(self.tr("STUDENTS")))
        column.addWidget(table(self.students, "studentTable", 0, self.tr("Students")), 1)
        column.addWidget(heading(self.tr("AUTHORIZED PICKUPS")))
        column.addWidget(table(self.pickups, "pickupTable", 2, self.tr("Authorized pickups")), 1)
        self.communication = CommunicationTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(details, self.tr("&Details"))
        self.tabs.addTab(self.communication, self.tr("&Communication"))
        # The actions have a row of their own and the title wraps: beside a title
        # naming the children they widened the window past 1024 px.
        self.name.setWordWrap(True)
        # The buttons wrap: in one row they asked 544 px in Spanish, more than a
        # record gets beside the list at 1024 (issue 15 item 6).
        actions = QWidget()
        flow = FlowLayout(actions)
        flow.addWidget(self.message_button)
        flow.addWidget(self.new_pin)
        flow.addWidget(self.queue_kiosk)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(actions)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)

    def selected_contact(self) -> directory.Contact | None:
        """The guardian or pickup selected in the contacts table, if any."""
        rows = self.contact_view.selectionModel().selectedRows()
        return self._contacts[rows[0].row()] if rows else None

    def _contact_chosen(self) -> None:
        contact = self.selected_contact()
        self.new_pin.setEnabled(contact is not None)
        self.preferences.show_person(None if contact is None else _person(contact), self._me)

    def _texting(self, contact: directory.Contact) -> str:
        if contact.number is None:
            return self.tr("No phone")
        if contact.number.can_text:
            return self.tr("Opted in")
        if not contact.detail.sms_opt_in:
            return self.tr("Opted out")
        return self.tr("Shared number opted out")

    def show_record(
        self,
        record: directory.FamilyRecord,
        talk: directory.Communication,
        me: directory.Me | None,
    ) -> None:
        """Show `record` and its communication, as `me` may change it.

        The contact chosen stays chosen when the same family is shown again (after
        a sync or a change), so its preferences stay on screen.
        """
        chosen = self.selected_contact()
        self._me = me
        children = ", ".join(s.first_name for s in record.students if s.first_name)
        self.name.setText(family_label(record.name, children))
        self.notes.setText(record.notes)
        self.notes.setVisible(bool(record.notes))
        self._contacts = list(record.contacts)
        self._students = list(record.students)
        self._pickups = list(record.pickups)
        self.contacts.reload()
        again = [
            n for n, c in enumerate(self._contacts) if chosen and c.detail.id == chosen.detail.id
        ]
        if again:
            self.contact_view.selectRow(again[0])
        self._contact_chosen()
        self.students.reload()
        self.pickups.reload()
        self.queue_kiosk.setEnabled(bool(record.guardian_ids))
        blocked = [
            self.tr("{name}: {reason}").format(
                name=c.detail.name, reason=error_text(c.number.reason)
            )
            for c in record.contacts
            if c.number is not None and c.number.reason
        ]
        self.opt_in_notes.setText("\n".join(blocked))
        self.opt_in_notes.setVisible(bool(blocked))
        self.communication.show_communication(talk)


class StaffView(_ListPage):
    """Staff found by name or phone digits, and one staff member's record.

    Signals:
        open_thread(str): open this thread in the inbox.
        message(object): "Message this person": open New Message with this staff
            member (a `Pick`) picked; the main window owns that dialog.
    """

    open_thread = Signal(str)
    message = Signal(object)

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__("staffSearch", self.tr("Search staff by name or phone…"), parent)
        self.setObjectName("staffView")
        self._cache = cache
        self._record: directory.StaffRecord | None = None
        self.staff = RowTableModel[StaffRow](
            [
                Column(self.tr("Name"), lambda r: r.name),
                Column(self.tr("Role"), lambda r: role_label(r.role)),
                Column(self.tr("Phone"), lambda r: phone_text(r.phone)),
            ],
            lambda offset, limit: directory.find_staff(
                cache, self.search.text().strip(), offset, limit
            ),
            parent=self,
        )
        # Names whole, the phone column gives way: with the name stretched, a narrow list
        # (1024 px, Spanish "Administración") left it one letter and an ellipsis.
        self.list = table(self.staff, "staffList", 2, self.tr("Staff"))
        self.page = StaffRecordPage(cache, self)
        self.page.communication.open_thread.connect(self.open_thread)
        self.page.preferences.changed.connect(self.refresh)
        self.page.message_button.clicked.connect(self._message_person)
        self._lay_out(self.list, self.page)
        self.empty.setText(self.tr("Pick a staff member to see their record."))
        self.refresh()

    @property
    def record(self) -> directory.StaffRecord | None:
        """The staff member shown, if any."""
        return self._record

    def refresh(self) -> None:
        """Re-read the list and the record shown (after a sync)."""
        self.staff.reload()
        if self._record is not None:
            self.show_staff(self._record.detail.id)

    def _search_now(self) -> None:
        self._timer.stop()
        if not self._filter(self.staff, self._record.detail.id if self._record else None):
            self._record = None

    def show_staff(self, staff_id: str) -> None:
        """Show one staff member's record."""
        self._record = directory.staff_record(self._cache, staff_id)
        if self._record is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.page.show_record(
            self._record,
            directory.staff_communication(self._cache, self._record),
            directory.who_am_i(self._cache),
        )
        self.stack.setCurrentWidget(self.page)

    def _show(self, record_id: str) -> None:
        self.show_staff(record_id)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_staff(index.data(ROW_ROLE).id)

    def _message_person(self) -> None:
        if self._record is not None:
            self.message.emit(Pick(PickKind.STAFF, self._record.detail.id))


class StaffRecordPage(QWidget):
    """One staff member: contact, preferences, permissions, rooms, groups, communication."""

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel()
        self.name.setObjectName("threadTitle")
        self.message_button = QPushButton(self.tr("&Message this person…"))
        self.message_button.setObjectName("messagePerson")
        self.summary = QLabel()
        self.summary.setObjectName("staffSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rooms = QLabel()
        self.rooms.setObjectName("staffRooms")
        self.groups = QLabel()
        self.groups.setObjectName("staffGroups")
        self.permissions = QLabel()
        self.permissions.setObjectName("staffPermissions")
        self.permissions.setWordWrap(True)
        details = QWidget()
        column = QVBoxLayout(details)
        column.addWidget(heading(self.tr("CONTACT")))
        column.addWidget(self.summary)
        self.preferences = PreferencesBox(cache)
        column.addWidget(self.preferences)
        column.addWidget(heading(self.tr("PERMISSIONS")))
        column.addWidget(self.permissions)
        column.addWidget(heading(self.tr("ROOMS")))
        column.addWidget(self.rooms)
        column.addWidget(heading(self.tr("GROUPS")))
        column.addWidget(self.groups)
        column.addStretch(1)
        self.communication = CommunicationTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(details, self.tr("&Details"))
        self.tabs.addTab(self.communication, self.tr("&Communication"))
        self.name.setWordWrap(True)  # a long name never widens the window
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.message_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def show_record(
        self,
        record: directory.StaffRecord,
        talk: directory.Communication,
        me: directory.Me | None,
    ) -> None:
        """Show `record` and its communication, as `me` may change it."""
        detail = record.detail
        self.name.setText(detail.name)
        # New Message offers only active staff (`anyone_choices`): no nameless chip.
        self.message_button.setEnabled(detail.active)
        lines = [
            self.tr("{role} · username {username}").format(
                role=role_label(detail.role), username=detail.username
            ),
            self.tr("Phone: {phone}").format(phone=phone_text(detail.phone) or self.tr("none")),
            self.tr("Email: {email}").format(email=detail.email or self.tr("none")),
            self.tr("Prefers: {channel}").format(channel=channel_label(detail.preferred_channel)),
        ]
        if record.number is not None:
            lines.append(
                self.tr("Texts: opted in")
                if record.number.can_text
                else self.tr("Texts: not sent — {reason}").format(
                    reason=error_text(record.number.reason) if record.number.reason else ""
                )
            )
        if not detail.active:
            lines.append(self.tr("No longer active"))
        self.summary.setText("\n".join(lines))
        try:
            held = sorted(parse_capabilities(detail.capabilities))
        except ValueError:
            held = []
        self.permissions.setText(
            ", ".join(capability_label(c) for c in held) or self.tr("Messaging in own rooms only")
        )
        self.rooms.setText(", ".join(detail.rooms) or self.tr("No rooms"))
        self.groups.setText(", ".join(detail.groups) or self.tr("No groups"))
        self.preferences.show_person(
            Person(
                PersonKind.STAFF,
                detail.id,
                detail.name,
                detail.phone,
                detail.email,
                detail.preferred_channel,
                detail.language,
            ),
            me,
        )
        self.communication.show_communication(talk)


def _person(contact: directory.Contact) -> Person:
    """A family contact as the preferences box edits it."""
    detail = contact.detail
    return Person(
        PersonKind.GUARDIAN,
        detail.id,
        detail.name,
        detail.phone,
        detail.email,
        detail.preferred_channel,
        detail.language,
        private_messaging=detail.private_messaging,
        messaged=detail.kind == GuardianKind.GUARDIAN,
    )
