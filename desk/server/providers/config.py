"""Which provider serves each channel, with what settings; and building them.

Each provider's settings are one frozen dataclass, declared once with types and
defaults. A `[providers.sms]` / `[providers.email]` / `[providers.push]` table picks a
provider by its `kind` ("twilio", "smtp", "fcm" or "log"). A channel must be chosen
explicitly: silently logging an emergency text to a file in production would be the
worst possible default. Secrets are left out of every repr, so settings can be logged.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Literal

from .base import EmailProvider, PushProvider, SmsProvider
from .fcm import FcmPush
from .google_auth import (
    ServiceAccountKey,
    ServiceAccountTokenSource,
    StaticTokenSource,
    TokenSource,
)
from .log import LogProvider
from .smtp import SmtpEmail
from .twilio import TwilioSms
from .webpush import WebPushService


@dataclass(frozen=True)
class TwilioSettings:
    """Twilio Programmable Messaging; send from one number or a Messaging Service."""

    kind: ClassVar[str] = "twilio"
    account_sid: str
    auth_token: str = field(repr=False)
    from_number: str = ""
    messaging_service_sid: str = ""
    base_url: str = "https://api.twilio.com"
    timeout_seconds: float = 10.0

    def __post_init__(self) -> None:
        if bool(self.from_number) == bool(self.messaging_service_sid):
            raise ValueError("set exactly one of from_number and messaging_service_sid")


@dataclass(frozen=True)
class SmtpSettings:
    """An SMTP relay.

    Attributes:
        tls: "starttls" (submission, port 587), "implicit" (port 465) or "none"
            (a relay on the same host or private network).
        ca_file: a PEM file of CA certificates to trust instead of the system's,
            for a relay with a private CA.
    """

    kind: ClassVar[str] = "smtp"
    host: str
    from_address: str
    port: int = 587
    tls: Literal["starttls", "implicit", "none"] = "starttls"
    username: str = ""
    password: str = field(default="", repr=False)
    ca_file: str = ""
    timeout_seconds: float = 10.0

    def __post_init__(self) -> None:
        if "@" not in self.from_address:
            raise ValueError(f"from_address {self.from_address!r} has no domain")
        if self.password and not self.username:
            raise ValueError("a password needs a username")
        if self.username and self.tls == "none":
            raise ValueError("a password is never sent unencrypted: set tls for a login")


@dataclass(frozen=True)
class FcmSettings:
    """Firebase Cloud Messaging HTTP v1, with a service-account key or a fixed token."""

    kind: ClassVar[str] = "fcm"
    project_id: str
    service_account_file: str = ""
    access_token: str = field(default="", repr=False)
    token_uri: str = ""
    base_url: str = "https://fcm.googleapis.com"
    timeout_seconds: float = 10.0

    def __post_init__(self) -> None:
        if bool(self.service_account_file) == bool(self.access_token):
            raise ValueError("set exactly one of service_account_file and access_token")


@dataclass(frozen=True)
class LogSettings:
    """The log provider: one JSON line per message in `path` (for `desk demo`)."""

    kind: ClassVar[str] = "log"
    path: str


_CHOICES: dict[str, tuple[type[Any], ...]] = {
    "sms": (TwilioSettings, LogSettings),
    "email": (SmtpSettings, LogSettings),
    "push": (FcmSettings, LogSettings),
}


@dataclass(frozen=True)
class ProviderSettings:
    """The provider of each channel."""

    sms: TwilioSettings | LogSettings
    email: SmtpSettings | LogSettings
    push: FcmSettings | LogSettings

    @classmethod
    def log_only(cls, path: Path) -> ProviderSettings:
        """Every channel written to one file: `desk demo` sends nothing anywhere."""
        log = LogSettings(str(path))
        return cls(sms=log, email=log, push=log)

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> ProviderSettings:
        """Read a `[providers]` table, e.g. from the server's TOML file.

        Raises:
            ValueError: a channel missing, an unknown kind or key, or a value of the
                wrong type.
        """
        if unknown := set(table) - set(_CHOICES):
            raise ValueError(f"unknown provider channels: {sorted(unknown)}")
        chosen = {
            channel: _settings(f"providers.{channel}", table.get(channel), choices)
            for channel, choices in _CHOICES.items()
        }
        return cls(**chosen)


def _settings(where: str, section: Any, choices: tuple[type[Any], ...]) -> Any:
    if not isinstance(section, Mapping):
        raise ValueError(f"{where} is not configured")
    kinds = {choice.kind: choice for choice in choices}
    kind = section.get("kind")
    if kind not in kinds:
        raise ValueError(f"{where}.kind must be one of {sorted(kinds)}, not {kind!r}")
    values = {name: value for name, value in section.items() if name != "kind"}
    return settings_from_table(where, kinds[kind], values)


def settings_from_table(where: str, settings_class: type[Any], values: Mapping[str, Any]) -> Any:
    """A settings dataclass from a TOML table, each key known and of its declared type.

    Raises:
        ValueError: an unknown or missing key, or a value of the wrong type.
    """
    hints = typing.get_type_hints(settings_class)
    known = {spec.name: spec for spec in fields(settings_class)}
    if unknown := set(values) - set(known):
        raise ValueError(f"unknown keys in {where}: {sorted(unknown)}")
    if missing := [
        name
        for name, spec in known.items()
        if name not in values and spec.default is MISSING and spec.default_factory is MISSING
    ]:
        raise ValueError(f"{where} lacks {', '.join(missing)}")
    for name, value in values.items():
        if not _fits(hints[name], value):
            raise ValueError(f"{where}.{name} = {value!r} is not a {hints[name]}")
    return settings_class(**values)


def _fits(hint: Any, value: Any) -> bool:
    if typing.get_origin(hint) is Literal:
        return value in typing.get_args(hint)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


@dataclass(frozen=True)
class Providers:
    """The provider of each channel, built; close it when the server stops."""

    sms: SmsProvider
    email: EmailProvider
    push: PushProvider
    # Browsers' push services need no account: each subscription names its own.
    web_push: WebPushService = field(default_factory=WebPushService)

    def close(self) -> None:
        """Close each provider once, even when one serves several channels."""
        closed: list[object] = []
        for provider in (self.sms, self.email, self.push, self.web_push):
            if not any(provider is done for done in closed):
                provider.close()
                closed.append(provider)

    def __enter__(self) -> Providers:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def build_providers(settings: ProviderSettings) -> Providers:
    """The providers `settings` choose; channels configured alike share one log file.

    Raises:
        OSError, ValueError: the FCM service-account key cannot be read.
    """
    logs: dict[str, LogProvider] = {}

    def log(log_settings: LogSettings) -> LogProvider:
        if log_settings.path not in logs:
            logs[log_settings.path] = LogProvider(Path(log_settings.path))
        return logs[log_settings.path]

    # Push first: reading its key is the one step that can fail, and failing before
    # any HTTP client exists leaves nothing to close.
    push: PushProvider = (
        FcmPush(settings.push, _token_source(settings.push))
        if isinstance(settings.push, FcmSettings)
        else log(settings.push)
    )
    sms: SmsProvider = (
        TwilioSms(settings.sms) if isinstance(settings.sms, TwilioSettings) else log(settings.sms)
    )
    email: EmailProvider = (
        SmtpEmail(settings.email)
        if isinstance(settings.email, SmtpSettings)
        else log(settings.email)
    )
    return Providers(sms=sms, email=email, push=push)


def _token_source(settings: FcmSettings) -> TokenSource:
    if settings.access_token:
        return StaticTokenSource(settings.access_token)
    key = ServiceAccountKey.from_file(Path(settings.service_account_file))
    return ServiceAccountTokenSource(
        key, token_uri=settings.token_uri or None, timeout_seconds=settings.timeout_seconds
    )
