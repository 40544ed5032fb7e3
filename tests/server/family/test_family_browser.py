"""The family app in a real browser: sign in with a texted code, read, reply with a photo.

On SQLite: the HTTP tests beside it cover both backends; these prove the pages work
as a browser uses them (cookies, forms, file upload, inline image, the preferences
page's script and layout).
"""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from desk.core.kinds import Direction, ThreadStatus
from desk.server.db import open_database
from desk.server.migrate import upgrade
from desk.server.orm import Attachment, Guardian, Message, Receipt, Thread
from tests.support.chromium import chromium_or_skip, headless_chromium
from tests.support.factories import make_centre
from tests.support.family_app import family_server, png_bytes, post_from_office

MARIA = "+15555550101"


def test_a_guardian_signs_in_reads_and_replies_with_a_photo(tmp_path: Path) -> None:
    """The whole journey of issue 14's done-when, up to the office database."""
    browser_path, driver_path = chromium_or_skip()
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    upgrade(url)
    database = open_database(url)
    centre = make_centre(database)
    office = centre.threads["office"]
    sent = post_from_office(database, centre, office, "Picture day is Friday")
    photo = tmp_path / "leo.png"
    photo.write_bytes(png_bytes())
    with family_server(url, tmp_path) as server:
        browser = headless_chromium(browser_path, driver_path)
        wait = WebDriverWait(browser, 20)
        try:
            browser.get(f"{server.url}/family/sign-in?centre={centre.centre}")
            browser.find_element(By.ID, "address").send_keys(MARIA)
            browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            code_box = wait.until(lambda b: b.find_element(By.ID, "code"))
            code_box.send_keys(server.code_for(MARIA))
            code_box.submit()
            link = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, "ul.threads a"))
            assert "New" in link.text
            link.click()
            wait.until(lambda b: "Picture day is Friday" in b.page_source)
            browser.find_element(By.ID, "body").send_keys("Thanks! Here she is")
            browser.find_element(By.ID, "photo").send_keys(str(photo))
            browser.find_element(By.ID, "body").submit()
            image = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, "ol.messages img"))
            assert browser.execute_script("return arguments[0].naturalWidth", image) == 64
        finally:
            browser.quit()
    with database.reading() as session:
        assert session.scalars(select(Receipt).where(Receipt.message_id == sent)).one()
        assert session.get_one(Thread, office).status == ThreadStatus.UNREAD
        reply = session.scalars(
            select(Message).where(
                Message.thread_id == office, Message.direction == Direction.INBOUND
            )
        ).one()
        assert reply.body == "Thanks! Here she is"
        files = session.scalars(select(Attachment).where(Attachment.message_id == reply.id)).all()
        assert [(f.filename, f.mime_type) for f in files] == [("leo.png", "image/png")]
    database.dispose()


def _fits(browser: WebDriver) -> bool:
    """Nothing wider than the window: no sideways scrolling, nothing cut off."""
    width: int = browser.execute_script("return document.documentElement.scrollWidth")
    window: int = browser.execute_script("return window.innerWidth")
    return width <= window


def test_the_preferences_page_switches_language_and_fits_a_small_phone(tmp_path: Path) -> None:
    """At 320 px and 200 % text the page fits, and Spanish applies at once.

    The notifications button shows in a browser with service workers and push.
    """
    browser_path, driver_path = chromium_or_skip()
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    upgrade(url)
    database = open_database(url)
    centre = make_centre(database)
    with family_server(url, tmp_path) as server:
        browser = headless_chromium(browser_path, driver_path, width=320, height=700)
        wait = WebDriverWait(browser, 20)
        try:
            browser.get(f"{server.url}/family/sign-in?centre={centre.centre}")
            browser.find_element(By.ID, "address").send_keys(MARIA)
            browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            code_box = wait.until(lambda b: b.find_element(By.ID, "code"))
            code_box.send_keys(server.code_for(MARIA))
            code_box.submit()
            wait.until(lambda b: b.find_element(By.LINK_TEXT, "Preferences")).click()
            wait.until(lambda b: b.find_element(By.ID, "push-on").is_displayed())
            assert not browser.find_element(By.ID, "push-unsupported").is_displayed()
            assert _fits(browser)
            browser.execute_script("document.documentElement.style.fontSize = '200%'")
            assert _fits(browser)
            browser.find_element(By.CSS_SELECTOR, "input[name=language][value=es]").click()
            browser.find_element(By.ID, "save").click()
            wait.until(lambda b: "Sus preferencias se guardaron." in b.page_source)
            assert browser.find_element(By.TAG_NAME, "h2").text == "Preferencias"
            assert _fits(browser)
        finally:
            browser.quit()
    with database.reading() as session:
        assert session.get_one(Guardian, centre.guardians["maria"]).language == "es"
    database.dispose()
