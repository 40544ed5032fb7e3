"""Headless Chromium from the distribution, driven by Selenium through the system driver.

Selenium is given the path of Debian's `chromedriver`, so Selenium Manager never
looks for (or downloads) a driver: the browser test and the screenshot tool work
offline. Where Chromium is missing, `chromium_or_skip` skips, except on CI, where
`scripts/ensure-services.sh` must have installed it and its absence fails.
"""

from __future__ import annotations

import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def find_chromium() -> tuple[str, str] | None:
    """The paths of the Chromium binary and its driver, if both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def chromium_or_skip() -> tuple[str, str]:
    """Chromium and its driver, or a skip (a failure on CI) saying how to install them."""
    found = find_chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: scripts/ensure-services.sh should install it")
        pytest.skip("chromium is not installed: `bash scripts/ensure-services.sh` installs it")
    return found


def headless_chromium(
    browser: str, driver: str, width: int = 390, height: int = 844
) -> webdriver.Chrome:
    """A headless Chromium window of the given size, in English."""
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--lang=en-US",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)
