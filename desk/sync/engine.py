"""The sync engine as a Qt object, so the UI can follow it through signals.

Blocking HTTP and SQLite work runs in worker threads (`asyncio.to_thread`) on the
qasync loop, so the GUI thread only ever receives finished results.

Signals:
    state_changed(SyncState): whenever the phase or progress changes.
    data_changed(): after rows were applied to the cache; views re-read.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, Signal

from desk.models.cache import Cache
from desk.sync.errors import Offline, SyncError, Unauthorized
from desk.sync.http import ServerApi
from desk.sync.pull import PullResult, pull
from desk.sync.state import Phase, SyncState


class SyncEngine(QObject):
    """Pulls the change feed into the cache and reports how it went."""

    state_changed = Signal(object)
    data_changed = Signal()

    def __init__(self, cache: Cache, api: ServerApi, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._api = api
        self._state = SyncState(Phase.IDLE)
        self._lock = asyncio.Lock()

    @property
    def state(self) -> SyncState:
        """The latest state."""
        return self._state

    async def sync_once(self) -> PullResult | None:
        """Pull everything new; returns None when sync failed (the state says why)."""
        async with self._lock:
            self._set(SyncState(Phase.SYNCING, "Syncing…"))
            try:
                result = await asyncio.to_thread(
                    pull, self._api, self._cache, progress=self._progress
                )
            except Unauthorized as error:
                self._set(SyncState(Phase.SIGNED_OUT, str(error)))
                return None
            except Offline as error:
                self._set(SyncState(Phase.OFFLINE, str(error)))
                return None
            except SyncError as error:
                self._set(SyncState(Phase.ERROR, str(error)))
                return None
            self._set(SyncState(Phase.ONLINE, "Up to date"))
            if result.rows:
                self.data_changed.emit()
            return result

    def _progress(self, rows: int, version: int) -> None:
        # Called from the worker thread; the queued signal reaches the GUI thread.
        self._set(SyncState(Phase.SYNCING, f"Syncing… {rows} changes", rows, version))

    def _set(self, state: SyncState) -> None:
        self._state = state
        self.state_changed.emit(state)
