"""Each centre's VAPID key pair: made once, on first need, and kept.

Stored in the server-only `web_push_key` table, like the centre's kiosk PIN secret
in its private column: never synced, never in a page (only the public half is,
as the `applicationServerKey` a browser subscribes with), never logged
(`VapidKeys` leaves the private half out of its repr). Two server processes that
make a centre's first pair at once both try to insert it; the primary key keeps
one, and the loser reads the winner's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from desk.server.db import Database
from desk.server.orm import WebPushKey
from desk.server.providers.webpush import VapidKeys, new_vapid_keys


def centre_keys(database: Database, centre_id: str, now: datetime) -> VapidKeys:
    """The centre's VAPID keys, made now if it has none yet."""
    found = stored_keys(database, centre_id)
    if found is not None:
        return found
    keys = new_vapid_keys()
    try:
        with database.writing() as session:
            session.add(
                WebPushKey(
                    centre_id=centre_id,
                    public_key=keys.public_key,
                    private_key=keys.private_key,
                    created_at=now,
                )
            )
    except IntegrityError:
        pass  # another process made them first: theirs are the ones
    stored = stored_keys(database, centre_id)
    assert stored is not None, "a centre's VAPID keys vanished after being written"
    return stored


def stored_keys(database: Database, centre_id: str) -> VapidKeys | None:
    """The centre's VAPID keys, if it has any."""
    with database.reading() as session:
        row = session.get(WebPushKey, centre_id)
        return None if row is None else VapidKeys(row.public_key, row.private_key)
