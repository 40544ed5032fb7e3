"""The centre's monthly text quota (seed 000), counted and enforced on the server.

The unit is one text to one phone number: one SMS delivery, whatever its length.
That is what the office sees in the thread view (one delivery row per number) and
can count in its cache from synced rows, so the figure in the composer and the
server's refusal agree. Segments are billed by the carrier but are shown by the
composer's counter separately (`desk.core.sms.sms_stats`). Fallback texts count
too: they are texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from desk.core.delivery import month_start
from desk.core.kinds import Channel
from desk.server.orm import Centre, Delivery, Message

# From this month's messages (an index range) to their deliveries (indexed by
# message), not from every delivery the centre ever had; built once, as every text
# sent checks it.
_TEXTS_SINCE = (
    select(func.count())
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
    """SMS deliveries of messages written since the start of `now`'s month (UTC)."""
    used = session.scalar(_TEXTS_SINCE, {"centre": centre_id, "since": month_start(now)})
    return int(used or 0)


@dataclass
class SmsBudget:
    """What is left of the month's quota while a command or a worker plans texts."""

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
        """Texts left this month, never negative."""
        return max(0, self.limit - self.used)

    def refusal(self, texts: int) -> str | None:
        """Why `texts` more would pass the quota, or None if they fit."""
        if self.used + texts <= self.limit:
            return None
        return (
            f"the monthly text limit is reached ({self.used} of {self.limit} used; "
            f"this needs {texts})"
        )

    def take(self, texts: int = 1) -> bool:
        """Spend `texts` if they fit; a fallback or notification skips SMS otherwise."""
        if self.refusal(texts) is not None:
            return False
        self.used += texts
        return True
