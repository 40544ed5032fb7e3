"""Enrolling a kiosk and finding its enrollment again at the next start.

An admin enrolls a kiosk once with a one-time code; the server answers a device
token that reaches kiosk endpoints only. It goes into the OS keyring and nowhere
else. The kiosk holds no PIN secret: it checks PINs against memory-hard verifiers
from its feed (`desk.core.pins.pin_verifier`). The cache remembers which server and
which device it belongs to (`sync_meta`), so the next start finds the token without
asking anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desk.core.wire import format_utc, parse_utc
from desk.models.apply import reset_synced
from desk.models.cache import Cache
from desk.models.local import MetaKey
from desk.sync.credentials import check_keyring, forget_secret, load_secret, save_secret
from desk.sync.http import ServerApi
from desk.sync.outbox import remember_principal

KIOSK_KIND = "kiosk"
TOKEN_ISSUED_KEY = "kiosk.token_issued_at"  # in sync_meta: when the token was last rotated
ROTATE_EVERY = timedelta(days=1)
"""How often a kiosk trades its token for a new one, so a copy stops working soon."""

Connection = ServerApi
"""An open connection for the sync engine; the kiosk screens hold it without calling it."""


@dataclass(frozen=True)
class Enrollment:
    """Which server and device this kiosk is."""

    server_url: str
    device_id: str
    centre_id: str


def _token_account(device_id: str) -> str:
    return f"kiosk:{device_id}"


def _secret_account(device_id: str) -> str:
    """Where kiosks enrolled before issue 12 kept the centre's PIN secret; removed."""
    return f"kiosk-pin-secret:{device_id}"


class KioskApi(ServerApi):
    """The server API on the kiosk paths (a device token reaches nothing else)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        super().__init__(base_url, token, kiosk=True)


def enroll(cache: Cache, server_url: str, code: str, name: str) -> tuple[Enrollment, KioskApi]:
    """Trade an enrollment code for a device token; keep the token in the keyring.

    A cache that belonged to another device (a kiosk enrolled again) starts afresh,
    keeping nothing of the old device's rows or unsent commands: the server ties
    those to the old device and would refuse them from the new one.

    Raises:
        SyncError: `Unauthorized` for an unknown, used or expired code, `Offline`
            when the server cannot be reached, `KeyringUnavailable` when the secrets
            cannot be kept safely.
    """
    server_url = server_url.strip().rstrip("/")
    check_keyring()  # the code is used up by the server's answer: fail before asking
    answer = KioskApi(server_url).enroll_kiosk(code.strip().upper(), name.strip())
    device_id, centre_id = str(answer["device_id"]), str(answer["centre_id"])
    save_secret(server_url, _token_account(device_id), str(answer["token"]))
    if _meta(cache, MetaKey.PRINCIPAL_ID) not in (None, device_id):
        _forget_device(cache)
    remember_principal(cache, KIOSK_KIND, device_id, centre_id)
    _set_meta(cache, MetaKey.SERVER_URL, server_url)
    _set_meta(cache, TOKEN_ISSUED_KEY, format_utc(datetime.now(UTC)))
    enrollment = Enrollment(server_url, device_id, centre_id)
    return enrollment, KioskApi(server_url, str(answer["token"]))


def resume(cache: Cache) -> tuple[Enrollment, KioskApi] | None:
    """The enrollment this cache belongs to, with its token; None if there is none.

    A PIN secret left in the keyring by an older version is removed: nothing needs
    it, and whoever takes the machine would get every PIN from it.

    Raises:
        KeyringUnavailable: when the keyring is locked or missing.
    """
    server_url = _meta(cache, MetaKey.SERVER_URL)
    device_id = _meta(cache, MetaKey.PRINCIPAL_ID)
    centre_id = _meta(cache, MetaKey.CENTRE_ID)
    if not (server_url and device_id and centre_id):
        return None
    if _meta(cache, MetaKey.PRINCIPAL_KIND) != KIOSK_KIND:
        return None
    token = load_secret(server_url, _token_account(device_id))
    if load_secret(server_url, _secret_account(device_id)) is not None:
        forget_secret(server_url, _secret_account(device_id))
    if not token:
        return None
    return Enrollment(server_url, device_id, centre_id), KioskApi(server_url, token)


def unenroll(cache: Cache, enrollment: Enrollment) -> None:
    """Forget this device: its keyring secrets, its cached rows and its outbox.

    The server keeps the device until an admin revokes it; what leaves with this call
    is the ability of this machine to act as the kiosk. Callers check that the outbox
    is empty first (`desk.services.kiosk.KioskDesk.waiting`), or sign-ins not yet
    sent are lost.
    """
    forget_secret(enrollment.server_url, _token_account(enrollment.device_id))
    forget_secret(enrollment.server_url, _secret_account(enrollment.device_id))
    _forget_device(cache)


def _forget_device(cache: Cache) -> None:
    """Drop mirrored rows, the outbox and the device's identity from the cache."""
    reset_synced(cache)
    with cache.writing() as cursor:
        cursor.execute("DELETE FROM outbox")
        # A new client id starts at seq 1 on the server; AUTOINCREMENT would go on.
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'")
        cursor.execute(
            "DELETE FROM sync_meta WHERE key IN (?, ?, ?, ?, ?, ?, ?)",
            (
                TOKEN_ISSUED_KEY,
                MetaKey.SERVER_URL,
                MetaKey.PRINCIPAL_ID,
                MetaKey.PRINCIPAL_KIND,
                MetaKey.CENTRE_ID,
                MetaKey.CLIENT_ID,
                MetaKey.LAST_SEQ,
            ),
        )


def _meta(cache: Cache, key: str) -> str | None:
    rows = cache.read("SELECT value FROM sync_meta WHERE key = ?", key)
    return None if not rows else rows[0][0]


def _set_meta(cache: Cache, key: str, value: str) -> None:
    with cache.writing() as cursor:
        cursor.execute(
            "INSERT INTO sync_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def rotate_token_if_due(
    cache: Cache, enrollment: Enrollment, api: KioskApi, *, now: datetime | None = None
) -> bool:
    """Trade the kiosk's token for a new one when the last trade is `ROTATE_EVERY` old.

    The new token goes into the keyring before the connection uses it: if the
    answer or the keyring write is lost, the old token still works for the server's
    grace period and the next call tries again. Answers whether it rotated.

    Raises:
        SyncError: `Unauthorized` for a revoked kiosk, `Offline`, or
            `KeyringUnavailable`.
    """
    moment = now or datetime.now(UTC)
    issued = _meta(cache, TOKEN_ISSUED_KEY)
    if issued is not None and moment - parse_utc(issued) < ROTATE_EVERY:
        return False
    answer = api.rotate_kiosk_token()
    token = str(answer["token"])
    save_secret(enrollment.server_url, _token_account(enrollment.device_id), token)
    api.token = token
    _set_meta(cache, TOKEN_ISSUED_KEY, format_utc(moment))
    return True


def forget_pins(cache: Cache) -> None:
    """Wipe every cached guardian PIN verifier: this kiosk was revoked (a 401).

    A revoked kiosk may be a stolen one; what it still holds must not help anyone
    sweep PINs. The admins' PIN hashes stay, so an admin can still unlock the kiosk
    and sign it out; the next enrollment starts the cache afresh anyway.
    """
    with cache.writing() as cursor:
        cursor.execute("UPDATE guardian SET kiosk_pin_verifier = NULL")
        cursor.execute("UPDATE centre SET kiosk_pin_salt = NULL")
