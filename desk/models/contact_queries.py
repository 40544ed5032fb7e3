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

from desk.models.search import people_match


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


@dataclass(frozen=True)
class LinkCandidate:
    """A guardian an unknown number could be given to, and the number they have now."""

    id: str
    name: str
    family_id: str
    family: str
    phone: str | None


def link_candidates(
    session: Session, search: str, offset: int = 0, limit: int = 100
) -> list[LinkCandidate]:
    """Guardians (not pickups) whose name, family, children or phone match `search`.

    The `people_search` index answers, as the family list's search does; an empty
    search lists the first guardians by name.
    """
    sql = (
        "SELECT g.id, g.first_name || ' ' || g.last_name, g.family_id, COALESCE(f.name, ''),"
        " g.phone FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id"
        " WHERE g.kind = 'guardian'"
    )
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if search.strip():
        match = people_match(search)
        if match is None:
            return []
        params["match"] = match
        sql += (
            " AND g.family_id IN (SELECT p.family_id FROM people_search"
            " JOIN person_index AS p ON p.rowid = people_search.rowid"
            " WHERE people_search MATCH :match)"
        )
    sql += (
        " ORDER BY g.first_name COLLATE NOCASE, g.last_name COLLATE NOCASE, g.id"
        " LIMIT :limit OFFSET :offset"
    )
    return [
        LinkCandidate(str(i), str(n), str(fid), str(f), None if p is None else str(p))
        for i, n, fid, f, p in session.execute(text(sql), params)
    ]


def number_held(session: Session, phone: str) -> bool:
    """Whether any guardian or staff record holds `phone` (else it is an unknown number)."""
    return (
        session.execute(
            text(
                "SELECT 1 FROM guardian WHERE phone = :p UNION ALL"
                " SELECT 1 FROM staff WHERE phone = :p LIMIT 1"
            ),
            {"p": phone},
        ).first()
        is not None
    )
