"""How a guardian or staff member is told of messages, edited on their record (seed 004).

The preferred channel and language, a clear refusal when the record cannot use the
channel (texts without a phone, email without an address), the channels that
failed and what the server uses instead, with Reset, and for a guardian the
split-family privacy flag (issue 13 items 4 and 7). Every change is a command in
the outbox, shown at once and followed by other workstations after their sync.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.kinds import Channel, PersonKind
from desk.core.permissions import may_edit_contacts
from desk.models.cache import Cache
from desk.services import contacts, settings
from desk.services.directory import Me
from desk.ui.shared.delivery_words import plain_reason
from desk.ui.shared.formatting import date_and_time
from desk.ui.shared.people_text import channel_label
from desk.ui.shared.widgets import ERROR_STYLE


@dataclass(frozen=True)
class Person:
    """The record whose preferences the box shows.

    Attributes:
        private_messaging: a guardian's split-family privacy; None for staff.
        messaged: False for an authorized pickup, whom no message is sent to.
    """

    kind: PersonKind
    id: str
    name: str
    phone: str | None
    email: str | None
    preferred_channel: str
    language: str
    private_messaging: bool | None = None
    messaged: bool = True


def since_text(wire_time: str) -> str:
    """A UTC time as a date and time of day in the workstation's zone and locale."""
    return date_and_time(wire_time)


class PreferencesBox(QWidget):
    """Preferred channel and language, fallback with Reset, and privacy, for one person.

    Signals:
        changed(): a change was queued; the record re-reads the cache.
    """

    changed = Signal()

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self._cache = cache
        self._person: Person | None = None
        self._may_edit = False
        self.title = QLabel(self.tr("HOW THEY ARE TOLD OF MESSAGES"))
        self.title.setObjectName("detailsHeading")
        self.channel = QComboBox()
        self.channel.setObjectName("preferredChannel")
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        for channel in (Channel.SMS, Channel.EMAIL, Channel.APP):
            self.channel.addItem(channel_label(channel), channel.value)
        self.channel.currentIndexChanged.connect(lambda _: self._edited())
        self.language = QLineEdit()
        self.language.setObjectName("preferredLanguage")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setPlaceholderText(self.tr("en, es, pt-BR…"))
        self.language.setMaxLength(16)
        self.language.setMaximumWidth(140)
        self.language.textEdited.connect(lambda _: self._edited())
        self.save_button = QPushButton(self.tr("&Save preferences"))
        self.save_button.setObjectName("savePreferences")
        self.save_button.clicked.connect(self.save)
        self.language.returnPressed.connect(self.save)  # does nothing until Save would
        self.problem = QLabel()
        self.problem.setObjectName("preferencesProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.fallback = QLabel()
        self.fallback.setObjectName("fallbackNote")
        self.fallback.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("&Reset"))
        self.reset_button.setObjectName("resetFallback")
        self.reset_button.setToolTip(self.tr("Use the preferred channel again"))
        self.reset_button.clicked.connect(self.reset)
        self.private = QCheckBox(self.tr("Keep their conversations private (split family)"))
        self.private.setObjectName("privateMessaging")
        self.private.setToolTip(
            self.tr(
                "This guardian's conversations are their own, not shared with the family's "
                "other guardians (administrators change this)"
            )
        )
        self.private.clicked.connect(self._set_private)
        self.hint = QLabel()
        self.hint.setObjectName("cardLine")
        self.hint.setWordWrap(True)

        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        # One row per choice: "Tell them by [SMS] in [English] [Save]" on one line
        # needed 420 px in Spanish, more than a record gets beside the list at 1024.
        form.addWidget(QLabel(self.tr("Tell them by")), 0, 0)
        form.addWidget(self.channel, 0, 1)
        form.addWidget(QLabel(self.tr("Language")), 1, 0)
        form.addWidget(self.language, 1, 1)
        form.addWidget(self.save_button, 1, 2)
        form.setColumnStretch(3, 1)
        fallback_row = QHBoxLayout()
        fallback_row.addWidget(self.fallback, 1)
        fallback_row.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        self._fallback_row = QWidget()
        self._fallback_row.setLayout(fallback_row)
        fallback_row.setContentsMargins(0, 0, 0, 0)
        self._form = QWidget()
        self._form.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self._form)
        layout.addWidget(self.problem)
        layout.addWidget(self._fallback_row)
        layout.addWidget(self.private)
        layout.addWidget(self.hint)
        self.show_person(None, None)

    @property
    def person(self) -> Person | None:
        """The person shown, if any."""
        return self._person

    def show_person(self, person: Person | None, me: Me | None) -> None:
        """Show `person`'s preferences as `me` may change them (None: nobody chosen).

        Showing the same person again (after a sync) keeps an edit not yet saved.
        """
        keep_edit = (
            person is not None
            and self._person is not None
            and person.id == self._person.id
            and self._unsaved()
        )
        self._person = person
        messaged = person is not None and person.messaged
        self._form.setVisible(messaged)
        self._may_edit = bool(person and me and messaged and self._may_change(person, me))
        if person is None or not messaged:
            self.hint.setText(
                self.tr("Pick a guardian to see how they are told of messages.")
                if person is None
                else self.tr("Authorized pickups are not sent messages.")
            )
            self.hint.show()
            for widget in (self.problem, self._fallback_row, self.private):
                widget.hide()
            return
        if not keep_edit:
            self.channel.blockSignals(True)
            found = self.channel.findData(person.preferred_channel)
            self.channel.setCurrentIndex(max(found, 0))
            self.channel.blockSignals(False)
            self.language.setText(person.language)
        self.channel.setEnabled(self._may_edit)
        self.language.setReadOnly(not self._may_edit)
        if person.kind is PersonKind.GUARDIAN:
            who = self.tr(
                "Only administrators and staff with messaging or Mass Text may change this."
            )
        else:
            who = self.tr("Only an administrator or {name} may change this.").format(
                name=person.name
            )
        self.hint.setText("" if self._may_edit else who)
        self.hint.setVisible(not self._may_edit)
        self._show_fallback(person, me)
        is_guardian = person.private_messaging is not None
        self.private.setVisible(is_guardian)
        self.private.setChecked(bool(person.private_messaging))
        self.private.setEnabled(is_guardian and me is not None and me.is_admin)
        self._edited()

    def save(self) -> None:
        """Queue the chosen channel and language; a refusal says why and keeps the edit."""
        person = self._person
        if not (person and self._may_edit and self._unsaved()) or self._channel_problem():
            return
        try:
            contacts.set_preferences(
                self._cache, person.kind, person.id, self._chosen(), self.language.text()
            )
        except contacts.ContactRefused as refused:
            self.problem.setText(self.tr("Not saved: {reason}").format(reason=refused))
            self.problem.show()
            return
        self._person = None  # nothing unsaved: the record shows it again as the cache has it
        self.changed.emit()

    def reset(self) -> None:
        """Seed 004's Reset: the next message goes out on the preferred channel again."""
        if self._person is None:
            return
        contacts.reset_fallback(self._cache, self._person.kind, self._person.id)
        self.changed.emit()

    def _set_private(self, on: bool) -> None:
        if self._person is None:
            return
        settings.set_private_messaging(self._cache, self._person.id, on)
        self.changed.emit()

    def _may_change(self, person: Person, me: Me) -> bool:
        """Family contacts: messaging managers; a staff record: admins, or its owner."""
        if person.kind is PersonKind.GUARDIAN:
            return may_edit_contacts(me.capabilities)
        return me.is_admin or me.id == person.id

    def _chosen(self) -> Channel:
        return Channel(str(self.channel.currentData()))

    def _unsaved(self) -> bool:
        person = self._person
        return person is not None and (
            self._chosen().value != person.preferred_channel
            or self.language.text().strip() != person.language
        )

    def _channel_problem(self) -> str:
        """Why the record cannot prefer the chosen channel, in the user's words ("" if it can)."""
        person = self._person
        if person is None:
            return ""
        channel = self._chosen()
        if contacts.channel_problem(channel, phone=person.phone, email=person.email) is None:
            return ""
        if channel is Channel.SMS:
            return self.tr("Texts need a phone number on this record.")
        return self.tr("Email needs an email address on this record.")

    def _edited(self) -> None:
        problem = self._channel_problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(self._may_edit and self._unsaved() and not problem)
        self.save_button.setVisible(self._may_edit)

    def _show_fallback(self, person: Person, me: Me | None) -> None:
        failing = contacts.failing(self._cache, person.kind, person.id)
        self._fallback_row.setVisible(bool(failing))
        if not failing:
            return
        nouns = {
            Channel.SMS: self.tr("Texts"),
            Channel.EMAIL: self.tr("Email"),
            Channel.APP: self.tr("App notifications"),
        }
        parts = [
            self.tr("{channel} failing since {when} ({reason})").format(
                channel=nouns.get(Channel(f.channel), f.channel),
                when=since_text(f.since),
                reason=plain_reason(f.reason),
            )
            for f in failing
        ]
        in_use = contacts.channel_in_use(
            Channel(person.preferred_channel), failing, phone=person.phone, email=person.email
        )
        using = {
            Channel.SMS: self.tr("using text messages"),
            Channel.EMAIL: self.tr("using email"),
            Channel.APP: self.tr("using the app"),
        }
        tail = using[in_use] if in_use is not None else self.tr("no other channel reaches them")
        self.fallback.setText("; ".join([*parts, tail]) + ".")
        may_reset = me is not None and (
            me.is_admin or (person.kind is PersonKind.STAFF and me.id == person.id)
        )
        self.reset_button.setEnabled(may_reset)
