"""`desk centre create|list`: the command-line side of `desk.server.centres`.

The admin's password is never an argument (argument lists show in `ps` and shell
history): it is asked twice on a terminal, or read as the first line of stdin so a
provisioning script can pipe it from its secret store.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from desk.server.centres import CentreRefused, create_centre, list_centres, require_current_schema
from desk.server.config import ServerSettings
from desk.server.db import open_database


def run_centre(args: argparse.Namespace, settings: ServerSettings) -> int:
    """Run `desk centre <action>`; answers the exit code."""
    database = open_database(settings.database_url)
    try:
        require_current_schema(database)
        if args.centre_command == "create":
            password = read_password(sys.stdin)
            made = create_centre(
                database,
                name=args.name,
                admin_username=args.admin_username,
                admin_password=password,
                timezone=args.timezone,
                phone_region=args.phone_region,
            )
            what = "created" if made.created else "already exists, unchanged"
            print(f"centre {made.centre_id} {what}; admin {args.admin_username} ({made.admin_id})")
            return 0
        for centre in list_centres(database):
            admins = ", ".join(centre.admins) or "no admin"
            print(f"{centre.id}\t{centre.name}\t{centre.staff} staff\tadmins: {admins}")
        return 0
    except CentreRefused as error:
        print(f"desk centre: {error}", file=sys.stderr)
        return 2
    finally:
        database.dispose()


def read_password(stream: TextIO) -> str:
    """The admin's password: prompted twice on a terminal, else stdin's first line.

    Raises:
        CentreRefused: the two entries differ, or stdin holds nothing.
    """
    if stream.isatty():
        first = getpass.getpass("Password for the centre's admin: ")
        if getpass.getpass("The same password again: ") != first:
            raise CentreRefused("the two passwords differ; nothing was created")
        return first
    line = stream.readline().rstrip("\r\n")
    if not line:
        raise CentreRefused("no password on stdin: pipe it in, one line, or run in a terminal")
    return line
