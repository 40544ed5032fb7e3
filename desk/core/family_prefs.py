"""What a guardian may set about themselves and their family in the family app.

The office sets a record's preferred channel and language with the same checks
(`desk.core.delivery.check_preferred_channel`, `normalise_language`); these rules
add what a guardian, rather than staff, may touch:

* their own preferred channel, among those their record has an address for (the
  app needs none: `FALLBACK_ORDER` covers a guardian who has not installed it);
* their own language, among the languages the family app speaks;
* their own record's consent to texts. A number shared by several records is
  texted only when every one of them is opted in (seed 001, `desk.core.optin`),
  so opting in one record does not make a shared number textable again;
* whether the family's authorized pickups may be texted. A guardian answers for
  the household's contacts; another guardian's consent is theirs alone, and a
  pickup decides for nobody but themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from desk.core.kinds import Channel, GuardianKind
from desk.core.optin import PhoneHolder, can_text

APP_LANGUAGES = ("en", "es")
"""The languages the family app's pages are written in."""


class Texting(StrEnum):
    """Whether the centre may text a record's number, as the family app says it."""

    ON = "on"  # opted in, and so is every other record holding the number
    OFF = "off"  # this record is opted out
    SHARED_OFF = "shared_off"  # opted in, but another record of the number is not
    NO_PHONE = "no_phone"


def channel_choices(*, phone: str | None, email: str | None) -> list[Channel]:
    """The channels a record may prefer: texts need a phone, email an address."""
    choices = [Channel.APP]
    if phone:
        choices.insert(0, Channel.SMS)
    if email:
        choices.insert(1 if phone else 0, Channel.EMAIL)
    return choices


def texting(record_id: str, phone: str | None, holders: Sequence[PhoneHolder]) -> Texting:
    """The verdict for one record's number, given every record that holds it."""
    if not phone:
        return Texting.NO_PHONE
    mine = [h for h in holders if h.record_id == record_id]
    if mine and not mine[0].opted_in:
        return Texting.OFF
    return Texting.ON if can_text(holders) else Texting.SHARED_OFF


def may_set_texts(
    me_id: str,
    me_kind: GuardianKind,
    other_id: str,
    other_kind: GuardianKind,
    *,
    same_family: bool,
) -> bool:
    """Whether guardian `me` may switch texts on or off for record `other`."""
    if other_id == me_id:
        return True
    return same_family and me_kind == GuardianKind.GUARDIAN and other_kind == GuardianKind.PICKUP
