"""How a group conversation's people, times and transcript read, in the user's language.

The details pane and the transcript say the same things (a participant's role and
channel, when something happened), so both take their words from here. Times are
shown in the workstation's time zone and locale with the date, because a stop or a
receipt days ago must not read like one today.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.core.kinds import PersonKind
from desk.core.transcript import Wording
from desk.ui.shared.formatting import date_and_time
from desk.ui.shared.people_text import channel_label, role_label


def moment(wire_time: str | None) -> str:
    """A stored UTC time as the workstation shows date and time ("12/6/2026, 2:05 PM")."""
    return date_and_time(wire_time)


def person_role(kind: str, role: str) -> str:
    """What someone is in a conversation: "Staff · Teacher", "Guardian · Mother", "Student"."""
    if kind == PersonKind.STAFF:
        return QCoreApplication.translate("Conversation", "Staff") + (
            " · " + role_label(role) if role else ""
        )
    if kind == PersonKind.STUDENT:
        return QCoreApplication.translate("Conversation", "Student")
    if kind == PersonKind.GUARDIAN:
        detail = "" if role in ("", "guardian") else role
        if role == "pickup":
            detail = QCoreApplication.translate("Conversation", "Authorized pickup")
        return QCoreApplication.translate("Conversation", "Guardian") + (
            " · " + detail if detail else ""
        )
    return kind


def channel_text(channel: str) -> str:
    """A preferred or delivery channel ("Text message"), "" for none."""
    return channel_label(channel) if channel else ""


def transcript_wording() -> Wording:
    """The transcript's words in the user's language and its times in their locale."""
    return Wording(
        heading=QCoreApplication.translate("Conversation", "Conversation transcript"),
        made=QCoreApplication.translate("Conversation", "Downloaded {time}"),
        participants=QCoreApplication.translate("Conversation", "Participants ({count})"),
        messages=QCoreApplication.translate("Conversation", "Messages ({count})"),
        stopped=QCoreApplication.translate(
            "Conversation", "Stopped by {name} on {time}; it took no replies after that."
        ),
        seen_by=QCoreApplication.translate("Conversation", "Seen by {readers}"),
        sent_as=QCoreApplication.translate("Conversation", "sent as {channels}"),
        not_seen=QCoreApplication.translate("Conversation", "Not seen yet"),
        no_messages=QCoreApplication.translate("Conversation", "No messages."),
        when=moment,
        role=person_role,
        channel=channel_text,
    )
