"""What the sign-in kiosk does, from its cache alone, so it works the same offline.

A parent types a PIN; the kiosk derives its memory-hard verifier under the centre's
salt and finds them with one indexed lookup (`desk.core.pins.pin_verifier`), shows
the kiosk messages queued for them in the order the office entered them (seed 000),
records each acknowledgement, and
signs children in and out. Every write goes through the outbox with its local
effect, so it reaches the server exactly once whenever the network allows.

Wrong PINs are counted in the cache, not in memory: a kiosk restarted in the middle
of a lockout is still locked, and each lockout is reported to the server's audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.core.ids import new_id
from desk.core.kinds import AttendanceKind, GuardianKind
from desk.core.pins import InvalidPin, lockout_seconds, pin_verifier, validate_pin_format
from desk.core.wire import format_utc, parse_utc
from desk.models.cache import Cache
from desk.sync.outbox import submit, waiting_count

Clock = Callable[[], datetime]

# Local settings of this kiosk, in `sync_meta` beside the sync bookkeeping: they
# must survive a restart, and a refetch from 0 leaves these keys alone.
FAILURES_KEY = "kiosk.wrong_pins"
LOCKED_UNTIL_KEY = "kiosk.locked_until"
ADMIN_FAILURES_KEY = "kiosk.wrong_admin_pins"
ADMIN_LOCKED_UNTIL_KEY = "kiosk.admin_locked_until"
PARENT_LOCK = (FAILURES_KEY, LOCKED_UNTIL_KEY)
"""The parents' keypad lockout: wrong PINs typed at the door."""
ADMIN_LOCK = (ADMIN_FAILURES_KEY, ADMIN_LOCKED_UNTIL_KEY)
"""The admin exit's own lockout, so a parent lockout never keeps the admin out."""
IDLE_KEY = "kiosk.idle_seconds"

DEFAULT_IDLE_SECONDS = 30
MIN_IDLE_SECONDS = 5
MAX_IDLE_SECONDS = 600


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Person:
    """Someone who may use a PIN: a guardian, or an authorized pickup (grandparent, nanny)."""

    id: str
    kind: str  # GuardianKind
    family_id: str
    first_name: str
    last_name: str
    language: str = ""  # the guardian's language tag ("es"); "" for the kiosk's own

    @property
    def is_pickup(self) -> bool:
        """Pickups collect the children named for them and read no guardian messages."""
        return self.kind == GuardianKind.PICKUP


@dataclass(frozen=True)
class KioskNote:
    """A queued kiosk message, as the kiosk shows it."""

    id: str
    body: str
    entered_seq: int
    entered_at: str  # wire UTC text


@dataclass(frozen=True)
class Child:
    """A child the person may sign in or out, and where they stand today."""

    id: str
    first_name: str
    last_name: str
    room: str
    signed_in: bool

    @property
    def next_action(self) -> AttendanceKind:
        """Signing in a child who is out, out a child who is in."""
        return AttendanceKind.SIGN_OUT if self.signed_in else AttendanceKind.SIGN_IN


@dataclass(frozen=True)
class PinResult:
    """What a PIN did.

    Attributes:
        person: who it belongs to, or None when it was wrong or refused.
        locked_for: seconds the keypad stays locked (0 when it is not locked).
        failures: wrong PINs in a row so far.
        malformed: the text was not a PIN at all (too short); not counted.
    """

    person: Person | None = None
    locked_for: float = 0.0
    failures: int = 0
    malformed: bool = False


class KioskDesk:
    """The kiosk's use cases over its cache.

    The cache holds no secret: PINs are found by their memory-hard verifiers, and
    the centre's PIN key stays on the server (issue 12, item 2).

    Args:
        cache: the kiosk's cache.
        clock: the current time (tests pass their own).
    """

    def __init__(
        self,
        cache: Cache,
        *,
        clock: Clock = _utc_now,
    ) -> None:
        self._cache = cache
        self._clock = clock
        self._hasher = PasswordHasher()

    @property
    def cache(self) -> Cache:
        """The cache the kiosk reads."""
        return self._cache

    # -- the centre ------------------------------------------------------------------

    def centre_name(self) -> str:
        """The centre's name for the PIN screen; empty until the first sync."""
        rows = self._cache.read("SELECT name FROM centre LIMIT 1")
        return str(rows[0][0]) if rows else ""

    def centre_zone(self) -> ZoneInfo | None:
        """The centre's time zone (today's attendance starts at its midnight)."""
        rows = self._cache.read("SELECT timezone FROM centre LIMIT 1")
        try:
            return ZoneInfo(rows[0][0]) if rows and rows[0][0] else None
        except (ZoneInfoNotFoundError, ValueError):
            return None

    def waiting(self) -> int:
        """Commands not yet sent to the server."""
        return waiting_count(self._cache)

    # -- PINs ------------------------------------------------------------------------

    def locked_for(self, lock: tuple[str, str] = PARENT_LOCK) -> float:
        """Seconds the keypad (or with `ADMIN_LOCK`, the admin exit) stays locked, 0 if open."""
        failures, until = self._lock_state(lock)
        if until is None:
            return 0.0
        remaining = (until - self._clock()).total_seconds()
        # A clock set back must not lock the kiosk for longer than the rule allows.
        return max(0.0, min(remaining, lockout_seconds(failures)))

    def enter_pin(self, pin: str) -> PinResult:
        """Find who a PIN belongs to, counting wrong PINs and locking when there are many.

        A correct PIN clears the count. The fifth wrong PIN in a row locks the keypad
        (`desk.core.pins.lockout_seconds`), each further one locks it for longer, and
        each lockout is queued for the server's audit log.
        """
        locked = self.locked_for()
        failures, _ = self._lock_state()
        if locked > 0:
            return PinResult(locked_for=locked, failures=failures)
        try:
            validate_pin_format(pin)
        except InvalidPin:
            return PinResult(malformed=True, failures=failures)
        salt = self._cache.read("SELECT kiosk_pin_salt FROM centre LIMIT 1")
        try:
            key = pin_verifier(str(salt[0][0]), pin) if salt and salt[0][0] else None
        except ValueError:  # no salt yet, or one the server would never send: nobody
            key = None
        rows = self._cache.read(
            "SELECT id, kind, family_id, first_name, last_name, COALESCE(language, '')"
            " FROM guardian"
            " WHERE kiosk_pin_verifier = ? LIMIT 1",
            key,
        )
        if rows:
            if failures:
                self._save_lock_state(0, None)
            return PinResult(person=Person(*rows[0]))
        return self._wrong(failures + 1)

    def _wrong(self, failures: int, lock: tuple[str, str] = PARENT_LOCK) -> PinResult:
        delay = lockout_seconds(failures)
        now = self._clock()
        self._save_lock_state(failures, now + timedelta(seconds=delay) if delay else None, lock)
        if delay:
            submit(
                self._cache, "report_kiosk_lockout", {"failures": failures, "at": format_utc(now)}
            )
        return PinResult(locked_for=delay, failures=failures)

    def _lock_state(self, lock: tuple[str, str] = PARENT_LOCK) -> tuple[int, datetime | None]:
        failures_key, until_key = lock
        rows = dict(
            self._cache.read(
                "SELECT key, value FROM sync_meta WHERE key IN (?, ?)", failures_key, until_key
            )
        )
        failures = int(rows.get(failures_key) or 0)
        until = rows.get(until_key)
        return failures, parse_utc(until) if until else None

    def _save_lock_state(
        self, failures: int, until: datetime | None, lock: tuple[str, str] = PARENT_LOCK
    ) -> None:
        failures_key, until_key = lock
        with self._cache.writing() as cursor:
            cursor.executemany(
                "INSERT INTO sync_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [
                    (failures_key, str(failures)),
                    (until_key, format_utc(until) if until else None),
                ],
            )

    def verify_admin_pin(self, pin: str) -> bool:
        """Whether `pin` is an admin's kiosk PIN, checked offline against the cached hashes.

        The hashes are argon2 (slow on purpose, tens of milliseconds each): run this
        off the GUI thread. Wrong admin PINs count toward a lockout of their own, on
        the parents' schedule, so the exit cannot be guessed faster than a parent's
        PIN; and a parent lockout (someone trying PINs at the door) never keeps the
        admin who comes to see about it out (issue 15 item 5). A right admin PIN
        ends both lockouts: the admin is there.
        """
        if self.locked_for(ADMIN_LOCK) > 0:
            return False
        hashes = [
            row[0]
            for row in self._cache.read(
                "SELECT admin_pin_hash FROM staff WHERE admin_pin_hash IS NOT NULL"
            )
        ]
        for stored in hashes:
            try:
                if self._hasher.verify(stored, pin):
                    self._save_lock_state(0, None, ADMIN_LOCK)
                    self._save_lock_state(0, None, PARENT_LOCK)
                    return True
            except (VerificationError, InvalidHashError):
                continue
        failures, _ = self._lock_state(ADMIN_LOCK)
        self._wrong(failures + 1, ADMIN_LOCK)
        return False

    # -- after a PIN -----------------------------------------------------------------

    def messages_for(self, person: Person) -> list[KioskNote]:
        """Kiosk messages waiting for this guardian, in the order they were entered.

        Entry order is the time staff entered each at their workstation, offline or
        not (`entered_at`, bounded by the server), not the order the server received
        them (`entered_seq` only breaks ties).

        Pickups get none: kiosk messages are meant for guardians.
        """
        if person.is_pickup:
            return []
        rows = self._cache.read(
            "SELECT id, body, entered_seq, entered_at FROM kiosk_message"
            " WHERE guardian_id = ? AND NOT cancelled AND acknowledged_at IS NULL"
            " ORDER BY entered_at, entered_seq, id",
            person.id,
        )
        return [KioskNote(*row) for row in rows]

    def acknowledge(self, note: KioskNote, shown_at: datetime) -> None:
        """Record that the guardian saw the message (`shown_at`) and tapped OK (now)."""
        submit(
            self._cache,
            "ack_kiosk_message",
            {
                "kiosk_message_id": note.id,
                "shown_at": format_utc(shown_at),
                "acknowledged_at": format_utc(self._clock()),
            },
        )

    def children_for(self, person: Person) -> list[Child]:
        """The children this person may sign in or out, with their room and today's state.

        A guardian has the children of their family; a pickup only those the family
        named them for.
        """
        since = format_utc(self._start_of_day())
        latest = (
            "(SELECT e.kind FROM attendance_event AS e WHERE e.student_id = s.id"
            " AND e.at >= ? ORDER BY e.at DESC, e.id DESC LIMIT 1)"
        )
        select = (
            f"SELECT s.id, s.first_name, s.last_name, COALESCE(r.name, ''), {latest}"
            " FROM student AS s LEFT JOIN room AS r ON r.id = s.room_id"
        )
        if person.is_pickup:
            query = (
                f"{select} JOIN authorized_pickup AS p ON p.student_id = s.id"
                " WHERE p.guardian_id = ? ORDER BY s.first_name, s.id"
            )
        else:
            query = f"{select} WHERE s.family_id = ? ORDER BY s.first_name, s.id"
        key = person.id if person.is_pickup else person.family_id
        return [
            Child(sid, first, last, room, kind == AttendanceKind.SIGN_IN)
            for sid, first, last, room, kind in self._cache.read(query, since, key)
        ]

    def sign(self, person: Person, child: Child, kind: AttendanceKind) -> str:
        """Sign a child in or out; answers the attendance event's id."""
        event_id = new_id()
        submit(
            self._cache,
            "record_attendance",
            {
                "event_id": event_id,
                "student_id": child.id,
                "guardian_id": person.id,
                "kind": kind.value,
                "at": format_utc(self._clock()),
            },
        )
        return event_id

    def _start_of_day(self) -> datetime:
        """Midnight today in the centre's zone (the kiosk's own zone before the first sync)."""
        zone = self.centre_zone()
        now = self._clock()
        local = now.astimezone(zone) if zone else now.astimezone()
        return local.replace(hour=0, minute=0, second=0, microsecond=0)

    # -- settings --------------------------------------------------------------------

    def idle_seconds(self) -> int:
        """How long the kiosk waits without a touch before going back to the PIN screen."""
        rows = self._cache.read("SELECT value FROM sync_meta WHERE key = ?", IDLE_KEY)
        try:
            return int(rows[0][0]) if rows and rows[0][0] else DEFAULT_IDLE_SECONDS
        except ValueError:
            return DEFAULT_IDLE_SECONDS

    def set_idle_seconds(self, seconds: int) -> int:
        """Keep a new idle timeout (clamped to a sensible range); answers what was kept."""
        kept = max(MIN_IDLE_SECONDS, min(MAX_IDLE_SECONDS, int(seconds)))
        with self._cache.writing() as cursor:
            cursor.execute(
                "INSERT INTO sync_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (IDLE_KEY, str(kept)),
            )
        return kept
