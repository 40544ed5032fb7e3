"""What a conversation's transcript says, read from the cache (seed 004 "download").

The facts come from the same reads the screen shows (messages, participants,
seen-by, deliveries, who stopped it), whole rather than the newest page, and go to
`desk.core.transcript.render_html`; the screen supplies the words and saves the
file. It reads the cache only, so a transcript can be made offline.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desk.core.kinds import Channel, Direction
from desk.core.phones import InvalidPhoneNumber, format_national
from desk.core.transcript import Entry, Facts, Member, Reading
from desk.core.wire import format_utc
from desk.models.cache import Cache
from desk.services.contacts import deliveries
from desk.services.conversations import Conversations
from desk.services.group_conversations import GroupConversations

MOST_MESSAGES = 100_000
"""Messages a transcript holds; a conversation never comes near it (seed 004)."""


def _phone(e164: str) -> str:
    try:
        return format_national(e164)
    except InvalidPhoneNumber:
        return e164


def facts(cache: Cache, thread_id: str, *, now: datetime | None = None) -> Facts | None:
    """The transcript of a conversation, or None when the cache does not hold it."""
    conversations = Conversations(cache)
    thread = conversations.thread(thread_id)
    if thread is None:
        return None
    groups = GroupConversations(cache)
    members = tuple(
        Member(p.person_kind, p.name, p.role, p.channel) for p in groups.participants(thread_id)
    )
    seen = groups.seen_by(thread_id, MOST_MESSAGES)
    sent = deliveries(cache, thread_id)
    entries = []
    for message in conversations.messages(thread_id, MOST_MESSAGES):
        texted_in = message.direction == Direction.INBOUND and message.from_phone
        sender = message.author or (_phone(message.from_phone) if message.from_phone else "")
        channels = dict.fromkeys(d.channel for d in sent.get(message.id, ()))
        entries.append(
            Entry(
                sender=sender,
                at=message.created_at,
                channel=Channel.SMS.value if texted_in else Channel.APP.value,
                sent_as=tuple(channels),
                body=message.body,
                readers=tuple(Reading(s.name, s.seen_at) for s in seen.get(message.id, ())),
            )
        )
    stop = groups.stopped(thread_id)
    return Facts(
        title=thread.name,
        members=members,
        entries=tuple(entries),
        stopped_by=stop.by_name if stop else None,
        stopped_at=stop.at if stop else None,
        made_at=format_utc(now or datetime.now(UTC)),
    )
