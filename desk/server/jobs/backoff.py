"""How long a failed job waits before its next attempt.

Exponential backoff with "equal jitter" (a uniform draw between half the ceiling
and the ceiling) spreads the retries of a burst that failed together, such as 5,000
texts refused during a provider outage, so they do not all come back in the same
second and fail again, while still waiting longer after each failure.
"""

from __future__ import annotations

import random

BASE_SECONDS = 2.0
CAP_SECONDS = 900.0


def retry_delay(
    attempt: int,
    *,
    retry_after: float | None = None,
    rng: random.Random | None = None,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
) -> float:
    """Seconds to wait after failed attempt number `attempt` (1 for the first).

    A provider's own `Retry-After` is a floor: waiting less would only be refused.
    """
    ceiling = min(cap, base * 2 ** max(0, attempt - 1))
    delay = (rng or random).uniform(ceiling / 2, ceiling)
    return max(delay, retry_after or 0.0)
