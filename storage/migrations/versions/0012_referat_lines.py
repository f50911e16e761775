"""The referat written in Slack: its lines, and the DOCX/PDF of each version sent.

Revision ID: 0012
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "referat_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("source_channel", sa.String(length=32), nullable=True),
        sa.Column("source_ts", sa.String(length=32), nullable=True),
        sa.Column("written_by", sa.String(length=200), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["agenda_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_referat_lines_item_field", "referat_lines", ["item_id", "field"], unique=False
    )
    op.create_index(
        op.f("ix_referat_lines_source_ts"), "referat_lines", ["source_ts"], unique=False
    )

    op.create_table(
        "referat_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("slack_file_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["minutes_id"], ["minutes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referat_files")),
        sa.UniqueConstraint("minutes_id", "kind", name=op.f("uq_referat_files_minutes_id")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("referat_files")
    op.drop_index(op.f("ix_referat_lines_source_ts"), table_name="referat_lines")
    op.drop_index("ix_referat_lines_item_field", table_name="referat_lines")
    op.drop_table("referat_lines")
