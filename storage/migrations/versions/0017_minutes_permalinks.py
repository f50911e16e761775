"""Minutes permalinks: the approval thread's Slack link, fetched once and cached.

Adds ``minutes_permalinks``: one row per minutes version whose approval round message
has been linked, so archive answers cite the thread without asking Slack each time.

Revision ID: 0017
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.base

revision = "0017"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "minutes_permalinks",
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("permalink", sa.String(length=500), nullable=False),
        sa.Column("fetched_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["minutes_id"],
            ["minutes.id"],
            name=op.f("fk_minutes_permalinks_minutes_id_minutes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("minutes_id", name=op.f("pk_minutes_permalinks")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("minutes_permalinks")
