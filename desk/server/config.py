"""Server settings, each declared once with its type, default and meaning.

Read from environment variables (`DESK_<NAME>`), optionally over a TOML file named
by `DESK_CONFIG`; the environment wins so a deployment can override one value. The
delivery providers and the translator are tables of that file only (`[providers]`,
`[translation]`), since they hold credentials and nested choices.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from desk.server.attachments.settings import AttachmentSettings
from desk.server.delivery.email_reply_settings import EmailReplySettings
from desk.server.delivery.translate import TranslationSettings
from desk.server.logs import LOG_FORMATS
from desk.server.providers.config import ProviderSettings, settings_from_table
from desk.server.providers.webpush import KNOWN_SERVICES

FILE_ONLY = frozenset({"providers", "translation", "email_replies", "attachments"})
"""Settings read only from the `DESK_CONFIG` file: they hold credentials and tables."""


def default_database_url() -> str:
    """An SQLite file in the working directory: the embedded single-process default."""
    return f"sqlite:///{Path('desk-server.db').resolve()}"


@dataclass(frozen=True)
class ServerSettings:
    """Everything the hosted backend can be configured with."""

    database_url: str = field(
        default_factory=default_database_url,
        metadata={"help": "SQLAlchemy URL: postgresql+psycopg://... or sqlite:///path"},
    )
    host: str = field(default="127.0.0.1", metadata={"help": "address to listen on"})
    port: int = field(default=8750, metadata={"help": "TCP port to listen on"})
    attachments_dir: str = field(
        default="",
        metadata={
            "help": "folder of uploaded files, by content hash per centre (default: "
            "`attachments` beside an SQLite database, else ./desk-attachments)"
        },
    )
    feed_page_limit: int = field(
        default=5000, metadata={"help": "largest page of the change feed a client may ask"}
    )
    long_poll_seconds: int = field(
        default=25, metadata={"help": "longest wait of an idle change-feed request"}
    )
    command_processes: int = field(
        default=2,
        metadata={"help": "child processes applying each server process's commands (PostgreSQL)"},
    )
    stream_seconds: int = field(
        default=300,
        metadata={
            "help": "longest a streamed change feed lasts; its sign-in is checked again, and"
            " a page sent, every long_poll_seconds"
        },
    )
    token_days: int = field(default=30, metadata={"help": "lifetime of a staff bearer token"})
    command_log_days: int = field(
        default=90, metadata={"help": "how long command results are kept for retries"}
    )
    redis_url: str = field(
        default="", metadata={"help": "redis://... to wake other server processes (optional)"}
    )
    public_url: str = field(
        default="",
        metadata={
            "help": "the server's URL as providers reach it (https://desk.example.org): "
            "Twilio webhooks are signed over it and status callbacks are sent to it"
        },
    )
    web_push_services: str = field(
        default=",".join(KNOWN_SERVICES),
        metadata={
            "help": "push services a browser's subscription may point at, comma-separated: "
            "origins (https://fcm.googleapis.com) or https host suffixes (.notify.windows.com)"
        },
    )
    web_push_contact: str = field(
        default="",
        metadata={
            "help": "how push services reach the operator (VAPID sub): mailto:... or https://...; "
            "default: public_url when https, else mailto:webpush@localhost"
        },
    )
    workers: int = field(
        default=2, metadata={"help": "delivery worker threads in this process (0: none)"}
    )
    job_batch: int = field(default=50, metadata={"help": "jobs a worker claims at once"})
    send_concurrency: int = field(
        default=8, metadata={"help": "provider calls one worker has in flight at once"}
    )
    job_lease_seconds: int = field(
        default=300,
        metadata={"help": "how long a claimed job stays a worker's before another takes it"},
    )
    log_format: str = field(
        default="text",
        metadata={"help": "log lines as plain text, or json (one object a line) for a collector"},
    )
    metrics_port: int = field(
        default=0,
        metadata={"help": "`desk worker` only: serve Prometheus /metrics on this port (0: none)"},
    )
    providers: ProviderSettings | None = field(
        default=None,
        metadata={"help": "[providers] table: SMS, email and push providers; none: no sending"},
    )
    translation: TranslationSettings | None = field(
        default=None,
        metadata={"help": "[translation] table: a LibreTranslate server; none: untranslated"},
    )
    email_replies: EmailReplySettings | None = field(
        default=None,
        metadata={"help": "[email_replies] table: reply addresses; none: emails take no reply"},
    )
    attachments: AttachmentSettings | None = field(
        default=None,
        metadata={
            "help": "[attachments] table: a local folder or an S3 bucket, texted links' "
            "lifetime; none: the folder of attachments_dir, links last 7 days"
        },
    )

    @property
    def push_services(self) -> tuple[str, ...]:
        """`web_push_services` as a list."""
        return tuple(p.strip() for p in self.web_push_services.split(",") if p.strip())

    @property
    def vapid_subject(self) -> str:
        """The VAPID `sub` claim: the operator's contact."""
        if self.web_push_contact:
            return self.web_push_contact
        if self.public_url.startswith("https://"):
            return self.public_url.rstrip("/")
        return "mailto:webpush@localhost"

    @classmethod
    def load(cls, environ: dict[str, str] | None = None) -> ServerSettings:
        """Settings from `DESK_CONFIG` (TOML) overlaid with `DESK_*` variables.

        Raises:
            ValueError: for an unknown key in the file or a value of the wrong type.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if path := env.get("DESK_CONFIG"):
            with open(path, "rb") as handle:
                document = tomllib.load(handle)
            values.update(document.get("server", {}))
            if "providers" in document:
                values["providers"] = ProviderSettings.from_mapping(document["providers"])
            if "translation" in document:
                values["translation"] = TranslationSettings(**document["translation"])
            if "email_replies" in document:
                values["email_replies"] = settings_from_table(
                    "email_replies", EmailReplySettings, document["email_replies"]
                )
            if "attachments" in document:
                values["attachments"] = settings_from_table(
                    "attachments", AttachmentSettings, document["attachments"]
                )
        known = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"unknown server settings in {env['DESK_CONFIG']}: {sorted(unknown)}")
        for name, spec in known.items():
            if name in FILE_ONLY:
                continue
            if (raw := env.get(f"DESK_{name.upper()}")) is not None:
                values[name] = int(raw) if spec.type in ("int", int) else raw
        if values.get("log_format", "text") not in LOG_FORMATS:
            raise ValueError(
                f"log_format must be one of {', '.join(LOG_FORMATS)}: {values['log_format']!r}"
            )
        return cls(**values)
