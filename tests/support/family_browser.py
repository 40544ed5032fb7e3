"""A guardian's steps in the family app, in a real (headless Chromium) browser.

The browser signs in as a guardian does: it asks for a code, reads the one their
phone or mailbox received from the server's doubles (`FamilyPhones.code_for`),
and types it. Every wait is for something on the page, never for time.
"""

from __future__ import annotations

from collections.abc import Callable

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.family_phones import FamilyPhones

NOT_FOUND = "There is nothing here."
"""What the app says for a conversation, message or file that is not the guardian's."""
FORM_EXPIRED = "This form has expired."
"""What the app says for a form posted without its CSRF token."""
CODE_WRONG = "That code did not work."
"""What the app says for a wrong, used or expired code."""
PAGE_TIMEOUT = 30.0
"""Seconds for a page to come: slow only on a loaded machine."""


def waiter(browser: webdriver.Chrome) -> WebDriverWait[webdriver.Chrome]:
    """A wait for something on `browser`'s page."""
    return WebDriverWait(browser, PAGE_TIMEOUT)


def replaced(element: WebElement) -> Callable[[webdriver.Chrome], bool]:
    """A wait's condition: the page holding `element` has been replaced by the next one.

    selenium's `staleness_of` asks the element and expects it to be stale; asked while
    Chromium is still swapping the document, chromedriver answered "Node with given id
    does not belong to the document" as an unknown error instead (seen in CI with
    Chromium 156), which failed the test. Both say the old page is gone.
    """

    def gone(_browser: webdriver.Chrome) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
        return False

    return gone


def page_text(browser: webdriver.Chrome) -> str:
    """What the page says, as a person reads it."""
    return str(browser.find_element(By.TAG_NAME, "body").text)


def ask_code(browser: webdriver.Chrome, phones: FamilyPhones, centre_id: str, address: str) -> int:
    """Open the centre's sign-in page and ask for a code; the codes `address` had before."""
    before = len(phones.codes_to(address))
    browser.get(f"{phones.url}/family/sign-in?centre={centre_id}")
    browser.find_element(By.ID, "address").send_keys(address)
    browser.find_element(By.CSS_SELECTOR, "form[action='/family/sign-in'] button").click()
    waiter(browser).until(lambda b: b.find_element(By.ID, "code"))
    return before


def type_code(browser: webdriver.Chrome, code: str) -> None:
    """Type a code into the code page and send it; waits for the next page."""
    box = browser.find_element(By.ID, "code")
    box.send_keys(code)
    box.submit()
    waiter(browser).until(replaced(box))


def sign_in(browser: webdriver.Chrome, phones: FamilyPhones, centre_id: str, address: str) -> str:
    """The whole sign-in with the code `address` received; answers that code."""
    before = ask_code(browser, phones, centre_id, address)
    code = phones.code_for(address, before)
    type_code(browser, code)
    waiter(browser).until(lambda b: b.current_url.endswith("/family/"))
    return code


def open_path(browser: webdriver.Chrome, phones: FamilyPhones, path: str) -> str:
    """Go to `path` of the app, as typed into the address bar; answers the page's text."""
    browser.get(f"{phones.url}{path}")
    return page_text(browser)
