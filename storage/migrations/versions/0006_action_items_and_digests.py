"""Action items and digests: schema changes of this area.

Adds ``action_items.via``: how a follow-up came about (``minutes`` when offered from the
decisions, ``mention``/``slash``/``dm``/``shortcut`` when written by hand). A ✅ on the
person's own "opgave: …" message completes the task; a ✅ on a message a task was merely
made *from* (the minutes, say) must not, and ``via`` tells the two apart.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("via", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_column("via")
