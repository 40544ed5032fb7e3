"""Seed the server database: the demo centre, or a centre of any size for load tests.

    python -m desk.tools.seed --database-url sqlite:///desk-server.db --demo
    python -m desk.tools.seed --database-url URL --families 5000 --messages 1000000

The database is migrated first (a fresh file or an empty PostgreSQL database gets
the server's schema; one already at the newest schema is left as it is), so the
seeder works before the server has ever started on it. Prints what was written,
per table, with rows per second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desk.server.migrate import upgrade
from desk.tools.seeding import DemoInfo, LoadReport, Scale, load_demo, seed_centre
from desk.tools.seeding.credentials import (
    DEMO_ADMIN_PIN,
    DEMO_ADMIN_USERNAME,
    DEMO_OFFICE_USERNAME,
    DEMO_PASSWORD,
    DEMO_TEACHER_USERNAME,
    username,
)


def _parser() -> argparse.ArgumentParser:
    defaults = Scale()
    parser = argparse.ArgumentParser(
        prog="python -m desk.tools.seed", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--database-url", required=True, help="sqlite:///path or postgresql+psycopg://..."
    )
    parser.add_argument("--demo", action="store_true", help="write the demo centre (once)")
    parser.add_argument("--families", type=int, default=defaults.families)
    parser.add_argument("--students-per-family", type=float, default=defaults.students_per_family)
    parser.add_argument("--staff", type=int, default=defaults.staff)
    parser.add_argument("--threads", type=int, help="default: one per 8 messages")
    parser.add_argument("--messages", type=int, default=defaults.messages)
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--keep-indexes",
        action="store_true",
        help="insert into the indexes row by row instead of rebuilding them after"
        " (SQLite appends to the message indexes either way)",
    )
    return parser


def format_report(report: LoadReport) -> str:
    """A table of rows and rows per second per table, then the totals."""
    lines = [f"{'table':<24}{'rows':>12}{'seconds':>10}{'rows/s':>12}"]
    for table in report.tables:
        seconds = table.write_seconds + table.index_seconds
        lines.append(
            f"{table.table:<24}{table.rows:>12,}{seconds:>10.2f}{table.rows_per_second:>12,.0f}"
        )
    lines.append(
        f"{'total':<24}{report.rows:>12,}{report.seconds:>10.2f}{report.rows_per_second:>12,.0f}"
    )
    lines.append(
        f"(prepared in {report.prepare_seconds:.2f} s; commit {report.commit_seconds:.2f} s;"
        f" sync version {report.version:,})"
    )
    return "\n".join(lines)


def format_demo(info: DemoInfo) -> str:
    """The demo's logins and kiosk PINs."""
    lines = [
        f"staff password for every login: {info.password}",
        f"  admin:   {info.admin_username}   (kiosk admin PIN {info.admin_pin})",
        f"  office:  {info.office_username}",
        f"  teacher: {info.teacher_username}",
        "kiosk PINs:",
    ]
    lines += [f"  {g.pin}  {g.name}: {g.shows}" for g in info.guardians]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    # A fresh database has no tables yet ("no such table: centre", issue 15 item 6).
    upgrade(args.database_url)
    if args.demo:
        info = load_demo(args.database_url)
        state = "wrote" if info.created else "already has"
        print(
            f"{args.database_url} {state} the demo centre {info.centre_name!r} ({info.centre_id})"
        )
        if info.report is not None:
            print(format_report(info.report))
        print(format_demo(info))
        return 0
    try:
        scale = Scale(
            families=args.families,
            students_per_family=args.students_per_family,
            staff=args.staff,
            threads=args.threads,
            messages=args.messages,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report = seed_centre(
        args.database_url, scale, seed=args.seed, rebuild_indexes=not args.keep_indexes
    )
    print(f"seeded {report.centre_name!r} ({report.centre_id}) into {args.database_url}")
    print(format_report(report))
    logins = ", ".join(
        username(base, report.centre_number)
        for base in (DEMO_ADMIN_USERNAME, DEMO_OFFICE_USERNAME, DEMO_TEACHER_USERNAME)
    )
    print(f"logins {logins}; password {DEMO_PASSWORD}; admin PIN {DEMO_ADMIN_PIN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
