"""Benchmark of the people screens over the large cache of `bench_office.py`.

New Message (open, select a whole room and preview its fan-out as the dialog
does, with `new_message.audience` over a chip per student; student search),
the family record with its Communication tab, and the audit log (first page and
each filter) over 20,000 threads, 1,000,000 messages, 7,000 families and 200,000
audit events. Figures are medians and p95 of repeated runs, in milliseconds,
measured in this process after the cache is warm, painted where a widget is shown.

Each figure is printed beside its floor (`floors.py`), timed alternately with it:
the same SQL statements the screen ran, replayed on a plain `sqlite3` connection
with `fetchall` (captured from one run of the screen, so it is the same queries
with the same parameters); for a painted figure, that plus a bare Qt widget of the
same size painted the same way.

The audit events are added to a copy of the bench cache (the office bench's cache
holds none), so `bench_office.py`'s file is left as it was.

Run: `.venv/bin/python bench/bench_people.py [--runs N] [--tiny]` (builds the office
cache first with `bench_office.py` if it is missing; `--tiny` builds a small centre
in a temporary folder instead, to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from floors import Report, SqlReplay, sample_pair

ROOT = Path(__file__).resolve().parents[1]
OFFICE_CACHE = ROOT / "bench" / ".cache" / "office-20k-threads-1m-messages.db"
AUDIT_EVENTS = 200_000


def add_audit_events(path: Path, count: int) -> None:
    """Audit events over the cached threads: sends, opens, closes, numbers making Unread."""
    rng = random.Random(7)
    db = sqlite3.connect(path)
    threads = [row[0] for row in db.execute("SELECT id FROM thread")]
    phones = [row[0] for row in db.execute("SELECT phone FROM guardian WHERE phone IS NOT NULL")]
    actions = ("send", "open", "close", "reopen", "unread_by_number")
    rows = []
    for n in range(count):
        action = actions[n % len(actions)]
        by_phone = action == "unread_by_number"
        phone = rng.choice(phones) if by_phone else None
        at = f"2026-{1 + n * 11 // count:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00.000000Z"
        rows.append(
            (
                f"audit-{n}",
                1,
                at,
                action,
                "phone" if by_phone else "staff",
                None if by_phone else "me",
                phone or "",
                rng.choice(threads),
                None,
                phone,
                "",
            )
        )
    db.executemany("INSERT INTO audit_event VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.commit()
    db.close()


@contextmanager
def people_cache(tiny: bool) -> Iterator[Path]:
    """A copy of the office bench cache with the audit events added."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.db"
        if tiny:
            import bench_office

            bench_office.build_cache(path, thread_count=300, message_count=3_000, family_count=200)
        else:
            if not OFFICE_CACHE.exists():
                subprocess.run(
                    [sys.executable, str(ROOT / "bench" / "bench_office.py")], check=True
                )
            shutil.copyfile(OFFICE_CACHE, path)
        add_audit_events(path, 2_000 if tiny else AUDIT_EVENTS)
        yield path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--tiny", action="store_true", help="a small centre, to check it runs")
    options = parser.parse_args()
    runs = 3 if options.tiny else options.runs
    few = 3 if options.tiny else 10

    report = Report(
        "people screens over "
        + ("a tiny centre (a run check, not a measure)" if options.tiny else OFFICE_CACHE.name)
        + f" + {2_000 if options.tiny else AUDIT_EVENTS:,} audit events"
    )
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from desk.core.audience import Pick, PickKind
    from desk.models.cache import open_cache
    from desk.services import audit, compose, directory, new_message
    from desk.ui.admin.audit_log import AuditLogView
    from desk.ui.compose.new_message import NewMessageDialog
    from desk.ui.records.records import FamiliesView

    app = QApplication.instance() or QApplication(sys.argv)
    with people_cache(options.tiny) as path:
        cache = open_cache(path)
        sql = SqlReplay(cache)
        me = directory.who_am_i(cache)
        sql_only = "the same SQL on plain sqlite3"
        painted = "the same SQL on plain sqlite3 + a bare widget of the same size painted"

        host = QWidget()
        host.show()

        def open_new_message() -> None:
            dialog = NewMessageDialog(cache, host)
            dialog.show()
            dialog.repaint()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()

        size = NewMessageDialog(cache, host).size()
        opening = sql.capture(open_new_message)

        def bare_dialog() -> None:
            sql.replay(opening)
            dialog = QDialog(host)
            dialog.resize(size)
            dialog.show()
            dialog.repaint()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()

        report.times(
            "New Message opened and painted",
            *sample_pair(few, open_new_message, bare_dialog),
            "the same SQL on plain sqlite3 + a bare QDialog of the same size opened and painted",
        )

        room = compose.rooms_for(cache, me)[0]
        in_room = compose.room_students(cache, me, room.id)

        def select_all() -> None:
            compose.room_students(cache, me, room.id)

        selecting = sql.capture(select_all)
        report.times(
            f"select all in room ({len(in_room)} students)",
            *sample_pair(runs, select_all, lambda: sql.replay(selecting)),
            sql_only,
        )

        # "Select all in room" puts a chip per student; the dialog expands them.
        picks = [Pick(PickKind.STUDENT, s.id) for s in in_room]
        seen = new_message.audience(cache, picks, me)

        def preview() -> None:
            new_message.audience(cache, picks, me)

        previewing = sql.capture(preview)
        report.times(
            f"fan-out preview of that room as student chips ({seen.summary.guardians}"
            f" guardians, {len(seen.phones)} phones)",
            *sample_pair(runs, preview, lambda: sql.replay(previewing)),
            sql_only,
        )

        words = ["Emma", "Ander", "Kim Lee", "555", "Olivia", "Noah", "Sophia", "Levy"]
        searches = {
            word: sql.capture(functools.partial(compose.pick_students, cache, me, word, limit=200))
            for word in words
        }
        rng = random.Random(1)
        chosen: deque[str] = deque()  # what each run searched, for its floor to replay

        def search() -> None:
            chosen.append(rng.choice(words))
            compose.pick_students(cache, me, chosen[-1], limit=200)

        report.times(
            "student search in the picker",
            *sample_pair(runs, search, lambda: sql.replay(searches[chosen.popleft()])),
            sql_only,
        )

        families = directory.find_families(cache, limit=400)
        view = FamiliesView(cache)
        view.resize(1280, 800)
        view.show()
        bare = QWidget()
        bare.resize(1280, 800)
        bare.show()
        opened: deque[str] = deque()  # which family each run opened, for its floor

        def open_family() -> None:
            opened.append(rng.choice(families).id)
            view.show_family(opened[-1])
            view.page.tabs.setCurrentIndex(1)
            view.repaint()

        def show_family(family_id: str) -> None:
            view.show_family(family_id)
            view.page.tabs.setCurrentIndex(1)

        records = {f.id: sql.capture(functools.partial(show_family, f.id)) for f in families}

        def family_floor() -> None:
            sql.replay(records[opened.popleft()])
            bare.repaint()

        report.times(
            "family record + Communication tab, painted",
            *sample_pair(runs, open_family, family_floor),
            painted,
        )

        log = AuditLogView(cache)
        log.resize(1280, 800)
        log.show()
        queries = {
            "audit log first page": audit.AuditQuery(),
            "audit log by action": audit.AuditQuery(action="unread_by_number"),
            "audit log by phone digits": audit.AuditQuery(phone="555 01"),
            "audit log by text (scan)": audit.AuditQuery(text="Anderson"),
            "audit log by who": audit.AuditQuery(actor_id="me"),
        }
        for label, query in queries.items():

            def page(query: audit.AuditQuery = query) -> None:
                audit.audit_page(cache, query)

            paging = sql.capture(page)
            report.times(
                f"{label} (200 rows)",
                *sample_pair(few, page, functools.partial(sql.replay, paging)),
                sql_only,
            )

        def repaint_log() -> None:
            log.events.reload()
            log.repaint()

        reloading = sql.capture(log.events.reload)

        def log_floor() -> None:
            sql.replay(reloading)
            bare.repaint()

        report.times(
            "audit log page reloaded and painted",
            *sample_pair(few, repaint_log, log_floor),
            painted,
        )
        cache.close()
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
