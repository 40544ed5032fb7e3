"""Builders of change-feed pages for the cache tests, in the wire format of DESIGN.md §4."""

from __future__ import annotations

from typing import Any

# Every sent column after id, version and deleted, with a default value.
DEFAULTS: dict[str, dict[str, Any]] = {
    "family": {"name": "Family", "notes": ""},
    "guardian": {
        "family_id": "f1",
        "kind": "guardian",
        "first_name": "Pat",
        "last_name": "Doe",
        "relationship": "parent",
        "phone": None,
        "email": None,
        "preferred_channel": "sms",
        "language": "en",
        "sms_opt_in": True,
        "private_messaging": False,
    },
    "student": {
        "family_id": "f1",
        "room_id": None,
        "first_name": "Sam",
        "last_name": "Doe",
        "birth_date": "2021-05-04",
    },
    "staff": {
        "first_name": "Alex",
        "last_name": "Teach",
        "username": "alex",
        "role": "teacher",
        "capabilities": "",
        "phone": None,
        "email": None,
        "preferred_channel": "app",
        "language": "en",
        "sms_opt_in": True,
        "active": True,
    },
    "thread": {
        "kind": "office",
        "status": "open",
        "family_id": None,
        "guardian_id": None,
        "room_id": None,
        "phone": None,
        "title": "",
        "created_by": None,
        "created_at": "2026-11-01T08:00:00.000000Z",
        "stopped": False,
        "last_message_at": None,
        "last_message_preview": "",
        "message_count": 0,
        "unread_count": 0,
        "stopped_by": None,
        "stopped_at": None,
    },
    "receipt": {
        "message_id": "m1",
        "person_kind": "staff",
        "person_id": "s1",
        "seen_at": "2026-11-01T08:00:00.000000Z",
    },
    "participant": {
        "thread_id": "t1",
        "person_kind": "staff",
        "person_id": "s1",
        "muted": False,
        "archived": False,
        "joined_at": "2026-11-01T08:00:00.000000Z",
        "unread_count": 0,
    },
    "message": {
        "thread_id": "t1",
        "direction": "out",
        "author_kind": "staff",
        "author_id": None,
        "from_phone": None,
        "subject": "",
        "body": "hello",
        "emergency_sms": False,
        "show_at_kiosk": False,
        "state": "sent",
        "error": "",
        "created_at": "2026-11-01T08:00:00.000000Z",
    },
}


def table(name: str, *rows: dict[str, Any], columns: list[str] | None = None) -> dict[str, Any]:
    """One table of a page; each row is `id`, `version`, optional `deleted` and overrides.

    Args:
        name: the table.
        rows: the rows, as dicts.
        columns: send only these columns (after id, version, deleted); all by default.
    """
    sent = list(DEFAULTS[name]) if columns is None else columns
    return {
        "name": name,
        "columns": ["id", "version", "deleted", *sent],
        "rows": [
            [
                row["id"],
                row["version"],
                row.get("deleted", False),
                *(row.get(c, DEFAULTS[name].get(c)) for c in sent),
            ]
            for row in rows
        ],
    }


def page(
    *tables: dict[str, Any], cursor: str = "1", version: int = 1, last_seq: int | None = None
) -> dict[str, Any]:
    """A whole page, as `GET /api/v1/changes` answers."""
    return {
        "cursor": cursor,
        "has_more": False,
        "version": version,
        "last_seq": last_seq,
        "tables": list(tables),
    }
