"""Issue 14's done-when, end to end: the office writes, a guardian answers from her phone.

Every part is the real one: a `desk server` process sending texts through Twilio's
API to a loopback double and email over SMTP to an aiosmtpd relay; the office's
main window over its own cache, its sync engine long-polling as in the app; and
the guardian in headless Chromium, signing in with the code her phone received.
Selenium blocks, so browser steps run in a thread while the Qt event loop (and
with it the office's sync) goes on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from selenium import webdriver
from selenium.webdriver.common.by import By
from sqlalchemy import select

from desk.core.kinds import Direction, ThreadStatus
from desk.models import messaging
from desk.models.cache import Cache, open_cache
from desk.models.conversation_queries import seen_by_message
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from desk.services.account import adopt
from desk.sync.engine import LONG_POLL_SECONDS
from desk.sync.http import ServerApi
from desk.ui.app import open_window
from desk.ui.inbox.inbox import InboxPage
from desk.ui.inbox.messages import LINES_ROLE
from desk.ui.mainwindow.main_window import MainWindow
from tests.support.chromium import chromium_or_skip, headless_chromium
from tests.support.factories import CentreIds, make_centre
from tests.support.family_app import png_bytes
from tests.support.family_browser import sign_in, waiter
from tests.support.family_phones import FamilyPhones, family_phones
from tests.support.office_window import server_token
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner, until

MARIA = "+15555550101"
ASKED = "Picture day is Friday. Can you send a photo of Leo's costume?"
ANSWER = "Thanks! Here he is"
DEADLINE = 1.0
"""Seconds the office has to show the guardian's reply: the long-poll's wake-up, not a poll."""


@pytest.fixture
def server_database(tmp_path: Path) -> Iterator[Database]:
    """The server's SQLite database, migrated (one backend: this proves the journey)."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    upgrade(url)
    database = open_database(url)
    yield database
    database.dispose()


@pytest.fixture
def phones(server_database: Database, tmp_path: Path) -> Iterator[FamilyPhones]:
    """The server and the doubles of the guardians' phones and mailboxes."""
    with family_phones(server_database.url, tmp_path / "server") as server:
        yield server


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """The guardian's phone browser."""
    found = chromium_or_skip()
    chrome = headless_chromium(*found)
    yield chrome
    chrome.quit()


@pytest.fixture
def office_cache(tmp_path: Path) -> Iterator[Cache]:
    """The office workstation's cache."""
    cache = open_cache(tmp_path / "office.db")
    yield cache
    cache.close()


@pytest.fixture
def office_window(
    qtbot: QtBot,
    run_async: Runner,
    phones: FamilyPhones,
    server_database: Database,
    office_cache: Cache,
    tmp_path: Path,
) -> Iterator[tuple[MainWindow, CentreIds]]:
    """The admin's main window with its engine running, as the app opens it."""
    centre = make_centre(server_database)
    api = ServerApi(phones.url, server_token(phones.process, centre))
    adopt(office_cache, api)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(office_cache, api, "Maple", settings=settings, long_poll=LONG_POLL_SECONDS)
    yield window, centre
    run_async(window.engine.stop())  # before the cache closes and the loop moves on
    window.close()
    window.deleteLater()
    api.close()


def test_a_guardian_answers_the_office_with_a_photo(
    run_async: Runner,
    phones: FamilyPhones,
    browser: webdriver.Chrome,
    office_window: tuple[MainWindow, CentreIds],
    office_cache: Cache,
    tmp_path: Path,
) -> None:
    """The office asks; Maria reads it on her phone and answers with a photo.

    Within a second of her reply the office's inbox shows the thread Unread with
    the photo's attachment row, and seen-by under its message names her.
    """
    window, centre = office_window
    office = centre.threads["office"]
    photo = tmp_path / "leo.png"
    photo.write_bytes(png_bytes())
    wait = waiter(browser)

    def inbox() -> InboxPage:
        assert window.inbox is not None
        return window.inbox

    def status_in_the_list() -> str | None:
        model = inbox().model
        row = model.row_of(office)
        return model.row_at(row).status if row >= 0 else None

    def sign_in_and_read() -> None:
        """Ask for a code, type the one Maria's phone got, open the conversation."""
        sign_in(browser, phones, centre.centre, MARIA)
        link = browser.find_element(By.CSS_SELECTOR, f"ul.threads a[href^='/family/c/{office}']")
        link.click()
        wait.until(lambda b: ASKED in b.find_element(By.CSS_SELECTOR, "ol.messages").text)

    def write_reply() -> None:
        browser.find_element(By.ID, "body").send_keys(ANSWER)
        browser.find_element(By.ID, "photo").send_keys(str(photo))

    def send_reply() -> None:
        browser.find_element(By.CSS_SELECTOR, "form[action$='/reply'] button").click()

    def photo_width() -> int:
        image = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, "ol.messages li#latest img"))
        width: int = browser.execute_script("return arguments[0].naturalWidth", image)
        return width

    def reply_with_photo() -> messaging.Attachment | None:
        """The reply's attachment row in the office cache, once the reply is there."""
        with office_cache.session() as session:
            return session.scalars(
                select(messaging.Attachment)
                .join(messaging.Message, messaging.Message.id == messaging.Attachment.message_id)
                .where(
                    messaging.Message.thread_id == office,
                    messaging.Message.direction == Direction.INBOUND,
                    messaging.Message.body == ANSWER,
                )
            ).first()

    async def journey() -> str:
        engine = window.engine
        await until(
            lambda: (
                window.inbox is not None
                and inbox().service is not None
                and status_in_the_list() is not None
            ),
            engine.data_changed,
        )
        service = inbox().service
        assert service is not None
        asked = service.reply(office, ASKED).args["message_id"]
        await wait_until_async(
            lambda: any(ASKED in text for text in phones.texts_to(MARIA)),
            "the office's message reaches Maria's phone",
        )
        await asyncio.to_thread(sign_in_and_read)
        await asyncio.to_thread(write_reply)
        await asyncio.to_thread(send_reply)
        await until(
            lambda: status_in_the_list() == ThreadStatus.UNREAD and reply_with_photo() is not None,
            engine.data_changed,
            timeout=DEADLINE,
        )
        assert await asyncio.to_thread(photo_width) == 64
        inbox().open_thread(office)  # as a click in the list does
        return str(asked)

    asked = run_async(journey(), timeout=120)
    attachment = reply_with_photo()
    assert attachment is not None
    assert (attachment.filename, attachment.mime_type) == ("leo.png", "image/png")
    assert attachment.size == len(photo.read_bytes())
    service = inbox().service
    assert service is not None
    seen = service.seen(office)[asked]
    assert (seen.readers, seen.name) == (1, "Maria Diaz")
    with office_cache.session() as session:
        readers = [(r.person_kind, r.name) for r in seen_by_message(session, asked)]
    assert readers == [("guardian", "Maria Diaz")]
    shown = inbox().thread_view.messages
    lines = [shown.index(row, 0).data() for row in range(shown.rowCount())]
    assert any(ASKED in line and "Seen by Maria Diaz" in line for line in lines), lines
    assert any(line.startswith("Maria Diaz") and ANSWER in line for line in lines), lines
    # The photo shows under her reply, as the attachment bar's row to open it.
    [answer] = [row for row in range(shown.rowCount()) if ANSWER in shown.index(row, 0).data()]
    under = [text for text, _tone in shown.index(answer, 0).data(LINES_ROLE)]
    assert any(text.startswith("Attached: leo.png · ") for text in under), under
