"""Search everything: conversations, families, guardians, students and staff in one box.

The main window's Ctrl+K (issue 15 item 6) asks one question of the local cache and
shows the answers grouped by kind. It reuses the two searches that already exist,
the inbox's (`search_inbox`: names, phone digits and message content, each result
marked with why it matched) and the people index's (`search_people`), so it costs
two indexed queries and agrees with what the inbox and the record pages find.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.models.cache import Cache
from desk.models.inbox import mark_digits, search_inbox
from desk.models.inbox_sql import InboxFilter
from desk.models.search import HIGHLIGHT_START, search_people

MIN_QUERY = 2
"""Shorter text finds nothing: one letter would match most of the centre."""

GROUPS = ("conversation", "family", "guardian", "student", "staff")
"""The kinds of result, in the order they are shown."""


@dataclass(frozen=True)
class Found:
    """One result of a search across everything.

    Attributes:
        kind: one of `GROUPS`.
        id: the thread, family, guardian, student or staff member's id.
        family_id: the family whose page shows it (guardians and students; a family's
            own id), None for conversations and staff.
        title: the name, the matched words between `HIGHLIGHT_START` and
            `HIGHLIGHT_END`.
        detail: a second line, marked the same way: the matching words of a
            conversation's messages, or the phone number a search by digits matched.
        matched_by: for a conversation found through someone other than whom it is
            named after, that person's kind (`InboxRow.matched_by`).
        channel: a conversation's thread kind: one family has several conversations
            of the same name, told apart by their channel.
    """

    kind: str
    id: str
    family_id: str | None
    title: str
    detail: str
    matched_by: str = ""
    channel: str = ""


def search_everything(
    cache: Cache,
    query: str,
    thread_kinds: tuple[str, ...],
    people_kinds: frozenset[str],
    per_kind: int = 6,
) -> list[Found]:
    """Up to `per_kind` results of each kind for `query`, grouped in `GROUPS` order.

    Args:
        cache: the workstation's cache.
        query: what the user typed; any text is safe.
        thread_kinds: the channels whose conversations the user may open.
        people_kinds: which of "family", "guardian", "student" and "staff" the user
            may open (their pages are hidden from some staff).
        per_kind: the most results of one kind, so one kind cannot crowd out another.
    """
    query = query.strip()
    if len(query) < MIN_QUERY:
        return []
    found: list[Found] = []
    if thread_kinds:
        with cache.session() as session:
            rows = search_inbox(session, InboxFilter(thread_kinds), query, limit=per_kind)
        found += [
            Found(
                "conversation", r.id, None, r.name_marked or r.name, r.snippet, r.matched_by, r.kind
            )
            for r in rows
        ]
    if people_kinds:
        counts = dict.fromkeys(people_kinds, 0)
        people = []
        for hit in search_people(cache, query, limit=per_kind * len(GROUPS) * 2):
            if counts.get(hit.kind, per_kind) < per_kind:
                counts[hit.kind] += 1
                people.append(hit)
        found += [
            Found(
                hit.kind,
                hit.id,
                hit.id if hit.kind == "family" else hit.family_id,
                hit.name,
                "" if HIGHLIGHT_START in hit.name else mark_digits(hit.phone or "", query),
            )
            for hit in people
        ]
    return sorted(found, key=lambda f: GROUPS.index(f.kind))
