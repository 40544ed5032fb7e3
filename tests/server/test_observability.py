"""Issue 16 item 4: metrics, request ids, JSON logs, liveness and readiness.

Against a real `desk server` process on both backends: each test reads the metrics
before and after what it does and checks the difference, since the process's metrics
count every earlier test's requests too.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from starlette.testclient import TestClient

from desk.core.ids import new_id
from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.migrate import head_revision, upgrade
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.polling import wait_until
from tests.support.server_calls import Pusher
from tests.support.server_process import run_server

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(http: httpx.Client) -> Samples:
    """Every sample of the server's /metrics, by name and labels."""
    answer = http.get("/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value; 0 when the series does not exist yet."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_liveness_and_readiness_answer_with_the_schema_revision(http: httpx.Client) -> None:
    live = http.get("/api/v1/health/live")
    assert live.status_code == 200
    assert live.json()["status"] == "ok"
    # A server just started may still be spawning its command processes.
    wait_until(lambda: http.get("/api/v1/health/ready").status_code == 200, "ready")
    ready = http.get("/api/v1/health/ready")
    body = ready.json()
    assert body["status"] == "ok"
    assert body["schema_revision"] == head_revision()


def test_a_database_behind_the_migrations_is_not_ready(
    database_factory: Callable[[], str],
) -> None:
    url = database_factory()
    upgrade(url)
    settings = ServerSettings(database_url=url, workers=0)
    with TestClient(create_app(settings)) as client:
        wait_until(lambda: client.get("/api/v1/health/ready").status_code == 200, "ready")
        database: Database = client.app.state.database  # type: ignore[attr-defined]
        with database.writing() as session:
            session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        answer = client.get("/api/v1/health/ready")
        assert client.get("/api/v1/health/live").status_code == 200
    assert answer.status_code == 503
    detail = answer.json()["detail"]
    assert "schema is at 0001" in detail
    assert f"needs {head_revision()}" in detail
    assert "run the migrations" in detail


def test_a_server_is_ready_once_its_command_processes_are_up(
    database_factory: Callable[[], str], database_backend: str
) -> None:
    url = database_factory()
    upgrade(url)
    settings = ServerSettings(database_url=url, workers=0)
    with TestClient(create_app(settings)) as client:
        first = client.get("/api/v1/health/ready")
        if database_backend == "postgres":
            # Spawning a child and importing the server take seconds, not milliseconds.
            assert first.status_code == 503, first.text
            assert "apply commands are starting" in first.json()["detail"]
        wait_until(lambda: client.get("/api/v1/health/ready").status_code == 200, "ready")


def test_requests_are_counted_by_route_template_and_status(
    http: httpx.Client, served_admin: Caller
) -> None:
    before = scrape(http)
    asked = [new_id(), new_id()]
    statuses = {served_admin.get(f"/api/v1/messages/{m}/deliveries").status_code for m in asked}
    assert statuses == {404}  # no such message; the route still matched
    assert http.get("/no/such/place").status_code == 404
    after = scrape(http)
    route = "/api/v1/messages/{message_id}/deliveries"
    total = "desk_http_requests_total"
    counted = {"route": route, "method": "GET", "status": "404"}
    assert value(after, total, **counted) - value(before, total, **counted) == 2
    unmatched = {"route": "unmatched", "method": "GET", "status": "404"}
    assert value(after, total, **unmatched) - value(before, total, **unmatched) == 1
    count = "desk_http_request_seconds_count"
    assert value(after, count, route=route) - value(before, count, route=route) == 2
    routes = {dict(labels).get("route", "") for _, labels in after}
    assert not any(m in r for m in asked for r in routes), "a raw path became a label"


def test_commands_long_polls_and_wake_ups_are_measured(
    http: httpx.Client, served_admin: Caller, served_centre: CentreIds
) -> None:
    cursor = served_admin.get("/api/v1/changes", params={"after": "0", "limit": 5000})
    while cursor.json()["has_more"]:
        cursor = served_admin.get(
            "/api/v1/changes", params={"after": cursor.json()["cursor"], "limit": 5000}
        )
    after = cursor.json()["cursor"]
    before = scrape(http)
    answered: list[httpx.Response] = []
    waiting = threading.Thread(
        target=lambda: answered.append(
            served_admin.get("/api/v1/changes", params={"after": after, "wait": 20})
        )
    )
    waiting.start()
    deadline = time.monotonic() + 10
    while value(scrape(http), "desk_long_polls_held") < 1:
        assert time.monotonic() < deadline, "the long-poll was never counted as held"
        time.sleep(0.05)
    pusher = Pusher(served_admin)
    applied = pusher.run("close_thread", thread_id=served_centre.threads["office"])
    assert applied["status"] == "applied", applied
    refused = pusher.run("no_such_command")
    assert refused["status"] == "rejected"
    waiting.join(timeout=20)
    assert answered
    assert answered[0].status_code == 200
    finished = scrape(http)
    assert value(finished, "desk_long_polls_held") == 0
    commands = "desk_commands_total"
    assert (
        value(finished, commands, command="close_thread", outcome="applied")
        - value(before, commands, command="close_thread", outcome="applied")
        == 1
    )
    assert (
        value(finished, commands, command="unknown", outcome="rejected")
        - value(before, commands, command="unknown", outcome="rejected")
        == 1
    )
    for histogram in ("desk_command_batch_seconds_count", "desk_feed_wakeup_seconds_count"):
        assert value(finished, histogram) > value(before, histogram), histogram
    assert (
        value(finished, "desk_feed_page_seconds_count")
        - value(before, "desk_feed_page_seconds_count")
        >= 1
    )  # the read after the wake-up (a cursor at the newest known version waits unread)


def test_the_request_id_is_the_callers_when_sane_and_new_otherwise(http: httpx.Client) -> None:
    mine = http.get("/api/v1/health/live", headers={"X-Request-ID": "req-42.a_b"})
    assert mine.headers["x-request-id"] == "req-42.a_b"
    for unfit in ("has spaces", "x" * 65, "semi;colon"):
        fresh = http.get("/api/v1/health/live", headers={"X-Request-ID": unfit})
        assert fresh.headers["x-request-id"] != unfit
        assert len(fresh.headers["x-request-id"]) == 32
    one, two = http.get("/api/v1/health/live"), http.get("/api/v1/health/live")
    assert one.headers["x-request-id"] != two.headers["x-request-id"]


def test_json_logs_carry_each_requests_id(database_factory: Callable[[], str]) -> None:
    with run_server(database_factory(), env={"DESK_LOG_FORMAT": "json"}) as server:
        answer = httpx.get(f"{server.url}/no/such/place", headers={"X-Request-ID": "trace-me-123"})
        assert answer.status_code == 404
        deadline = time.monotonic() + 10
        while "trace-me-123" not in server.log_text():
            assert time.monotonic() < deadline, server.log_text()[-2000:]
            time.sleep(0.05)
        lines = [line for line in server.log_text().splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    assert records, "no JSON log line"
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    access = [r for r in records if r.get("request_id") == "trace-me-123"]
    assert access
    assert "/no/such/place" in access[0]["message"]


def test_an_unknown_log_format_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="log_format must be one of text, json"):
        ServerSettings.load({"DESK_LOG_FORMAT": "xml"})
