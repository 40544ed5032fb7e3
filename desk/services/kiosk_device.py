"""Enrolling a kiosk and finding its enrollment again at the next start.

An admin enrolls a kiosk once with a one-time code; the server answers a device
token that reaches kiosk endpoints only, and the centre's PIN secret (the HMAC key
of PIN lookup keys). Both go into the OS keyring and nowhere else: a copied cache
holds PIN lookup keys, and without the secret they give no PIN away. The cache
remembers which server and which device it belongs to (`sync_meta`), so the next
start finds the keyring entries without asking anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.models.apply import reset_synced
from desk.models.cache import Cache
from desk.models.local import MetaKey
from desk.sync.credentials import check_keyring, forget_secret, load_secret, save_secret
from desk.sync.http import ServerApi
from desk.sync.outbox import remember_principal

KIOSK_KIND = "kiosk"

Connection = ServerApi
"""An open connection for the sync engine; the kiosk screens hold it without calling it."""


@dataclass(frozen=True)
class Enrollment:
    """Which server and device this kiosk is, and the secret its PIN lookup needs.

    Attributes:
        pin_secret: the centre's HMAC key; lives in the keyring, never in the cache.
    """

    server_url: str
    device_id: str
    centre_id: str
    pin_secret: bytes


def _token_account(device_id: str) -> str:
    return f"kiosk:{device_id}"


def _secret_account(device_id: str) -> str:
    return f"kiosk-pin-secret:{device_id}"


class KioskApi(ServerApi):
    """The server API on the kiosk paths (a device token reaches nothing else)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        super().__init__(base_url, token, kiosk=True)


def enroll(cache: Cache, server_url: str, code: str, name: str) -> tuple[Enrollment, KioskApi]:
    """Trade an enrollment code for a device token; keep token and secret in the keyring.

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
    save_secret(server_url, _secret_account(device_id), str(answer["pin_secret"]))
    if _meta(cache, MetaKey.PRINCIPAL_ID) not in (None, device_id):
        _forget_device(cache)
    remember_principal(cache, KIOSK_KIND, device_id, centre_id)
    _set_meta(cache, MetaKey.SERVER_URL, server_url)
    enrollment = Enrollment(server_url, device_id, centre_id, bytes.fromhex(answer["pin_secret"]))
    return enrollment, KioskApi(server_url, str(answer["token"]))


def resume(cache: Cache) -> tuple[Enrollment, KioskApi] | None:
    """The enrollment this cache belongs to, with its keyring secrets; None if there is none.

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
    secret = load_secret(server_url, _secret_account(device_id))
    if not (token and secret):
        return None
    return Enrollment(server_url, device_id, centre_id, bytes.fromhex(secret)), KioskApi(
        server_url, token
    )


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
            "DELETE FROM sync_meta WHERE key IN (?, ?, ?, ?, ?, ?)",
            (
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
