"""Reads behind contact records on the conversation screens: fallback, delivery facts.

A record shows the channels that failed for a person (`channel_status`, seed 004);
a thread shows, per message and recipient, the channel it went out on, the language
it was sent in (or why untranslated, in `note`) and the failing channel it fell back
from. Both read indexed columns: `ix_channel_status_person_id`, and the thread's
messages then `ix_delivery_message_id`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class FailingChannel:
    """A channel that failed for a person: why, and since when."""

    channel: str
    reason: str
    since: str


def failing_channels(session: Session, person_kind: str, person_id: str) -> list[FailingChannel]:
    """The person's failing channels, by channel."""
    rows = session.execute(
        text(
            "SELECT channel, reason, changed_at FROM channel_status"
            " WHERE person_id = :id AND person_kind = :kind AND failing ORDER BY channel"
        ),
        {"id": person_id, "kind": person_kind},
    )
    return [FailingChannel(str(c), str(r), str(s)) for c, r, s in rows]


@dataclass(frozen=True)
class DeliveryFact:
    """How a message went out to one recipient.

    Attributes:
        language: the language of the text sent; "" until it is sent.
        note: why it went out untranslated, or another remark; "" for none.
        fallback_from: the preferred channel it replaced; "" when sent on it.
    """

    message_id: str
    recipient_kind: str
    recipient_id: str | None
    channel: str
    state: str
    language: str
    note: str
    fallback_from: str


def delivery_facts(
    session: Session, thread_id: str, limit: int = 500
) -> dict[str, list[DeliveryFact]]:
    """Deliveries of the thread's newest `limit` messages, by message."""
    rows = session.execute(
        text(
            "SELECT d.message_id, d.recipient_kind, d.recipient_id, d.channel, d.state,"
            " d.language, d.note, d.fallback_from"
            " FROM (SELECT id FROM message WHERE thread_id = :thread"
            "  ORDER BY created_at DESC, id DESC LIMIT :limit) AS m"
            " JOIN delivery AS d ON d.message_id = m.id"
            " ORDER BY d.message_id, d.updated_at, d.id"
        ),
        {"thread": thread_id, "limit": limit},
    )
    found: dict[str, list[DeliveryFact]] = {}
    for message_id, kind, recipient, channel, state, language, note, fallback in rows:
        fact = DeliveryFact(
            str(message_id),
            str(kind),
            None if recipient is None else str(recipient),
            str(channel),
            str(state),
            str(language),
            str(note),
            str(fallback),
        )
        found.setdefault(fact.message_id, []).append(fact)
    return found
