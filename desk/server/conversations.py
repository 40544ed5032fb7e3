"""Group conversation bookkeeping shared by commands and incoming replies (seed 004).

Who is in a conversation, and what a new message in it does to each member's own
unread counter: a group conversation's red counter is per staff member (the
`participant.unread_count` the feed carries), raised for everyone but the author
and anyone who muted it, so muting really silences. Joining or leaving changes
what a staff member may read, which restarts their feed like a room move.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desk.core.ids import derived_id
from desk.core.kinds import PersonKind, ThreadKind
from desk.core.permissions import Capability, parse_capabilities
from desk.server.orm import Participant, Staff, Thread

_MEMBERS = select(Participant).where(
    Participant.thread_id == bindparam("thread"), ~Participant.deleted
)


def participant_id(thread_id: str, kind: PersonKind | str, person_id: str) -> str:
    """A participant row's id: one row per person and conversation, rejoining included."""
    return derived_id(thread_id, str(kind), person_id)


def members(session: Session, thread_id: str) -> list[Participant]:
    """The current participants of a conversation, in a stable order."""
    found = list(session.scalars(_MEMBERS, {"thread": thread_id}))
    return sorted(found, key=lambda p: (p.person_kind, p.person_id))


def raise_unread(session: Session, thread: Thread, author_id: str | None) -> None:
    """Count a new message of a group conversation for its other members.

    Every unmuted staff participant but the author has one more unread message.
    """
    if thread.kind != ThreadKind.GROUP:
        return
    for member in members(session, thread.id):
        if (
            member.person_kind == PersonKind.STAFF
            and member.person_id != author_id
            and not member.muted
        ):
            member.unread_count += 1


def access_changed(session: Session, staff_id: str, now: datetime) -> None:
    """A staff member joined or left a conversation: their feed starts over.

    Staff with full messaging access read every conversation whatever their
    membership, so theirs does not.
    """
    staff = session.get(Staff, staff_id)
    if staff is None:
        return
    try:
        held = parse_capabilities(staff.capabilities)
    except ValueError:  # a capability this server does not know: restart to be safe
        held = frozenset()
    if Capability.FULL_MESSAGING not in held:
        staff.access_changed_at = now
