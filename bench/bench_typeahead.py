"""Benchmark of New Message's type-ahead over 5,000 guardians and 200 staff (issue 13).

The real New Message dialog, its recipient search typed into letter by letter ("m",
"ma", "mar", ...) for several names, phone digits and a room: each keystroke is timed
from the key press to the list repopulated with every kind of recipient matching and
painted (the typing pause is skipped, as Enter skips it: `AudiencePicker.search_now`).
Figures are the median and p95 in milliseconds; the target is a p95 under 10 ms.

The floor is the same SQL the dialog ran for that prefix (captured once from the
dialog), replayed on a plain `sqlite3` connection with `fetchall`, timed in the same
run after each word's keystrokes, so both see the same load.

The centre is `bench_office.build_cache`'s, the cache the other people benches use,
at 2,700 families (about 5,400 guardians), with some first names changed to names
that start with "Mar" and 199 more staff in 12 staff groups.

Run: `.venv/bin/python bench/bench_typeahead.py [--runs N] [--tiny]` (`--tiny`: a
small centre and few runs, to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from floors import Report, Samples, SqlReplay

FAMILIES = 2_700
STAFF = 200
GROUPS = 12
TYPED = ["mar", "maria", "ben", "smith", "garc", "ava j", "room 3", "4040", "olivia", "zz"]
"""What is typed, letter by letter: names of each kind, a room, phone digits, no match."""
FIRST = ["Maria", "Mark", "Marcus", "Martina", "Mary", "Omar", "Tamara", "Olivia", "Noah"]
STAFF_FIRST = ["Marta", "Mario", "Liam", "Sophia", "Lucas", "Mia", "Ethan", "Zoe", "Amir"]
STAFF_LAST = ["Marsh", "Lee", "Khan", "Novak", "Silva", "Marino", "Brooks", "Dubois"]


def add_people(path: Path, staff: int, groups: int) -> None:
    """Names that start with "Mar" among the guardians; more staff, in staff groups."""
    rng = random.Random(13)
    db = sqlite3.connect(path)
    guardians = [row[0] for row in db.execute("SELECT id FROM guardian")]
    db.executemany(
        "UPDATE guardian SET first_name = ? WHERE id = ?",
        [(rng.choice(FIRST), g) for g in guardians if rng.random() < 0.3],
    )
    db.executemany(
        "INSERT INTO staff (id, version, first_name, last_name, username, role, capabilities,"
        " phone, email, preferred_channel, language, sms_opt_in, active)"
        " VALUES (?, 1, ?, ?, ?, 'teacher', '', ?, NULL, 'app', 'en', 1, 1)",
        [
            (
                f"staff{n}",
                rng.choice(STAFF_FIRST),
                rng.choice(STAFF_LAST),
                f"user{n}",
                f"+1404{n:07d}",
            )
            for n in range(staff - 1)  # and the signed-in admin
        ],
    )
    db.executemany(
        "INSERT INTO staff_group (id, version, name) VALUES (?, 1, ?)",
        [
            (f"group{n}", f"{rng.choice(['Marketing', 'Kitchen', 'Drivers'])} {n}")
            for n in range(groups)
        ],
    )
    db.executemany(
        "INSERT INTO staff_group_member (id, version, group_id, staff_id) VALUES (?, 1, ?, ?)",
        [(f"member{n}", f"group{n % groups}", f"staff{n}") for n in range(staff - 1)],
    )
    db.commit()
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="times each word is typed")
    parser.add_argument("--tiny", action="store_true", help="a small centre, to check it runs")
    options = parser.parse_args()
    runs = 1 if options.tiny else options.runs
    families = 100 if options.tiny else FAMILIES

    report = Report(
        "New Message type-ahead over "
        + ("a tiny centre (a run check, not a measure)" if options.tiny else "a centre")
    )
    import bench_office
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QListView, QWidget

    from desk.models.cache import open_cache
    from desk.models.search import rebuild_search
    from desk.ui.compose.audience_source import AudienceQuery
    from desk.ui.compose.new_message import NewMessageDialog

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "typeahead.db"
        bench_office.build_cache(path, thread_count=200, message_count=2_000, family_count=families)
        add_people(path, STAFF, GROUPS)
        cache = open_cache(path)
        rebuild_search(cache)
        guardians, staff = cache.read(
            "SELECT (SELECT COUNT(*) FROM guardian), (SELECT COUNT(*) FROM staff)"
        )[0]
        report.note(f"{guardians:,} guardians, {staff:,} staff, {families:,} families")
        sql = SqlReplay(cache)

        host = QWidget()
        host.show()
        dialog = NewMessageDialog(cache, host)
        dialog.resize(1024, 700)
        dialog.show()
        app.processEvents()
        picker = dialog.picker

        prefixes = {word[:n] for word in TYPED for n in range(len(word) + 1)}

        def query_for(prefix: str) -> Callable[[], None]:
            return lambda: picker.model.set_query(AudienceQuery(prefix))

        statements = {prefix: sql.capture(query_for(prefix)) for prefix in sorted(prefixes)}

        # The painted floor: a bare list of the same size showing the same lines,
        # each with a check box, as the picker's.
        bare_rows = QStandardItemModel()
        bare = QListView()
        bare.setUniformItemSizes(True)
        bare.setModel(bare_rows)
        bare.resize(picker.list.size())
        bare.show()
        app.processEvents()  # exposed, so that a repaint paints
        shown: dict[str, list[str]] = {}

        def show_bare(texts: list[str]) -> None:
            bare_rows.clear()
            for text in texts:
                item = QStandardItem(text)
                item.setCheckable(True)
                bare_rows.appendRow(item)

        def ms_since(started: float) -> float:
            return (time.perf_counter() - started) * 1000

        def keystroke(key: str) -> tuple[float, float]:
            """Key press to the list repopulated, and to it painted."""
            started = time.perf_counter()
            QTest.keyClicks(picker.search, key)
            picker.search_now()
            repopulated = ms_since(started)
            picker.list.viewport().repaint()
            return repopulated, ms_since(started)

        def replay(prefix: str) -> tuple[float, float]:
            """The same SQL on plain sqlite3, and that plus a bare list painted."""
            show_bare(shown[prefix])
            started = time.perf_counter()
            sql.replay(statements[prefix])
            queried = ms_since(started)
            bare.viewport().repaint()
            return queried, ms_since(started)

        def lines() -> list[str]:
            model = picker.model
            return [str(model.index(r).data()) for r in range(model.rowCount())]

        for word in TYPED:  # warm up once, untimed
            picker.search.clear()
            picker.search_now()
            for n, key in enumerate(word, start=1):
                keystroke(key)
                shown[word[:n]] = lines()
        picker.search.clear()
        picker.search_now()
        shown[""] = lines()

        keys: list[tuple[float, float]] = []
        floors: list[tuple[float, float]] = []
        emptied: list[tuple[float, float]] = []
        empty_floors: list[tuple[float, float]] = []
        for _ in range(runs):
            for word in TYPED:
                started = time.perf_counter()
                picker.search.clear()  # Backspace over the last letter does the same
                picker.search_now()
                repopulated = ms_since(started)
                picker.list.viewport().repaint()
                emptied.append((repopulated, ms_since(started)))
                empty_floors.append(replay(""))
                keys.extend(keystroke(key) for key in word)
                floors.extend(replay(word[:n]) for n in range(1, len(word) + 1))
        counts = ", ".join(f"{p!r} {len(shown[p])}" for p in ("m", "mar", "maria", "4040", "zz"))
        report.note(f"lines listed (first page) after typing: {counts}")
        sql_floor = "the same SQL for that prefix on plain sqlite3"
        paint_floor = sql_floor + " + a bare QListView of the same checkable lines painted"
        typed = Samples(tuple(k for k, _ in keys))
        report.times(
            f"keystroke -> list repopulated ({len(keys)} keys)",
            typed,
            Samples(tuple(f for f, _ in floors)),
            sql_floor,
        )
        painted = Samples(tuple(p for _, p in keys))
        report.times(
            "keystroke -> list repopulated and painted",
            painted,
            Samples(tuple(p for _, p in floors)),
            paint_floor,
        )
        report.note(
            f"target p95 under 10 ms: repopulated p95 {typed.p95:.2f} ms "
            f"({'met' if typed.p95 < 10 else 'NOT met'}), painted p95 {painted.p95:.2f} ms "
            f"({'met' if painted.p95 < 10 else 'NOT met'})"
        )
        report.times(
            f"search emptied -> everyone listed ({len(emptied)} times)",
            Samples(tuple(e for e, _ in emptied)),
            Samples(tuple(f for f, _ in empty_floors)),
            sql_floor,
        )
        report.times(
            "search emptied -> everyone listed and painted",
            Samples(tuple(p for _, p in emptied)),
            Samples(tuple(p for _, p in empty_floors)),
            paint_floor,
        )
        bare.close()
        dialog.close()
        cache.close()
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
