"""Minutes approval: schema changes of this area.

Adds ``minutes.snapshot``: what one version of the minutes says (attendance, items and
their decisions) as it was sent for approval, so each version keeps its own record and a
revision can tell the members exactly what changed.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snapshot", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.drop_column("snapshot")
