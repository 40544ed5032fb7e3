"""Who has read a message of a conversation, and who has not yet (seed 004's seen-by).

A message is read by the people who hold a receipt for it. In a group conversation
the people who could read it are its participants other than the author, so "seen
by everyone" and "not yet" are defined against them; a family or Messenger Center
conversation has no such list (any staff member with access may read it), so only
its readers are known. Receipts of people no longer in the conversation, or of
staff who read every conversation, still count as readers.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

PersonRef = tuple[str, str]
"""A person as (kind, id): ("staff", id), ("guardian", id) or ("student", id)."""


def others(members: Sequence[PersonRef], author: PersonRef | None) -> list[PersonRef]:
    """The members who could read a message: all but its author."""
    return [person for person in members if person != author]


def not_yet(
    members: Sequence[PersonRef], author: PersonRef | None, readers: Collection[PersonRef]
) -> list[PersonRef]:
    """The members, in their order, who are not the author and hold no receipt."""
    return [person for person in others(members, author) if person not in readers]


def seen_by_everyone(
    members: Sequence[PersonRef], author: PersonRef | None, readers: Collection[PersonRef]
) -> bool:
    """Whether every member but the author has read it (False without other members)."""
    could = others(members, author)
    return bool(could) and all(person in readers for person in could)
