"""Web push from a real server to a push-service double on loopback (issue 14 item 1).

The double (`tests.support.doubles.web_push_double`) verifies each request's VAPID token and
decrypts its aes128gcm body with the subscription's private key, as a browser
vendor's push service and the browser would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desk.core.ids import new_id
from desk.server.db import Database
from desk.server.orm import Device, WebPushKey
from tests.support.callers import Caller, sign_in
from tests.support.doubles.web_push_double import PushService
from tests.support.factories import CentreIds
from tests.support.family_app import FamilyServer, FamilyVisitor
from tests.support.polling import wait_until
from tests.support.server_calls import Pusher, pull_all

# By email: her phone's code requests are counted by the other tests of this
# session's server, and the sign-in throttle allows an address 20 an hour.
MARIA = "maria@example.org"


@pytest.fixture
def visitor(family: FamilyServer) -> Iterator[FamilyVisitor]:
    """A fresh browser of the family app."""
    browser = FamilyVisitor(family)
    yield browser
    browser.close()


@pytest.fixture
def admin(family: FamilyServer, family_centre: CentreIds) -> Iterator[Caller]:
    """The centre's admin, signed in to the office API."""
    with httpx.Client(base_url=family.url, timeout=30) as http:
        yield sign_in(http, family_centre.usernames["admin"])


def _subscribe(visitor: FamilyVisitor, subscription: dict[str, Any]) -> httpx.Response:
    """What the page's script does once the browser has subscribed."""
    visitor.get("/family/preferences")
    return visitor.post("/family/push/subscribe", {"subscription": json.dumps(subscription)})


def _devices(admin: Caller, ids: CentreIds) -> int:
    estimate = admin.post("/api/v1/push/estimate", json={"source": "families", "ids": [ids.family]})
    assert estimate.status_code == 200, estimate.text
    devices: int = estimate.json()["devices"]
    return devices


def _web_devices(database: Database, guardian_id: str) -> list[Device]:
    with database.reading() as session:
        rows = session.scalars(
            select(Device).where(Device.guardian_id == guardian_id, Device.platform == "web")
        ).all()
        session.expunge_all()
        return list(rows)


def test_a_subscribed_browser_counts_as_a_device(
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    push: PushService,
    admin: Caller,
) -> None:
    """The office's push estimate counts it; unsubscribing removes it; keys stay secret."""
    ids = family_centre
    assert _devices(admin, ids) == 0
    visitor.sign_in(ids.centre, MARIA)
    page = visitor.get("/family/preferences").text
    subscription = push.subscribe()
    assert _subscribe(visitor, subscription).status_code == 201
    assert _devices(admin, ids) == 1
    with family_database.reading() as session:
        keys = session.get_one(WebPushKey, ids.centre)
        public, private = keys.public_key, keys.private_key
    assert f'data-key="{public}"' in page
    assert private not in page
    tables, _ = pull_all(admin)
    (device,) = [d for d in tables["device"] if d["guardian_id"] == ids.guardians["maria"]]
    assert device["platform"] == "web"
    assert "push_token" not in device  # the subscription's keys stay on the server
    _subscribe(visitor, subscription)  # the same browser again: still one device
    assert _devices(admin, ids) == 1
    gone = visitor.post("/family/push/unsubscribe", {"endpoint": subscription["endpoint"]})
    assert gone.json() == {"unsubscribed": True}
    assert _devices(admin, ids) == 0


def test_a_subscription_elsewhere_is_refused(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor, push: PushService
) -> None:
    """An endpoint at a host that is no known push service, or bad keys: 400, nothing kept."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    good = push.subscribe()
    elsewhere = {**good, "endpoint": "http://127.0.0.1:1/internal-admin"}
    short_key = {**good, "keys": {"p256dh": "AAAA", "auth": good["keys"]["auth"]}}
    for bad in (elsewhere, short_key, {"endpoint": good["endpoint"]}):
        assert _subscribe(visitor, bad).status_code == 400
    assert _web_devices(family_database, ids.guardians["maria"]) == []


def test_a_message_reaches_the_browser_encrypted_and_signed(
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    push: PushService,
    admin: Caller,
) -> None:
    """Maria prefers the app: the office's message reaches her browser, opening its thread."""
    ids = family_centre
    office = ids.threads["office"]
    visitor.sign_in(ids.centre, MARIA)
    subscription = push.subscribe()
    _subscribe(visitor, subscription)
    form = {"channel": "app", "language": "en", "shown": [], "texts": []}
    assert visitor.post("/family/preferences", form).status_code == 303
    sent = Pusher(admin).run(
        "send_message", message_id=new_id(), thread_id=office, body="Pick-up moves to 4 pm"
    )
    assert sent["status"] == "applied", sent
    wait_until(lambda: len(push.to(subscription)) == 1, "a notification at the push service")
    (received,) = push.to(subscription)
    assert received.payload["body"] == "Pick-up moves to 4 pm"
    assert received.payload["url"] == f"/family/c/{office}#latest"
    assert received.claims["aud"] == push.origin
    assert received.headers["content-encoding"] == "aes128gcm"
    with family_database.reading() as session:
        assert received.vapid_key == session.get_one(WebPushKey, ids.centre).public_key


def test_the_office_push_dialog_sends_to_the_browser(
    family_centre: CentreIds, visitor: FamilyVisitor, push: PushService, admin: Caller
) -> None:
    """A push notification to the family goes to the web subscription like to a phone."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    subscription = push.subscribe()
    _subscribe(visitor, subscription)
    sent = Pusher(admin).run(
        "send_push",
        notification_id=new_id(),
        audience={"source": "families", "ids": [ids.family]},
        title="Snow day",
        body="The centre is closed today",
    )
    assert sent["status"] == "applied", sent
    wait_until(lambda: len(push.to(subscription)) == 1, "the notification at the push service")
    payload = push.to(subscription)[0].payload
    assert (payload["title"], payload["body"]) == ("Snow day", "The centre is closed today")


def test_a_gone_subscription_is_removed(
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    push: PushService,
    admin: Caller,
) -> None:
    """The push service answers 410: the device is removed and no longer counted."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    subscription = push.subscribe()
    _subscribe(visitor, subscription)
    push.forget(subscription)
    sent = Pusher(admin).run(
        "send_push",
        notification_id=new_id(),
        audience={"source": "families", "ids": [ids.family]},
        title="Snow day",
        body="The centre is closed today",
    )
    assert sent["status"] == "applied", sent

    def removed() -> bool:
        devices = _web_devices(family_database, ids.guardians["maria"])
        return len(devices) == 1 and devices[0].deleted

    wait_until(removed, "the gone subscription removed")
    assert _web_devices(family_database, ids.guardians["maria"])[0].push_token == ""
    assert _devices(admin, ids) == 0


def test_one_guardian_holds_at_most_ten_browsers(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor, push: PushService
) -> None:
    """An eleventh browser is refused (409) until one is turned off; a known one is fine."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    browsers = [push.subscribe() for _ in range(11)]
    for subscription in browsers[:10]:
        assert _subscribe(visitor, subscription).status_code == 201
    assert _subscribe(visitor, browsers[10]).status_code == 409
    assert _subscribe(visitor, browsers[0]).status_code == 201
    visitor.post("/family/push/unsubscribe", {"endpoint": browsers[0]["endpoint"]})
    assert _subscribe(visitor, browsers[10]).status_code == 201
    live = [d for d in _web_devices(family_database, ids.guardians["maria"]) if not d.deleted]
    assert len(live) == 10


def test_a_gone_browser_falls_back_to_a_text(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    push: PushService,
    admin: Caller,
) -> None:
    """Maria prefers the app; her only browser answers 410, so the message is texted.

    Regression: the pruned subscription still looked like a working device in the
    same transaction, so no other channel was tried.
    """
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    subscription = push.subscribe()
    _subscribe(visitor, subscription)
    form = {"channel": "app", "language": "en", "shown": [], "texts": []}
    assert visitor.post("/family/preferences", form).status_code == 303
    push.forget(subscription)
    body = f"Pick-up moves to 4 pm ({new_id()})"
    sent = Pusher(admin).run(
        "send_message", message_id=new_id(), thread_id=ids.threads["office"], body=body
    )
    assert sent["status"] == "applied", sent
    wait_until(
        lambda: any(body in (m.get("body") or "") for m in family.sent_to("+15555550101")),
        "the message texted to Maria after her browser was gone",
    )
    assert _web_devices(family_database, ids.guardians["maria"])[0].deleted
