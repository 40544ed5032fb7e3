"""A whole seeded centre: every table's rows, in foreign-key order, as lazy streams.

People, programs and thread plans are drawn up front (they are small and everything
else refers to them); messages, deliveries and receipts are generated only as the
sink consumes them, so a million messages never sit in memory.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desk.tools.seeding import devices, kiosk, messages, records
from desk.tools.seeding import vocabulary as vocab
from desk.tools.seeding.clock import Clock, unix_seconds
from desk.tools.seeding.conversations import ThreadPlan, plan_threads
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.people import People, build_people, people_rows
from desk.tools.seeding.programs import program_rows
from desk.tools.seeding.scale import Scale
from desk.tools.seeding.tables import (
    ATTACHMENT,
    ATTENDANCE_EVENT,
    AUDIT_EVENT,
    BACKGROUND_TASK_ERROR,
    CENTRE,
    CHANNEL_STATUS,
    DELIVERY,
    DEVICE,
    ENROLLMENT,
    KIOSK_DEVICE,
    KIOSK_MESSAGE,
    LOAD_ORDER,
    MESSAGE,
    PARTICIPANT,
    PROGRAM,
    RECEIPT,
    TEMPLATE,
    THREAD,
    Table,
)

TIMEZONE = "America/New_York"
SMS_MONTHLY_QUOTA = 1_000


def kiosk_secret(seed: int) -> bytes:
    """The centre's 32-byte kiosk PIN secret, drawn from the seed."""
    return random.Random(f"{seed}/kiosk-secret").randbytes(32)


def kiosk_salt(seed: int) -> str:
    """The centre's kiosk PIN verifier salt (hex), drawn from the seed."""
    return random.Random(f"{seed}/kiosk-salt").randbytes(16).hex()


@dataclass
class SeededCentre:
    """A generated centre, ready to be written table by table.

    Attributes:
        streams: `(table, rows)` in `LOAD_ORDER`; rows lack the sync header.
        texts_by_month: SMS segments by the month of their messages ("2026-12"),
            complete once the `delivery` stream has been written.
    """

    id: str
    number: int
    name: str
    people: People
    plans: list[ThreadPlan]
    streams: list[tuple[Table, Iterable[tuple[Any, ...]]]]
    texts_by_month: dict[str, int]


@dataclass(frozen=True)
class CentreSpec:
    """Everything a centre is drawn from: the same spec gives the same rows.

    Attributes:
        centre_number: makes ids unique among the centres of one database.
        scale: how many families, students, staff, threads and messages.
        seed: the random seed.
        now: the moment the data is as of: nothing happens after it.
        secrets: the staff password and admin PIN hashes.
        name: the centre's name; by default one drawn from the seed.
    """

    centre_number: int
    scale: Scale
    seed: int
    now: datetime
    secrets: StaffSecrets
    name: str | None = None


def generate_centre(spec: CentreSpec, clock: Clock) -> SeededCentre:
    """Draw the centre `spec` describes, with times in `clock`'s format."""
    centre_number, scale, seed, now = spec.centre_number, spec.scale, spec.seed, spec.now
    secrets = spec.secrets
    ids = IdSpace(centre_number)
    centre_id = ids.centre_id
    name = spec.name or random.Random(f"{seed}/name").choice(vocab.CENTRE_NAMES)
    seconds = unix_seconds(now)
    local = now.astimezone(ZoneInfo(TIMEZONE))
    today = local.date()
    utc_offset = int(local.utcoffset().total_seconds())  # type: ignore[union-attr]
    secret = kiosk_secret(seed)
    salt = kiosk_salt(seed)
    people = build_people(ids, scale, seed, today, secret)
    plans = plan_threads(people, ids, scale, seed, seconds, name, utc_offset)
    programs, enrollments = program_rows(people, ids, seed, today)
    texts_by_month: dict[str, int] = {}
    centre_row = CENTRE.row(
        id=centre_id,
        name=name,
        timezone=TIMEZONE,
        phone_region="US",
        sms_monthly_quota=SMS_MONTHLY_QUOTA,
        students_in_conversations=0,
        kiosk_pin_secret=secret.hex(),
        kiosk_pin_salt=salt,
    )
    streams: dict[Table, Iterable[tuple[Any, ...]]] = {
        CENTRE: [centre_row],
        **people_rows(people, ids, secrets.password_hash, secrets.admin_pin_hash, secret, salt),
        DEVICE: devices.device_rows(people, ids, seed, seconds, clock),
        CHANNEL_STATUS: devices.channel_status_rows(people, ids, seed, seconds, clock),
        PROGRAM: programs,
        ENROLLMENT: enrollments,
        KIOSK_DEVICE: kiosk.kiosk_device_rows(people, ids, seconds, clock),
        THREAD: messages.thread_rows(plans, clock),
        PARTICIPANT: messages.participant_rows(plans, clock),
        MESSAGE: messages.MessageStream(plans, ids, clock),
        ATTACHMENT: messages.attachment_rows(plans, ids),
        DELIVERY: messages.delivery_rows(plans, ids, clock, texts_by_month),
        RECEIPT: messages.receipt_rows(plans, ids, clock, seconds),
        KIOSK_MESSAGE: kiosk.kiosk_message_rows(people, ids, seed, seconds, clock),
        ATTENDANCE_EVENT: kiosk.attendance_rows(people, ids, seed, seconds, clock, TIMEZONE),
        TEMPLATE: records.template_rows(ids),
        AUDIT_EVENT: records.audit_rows(people, plans, ids, seed, seconds, clock),
        BACKGROUND_TASK_ERROR: records.background_error_rows(ids, seconds, clock),
    }
    return SeededCentre(
        id=centre_id,
        number=centre_number,
        name=name,
        people=people,
        plans=plans,
        streams=[(table, streams[table]) for table in LOAD_ORDER],
        texts_by_month=texts_by_month,
    )
