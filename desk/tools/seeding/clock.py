"""Times as the text each database stores for a `UtcDateTime` column.

Seeded rows bypass SQLAlchemy, so they must carry exactly the text it would have
written: on SQLite `YYYY-MM-DD HH:MM:SS.ffffff`, naive, in UTC (what the SQLite
`DATETIME` type stores); on PostgreSQL the same with `+00:00`, so a `timestamptz`
column reads it as UTC whatever the session's time zone.

Formatting a `datetime` per row would cost more than writing the row, so times are
whole seconds since the Unix epoch and the text is put together from a cached
`YYYY-MM-DD ` per day and a table of the 86,400 times of day.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime

SECONDS_PER_DAY = 86_400


class Clock:
    """Formats Unix seconds for one backend.

    Args:
        suffix: text after the microseconds: "" for SQLite, "+00:00" for PostgreSQL.

    Attributes:
        tail: what follows the whole seconds: zero microseconds, then `suffix`.
    """

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self.tail = f".000000{suffix}"
        self._days: dict[int, str] = {}
        self._times_of_day = _times_of_day(self.tail)

    def text(self, seconds: int) -> str:
        """The stored text of a time given in Unix seconds."""
        day, second = divmod(seconds, SECONDS_PER_DAY)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = f"{date.fromordinal(_EPOCH_ORDINAL + day).isoformat()} "
        return prefix + self._times_of_day[second]


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@functools.cache
def _times_of_day(tail: str) -> tuple[str, ...]:
    """The text of each second of a day, made once per process.

    A seed makes a clock per centre and per sink, and making 86,400 strings each
    time took longer than seeding a small centre.
    """
    return tuple(
        f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}{tail}"
        for second in range(SECONDS_PER_DAY)
    )


def unix_seconds(moment: datetime) -> int:
    """Whole Unix seconds of an aware datetime.

    Raises:
        ValueError: for a naive datetime, whose meaning depends on the machine.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where a UTC time is required")
    return int(moment.astimezone(UTC).timestamp())


def date_text(day: date) -> str:
    """A `Date` column's text: ISO `YYYY-MM-DD` on both backends."""
    return day.isoformat()
