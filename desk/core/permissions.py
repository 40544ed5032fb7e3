"""Permissions as named capabilities, checked by the server and mirrored by the UI.

The UI hides what a user may not do; the server refuses it regardless, using these
same functions, so the two can never disagree about a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from desk.core.kinds import StaffRole, ThreadKind
from desk.core.user_errors import QT_TRANSLATE_NOOP, Phrase, WordedError


class Capability(StrEnum):
    """One thing a principal may do."""

    FULL_MESSAGING = "full_messaging"  # Office Chat and every classroom (seed 000)
    MASS_TEXT = "mass_text"  # send SMS from the Messenger Center (seed 001)
    SMS_LOGS = "sms_logs"  # view the Messenger Center (seed 001)
    ADMIN = "admin"  # manage staff, kiosks, PINs, templates, audit log
    KIOSK_DEVICE = "kiosk_device"  # an enrolled sign-in/out kiosk and nothing else


ROLE_DEFAULTS: dict[StaffRole, frozenset[Capability]] = {
    StaffRole.ADMIN: frozenset(
        {Capability.FULL_MESSAGING, Capability.MASS_TEXT, Capability.SMS_LOGS, Capability.ADMIN}
    ),
    StaffRole.OFFICE: frozenset({Capability.MASS_TEXT, Capability.SMS_LOGS}),
    StaffRole.TEACHER: frozenset(),
}


CAPABILITY_NAMES = {
    Capability.FULL_MESSAGING: QT_TRANSLATE_NOOP("Errors", "Full messaging access"),
    Capability.MASS_TEXT: QT_TRANSLATE_NOOP("Errors", "Mass Text"),
    Capability.SMS_LOGS: QT_TRANSLATE_NOOP("Errors", "SMS Logs"),
    Capability.ADMIN: QT_TRANSLATE_NOOP("Errors", "Administration"),
    Capability.KIOSK_DEVICE: QT_TRANSLATE_NOOP("Errors", "Kiosk device"),
}
"""Each capability as the office's permission screens name it."""


class PermissionDenied(WordedError):
    """Raised when a principal lacks a capability; the server answers 403."""

    def __init__(self, capability: Capability) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "this action needs the {permission} permission"),
            permission=Phrase(CAPABILITY_NAMES[capability]),
        )
        self.capability = capability


def parse_capabilities(text: str | None) -> frozenset[Capability]:
    """Read a stored comma-separated capability list, ignoring blanks.

    Raises:
        ValueError: for a word that names no capability, so a corrupt row is noticed.
    """
    if not text:
        return frozenset()
    return frozenset(Capability(word.strip()) for word in text.split(",") if word.strip())


def format_capabilities(capabilities: Iterable[Capability]) -> str:
    """The stored form: sorted, comma separated, stable for diffs."""
    return ",".join(sorted(c.value for c in capabilities))


def require(held: frozenset[Capability], needed: Capability) -> None:
    """Raise `PermissionDenied` unless `needed` is held."""
    if needed not in held:
        raise PermissionDenied(needed)


def can_view_thread(
    held: frozenset[Capability],
    kind: ThreadKind,
    *,
    thread_room_id: str | None,
    my_room_ids: frozenset[str],
    is_participant: bool,
) -> bool:
    """Whether a staff member may read a thread of this kind.

    Office Chat reaches only admins with full messaging access (seed 000); SMS threads
    need SMS Logs (seed 001); Classroom Chat reaches full-messaging staff and the staff
    of the child's room; a group conversation reaches its participants.
    """
    if Capability.KIOSK_DEVICE in held:
        return False
    if kind is ThreadKind.OFFICE:
        return Capability.FULL_MESSAGING in held
    if kind is ThreadKind.SMS:
        return Capability.SMS_LOGS in held
    if kind is ThreadKind.CLASSROOM:
        return Capability.FULL_MESSAGING in held or (
            thread_room_id is not None and thread_room_id in my_room_ids
        )
    return is_participant or Capability.FULL_MESSAGING in held


def capability_to_send(kind: ThreadKind) -> Capability | None:
    """The capability needed to post in a thread of this kind, beyond seeing it."""
    if kind is ThreadKind.SMS:
        return Capability.MASS_TEXT
    if kind is ThreadKind.OFFICE:
        return Capability.FULL_MESSAGING
    return None


class Page(StrEnum):
    """A place of the office app a staff member may be shown (the UI's `Place`).

    Declared here, with what each needs, so which pages and tools a capability
    shows is a rule of the domain, tested without a window, not a branch of it.
    """

    OFFICE = "office"  # Office Chat
    CLASSROOM = "classroom"  # Classroom Chat and group conversations
    SMS = "sms"  # the Messenger Center
    FAMILIES = "families"
    STAFF = "staff"
    KIOSK = "kiosk"  # kiosk messages
    AUDIT = "audit"  # the audit log
    TASKS = "tasks"  # background tasks
    SETTINGS = "settings"  # staff capabilities and centre settings (issue 13 item 7)


class Tool(StrEnum):
    """An office action behind its own permission (the Tools menu)."""

    PUSH = "push"  # send a push notification
    TEMPLATES = "templates"  # edit message templates
    ENROLL_KIOSK = "enroll_kiosk"  # enroll a sign-in/out kiosk
    KIOSKS = "kiosks"  # list enrolled kiosks and revoke one


PAGE_NEEDS: dict[Page, Capability | None] = {
    Page.OFFICE: Capability.FULL_MESSAGING,  # seed 000: admins with full access only
    Page.CLASSROOM: None,
    Page.SMS: Capability.SMS_LOGS,  # seed 001
    Page.FAMILIES: None,
    Page.STAFF: None,
    Page.KIOSK: None,
    Page.AUDIT: Capability.ADMIN,
    Page.TASKS: Capability.ADMIN,
    Page.SETTINGS: Capability.ADMIN,
}
"""What each page needs; None for every staff member."""

TOOL_NEEDS: dict[Tool, Capability] = {
    Tool.PUSH: Capability.MASS_TEXT,
    Tool.TEMPLATES: Capability.ADMIN,
    Tool.ENROLL_KIOSK: Capability.ADMIN,
    Tool.KIOSKS: Capability.ADMIN,
}
"""What each tool needs; the server checks the same again."""


def visible_pages(held: frozenset[Capability]) -> tuple[Page, ...]:
    """The pages a staff member holding `held` is shown, in navigation order."""
    return tuple(page for page in Page if PAGE_NEEDS[page] in held or PAGE_NEEDS[page] is None)


def allowed_tools(held: frozenset[Capability]) -> frozenset[Tool]:
    """The tools a staff member holding `held` may use."""
    return frozenset(tool for tool, needed in TOOL_NEEDS.items() if needed in held)


def may_edit_contacts(held: frozenset[Capability]) -> bool:
    """Whether a staff member may edit family contact records.

    That is preferred channel and language, linking an unknown number, saving it as a
    new contact (issue 13). Admins, full messaging, and the Messenger Center's
    operators (Mass Text), who answer enquiries from numbers no record holds.
    """
    return bool(held & {Capability.ADMIN, Capability.FULL_MESSAGING, Capability.MASS_TEXT})


def may_reset_kiosk_pins(held: frozenset[Capability]) -> bool:
    """Whether a staff member may give a guardian a new kiosk PIN (administrators)."""
    return Capability.ADMIN in held
