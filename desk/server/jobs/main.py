"""`desk worker`: delivery workers as a process of their own, beside `desk server`.

Several worker processes (and the server's own worker threads) can share one
PostgreSQL database safely: claims use `FOR UPDATE SKIP LOCKED`.
"""

from __future__ import annotations

import logging

from prometheus_client import start_http_server

from desk.server import metrics
from desk.server.config import ServerSettings
from desk.server.db import open_database
from desk.server.delivery.runtime import build_delivery
from desk.server.exit_signals import ExitSignals
from desk.server.logs import configure_logging
from desk.server.notify import Announcer, ChangeNotifier


def run_workers(settings: ServerSettings) -> int:
    """Run `settings.workers` workers until SIGINT or SIGTERM; returns an exit code."""
    configure_logging(settings.log_format)
    database = open_database(settings.database_url)
    if settings.metrics_port:
        # Its own scrape target: delivery outcomes happen in this process, not the server's.
        metrics.REGISTRY.register(metrics.QueueCollector(database))
        start_http_server(settings.metrics_port, addr=settings.host, registry=metrics.REGISTRY)
    # On PostgreSQL the announcer NOTIFYs every server process; on SQLite a separate
    # process cannot wake the server's long-polls, which then see changes on timeout.
    announcer = Announcer(ChangeNotifier(), database.dialect)
    delivery = build_delivery(settings, database, announcer)
    if delivery is None:
        logging.getLogger(__name__).error("no [providers] in DESK_CONFIG: nothing to run")
        return 2
    exit_signals = ExitSignals()
    delivery.start()
    # Said once the signal handlers are in place: from here SIGTERM stops cleanly.
    logging.getLogger(__name__).info("%d delivery workers running", settings.workers)
    try:
        exit_signals.wait()
    finally:
        delivery.close()
        database.dispose()
    return 0
