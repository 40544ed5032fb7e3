"""New Message (seed 000): pick students, preview who it reaches, queue it.

The dialog says before sending how many guardians, conversations and phones a
message reaches and who is left out and why. That preview comes from the same
`desk.core.fanout` and `desk.core.optin` functions the server sends with, over the
cached families, so the numbers shown are the numbers sent. Sending writes the
command and its optimistic effect to the outbox (`desk.sync.outbox.submit`): it
works offline and goes out exactly once when the network is back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from desk.core.delivery import month_start
from desk.core.fanout import (
    Exclusion,
    ExclusionReason,
    GuardianRef,
    guardians_for_students,
    parent_thread_count,
    shared_phone_labels,
    sms_reach,
)
from desk.core.kinds import ThreadKind
from desk.core.optin import can_text
from desk.core.sms import (
    EMERGENCY_SMS_LIMIT,
    texted_segment_counts,
)
from desk.core.wire import format_utc
from desk.models import directory_queries as q
from desk.models.cache import Cache
from desk.services.directory import Me
from desk.sync.outbox import Queued, submit

SEND_NEW_MESSAGE = "send_new_message"


class ComposeRefused(ValueError):
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


def students_in_room(cache: Cache, me: Me | None, room_id: str) -> list[str]:
    """The ids of every student of a room (`room_students`)."""
    return [s.id for s in room_students(cache, me, room_id)]


def find_students(cache: Cache, ids: Collection[str]) -> list[q.StudentChoice]:
    """Students by id, to name the ones picked without being listed (no longer cached: left out)."""
    if not ids:
        return []
    with cache.session() as session:
        return q.students_by_id(session, ids)


@dataclass(frozen=True)
class Preview:
    """Who a New Message reaches, shown before it is sent.

    Attributes:
        students: the chosen students still in the cache.
        guardians: every guardian it goes to (both households of a split family).
        conversations: how many parent threads it is posted in.
        texting: for an Emergency SMS, who is texted and who is not, and why.
        shared_opt_outs: for a guardian left out because another record sharing
            their number opted out, who that is (seed 001 FAQ).
        labels: the "For" label of the text to each phone in `phones` ("" for a
            phone nobody shares), as the server will label them.
    """

    students: list[q.StudentChoice]
    guardians: list[GuardianRef]
    conversations: int
    texting: list[GuardianRef]
    excluded: list[Exclusion]
    phones: list[str]
    shared_opt_outs: dict[str, list[str]]
    labels: list[str] = field(default_factory=list)

    def segments(self, body: str) -> int:
        """What an Emergency SMS of `body` costs of the monthly quota.

        That is the billable segments of each phone's labelled text, as the server
        counts them. The dialog asks on every key press, up to three times, over
        every phone of the selection (a room is 1,500 phones), so the distinct
        labels are counted together (`texted_segment_counts`) and the last
        body's answer is kept.
        """
        known = self._segments_of.get(body)
        if known is None:
            counts = texted_segment_counts(self._phones_per_label, body)
            known = sum(phones * counts[label] for label, phones in self._phones_per_label.items())
            self._segments_of.clear()
            self._segments_of[body] = known
        return known

    @cached_property
    def _phones_per_label(self) -> Counter[str]:
        """How many phones get each distinct label ("" for the unshared ones)."""
        return Counter(self.labels)

    @cached_property
    def _segments_of(self) -> dict[str, int]:
        """The last body asked about, with its answer."""
        return {}

    @property
    def families(self) -> int:
        """How many families the guardians belong to."""
        return len({g.family_id for g in self.guardians})


def preview(cache: Cache, student_ids: Collection[str]) -> Preview:
    """Fan the chosen students out to guardians, threads and phones, as the server will."""
    with cache.session() as session:
        students = q.students_by_id(session, student_ids)
        refs, contacts = q.fanout_refs(session, students)
        guardians = guardians_for_students(refs, contacts)
        holders, names = q.phone_holders_and_first_names(
            session, (g.phone for g in guardians if g.phone)
        )
    reach = sms_reach(guardians, {phone: can_text(found) for phone, found in holders.items()})
    labels = shared_phone_labels(reach, holders, names)
    shared = {
        e.guardian.id: [h.name for h in holders[e.guardian.phone] if not h.opted_in]
        for e in reach.excluded
        if e.reason is ExclusionReason.SHARED_NUMBER_OPTED_OUT and e.guardian.phone
    }
    return Preview(
        students=students,
        guardians=guardians,
        conversations=parent_thread_count(guardians),
        texting=reach.reached,
        excluded=reach.excluded,
        phones=reach.phones,
        shared_opt_outs=shared,
        labels=labels,
    )


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


@dataclass(frozen=True)
class NewMessage:
    """What the office wrote, as the dialog hands it over."""

    student_ids: tuple[str, ...]
    channel: ThreadKind
    body: str
    emergency_sms: bool = False
    show_at_kiosk: bool = False


@dataclass(frozen=True)
class Problems:
    """Why a New Message cannot be sent as it stands; empty when it can.

    Each flag is one reason the dialog explains next to the field concerned.
    """

    no_students: bool = False
    no_guardians: bool = False
    empty_body: bool = False
    too_long: bool = False  # an Emergency SMS over EMERGENCY_SMS_LIMIT characters
    channel_not_allowed: bool = False
    may_not_text: bool = False
    nobody_texted: bool = False  # an Emergency SMS every recipient is excluded from
    over_quota: bool = False

    def __bool__(self) -> bool:
        return any(vars(self).values())


def problems(message: NewMessage, seen: Preview, quota: SmsQuota, me: Me | None) -> Problems:
    """Everything that stops `message` from being sent, given its preview and quota."""
    emergency = message.emergency_sms
    return Problems(
        no_students=not message.student_ids,
        no_guardians=bool(message.student_ids) and not seen.guardians,
        empty_body=not message.body.strip(),
        too_long=emergency and len(message.body) > EMERGENCY_SMS_LIMIT,
        channel_not_allowed=message.channel not in channels_for(me),
        may_not_text=emergency and not (me is not None and me.may_text),
        nobody_texted=emergency and bool(seen.guardians) and not seen.phones,
        over_quota=emergency and seen.segments(message.body) > quota.remaining,
    )


def describe(found: Problems) -> str:
    """The first reason in plain words (for a refusal raised outside the dialog)."""
    reasons = {
        "no_students": "pick at least one student",
        "no_guardians": "the chosen students have no guardians to message",
        "empty_body": "the message is empty",
        "too_long": f"an emergency text is limited to {EMERGENCY_SMS_LIMIT} characters",
        "channel_not_allowed": "Office Chat is for admins with full messaging access",
        "may_not_text": "sending text messages needs the Mass Text permission",
        "nobody_texted": "none of the guardians can receive a text message",
        "over_quota": "this would pass the monthly text limit",
    }
    return next(text for name, text in reasons.items() if getattr(found, name))


def send_new_message(
    cache: Cache, message: NewMessage, me: Me | None, *, now: datetime | None = None
) -> Queued:
    """Check the message again and queue it; its threads appear in the inbox at once.

    Raises:
        ComposeRefused: when the message cannot go as it stands (nothing is queued).
    """
    seen = preview(cache, message.student_ids)
    found = problems(message, seen, sms_quota(cache, now), me)
    if found:
        raise ComposeRefused(describe(found))
    args = {
        "student_ids": [s.id for s in seen.students],
        "channel": message.channel.value,
        "body": message.body,
        "emergency_sms": message.emergency_sms,
        "show_at_kiosk": message.show_at_kiosk,
    }
    if message.show_at_kiosk:  # kiosk messages show in the order staff entered them
        args["entered_at"] = format_utc(now or datetime.now(UTC))
    try:
        return submit(cache, SEND_NEW_MESSAGE, args, now=now)
    except ValueError as error:  # a rule the local effect checks refused it
        raise ComposeRefused(str(error)) from error
