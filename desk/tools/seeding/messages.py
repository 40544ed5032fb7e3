"""Rows of threads and of everything in them, streamed from the thread plans.

`message_rows` is the hot loop of the PostgreSQL load: a million messages must be
produced faster than COPY stores them, so it looks up precomputed columns of the
script set, formats a body only when its line names someone, and reuses each
thread's speaker tuples; no per-row `datetime`, `uuid4` or dict. SQLite computes
the same rows in SQL instead (`sinks/sqlite_messages.py`: Python cannot hand rows
to SQLite fast enough), so the two must change together; the tests hold them equal.
The other streams are sparse (attachments, the deliveries of text messages, the
seen-by of group conversations) and recompute the few messages they need from the
same plans.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from desk.core.ids import derived_id
from desk.core.kinds import Channel, MessageState, ThreadKind
from desk.core.sms import segment_count, texted_body
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.conversations import ThreadPlan
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.scripts import Side
from desk.tools.seeding.tables import ATTACHMENT, DELIVERY, MESSAGE, PARTICIPANT, RECEIPT, THREAD

FAIL_EVERY = 43
"""One outbound text in this many is refused by the carrier, so failures show."""
CARRIER_ERROR = "30003 Unreachable destination handset"
PREVIEW_LENGTH = 200
SEEN_BY_TAIL = 5
"""Seen-by receipts are written for this many newest messages of a group conversation."""


def message_id(ids: IdSpace, number: int) -> str:
    """The id of message number `number` of the centre."""
    return ids.make(MESSAGE, number)


def thread_rows(plans: list[ThreadPlan], clock: Clock) -> Iterator[tuple[object, ...]]:
    """One row per thread, its summary columns computed from its last messages."""
    for plan in plans:
        last_q, _, last_t = plan.position(plan.count - 1)
        author = plan.speaker(*plan.position(0)[:2])
        stop = plan.stop()
        yield THREAD.row(
            id=plan.id,
            kind=plan.kind.value,
            status=plan.status.value,
            family_id=plan.family_id,
            guardian_id=plan.guardian_id,
            room_id=plan.room_id,
            phone=plan.phone,
            title=plan.title,
            created_by=plan.creator or (author[2] if author[1] == "staff" else None),
            created_at=clock.text(plan.start),
            stopped=int(plan.stopped),
            last_message_at=clock.text(last_t),
            last_message_preview=plan.body(last_q)[:PREVIEW_LENGTH],
            message_count=plan.count,
            unread_count=plan.unread_count(),
            stopped_by=stop[0] if stop else None,
            stopped_at=clock.text(stop[1]) if stop else None,
        )


def participant_rows(plans: list[ThreadPlan], clock: Clock) -> Iterator[tuple[object, ...]]:
    """The members of group conversations, some of whom muted or archived it.

    Each row's id is the one the server and the client's effects look a member up by
    (`derived_id(thread, kind, person)`), so seeded conversations can be muted,
    archived and left like any other.
    """
    for plan in plans:
        for j, (kind, person_id) in enumerate(plan.participants):
            yield PARTICIPANT.row(
                id=derived_id(plan.id, str(kind), person_id),
                thread_id=plan.id,
                person_kind=kind.value,
                person_id=person_id,
                muted=int(j % 7 == 3),
                archived=int(plan.stopped and j % 2 == 1),
                joined_at=clock.text(plan.start),
                unread_count=0,
            )


def message_rows(
    plans: list[ThreadPlan], ids: IdSpace, clock: Clock
) -> Iterator[tuple[object, ...]]:
    """Every message of every thread, thread by thread, in `MESSAGE.columns` order."""
    prefix = ids.prefix(MESSAGE)
    time_text = clock.text
    sent = MessageState.SENT.value
    failed = MessageState.FAILED.value
    for plan in plans:
        lines = plan.lines
        texts, sides, has_fields = lines.texts, lines.sides, lines.has_fields
        emergency, kiosk = lines.emergency, lines.kiosk
        cast, thread_id = plan.cast, plan.id
        family, centre = plan.family_side, plan.centre_side
        is_sms = plan.kind == ThreadKind.SMS
        out_state = MessageState.DELIVERED.value if is_sms else sent
        subject = plan.title  # a group conversation's first message carries its title
        n = plan.first_number
        for q, k, t in plan.layout():
            state, error = sent, ""
            if sides[q] == Side.CENTRE:
                direction, author_kind, author_id, from_phone = centre[k % len(centre)]
                state = out_state
                if is_sms and n % FAIL_EVERY == 0:
                    state, error = failed, CARRIER_ERROR
            else:
                direction, author_kind, author_id, from_phone = family[k % len(family)]
            body = texts[q].format_map(cast) if has_fields[q] else texts[q]
            yield (
                f"{prefix}{n:012x}",
                thread_id,
                direction,
                author_kind,
                author_id,
                from_phone,
                subject,
                body,
                emergency[q],
                kiosk[q],
                state,
                error,
                time_text(t),
            )
            subject = ""
            n += 1


@dataclass(frozen=True)
class MessageStream:
    """The messages of a centre: rows when iterated, and the plans they come from.

    A sink that can compute the rows inside the database from the plans does so
    (`Sink.write_messages`); any other consumer just iterates.
    """

    plans: list[ThreadPlan]
    ids: IdSpace
    clock: Clock

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        return message_rows(self.plans, self.ids, self.clock)

    @property
    def count(self) -> int:
        """How many messages the plans hold, counted without generating them."""
        return sum(plan.count for plan in self.plans)


def attachment_rows(plans: list[ThreadPlan], ids: IdSpace) -> Iterator[tuple[object, ...]]:
    """The files attached to the messages whose script line comes with one."""
    n = 0
    for plan in plans:
        lines = plan.lines
        size = len(lines.texts)
        for position, attached in enumerate(lines.attachments):
            if attached is None:
                continue
            for i in range((position - plan.offset) % size, plan.count, size):
                yield ATTACHMENT.row(
                    id=ids.make(ATTACHMENT, n),
                    message_id=message_id(ids, plan.first_number + i),
                    filename=attached.filename,
                    mime_type=attached.mime_type,
                    size=attached.size,
                    # The same file sent twice is one blob in the store.
                    sha256=hashlib.sha256(attached.filename.encode()).hexdigest(),
                )
                n += 1


def delivery_rows(
    plans: list[ThreadPlan], ids: IdSpace, clock: Clock, texts: dict[str, int]
) -> Iterator[tuple[object, ...]]:
    """Deliveries: every outbound text, and the newest reply in each parent thread.

    As each text is handed over, its segments are added to `texts` under the month
    its message was written ("2026-12"): the centre's `sms_usage` rows, written
    once every delivery is.
    """
    n = 0
    for plan in plans:
        if plan.kind == ThreadKind.GROUP:
            continue
        outbound = _outbound(plan, every=plan.kind == ThreadKind.SMS)
        for number, q, t in outbound:
            for recipient in plan.recipients:
                failed = plan.kind == ThreadKind.SMS and number % FAIL_EVERY == 0
                by_text = recipient.channel == Channel.SMS
                if failed:
                    state = MessageState.FAILED
                elif recipient.channel == Channel.EMAIL:
                    state = MessageState.SENT  # e-mail reports no delivery
                else:
                    state = MessageState.DELIVERED
                segments = _texted_segments(recipient.for_label, plan.body(q)) if by_text else 1
                if by_text:
                    month = clock.text(t)[:7]
                    texts[month] = texts.get(month, 0) + segments
                yield DELIVERY.row(
                    id=ids.make(DELIVERY, n),
                    message_id=message_id(ids, number),
                    recipient_kind=recipient.kind,
                    recipient_id=recipient.id,
                    channel=recipient.channel.value,
                    address=recipient.address,
                    for_label=recipient.for_label,
                    state=state.value,
                    provider_ref=f"SM{ids.centre_number:08x}{n:024x}" if by_text else None,
                    error=CARRIER_ERROR if failed else "",
                    updated_at=clock.text(t + 4 + number % 37),
                    note="",
                    segments=segments,
                    language="en",
                    fallback_from="",
                )
                n += 1


def receipt_rows(
    plans: list[ThreadPlan], ids: IdSpace, clock: Clock, now: int
) -> Iterator[tuple[object, ...]]:
    """Seen-by for the newest messages of group conversations (seed 004)."""
    n = 0
    for plan in plans:
        if plan.kind != ThreadKind.GROUP:
            continue
        for i in range(max(0, plan.count - SEEN_BY_TAIL), plan.count):
            q, k, t = plan.position(i)
            number = plan.first_number + i
            author = plan.speaker(q, k)[2]
            for j, (kind, person_id) in enumerate(plan.participants):
                if person_id == author or (number + j) % 3 == 0:
                    continue
                yield RECEIPT.row(
                    id=ids.make(RECEIPT, n),
                    message_id=message_id(ids, number),
                    person_kind=kind.value,
                    person_id=person_id,
                    seen_at=clock.text(min(now, t + 53 * (j + 1))),
                )
                n += 1


def _outbound(plan: ThreadPlan, *, every: bool) -> list[tuple[int, int, int]]:
    """Number, script line and time of every outbound message, or of only the newest."""
    centre = Side.CENTRE
    if every:
        return [
            (plan.first_number + i, q, t)
            for i, (q, _, t) in enumerate(plan.layout())
            if plan.lines.sides[q] == centre
        ]
    for i in range(plan.count - 1, -1, -1):
        q, _, t = plan.position(i)
        if plan.lines.sides[q] == centre:
            return [(plan.first_number + i, q, t)]
    return []


@functools.lru_cache(maxsize=4096)
def _texted_segments(label: str, body: str) -> int:
    """Billable segments of a text as the server plans it.

    Script lines repeat, so each distinct label and body is counted once.
    """
    return segment_count(texted_body(label, body))
