"""What a guardian may set in the family app, and what the page says of texting."""

from __future__ import annotations

import pytest

from desk.core.family_prefs import Texting, channel_choices, may_set_texts, texting
from desk.core.kinds import Channel, GuardianKind
from desk.core.optin import PhoneHolder

GUARDIAN, PICKUP = GuardianKind.GUARDIAN, GuardianKind.PICKUP


@pytest.mark.parametrize(
    ("phone", "email", "choices"),
    [
        ("+15555550101", "m@example.org", [Channel.SMS, Channel.EMAIL, Channel.APP]),
        ("+15555550101", None, [Channel.SMS, Channel.APP]),
        (None, "m@example.org", [Channel.EMAIL, Channel.APP]),
        (None, None, [Channel.APP]),
    ],
)
def test_a_guardian_chooses_among_the_channels_their_record_reaches(
    phone: str | None, email: str | None, choices: list[Channel]
) -> None:
    """Texts need a phone and email an address; the app needs neither."""
    assert channel_choices(phone=phone, email=email) == choices


def test_a_shared_number_is_texted_only_while_every_holder_is_in() -> None:
    """Seed 001: Maria opted in still reads "shared off" while Rosa is out."""
    maria = PhoneHolder("guardian", "m", "Maria Diaz", True)
    rosa_out = PhoneHolder("guardian", "r", "Rosa Diaz", False, role="pickup")
    rosa_in = PhoneHolder("guardian", "r", "Rosa Diaz", True, role="pickup")
    assert texting("m", "+15555550101", [maria, rosa_out]) is Texting.SHARED_OFF
    assert texting("r", "+15555550101", [maria, rosa_out]) is Texting.OFF
    assert texting("m", "+15555550101", [maria, rosa_in]) is Texting.ON
    assert texting("m", None, []) is Texting.NO_PHONE


@pytest.mark.parametrize(
    ("me", "other", "same_family", "allowed"),
    [
        (GUARDIAN, GUARDIAN, True, False),  # a co-guardian's consent is theirs
        (GUARDIAN, PICKUP, True, True),  # the household's pickup contacts
        (GUARDIAN, PICKUP, False, False),  # never another family's
        (PICKUP, GUARDIAN, True, False),  # a pickup decides for nobody else
        (PICKUP, PICKUP, True, False),
    ],
)
def test_who_may_switch_texts_for_whom(
    me: GuardianKind, other: GuardianKind, same_family: bool, allowed: bool
) -> None:
    """Oneself always; a guardian also their family's pickups; nobody else."""
    assert may_set_texts("me", me, "other", other, same_family=same_family) is allowed
    assert may_set_texts("me", me, "me", me, same_family=True)
