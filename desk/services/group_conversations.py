"""Group conversations people can run (seed 004, issue 13 items 2 and 3).

The details pane lists the participants with their role and channel; the dialogs
add and remove them within the 15-person limit (checked here with the server's own
rule before anything is queued, so the 16th is refused in the dialog); rename,
stop, mute and archive are per-conversation actions; seen-by shows who read each
message and when. Every write is a command in the outbox: it shows at once, works
offline, and the server applies it once and audits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desk.core.conversations import ParticipantRef, check_participants
from desk.core.ids import new_id
from desk.core.kinds import PersonKind, ThreadKind
from desk.core.user_errors import UserError
from desk.models import conversation_queries as q
from desk.models.cache import Cache
from desk.models.inbox import inbox_page
from desk.models.inbox_sql import InboxFilter, InboxRow
from desk.models.thread_view import principal_id
from desk.sync.outbox import Queued, submit

ParticipantRow = q.ParticipantRow
Seen = q.Seen
Stop = q.Stop


class ConversationRefused(UserError):
    """A change a conversation cannot take as it stands; the message says why."""


@dataclass(frozen=True)
class Person:
    """Someone to add to or remove from a conversation."""

    kind: PersonKind
    id: str

    def wire(self) -> dict[str, str]:
        """The command's form."""
        return {"kind": self.kind.value, "id": self.id}


def _students_enabled(cache: Cache) -> bool:
    rows = cache.read("SELECT students_in_conversations FROM centre LIMIT 1")
    return bool(rows[0][0]) if rows else False


def check_members(cache: Cache, people: Sequence[Person], *, me: str | None = None) -> str | None:
    """Why these people cannot make a conversation (with `me`), or None.

    The server's rule (`desk.core.conversations.check_participants`): up to 15 people,
    creator included; students only where the centre allows them.
    """
    refs = [ParticipantRef(p.kind, p.id) for p in people]
    try:
        check_participants(
            refs,
            students_enabled=_students_enabled(cache),
            creator=ParticipantRef(PersonKind.STAFF, me) if me else None,
        )
    except ValueError as refused:
        return str(refused)
    return None


def _submit(cache: Cache, name: str, args: dict[str, object]) -> Queued:
    try:
        return submit(cache, name, args)
    except ValueError as refused:  # the local effect checks the server's rules first
        raise ConversationRefused.from_error(refused) from refused


class GroupConversations:
    """Use cases of group conversations over one cache."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def _me(self) -> str | None:
        with self._cache.session() as session:
            return principal_id(session)

    # -- reading -------------------------------------------------------------------

    def participants(self, thread_id: str) -> list[ParticipantRow]:
        """Everyone in the conversation, with role and channel, staff first."""
        with self._cache.session() as session:
            return q.participants(session, thread_id)

    def seen_counts(self, thread_id: str, limit: int = 500) -> dict[str, int]:
        """How many have read each of the newest `limit` messages (shown under each)."""
        with self._cache.session() as session:
            return q.seen_counts(session, thread_id, limit)

    def seen_by_message(self, message_id: str) -> list[Seen]:
        """Who has read one message and when, in full (on demand, seed 004)."""
        with self._cache.session() as session:
            return q.seen_by_message(session, message_id)

    def seen_by(self, thread_id: str, limit: int = 500) -> dict[str, list[Seen]]:
        """Who has read each of the newest `limit` messages, and when (a transcript)."""
        with self._cache.session() as session:
            return q.seen_by(session, thread_id, limit)

    def stopped(self, thread_id: str) -> Stop | None:
        """Who stopped the conversation and when; None while it takes replies."""
        with self._cache.session() as session:
            return q.stopped(session, thread_id)

    def muted(self) -> set[str]:
        """The conversations the user muted: no counter and no notification for them."""
        me = self._me()
        if me is None:
            return set()
        with self._cache.session() as session:
            return q.muted_threads(session, me)

    def archived(self, after: InboxRow | None = None, limit: int = 100) -> list[InboxRow]:
        """A page of the conversations the user archived (the Archived view)."""
        with self._cache.session() as session:
            return inbox_page(
                session, InboxFilter((ThreadKind.GROUP.value,), archived=True), after, limit
            )

    def can_add(self, thread_id: str, people: Sequence[Person]) -> str | None:
        """Why these people cannot join the conversation, or None (before queuing)."""
        current = [
            Person(PersonKind(p.person_kind), p.person_id) for p in self.participants(thread_id)
        ]
        return check_members(self._cache, [*current, *people])

    # -- writing -------------------------------------------------------------------

    def create(self, title: str, people: Sequence[Person]) -> str:
        """Start a conversation of the user and `people`; answers its id.

        Raises:
            ConversationRefused: over the limit, no one else, a student where the
                centre does not allow them, or a blank title.
        """
        if reason := check_members(self._cache, people, me=self._me()):
            raise ConversationRefused(reason)
        thread_id = new_id()
        _submit(
            self._cache,
            "create_conversation",
            {"thread_id": thread_id, "title": title, "participants": [p.wire() for p in people]},
        )
        return thread_id

    def add(self, thread_id: str, people: Sequence[Person]) -> list[Queued]:
        """Add people, one command each; nothing is queued if any would break the limit.

        Raises:
            ConversationRefused: over the limit, or the conversation was stopped.
        """
        if reason := self.can_add(thread_id, people):
            raise ConversationRefused(reason)
        return [
            _submit(
                self._cache,
                "add_participant",
                {"thread_id": thread_id, "participant": person.wire()},
            )
            for person in dict.fromkeys(people)
        ]

    def remove(self, thread_id: str, person: Person) -> Queued:
        """Take someone out of the conversation (yourself: leave it)."""
        return _submit(
            self._cache,
            "remove_participant",
            {"thread_id": thread_id, "participant": person.wire()},
        )

    def rename(self, thread_id: str, title: str) -> Queued:
        """Rename the conversation for everyone."""
        return _submit(self._cache, "rename_conversation", {"thread_id": thread_id, "title": title})

    def stop(self, thread_id: str) -> Queued:
        """Make the conversation read-only for everyone, recording who and when."""
        return _submit(self._cache, "stop_conversation", {"thread_id": thread_id})

    def mute(self, thread_id: str, on: bool = True) -> Queued:
        """Silence the conversation for the user only (or let it speak again)."""
        return _submit(self._cache, "mute_conversation", {"thread_id": thread_id, "on": on})

    def archive(self, thread_id: str, on: bool = True) -> Queued:
        """Move the conversation to the user's Archived view (or back)."""
        return _submit(self._cache, "archive_conversation", {"thread_id": thread_id, "on": on})
