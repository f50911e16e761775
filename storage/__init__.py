"""Storage layer: ORM models, repositories, the search index and migrations."""
