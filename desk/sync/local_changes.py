"""The cache's local changes as a Qt signal on the receiver's thread.

`Cache.on_local_change` calls its listeners on whichever thread committed the change
(a service may queue a command from a worker thread). The sync engine and the window
act on the GUI thread, so this object hops the news there through a queued
connection, and folds a burst of changes (a kiosk message to twenty guardians) into
one emission.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from desk.models.cache import Cache


class LocalChanges(QObject):
    """Emits `changed` on this object's thread after the user changed something here.

    The cache holds only a weak reference to it, and a listener whose object is gone
    removes itself, so it may simply be parented to whatever uses it.

    Signals:
        changed(): a local change (a queued command) was committed; once per burst.
    """

    changed = Signal()
    _posted = Signal()

    def __init__(self, cache: Cache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posting = threading.Event()
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        this = weakref.ref(self)
        stop: list[Callable[[], None]] = []

        def heard() -> None:
            relay = this()
            if relay is None or not shiboken6.isValid(relay):
                stop[0]()  # deleted: nothing left to tell
                return
            relay._post()

        stop.append(cache.on_local_change(heard))

    def _post(self) -> None:
        """Runs on the thread that committed."""
        if not self._posting.is_set():
            self._posting.set()
            self._posted.emit()

    @Slot()
    def _deliver(self) -> None:
        self._posting.clear()
        self.changed.emit()
