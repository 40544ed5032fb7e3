"""How long a sign-in must wait after failed attempts (issue 12 item 4).

Three counters, each over the last `WINDOW`, each a growing delay with a ceiling:

- **account + address** (`PAIR`): someone guessing one account's password from one
  place. Five failures are free (typos); then the next attempt waits 1 s after the
  last failure, then 2, 4, 8 ... seconds, never more than `CEILING` (5 minutes). A
  successful sign-in from that address clears it.
- **address** (`ADDRESS`): one place trying many accounts (password spraying).
  Twenty failures are free, then the same doubling with the same ceiling.
- **account** (`ACCOUNT`): one account guessed from many places. Twenty failures are
  free, then the same doubling and ceiling; it applies only to addresses the account
  has not signed in from successfully within `TRUSTED_FOR`.

Why an attacker cannot lock a real admin out for good: every delay is at most
`CEILING` after the attacker's *last* failure, attempts refused while waiting are
not counted (they never reach the password check, so they also reveal nothing), and
the two counters an attacker elsewhere can drive up do not reach the admin's own
usual address: the account counter exempts addresses the admin signed in from
before, and the address counter is the attacker's own. So from their usual
workstation an admin waits only for their own typos; from a new address during a
distributed attack on their account, at most `CEILING` after the last guess.

What an attacker gets: per account and address about 12 guesses an hour once the
ceiling is reached (5 free, then a doubling that reaches 5 minutes after 9 more);
per address the same after 20; with many addresses, 20 an hour per account plus 12
an hour per address it has been used from, so a password worth guessing must still
be one nobody would guess in a few thousand tries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)
TRUSTED_FOR = timedelta(days=30)
CEILING = 300.0


@dataclass(frozen=True)
class Limit:
    """A growing delay: `free` failures, then `first` seconds, doubling to `ceiling`."""

    free: int
    first: float = 1.0
    ceiling: float = CEILING

    def delay(self, failures: int) -> float:
        """Seconds to wait after the last of `failures` failures before trying again."""
        if failures < self.free:
            return 0.0
        exponent = min(failures - self.free, 32)  # 2**32 s is past any ceiling
        return min(self.ceiling, self.first * 2.0**exponent)


PAIR = Limit(free=5)
ADDRESS = Limit(free=20)
ACCOUNT = Limit(free=20)


@dataclass(frozen=True)
class Recent:
    """Failures counted against one key within the window, and when the last was."""

    failures: int = 0
    last: datetime | None = None

    def wait(self, limit: Limit, now: datetime) -> float:
        """Seconds still to wait under `limit` (0 when an attempt may go ahead)."""
        if self.last is None:
            return 0.0
        ready = self.last + timedelta(seconds=limit.delay(self.failures))
        return max(0.0, (ready - now).total_seconds())


def seconds_to_wait(pair: Recent, address: Recent, account: Recent | None, now: datetime) -> int:
    """Whole seconds before the next attempt may be checked; 0 when it may go now.

    `account` is None when the address is trusted for the account (see above).
    """
    waits = [pair.wait(PAIR, now), address.wait(ADDRESS, now)]
    if account is not None:
        waits.append(account.wait(ACCOUNT, now))
    return math.ceil(max(waits))
