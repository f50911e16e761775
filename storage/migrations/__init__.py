"""Alembic migrations of referent's schema."""
