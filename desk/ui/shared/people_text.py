"""How people's details read on the record pages, New Message and the audit log.

The cache stores closed vocabularies as their wire words ("sms", "pickup",
"unread_by_number"); staff should read them in their own language, so each goes
through `tr()` here, in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from desk.core.kinds import AuditAction, Channel, Direction, GuardianKind, MessageState, StaffRole
from desk.core.permissions import Capability
from desk.ui.shared.phone_display import national


def _label(labels: Mapping[str, str], word: str) -> str:
    """The label of a stored word, or the word itself for one this version does not know."""
    return labels.get(word, word)


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` (translated by the caller) with `{n}` filled in."""
    return (one if n == 1 else many).format(n=n)


def family_label(name: str, children: str) -> str:
    """A family on one line, its children's first names after its name.

    Five "Bianchi" families in one centre read the same by name alone (issue 15
    item 6): the record's title and New Message's chips say "Bianchi — Chloe, Emma".
    """
    if not children:
        return name
    return QCoreApplication.translate("People", "{family} — {children}").format(
        family=name, children=children
    )


def phone_text(e164: str | None) -> str:
    """A stored number as staff read it, as every screen shows numbers (`phone_display`)."""
    return national(e164)


def channel_label(channel: str) -> str:
    """A preferred channel (seed 004)."""
    return _label(
        {
            Channel.SMS: QCoreApplication.translate("People", "Text message"),
            Channel.EMAIL: QCoreApplication.translate("People", "Email"),
            Channel.APP: QCoreApplication.translate("People", "App"),
        },
        channel,
    )


def contact_kind_label(kind: str) -> str:
    """Guardian or authorized pickup."""
    return _label(
        {
            GuardianKind.GUARDIAN: QCoreApplication.translate("People", "Guardian"),
            GuardianKind.PICKUP: QCoreApplication.translate("People", "Pickup"),
        },
        kind,
    )


def person_kind_label(kind: str) -> str:
    """What a search hit from the people index is (`desk.models.search.PersonHit.kind`)."""
    return _label(
        {
            "family": QCoreApplication.translate("People", "Family"),
            "guardian": QCoreApplication.translate("People", "Guardian"),
            "student": QCoreApplication.translate("People", "Student"),
            "staff": QCoreApplication.translate("People", "Staff"),
        },
        kind,
    )


def role_label(role: str) -> str:
    """A staff member's job."""
    return _label(
        {
            StaffRole.ADMIN: QCoreApplication.translate("People", "Admin"),
            StaffRole.OFFICE: QCoreApplication.translate("People", "Office"),
            StaffRole.TEACHER: QCoreApplication.translate("People", "Teacher"),
        },
        role,
    )


def capability_label(capability: str) -> str:
    """A permission as the seeds name it."""
    return _label(
        {
            Capability.FULL_MESSAGING: QCoreApplication.translate(
                "People", "Full messaging access"
            ),
            Capability.MASS_TEXT: QCoreApplication.translate("People", "Mass Text"),
            Capability.SMS_LOGS: QCoreApplication.translate("People", "SMS Logs"),
            Capability.ADMIN: QCoreApplication.translate("People", "Administration"),
            Capability.KIOSK_DEVICE: QCoreApplication.translate("People", "Kiosk device"),
        },
        capability,
    )


def direction_label(direction: str) -> str:
    """Sent by the centre or received from outside."""
    return _label(
        {
            Direction.OUTBOUND: QCoreApplication.translate("People", "Sent"),
            Direction.INBOUND: QCoreApplication.translate("People", "Received"),
        },
        direction,
    )


def message_state_label(state: str) -> str:
    """Where a message stands (delivered only from a provider's receipt)."""
    return _label(
        {
            MessageState.DRAFT: QCoreApplication.translate("People", "Draft"),
            MessageState.QUEUED: QCoreApplication.translate("People", "Queued"),
            MessageState.SENDING: QCoreApplication.translate("People", "Sending"),
            MessageState.SENT: QCoreApplication.translate("People", "Sent"),
            MessageState.DELIVERED: QCoreApplication.translate("People", "Delivered"),
            MessageState.FAILED: QCoreApplication.translate("People", "Failed"),
        },
        state,
    )


def audit_action_label(action: str) -> str:
    """An audit log action (seed 001 and our own)."""
    return _label(
        {
            AuditAction.SEND: QCoreApplication.translate("People", "Sent a message"),
            AuditAction.OPEN: QCoreApplication.translate("People", "Opened a conversation"),
            AuditAction.CLOSE: QCoreApplication.translate("People", "Closed a conversation"),
            AuditAction.REOPEN: QCoreApplication.translate("People", "Reopened a conversation"),
            AuditAction.MARKED_UNREAD_BY_NUMBER: QCoreApplication.translate(
                "People", "Number made it Unread"
            ),
            AuditAction.STOP: QCoreApplication.translate("People", "Stopped a conversation"),
            AuditAction.RENAME: QCoreApplication.translate("People", "Renamed a conversation"),
            AuditAction.LOGIN: QCoreApplication.translate("People", "Signed in"),
            AuditAction.LOGIN_FAILED: QCoreApplication.translate("People", "Failed sign-in"),
            AuditAction.LOGOUT: QCoreApplication.translate("People", "Signed out"),
            AuditAction.KIOSK_ENROLLED: QCoreApplication.translate("People", "Enrolled a kiosk"),
            AuditAction.KIOSK_LOCKOUT: QCoreApplication.translate("People", "Kiosk locked out"),
            AuditAction.KIOSK_PIN_RESET: QCoreApplication.translate("People", "Reset a kiosk PIN"),
            AuditAction.KIOSK_REVOKED: QCoreApplication.translate("People", "Revoked a kiosk"),
            AuditAction.OPT_OUT: QCoreApplication.translate("People", "Opted out of texts"),
            AuditAction.OPT_IN: QCoreApplication.translate("People", "Opted in to texts"),
            AuditAction.CREATE_CONVERSATION: QCoreApplication.translate(
                "People", "Started a group conversation"
            ),
            AuditAction.ADD_PARTICIPANT: QCoreApplication.translate(
                "People", "Added a participant"
            ),
            AuditAction.REMOVE_PARTICIPANT: QCoreApplication.translate(
                "People", "Removed a participant"
            ),
            AuditAction.MUTE: QCoreApplication.translate("People", "Muted a conversation"),
            AuditAction.UNMUTE: QCoreApplication.translate("People", "Unmuted a conversation"),
            AuditAction.ARCHIVE: QCoreApplication.translate("People", "Archived a conversation"),
            AuditAction.UNARCHIVE: QCoreApplication.translate(
                "People", "Unarchived a conversation"
            ),
            AuditAction.REPLY_REFUSED: QCoreApplication.translate(
                "People", "Refused a reply to a stopped conversation"
            ),
            AuditAction.EMAIL_REFUSED: QCoreApplication.translate(
                "People", "Refused an emailed reply"
            ),
            AuditAction.PREFERENCES: QCoreApplication.translate(
                "People", "Changed preferred channel or language"
            ),
            AuditAction.RESET_FALLBACK: QCoreApplication.translate(
                "People", "Reset a channel fallback"
            ),
            AuditAction.LINK_NUMBER: QCoreApplication.translate(
                "People", "Linked a number to a guardian"
            ),
            AuditAction.SAVE_CONTACT: QCoreApplication.translate(
                "People", "Saved a number as a new contact"
            ),
            AuditAction.TEMPLATE_SAVED: QCoreApplication.translate("People", "Saved a template"),
            AuditAction.TEMPLATE_DELETED: QCoreApplication.translate(
                "People", "Deleted a template"
            ),
            AuditAction.CAPABILITIES: QCoreApplication.translate(
                "People", "Changed staff permissions"
            ),
            AuditAction.PRIVATE_MESSAGING: QCoreApplication.translate(
                "People", "Changed split-family privacy"
            ),
            AuditAction.CENTRE_SETTINGS: QCoreApplication.translate(
                "People", "Changed centre settings"
            ),
            AuditAction.LINK_OPENED: QCoreApplication.translate(
                "People", "Opened a texted link to attachments"
            ),
        },
        action,
    )
