"""The centre's monthly text quota (seed 000), counted and enforced on the server.

The unit is the billable SMS segment, because that is what carriers bill: a text to
one number costs as many segments as its labelled body ("For Maria: ...") takes
under `desk.core.sms` (a 300-character emergency text in GSM-7 is 2; one emoji can
double it). Each SMS delivery stores its segment count when it is planned
(`Delivery.segments`), so the month's use is one indexed SUM. The office's New
Message counts the same segments from its synced delivery and message rows
(`desk.core.sms.texted_body`), so the figure in the composer and the server's
refusal agree. A text sent translated is counted as planned, untranslated: the
office agreed to that cost. Fallback texts and retries count too: they are texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from desk.core.delivery import month_start
from desk.core.kinds import Channel
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.server.orm import Centre, Delivery, Message

# From this month's messages (an index range) to their deliveries (indexed by
# message), not from every delivery the centre ever had; built once, as every text
# sent checks it.
_TEXTS_SINCE = (
    select(func.coalesce(func.sum(Delivery.segments), 0))
    .select_from(Delivery)
    .where(
        Delivery.message_id.in_(
            select(Message.id).where(
                Message.centre_id == bindparam("centre"),
                Message.created_at >= bindparam("since", type_=Message.created_at.type),
            )
        ),
        Delivery.channel == Channel.SMS,
        ~Delivery.deleted,
    )
)


def texts_this_month(session: Session, centre_id: str, now: datetime) -> int:
    """Segments of SMS deliveries of messages written since `now`'s month began (UTC)."""
    used = session.scalar(_TEXTS_SINCE, {"centre": centre_id, "since": month_start(now)})
    return int(used or 0)


@dataclass
class SmsBudget:
    """What is left of the month's quota, in segments, while texts are planned."""

    limit: int
    used: int
    period_start: datetime

    @classmethod
    def load(cls, session: Session, centre_id: str, now: datetime) -> SmsBudget:
        """The quota and its use so far, pending rows of this transaction included."""
        centre = session.get_one(Centre, centre_id)
        return cls(
            centre.sms_monthly_quota, texts_this_month(session, centre_id, now), month_start(now)
        )

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
