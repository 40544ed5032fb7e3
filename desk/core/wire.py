"""The wire form of values that JSON has no type for.

Times travel and are cached as fixed-width UTC text (`2026-11-23T09:04:00.000000Z`):
fixed width makes text order equal time order, so the client cache can sort and
compare them as plain strings, and SQLite needs no date functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_utc(value: datetime) -> str:
    """Fixed-width UTC text of an aware datetime.

    Raises:
        ValueError: for a naive datetime, whose zone would be a guess.
    """
    if value.tzinfo is None:
        raise ValueError("naive datetime cannot be sent: its time zone is unknown")
    return value.astimezone(UTC).strftime(TIME_FORMAT)


def parse_utc(text: str) -> datetime:
    """Aware UTC datetime from wire text (also accepts any ISO 8601 with an offset).

    Raises:
        ValueError: for text that is not an ISO 8601 time with a zone.
    """
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"time without a zone: {text!r}")
    return value.astimezone(UTC)


def format_date(value: date) -> str:
    """ISO date text."""
    return value.isoformat()
