"""The family app's guards, proven in a real browser (issue 14).

`test_family_app.py` proves each refusal over plain HTTP; these prove that what a
guardian's browser can actually do (type another id into the address bar, post a
form whose token was stripped, post from another site, sign in with a code used
before) reveals and changes nothing. Codes come from the server's Twilio and SMTP
doubles, as a phone and a mailbox receive them. One server per test: a guardian's
sign-ins are throttled per phone number and per source, and the browser always
comes from 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.core.kinds import ThreadKind
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from desk.server.orm import Attachment, Message
from tests.support.chromium import chromium_or_skip, headless_chromium
from tests.support.factories import CentreIds, make_centre
from tests.support.family_app import new_thread, post_from_office
from tests.support.family_browser import (
    CODE_WRONG,
    FORM_EXPIRED,
    NOT_FOUND,
    open_path,
    page_text,
    replaced,
    sign_in,
    waiter,
)
from tests.support.family_phones import FamilyPhones, family_phones

MARIA = "+15555550101"
ANN = "+15555550102"
BEN_EMAIL = "ben@example.org"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """This test's server database: SQLite, migrated (the HTTP tests cover PostgreSQL)."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    upgrade(url)
    opened = open_database(url)
    yield opened
    opened.dispose()


@pytest.fixture
def centre(database: Database) -> CentreIds:
    """The centre: the Diaz family (Maria) and the split Lee family (Ann, Ben)."""
    return make_centre(database)


@pytest.fixture
def phones(database: Database, tmp_path: Path) -> Iterator[FamilyPhones]:
    """The server, sending codes to the Twilio and SMTP doubles."""
    with family_phones(database.url, tmp_path / "server") as server:
        yield server


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """A guardian's phone browser."""
    found = chromium_or_skip()
    chrome = headless_chromium(*found)
    yield chrome
    chrome.quit()


def _anns_thread(database: Database, centre: CentreIds, body: str) -> tuple[str, str, str]:
    """Ann Lee's private Office Chat with one message and its attachment: their ids."""
    thread = new_thread(
        database, centre, ThreadKind.OFFICE, family_id=centre.split_family, guardian="ann"
    )
    message = post_from_office(database, centre, thread, body)
    attachment = new_id()
    with database.writing() as session:
        session.add(
            Attachment(
                id=attachment,
                centre_id=centre.centre,
                message_id=message,
                filename="report.pdf",
                mime_type="application/pdf",
                size=1000,
                sha256="0" * 64,
            )
        )
    return thread, message, attachment


def _messages_saying(database: Database, body: str) -> int:
    with database.reading() as session:
        found = session.scalar(
            select(func.count()).select_from(Message).where(Message.body == body)
        )
    return int(found or 0)


def _post_reply(browser: webdriver.Chrome, body: str) -> None:
    """Type `body` into the open conversation's reply form and send it."""
    browser.find_element(By.ID, "body").send_keys(body)
    button = browser.find_element(By.CSS_SELECTOR, "form[action$='/reply'] button")
    button.click()
    waiter(browser).until(replaced(button))


def test_another_id_in_the_address_bar_reveals_nothing(
    phones: FamilyPhones, browser: webdriver.Chrome, database: Database, centre: CentreIds
) -> None:
    """Maria types the ids of Ann's thread, message and file: each is "nothing here".

    A reply form pointed at Ann's thread is refused the same way and stores nothing.
    """
    secret = "Ann, about the Lee account"
    anns, message, attachment = _anns_thread(database, centre, secret)
    office = centre.threads["office"]
    post_from_office(database, centre, office, "Picture day is Friday")
    sign_in(browser, phones, centre.centre, MARIA)
    assert anns not in browser.page_source  # not in her list
    for path in (
        f"/family/c/{anns}",
        f"/family/c/{office}?before={message}",  # her thread, paged from Ann's message
        f"/family/files/{attachment}",
    ):
        text = open_path(browser, phones, path)
        assert NOT_FOUND in text, path
        assert secret not in browser.page_source, path
    assert "Picture day is Friday" in open_path(browser, phones, f"/family/c/{office}")
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/reply']")
    browser.execute_script(
        "arguments[0].setAttribute('action', arguments[1])", form, f"/family/c/{anns}/reply"
    )
    _post_reply(browser, "Sent into Ann's thread")
    assert NOT_FOUND in page_text(browser)
    assert _messages_saying(database, "Sent into Ann's thread") == 0


def test_a_form_without_its_token_or_from_another_site_changes_nothing(
    phones: FamilyPhones, browser: webdriver.Chrome, database: Database, centre: CentreIds
) -> None:
    """A sign-in or reply posted without the page's CSRF token is refused.

    A reply posted from another site carries no session cookie (SameSite=Lax), so
    the server sees nobody signed in. No code is sent and no message stored.
    """
    strip_token = "document.querySelectorAll('input[name=csrf]').forEach(i => i.remove())"
    browser.get(f"{phones.url}/family/sign-in?centre={centre.centre}")
    browser.execute_script(strip_token)
    browser.find_element(By.ID, "address").send_keys(MARIA)
    button = browser.find_element(By.CSS_SELECTOR, "form[action='/family/sign-in'] button")
    button.click()
    waiter(browser).until(replaced(button))
    assert FORM_EXPIRED in page_text(browser)
    assert phones.codes_to(MARIA) == []

    office = centre.threads["office"]
    sign_in(browser, phones, centre.centre, MARIA)
    open_path(browser, phones, f"/family/c/{office}")
    browser.execute_script(strip_token)
    _post_reply(browser, "Posted without a token")
    assert FORM_EXPIRED in page_text(browser)

    forged = (
        f'<form method="post" action="{phones.url}/family/c/{office}/reply">'
        '<input name="body" value="Posted from another site"></form>'
        "<script>document.forms[0].submit()</script>"
    )
    browser.get("data:text/html," + quote(forged))
    # Answered with "sign in first", whose plain navigation does carry the cookie: her list.
    waiter(browser).until(lambda b: b.current_url == f"{phones.url}/family/")
    assert _messages_saying(database, "Posted without a token") == 0
    assert _messages_saying(database, "Posted from another site") == 0


def test_a_code_that_signed_in_once_does_not_sign_in_again(
    phones: FamilyPhones, browser: webdriver.Chrome, centre: CentreIds
) -> None:
    """After signing out, Maria's browser posts her used code again: refused, signed out."""
    used = sign_in(browser, phones, centre.centre, MARIA)
    sign_out = browser.find_element(By.CSS_SELECTOR, "form[action='/family/sign-out'] button")
    sign_out.click()
    waiter(browser).until(lambda b: b.current_url.endswith("/family/sign-in"))
    # The sign-in form, with its fresh token, turned into the code form the used code
    # was typed into, without asking anew: a new code would replace the used one.
    open_path(browser, phones, f"/family/sign-in?centre={centre.centre}")
    browser.execute_script(
        """
        const form = document.querySelector("form[action='/family/sign-in']");
        form.setAttribute('action', '/family/code');
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'code';
        input.value = arguments[0];
        form.appendChild(input);
        """,
        used,
    )
    browser.find_element(By.ID, "address").send_keys(MARIA)
    button = browser.find_element(By.CSS_SELECTOR, "form[action='/family/code'] button")
    button.click()
    waiter(browser).until(replaced(button))
    assert CODE_WRONG in page_text(browser)
    open_path(browser, phones, "/family/")
    assert browser.current_url.endswith("/family/sign-in")


def test_a_split_familys_second_guardian_does_not_see_the_firsts_thread(
    phones: FamilyPhones, browser: webdriver.Chrome, database: Database, centre: CentreIds
) -> None:
    """Ben, signed in with the code his mailbox got, finds no trace of Ann's private thread.

    Ann, signed in by text, reads it.
    """
    secret = "Ann, about the Lee account"
    anns, _message, _attachment = _anns_thread(database, centre, secret)
    sign_in(browser, phones, centre.centre, BEN_EMAIL)
    assert anns not in browser.page_source
    assert NOT_FOUND in open_path(browser, phones, f"/family/c/{anns}")
    assert secret not in browser.page_source
    browser.delete_all_cookies()
    sign_in(browser, phones, centre.centre, ANN)
    link = browser.find_element(By.CSS_SELECTOR, f"a[href^='/family/c/{anns}']")
    link.click()
    waiter(browser).until(lambda b: secret in page_text(b))
