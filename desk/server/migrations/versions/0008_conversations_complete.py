"""conversations complete (issue 13)

`thread.stopped_by` and `thread.stopped_at`: who stopped a group conversation and
when (seed 004). Conversations stopped before this revision take both from their
`stop` audit event, and their centre stamps them with a new version so clients
receive them.

`participant.unread_count`: a staff participant's own unread messages in a group
conversation; a muted participant's stays 0 (seed 004: muting really silences).

`delivery.language` (the language a text went out in) and `delivery.fallback_from`
(the failing channel a delivery replaces); the index on `(address, updated_at)`
finds the latest texts to a number, which an incoming reply answers; the one on
`attendance_event (centre_id, at)` finds who is signed in today.

`staff.access_changed_at` (server only): set when a staff member joins or leaves a
group conversation, so their feed starts over as after a room move.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 10:36:34
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("fallback_from", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.create_index(
            "ix_delivery_address_updated", ["address", "updated_at"], unique=False
        )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unread_count", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("access_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attendance_event_centre_at", ["centre_id", "at"], unique=False
        )
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stopped_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True))
    _backfill_stops()


def _backfill_stops() -> None:
    """Who stopped each conversation already stopped, from its first `stop` audit event."""
    bind = op.get_bind()
    stops = bind.execute(
        sa.text(
            "SELECT t.id, t.centre_id, a.actor_id, a.at FROM thread AS t"
            " JOIN audit_event AS a ON a.thread_id = t.id AND a.action = 'stop'"
            " WHERE t.stopped ORDER BY t.centre_id, t.id, a.at DESC"
        )
    ).all()
    first: dict[str, tuple[str, str | None, object]] = {}
    for thread_id, centre_id, actor_id, at in stops:
        first[thread_id] = (centre_id, actor_id, at)  # ordered newest first: the oldest wins
    versions: dict[str, int] = {}
    for thread_id, (centre_id, actor_id, at) in first.items():
        if centre_id not in versions:
            versions[centre_id] = bind.execute(
                sa.text(
                    "UPDATE sync_state SET version = version + 1 WHERE scope = :c"
                    " RETURNING version"
                ),
                {"c": centre_id},
            ).scalar_one()
        bind.execute(
            sa.text(
                "UPDATE thread SET stopped_by = :by, stopped_at = :at, version = :v"
                " WHERE id = :t"
            ),
            {"by": actor_id, "at": at, "v": versions[centre_id], "t": thread_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_column("stopped_at")
        batch_op.drop_column("stopped_by")
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_event_centre_at")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("access_changed_at")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("unread_count")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_address_updated")
        batch_op.drop_column("fallback_from")
        batch_op.drop_column("language")
