"""Matters (sager): which agenda items across meetings treat the same matter.

Revision ID: 0011
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.base

revision = "0011"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "matter_links",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("linked_to", sa.Integer(), nullable=True),
        sa.Column("updated_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["agenda_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id"),
    )
    with op.batch_alter_table("matter_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_links_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_links_matter_id"), ["matter_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("matter_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_links_matter_id"))
        batch_op.drop_index(batch_op.f("ix_matter_links_group_id"))
    op.drop_table("matter_links")
