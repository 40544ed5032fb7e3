"""Times where they matter, and sender labels never cut (issue 13 item 8).

A message label says when to the minute in the workstation's locale: "3:42 PM"
today, "Mon 3:42 PM" this week, the date and the time before. The author's name is
never cut to the bubble's width: the label widens, and wraps past the view's width.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from desk.core.wire import format_utc
from desk.models.thread_view import MessageView
from desk.ui.inbox.messages import HEADER_ROLE, MessageDelegate, MessageList, MessageListModel
from desk.ui.shared.formatting import message_time

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
NOW = datetime(2026, 12, 3, 17, 5).astimezone()  # a Thursday afternoon, local time


def wire(moment: datetime) -> str:
    return format_utc(moment)


def plain(text: str) -> str:
    """Spaces as typed: CLDR puts a narrow no-break space before "PM"."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_today_this_week_and_older_in_the_locale() -> None:
    at = NOW.replace(hour=15, minute=42)
    assert plain(message_time(wire(at), now=NOW, locale=US)) == "3:42 PM"
    assert plain(message_time(wire(at - timedelta(days=3)), now=NOW, locale=US)) == "Mon 3:42 PM"
    assert plain(message_time(wire(at - timedelta(days=12)), now=NOW, locale=US)) == (
        "11/21/2026, 3:42 PM"
    )
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert message_time(wire(at), now=NOW, locale=german) == "15:42"
    assert message_time("", now=NOW) == ""


@pytest.fixture
def us_locale() -> Iterator[None]:
    """The workstation in US English for the test, as it was afterwards."""
    before = QLocale()
    QLocale.setDefault(US)
    yield
    QLocale.setDefault(before)


def message(author: str, created_at: str, direction: str = "in") -> MessageView:
    return MessageView(
        id=f"m-{len(author)}-{direction}",
        thread_id="t",
        direction=direction,
        author_kind="guardian",
        author_id="g",
        author=author,
        from_phone=None,
        body="See you at pickup.",
        state="sent",
        error="",
        emergency_sms=False,
        created_at=created_at,
        local=False,
    )


LONG = "Maria Guadalupe Fernández-Castellanos"
LONGER = " ".join([LONG] * 4)


def test_sender_labels_show_the_time_and_widen_or_wrap_but_are_never_cut(
    qtbot: QtBot, us_locale: None
) -> None:
    today = wire(datetime.now().astimezone().replace(hour=9, minute=5))
    model = MessageListModel()
    rows = [message("Ann Lee", today), message(LONG, today, "out"), message(LONGER, today)]
    model.set_messages(rows)
    view = MessageList(model)
    qtbot.addWidget(view)
    metrics = QFontMetrics(view.font())
    headers = [str(model.index(r).data(HEADER_ROLE)) for r in range(3)]
    assert plain(headers[0]) == "Ann Lee · 9:05 AM"
    # Wider than the bubble (68% of the view), narrower than the view.
    view.resize(metrics.horizontalAdvance(headers[1]) + 90, 600)
    view.show()
    qtbot.waitExposed(view)
    delegate = view.itemDelegate()
    assert isinstance(delegate, MessageDelegate)

    short, wide, wrapped = (delegate.header_rect(model.index(r)) for r in range(3))
    assert short.height() == metrics.height()
    # Longer than the bubble, shorter than the view: one line, as wide as the name.
    assert wide.height() == metrics.height()
    assert wide.width() >= metrics.horizontalAdvance(headers[1])
    assert wide.right() <= view.viewport().width()
    # Longer than the view: wrapped within it over as many lines as it takes.
    assert wrapped.width() <= view.viewport().width()
    assert wrapped.height() >= 2 * metrics.height()
    assert view.visualRect(model.index(2)).height() > view.visualRect(model.index(0)).height()
