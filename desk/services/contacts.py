"""Contact records from the conversation screens (issue 13 items 4 and 5).

A guardian's or staff member's preferred channel and language, the channels that
failed for them and the Reset that returns to the preferred one (seed 004), what
each delivery of a message went out as (language, fallback), and numbers no record
holds in the Messenger Center: linked to a guardian or saved as a new contact.
Every change is a command in the outbox; the server checks and audits it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.delivery import check_preferred_channel, choose_channel, normalise_language
from desk.core.ids import new_id
from desk.core.kinds import Channel, PersonKind
from desk.core.user_errors import UserError
from desk.models import contact_queries as q
from desk.models.cache import Cache
from desk.sync.outbox import Queued, submit

FailingChannel = q.FailingChannel
DeliveryFact = q.DeliveryFact
LinkCandidate = q.LinkCandidate


class ContactRefused(UserError):
    """A change a record cannot take as it stands; the message says why."""


def _submit(cache: Cache, name: str, args: dict[str, object]) -> Queued:
    try:
        return submit(cache, name, args)
    except ValueError as refused:  # the local effect checks the server's rules first
        raise ContactRefused.from_error(refused) from refused


def set_preferences(
    cache: Cache, kind: PersonKind, person_id: str, channel: Channel, language: str
) -> Queued:
    """Change how and in which language a guardian or staff member is told of messages.

    Raises:
        ContactRefused: a language that is not a code ("es", "pt-BR"), or a channel
            the record has no address for.
    """
    try:
        tag = normalise_language(language)
    except ValueError as refused:
        raise ContactRefused.from_error(refused) from refused
    return _submit(
        cache,
        "set_contact_preferences",
        {
            "person_kind": kind.value,
            "person_id": person_id,
            "preferred_channel": channel.value,
            "language": tag,
        },
    )


def channel_problem(channel: Channel, *, phone: str | None, email: str | None) -> str | None:
    """Why a record with this phone and email cannot prefer `channel`, or None (for the form)."""
    try:
        check_preferred_channel(channel, phone=phone, email=email)
    except ValueError as refused:
        return str(refused)
    return None


def failing(cache: Cache, kind: PersonKind, person_id: str) -> list[FailingChannel]:
    """The channels failing for a person, with why and since when (empty: none)."""
    with cache.session() as session:
        return q.failing_channels(session, kind.value, person_id)


def channel_in_use(
    preferred: Channel,
    failing: list[FailingChannel],
    *,
    phone: str | None,
    email: str | None,
) -> Channel | None:
    """The channel the person is told on while `failing` stands, or None if none reaches them.

    Seed 004's fallback as the server applies it (`desk.core.delivery.choose_channel`),
    from what the record holds: texts need a phone, email an address; the app needs
    none (a guardian without it is still told by the next channel).
    """
    failed = {Channel(f.channel) for f in failing}
    reachable = {Channel.SMS: bool(phone), Channel.EMAIL: bool(email), Channel.APP: True}
    return choose_channel(preferred, failed, reachable)


def reset_fallback(cache: Cache, kind: PersonKind, person_id: str) -> Queued:
    """Reset: the next message goes out on the person's preferred channel again."""
    return _submit(cache, "reset_fallback", {"person_kind": kind.value, "person_id": person_id})


def deliveries(cache: Cache, thread_id: str) -> dict[str, list[DeliveryFact]]:
    """How each of the thread's messages went out, per recipient.

    That is the channel and state, the language it was sent in (or why it went out
    untranslated), and the channel it fell back from, if any.
    """
    with cache.session() as session:
        return q.delivery_facts(session, thread_id)


def link_number(cache: Cache, thread_id: str, guardian_id: str, *, replace: bool = False) -> Queued:
    """Give a guardian the number of a Messenger Center thread; its history stays.

    Raises:
        ContactRefused: the guardian has another number and `replace` is False.
    """
    return _submit(
        cache,
        "link_number",
        {"thread_id": thread_id, "guardian_id": guardian_id, "replace": replace},
    )


def is_unknown_number(cache: Cache, phone: str) -> bool:
    """Whether no guardian or staff record holds `phone` (an enquiry, issue 13 item 5)."""
    with cache.session() as session:
        return not q.number_held(session, phone)


def link_candidates(
    cache: Cache, search: str, offset: int = 0, limit: int = 100
) -> list[LinkCandidate]:
    """A page of guardians to give an unknown number to, by name, family, child or phone."""
    with cache.session() as session:
        return q.link_candidates(session, search, offset, limit)


@dataclass(frozen=True)
class NewContact:
    """A new guardian for a number no record holds.

    Attributes:
        family_id: an existing family to add them to; None for a new family named
            `family_name` (their last name by default).
    """

    first_name: str
    last_name: str
    family_id: str | None = None
    family_name: str = ""
    relationship: str = ""
    email: str | None = None


def save_contact(cache: Cache, thread_id: str, contact: NewContact) -> tuple[str, str]:
    """Save the thread's number as a new guardian; answers (guardian id, family id).

    Raises:
        ContactRefused: a blank name, or the thread has no number.
    """
    guardian_id, family_id = new_id(), contact.family_id or new_id()
    args: dict[str, object] = {
        "thread_id": thread_id,
        "guardian_id": guardian_id,
        "family_id": family_id,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "family_name": contact.family_name,
        "relationship": contact.relationship,
    }
    if contact.email:
        args["email"] = contact.email
    _submit(cache, "save_contact", args)
    return guardian_id, family_id
