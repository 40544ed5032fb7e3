"""The sign-in throttle's delays (issue 12 item 4): free tries, doubling, a ceiling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desk.core.throttle import ACCOUNT, ADDRESS, CEILING, PAIR, Limit, Recent, seconds_to_wait

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def test_five_failures_are_free_then_the_wait_doubles_to_five_minutes() -> None:
    delays = [PAIR.delay(n) for n in range(4, 16)]
    assert delays == [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert ADDRESS.delay(19) == ACCOUNT.delay(19) == 0
    assert ADDRESS.delay(20) == ACCOUNT.delay(20) == 1


@given(st.integers(min_value=0, max_value=10**9))
def test_no_number_of_failures_waits_past_the_ceiling(failures: int) -> None:
    assert 0 <= Limit(free=5).delay(failures) <= CEILING


def test_the_wait_runs_from_the_last_failure_and_takes_the_strictest_counter() -> None:
    just_now = Recent(6, NOW - timedelta(seconds=0.5))  # PAIR: 2 s after the 6th
    assert seconds_to_wait(just_now, Recent(), None, NOW) == 2
    assert seconds_to_wait(Recent(6, NOW - timedelta(seconds=3)), Recent(), None, NOW) == 0
    spraying = Recent(25, NOW)  # ADDRESS: 32 s after the 25th
    assert seconds_to_wait(Recent(), spraying, None, NOW) == 32
    # The account's count applies only where the caller passes it (an untrusted address).
    assert seconds_to_wait(Recent(), Recent(), Recent(40, NOW), NOW) == 300
