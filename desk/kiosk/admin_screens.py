"""The only ways out of the kiosk: an admin PIN, then a small settings page.

The admin PIN is checked offline against the argon2 hashes the kiosk feed caches
(`desk.services.kiosk.KioskDesk.verify_admin_pin`); the settings page sets the idle
timeout, signs the device out, or exits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.kiosk.keypad import Keypad
from desk.services.kiosk import MAX_IDLE_SECONDS, MIN_IDLE_SECONDS

IDLE_STEP = 5


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class AdminPinScreen(QWidget):
    """The keypad again, for a staff member's admin PIN.

    Signals:
        cancelled(): back to the PIN screen without checking anything.
    """

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPinScreen")
        title = QLabel(self.tr("Staff only: enter the admin PIN"))
        title.setObjectName("prompt")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keypad = Keypad()
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cancel_button = _button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def checking(self, busy: bool) -> None:
        """While the slow hash is checked, the keypad waits."""
        self.keypad.setEnabled(not busy)
        self.message.setText(self.tr("Checking…") if busy else "")

    def refuse(self, locked_for: float) -> None:
        """Say the admin PIN was wrong (or that the keypad is locked)."""
        self.keypad.setEnabled(True)
        self.message.setText(
            self.tr("Locked after too many wrong PINs; try again in {s} s.").format(
                s=int(locked_for + 0.999)
            )
            if locked_for > 0
            else self.tr("That is not an admin PIN.")
        )


class SettingsScreen(QWidget):
    """Kiosk settings, behind the admin PIN.

    Signals:
        idle_changed(int): the admin chose a new idle timeout, in seconds.
        exit_requested(): leave the kiosk.
        unenroll_requested(): sign this device out of the centre, then leave.
        back(): return to the PIN screen.
    """

    idle_changed = Signal(int)
    exit_requested = Signal()
    unenroll_requested = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self._idle = 0
        title = QLabel(self.tr("Kiosk settings"))
        title.setObjectName("prompt")
        self.idle_label = QLabel()
        self.less_button = _button("−")
        self.more_button = _button("+")
        self.less_button.setAccessibleName(self.tr("Shorter idle timeout"))
        self.more_button.setAccessibleName(self.tr("Longer idle timeout"))
        self.less_button.clicked.connect(lambda: self._step(-IDLE_STEP))
        self.more_button.clicked.connect(lambda: self._step(IDLE_STEP))
        idle = QHBoxLayout()
        idle.addWidget(self.idle_label, 1)
        idle.addWidget(self.less_button)
        idle.addWidget(self.more_button)
        self.pending = QLabel()
        self.pending.setObjectName("syncStatus")
        self.pending.setWordWrap(True)
        self.unenroll_button = _button(self.tr("Sign out this device"))
        self.unenroll_button.clicked.connect(self.unenroll_requested)
        self.exit_button = _button(self.tr("Exit kiosk"))
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button = _button(self.tr("Back to the kiosk"), "primary")
        self.back_button.clicked.connect(self.back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unenroll_button)
        buttons.addWidget(self.exit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(title)
        layout.addLayout(idle)
        layout.addWidget(self.pending)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_settings(self, idle_seconds: int, waiting: int) -> None:
        """Show the current timeout; signing out waits until nothing is left to send."""
        self._idle = idle_seconds
        self._show_idle()
        self.unenroll_button.setEnabled(waiting == 0)
        self.pending.setText(
            self.tr(
                "{n} sign-ins or acknowledgements are still waiting to be sent; "
                "this device can be signed out once they are."
            ).format(n=waiting)
            if waiting
            else ""
        )

    def _step(self, delta: int) -> None:
        self._idle = max(MIN_IDLE_SECONDS, min(MAX_IDLE_SECONDS, self._idle + delta))
        self._show_idle()
        self.idle_changed.emit(self._idle)

    def _show_idle(self) -> None:
        self.idle_label.setText(
            self.tr("Back to the PIN screen after {s} s without a touch").format(s=self._idle)
        )
