"""The office's side of kiosk set-up: enrollment codes and kiosk PINs.

Both are handed to a person on the spot (a code typed into a new kiosk, a PIN given
to a parent), so both need the server now: there is nothing to queue offline, and
the server shows each only once, never storing it in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
        raise BadAnswer("the server's enrollment code could not be read") from error


def reset_kiosk_pin(connection: Connection, guardian_id: str) -> str:
    """Give a guardian or authorized pickup a new kiosk PIN; the old one stops working.

    Raises:
        SyncError: `Offline`, or `Refused` for a non-admin or an unknown person.
    """
    answer = connection.reset_kiosk_pin(guardian_id)
    pin = answer.get("pin")
    if not isinstance(pin, str) or not pin.isdigit():
        raise BadAnswer("the server's new PIN could not be read")
    return pin
