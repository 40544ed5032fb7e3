"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Collection
from concurrent.futures import Executor

from fastapi import FastAPI

from desk import __version__
from desk.server import metrics
from desk.server.api import (
    API_PREFIX,
    admin,
    attachments,
    auth,
    delivery,
    email_webhooks,
    health,
    kiosk,
    observe,
    sync,
    webhooks,
)
from desk.server.api.errors import RefuseNul, install_error_handlers
from desk.server.api.observe import RequestContext
from desk.server.apply_process import FAN_OUT_NICENESS, ApplyProcess
from desk.server.attachments.stores import open_blob_store
from desk.server.config import ServerSettings
from desk.server.db import Database, open_database
from desk.server.delivery.runtime import build_delivery
from desk.server.family import links as file_links
from desk.server.family import preference_routes as family_preferences
from desk.server.family import routes as family
from desk.server.lanes import Lanes
from desk.server.migrate import head_revision
from desk.server.notify import Announcer, ChangeNotifier, drain_on_exit, listen_postgres
from desk.server.parked_streams import ParkedStreams
from desk.server.principal import signed_in
from desk.server.retention import purge_every
from desk.server.shared_pages import SharedFeed

PURGE_SECONDS = 3600.0


async def check_sign_ins(db: Database, reads: Executor, digests: Collection[str]) -> set[str]:
    """Which token digests still sign someone in, read on the feed-read pool."""

    def read() -> set[str]:
        with db.reading() as session:
            return signed_in(session, digests)

    return await asyncio.get_running_loop().run_in_executor(reads, read)


def create_app(settings: ServerSettings) -> FastAPI:
    """A server for `settings`; the database schema must already be migrated."""
    database = open_database(settings.database_url)
    # On PostgreSQL commits are heard once the listener LISTENs (`listen_postgres`).
    notifier = ChangeNotifier(complete=database.dialect != "postgresql")
    announcer = Announcer(notifier, database.dialect)
    lanes = Lanes()
    if database.dialect == "postgresql":
        lanes.apart = ApplyProcess(
            database, announcer, settings.log_format, workers=settings.command_processes
        )
        lanes.fan_out = ApplyProcess(
            database, announcer, settings.log_format, niceness=FAN_OUT_NICENESS
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        notifier.bind(asyncio.get_running_loop())
        undrain = drain_on_exit(notifier, asyncio.get_running_loop())
        queue = metrics.QueueCollector(database)
        metrics.REGISTRY.register(queue)
        listener = None
        if database.dialect == "postgresql":
            listener = asyncio.create_task(listen_postgres(settings.database_url, notifier))
        for process in (lanes.apart, lanes.fan_out):
            if process is not None:
                process.start()
        sending = build_delivery(settings, database, app.state.announcer)
        app.state.delivery = sending
        if sending is not None:
            sending.start()
        tidying = asyncio.create_task(
            purge_every(database, PURGE_SECONDS, command_log_days=settings.command_log_days)
        )
        try:
            yield
        finally:
            tidying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await tidying
            if sending is not None:
                await asyncio.to_thread(sending.close)
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            metrics.REGISTRY.unregister(queue)
            undrain()
            lanes.close()
            database.dispose()

    app = FastAPI(
        title="Front Desk API",
        version=__version__,
        description="Hosted backend of Front Desk: sync, commands, kiosk enrollment.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.notifier = notifier
    app.state.lanes = lanes
    app.state.shared_feed = SharedFeed(database, lanes.reads)
    app.state.parked_streams = ParkedStreams(
        app.state.shared_feed,
        notifier,
        functools.partial(check_sign_ins, database, lanes.reads),
        settings.long_poll_seconds,
    )
    app.state.announcer = announcer
    app.state.schema_head = head_revision()
    app.state.blobs = open_blob_store(
        settings.attachments, settings.attachments_dir, settings.database_url
    )
    routers = (health, auth, kiosk, sync, admin, delivery, attachments, webhooks, email_webhooks)
    for module in routers:
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(observe.router)
    app.include_router(family.router)
    app.include_router(family_preferences.router)
    app.include_router(file_links.router)
    install_error_handlers(app)
    app.add_middleware(RefuseNul)
    app.add_middleware(RequestContext)  # outermost: it counts even what RefuseNul refuses
    return app
