"""A number no record holds, in the Messenger Center: link it or save it (issue 13 item 5).

An enrollment enquiry texts the centre from a number nobody has on file. The office
answers it in its thread like any other, then gives the number to a family's
guardian (`link_number`) or saves it as a new contact (`save_contact`). Either way
the thread and every message in it stay, and move with the number to the record.
`UnknownNumberBar` sits above the thread's reply box and shows only for such a number.

The thread view is part of the first paint, which imports no SQLAlchemy: the
services (and the cache behind them) are imported when a thread is shown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.permissions import may_edit_contacts
from desk.ui.shared.phone_display import national
from desk.ui.shared.row_model import Column, RowTableModel
from desk.ui.shared.widgets import ERROR_STYLE, table

if TYPE_CHECKING:
    from desk.models.cache import Cache
    from desk.models.inbox_sql import InboxRow
    from desk.models.queries import FamilyRow
    from desk.services.contacts import LinkCandidate

SEARCH_PAUSE_MS = 150
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
"""What the server accepts as an email address (`save_contact`): say so before it refuses."""
LINK_TAB = 0  # the tabs: link to a guardian, then a new contact


class UnknownNumberDialog(QDialog):
    """Give a Messenger Center thread's unknown number to a guardian, or save it as one.

    A refusal (say, a guardian who has another number, unless it is replaced) shows
    in the dialog, which stays open with everything typed.
    """

    def __init__(
        self, cache: Cache, thread_id: str, phone: str, parent: QWidget | None = None
    ) -> None:
        from desk.services import contacts, directory

        super().__init__(parent)
        self.setObjectName("unknownNumberDialog")
        self._cache = cache
        self._thread_id = thread_id
        self.setWindowTitle(self.tr("Number {phone}").format(phone=national(phone)))
        intro = QLabel(
            self.tr(
                "No family or staff record has {phone}. Give it to a guardian or save it as "
                "a new contact: its conversation and every message stay, now under their name."
            ).format(phone=national(phone))
        )
        intro.setWordWrap(True)

        # -- link to a guardian ---------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("guardianSearch")
        self.search.setPlaceholderText(self.tr("Search guardians, families, children, phones…"))
        self.search.setAccessibleName(self.tr("Search guardians"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.guardians = RowTableModel["LinkCandidate"](
            [
                Column(self.tr("Guardian"), lambda r: r.name),
                Column(self.tr("Family"), lambda r: r.family),
                Column(self.tr("Number now"), lambda r: national(r.phone) or self.tr("none")),
            ],
            lambda offset, limit: contacts.link_candidates(
                cache, self.search.text(), offset, limit
            ),
            parent=self,
        )
        self._search_timer.timeout.connect(self.guardians.reload)
        self.guardian_table = table(self.guardians, "linkGuardians", 0, self.tr("Guardians"))
        self.guardian_table.selectionModel().selectionChanged.connect(lambda *_: self._check())
        self.no_match = QLabel()
        self.no_match.setObjectName("cardLine")
        self.no_match.setWordWrap(True)
        self.guardians.modelReset.connect(self._show_no_match)
        self.replace = QCheckBox()
        self.replace.setObjectName("replaceNumber")
        self._replace_for: str | None = None  # the guardian `replace` was shown for
        self.replace.toggled.connect(lambda _: self._check())
        link_page = QWidget()
        link_layout = QVBoxLayout(link_page)
        link_layout.addWidget(self.search)
        link_layout.addWidget(self.guardian_table, 1)
        link_layout.addWidget(self.no_match)
        link_layout.addWidget(self.replace)

        # -- a new contact --------------------------------------------------------------
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstName")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastName")
        self.relationship = QLineEdit()
        self.relationship.setObjectName("relationship")
        self.relationship.setPlaceholderText(self.tr("Mother, grandfather…"))
        self.email = QLineEdit()
        self.email.setObjectName("email")
        self.email.setPlaceholderText(self.tr("optional"))
        self.new_family = QRadioButton(self.tr("A new family named"))
        self.new_family.setObjectName("newFamily")
        self.new_family.setChecked(True)
        self.existing_family = QRadioButton(self.tr("An existing family:"))
        self.existing_family.setObjectName("existingFamily")
        family_choice = QButtonGroup(self)
        family_choice.addButton(self.new_family)
        family_choice.addButton(self.existing_family)
        self.family_name = QLineEdit()
        self.family_name.setObjectName("familyName")
        self.family_name.setPlaceholderText(self.tr("their last name"))
        self.family_search = QLineEdit()
        self.family_search.setObjectName("familySearch")
        self.family_search.setPlaceholderText(self.tr("Search families…"))
        self.family_search.setAccessibleName(self.tr("Search families"))
        self._family_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self.family_search.textChanged.connect(lambda _: self._family_timer.start())
        self.families = RowTableModel["FamilyRow"](
            [
                Column(self.tr("Family"), lambda r: r.name),
                Column(self.tr("Guardians"), lambda r: str(r.guardians)),
            ],
            lambda offset, limit: directory.find_families(
                cache, self.family_search.text().strip(), offset, limit
            ),
            parent=self,
        )
        self._family_timer.timeout.connect(self.families.reload)
        self.family_table = table(self.families, "linkFamilies", 0, self.tr("Families"))
        self.family_table.selectionModel().selectionChanged.connect(lambda *_: self._check())
        for field in (self.first_name, self.last_name, self.family_name, self.email):
            field.textChanged.connect(lambda _: self._check())
        self.new_family.toggled.connect(lambda _: self._check())
        new_page = QWidget()
        form = QFormLayout(new_page)
        form.addRow(self.tr("&First name"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("&Relationship"), self.relationship)
        form.addRow(self.tr("&Email"), self.email)
        form.addRow(self.new_family, self.family_name)
        form.addRow(self.existing_family, self.family_search)
        form.addRow(self.family_table)

        self.tabs = QTabWidget()
        self.tabs.addTab(link_page, self.tr("&Link to a guardian"))
        self.tabs.addTab(new_page, self.tr("&New contact"))
        self.tabs.currentChanged.connect(lambda _: self._check())
        self.problem = QLabel()
        self.problem.setObjectName("linkProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(640, 520)
        self.guardians.reload()
        self.families.reload()
        self._check()

    def chosen_guardian(self) -> LinkCandidate | None:
        """The guardian selected to receive the number, if any."""
        rows = self.guardian_table.selectionModel().selectedRows()
        return self.guardians.row_at(rows[0].row()) if rows else None

    def chosen_family(self) -> FamilyRow | None:
        """The existing family selected for a new contact, if any."""
        rows = self.family_table.selectionModel().selectedRows()
        return self.families.row_at(rows[0].row()) if rows else None

    def submit(self) -> None:
        """Link or save as the open tab says; a refusal keeps the dialog and what is typed."""
        from desk.services import contacts

        try:
            if self.tabs.currentIndex() == LINK_TAB:
                guardian = self.chosen_guardian()
                if guardian is None:
                    return
                contacts.link_number(
                    self._cache, self._thread_id, guardian.id, replace=self.replace.isChecked()
                )
            else:
                family = self.chosen_family() if self.existing_family.isChecked() else None
                if self.existing_family.isChecked() and family is None:
                    return
                contacts.save_contact(
                    self._cache,
                    self._thread_id,
                    contacts.NewContact(
                        self.first_name.text().strip(),
                        self.last_name.text().strip(),
                        family_id=family.id if family else None,
                        family_name=self.family_name.text().strip(),
                        relationship=self.relationship.text().strip(),
                        email=self.email.text().strip() or None,
                    ),
                )
        except contacts.ContactRefused as refused:
            self.problem.setText(self.tr("Not saved: {reason}").format(reason=refused))
            self.problem.show()
            return
        self.accept()

    def _show_no_match(self) -> None:
        empty = self.guardians.rowCount() == 0
        self.no_match.setVisible(empty)
        if empty:
            self.no_match.setText(
                self.tr(
                    "No guardian matches “{search}”. Names match from three letters, "
                    "numbers by their digits."
                ).format(search=self.search.text().strip())
            )

    def _check(self) -> None:
        """Say what is missing, and allow OK only when the open tab is complete."""
        self.problem.hide()
        if self.tabs.currentIndex() == LINK_TAB:
            self.ok_button.setText(self.tr("Link number"))
            guardian = self.chosen_guardian()
            other = guardian.phone if guardian is not None else None
            if guardian is None or guardian.id != self._replace_for:
                self._replace_for = guardian.id if guardian else None
                self.replace.blockSignals(True)
                self.replace.setChecked(False)  # each guardian's number is replaced knowingly
                self.replace.blockSignals(False)
            self.replace.setVisible(bool(other))
            if guardian is not None and other:
                self.replace.setText(
                    self.tr("Replace {name}'s number {phone} with this one").format(
                        name=guardian.name, phone=national(other)
                    )
                )
            ready = guardian is not None and (not other or self.replace.isChecked())
        else:
            self.ok_button.setText(self.tr("Save contact"))
            existing = self.existing_family.isChecked()
            self.family_name.setEnabled(not existing)
            self.family_search.setEnabled(existing)
            self.family_table.setEnabled(existing)
            named = bool(self.first_name.text().strip() and self.last_name.text().strip())
            email = self.email.text().strip()
            bad_email = bool(email) and EMAIL.fullmatch(email) is None
            if bad_email:
                self.problem.setText(self.tr("That email address is not complete."))
                self.problem.show()
            ready = named and not bad_email and (not existing or self.chosen_family() is not None)
        self.ok_button.setEnabled(ready)


class UnknownNumberBar(QWidget):
    """Above the reply box of a number no record holds: says so, with Link number….

    Shown only to staff who may edit family contacts (`may_edit_contacts`). A bar
    rather than a header button: the header of a narrow thread has no room left.

    Signals:
        linked(): the number was linked or saved; the thread re-reads its title.
    """

    linked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unknownNumberBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.note = QLabel(
            self.tr(
                "No family or staff record has this number. Give it to a guardian or save "
                "it as a new contact; the conversation stays."
            )
        )
        self.note.setObjectName("cardLine")
        self.note.setWordWrap(True)
        self.button = QPushButton(self.tr("&Link number…"))
        self.button.setObjectName("linkNumber")
        self.button.setToolTip(
            self.tr("Give this number to a guardian, or save it as a new contact")
        )
        self.button.clicked.connect(self.open_dialog)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 14, 6)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        self._cache: Cache | None = None
        self._thread: InboxRow | None = None
        self.dialog: UnknownNumberDialog | None = None
        self.hide()

    def show_thread(self, cache: Cache, thread: InboxRow | None) -> None:
        """Show the button when `thread` is an unknown number's and the user may link it."""
        self._cache, self._thread = cache, thread
        if thread is None or thread.kind != "sms" or not thread.phone:
            self.hide()
            return
        from desk.services import contacts, directory

        me = directory.who_am_i(cache)
        self.setVisible(
            me is not None
            and may_edit_contacts(me.capabilities)
            and contacts.is_unknown_number(cache, thread.phone)
        )

    def open_dialog(self) -> None:
        """Open the link dialog for the thread shown."""
        if self._cache is None or self._thread is None or not self._thread.phone:
            return
        dialog = UnknownNumberDialog(self._cache, self._thread.id, self._thread.phone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.linked)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
