"""Search index: pre-analysed terms per agenda item, the vocabulary, FTS5 / tsvector.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.search_index import create_schema, drop_schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "search_documents",
        sa.Column("item_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("decision_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.Column("title_length", sa.Integer(), nullable=False),
        sa.Column("decision_length", sa.Integer(), nullable=False),
        sa.Column("body_length", sa.Integer(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_search_documents")),
    )
    op.create_index(
        op.f("ix_search_documents_group_id"), "search_documents", ["group_id"], unique=False
    )
    op.create_index(
        op.f("ix_search_documents_meeting_date"),
        "search_documents",
        ["meeting_date"],
        unique=False,
    )
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_search_terms")),
    )
    with op.batch_alter_table("agenda_items") as batch:
        batch.add_column(sa.Column("agenda_title", sa.Text(), nullable=True))
    create_schema(op.get_bind())


def downgrade() -> None:
    """Revert this migration."""
    drop_schema(op.get_bind())
    with op.batch_alter_table("agenda_items") as batch:
        batch.drop_column("agenda_title")
    op.drop_table("search_terms")
    op.drop_index(op.f("ix_search_documents_meeting_date"), table_name="search_documents")
    op.drop_index(op.f("ix_search_documents_group_id"), table_name="search_documents")
    op.drop_table("search_documents")
