"""The status bar's sync state and outbox count: honest about what has not gone out.

Staff must be able to tell at a glance whether what they send is leaving now or
waiting for the network, so the state (online, offline, syncing N of M, error
with its reason) and the number of commands waiting are always visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar

if TYPE_CHECKING:
    from desk.sync.state import SyncState


class SyncStatus:
    """Two permanent labels on a status bar: sync state and commands waiting."""

    def __init__(self, bar: QStatusBar) -> None:
        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("outboxCount")
        self.outbox_label.setAccessibleName(
            QCoreApplication.translate("SyncStatus", "Messages waiting to send")
        )
        self.sync_label = QLabel(QCoreApplication.translate("SyncStatus", "○ Starting…"))
        self.sync_label.setObjectName("syncState")
        self.sync_label.setAccessibleName(QCoreApplication.translate("SyncStatus", "Sync state"))
        bar.addPermanentWidget(self.outbox_label)
        bar.addPermanentWidget(self.sync_label)
        self.phase = ""

    def show_state(self, state: SyncState) -> None:
        """Show one `SyncState` from the engine."""
        phase = state.phase.value
        if phase == "online":
            text = "● " + QCoreApplication.translate("SyncStatus", "Online")
        elif phase == "syncing":
            if state.total:
                text = "↻ " + QCoreApplication.translate(
                    "SyncStatus", "Syncing {done} of {total}"
                ).format(done=f"{state.done:,}", total=f"{state.total:,}")
            else:
                text = "↻ " + QCoreApplication.translate("SyncStatus", "Syncing…")
        elif phase == "offline":
            text = "○ " + QCoreApplication.translate("SyncStatus", "Offline — {reason}").format(
                reason=state.detail or QCoreApplication.translate("SyncStatus", "no network")
            )
        elif phase == "signed_out":
            text = "⚠ " + QCoreApplication.translate("SyncStatus", "Signed out — {reason}").format(
                reason=state.detail
            )
        elif phase == "error":
            text = "⚠ " + QCoreApplication.translate("SyncStatus", "Sync error — {reason}").format(
                reason=state.detail
            )
        else:
            text = "○ " + QCoreApplication.translate("SyncStatus", "Not connected yet")
        self.phase = phase
        self.sync_label.setText(text)
        self.sync_label.setToolTip(state.detail)
        self.sync_label.setProperty("phase", phase)
        self.sync_label.style().unpolish(self.sync_label)
        self.sync_label.style().polish(self.sync_label)

    def show_outbox(self, waiting: int) -> None:
        """Show how many commands wait to go out ("" when none)."""
        self.outbox_label.setText(
            QCoreApplication.translate("SyncStatus", "{n} waiting to send").format(n=waiting)
            if waiting
            else ""
        )
