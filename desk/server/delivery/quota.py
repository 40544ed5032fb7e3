"""The centre's monthly text quota (seed 000), counted and enforced on the server.

The unit is the billable SMS segment, because that is what carriers bill: a text to
one number costs as many segments as its labelled body ("For Maria: ...") takes
under `desk.core.sms` (a 300-character emergency text in GSM-7 is 2; one emoji can
double it). Each SMS delivery stores its segment count when it is planned
(`Delivery.segments`), and `count_texts` adds it to its centre's `SmsUsage` row for
the month its message was written, in the same transaction; a recount (the link to
a message's files) or a withdrawn text changes that row by the difference. A send
therefore checks the quota by reading one row, locked on PostgreSQL so two
concurrent sends cannot both take the last segments. The office's New Message
counts the same segments from its synced delivery and message rows
(`desk.core.sms.texted_body`), so the figure in the composer and the server's
refusal agree. A text sent translated is counted as planned, untranslated: the
office agreed to that cost. Fallback texts and retries count too: they are texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desk.core.delivery import month_start
from desk.core.kinds import Channel
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.server.orm import Centre, Delivery, SmsUsage

# Built once, as every text sent asks them.
_QUOTA = select(Centre.sms_monthly_quota).where(Centre.id == bindparam("centre"))
_USED = select(SmsUsage.segments).where(
    SmsUsage.centre_id == bindparam("centre"), SmsUsage.month == bindparam("month")
)
_USED_LOCKED = _USED.with_for_update()


def month_key(moment: datetime) -> str:
    """The `SmsUsage.month` of a message written at `moment`: "2026-12", in UTC."""
    return month_start(moment).strftime("%Y-%m")


def texts_this_month(session: Session, centre_id: str, now: datetime, *, lock: bool) -> int:
    """Segments of SMS deliveries of messages written since `now`'s month began (UTC).

    With `lock`, the centre's row of the month stays locked on PostgreSQL until the
    transaction ends, so a concurrent send waits for this one's count.
    """
    query = _USED_LOCKED if lock else _USED
    used = session.scalar(query, {"centre": centre_id, "month": month_key(now)})
    return int(used or 0)


def count_texts(session: Session, centre_id: str, month: str, segments: int) -> None:
    """Add `segments` (negative to take some back) to the centre's use in `month`."""
    if not segments:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(SmsUsage).values(centre_id=centre_id, month=month, segments=segments)
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=[SmsUsage.centre_id, SmsUsage.month],
            set_={"segments": SmsUsage.segments + upsert.excluded.segments},
        )
    )


def count_planned(session: Session, deliveries: Iterable[Delivery], months: dict[str, str]) -> None:
    """Count the SMS among newly planned `deliveries`; `months` maps message id to month."""
    added: dict[tuple[str, str], int] = {}
    for delivery in deliveries:
        if delivery.channel == Channel.SMS:
            key = (delivery.centre_id, months[delivery.message_id])
            added[key] = added.get(key, 0) + delivery.segments
    for (centre_id, month), segments in added.items():
        count_texts(session, centre_id, month, segments)


@dataclass
class SmsBudget:
    """What is left of the month's quota, in segments, while texts are planned."""

    limit: int
    used: int
    period_start: datetime

    @classmethod
    def load(cls, session: Session, centre_id: str, now: datetime, *, lock: bool) -> SmsBudget:
        """The quota and its use so far, this transaction's texts included.

        A transaction that will send texts passes `lock` (see `texts_this_month`);
        one that only shows the figure does not.
        """
        limit = session.scalar(_QUOTA, {"centre": centre_id})
        if limit is None:
            raise LookupError(f"no centre {centre_id}")
        return cls(limit, texts_this_month(session, centre_id, now, lock=lock), month_start(now))

    @property
    def remaining(self) -> int:
        """Segments left this month, never negative."""
        return max(0, self.limit - self.used)

    def refusal(self, segments: int) -> UserError | None:
        """Why `segments` more would pass the quota, or None if they fit."""
        if self.used + segments <= self.limit:
            return None
        return UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the monthly text limit is reached ({used} of {limit} SMS segments used;"
                " this needs {segments})",
            ),
            used=self.used,
            limit=self.limit,
            segments=segments,
        )

    def take(self, segments: int = 1) -> bool:
        """Spend `segments` if they fit; a fallback or notification skips SMS otherwise."""
        if self.refusal(segments) is not None:
            return False
        self.used += segments
        return True
