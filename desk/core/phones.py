"""Phone numbers: stored in E.164, shown in national format (DESIGN section 5).

One canonical form is what makes the shared-number opt-in rule (seed 001) and the
"For <name>" label (seed 004) work at all: "(202) 555-0100" and "+1 202-555-0100"
must be recognised as the same phone.
"""

from __future__ import annotations

import re

import phonenumbers

_E164_SHAPE = re.compile(r"\+[1-9][0-9]{1,14}")


class InvalidPhoneNumber(ValueError):
    """Raised for text that is not a phone number we can text or call."""


def normalize_phone(raw: str, default_region: str = "US") -> str:
    """Turn a phone number as typed into its E.164 form, e.g. "+12025550100".

    Args:
        raw: the number as a person typed it, in any common punctuation.
        default_region: the ISO 3166 region assumed when `raw` has no "+country"
            prefix; the centre's own country.

    Raises:
        InvalidPhoneNumber: if `raw` is blank, does not parse, is not a valid number
            for its region, or carries an extension. An extension is refused rather
            than dropped, because dropping it would merge every extension of an
            office switchboard into one "shared" number for opt-in purposes.
    """
    text = raw.strip()
    if not text:
        raise InvalidPhoneNumber("the phone number is empty")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(f"{text!r} is not a phone number: {exc}") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(
            f"{text!r} is not a valid phone number (numbers without a +country "
            f"prefix are read as {default_region} numbers)"
        )
    if number.extension:
        raise InvalidPhoneNumber(f"{text!r} has an extension, which a text message cannot reach")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_e164(text: str) -> bool:
    """Whether `text` is already a valid number in canonical E.164 form.

    The server uses this to check numbers arriving over the wire, which must have
    been normalised by the client, without guessing a region.
    """
    if not _E164_SHAPE.fullmatch(text):
        return False
    try:
        return normalize_phone(text) == text
    except InvalidPhoneNumber:
        return False


def format_national(e164: str, home_region: str = "US") -> str:
    """A stored E.164 number as people at the centre expect to read it.

    Numbers sharing the centre's country calling code are shown in national format,
    "(202) 555-0100"; any other number keeps its "+country" prefix, because a
    foreign number in national format would be misdialled.

    Args:
        e164: a number as stored.
        home_region: the centre's ISO 3166 region.

    Raises:
        InvalidPhoneNumber: if `e164` is not a valid E.164 number.
    """
    if not is_e164(e164):
        raise InvalidPhoneNumber(f"{e164!r} is not a phone number in E.164 form")
    number = phonenumbers.parse(e164, None)
    if number.country_code == phonenumbers.country_code_for_region(home_region):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
