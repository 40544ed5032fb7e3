"""Group conversation rules: who may take part, and titles (seed 004).

A conversation is reply-all among up to 15 people. The server checks membership on
create and on every add, the dialog checks it as chips are added, with the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from desk.core.kinds import PersonKind

MAX_PARTICIPANTS = 15
"""Most people in one conversation, its creator included (seed 004)."""

MAX_TITLE_LENGTH = 100

REPLY_WINDOW = timedelta(days=7)
"""How long a text answers a conversation (seed 004: guardians reply by text).

An incoming text from a phone is a reply to the group conversation whose message
last reached that phone by text, if that was within this window and the texter is
still one of its participants; any other text goes to the number's Messenger
Center thread, as always (seed 001).
"""


@dataclass(frozen=True)
class ParticipantRef:
    """A member of a conversation: a guardian, a staff member or a student."""

    kind: PersonKind
    id: str


class TooManyParticipants(ValueError):
    """Raised when a conversation would have more than `MAX_PARTICIPANTS` people."""


class TooFewParticipants(ValueError):
    """Raised when a conversation would have nobody besides its creator."""


class StudentsNotAllowed(ValueError):
    """Raised when students are added but the centre has not enabled that."""


class InvalidTitle(ValueError):
    """Raised for a conversation title that is blank or too long."""


def check_participants(
    participants: Sequence[ParticipantRef],
    *,
    students_enabled: bool,
    creator: ParticipantRef | None = None,
) -> None:
    """Check a conversation's membership before creating or growing it.

    The same person listed twice counts once, so picking a guardian from two
    children's families does not use two places.

    Args:
        participants: everyone in the conversation. The creator may be in the list
            or passed as `creator`; either way they count once towards the limit.
        students_enabled: whether the centre lets students take part.
        creator: the person starting the conversation, if not in `participants`.

    Raises:
        StudentsNotAllowed: if a student is included while students are disabled.
        TooFewParticipants: if there are fewer than two distinct people.
        TooManyParticipants: if there are more than `MAX_PARTICIPANTS`.
    """
    members = set(participants)
    if creator is not None:
        members.add(creator)
    if not students_enabled and any(m.kind == PersonKind.STUDENT for m in members):
        raise StudentsNotAllowed("students cannot be added to conversations at this centre")
    if len(members) < 2:
        raise TooFewParticipants("a conversation needs at least one other participant")
    if len(members) > MAX_PARTICIPANTS:
        raise TooManyParticipants(
            f"a conversation can include up to {MAX_PARTICIPANTS} people; "
            f"this one has {len(members)}"
        )


def validate_title(title: str) -> str:
    """The cleaned title for a new or renamed conversation.

    Runs of whitespace, line breaks included, become one space: a title is shown
    on a single line in the conversation list.

    Raises:
        InvalidTitle: if the cleaned title is empty or over `MAX_TITLE_LENGTH`.
    """
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidTitle("a conversation title cannot be blank")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise InvalidTitle(
            f"a conversation title can be up to {MAX_TITLE_LENGTH} characters; "
            f"this one has {len(cleaned)}"
        )
    return cleaned


def title_for_new_message(subject: str, body: str) -> str:
    """The title of a conversation a New Message starts: its subject, else its opening.

    A blind message to staff and a group New Message each start a conversation, and
    the list shows it by title; without a subject the first words of the message
    stand in, cut at a word with an ellipsis when too long.

    Raises:
        InvalidTitle: if both are blank.
    """
    cleaned = " ".join(subject.split()) or " ".join(body.split())
    if len(cleaned) > MAX_TITLE_LENGTH:
        cut = cleaned[: MAX_TITLE_LENGTH - 1]
        cleaned = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return validate_title(cleaned)
