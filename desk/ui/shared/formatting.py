"""How times, kinds and statuses read on screen."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desk.core.wire import parse_utc


def local_time(wire_time: str | None, *, now: datetime | None = None) -> str:
    """A cached UTC time in the workstation's zone: time today, else the date."""
    if not wire_time:
        return ""
    moment = parse_utc(wire_time).astimezone()
    today = (now or datetime.now().astimezone()).date()
    if moment.date() == today:
        return moment.strftime("%H:%M")
    if moment.year == today.year:
        return moment.strftime("%d %b")
    return moment.strftime("%d %b %Y")


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
        self._days: dict[date, str] = {}

    def __call__(self, wire_time: str | None) -> str:
        """`wire_time` to the minute: see `message_time`."""
        if not wire_time:
            return ""
        moment = parse_utc(wire_time).astimezone()
        short = QLocale.FormatType.ShortFormat
        minute = (moment.hour, moment.minute)
        clock = self._clocks.get(minute)
        if clock is None:
            clock = self._clocks[minute] = self._locale.toString(QTime(*minute), short)
        if moment.date() == self._today:
            return clock
        day = self._days.get(moment.date())
        if day is None:
            days = (self._today - moment.date()).days
            if 0 < days < 7:
                day = self._locale.dayName(moment.isoweekday(), short)
            else:  # older, or ahead of this workstation's clock: the whole date
                day = self._locale.toString(QDate(moment.year, moment.month, moment.day), short)
            self._days[moment.date()] = day
        return _tr("{day} {time}").format(day=day, time=clock)


def message_time(
    wire_time: str | None, *, now: datetime | None = None, locale: QLocale | None = None
) -> str:
    """A cached UTC time in the workstation's zone, to the minute, in its locale.

    "3:42 PM" today, "Mon 3:42 PM" in the six days before, the date and the time
    before that (issue 13 item 8): a message label or a receipt says when, not only
    which day, so staff can tell "read before or after I called" apart.
    """
    return MessageClock(now=now, locale=locale)(wire_time)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Front Desk", text)


def thread_kind_label(kind: str) -> str:
    """The channel name staff know from the seeds."""
    return {
        "office": _tr("Office Chat"),
        "classroom": _tr("Classroom Chat"),
        "sms": _tr("Text message"),
        "group": _tr("Conversation"),
    }.get(kind, kind)


def status_label(status: str) -> str:
    """Unread / Open / Closed (seed 001)."""
    return {"unread": _tr("Unread"), "open": _tr("Open"), "closed": _tr("Closed")}.get(
        status, status
    )


def by_channel_label(channel: str) -> str:
    """How a message went out: "by SMS", "by email", "in the app" (seed 004)."""
    return {
        "sms": _tr("by SMS"),
        "email": _tr("by email"),
        "app": _tr("in the app"),
    }.get(channel, channel)


def channel_failed_label(channel: str) -> str:
    """A preferred channel that failed, so another was used: "SMS failed" (seed 004)."""
    return {
        "sms": _tr("SMS failed"),
        "email": _tr("Email failed"),
        "app": _tr("The app failed"),
    }.get(channel, channel)
