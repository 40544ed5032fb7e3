"""How people's details read on the record pages, New Message and the audit log.

The cache stores closed vocabularies as their wire words ("sms", "pickup",
"unread_by_number"); staff should read them in their own language, so each goes
through `tr()` here, in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from desk.core.kinds import AuditAction, Channel, Direction, GuardianKind, MessageState, StaffRole
from desk.core.permissions import Capability
from desk.core.phones import InvalidPhoneNumber, format_national


def _tr(text: str) -> str:
    return QCoreApplication.translate("People", text)


def _label(labels: Mapping[str, str], word: str) -> str:
    """The label of a stored word, or the word itself for one this version does not know."""
    return labels.get(word, word)


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` (translated by the caller) with `{n}` filled in."""
    return (one if n == 1 else many).format(n=n)


@lru_cache(maxsize=8192)
def phone_text(e164: str | None) -> str:
    """A stored number as staff read it; text that is not a number is shown as it is.

    Cached: parsing a number costs ~50 µs and a table asks for each cell's text
    several times while it lays out and paints.
    """
    if not e164:
        return ""
    try:
        return format_national(e164)
    except InvalidPhoneNumber:
        return e164


def channel_label(channel: str) -> str:
    """A preferred channel (seed 004)."""
    return _label(
        {
            Channel.SMS: _tr("Text message"),
            Channel.EMAIL: _tr("Email"),
            Channel.APP: _tr("App"),
        },
        channel,
    )


def contact_kind_label(kind: str) -> str:
    """Guardian or authorized pickup."""
    return _label(
        {GuardianKind.GUARDIAN: _tr("Guardian"), GuardianKind.PICKUP: _tr("Pickup")}, kind
    )


def role_label(role: str) -> str:
    """A staff member's job."""
    return _label(
        {
            StaffRole.ADMIN: _tr("Admin"),
            StaffRole.OFFICE: _tr("Office"),
            StaffRole.TEACHER: _tr("Teacher"),
        },
        role,
    )


def capability_label(capability: str) -> str:
    """A permission as the seeds name it."""
    return _label(
        {
            Capability.FULL_MESSAGING: _tr("Full messaging access"),
            Capability.MASS_TEXT: _tr("Mass Text"),
            Capability.SMS_LOGS: _tr("SMS Logs"),
            Capability.ADMIN: _tr("Administration"),
            Capability.KIOSK_DEVICE: _tr("Kiosk device"),
        },
        capability,
    )


def direction_label(direction: str) -> str:
    """Sent by the centre or received from outside."""
    return _label({Direction.OUTBOUND: _tr("Sent"), Direction.INBOUND: _tr("Received")}, direction)


def message_state_label(state: str) -> str:
    """Where a message stands (delivered only from a provider's receipt)."""
    return _label(
        {
            MessageState.DRAFT: _tr("Draft"),
            MessageState.QUEUED: _tr("Queued"),
            MessageState.SENDING: _tr("Sending"),
            MessageState.SENT: _tr("Sent"),
            MessageState.DELIVERED: _tr("Delivered"),
            MessageState.FAILED: _tr("Failed"),
        },
        state,
    )


def audit_action_label(action: str) -> str:
    """An audit log action (seed 001 and our own)."""
    return _label(
        {
            AuditAction.SEND: _tr("Sent a message"),
            AuditAction.OPEN: _tr("Opened a conversation"),
            AuditAction.CLOSE: _tr("Closed a conversation"),
            AuditAction.REOPEN: _tr("Reopened a conversation"),
            AuditAction.MARKED_UNREAD_BY_NUMBER: _tr("Number made it Unread"),
            AuditAction.STOP: _tr("Stopped a conversation"),
            AuditAction.RENAME: _tr("Renamed a conversation"),
            AuditAction.LOGIN: _tr("Signed in"),
            AuditAction.LOGIN_FAILED: _tr("Failed sign-in"),
            AuditAction.KIOSK_ENROLLED: _tr("Enrolled a kiosk"),
            AuditAction.KIOSK_LOCKOUT: _tr("Kiosk locked out"),
            AuditAction.KIOSK_PIN_RESET: _tr("Reset a kiosk PIN"),
            AuditAction.KIOSK_REVOKED: _tr("Revoked a kiosk"),
            AuditAction.OPT_OUT: _tr("Opted out of texts"),
            AuditAction.OPT_IN: _tr("Opted in to texts"),
            AuditAction.CREATE_CONVERSATION: _tr("Started a group conversation"),
            AuditAction.ADD_PARTICIPANT: _tr("Added a participant"),
            AuditAction.REMOVE_PARTICIPANT: _tr("Removed a participant"),
            AuditAction.MUTE: _tr("Muted a conversation"),
            AuditAction.UNMUTE: _tr("Unmuted a conversation"),
            AuditAction.ARCHIVE: _tr("Archived a conversation"),
            AuditAction.UNARCHIVE: _tr("Unarchived a conversation"),
            AuditAction.REPLY_REFUSED: _tr("Refused a reply to a stopped conversation"),
            AuditAction.EMAIL_REFUSED: _tr("Refused an emailed reply"),
            AuditAction.PREFERENCES: _tr("Changed preferred channel or language"),
            AuditAction.RESET_FALLBACK: _tr("Reset a channel fallback"),
            AuditAction.LINK_NUMBER: _tr("Linked a number to a guardian"),
            AuditAction.SAVE_CONTACT: _tr("Saved a number as a new contact"),
            AuditAction.TEMPLATE_SAVED: _tr("Saved a template"),
            AuditAction.TEMPLATE_DELETED: _tr("Deleted a template"),
            AuditAction.CAPABILITIES: _tr("Changed staff permissions"),
            AuditAction.PRIVATE_MESSAGING: _tr("Changed split-family privacy"),
            AuditAction.CENTRE_SETTINGS: _tr("Changed centre settings"),
        },
        action,
    )
