"""Plain words for why a message did not arrive, and how a text is encoded.

Staff read "The phone could not be reached", not "30003 Unreachable destination
handset" (issue 15 item 6); the kinds are `desk.core.delivery_reasons`. A failure of
no known kind keeps the provider's own text, since it is all there is to go on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.core.delivery_reasons import FailureKind, failure_kind
from desk.core.sms import SmsEncoding


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeliveryWords", text)


def plain_reason(error: str) -> str:
    """Why a message failed, in words staff can act on ("" for no reason given)."""
    kind = failure_kind(error)
    words = {
        FailureKind.UNREACHABLE: _tr("The phone could not be reached"),
        FailureKind.NOT_A_NUMBER: _tr("The phone number is not in service"),
        FailureKind.CANNOT_TEXT: _tr("The number cannot receive texts (a landline?)"),
        FailureKind.OPTED_OUT: _tr("They replied STOP and receive no texts"),
        FailureKind.FILTERED: _tr("The phone company blocked the message"),
        FailureKind.NO_MAILBOX: _tr("The email address does not exist"),
        FailureKind.MAILBOX_FULL: _tr("Their mailbox is full"),
        FailureKind.APP_GONE: _tr("The app is no longer on that device"),
        FailureKind.SERVICE: _tr("The sending service refused it: tell your administrator"),
    }
    return words.get(kind, error.strip())


def encoding_words(encoding: SmsEncoding) -> str:
    """How a text is encoded, without "GSM-7" or "UCS-2"."""
    if encoding is SmsEncoding.GSM7:
        return _tr("standard characters")
    return _tr("special characters, fewer per segment")
