"""Admin dialogs for the kiosk: enroll a new device, give a parent a new kiosk PIN.

Each shows a secret exactly once, as the server does: an enrollment code to type
into a new kiosk within 30 minutes, or a six-digit PIN to hand to a parent. Both
need the server there and then; offline they say so instead of pretending.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.pin_delivery import PinDelivery
from desk.core.wire import format_utc
from desk.i18n.errors import error_text
from desk.services.account import Connection
from desk.services.kiosk_admin import (
    EnrollmentCode,
    enrollment_code_used,
    issue_enrollment_code,
    reset_kiosk_pin,
)
from desk.ui.shared.formatting import local_time
from desk.ui.shared.operations import run_in_background

T = TypeVar("T")

USED_CHECK_MS = 4000
"""How often the Enroll a kiosk dialog asks whether its code was used, while open."""


class _SecretDialog(QDialog):
    """Asks the server for one secret on opening, then shows it large, with Copy."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.secret = QLabel(self.tr("Asking the server…"))
        self.secret.setObjectName("secret")
        self.secret.setAccessibleName(title)
        self.secret.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.secret.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.secret.setFont(font)
        self.secret.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.secret, self.note, buttons):
            layout.addWidget(widget)
        self._value = ""

    def ask(self, work: Callable[[], T], shown: Callable[[T], tuple[str, str]]) -> None:
        """Run `work` off the GUI thread; `shown` turns its answer into (secret, note).

        An empty secret means the server sent it elsewhere: "Sent" shows, no Copy.
        """

        def done(answer: T) -> None:
            self._value, note = shown(answer)
            self.secret.setText(self._value or self.tr("Sent"))
            self.note.setText(note)
            self.copy_button.setEnabled(bool(self._value))

        def failed(error: Exception) -> None:
            self.secret.setText("—")
            self.note.setText(error_text(error))

        run_in_background(self, work, done, failed)

    def value(self) -> str:
        """The secret shown, or "" while waiting, after a failure or when sent."""
        return self._value

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._value)


class EnrollKioskDialog(_SecretDialog):
    """Issue a one-time enrollment code for a new kiosk (admins only).

    Shows the server address the kiosk must be given beside the code, and asks the
    server every few seconds while open whether the code was used, so the admin at
    the door sees the code turn to "used" when the kiosk has enrolled.

    Signals:
        used_checked(bool): the server said whether the code was used.
    """

    used_checked = Signal(bool)

    def __init__(self, connection: Connection, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Enroll a kiosk"),
            self.tr(
                "Start “desk kiosk” on the tablet or PC at the door and type this code"
                " with the server address. The code works once."
            ),
            parent,
        )
        self.setObjectName("enrollKioskDialog")
        self._connection = connection
        self.used = False
        self.server = QLabel(
            self.tr("Server address for the kiosk: {url}").format(url=connection.base_url)
        )
        self.server.setObjectName("kioskServerAddress")
        self.server.setWordWrap(True)
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.server)
        self._watch = QTimer(self, interval=USED_CHECK_MS)
        self._watch.timeout.connect(self.check_used)
        self.ask(lambda: issue_enrollment_code(connection), self._shown)

    def _shown(self, code: EnrollmentCode) -> tuple[str, str]:
        until = local_time(format_utc(code.expires_at))
        self._watch.start()
        return code.code, self.tr("Valid until {time}.").format(time=until)

    def check_used(self) -> None:
        """Ask the server whether the kiosk has used the code yet (off the GUI thread)."""
        code = self.value()
        if not code or self.used:
            return
        run_in_background(
            self,
            lambda: enrollment_code_used(self._connection, code),
            self._used_answer,
            lambda _error: None,  # offline for a moment: the next check asks again
        )

    def _used_answer(self, used: bool) -> None:
        if used and not self.used:
            self.used = True
            self._watch.stop()
            font = QFont(self.secret.font())
            font.setStrikeOut(True)
            self.secret.setFont(font)
            self.secret.setEnabled(False)
            self.copy_button.setEnabled(False)
            self.note.setText(
                self.tr(
                    "Used: a kiosk has enrolled with this code, which no longer works."
                    " For another kiosk, open this dialog again for a new code."
                )
            )
        self.used_checked.emit(used)


class ResetKioskPinDialog(_SecretDialog):
    """Give a guardian or authorized pickup a new kiosk PIN (admins only).

    Shown here once, or sent by the server by text or email: then the office never
    sees it and the dialog says where it went.
    """

    def __init__(
        self,
        connection: Connection,
        guardian_id: str,
        name: str,
        parent: QWidget | None = None,
        send_by: PinDelivery = PinDelivery.SCREEN,
    ) -> None:
        intros = {
            PinDelivery.SCREEN: self.tr(
                "{name}'s new PIN for the sign-in kiosk. Their old PIN no longer works."
            ),
            PinDelivery.SMS: self.tr(
                "{name}'s new PIN for the sign-in kiosk goes by text to the number on file."
                " Their old PIN no longer works."
            ),
            PinDelivery.EMAIL: self.tr(
                "{name}'s new PIN for the sign-in kiosk goes by email to the address on file."
                " Their old PIN no longer works."
            ),
        }
        super().__init__(self.tr("New kiosk PIN"), intros[send_by].format(name=name), parent)
        self.setObjectName("resetKioskPinDialog")
        self.send_by = send_by
        self.ask(lambda: reset_kiosk_pin(connection, guardian_id, send_by), self._shown)

    def _shown(self, pin: str | None) -> tuple[str, str]:
        if pin is not None:
            return pin, self.tr("Hand it over now: Front Desk will not show it again.")
        if self.send_by is PinDelivery.SMS:
            return "", self.tr("The new PIN is on its way by text. Front Desk does not show it.")
        return "", self.tr("The new PIN is on its way by email. Front Desk does not show it.")
