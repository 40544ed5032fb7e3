"""The sign-in/out kiosk's data: enrolled kiosks, queued parent messages, today's attendance.

Kiosk messages show at the parent's next PIN entry in the order the office entered
them (seed 000), so `entered_seq` rises with `entered_at` across the centre, and
one guardian (the demo's) has several waiting. Attendance is the day in progress:
children signed in this morning and, once the afternoon is under way, some signed
out, all in the centre's time zone.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk.core.kinds import AttendanceKind, StaffRole
from desk.tools.seeding import vocabulary as vocab
from desk.tools.seeding.clock import Clock, unix_seconds
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.people import KIOSK_FAMILY, Guardian, People
from desk.tools.seeding.scripts import KIOSK_NOTES
from desk.tools.seeding.tables import ATTENDANCE_EVENT, KIOSK_DEVICE, KIOSK_MESSAGE

_HOUR, _DAY = 3_600, 86_400
FEATURED_QUEUE = 3
"""Messages waiting for the demo's kiosk guardian."""


def kiosk_count(people: People) -> int:
    """Enrolled kiosks: two doors, a third once the centre is large."""
    return 2 if sum(1 for _ in people.students()) <= 500 else 3


def kiosk_device_rows(
    people: People, ids: IdSpace, now: int, clock: Clock
) -> list[tuple[object, ...]]:
    """The centre's enrolled kiosks, enrolled by the first admin."""
    admin = people.by_role(StaffRole.ADMIN)[0]
    return [
        KIOSK_DEVICE.row(
            id=ids.make(KIOSK_DEVICE, n),
            name=vocab.KIOSK_NAMES[n],
            enrolled_by=admin.id,
            enrolled_at=clock.text(now - (200 - 40 * n) * _DAY),
            revoked=0,
            last_seen_at=None,  # a seeded kiosk has not called this server yet
        )
        for n in range(kiosk_count(people))
    ]


def kiosk_message_rows(
    people: People, ids: IdSpace, seed: int, now: int, clock: Clock
) -> list[tuple[object, ...]]:
    """Queued, shown and cancelled kiosk messages, numbered in the order entered."""
    rng = random.Random(f"{seed}/kiosk")
    office = people.by_role(StaffRole.ADMIN, StaffRole.OFFICE)
    featured = people.families[KIOSK_FAMILY].guardians[0]
    entries: list[tuple[int, Guardian, str, int | None, bool]] = []
    # (entered at, guardian, child's name, shown at, cancelled)
    for family in people.families:
        child = family.students[0].first_name
        for guardian in family.guardians:
            if guardian is featured:
                waiting = FEATURED_QUEUE
            else:
                draw = rng.random()
                waiting = 1 if draw < 0.06 else 0
                if 0.06 <= draw < 0.16:  # an earlier one the parent already read
                    entered = now - rng.randrange(2 * _DAY, 60 * _DAY)
                    entries.append((entered, guardian, child, entered + 9 * _HOUR, False))
                elif draw > 0.99:  # the office changed its mind
                    entries.append((now - rng.randrange(_DAY), guardian, child, None, True))
            for n in range(waiting):
                entered = now - rng.randrange(_HOUR, 3 * _DAY) - n * _DAY
                entries.append((entered, guardian, child, None, False))
    entries.sort(key=lambda entry: (entry[0], entry[1].id))
    rows = []
    for seq, (entered, guardian, child, shown, cancelled) in enumerate(entries, start=1):
        shown_text = None if shown is None else clock.text(min(now, shown))
        rows.append(
            KIOSK_MESSAGE.row(
                id=ids.make(KIOSK_MESSAGE, seq - 1),
                guardian_id=guardian.id,
                body=rng.choice(KIOSK_NOTES).format(child=child),
                entered_by=rng.choice(office).id,
                entered_at=clock.text(entered),
                entered_seq=seq,
                shown_at=shown_text,
                acknowledged_at=shown_text,
                cancelled=int(cancelled),
                thread_id=None,  # queued from the Kiosk messages page
            )
        )
    return rows


def attendance_day(now: datetime, zone: ZoneInfo) -> datetime:
    """Midnight, in the centre's zone, of the day whose drop-off is under way or over.

    Before 9:30 in the morning there is too little of today to show, so it is the
    previous day (sign-ins and sign-outs both in the past).
    """
    local = now.astimezone(zone)
    day = local.date() if local.time() >= time(9, 30) else local.date() - timedelta(days=1)
    return datetime.combine(day, time(0), zone)


def attendance_rows(
    people: People, ids: IdSpace, seed: int, now: int, clock: Clock, timezone: str
) -> list[tuple[object, ...]]:
    """Sign-ins from 7:00 to 9:30 and sign-outs from 15:00 to 18:15, none in the future."""
    rng = random.Random(f"{seed}/attendance")
    midnight = unix_seconds(attendance_day(datetime.fromtimestamp(now, UTC), ZoneInfo(timezone)))
    kiosks = [ids.make(KIOSK_DEVICE, n) for n in range(kiosk_count(people))]
    events = []  # (at, student, guardian id, kind, kiosk, note)
    for family in people.families:
        adults = [*family.guardians, *family.pickups]
        for student in family.students:
            if rng.random() < 0.12:  # absent today
                continue
            arrived = midnight + rng.randrange(7 * _HOUR, 9 * _HOUR + 1800)
            bringer = rng.choice(family.guardians)
            note = rng.choice(vocab.SIGN_IN_NOTES)
            events.append((arrived, student, bringer.id, AttendanceKind.SIGN_IN, note))
            left = midnight + rng.randrange(15 * _HOUR, 18 * _HOUR + 900)
            if left <= now:
                collector = rng.choice([a for a in adults if student.id in a.student_ids])
                events.append((left, student, collector.id, AttendanceKind.SIGN_OUT, ""))
    events.sort(key=lambda event: (event[0], event[1].id))
    return [
        ATTENDANCE_EVENT.row(
            id=ids.make(ATTENDANCE_EVENT, n),
            student_id=student.id,
            guardian_id=guardian_id,
            room_id=student.room_id,
            kind=kind.value,
            at=clock.text(at),
            device_id=kiosks[n % len(kiosks)],
            note=note,
        )
        for n, (at, student, guardian_id, kind, note) in enumerate(events)
    ]
