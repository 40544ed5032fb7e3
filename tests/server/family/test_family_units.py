"""Small rules of the family app that need no server: languages, addresses, retention."""

from __future__ import annotations

import string
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from desk.core.ids import new_id
from desk.server.db import Database
from desk.server.family.i18n import ENGLISH, SPANISH, browser_language, translator
from desk.server.family.signin import address_of
from desk.server.orm import FamilyCode, FamilySession
from desk.server.orm.base import utcnow
from desk.server.retention import purge
from desk.server.web_push_keys import centre_keys, stored_keys


def test_both_languages_say_everything() -> None:
    """Every text of the app exists in English and in Spanish, with the same fields."""
    assert set(ENGLISH) == set(SPANISH)
    for key, english in ENGLISH.items():
        assert sorted(_fields(english)) == sorted(_fields(SPANISH[key])), key


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.5", "en"),
        ("fr-FR", "en"),
        ("", "en"),
    ],
)
def test_a_visitor_not_signed_in_reads_their_browsers_language(header: str, language: str) -> None:
    """Before sign-in the pages follow Accept-Language; English when it names neither."""
    assert browser_language(header) == language


def test_a_guardians_language_picks_the_texts() -> None:
    """A regional tag reads as its language; an unsupported one as English."""
    assert translator("es-US")("sign_out") == "Cerrar sesión"
    assert translator("de")("sign_out") == "Sign out"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+1 555 555 0101", "+15555550101"),
        ("(202) 555-0143", "+12025550143"),
        (" Maria@Example.ORG ", "maria@example.org"),
        ("not an address", None),
        ("@example.org", None),
        ("", None),
    ],
)
def test_addresses_are_read_as_they_are_stored(typed: str, stored: str | None) -> None:
    """Phone numbers become E.164 and email addresses are case-folded."""
    assert address_of(typed) == stored


def test_spent_codes_and_expired_sessions_are_purged(database: Database) -> None:
    """The hourly retention turn drops what can no longer sign anyone in."""
    now = utcnow()
    live, spent = new_id(), new_id()
    with database.writing() as session:
        for code_id, expires in ((live, now + timedelta(minutes=5)), (spent, now)):
            session.add(
                FamilyCode(
                    id=code_id,
                    centre_id=new_id(),
                    guardian_id=new_id(),
                    address="+15555550101",
                    code_hash="0" * 64,
                    salt="0" * 32,
                    created_at=now,
                    expires_at=expires,
                    tries=0,
                )
            )
        session.add(
            FamilySession(
                token_hash=f"{new_id()}".replace("-", "")[:64],
                centre_id=new_id(),
                guardian_id=new_id(),
                csrf_token="x",
                created_at=now - timedelta(days=31),
                expires_at=now - timedelta(days=1),
            )
        )
    assert purge(database, now=now + timedelta(seconds=1)).family >= 2
    with database.reading() as session:
        assert session.get(FamilyCode, live) is not None
        assert session.get(FamilyCode, spent) is None


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


@pytest.mark.parametrize(
    ("base_url", "secure"), [("https://desk.test", True), ("http://desk.test", False)]
)
def test_cookies_are_secure_over_tls(api: TestClient, base_url: str, secure: bool) -> None:
    """Over https the app's cookies carry Secure; over plain http a browser would drop them."""
    client = TestClient(api.app, base_url=base_url)
    answer = client.get("/family/sign-in?centre=x")
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert ("Secure" in cookie) is secure


def test_the_manifest_opens_the_app_in_its_own_window(api: TestClient) -> None:
    """Added to a home screen the app opens standalone at the list (Safari's web push)."""
    answer = api.get("/family/manifest.webmanifest", headers={"Accept-Language": "es"})
    assert answer.headers["content-type"].startswith("application/manifest+json")
    body = answer.json()
    assert (body["start_url"], body["scope"], body["display"]) == (
        "/family/",
        "/family/",
        "standalone",
    )
    assert body["name"] == "Mensajes para familias"
    page = api.get("/family/sign-in?centre=x")
    assert "manifest-src 'self'" in page.headers["content-security-policy"]


def test_a_centres_vapid_keys_are_made_once_whoever_asks_first(database: Database) -> None:
    """Eight requests racing for a new centre's keys all get the one pair that was kept.

    Browsers' subscriptions are tied to the public key they were made with: a second
    pair replacing the first would silence them all.
    """
    centre_id = new_id()
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda _: centre_keys(database, centre_id, utcnow()), range(8)))
    assert len({(k.public_key, k.private_key) for k in made}) == 1
    assert stored_keys(database, centre_id) == made[0]
    assert made[0].private_key not in repr(made[0])
