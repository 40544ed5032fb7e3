"""Identifiers that the client and the server derive the same way.

An offline client must show the effect of a command before the server has seen it;
when both sides name the rows a command creates with the same deterministic UUID,
the optimistic row and the confirmed row are one row, not a duplicate to reconcile.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1d3c2e-9b7a-4e0f-8d52-3a41c7e0b9d4")


def new_id() -> str:
    """A fresh random UUID as text."""
    return str(uuid.uuid4())


def derived_id(*parts: str) -> str:
    """A UUID determined by `parts`, e.g. a command id and the thread it wrote to."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def parent_thread_id(kind: str, family_id: str, guardian_id: str | None) -> str:
    """The one thread of a kind for a family, or for one guardian of a split family."""
    return derived_id("thread", kind, family_id, guardian_id or "")


def sms_thread_id(centre_id: str, phone: str) -> str:
    """The one Messenger Center thread of a phone number."""
    return derived_id("sms-thread", centre_id, phone)


def new_message_thread_id(command_id: str, staff_id: str | None) -> str:
    """The id of a conversation a New Message starts.

    One per staff member it reaches blind, or (`staff_id` None) the one group
    conversation of a group New Message.
    """
    return derived_id(command_id, "conversation", staff_id or "")
