"""SMS opt-in across shared phone numbers, and carrier keywords (seed 001).

A phone number shared by several family and staff records may be texted only when
every one of those records is opted in: one parent replying STOP must silence the
number for the whole household, whichever record the next message is sent from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desk.core.user_errors import QT_TRANSLATE_NOOP, Listing, Phrase, UserError, WordedError


@dataclass(frozen=True)
class PhoneHolder:
    """One record that lists a phone number.

    Attributes:
        record_kind: what the record is, e.g. "family", "guardian" or "staff".
        record_id: the record's id.
        name: the person's display name, for telling the office who opted out.
        opted_in: whether this record agreed to receive text messages.
        role: what the person is on the record when it says more than
            `record_kind` ("pickup" for an authorized pickup's guardian record).
        family: the name of the family the record belongs to, if it is a family's.
            One grandparent can hold a record in two families with one phone, so
            a reason or a "For" label that names only the person is ambiguous.
    """

    record_kind: str
    record_id: str
    name: str
    opted_in: bool
    role: str = ""
    family: str = ""


# What a record is, as `describe_holder` names it; marked here for translators.
RECORD_WORDS = {
    "guardian": QT_TRANSLATE_NOOP("Errors", "guardian"),
    "pickup": QT_TRANSLATE_NOOP("Errors", "pickup"),
    "staff": QT_TRANSLATE_NOOP("Errors", "staff"),
    "family": QT_TRANSLATE_NOOP("Errors", "family"),
}


def describe_holder(holder: PhoneHolder) -> WordedError:
    """The record, named so the office can find it.

    For example "Joe Weber's pickup record in the Weber family" or "Kim Lee's staff
    record"; worded, so the office reads it in its own language.
    """
    kind = holder.role or holder.record_kind
    role = Phrase(RECORD_WORDS[kind]) if kind in RECORD_WORDS else kind
    if holder.family:
        return WordedError(
            QT_TRANSLATE_NOOP("Errors", "{name}'s {role} record in the {family} family"),
            name=holder.name,
            role=role,
            family=holder.family,
        )
    return WordedError(
        QT_TRANSLATE_NOOP("Errors", "{name}'s {role} record"), name=holder.name, role=role
    )


def can_text(holders: Sequence[PhoneHolder]) -> bool:
    """Whether a number may be texted: it has holders and all of them opted in.

    A number no record holds is refused too, since nobody consented to it.
    """
    return bool(holders) and all(holder.opted_in for holder in holders)


def opt_out_reason(holders: Sequence[PhoneHolder]) -> UserError | None:
    """Why a number may not be texted, naming who opted out; None if it may be.

    The seed's FAQ is about a family that says it opted in while the number shows
    opted out: the answer is another record sharing the number, so name it.
    """
    if not holders:
        return UserError(
            QT_TRANSLATE_NOOP("Errors", "no family or staff record has this phone number")
        )
    opted_out = [holder for holder in holders if not holder.opted_in]
    if not opted_out:
        return None
    names = Listing(describe_holder(holder) for holder in opted_out)
    if len(holders) == 1:
        return UserError(
            QT_TRANSLATE_NOOP("Errors", "{names} opted out of text messages"), names=names
        )
    return UserError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "this phone number is shared by {count} records and every one must be "
            "opted in; opted out: {names}",
        ),
        count=len(holders),
        names=names,
    )


class KeywordAction(StrEnum):
    """What a carrier keyword in an incoming SMS asks for."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


OPT_OUT_KEYWORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_KEYWORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})


def classify_keyword(body: str) -> KeywordAction | None:
    """Recognise a reply that is exactly one carrier keyword.

    Matching is case-insensitive, ignores surrounding whitespace and folds
    compatibility forms (a full-width "ＳＴＯＰ" from an unusual keyboard is still an
    opt-out, which the carrier would honour anyway). Only the whole message counts:
    "stop please" or "Don't stop" is a conversation, not an instruction.
    """
    word = unicodedata.normalize("NFKC", body).strip().upper()
    if word in OPT_OUT_KEYWORDS:
        return KeywordAction.OPT_OUT
    if word in OPT_IN_KEYWORDS:
        return KeywordAction.OPT_IN
    if word in HELP_KEYWORDS:
        return KeywordAction.HELP
    return None


def may_answer_unknown(inbound: Sequence[str]) -> bool:
    """Whether a number no record holds may be texted back (issue 13 item 5).

    An enquiry from a number nobody holds yet is consent to an answer: the texter
    wrote first. That consent ends with STOP (or any opt-out keyword) and comes back
    only with START, as carriers enforce it; other texts after a STOP change nothing.

    Args:
        inbound: the bodies of the number's texts to the centre, oldest first.
    """
    opted_out = False
    for body in inbound:
        action = classify_keyword(body)
        if action is KeywordAction.OPT_OUT:
            opted_out = True
        elif action is KeywordAction.OPT_IN:
            opted_out = False
    return bool(inbound) and not opted_out


def unknown_number_refusal(inbound: Sequence[str]) -> UserError | None:
    """Why a number no record holds may not be texted back, or None (`may_answer_unknown`)."""
    if may_answer_unknown(inbound):
        return None
    if inbound:
        return UserError(
            QT_TRANSLATE_NOOP("Errors", "this number replied STOP and has not texted START since")
        )
    return UserError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "no family or staff record has this number, and it has not texted the centre",
        )
    )
