"""The audit log (seed 001) and the Background Tasks errors (seed 003).

The audit log says who sent what, who opened or closed which conversation, and
which phone number made a conversation Unread; the Background Tasks errors are the
other record only administrators see.

Filters arrive as the office thinks of them (local calendar days, a phone number as
typed) and are turned here into what the cache stores (UTC text, E.164 digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desk.core.wire import format_utc
from desk.models import audit_queries as q
from desk.models.cache import Cache

AuditRow = q.AuditRow
ActorRow = q.ActorRow
TaskErrorRow = q.TaskErrorRow


@dataclass(frozen=True)
class AuditQuery:
    """A filter of the audit log view; empty fields mean "any".

    Attributes:
        first_day: the first local calendar day shown, inclusive.
        last_day: the last local calendar day shown, inclusive.
        phone: a phone number or part of one, in any punctuation.
    """

    action: str | None = None
    actor_id: str | None = None
    thread_id: str | None = None
    phone: str = ""
    first_day: date | None = None
    last_day: date | None = None
    text: str = ""


def _local_midnight_utc(day: date) -> str:
    """The start of a local calendar day as cached UTC text."""
    return format_utc(datetime.combine(day, time()).astimezone())


def to_filter(query: AuditQuery) -> q.AuditFilter:
    """The cache-level filter for a view-level query."""
    return q.AuditFilter(
        action=query.action,
        actor_id=query.actor_id,
        thread_id=query.thread_id,
        phone_digits="".join(ch for ch in query.phone if ch.isdigit()),
        since=_local_midnight_utc(query.first_day) if query.first_day else None,
        until=_local_midnight_utc(query.last_day + timedelta(days=1)) if query.last_day else None,
        text=query.text.strip(),
    )


def audit_page(
    cache: Cache, query: AuditQuery, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """A page of matching audit events, newest first."""
    with cache.session() as session:
        return q.list_audit(session, to_filter(query), limit=limit, offset=offset)


def actors(cache: Cache) -> list[ActorRow]:
    """Everyone the "who" filter can pick."""
    with cache.session() as session:
        return q.audit_actors(session)


def has_events(cache: Cache) -> bool:
    """Whether any audit event is cached (administrators only receive them)."""
    with cache.session() as session:
        return q.has_audit_events(session)


def task_errors(
    cache: Cache, words: str = "", offset: int = 0, limit: int = 200
) -> list[TaskErrorRow]:
    """Background-task errors (the dead letter of the delivery queue), newest first."""
    with cache.session() as session:
        return q.list_task_errors(session, words.strip(), limit=limit, offset=offset)
