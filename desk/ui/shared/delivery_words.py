"""Plain words for why a message did not arrive, and how a text is encoded.

Staff read "The phone could not be reached", not "30003 Unreachable destination
handset" (issue 15 item 6); the kinds are `desk.core.delivery_reasons`. A failure of
no known kind keeps the provider's own text, since it is all there is to go on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.core.delivery_reasons import FailureKind, failure_kind
from desk.core.sms import SmsEncoding


def plain_reason(error: str) -> str:
    """Why a message failed, in words staff can act on ("" for no reason given)."""
    kind = failure_kind(error)
    words = {
        FailureKind.UNREACHABLE: QCoreApplication.translate(
            "DeliveryWords", "The phone could not be reached"
        ),
        FailureKind.NOT_A_NUMBER: QCoreApplication.translate(
            "DeliveryWords", "The phone number is not in service"
        ),
        FailureKind.CANNOT_TEXT: QCoreApplication.translate(
            "DeliveryWords", "The number cannot receive texts (a landline?)"
        ),
        FailureKind.OPTED_OUT: QCoreApplication.translate(
            "DeliveryWords", "They replied STOP and receive no texts"
        ),
        FailureKind.FILTERED: QCoreApplication.translate(
            "DeliveryWords", "The phone company blocked the message"
        ),
        FailureKind.NO_MAILBOX: QCoreApplication.translate(
            "DeliveryWords", "The email address does not exist"
        ),
        FailureKind.MAILBOX_FULL: QCoreApplication.translate(
            "DeliveryWords", "Their mailbox is full"
        ),
        FailureKind.APP_GONE: QCoreApplication.translate(
            "DeliveryWords", "The app is no longer on that device"
        ),
        FailureKind.SERVICE: QCoreApplication.translate(
            "DeliveryWords", "The sending service refused it: tell your administrator"
        ),
    }
    return words.get(kind, error.strip())


def encoding_words(encoding: SmsEncoding) -> str:
    """How a text is encoded, without "GSM-7" or "UCS-2"."""
    if encoding is SmsEncoding.GSM7:
        return QCoreApplication.translate("DeliveryWords", "standard characters")
    return QCoreApplication.translate("DeliveryWords", "special characters, fewer per segment")
