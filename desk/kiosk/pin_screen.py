"""The screen the kiosk rests on: the centre's name, the time, and the PIN keypad."""

from __future__ import annotations

import math

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.kiosk.keypad import Keypad


class PinScreen(QWidget):
    """Where parents type their PIN; also shows why a PIN was refused.

    The keypad is disabled while the kiosk is locked after repeated wrong PINs, with
    a countdown of the time left.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinScreen")
        self.centre = QLabel()
        self.centre.setObjectName("centreName")
        # A long centre name in the kiosk's large type made the screen 1141 px wide, more
        # than a 1024-px tablet: it wraps instead.
        self.centre.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.prompt = QLabel(self.tr("Welcome! Please enter your PIN"))
        self.prompt.setObjectName("prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.keypad = Keypad()
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        top = QHBoxLayout()
        top.addWidget(self.centre, 1)
        top.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 16)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignRight)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.tick_clock)
        self._ticker.start()
        self.tick_clock()

    def tick_clock(self) -> None:
        """Show the current time and date in the kiosk's locale."""
        now = QDateTime.currentDateTime()
        locale = QLocale()
        # The date's pattern is a text to translate: "dddd d MMMM" reads "Sunday 6
        # December"; Spanish wants "dddd, d 'de' MMMM".
        day = locale.toString(now.date(), self.tr("dddd d MMMM"))
        self.clock.setText(f"{locale.toString(now.time(), QLocale.FormatType.ShortFormat)}\n{day}")

    def show_wrong(self, tries_left: int) -> None:
        """A wrong PIN, said plainly, with how many tries remain before the lock."""
        self.message.setText(
            self.tr("That PIN was not recognised. Please try again (1 try left).")
            if tries_left == 1
            else self.tr("That PIN was not recognised. Please try again ({n} tries left).").format(
                n=tries_left
            )
        )

    def show_locked(self, seconds: float) -> None:
        """Lock the keypad with a countdown; `seconds` 0 opens it again."""
        locked, was_locked = seconds > 0, not self.keypad.isEnabled()
        self.keypad.clear()
        self.keypad.setEnabled(not locked)
        if locked:
            self.message.setText(
                self.tr(
                    "Too many wrong PINs. The keypad is locked for {s} s. "
                    "Please ask at the office if you need help."
                ).format(s=math.ceil(seconds))
            )
        elif was_locked:
            self.message.setText("")

    def reset(self) -> None:
        """Back to an empty keypad and no message."""
        self.keypad.clear()
        self.message.setText("")
