"""The `desk` command: the office app, the kiosk, the hosted backend, the demo."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from typing import TYPE_CHECKING

from desk import __version__

if TYPE_CHECKING:
    from desk.server.config import ServerSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk", description="Front Desk: messaging and sign-in for childcare centres."
    )
    parser.add_argument("--version", action="version", version=f"Front Desk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    office = commands.add_parser("office", help="the office workstation (the default)")
    office.add_argument("--profile", default="default", help="name of the local cache profile")
    kiosk = commands.add_parser("kiosk", help="the full-screen sign-in/out kiosk")
    kiosk.add_argument("--profile", default="default", help="name of the kiosk's cache profile")
    server = commands.add_parser("server", help="run the hosted backend")
    server.add_argument("--host", help="address to listen on (DESK_HOST)")
    server.add_argument("--port", type=int, help="port to listen on (DESK_PORT)")
    server.add_argument("--database-url", help="SQLAlchemy URL (DESK_DATABASE_URL)")
    server.add_argument("--no-migrate", action="store_true", help="skip schema migrations")
    server.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="server processes on the one port (PostgreSQL only; default 1)",
    )
    worker = commands.add_parser(
        "worker", help="delivery workers only (SMS, email, push), beside `desk server`"
    )
    worker.add_argument("--database-url", help="SQLAlchemy URL (DESK_DATABASE_URL)")
    worker.add_argument("--workers", type=int, help="worker threads (DESK_WORKERS)")
    centre = commands.add_parser("centre", help="create and list the centres of a deployment")
    centre_commands = centre.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    create = centre_commands.add_parser(
        "create",
        help="a centre and its first admin; the password is read from the terminal or stdin",
    )
    create.add_argument("--name", required=True, help="the centre's name, unique")
    create.add_argument("--admin-username", required=True, help="its first admin's username")
    create.add_argument("--timezone", default="America/New_York", help="IANA time zone")
    create.add_argument("--phone-region", default="US", help="region of national phone numbers")
    create.add_argument("--database-url", help="SQLAlchemy URL (DESK_DATABASE_URL)")
    listing = centre_commands.add_parser("list", help="every centre, its id and its admins")
    listing.add_argument("--database-url", help="SQLAlchemy URL (DESK_DATABASE_URL)")
    mail = commands.add_parser(
        "mail", help="an SMTP receiver for email replies ([email_replies] in DESK_CONFIG)"
    )
    mail.add_argument("--database-url", help="SQLAlchemy URL (DESK_DATABASE_URL)")
    demo = commands.add_parser("demo", help="an embedded backend on demo data, and the office app")
    demo.add_argument("--data-dir", help="where the demo keeps its files (default: a user dir)")
    demo.add_argument("--port", type=int, default=0, help="port of the embedded backend")
    demo.add_argument(
        "--kiosk", action="store_true", help="open the sign-in kiosk on the demo centre instead"
    )
    return parser


def _server_settings(args: argparse.Namespace, *names: str) -> ServerSettings:
    """The backend's settings (environment, DESK_CONFIG), with the options given."""
    from desk.server.config import ServerSettings

    given = {name: getattr(args, name) for name in names if getattr(args, name) is not None}
    try:
        settings = dataclasses.replace(ServerSettings.load(), **given)
    except ValueError as error:  # a bad DESK_* value or DESK_CONFIG file
        sys.exit(f"desk: the configuration is not valid: {error}")
    if settings.database_url.startswith("postgresql") and find_spec("psycopg") is None:
        # The driver is in the `server` extra: a desktop install runs only SQLite.
        sys.exit("desk: PostgreSQL needs the server extra: pip install 'front-desk[server]'")
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `desk` console script."""
    args = _parser().parse_args(argv)
    if args.command == "server":
        settings = _server_settings(args, "host", "port", "database_url")
        if args.processes == 1 and settings.database_url.startswith("postgresql"):
            from desk.server.fork_server import prepare_children

            prepare_children()  # its command processes' code imports beside the server's
        from desk.server.main import ProcessesRefused, serve

        try:
            serve(settings, migrate=not args.no_migrate, processes=args.processes)
        except ProcessesRefused as error:
            sys.exit(f"desk server: {error}")
        return 0
    if args.command == "worker":
        from desk.server.jobs.main import run_workers

        return run_workers(_server_settings(args, "database_url", "workers"))
    if args.command == "centre":
        from desk.server.centre_command import run_centre

        return run_centre(args, _server_settings(args, "database_url"))
    if args.command == "mail":
        from desk.server.mail_receiver import run_mail_receiver

        return run_mail_receiver(_server_settings(args, "database_url"))
    if args.command == "kiosk":
        from desk.kiosk.app import run_kiosk

        return run_kiosk(profile=args.profile)
    if args.command == "demo":
        from desk.demo import run_demo

        return run_demo(data_dir=args.data_dir, port=args.port, kiosk=args.kiosk)
    from desk.launch import run_desktop

    return run_desktop(profile=getattr(args, "profile", "default"))


if __name__ == "__main__":
    sys.exit(main())
