"""The sync state the status bar shows: online, offline, syncing N of M, or an error."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    """Where sync stands."""

    IDLE = "idle"  # not signed in or not started
    SYNCING = "syncing"
    ONLINE = "online"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"  # the server refused the token: sign in again
    ERROR = "error"


@dataclass(frozen=True)
class SyncState:
    """A snapshot of sync for display; `detail` is a sentence for people."""

    phase: Phase
    detail: str = ""
    done: int = 0
    total: int = 0
