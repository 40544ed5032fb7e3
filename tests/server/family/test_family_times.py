"""A family page's times are the centre's clock in the page's language, not UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from desk.server.family.times import centre_zone, local_when

NOW = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)
EVENING = datetime(2026, 12, 6, 0, 45, tzinfo=UTC)  # still the 5th in Chicago


def test_a_time_is_read_on_the_centre_s_clock() -> None:
    chicago = centre_zone("America/Chicago")
    assert local_when(EVENING, chicago, "en", NOW) == "Dec 5, 6:45 PM"
    assert local_when(EVENING, chicago, "es", NOW) == "5 dic, 18:45"


def test_another_year_is_named() -> None:
    chicago = centre_zone("America/Chicago")
    last_year = datetime(2025, 7, 1, 17, 5, tzinfo=UTC)
    assert local_when(last_year, chicago, "en", NOW) == "Jul 1, 2025, 12:05 PM"
    assert local_when(last_year, chicago, "es", NOW) == "1 jul 2025, 12:05"


def test_midnight_and_noon_read_as_twelve() -> None:
    utc_zone = centre_zone("UTC")
    assert local_when(datetime(2026, 3, 2, 0, 7, tzinfo=UTC), utc_zone, "en", NOW) == (
        "Mar 2, 12:07 AM"
    )
    assert local_when(datetime(2026, 3, 2, 12, 7, tzinfo=UTC), utc_zone, "en", NOW) == (
        "Mar 2, 12:07 PM"
    )


def test_an_unknown_zone_says_utc_rather_than_guess() -> None:
    assert centre_zone("Mars/Olympus_Mons") is None
    assert centre_zone("../../etc/passwd") is None
    assert local_when(EVENING, None, "en", NOW) == "Dec 6, 12:45 AM UTC"


def test_nothing_to_show_is_empty() -> None:
    assert local_when(None, centre_zone("UTC"), "en", NOW) == ""
