"""Thread status transitions: Unread, Open and Closed (seeds 001 and 004).

The office app changes a status optimistically and the server changes it again when
the command arrives, so both must run exactly this code. Every transition is total
(any event from any status has an answer) and moving to the status already held is a
no-op rather than an error, because two staff members closing the same thread at
once is ordinary, not a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from desk.core.kinds import ThreadKind, ThreadStatus
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError


class StatusEvent(StrEnum):
    """Something that happened to a thread and may move its status."""

    INCOMING = "incoming"  # a family, guardian or phone number sent a message
    VIEWED = "viewed"  # a staff member has the thread on screen
    CLOSE = "close"  # a staff member marked the thread complete
    REOPEN = "reopen"  # a staff member took a closed thread up again
    OUTGOING = "outgoing"  # a staff member replied


def on_incoming_message(current: ThreadStatus, *, being_viewed: bool) -> ThreadStatus:
    """The status after a message arrives from outside.

    The result does not depend on `current`: a new message needs attention whether
    the thread was Open or Closed, unless a staff member is looking at the thread
    right now and so sees the message arrive (seed 001), in which case it is Open.
    """
    return ThreadStatus.OPEN if being_viewed else ThreadStatus.UNREAD


def on_viewed(current: ThreadStatus) -> ThreadStatus:
    """The status after a staff member views the thread.

    Viewing reads the unread messages, but it does not undo a deliberate close.
    """
    return ThreadStatus.OPEN if current == ThreadStatus.UNREAD else current


def on_close(current: ThreadStatus) -> ThreadStatus:
    """The status after a staff member closes the thread: Closed, from anywhere.

    Closing an Unread thread is allowed: staff may close spam or a bare "thanks!"
    straight from the list without opening it.
    """
    return ThreadStatus.CLOSED


def on_reopen(current: ThreadStatus) -> ThreadStatus:
    """The status after a staff member reopens the thread.

    A closed thread becomes Open (the staff member reopening it has it in front of
    them). Reopening a thread that is not closed changes nothing; in particular it
    does not hide unread messages.
    """
    return ThreadStatus.OPEN if current == ThreadStatus.CLOSED else current


def on_outgoing_message(current: ThreadStatus) -> ThreadStatus:
    """The status after a staff member replies: Open, from anywhere.

    Replying means the staff member has read the thread, and a reply to a closed
    thread means the conversation is live again.
    """
    return ThreadStatus.OPEN


@dataclass(frozen=True)
class StatusChange:
    """The outcome of one event: what the status was and what it is now.

    The server appends a thread event and an audit entry only when `changed`.
    """

    before: ThreadStatus
    after: ThreadStatus

    @property
    def changed(self) -> bool:
        """Whether the event actually moved the status."""
        return self.before != self.after


def apply(event: StatusEvent, current: ThreadStatus, *, being_viewed: bool = False) -> StatusChange:
    """Apply one event to a status; the single entry point for client and server.

    Args:
        event: what happened.
        current: the thread's status before the event.
        being_viewed: whether a staff member has the thread on screen; only an
            incoming message looks at it.

    Returns:
        The status before and after, so callers can tell a no-op from a change.
    """
    match event:
        case StatusEvent.INCOMING:
            after = on_incoming_message(current, being_viewed=being_viewed)
        case StatusEvent.VIEWED:
            after = on_viewed(current)
        case StatusEvent.CLOSE:
            after = on_close(current)
        case StatusEvent.REOPEN:
            after = on_reopen(current)
        case StatusEvent.OUTGOING:
            after = on_outgoing_message(current)
        case _:
            assert_never(event)
    return StatusChange(before=current, after=after)


class ConversationStopped(UserError):
    """Raised when someone posts to a stopped group conversation.

    A stopped conversation stays readable but takes no new replies (seed 004); the
    server records the command as rejected and the client shows this message. It is
    a `ValueError` (a `UserError`) like every rule the outbox checks before queuing, so a service
    that refuses those refuses this too.
    """

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors", "this conversation has been stopped and no longer takes replies"
            )
        )


def ensure_can_post(*, stopped: bool) -> None:
    """Refuse a new message in a stopped conversation.

    Raises:
        ConversationStopped: if the conversation is stopped.
    """
    if stopped:
        raise ConversationStopped


@dataclass(frozen=True)
class Counters:
    """The two numbers on the Messenger icon (seed 001).

    Attributes:
        unread_messages: the red badge, how many messages nobody has seen yet.
        open_conversations: the grey badge, how many threads still need follow-up.
    """

    unread_messages: int
    open_conversations: int


def counters(statuses: Iterable[tuple[ThreadStatus, int]]) -> Counters:
    """Compute the badge counters from each thread's status and unread count.

    Only Unread threads contribute unread messages: viewing a thread reads it and
    closing one marks it done, so a stale count on an Open or Closed thread must not
    keep the red badge lit.

    Args:
        statuses: one `(status, unread_message_count)` pair per thread.

    Raises:
        ValueError: for a negative unread count, which can only be corrupt data.
    """
    unread = 0
    open_ = 0
    for status, unread_count in statuses:
        if unread_count < 0:
            raise ValueError(f"unread message count cannot be negative: {unread_count}")
        if status == ThreadStatus.UNREAD:
            unread += unread_count
        elif status == ThreadStatus.OPEN:
            open_ += 1
    return Counters(unread_messages=unread, open_conversations=open_)


@dataclass(frozen=True)
class Participation:
    """One staff member's own switches and counter in a group conversation."""

    muted: bool
    unread_count: int


def unread_for(
    kind: ThreadKind, status: ThreadStatus, unread_count: int, mine: Participation | None
) -> int:
    """A thread's unread messages on one staff member's red counter.

    The office's threads share one count, which only an Unread thread shows
    (`counters`, seed 001). A group conversation's count is each participant's own
    whatever its status: someone who muted it, or is not in it, has none (seed 004:
    muting really silences), while the conversation still syncs to them.

    Args:
        kind: the thread's kind.
        status: its status (Unread, Open, Closed).
        unread_count: its shared unread count.
        mine: the staff member's participation, if they take part.
    """
    if kind is ThreadKind.GROUP:
        return 0 if mine is None or mine.muted else mine.unread_count
    return unread_count if status is ThreadStatus.UNREAD else 0
