"""How a group conversation's people, times and transcript read, in the user's language.

The details pane and the transcript say the same things (a participant's role and
channel, when something happened), so both take their words from here. Times are
shown in the workstation's time zone and locale with the date, because a stop or a
receipt days ago must not read like one today.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from desk.core.kinds import PersonKind
from desk.core.transcript import Wording
from desk.core.wire import parse_utc
from desk.ui.shared.people_text import channel_label, role_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("Conversation", text)


def moment(wire_time: str | None) -> str:
    """A stored UTC time as the workstation shows date and time ("12/6/26 2:05 PM")."""
    if not wire_time:
        return ""
    seconds = parse_utc(wire_time).timestamp()
    local = QDateTime.fromMSecsSinceEpoch(round(seconds * 1000)).toLocalTime()
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def person_role(kind: str, role: str) -> str:
    """What someone is in a conversation: "Staff · Teacher", "Guardian · Mother", "Student"."""
    if kind == PersonKind.STAFF:
        return _tr("Staff") + (" · " + role_label(role) if role else "")
    if kind == PersonKind.STUDENT:
        return _tr("Student")
    if kind == PersonKind.GUARDIAN:
        detail = "" if role in ("", "guardian") else role
        if role == "pickup":
            detail = _tr("Authorized pickup")
        return _tr("Guardian") + (" · " + detail if detail else "")
    return kind


def channel_text(channel: str) -> str:
    """A preferred or delivery channel ("Text message"), "" for none."""
    return channel_label(channel) if channel else ""


def transcript_wording() -> Wording:
    """The transcript's words in the user's language and its times in their locale."""
    return Wording(
        heading=_tr("Conversation transcript"),
        made=_tr("Downloaded {time}"),
        participants=_tr("Participants ({count})"),
        messages=_tr("Messages ({count})"),
        stopped=_tr("Stopped by {name} on {time}; it took no replies after that."),
        seen_by=_tr("Seen by {readers}"),
        sent_as=_tr("sent as {channels}"),
        not_seen=_tr("Not seen yet"),
        no_messages=_tr("No messages."),
        when=moment,
        role=person_role,
        channel=channel_text,
    )
