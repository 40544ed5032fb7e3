"""The inbox's rows, filter and SQL as plain text, with no SQLAlchemy import.

Two readers run the same statements: `desk.models.inbox` through a SQLAlchemy
session, and `desk.models.snapshot` through the stdlib `sqlite3` module, which
paints the first inbox page before SQLAlchemy has finished importing (DESIGN.md
§6: that import alone costs more than showing the window). Keeping the text here,
and the paging logic in `read_page`, means the two can never show different rows.
Both drivers accept `:name` parameters from a dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

Run = Callable[[str, dict[str, object]], Iterable[Sequence[object]]]
"""Runs one statement with named parameters and yields its rows."""


@dataclass(frozen=True)
class InboxFilter:
    """Which threads the list shows.

    Attributes:
        kinds: thread kinds to show (a channel, or every channel the user may see).
        status: "unread", "open", "closed", or None for every status.
        archived: True for only the group conversations the signed-in staff member
            archived (the Archived view), False to leave those out (the active
            list), None for both.
    """

    kinds: tuple[str, ...]
    status: str | None = None
    archived: bool | None = None


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox.

    Attributes:
        name: who the thread is with, for display: its title, the guardian of a
            private conversation, the family, or the phone number.
        snippet: the last message, or with a search the matching words, the
            matches between `HIGHLIGHT_START` and `HIGHLIGHT_END`.
        has_draft: a reply is being written here (a draft saved on this computer);
            the list marks it so it is found again (issue 15 item 6).
        name_marked: `name` with the searched words marked the same way.
        matched_by: with a search, the kind of person ("family", "guardian",
            "student", "staff") whose name or phone number matched when neither the
            thread's name nor its messages did; `snippet` then shows that person,
            their match marked, so every result says why it is listed.
    """

    id: str
    kind: str
    status: str
    name: str
    family_id: str | None
    guardian_id: str | None
    phone: str | None
    stopped: bool
    last_message_at: str | None
    snippet: str
    unread_count: int
    has_draft: bool = False
    name_marked: str = ""
    matched_by: str = ""


MY_PARTICIPATION = (
    "(SELECT {column} FROM participant AS p WHERE p.thread_id = t.id"
    " AND p.person_kind = 'staff'"
    " AND p.person_id = (SELECT value FROM sync_meta WHERE key = 'principal_id'))"
)
"""The signed-in staff member's own participant row of thread `t`: one column of it."""

UNREAD_SQL = (
    "CASE WHEN t.kind = 'group' THEN COALESCE("
    + MY_PARTICIPATION.format(column="CASE WHEN p.muted THEN 0 ELSE p.unread_count END")
    + ", 0) ELSE t.unread_count END"
)
"""A thread's unread messages for the signed-in staff member.

The office's threads (Office and Classroom Chat, SMS) share one unread count (seed
001). A group conversation's is each participant's own (`participant.unread_count`,
kept by the server): it counts nothing for someone who muted it or is not in it, so
muting really silences (seed 004) while the conversation still syncs.
"""

ROW_SQL = (
    "SELECT t.id, t.kind, t.status,"
    " CASE WHEN t.title != '' THEN t.title"
    "  WHEN g.id IS NOT NULL THEN g.first_name || ' ' || g.last_name"
    "  WHEN f.id IS NOT NULL THEN f.name ELSE COALESCE(t.phone, '') END,"
    " t.family_id, t.guardian_id, t.phone, t.stopped, t.last_message_at,"
    f" t.last_message_preview, {UNREAD_SQL},"
    " EXISTS(SELECT 1 FROM draft AS d WHERE d.key = t.id AND trim(d.body) <> '')"
    " FROM thread AS t"
    " LEFT JOIN family AS f ON f.id = t.family_id"
    " LEFT JOIN guardian AS g ON g.id = t.guardian_id"
)
"""One inbox row per thread; callers add WHERE and ORDER BY."""

NOT_ARCHIVED_BY_ME = (
    "(t.kind <> 'group' OR COALESCE(" + MY_PARTICIPATION.format(column="p.archived") + ", 0) = 0)"
)
"""Thread `t` is not a group conversation the signed-in staff member archived."""

COUNTERS_SQL = (
    "SELECT COALESCE(SUM(CASE WHEN t.kind = 'group' OR t.status = 'unread'"
    f" THEN {UNREAD_SQL} ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN t.status = 'open' THEN 1 ELSE 0 END), 0) FROM thread AS t"
    f" WHERE {NOT_ARCHIVED_BY_ME}"
)
"""Seed 001's red and grey numbers: unread messages on Unread threads, Open threads.

The same rule as `desk.core.status.counters`; a group conversation adds the signed-in
staff member's own unread messages whatever its status (`UNREAD_SQL`), none when
muted, and counts nothing once they archived it (it is out of their lists until they
unarchive it). Add `COUNTERS_OF_KIND` for one channel."""

COUNTERS_OF_KIND = " AND t.kind = :kind"

PRINCIPAL_CAPABILITIES_SQL = (
    "SELECT s.capabilities FROM sync_meta AS m JOIN staff AS s ON s.id = m.value"
    " WHERE m.key = 'principal_id'"
)
"""The signed-in staff member's stored capability list (`desk.core.permissions`)."""


def row(values: Sequence[object]) -> InboxRow:
    """An `InboxRow` from a row of `ROW_SQL`."""
    *columns, has_draft = values
    return replace(InboxRow(*columns), has_draft=bool(has_draft))  # type: ignore[arg-type]


def where(filter_: InboxFilter, params: dict[str, object]) -> list[str]:
    """The WHERE clauses of `filter_`, adding their values to `params`."""
    marks = []
    for n, kind in enumerate(filter_.kinds):
        params[f"k{n}"] = kind
        marks.append(f":k{n}")
    clauses = [f"t.kind IN ({', '.join(marks) or 'NULL'})"]
    if filter_.status is not None:
        params["status"] = filter_.status
        clauses.append("t.status = :status")
    if filter_.archived is not None:
        mine = MY_PARTICIPATION.format(column="p.archived")
        clauses.append(f"COALESCE({mine}, 0) = {int(filter_.archived)}")
    return clauses


def read_page(
    run: Run, filter_: InboxFilter, after: InboxRow | None = None, limit: int = 100
) -> list[InboxRow]:
    """Up to `limit` threads after `after`, most recent activity first.

    Threads without messages come last. The key is compared as a row value,
    `(last_message_at, id) < (:at, :id)`, which SQLite turns into a seek on
    `ix_thread_recent`; spelled out with OR it scanned from the top every page.
    """
    params: dict[str, object] = {"limit": limit}
    clauses = where(filter_, params)
    order = " ORDER BY t.last_message_at DESC, t.id DESC LIMIT :limit"
    rows: list[InboxRow] = []
    if after is None or after.last_message_at is not None:
        dated = [*clauses, "t.last_message_at IS NOT NULL"]
        if after is not None:
            params.update(after_at=after.last_message_at, after_id=after.id)
            dated.append("(t.last_message_at, t.id) < (:after_at, :after_id)")
        rows = [row(r) for r in run(f"{ROW_SQL} WHERE {' AND '.join(dated)}{order}", params)]
    if len(rows) < limit:  # then the threads without messages, by id
        undated = [*clauses, "t.last_message_at IS NULL"]
        if after is not None and after.last_message_at is None:
            params["after_id"] = after.id
            undated.append("t.id < :after_id")
        params["limit"] = limit - len(rows)
        sql = f"{ROW_SQL} WHERE {' AND '.join(undated)} ORDER BY t.id DESC LIMIT :limit"
        rows += [row(r) for r in run(sql, params)]
    return rows
