"""Per-group public-holiday calendar for approval deadlines.

Adds ``groups.holiday_calendar``: the country whose public holidays (with weekends)
move an approval deadline to the next working day (NULL: Denmark, ``none``: never
move it).

Revision ID: 0009
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holiday_calendar", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_column("holiday_calendar")
