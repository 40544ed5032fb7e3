"""Wiring delivery together from settings: providers, translator, sender, workers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desk.server.attachments.stores import open_blob_store
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.delivery.media import FETCH_MEDIA, MediaFetcher
from desk.server.delivery.planning import DELIVER
from desk.server.delivery.sender import DeliverySender
from desk.server.delivery.translate import LibreTranslate, Translator
from desk.server.family.sending import FAMILY_CODE, KIOSK_PIN, CodeSender
from desk.server.jobs.worker import Handler, WorkerPool
from desk.server.notify import Announcer
from desk.server.providers.config import Providers, TwilioSettings, build_providers

log = logging.getLogger(__name__)


@dataclass
class Delivery:
    """Everything that sends: close it when the server stops."""

    providers: Providers
    translator: Translator | None
    sender: DeliverySender
    pool: WorkerPool
    media: MediaFetcher | None = None

    def start(self) -> Delivery:
        """Start the worker threads."""
        self.pool.start()
        return self

    def close(self) -> None:
        """Stop the workers after their batches, then release connections."""
        self.pool.stop()
        self.sender.close()
        if self.media is not None:
            self.media.close()
        self.providers.close()
        if self.translator is not None:
            self.translator.close()


def build_delivery(
    settings: ServerSettings,
    database: Database,
    announcer: Announcer | None,
    *,
    providers: Providers | None = None,
    workers: int | None = None,
) -> Delivery | None:
    """The delivery machinery `settings` describe, or None when no provider is set.

    Without a `[providers]` table nothing is sent: jobs wait in the queue, so a
    server started without configuration never texts anyone by accident.

    Args:
        settings: what to build: providers, translator, workers and their concurrency.
        database: where the workers claim jobs and record outcomes.
        announcer: wakes long-polling clients once a delivery's change commits; None
            wakes nobody.
        providers: built providers to use instead of the configured ones (a test
            wraps them to crash at a chosen moment).
        workers: a thread count overriding `settings.workers`.
    """
    if providers is None:
        if settings.providers is None:
            log.warning("no [providers] configured: messages are queued but not sent")
            return None
        providers = build_providers(settings.providers)
    translator = LibreTranslate(settings.translation) if settings.translation else None
    store = open_blob_store(settings.attachments, settings.attachments_dir, settings.database_url)
    sender = DeliverySender(
        database,
        providers,
        translator=translator,
        public_url=settings.public_url,
        announcer=announcer,
        concurrency=settings.send_concurrency,
        email_replies=settings.email_replies,
        web_push_subject=settings.vapid_subject,
        blobs=store,
        link_days=settings.attachments.link_days if settings.attachments else 7,
    )
    secrets = CodeSender(database, providers)
    handlers: dict[str, Handler] = {DELIVER: sender, FAMILY_CODE: secrets, KIOSK_PIN: secrets}
    media = None
    sms = settings.providers.sms if settings.providers is not None else None
    if isinstance(sms, TwilioSettings):  # MMS media come only through Twilio's webhook
        media = handlers[FETCH_MEDIA] = MediaFetcher(database, announcer, store, sms)
    pool = WorkerPool(
        database,
        handlers,
        count=settings.workers if workers is None else workers,
        batch=settings.job_batch,
        lease_seconds=settings.job_lease_seconds,
    )
    return Delivery(providers, translator, sender, pool, media)
