"""An office installation as the sync tests drive it (`make_client` in tests/sync)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk.core.ids import new_id
from desk.models.cache import Cache
from desk.sync.engine import SyncEngine
from desk.sync.http import ServerApi
from desk.sync.outbox import submit


@dataclass
class Client:
    """One office installation: its cache, its connection and its sync engine."""

    cache: Cache
    api: ServerApi
    engine: SyncEngine


MakeClient = Callable[..., Client]


def queue_reply(cache: Cache, thread_id: str, body: str, message_id: str | None = None) -> str:
    """Queue a reply as the office app does (effect + outbox); answer its message id."""
    message_id = message_id or new_id()
    submit(cache, "send_message", {"message_id": message_id, "thread_id": thread_id, "body": body})
    return message_id
