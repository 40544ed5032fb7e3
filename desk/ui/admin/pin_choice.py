"""Ask before replacing a kiosk PIN, and how the new one should reach its holder.

Replacing a PIN locks the parent out of the kiosk until the new one reaches them,
so the admin confirms first (issue 15 item 6). The new PIN can be shown on this
screen for handing over, or sent by the server to the number or address on file;
only the ways the record allows are offered (`desk.core.pin_delivery`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.pin_delivery import PinDelivery, pin_deliveries
from desk.models.directory_queries import GuardianDetail
from desk.ui.shared.people_text import phone_text


class PinChoiceDialog(QDialog):
    """Asks "Replace Maria Diaz's kiosk PIN?" and offers Show, Send by text, Send by email."""

    def __init__(self, person: GuardianDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinChoiceDialog")
        self.setWindowTitle(self.tr("New kiosk PIN"))
        self.setMinimumWidth(420)
        self.question = QLabel(
            self.tr("Replace {name}'s kiosk PIN? Their old PIN stops working at once.").format(
                name=person.name
            )
        )
        self.question.setWordWrap(True)
        self.how = QLabel(self.tr("How should the new PIN reach them?"))
        self.ways = QButtonGroup(self)
        self.options: dict[PinDelivery, QRadioButton] = {}
        labels = {
            PinDelivery.SCREEN: self.tr("Show it on this screen, to hand over now"),
            PinDelivery.SMS: self.tr("Send it by text to {phone}").format(
                phone=phone_text(person.phone)
            ),
            PinDelivery.EMAIL: self.tr("Send it by email to {email}").format(email=person.email),
        }
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.how)
        for way in pin_deliveries(person.phone, person.email, person.sms_opt_in):
            option = QRadioButton(labels[way])
            option.setObjectName(f"pinBy_{way.value}")
            self.ways.addButton(option)
            self.options[way] = option
            layout.addWidget(option)
        self.options[PinDelivery.SCREEN].setChecked(True)
        self.note = QLabel(self._note(person))
        self.note.setWordWrap(True)
        self.note.setVisible(bool(self.note.text()))
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.replace_button = buttons.addButton(
            self.tr("&Replace PIN"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.replace_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def send_by(self) -> PinDelivery:
        """The way chosen."""
        for way, option in self.options.items():
            if option.isChecked():
                return way
        return PinDelivery.SCREEN

    def _note(self, person: GuardianDetail) -> str:
        """Why a way is missing, so the admin knows what to fix on the record."""
        if person.phone and not person.sms_opt_in:
            return self.tr("Not by text: this number has opted out of texts.")
        return ""
