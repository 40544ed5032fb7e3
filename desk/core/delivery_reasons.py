"""What a provider's failure means, in kinds a person can act on.

Providers report failures as codes and jargon ("30003 Unreachable destination
handset", "550 5.1.1 mailbox unavailable", "UNREGISTERED"); a new user shown those
did not know what had happened or what to do (issue 15 item 6). This sorts a stored
failure into a few kinds; the office words each (`desk.ui.shared.delivery_words`)
and keeps the provider's text for whoever needs it.
"""

from __future__ import annotations

import re
from enum import StrEnum


class FailureKind(StrEnum):
    """Why a message did not arrive, as far as a person can do anything about it."""

    UNREACHABLE = "unreachable"  # the phone is off, out of coverage or out of service
    NOT_A_NUMBER = "not_a_number"  # no such number
    CANNOT_TEXT = "cannot_text"  # a landline, or a number that takes no texts
    OPTED_OUT = "opted_out"  # the person replied STOP
    FILTERED = "filtered"  # the carrier or the phone blocked it
    NO_MAILBOX = "no_mailbox"  # the email address does not exist
    MAILBOX_FULL = "mailbox_full"
    APP_GONE = "app_gone"  # the app was uninstalled, or notifications turned off
    SERVICE = "service"  # our own account with the provider: an administrator's job
    UNKNOWN = "unknown"


_TWILIO = {
    "30003": FailureKind.UNREACHABLE,
    "21612": FailureKind.UNREACHABLE,
    "30005": FailureKind.NOT_A_NUMBER,
    "21211": FailureKind.NOT_A_NUMBER,
    "30006": FailureKind.CANNOT_TEXT,
    "21614": FailureKind.CANNOT_TEXT,
    "21610": FailureKind.OPTED_OUT,
    "30004": FailureKind.FILTERED,
    "30007": FailureKind.FILTERED,
    "30001": FailureKind.SERVICE,
    "30002": FailureKind.SERVICE,
    "20003": FailureKind.SERVICE,
}
"""Twilio error codes (https://www.twilio.com/docs/api/errors)."""

_SMTP = {
    "550": FailureKind.NO_MAILBOX,
    "551": FailureKind.NO_MAILBOX,
    "553": FailureKind.NO_MAILBOX,
    "552": FailureKind.MAILBOX_FULL,
    "535": FailureKind.SERVICE,
    "530": FailureKind.SERVICE,
}
"""SMTP reply codes of a refused recipient or a refused sign-in."""

_WORDS = (
    ("unregistered", FailureKind.APP_GONE),
    ("not registered", FailureKind.APP_GONE),
    ("unreachable", FailureKind.UNREACHABLE),
    ("landline", FailureKind.CANNOT_TEXT),
    ("mailbox full", FailureKind.MAILBOX_FULL),
)
"""Telling words of a provider, for a failure that carries no known code. Not "opted
out": the server's own refusals say that already in words staff understand."""

_CODE = re.compile(r"^\s*(\d{3,5})\b")


def failure_kind(error: str) -> FailureKind:
    """The kind of a stored failure ("30003 Unreachable destination handset": UNREACHABLE)."""
    code = _CODE.match(error)
    if code is not None:
        number = code.group(1)
        kind = _TWILIO.get(number) or _SMTP.get(number)
        if kind is not None:
            return kind
    lowered = error.lower()
    for word, kind in _WORDS:
        if word in lowered:
            return kind
    return FailureKind.UNKNOWN
