"""Beside the thread: the family's children where they are now, and how to reach everyone.

Staff answering a parent want to know whether the child is in the building and
which room, and how else to reach the family, without leaving the conversation
(seed 000 "Student details within Messaging"). Opt-in follows the shared-number
rule (seed 001): a guardian whose number another record opted out of shows as
opted out, naming who. A group conversation has no one family: the pane shows its
participants and actions instead (`desk.ui.inbox.group_panel`, handed in by the
inbox once the cache has loaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from desk.core.optin import can_text, opt_out_reason
from desk.i18n.errors import error_text
from desk.ui.shared.formatting import local_time
from desk.ui.shared.phone_display import national
from desk.ui.shared.widgets import pane_label

if TYPE_CHECKING:
    from desk.models.details import Contact, FamilyDetails, StudentNow


class DetailsPane(QScrollArea):
    """Students and contacts of the family of the open thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setAccessibleName(self.tr("Family details"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget()
        self._body.setObjectName("details")
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(14, 8, 14, 14)
        self._layout.setSpacing(8)
        self.setWidget(self._body)
        self.family_name = ""
        self._kept: QWidget | None = None  # a group conversation's panel, kept for reuse
        self.show_details(None)

    def _clear(self) -> None:
        """Take everything off the pane; the kept panel is only hidden."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is self._kept:
                widget.hide()
            elif widget is not None:
                widget.deleteLater()

    def show_group(self, panel: QWidget) -> None:
        """Show a group conversation's panel (its participants and actions).

        A panel already shown stays where it is: taken out and put back after its
        content changed, its wrapped labels would keep their old heights.
        """
        if panel is self._kept and self._layout.indexOf(panel) >= 0:
            return
        self._clear()
        self.family_name = ""
        self._kept = panel
        self.setAccessibleName(self.tr("Conversation details"))
        self._layout.addWidget(panel)
        panel.show()
        self._layout.addStretch(1)

    def show_details(self, details: FamilyDetails | None, phone: str | None = None) -> None:
        """Show a family, or for a thread with no family the bare phone number."""
        self._clear()
        self.setAccessibleName(self.tr("Family details"))
        if details is None:
            self.family_name = ""
            hint = (
                self.tr("Text messages with {phone}; no family record holds this number.").format(
                    phone=national(phone)
                )
                if phone
                else self.tr("Select a conversation to see the family.")
            )
            self._layout.addWidget(pane_label(hint, "emptyHint"))
            self._layout.addStretch(1)
            return
        self.family_name = details.name
        self._layout.addWidget(pane_label(self.tr("FAMILY"), "detailsHeading"))
        self._layout.addWidget(pane_label(details.name, "threadTitle"))
        self._layout.addWidget(pane_label(self.tr("STUDENTS"), "detailsHeading"))
        for student in details.students:
            self._layout.addWidget(self._student_card(student))
        if not details.students:
            self._layout.addWidget(pane_label(self.tr("No students"), "emptyHint"))
        self._layout.addWidget(pane_label(self.tr("GUARDIANS AND PICKUPS"), "detailsHeading"))
        for contact in details.contacts:
            self._layout.addWidget(self._contact_card(contact))
        self._layout.addStretch(1)

    def _card(self, accessible: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        card.setObjectName("detailsCard")
        card.setAccessibleName(accessible)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        return card, layout

    def _student_card(self, student: StudentNow) -> QFrame:
        card, layout = self._card(student.name)
        layout.addWidget(pane_label(student.name, "cardTitle"))
        if student.signed_in:
            where = self.tr("Signed in · {room} · since {time}").format(
                room=student.room or self.tr("no room"), time=local_time(student.since)
            )
            layout.addWidget(pane_label(where, "signedIn"))
        else:
            if student.since:
                where = self.tr("Signed out at {time}").format(time=local_time(student.since))
            else:
                where = self.tr("Not signed in")
            layout.addWidget(pane_label(where, "signedOut"))
            if student.room:
                layout.addWidget(
                    pane_label(self.tr("Room: {room}").format(room=student.room), "cardLine")
                )
        return card

    def _contact_card(self, contact: Contact) -> QFrame:
        card, layout = self._card(contact.name)
        role = contact.relationship or (
            self.tr("Authorized pickup") if contact.kind == "pickup" else self.tr("Guardian")
        )
        layout.addWidget(pane_label(contact.name, "cardTitle"))
        extra = self.tr(" · private conversations") if contact.private_messaging else ""
        layout.addWidget(pane_label(role + extra, "cardLine"))
        if contact.phone:
            layout.addWidget(pane_label("☎ " + national(contact.phone), "cardLine"))
        if contact.email:
            layout.addWidget(pane_label("✉ " + contact.email, "cardLine"))
        channel = {
            "sms": self.tr("Text message"),
            "email": self.tr("Email"),
            "app": self.tr("App"),
        }.get(contact.preferred_channel, contact.preferred_channel)
        layout.addWidget(
            pane_label(self.tr("Prefers: {channel}").format(channel=channel), "cardLine")
        )
        if contact.phone:
            if can_text(contact.holders):
                layout.addWidget(pane_label(self.tr("SMS: opted in"), "optedIn"))
            else:
                refusal = opt_out_reason(contact.holders)
                reason = error_text(refusal) if refusal else ""
                status = pane_label(self.tr("SMS: opted out"), "optedOut")
                status.setToolTip(reason)
                layout.addWidget(status)
                if len(contact.holders) > 1 or contact.sms_opt_in:
                    layout.addWidget(pane_label(reason, "cardLine"))
        return card
