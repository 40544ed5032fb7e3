"""Render the family web app's pages to PNG files with headless Chromium.

    .venv/bin/python tools/family_screenshots.py [OUTPUT_DIR]   (default: screenshots/)

Starts an embedded backend on a throwaway SQLite file with the demo centre, its
texts written to a log file, then drives Debian's Chromium (through the system
chromedriver: nothing is downloaded) as a guardian of the demo family with the
busiest Office Chat: the sign-in page, the conversation list, that conversation and
the preferences page, each at 390x844 (a phone) and 1280x800 (a laptop); then the page
a texted link to a message's files opens, and the one an expired link opens.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.core.kinds import GuardianKind, ThreadKind
from desk.server.attachments.links import LINK_PATH, new_token, token_hash
from desk.server.config import ServerSettings
from desk.server.db import open_database
from desk.server.embedded import EmbeddedServer
from desk.server.orm import Attachment, AttachmentLink, Guardian, Message, Thread
from desk.server.orm.base import utcnow
from desk.server.providers.config import ProviderSettings
from desk.server.versioning import stamp
from desk.tools.seeding import load_demo

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.support.chromium import find_chromium, headless_chromium  # noqa: E402

SIZES = ((390, 844), (1280, 800))
CODE_WAIT_SECONDS = 20.0


def busiest_family_thread(database_url: str, centre_id: str) -> tuple[str, str]:
    """The demo's shared Office Chat with the most messages, and a guardian's phone."""
    database = open_database(database_url)
    try:
        with database.reading() as session:
            count = func.count(Message.id)
            thread_id, family_id = session.execute(
                select(Thread.id, Thread.family_id)
                .join(Message, Message.thread_id == Thread.id)
                .where(
                    Thread.centre_id == centre_id,
                    Thread.kind == ThreadKind.OFFICE,
                    Thread.guardian_id.is_(None),
                )
                .group_by(Thread.id, Thread.family_id)
                .order_by(count.desc(), Thread.id)
                .limit(1)
            ).one()
            phone = session.scalars(
                select(Guardian.phone).where(
                    Guardian.family_id == family_id,
                    Guardian.kind == GuardianKind.GUARDIAN,
                    Guardian.phone.is_not(None),
                    Guardian.language == "en",
                )
            ).first()
    finally:
        database.dispose()
    if phone is None:
        raise SystemExit("the demo's busiest family has no English-speaking guardian with a phone")
    return thread_id, phone


def texted_links(database_url: str, centre_id: str, thread_id: str) -> dict[str, str]:
    """Two files on the thread's latest message and links to them: one open, one expired."""
    database = open_database(database_url)
    now = utcnow()
    links = {"link": new_token(), "link-expired": new_token()}
    try:
        with database.writing() as session:
            message_id = session.scalars(
                select(Message.id)
                .where(Message.thread_id == thread_id)
                .order_by(Message.created_at.desc())
                .limit(1)
            ).one()
            for index, (name, mime, size) in enumerate(
                [
                    ("Field trip form.pdf", "application/pdf", 182_000),
                    ("Map.png", "image/png", 2_400_000),
                ]
            ):
                session.add(
                    Attachment(
                        id=new_id(),
                        centre_id=centre_id,
                        message_id=message_id,
                        filename=name,
                        mime_type=mime,
                        size=size,
                        sha256=f"{index:064x}",
                    )
                )
            for name, token in links.items():
                session.add(
                    AttachmentLink(
                        token_hash=token_hash(token),
                        centre_id=centre_id,
                        message_id=message_id,
                        delivery_id=new_id(),
                        created_at=now,
                        expires_at=now + timedelta(days=-1 if "expired" in name else 7),
                    )
                )
            stamp(session, centre_id)
    finally:
        database.dispose()
    return links


def wait_for_code(outbox: Path, phone: str) -> str:
    """The sign-in code the log provider wrote for `phone` (the worker sends it)."""
    deadline = time.monotonic() + CODE_WAIT_SECONDS
    while time.monotonic() < deadline:
        if outbox.exists():
            for line in reversed(outbox.read_text(encoding="utf-8").splitlines()):
                sent = json.loads(line)
                key = str(sent.get("idempotency_key", ""))
                if sent.get("to") == phone and key.startswith("family-code-"):
                    found = re.search(r"\b\d{6}\b", sent["body"])
                    if found:
                        return found.group(0)
        time.sleep(0.1)
    raise SystemExit(f"no sign-in code reached {outbox} within {CODE_WAIT_SECONDS} s")


def render(output: Path, workdir: Path) -> list[Path]:
    """Sign in as a demo guardian and save each page at each size."""
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("install chromium and chromium-driver (apt-get) first")
    url = f"sqlite:///{workdir / 'family-server.db'}"
    outbox = workdir / "outbox.jsonl"
    settings = ServerSettings(
        database_url=url,
        port=0,
        providers=ProviderSettings.log_only(outbox),
        attachments_dir=str(workdir / "attachments"),
    )
    server = EmbeddedServer(settings).start()
    saved: list[Path] = []
    browser = headless_chromium(*chromium)
    try:
        info = load_demo(url)
        thread_id, phone = busiest_family_thread(url, info.centre_id)

        def shoot(name: str) -> None:
            for width, height in SIZES:
                browser.set_window_size(width, height)
                path = output / f"family-{name}-{width}x{height}.png"
                browser.save_screenshot(str(path))
                saved.append(path)

        browser.get(f"{server.url}/family/sign-in?centre={info.centre_id}")
        shoot("sign-in")
        browser.find_element(By.ID, "address").send_keys(phone)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        code_box = WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "code"))
        code_box.send_keys(wait_for_code(outbox, phone))
        code_box.submit()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "h2"))
        shoot("list")
        browser.get(f"{server.url}/family/c/{thread_id}#latest")
        shoot("conversation")
        browser.get(f"{server.url}/family/preferences")
        WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "push-on").is_displayed())
        shoot("preferences")
        browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        shoot("preferences-end")
        for name, token in texted_links(url, info.centre_id, thread_id).items():
            browser.get(f"{server.url}{LINK_PATH}{token}")
            shoot(name)
    finally:
        browser.quit()
        server.stop()
    return saved


def main(argv: list[str]) -> int:
    """Render into the folder named on the command line (default: screenshots/)."""
    output = Path(argv[1] if len(argv) > 1 else "screenshots")
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-family-shots-") as workdir:
        for path in render(output, Path(workdir)):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
