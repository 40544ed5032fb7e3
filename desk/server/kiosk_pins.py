"""Sending a new kiosk PIN to its guardian by SMS or email (issue 15 item 6).

The PIN travels as a `kiosk_pin` job whose payload is blanked once sent
(`desk.server.family.sending`), so the only clear copy lives in the queue until the
provider has it. It is never a message of a conversation: no message row, no
delivery row, nothing in the change feed the office and kiosks pull.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk.core.ids import new_id
from desk.core.kinds import Channel
from desk.core.pin_delivery import PinDelivery, pin_deliveries
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.registry import CommandRefused
from desk.server.family.i18n import translator
from desk.server.family.sending import KIOSK_PIN
from desk.server.jobs.queue import NewJob, enqueue_many
from desk.server.orm import Centre, Guardian

SENT_BY: dict[PinDelivery, str] = {
    PinDelivery.SMS: "sent by SMS",
    PinDelivery.EMAIL: "sent by email",
}
"""The audit's words for how the PIN went; the PIN itself is never audited."""


def check_deliverable(guardian: Guardian, send_by: PinDelivery) -> None:
    """Refuse a way the record does not allow, before the PIN is replaced.

    Raises:
        CommandRefused: no phone, a phone opted out of texts, or no email address.
    """
    if send_by in pin_deliveries(guardian.phone, guardian.email, guardian.sms_opt_in):
        return
    if send_by is PinDelivery.SMS:
        raise CommandRefused(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This person has no mobile number on file that may be texted:"
                " show the PIN on screen or send it by email.",
            )
        )
    raise CommandRefused(
        QT_TRANSLATE_NOOP(
            "Errors",
            "This person has no email address on file: show the PIN on screen or send it by SMS.",
        )
    )


def send_pin(
    session: Session, centre: Centre, guardian: Guardian, pin: str, send_by: PinDelivery
) -> None:
    """Queue the PIN for `guardian` in their language; nothing to do when it is shown."""
    if send_by is PinDelivery.SCREEN:
        return
    t = translator(guardian.language)
    if send_by is PinDelivery.SMS:
        channel, address = Channel.SMS, guardian.phone
    else:
        channel, address = Channel.EMAIL, guardian.email
    payload = {
        "channel": channel.value,
        "address": address,
        "subject": t("pin_subject", centre=centre.name),
        "text": t("pin_sms", pin=pin, centre=centre.name),
    }
    enqueue_many(session, [NewJob(KIOSK_PIN, centre.id, f"kiosk-pin:{new_id()}", payload)])
