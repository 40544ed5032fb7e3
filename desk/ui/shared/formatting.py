"""How times, kinds and statuses read on screen."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

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
