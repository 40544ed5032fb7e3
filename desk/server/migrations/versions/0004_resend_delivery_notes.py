"""resend deliveries that carry a note

`delivery.note` now travels on the change feed (issue 11). Clients that synced a
delivery before their cache had the column hold "" for it; re-stamping the
deliveries that carry a note with a new version of their centre sends them once
more. No schema change. As in every write (DESIGN.md §4), the centre's version is
bumped under its `sync_state` row lock, held to commit, and the rows are stamped
with it, so no client reads a version these rows are missing from.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    centres = bind.execute(
        sa.text("SELECT DISTINCT centre_id FROM delivery WHERE note <> ''")
    ).scalars().all()
    for centre in centres:
        version = bind.execute(
            sa.text(
                "UPDATE sync_state SET version = version + 1 WHERE scope = :centre"
                " RETURNING version"
            ),
            {"centre": centre},
        ).scalar()
        if version is None:  # a centre without a counter has no client to resend to
            continue
        bind.execute(
            sa.text(
                "UPDATE delivery SET version = :version"
                " WHERE centre_id = :centre AND note <> ''"
            ),
            {"version": version, "centre": centre},
        )


def downgrade() -> None:
    pass  # newer versions on unchanged rows are harmless to every client
