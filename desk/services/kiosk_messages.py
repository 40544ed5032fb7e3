"""The office's side of kiosk messages (seed 000, "Show at Sign In-Out Kiosk").

Staff queue a message for one or many guardians; each guardian sees it at their
next PIN entry, after any queued before it. Until the guardian acknowledges it the
office can withdraw it, and once shown the office sees when it was shown and
acknowledged. Everything reads the cache and writes through the outbox, so queuing
works offline and each message is created exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from desk.core.ids import new_id
from desk.core.kinds import GuardianKind
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.core.wire import format_utc
from desk.models.cache import Cache
from desk.sync.outbox import submit

MAX_BODY = 2000
"""The server's limit on a kiosk message (`desk.server.commands.kiosk`)."""


class NoteState(StrEnum):
    """Where a kiosk message stands, for the office."""

    WAITING = "waiting"  # queued; the guardian has not entered their PIN since
    SHOWN = "shown"  # on screen, not yet acknowledged
    ACKNOWLEDGED = "acknowledged"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class KioskMessageRow:
    """One queued kiosk message with its guardian, for the office's list."""

    id: str
    guardian_id: str
    guardian_name: str
    family_name: str
    body: str
    entered_seq: int
    entered_at: str
    shown_at: str | None
    acknowledged_at: str | None
    cancelled: bool

    @property
    def state(self) -> NoteState:
        """Waiting, shown, acknowledged or cancelled."""
        if self.cancelled:
            return NoteState.CANCELLED
        if self.acknowledged_at:
            return NoteState.ACKNOWLEDGED
        return NoteState.SHOWN if self.shown_at else NoteState.WAITING

    @property
    def cancellable(self) -> bool:
        """The server refuses to cancel what the guardian has already read."""
        return self.state in (NoteState.WAITING, NoteState.SHOWN)


@dataclass(frozen=True)
class GuardianChoice:
    """A guardian the office can queue a kiosk message for."""

    id: str
    name: str
    family_name: str
    waiting: int  # kiosk messages already waiting for them


def validate_body(body: str) -> str:
    """The message text as it will be queued.

    Raises:
        ValueError: for an empty or over-long message.
    """
    text = body.strip()
    if not text:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "write the message first"))
    if len(text) > MAX_BODY:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "a kiosk message is at most {limit} characters"),
            limit=MAX_BODY,
        )
    return text


def queue_kiosk_messages(cache: Cache, guardian_ids: Iterable[str], body: str) -> list[str]:
    """Queue one kiosk message per guardian, in the order given; answers their ids.

    Raises:
        ValueError: for an empty or over-long message, no guardian, or a guardian the
            cache does not know or who is an authorized pickup (nothing is queued
            for any of them).
    """
    text = validate_body(body)
    chosen = list(dict.fromkeys(guardian_ids))
    if not chosen:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "choose at least one guardian"))
    marks = ", ".join("?" for _ in chosen)
    kinds = dict(cache.read(f"SELECT id, kind FROM guardian WHERE id IN ({marks})", *chosen))
    for guardian_id in chosen:
        if guardian_id not in kinds:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "guardian {id} is not in the local cache"),
                id=guardian_id,
            )
        if kinds[guardian_id] != GuardianKind.GUARDIAN:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "kiosk messages are for guardians, not authorized pickups"
                )
            )
    queued = []
    # When staff entered it, not when the server hears of it: a workstation offline
    # now sends it later, and the kiosk shows messages in entry order (seed 000).
    entered_at = format_utc(datetime.now(UTC))
    for guardian_id in chosen:
        message_id = new_id()
        submit(
            cache,
            "queue_kiosk_message",
            {
                "kiosk_message_id": message_id,
                "guardian_id": guardian_id,
                "body": text,
                "entered_at": entered_at,
            },
        )
        queued.append(message_id)
    return queued


def cancel_kiosk_message(cache: Cache, kiosk_message_id: str) -> None:
    """Withdraw a message the guardian has not acknowledged.

    Raises:
        ValueError: when it is unknown, already cancelled or already acknowledged.
    """
    rows = list_kiosk_messages(cache, message_id=kiosk_message_id, include_done=True)
    if not rows:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "that kiosk message is not in the local cache"))
    if not rows[0].cancellable:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "the guardian has already read this message"))
    submit(cache, "cancel_kiosk_message", {"kiosk_message_id": kiosk_message_id})


_SELECT = (
    "SELECT k.id, k.guardian_id, TRIM(COALESCE(g.first_name, '') || ' ' ||"
    " COALESCE(g.last_name, '')), COALESCE(f.name, ''), k.body, k.entered_seq, k.entered_at,"
    " k.shown_at, k.acknowledged_at, k.cancelled"
    " FROM kiosk_message AS k LEFT JOIN guardian AS g ON g.id = k.guardian_id"
    " LEFT JOIN family AS f ON f.id = g.family_id"
)


def list_kiosk_messages(
    cache: Cache,
    *,
    guardian_ids: Iterable[str] = (),
    include_done: bool = False,
    message_id: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[KioskMessageRow]:
    """Kiosk messages per guardian (by name), each guardian's in entry order.

    Args:
        cache: the office workstation's cache.
        guardian_ids: only these guardians' messages (all guardians when empty).
        include_done: also acknowledged and cancelled ones, for their times.
        message_id: only this message.
        limit: at most this many messages (one page).
        offset: messages to skip, for a later page.
    """
    where, params = [], []
    chosen = list(guardian_ids)
    if chosen:
        where.append(f"k.guardian_id IN ({', '.join('?' for _ in chosen)})")
        params.extend(chosen)
    if not include_done:
        where.append("NOT k.cancelled AND k.acknowledged_at IS NULL")
    if message_id is not None:
        where.append("k.id = ?")
        params.append(message_id)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = cache.read(
        f"{_SELECT}{clause} ORDER BY g.last_name, g.first_name, k.guardian_id, k.entered_at,"
        " k.entered_seq, k.id"
        " LIMIT ? OFFSET ?",
        *params,
        limit,
        offset,
    )
    return [
        KioskMessageRow(
            id=r[0],
            guardian_id=r[1],
            guardian_name=r[2],
            family_name=r[3],
            body=r[4],
            entered_seq=r[5],
            entered_at=r[6],
            shown_at=r[7],
            acknowledged_at=r[8],
            cancelled=bool(r[9]),
        )
        for r in rows
    ]


_CHOICES = (
    "SELECT g.id, TRIM(g.first_name || ' ' || g.last_name), COALESCE(f.name, ''),"
    " (SELECT COUNT(*) FROM kiosk_message AS k WHERE k.guardian_id = g.id"
    "  AND NOT k.cancelled AND k.acknowledged_at IS NULL)"
    " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id"
)


def guardian_choices(cache: Cache, text: str = "", limit: int = 200) -> list[GuardianChoice]:
    """Guardians (not pickups) whose name or family name contains `text`, by name."""
    like = f"%{text.strip()}%"
    rows = cache.read(
        f"{_CHOICES} WHERE g.kind = ? AND (g.first_name || ' ' || g.last_name LIKE ?"
        " OR f.name LIKE ?) ORDER BY g.last_name, g.first_name, g.id LIMIT ?",
        GuardianKind.GUARDIAN.value,
        like,
        like,
        limit,
    )
    return [GuardianChoice(*row) for row in rows]


def guardians_by_id(cache: Cache, guardian_ids: Iterable[str]) -> list[GuardianChoice]:
    """The given guardians (pickups left out), for a dialog opened from a family record."""
    chosen = list(dict.fromkeys(guardian_ids))
    if not chosen:
        return []
    marks = ", ".join("?" for _ in chosen)
    rows = cache.read(
        f"{_CHOICES} WHERE g.kind = ? AND g.id IN ({marks})",
        GuardianKind.GUARDIAN.value,
        *chosen,
    )
    order = {guardian_id: n for n, guardian_id in enumerate(chosen)}
    return sorted((GuardianChoice(*row) for row in rows), key=lambda c: order[c.id])
