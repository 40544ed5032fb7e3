"""Planning the threads of a centre: who talks in each, how much, when, and where it ended.

A thread's messages are never held in memory. A `ThreadPlan` is enough to compute
any of its messages, so the thread row (whose summary columns must agree with its
messages: DESIGN.md §6 keeps them denormalised) is written first, and the messages,
deliveries and receipts are streamed from the same plans afterwards.

Office and classroom threads are one per family, or one per guardian of a split
family, and SMS threads one per phone number, with the same derived ids the server
gives them (`desk.core.ids`), so a message sent after seeding lands in the seeded
thread rather than beside it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from desk.core.conversations import MAX_PARTICIPANTS
from desk.core.ids import parent_thread_id, sms_thread_id
from desk.core.kinds import Channel, Direction, PersonKind, StaffRole, ThreadKind, ThreadStatus
from desk.core.permissions import Capability
from desk.tools.seeding import vocabulary as vocab
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.people import Family, Guardian, People, StaffMember
from desk.tools.seeding.phonebook import PhoneBook
from desk.tools.seeding.scale import Scale
from desk.tools.seeding.scripts import SCRIPT_SETS, AttachedFile, Script, Side
from desk.tools.seeding.tables import THREAD

_MINUTE, _HOUR, _DAY = 60, 3_600, 86_400
JITTER = tuple(random.Random("jitter").randrange(128) for _ in range(64))
"""Fractions (of 256) of a thread's reply gap added to message `i`'s time: `JITTER[i & 63]`."""
OPENS = 7 * _HOUR + 30 * _MINUTE
"""A conversation starts at the earliest at 7:30 in the morning, centre time ..."""
SPREAD = 9 * _HOUR
"""... and at the latest nine hours later, so that even its last reply is in the day."""
MAX_REPLY_GAP = 45 * _MINUTE
STRIDE = 7_919
"""Seconds that move each script's start to another time of day."""

_KIND_SHARE = {
    ThreadKind.OFFICE: 0.30,
    ThreadKind.CLASSROOM: 0.35,
    ThreadKind.SMS: 0.25,
    ThreadKind.GROUP: 0.10,
}
_KIND_WEIGHT = {  # relative thread length: texts are short, classroom chats run long
    ThreadKind.OFFICE: 1.0,
    ThreadKind.CLASSROOM: 1.2,
    ThreadKind.SMS: 0.6,
    ThreadKind.GROUP: 1.0,
}

Speaker = tuple[str, str | None, str | None, str | None]
"""How a message's author columns read: direction, author kind, author id, from phone."""


@dataclass(frozen=True)
class ScriptSet:
    """A set of scripts laid end to end, as columns, for fast lookups by position.

    A thread starts at the first line of one script and walks on through the next
    ones, wrapping around; position `q` of the flattened set is the `line_no[q]`-th
    line of script `script_no[q]`.
    """

    texts: tuple[str, ...]
    sides: tuple[Side, ...]
    script_no: tuple[int, ...]
    line_no: tuple[int, ...]
    has_fields: tuple[bool, ...]
    emergency: tuple[int, ...]
    kiosk: tuple[int, ...]
    attachments: tuple[AttachedFile | None, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, scripts: tuple[Script, ...]) -> ScriptSet:
        """Flatten `scripts`."""
        lines = [(s, n, line) for s, script in enumerate(scripts) for n, line in enumerate(script)]
        starts, position = [], 0
        for script in scripts:
            starts.append(position)
            position += len(script)
        return cls(
            texts=tuple(line.text for _, _, line in lines),
            sides=tuple(line.side for _, _, line in lines),
            script_no=tuple(s for s, _, _ in lines),
            line_no=tuple(n for _, n, _ in lines),
            has_fields=tuple("{" in line.text for _, _, line in lines),
            emergency=tuple(int(line.emergency) for _, _, line in lines),
            kiosk=tuple(int(line.kiosk) for _, _, line in lines),
            attachments=tuple(line.attachment for _, _, line in lines),
            starts=tuple(starts),
        )

    @property
    def scripts(self) -> int:
        """How many scripts the set has."""
        return len(self.starts)


SETS = {name: ScriptSet.of(scripts) for name, scripts in SCRIPT_SETS.items()}


@dataclass(frozen=True)
class Recipient:
    """Where a delivery of an outbound message goes (seed 004: channel, "For" label)."""

    kind: str
    id: str | None
    channel: Channel
    address: str
    for_label: str


@dataclass(eq=False)
class ThreadPlan:
    """Everything needed to compute a thread's row and any of its messages.

    Attributes:
        lines: the script set the thread walks through.
        offset: position in `lines` of the thread's first message.
        family_side: inbound speakers; the speaker rotates from script to script.
        centre_side: outbound speakers, likewise.
        cast: the names the script lines mention.
        first_day: Unix seconds of the UTC midnight before the first message.
        opens: seconds after UTC midnight of the centre's 7:30 am.
        topic_days: days between the starts of consecutive scripts.
        reply_gap: seconds between the lines of one script.
        salt: varies the times of day at which this thread's scripts start.
        first_number: the counter of the first message's id; a thread's messages
            are numbered consecutively.
        recipients: who the outbound messages are delivered to.
    """

    id: str
    kind: ThreadKind
    lines: ScriptSet
    family_side: list[Speaker]
    centre_side: list[Speaker]
    cast: dict[str, str]
    family_id: str | None = None
    guardian_id: str | None = None
    room_id: str | None = None
    phone: str | None = None
    title: str = ""
    creator: str | None = None
    stopped: bool = False
    participants: list[tuple[PersonKind, str]] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    count: int = 0
    offset: int = 0
    first_day: int = 0
    opens: int = 0
    topic_days: int = 1
    reply_gap: int = 0
    salt: int = 0
    first_number: int = 0
    status: ThreadStatus = ThreadStatus.OPEN

    def position(self, i: int) -> tuple[int, int, int]:
        """Message `i`'s position in `lines`, its script's index in the thread, its time.

        Script `k` starts on day `k * topic_days` of the thread at a time of day
        between `opens` and `opens + SPREAD`, and its lines follow `reply_gap` apart
        (plus up to half a gap of jitter). A script of up to 6 lines therefore ends
        the same day, so times rise strictly through the whole thread.
        """
        lines = self.lines
        wraps, q = divmod(self.offset + i, len(lines.texts))
        k = wraps * lines.scripts + lines.script_no[q] - lines.script_no[self.offset]
        day = self.first_day + k * self.topic_days * _DAY
        opening = day + self.opens + (k * STRIDE + self.salt) % SPREAD
        jitter = JITTER[i & 63] * self.reply_gap >> 8
        return q, k, opening + lines.line_no[q] * self.reply_gap + jitter

    def layout(self) -> list[tuple[int, int, int]]:
        """`position(i)` of every message, in order, computed without a call per message."""
        lines = self.lines
        size, scripts = len(lines.texts), lines.scripts
        script_no, line_no = lines.script_no, lines.line_no
        first_script = script_no[self.offset]
        first_day, opens, salt = self.first_day, self.opens, self.salt
        topic, reply_gap = self.topic_days * _DAY, self.reply_gap
        jitter = [j * reply_gap >> 8 for j in JITTER]
        out = []
        for i in range(self.count):
            wraps, q = divmod(self.offset + i, size)
            k = wraps * scripts + script_no[q] - first_script
            opening = first_day + k * topic + opens + (k * STRIDE + salt) % SPREAD
            out.append((q, k, opening + line_no[q] * reply_gap + jitter[i & 63]))
        return out

    @property
    def start(self) -> int:
        """Unix seconds of the first message."""
        return self.position(0)[2]

    def speaker(self, q: int, k: int) -> Speaker:
        """Who writes the message at position `q` of script `k`."""
        side = self.centre_side if self.lines.sides[q] == Side.CENTRE else self.family_side
        return side[k % len(side)]

    def body(self, q: int) -> str:
        """The text of the line at position `q`, with the thread's names filled in."""
        text = self.lines.texts[q]
        return text.format_map(self.cast) if self.lines.has_fields[q] else text

    def stop(self) -> tuple[str | None, int] | None:
        """Who stopped a stopped conversation and when (an hour after its last message).

        The thread row and its audit event both say so; None for one not stopped.
        """
        if not self.stopped:
            return None
        _, k, t = self.position(self.count - 1)
        return self.centre_side[k % len(self.centre_side)][2], t + _HOUR

    def unread_count(self) -> int:
        """Trailing inbound messages, which nobody has seen if the thread is Unread."""
        if self.status != ThreadStatus.UNREAD:
            return 0
        n = 0
        sides = self.lines.sides
        while n < self.count and sides[self.position(self.count - 1 - n)[0]] == Side.FAMILY:
            n += 1
        return n


def _speaker(direction: Direction, person: Guardian | StaffMember | None) -> Speaker:
    if person is None:
        return (direction.value, None, None, None)
    kind = PersonKind.STAFF if isinstance(person, StaffMember) else PersonKind.GUARDIAN
    return (direction.value, kind.value, person.id, None)


def _out(staff: list[StaffMember]) -> list[Speaker]:
    return [_speaker(Direction.OUTBOUND, member) for member in staff]


def _in(people: list[Guardian]) -> list[Speaker]:
    return [_speaker(Direction.INBOUND, person) for person in people]


def _address(person: Guardian) -> tuple[Channel, str]:
    """A guardian's preferred channel and its address; the app reaches the person."""
    if person.preferred_channel == Channel.EMAIL and person.email:
        return Channel.EMAIL, person.email
    if person.preferred_channel == Channel.SMS and person.phone:
        return Channel.SMS, person.phone
    return Channel.APP, person.id


class _Planner:
    """Chooses the threads of a centre and plans each one."""

    def __init__(
        self,
        people: People,
        ids: IdSpace,
        scale: Scale,
        seed: int,
        now: int,
        centre_name: str,
        utc_offset: int,
    ) -> None:
        self.opens = (OPENS - utc_offset) % _DAY
        self.people = people
        self.ids = ids
        self.scale = scale
        self.now = now
        self.centre_name = centre_name
        self.rng = random.Random(f"{seed}/threads")
        self.spare_phones = PhoneBook(random.Random(f"{seed}/enquiries"))
        self.admins = people.by_role(StaffRole.ADMIN)
        self.texters = [m for m in people.staff if Capability.MASS_TEXT in m.capabilities]
        self.rooms = {room.id: room for room in people.rooms}
        self.families = {family.id: family for family in people.families}
        self.families_by_room: dict[str, list[Family]] = {}
        for family in people.families:
            self.families_by_room.setdefault(family.students[0].room_id, []).append(family)

    # -- who takes part -------------------------------------------------------------

    def cast(self, family: Family | None, parent: Guardian | StaffMember | None) -> dict[str, str]:
        student = family.students[0] if family else None
        room_id = student.room_id if student else None
        teachers = self.people.teachers_of(room_id) if room_id else []
        return {
            "child": student.first_name if student else "your child",
            "parent": parent.first_name if parent else "there",
            "teacher": (teachers or self.admins)[0].first_name,
            "room": self.rooms[room_id].name if room_id else "the classroom",
            "centre": self.centre_name,
        }

    def parent_targets(self) -> list[tuple[Family, Guardian | None]]:
        """One target per family, or one per guardian of a split family (seed 000)."""
        targets: list[tuple[Family, Guardian | None]] = []
        for family in self.people.families:
            if family.split:
                targets.extend((family, guardian) for guardian in family.guardians)
            else:
                targets.append((family, None))
        return targets

    def parent_thread(
        self, kind: ThreadKind, family: Family, guardian: Guardian | None
    ) -> ThreadPlan:
        writers = [guardian] if guardian else family.guardians
        room_id = family.students[0].room_id
        if kind == ThreadKind.OFFICE:
            staff, lines, room = self.admins, SETS["office"], None
        else:
            staff = self.people.teachers_of(room_id) or self.admins
            lines, room = SETS["classroom"], room_id
        recipients = []
        for person in writers:
            channel, address = _address(person)
            recipients.append(Recipient("guardian", person.id, channel, address, ""))
        return ThreadPlan(
            id=parent_thread_id(kind.value, family.id, guardian.id if guardian else None),
            kind=kind,
            lines=lines,
            family_side=_in(writers),
            centre_side=_out(staff),
            cast=self.cast(family, writers[0]),
            family_id=family.id,
            guardian_id=guardian.id if guardian else None,
            room_id=room,
            recipients=recipients,
        )

    def sms_thread(self, phone: str, holders: list[Guardian | StaffMember]) -> ThreadPlan:
        """The Messenger Center thread of one number (seed 001)."""
        first = holders[0] if holders else None
        family = None
        if isinstance(first, Guardian):
            family = self.families[first.family_id]
            lines = SETS["sms_family"]
        else:
            lines = SETS["sms_staff"] if first else SETS["sms_enquiry"]
        # A shared number's reply could be from any holder, so it names none of them.
        author = first if len(holders) == 1 else None
        inbound = _speaker(Direction.INBOUND, author)
        shared = len(holders) > 1
        if first is None:
            recipient = Recipient("phone", None, Channel.SMS, phone, "")
        else:
            kind = PersonKind.STAFF if isinstance(first, StaffMember) else PersonKind.GUARDIAN
            label = f"For {first.first_name}" if shared else ""  # seed 004
            recipient = Recipient(kind.value, first.id, Channel.SMS, phone, label)
        return ThreadPlan(
            id=sms_thread_id(self.ids.centre_id, phone),
            kind=ThreadKind.SMS,
            lines=lines,
            family_side=[(*inbound[:3], phone)],
            centre_side=_out(self.texters),
            cast=self.cast(family, first),
            family_id=family.id if family else None,
            phone=phone,
            recipients=[recipient],
        )

    def group_thread(self, n: int) -> ThreadPlan:
        """A reply-all conversation of up to 15 people (seed 004)."""
        rng = self.rng
        room = self.people.rooms[n % len(self.people.rooms)]
        staff = self.people.teachers_of(room.id) or self.admins
        creator = staff[n % len(staff)]
        helpers = rng.sample(self.people.staff, 2)
        members = list(dict.fromkeys([creator, *helpers]))
        size = MAX_PARTICIPANTS if n == 0 else rng.randint(4, MAX_PARTICIPANTS)
        # Parents of the room's children first, one guardian per family; a small
        # room's conversation is topped up with parents from the rest of the centre.
        wanted = size - len(members)
        room_families = self.families_by_room.get(room.id, [])
        chosen = rng.sample(room_families, min(len(room_families), wanted))
        if len(chosen) < wanted:
            taken = {family.id for family in chosen}
            others = [f for f in self.people.families if f.id not in taken]
            chosen += rng.sample(others, wanted - len(chosen))
        guardians = [family.guardians[0] for family in chosen]
        titles = vocab.GROUP_TITLES
        title = titles[n % len(titles)]
        if n >= len(titles):
            title = f"{title} ({room.name})"
        return ThreadPlan(
            id=self.ids.make(THREAD, n),
            kind=ThreadKind.GROUP,
            lines=SETS["group"],
            family_side=_in(guardians),
            centre_side=_out(members),
            cast=self.cast(None, None) | {"teacher": creator.first_name},
            title=title,
            creator=creator.id,
            participants=[(PersonKind.STAFF, m.id) for m in members]
            + [(PersonKind.GUARDIAN, g.id) for g in guardians],
        )

    # -- how many of each kind ------------------------------------------------------

    def choose(self) -> list[ThreadPlan]:
        total = self.scale.thread_count
        targets = self.parent_targets()
        numbers = list(self.people.phone_holders().items())
        wanted = {kind: math.floor(total * share) for kind, share in _KIND_SHARE.items()}
        office = min(wanted[ThreadKind.OFFICE], len(targets))
        classroom = min(wanted[ThreadKind.CLASSROOM], len(targets))
        sms = min(wanted[ThreadKind.SMS], len(numbers) + len(numbers) // 8)
        groups = total - office - classroom - sms
        # The demo's featured families always have their parent threads.
        featured, others = targets[:4], targets[4:]
        plans = [
            self.parent_thread(kind, *target)
            for kind, count in ((ThreadKind.OFFICE, office), (ThreadKind.CLASSROOM, classroom))
            for target in featured[:count] + self.rng.sample(others, max(0, count - 4))
        ]
        enquiries = sms // 10
        known = self.rng.sample(numbers, min(sms - enquiries, len(numbers)))
        taken = {phone for phone, _ in numbers}
        for _ in range(sms - len(known)):
            phone = self.spare_phones.take()
            while phone in taken:
                phone = self.spare_phones.take()
            taken.add(phone)
            known.append((phone, []))
        plans += [self.sms_thread(phone, holders) for phone, holders in known]
        plans += [self.group_thread(n) for n in range(groups)]
        return plans

    # -- lengths, times and outcomes ------------------------------------------------

    def lengths(self, plans: list[ThreadPlan]) -> None:
        """Share the messages out: at least one each, long-tailed, summing exactly."""
        weights = [_KIND_WEIGHT[p.kind] * self.rng.lognormvariate(0, 0.8) for p in plans]
        spare = self.scale.messages - len(plans)
        scale = spare / sum(weights) if weights else 0
        shares = [w * scale for w in weights]
        counts = [1 + math.floor(share) for share in shares]
        leftover = self.scale.messages - sum(counts)
        by_fraction = sorted(
            range(len(plans)), key=lambda n: shares[n] - math.floor(shares[n]), reverse=True
        )
        for n in by_fraction[:leftover]:
            counts[n] += 1
        for plan, count in zip(plans, counts, strict=True):
            plan.count = count

    def timing(self, plan: ThreadPlan, end: int) -> None:
        """Lay the thread's scripts out in days so that its last message is before `end`."""
        rng = self.rng
        plan.offset = plan.lines.starts[rng.randrange(plan.lines.scripts)]
        plan.opens = self.opens
        plan.reply_gap = rng.randint(2 * _MINUTE, MAX_REPLY_GAP)
        plan.salt = rng.randrange(SPREAD)
        topics = plan.count // 3 + 1  # roughly how many scripts the thread walks through
        plan.topic_days = max(1, min(rng.randint(1, 21), 730 // topics))
        plan.first_day = 0
        last = plan.position(plan.count - 1)[2]
        plan.first_day = (end - last) // _DAY * _DAY

    def outcome(self, plan: ThreadPlan) -> None:
        """The status, from who spoke last (seed 001: an incoming message makes Unread)."""
        q, _, _ = plan.position(plan.count - 1)
        if plan.stopped:
            plan.status = ThreadStatus.CLOSED
        elif plan.lines.sides[q] == Side.FAMILY:
            plan.status = self.rng.choices(
                (ThreadStatus.UNREAD, ThreadStatus.OPEN, ThreadStatus.CLOSED), (55, 25, 20)
            )[0]
        else:
            plan.status = self.rng.choices((ThreadStatus.OPEN, ThreadStatus.CLOSED), (55, 45))[0]

    def last_activity(self) -> int:
        """When a thread last moved: a third today, most this month, some long ago."""
        draw = self.rng.random()
        if draw < 0.3:
            ago = self.rng.randrange(_MINUTE, 12 * _HOUR)
        elif draw < 0.8:
            ago = self.rng.randrange(12 * _HOUR, 30 * _DAY)
        else:
            ago = self.rng.randrange(30 * _DAY, 240 * _DAY)
        return self.now - ago

    def plan(self) -> list[ThreadPlan]:
        plans = self.choose()
        self.lengths(plans)
        groups = [plan for plan in plans if plan.kind == ThreadKind.GROUP]
        for plan in groups[: max(2, len(groups) // 12)]:  # a couple of stopped conversations
            plan.stopped = True
        for plan in plans:
            self.timing(plan, self.last_activity())
            self.outcome(plan)
        # Messages are written thread by thread in id order, so every index on
        # (thread_id, created_at) and on the message id is appended to, not split.
        plans.sort(key=lambda plan: plan.id)
        number = 0
        for plan in plans:
            plan.first_number = number
            number += plan.count
        return plans


def plan_threads(
    people: People,
    ids: IdSpace,
    scale: Scale,
    seed: int,
    now: int,
    centre_name: str,
    utc_offset: int,
) -> list[ThreadPlan]:
    """Plan `scale.thread_count` threads holding `scale.messages` messages in all.

    Args:
        people: the seeded centre whose families and staff talk.
        ids: the centre's id space, for thread and message ids.
        scale: how many threads and messages.
        seed: for the random generator, so a seed always plans the same threads.
        now: Unix seconds; no message is later than this.
        centre_name: the name script lines sign with.
        utc_offset: the centre's offset from UTC in seconds (e.g. -18000), so that
            conversations happen in its daytime.
    """
    return _Planner(people, ids, scale, seed, now, centre_name, utc_offset).plan()
