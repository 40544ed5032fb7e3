"""Sign-in, tokens, and capability checks enforced by the server (not just the UI)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from desk.server.db import Database
from desk.server.orm import ApiToken, AuditEvent
from desk.server.orm.base import utcnow
from desk.server.security import token_digest
from tests.support.callers import Caller, enroll_kiosk, sign_in
from tests.support.factories import CentreIds


def test_health_answers_with_the_database_kind(api: TestClient, database: Database) -> None:
    answer = api.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["database"] == database.dialect


ENDPOINTS = {
    ("/api/v1/health", "get"),
    ("/api/v1/health/live", "get"),
    ("/api/v1/health/ready", "get"),
    ("/api/v1/auth/login", "post"),
    ("/api/v1/auth/me", "get"),
    ("/api/v1/auth/logout", "post"),
    ("/api/v1/kiosk/enrollment-codes", "post"),
    ("/api/v1/kiosk/enrollment-codes/state", "post"),
    ("/api/v1/kiosk/enroll", "post"),
    ("/api/v1/kiosk/token", "post"),
    ("/api/v1/kiosk/devices", "get"),
    ("/api/v1/kiosk/devices/{device_id}/revoke", "post"),
    ("/api/v1/changes", "get"),
    ("/api/v1/kiosk/changes", "get"),
    ("/api/v1/commands", "post"),
    ("/api/v1/kiosk/commands", "post"),
    ("/api/v1/guardians/{guardian_id}/kiosk-pin", "post"),
    ("/api/v1/sms-quota", "get"),
    ("/api/v1/push/estimate", "post"),
    ("/api/v1/messages/{message_id}/deliveries", "get"),
    ("/api/v1/changes/stream", "get"),
    ("/api/v1/kiosk/changes/stream", "get"),
    ("/api/v1/webhooks/email/inbound", "post"),
    ("/api/v1/attachments/{attachment_id}", "get"),
    ("/api/v1/attachments/{attachment_id}/thumbnail", "get"),
    ("/api/v1/blobs/{sha256}", "put"),
    ("/api/v1/webhooks/twilio/inbound/{centre_id}", "post"),
    ("/api/v1/webhooks/twilio/status/{delivery_id}", "post"),
}


def test_openapi_describes_every_endpoint(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert documented == ENDPOINTS
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method} {path} has no summary"
            assert "200" in op["responses"] or "201" in op["responses"] or "204" in op["responses"]
            # Every error is documented with the one error schema (issue 12 item 14).
            errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
            # Liveness reads nothing and cannot fail: only no answer at all means "dead".
            assert errors or path == "/api/v1/health/live", f"{method} {path} documents no error"
            for code, answer in errors.items():
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, code)
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_login_returns_token_and_capabilities(api: TestClient, centre: CentreIds) -> None:
    admin = sign_in(api, centre.usernames["admin"])
    assert admin.me["id"] == centre.admin
    assert {"admin", "full_messaging", "mass_text", "sms_logs"} <= set(admin.me["capabilities"])
    assert admin.get("/api/v1/auth/me").json()["display_name"] == "Admin Staff"


def test_wrong_password_is_refused_and_audited_at_the_next_sign_in(
    api: TestClient, centre: CentreIds, database: Database
) -> None:
    """A failure writes nothing synced (issue 12 item 4); the next sign-in audits it."""
    answer = api.post(
        "/api/v1/auth/login", json={"username": centre.usernames["admin"], "password": "guess"}
    )
    assert answer.status_code == 401
    assert answer.json()["detail"] == "wrong username or password"
    unknown = api.post("/api/v1/auth/login", json={"username": "nobody", "password": "x"})
    assert unknown.status_code == 401

    def actions() -> list[str]:
        with database.reading() as session:
            events = session.query(AuditEvent).filter_by(centre_id=centre.centre)
            return [e.action for e in events.order_by(AuditEvent.at)]

    assert actions() == []
    sign_in(api, centre.usernames["admin"])
    assert actions() == ["login_failed", "login"]


def test_logout_revokes_only_that_token(api: TestClient, centre: CentreIds) -> None:
    first = sign_in(api, centre.usernames["office"])
    second = sign_in(api, centre.usernames["office"])
    assert first.post("/api/v1/auth/logout").status_code == 204
    assert first.get("/api/v1/auth/me").status_code == 401
    assert second.get("/api/v1/auth/me").status_code == 200


def test_logout_is_audited(api: TestClient, centre: CentreIds, database: Database) -> None:
    """Sign out on a shared PC shows in the audit log beside the sign-in (issue 15)."""
    caller = sign_in(api, centre.usernames["teacher"])
    assert caller.post("/api/v1/auth/logout").status_code == 204
    with database.reading() as session:
        events = session.query(AuditEvent).filter_by(
            centre_id=centre.centre, actor_id=centre.teacher
        )
        actions = [e.action for e in events.order_by(AuditEvent.at)]
    assert actions[-2:] == ["login", "logout"]


def test_expired_and_missing_tokens_get_401(
    api: TestClient, centre: CentreIds, database: Database
) -> None:
    caller = sign_in(api, centre.usernames["teacher"])
    with database.writing() as session:
        session.execute(
            update(ApiToken)
            .where(ApiToken.token_hash == token_digest(caller.token))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    answer = caller.get("/api/v1/changes")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert api.get("/api/v1/changes").status_code == 401
    assert (
        api.get("/api/v1/changes", headers={"Authorization": "Bearer " + "x" * 500}).status_code
        == 401
    )


def test_kiosk_token_cannot_reach_office_endpoints(api: TestClient, kiosk: Caller) -> None:
    assert kiosk.get("/api/v1/changes").status_code == 403
    assert (
        kiosk.post("/api/v1/commands", json={"client_id": "k", "commands": []}).status_code == 403
    )
    assert kiosk.post("/api/v1/kiosk/enrollment-codes").status_code == 403
    assert kiosk.get("/api/v1/kiosk/changes").status_code == 200


def test_office_token_cannot_use_kiosk_endpoints(admin: Caller) -> None:
    assert admin.get("/api/v1/kiosk/changes").status_code == 403
    assert (
        admin.post("/api/v1/kiosk/commands", json={"client_id": "a", "commands": []}).status_code
        == 403
    )


def test_admin_endpoints_need_the_admin_capability(
    api: TestClient, centre: CentreIds, office: Caller, teacher: Caller
) -> None:
    for caller in (office, teacher):
        answer = caller.post("/api/v1/kiosk/enrollment-codes")
        assert answer.status_code == 403
        assert answer.json()["detail"] == "this action needs the Administration permission"
        pin = caller.post(f"/api/v1/guardians/{centre.guardians['maria']}/kiosk-pin")
        assert pin.status_code == 403


def test_enrollment_code_works_once(api: TestClient, admin: Caller, centre: CentreIds) -> None:
    code = admin.post("/api/v1/kiosk/enrollment-codes").json()["code"]
    first = api.post("/api/v1/kiosk/enroll", json={"code": code.lower(), "name": "Door"})
    assert first.status_code == 201
    assert set(first.json()) == {"device_id", "centre_id", "token"}  # no PIN secret
    again = api.post("/api/v1/kiosk/enroll", json={"code": code, "name": "Door 2"})
    assert again.status_code == 401


def test_pin_reset_returns_a_strong_pin_that_finds_the_guardian(
    admin: Caller, centre: CentreIds, api: TestClient
) -> None:
    from desk.core.pins import is_weak_pin, pin_verifier

    answer = admin.post(f"/api/v1/guardians/{centre.guardians['ann']}/kiosk-pin")
    assert answer.status_code == 200
    pin = answer.json()["pin"]
    assert len(pin) == 6
    assert pin.isdigit()
    assert not is_weak_pin(pin)
    kiosk = enroll_kiosk(api, admin)
    from tests.support.server_calls import pull_all

    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    keys = {g["id"]: g["kiosk_pin_verifier"] for g in tables["guardian"]}
    [salt] = [c["kiosk_pin_salt"] for c in tables["centre"]]
    assert keys[centre.guardians["ann"]] == pin_verifier(salt, pin)
    assert admin.post("/api/v1/guardians/unknown-id/kiosk-pin").status_code == 404
