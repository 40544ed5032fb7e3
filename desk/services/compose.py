"""New Message's shared pieces (seed 000): channels, rooms, students, the text quota.

The dialog itself previews and sends through `desk.services.new_message`; this
module answers what it and the other pickers ask of the directory: which channels
and rooms a user may write in, the students they may pick (a page, or a whole
room for "select all in room"), and the monthly text allowance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desk.core.delivery import month_start
from desk.core.kinds import ThreadKind
from desk.core.user_errors import UserError
from desk.core.wire import format_utc
from desk.models import directory_queries as q
from desk.models.cache import Cache
from desk.services.directory import Me


class ComposeRefused(UserError):
    """A New Message that cannot be sent as it stands; the message says why."""


def channels_for(me: Me | None) -> list[ThreadKind]:
    """The channels this user may post a New Message in (seed 000).

    Office Chat reaches only admins with full messaging access, so only they may
    choose it; everyone else writes in Classroom Chat.
    """
    if me is not None and me.full_messaging:
        return [ThreadKind.OFFICE, ThreadKind.CLASSROOM]
    return [ThreadKind.CLASSROOM]


def _allowed_rooms(me: Me | None) -> frozenset[str] | None:
    """Rooms whose students this user may message; None for every room."""
    if me is not None and me.full_messaging:
        return None
    return me.room_ids if me is not None else frozenset()


def rooms_for(cache: Cache, me: Me | None) -> list[q.RoomRow]:
    """The rooms the picker offers: all of them, or the user's own."""
    with cache.session() as session:
        return q.list_rooms(session, _allowed_rooms(me))


def pick_students(
    cache: Cache,
    me: Me | None,
    search: str = "",
    room_id: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[q.StudentChoice]:
    """A page of students the user may message, by name, matching `search`."""
    with cache.session() as session:
        return q.student_choices(
            session,
            search,
            room_id=room_id,
            allowed_rooms=_allowed_rooms(me),
            limit=limit,
            offset=offset,
        )


def room_students(cache: Cache, me: Me | None, room_id: str) -> list[q.StudentChoice]:
    """Every student of a room ("select all in room"), however many pages they fill."""
    found: list[q.StudentChoice] = []
    page = 1000
    while True:
        chunk = pick_students(cache, me, room_id=room_id, offset=len(found), limit=page)
        found.extend(chunk)
        if len(chunk) < page:
            return found


@dataclass(frozen=True)
class SmsQuota:
    """The monthly text allowance (seed 000), in SMS segments, as this workstation knows it.

    `used` counts the segments of texts whose deliveries have synced; texts queued
    offline or not yet planned by the server are not in it. The server holds the authoritative
    count (`GET /api/v1/sms-quota`) and refuses a send past the quota.
    """

    limit: int
    used: int

    @property
    def remaining(self) -> int:
        """Segments left this month, never negative."""
        return max(0, self.limit - self.used)


def sms_quota(cache: Cache, now: datetime | None = None) -> SmsQuota:
    """The centre's monthly quota and its use so far this month."""
    with cache.session() as session:
        usage = q.sms_usage(session, format_utc(month_start(now or datetime.now(UTC))))
    return SmsQuota(usage.quota, usage.used)
