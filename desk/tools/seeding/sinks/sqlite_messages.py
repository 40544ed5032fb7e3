"""A centre's messages computed inside SQLite by one `INSERT … SELECT`.

Handing a million rows from Python to SQLite costs more than storing them:
generating a row takes about 1.1 µs and binding its 13 parameters about 1.5 µs,
which held the load to about 200k rows/s. So the SQLite sink sends SQLite only
the thread plans, as four small temp tables, and one statement computes every
message from them with the integer arithmetic of `ThreadPlan.layout` and the
columns of `messages.message_rows`: about 380k rows/s, indexes included
(`bench/bench_seed.py`). The tests hold the two equal row for row.

- `seed_step`: the numbers 0 to the longest thread's count, each with its jitter;
- `seed_line`: the lines of the script sets the plans walk through, end to end;
- `seed_speaker`: each plan's family side and then its centre side, end to end;
- `seed_plan`: one row per plan, in writing order: where its lines and speakers
  start, its timing constants, its cast.

Each plan joined with its first `count` steps gives its messages in order, so rows
reach every index of `message` in that index's order (ids rise; versions rise;
threads rise, and times within a thread). Within one statement an index cursor
left on the last leaf takes a greater key without a search from the root, so
those indexes are appended to about as cheaply as the table, and are kept
(`APPENDED_INDEXES`). The centre's messages by time were the exception (times rise
within a thread, not across threads), dropped for the load and rebuilt by one
sort; since the quota counts texts in `sms_usage`, that index is gone. The order
serves speed only: no value depends on it.

A line's names are filled in with one `replace` per name it mentions (at most
`MAX_FIELDS`): replacing all five in every such line cost 8% more. Times are
SQLite's own `datetime(…, 'unixepoch')`, which is the clock's format up to the
seconds; joining tables of days and times of day cost a quarter more.
"""

from __future__ import annotations

import sqlite3
from string import Formatter

from desk.core.kinds import MessageState, ThreadKind
from desk.tools.seeding.clock import SECONDS_PER_DAY
from desk.tools.seeding.conversations import (
    JITTER,
    SPREAD,
    STRIDE,
    ScriptSet,
    Speaker,
    ThreadPlan,
)
from desk.tools.seeding.messages import CARRIER_ERROR, FAIL_EVERY, MessageStream
from desk.tools.seeding.scripts import Side
from desk.tools.seeding.stamping import BATCH, Versions
from desk.tools.seeding.tables import MESSAGE

APPENDED_INDEXES = frozenset({"ix_message_feed", "ix_message_thread_created"})
"""The secondary indexes of `message` that `INSERT_MESSAGES` fills in their own order."""
CAST = ("child", "parent", "teacher", "room", "centre")
"""The names a script line may mention, as `{child}`; a plan's `cast` fills them."""
MAX_FIELDS = 2
"""Different names one script line may mention."""

_TEMP_TABLES = {
    "seed_step": "i INTEGER PRIMARY KEY, jitter INTEGER NOT NULL",
    "seed_line": (
        "key INTEGER PRIMARY KEY, side, script_no, line_no, emergency, kiosk, text, field1, field2"
    ),
    "seed_speaker": "key INTEGER PRIMARY KEY, direction, author_kind, author_id, from_phone",
    "seed_plan": (
        "key INTEGER PRIMARY KEY, id, first_number, count, offset, first_line, size, scripts,"
        " first_script, start, topic, salt, reply_gap, sms, out_state, title, first_family,"
        " families, first_centre, centres, " + ", ".join(f"cast_{name}" for name in CAST)
    ),
}

_MESSAGES = """
SELECT p.id AS thread_id, p.first_number + s.i AS n, s.i, s.jitter, p.title, p.sms,
    p.out_state, p.start, p.topic, p.salt, p.reply_gap, p.first_family, p.families,
    p.first_centre, p.centres, {casts},
    l.side, l.line_no, l.emergency, l.kiosk, l.text, l.field1, l.field2,
    (p.offset + s.i) / p.size * p.scripts + l.script_no - p.first_script AS k
FROM seed_plan AS p
CROSS JOIN seed_step AS s
CROSS JOIN seed_line AS l
WHERE s.i < p.count AND l.key = p.first_line + (p.offset + s.i) % p.size
""".format(casts=", ".join(f"p.cast_{name}" for name in CAST))
"""Every message's plan, step and line, and `k`: which script of its thread it is in."""


def _cast_value(field: str) -> str:
    cases = " ".join(f"WHEN '{{{name}}}' THEN m.cast_{name}" for name in CAST)
    return f"CASE {field} {cases} END"


_FAILS = "m.sms AND m.n % :fail_every = 0"
_COLUMNS = {
    "centre_id": ":centre_id",
    "version": ":version_before + 1 + (m.n - :first_number) / :batch",
    "deleted": "0",
    "id": "printf(:id_format, m.n)",
    "thread_id": "m.thread_id",
    "direction": "a.direction",
    "author_kind": "a.author_kind",
    "author_id": "a.author_id",
    "from_phone": "a.from_phone",
    "subject": "CASE WHEN m.i = 0 THEN m.title ELSE '' END",
    "body": f"""CASE
        WHEN m.field1 IS NULL THEN m.text
        WHEN m.field2 IS NULL THEN replace(m.text, m.field1, {_cast_value("m.field1")})
        ELSE replace(replace(m.text, m.field1, {_cast_value("m.field1")}),
            m.field2, {_cast_value("m.field2")})
    END""",
    "emergency_sms": "m.emergency",
    "show_at_kiosk": "m.kiosk",
    "state": f"""CASE
        WHEN m.side <> :centre_side THEN :sent WHEN {_FAILS} THEN :failed ELSE m.out_state
    END""",
    "error": f"CASE WHEN m.side = :centre_side AND {_FAILS} THEN :carrier_error ELSE '' END",
    "created_at": """datetime(
        m.start + m.k * m.topic + (m.k * :stride + m.salt) % :spread
        + m.line_no * m.reply_gap + (m.jitter * m.reply_gap >> 8),
        'unixepoch'
    ) || :time_tail""",
}

INSERT_MESSAGES = f"""
INSERT INTO {MESSAGE.name} ({", ".join(MESSAGE.all_columns)})
SELECT {", ".join(_COLUMNS[column] for column in MESSAGE.all_columns)}
FROM ({_MESSAGES}) AS m
CROSS JOIN seed_speaker AS a
WHERE a.key = CASE
    WHEN m.side = :centre_side THEN m.first_centre + m.k % m.centres
    ELSE m.first_family + m.k % m.families
END
"""
"""Every message of the plans in `seed_plan`, stamped and in `MESSAGE` columns."""


def insert_messages(
    conn: sqlite3.Connection, centre_id: str, messages: MessageStream, versions: Versions
) -> int:
    """Write the messages of `messages` into `message` inside the open transaction.

    Versions are stamped as `stamping.batches` stamps rows in stream order.

    Returns:
        How many rows were written.

    Raises:
        ValueError: if a script line mentions a name outside `CAST`, more than
            `MAX_FIELDS` of them, or uses format specs or escaped braces.
    """
    plans = messages.plans
    if not plans:
        return 0
    for name, columns in _TEMP_TABLES.items():
        conn.execute(f"CREATE TEMP TABLE {name} ({columns})")
    try:
        _fill(conn, plans)
        count = conn.execute(
            INSERT_MESSAGES,
            {
                "centre_id": centre_id,
                "version_before": versions.take(messages.count),
                "first_number": plans[0].first_number,
                "batch": BATCH,
                "id_format": messages.ids.prefix(MESSAGE) + "%012x",
                "centre_side": int(Side.CENTRE),
                "sent": MessageState.SENT.value,
                "failed": MessageState.FAILED.value,
                "fail_every": FAIL_EVERY,
                "carrier_error": CARRIER_ERROR,
                "stride": STRIDE,
                "spread": SPREAD,
                "time_tail": messages.clock.tail,
            },
        ).rowcount
    finally:
        for name in _TEMP_TABLES:
            conn.execute(f"DROP TABLE temp.{name}")
    if count != messages.count:  # a plan without a speaker on one side loses rows
        raise RuntimeError(f"computed {count:,} messages where the plans hold {messages.count:,}")
    return count


def _fill(conn: sqlite3.Connection, plans: list[ThreadPlan]) -> None:
    """Fill the temp tables from `plans`."""
    steps = max(plan.count for plan in plans)
    conn.executemany(
        "INSERT INTO seed_step VALUES (?, ?)", ((i, JITTER[i & 63]) for i in range(steps))
    )
    first_lines: dict[int, int] = {}  # id() of a (module-level) ScriptSet -> its first key
    lines: list[tuple[object, ...]] = []
    for plan in plans:
        if id(plan.lines) not in first_lines:
            first_lines[id(plan.lines)] = len(lines)
            lines += _line_rows(plan.lines, len(lines))
    speakers: list[Speaker] = []
    rows = []
    for key, plan in enumerate(plans):
        family = len(speakers)
        speakers += plan.family_side
        centre = len(speakers)
        speakers += plan.centre_side
        rows.append(_plan_row(key, plan, first_lines[id(plan.lines)], family, centre))
    conn.executemany(_insert("seed_line", lines[0]), lines)
    conn.executemany(
        "INSERT INTO seed_speaker VALUES (?, ?, ?, ?, ?)",
        ((key, *speaker) for key, speaker in enumerate(speakers)),
    )
    conn.executemany(_insert("seed_plan", rows[0]), rows)


def _insert(table: str, row: tuple[object, ...]) -> str:
    return f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})"


def _line_rows(lines: ScriptSet, first_key: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for q, text in enumerate(lines.texts):
        fields = placeholders(text) if lines.has_fields[q] else []
        padding = [None] * (MAX_FIELDS - len(fields))
        rows.append(
            (
                first_key + q,
                int(lines.sides[q]),
                lines.script_no[q],
                lines.line_no[q],
                lines.emergency[q],
                lines.kiosk[q],
                text,
                *fields,
                *padding,
            )
        )
    return rows


def placeholders(text: str) -> list[str]:
    """The placeholders a line mentions, as `{child}`, each once, in order."""
    fields: list[str] = []
    for literal, name, spec, conversion in Formatter().parse(text):
        if "{" in literal or "}" in literal or spec or conversion or name not in (None, *CAST):
            raise ValueError(f"cannot fill in this line in SQL: {text!r}")
        if name is not None and f"{{{name}}}" not in fields:
            fields.append(f"{{{name}}}")
    if len(fields) > MAX_FIELDS:
        raise ValueError(f"a line may mention {MAX_FIELDS} names at most: {text!r}")
    return fields


def _plan_row(
    key: int, plan: ThreadPlan, first_line: int, family: int, centre: int
) -> tuple[object, ...]:
    """The `seed_plan` row: `ThreadPlan.position`'s constants and where things start."""
    lines, sms = plan.lines, plan.kind == ThreadKind.SMS
    return (
        key,
        plan.id,
        plan.first_number,
        plan.count,
        plan.offset,
        first_line,
        len(lines.texts),
        lines.scripts,
        lines.script_no[plan.offset],
        plan.first_day + plan.opens,
        plan.topic_days * SECONDS_PER_DAY,
        plan.salt,
        plan.reply_gap,
        int(sms),
        (MessageState.DELIVERED if sms else MessageState.SENT).value,
        plan.title,
        family,
        len(plan.family_side),
        centre,
        len(plan.centre_side),
        *(plan.cast[name] for name in CAST),
    )
