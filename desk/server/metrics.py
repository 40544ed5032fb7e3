"""Prometheus metrics of a server or worker process (issue 16 item 4).

One registry per process, as Prometheus expects of a scrape target: `desk server`
answers it on `/metrics`, `desk worker` on its own port (`DESK_METRICS_PORT`). What a
metric is about is said in its help text, which a scrape shows. The job queue's depth
and age are read from the database at scrape time, so every process reports the same
shared queue and no process has to count for the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from desk.server.db import Database
from desk.server.orm import Job
from desk.server.orm.base import utcnow

REGISTRY = CollectorRegistry()
"""This process's metrics; tests read deltas, since every app in a process shares it."""

_FAST = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_SLOW = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "desk_http_requests",
    "HTTP requests answered, by route template (not the raw path), method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
REQUEST_SECONDS = Histogram(
    "desk_http_request_seconds",
    "Time to answer an HTTP request, by route template; long-polls include their wait",
    ["route"],
    buckets=_SLOW,
    registry=REGISTRY,
)
LONG_POLLS_HELD = Gauge(
    "desk_long_polls_held",
    "Change-feed requests waiting for a change right now",
    registry=REGISTRY,
)
WAKEUP_SECONDS = Histogram(
    "desk_feed_wakeup_seconds",
    "From this process hearing of a commit to a waiting long-poll's page being ready",
    buckets=_FAST,
    registry=REGISTRY,
)
FEED_PAGE_SECONDS = Histogram(
    "desk_feed_page_seconds",
    "Reading one change-feed page from the database",
    buckets=_FAST,
    registry=REGISTRY,
)
COMMAND_BATCH_SECONDS = Histogram(
    "desk_command_batch_seconds",
    "Applying one batch of client commands, commit included",
    buckets=_FAST,
    registry=REGISTRY,
)
COMMANDS = Counter(
    "desk_commands",
    "Client commands answered, by command name and outcome (applied, duplicate, rejected)",
    ["command", "outcome"],
    registry=REGISTRY,
)
DELIVERIES = Counter(
    "desk_delivery_outcomes",
    "Provider attempts by channel, provider and outcome (sent, retry, failed, unreachable)",
    ["channel", "provider", "outcome"],
    registry=REGISTRY,
)


class QueueCollector(Collector):
    """The job queue's depth by kind and state, and the age of its oldest queued job.

    Registered in `REGISTRY` for as long as the process serves `database`.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """Read the queue now; a scrape is rare enough for two grouped queries."""
        depth = GaugeMetricFamily(
            "desk_job_queue_depth", "Jobs in the queue by kind and state", labels=["kind", "state"]
        )
        age = GaugeMetricFamily(
            "desk_job_queue_oldest_seconds",
            "Age of the oldest job still queued, by kind",
            labels=["kind"],
        )
        now = utcnow()
        with self._database.reading() as session:
            for kind, state, count in session.execute(
                select(Job.kind, Job.state, func.count()).group_by(Job.kind, Job.state)
            ):
                depth.add_metric([kind, state], count)
            for kind, oldest in session.execute(
                select(Job.kind, func.min(Job.created_at))
                .where(Job.state == "queued")
                .group_by(Job.kind)
            ):
                if oldest is None:
                    continue
                started = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
                age.add_metric([kind], max(0.0, (now - started).total_seconds()))
        yield depth
        yield age
