"""Meetings and agenda: schema changes of this area.

Adds ``meetings.sequence`` (the iCalendar SEQUENCE, raised when a meeting moves or is
cancelled), and on ``agenda_items`` the ``origin`` of an assembled entry (unique per
meeting, so a standing or carried-over item is never created twice), ``via`` (how a
proposal arrived) and ``related_item_id`` (an earlier treatment of the same matter).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("via", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("related_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_items_related_item_id_agenda_items"),
            "agenda_items",
            ["related_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_agenda_items_meeting_id"), ["meeting_id", "origin"]
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_agenda_items_meeting_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_agenda_items_related_item_id_agenda_items"), type_="foreignkey"
        )
        batch_op.drop_column("related_item_id")
        batch_op.drop_column("via")
        batch_op.drop_column("origin")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("sequence")
