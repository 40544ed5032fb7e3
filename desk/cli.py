"""The `desk` command: the office app, the kiosk, the hosted backend, the demo."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk", description="Front Desk: messaging and sign-in for childcare centres."
    )
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
    demo = commands.add_parser("demo", help="an embedded backend on demo data, and the office app")
    demo.add_argument("--data-dir", help="where the demo keeps its files (default: a user dir)")
    demo.add_argument("--port", type=int, default=0, help="port of the embedded backend")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `desk` console script."""
    args = _parser().parse_args(argv)
    if args.command == "server":
        from desk.server.config import ServerSettings
        from desk.server.main import serve

        settings = ServerSettings.load()
        overrides = {
            name: value
            for name, value in (
                ("host", args.host),
                ("port", args.port),
                ("database_url", args.database_url),
            )
            if value is not None
        }
        serve(dataclasses.replace(settings, **overrides), migrate=not args.no_migrate)
        return 0
    if args.command == "kiosk":
        from desk.kiosk.app import run_kiosk

        return run_kiosk(profile=args.profile)
    if args.command == "demo":
        from desk.demo import run_demo

        return run_demo(data_dir=args.data_dir, port=args.port)
    from desk.ui.app import run_office

    return run_office(profile=getattr(args, "profile", "default"))


if __name__ == "__main__":
    sys.exit(main())
