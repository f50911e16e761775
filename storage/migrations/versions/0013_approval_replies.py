"""Approval-thread replies: how each reply was read and what it recorded.

Adds ``approval_replies``: one row per member reply in the thread of an approval
request, so an edit re-reads the reply, a deletion withdraws what it recorded, and a
reply that was asked about ("Er det en indsigelse?") holds the round until answered.

Revision ID: 0013
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.base

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "approval_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reading", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_approval_replies_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["minutes_id"],
            ["minutes.id"],
            name=op.f("fk_approval_replies_minutes_id_minutes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_replies")),
        sa.UniqueConstraint(
            "minutes_id", "message_ts", name=op.f("uq_approval_replies_minutes_id")
        ),
    )
    with op.batch_alter_table("approval_replies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_approval_replies_message_ts"), ["message_ts"], unique=False
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("approval_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_replies_message_ts"))
    op.drop_table("approval_replies")
