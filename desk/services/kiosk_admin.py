"""The office's side of kiosk set-up: enrollment codes, kiosk PINs, the kiosk list.

Both are handed to a person on the spot (a code typed into a new kiosk, a PIN given
to a parent), so both need the server now: there is nothing to queue offline, and
the server shows each only once, never storing it in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk.core.pin_delivery import PinDelivery
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.core.wire import parse_utc
from desk.services.account import Connection
from desk.sync.errors import BadAnswer


@dataclass(frozen=True)
class EnrollmentCode:
    """A one-time code for enrolling a kiosk, and when it stops working."""

    code: str
    expires_at: datetime


def issue_enrollment_code(connection: Connection) -> EnrollmentCode:
    """Ask the server for a fresh enrollment code (admins only).

    Raises:
        SyncError: `Offline`, or `Refused` for a staff member who is not an admin.
    """
    answer = connection.issue_enrollment_code()
    try:
        return EnrollmentCode(str(answer["code"]), parse_utc(str(answer["expires_at"])))
    except (KeyError, ValueError) as error:
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server's enrollment code could not be read")
        ) from error


def enrollment_code_used(connection: Connection, code: str) -> bool:
    """Whether a kiosk has enrolled with `code` (admins only; needs the server).

    Raises:
        SyncError: `Offline`, or `Refused` for a non-admin or a code of no centre.
    """
    answer = connection.enrollment_code_state(code)
    used = answer.get("used")
    if not isinstance(used, bool):
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server's enrollment code state could not be read")
        )
    return used


def reset_kiosk_pin(
    connection: Connection, guardian_id: str, send_by: PinDelivery = PinDelivery.SCREEN
) -> str | None:
    """Give a guardian or authorized pickup a new kiosk PIN; the old one stops working.

    Returns the PIN to show, or None when the server sent it by SMS or email: then
    the office never sees it.

    Raises:
        SyncError: `Offline`, or `Refused` for a non-admin, an unknown person or a
            way the record does not allow (no phone that takes texts, no email).
    """
    answer = connection.reset_kiosk_pin(guardian_id, send_by.value)
    pin = answer.get("pin")
    if send_by is not PinDelivery.SCREEN:
        if pin is not None or answer.get("sent_by") != send_by.value:
            raise BadAnswer(
                QT_TRANSLATE_NOOP(
                    "Errors", "the server's answer about the new PIN could not be read"
                )
            )
        return None
    if not isinstance(pin, str) or not pin.isdigit():
        raise BadAnswer(QT_TRANSLATE_NOOP("Errors", "the server's new PIN could not be read"))
    return pin


@dataclass(frozen=True)
class KioskInfo:
    """An enrolled kiosk as the office's Kiosks list shows it."""

    id: str
    name: str
    enrolled_by: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked: bool


def _kiosk(raw: Any) -> KioskInfo:
    seen = raw.get("last_seen_at")
    return KioskInfo(
        id=str(raw["id"]),
        name=str(raw["name"]),
        enrolled_by=str(raw.get("enrolled_by") or ""),
        enrolled_at=parse_utc(str(raw["enrolled_at"])),
        last_seen_at=parse_utc(str(seen)) if seen else None,
        revoked=bool(raw["revoked"]),
    )


def list_kiosks(connection: Connection) -> list[KioskInfo]:
    """The centre's enrolled kiosks, newest first (admins only; needs the server).

    Raises:
        SyncError: `Offline`, or `Refused` for a staff member who is not an admin.
    """
    answer = connection.list_kiosks()
    try:
        return [_kiosk(raw) for raw in answer["kiosks"]]
    except (KeyError, TypeError, ValueError) as error:
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server's list of kiosks could not be read")
        ) from error


def revoke_kiosk(connection: Connection, device_id: str) -> KioskInfo:
    """Revoke a kiosk: its next request gets 401 and it wipes its PIN verifiers.

    Raises:
        SyncError: `Offline`, or `Refused` for a non-admin or an unknown kiosk.
    """
    answer = connection.revoke_kiosk(device_id)
    try:
        return _kiosk(answer)
    except (KeyError, TypeError, ValueError) as error:
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server's answer about the kiosk could not be read")
        ) from error
