"""The family app's preferences page over HTTP against a real server (issue 14 item 1).

The Diaz family of the factory centre: Maria (guardian) and her mother Rosa (an
authorized pickup) share Maria's phone; the Lee family is split between Ann and Ben.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from desk.core.kinds import AuditAction
from desk.server.db import Database
from desk.server.orm import AuditEvent, Guardian
from tests.support.callers import sign_in
from tests.support.factories import CentreIds
from tests.support.family_app import FamilyServer, FamilyVisitor
from tests.support.server_calls import pull_all

# By email: her phone's code requests are counted by the other tests of this
# session's server, and the sign-in throttle allows an address 20 an hour.
MARIA = "maria@example.org"
ANN = "+15555550102"


@pytest.fixture
def visitor(family: FamilyServer) -> Iterator[FamilyVisitor]:
    """A fresh browser of the family app."""
    browser = FamilyVisitor(family)
    yield browser
    browser.close()


def _form(ids: CentreIds, **changes: object) -> dict[str, object]:
    """Maria's form as the page shows it, with `changes`."""
    form: dict[str, object] = {
        "channel": "sms",
        "language": "en",
        "shown": [ids.guardians["maria"], ids.guardians["rosa"]],
        "texts": [ids.guardians["maria"], ids.guardians["rosa"]],
    }
    form.update(changes)
    return form


def _guardian(database: Database, guardian_id: str) -> Guardian:
    with database.reading() as session:
        guardian = session.get_one(Guardian, guardian_id)
        session.expunge(guardian)
        return guardian


def test_the_list_links_to_the_preferences_page(
    family_centre: CentreIds, visitor: FamilyVisitor
) -> None:
    """The page shows the record's channels, both languages and the family's texting."""
    visitor.sign_in(family_centre.centre, MARIA)
    assert 'href="/family/preferences"' in visitor.get("/family/").text
    page = visitor.get("/family/preferences")
    assert page.status_code == 200
    for shown in ("Text message (SMS)", "Email", "Notification from this app", "Español"):
        assert shown in page.text
    assert "Send texts to Rosa" in page.text  # her pickup contact
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_changing_channel_and_language_reaches_the_office(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """Saved through the office's rule, audited, on the feed; the next page is Spanish."""
    ids = family_centre
    with httpx.Client(base_url=family.url, timeout=30) as http:
        admin = sign_in(http, ids.usernames["admin"])
        _, cursor = pull_all(admin)
        visitor.sign_in(ids.centre, MARIA)
        visitor.get("/family/preferences")
        answer = visitor.post("/family/preferences", _form(ids, channel="email", language="es"))
        assert answer.status_code == 303
        page = visitor.get(answer.headers["location"])
        assert "Sus preferencias se guardaron." in page.text
        assert '<html lang="es">' in page.text
        assert "Sus conversaciones" in visitor.get("/family/").text
        tables, _ = pull_all(admin, after=cursor)
    maria = next(g for g in tables["guardian"] if g["id"] == ids.guardians["maria"])
    assert (maria["preferred_channel"], maria["language"]) == ("email", "es")
    audit = [a for a in tables["audit_event"] if a["action"] == AuditAction.PREFERENCES]
    assert [(a["actor_kind"], a["actor_id"]) for a in audit] == [
        ("guardian", ids.guardians["maria"])
    ]
    assert "sms/en -> email/es" in audit[0]["detail"]


def test_a_channel_without_an_address_is_refused(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Email without an address on file: a clear error, and nothing changes."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    with family_database.writing() as session:  # the office removes it meanwhile
        session.get_one(Guardian, ids.guardians["maria"]).email = None
    visitor.get("/family/preferences")
    answer = visitor.post("/family/preferences", _form(ids, channel="email", language="es"))
    assert answer.status_code == 400
    assert "no email address for you" in answer.text
    maria = _guardian(family_database, ids.guardians["maria"])
    assert (maria.preferred_channel, maria.language) == ("sms", "en")
    for wrong in ({"channel": "pigeon"}, {"language": "fr"}):
        bad = visitor.post("/family/preferences", _form(ids, **wrong))
        assert bad.status_code == 400
        assert "Choose one of the options shown." in bad.text
    assert _guardian(family_database, ids.guardians["maria"]).language == "en"


def test_the_form_without_its_csrf_token_changes_nothing(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """A post from another site (no or wrong token) is refused with 403."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    forged = visitor.http.post(
        "/family/preferences", data={**_form(ids, channel="app", texts=[]), "csrf": "forged"}
    )
    assert forged.status_code == 403
    maria = _guardian(family_database, ids.guardians["maria"])
    assert (maria.preferred_channel, maria.sms_opt_in) == ("sms", True)
    refused = visitor.http.post("/family/push/subscribe", data={"subscription": "{}"})
    assert refused.status_code == 403


def test_a_guardian_cannot_change_another_familys_record_by_id(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Ann's id in Maria's form answers 404; nothing in the form is applied."""
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    visitor.get("/family/preferences")
    form = _form(ids, channel="app", shown=[ids.guardians["maria"], ids.guardians["ann"]], texts=[])
    assert visitor.post("/family/preferences", form).status_code == 404
    assert _guardian(family_database, ids.guardians["ann"]).sms_opt_in
    maria = _guardian(family_database, ids.guardians["maria"])
    assert (maria.preferred_channel, maria.sms_opt_in) == ("sms", True)


def test_a_co_guardians_consent_is_theirs(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Ann sees Ben without a switch, and cannot post one for him."""
    ids = family_centre
    visitor.sign_in(ids.centre, ANN)
    page = visitor.get("/family/preferences").text
    assert "<strong>Ben</strong>" in page
    assert "Only they can change this." in page
    assert f'name="texts" value="{ids.guardians["ben"]}"' not in page
    form = {
        "channel": "sms",
        "language": "en",
        "shown": [ids.guardians["ann"], ids.guardians["ben"]],
        "texts": [ids.guardians["ann"]],
    }
    assert visitor.post("/family/preferences", form).status_code == 404
    assert _guardian(family_database, ids.guardians["ben"]).sms_opt_in


def test_a_shared_number_stays_silent_while_one_holder_is_out(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Maria turns texts off for Rosa, who shares her phone: the number is not texted.

    Maria's own record stays opted in, but the page says another holder turned them
    off; turning Rosa back on brings the number back. Both changes are audited.
    """
    ids = family_centre
    visitor.sign_in(ids.centre, MARIA)
    visitor.get("/family/preferences")
    off = visitor.post("/family/preferences", _form(ids, texts=[ids.guardians["maria"]]))
    assert off.status_code == 303
    page = visitor.get("/family/preferences").text
    assert "someone else with this number turned them off" in page
    assert "Texts are off." in page
    assert _guardian(family_database, ids.guardians["maria"]).sms_opt_in
    assert not _guardian(family_database, ids.guardians["rosa"]).sms_opt_in
    assert visitor.post("/family/preferences", _form(ids)).status_code == 303
    assert _guardian(family_database, ids.guardians["rosa"]).sms_opt_in
    with family_database.reading() as session:
        actions = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.centre_id == ids.centre, AuditEvent.actor_kind == "guardian")
            .order_by(AuditEvent.at, AuditEvent.id)
        ).all()
    assert sorted(actions) == [AuditAction.OPT_IN, AuditAction.OPT_OUT]


def test_a_pickup_decides_only_for_themselves(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Rosa (a pickup, signed in with the shared phone as email) has no switch for Maria."""
    ids = family_centre
    visitor.sign_in(ids.centre, "rosa@example.org")
    page = visitor.get("/family/preferences").text
    assert f'name="texts" value="{ids.guardians["rosa"]}"' in page
    assert f'name="texts" value="{ids.guardians["maria"]}"' not in page
