"""How times, kinds and statuses read on screen.

Dates and times follow the locale Qt formats in by default (`QLocale()`): the
workstation's, or the language chosen in the settings (`desk.i18n.language`), so a US
centre reads "12/6/2026, 3:42 PM" and a Spanish one "6/12/2026, 15:42". Qt's short
date formats give some locales a two-digit year ("12/6/26"); a date standing alone
on a record must not be ambiguous, so the year is always written in full.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desk.core.wire import parse_utc


def date_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year ("M/d/yyyy" in en_US)."""
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def short_date(moment: date, locale: QLocale | None = None) -> str:
    """A date as the locale writes it in short: "12/6/2026", "06/12/2026", "6/12/2026"."""
    shown = locale or QLocale()
    return shown.toString(QDate(moment.year, moment.month, moment.day), date_format(shown))


def short_time(hour: int, minute: int, locale: QLocale | None = None) -> str:
    """A time of day as the locale writes it: "3:42 PM", "15:42"."""
    return (locale or QLocale()).toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def date_and_time(wire_time: str | None, locale: QLocale | None = None) -> str:
    """A cached UTC time in the workstation's zone as date and time: "12/6/2026, 3:42 PM".

    For what needs both even today: the audit trail, a preference's "since".
    """
    if not wire_time:
        return ""
    moment = parse_utc(wire_time).astimezone()
    return QCoreApplication.translate("Front Desk", "{date}, {time}").format(
        date=short_date(moment.date(), locale), time=short_time(moment.hour, moment.minute, locale)
    )


def local_time(
    wire_time: str | None, *, now: datetime | None = None, locale: QLocale | None = None
) -> str:
    """A cached UTC time in the workstation's zone and locale: time today, else the date."""
    if not wire_time:
        return ""
    moment = parse_utc(wire_time).astimezone()
    today = (now or datetime.now().astimezone()).date()
    if moment.date() == today:
        return short_time(moment.hour, moment.minute, locale)
    return short_date(moment.date(), locale)


class MessageClock:
    """`message_time` for many times at once, as a thread of 500 messages needs.

    Today's date and the locale are read once, and each minute of the day and each
    day is formatted once: Qt's locale formatting costs several microseconds a call.

    Attributes:
        day: the date and locale the times are shown for; under another the same
            times read differently ("3:42 PM" becomes "Mon 3:42 PM").
    """

    def __init__(self, *, now: datetime | None = None, locale: QLocale | None = None) -> None:
        self._today = (now or datetime.now().astimezone()).date()
        self._locale = locale or QLocale()
        self.day = (self._today, self._locale.name())
        self._clocks: dict[tuple[int, int], str] = {}
        self._days: dict[date, str] = {}  # each day's wording, "{time}" still to fill in

    def __call__(self, wire_time: str | None) -> str:
        """`wire_time` to the minute: see `message_time`."""
        if not wire_time:
            return ""
        moment = parse_utc(wire_time).astimezone()
        minute = (moment.hour, moment.minute)
        clock = self._clocks.get(minute)
        if clock is None:
            clock = self._clocks[minute] = short_time(*minute, self._locale)
        if moment.date() == self._today:
            return clock
        day = self._days.get(moment.date())
        if day is None:
            days = (self._today - moment.date()).days
            if 0 < days < 7:
                day = self._locale.dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
                day = QCoreApplication.translate("Front Desk", "{day} {time}").replace("{day}", day)
            else:  # older, or ahead of this workstation's clock: the whole date
                day = QCoreApplication.translate("Front Desk", "{date}, {time}").replace(
                    "{date}", short_date(moment.date(), self._locale)
                )
            self._days[moment.date()] = day
        return day.replace("{time}", clock)


def message_time(
    wire_time: str | None, *, now: datetime | None = None, locale: QLocale | None = None
) -> str:
    """A cached UTC time in the workstation's zone, to the minute, in its locale.

    "3:42 PM" today, "Mon 3:42 PM" in the six days before, "11/21/2026, 3:42 PM"
    before that (issue 13 item 8): a message label or a receipt says when, not only
    which day, so staff can tell "read before or after I called" apart.
    """
    return MessageClock(now=now, locale=locale)(wire_time)


def thread_kind_label(kind: str) -> str:
    """The channel name staff know from the seeds."""
    return {
        "office": QCoreApplication.translate("Front Desk", "Office Chat"),
        "classroom": QCoreApplication.translate("Front Desk", "Classroom Chat"),
        "sms": QCoreApplication.translate("Front Desk", "Text message"),
        "group": QCoreApplication.translate("Front Desk", "Conversation"),
    }.get(kind, kind)


def status_label(status: str) -> str:
    """Unread / Open / Closed (seed 001)."""
    return {
        "unread": QCoreApplication.translate("Front Desk", "Unread"),
        "open": QCoreApplication.translate("Front Desk", "Open"),
        "closed": QCoreApplication.translate("Front Desk", "Closed"),
    }.get(status, status)


def by_channel_label(channel: str) -> str:
    """How a message went out: "by SMS", "by email", "in the app" (seed 004)."""
    return {
        "sms": QCoreApplication.translate("Front Desk", "by SMS"),
        "email": QCoreApplication.translate("Front Desk", "by email"),
        "app": QCoreApplication.translate("Front Desk", "in the app"),
    }.get(channel, channel)


def channel_failed_label(channel: str) -> str:
    """A preferred channel that failed, so another was used: "SMS failed" (seed 004)."""
    return {
        "sms": QCoreApplication.translate("Front Desk", "SMS failed"),
        "email": QCoreApplication.translate("Front Desk", "Email failed"),
        "app": QCoreApplication.translate("Front Desk", "The app failed"),
    }.get(channel, channel)
